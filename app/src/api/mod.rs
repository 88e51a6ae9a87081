//! Server functions, one file per resource. Thin: they read `AppState` from context and
//! answer with model types; everything only the server runs is behind the one `ssr` module.

#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod comments;
pub mod forms;
#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod history;
#[expect(
    missing_docs,
    reason = "#[server] generates undocumented argument structs"
)]
mod plans;
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
pub mod ssr;

pub use comments::{
    delete_comment, edit_comment, hide_comment, list_comments, post_comment, DeleteComment,
    EditComment, HideComment, ListComments, PostComment,
};
pub use history::{compare, get_history, Compare, GetHistory};
pub use plans::{
    get_plan, get_side_by_side, gone_expectations, GetPlan, GetSideBySide, GoneExpectations,
};
pub use profiles::{
    get_ladder, get_profile, get_scope, get_watched, search_catalog, skill_title, GetLadder,
    GetProfile, GetScope, GetWatched, SearchCatalog, SkillTitle,
};
pub use proposals::{
    accept_proposal, get_proposal, list_proposals, reject_proposal, review_queue, submit_proposal,
    who_am_i, withdraw_proposal, AcceptProposal, GetProposal, ListProposals, RejectProposal,
    ReviewQueue, SubmitProposal, WhoAmI, WithdrawProposal,
};

/// Marks the page being rendered on the server as made from what is published and its
/// address alone: the server's render cache may keep it until the next publish. Pages that
/// show proposals, comments or anything of the reader's must not call it.
pub fn cache_until_published() {
    #[cfg(feature = "ssr")]
    ssr::state::set_header(ssr::state::CACHE_MARK, ssr::state::CACHE_PUBLISHED);
}

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser,
/// where the status was already sent.
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    ssr::state::set_status(code);
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
