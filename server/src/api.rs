//! What other programs read: the JSON API under `/api/v1/` (described by
//! `/api/v1/openapi.json`), the oEmbed endpoint and the profile downloads. Read-only, served
//! from the published catalog in memory (revisions from the store), every answer with an
//! `ETag` and a `Cache-Control`; scripts from the configured origins may read them (CORS).

use crate::config::SiteConfig;
use crate::export::{Filter, Format, SkillDocument, Slice};
use app::api::state::{AppState, Viewer};
use app::model::Date;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The OpenAPI document, as written; its `servers` entry gets the base path when served.
const OPENAPI: &str = include_str!("../openapi.json");

/// How long readers may reuse an answer about what is published now before asking again
/// (with `If-None-Match`, answered 304 when nothing changed).
const CACHE_PUBLISHED: &str = "public, max-age=60";
/// A numbered revision never changes.
const CACHE_REVISION: &str = "public, max-age=31536000, immutable";

/// Width and height of an oEmbed iframe unless the consumer asks for less.
const OEMBED_SIZE: (u32, u32) = (800, 600);

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
        .route("/api/v1/skills", get(skills))
        .route("/api/v1/skills/{slug}", get(skill))
        .route("/api/v1/skills/{slug}/revisions", get(revisions))
        .route("/api/v1/skills/{slug}/revisions/{number}", get(revision))
        .route("/api/v1/roles", get(roles))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/oembed", get(oembed))
        .with_state(api.clone())
        .layer(middleware::from_fn_with_state(site, cors));
    Router::new()
        .route("/skills/{slug}/export", get(export))
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

impl From<crate::export::FilterError> for ApiError {
    fn from(err: crate::export::FilterError) -> Self {
        let code = match err {
            crate::export::FilterError::UnknownRole { .. } => "unknown_role",
            crate::export::FilterError::UnknownLevel { .. } => "unknown_level",
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
    let etag = crate::pages::etag_of(body.as_bytes());
    let fresh = crate::pages::is_fresh(request, &etag);
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
        app::api::state::CACHE_MARK,
        HeaderValue::from_static(app::api::state::CACHE_PUBLISHED),
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

#[derive(Serialize)]
struct SkillSummary<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    domain: &'a str,
    group: &'a str,
    updated: String,
    revision: u32,
    path: String,
}

async fn skills(State(api): State<Api>, headers: HeaderMap) -> Response {
    let catalog = api.state.catalog();
    let revisions = api.state.revisions();
    let base = &api.site.base_path;
    let skills: Vec<SkillSummary> = catalog
        .profiles()
        .iter()
        .map(|p| SkillSummary {
            slug: p.slug().as_str(),
            title: p.title(),
            summary: p.summary(),
            domain: p.domain(),
            group: p.group(),
            updated: p.updated().to_string(),
            revision: revisions.get(p.slug().as_str()).copied().unwrap_or(1),
            path: format!("{base}/skills/{}", p.slug()),
        })
        .collect();
    json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "skills": skills }),
    )
}

async fn skill(
    State(api): State<Api>,
    Path(slug): Path<String>,
    Params(filter): Params<Filter>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let catalog = api.state.catalog();
    let profile = catalog
        .get(&slug)
        .ok_or_else(|| ApiError::no_skill(&slug))?;
    let slice = Slice::exact(profile, &filter)?;
    let document = SkillDocument::new(
        profile,
        api.state.revision_of(&slug),
        &slice,
        &api.site.base_path,
    );
    Ok(json(&headers, CACHE_PUBLISHED, &document))
}

#[derive(Serialize)]
struct RevisionEntry {
    number: u32,
    date: String,
    author: Option<String>,
    proposal: Option<i64>,
}

async fn revisions(
    State(api): State<Api>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if api.state.catalog().get(&slug).is_none() {
        return Err(ApiError::no_skill(&slug));
    }
    let list = api.state.store.revisions_of(&slug).await.map_err(|err| {
        tracing::error!(%err, slug, "reading revisions failed");
        ApiError::unavailable()
    })?;
    let revisions: Vec<RevisionEntry> = list
        .into_iter()
        .map(|r| RevisionEntry {
            number: r.number,
            date: Date::from_unix_seconds(r.created_at).to_string(),
            author: r.author,
            proposal: r.proposal_id,
        })
        .collect();
    Ok(json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "slug": slug, "revisions": revisions }),
    ))
}

