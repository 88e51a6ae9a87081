//! Previous / next page links for long lists; nothing when everything fits on one page.

use leptos::prelude::*;

/// "Page 2 of 7" between previous and next links. `href(n)` is the address of page `n`.
#[component]
pub fn Pager(page: usize, pages: usize, href: impl Fn(usize) -> String) -> impl IntoView {
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| {
            view! { <a class="button button-quiet" rel="prev" href=href(page - 1)>"← Previous page"</a> }
        });
        let next = (page < pages).then(|| {
            view! { <a class="button button-quiet" rel="next" href=href(page + 1)>"Next page →"</a> }
        });
        view! {
            <nav class="pager" aria-label="Pages">
                {previous}
                <span class="pager-position">{format!("Page {page} of {pages}")}</span>
                {next}
            </nav>
        }
    })
}
