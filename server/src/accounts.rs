//! Accounts: sign-up, sign-in and sign-out as plain form posts (they work without
//! JavaScript), passwords hashed with argon2id off the async workers, sessions as random
//! tokens whose SHA-256 is kept in the database, and the middleware that works out who sent
//! each request — from the session cookie, or from a trusted proxy's header.

use crate::config::AccessConfig;
use app::api::limits::Action;
use app::api::state::{AppState, Viewer};
use app::api::store::{unix_now as now, StoreError, User};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Session cookie name over plain HTTP.
pub const COOKIE: &str = "sp_session";
/// Session cookie name over HTTPS: the `__Host-` prefix makes the browser refuse it unless it
/// is `Secure`, has `Path=/` and no `Domain`, so no subdomain can plant or widen it.
pub const SECURE_COOKIE: &str = "__Host-sp_session";
/// How long a session lasts.
const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;
/// Username length, in characters.
pub const USERNAME_CHARS: std::ops::RangeInclusive<usize> = 3..=40;
/// Password length, in characters.
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 10..=256;

/// Access settings and state, as the middleware and handlers need them.
#[derive(Clone, Debug)]
pub struct Access {
    /// Cookie and proxy settings.
    pub config: Arc<AccessConfig>,
    /// The app's state (store, limits).
    pub state: AppState,
}

/// Argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    // These constants are valid parameters; `Params::new` only fails on out-of-range ones.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password on a blocking thread (about 20–50 ms of CPU each).
pub async fn hash_password(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).map_err(|err| StoreError::Database(err.to_string()))?;
        let salt =
            SaltString::encode_b64(&salt).map_err(|err| StoreError::Database(err.to_string()))?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| StoreError::Database(err.to_string()))
    })
    .await
    .map_err(|err| StoreError::Database(err.to_string()))?
}

/// A hash of some password, checked against when the user does not exist, so a wrong
/// username takes as long as a wrong password.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2tpbGwtcHJvZmlsZXM$1hTg0oIEHCq3dBTfI0m3/sWpiOAwDQdb0cVcUXuQ1Vo";

/// Checks a password against a stored hash on a blocking thread.
pub async fn verify_password(hash: Option<String>, password: String) -> bool {
    let real = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY_HASH.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
        && real
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a session token, as stored.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `name` may be a username: 3–40 letters, digits, `.`, `-` or `_`, starting with a
/// letter or digit.
pub fn valid_username(name: &str) -> bool {
    USERNAME_CHARS.contains(&name.chars().count())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The request's cookie value for `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

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
    cookie(headers, SECURE_COOKIE).is_some() || cookie(headers, COOKIE).is_some()
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
    let session = cookie(headers, SECURE_COOKIE)
        .or_else(|| cookie(headers, COOKIE))
        .filter(|_| !asset)
        .map(token_hash);

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
    request.extensions_mut().insert(Viewer { user, ip, https });
    next.run(request).await
}

/// The user a trusted proxy names, created on first sight (with no password: they can only
/// come in through the proxy).
async fn proxy_user_named(access: &Access, name: &str) -> Result<Option<User>, StoreError> {
    if !valid_username(name) {
        tracing::warn!(name, "the proxy named a user that is not a valid username");
        return Ok(None);
    }
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

/// The answer to a store failure (already logged): 503 while the database is unreachable,
/// else 500.
fn store_failed(err: &StoreError) -> Response {
    match err {
        StoreError::Unavailable(_) => unavailable(false),
        _ => internal_error(),
    }
}

/// 503 while the database is unreachable: for a server function the error its client reads,
/// for a page a short one a person can read.
fn unavailable(api: bool) -> Response {
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

/// The sign-up form. A field left out reads as empty, so it gets its field's own message.
#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
    #[serde(default)]
    next: String,
}

/// The sign-in form; a field left out reads as empty.
#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only a path on this site: anything else (`//evil.example`, `https://…`) becomes `/`.
/// Browsers drop tabs and newlines from a `Location` and read a backslash as `/`, so a path holding
/// any control character or backslash is refused whole (`/\t/evil.example` is
/// `//evil.example` to them).
pub fn local_path(next: &str) -> &str {
    let plain = !next.chars().any(|c| c.is_control() || c == '\\');
    if plain && next.starts_with('/') && !next.starts_with("//") {
        next
    } else {
        "/"
    }
}

/// 500 with the sentence every failure gets; the cause was logged by the caller.
fn internal_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        app::error::AppError::Internal.to_string(),
    )
        .into_response()
}

fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// Back to the form with the username kept and the problems named.
fn back_to(page: &str, username: &str, next: &str, problems: &[&str]) -> Response {
    let next = local_path(next);
    let next = if next == "/" { "" } else { next };
    see_other(&app::model::with_query(
        page,
        &[
            ("username", username),
            ("next", next),
            ("problem", &problems.join(",")),
        ],
    ))
}

/// 429 with `Retry-After` and a page a person can read.
fn too_many(wait: Duration, back: &str) -> Response {
    let seconds = wait.as_secs().max(1);
    let message = app::error::AppError::RateLimited {
        retry_after_secs: seconds,
    }
    .to_string();
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, seconds.to_string()),
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
        ],
        format!(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Too many attempts · Skill Profiles</title><link rel=\"stylesheet\" href=\"/pkg/skill-profiles.css\"><main id=\"main\" class=\"page\"><h1>Too many attempts</h1><p>{message}</p><p><a href=\"{back}\">Back</a></p></main></html>"
        ),
    )
        .into_response()
}

