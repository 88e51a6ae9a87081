//! What to cover to advance, on the compare view: the next level's sentences the current
//! level lacks, and where the reader keeps notes and evidence on them — the growth plan for
//! that level (`/plan`), which stays in this browser.

use crate::components::embedded::link_target;
use crate::model::{Axes, Profile, Scale, Selection};
use leptos::prelude::*;

/// The sentences to cover, and a link to the growth plan for the next level at this skill.
#[component]
pub fn CoverList(profile: Profile, selection: Selection, sentences: Vec<String>) -> impl IntoView {
    let axes = Axes::of(&profile);
    let role = axes.role_id(selection.role).unwrap_or_default().to_owned();
    let next = selection.level + 1;
    let (next_id, next_name) = axes
        .levels
        .get(next)
        .map(|(id, name)| (id.clone(), name.clone()))
        .unwrap_or_default();
    let plan = format!(
        "{}#{}",
        crate::pages::plan::plan_href(&role, &next_id, ""),
        profile.slug()
    );
    let items = sentences
        .into_iter()
        .map(|sentence| view! { <li>{sentence}</li> })
        .collect_view();
    view! {
        <ul class="cover-list">{items}</ul>
        <p class="cover-plan">
            <a href=plan target=link_target() rel=link_target().map(|_| "noopener")>
                {format!("Keep notes and evidence for {next_name} in your growth plan")}
            </a>
            <span class="hint">" Kept in this browser only, across every skill."</span>
        </p>
    }
}
