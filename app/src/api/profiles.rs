//! Reading published profiles.

use crate::error::AppError;
use crate::model::{CatalogEntry, Profile};
use leptos::prelude::*;

/// The profile published under `slug`, or `None` when there is none.
#[server(endpoint = "profile")]
pub async fn get_profile(slug: String) -> Result<Option<Profile>, AppError> {
    let state = crate::api::state::AppState::current()?;
    Ok(state.catalog.get(&slug).cloned())
}

/// Every published profile, in catalog order, without their cells.
#[server(endpoint = "profiles")]
pub async fn list_profiles() -> Result<Vec<CatalogEntry>, AppError> {
    let state = crate::api::state::AppState::current()?;
    Ok(state.catalog.entries())
}
