//! The download form under a profile: the whole profile or the reader's selection, as
//! JSON, CSV or Markdown. A plain GET form to the server's download route, so it works
//! without JavaScript; with it, the hidden role and level follow the picker.

use crate::model::{Axes, Profile, Scale, Selection};
use crate::paths;
use leptos::prelude::*;

/// "Download": what (whole profile or selection) and which format.
#[component]
pub fn ExportForm(profile: Profile, selection: Selection) -> impl IntoView {
    let action = paths::href(&format!("/skills/{}/export", profile.slug()));
    let role_id = profile
        .role_id(selection.role)
        .unwrap_or_default()
        .to_owned();
    let level_id = profile
        .level_id(selection.level)
        .unwrap_or_default()
        .to_owned();
    let selection_label = selection_label(&Axes::of(&profile), &selection);
    let format_choice = |value: &'static str, label: &'static str, checked: bool| {
        view! {
            <label>
                <input type="radio" name="format" value=value checked=checked/>
                {label}
            </label>
        }
    };
    view! {
        <section class="export" aria-labelledby="export-title">
            <h2 id="export-title">"Download"</h2>
            <form method="get" action=action>
                <fieldset>
                    <legend>"What to download"</legend>
                    <div class="export-choices">
                        <label>
                            <input type="radio" name="part" value="all" checked=true/>
                            "The whole profile"
                        </label>
                        <label>
                            <input type="radio" name="part" value="selection"/>
                            <span class="export-selection">{selection_label}</span>
                        </label>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Format"</legend>
                    <div class="export-choices">
                        {format_choice("csv", "CSV (spreadsheets)", true)}
                        {format_choice("md", "Markdown", false)}
                        {format_choice("json", "JSON", false)}
                    </div>
                </fieldset>
                <input type="hidden" name="role" value=role_id/>
                <input type="hidden" name="level" value=level_id/>
                <button type="submit" class="button">"Download"</button>
            </form>
        </section>
    }
}

/// "Your selection: Data Engineer, Senior and Lead": the compare view's pair.
pub fn selection_label(axes: &Axes, selection: &Selection) -> String {
    let name = |list: &[(String, String)], i: usize| list.get(i).map(|(_, name)| name.clone());
    match (
        name(&axes.roles, selection.role),
        name(&axes.levels, selection.level),
        name(&axes.levels, selection.level + 1),
    ) {
        (Some(role), Some(level), Some(next)) => {
            format!("Your selection: {role}, {level} and {next}")
        }
        (Some(role), Some(level), None) => format!("Your selection: {role}, {level}"),
        _ => "Your selection".to_owned(),
    }
}
