//! [`TestApp`]: one server as `main` builds it — a database seeded from the shipped content,
//! its own rate limiter, the real router — called through `oneshot`, no socket. Built with
//! [`TestApp::builder`]; every test that writes builds its own, so no test sees another's
//! users, proposals or counted attempts.

use app::api::ssr::state::AppState;
use app::api::ssr::store::Store;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::{AccessConfig, SiteConfig};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

/// The portal the tests' site lets frame its embed view and read its API.
pub const PORTAL: &str = "https://portal.example.com";

/// Status, headers and body (as text) of an answer.
pub type Answer = (StatusCode, HeaderMap, String);

/// Building a router runs the app once to list its routes, and meanwhile Leptos keeps every
/// `Resource` in the process from loading (one global switch, leptos_server 0.8): a page
/// with one, rendered then by another test, would never finish. Today's pages load through
/// `AsyncDerived` and are unaffected, so this only keeps that hang from ever appearing: builds
/// take the lock to write, requests to read. (Tokio's `sync` feature comes with sqlx.)
static ROUTER_BUILDS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// A server of its own: state, store, limiter and router.
pub struct TestApp {
    state: AppState,
    router: Router,
    /// The SQLite database's folder, removed with the app (none on PostgreSQL or when the
    /// state is another app's).
    folder: Option<PathBuf>,
}

/// How a [`TestApp`] differs from the default: the site at the root with a render cache,
/// [`PORTAL`] allowed to embed and read the API, on a fresh SQLite database.
#[must_use]
pub struct TestAppBuilder {
    database_url: Option<String>,
    state: Option<AppState>,
    base_path: String,
    render_cache: bool,
    site_folder: Option<PathBuf>,
}

impl TestApp {
    /// The default app on a fresh SQLite database.
    pub async fn new() -> Self {
        Self::builder().build().await
    }

