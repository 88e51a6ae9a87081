//! `/skills/:slug/proposals` (the list) and `/skills/:slug/proposals/:id` (one proposal,
//! each edited cell as a word diff against the revision it was written on).

use crate::api::forms::Flash;
use crate::api::{get_proposal, list_comments, list_proposals};
use crate::components::forms::{hidden_field, ActionForm, TextField};
use crate::components::{Badge, CommentThread, WordDiff};
use crate::error::AppError;
use crate::model::MAX_NOTE_CHARS;
use crate::model::{
    diff_words, CellChange, CellMerge, CommentPage, Expectation, MergedCell, ProposalDetail,
    ProposalSummary, ProposedCell, Status,
};
use crate::pages::page_loader;
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

/// The proposals of a skill, newest first.
#[component]
pub fn ProposalsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // `?status=open`: only the open ones (what the profile lists under "Open proposals").
    let open_only = use_query_map().with_untracked(|q| q.get_str("status") == Some("open"));
    let proposals = crate::components::page_resource(slug, list_proposals);
    let title = crate::components::page_resource(slug, crate::api::skill_title);
    page_loader(
        "Loading proposals…",
        proposals,
        move |mut list| async move {
            let slug = slug();
            // The skill's title, from what is published (in memory).
            let title = title.await.ok().flatten().unwrap_or_else(|| slug.clone());
            let ever = !list.is_empty();
            if open_only {
                list.retain(|p| p.status == Status::Open);
            }
            view! { <ProposalList slug title list open_only ever/> }
        },
    )
}

