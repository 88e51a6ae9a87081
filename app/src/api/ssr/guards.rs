//! The checks changing server functions start with, one place each so every function says
//! the same: who is signed in, whether they review, whether they are within their rate
//! limit, and whether the skill, proposal or comment they name exists. Each sets the
//! response status of its refusal ([`fail`]).

use super::limits::Action;
use super::state::{AppState, Viewer};
use super::store::{StoredComment, StoredProposal, User};
use super::{fail, internal};
use crate::error::AppError;

/// The signed-in user, or [`AppError::SignInRequired`].
pub fn signed_in() -> Result<User, AppError> {
    Viewer::current()
        .user
        .ok_or_else(|| fail(AppError::SignInRequired))
}

/// The signed-in user if they review proposals, or [`AppError::NotAllowed`].
pub fn reviewer() -> Result<User, AppError> {
    let user = signed_in()?;
    if user.reviewer {
        Ok(user)
    } else {
        Err(fail(AppError::NotAllowed))
    }
}

/// `user` may do `action` once more now, or [`AppError::RateLimited`] says how long to wait.
pub fn within_limit(state: &AppState, action: Action, user: &User) -> Result<(), AppError> {
    state
        .limits
        .check(action, &user.id.to_string(), std::time::Instant::now())
        .map_err(|wait| {
            fail(AppError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            })
        })
}

/// `slug` is published, or [`AppError::NotFound`].
pub fn published(state: &AppState, slug: &str) -> Result<(), AppError> {
    if state.catalog().get(slug).is_some() {
        Ok(())
    } else {
        Err(fail(AppError::NotFound))
    }
}

/// Proposal `id` of `slug`, if there is one.
pub async fn proposal_of(
    state: &AppState,
    slug: &str,
    id: i64,
) -> Result<Option<StoredProposal>, AppError> {
    Ok(state
        .store
        .proposal(id)
        .await
        .map_err(internal)?
        .filter(|stored| stored.slug == slug))
}

/// Proposal `id` of `slug`, or [`AppError::NoSuchProposal`].
pub async fn existing_proposal(
    state: &AppState,
    slug: &str,
    id: i64,
) -> Result<StoredProposal, AppError> {
    proposal_of(state, slug, id)
        .await?
        .ok_or_else(|| fail(AppError::NoSuchProposal))
}

/// Comment `id`, or [`AppError::NoSuchComment`].
pub async fn existing_comment(state: &AppState, id: i64) -> Result<StoredComment, AppError> {
    state
        .store
        .comment(id)
        .await
        .map_err(internal)?
        .ok_or_else(|| fail(AppError::NoSuchComment))
}

/// The comment `id` if the signed-in user wrote it (or, with `moderate`, is a reviewer):
/// [`AppError::NotYours`] for someone else's, [`AppError::NotAllowed`] for a non-reviewer
/// moderating.
pub async fn changeable_comment(
    state: &AppState,
    id: i64,
    moderate: bool,
) -> Result<StoredComment, AppError> {
    let user = signed_in()?;
    let comment = existing_comment(state, id).await?;
    match (moderate, user.reviewer, user.id == comment.author_id) {
        (true, true, _) | (false, _, true) => Ok(comment),
        (true, false, _) => Err(fail(AppError::NotAllowed)),
        (false, _, false) => Err(fail(AppError::NotYours)),
    }
}
