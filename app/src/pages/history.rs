//! `/skills/:slug/history` (every revision) and `/skills/:slug/history/compare?from=&to=`
//! (two revisions cell by cell, word by word inside a cell; a GET form picks others, so it
//! works without JavaScript and every comparison has its own address).

use crate::api::{compare, get_history};
use crate::components::{Badge, WordDiff};
use crate::model::diff_words;
use crate::pages::{ErrorPanel, NotFound};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The link comparing revision `from` with `to`.
pub fn compare_href(slug: &str, from: u32, to: u32) -> String {
    crate::paths::href(&format!(
        "/skills/{slug}/history/compare?from={from}&to={to}"
    ))
}

/// Every revision of a skill, newest first.
#[component]
pub fn HistoryPage() -> impl IntoView {
    crate::api::cache_until_published();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let history = crate::components::page_resource(slug, get_history);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the history…"</p> }>
            {move || Suspend::new(async move {
                let slug = slug();
                let history = match history.await {
                    Ok(Some(history)) => history,
                    Ok(None) => return view! { <NotFound/> }.into_any(),
                    Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                };
                let items = history
                    .revisions
                    .iter()
                    .map(|r| {
                        let who = match (&r.author, r.proposal_id) {
                            (Some(author), Some(id)) => view! {
                                {format!("{author}'s ")}
                                <a href=crate::paths::href(&format!("/skills/{slug}/proposals/{id}"))>{format!("proposal #{id}")}</a>
                            }.into_any(),
                            _ => view! { "Imported from the content files" }.into_any(),
                        };
                        let compare_link = (r.number > 1).then(|| view! {
                            " · "
                            <a href=compare_href(&slug, r.number - 1, r.number)>"What changed"</a>
                        });
                        view! {
                            <li class="card">
                                <h2 class="card-title">{format!("Revision {}", r.number)}</h2>
                                <p class="card-meta">
                                    <time datetime=r.date.to_string()>{r.date.human()}</time>
                                    " · " {who} {compare_link}
                                </p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <Title text=format!("History · {}", history.title)/>
                    <section class="history">
                        <nav aria-label="Breadcrumb">
                            <ol class="breadcrumb">
                                <li><a href=crate::paths::href(&format!("/skills/{slug}"))>{history.title.clone()}</a></li>
                            </ol>
                        </nav>
                        <h1>"History"</h1>
                        <p class="lead">"Every published revision of this skill, newest first."</p>
                        <ol class="card-list">{items}</ol>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Two revisions compared.
#[component]
pub fn ComparePage() -> impl IntoView {
    crate::api::cache_until_published();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let number = |name: &str| query.read().get(name).and_then(|v| v.parse::<u32>().ok());
        (
            params.read().get("slug").unwrap_or_default(),
            number("from").unwrap_or(1),
            number("to").unwrap_or(1),
        )
    };
    let diff = crate::components::page_resource(key, |(slug, from, to)| compare(slug, from, to));
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Comparing…"</p> }>
            {move || Suspend::new(async move {
                let (slug, _, _) = key();
                let diff = match diff.await {
                    Ok(Some(diff)) => diff,
                    Ok(None) => return view! { <NotFound/> }.into_any(),
                    Err(error) => return view! { <ErrorPanel error/> }.into_any(),
                };
                let options = |selected: u32| {
                    diff.numbers
                        .iter()
                        .map(|n| view! { <option value=n.to_string() selected=*n == selected>{format!("Revision {n}")}</option> })
                        .collect_view()
                };
                let cells = if diff.cells.is_empty() {
                    view! { <p class="empty-results">"These revisions say the same in every cell."</p> }.into_any()
                } else {
                    diff.cells
                        .iter()
                        .map(|cell| {
                            let before = cell.before.clone();
                            let after = cell.after.clone();
                            let flag = match (&before, &after) {
                                (Some(b), Some(a)) if b.required != a.required => Some(view! {
                                    <p class="flag-change"><Badge required=b.required/> " becomes " <Badge required=a.required/></p>
                                }),
                                _ => None,
                            };
                            let text = match (&before, &after) {
                                (Some(b), Some(a)) => view! { <WordDiff changes=diff_words(&b.text, &a.text)/> }.into_any(),
                                (None, Some(a)) => view! { <ins>{a.text.clone()}</ins> }.into_any(),
                                (Some(b), None) => view! { <del>{b.text.clone()}</del> }.into_any(),
                                (None, None) => ().into_any(),
                            };
                            view! {
                                <li class="cell-change">
                                    <h3>{cell.place.clone()}</h3>
                                    {flag}
                                    <p class="diff">{text}</p>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                };
                view! {
                    <Title text=format!("Revision {} to {} · {}", diff.from, diff.to, diff.title)/>
                    <section class="history">
                        <nav aria-label="Breadcrumb">
                            <ol class="breadcrumb">
                                <li><a href=crate::paths::href(&format!("/skills/{slug}"))>{diff.title.clone()}</a></li>
                                <li><a href=crate::paths::href(&format!("/skills/{slug}/history"))>"History"</a></li>
                            </ol>
                        </nav>
                        <h1>{format!("Revision {} to {}", diff.from, diff.to)}</h1>
                        <form class="compare-form" method="get">
                            <div class="field">
                                <label for="from">"From"</label>
                                <select id="from" name="from">{options(diff.from)}</select>
                            </div>
                            <div class="field">
                                <label for="to">"To"</label>
                                <select id="to" name="to">{options(diff.to)}</select>
                            </div>
                            <button type="submit" class="button">"Compare"</button>
                        </form>
                        <p class="diff-legend">"Added words are " <ins>"underlined"</ins> ", removed ones " <del>"struck through"</del> "."</p>
                        <h2 class="changes-title">"What changed"</h2>
                        <ol class="cell-changes">{cells}</ol>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}
