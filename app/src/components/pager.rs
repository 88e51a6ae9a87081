//! Previous / next page links for long lists; nothing when everything fits on one page.

use leptos::prelude::*;

/// The `page` query parameter: from 1; absent or not a number is the first page.
pub fn page_param(query: &leptos_router::params::ParamsMap) -> usize {
    query
        .get_str("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
}

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
