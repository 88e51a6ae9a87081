//! One routed page per file.

mod catalog;
mod drafts;
mod ladder;
mod not_found;
mod profile;
mod suggest;
mod watching;

pub use catalog::CatalogPage;
pub use drafts::DraftsPage;
pub use ladder::LadderPage;
pub use not_found::{ErrorPanel, NotFound};
pub use profile::ProfilePage;
pub use suggest::SuggestPage;
pub use watching::WatchingPage;
