//! A skill's revisions and the differences between any two of them.

use crate::error::AppError;
use crate::model::{History, RevisionDiff};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::ssr::{internal, profile_at, state::AppState};

/// The revisions of `slug`, newest first; `None` for an unknown skill.
#[server(endpoint = "history")]
pub async fn get_history(slug: String) -> Result<Option<History>, AppError> {
    let state = AppState::current()?;
    let Some(title) = state.catalog().get(&slug).map(|p| p.title().to_owned()) else {
        return Ok(None);
    };
    let revisions = state
        .store
        .revisions_of(&slug)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| crate::model::RevisionEntry {
            number: r.number,
            date: crate::model::Date::from_unix_seconds(r.created_at),
            author: r.author,
            proposal_id: r.proposal_id,
        })
        .collect();
    Ok(Some(History { title, revisions }))
}

/// Revisions `from` and `to` of `slug` compared; `None` when the skill or either revision
/// does not exist.
#[server(endpoint = "compare")]
pub async fn compare(slug: String, from: u32, to: u32) -> Result<Option<RevisionDiff>, AppError> {
    let state = AppState::current()?;
    let Some(title) = state.catalog().get(&slug).map(|p| p.title().to_owned()) else {
        return Ok(None);
    };
    let (Some(old), Some(new)) = (
        profile_at(&state, &slug, from).await?,
        profile_at(&state, &slug, to).await?,
    ) else {
        return Ok(None);
    };
    let numbers = state
        .store
        .revisions_of(&slug)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| r.number)
        .collect();
    Ok(Some(RevisionDiff {
        title,
        from,
        to,
        numbers,
        cells: crate::model::compare_revisions(&old, &new),
    }))
}
