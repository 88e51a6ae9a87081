//! Accounts: sign-up, sign-in and sign-out as plain form posts (they work without
//! JavaScript). The rules a username and a password keep are the model's
//! ([`app::model::account`]), so the form and the server cannot disagree.

mod passwords;
pub(crate) mod sessions;

pub use passwords::{hash_password, verify_password, HashError};
pub use sessions::{
    request_cookie, session_cookie, session_token, set_cookie, COOKIE, SECURE_COOKIE,
};

use crate::config::AccessConfig;
use crate::http::identity::unavailable;
use app::api::ssr::limits::Action;
use app::api::ssr::state::{AppState, Viewer};
use app::api::ssr::store::{unix_now as now, StoreError};
use app::model::account::{AccountProblem, SignUp, Username};
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Access settings and state, as the middleware and handlers need them.
#[derive(Clone, Debug)]
pub struct Access {
    /// Cookie and proxy settings.
    pub config: Arc<AccessConfig>,
    /// The app's state (store, limits).
    pub state: AppState,
    /// The site's base path (`""` at the root), for the pages answered here.
    pub base: Arc<str>,
    /// The stylesheet's address (base path and hashed name included).
    pub stylesheet: Arc<str>,
}

/// The answer to a store failure (already logged): 503 while the database is unreachable,
/// else 500.
fn store_failed(err: &StoreError) -> Response {
    match err {
        StoreError::Unavailable(_) => unavailable(false),
        _ => internal_error(),
    }
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
fn back_to(page: &str, username: &str, next: &str, problems: &[AccountProblem]) -> Response {
    let next = local_path(next);
    let next = if next == "/" { "" } else { next };
    see_other(&app::model::with_query(
        page,
        &[
            ("username", username),
            ("next", next),
            ("problem", &codes(problems)),
        ],
    ))
}

/// The problems as the address carries them: codes, comma-separated.
fn codes(problems: &[AccountProblem]) -> String {
    let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
    codes.join(",")
}

/// 429 with `Retry-After` and a page a person can read, styled and linking back under the
/// base path.
fn too_many(access: &Access, wait: Duration, back: &str) -> Response {
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
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Too many attempts · Skill Profiles</title><link rel=\"stylesheet\" href=\"{style}\"><main id=\"main\" class=\"page\"><h1>Too many attempts</h1><p>{message}</p><p><a href=\"{base}{back}\">Back</a></p></main></html>",
            style = access.stylesheet,
            base = access.base,
        ),
    )
        .into_response()
}

/// The 429 page when `viewer`'s address has used up `action` for now.
fn over_limit(access: &Access, action: Action, viewer: &Viewer, back: &str) -> Option<Response> {
    let counted = access
        .state
        .limits
        .check(action, &viewer.ip.to_string(), Instant::now());
    counted.err().map(|wait| too_many(access, wait, back))
}

/// `POST /sign-up`.
pub async fn sign_up(
    State(access): State<Access>,
    Extension(viewer): Extension<Viewer>,
    form: Result<Form<SignUpForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_to("/sign-up", "", "", &[AccountProblem::FormUnreadable]);
    };
    let typed = form.username.trim();
    let sign_up = match SignUp::parse(typed, form.password, &form.password_again) {
        Ok(sign_up) => sign_up,
        Err(problems) => return back_to("/sign-up", typed, &form.next, &problems),
    };
    if let Some(refusal) = over_limit(&access, Action::SignUp, &viewer, "/sign-up") {
        return refusal;
    }
    let hash = match hash_password(sign_up.password).await {
        Ok(hash) => hash,
        Err(err) => {
            tracing::error!(%err, "password hashing failed");
            return internal_error();
        }
    };
    let username = sign_up.username;
    match access
        .state
        .store
        .create_user(username.as_str(), Some(&hash), now())
        .await
    {
        Ok(user) => {
            tracing::info!(user = %user.username, "signed up");
            sessions::start(&access, viewer.https, &user, &form.next).await
        }
        Err(StoreError::Taken) => back_to(
            "/sign-up",
            username.as_str(),
            &form.next,
            &[AccountProblem::UsernameTaken],
        ),
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
        return back_to("/sign-in", "", "", &[AccountProblem::FormUnreadable]);
    };
    let typed = form.username.trim();
    if let Some(refusal) = over_limit(&access, Action::SignIn, &viewer, "/sign-in") {
        return refusal;
    }
    let wrong = || {
        back_to(
            "/sign-in",
            typed,
            &form.next,
            &[AccountProblem::WrongPassword],
        )
    };
    // A name or password no account can have is simply wrong (a short password may be an
    // old account's: only the upper limit, which bounds the hashing work, is applied).
    let (Ok(username), false) = (
        Username::parse(typed),
        form.password.chars().count() > *app::model::account::PASSWORD_CHARS.end(),
    ) else {
        return wrong();
    };
    let found = match access.state.store.user_by_name(username.as_str()).await {
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
    let matches = verify_password(hash, &form.password).await;
    match user {
        Some(user) if matches => sessions::start(&access, viewer.https, &user, &form.next).await,
        _ => wrong(),
    }
}

/// `POST /sign-out`: ends the session and clears the cookie.
pub async fn sign_out(
    State(access): State<Access>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Response {
    for name in [SECURE_COOKIE, COOKIE] {
        if let Some(token) = request_cookie(&headers, name) {
            let hash = sessions::token_hash(&token);
            if let Err(err) = access.state.store.delete_session(&hash).await {
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
    use super::passwords::DECOY_HASH;
    use super::*;
    use app::model::account::Password;
    use argon2::password_hash::PasswordHash;

    #[test]
    fn usernames_are_short_plain_words() {
        let valid_username = |name: &str| Username::parse(name).is_ok();
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
        let written = session_cookie(true, "abc", 60);
        let cookie = cookie::Cookie::parse(written.as_str()).unwrap();
        assert_eq!((cookie.name(), cookie.value()), (SECURE_COOKIE, "abc"));
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.domain(), None, "a __Host- cookie has no domain");
        assert_eq!(cookie.max_age(), Some(cookie::time::Duration::seconds(60)));
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(cookie::SameSite::Lax));
        assert_eq!(cookie.secure(), Some(true));
        let plain = cookie::Cookie::parse(session_cookie(false, "abc", 60)).unwrap();
        assert_eq!((plain.name(), plain.secure()), (COOKIE, None));
    }

    #[test]
    fn the_decoy_hash_is_a_valid_argon2id_hash() {
        let parsed = PasswordHash::new(DECOY_HASH).expect("parses");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
    }

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let password = Password::parse("correct horse battery".into()).unwrap();
        let hash = hash_password(password).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(Some(hash.clone()), "correct horse battery").await);
        assert!(!verify_password(Some(hash), "wrong horse battery").await);
        assert!(!verify_password(None, "anything at all").await);
    }
}
