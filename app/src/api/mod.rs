//! Server functions, one file per resource. Thin: they read `AppState` from context and
//! answer with model types.

#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod comments;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod guards;
#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod history;
#[cfg(feature = "ssr")]
pub mod limits;
#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod profiles;
#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod proposals;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

pub use comments::{
    delete_comment, edit_comment, hide_comment, list_comments, post_comment, CommentOutcome,
    DeleteComment, EditComment, HideComment, ListComments, PostComment,
};
pub use history::{
    compare, get_history, Compare, GetHistory, History, RevisionDiff, RevisionEntry,
};
pub use profiles::{
    get_ladder, get_profile, get_scope, get_watched, search_catalog, skill_title, GetLadder,
    GetProfile, GetScope, GetWatched, PlacedProfile, SearchCatalog, SkillTitle, WatchedNow,
    MAX_WATCHED,
};
#[cfg(feature = "ssr")]
pub use proposals::profile_at;
pub use proposals::{
    accept_proposal, get_proposal, list_proposals, reject_proposal, review_queue, submit_proposal,
    who_am_i, withdraw_proposal, AcceptProposal, GetProposal, ListProposals, RejectProposal,
    ReviewQueue, SubmitProposal, UserView, WhoAmI, WithdrawProposal, MAX_NOTE_CHARS,
};

/// Marks the page being rendered on the server as made from what is published and its
/// address alone: the server's render cache may keep it until the next publish. Pages that
/// show proposals, comments or anything of the reader's must not call it.
pub fn cache_until_published() {
    #[cfg(feature = "ssr")]
    state::set_header(state::CACHE_MARK, state::CACHE_PUBLISHED);
}

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser,
/// where the status was already sent.
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    state::set_status(code);
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
