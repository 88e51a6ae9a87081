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
    /// 403: signed in, but this needs the reviewer role (or someone other than the author).
    #[error("Only reviewers may do this.")]
    NotAllowed,
    /// 429: too many attempts in a short time.
    #[error("Too many attempts. Try again in {}.", wait(*retry_after_secs))]
    RateLimited {
        /// Seconds until another attempt is accepted (also sent as `Retry-After`).
        retry_after_secs: u64,
    },
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
            AppError::NotFound => 404,
            AppError::SignInRequired => 401,
            AppError::NotAllowed => 403,
            AppError::RateLimited { .. } => 429,
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

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