/// Starts a session for `user` and sends them to `next` with the cookie set.
async fn start_session(access: &Access, https: bool, user: &User, next: &str) -> Response {
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
    let secure = if https { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// `POST /sign-up`.
pub async fn sign_up(
    State(access): State<Access>,
    Extension(viewer): Extension<Viewer>,
    form: Result<Form<SignUpForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_to("/sign-up", "", "", &["form-unreadable"]);
    };
    let username = form.username.trim();
    let mut problems = Vec::new();
    if !valid_username(username) {
        problems.push("username-format");
    }
    let password_chars = form.password.chars().count();
    if password_chars < *PASSWORD_CHARS.start() {
        problems.push("password-short");
    } else if password_chars > *PASSWORD_CHARS.end() {
        problems.push("password-long");
    } else if form.password != form.password_again {
        problems.push("password-mismatch");
    }
    if !problems.is_empty() {
        return back_to("/sign-up", username, &form.next, &problems);
    }
    if let Err(wait) =
        access
            .state
            .limits
            .check(Action::SignUp, &viewer.ip.to_string(), Instant::now())
    {
        return too_many(wait, "/sign-up");
    }
    let hash = match hash_password(form.password).await {
        Ok(hash) => hash,
        Err(err) => {
            tracing::error!(%err, "password hashing failed");
            return internal_error();
        }
    };
    match access
        .state
        .store
        .create_user(username, Some(&hash), now())
        .await
    {
        Ok(user) => {
            tracing::info!(user = %user.username, "signed up");
            start_session(&access, viewer.https, &user, &form.next).await
        }
        Err(StoreError::Taken) => back_to("/sign-up", username, &form.next, &["username-taken"]),
        Err(err) => {
            tracing::error!(%err, "could not create a user");
            store_failed(&err)
        }
    }
}

/// `POST /sign-in`.
pub async fn sign_in(
    State(access): State<Access>,
    Extension(viewer): Extension<Viewer>,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_to("/sign-in", "", "", &["form-unreadable"]);
    };
    let username = form.username.trim();
    if let Err(wait) =
        access
            .state
            .limits
            .check(Action::SignIn, &viewer.ip.to_string(), Instant::now())
    {
        return too_many(wait, "/sign-in");
    }
    if form.password.chars().count() > *PASSWORD_CHARS.end() || !valid_username(username) {
        return back_to("/sign-in", username, &form.next, &["wrong-password"]);
    }
    let found = match access.state.store.user_by_name(username).await {
        Ok(found) => found,
        Err(err) => {
            tracing::error!(%err, "user lookup failed");
            return store_failed(&err);
        }
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, None),
    };
    // Without a user or a hash, a decoy hash is checked: the same work as a wrong password,
    // so timing does not tell which names exist.
    let matches = verify_password(hash, form.password).await;
    match user {
        Some(user) if matches => start_session(&access, viewer.https, &user, &form.next).await,
        _ => back_to("/sign-in", username, &form.next, &["wrong-password"]),
    }
}

/// `POST /sign-out`: ends the session and clears the cookie.
pub async fn sign_out(
    State(access): State<Access>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Response {
    for name in [SECURE_COOKIE, COOKIE] {
        if let Some(token) = cookie(&headers, name) {
            if let Err(err) = access.state.store.delete_session(&token_hash(token)).await {
                tracing::error!(%err, "could not delete a session");
            }
        }
    }
    let mut response = see_other("/");
    set_cookie(&mut response, &session_cookie(viewer.https, "", 0));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_short_plain_words() {
        assert!(valid_username("ada.lovelace"));
        assert!(valid_username("r2-d2_x"));
        assert!(!valid_username("ab"));
        assert!(!valid_username("-dash"));
        assert!(!valid_username("<script>"));
        assert!(!valid_username("名前です"));
        assert!(!valid_username(&"a".repeat(41)));
    }

    #[test]
    fn next_may_only_be_a_path_on_this_site() {
        assert_eq!(local_path("/skills/x/suggest"), "/skills/x/suggest");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path("/\t/evil.example"), "/");
        assert_eq!(local_path("/\n/x"), "/");
        assert_eq!(local_path("/skills\\..\\x"), "/");
        assert_eq!(local_path("/\u{7f}/evil.example"), "/");
        assert_eq!(
            local_path("/skills/x?role=dba&level=senior"),
            "/skills/x?role=dba&level=senior"
        );
    }

    #[test]
    fn https_session_cookies_are_secure_host_cookies() {
        let cookie = session_cookie(true, "abc", 60);
        assert!(cookie.starts_with("__Host-sp_session=abc; Path=/;"));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!session_cookie(false, "abc", 60).contains("Secure"));
    }

    #[test]
    fn the_decoy_hash_is_a_valid_argon2id_hash() {
        let parsed = PasswordHash::new(DECOY_HASH).expect("parses");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
    }

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(Some(hash.clone()), "correct horse battery".into()).await);
        assert!(!verify_password(Some(hash), "wrong horse battery".into()).await);
        assert!(!verify_password(None, "anything at all".into()).await);
    }
}
