//! The browser entry points, called by the page's loader (`app::shell`): the enhancements of
//! server-rendered parts (`enhance_<name>`, `app::dom`) in every build, and with the
//! `islands` feature the set-up of Leptos's reactive system for the page's islands, which
//! the loader then hydrates one by one.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

/// Called by the loader once the wasm module is loaded, before any island hydrates.
#[cfg(feature = "islands")]
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Also links the app crate in, with the islands it exports.
    app::paths::init_browser();
    leptos::mount::hydrate_islands();
}

/// The level picker, compare view, matrix and download form of a profile.
#[wasm_bindgen]
pub fn enhance_explorer(element: Element) {
    app::components::explorer::enhance(element);
}

/// The profile's Watch toggle.
#[wasm_bindgen]
pub fn enhance_watch_toggle(element: Element) {
    app::components::watch::enhance_toggle(element);
}

/// The header's link to the watched skills, with their count.
#[wasm_bindgen]
pub fn enhance_watching_link(element: Element) {
    app::components::watch::enhance_link(element);
}

/// A profile's open proposals, from the proposals page.
#[wasm_bindgen]
pub fn enhance_open_proposals(element: Element) {
    app::components::open_proposals::enhance(element);
}

/// The header's dark-mode toggle.
#[wasm_bindgen]
pub fn enhance_theme_toggle(element: Element) {
    app::components::theme_toggle::enhance(element);
}

/// The catalog's search as you type.
#[cfg(feature = "catalog")]
#[wasm_bindgen]
pub fn enhance_catalog_search(element: Element) {
    app::components::search_box::enhance(element);
}
