//! The matrix: levels down, roles across, one expectation per cell.

use crate::model::{Expectation, Profile};
use leptos::prelude::*;

/// The full matrix as a semantic table. Under 600 px the stylesheet turns each level row
/// into a card with the roles stacked; each cell then shows its role name itself.
#[component]
pub fn Matrix(profile: Profile) -> impl IntoView {
    let roles = profile.roles().to_vec();
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
        .map(|(index, level)| {
            let cells = roles
                .iter()
                .zip(profile.row(index))
                .map(|(role, cell)| view! { <Cell role=role.name.clone() cell=cell.clone()/> })
                .collect_view();
            view! {
                <tr id=format!("level-{}", level.id)>
                    <th scope="row" class="level-name">{level.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let headers = roles
        .iter()
        .map(|role| view! { <th scope="col">{role.name.clone()}</th> })
        .collect_view();

    view! {
        <section class="matrix-section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">"What is expected at each level"</h2>
            <p class="lead">{format!("How skill depth grows from {first} to {last}.")}</p>
            <div class="matrix-scroll">
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
            </div>
        </section>
    }
}

/// One expectation with its required/optional badge, told apart by text and shape.
#[component]
fn Cell(role: String, cell: Expectation) -> impl IntoView {
    let (class, label) = if cell.required {
        ("badge badge-required", "Required")
    } else {
        ("badge badge-optional", "Optional")
    };
    view! {
        <td>
            <span class="cell-role">{role}</span>
            <span class=class>{label}</span>
            <p class="cell-text">{cell.text}</p>
        </td>
    }
}
