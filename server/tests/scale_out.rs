//! Two servers on one PostgreSQL (`TEST_DATABASE_URL`, started by `scripts/test.sh`): a
//! revision one of them publishes is served by the other within moments, from its render
//! cache's next fill, because PostgreSQL signals it (the fallback poll is set to an hour
//! here, with or without signals, so nothing else could bring it in time).
#![recursion_limit = "256"]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

mod common;

use common::test_app::TestApp;
use std::time::Duration;

const SKILL: &str = "observability";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revision_accepted_on_one_server_is_served_by_the_other_without_waiting_for_a_poll() {
    let Some(url) = common::fresh_database("scale_out").await else {
        return;
    };
    // Two servers as `main` starts them, each with its own connection pool.
    let first = TestApp::builder().database_url(&url).build().await;
    let second = TestApp::builder().database_url(&url).build().await;
    let hour = Duration::from_secs(3600);
    tokio::spawn(server::content::sync::follow_polling(
        second.state().clone(),
        hour,
        hour,
    ));
    let wanted = "Explains a latency spike from the golden signals in plain words.";
    let path = format!("/skills/{SKILL}");
    // Both servers' readers have the page in their render caches.
    for app in [&first, &second, &first, &second] {
        assert!(!app.page(&path).await.contains(wanted));
    }
    // Let the second server's listener start (it catches up on start anyway).
    tokio::time::sleep(Duration::from_millis(200)).await;

    let member = first.session("member", false).await;
    let boss = first.session("boss", true).await;
    let submitted = first.call_json(
        "/api/submit-proposal",
        &serde_json::json!({"submission": {
            "slug": SKILL, "base_revision": 1,
            "edits": [{"level": "junior", "role": "backend-engineer", "text": wanted, "required": true}],
            "rationale": "Two servers, one database.", "idempotency_key": "key-scale-out-0001",
        }}),
        &member,
    )
    .await;
    let id = submitted["Accepted"]["id"].as_i64().expect("an id");
    let id_text = id.to_string();
    let decided = first
        .call_form(
            "/api/accept",
            &[
                ("slug", SKILL),
                ("id", &id_text),
                ("published_revision", "1"),
            ],
            &boss,
        )
        .await;
    assert_eq!(decided, serde_json::json!({"Done": {"revision": 2}}));

    // The server that published it: at once.
    assert!(first.page(&path).await.contains(wanted));
    // The other: as soon as PostgreSQL's signal arrives (the test gives up after 30 s; the
    // poll would take an hour).
    let mut waited = Duration::ZERO;
    while !second.page(&path).await.contains(wanted) {
        assert!(
            waited < Duration::from_secs(30),
            "the second server never heard of revision 2"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(second.state().revision_of(SKILL), 2);
    println!(
        "the second server served revision 2 after {} ms",
        waited.as_millis()
    );
}
