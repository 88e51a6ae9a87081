//! One routed page per file.

mod account;
mod catalog;
mod comments;
pub mod drafts;
mod embed;
mod history;
mod ladder;
mod not_found;
mod profile;
mod proposals;
mod review;
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
pub use profile::ProfilePage;
pub use proposals::{ProposalPage, ProposalsPage};
pub use review::ReviewPage;
pub use suggest::SuggestPage;
pub use watching::WatchingPage;
