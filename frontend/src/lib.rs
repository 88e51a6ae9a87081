//! The browser entry points, called by the page's loader (`app::shell`): the enhancements of
//! server-rendered parts (`enhance_<name>`, `app::dom`); the features choose which a client
//! bundle exports.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

/// One export per enhancement: `enhance_<name>(element)` for the element the server rendered
/// with `data-enhance="<name>"` (`app::dom`). The loader calls it by that name, and
/// `scripts/build-bundles.sh` lists a bundle's enhancements from these exports.
macro_rules! enhancements {
    ($($(#[$attr:meta])* $export:ident => $enhance:path;)*) => {$(
        $(#[$attr])*
        #[wasm_bindgen]
        pub fn $export(element: Element) {
            $enhance(element);
        }
    )*};
}

enhancements! {
    /// The level picker, compare view, matrix and download form of a profile.
    enhance_explorer => app::components::explorer::enhance;
    /// The profile's Watch toggle.
    enhance_watch_toggle => app::components::watch::enhance_toggle;
    /// The header's link to the watched skills, with their count.
    enhance_watching_link => app::components::watch::enhance_link;
    /// A profile's open proposals, from the proposals page.
    enhance_open_proposals => app::components::open_proposals::enhance;
    /// A part of the page whose forms post, and pager follows, in place.
    enhance_forms => app::components::forms::enhance;
    /// A profile's comment thread, from its own page.
    enhance_comments => app::components::forms::enhance_thread;
    /// The header's dark-mode toggle.
    enhance_theme_toggle => app::components::theme_toggle::enhance;
    /// The watched skills, from this browser's storage.
    #[cfg(feature = "lists")]
    enhance_watching => app::pages::watching::enhance;
    /// The growth plan's private notes, their export and import.
    #[cfg(feature = "lists")]
    enhance_plan => app::components::notes::enhance;
    /// The drafts kept in this browser.
    #[cfg(feature = "lists")]
    enhance_drafts => app::pages::drafts::enhance;
    /// The draft editor.
    #[cfg(feature = "editor")]
    enhance_editor => app::components::editor::enhance;
    /// The catalog's search as you type.
    #[cfg(feature = "catalog")]
    enhance_catalog_search => app::components::search_box::enhance;
}
