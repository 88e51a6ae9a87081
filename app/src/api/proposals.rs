//! Who is signed in, submitting a proposal, and reading the proposals of a skill.

use crate::error::AppError;
use crate::model::{
    Decided, ProposalDetail, ProposalSummary, QueueItem, Submission, Submitted, UserView,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::api::ssr::{
    acceptance, capitalised, decided_event, fail,
    guards::{existing_proposal, proposal_of, published, reviewer, signed_in, within_limit},
    internal, outbox, profile_at, refused,
    state::{AppState, Viewer},
    store::{unix_now, Decision, NewProposal, OutboxEvent, StoredProposal},
};

/// The signed-in user, or `None`.
#[server(endpoint = "me")]
pub async fn who_am_i() -> Result<Option<UserView>, AppError> {
    Ok(Viewer::current().user.map(|user| UserView {
        name: user.username,
        reviewer: user.reviewer,
    }))
}

/// Stores `submission` as a proposal of the signed-in user. Invalid fields are answered
/// with `Submitted::Invalid` and nothing is stored; the same idempotency key from the same
/// user returns the proposal stored the first time.
#[server(endpoint = "submit-proposal", input = Json)]
pub async fn submit_proposal(submission: Submission) -> Result<Submitted, AppError> {
    use crate::api::ssr::limits::Action;
    use crate::model::{Field, Problem};

    let submission = submission.normalized();
    let state = AppState::current()?;
    let user = signed_in()?;
    within_limit(&state, Action::Submit, &user)?;
    published(&state, &submission.slug)?;
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
    let now = unix_now();
    let proposal = NewProposal {
        slug: submission.slug.clone(),
        base_revision: submission.base_revision,
        author_id: user.id,
        idempotency_key: submission.idempotency_key.clone(),
        rationale: submission.rationale.clone(),
        cells: submission.changes(&base),
        created_at: now,
    };
    // Webhooks hear of it in the transaction that stores it, once its id is known.
    let opened = |id| {
        use crate::model::{Event, ProposalFacts, SkillRef};
        let facts = ProposalFacts::open(
            id,
            &user.username,
            proposal.base_revision,
            proposal.cells.len(),
            &proposal.rationale,
        );
        let event = Event::proposal(&state.links, SkillRef::of(&base), facts, now);
        Ok(vec![OutboxEvent::new(&event)?])
    };
    let (id, repeated) = state
        .store
        .submit_proposal(&proposal, &opened)
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
    Ok(Some(
        stored.into_iter().map(StoredProposal::summary).collect(),
    ))
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
        view: crate::model::ProposalView::new(stored.summary(), &base, &cells),
        merged,
        published_revision: state.revision_of(&slug),
        may_review: open && reviewer && !own,
        may_withdraw: open && own,
        reviewer_is_author: reviewer && own,
    }))
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
                summary: stored.summary(),
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
    use crate::model::{apply, merge, Date};
    let state = AppState::current()?;
    let user = reviewer()?;
    let stored = existing_proposal(&state, &slug, id).await?;
    if stored.author_id == user.id {
        return Ok(Decided::own_proposal());
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
    let now = unix_now();
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
    let (decision, events) = acceptance(
        &state,
        &stored,
        (&current, &next),
        published + 1,
        &user.username,
        now,
    )?;
    if let Err(err) = state
        .store
        .decide(id, user.id, &decision, &events, now)
        .await
    {
        return refused(err);
    }
    state.publish(next, published + 1);
    tracing::info!(id, slug, revision = published + 1, reviewer = %user.username, "proposal accepted");
    Ok(Decided::Done {
        revision: Some(published + 1),
    })
}

/// Rejects proposal `id` with a note its author sees. Reviewers only, and not their own.
#[server(endpoint = "reject")]
pub async fn reject_proposal(slug: String, id: i64, note: String) -> Result<Decided, AppError> {
    let state = AppState::current()?;
    let user = reviewer()?;
    let stored = existing_proposal(&state, &slug, id).await?;
    if stored.author_id == user.id {
        return Ok(Decided::own_proposal());
    }
    if let Some(message) = crate::model::review_note_problem(&note) {
        return Ok(Decided::Refused { message });
    }
    let now = unix_now();
    let events = outbox(&[decided_event(
        &state,
        &stored,
        crate::model::Status::Rejected,
        &user.username,
        Some(note.clone()),
        None,
        now,
    )])?;
    match state
        .store
        .decide(id, user.id, &Decision::Reject { note }, &events, now)
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
    let now = unix_now();
    let events = outbox(&[decided_event(
        &state,
        &stored,
        crate::model::Status::Withdrawn,
        &user.username,
        None,
        None,
        now,
    )])?;
    match state.store.withdraw(id, user.id, &events, now).await {
        Ok(()) => Ok(Decided::Done { revision: None }),
        Err(err) => refused(err),
    }
}
