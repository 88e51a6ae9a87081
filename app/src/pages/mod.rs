//! One routed page per file.

mod catalog;
mod ladder;
mod not_found;
mod profile;

pub use catalog::CatalogPage;
pub use ladder::LadderPage;
pub use not_found::{ErrorPanel, NotFound};
pub use profile::ProfilePage;
