//! The page's selection lives in the URL: read from the query, written back with
//! `replaceState` through the router, remembered in localStorage as the last choice.

use crate::model::{Profile, Selection};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use serde::{Deserialize, Serialize};

/// The remembered choice, by identifiers so it carries across skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Role id.
    pub role: String,
    /// Level id.
    pub level: String,
}

/// The current selection, derived from the URL (so the server renders it too).
pub fn use_selection(profile: Profile) -> Memo<Selection> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        Selection::from_query(
            &profile,
            query.get_str("role"),
            query.get_str("level"),
            query.get_str("open"),
        )
    })
}

/// A function that makes `next` the selection: URL updated in place (no reload, no new
/// history entry) and the role and level remembered for next time.
pub fn selection_setter(profile: Profile) -> impl Fn(Selection) + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    let kept = crate::components::embedded::kept_query();
    move |next: Selection| {
        let url = format!(
            "{}?{}{kept}",
            location.pathname.get_untracked(),
            next.to_query(&profile)
        );
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                resolve: false,
                ..Default::default()
            },
        );
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
    }
}

/// After hydration, applies the remembered choice when the URL names no role or level.
pub fn restore_last_choice(profile: Profile, selection: Memo<Selection>) {
    let query = use_query_map();
    let set = selection_setter(profile.clone());
    Effect::new(move |_| {
        let query = query.get_untracked();
        if query.get_str("role").is_some() || query.get_str("level").is_some() {
            return;
        }
        let Some(choice) = storage::load::<Choice>(storage::CHOICE) else {
            return;
        };
        let current = selection.get_untracked();
        let restored = Selection::from_query(
            &profile,
            Some(&choice.role),
            Some(&choice.level),
            query.get_str("open"),
        );
        if restored != current {
            set(restored);
        }
    });
}
