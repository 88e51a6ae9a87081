//! The server's half of the API, compiled only with `ssr`: the state server functions read,
//! the store they write through, rate limits, the guards changing functions start with, and
//! the helpers that turn store failures into [`AppError`]s. The resource files beside this
//! folder hold the server functions alone.

mod form_outcome;
pub mod guards;
pub mod limits;
pub mod state;
pub mod store;

pub use form_outcome::{outcome, FormOutcome};

use crate::error::AppError;
use state::AppState;
use store::StoreError;

/// Sets the response status for `err` (and `Retry-After` for a rate limit), then returns it.
pub(crate) fn fail(err: AppError) -> AppError {
    state::set_status(err.status());
    if let AppError::RateLimited { retry_after_secs } = err {
        state::set_header(http::header::RETRY_AFTER, &retry_after_secs.to_string());
    }
    err
}

/// Logs a store failure with its cause and answers with a sentence that has none.
pub(crate) fn internal(err: StoreError) -> AppError {
    tracing::error!(%err, "store failed");
    match err {
        StoreError::Unavailable(_) => fail(AppError::Unavailable),
        _ => fail(AppError::Internal),
    }
}

/// The profile `slug` as it was at revision `number`: from memory when it is the published
/// one, else from the store. `None` when there is no such revision.
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

/// `events` as the store keeps them; an internal error (logged) if one does not serialise.
pub(crate) fn outbox(events: &[crate::model::Event]) -> Result<Vec<store::OutboxEvent>, AppError> {
    events
        .iter()
        .map(store::OutboxEvent::new)
        .collect::<Result<_, _>>()
        .map_err(internal)
}

/// `proposal.decided` for `stored`, now `status` by `who` (with the reviewer's `note` or the
/// `revision` an acceptance published).
pub(crate) fn decided_event(
    state: &AppState,
    stored: &store::StoredProposal,
    status: crate::model::Status,
    who: &str,
    note: Option<String>,
    revision: Option<u32>,
    now: i64,
) -> crate::model::Event {
    use crate::model::{Event, SkillRef};
    // Skills are never unpublished; the slug stands in for a title that cannot be missing.
    let skill = state.catalog().get(&stored.slug).map_or_else(
        || SkillRef {
            slug: stored.slug.clone(),
            title: stored.slug.clone(),
        },
        SkillRef::of,
    );
    let facts = stored.facts().decided(status, who, note, revision);
    Event::proposal(&state.links, skill, facts, now)
}

/// What `reviewer` accepting `stored` asks of the store: publishing `next` (made from
/// `current`) as revision `number`, and the events that tell of it — `revision.published`
/// and `proposal.decided`.
pub(crate) fn acceptance(
    state: &AppState,
    stored: &store::StoredProposal,
    (current, next): (&crate::model::Profile, &crate::model::Profile),
    number: u32,
    reviewer: &str,
    now: i64,
) -> Result<(store::Decision, Vec<store::OutboxEvent>), AppError> {
    let profile_json = serde_json::to_string(next).map_err(|err| {
        tracing::error!(%err, "a profile does not serialise");
        fail(AppError::Internal)
    })?;
    let decision = store::Decision::Accept {
        revision: store::NewRevision {
            slug: stored.slug.clone(),
            source: (state.render_source)(next),
            profile_json,
            created_at: now,
            author_id: Some(stored.author_id),
            proposal_id: Some(stored.id),
        },
        number,
    };
    let events = outbox(&[
        crate::model::Event::revision_published(
            &state.links,
            Some(current),
            next,
            number,
            Some((stored.id, &stored.author)),
            now,
        ),
        decided_event(
            state,
            stored,
            crate::model::Status::Accepted,
            reviewer,
            None,
            Some(number),
            now,
        ),
    ])?;
    Ok((decision, events))
}

/// A store refusal a reviewer can act on, or an internal error.
pub(crate) fn refused(err: StoreError) -> Result<crate::model::Decided, AppError> {
    match err {
        StoreError::Stale(message) => Ok(crate::model::Decided::Refused {
            message: message.to_owned(),
        }),
        other => Err(internal(other)),
    }
}

/// `text` with its first letter in upper case, to end a sentence-fragment error as a sentence.
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// How revision `number` of `profile` came about, from the store; `None` (logged) when the
/// store cannot say, so the page still shows what is published.
pub(crate) async fn revision_note(
    state: &AppState,
    profile: &crate::model::Profile,
    number: u32,
) -> Option<crate::model::RevisionNote> {
    let slug = profile.slug().as_str();
    let key = (slug.to_owned(), number);
    if let Some(note) = known(state).get(&key) {
        return Some(note.clone());
    }
    let newest = match state.store.recent_revisions(Some(slug), 1).await {
        Ok(mut found) => found.pop().filter(|r| r.number == number)?,
        Err(err) => {
            tracing::warn!(%err, slug, "no revision note: the store did not answer");
            return None;
        }
    };
    let changed = newest
        .previous_json
        .and_then(|json| serde_json::from_str::<crate::model::Profile>(&json).ok())
        .map_or(0, |before| {
            crate::model::compare_revisions(&before, profile).len()
        });
    let note = crate::model::RevisionNote {
        number,
        date: crate::model::Date::from_unix_seconds(newest.created_at),
        changed,
    };
    known(state).insert(key, note.clone());
    Some(note)
}

/// The revision notes read so far. A poisoned lock only means another request panicked
/// mid-insert; the map is intact.
fn known(
    state: &AppState,
) -> std::sync::MutexGuard<'_, std::collections::HashMap<(String, u32), crate::model::RevisionNote>>
{
    state
        .notes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
