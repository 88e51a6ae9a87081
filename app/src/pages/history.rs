//! `/skills/:slug/history` (every revision) and `/skills/:slug/history/compare?from=&to=`
//! (two revisions cell by cell, word by word inside a cell; a GET form picks others, so it
//! works without JavaScript and every comparison has its own address).

use crate::api::{compare, get_history};
use crate::components::{Badge, WordDiff};
use crate::model::{diff_words, CellDiff, History, RevisionDiff, RevisionEntry};
use crate::pages::page_loader;
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
    page_loader("Loading the history…", history, move |history| async move {
        view! { <HistoryView slug=slug() history/> }
    })
}

/// The revisions of the skill `slug` as cards, newest first.
#[component]
fn HistoryView(slug: String, history: History) -> impl IntoView {
    let items = history
        .revisions
        .iter()
        .map(|r| revision_card(&slug, r))
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
}

/// One revision of the skill `slug`: its number, day, where it came from and, after the
/// first, a link to what changed.
fn revision_card(slug: &str, r: &RevisionEntry) -> impl IntoView {
    let who = match (&r.author, r.proposal_id) {
        (Some(author), Some(id)) => view! {
            {format!("{author}'s ")}
            <a href=crate::paths::href(&format!("/skills/{slug}/proposals/{id}"))>{format!("proposal #{id}")}</a>
        }.into_any(),
        _ => view! { "Imported from the content files" }.into_any(),
    };
    let compare_link = (r.number > 1).then(|| {
        view! {
            " · "
            <a href=compare_href(slug, r.number - 1, r.number)>"What changed"</a>
        }
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
    page_loader("Comparing…", diff, move |diff| async move {
        let (slug, _, _) = key();
        view! { <Comparison slug diff/> }
    })
}

/// The comparison of two revisions of the skill `slug`: the form choosing others, then
/// every cell that differs.
#[component]
fn Comparison(slug: String, diff: RevisionDiff) -> impl IntoView {
    let cells = if diff.cells.is_empty() {
        view! { <p class="empty-results">"These revisions say the same in every cell."</p> }
            .into_any()
    } else {
        diff.cells
            .iter()
            .map(changed_cell)
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
            <RevisionsForm numbers=diff.numbers from=diff.from to=diff.to/>
            <p class="diff-legend">"Added words are " <ins>"underlined"</ins> ", removed ones " <del>"struck through"</del> "."</p>
            <h2 class="changes-title">"What changed"</h2>
            <ol class="cell-changes">{cells}</ol>
        </section>
    }
}

/// The GET form choosing two other revisions among `numbers`, `from` and `to` selected.
#[component]
fn RevisionsForm(numbers: Vec<u32>, from: u32, to: u32) -> impl IntoView {
    let options = |selected: u32| {
        numbers
            .iter()
            .map(|n| view! { <option value=n.to_string() selected=*n == selected>{format!("Revision {n}")}</option> })
            .collect_view()
    };
    view! {
        <form class="compare-form" method="get">
            <div class="field">
                <label for="from">"From"</label>
                <select id="from" name="from">{options(from)}</select>
            </div>
            <div class="field">
                <label for="to">"To"</label>
                <select id="to" name="to">{options(to)}</select>
            </div>
            <button type="submit" class="button">"Compare"</button>
        </form>
    }
}

/// One cell that differs: a flag that flipped, and the text word by word (or all of it,
/// added or removed, when the cell is new or gone).
fn changed_cell(cell: &CellDiff) -> impl IntoView {
    let flag = match (&cell.before, &cell.after) {
        (Some(b), Some(a)) if b.required != a.required => Some(view! {
            <p class="flag-change"><Badge required=b.required/> " becomes " <Badge required=a.required/></p>
        }),
        _ => None,
    };
    let text = match (&cell.before, &cell.after) {
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
}
