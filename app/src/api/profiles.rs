//! Reading published profiles: one profile, the catalog page, a role's ladder.

use crate::error::AppError;
use crate::model::{Neighbours, Profile, RoleLadder, ScopeView, SearchResults, Seen};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A profile and its place in its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedProfile {
    /// The profile.
    pub profile: Profile,
    /// The skills before and after it in its group.
    pub neighbours: Neighbours,
    /// The revision published, which a draft records as its base.
    pub revision: u32,
}

/// The profile published under `slug`, or `None` when there is none.
#[server(endpoint = "profile")]
pub async fn get_profile(slug: String) -> Result<Option<PlacedProfile>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.get(&slug).map(|profile| PlacedProfile {
        profile: profile.clone(),
        neighbours: catalog.neighbours(&slug),
        revision: state.revision_of(&slug),
    }))
}

/// The names and navigation of the catalog, a domain or a group; `None` when the domain or
/// group is unknown.
/// The title of the skill published under `slug`, or `None`: for pages that name the
/// skill and need nothing else of it (no copy of the whole profile).
#[server(endpoint = "skill-title")]
pub async fn skill_title(slug: String) -> Result<Option<String>, AppError> {
    let state = crate::api::state::AppState::current()?;
    Ok(state.catalog().get(&slug).map(|p| p.title().to_owned()))
}

#[server(endpoint = "catalog-scope")]
pub async fn get_scope(
    domain: Option<String>,
    group: Option<String>,
) -> Result<Option<ScopeView>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.scope(&crate::model::Scope { domain, group }))
}

/// One page of the skills of the catalog, a domain or a group that match `query`; `None`
/// when the domain or group is unknown.
#[server(endpoint = "catalog-search")]
pub async fn search_catalog(
    domain: Option<String>,
    group: Option<String>,
    query: String,
    page: usize,
) -> Result<Option<SearchResults>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.search(&crate::model::Scope { domain, group }, &query, page))
}

/// One page of a role's ladder with the texts of `level`; `None` for an unknown role.
#[server(endpoint = "ladder")]
pub async fn get_ladder(
    role: String,
    level: Option<String>,
    page: usize,
) -> Result<Option<RoleLadder>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.ladder(&role, level.as_deref(), page))
}

/// Most watched skills one request asks about.
pub const MAX_WATCHED: usize = 500;

/// A watched skill as published now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedNow {
    /// URL name.
    pub slug: String,
    /// Title now.
    pub title: String,
    /// Domain › group, for context.
    pub place: String,
    /// What a reader sees of it now.
    pub seen: Seen,
}

/// The skills of `slugs` that are published, as they are now (unknown slugs are left out;
/// only the first [`MAX_WATCHED`] are read).
#[server(endpoint = "watched")]
pub async fn get_watched(slugs: Vec<String>) -> Result<Vec<WatchedNow>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let catalog = state.catalog();
    Ok(slugs
        .iter()
        .take(MAX_WATCHED)
        .filter_map(|slug| catalog.get(slug))
        .map(|p| WatchedNow {
            slug: p.slug().to_string(),
            title: p.title().to_owned(),
            place: format!("{} › {}", p.domain(), p.group()),
            seen: Seen::at(p, state.revision_of(p.slug().as_str())),
        })
        .collect())
}
