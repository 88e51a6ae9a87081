//! Server state shared by routes and server functions (server only).

use crate::error::AppError;
use crate::model::Catalog;
use std::sync::Arc;

/// What every request may need. Cheap to clone; provided to Leptos as context.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The published profiles, in memory: reading never waits on anything.
    pub catalog: Arc<Catalog>,
}

impl AppState {
    /// The state of the current request, or `Internal` if the server forgot to provide it.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
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