    /// A builder for an app that differs from the default.
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            database_url: None,
            state: None,
            base_path: String::new(),
            render_cache: true,
            site_folder: None,
        }
    }

    /// What the router serves: published profiles, store, limiter.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The app's database.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.state.store
    }

    /// Status, headers and raw body of the router's answer to `request`.
    pub async fn send_raw(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let _serving = ROUTER_BUILDS.read().await;
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        (status, headers, bytes.to_vec())
    }

    /// The router's answer to `request`, its body as text.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let (status, headers, bytes) = self.send_raw(request).await;
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// A plain GET of `uri`, as a reader who is not signed in.
    pub async fn get(&self, uri: &str) -> Answer {
        self.send(Request::get(uri).body(Body::empty()).expect("a request"))
            .await
    }

    /// A GET of `uri` with the session `cookie`.
    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Answer {
        self.send(
            Request::get(uri)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("a request"),
        )
        .await
    }

    /// A GET of `uri` on the host `skills.example.com`, with `headers`.
    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = Request::get(uri).header(header::HOST, "skills.example.com");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).expect("a request"))
            .await
    }

    /// `uri` with `Accept-Encoding: accept` (and `cookie`): status, headers and the body as
    /// it came.
    pub async fn fetch_raw(
        &self,
        uri: &str,
        accept: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = Request::get(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT_ENCODING, accept);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send_raw(request.body(Body::empty()).expect("a request"))
            .await
    }

    /// The page at `uri` for a reader who is not signed in; it must answer 200.
    pub async fn page(&self, uri: &str) -> String {
        let (status, _, html) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        html
    }

    /// The JSON answer of the server function at `path` to `body`, as `cookie`; it must
    /// answer 200.
    pub async fn call_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        cookie: &str,
    ) -> serde_json::Value {
        let (status, _, answer) = self
            .send(json_call(path, &body.to_string(), Some(cookie)))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        serde_json::from_str(&answer).unwrap_or_else(|err| panic!("{err}: {answer}"))
    }

    /// The JSON answer of the server function at `path` to the url-encoded `fields`, as
    /// `cookie`; it must answer 200.
    pub async fn call_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        cookie: &str,
    ) -> serde_json::Value {
        let body = serde_urlencoded::to_string(fields).expect("fields encode");
        let (status, _, answer) = self.send(form_call(path, &body, cookie)).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        serde_json::from_str(&answer).unwrap_or_else(|err| panic!("{err}: {answer}"))
    }

    /// Signs up `name` from `ip` through the form and returns the session cookie
    /// (`name=value`), checking what the form answers.
    pub async fn sign_up(&self, name: &str, ip: [u8; 4]) -> String {
        let (status, headers, _) = self.send(form_post(
            "/sign-up",
            &format!("username={name}&password=correct+horse+battery&password_again=correct+horse+battery&next=%2Fdrafts"),
            ip,
            None,
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers[header::LOCATION], "/drafts");
        let cookie = headers[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.starts_with("sp_session="), "{cookie}");
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Path=/")
        );
        cookie.split(';').next().unwrap().to_owned()
    }

    /// Signs up `name` from `ip` and grants them the reviewer role.
    pub async fn reviewer(&self, name: &str, ip: [u8; 4]) -> String {
        let cookie = self.sign_up(name, ip).await;
        assert!(self.store().set_reviewer(name, true).await.unwrap());
        cookie
    }

    /// A signed-in session for a new user (a reviewer if asked), made in the store without
    /// the sign-up form, as its cookie.
    pub async fn session(&self, name: &str, reviewer: bool) -> String {
        let store = self.store();
        store.create_user(name, Some("unused"), 1).await.unwrap();
        if reviewer {
            assert!(store.set_reviewer(name, true).await.unwrap());
        }
        let user = store.user_by_name(name).await.unwrap().unwrap().0;
        let token = format!("token-of-{name}");
        let hash: String = Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        store
            .create_session(&hash, user.id, 1, i64::MAX / 2)
            .await
            .unwrap();
        format!("sp_session={token}")
    }

    /// Submits one cell of `slug` as `cookie`'s user; returns the proposal id.
    #[expect(
        clippy::too_many_arguments,
        reason = "one cell of one skill, spelled out"
    )]
    pub async fn propose(
        &self,
        cookie: &str,
        slug: &str,
        base: u32,
        level: &str,
        role: &str,
        text: &str,
        key: &str,
    ) -> i64 {
        let body = serde_json::json!({
            "submission": {
                "slug": slug,
                "base_revision": base,
                "edits": [{"level": level, "role": role, "text": text, "required": true}],
                "rationale": "Because the router test says so.",
                "idempotency_key": key,
            }
        });
        let answer = self.call_json("/api/submit-proposal", &body, cookie).await;
        answer["Accepted"]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{answer}"))
    }

    /// Accepts proposal `id` of `slug` on revision `published` as `cookie`, posted as its
    /// form posts it (the resolutions as `resolutions[i][field]`); status and answer.
    pub async fn accept(
        &self,
        cookie: &str,
        slug: &str,
        id: i64,
        published: u32,
        resolutions: serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let mut fields = vec![
            ("slug".to_owned(), slug.to_owned()),
            ("id".to_owned(), id.to_string()),
            ("published_revision".to_owned(), published.to_string()),
        ];
        for (i, settled) in resolutions.as_array().into_iter().flatten().enumerate() {
            for key in ["level", "role", "text"] {
                let value = settled[key].as_str().unwrap_or_default().to_owned();
                fields.push((format!("resolutions[{i}][{key}]"), value));
            }
            if settled["required"] == true {
                fields.push((format!("resolutions[{i}][required]"), "true".to_owned()));
            }
        }
        let body = serde_urlencoded::to_string(&fields).unwrap();
        let (status, _, answer) = self.send(form_call("/api/accept", &body, cookie)).await;
        (
            status,
            serde_json::from_str(&answer).unwrap_or(serde_json::Value::String(answer)),
        )
    }

    /// Rejects proposal `id` of `slug` with `note` (url-encoded) as `cookie`; the answer.
    pub async fn reject(&self, cookie: &str, slug: &str, id: i64, note: &str) -> String {
        let body = format!("slug={slug}&id={id}&note={note}");
        self.send(form_call("/api/reject", &body, cookie)).await.2
    }

    /// The page a done form post redirected to, as the browser then asks for it (with the
    /// flash cookie the post set).
    pub async fn after_redirect(&self, headers: &HeaderMap, cookie: &str) -> (HeaderMap, String) {
        let location = headers[header::LOCATION].to_str().unwrap().to_owned();
        let flash = set_cookie(headers, "sp_flash").expect("a flash cookie");
        let path = location.split('#').next().unwrap();
        let (status, headers, page) = self
            .send(
                Request::get(path)
                    .header(header::COOKIE, format!("{cookie}; {flash}"))
                    .header(header::ACCEPT, "text/html")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        (headers, page)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(folder) = &self.folder {
            // Best effort: a test that failed keeps its database for a look.
            if !std::thread::panicking() {
                let _ = std::fs::remove_dir_all(folder);
            }
        }
    }
}

