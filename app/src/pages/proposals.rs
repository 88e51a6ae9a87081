//! `/skills/:slug/proposals` (the list) and `/skills/:slug/proposals/:id` (one proposal,
//! each edited cell as a word diff against the revision it was written on).

use crate::api::{
    accept_proposal, get_proposal, list_proposals, reject_proposal, withdraw_proposal,
    MAX_NOTE_CHARS,
};
use crate::components::{Badge, CommentThread, WordDiff};
use crate::error::AppError;
use crate::model::{
    diff_words, CellMerge, Decided, ProposalDetail, ProposalSummary, Resolution, Status,
};
use crate::pages::{ErrorPanel, NotFound};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn status_badge(status: Status) -> impl IntoView {
    let class = format!("status status-{}", status.as_str());
    view! { <span class=class>{status.label()}</span> }
}

fn cells(n: usize) -> String {
    if n == 1 {
        "1 cell".to_owned()
    } else {
        format!("{n} cells")
    }
}

/// A conflicting cell on the reviewer's panel: place, level, role, the settled text and
/// flag (starting from the proposal's), its merge state, the published text, its flag.
type ConflictRow = (
    String,
    String,
    String,
    RwSignal<String>,
    RwSignal<bool>,
    CellMerge,
    String,
    bool,
);

