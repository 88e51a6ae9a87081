//! Server functions, one file per resource. Thin: they read `AppState` from context and
//! answer with model types.

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

pub use profiles::{
    get_ladder, get_profile, get_scope, get_watched, search_catalog, GetLadder, GetProfile,
    GetScope, GetWatched, PlacedProfile, SearchCatalog, WatchedNow, MAX_WATCHED,
};
pub use proposals::{
    get_proposal, list_proposals, submit_proposal, who_am_i, GetProposal, ListProposals,
    SubmitProposal, UserView, WhoAmI,
};

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser,
/// where the status was already sent.
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    state::set_status(code);
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
