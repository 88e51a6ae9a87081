//! The matrix: levels down, roles across, one expectation per cell.

use crate::components::compare::Badge;
use crate::model::{Expectation, Level, Profile, Role, Selection};
use leptos::prelude::*;

/// The full matrix as a semantic table, rendered by the server for `selection`: the current
/// level's row and the chosen role's column are marked, the next level carries a "Next"
/// marker. Each row header is a `<details>` disclosure: opening it unclamps the row's texts
/// (CSS `:has`), with or without JavaScript. Under 600 px the stylesheet turns each row
/// into a card. The explorer moves the marks when the reader changes the choice.
#[component]
pub fn Matrix(profile: Profile, selection: Selection) -> impl IntoView {
    let first = profile
        .levels()
        .first()
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let last = profile
        .levels()
        .last()
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let caption = format!(
        "Expectations of each role at each level of {}",
        profile.title()
    );
    let rows = profile
        .levels()
        .iter()
        .enumerate()
        .map(|(index, level)| level_row(&profile, &selection, index, level))
        .collect_view();
    let headers = profile
        .roles()
        .iter()
        .enumerate()
        .map(|(i, role)| role_header(role, selection.role == i))
        .collect_view();
    let kept = crate::components::embedded::kept_query();
    let rows_href = |open: bool| {
        format!(
            "?{}{kept}",
            selection.with_all_rows(&profile, open).to_query(&profile)
        )
    };

    view! {
        <section class="matrix-section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">"What is expected at each level"</h2>
            <p class="lead">
                {format!("How skill depth grows from {first} to {last}. Open a level to read it in full.")}
            </p>
            <p class="matrix-tools">
                <a class="button button-quiet" data-rows="all" href=rows_href(true)>"Expand all"</a>
                <a class="button button-quiet" data-rows="none" href=rows_href(false)>"Collapse all"</a>
            </p>
            <table class="matrix">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Level"</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The row of level `index`: its disclosure header, marked for the reader's level and the
/// next, and a cell per role, the chosen one's marked.
fn level_row(
    profile: &Profile,
    selection: &Selection,
    index: usize,
    level: &Level,
) -> impl IntoView {
    let cells = profile
        .roles()
        .iter()
        .zip(profile.row(index))
        .enumerate()
        .map(|(role, (r, cell))| {
            view! { <Cell role=r.name.clone() cell=cell.clone() chosen=selection.role == role/> }
        })
        .collect_view();
    let open = selection.is_open(index);
    let current = selection.level == index;
    let next = selection.level + 1 == index;
    view! {
        <tr id=format!("level-{}", level.id) class:is-current=current class:is-next=next>
            // The row header's name: a <details> inside a cell does not lend it one.
            <th scope="row" class="level-name" aria-label=row_name(&level.name, selection.level, index)>
                <details open=open>
                    <summary aria-expanded=open.to_string()>
                        <span class="level-label">{level.name.clone()}</span>
                        {current.then(|| view! { <span class="marker marker-current">{CURRENT_MARKER}</span> })}
                        {next.then(|| view! { <span class="marker marker-next">{NEXT_MARKER}</span> })}
                    </summary>
                </details>
            </th>
            {cells}
        </tr>
    }
}

/// A role's column header, linking to its ladder; `chosen` marks the reader's role.
fn role_header(role: &Role, chosen: bool) -> impl IntoView {
    view! {
        <th scope="col" class:is-role=chosen>
            <a
                href=crate::paths::href(&format!("/roles/{}", role.id))
                target=crate::components::embedded::link_target()
                title=format!("Role ladder: {}", role.name)
            >
                {role.name.clone()}
            </a>
        </th>
    }
}

/// The marker on the reader's level.
pub const CURRENT_MARKER: &str = "Your level";
/// The marker on the level after it.
pub const NEXT_MARKER: &str = "Next";

/// The accessible name of level `index`'s row header when the reader is at `current`.
pub fn row_name(name: &str, current: usize, index: usize) -> String {
    let marker = if current == index {
        ", your level"
    } else if current + 1 == index {
        ", next level"
    } else {
        ""
    };
    format!("{name}{marker}")
}

/// One expectation with its required/optional badge.
#[component]
fn Cell(role: String, cell: Expectation, chosen: bool) -> impl IntoView {
    view! {
        <td class:is-role=chosen>
            <span class="cell-role">{role}</span>
            <Badge required=cell.required/>
            <p class="cell-text">{cell.text}</p>
        </td>
    }
}
