//! Comment threads on profiles and proposals.

use crate::error::AppError;
use crate::model::{CommentOutcome, CommentPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::ssr::{
    guards::changeable_comment,
    internal,
    state::{AppState, Viewer},
};

/// Page `page` (from 1) of the comments on `slug` (or on its proposal `proposal`); `None`
/// for an unknown skill or proposal.
#[server(endpoint = "comments")]
pub async fn list_comments(
    slug: String,
    proposal: Option<i64>,
    page: usize,
) -> Result<Option<CommentPage>, AppError> {
    use crate::model::{CommentView, Date, COMMENTS_PAGE};
    let state = AppState::current()?;
    if state.catalog().get(&slug).is_none() {
        return Ok(None);
    }
    if let Some(id) = proposal {
        let found = state.store.proposal(id).await.map_err(internal)?;
        if found.is_none_or(|p| p.slug != slug) {
            return Ok(None);
        }
    }
    let viewer = Viewer::current().user;
    let moderator = viewer.as_ref().is_some_and(|u| u.reviewer);
    let page = page.max(1);
    let offset = i64::try_from((page - 1) * COMMENTS_PAGE).unwrap_or(i64::MAX);
    let (stored, total) = state
        .store
        .comments(&slug, proposal, offset, COMMENTS_PAGE as i64)
        .await
        .map_err(internal)?;
    let total = usize::try_from(total).unwrap_or(0);
    Ok(Some(CommentPage {
        comments: stored
            .into_iter()
            .map(|c| CommentView {
                id: c.id,
                mine: viewer.as_ref().is_some_and(|u| u.id == c.author_id),
                body: (!c.hidden || moderator).then_some(c.body),
                author: c.author,
                created: Date::from_unix_seconds(c.created_at),
                edited: c.edited_at.is_some(),
                hidden: c.hidden,
            })
            .collect(),
        total,
        page,
        pages: total.div_ceil(COMMENTS_PAGE).max(1),
        may_post: viewer.is_some(),
        may_moderate: moderator,
    }))
}

/// Posts a comment as the signed-in user.
#[server(endpoint = "post-comment")]
pub async fn post_comment(
    slug: String,
    proposal: Option<i64>,
    body: String,
) -> Result<CommentOutcome, AppError> {
    use crate::api::ssr::guards::{existing_proposal, published, signed_in, within_limit};
    use crate::api::ssr::limits::Action;
    let state = AppState::current()?;
    let user = signed_in()?;
    published(&state, &slug)?;
    if let Some(problem) = crate::model::comment_problem(&body) {
        return Ok(CommentOutcome::Refused(problem));
    }
    within_limit(&state, Action::Comment, &user)?;
    if let Some(id) = proposal {
        existing_proposal(&state, &slug, id).await?;
    }
    let comment = crate::api::ssr::store::NewComment {
        slug,
        proposal_id: proposal,
        author_id: user.id,
        body,
        created_at: crate::api::ssr::store::unix_now(),
    };
    state.store.add_comment(&comment).await.map_err(internal)?;
    Ok(CommentOutcome::Done)
}

/// Replaces the text of the signed-in user's comment.
#[server(endpoint = "edit-comment")]
pub async fn edit_comment(id: i64, body: String) -> Result<CommentOutcome, AppError> {
    let state = AppState::current()?;
    changeable_comment(&state, id, false).await?;
    if let Some(problem) = crate::model::comment_problem(&body) {
        return Ok(CommentOutcome::Refused(problem));
    }
    state
        .store
        .edit_comment(id, &body, crate::api::ssr::store::unix_now())
        .await
        .map_err(internal)?;
    Ok(CommentOutcome::Done)
}

/// Deletes the signed-in user's comment.
#[server(endpoint = "delete-comment")]
pub async fn delete_comment(id: i64) -> Result<CommentOutcome, AppError> {
    let state = AppState::current()?;
    changeable_comment(&state, id, false).await?;
    state.store.delete_comment(id).await.map_err(internal)?;
    Ok(CommentOutcome::Done)
}

/// Hides (or shows again) a comment. Reviewers only.
#[server(endpoint = "hide-comment")]
pub async fn hide_comment(id: i64, hidden: bool) -> Result<CommentOutcome, AppError> {
    let state = AppState::current()?;
    changeable_comment(&state, id, true).await?;
    state
        .store
        .hide_comment(id, hidden)
        .await
        .map_err(internal)?;
    Ok(CommentOutcome::Done)
}
