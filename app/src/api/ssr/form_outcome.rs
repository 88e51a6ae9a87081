//! What a form's post came to, read from the server function's answer, for the server's
//! form layer (`server/src/http/form_pages.rs`) to turn into a redirect or a page.

/// What a form's post came to, as the server function answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Done: the sentence that says so.
    Done(String),
    /// Refused or failed: the sentence that says why (never a cause's text).
    Refused(String),
}

/// Reads the server function `action`'s answer (its HTTP `status` and JSON `body`) to a
/// form that posted `fields`.
pub fn outcome(action: &str, fields: &[(String, String)], status: u16, body: &[u8]) -> FormOutcome {
    use crate::error::AppError;
    use crate::model::CommentOutcome;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::model::CommentOutcome;
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
