//! The compare view: the chosen role's current level beside the next one.

use crate::components::cover_list::CoverList;
use crate::components::embedded::link_target;
use crate::model::{compare, Axes, Change, Profile, Scale, Selection};
use leptos::prelude::*;

/// The compare view of `selection`, rendered by the server, and after it one inert
/// `<template data-panel="<role>-<level>">` per role and level holding that choice's view:
/// the explorer swaps the chosen one in when the reader changes the choice, so the
/// browser needs neither the profile's texts nor the code that renders them. Announced
/// politely when it changes.
#[component]
pub fn CompareView(profile: Profile, selection: Selection) -> impl IntoView {
    let templates = (0..profile.roles().len())
        .flat_map(|role| (0..profile.levels().len()).map(move |level| (role, level)))
        .map(|(role, level)| {
            let choice = Selection {
                role,
                level,
                open: Vec::new(),
            };
            view! {
                <template data-panel=format!("{role}-{level}")>
                    <ComparePanel profile=profile.clone() selection=choice/>
                </template>
            }
        })
        .collect_view();
    view! {
        <section class="compare" aria-labelledby="compare-title" aria-live="polite">
            <ComparePanel profile=profile.clone() selection/>
        </section>
        {templates}
    }
}

/// Current and next expectation side by side, the next one as a word-level diff, what
/// becomes required and the new sentences to cover.
#[component]
fn ComparePanel(profile: Profile, selection: Selection) -> impl IntoView {
    let Some(c) = compare(&profile, &selection) else {
        return ().into_any();
    };
    let more = compare_href(&profile, &selection);
    let title = match &c.next {
        Some(next) => format!("{}: from {} to {}", c.role, c.current_level, next.level),
        None => format!("{}: {}", c.role, c.current_level),
    };
    let next = match c.next {
        Some(next) => {
            let becomes = next.becomes_required.then(|| {
                view! {
                    <p class="callout">
                        <strong>"Becomes required"</strong>
                        {format!(" at {}: optional for you now, expected there.", next.level)}
                    </p>
                }
            });
            view! {
                <div class="compare-col compare-next">
                    <h4>"Next: " {next.level.clone()} " " <Badge required=next.required/></h4>
                    <p class="diff" aria-describedby="diff-legend"><WordDiff changes=next.changes/></p>
                    <p id="diff-legend" class="diff-legend">
                        <ins>"underlined"</ins> " is new at this level, "
                        <del>"struck through"</del> " is no longer listed."
                    </p>
                    // When a level rewrites its text, the diff is mostly marks: the text
                    // itself, plainly, one click away (no JavaScript needed).
                    <details class="plain-text">
                        <summary>{format!("Read {} as plain text", next.level)}</summary>
                        <p>{next.text}</p>
                    </details>
                </div>
                <div class="compare-advance">
                    {becomes}
                    <h4>"What to cover to advance"</h4>
                    <CoverList profile=profile.clone() selection sentences=next.to_cover/>
                </div>
            }
            .into_any()
        }
        None => view! {
            <div class="compare-col compare-next">
                <p class="callout">
                    <strong>"Highest level. "</strong>
                    {format!("{} is the top of this scale: nothing further to reach here. Keep the expectations below current and help others grow into them.", c.current_level)}
                </p>
            </div>
        }
        .into_any(),
    };
    view! {
        <h3 id="compare-title">{title}</h3>
        <div class="compare-grid two-up">
            <div class="compare-col">
                <h4>"Now: " {c.current_level.clone()} " " <Badge required=c.current_required/></h4>
                <p>{c.current_text}</p>
            </div>
            {next}
        </div>
        <p class="compare-more">
            <a href=more target=link_target() rel=link_target().map(|_| "noopener")>
                "Compare with another role or level"
            </a>
        </p>
    }
    .into_any()
}

/// The side-by-side page for this skill, from the chosen role and level to the next level
/// (at the top of the scale, to the next role at the same level).
fn compare_href(profile: &Profile, selection: &Selection) -> String {
    let axes = Axes::of(profile);
    let side = |role: usize, level: usize| {
        format!(
            "{}/{}",
            axes.role_id(role).unwrap_or_default(),
            axes.level_id(level).unwrap_or_default()
        )
    };
    let (role, level) = (selection.role, selection.level);
    let b = if level + 1 < axes.levels.len() {
        side(role, level + 1)
    } else {
        side((role + 1) % axes.roles.len().max(1), level)
    };
    crate::pages::side_by_side::side_by_side_href(profile.slug().as_str(), &side(role, level), &b)
}

/// Required is a filled badge, optional an outlined one; both say so in words.
#[component]
pub fn Badge(required: bool) -> impl IntoView {
    if required {
        view! { <span class="badge badge-required">"Required"</span> }.into_any()
    } else {
        view! { <span class="badge badge-optional">"Optional"</span> }.into_any()
    }
}

/// Word-level changes: kept words plain, added ones in `<ins>`, removed ones in `<del>`.
#[component]
pub fn WordDiff(changes: Vec<Change>) -> impl IntoView {
    changes
        .into_iter()
        .map(|change| match change {
            Change::Same(text) => view! { <span>{text}</span> }.into_any(),
            Change::Added(text) => view! { <ins>{text}</ins> }.into_any(),
            Change::Removed(text) => view! { <del>{text}</del> }.into_any(),
        })
        .collect_view()
}
