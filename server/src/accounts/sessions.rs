//! Sessions: random tokens whose SHA-256 is kept in the database, sent as an `HttpOnly`
//! cookie (written and read with the `cookie` crate).

use super::{internal_error, local_path, see_other, store_failed, Access};
use app::api::ssr::store::{unix_now as now, User};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use cookie::{Cookie, SameSite};
use sha2::{Digest, Sha256};

/// Session cookie name over plain HTTP.
pub const COOKIE: &str = "sp_session";
/// Session cookie name over HTTPS: the `__Host-` prefix makes the browser refuse it unless it
/// is `Secure`, has `Path=/` and no `Domain`, so no subdomain can plant or widen it.
pub const SECURE_COOKIE: &str = "__Host-sp_session";
/// How long a session lasts.
const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a session token, as stored.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The request's cookie value for `name`; pairs that are not cookies are skipped.
pub fn request_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

/// The session token the request carries (valid or not), the HTTPS cookie's first.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    request_cookie(headers, SECURE_COOKIE).or_else(|| request_cookie(headers, COOKIE))
}

/// Starts a session for `user` and sends them to `next` with the cookie set.
pub(super) async fn start(access: &Access, https: bool, user: &User, next: &str) -> Response {
    let mut token = [0u8; 32];
    if let Err(err) = getrandom::getrandom(&mut token) {
        tracing::error!(%err, "no randomness for a session token");
        return internal_error();
    }
    let token = hex(&token);
    let now = now();
    if let Err(err) = access
        .state
        .store
        .create_session(&token_hash(&token), user.id, now, now + SESSION_SECONDS)
        .await
    {
        tracing::error!(%err, "could not store a session");
        return store_failed(&err);
    }
    let mut response = see_other(local_path(next));
    set_cookie(
        &mut response,
        &session_cookie(https, &token, SESSION_SECONDS),
    );
    response
}

/// Adds a `Set-Cookie` of `cookie` (a value made here, always a valid header) to `response`.
pub fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The `Set-Cookie` value of a session: `HttpOnly`, `SameSite=Lax`, `Path=/`, and over HTTPS
/// `Secure` with the `__Host-` name.
pub fn session_cookie(https: bool, token: &str, max_age: i64) -> String {
    let name = if https { SECURE_COOKIE } else { COOKIE };
    Cookie::build((name, token))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .build()
        .to_string()
}
