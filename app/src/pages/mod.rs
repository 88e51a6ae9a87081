//! One routed page per file.

mod catalog;
mod ladder;
mod not_found;
mod profile;
mod watching;

pub use catalog::CatalogPage;
pub use ladder::LadderPage;
pub use not_found::{ErrorPanel, NotFound};
pub use profile::ProfilePage;
pub use watching::WatchingPage;
