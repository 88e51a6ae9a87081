//! The page's selection lives in the URL: the server reads it from the query and renders it;
//! in the browser the explorer island holds it in a signal and writes every change back to
//! the address bar with `replaceState` (no reload, no new history entry), remembering the
//! role and level as the last choice. The choice is restored before first paint by the
//! page head's early script ([`crate::shell::EARLY_SCRIPT`]), so nothing moves later.

use crate::model::{Profile, Selection};
use crate::storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The remembered choice, by identifiers so it carries across skills. The early script in
/// the page head reads the same envelope (`{"v":1,"data":{"role":…,"level":…}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Role id.
    pub role: String,
    /// Level id.
    pub level: String,
}

/// The selection of the island that shows one profile, provided as context to its pieces.
#[derive(Debug, Clone, Copy)]
pub struct Chosen(pub RwSignal<Selection>);

/// Provides the selection the server rendered to the pieces of an island; returns it as a
/// memo, so pieces re-render only when it really changes.
pub fn provide_selection(initial: Selection) -> Memo<Selection> {
    // The early script only reads a valid remembered choice; reading it here sets an
    // unusable one aside (`<key>.corrupt`), as the storage module does for every key.
    Effect::new(|_| {
        let _ = storage::load::<Choice>(storage::CHOICE);
    });
    let chosen = RwSignal::new(initial);
    provide_context(Chosen(chosen));
    Memo::new(move |_| chosen.get())
}

/// A function that makes `next` the selection: shown at once, the URL updated in place and
/// the role and level remembered for next time.
pub fn selection_setter(profile: Profile) -> impl Fn(Selection) + Clone + 'static {
    let chosen = use_context::<Chosen>();
    let kept = crate::components::embedded::kept_query();
    move |next: Selection| {
        if let Ok(path) = window().location().pathname() {
            crate::paths::replace_url(&format!("{path}?{}{kept}", next.to_query(&profile)));
        }
        if let (Some(role), Some(level)) = (
            profile.roles().get(next.role),
            profile.levels().get(next.level),
        ) {
            storage::save(
                storage::CHOICE,
                &Choice {
                    role: role.id.to_string(),
                    level: level.id.to_string(),
                },
            );
        }
        if let Some(Chosen(chosen)) = chosen {
            chosen.set(next);
        }
    }
}
