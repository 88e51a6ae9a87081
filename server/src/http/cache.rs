//! The render cache: the server's fast path for readers who are not signed in.
//!
//! Pages and API answers made from what is published and their address alone (they carry
//! [`CACHE_MARK`]) and static files are kept in memory with their brotli and gzip copies,
//! so answering one again is a lookup: no rendering, no compression, no middleware. The
//! layer wraps the whole router, so what it keeps is exactly what the router answered,
//! headers included.
//!
//! - **Key**: everything an answer may differ by — the scheme (as the pages work it out:
//!   configured, or said by a trusted proxy), `Host`, `Origin` (CORS) and the address with
//!   its base path and query.
//! - **Who**: `GET` without a session cookie, a form's flash cookie or a proxy's user
//!   header, and without `Range`.
//!   An answer that sets a cookie, is not `200 OK` or carries no mark is sent, never kept.
//! - **Until**: the next publish (accepting a proposal, `import` seen by the server, a
//!   revision another server published): each lookup compares the state's publish count
//!   with the one the entries were made at and drops them all when it moved on. A render
//!   that overlapped a publish is not kept.
//! - **Bounded**: a byte budget, least recently used first out.

use super::html::{etag_of, is_fresh};
use super::identity;
use crate::config::AccessConfig;
use app::api::ssr::state::{CACHE_MARK, CACHE_PUBLISHED};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, request, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hashlink::LruCache;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// [`CACHE_MARK`]'s value on static files: their compressed copies are the build's own
/// (`--precompress`), asked for from the file service rather than made here.
pub const CACHE_STATIC: &str = "static";
/// Largest answer read whole to be kept or compressed here.
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// Brotli quality of what this layer compresses itself (pages, API answers): close to the
/// best ratio for pages of tens of kilobytes, at a fraction of quality 11's time, since a
/// flood of distinct addresses makes every render pay it.
const BROTLI_QUALITY: u32 = 5;
/// Bodies smaller than this are sent as they are (what tower-http's compression does).
const MIN_COMPRESS_BYTES: usize = 32;

/// What is counted, for the benchmark and the metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Entries kept now.
    pub entries: usize,
    /// Their bytes (every encoding, headers and key).
    pub bytes: usize,
    /// Answers sent from the cache.
    pub hits: u64,
    /// Cacheable requests that had to be answered by the router.
    pub misses: u64,
    /// Entries dropped to stay within the budget.
    pub evictions: u64,
}

/// The cache, shared by every request.
pub struct RenderCache {
    budget: usize,
    /// The publish count now (`AppState::generation`).
    generation: Box<dyn Fn() -> u64 + Send + Sync>,
    /// Cookie and proxy settings: what makes a request HTTPS or signed in.
    access: AccessConfig,
    /// The header a trusted proxy names the signed-in user in, if one is configured.
    user_header: Option<HeaderName>,
    inner: Mutex<Entries>,
    hits: AtomicU64,
    misses: AtomicU64,
    evictions: AtomicU64,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("budget", &self.budget)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// The entries of one publish generation.
struct Entries {
    generation: u64,
    lru: LruCache<String, Arc<Entry>>,
    bytes: usize,
}

/// One answer, ready to send in each encoding kept.
#[derive(Debug)]
struct Entry {
    status: StatusCode,
    /// The router's headers without length, encoding and the mark.
    headers: HeaderMap,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// The content codings this layer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gzip",
            Self::Identity => "identity",
        }
    }

    /// The best coding an `Accept-Encoding` value accepts: brotli, then gzip.
    fn preferred(headers: &HeaderMap) -> Self {
        let mut best = Self::Identity;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(list) = value.to_str() else { continue };
            for item in list.split(',') {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or_default().trim();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                if refused {
                    continue;
                }
                match name.to_ascii_lowercase().as_str() {
                    "br" | "*" => return Self::Brotli,
                    "gzip" | "x-gzip" => best = Self::Gzip,
                    _ => {}
                }
            }
        }
        best
    }
}

