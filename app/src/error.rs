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
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
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
    fn transport_errors_keep_their_detail_out_of_the_message() {
        let err =
            AppError::from_server_fn_error(ServerFnErrorErr::Request("connection refused".into()));
        assert!(!err.to_string().contains("refused"));
        assert!(matches!(err, AppError::Transport(detail) if detail.contains("refused")));
    }
}
