//! Reusable view pieces.

pub mod account;
// An island only in the builds with its feature (see Cargo.toml), so the lint fires only there.
#[allow(
    missing_docs,
    reason = "#[island] generates an undocumented props struct"
)]
pub mod comments;
mod compare;
mod cover_list;
pub mod editor;
pub mod embedded;
pub mod explorer;
mod export;
mod figures;
pub mod forms;
mod header;
mod level_picker;
pub mod lists;
mod marked;
mod matrix;
pub mod notes;
pub mod open_proposals;
mod page_header;
mod pager;
pub mod search_box;
pub mod selection;
pub mod theme_toggle;
pub mod watch;

pub use account::AccountNav;
pub use comments::{CommentThread, DeferredComments};
pub use compare::{Badge, CompareView, WordDiff};
pub use explorer::Explorer;
pub use export::ExportForm;
pub use figures::Figures;
pub use header::SiteHeader;
pub use level_picker::LevelPicker;
pub use marked::Marked;
pub use matrix::Matrix;
pub use open_proposals::OpenProposals;
pub use page_header::PageHeader;
pub use pager::{page_param, Pager};
pub use search_box::SearchBox;
pub use theme_toggle::ThemeToggle;
pub use watch::{WatchButton, WatchingLink};

/// What a page loads for its server render: `Resource::new(source, fetcher)` without the
/// copy of the answer a resource serializes into the page for hydration. Only islands
/// hydrate, and they get what they need as props, so that copy (5 KB of JSON on the profile
/// page) was never read. Not for islands: they would have to fetch it again.
pub fn page_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> leptos::prelude::AsyncDerived<T>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    leptos::prelude::AsyncDerived::new(move || fetcher(source()))
}