impl RenderCache {
    /// A cache of `budget` bytes (0: off) whose entries last while `generation` answers the
    /// same number.
    pub fn new(
        budget: usize,
        generation: impl Fn() -> u64 + Send + Sync + 'static,
        access: &AccessConfig,
    ) -> Self {
        Self {
            budget,
            generation: Box::new(generation),
            user_header: access
                .user_header
                .as_deref()
                .and_then(|h| HeaderName::from_bytes(h.as_bytes()).ok()),
            access: access.clone(),
            inner: Mutex::new(Entries {
                generation: 0,
                lru: LruCache::new_unbounded(),
                bytes: 0,
            }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            evictions: AtomicU64::new(0),
        }
    }

    /// What it holds and has done.
    pub fn stats(&self) -> Stats {
        let entries = self.lock();
        Stats {
            entries: entries.lru.len(),
            bytes: entries.bytes,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            evictions: self.evictions.load(Ordering::Relaxed),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A poisoned lock only means a panic between two whole updates of the map.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The key of a request the cache may answer, or `None` for one it must pass on.
    fn key(&self, request: &Request) -> Option<String> {
        let headers = request.headers();
        let passed_on = self.budget == 0
            || request.method() != Method::GET
            || headers.contains_key(header::RANGE)
            || identity::has_session(headers)
            || super::form_pages::has_flash(headers)
            || self
                .user_header
                .as_ref()
                .is_some_and(|name| headers.contains_key(name));
        if passed_on {
            return None;
        }
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
        };
        let https = identity::is_https(&self.access, identity::peer(request), headers);
        Some(format!(
            "{} {} {} {}",
            if https { "https" } else { "http" },
            text("host"),
            text("origin"),
            request.uri()
        ))
    }

    /// The entry for `key` if it was made at the current generation.
    fn get(&self, key: &str, generation: u64) -> Option<Arc<Entry>> {
        let mut entries = self.lock();
        if entries.generation != generation {
            entries.lru.clear();
            entries.bytes = 0;
            entries.generation = generation;
            return None;
        }
        entries.lru.get(key).cloned()
    }

    /// Keeps `entry`, made from a render that started at `generation`, unless something
    /// was published since; then drops the least recently used until within the budget.
    fn put(&self, key: String, generation: u64, entry: Arc<Entry>) {
        let size = entry.size() + key.len();
        if size > self.budget / 4 || (self.generation)() != generation {
            return;
        }
        let mut entries = self.lock();
        if entries.generation != generation {
            entries.lru.clear();
            entries.bytes = 0;
            entries.generation = generation;
        }
        if let Some(old) = entries.lru.insert(key.clone(), entry) {
            entries.bytes -= old.size() + key.len();
        }
        entries.bytes += size;
        while entries.bytes > self.budget {
            let Some((key, old)) = entries.lru.remove_lru() else {
                break;
            };
            entries.bytes -= old.size() + key.len();
            self.evictions.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Entry {
    /// Bytes held: every encoding and the headers.
    fn size(&self) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 32)
            .sum();
        self.identity.len()
            + self.brotli.as_ref().map_or(0, Bytes::len)
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + headers
            + 128
    }

    /// The router's answer, read whole, with compressed copies in `codings` (those that
    /// apply to its type and size). `None` when the body could not be read.
    async fn from_response(response: Response, codings: &[Coding]) -> Option<Self> {
        let (parts, body) = response.into_parts();
        let identity = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
            Ok(bytes) => bytes,
            Err(err) => {
                tracing::error!(%err, "an answer could not be read");
                return None;
            }
        };
        let mut headers = parts.headers;
        headers.remove(CACHE_MARK);
        headers.remove(header::CONTENT_LENGTH);
        let compressible = identity.len() >= MIN_COMPRESS_BYTES
            && !headers.contains_key(header::CONTENT_ENCODING)
            && headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(compressible);
        let compress = |coding| {
            (compressible && codings.contains(&coding)).then(|| compressed(&identity, coding))
        };
        Some(Self {
            status: parts.status,
            brotli: compress(Coding::Brotli).flatten(),
            gzip: compress(Coding::Gzip).flatten(),
            headers,
            identity,
        })
    }

    /// The answer to a request with `asked` headers: 304 when its validator matches, else
    /// the body in the best coding both sides have.
    fn answer(&self, asked: &HeaderMap) -> Response {
        let mut headers = self.headers.clone();
        if self.status == StatusCode::OK && self.is_fresh_for(asked) {
            headers.remove(header::CONTENT_TYPE);
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            *response.headers_mut() = headers;
            return response;
        }
        let (body, coding) = match Coding::preferred(asked) {
            Coding::Brotli if self.brotli.is_some() => (&self.brotli, Coding::Brotli),
            Coding::Brotli | Coding::Gzip if self.gzip.is_some() => (&self.gzip, Coding::Gzip),
            _ => (&None, Coding::Identity),
        };
        if coding != Coding::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(coding.token()),
            );
        }
        let body = body.clone().unwrap_or_else(|| self.identity.clone());
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        response
    }

