//! A database outage while the server runs (a real PostgreSQL of its own, stopped and started
//! again by `scripts/postgres.sh`): signed-in readers are told the service is briefly
//! unavailable — never that they are signed out — anonymous readers still read, and
//! everything works again once the database is back, without a restart.
#![recursion_limit = "256"]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

mod common;

use axum::http::StatusCode;
use common::test_app::{json_call, TestApp};
use std::path::Path;
use std::process::Command;

/// `scripts/postgres.sh ARGS…`; its standard output.
fn postgres(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres.sh");
    let out = Command::new(script)
        .args(args)
        .output()
        .expect("postgres.sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_the_database_is_down_signed_in_readers_are_told_to_wait_not_to_sign_in() {
    // The PostgreSQL half: it starts a server of its own, but only where one is expected.
    if common::postgres_url().is_none() {
        return;
    }
    let dir = tempdir();
    let port = (54_400 + std::process::id() % 500).to_string();
    let url = postgres(&["start", &dir, &port]);
    let app = TestApp::builder().database_url(&url).build().await;
    let cookie = app.session("outage-reader", false).await;
    let skill = "/skills/replication-high-availability";
    let (status, _, html) = app.get_with_cookie(skill, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("outage-reader"));

    postgres(&["stop", &dir]);
    let (status, _, html) = app.get_with_cookie(skill, &cookie).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("briefly unavailable"), "{html}");
    assert!(!html.contains("Sign in") && !html.contains("signed out"));
    let submission = serde_json::json!({"submission": {
        "slug": "replication-high-availability", "base_revision": 1,
        "edits": [{"level": "junior", "role": "dba", "text": "Reads the replication lag.", "required": true}],
        "rationale": "During an outage.", "idempotency_key": "key-outage-000000001",
    }});
    let submit = || {
        json_call(
            "/api/submit-proposal",
            &submission.to_string(),
            Some(&cookie),
        )
    };
    let (status, _, answer) = app.send(submit()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
    assert!(answer.contains(r#""error":"Unavailable""#), "{answer}");
    assert!(!answer.contains("SignInRequired"));
    // Published skills are served from memory: readers who are not signed in still read.
    let (status, _, html) = app.get(skill).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Replication &amp; High Availability"));

    postgres(&["start", &dir, &port]);
    let (status, _, html) = app.get_with_cookie(skill, &cookie).await;
    assert_eq!(status, StatusCode::OK, "the pool reconnects by itself");
    assert!(html.contains("outage-reader"));
    let (status, _, answer) = app.send(submit()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("Accepted"), "{answer}");
    postgres(&["stop", &dir]);
}

/// A fresh folder the `postgres` user can reach (see scripts/postgres.sh).
fn tempdir() -> String {
    let out = Command::new("mktemp").arg("-d").output().expect("mktemp");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}