async fn revision(
    State(api): State<Api>,
    Path((slug, number)): Path<(String, String)>,
    Params(filter): Params<Filter>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let missing = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("`{slug}` has no revision `{number}`."),
        )
    };
    let n: u32 = number.parse().map_err(|_| missing())?;
    // The published revision comes from memory; failures are logged where they happen.
    let profile = app::api::profile_at(&api.state, &slug, n)
        .await
        .map_err(|_| ApiError::unavailable())?
        .ok_or_else(missing)?;
    let slice = Slice::exact(&profile, &filter)?;
    let document = SkillDocument::new(&profile, n, &slice, &api.site.base_path);
    Ok(json(&headers, CACHE_REVISION, &document))
}

async fn roles(State(api): State<Api>, headers: HeaderMap) -> Response {
    let catalog = api.state.catalog();
    let roles: Vec<_> = catalog
        .roles()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.role.id,
                "name": r.role.name,
                "skills": r.skills,
                "path": format!("{}/roles/{}", api.site.base_path, r.role.id),
            })
        })
        .collect();
    json(
        &headers,
        CACHE_PUBLISHED,
        &serde_json::json!({ "roles": roles }),
    )
}

async fn openapi(State(api): State<Api>, headers: HeaderMap) -> Response {
    cached(
        &headers,
        "application/json",
        CACHE_PUBLISHED,
        api.openapi.to_string(),
    )
}

/// oEmbed request parameters (<https://oembed.com>, section 2.2).
#[derive(Debug, Deserialize)]
struct OEmbedQuery {
    url: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
    format: Option<String>,
}

async fn oembed(
    State(api): State<Api>,
    Params(query): Params<OEmbedQuery>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if query.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "format",
            "Only the json format is offered.",
        ));
    }
    let url = query.url.as_deref().unwrap_or_default();
    if url.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "url",
            "Give the profile's address as `url`.",
        ));
    }
    let scheme = if viewer.https { "https" } else { "http" };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let origin = format!("{scheme}://{host}");
    let not_ours = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "That address is not a skill profile on this site.",
        )
    };
    let target = OEmbedTarget::parse(url, host, &api.site.base_path).ok_or_else(not_ours)?;
    let catalog = api.state.catalog();
    let profile = catalog.get(&target.slug).ok_or_else(not_ours)?;
    let base = &api.site.base_path;
    let mut src = format!("{origin}{base}/embed/skills/{}", profile.slug());
    let mut params = Vec::new();
    if let Some(role) = target.role.filter(|r| profile.role_index(r).is_some()) {
        params.push(format!("role={role}"));
    }
    if let Some(level) = target.level.filter(|l| profile.level_index(l).is_some()) {
        params.push(format!("level={level}"));
    }
    if !params.is_empty() {
        src = format!("{src}?{}", params.join("&"));
    }
    let width = query
        .maxwidth
        .map_or(OEMBED_SIZE.0, |w| w.min(OEMBED_SIZE.0));
    let height = query
        .maxheight
        .map_or(OEMBED_SIZE.1, |h| h.min(OEMBED_SIZE.1));
    let title = escape_attribute(profile.title());
    let html = format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{title}: skill profile\" \
         loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        escape_attribute(&src)
    );
    let body = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "Skill Profiles",
        "provider_url": format!("{origin}{base}/"),
        "title": profile.title(),
        "html": html,
        "width": width,
        "height": height,
        "cache_age": 3600,
    });
    Ok(json(&headers, CACHE_PUBLISHED, &body))
}

/// A profile address given to oEmbed: `http(s)://<this host><base>/skills/<slug>` or the
/// embed view's, with optional `role` and `level`.
#[derive(Debug, PartialEq, Eq)]
struct OEmbedTarget {
    slug: String,
    role: Option<String>,
    level: Option<String>,
}

impl OEmbedTarget {
    fn parse(url: &str, host: &str, base: &str) -> Option<Self> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let (authority, path_and_query) = rest.split_at(rest.find('/')?);
        if !authority.eq_ignore_ascii_case(host) {
            return None;
        }
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let path = path.strip_prefix(base)?;
        let slug = path
            .strip_prefix("/skills/")
            .or_else(|| path.strip_prefix("/embed/skills/"))?
            .trim_end_matches('/');
        if slug.is_empty() || slug.contains('/') {
            return None;
        }
        let value = |key: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_owned())
                .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        };
        Some(Self {
            slug: slug.to_owned(),
            role: value("role"),
            level: value("level"),
        })
    }
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
}

