//! "Choose your current level": the role picker and the level slider.

use crate::components::selection::selection_setter;
use crate::model::{Profile, Selection};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Role `<select>` and level range input. A plain GET form underneath, so without
/// JavaScript "Show" submits the choice and the server renders it; hydrated, every
/// change applies at once and the button is hidden.
#[component]
pub fn LevelPicker(profile: Profile, selection: Memo<Selection>) -> impl IntoView {
    let set = selection_setter(profile.clone());
    let last = profile.levels().len().saturating_sub(1);
    let level_names: Vec<String> = profile.levels().iter().map(|l| l.name.clone()).collect();
    let level_name = {
        let names = level_names.clone();
        move || {
            names
                .get(selection.get().level)
                .cloned()
                .unwrap_or_default()
        }
    };

    let on_role = {
        let (set, profile) = (set.clone(), profile.clone());
        move |ev| {
            let id = event_target_value(&ev);
            let role = profile.role_index(&id).unwrap_or(0);
            set(Selection {
                role,
                ..selection.get_untracked()
            });
        }
    };
    let on_level = {
        let set = set.clone();
        move |ev| {
            if let Ok(level) = event_target_value(&ev).parse::<usize>() {
                if level != selection.get_untracked().level {
                    set(Selection {
                        level: level.min(last),
                        ..selection.get_untracked()
                    });
                }
            }
        }
    };
    let on_submit = move |ev: SubmitEvent| ev.prevent_default();

    let options = profile
        .roles()
        .iter()
        .enumerate()
        .map(|(i, role)| {
            view! {
                <option value=role.id.to_string() selected=move || selection.get().role == i>
                    {role.name.clone()}
                </option>
            }
        })
        .collect_view();
    let ticks = level_names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <li class:is-chosen=move || selection.get().level == i>{name.clone()}</li>
            }
        })
        .collect_view();
    let tick_options = (0..=last)
        .map(|i| view! { <option value=i.to_string()></option> })
        .collect_view();
    let open_rows = {
        let profile = profile.clone();
        move || selection.get().open_value(&profile)
    };

    view! {
        <form class="picker" method="get" on:submit=on_submit>
            <div class="field">
                <label for="role-picker">"Your role"</label>
                <select id="role-picker" name="role" on:change=on_role>
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
                    value=move || selection.get().level.to_string()
                    prop:value=move || selection.get().level.to_string()
                    aria-valuetext=level_name
                    on:input=on_level
                />
                <datalist id="level-ticks">{tick_options}</datalist>
                <ol
                    class="ticks"
                    aria-hidden="true"
                    style=format!("--levels: {}", last + 1)
                >
                    {ticks}
                </ol>
            </div>
            {move || open_rows().map(|open| view! { <input type="hidden" name="open" value=open/> })}
            <crate::components::embedded::KeptFields/>
            <button type="submit" class="button picker-submit">"Show"</button>
        </form>
    }
}
