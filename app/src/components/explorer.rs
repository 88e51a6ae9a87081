//! The explorer: everything on a profile that follows the reader's choice — the level
//! picker, the compare view, the ladder link, the matrix and the download form — as one
//! enhancement ([`crate::dom`]) of markup the server rendered.
//!
//! The server renders the page for the choice in its address, plus the compare view of
//! every other choice as inert `<template>`s ([`crate::components::CompareView`]). The
//! browser gets only the profile's role and level names ([`Axes`]) and, when the reader
//! changes the choice, swaps the chosen compare view in and moves the marks of the matrix,
//! the picker and the download form. So the browser downloads no code that renders
//! a profile and no reactive runtime, only this file's event handling (docs/client.md).

use crate::components::export::selection_label;
use crate::components::matrix::{row_name, CURRENT_MARKER, NEXT_MARKER};
use crate::components::selection::Choice;
use crate::dom::{self, all, mark, set_attr, text, Enhanced};
use crate::model::{Axes, Selection};
use crate::storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

/// What the browser side knows of the profile it explores.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Explored {
    /// The profile's roles and levels.
    axes: Axes,
    /// The profile's slug.
    slug: String,
    /// The choice the server rendered.
    selection: Selection,
    /// The embed view's own parameters (`&theme=dark&compact=1`), kept in every address.
    kept: String,
}

/// The explorer's server-rendered parts (`children`) inside the element the browser side
/// ([`enhance`]) binds to.
#[component]
pub fn Explorer(
    /// The profile's roles and levels.
    axes: Axes,
    /// The profile's slug.
    slug: String,
    /// The choice the server rendered.
    selection: Selection,
    /// The parts the server rendered.
    children: Children,
) -> impl IntoView {
    let props = Explored {
        axes,
        slug,
        selection,
        kept: crate::components::embedded::kept_query(),
    };
    view! { <Enhanced name="explorer" props>{children()}</Enhanced> }
}

/// The explorer's state in the browser.
struct Exploring {
    root: Element,
    explored: Explored,
    /// The choice shown now.
    chosen: Selection,
}

/// Binds the explorer rendered in `root`: every change of the picker, the rows, the links
/// that open them all applies at once.
pub fn enhance(root: Element) {
    let Some(explored) = dom::props::<Explored>(&root) else {
        return;
    };
    // The early script only reads a valid remembered choice; reading it here sets an
    // unusable one aside (`<key>.corrupt`), as the storage module does for every key.
    let _ = storage::load::<Choice>(storage::CHOICE);
    let chosen = explored.selection.clone();
    let state = Rc::new(RefCell::new(Exploring {
        root: root.clone(),
        explored,
        chosen,
    }));
    let on = |event: &str, capture: bool, handler: fn(&mut Exploring, &Event)| {
        let state = state.clone();
        dom::listen(&root, event, capture, move |ev| {
            handler(&mut state.borrow_mut(), &ev)
        });
    };
    on("input", false, Exploring::on_input);
    on("change", false, Exploring::on_change);
    on("click", false, Exploring::on_click);
    on("submit", false, Exploring::on_submit);
    // A row opened or closed (its <details> toggled by click, keyboard or find-in-page).
    // `toggle` does not bubble, so the explorer listens in the capture phase.
    on("toggle", true, Exploring::on_toggle);
}

impl Exploring {
    /// Shows `next` (unless it is shown already), puts it in the address and remembers it.
    fn choose(&mut self, next: Selection) {
        if next != self.chosen {
            let previous = std::mem::replace(&mut self.chosen, next);
            if (previous.role, previous.level) != (self.chosen.role, self.chosen.level) {
                swap_compare_view(&self.root, &self.chosen);
            }
            show(&self.root, &self.explored, &self.chosen);
        }
        remember(&self.explored, &self.chosen);
    }

    /// The slider moved.
    fn on_input(&mut self, ev: &Event) {
        let slider = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(level) = slider
            .filter(|s| s.id() == "level-slider")
            .and_then(|s| s.value().parse::<usize>().ok())
        {
            let last = self.explored.axes.levels.len().saturating_sub(1);
            self.choose(Selection {
                level: level.min(last),
                ..self.chosen.clone()
            });
        }
    }

