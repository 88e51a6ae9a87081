//! The dark-mode toggle: follows the system until the reader chooses, then remembers. The
//! remembered theme is applied before first paint by the page head's early script
//! ([`crate::shell::EARLY_SCRIPT`]).

use crate::dom::{self, Enhanced};
use crate::storage;
use leptos::prelude::*;
use web_sys::Element;

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// A pressed/unpressed "Dark mode" button. Rendered unpressed on the server; [`enhance`]
/// reads the real state in the browser.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <Enhanced name="theme-toggle" props=() inline=true>
            <button type="button" class="button button-quiet theme-toggle" aria-pressed="false">
                <span class="toggle-icon" aria-hidden="true">"◐"</span>
                <span class="toggle-label">"Dark mode"</span>
            </button>
        </Enhanced>
    }
}

/// Shows whether the page is dark (the remembered choice, else the system's) and switches
/// and remembers on click.
pub fn enhance(root: Element) {
    let Some(button) = dom::one(&root, "button") else {
        return;
    };
    let html = document().document_element();
    let dark = match html
        .as_ref()
        .and_then(|h| h.get_attribute("data-theme"))
        .as_deref()
    {
        Some("dark") => true,
        Some("light") => false,
        _ => system_prefers_dark(),
    };
    let _ = button.set_attribute("aria-pressed", &dark.to_string());
    let target = button.clone();
    dom::listen(&target, "click", false, move |_| {
        let next = button.get_attribute("aria-pressed").as_deref() != Some("true");
        let _ = button.set_attribute("aria-pressed", &next.to_string());
        let theme = if next { "dark" } else { "light" };
        if let Some(html) = &html {
            // Setting an attribute on <html> does not fail in practice.
            let _ = html.set_attribute("data-theme", theme);
        }
        storage::save(storage::THEME, &theme);
    });
}
