//! The dark-mode toggle: follows the system until the reader chooses, then remembers.

use crate::storage;
use leptos::prelude::*;

/// The inline script that applies a theme before first paint (no flash): the one the
/// reader remembered (the envelope `storage::save(THEME, …)` writes), or on the embed view
/// the portal's `theme` parameter (`auto`, or none, follows the system).
pub const EARLY_THEME_SCRIPT: &str = r#"try{var t;if(/\/embed\//.test(location.pathname)){t=new URLSearchParams(location.search).get("theme")}else{var s=JSON.parse(localStorage.getItem("skill-profiles.theme"));if(s&&s.v===1)t=s.data}if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}"#;

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// A pressed/unpressed "Dark mode" button. Rendered unpressed on the server; the real
/// state is read after hydration.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(false);
    Effect::new(move |_| {
        let chosen = document()
            .document_element()
            .and_then(|root| root.get_attribute("data-theme"));
        dark.set(match chosen.as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => system_prefers_dark(),
        });
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let theme = if next { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            // Setting an attribute on <html> does not fail in practice.
            let _ = root.set_attribute("data-theme", theme);
        }
        storage::save(storage::THEME, &theme);
    };
    view! {
        <button
            type="button"
            class="button button-quiet theme-toggle"
            aria-pressed=move || dark.get().to_string()
            on:click=toggle
        >
            "Dark mode"
        </button>
    }
}
