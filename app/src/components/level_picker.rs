//! "Choose your current level": the role picker and the level slider.

use crate::model::{Profile, Selection};
use leptos::prelude::*;

/// Role `<select>` and level range input, rendered by the server for `selection`. A plain
/// GET form, so without JavaScript "Show" submits the choice and the server renders it;
/// with it the explorer ([`crate::components::Explorer`]) applies every change at
/// once and the stylesheet hides the button.
#[component]
pub fn LevelPicker(profile: Profile, selection: Selection) -> impl IntoView {
    let last = profile.levels().len().saturating_sub(1);
    let level_name = profile
        .levels()
        .get(selection.level)
        .map(|l| l.name.clone())
        .unwrap_or_default();
    let options = profile
        .roles()
        .iter()
        .enumerate()
        .map(|(i, role)| {
            view! {
                <option value=role.id.to_string() selected=selection.role == i>
                    {role.name.clone()}
                </option>
            }
        })
        .collect_view();
    let ticks = profile
        .levels()
        .iter()
        .enumerate()
        .map(|(i, level)| view! { <li class:is-chosen=selection.level == i>{level.name.clone()}</li> })
        .collect_view();
    let open = selection.open_value(&profile);
    let tick_options = (0..=last)
        .map(|i| view! { <option value=i.to_string()></option> })
        .collect_view();

    view! {
        <form class="picker" method="get">
            <div class="field">
                <label for="role-picker">"Your role"</label>
                <select id="role-picker" name="role">
                    {options}
                </select>
            </div>
            <div class="field field-slider">
                <label for="level-slider" id="level-slider-label">
                    "Your current level: "
                    <output for="level-slider" class="level-output">{level_name.clone()}</output>
                </label>
                <input
                    id="level-slider"
                    type="range"
                    name="level"
                    min="0"
                    max=last.to_string()
                    step="1"
                    list="level-ticks"
                    value=selection.level.to_string()
                    aria-valuetext=level_name
                />
                <datalist id="level-ticks">{tick_options}</datalist>
                <ol class="ticks" aria-hidden="true" style=format!("--levels: {}", last + 1)>
                    {ticks}
                </ol>
            </div>
            // Left out of the query (disabled) while no row is open.
            <input type="hidden" name="open" value=open.clone().unwrap_or_default() disabled=open.is_none()/>
            <crate::components::embedded::KeptFields/>
            <button type="submit" class="button picker-submit">"Show"</button>
        </form>
    }
}
