//! What other programs read: the JSON API under `/api/v1/` (described by
//! `/api/v1/openapi.json`), the oEmbed endpoint and the profile downloads. Read-only, served
//! from the published catalog in memory (revisions from the store), every answer with an
//! `ETag` and a `Cache-Control`; scripts from the configured origins may read them (CORS).

pub mod document;
mod downloads;
pub mod feeds;
mod oembed;
mod v1;

use crate::config::SiteConfig;
use crate::http::html::{etag_of, is_fresh};
use app::api::ssr::state::AppState;
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use document::FilterError;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The OpenAPI document, as written; its `servers` entry gets the base path when served.
const OPENAPI: &str = include_str!("../../openapi.json");

/// How long readers may reuse an answer about what is published now before asking again
/// (with `If-None-Match`, answered 304 when nothing changed).
const CACHE_PUBLISHED: &str = "public, max-age=60";
/// A numbered revision never changes.
const CACHE_REVISION: &str = "public, max-age=31536000, immutable";

#[derive(Clone)]
struct Api {
    state: AppState,
    site: Arc<SiteConfig>,
    /// The OpenAPI document with this site's server URL, written once.
    openapi: Arc<str>,
}

/// [`OPENAPI`] with its `servers` URL under `base`.
fn openapi_document(base: &str) -> String {
    // The document is parsed by a unit test; a broken one cannot be built into a release.
    let mut document: serde_json::Value = serde_json::from_str(OPENAPI).unwrap_or_default();
    document["servers"] = serde_json::json!([{ "url": format!("{base}/api/v1") }]);
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

/// The API, oEmbed and download routes (before the base path).
pub fn router<S: Clone + Send + Sync + 'static>(
    state: AppState,
    site: Arc<SiteConfig>,
) -> Router<S> {
    let api = Api {
        state,
        openapi: openapi_document(&site.base_path).into(),
        site: site.clone(),
    };
    let readable = Router::new()
        .route("/api/v1/skills", get(v1::skills))
        .route("/api/v1/skills/{slug}", get(v1::skill))
        .route("/api/v1/skills/{slug}/revisions", get(v1::revisions))
        .route(
            "/api/v1/skills/{slug}/revisions/{number}",
            get(v1::revision),
        )
        .route("/api/v1/roles", get(v1::roles))
        .route("/api/v1/openapi.json", get(v1::openapi))
        .route("/oembed", get(oembed::oembed))
        .route("/feed.atom", get(feeds::catalog_feed))
        .route("/skills/{slug}/feed.atom", get(feeds::skill_feed))
        .route("/roles/{role}/feed.atom", get(feeds::role_feed))
        .with_state(api.clone())
        .layer(cors(&site));
    Router::new()
        .route("/skills/{slug}/export", get(downloads::download))
        .with_state(api)
        .merge(readable)
}

/// An error as the API answers it: `{"error": {"code": …, "message": …}}`.
#[derive(Debug, Serialize)]
struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    code: &'static str,
    message: String,
}

/// A query string read into `T`, or a 400 in the API's words (axum's own rejection
/// quotes the parser).
struct Params<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequestParts<S>
    for Params<T>
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| Params(value))
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "query",
                    "The query string could not be read: give each parameter once, with a value of the type /api/v1/openapi.json documents.",
                )
            })
    }
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    fn no_skill(slug: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No skill is published as `{slug}`."),
        )
    }

    fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "The revision history cannot be read right now. Try again in a minute.",
        )
    }
}

impl From<FilterError> for ApiError {
    fn from(err: FilterError) -> Self {
        let code = match err {
            FilterError::UnknownRole { .. } => "unknown_role",
            FilterError::UnknownLevel { .. } => "unknown_level",
        };
        Self::new(StatusCode::BAD_REQUEST, code, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self });
        let mut response = (self.status, axum::Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// A body with a strong `ETag` (its SHA-256), answered `304 Not Modified` when the reader
/// already has it.
fn cached(request: &HeaderMap, content_type: &str, cache: &'static str, body: String) -> Response {
    let etag = etag_of(body.as_bytes());
    let fresh = is_fresh(request, &etag);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body.into_response()
    };
    let headers = response.headers_mut();
    // Both values are ASCII built above or constants.
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // Every answer here is made from what is published and the address.
    headers.insert(
        app::api::ssr::state::CACHE_MARK,
        HeaderValue::from_static(app::api::ssr::state::CACHE_PUBLISHED),
    );
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    response
}

fn json(request: &HeaderMap, cache: &'static str, value: &impl Serialize) -> Response {
    // Serializing plain data cannot fail.
    let body = serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    cached(request, "application/json", cache, body)
}

/// The host the reader asked for (`Host`), `fallback` when it sent none.
fn requested_host<'a>(headers: &'a HeaderMap, fallback: &'a str) -> &'a str {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or(fallback)
}

/// `http(s)://host` as the reader asked for this site.
fn origin(viewer: &app::api::ssr::state::Viewer, host: &str) -> String {
    let scheme = if viewer.https { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// `text` safe in HTML text and in a quoted attribute.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
}

/// CORS for the readable routes: an `Origin` on the configured list (compared without case,
/// or any, with `*`) may read the answer and its `ETag`; a preflight is answered by the layer.
/// Other origins get no CORS headers, so their browsers withhold the answer.
fn cors(site: &SiteConfig) -> CorsLayer {
    let origins = if site.api_origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let allowed = site.api_origins.clone();
        AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            origin
                .to_str()
                .is_ok_and(|origin| allowed.iter().any(|o| o.eq_ignore_ascii_case(origin)))
        })
    };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH])
        .expose_headers([header::ETAG])
        .max_age(Duration::from_secs(600))
}
