//! Who is signed in, submitting a proposal, and reading the proposals of a skill.

use crate::error::AppError;
use crate::model::{Decided, ProposalDetail, ProposalSummary, QueueItem, Submission, Submitted};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::api::guards::{existing_proposal, proposal_of, reviewer, signed_in};
#[cfg(feature = "ssr")]
use crate::api::state::{AppState, Viewer};
#[cfg(feature = "ssr")]
use crate::model::ProposalView;

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
pub(crate) fn fail(err: AppError) -> AppError {
    crate::api::state::set_status(err.status());
    if let AppError::RateLimited { retry_after_secs } = err {
        crate::api::state::set_header(http::header::RETRY_AFTER, &retry_after_secs.to_string());
    }
    err
}

/// Logs a store failure with its cause and answers with a sentence that has none.
#[cfg(feature = "ssr")]
pub(crate) fn internal(err: crate::api::store::StoreError) -> AppError {
    tracing::error!(%err, "store failed");
    match err {
        crate::api::store::StoreError::Unavailable(_) => fail(AppError::Unavailable),
        _ => fail(AppError::Internal),
    }
}

/// The profile `slug` as it was at revision `number`: from memory when it is the published
/// one, else from the store. `None` when there is no such revision.
#[cfg(feature = "ssr")]
pub async fn profile_at(
    state: &AppState,
    slug: &str,
    number: u32,
) -> Result<Option<crate::model::Profile>, AppError> {
    if number == state.revision_of(slug) {
        return Ok(state.catalog().get(slug).cloned());
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

    let submission = submission.normalized();
    let state = AppState::current()?;
    let user = signed_in()?;
    crate::api::guards::within_limit(&state, Action::Submit, &user)?;
    crate::api::guards::published(&state, &submission.slug)?;
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
    let now = crate::api::store::unix_now();
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
    if state.catalog().get(&slug).is_none() {
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
        reviewer: stored.reviewer,
        review_note: stored.review_note,
    }
}

/// Proposal `id` of `slug`: each edited cell beside its base, how it merges into the
/// published profile, and what the viewer may do. `None` when there is no such proposal of
/// that skill.
#[server(endpoint = "proposal")]
pub async fn get_proposal(slug: String, id: i64) -> Result<Option<ProposalDetail>, AppError> {
    use crate::model::{describe, merge, Status};
    let state = AppState::current()?;
    let Some(stored) = proposal_of(&state, &slug, id).await? else {
        return Ok(None);
    };
    let Some(base) = profile_at(&state, &slug, stored.base_revision).await? else {
        tracing::error!(id, slug, "a proposal's base revision is missing");
        return Err(fail(AppError::Internal));
    };
    let Some(current) = state.catalog().get(&slug).cloned() else {
        return Ok(None);
    };
    let viewer = Viewer::current().user;
    let open = stored.status == Status::Open;
    let own = viewer.as_ref().is_some_and(|u| u.id == stored.author_id);
    let reviewer = viewer.as_ref().is_some_and(|u| u.reviewer);
    let merged = merge(&base, &current, &stored.cells)
        .into_iter()
        .map(|m| {
            let key = crate::model::cell_key(&m.proposed.level, &m.proposed.role);
            (describe(&current, &key).unwrap_or(key), m)
        })
        .collect();
    let cells = stored.cells.clone();
    Ok(Some(ProposalDetail {
        view: ProposalView::new(summary(stored), &base, &cells),
        merged,
        published_revision: state.revision_of(&slug),
        may_review: open && reviewer && !own,
        may_withdraw: open && own,
        own: reviewer && own,
    }))
}

/// A store refusal a reviewer can act on, or an internal error.
#[cfg(feature = "ssr")]
fn refused(err: crate::api::store::StoreError) -> Result<Decided, AppError> {
    match err {
        crate::api::store::StoreError::Stale(message) => Ok(Decided::Refused {
            message: message.to_owned(),
        }),
        other => Err(internal(other)),
    }
}

/// Every open proposal across all skills, oldest first. Reviewers only.
#[server(endpoint = "review-queue")]
pub async fn review_queue() -> Result<Vec<QueueItem>, AppError> {
    let state = AppState::current()?;
    reviewer()?;
    let catalog = state.catalog();
    let open = state.store.open_proposals().await.map_err(internal)?;
    Ok(open
        .into_iter()
        .filter_map(|stored| {
            let title = catalog.get(&stored.slug)?.title().to_owned();
            let stale = stored.base_revision < state.revision_of(&stored.slug);
            Some(QueueItem {
                summary: summary(stored),
                title,
                stale,
            })
        })
        .collect())
}

/// Accepts proposal `id`: its clean cells and the reviewer's `resolutions` of conflicting
/// ones become the next revision of the skill, published at once. Refused when the skill
/// moved on since `published_revision` (the page the reviewer decided on), when a conflict
/// is unresolved, or for the reviewer's own proposal.
#[server(endpoint = "accept")]
pub async fn accept_proposal(
    slug: String,
    id: i64,
    published_revision: u32,
    // A form without conflicts posts none.
    #[server(default)] resolutions: Vec<crate::model::Resolution>,
) -> Result<Decided, AppError> {
    use crate::api::store::{Decision, NewRevision};
    use crate::model::{apply, merge, Date};
    let state = AppState::current()?;
    let user = reviewer()?;
    let stored = existing_proposal(&state, &slug, id).await?;
    if stored.author_id == user.id {
        return Ok(own_proposal());
    }
    let published = state.revision_of(&slug);
    if published != published_revision {
        return Ok(Decided::Refused {
            message: "The skill changed since this page was opened. Reload it and review against the newest version.".into(),
        });
    }
    let (Some(base), Some(current)) = (
        profile_at(&state, &slug, stored.base_revision).await?,
        state.catalog().get(&slug).cloned(),
    ) else {
        tracing::error!(
            id,
            slug,
            "a proposal's base revision or its skill is missing"
        );
        return Err(fail(AppError::Internal));
    };
    let merged = merge(&base, &current, &stored.cells);
    let now = crate::api::store::unix_now();
    let next = match apply(
        &current,
        &merged,
        &resolutions,
        Date::from_unix_seconds(now),
    ) {
        Ok(next) => next,
        Err(err) => {
            return Ok(Decided::Refused {
                message: format!("{}.", capitalised(&err.to_string())),
            })
        }
    };
    let profile_json = serde_json::to_string(&next).map_err(|err| {
        tracing::error!(%err, "a profile does not serialise");
        fail(AppError::Internal)
    })?;
    let decision = Decision::Accept {
        revision: NewRevision {
            slug: slug.clone(),
            source: (state.render_source)(&next),
            profile_json,
            created_at: now,
            author_id: Some(stored.author_id),
            proposal_id: Some(id),
        },
        number: published + 1,
    };
    if let Err(err) = state.store.decide(id, user.id, &decision, now).await {
        return refused(err);
    }
    state.publish(next, published + 1);
    tracing::info!(id, slug, revision = published + 1, reviewer = %user.username, "proposal accepted");
    Ok(Decided::Done {
        revision: Some(published + 1),
    })
}

/// One rule for both decisions: a reviewer never decides on their own proposal (they may
/// withdraw it, as any author may).
#[cfg(feature = "ssr")]
fn own_proposal() -> Decided {
    Decided::Refused {
        message: "You cannot decide on your own proposal: another reviewer must. You can withdraw it instead.".into(),
    }
}

#[cfg(feature = "ssr")]
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Longest review note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Rejects proposal `id` with a note its author sees. Reviewers only, and not their own.
#[server(endpoint = "reject")]
pub async fn reject_proposal(slug: String, id: i64, note: String) -> Result<Decided, AppError> {
    use crate::api::store::Decision;
    let state = AppState::current()?;
    let user = reviewer()?;
    let stored = existing_proposal(&state, &slug, id).await?;
    if stored.author_id == user.id {
        return Ok(own_proposal());
    }
    let chars = note.chars().count();
    if note.contains('\0') {
        return Ok(Decided::Refused {
            message: "The note contains an invisible NUL character (often pasted from another program). Remove it and try again.".into(),
        });
    }
    if note.trim().is_empty() || chars > MAX_NOTE_CHARS {
        return Ok(Decided::Refused {
            message: format!(
                "Write a note of 1 to {MAX_NOTE_CHARS} characters telling the author why (this one has {chars})."
            ),
        });
    }
    match state
        .store
        .decide(
            id,
            user.id,
            &Decision::Reject { note },
            crate::api::store::unix_now(),
        )
        .await
    {
        Ok(()) => Ok(Decided::Done { revision: None }),
        Err(err) => refused(err),
    }
}

/// The author takes back their open proposal `id`.
#[server(endpoint = "withdraw")]
pub async fn withdraw_proposal(slug: String, id: i64) -> Result<Decided, AppError> {
    let state = AppState::current()?;
    let user = signed_in()?;
    let stored = existing_proposal(&state, &slug, id).await?;
    if stored.author_id != user.id {
        return Err(fail(AppError::NotYours));
    }
    match state
        .store
        .withdraw(id, user.id, crate::api::store::unix_now())
        .await
    {
        Ok(()) => Ok(Decided::Done { revision: None }),
        Err(err) => refused(err),
    }
}
