//! A comment thread, rendered by the server with a form for every change (post, edit,
//! delete, hide): it works without JavaScript, and the forms enhancement
//! ([`crate::components::forms`]) makes the same forms answer in place. On a profile, which
//! is cached until the next publish, the thread comes from its own page
//! (`/skills/<slug>/comments`) when it is about to be seen ([`DeferredComments`]).

use crate::api::forms::Flash;
#[cfg(doc)]
use crate::api::list_comments;
use crate::components::account::sign_in_href;
use crate::components::forms::{hidden_field, ActionForm, TextField};
use crate::components::Pager;
use crate::dom::Enhanced;
use crate::error::AppError;
use crate::model::{linkify, CommentPage, CommentView, Piece, MAX_COMMENT_CHARS};
use leptos::prelude::*;

/// The endpoints of a thread's forms.
const COMMENT_ACTIONS: [&str; 4] = [
    "post-comment",
    "edit-comment",
    "delete-comment",
    "hide-comment",
];

/// A comment's text with its addresses as links; everything else as text.
#[component]
fn Body(text: String) -> impl IntoView {
    linkify(&text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t.to_owned().into_any(),
            Piece::Link(href) => view! {
                <a href=href.to_owned() rel="nofollow ugc noopener" target="_blank">{href.to_owned()}</a>
            }
            .into_any(),
        })
        .collect_view()
}

/// The thread on a profile (`proposal: None`) or on one of its proposals: `thread`, the
/// page of it the caller loaded ([`list_comments`], awaited in the page's own `Suspend`, so
/// the server sends it with the page rather than streamed after it, which a browser without
/// JavaScript would never show). With `region`, the thread is its own part of the page for
/// the forms enhancement (on the comments page); on a proposal the whole proposal is.
#[component]
pub fn CommentThread(
    /// The skill.
    slug: String,
    /// The proposal, for a proposal's thread.
    proposal: Option<i64>,
    /// The app path of the page the thread is on.
    here: String,
    /// The page of the thread, as loaded.
    thread: Result<Option<CommentPage>, AppError>,
    /// Whether the forms enhancement swaps the thread alone.
    #[prop(optional)]
    region: bool,
) -> impl IntoView {
    let body = match thread {
        Ok(Some(data)) => view! { <Thread slug proposal here data/> }.into_any(),
        Ok(None) => ().into_any(),
        Err(error) => view! { <p class="callout callout-error">{error.to_string()}</p> }.into_any(),
    };
    view! {
        <section class="comments" id="comments" aria-labelledby="comments-title" data-enhance=region.then_some("forms")>
            <h2 id="comments-title">"Comments"</h2>
            {body}
        </section>
    }
}

/// The comments, their pager and the reader's form.
#[component]
fn Thread(slug: String, proposal: Option<i64>, here: String, data: CommentPage) -> impl IntoView {
    let back = format!("{here}#comments");
    let moderate = data.may_moderate;
    let listed: Vec<String> = data.comments.iter().map(|c| c.id.to_string()).collect();
    let items = if data.comments.is_empty() {
        view! { <p class="empty-results">"No comments yet."</p> }.into_any()
    } else {
        let list = data
            .comments
            .into_iter()
            .map(|comment| view! { <Comment comment moderate back=back.clone()/> })
            .collect_view();
        view! { <ol class="comment-list">{list}</ol> }.into_any()
    };
    let pager = {
        // The thread's pages are the page's own, `?page=n` (nothing else of its query kept).
        let path = here.split('?').next().unwrap_or_default().to_owned();
        view! {
            <Pager page=data.page pages=data.pages href=move |n| {
                crate::paths::href(&format!("{}#comments", crate::model::with_query(&path, &[("page", &n.to_string())])))
            }/>
        }
    };
    // A refused delete or hide is said above the list, and so is a refused edit of a
    // comment no longer listed; a refused post or edit beside its field.
    let refused = Flash::refused(&COMMENT_ACTIONS[1..])
        .filter(|f| f.action != "edit-comment" || f.field("id").is_none_or(|id| !listed.iter().any(|l| l == id)))
        .map(|f| view! { <p class="callout callout-error" role="alert" tabindex="-1" data-focus="">{f.message}</p> });
    let done = Flash::done(&COMMENT_ACTIONS)
        .map(|said| view! { <p class="callout callout-success" role="status" tabindex="-1" data-focus="">{said}</p> });
    let refusal = Flash::refusal("post-comment", "slug", &slug);
    let sign_in = (!data.may_post).then(|| {
        view! { <p><a href=sign_in_href(&here)>"Sign in"</a>" to comment."</p> }
    });
    // The form for those signed in, and for a post refused because its author was signed
    // out meanwhile: what they typed is still there to post once signed in.
    let form = (data.may_post || refusal.is_some()).then(|| {
        let text = refusal
            .as_ref()
            .and_then(|f| f.field("body"))
            .unwrap_or_default()
            .to_owned();
        view! {
            <ActionForm action="post-comment" back=back.clone() class="comment-form">
                {hidden_field("slug", slug.clone())}
                {proposal.map(|id| hidden_field("proposal", id))}
                <TextField
                    label="Add a comment".into()
                    id="comment-body".into()
                    name="body"
                    text
                    max=MAX_COMMENT_CHARS
                    hint=". Plain text; web addresses become links."
                    error=refusal.map(|f| f.message)
                />
                <button type="submit" class="button">"Post comment"</button>
            </ActionForm>
        }
    });
    view! { {refused} {items} {pager} {done} {sign_in} {form} }
}