    /// Says that the body depends on `Accept-Encoding` when there are compressed copies,
    /// once, so each answer only names its coding.
    fn vary_by_coding(mut self) -> Self {
        let varies = self.headers.get_all(header::VARY).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        });
        if (self.brotli.is_some() || self.gzip.is_some()) && !varies {
            self.headers
                .append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        self
    }

    /// Whether the browser already has this answer (`If-None-Match`, else an exact
    /// `If-Modified-Since`).
    fn is_fresh_for(&self, asked: &HeaderMap) -> bool {
        if asked.contains_key(header::IF_NONE_MATCH) {
            return self
                .headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|etag| is_fresh(asked, etag));
        }
        match (
            asked.get(header::IF_MODIFIED_SINCE),
            self.headers.get(header::LAST_MODIFIED),
        ) {
            (Some(since), Some(modified)) => since == modified,
            _ => false,
        }
    }
}

/// Whether a body of `content_type` is worth compressing (text, JSON, XML, SVG, JS, wasm).
fn compressible(content_type: &str) -> bool {
    let t = content_type.to_ascii_lowercase();
    t.starts_with("text/")
        || t.starts_with("application/json")
        || t.starts_with("application/javascript")
        || t.starts_with("application/wasm")
        || t.starts_with("application/xml")
        || t.contains("+xml")
        || t.contains("+json")
}

/// `bytes` in `coding`; `None` only if the encoder failed (it writes to memory).
fn compressed(bytes: &[u8], coding: Coding) -> Option<Bytes> {
    let out = match coding {
        Coding::Brotli => {
            let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, BROTLI_QUALITY, 22);
            writer.write_all(bytes).ok()?;
            writer.flush().ok()?;
            writer.into_inner()
        }
        Coding::Gzip => {
            let mut writer =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            writer.write_all(bytes).ok()?;
            writer.finish().ok()?
        }
        Coding::Identity => return None,
    };
    Some(Bytes::from(out))
}

/// A copy of the request `parts` (a `GET`: no body) asking for `coding` and for the whole
/// answer, not a 304: what is kept must be the answer itself.
fn plain(parts: &request::Parts, coding: Coding) -> Request {
    let mut request = Request::from_parts(parts.clone(), Body::empty());
    let headers = request.headers_mut();
    headers.remove(header::IF_NONE_MATCH);
    headers.remove(header::IF_MODIFIED_SINCE);
    headers.insert(
        header::ACCEPT_ENCODING,
        HeaderValue::from_static(coding.token()),
    );
    request
}

/// The body of an answer asked for in `coding`, if it came in that coding.
async fn body_in(response: Response, coding: Coding) -> Option<Bytes> {
    let encoded = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v.as_bytes() == coding.token().as_bytes());
    if response.status() != StatusCode::OK || !encoded {
        return None;
    }
    axum::body::to_bytes(response.into_body(), MAX_BODY_BYTES)
        .await
        .ok()
}

