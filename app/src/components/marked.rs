//! Text with search matches wrapped in `<mark>`.

use crate::model::split_marked;
use leptos::prelude::*;

/// `text` with the byte ranges of `marks` highlighted.
#[component]
pub fn Marked(text: String, #[prop(optional)] marks: Vec<(usize, usize)>) -> impl IntoView {
    split_marked(&text, &marks)
        .into_iter()
        .map(|(run, marked)| {
            let run = run.to_owned();
            if marked {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
}
