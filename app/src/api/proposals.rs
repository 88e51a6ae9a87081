//! Who is signed in, submitting a proposal, and reading the proposals of a skill.

use crate::error::AppError;
use crate::model::{ProposalSummary, ProposalView, Submission, Submitted};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::api::state::{AppState, Viewer};

/// The signed-in user as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// Username.
    pub name: String,
    /// May review proposals.
    pub reviewer: bool,
}

/// The signed-in user, or `None`.
#[server(endpoint = "me")]
pub async fn who_am_i() -> Result<Option<UserView>, AppError> {
    Ok(Viewer::current().user.map(|user| UserView {
        name: user.username,
        reviewer: user.reviewer,
    }))
}

/// Sets the response status for `err` (and `Retry-After` for a rate limit), then returns it.
#[cfg(feature = "ssr")]
fn fail(err: AppError) -> AppError {
    crate::api::state::set_status(err.status());
    if let AppError::RateLimited { retry_after_secs } = err {
        crate::api::state::set_header(http::header::RETRY_AFTER, &retry_after_secs.to_string());
    }
    err
}

/// Logs a store failure with its cause and answers with a sentence that has none.
#[cfg(feature = "ssr")]
fn internal(err: crate::api::store::StoreError) -> AppError {
    tracing::error!(%err, "store failed");
    fail(AppError::Internal)
}

/// The profile `slug` as it was at revision `number`: from memory when it is the published
/// one, else from the store. `None` when there is no such revision.
#[cfg(feature = "ssr")]
async fn profile_at(
    state: &AppState,
    slug: &str,
    number: u32,
) -> Result<Option<crate::model::Profile>, AppError> {
    if number == state.revision_of(slug) {
        return Ok(state.catalog.get(slug).cloned());
    }
    let Some(stored) = state.store.revision(slug, number).await.map_err(internal)? else {
        return Ok(None);
    };
    serde_json::from_str(&stored.profile_json)
        .map(Some)
        .map_err(|err| {
            tracing::error!(%err, slug, number, "a stored revision does not parse");
            fail(AppError::Internal)
        })
}

/// Stores `submission` as a proposal of the signed-in user. Invalid fields are answered
/// with `Submitted::Invalid` and nothing is stored; the same idempotency key from the same
/// user returns the proposal stored the first time.
#[server(endpoint = "submit-proposal", input = Json)]
pub async fn submit_proposal(submission: Submission) -> Result<Submitted, AppError> {
    use crate::api::limits::Action;
    use crate::model::{Field, Problem};

    let state = AppState::current()?;
    let user = Viewer::current()
        .user
        .ok_or_else(|| fail(AppError::SignInRequired))?;
    if let Err(wait) = state.limits.check(
        Action::Submit,
        &user.id.to_string(),
        std::time::Instant::now(),
    ) {
        return Err(fail(AppError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        }));
    }
    if state.catalog.get(&submission.slug).is_none() {
        return Err(fail(AppError::NotFound));
    }
    let Some(base) = profile_at(&state, &submission.slug, submission.base_revision).await? else {
        return Ok(Submitted::Invalid {
            problems: vec![Problem {
                field: Field::Draft,
                message: format!(
                    "This draft names revision {} of the skill, which does not exist. Start a new draft from the published skill.",
                    submission.base_revision
                ),
            }],
        });
    };
    let problems = submission.problems(&base);
    if !problems.is_empty() {
        return Ok(Submitted::Invalid { problems });
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let proposal = crate::api::store::NewProposal {
        slug: submission.slug.clone(),
        base_revision: submission.base_revision,
        author_id: user.id,
        idempotency_key: submission.idempotency_key.clone(),
        rationale: submission.rationale.clone(),
        cells: submission.changes(&base),
        created_at: now,
    };
    let (id, repeated) = state
        .store
        .submit_proposal(&proposal)
        .await
        .map_err(internal)?;
    tracing::info!(id, repeated, slug = %submission.slug, user = %user.username, "proposal submitted");
    Ok(Submitted::Accepted { id, repeated })
}

/// The proposals of `slug`, newest first; `None` for an unknown skill.
#[server(endpoint = "proposals")]
pub async fn list_proposals(slug: String) -> Result<Option<Vec<ProposalSummary>>, AppError> {
    let state = AppState::current()?;
    if state.catalog.get(&slug).is_none() {
        return Ok(None);
    }
    let stored = state.store.proposals_for(&slug).await.map_err(internal)?;
    Ok(Some(stored.into_iter().map(summary).collect()))
}

#[cfg(feature = "ssr")]
fn summary(stored: crate::api::store::StoredProposal) -> ProposalSummary {
    ProposalSummary {
        id: stored.id,
        slug: stored.slug,
        status: stored.status,
        author: stored.author,
        created: crate::model::Date::from_unix_seconds(stored.created_at),
        base_revision: stored.base_revision,
        cells: stored.cells.len(),
        rationale: stored.rationale,
    }
}

/// Proposal `id` of `slug` with each edited cell beside its base; `None` when there is no
/// such proposal of that skill.
#[server(endpoint = "proposal")]
pub async fn get_proposal(slug: String, id: i64) -> Result<Option<ProposalView>, AppError> {
    let state = AppState::current()?;
    let Some(stored) = state.store.proposal(id).await.map_err(internal)? else {
        return Ok(None);
    };
    if stored.slug != slug {
        return Ok(None);
    }
    let Some(base) = profile_at(&state, &slug, stored.base_revision).await? else {
        tracing::error!(id, slug, "a proposal's base revision is missing");
        return Err(fail(AppError::Internal));
    };
    let cells = stored.cells.clone();
    Ok(Some(ProposalView::new(summary(stored), &base, &cells)))
}
