//! Static files from the site folder: the built client under `/pkg/` and the public
//! folder's files (favicon…). Served as they lie on disk, with the brotli or gzip file the
//! release build wrote beside each (`--precompress`) when the browser accepts it, so no
//! request compresses anything. Hashed client files never change under their name and are
//! cached for a year; everything else is revalidated.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// `Cache-Control` of a client file whose name carries its content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of every other static file: kept, but asked after each time
/// (`Last-Modified` answers with 304).
pub const REVALIDATE: &str = "no-cache";

/// The site folder as a file service.
#[derive(Debug, Clone)]
pub struct Files {
    dir: ServeDir,
    hashed: bool,
}

impl Files {
    /// The files under `root`; `hashed` when the build named the client's files by hash.
    pub fn new(root: &str, hashed: bool) -> Self {
        let dir = ServeDir::new(root)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        Self { dir, hashed }
    }

    /// The `Cache-Control` for a file at `path`.
    pub fn cache_control(&self, path: &str) -> &'static str {
        if self.hashed && path.starts_with("/pkg/") {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    }

    /// The file the request names, or what `otherwise` answers (the 404 page) when there
    /// is none.
    pub async fn serve_or<F>(&self, request: Request, otherwise: F) -> Response
    where
        F: FnOnce(Request) -> Pin<Box<dyn Future<Output = Response> + Send>>,
    {
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return otherwise(request).await;
        }
        let (parts, body) = request.into_parts();
        let cache = self.cache_control(parts.uri.path());
        let probe = Request::from_parts(parts.clone(), Body::empty());
        let found: Result<_, Infallible> = self.dir.clone().oneshot(probe).await;
        let Ok(found) = found;
        match found.status() {
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
                otherwise(Request::from_parts(parts, body)).await
            }
            _ => {
                let mut response = found.into_response();
                let headers = response.headers_mut();
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
                headers.insert(
                    app::api::ssr::state::CACHE_MARK,
                    HeaderValue::from_static(super::cache::CACHE_STATIC),
                );
                response
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[test]
    fn hashed_client_files_are_cached_for_a_year_and_the_rest_revalidated() {
        let files = Files::new("target/site", true);
        assert_eq!(
            files.cache_control("/pkg/skill-profiles.AbC.wasm"),
            IMMUTABLE
        );
        assert_eq!(files.cache_control("/favicon.svg"), REVALIDATE);
        let plain = Files::new("target/site", false);
        assert_eq!(plain.cache_control("/pkg/skill-profiles.wasm"), REVALIDATE);
    }

    /// A site folder with one client file and its precompressed copies.
    fn site() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("skills-files-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).expect("a temporary folder");
        std::fs::write(pkg.join("app.h4sh.js"), "plain").expect("a file");
        std::fs::write(pkg.join("app.h4sh.js.br"), "brotli bytes").expect("a file");
        std::fs::write(pkg.join("app.h4sh.js.gz"), "gzip bytes").expect("a file");
        dir
    }

    async fn get(
        files: &Files,
        path: &str,
        accept: &str,
    ) -> (StatusCode, Option<String>, String, String) {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("a request");
        let response = files
            .serve_or(request, |_| {
                Box::pin(async { (StatusCode::NOT_FOUND, "the 404 page").into_response() })
            })
            .await;
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let encoding = header(header::CONTENT_ENCODING);
        let cache = header(header::CACHE_CONTROL).unwrap_or_default();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        (
            status,
            encoding,
            cache,
            String::from_utf8_lossy(&body).into_owned(),
        )
    }

    #[tokio::test]
    async fn a_browser_that_accepts_brotli_gets_the_precompressed_file_as_it_is() {
        let files = Files::new(site().to_str().expect("a UTF-8 path"), true);
        let (status, encoding, cache, body) = get(&files, "/pkg/app.h4sh.js", "gzip, br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(encoding.as_deref(), Some("br"));
        assert_eq!(body, "brotli bytes");
        assert_eq!(cache, IMMUTABLE);
        let (_, encoding, _, body) = get(&files, "/pkg/app.h4sh.js", "gzip").await;
        assert_eq!(
            (encoding.as_deref(), body.as_str()),
            (Some("gzip"), "gzip bytes")
        );
        let (_, encoding, _, body) = get(&files, "/pkg/app.h4sh.js", "identity").await;
        assert_eq!((encoding, body.as_str()), (None, "plain"));
    }

    #[tokio::test]
    async fn a_missing_file_gets_the_page_that_says_so() {
        let files = Files::new(site().to_str().expect("a UTF-8 path"), true);
        let (status, _, _, body) = get(&files, "/pkg/app.0ld.js", "br").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "the 404 page");
        let (status, _, _, body) = get(&files, "/pkg/../../etc/passwd", "br").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "the 404 page");
    }
}