/// The layer: answers from the cache when it can, else asks the router and keeps what may
/// be kept. Everything it passes on loses the internal mark.
pub async fn layer(
    State(cache): State<Arc<RenderCache>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = cache.key(&request) else {
        let mut response = next.run(request).await;
        response.headers_mut().remove(CACHE_MARK);
        return response;
    };
    let generation = (cache.generation)();
    if let Some(entry) = cache.get(&key, generation) {
        cache.hits.fetch_add(1, Ordering::Relaxed);
        return entry.answer(request.headers());
    }
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let (parts, _) = request.into_parts();
    let response = next.clone().run(plain(&parts, Coding::Identity)).await;
    let mark = response
        .headers()
        .get(CACHE_MARK)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let kept = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && matches!(mark.as_deref(), Some(CACHE_PUBLISHED | CACHE_STATIC));
    let entry = if !kept {
        // Sent once, compressed here for this reader (the router was asked for identity).
        Entry::from_response(response, &[Coding::preferred(&parts.headers)]).await
    } else if mark.as_deref() == Some(CACHE_STATIC) {
        // The build's own compressed files, as the file service sends them.
        let brotli = next.clone().run(plain(&parts, Coding::Brotli)).await;
        let brotli = body_in(brotli, Coding::Brotli).await;
        let gzip = body_in(next.run(plain(&parts, Coding::Gzip)).await, Coding::Gzip).await;
        Entry::from_response(response, &[])
            .await
            .map(|entry| Entry {
                brotli,
                gzip,
                ..entry
            })
    } else {
        Entry::from_response(response, &[Coding::Brotli, Coding::Gzip]).await
    };
    let Some(mut entry) = entry.map(Entry::vary_by_coding) else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            app::error::AppError::Internal.to_string(),
        )
            .into_response();
    };
    if kept && !entry.headers.contains_key(header::ETAG) {
        // Static files come with Last-Modified only: a tag lets browsers revalidate by it.
        if let Ok(etag) = HeaderValue::from_str(&format!("W/{}", etag_of(&entry.identity))) {
            entry.headers.insert(header::ETAG, etag);
        }
    }
    let entry = Arc::new(entry);
    let answer = entry.answer(&parts.headers);
    if kept {
        cache.put(key, generation, entry);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use std::sync::atomic::AtomicU64;
    use tower::ServiceExt;

    /// A router whose every page is marked published and counts its renders, behind a cache
    /// of `budget` bytes following `generation`.
    fn site(
        budget: usize,
        generation: Arc<AtomicU64>,
    ) -> (Router, Arc<RenderCache>, Arc<AtomicU64>) {
        let renders = Arc::new(AtomicU64::new(0));
        let counted = renders.clone();
        let page = move |uri: axum::http::Uri| {
            let n = counted.fetch_add(1, Ordering::Relaxed);
            async move {
                (
                    [
                        (CACHE_MARK, CACHE_PUBLISHED),
                        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    ],
                    format!("<p>{uri} {}</p>", "words ".repeat(200)) + &format!("<!-- {n} -->"),
                )
            }
        };
        let cookie = || async {
            (
                [(CACHE_MARK, CACHE_PUBLISHED), (header::SET_COOKIE, "a=b")],
                "with a cookie",
            )
        };
        let cache = Arc::new(RenderCache::new(
            budget,
            move || generation.load(Ordering::Relaxed),
            &AccessConfig {
                user_header: Some("x-forwarded-user".into()),
                ..AccessConfig::default()
            },
        ));
        let router = Router::new()
            .route("/cookie", get(cookie))
            .fallback(page)
            .layer(axum::middleware::from_fn_with_state(cache.clone(), layer));
        (router, cache, renders)
    }

    async fn fetch(router: &Router, uri: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        router
            .clone()
            .oneshot(request.body(Body::empty()).expect("a request"))
            .await
            .expect("an answer")
    }

    async fn text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn unbrotli(bytes: &[u8]) -> String {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).expect("brotli");
        String::from_utf8(out).expect("UTF-8")
    }

    #[tokio::test]
    async fn a_second_request_is_answered_from_the_cache_with_the_same_bytes() {
        let (router, cache, renders) = site(1 << 20, Arc::new(AtomicU64::new(0)));
        let first = text(fetch(&router, "/skills/x?role=dba", &[]).await).await;
        let second = fetch(
            &router,
            "/skills/x?role=dba",
            &[("accept-encoding", "gzip, br")],
        )
        .await;
        assert_eq!(second.headers()[header::CONTENT_ENCODING], "br");
        assert!(
            second.headers().get(CACHE_MARK).is_none(),
            "the mark never leaves"
        );
        let bytes = axum::body::to_bytes(second.into_body(), 1 << 20)
            .await
            .expect("a body");
        assert_eq!(unbrotli(&bytes), first);
        assert_eq!(
            text(fetch(&router, "/skills/x?role=dba", &[]).await).await,
            first
        );
        assert_eq!(renders.load(Ordering::Relaxed), 1);
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (2, 1, 1));
    }

    #[tokio::test]
    async fn another_query_string_is_another_page() {
        let (router, _, renders) = site(1 << 20, Arc::new(AtomicU64::new(0)));
        let a = text(fetch(&router, "/skills/x?role=dba", &[]).await).await;
        let b = text(fetch(&router, "/skills/x?role=de", &[]).await).await;
        assert_ne!(a, b);
        assert_eq!(renders.load(Ordering::Relaxed), 2);
    }

    #[tokio::test]
    async fn a_session_cookie_or_a_proxy_user_is_never_answered_from_the_cache_nor_fills_it() {
        let (router, cache, renders) = site(1 << 20, Arc::new(AtomicU64::new(0)));
        fetch(
            &router,
            "/skills/x",
            &[("cookie", "theme=dark; sp_session=abc")],
        )
        .await;
        fetch(&router, "/skills/x", &[("cookie", "__Host-sp_session=abc")]).await;
        fetch(&router, "/skills/x", &[("x-forwarded-user", "ann")]).await;
        assert_eq!(cache.stats().entries, 0);
        fetch(&router, "/skills/x", &[]).await;
        fetch(&router, "/skills/x", &[("cookie", "sp_session=abc")]).await;
        assert_eq!(renders.load(Ordering::Relaxed), 5);
        assert_eq!(cache.stats().hits, 0);
    }

    #[tokio::test]
    async fn an_answer_that_sets_a_cookie_is_not_kept() {
        let (router, cache, _) = site(1 << 20, Arc::new(AtomicU64::new(0)));
        let response = fetch(&router, "/cookie", &[]).await;
        assert_eq!(response.headers()[header::SET_COOKIE], "a=b");
        assert_eq!(cache.stats().entries, 0);
    }

    #[tokio::test]
    async fn a_publish_drops_every_entry_made_before_it() {
        let generation = Arc::new(AtomicU64::new(0));
        let (router, cache, renders) = site(1 << 20, generation.clone());
        let before = text(fetch(&router, "/skills/x", &[]).await).await;
        generation.fetch_add(1, Ordering::Relaxed);
        let after = text(fetch(&router, "/skills/x", &[]).await).await;
        assert_ne!(before, after);
        assert_eq!(renders.load(Ordering::Relaxed), 2);
        assert_eq!(cache.stats().entries, 1);
    }

    #[tokio::test]
    async fn a_flood_of_distinct_query_strings_stays_within_the_byte_budget() {
        let budget = 64 * 1024;
        let (router, cache, _) = site(budget, Arc::new(AtomicU64::new(0)));
        for n in 0..2_000 {
            fetch(
                &router,
                &format!("/skills/x?q={n}"),
                &[("accept-encoding", "br")],
            )
            .await;
            assert!(cache.stats().bytes <= budget);
        }
        let stats = cache.stats();
        assert!(stats.entries > 10 && stats.entries < 2_000, "{stats:?}");
        assert!(stats.evictions > 0);
        // The most recent pages stay; the first went.
        fetch(&router, "/skills/x?q=1999", &[]).await;
        assert_eq!(cache.stats().hits, 1);
    }

    #[tokio::test]
    async fn an_etag_the_browser_has_gets_304_from_the_cache() {
        let (router, _, _) = site(1 << 20, Arc::new(AtomicU64::new(0)));
        let first = fetch(&router, "/skills/x", &[]).await;
        let etag = first.headers()[header::ETAG]
            .to_str()
            .expect("ASCII")
            .to_owned();
        let again = fetch(&router, "/skills/x", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(text(again).await.is_empty());
    }

    #[test]
    fn a_forwarded_scheme_counts_only_from_a_trusted_proxy() {
        let proxy = std::net::SocketAddr::from(([10, 0, 0, 1], 4000));
        let cache = RenderCache::new(
            1 << 20,
            || 0,
            &AccessConfig {
                trusted_proxies: vec![proxy.ip()],
                ..AccessConfig::default()
            },
        );
        let key = |from: [u8; 4]| {
            let mut request = Request::get("/skills/x")
                .header("host", "skills.example.com")
                .header("x-forwarded-proto", "https")
                .body(Body::empty())
                .expect("a request");
            request.extensions_mut().insert(axum::extract::ConnectInfo(
                std::net::SocketAddr::from((from, 4000)),
            ));
            cache.key(&request).expect("a cacheable request")
        };
        assert!(key([10, 0, 0, 1]).starts_with("https skills.example.com"));
        // Anyone else saying so gets (and fills) the plain page.
        assert!(key([192, 0, 2, 7]).starts_with("http skills.example.com"));
    }

    #[test]
    fn brotli_is_preferred_then_gzip_and_a_zero_quality_refuses() {
        let of = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).expect("a value"),
            );
            Coding::preferred(&headers)
        };
        assert_eq!(of("gzip, deflate, br"), Coding::Brotli);
        assert_eq!(of("gzip"), Coding::Gzip);
        assert_eq!(of("br;q=0, gzip"), Coding::Gzip);
        assert_eq!(of("identity"), Coding::Identity);
        assert_eq!(of("gzip;q=0.5, br;q=0.0"), Coding::Gzip);
        assert_eq!(Coding::preferred(&HeaderMap::new()), Coding::Identity);
    }
}
