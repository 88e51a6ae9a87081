//! A database outage while the server runs (a real PostgreSQL of its own, stopped and started
//! again by `scripts/postgres.sh`): signed-in readers are told the service is briefly
//! unavailable — never that they are signed out — anonymous readers still read, and
//! everything works again once the database is back, without a restart.
#![recursion_limit = "256"]

mod common;

use axum::http::StatusCode;
use common::{get, post, server, session};
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
    let dir = tempdir();
    let port = (54_400 + std::process::id() % 500).to_string();
    let url = postgres(&["start", &dir, &port]);
    let (state, router) = server(&url).await;
    let cookie = session(&state, "outage-reader", false).await;
    let skill = "/skills/replication-high-availability";
    let (status, html) = get(&router, skill, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("outage-reader"));

    postgres(&["stop", &dir]);
    let (status, html) = get(&router, skill, Some(&cookie)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("briefly unavailable"), "{html}");
    assert!(!html.contains("Sign in") && !html.contains("signed out"));
    let submission = serde_json::json!({"submission": {
        "slug": "replication-high-availability", "base_revision": 1,
        "edits": [{"level": "junior", "role": "dba", "text": "Reads the replication lag.", "required": true}],
        "rationale": "During an outage.", "idempotency_key": "key-outage-000000001",
    }});
    let (status, answer) = post(&router, "/api/submit-proposal", submission.clone(), &cookie).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
    assert!(answer.contains(r#""error":"Unavailable""#), "{answer}");
    assert!(!answer.contains("SignInRequired"));
    // Published skills are served from memory: readers who are not signed in still read.
    let (status, html) = get(&router, skill, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Replication &amp; High Availability"));

    postgres(&["start", &dir, &port]);
    let (status, html) = get(&router, skill, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "the pool reconnects by itself");
    assert!(html.contains("outage-reader"));
    let (status, answer) = post(&router, "/api/submit-proposal", submission, &cookie).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("Accepted"), "{answer}");
    postgres(&["stop", &dir]);
}

/// A fresh folder the `postgres` user can reach (see scripts/postgres.sh).
fn tempdir() -> String {
    let out = Command::new("mktemp").arg("-d").output().expect("mktemp");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}
