//! Server state shared by routes and server functions (server only).

use crate::api::limits::RateLimiter;
use crate::api::store::{Store, User};
use crate::error::AppError;
use crate::model::Catalog;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

/// What every request may need. Cheap to clone; provided to Leptos as context.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The published profiles, in memory: reading never waits on the database.
    pub catalog: Arc<Catalog>,
    /// The revision number of each published profile, by slug.
    pub revisions: Arc<HashMap<String, u32>>,
    /// Where accounts, sessions, revisions and proposals are kept.
    pub store: Arc<dyn Store>,
    /// Limits on sign-in, sign-up and submissions.
    pub limits: Arc<RateLimiter>,
}

impl AppState {
    /// The state of the current request, or `Internal` if the server forgot to provide it.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
        })
    }

    /// The revision a profile is published at (1 when it was never revised).
    pub fn revision_of(&self, slug: &str) -> u32 {
        self.revisions.get(slug).copied().unwrap_or(1)
    }
}

/// Who sent the current request, worked out once per request by the server's middleware
/// from the session cookie or a trusted proxy's header.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The signed-in user, if any.
    pub user: Option<User>,
    /// The client's address: the peer's, or the one a trusted proxy forwarded.
    pub ip: IpAddr,
}

impl Viewer {
    /// The viewer of the current request; a signed-out one at 0.0.0.0 when the middleware
    /// did not run (never in the real router).
    pub fn current() -> Self {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Self>().cloned())
            .unwrap_or(Self {
                user: None,
                ip: IpAddr::from([0, 0, 0, 0]),
            })
    }
}

/// Sets the status of the response being server-rendered (404 for an unknown profile).
pub fn set_status(code: u16) {
    let status =
        http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// Adds a header to the response being rendered or answered.
pub fn set_header(name: http::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.insert_header(name, value);
    }
}
