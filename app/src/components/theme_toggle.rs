//! The dark-mode toggle: follows the system until the reader chooses, then remembers. The
//! remembered theme is applied before first paint by the page head's early script
//! ([`crate::shell::EARLY_SCRIPT`]).

use crate::storage;
use leptos::prelude::*;

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// A pressed/unpressed "Dark mode" button, an island. Rendered unpressed on the server;
/// the real state is read after hydration.
#[island]
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
            <span class="toggle-icon" aria-hidden="true">"◐"</span>
            <span class="toggle-label">"Dark mode"</span>
        </button>
    }
}
