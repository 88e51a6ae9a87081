//! Who sent each request: the session cookie's user, or a trusted proxy's, with the client's
//! address and whether it came over HTTPS — the [`Viewer`] every handler and server function
//! reads.

use crate::accounts::sessions::{session_token, token_hash};
use crate::accounts::Access;
use crate::config::AccessConfig;
use app::api::ssr::state::Viewer;
use app::api::ssr::store::{unix_now as now, StoreError, User};
use app::model::account::Username;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};

/// The address the request came from (0.0.0.0 when the server did not record it).
pub fn peer(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip())
}

fn forwarded<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
}

/// Whether the reader came over HTTPS: configured so, or said by a trusted proxy.
pub fn is_https(config: &AccessConfig, peer: IpAddr, headers: &HeaderMap) -> bool {
    config.secure_cookies
        || (config.trusted_proxies.contains(&peer)
            && forwarded(headers, "x-forwarded-proto") == Some("https"))
}

/// Whether the request carries a session cookie (valid or not): such a request is answered
/// for its user, never from the render cache.
pub fn has_session(headers: &HeaderMap) -> bool {
    session_token(headers).is_some()
}

/// Works out the [`Viewer`] (user, client address, HTTPS) of every request and puts it in
/// its extensions.
pub async fn identify(State(access): State<Access>, mut request: Request, next: Next) -> Response {
    let peer = peer(&request);
    let headers = request.headers();
    let trusted = access.config.trusted_proxies.contains(&peer);
    let forwarded = |name: &str| forwarded(headers, name);
    // The proxy appends the address it saw: the last entry is the only one it vouches for.
    let ip = trusted
        .then(|| forwarded("x-forwarded-for"))
        .flatten()
        .and_then(|list| list.rsplit(',').next())
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer);
    let https = is_https(&access.config, peer, headers);
    // Static files (the wasm, JS, CSS) need no user: no database lookup for them.
    let asset = request.uri().path().starts_with("/pkg/");
    let proxy_user = access
        .config
        .user_header
        .as_deref()
        .filter(|_| trusted && !asset)
        .and_then(forwarded)
        .map(str::to_owned);
    let session = session_token(headers)
        .filter(|_| !asset)
        .map(|token| token_hash(&token));

    let found = match (proxy_user, session) {
        (Some(name), _) => proxy_user_named(&access, &name).await,
        (None, Some(hash)) => access.state.store.session_user(&hash, now()).await,
        (None, None) => Ok(None),
    };
    let user = match found {
        Ok(user) => user,
        Err(err) => {
            // Never "signed out" because the database is away: the session may be fine.
            tracing::error!(%err, "could not look the user up");
            let api = request.uri().path().starts_with("/api/");
            return unavailable(api);
        }
    };
    let signed_in = user.is_some();
    request.extensions_mut().insert(Viewer { user, ip, https });
    let mut response = next.run(request).await;
    if signed_in {
        // Pages say who is signed in: never kept by a browser cache or the offline worker.
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// The user a trusted proxy names, created on first sight (with no password: they can only
/// come in through the proxy).
async fn proxy_user_named(access: &Access, name: &str) -> Result<Option<User>, StoreError> {
    let Ok(name) = Username::parse(name) else {
        tracing::warn!(name, "the proxy named a user that is not a valid username");
        return Ok(None);
    };
    let name = name.as_str();
    let store = &access.state.store;
    if let Some((user, _)) = store.user_by_name(name).await? {
        return Ok(Some(user));
    }
    match store.create_user(name, None, now()).await {
        Ok(user) => Ok(Some(user)),
        // Two first requests at once: the other one created them.
        Err(StoreError::Taken) => Ok(store.user_by_name(name).await?.map(|(u, _)| u)),
        Err(err) => Err(err),
    }
}

/// 503 while the database is unreachable: for a server function the error its client reads,
/// for a page a short one a person can read.
pub(crate) fn unavailable(api: bool) -> Response {
    use leptos::server_fn::error::FromServerFnError;
    let error = app::error::AppError::Unavailable;
    let status = StatusCode::SERVICE_UNAVAILABLE;
    if api {
        let body = error.ser();
        return (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    (
        status,
        [
            (header::RETRY_AFTER, "5".to_owned()),
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
        ],
        format!(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Briefly unavailable · Skill Profiles</title><main id=\"main\" class=\"page\"><h1>Briefly unavailable</h1><p>{error}</p></main></html>"
        ),
    )
        .into_response()
}