impl TestAppBuilder {
    /// Serves the site under `path` (`/kb`), as `--base-path` does.
    pub fn base_path(mut self, path: &str) -> Self {
        self.base_path = path.to_owned();
        self
    }

    /// Renders every page anew: no render cache.
    pub fn without_render_cache(mut self) -> Self {
        self.render_cache = false;
        self
    }

    /// Serves static files from `folder` instead of the release build's `target/site`.
    pub fn site_folder(mut self, folder: PathBuf) -> Self {
        self.site_folder = Some(folder);
        self
    }

    /// On the PostgreSQL database at `url` instead of a fresh SQLite file; seeded by
    /// whichever app starts first on it, as on a real deployment.
    pub fn database_url(mut self, url: &str) -> Self {
        self.database_url = Some(url.to_owned());
        self
    }

    /// Serves `other`'s state (its database and limiter): a second router over one server's
    /// state, to compare what two configurations answer.
    pub fn beside(mut self, other: &TestApp) -> Self {
        self.state = Some(other.state.clone());
        self
    }

    /// Opens the database (seeding it from the shipped content as `main` does) and builds
    /// the router.
    pub async fn build(self) -> TestApp {
        let (state, folder) = match (self.state, &self.database_url) {
            (Some(state), _) => (state, None),
            (None, Some(url)) => (open_state(Some(url), Path::new("unused")).await, None),
            (None, None) => {
                let folder = fresh_folder();
                (open_state(None, &folder).await, Some(folder))
            }
        };
        let site = SiteConfig {
            base_path: self.base_path,
            embed_origins: vec![PORTAL.into()],
            api_origins: vec![PORTAL.into()],
            ..SiteConfig::default()
        };
        let site = if self.render_cache {
            site
        } else {
            SiteConfig {
                render_cache_bytes: 0,
                ..site
            }
        };
        let mut options = options();
        if let Some(folder) = self.site_folder {
            options.site_root = folder.to_string_lossy().into_owned().into();
        }
        let router = {
            let _building = ROUTER_BUILDS.write().await;
            server::http::router::app(state.clone(), AccessConfig::default(), site, options)
        };
        TestApp {
            state,
            router,
            folder,
        }
    }
}

/// The state `main` builds on the database at `url` (SQLite in `folder` without one),
/// seeded from the shipped content, with rate limits on.
async fn open_state(url: Option<&str>, folder: &Path) -> AppState {
    let store = server::store::open(url, folder)
        .await
        .expect("the store opens");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    server::content::sync::open_state(store, &content, true)
        .await
        .expect("the shipped content is valid")
}

/// An empty folder of its own in the system's temporary folder.
fn fresh_folder() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let folder = std::env::temp_dir().join(format!(
        "skills-test-app-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    // Left by an earlier run whose process had the same id.
    let _ = std::fs::remove_dir_all(&folder);
    folder
}

/// The Leptos settings of the tests' routers: the site folder a release build writes.
pub fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("skill-profiles")
        .site_root(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/site")
                .to_string_lossy()
                .into_owned(),
        )
        .build()
}

/// A same-origin form post from `ip`, with `cookie` if given.
pub fn form_post(path: &str, body: &str, ip: [u8; 4], cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request
        .body(Body::from(body.to_owned()))
        .expect("a request");
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            ip, 40_000,
        ))));
    request
}

/// A same-origin JSON server-function call with `cookie`, asking for JSON.
pub fn json_call(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request
        .body(Body::from(body.to_owned()))
        .expect("a request")
}

/// A same-origin url-encoded server-function call with `cookie`, asking for JSON.
pub fn form_call(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_owned()))
        .expect("a request")
}

/// A browser's form post (`Accept: text/html`, url-encoded) to `path` as `cookie`.
pub fn page_form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request
        .body(Body::from(body.to_owned()))
        .expect("a request")
}

/// The `name=value` of the response's `Set-Cookie` for `name`.
pub fn set_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}