    /// The role picker or the slider changed.
    fn on_change(&mut self, ev: &Event) {
        let Some(target) = dom::target(ev) else {
            return;
        };
        if target.id() == "role-picker" {
            let id = event_target_value(ev);
            let role = self.explored.axes.roles.iter().position(|(r, _)| *r == id);
            self.choose(Selection {
                role: role.unwrap_or(0),
                ..self.chosen.clone()
            });
        } else if target.id() == "level-slider" {
            self.on_input(ev);
        }
    }

    /// "Expand all" / "Collapse all": links for readers without JavaScript, in place here.
    fn on_click(&mut self, ev: &Event) {
        let link = dom::target(ev).and_then(|t| t.closest("a[data-rows]").ok().flatten());
        if let Some(link) = link {
            ev.prevent_default();
            let open = link.get_attribute("data-rows").as_deref() == Some("all");
            let next = self.chosen.with_all_rows(&self.explored.axes, open);
            self.choose(next);
        }
    }

    /// The picker's "Show" is for readers without JavaScript: here the choice applies at once.
    fn on_submit(&mut self, ev: &Event) {
        if dom::target(ev).is_some_and(|form| form.class_list().contains("picker")) {
            ev.prevent_default();
        }
    }

    fn on_toggle(&mut self, ev: &Event) {
        let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        else {
            return;
        };
        let Some(row) = details.closest("table.matrix tbody tr").ok().flatten() else {
            return;
        };
        let open = details.open();
        dom::set_attr(
            dom::one(&details, "summary").as_ref(),
            "aria-expanded",
            &open.to_string(),
        );
        let index = dom::position(&row);
        if self.chosen.is_open(index) != open {
            let next = self.chosen.with_row(index, open);
            self.choose(next);
        }
    }
}

/// The words of the link from the chosen role to its ladder.
pub fn ladder_link_text(role: &str) -> String {
    format!("{role} across every skill: the role ladder →")
}

/// The address of `selection` and the remembered choice for next time.
fn remember(explored: &Explored, selection: &Selection) {
    if let Ok(path) = window().location().pathname() {
        crate::paths::replace_url(&format!(
            "{path}?{}{}",
            selection.to_query(&explored.axes),
            explored.kept
        ));
    }
    if let (Some((role, _)), Some((level, _))) = (
        explored.axes.roles.get(selection.role),
        explored.axes.levels.get(selection.level),
    ) {
        storage::save(
            storage::CHOICE,
            &Choice {
                role: role.clone(),
                level: level.clone(),
            },
        );
    }
}

/// Moves the marks under `root` (picker, ladder link, matrix, download form, the embed's
/// link) to `next`.
fn show(root: &Element, explored: &Explored, next: &Selection) {
    let axes = &explored.axes;
    show_picker(root, axes, next);
    show_ladder_link(root, axes, next);
    show_matrix(root, explored, next);
    show_export(root, axes, next);
}

/// The picker: the level's name, the ticks under the slider, the open rows it submits.
fn show_picker(root: &Element, axes: &Axes, next: &Selection) {
    let level_name = axes
        .levels
        .get(next.level)
        .map(|(_, name)| name.as_str())
        .unwrap_or_default();
    text(dom::one(root, ".level-output").as_ref(), level_name);
    set_attr(
        dom::one(root, "#level-slider").as_ref(),
        "aria-valuetext",
        level_name,
    );
    for (i, tick) in all(root, ".picker .ticks li").iter().enumerate() {
        mark(tick, "is-chosen", i == next.level);
    }
    if let Some(open) = dom::one(root, ".picker input[name=open]") {
        let value = next.open_value(axes);
        let _ = open.set_attribute("value", value.as_deref().unwrap_or_default());
        let _ = open.toggle_attribute_with_force("disabled", value.is_none());
    }
}

/// The ladder link follows the role.
fn show_ladder_link(root: &Element, axes: &Axes, next: &Selection) {
    if let (Some(link), Some((id, name))) =
        (dom::one(root, ".ladder-link a"), axes.roles.get(next.role))
    {
        let _ = link.set_attribute("href", &crate::paths::href(&format!("/roles/{id}")));
        link.set_text_content(Some(&ladder_link_text(name)));
    }
}

