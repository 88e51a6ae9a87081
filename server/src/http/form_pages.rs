//! Browsers' form posts to server functions (`app::api::forms`): a change made without
//! JavaScript, or by the forms enhancement, which posts the same way.
//!
//! A post counts as a browser's form when it goes to one of the form actions, is
//! url-encoded and asks for a page (`Accept: text/html`). The server function runs as it
//! would for any caller (same identity, cross-site refusal, body limit, rate limits and
//! checks), asked for JSON, and its answer becomes a page:
//! - **done**: `303 See Other` to the form's `back` (a path on this site), with a cookie of
//!   one minute carrying the sentence that says so, which the next page shows and clears;
//! - **refused** (or failed): the `back` page rendered at once, `422` (or the error's
//!   status), with the refusal beside the form and what was posted still in it.

use crate::accounts;
use app::api::forms::{Flash, FORM_ACTIONS};
use app::api::ssr::state::Viewer;
use app::api::ssr::{outcome, FormOutcome};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The cookie carrying a done post's sentence to the page it returns to.
pub const FLASH_COOKIE: &str = "sp_flash";
/// Largest answer of a server function read here (they are sentences).
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Renders a page of the app for a request (leptos_axum's handler).
pub type RenderPage =
    Arc<dyn Fn(Request) -> Pin<Box<dyn Future<Output = Response> + Send>> + Send + Sync>;

/// What the layer needs: the page renderer and the base path of the site.
#[derive(Clone)]
pub struct FormPages {
    /// Renders the page a refusal returns to.
    pub render: RenderPage,
    /// The site's base path (empty at the root).
    pub base: String,
}

/// Whether the request carries a done post's sentence (such a request is never answered
/// from the render cache).
pub fn has_flash(headers: &HeaderMap) -> bool {
    accounts::request_cookie(headers, FLASH_COOKIE).is_some()
}

/// Whether the request asks for a page (`Accept: text/html`), as a browser's navigation
/// and the forms enhancement do.
fn asks_for_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.contains("text/html"))
}

/// The form action a request posts to, if it is a browser's form post.
fn form_action(request: &Request) -> Option<&'static str> {
    let headers = request.headers();
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let name = request.uri().path().strip_prefix("/api/")?;
    (request.method() == Method::POST && form && asks_for_page(headers))
        .then(|| FORM_ACTIONS.iter().copied().find(|a| *a == name))
        .flatten()
}

/// The layer, inside the one that identifies the reader.
pub async fn layer(State(pages): State<FormPages>, request: Request, next: Next) -> Response {
    let Some(action) = form_action(&request) else {
        return with_flash(request, next).await;
    };
    let (parts, body) = request.into_parts();
    // The body limit in front of this layer already bounds it; an unreadable body is the
    // server function's to refuse.
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let back = fields
        .iter()
        .position(|(name, _)| name == "back")
        .map(|at| fields.remove(at).1)
        .unwrap_or_default();
    let back = accounts::local_path(&back).to_owned();
    let https = parts.extensions.get::<Viewer>().is_some_and(|v| v.https);

    let mut call = Request::from_parts(parts.clone(), Body::from(bytes));
    call.headers_mut()
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    let answer = next.run(call).await;
    let status = answer.status();
    let retry_after = answer.headers().get(header::RETRY_AFTER).cloned();
    let body = axum::body::to_bytes(answer.into_body(), MAX_ANSWER_BYTES)
        .await
        .unwrap_or_default();
    match outcome(action, &fields, status.as_u16(), &body) {
        FormOutcome::Done(said) => {
            let cookie = flash_cookie(&flash_value(action, &said), 60, https);
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, back), (header::SET_COOKIE, cookie)],
            )
                .into_response()
        }
        FormOutcome::Refused(said) => {
            let flash = Flash {
                action: action.to_owned(),
                message: said,
                refused: true,
                fields,
            };
            let mut page = Request::from_parts(parts, Body::empty());
            *page.method_mut() = Method::GET;
            let path = back.split('#').next().unwrap_or("/");
            if let Ok(uri) = format!("{}{path}", pages.base).parse() {
                *page.uri_mut() = uri;
            }
            page.headers_mut().remove(header::CONTENT_TYPE);
            page.headers_mut().remove(header::CONTENT_LENGTH);
            page.extensions_mut().insert(flash);
            let mut response = (pages.render)(page).await;
            if response.status() == StatusCode::OK {
                *response.status_mut() = if status.is_success() {
                    StatusCode::UNPROCESSABLE_ENTITY
                } else {
                    status
                };
            }
            if let Some(wait) = retry_after {
                response.headers_mut().insert(header::RETRY_AFTER, wait);
            }
            response
        }
    }
}

/// `Set-Cookie` of the flash cookie with `value` for `max_age` seconds (0 clears it): this
/// site only, not for scripts.
fn flash_cookie(value: &str, max_age: u32, https: bool) -> String {
    cookie::Cookie::build((FLASH_COOKIE, value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age.into()))
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(https)
        .build()
        .to_string()
}

/// The flash cookie's value for a done post of `action`, saying `said`.
fn flash_value(action: &str, said: &str) -> String {
    serde_urlencoded::to_string([("a", action), ("m", said)]).unwrap_or_default()
}

/// A page request carrying a done post's sentence: the page gets it as a [`Flash`], the
/// answer clears the cookie, so it is shown once.
async fn with_flash(mut request: Request, next: Next) -> Response {
    let Some(value) = accounts::request_cookie(request.headers(), FLASH_COOKIE) else {
        return next.run(request).await;
    };
    if !asks_for_page(request.headers()) {
        return next.run(request).await;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&value).unwrap_or_default();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    if let (Some(action), Some(message)) = (get("a"), get("m")) {
        if FORM_ACTIONS.contains(&action.as_str()) {
            request.extensions_mut().insert(Flash {
                action,
                message,
                refused: false,
                fields: Vec::new(),
            });
        }
    }
    let mut response = next.run(request).await;
    accounts::set_cookie(&mut response, &flash_cookie("", 0, false));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flash_cookie_carries_its_sentence_encoded_and_is_secure_over_https() {
        let value = flash_value("post-comment", "Your comment was posted; thanks!");
        let cookie = flash_cookie(&value, 60, true);
        let cookie = cookie::Cookie::parse(cookie).unwrap();
        assert_eq!(cookie.name(), FLASH_COOKIE);
        assert_eq!(
            cookie.value(),
            "a=post-comment&m=Your+comment+was+posted%3B+thanks%21"
        );
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.max_age(), Some(cookie::time::Duration::seconds(60)));
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(cookie::SameSite::Strict));
        assert_eq!(cookie.secure(), Some(true));
        assert!(!flash_cookie(&flash_value("accept", "x"), 60, false).contains("Secure"));
    }
}
