//! The download form under a profile: the whole profile or the reader's selection, as
//! JSON, CSV or Markdown. A plain GET form to the server's download route, so it works
//! without JavaScript; with it, the hidden role and level follow the picker.

use crate::model::{Profile, Selection};
use crate::paths;
use leptos::prelude::*;

/// "Download": what (whole profile or selection) and which format.
#[component]
pub fn ExportForm(profile: Profile, selection: Memo<Selection>) -> impl IntoView {
    let action = paths::href(&format!("/skills/{}/export", profile.slug()));
    let role_id = {
        let profile = profile.clone();
        move || {
            profile
                .roles()
                .get(selection.get().role)
                .map(|r| r.id.to_string())
                .unwrap_or_default()
        }
    };
    let level_id = {
        let profile = profile.clone();
        move || {
            profile
                .levels()
                .get(selection.get().level)
                .map(|l| l.id.to_string())
                .unwrap_or_default()
        }
    };
    let selection_label = move || {
        let chosen = selection.get();
        let role = profile.roles().get(chosen.role).map(|r| r.name.clone());
        let level = profile.levels().get(chosen.level).map(|l| l.name.clone());
        let next = profile
            .levels()
            .get(chosen.level + 1)
            .map(|l| l.name.clone());
        match (role, level, next) {
            (Some(role), Some(level), Some(next)) => {
                format!("Your selection: {role}, {level} and {next}")
            }
            (Some(role), Some(level), None) => format!("Your selection: {role}, {level}"),
            _ => "Your selection".to_owned(),
        }
    };
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
                            {selection_label}
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
