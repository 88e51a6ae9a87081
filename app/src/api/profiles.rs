//! Reading published profiles: one profile, the catalog page, a role's ladder.

use crate::error::AppError;
use crate::model::{PlacedProfile, RoleLadder, ScopeView, SearchResults, WatchedNow};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::ssr::{revision_note, state::AppState};

/// The profile published under `slug`, or `None` when there is none.
#[server(endpoint = "profile")]
pub async fn get_profile(slug: String) -> Result<Option<PlacedProfile>, AppError> {
    let state = AppState::current()?;
    let catalog = state.catalog();
    let Some(profile) = catalog.get(&slug) else {
        return Ok(None);
    };
    let revision = state.revision_of(&slug);
    Ok(Some(PlacedProfile {
        profile: profile.clone(),
        neighbours: catalog.neighbours(&slug),
        revision,
        note: revision_note(&state, profile, revision).await,
    }))
}

/// The names and navigation of the catalog, a domain or a group; `None` when the domain or
/// group is unknown.
/// The title of the skill published under `slug`, or `None`: for pages that name the
/// skill and need nothing else of it (no copy of the whole profile).
#[server(endpoint = "skill-title")]
pub async fn skill_title(slug: String) -> Result<Option<String>, AppError> {
    let state = AppState::current()?;
    Ok(state.catalog().get(&slug).map(|p| p.title().to_owned()))
}

#[server(endpoint = "catalog-scope")]
pub async fn get_scope(
    domain: Option<String>,
    group: Option<String>,
) -> Result<Option<ScopeView>, AppError> {
    let state = AppState::current()?;
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
    let state = AppState::current()?;
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
    let state = AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.ladder(&role, level.as_deref(), page))
}

/// The skills of `slugs` that are published, as they are now (unknown slugs are left out;
/// only the first [`MAX_WATCHED`](crate::model::MAX_WATCHED) are read).
#[server(endpoint = "watched")]
pub async fn get_watched(slugs: Vec<String>) -> Result<Vec<WatchedNow>, AppError> {
    let state = AppState::current()?;
    let catalog = state.catalog();
    Ok(slugs
        .iter()
        .take(crate::model::MAX_WATCHED)
        .filter_map(|slug| catalog.get(slug))
        .map(|p| WatchedNow {
            slug: p.slug().to_string(),
            title: p.title().to_owned(),
            place: format!("{} › {}", p.domain(), p.group()),
            seen: crate::model::Seen::at(p, state.revision_of(p.slug().as_str())),
        })
        .collect())
}
