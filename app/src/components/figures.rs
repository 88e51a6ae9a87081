//! The figure cards under a profile's title.

use crate::model::Profile;
use leptos::prelude::*;

/// Roles, levels, required and optional counts, domain, group and last-updated date.
#[component]
pub fn Figures(profile: Profile) -> impl IntoView {
    let figures = profile.figures();
    let updated = profile.updated();
    let optional_note = match figures.optional {
        0 => "none optional".to_owned(),
        1 => "the other 1 optional".to_owned(),
        n => format!("the other {n} optional"),
    };
    view! {
        <dl class="figures">
            <div class="figure">
                <dt>"Roles"</dt>
                <dd class="figure-value">{figures.roles}</dd>
                <dd class="figure-note">"where this skill appears"</dd>
            </div>
            <div class="figure">
                <dt>"Levels"</dt>
                <dd class="figure-value">{figures.levels}</dd>
                <dd class="figure-note">"structured growth path"</dd>
            </div>
            <div class="figure">
                <dt>"Mandatory requirements"</dt>
                <dd class="figure-value">{figures.required}</dd>
                <dd class="figure-note">{optional_note}</dd>
            </div>
            <div class="figure figure-text">
                <dt>"Domain"</dt>
                <dd>{profile.domain().to_owned()}</dd>
            </div>
            <div class="figure figure-text">
                <dt>"Group"</dt>
                <dd>{profile.group().to_owned()}</dd>
            </div>
            <div class="figure figure-text">
                <dt>"Last updated"</dt>
                <dd>
                    <time datetime=updated.to_string()>{updated.human()}</time>
                </dd>
            </div>
        </dl>
    }
}