/// The proposals of a skill, newest first.
#[component]
pub fn ProposalsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // `?status=open`: only the open ones (what the profile lists under "Open proposals").
    let open_only = use_query_map().with_untracked(|q| q.get_str("status") == Some("open"));
    let proposals = crate::components::page_resource(slug, list_proposals);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading proposals…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                match proposals.await {
                    Ok(Some(mut list)) => {
                        if open_only {
                            list.retain(|p| p.status == Status::Open);
                        }
                        view! { <ProposalList slug list open_only/> }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProposalList(slug: String, list: Vec<ProposalSummary>, open_only: bool) -> impl IntoView {
    let count = list.len().to_string();
    let items = if list.is_empty() {
        view! {
            // The open ones are what the profile shows, beside its own "Suggest a change".
            <p class="empty-results">
                {if open_only { "No open proposals." } else { "No proposals yet. " }}
                {(!open_only).then(|| view! {
                    <a href=crate::paths::href(&format!("/skills/{slug}/suggest"))>"Suggest a change"</a>
                })}
            </p>
        }
        .into_any()
    } else {
        let rows = list
            .into_iter()
            .map(|p| {
                let href = crate::paths::href(&format!("/skills/{}/proposals/{}", p.slug, p.id));
                view! {
                    <li class="card">
                        <h2 class="card-title">
                            <a href=href>{format!("Proposal #{}", p.id)}</a>
                        </h2>
                        <p class="card-meta">
                            {status_badge(p.status)}
                            {format!(" by {} · ", p.author)}
                            <time datetime=p.created.to_string()>{p.created.human()}</time>
                            {format!(" · {} · on revision {}", cells(p.cells), p.base_revision)}
                        </p>
                        <p class="card-summary">{p.rationale}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="card-list" reversed=true>{rows}</ol> }.into_any()
    };
    view! {
        <Title text="Proposals"/>
        <section class="proposals">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href(&format!("/skills/{slug}"))>"Back to the skill"</a></li>
                </ol>
            </nav>
            <h1>{if open_only { "Open proposals" } else { "Proposals" }}</h1>
            <p class="lead">
                {if open_only { "Changes readers suggested for this skill that wait for a review, newest first. " } else { "Changes readers suggested for this skill, newest first." }}
                {open_only.then(|| view! { <a href=crate::paths::href(&format!("/skills/{slug}/proposals"))>"Every proposal"</a> })}
            </p>
            <div class="proposal-list" data-count=count>{items}</div>
        </section>
    }
}

/// One proposal with its cells against their base.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|id| id.parse::<i64>().ok()),
            )
        })
    };
    let proposal = crate::components::page_resource(key, |(slug, id)| async move {
        match id {
            Some(id) => get_proposal(slug, id).await,
            None => Ok(None),
        }
    });
    let submitted = move || query.with(|q| q.get("submitted").is_some());
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the proposal…"</p> }>
            {move || Suspend::new(async move {
                let detail = match proposal.await {
                    Ok(Some(detail)) => detail,
                    Ok(None) => return view! { <NotFound/> }.into_any(),
                    Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                };
                let decision = decision_note(&detail.view.summary);
                let panel = view! { <ReviewPanel detail=detail.clone()/> };
                let view = detail.view;
                let p = view.summary;
                let changes = view
                    .changes
                    .into_iter()
                    .map(|change| {
                        let flag = (change.before.required != change.after.required).then(|| view! {
                            <p class="flag-change">
                                <Badge required=change.before.required/>
                                " becomes "
                                <Badge required=change.after.required/>
                            </p>
                        });
                        let diff = diff_words(&change.before.text, &change.after.text);
                        view! {
                            <li class="cell-change">
                                <h3>{format!("{} at {}", change.role, change.level)}</h3>
                                {flag}
                                <p class="diff">
                                    <WordDiff changes=diff/>
                                </p>
                                <details>
                                    <summary>"Before and after in full"</summary>
                                    <div class="before-after">
                                        <div>
                                            <h4>"Before"</h4>
                                            <p>{change.before.text}</p>
                                        </div>
                                        <div>
                                            <h4>"Proposed"</h4>
                                            <p>{change.after.text}</p>
                                        </div>
                                    </div>
                                </details>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <Title text=format!("Proposal #{} · {}", p.id, view.title)/>
                    <article class="proposal">
                        <nav aria-label="Breadcrumb">
                            <ol class="breadcrumb">
                                <li><a href=crate::paths::href(&format!("/skills/{}", p.slug))>{view.title.clone()}</a></li>
                                <li><a href=crate::paths::href(&format!("/skills/{}/proposals", p.slug))>"Proposals"</a></li>
                            </ol>
                        </nav>
                        {submitted().then(|| view! {
                            <p class="callout callout-success" role="status">
                                "Your proposal was submitted. Reviewers will see it here; your draft was cleared."
                            </p>
                        })}
                        <h1>{format!("Proposal #{}", p.id)}</h1>
                        <p class="card-meta">
                            {status_badge(p.status)}
                            {format!(" by {} · ", p.author)}
                            <time datetime=p.created.to_string()>{p.created.human()}</time>
                            {format!(" · {} changed · written on revision {}", cells(p.cells), p.base_revision)}
                        </p>
                        {decision}
                        <h2>"Why"</h2>
                        <p class="rationale">{p.rationale}</p>
                        <h2>"Changes"</h2>
                        <ol class="cell-changes">{changes}</ol>
                        {panel}
                        // Loaded when it is about to scroll into view (the loader in crate::shell).
                        <div class="deferred" data-load="visible">
                            <CommentThread slug=p.slug.clone() proposal=Some(p.id) here=format!("/skills/{}/proposals/{}", p.slug, p.id)/>
                        </div>
                    </article>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Who decided the proposal and, for a rejection, their note.
fn decision_note(p: &ProposalSummary) -> Option<impl IntoView> {
    let reviewer = p
        .reviewer
        .clone()
        .unwrap_or_else(|| "a reviewer".to_owned());
    match p.status {
        Status::Accepted => Some(
            view! {
                <p class="callout callout-success">
                    {format!("Accepted by {reviewer}. ")}
                    <a href=crate::paths::href(&format!("/skills/{}/history", p.slug))>"See the history"</a>
                </p>
            }
            .into_any(),
        ),
        Status::Rejected => Some(
            view! {
                <div class="callout callout-error">
                    <p><strong>{format!("Rejected by {reviewer}:")}</strong></p>
                    <p class="rationale">{p.review_note.clone().unwrap_or_default()}</p>
                </div>
            }
            .into_any(),
        ),
        Status::Withdrawn => {
            Some(view! { <p class="callout">"Withdrawn by its author."</p> }.into_any())
        }
        Status::Open => None,
    }
}

/// A decision's answer as a sentence, or `None` when it went through.
fn said(answer: Result<Decided, AppError>) -> Option<String> {
    match answer {
        Ok(Decided::Done { .. }) => None,
        Ok(Decided::Refused { message }) => Some(message),
        Err(error) => Some(error.to_string()),
    }
}

/// Shows `answer`: a decision that went through reloads the page, which then shows the
/// proposal as decided; a refusal stays on the page beside the panel.
fn settle(answer: Result<Decided, AppError>, message: RwSignal<Option<String>>) {
    match said(answer) {
        None => {
            // Nothing to do if the browser refuses to reload: the message below stays empty.
            let _ = window().location().reload();
        }
        Some(refused) => message.set(Some(refused)),
    }
}

/// For reviewers: each cell's merge into the published profile (conflicts side by side with
/// a field to settle them), accept and reject. For the author: withdraw. An island.
// An island in the client bundles with the `review` islands (Cargo.toml); elsewhere
// the browser build leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "review"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "review")), component)]
fn ReviewPanel(detail: ProposalDetail) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let slug = detail.view.summary.slug.clone();
    let id = detail.view.summary.id;
    let withdraw = detail.may_withdraw.then(|| {
        let slug = slug.clone();
        view! {
            <section class="review-panel" aria-labelledby="withdraw-title">
                <h2 id="withdraw-title">"Your proposal"</h2>
                <p>"While it is open you may take it back; reviewers will no longer see it."</p>
                <button type="button" class="button button-quiet" disabled=move || busy.get() on:click=move |_| {
                    let slug = slug.clone();
                    busy.set(true);
                    leptos::task::spawn_local(async move {
                        let answer = withdraw_proposal(slug, id).await;
                        busy.set(false);
                        settle(answer, message);
                    });
                }>"Withdraw proposal"</button>
            </section>
        }
    });
    let own = detail.own.then(|| {
        view! {
            <p class="callout">"You cannot review your own proposal: another reviewer must."</p>
        }
    });
    let review = detail.may_review.then(|| {
        let published = detail.published_revision;
        // One text and flag per conflicting cell, starting from the proposal's.
        let conflicts: Vec<ConflictRow> = detail
            .merged
            .iter()
            .filter(|(_, m)| matches!(m.state, CellMerge::Conflict { .. }))
            .map(|(place, m)| {
                (
                    place.clone(),
                    m.proposed.level.clone(),
                    m.proposed.role.clone(),
                    RwSignal::new(m.proposed.text.clone()),
                    RwSignal::new(m.proposed.required),
                    m.state.clone(),
                    m.proposed.text.clone(),
                    m.proposed.required,
                )
            })
            .collect();
        let states = detail
            .merged
            .iter()
            .map(|(place, m)| {
                let (class, said) = match m.state {
                    CellMerge::Clean => ("merge-clean", "applies cleanly"),
                    CellMerge::Identical => ("merge-same", "already published as proposed"),
                    CellMerge::Conflict { .. } => ("merge-conflict", "changed since the proposal was written: choose below"),
                    CellMerge::Gone => ("merge-gone", "no longer in the skill: cannot apply"),
                };
                view! { <li class=class><strong>{place.clone()}</strong> ": " {said}</li> }
            })
            .collect_view();
        let conflict_views = conflicts
            .iter()
            .enumerate()
            .map(|(i, (place, _, _, text, required, state, proposed, proposed_required))| {
                let CellMerge::Conflict { base, current } = state.clone() else {
                    return ().into_any();
                };
                let (text, required) = (*text, *required);
                let (proposed, proposed_required) = (proposed.clone(), *proposed_required);
                let published_text = current.text.clone();
                let field = format!("resolution-{i}");
                view! {
                    <fieldset class="conflict">
                        <legend>{place.clone()}</legend>
                        <div class="before-after">
                            <div>
                                <h4>"Published now"</h4>
                                <p><Badge required=current.required/></p>
                                <p class="diff"><WordDiff changes=diff_words(&base.text, &current.text)/></p>
                            </div>
                            <div>
                                <h4>"Proposed"</h4>
                                <p><Badge required=proposed_required/></p>
                                <p class="diff"><WordDiff changes=diff_words(&base.text, &proposed)/></p>
                            </div>
                        </div>
                        <p class="hint">"Both change what revision's text said; words added since it are underlined."</p>
                        <div class="conflict-tools">
                            <button type="button" class="button button-quiet" on:click=move |_| {
                                text.set(published_text.clone());
                                required.set(current.required);
                            }>"Keep the published text"</button>
                            <button type="button" class="button button-quiet" on:click=move |_| {
                                text.set(proposed.clone());
                                required.set(proposed_required);
                            }>"Take the proposed text"</button>
                        </div>
                        <div class="field">
                            <label for=field.clone()>{format!("Publish for {place}")}</label>
                            <textarea id=field rows="4" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        </div>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || required.get() on:change=move |ev| required.set(event_target_checked(&ev))/>
                            " Required"
                        </label>
                    </fieldset>
                }
                .into_any()
            })
            .collect_view();
        let accept = {
            let slug = slug.clone();
            let conflicts = conflicts.clone();
            move |_| {
                let resolutions: Vec<Resolution> = conflicts
                    .iter()
                    .map(|(_, level, role, text, required, ..)| Resolution {
                        level: level.clone(),
                        role: role.clone(),
                        text: text.get_untracked(),
                        required: required.get_untracked(),
                    })
                    .collect();
                let slug = slug.clone();
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let answer = accept_proposal(slug, id, published, resolutions).await;
                    busy.set(false);
                    settle(answer, message);
                });
            }
        };
        let note = RwSignal::new(String::new());
        // A refused rejection (no note, a note too long) is said beside the note, which gets
        // the focus, until the reviewer edits it.
        let note_error = RwSignal::new(None::<String>);
        let note_field = NodeRef::<leptos::html::Textarea>::new();
        let reject = {
            let slug = slug.clone();
            move |_| {
                let slug = slug.clone();
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let answer = reject_proposal(slug, id, note.get_untracked()).await;
                    busy.set(false);
                    settle(answer, note_error);
                    if note_error.get_untracked().is_some() {
                        if let Some(field) = note_field.get_untracked() {
                            let _ = field.focus();
                        }
                    }
                });
            }
        };
        view! {
            <section class="review-panel" aria-labelledby="review-title">
                <h2 id="review-title">"Review"</h2>
                <p>{format!("Against revision {published}, published now:")}</p>
                <ul class="merge-states">{states}</ul>
                {conflict_views}
                <div class="editor-actions">
                    <button type="button" class="button" disabled=move || busy.get() on:click=accept>
                        {format!("Accept as revision {}", published + 1)}
                    </button>
                </div>
                <div class="field">
                    <label for="review-note">"Note to the author (needed to reject)"</label>
                    <textarea
                        id="review-note"
                        rows="3"
                        node_ref=note_field
                        aria-describedby="review-note-error review-note-count"
                        aria-invalid=move || note_error.with(Option::is_some).to_string()
                        prop:value=move || note.get()
                        on:input=move |ev| {
                            note.set(event_target_value(&ev));
                            note_error.set(None);
                        }
                    ></textarea>
                    <p id="review-note-error" class="field-error" role="alert">{move || note_error.get()}</p>
                    <p id="review-note-count" class="field-count">{move || format!("{} of {MAX_NOTE_CHARS} characters", note.with(|n| n.chars().count()))}</p>
                </div>
                <button type="button" class="button button-danger" disabled=move || busy.get() on:click=reject>"Reject"</button>
            </section>
        }
    });
    view! {
        <div class="submit-outcome" role="alert">
            {move || message.get().map(|m| view! { <p class="callout callout-error">{m}</p> })}
        </div>
        {own}
        {withdraw}
        {review}
    }
}
