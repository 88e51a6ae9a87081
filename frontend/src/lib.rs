//! The browser entry point: hydrates the HTML the server rendered.
// The release build lays out the app's nested view types here; the default 128 is too shallow.
#![recursion_limit = "256"]

/// Called by the generated JS glue once the wasm module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
