//! Forms that post to server functions: every change a reader makes (comments, withdraw,
//! accept, reject) is a `<form method="post">` whose fields are the server function's
//! arguments, plus `back`, the page to return to. Without JavaScript the browser posts it
//! and the server's form layer (`server/src/forms.rs`) answers as a page: a change that went
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

/// What a form's post came to, as the server function answered it.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Done: the sentence that says so.
    Done(String),
    /// Refused or failed: the sentence that says why (never a cause's text).
    Refused(String),
}

/// Reads the server function `action`'s answer (its HTTP `status` and JSON `body`) to a
/// form that posted `fields`.
#[cfg(feature = "ssr")]
pub fn outcome(action: &str, fields: &[(String, String)], status: u16, body: &[u8]) -> FormOutcome {
    use crate::api::CommentOutcome;
    use crate::error::AppError;
    use crate::model::Decided;
    use leptos::server_fn::error::FromServerFnError;

    if !(200..300).contains(&status) {
        return FormOutcome::Refused(AppError::de(body.to_vec().into()).to_string());
    }
    let unreadable = || {
        tracing::error!(
            action,
            "a server function's answer to a form does not parse"
        );
        FormOutcome::Refused(AppError::Internal.to_string())
    };
    let done = |said: &str| FormOutcome::Done(said.to_owned());
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    match action {
        "withdraw" | "accept" | "reject" => match serde_json::from_slice::<Decided>(body) {
            Ok(Decided::Refused { message }) => FormOutcome::Refused(message),
            Ok(Decided::Done { revision }) => match (action, revision) {
                ("accept", Some(n)) => {
                    FormOutcome::Done(format!("Accepted: the skill is now at revision {n}."))
                }
                ("withdraw", _) => done("You withdrew this proposal; reviewers no longer see it."),
                _ => done("Rejected: the author sees your note."),
            },
            Err(_) => unreadable(),
        },
        _ => match serde_json::from_slice::<CommentOutcome>(body) {
            Ok(CommentOutcome::Refused(message)) => FormOutcome::Refused(message),
            Ok(CommentOutcome::Done) => match action {
                "post-comment" => done("Your comment was posted."),
                "edit-comment" => done("Your comment was saved."),
                "delete-comment" => done("Your comment was deleted."),
                _ if field("hidden") == Some("true") => done("The comment is hidden from readers."),
                _ => done("The comment is shown to readers again."),
            },
            Err(_) => unreadable(),
        },
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::api::CommentOutcome;
    use crate::error::AppError;
    use crate::model::Decided;
    use leptos::server_fn::error::FromServerFnError;

    fn json(value: &impl serde::Serialize) -> Vec<u8> {
        serde_json::to_vec(value).unwrap()
    }

    #[test]
    fn a_comment_that_went_through_is_said_in_a_sentence() {
        let said = outcome("post-comment", &[], 200, &json(&CommentOutcome::Done));
        assert_eq!(said, FormOutcome::Done("Your comment was posted.".into()));
        let hidden = [("hidden".to_owned(), "true".to_owned())];
        let said = outcome("hide-comment", &hidden, 200, &json(&CommentOutcome::Done));
        assert_eq!(
            said,
            FormOutcome::Done("The comment is hidden from readers.".into())
        );
    }

    #[test]
    fn a_refusal_keeps_the_server_functions_own_sentence() {
        let refused = CommentOutcome::Refused("Write something before posting.".into());
        let said = outcome("post-comment", &[], 200, &json(&refused));
        assert_eq!(
            said,
            FormOutcome::Refused("Write something before posting.".into())
        );
        let refused = Decided::Refused {
            message: "Write a note.".into(),
        };
        assert_eq!(
            outcome("reject", &[], 200, &json(&refused)),
            FormOutcome::Refused("Write a note.".into())
        );
    }

    #[test]
    fn an_accepted_proposal_names_its_revision() {
        let done = Decided::Done { revision: Some(4) };
        assert_eq!(
            outcome("accept", &[], 200, &json(&done)),
            FormOutcome::Done("Accepted: the skill is now at revision 4.".into())
        );
    }

    #[test]
    fn an_error_status_is_said_as_the_errors_sentence() {
        let body = AppError::SignInRequired.ser();
        assert_eq!(
            outcome("post-comment", &[], 401, &body),
            FormOutcome::Refused(AppError::SignInRequired.to_string())
        );
    }

    #[test]
    fn an_answer_that_does_not_parse_says_nothing_of_its_text() {
        let said = outcome("accept", &[], 200, b"<html>surprise</html>");
        assert_eq!(said, FormOutcome::Refused(AppError::Internal.to_string()));
    }
}
