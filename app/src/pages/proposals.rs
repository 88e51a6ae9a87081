//! `/skills/:slug/proposals` (the list) and `/skills/:slug/proposals/:id` (one proposal,
//! each edited cell as a word diff against the revision it was written on).

use crate::api::{get_proposal, list_proposals};
use crate::components::{Badge, WordDiff};
use crate::model::{diff_words, ProposalSummary, Status};
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

/// The proposals of a skill, newest first.
#[component]
pub fn ProposalsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let proposals = Resource::new(slug, list_proposals);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading proposals…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                match proposals.await {
                    Ok(Some(list)) => view! { <ProposalList slug list/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProposalList(slug: String, list: Vec<ProposalSummary>) -> impl IntoView {
    let items = if list.is_empty() {
        view! {
            <p class="empty-results">
                "No proposals yet. "
                <a href=format!("/skills/{slug}/suggest")>"Suggest a change"</a>
            </p>
        }
        .into_any()
    } else {
        let rows = list
            .into_iter()
            .map(|p| {
                let href = format!("/skills/{}/proposals/{}", p.slug, p.id);
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
                    <li><a href=format!("/skills/{slug}")>"Back to the skill"</a></li>
                </ol>
            </nav>
            <h1>"Proposals"</h1>
            <p class="lead">"Changes readers suggested for this skill, newest first."</p>
            {items}
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
    let proposal = Resource::new(key, |(slug, id)| async move {
        match id {
            Some(id) => get_proposal(slug, id).await,
            None => Ok(None),
        }
    });
    let submitted = move || query.with(|q| q.get("submitted").is_some());
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the proposal…"</p> }>
            {move || Suspend::new(async move {
                let view = match proposal.await {
                    Ok(Some(view)) => view,
                    Ok(None) => return view! { <NotFound/> }.into_any(),
                    Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                };
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
                                <li><a href=format!("/skills/{}", p.slug)>{view.title.clone()}</a></li>
                                <li><a href=format!("/skills/{}/proposals", p.slug)>"Proposals"</a></li>
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
                        <h2>"Why"</h2>
                        <p class="rationale">{p.rationale}</p>
                        <h2>"Changes"</h2>
                        <ol class="cell-changes">{changes}</ol>
                    </article>
                }
                .into_any()
            })}
        </Suspense>
    }
}
