//! Reading the framework across skills for one reader's question: a role's growth plan for
//! a target level, and two role/level pairs side by side.

use crate::error::AppError;
use crate::model::{PlanView, SideBySideView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::ssr::state::AppState;

/// The plan of `role` for `level` across the catalog or `domain`, page `page`, with what
/// the form offers.
#[server(endpoint = "plan")]
pub async fn get_plan(
    role: Option<String>,
    level: Option<String>,
    domain: Option<String>,
    page: usize,
) -> Result<PlanView, AppError> {
    let state = AppState::current()?;
    let catalog = state.catalog();
    Ok(PlanView {
        choices: catalog.plan_choices(),
        plan: catalog.plan(role.as_deref(), level.as_deref(), domain.as_deref(), page),
    })
}

/// Side A against side B (`<role>/<level>` each) in `skill` or across every skill, page
/// `page`; `None` for an unknown skill.
#[server(endpoint = "side-by-side")]
pub async fn get_side_by_side(
    skill: Option<String>,
    a: Option<String>,
    b: Option<String>,
    page: usize,
) -> Result<Option<SideBySideView>, AppError> {
    let state = AppState::current()?;
    let catalog = state.catalog();
    Ok(catalog.side_by_side(skill.as_deref(), a.as_deref(), b.as_deref(), page))
}

/// Which of `keys` (`<skill>/<role>/<level>`, the expectations a reader has notes on) no
/// longer name a published expectation: the plan lists those notes as orphaned. Only the
/// keys are sent, never the notes; the first [`MAX_NOTES`](crate::model::MAX_NOTES) are read.
#[server(endpoint = "gone-expectations")]
pub async fn gone_expectations(keys: Vec<String>) -> Result<Vec<String>, AppError> {
    let state = AppState::current()?;
    let keys = &keys[..keys.len().min(crate::model::MAX_NOTES)];
    Ok(state
        .catalog()
        .gone_expectations(keys)
        .into_iter()
        .map(str::to_owned)
        .collect())
}
