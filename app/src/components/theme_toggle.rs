//! The dark-mode toggle: follows the system until the reader chooses, then remembers.

use crate::storage;
use leptos::prelude::*;

/// The inline script at the top of every page's head, run before first paint so nothing
/// moves afterwards:
/// - marks `<html class="js">`, so the stylesheet lays the page out for JavaScript at once
///   (not when the wasm arrives);
/// - applies the theme the reader remembered (the envelope `storage::save(THEME, …)`
///   writes), or on the embed view the portal's `theme` parameter (`auto`, or none, follows
///   the system);
/// - on a profile or embed page whose address names no role or level, goes to the same
///   address with the reader's remembered choice (`storage::CHOICE`) before anything is
///   drawn, so the server renders it.
pub const EARLY_SCRIPT: &str = r#"try{var d=document.documentElement,p=location.pathname,q=new URLSearchParams(location.search),t;d.classList.add("js");function kept(k){var s=JSON.parse(localStorage.getItem("skill-profiles."+k));return s&&s.v===1?s.data:null}t=/\/embed\//.test(p)?q.get("theme"):kept("theme");if(t==="dark"||t==="light")d.dataset.theme=t;var m=document.querySelector("meta[name=base-path]"),b=m?m.content:"";if(p.indexOf(b)===0&&/^\/(embed\/)?skills\/[^\/]+\/?$/.test(p.slice(b.length))&&!q.has("role")&&!q.has("level")){var c=kept("choice");if(c&&typeof c.role==="string"&&typeof c.level==="string"){q.set("role",c.role);q.set("level",c.level);location.replace(p+"?"+q)}}}catch(e){}"#;

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
            "Dark mode"
        </button>
    }
}
