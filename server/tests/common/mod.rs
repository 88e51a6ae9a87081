//! What the tests that start whole servers share: a server as `main` builds it on a given
//! database, a signed-in session, and calls through its router.
#![allow(dead_code, reason = "each test file uses its own part")]

use app::api::limits::RateLimiter;
use app::api::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::config::{AccessConfig, SiteConfig};
use sha2::{Digest, Sha256};
use std::path::Path;
use tower::ServiceExt;

/// One server as `main` starts it: its own connection pool, what is published read from the
/// database (seeded from the shipped content by whichever starts first), its router.
pub async fn server(url: &str) -> (AppState, Router) {
    let store = server::store::open(Some(url), Path::new("unused"))
        .await
        .expect("PostgreSQL opens");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    server::revisions::seed(store.as_ref(), &content)
        .await
        .expect("the shipped content is valid");
    let published = server::revisions::published(store.as_ref())
        .await
        .expect("what was seeded is published");
    let state = AppState::new(
        published.catalog,
        published.revisions,
        store,
        RateLimiter::new(false),
        server::content::to_toml,
    );
    let options = LeptosOptions::builder()
        .output_name("skill-profiles")
        .site_root(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/site")
                .to_string_lossy()
                .into_owned(),
        )
        .build();
    let router = server::routes::app(
        state.clone(),
        AccessConfig::default(),
        SiteConfig::default(),
        options,
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
    let request = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
