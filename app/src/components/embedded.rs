//! Whether the page is the embed view, for the components it shares with the full page:
//! links open outside the frame, and the embed's own parameters survive every change of
//! the selection.

use leptos::prelude::*;

/// Provided by the embed page: its theme and compact parameters, as a query suffix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embedded {
    /// `&theme=dark&compact=1`, or empty: appended to in-page links and forms.
    pub keep: Vec<(String, String)>,
}

/// The embed view's settings when the page is one.
pub fn use_embedded() -> Option<Embedded> {
    use_context::<Embedded>()
}

/// `target` for a link that leaves the page: a new tab from inside a frame, else none.
pub fn link_target() -> Option<&'static str> {
    use_embedded().map(|_| "_blank")
}

/// The embed parameters as `&key=value…`, to append to a query built for the selection.
pub fn kept_query() -> String {
    use_embedded()
        .map(|embedded| {
            embedded
                .keep
                .iter()
                .map(|(key, value)| format!("&{key}={value}"))
                .collect()
        })
        .unwrap_or_default()
}

/// Hidden fields carrying the embed parameters through a GET form (the level picker
/// without JavaScript).
#[component]
pub fn KeptFields() -> impl IntoView {
    use_embedded().map(|embedded| {
        embedded
            .keep
            .into_iter()
            .map(|(key, value)| view! { <input type="hidden" name=key value=value/> })
            .collect_view()
    })
}
