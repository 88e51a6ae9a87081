//! A comment thread, loaded by the browser after the page is shown: the server renders the
//! loading state, so comments never hold up the first paint of what they sit under.

use crate::api::{
    delete_comment, edit_comment, hide_comment, list_comments, post_comment, CommentOutcome,
};
use crate::components::account::sign_in_href;
use crate::error::AppError;
use crate::model::{linkify, CommentView, Piece, MAX_COMMENT_CHARS};
use leptos::prelude::*;

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

/// The sentence for an outcome, or `None` when it went through.
fn said(answer: Result<CommentOutcome, AppError>) -> Option<String> {
    match answer {
        Ok(CommentOutcome::Done) => None,
        Ok(CommentOutcome::Refused(message)) => Some(message),
        Err(error) => Some(error.to_string()),
    }
}

/// The thread on a profile (`proposal: None`) or on one of its proposals: an island, since
/// it is loaded and posted to from the browser.
// An island in the client bundles with the `comments` islands (Cargo.toml); elsewhere
// the browser build leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "comments"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "comments")), component)]
pub fn CommentThread(
    /// The skill.
    slug: String,
    /// The proposal, for a proposal's thread.
    proposal: Option<i64>,
    /// This page's path, for "Sign in" to come back to.
    here: String,
) -> impl IntoView {
    let page = RwSignal::new(1usize);
    let version = RwSignal::new(0u32);
    let thread = {
        let slug = slug.clone();
        LocalResource::new(move || {
            let (slug, page) = (slug.clone(), page.get());
            version.track();
            async move { list_comments(slug, proposal, page).await }
        })
    };
    let refresh = move || version.update(|v| *v += 1);
    let message = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());
    let post = {
        let slug = slug.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (slug, body) = (slug.clone(), draft.get_untracked());
            leptos::task::spawn_local(async move {
                let outcome = said(post_comment(slug, proposal, body).await);
                if outcome.is_none() {
                    draft.set(String::new());
                }
                message.set(outcome);
                refresh();
            });
        }
    };
    // The server and the hydrating browser both render only the loading line; the thread
    // mounts after hydration, so a resource that only the browser runs never meets the
    // server's markup.
    let mounted = crate::components::mounted();
    let loading = || view! { <p class="loading" role="status">"Loading comments…"</p> };
    let thread_view = move || {
        let here = here.clone();
        let post = post.clone();
        view! {
            <Suspense fallback=loading>
                {move || {
                    let here = here.clone();
                    let post = post.clone();
                    Suspend::new(async move {
                        let page_data = match thread.await {
                            Ok(Some(data)) => data,
                            Ok(None) => return ().into_any(),
                            Err(error) => return view! { <p class="callout callout-error">{error.to_string()}</p> }.into_any(),
                        };
                        let moderate = page_data.may_moderate;
                        let items = if page_data.comments.is_empty() {
                            view! { <p class="empty-results">"No comments yet."</p> }.into_any()
                        } else {
                            let list = page_data
                                .comments
                                .into_iter()
                                .map(|c| view! { <Comment comment=c moderate message refresh/> })
                                .collect_view();
                            view! { <ol class="comment-list">{list}</ol> }.into_any()
                        };
                        let pager = (page_data.pages > 1).then(|| {
                            let current = page_data.page;
                            let pages = page_data.pages;
                            view! {
                                <nav class="pager" aria-label="Comment pages">
                                    <button type="button" class="button button-quiet" disabled=current <= 1 on:click=move |_| page.set(current - 1)>"Older"</button>
                                    <span>{format!("Page {current} of {pages} · {} comments", page_data.total)}</span>
                                    <button type="button" class="button button-quiet" disabled=current >= pages on:click=move |_| page.set(current + 1)>"Newer"</button>
                                </nav>
                            }
                        });
                        let form = if page_data.may_post {
                            view! {
                                <form class="comment-form" on:submit=post>
                                    <label for="comment-body">"Add a comment"</label>
                                    <textarea id="comment-body" rows="3" prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                                    <p class="field-count">{move || format!("{} of {MAX_COMMENT_CHARS} characters. Plain text; web addresses become links.", draft.with(|d| d.chars().count()))}</p>
                                    <button type="submit" class="button">"Post comment"</button>
                                </form>
                            }.into_any()
                        } else {
                            view! { <p><a href=sign_in_href(&here)>"Sign in"</a>" to comment."</p> }.into_any()
                        };
                        view! { {items} {pager} {form} }.into_any()
                    })
                }}
            </Suspense>
        }
    };
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">"Comments"</h2>
            <noscript><p>"Comments need JavaScript."</p></noscript>
            {move || if mounted.get() { thread_view().into_any() } else { loading().into_any() }}
            <div class="submit-outcome" role="alert">
                {move || message.get().map(|m| view! { <p class="callout callout-error">{m}</p> })}
            </div>
        </section>
    }
}

/// One comment with what the reader may do to it.
#[component]
fn Comment(
    comment: CommentView,
    moderate: bool,
    message: RwSignal<Option<String>>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = comment.id;
    let editing = RwSignal::new(false);
    let text = RwSignal::new(comment.body.clone().unwrap_or_default());
    let shown = comment.body.clone();
    let body = move || match (shown.clone(), comment.hidden) {
        (Some(body), hidden) => view! {
            {hidden.then(|| view! { <p class="hint">"Hidden from readers by a reviewer."</p> })}
            <p class="comment-body"><Body text=body/></p>
        }
        .into_any(),
        (None, _) => view! { <p class="hint">"Hidden by a reviewer."</p> }.into_any(),
    };
    let run = move |call: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<CommentOutcome, AppError>>>,
    >| {
        leptos::task::spawn_local(async move {
            message.set(said(call.await));
            refresh();
        });
    };
    let hidden = comment.hidden;
    view! {
        <li class="comment">
            <p class="card-meta">
                <strong>{comment.author.clone()}</strong>
                " · "
                <time datetime=comment.created.to_string()>{comment.created.human()}</time>
                {comment.edited.then_some(" · edited")}
            </p>
            {move || if editing.get() {
                view! {
                    <div class="field">
                        <label for=format!("edit-{id}")>"Edit your comment"</label>
                        <textarea id=format!("edit-{id}") rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        <button type="button" class="button" on:click=move |_| {
                            editing.set(false);
                            run(Box::pin(edit_comment(id, text.get_untracked())));
                        }>"Save"</button>
                        <button type="button" class="button button-quiet" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                }.into_any()
            } else {
                body()
            }}
            <div class="comment-tools">
                {comment.mine.then(|| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| editing.set(true)>"Edit"</button>
                    <button type="button" class="button button-quiet" on:click=move |_| {
                        if window().confirm_with_message("Delete this comment? This cannot be undone.").unwrap_or(false) {
                            run(Box::pin(delete_comment(id)));
                        }
                    }>"Delete"</button>
                })}
                {moderate.then(|| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| run(Box::pin(hide_comment(id, !hidden)))>
                        {if hidden { "Show again" } else { "Hide as abusive" }}
                    </button>
                })}
            </div>
        </li>
    }
}