/// The matrix: the reader's row, the next one, the role's column, the open rows, and the
/// addresses of "Expand all" and "Collapse all".
fn show_matrix(root: &Element, explored: &Explored, next: &Selection) {
    let axes = &explored.axes;
    let query = |s: &Selection| format!("?{}{}", s.to_query(axes), explored.kept);
    for (i, th) in all(root, "table.matrix thead th")
        .iter()
        .skip(1)
        .enumerate()
    {
        mark(th, "is-role", i == next.role);
    }
    for (index, row) in all(root, "table.matrix tbody tr").iter().enumerate() {
        show_matrix_row(row, axes, next, index);
    }
    set_attr(
        dom::one(root, "a[data-rows=all]").as_ref(),
        "href",
        &query(&next.with_all_rows(axes, true)),
    );
    set_attr(
        dom::one(root, "a[data-rows=none]").as_ref(),
        "href",
        &query(&next.with_all_rows(axes, false)),
    );
}

/// Row `index` of the matrix: its marks, its header's name and marker, open or closed.
fn show_matrix_row(row: &Element, axes: &Axes, next: &Selection, index: usize) {
    mark(row, "is-current", index == next.level);
    mark(row, "is-next", index == next.level + 1);
    for (role, cell) in all(row, "td").iter().enumerate() {
        mark(cell, "is-role", role == next.role);
    }
    let name = axes
        .levels
        .get(index)
        .map(|(_, name)| name.as_str())
        .unwrap_or_default();
    set_attr(
        dom::one(row, "th").as_ref(),
        "aria-label",
        &row_name(name, next.level, index),
    );
    let Some(summary) = dom::one(row, "summary") else {
        return;
    };
    for marker in all(&summary, ".marker") {
        marker.remove();
    }
    let marker = if index == next.level {
        Some(("marker marker-current", CURRENT_MARKER))
    } else if index == next.level + 1 {
        Some(("marker marker-next", NEXT_MARKER))
    } else {
        None
    };
    if let Some((class, label)) = marker {
        if let Ok(span) = document().create_element("span") {
            span.set_class_name(class);
            span.set_text_content(Some(label));
            let _ = summary.append_child(&span);
        }
    }
    let open = next.is_open(index);
    let _ = summary.set_attribute("aria-expanded", &open.to_string());
    if let Some(details) = row
        .query_selector("details")
        .ok()
        .flatten()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        if details.open() != open {
            details.set_open(open);
        }
    }
}

/// The download form's selection, and the embed's link to the full page.
fn show_export(root: &Element, axes: &Axes, next: &Selection) {
    let ids = (axes.roles.get(next.role), axes.levels.get(next.level));
    if let (Some((role, _)), Some((level, _))) = ids {
        set_attr(
            dom::one(root, ".export input[name=role]").as_ref(),
            "value",
            role,
        );
        set_attr(
            dom::one(root, ".export input[name=level]").as_ref(),
            "value",
            level,
        );
    }
    text(
        dom::one(root, ".export-selection").as_ref(),
        &selection_label(axes, next),
    );
    if let Some(link) = dom::one(root, "a[data-selection-link]") {
        let page = link
            .get_attribute("data-selection-link")
            .unwrap_or_default();
        let _ = link.set_attribute("href", &format!("{page}?{}", next.to_query(axes)));
    }
}

/// Puts the server-rendered compare view of `next` (its `<template>`) in the compare section.
fn swap_compare_view(root: &Element, next: &Selection) {
    let selector = format!("template[data-panel=\"{}-{}\"]", next.role, next.level);
    let template =
        dom::one(root, &selector).and_then(|t| t.dyn_into::<web_sys::HtmlTemplateElement>().ok());
    let section = dom::one(root, "section.compare");
    if let (Some(template), Some(section)) = (template, section) {
        if let Ok(view) = template.content().clone_node_with_deep(true) {
            let _ = section.replace_children_with_node_1(&view);
        }
    }
}
