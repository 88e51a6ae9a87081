//! The browser entry point: sets up the reactive system for the page's islands, which the
//! loader script in the page head then hydrates one by one (`app::shell`).

/// Called by the loader once the wasm module is loaded, before any island hydrates.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Also links the app crate in, with the islands it exports.
    app::paths::init_browser();
    leptos::mount::hydrate_islands();
}
