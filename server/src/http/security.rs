//! Request guards and response headers every route gets.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest request body accepted, in bytes. Nothing the site posts comes near it.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Refuses state-changing requests sent by another site (CSRF). Leptos server functions
/// have no defence of their own. Browsers send `Sec-Fetch-Site`; older ones at least
/// `Origin`, compared with `Host`. Clients that send neither are not browsers and carry
/// no ambient cookies to abuse.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let allowed = match headers.get("sec-fetch-site").map(HeaderValue::to_str) {
        Some(Ok("same-origin" | "none")) => true,
        Some(_) => false,
        None => match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
            (Some(origin), Some(host)) => same_host(origin, host),
            (Some(_), None) => false,
            (None, _) => true,
        },
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "refused a cross-site request");
        (
            StatusCode::FORBIDDEN,
            "Requests from other sites are not accepted.",
        )
            .into_response()
    }
}

fn same_host(origin: &HeaderValue, host: &HeaderValue) -> bool {
    let (Ok(origin), Ok(host)) = (origin.to_str(), host.to_str()) else {
        return false;
    };
    origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
}

/// Who may frame which page: `frame-ancestors` of embed pages (`/embed/…`) lists the
/// configured portal origins; every other page may be framed by the site itself only.
#[derive(Debug, Clone)]
pub struct FramePolicy {
    embed_ancestors: String,
}

impl FramePolicy {
    /// The policy for `origins` (already checked to be origins).
    pub fn new(origins: &[String]) -> Self {
        let mut embed_ancestors = String::from("frame-ancestors 'self'");
        for origin in origins {
            embed_ancestors.push(' ');
            embed_ancestors.push_str(origin);
        }
        Self { embed_ancestors }
    }

    /// The policy `csp` with the embed view's `frame-ancestors` directive.
    fn for_embed(&self, csp: &str) -> String {
        csp.split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                if d.starts_with("frame-ancestors") {
                    self.embed_ancestors.as_str()
                } else {
                    d
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Adds the security and caching headers every response carries unless a route set its own,
/// and opens embed pages to the configured portals.
pub async fn security_headers(
    axum::extract::State(frames): axum::extract::State<std::sync::Arc<FramePolicy>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let embed = request.uri().path().starts_with("/embed/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if embed {
        let csp = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("frame-ancestors 'self'")
            .to_owned();
        if let Ok(value) = HeaderValue::from_str(&frames.for_embed(&csp)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "frame-ancestors 'self'; base-uri 'self'; object-src 'none'; form-action 'self'",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        // Pages and everything else that says nothing itself: kept by the browser, but
        // asked after each time, so a deploy is seen at once (hashed files say otherwise).
        (header::CACHE_CONTROL, "no-cache"),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_pages_name_the_portals_and_keep_the_rest_of_the_policy() {
        let frames = FramePolicy::new(&["https://portal.example.com".into()]);
        assert_eq!(
            frames.for_embed("default-src 'self'; frame-ancestors 'self'; object-src 'none'"),
            "default-src 'self'; frame-ancestors 'self' https://portal.example.com; object-src 'none'"
        );
    }
}
