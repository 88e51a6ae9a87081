//! The site's base path: empty when the site is served at the root, `/skills` when a
//! reverse proxy serves it under that path. Every link, form and asset the app writes goes
//! through [`href`]; the server provides the base as context, the browser reads it from the
//! `<meta name="base-path">` the server rendered.

use leptos::prelude::*;

/// The base path, without a trailing slash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasePath(pub String);

/// The base path of this page (empty when none was provided).
pub fn base() -> String {
    use_context::<BasePath>().map(|b| b.0).unwrap_or_default()
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

/// Makes the base path known to the app: in the browser, read from the page and given to
/// server functions as the prefix of their URLs. On the server it was provided already.
pub fn provide_base() -> BasePath {
    if let Some(base) = use_context::<BasePath>() {
        return base;
    }
    let base = BasePath(read_from_page());
    provide_context(base.clone());
    base
}

#[cfg(feature = "hydrate")]
fn read_from_page() -> String {
    let base = document()
        .query_selector("meta[name=base-path]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    if !base.is_empty() {
        // Server functions are called at `<base>/api/…`; set once, for the page's lifetime.
        let _ =
            leptos::server_fn::client::try_set_server_url(Box::leak(base.clone().into_boxed_str()));
    }
    base
}

#[cfg(not(feature = "hydrate"))]
fn read_from_page() -> String {
    String::new()
}
