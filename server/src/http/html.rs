//! What every HTML page gets after it is rendered: a Content-Security-Policy that allows
//! exactly its own inline scripts, by their SHA-256 (no per-response nonce, so two renders
//! of a page are the same bytes), and an `ETag`, answered `304 Not Modified` when the
//! browser already has the page.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Largest page read whole; the biggest page here is tens of kilobytes.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// A tag of `bytes`: the first 128 bits of their SHA-256, quoted.
pub fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether the request's `If-None-Match` names `etag` (weak or strong, or `*`).
pub fn is_fresh(request: &HeaderMap, etag: &str) -> bool {
    names(request.get(header::IF_NONE_MATCH), etag)
}

/// Whether an `If-None-Match` value names `etag`.
fn names(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    let etag = etag.trim_start_matches("W/");
    if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|list| {
            list.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == "*" || t == etag)
        })
}

/// The SHA-256 (base64) of the text of every inline `<script>` of `html`, in order, once
/// each: what the page's policy must allow.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let hash =
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&body[..close]));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &body[close..];
    }
    hashes
}

/// `html` without the `nonce` attributes Leptos writes on the scripts it adds (it gives
/// every render a fresh nonce): the policy names hashes instead, and without them two
/// renders of the same page are the same bytes.
pub fn without_nonces(html: &str) -> String {
    const ATTRIBUTE: &str = " nonce=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(ATTRIBUTE) {
        out.push_str(&rest[..at]);
        let value = &rest[at + ATTRIBUTE.len()..];
        match value.find('"') {
            Some(end) => rest = &value[end + 1..],
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page layer: for HTML responses, the policy from the page's scripts; for a 200, its
/// `ETag` (weak, as compression may re-encode it) and a 304 when the browser has it.
pub async fn finish(request: Request, next: Next) -> Response {
    let asked = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(%err, "a rendered page could not be read");
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
        }
    };
    let html = without_nonces(&String::from_utf8_lossy(&bytes));
    let hashes = inline_script_hashes(&html);
    let bytes = html.into_bytes();
    if let Ok(policy) = HeaderValue::from_str(&app::content_security_policy(&hashes)) {
        parts
            .headers
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    if parts.status == StatusCode::OK {
        let etag = format!("W/{}", etag_of(&bytes));
        let fresh = names(asked.as_ref(), &etag);
        if let Ok(value) = HeaderValue::from_str(&etag) {
            parts.headers.insert(header::ETAG, value);
        }
        if fresh {
            parts.status = StatusCode::NOT_MODIFIED;
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.remove(header::CONTENT_TYPE);
            return Response::from_parts(parts, Body::empty());
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inline_script_is_hashed_once_and_scripts_with_a_source_are_not() {
        let html = r#"<head><script>a()</script><script type="module">b()</script><script src="/x.js"></script><script>a()</script></head>"#;
        let hashes = inline_script_hashes(html);
        let of = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        assert_eq!(hashes, [of("a()"), of("b()")]);
    }

    #[test]
    fn nonce_attributes_are_dropped_and_nothing_else() {
        assert_eq!(
            without_nonces(
                r#"<script nonce="abc">x()</script><p>nonce="kept"</p><script nonce="d">y</script>"#
            ),
            r#"<script>x()</script><p>nonce="kept"</p><script>y</script>"#
        );
    }

    #[test]
    fn a_weak_or_strong_tag_in_if_none_match_is_fresh() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc\""),
        );
        assert!(is_fresh(&headers, "W/\"abc\""));
        assert!(is_fresh(&headers, "\"abc\""));
        assert!(!is_fresh(&headers, "W/\"abd\""));
        assert!(!is_fresh(&HeaderMap::new(), "\"abc\""));
    }
}