/// Download parameters: `format` (json, csv, md), `part` (`all`, or `selection` for the
/// chosen role at the chosen level and the next), `role`, `level`.
#[derive(Debug, Deserialize)]
struct ExportQuery {
    format: Option<String>,
    part: Option<String>,
    #[serde(flatten)]
    filter: Filter,
}

async fn export(
    State(api): State<Api>,
    Path(slug): Path<String>,
    Params(query): Params<ExportQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let format = Format::parse(query.format.as_deref().unwrap_or("json")).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "format",
            "Choose json, csv or md as the format.",
        )
    })?;
    let catalog = api.state.catalog();
    let profile = catalog
        .get(&slug)
        .ok_or_else(|| ApiError::no_skill(&slug))?;
    let slice = if query.part.as_deref() == Some("selection") {
        Slice::selection(profile, &query.filter)?
    } else {
        Slice::exact(profile, &Filter::default())?
    };
    let document = SkillDocument::new(
        profile,
        api.state.revision_of(&slug),
        &slice,
        &api.site.base_path,
    );
    let mut name = slug.clone();
    if !slice.is_whole(profile) {
        for part in [&query.filter.role, &query.filter.level]
            .into_iter()
            .flatten()
        {
            name.push('-');
            name.push_str(part);
        }
    }
    let mut response = cached(
        &headers,
        format.content_type(),
        CACHE_PUBLISHED,
        format.render(&document),
    );
    let disposition = format!("attachment; filename=\"{name}.{}\"", format.extension());
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// CORS for the readable routes: an `Origin` on the configured list (or any, with `*`) may
/// read the answer and its `ETag`; a preflight is answered here. Other origins get no CORS
/// headers, so their browsers withhold the answer.
async fn cors(State(site): State<Arc<SiteConfig>>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let allowed = origin.as_deref().and_then(|origin| {
        if site.api_origins.iter().any(|o| o == "*") {
            Some("*".to_owned())
        } else {
            site.api_origins
                .iter()
                .find(|o| o.eq_ignore_ascii_case(origin))
                .map(|_| origin.to_owned())
        }
    });
    let preflight = request.method() == Method::OPTIONS;
    let mut response = if preflight {
        if allowed.is_some() {
            StatusCode::NO_CONTENT.into_response()
        } else {
            StatusCode::FORBIDDEN.into_response()
        }
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(value) = allowed.and_then(|a| HeaderValue::from_str(&a).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("ETag"),
        );
        if preflight {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, HEAD"),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("If-None-Match"),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oembed_url_must_be_a_profile_on_this_host_under_the_base_path() {
        let parse = |url: &str| OEmbedTarget::parse(url, "skills.example.com", "/kb");
        assert_eq!(
            parse("https://skills.example.com/kb/skills/backup-recovery?role=dba&level=senior"),
            Some(OEmbedTarget {
                slug: "backup-recovery".into(),
                role: Some("dba".into()),
                level: Some("senior".into()),
            })
        );
        assert!(parse("https://skills.example.com/kb/embed/skills/backup-recovery").is_some());
        assert_eq!(
            parse("https://evil.example/kb/skills/backup-recovery"),
            None
        );
        assert_eq!(
            parse("https://skills.example.com/skills/backup-recovery"),
            None
        );
        assert_eq!(
            parse("https://skills.example.com/kb/skills/a/history"),
            None
        );
        assert_eq!(parse("javascript:alert(1)"), None);
        let odd = parse("http://skills.example.com/kb/skills/x?role=%22%3E").unwrap();
        assert_eq!(odd.role, None, "a role that is not an id is dropped");
    }

    #[test]
    fn attribute_text_is_escaped() {
        assert_eq!(escape_attribute("a\"<b>&'"), "a&quot;&lt;b&gt;&amp;&#39;");
    }

    #[test]
    fn the_openapi_document_is_json_with_every_route() {
        let document: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let paths = document["paths"].as_object().unwrap();
        for path in [
            "/skills",
            "/skills/{slug}",
            "/skills/{slug}/revisions",
            "/skills/{slug}/revisions/{number}",
            "/roles",
        ] {
            assert!(paths.contains_key(path), "{path} is documented");
        }
    }
}
