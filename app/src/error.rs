//! `AppError`: the one error every server function returns. Each variant says what the
//! reader sees and which HTTP status it maps to; causes stay in the server log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, as the reader may be told it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: nothing is published under that name.
    #[error("There is no skill profile at this address.")]
    NotFound,
    /// 401: the action needs a signed-in user and there is none (or the session ended).
    #[error("You are signed out. Sign in, then try again; nothing you typed is lost.")]
    SignInRequired,
    /// 404: the proposal named is not one of this skill's (or no longer exists).
    #[error("There is no such proposal of this skill.")]
    NoSuchProposal,
    /// 404: the comment named no longer exists (its author may have deleted it).
    #[error("This comment no longer exists: its author may have deleted it.")]
    NoSuchComment,
    /// 403: signed in, but this needs the reviewer role.
    #[error("Only reviewers may do this.")]
    NotAllowed,
    /// 403: signed in, but only the author of the comment or proposal may do this.
    #[error("Only its author may do this.")]
    NotYours,
    /// 429: too many attempts in a short time.
    #[error("Too many attempts. Try again in {}.", wait(*retry_after_secs))]
    RateLimited {
        /// Seconds until another attempt is accepted (also sent as `Retry-After`).
        retry_after_secs: u64,
    },
    /// 400: the request itself could not be read (a malformed or truncated body, a missing
    /// or mistyped argument): what the page sent, not what the reader typed.
    #[error(
        "This request could not be read. Reload the page and try again; nothing you typed is lost."
    )]
    BadRequest,
    /// 413: the request body is over the server's limit.
    #[error("That is more than the server accepts at once. Shorten it and try again; nothing you typed is lost.")]
    TooLarge,
    /// 503: the database cannot be reached just now. Never "signed out": the session may
    /// be perfectly good.
    #[error(
        "The service is briefly unavailable. Try again in a moment; nothing you typed is lost."
    )]
    Unavailable,
    /// 500: the server failed; the cause was logged with `tracing`, never sent here.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The call did not complete (network down, server unreachable, an unreadable answer).
    /// The detail is for the console only; the reader gets the sentence.
    #[error("The server could not be reached. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound | AppError::NoSuchProposal | AppError::NoSuchComment => 404,
            AppError::SignInRequired => 401,
            AppError::NotAllowed | AppError::NotYours => 403,
            AppError::RateLimited { .. } => 429,
            AppError::BadRequest => 400,
            AppError::TooLarge => 413,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

/// `90` → `2 minutes`, `45` → `45 seconds`.
fn wait(seconds: u64) -> String {
    match seconds {
        0..=1 => "a second".to_owned(),
        2..=89 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

/// An error as a server function answers it: the variant the client decodes, and the
/// sentence for anyone reading the answer without the app (a script, a log, curl).
#[derive(Serialize, Deserialize)]
struct Answered {
    error: AppError,
    #[serde(default)]
    message: String,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn ser(&self) -> leptos::server_fn::Bytes {
        let answered = Answered {
            error: self.clone(),
            message: self.to_string(),
        };
        // Plain data serializes; the fallback is a valid answer all the same.
        serde_json::to_vec(&answered)
            .map(Into::into)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(br#"{"error":"Internal"}"#))
    }

    fn de(data: leptos::server_fn::Bytes) -> Self {
        serde_json::from_slice::<Answered>(&data)
            .map(|answered| answered.error)
            .or_else(|_| serde_json::from_slice::<AppError>(&data))
            .unwrap_or_else(|err| AppError::Transport(err.to_string()))
    }

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        if let Some(error) = AppError::of_request(&value) {
            // On the server these come from reading the caller's request: their fault, said
            // plainly, and the parser's text goes to the log only.
            tracing::info!(%value, "refused an unreadable server-function call");
            crate::api::ssr::state::set_status(error.status());
            return error;
        }
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    /// What a server function's failure to read its request means for the caller, if it is
    /// one (on the server, every argument and body error is).
    #[cfg(feature = "ssr")]
    fn of_request(value: &ServerFnErrorErr) -> Option<Self> {
        if value.to_string().contains("length limit exceeded") {
            return Some(AppError::TooLarge);
        }
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Some(AppError::BadRequest),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answered_error_carries_its_sentence_and_reads_back_as_itself() {
        let bytes = AppError::NotAllowed.ser();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(
            text,
            r#"{"error":"NotAllowed","message":"Only reviewers may do this."}"#
        );
        assert_eq!(AppError::de(bytes), AppError::NotAllowed);
        // What older servers answered still reads.
        assert_eq!(
            AppError::de(leptos::server_fn::Bytes::from_static(br#""Internal""#)),
            AppError::Internal
        );
        assert!(matches!(
            AppError::de(leptos::server_fn::Bytes::from_static(b"<html>")),
            AppError::Transport(_)
        ));
    }

    #[test]
    fn internal_errors_say_nothing_of_their_cause() {
        let shown = AppError::Internal.to_string();
        assert!(!shown.to_lowercase().contains("sql"));
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn rate_limits_say_how_long_to_wait_in_words() {
        let err = AppError::RateLimited {
            retry_after_secs: 300,
        };
        assert_eq!(
            err.to_string(),
            "Too many attempts. Try again in 5 minutes."
        );
        assert_eq!(err.status(), 429);
    }

    #[test]
    fn transport_errors_keep_their_detail_out_of_the_message() {
        let err =
            AppError::from_server_fn_error(ServerFnErrorErr::Request("connection refused".into()));
        assert!(!err.to_string().contains("refused"));
        assert!(matches!(err, AppError::Transport(detail) if detail.contains("refused")));
    }
}
