//! What the tests that start whole servers share: a server as `main` builds it on a given
//! database, a signed-in session, and calls through its router.
#![allow(dead_code, reason = "each test file uses its own part")]

use app::api::ssr::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::{AccessConfig, SiteConfig};
use sha2::{Digest, Sha256};
use std::path::Path;
use tower::ServiceExt;

/// The URL of a fresh database on the test PostgreSQL server (`TEST_DATABASE_URL`), named
/// after `name`.
pub async fn fresh_database(name: &str) -> String {
    use sqlx::Connection;
    let url = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL must name a PostgreSQL server: scripts/test.sh starts one \
         (scripts/postgres.sh start DIR prints its URL)",
    );
    // PostgreSQL cuts names at 63 bytes: the unique part goes first, the test's name after.
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let unique = format!(
        "t{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let database: String = format!("{unique}_{name}").chars().take(63).collect();
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
    format!("{base}/{database}")
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

/// One server as `main` starts it: its own connection pool, what is published read from the
/// database (seeded from the shipped content by whichever starts first), its router.
pub async fn server(url: &str) -> (AppState, Router) {
    let store = server::store::open(Some(url), Path::new("unused"))
        .await
        .expect("PostgreSQL opens");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    // Seeded by whichever server starts first, as on a real deployment.
    let state = server::content::sync::open_state(store, &content, false)
        .await
        .expect("the shipped content is valid");
    let router = server::http::router::app(
        state.clone(),
        AccessConfig::default(),
        SiteConfig::default(),
        options(),
    );
    (state, router)
}

/// A signed-in session for a new user (a reviewer if asked), as its cookie.
pub async fn session(state: &AppState, name: &str, reviewer: bool) -> String {
    let store = &state.store;
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

pub async fn call(
    router: &Router,
    path: &str,
    body: serde_json::Value,
    cookie: &str,
) -> serde_json::Value {
    let (status, answer) = post(router, path, body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    serde_json::from_str(&answer).unwrap()
}

/// The JSON answer of the server function at `path` to the url-encoded `fields`, as
/// `cookie`.
pub async fn call_form(
    router: &Router,
    path: &str,
    fields: &[(&str, &str)],
    cookie: &str,
) -> serde_json::Value {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let (status, answer) = send_post(
        router,
        path,
        "application/x-www-form-urlencoded",
        body,
        cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    serde_json::from_str(&answer).unwrap()
}

/// The page at `uri` for a reader who is not signed in.
pub async fn page(router: &Router, uri: &str) -> String {
    let (status, html) = get(router, uri, None).await;
    assert_eq!(status, StatusCode::OK);
    html
}

/// Status and body of a GET of `uri` with `cookie`.
pub async fn get(router: &Router, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(uri).header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Status and body of a JSON server-function call with `cookie`.
pub async fn post(
    router: &Router,
    path: &str,
    body: serde_json::Value,
    cookie: &str,
) -> (StatusCode, String) {
    send_post(router, path, "application/json", body.to_string(), cookie).await
}

/// Status and body of a same-site POST of `body` (`content_type`) to `path` with `cookie`,
/// asking for JSON.
async fn send_post(
    router: &Router,
    path: &str,
    content_type: &str,
    body: String,
    cookie: &str,
) -> (StatusCode, String) {
    let request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