/// The proposals `list` of the skill `slug` titled `title` (only the open ones with
/// `open_only`); `ever`: the skill has had any.
#[component]
fn ProposalList(
    slug: String,
    title: String,
    list: Vec<ProposalSummary>,
    open_only: bool,
    ever: bool,
) -> impl IntoView {
    let count = list.len().to_string();
    let items = if list.is_empty() {
        let said = if ever {
            format!("No open proposals for {title}.")
        } else {
            format!("No proposals yet for {title}.")
        };
        view! {
            // The open ones are what the profile shows, beside its own "Suggest a change".
            <p class="empty-results">
                {said}
                {(!open_only).then(|| view! {
                    " "
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
    let page = query.with_untracked(crate::components::page_param);
    page_loader(
        "Loading the proposal…",
        proposal,
        move |detail| async move {
            let summary = &detail.view.summary;
            let thread = list_comments(summary.slug.clone(), Some(summary.id), page).await;
            view! { <ProposalArticle detail thread submitted=submitted()/> }
        },
    )
}

/// The proposal in `detail`: who proposed what and why, its decision or the forms to
/// decide it, and its comment `thread`; `submitted`: its author has just sent it.
#[component]
fn ProposalArticle(
    detail: ProposalDetail,
    thread: Result<Option<CommentPage>, AppError>,
    submitted: bool,
) -> impl IntoView {
    let decision = decision_note(&detail.view.summary);
    let panel = view! { <ReviewPanel detail=detail.clone()/> };
    let view = detail.view;
    let p = view.summary;
    let changes = view.changes.into_iter().map(proposed_change).collect_view();
    view! {
        <Title text=format!("Proposal #{} · {}", p.id, view.title)/>
        // One part of the page for the forms enhancement: a decision changes all of it.
        <article class="proposal" id="proposal" data-enhance="forms">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li><a href=crate::paths::href(&format!("/skills/{}", p.slug))>{view.title.clone()}</a></li>
                    <li><a href=crate::paths::href(&format!("/skills/{}/proposals", p.slug))>"Proposals"</a></li>
                </ol>
            </nav>
            {submitted.then(|| view! {
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
            {Flash::done(&["withdraw", "accept", "reject"]).map(|said| view! {
                <p class="callout callout-success" role="status" tabindex="-1" data-focus="">{said}</p>
            })}
            {decision}
            <h2>"Why"</h2>
            <p class="rationale">{p.rationale}</p>
            <h2>"Changes"</h2>
            <ol class="cell-changes">{changes}</ol>
            {panel}
            <CommentThread slug=p.slug.clone() proposal=Some(p.id) here=format!("/skills/{}/proposals/{}", p.slug, p.id) thread/>
        </article>
    }
}

/// One edited cell: a flag that flipped, the text word by word against its base, and both
/// in full behind a disclosure.
fn proposed_change(change: CellChange) -> impl IntoView {
    let flag = (change.before.required != change.after.required).then(|| {
        view! {
            <p class="flag-change">
                <Badge required=change.before.required/>
                " becomes "
                <Badge required=change.after.required/>
            </p>
        }
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

/// For reviewers: each cell's merge into the published profile (conflicts side by side with
/// a field to settle them), accept and reject. For the author: withdraw. Forms, so they work
/// without JavaScript; a refusal comes back beside the form with what was typed.
#[component]
fn ReviewPanel(detail: ProposalDetail) -> impl IntoView {
    let slug = detail.view.summary.slug.clone();
    let id = detail.view.summary.id;
    let back = format!("/skills/{slug}/proposals/{id}");
    let refused = refusal_callout(detail.may_review, id);
    let own = detail.reviewer_is_author.then(|| {
        view! {
            <p class="callout">"You cannot review your own proposal: another reviewer must."</p>
        }
    });
    let withdraw = detail
        .may_withdraw
        .then(|| view! { <WithdrawForm slug=slug.clone() id back=back.clone()/> });
    let review = detail.may_review.then(move || {
        let published = detail.published_revision;
        view! {
            <section class="review-panel" aria-labelledby="review-title">
                <h2 id="review-title">"Review"</h2>
                <AcceptForm slug=slug.clone() id back=back.clone() published merged=detail.merged/>
                <RejectForm slug id back/>
            </section>
        }
    });
    view! {
        {refused}
        {own}
        {withdraw}
        {review}
    }
}

/// A refused withdraw or accept of proposal `id`, said above the panel; a refused rejection
/// beside its note, or here with the note when the panel is not shown (`may_review` false:
/// its reviewer was signed out).
fn refusal_callout(may_review: bool, id: i64) -> Option<impl IntoView> {
    let key = id.to_string();
    Flash::refused(&["withdraw", "accept", "reject"])
        .filter(|f| f.action != "reject" || !may_review || f.field("id") != Some(key.as_str()))
        .map(|f| {
            let note = f
                .field("note")
                .filter(|n| !n.trim().is_empty())
                .map(|note| {
                    view! {
                        <p>"Your note, to post again:"</p>
                        <blockquote class="rationale">{note.to_owned()}</blockquote>
                    }
                });
            view! {
                <div class="callout callout-error" role="alert" tabindex="-1" data-focus="">
                    <p>{f.message.clone()}</p>
                    {note}
                </div>
            }
        })
}

/// The author's form taking back their open proposal `id` of `slug`, returning to `back`.
#[component]
fn WithdrawForm(slug: String, id: i64, back: String) -> impl IntoView {
    view! {
        <section class="review-panel" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">"Your proposal"</h2>
            <p>"While it is open you may take it back; reviewers will no longer see it."</p>
            <ActionForm action="withdraw" back=back.clone()>
                {hidden_field("slug", slug.clone())}
                {hidden_field("id", id)}
                <button type="submit" class="button button-quiet">"Withdraw proposal"</button>
            </ActionForm>
        </section>
    }
}

/// The reviewer's accept form for proposal `id` of `slug` on revision `published`: how
/// each `merged` cell applies, and a field to settle each conflict.
#[component]
fn AcceptForm(
    slug: String,
    id: i64,
    back: String,
    published: u32,
    merged: Vec<(String, MergedCell)>,
) -> impl IntoView {
    let accepting = Flash::refusal("accept", "id", &id.to_string());
    let states = merged
        .iter()
        .map(|(place, m)| merge_state(place, &m.state))
        .collect_view();
    let conflicts = merged
        .iter()
        .filter_map(|(place, m)| match &m.state {
            CellMerge::Conflict { base, current } => Some((place, &m.proposed, base, current)),
            _ => None,
        })
        .enumerate()
        .map(|(i, (place, proposed, base, current))| {
            let (text, required) = settled(accepting.as_ref(), i, proposed);
            view! {
                <ConflictResolution
                    i
                    place=place.clone()
                    proposed=proposed.clone()
                    base=base.clone()
                    current=current.clone()
                    text
                    required
                />
            }
        })
        .collect_view();
    view! {
        <ActionForm action="accept" back=back.clone()>
            {hidden_field("slug", slug.clone())}
            {hidden_field("id", id)}
            {hidden_field("published_revision", published)}
            <p>{format!("Against revision {published}, published now:")}</p>
            <ul class="merge-states">{states}</ul>
            {conflicts}
            <div class="editor-actions">
                <button type="submit" class="button">{format!("Accept as revision {}", published + 1)}</button>
            </div>
        </ActionForm>
    }
}

/// How the proposed cell at `place` meets the published profile, in a word.
fn merge_state(place: &str, state: &CellMerge) -> impl IntoView {
    let (class, said) = match state {
        CellMerge::Clean => ("merge-clean", "applies cleanly"),
        CellMerge::Identical => ("merge-same", "already published as proposed"),
        CellMerge::Conflict { .. } => (
            "merge-conflict",
            "changed since the proposal was written: choose below",
        ),
        CellMerge::Gone => ("merge-gone", "no longer in the skill: cannot apply"),
    };
    view! { <li class=class><strong>{place.to_owned()}</strong> ": " {said}</li> }
}

/// The field names of conflict `i` in the accept form: `resolutions[i][field]`.
fn resolution_name(i: usize, field: &str) -> String {
    format!("resolutions[{i}][{field}]")
}

/// The text and flag conflict `i`'s fields start with: after a refused accept (`accepting`),
/// what the reviewer settled on; else the proposal's.
fn settled(accepting: Option<&Flash>, i: usize, proposed: &ProposedCell) -> (String, bool) {
    let kept = |field: &str| {
        accepting.and_then(|f| f.field(&resolution_name(i, field)).map(str::to_owned))
    };
    let text = kept("text").unwrap_or_else(|| proposed.text.clone());
    let required = match accepting {
        Some(_) => kept("required").as_deref() == Some("true"),
        None => proposed.required,
    };
    (text, required)
}

/// Conflict `i`, at `place`: the published and the proposed cell, each against the `base`
/// both changed, and the field (starting at `text` and `required`) the reviewer settles it in.
#[component]
fn ConflictResolution(
    i: usize,
    place: String,
    proposed: ProposedCell,
    base: Expectation,
    current: Expectation,
    text: String,
    required: bool,
) -> impl IntoView {
    let name = |field: &str| resolution_name(i, field);
    let field = format!("resolution-{i}");
    let fill = |text: &str, required: bool| {
        serde_json::json!({"field": field, "text": text, "required": required}).to_string()
    };
    view! {
        <fieldset class="conflict">
            <legend>{place.clone()}</legend>
            {hidden_field(name("level"), proposed.level.clone())}
            {hidden_field(name("role"), proposed.role.clone())}
            <div class="before-after">
                <div>
                    <h4>"Published now"</h4>
                    <p><Badge required=current.required/></p>
                    <p class="diff"><WordDiff changes=diff_words(&base.text, &current.text)/></p>
                </div>
                <div>
                    <h4>"Proposed"</h4>
                    <p><Badge required=proposed.required/></p>
                    <p class="diff"><WordDiff changes=diff_words(&base.text, &proposed.text)/></p>
                </div>
            </div>
            <p class="hint">"Both change what revision's text said; words added since it are underlined."</p>
            // Fill the field below (with JavaScript; without it, edit the field).
            <div class="conflict-tools">
                <button type="button" class="button button-quiet" data-fill=fill(&current.text, current.required)>"Keep the published text"</button>
                <button type="button" class="button button-quiet" data-fill=fill(&proposed.text, proposed.required)>"Take the proposed text"</button>
            </div>
            <div class="field">
                <label for=field.clone()>{format!("Publish for {place}")}</label>
                <textarea id=field.clone() name=name("text") rows="4">{text}</textarea>
            </div>
            <label class="check">
                <input type="checkbox" id=format!("{field}-required") name=name("required") value="true" checked=required/>
                " Required"
            </label>
        </fieldset>
    }
}

/// The reviewer's reject form for proposal `id` of `slug`, with the note to the author (as
/// typed, beside why, after a refusal).
#[component]
fn RejectForm(slug: String, id: i64, back: String) -> impl IntoView {
    let rejecting = Flash::refusal("reject", "id", &id.to_string());
    let note = rejecting
        .as_ref()
        .and_then(|f| f.field("note"))
        .unwrap_or_default()
        .to_owned();
    view! {
        <ActionForm action="reject" back>
            {hidden_field("slug", slug)}
            {hidden_field("id", id)}
            <TextField
                label="Note to the author (needed to reject)".into()
                id="review-note".into()
                name="note"
                text=note
                max=MAX_NOTE_CHARS
                error=rejecting.map(|f| f.message)
            />
            <button type="submit" class="button button-danger">"Reject"</button>
        </ActionForm>
    }
}
