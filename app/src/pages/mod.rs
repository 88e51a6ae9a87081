//! One routed page per file, and [`page_loader`], how a page about one thing loads it.

mod account;
mod catalog;
mod comments;
pub mod drafts;
mod embed;
mod history;
mod ladder;
mod not_found;
pub mod plan;
mod profile;
mod proposals;
mod review;
pub mod side_by_side;
pub mod suggest;
pub mod watching;

pub use account::{SignInPage, SignUpPage};
pub use catalog::CatalogPage;
pub use comments::CommentsPage;
pub use drafts::DraftsPage;
pub use embed::EmbedPage;
pub use history::{compare_href, ComparePage, HistoryPage};
pub use ladder::LadderPage;
pub use not_found::{ErrorPanel, NotFound};
pub use plan::PlanPage;
pub use profile::ProfilePage;
pub use proposals::{ProposalPage, ProposalsPage};
pub use review::ReviewPage;
pub use side_by_side::SideBySidePage;
pub use suggest::SuggestPage;
pub use watching::WatchingPage;

use crate::error::AppError;
use leptos::prelude::*;
use std::future::Future;

/// A page about one thing, loaded by `load`: `loading` said while it loads, then `show`'s
/// page for what it found (`Ok(Some(_))`; `show` may load more first), the 404 page when
/// there is no such thing (`Ok(None)`), or the error panel, each with its status.
pub fn page_loader<T, V, Fut>(
    loading: &'static str,
    load: AsyncDerived<Result<Option<T>, AppError>>,
    show: impl Fn(T) -> Fut + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    Fut: Future<Output = V> + Send + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{loading}</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match load.await {
                        Ok(Some(found)) => show(found).await.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