/// One comment with what the reader may do to it, each a form.
#[component]
fn Comment(comment: CommentView, moderate: bool, back: String) -> impl IntoView {
    let id = comment.id;
    let key = id.to_string();
    let body = match (comment.body.clone(), comment.hidden) {
        (Some(body), hidden) => view! {
            {hidden.then(|| view! { <p class="hint">"Hidden from readers by a reviewer."</p> })}
            <p class="comment-body"><Body text=body/></p>
        }
        .into_any(),
        (None, _) => view! { <p class="hint">"Hidden by a reviewer."</p> }.into_any(),
    };
    let edit = comment.mine.then(|| {
        let refusal = Flash::refusal("edit-comment", "id", &key);
        let text = refusal
            .as_ref()
            .and_then(|f| f.field("body").map(str::to_owned))
            .or_else(|| comment.body.clone())
            .unwrap_or_default();
        let open = refusal.is_some();
        view! {
            <details class="comment-edit" open=open>
                <summary class="button button-quiet">"Edit"</summary>
                <ActionForm action="edit-comment" back=back.clone()>
                    {hidden_field("id", id)}
                    <TextField
                        label="Edit your comment".into()
                        id=format!("edit-{id}")
                        name="body"
                        text
                        max=MAX_COMMENT_CHARS
                        error=refusal.map(|f| f.message)
                    />
                    <button type="submit" class="button">"Save"</button>
                </ActionForm>
            </details>
            <ActionForm action="delete-comment" back=back.clone() class="inline-form" confirm="Delete this comment? This cannot be undone.">
                {hidden_field("id", id)}
                <button type="submit" class="button button-quiet">"Delete"</button>
            </ActionForm>
        }
    });
    let hide = moderate.then(|| {
        let hidden = comment.hidden;
        view! {
            <ActionForm action="hide-comment" back=back.clone() class="inline-form">
                {hidden_field("id", id)}
                {hidden_field("hidden", !hidden)}
                <button type="submit" class="button button-quiet">
                    {if hidden { "Show again" } else { "Hide as abusive" }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class="comment" id=format!("comment-{id}")>
            <p class="card-meta">
                <strong>{comment.author.clone()}</strong>
                " · "
                <time datetime=comment.created.to_string()>{comment.created.human()}</time>
                {comment.edited.then_some(" · edited")}
            </p>
            {body}
            <div class="comment-tools">{edit} {hide}</div>
        </li>
    }
}

/// A profile's thread, which its page (cached until the next publish) does not render:
/// a link to the thread's own page, which the `comments` enhancement replaces with the
/// thread from that page when it is about to be seen.
#[component]
pub fn DeferredComments(
    /// The skill.
    slug: String,
) -> impl IntoView {
    let page = crate::paths::href(&format!("/skills/{slug}/comments"));
    view! {
        // Loaded when it is about to scroll into view (the loader in crate::shell).
        <div class="deferred" data-load="visible">
            <Enhanced name="comments" props=page.clone()>
                <section class="comments" id="comments" aria-labelledby="comments-title">
                    <h2 id="comments-title">"Comments"</h2>
                    <p><a href=page>"Read the comments and add yours"</a></p>
                </section>
            </Enhanced>
        </div>
    }
}
