//! A skill's revisions and the differences between any two of them.

use crate::error::AppError;
use crate::model::{CellDiff, Date};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A revision in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionEntry {
    /// Its number.
    pub number: u32,
    /// The UTC day it was published.
    pub date: Date,
    /// Whose change it was; `None` for the content files.
    pub author: Option<String>,
    /// The accepted proposal it came from.
    pub proposal_id: Option<i64>,
}

/// A skill's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The skill's title now.
    pub title: String,
    /// Newest first.
    pub revisions: Vec<RevisionEntry>,
}

/// The revisions of `slug`, newest first; `None` for an unknown skill.
#[server(endpoint = "history")]
pub async fn get_history(slug: String) -> Result<Option<History>, AppError> {
    let state = crate::api::state::AppState::current()?;
    let Some(title) = state.catalog().get(&slug).map(|p| p.title().to_owned()) else {
        return Ok(None);
    };
    let revisions = state
        .store
        .revisions_of(&slug)
        .await
        .map_err(crate::api::proposals::internal)?
        .into_iter()
        .map(|r| RevisionEntry {
            number: r.number,
            date: Date::from_unix_seconds(r.created_at),
            author: r.author,
            proposal_id: r.proposal_id,
        })
        .collect();
    Ok(Some(History { title, revisions }))
}

/// Two revisions of a skill compared cell by cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    /// The skill's title now.
    pub title: String,
    /// The older revision.
    pub from: u32,
    /// The newer revision.
    pub to: u32,
    /// Every revision number, newest first, for choosing others.
    pub numbers: Vec<u32>,
    /// The cells that differ.
    pub cells: Vec<CellDiff>,
}

/// Revisions `from` and `to` of `slug` compared; `None` when the skill or either revision
/// does not exist.
#[server(endpoint = "compare")]
pub async fn compare(slug: String, from: u32, to: u32) -> Result<Option<RevisionDiff>, AppError> {
    use crate::api::proposals::profile_at;
    let state = crate::api::state::AppState::current()?;
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
        .map_err(crate::api::proposals::internal)?
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
