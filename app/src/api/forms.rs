//! Forms that post to server functions: every change a reader makes (comments, withdraw,
//! accept, reject) is a `<form method="post">` whose fields are the server function's
//! arguments, plus `back`, the page to return to. Without JavaScript the browser posts it
//! and the server's form layer (`server/src/http/form_pages.rs`) answers as a page: a change that went
//! through redirects back (POST/redirect/GET) with a [`Flash`] saying so; a refusal renders
//! the page again at once with the refusal beside the form and what was typed still in it.
//! With JavaScript the forms enhancement (`crate::components::forms`) posts the same form
//! and puts the answer's part of the page in place, so one path serves both.

/// The server functions forms post to (their endpoints, under `/api/`).
pub const FORM_ACTIONS: &[&str] = &[
    "post-comment",
    "edit-comment",
    "delete-comment",
    "hide-comment",
    "withdraw",
    "accept",
    "reject",
];

/// What the last form post came to, for the page it returns to: set by the server's form
/// layer as a request extension, read while the page renders ([`Flash::current`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flash {
    /// The endpoint the form posted to (one of [`FORM_ACTIONS`]).
    pub action: String,
    /// The sentence to show.
    pub message: String,
    /// Refused: the page shows the message beside the form, with [`Flash::fields`] in it.
    pub refused: bool,
    /// What was posted, on a refusal.
    pub fields: Vec<(String, String)>,
}

impl Flash {
    /// The flash of the request being rendered; always `None` in the browser.
    pub fn current() -> Option<Self> {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<Self>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        None
    }

    /// The refusal of the form posting to `action` whose `key` field was `value` (the
    /// comment, the proposal), if that is what the last post came to.
    pub fn refusal(action: &str, key: &str, value: &str) -> Option<Self> {
        Self::current().filter(|f| f.refused && f.action == action && f.field(key) == Some(value))
    }

    /// The refusal of a form posting to one of `actions`, whatever it named.
    pub fn refused(actions: &[&str]) -> Option<Self> {
        Self::current().filter(|f| f.refused && actions.contains(&f.action.as_str()))
    }

    /// The success of one of `actions`, if that is what the last post came to.
    pub fn done(actions: &[&str]) -> Option<String> {
        Self::current()
            .filter(|f| !f.refused && actions.contains(&f.action.as_str()))
            .map(|f| f.message)
    }

    /// The posted value of `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
