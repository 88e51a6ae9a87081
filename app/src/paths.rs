//! The site's base path: empty when the site is served at the root, `/skills` when a
//! reverse proxy serves it under that path. Every link, form and asset the app writes goes
//! through [`href`]; the server provides the base as context, the browser (where enhancements
//! run without the app's context) reads it from the `<meta name="base-path">` the server
//! rendered.

use leptos::prelude::*;

/// The base path, without a trailing slash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasePath(pub String);

/// The base path of this page (empty when none was provided).
pub fn base() -> String {
    use_context::<BasePath>()
        .map(|b| b.0)
        .unwrap_or_else(read_from_page)
}

/// `path` (an absolute path of the app, `/skills/x`) as a link on this site.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// `pathname` with the base path taken off: the app's own path, as server and browser
/// agree on it.
pub fn app_path(pathname: &str) -> String {
    let base = base();
    match pathname.strip_prefix(base.as_str()) {
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        Some("") => "/".to_owned(),
        _ => pathname.to_owned(),
    }
}

/// Shows `url` (a path with its query, base path included) in the address bar without
/// loading it or adding a history entry: for state the page already shows.
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        // A refused replaceState (a sandboxed frame) only leaves the address as it was.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// The base path the server provided to the app it renders.
pub fn provide_base() -> BasePath {
    use_context::<BasePath>().unwrap_or_default()
}

#[cfg(feature = "browser")]
fn read_from_page() -> String {
    document()
        .query_selector("meta[name=base-path]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default()
}

#[cfg(not(feature = "browser"))]
fn read_from_page() -> String {
    String::new()
}
