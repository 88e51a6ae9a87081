//! The matrix: levels down, roles across, one expectation per cell.

use crate::components::compare::Badge;
use crate::components::selection::selection_setter;
use crate::model::{Expectation, Profile, Selection};
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// The full matrix as a semantic table. The current level's row and the chosen role's
/// column are marked, the next level carries a "Next" marker. Each row header is a
/// `<details>` disclosure: opening it unclamps the row's texts (CSS `:has`), with or
/// without JavaScript. Under 600 px the stylesheet turns each row into a card.
#[component]
pub fn Matrix(profile: Profile, selection: Memo<Selection>) -> impl IntoView {
    let set = selection_setter(profile.clone());
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
            let cells = profile
                .roles()
                .iter()
                .zip(profile.row(index))
                .enumerate()
                .map(|(role_index, (role, cell))| {
                    view! {
                        <Cell
                            role=role.name.clone()
                            cell=cell.clone()
                            chosen=Signal::derive(move || selection.get().role == role_index)
                        />
                    }
                })
                .collect_view();
            let on_toggle = {
                let set = set.clone();
                move |ev: leptos::ev::Event| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    let current = selection.get_untracked();
                    if current.is_open(index) != open {
                        set(current.with_row(index, open));
                    }
                }
            };
            let is_open = move || selection.get().is_open(index);
            // The row header's name: a <details> inside a cell does not lend it one.
            let header_name = {
                let name = level.name.clone();
                move || {
                    let current = selection.get().level;
                    let marker = if current == index {
                        ", your level"
                    } else if current + 1 == index {
                        ", next level"
                    } else {
                        ""
                    };
                    format!("{name}{marker}")
                }
            };
            view! {
                <tr
                    id=format!("level-{}", level.id)
                    class:is-current=move || selection.get().level == index
                    class:is-next=move || selection.get().level + 1 == index
                >
                    <th scope="row" class="level-name" aria-label=header_name>
                        <details open=is_open on:toggle=on_toggle>
                            <summary aria-expanded=move || is_open().to_string()>
                                <span class="level-label">{level.name.clone()}</span>
                                {move || (selection.get().level == index).then(|| view! {
                                    <span class="marker marker-current">"Your level"</span>
                                })}
                                {move || (selection.get().level + 1 == index).then(|| view! {
                                    <span class="marker marker-next">"Next"</span>
                                })}
                            </summary>
                        </details>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let headers = profile
        .roles()
        .iter()
        .enumerate()
        .map(|(i, role)| {
            view! {
                <th scope="col" class:is-role=move || selection.get().role == i>
                    <a
                        href=crate::paths::href(&format!("/roles/{}", role.id))
                        target=crate::components::embedded::link_target()
                        title=format!("Role ladder: {}", role.name)
                    >
                        {role.name.clone()}
                    </a>
                </th>
            }
        })
        .collect_view();

    let all_link = {
        let (profile, set) = (profile.clone(), set.clone());
        move |open: bool| {
            let (profile, set) = (profile.clone(), set.clone());
            let target = Memo::new({
                let profile = profile.clone();
                move |_| selection.get().with_all_rows(&profile, open)
            });
            let kept = crate::components::embedded::kept_query();
            let href = move || format!("?{}{kept}", target.get().to_query(&profile));
            let on_click = move |ev: MouseEvent| {
                ev.prevent_default();
                set(target.get_untracked());
            };
            (href, on_click)
        }
    };
    let (expand_href, expand_click) = all_link(true);
    let (collapse_href, collapse_click) = all_link(false);

    view! {
        <section class="matrix-section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">"What is expected at each level"</h2>
            <p class="lead">
                {format!("How skill depth grows from {first} to {last}. Open a level to read it in full.")}
            </p>
            <p class="matrix-tools">
                <a class="button button-quiet" href=expand_href on:click=expand_click>"Expand all"</a>
                <a class="button button-quiet" href=collapse_href on:click=collapse_click>"Collapse all"</a>
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

/// One expectation with its required/optional badge.
#[component]
fn Cell(role: String, cell: Expectation, chosen: Signal<bool>) -> impl IntoView {
    view! {
        <td class:is-role=chosen>
            <span class="cell-role">{role}</span>
            <Badge required=cell.required/>
            <p class="cell-text">{cell.text}</p>
        </td>
    }
}
