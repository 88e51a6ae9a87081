//! Webhooks end to end, on SQLite and on PostgreSQL (`TEST_DATABASE_URL`; that half passes
//! without running, saying so, when it is not set): events kept in the transaction of the
//! change through the real router, delivered by the real worker over HTTP to a receiver on
//! 127.0.0.1 that records every request and checks its signature the way a portal would.
#![recursion_limit = "256"]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

mod common;

use app::api::ssr::store::{
    no_events, unix_now, Decision, NewProposal, NewWebhook, OutboxEvent, Store,
};
use app::model::{EventKind, ProposedCell, SiteLinks};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use common::test_app::TestApp;
use hmac::{Hmac, Mac};
use server::webhooks::worker::{Worker, WorkerConfig};
use server::webhooks::{admin, new_secret};
use sha2::Sha256;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SKILL: &str = "observability";

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
    at: Instant,
}

impl Received {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// A portal's endpoint: records every request, answers 500 to the first `fail_first`.
#[derive(Clone)]
struct Receiver {
    received: Arc<Mutex<Vec<Received>>>,
    fail_first: Arc<AtomicUsize>,
    url: String,
}

impl Receiver {
    /// Listening on 127.0.0.1 at a port of its own, at `/hook`.
    async fn start(fail_first: usize) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Self {
            received: Arc::default(),
            fail_first: Arc::new(AtomicUsize::new(fail_first)),
            url: format!("http://{}/hook", listener.local_addr().unwrap()),
        };
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        receiver
    }

    fn all(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `count` requests came (at most `within`); all of them.
    async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let until = Instant::now() + within;
        while self.all().len() < count {
            assert!(
                Instant::now() < until,
                "{count} requests expected within {within:?}, got {}",
                self.all().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.all()
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    receiver.received.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body,
        at: Instant::now(),
    });
    let failing = receiver
        .fail_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    }
}

/// What a receiver does with a delivery: the HMAC-SHA256 of `id.timestamp.body`, keyed with
/// the secret's base64-decoded bytes, must be one of the `v1,` signatures.
fn verifies(secret: &str, received: &Received) -> bool {
    let key = BASE64
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()));
    received.signature.split(' ').any(|one| one == expected)
}

/// The worker as the tests run it: 1 s backoff without jitter, quick polls, loopback allowed
/// (the receiver is on 127.0.0.1).
fn quick() -> WorkerConfig {
    WorkerConfig {
        base_delay: Duration::from_secs(1),
        jitter: 0.0,
        poll: Duration::from_millis(50),
        timeout: Duration::from_secs(5),
        allow_private: true,
        ..WorkerConfig::default()
    }
}

/// Runs a worker over `store` until the handle is dropped or aborted.
fn start_worker(store: &Arc<dyn Store>, config: WorkerConfig) -> tokio::task::JoinHandle<()> {
    tokio::spawn(Worker::new(store.clone(), config).unwrap().run())
}

/// One database that several stores (servers) can open.
enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    fn sqlite(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "skills-webhooks-{}-{name}-{}",
            std::process::id(),
            unix_now()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        Self::Sqlite(dir)
    }

    async fn postgres(name: &str) -> Option<Self> {
        Some(Self::Postgres(common::fresh_database(name).await?))
    }

    /// A store on the database, as one server opens it.
    async fn open(&self) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(dir) => server::store::open(None, dir).await.unwrap(),
            Self::Postgres(url) => server::store::open(Some(url), Path::new("unused"))
                .await
                .unwrap(),
        }
    }

    /// A store on the database with the shipped content published.
    async fn seeded(&self) -> Arc<dyn Store> {
        let store = self.open().await;
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        server::content::sync::seed(store.as_ref(), &content)
            .await
            .unwrap();
        store
    }

    /// A whole server on the database: the real router over a seeded store.
    async fn app(&self) -> TestApp {
        match self {
            Self::Sqlite(_) => TestApp::new().await,
            Self::Postgres(url) => TestApp::builder().database_url(url).build().await,
        }
    }
}

/// Writes `#[tokio::test]`s `on_sqlite::<test>` and `on_postgres::<test>`.
macro_rules! on_both {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::Db::sqlite(stringify!($test))).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let Some(db) = super::Db::postgres(stringify!($test)).await else {
                        return;
                    };
                    super::$test(db).await;
                }
            )*
        }
    };
}

on_both!(
    an_accepted_proposal_keeps_one_revision_and_one_decision_delivery_in_its_transaction,
    each_event_of_a_proposal_reaches_the_receiver_signed_with_the_webhooks_secret,
    a_delivery_the_receiver_fails_twice_is_delivered_by_the_third_attempt,
    deliveries_left_by_a_stopped_or_killed_worker_are_sent_after_a_restart,
    two_workers_on_one_database_send_each_delivery_exactly_once,
    a_delivery_still_failing_when_its_time_is_up_is_given_up,
    an_import_tells_of_each_revision_it_publishes,
    a_rejection_and_a_withdrawal_each_keep_one_decision,
);

/// Registers `url` for `events` straight in the store (the address unchecked, as a target
/// whose DNS changed after it was added would be); its secret.
async fn register(store: &Arc<dyn Store>, url: &str, events: &[EventKind]) -> String {
    let secret = new_secret().unwrap();
    store
        .add_webhook(&NewWebhook {
            url: url.into(),
            secret: secret.clone(),
            events: events.to_vec(),
            created_at: unix_now(),
        })
        .await
        .unwrap();
    secret
}

/// Keeps `count` events (`proposal.decided`, bodies `{"n": i}`) in one transaction: a
/// proposal of a new user rejected with them.
async fn queue(store: &Arc<dyn Store>, count: usize) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!("queue-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let author = store.create_user(&name, None, 1).await.unwrap().id;
    let proposal = NewProposal {
        slug: SKILL.into(),
        base_revision: 1,
        author_id: author,
        idempotency_key: format!("key-{}", new_secret().unwrap()),
        rationale: "Queued.".into(),
        cells: vec![ProposedCell {
            level: "junior".into(),
            role: "backend-engineer".into(),
            text: "Queued.".into(),
            required: true,
        }],
        created_at: unix_now(),
    };
    let (id, _) = store.submit_proposal(&proposal, &no_events).await.unwrap();
    let events: Vec<OutboxEvent> = (0..count)
        .map(|n| OutboxEvent {
            kind: EventKind::ProposalDecided,
            payload: format!(r#"{{"n":{n}}}"#),
        })
        .collect();
    let reject = Decision::Reject {
        note: "Queued.".into(),
    };
    store
        .decide(id, author, &reject, &events, unix_now())
        .await
        .unwrap();
}

async fn an_accepted_proposal_keeps_one_revision_and_one_decision_delivery_in_its_transaction(
    db: Db,
) {
    let app = db.app().await;
    let store = app.store().clone();
    register(
        &store,
        "https://portal.example.com/hooks",
        &[EventKind::RevisionPublished, EventKind::ProposalDecided],
    )
    .await;
    let member = app.session("member-webhook", false).await;
    let boss = app.session("reviewer-webhook", true).await;
    let wanted = "Reads the golden signals and explains a latency spike.";
    let id = app
        .propose(
            &member,
            SKILL,
            1,
            "junior",
            "backend-engineer",
            wanted,
            "key-webhook-0000001",
        )
        .await;
    assert!(
        store.deliveries(None, 10).await.unwrap().is_empty(),
        "proposal.opened is not subscribed to"
    );
    let (status, answer) = app.accept(&boss, SKILL, id, 1, serde_json::json!([])).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let deliveries = store.deliveries(None, 10).await.unwrap();
    let events: Vec<&str> = deliveries.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(
        events,
        ["proposal.decided", "revision.published"],
        "newest first"
    );
    assert!(deliveries
        .iter()
        .all(|d| d.attempts == 0 && d.delivered_at.is_none()));
    // Nothing is sent (no worker runs): the bodies are read as a worker claims them.
    let payloads = payloads_of(&store).await;
    let published = &payloads["revision.published"];
    assert_eq!(published["data"]["skill"]["slug"], SKILL);
    assert_eq!(published["data"]["revision"], 2);
    assert_eq!(published["data"]["proposal_id"], id);
    assert_eq!(published["data"]["author"], "member-webhook");
    let changes = published["data"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["role"], "backend-engineer");
    assert_eq!(changes[0]["level"], "junior");
    assert_eq!(changes[0]["after"], wanted);
    assert_eq!(changes[0]["required_after"], true);
    assert!(changes[0]["before"].is_string());
    // Without SKILLS_PUBLIC_URL, links are paths.
    assert_eq!(
        published["data"]["links"]["changes"],
        format!("/skills/{SKILL}/history/compare?from=1&to=2")
    );
    let decided = &payloads["proposal.decided"];
    assert_eq!(decided["data"]["proposal"]["status"], "accepted");
    assert_eq!(
        decided["data"]["proposal"]["decided_by"],
        "reviewer-webhook"
    );
    assert_eq!(decided["data"]["proposal"]["revision"], 2);

    // A second decision is refused and keeps no event.
    let (_, answer) = app.accept(&boss, SKILL, id, 2, serde_json::json!([])).await;
    assert!(answer.get("Refused").is_some(), "{answer}");
    assert_eq!(store.deliveries(None, 10).await.unwrap().len(), 2);
}

/// The body of the newest delivery of each event, as a worker claims and would send it.
async fn payloads_of(
    store: &Arc<dyn Store>,
) -> std::collections::HashMap<String, serde_json::Value> {
    let claimed = store
        .claim_deliveries(unix_now(), unix_now() + 60, 100)
        .await
        .unwrap();
    claimed
        .into_iter()
        .map(|d| (d.event, serde_json::from_str(&d.payload).unwrap()))
        .collect()
}

async fn each_event_of_a_proposal_reaches_the_receiver_signed_with_the_webhooks_secret(db: Db) {
    let app = db.app().await;
    let store = app.store().clone();
    let receiver = Receiver::start(0).await;
    // As `server webhook add` registers it (loopback allowed, as the tests' receiver needs).
    let target = server::webhooks::targets::Target::parse(&receiver.url).unwrap();
    let refused = admin::add(store.as_ref(), &target, &EventKind::ALL, false).await;
    assert!(
        refused.unwrap_err().contains("loopback"),
        "refused unless allowed"
    );
    let added = admin::add(store.as_ref(), &target, &EventKind::ALL, true)
        .await
        .unwrap();
    let secret = added
        .lines()
        .find_map(|line| line.strip_prefix("secret:"))
        .unwrap()
        .trim()
        .to_owned();
    let listed = admin::list(store.as_ref()).await.unwrap();
    assert!(listed.contains(&receiver.url), "{listed}");
    assert!(!listed.contains(&secret), "the list never shows the secret");

    let member = app.session("member-signed", false).await;
    let boss = app.session("reviewer-signed", true).await;
    let worker = start_worker(&store, quick());
    let id = app
        .propose(
            &member,
            SKILL,
            1,
            "junior",
            "data-engineer",
            "Signed.",
            "key-signed-000000001",
        )
        .await;
    // The same key again stores nothing new and tells nobody again.
    let again = app
        .propose(
            &member,
            SKILL,
            1,
            "junior",
            "data-engineer",
            "Signed.",
            "key-signed-000000001",
        )
        .await;
    assert_eq!(again, id);
    let (status, _) = app.accept(&boss, SKILL, id, 1, serde_json::json!([])).await;
    assert_eq!(status, StatusCode::OK);

    let received = receiver.wait_for(3, Duration::from_secs(20)).await;
    wait_delivered(&store, 3).await;
    worker.abort();
    let kinds: Vec<String> = received
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["proposal.decided", "proposal.opened", "revision.published"]
    );
    for one in &received {
        assert!(verifies(&secret, one), "signature of {one:?}");
        assert!(
            !verifies(&new_secret().unwrap(), one),
            "another secret does not verify"
        );
        let age = unix_now() - one.timestamp.parse::<i64>().unwrap();
        assert!((0..30).contains(&age), "a fresh timestamp");
    }
    let opened = received
        .iter()
        .find(|r| r.json()["type"] == "proposal.opened")
        .unwrap();
    assert_eq!(opened.json()["data"]["proposal"]["id"], id);
    assert_eq!(opened.json()["data"]["proposal"]["author"], "member-signed");
    // Once more, in case a repeat were on its way.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.all().len(), 3);
    let shown = admin::deliveries(store.as_ref(), None).await.unwrap();
    assert_eq!(shown.matches("delivered ").count(), 3, "{shown}");
    assert!(!shown.contains(&secret));
}

async fn a_delivery_the_receiver_fails_twice_is_delivered_by_the_third_attempt(db: Db) {
    let store = db.seeded().await;
    let receiver = Receiver::start(2).await;
    let secret = register(&store, &receiver.url, &EventKind::ALL).await;
    queue(&store, 1).await;
    let worker = start_worker(&store, quick());
    let received = receiver.wait_for(3, Duration::from_secs(20)).await;
    let delivery = wait_delivered(&store, 1).await.remove(0);
    worker.abort();
    assert_eq!(received.len(), 3);
    assert!(
        received.iter().all(|r| r.id == received[0].id),
        "one id on every attempt"
    );
    assert!(received.iter().all(|r| verifies(&secret, r)));
    // At least 1 s after the first failure, then at least 2 s after the second.
    let first_wait = received[1].at - received[0].at;
    let second_wait = received[2].at - received[1].at;
    assert!(first_wait >= Duration::from_secs(1), "{first_wait:?}");
    assert!(second_wait >= Duration::from_secs(2), "{second_wait:?}");
    assert_eq!(delivery.attempts, 3);
    assert_eq!(delivery.last_status, Some(204));
    assert_eq!(delivery.last_error, None);
}

/// Waits until `count` deliveries are delivered (at most 10 s); every delivery, newest first.
async fn wait_delivered(
    store: &Arc<dyn Store>,
    count: usize,
) -> Vec<app::api::ssr::store::Delivery> {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let all = store.deliveries(None, 10_000).await.unwrap();
        if all.iter().filter(|d| d.delivered_at.is_some()).count() >= count {
            return all;
        }
        assert!(Instant::now() < until, "{all:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn deliveries_left_by_a_stopped_or_killed_worker_are_sent_after_a_restart(db: Db) {
    let store = db.seeded().await;
    let receiver = Receiver::start(0).await;
    register(&store, &receiver.url, &EventKind::ALL).await;
    queue(&store, 2).await;
    // One server claims one of them, sends nothing and dies: its claim holds the row for
    // its lease (1 s).
    let claimed = store
        .claim_deliveries(unix_now(), unix_now() + 1, 1)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    drop(store);
    // The restarted server: a new store and worker on the same database.
    let restarted = db.open().await;
    let worker = start_worker(&restarted, quick());
    let received = receiver.wait_for(2, Duration::from_secs(15)).await;
    let delivered = wait_delivered(&restarted, 2).await;
    worker.abort();
    let mut ids: Vec<&str> = received.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2, "both, once each: {received:?}");
    let retried = delivered.iter().find(|d| d.id == claimed[0].id).unwrap();
    assert_eq!(
        retried.attempts, 2,
        "the dead server's claim counted as an attempt"
    );
}

async fn two_workers_on_one_database_send_each_delivery_exactly_once(db: Db) {
    const DELIVERIES: usize = 200;
    let first = db.seeded().await;
    let second = db.open().await;
    let receiver = Receiver::start(0).await;
    register(&first, &receiver.url, &EventKind::ALL).await;
    queue(&first, DELIVERIES).await;
    let batch = WorkerConfig {
        batch: 8,
        ..quick()
    };
    let workers = [
        start_worker(&first, batch.clone()),
        start_worker(&second, batch),
    ];
    let received = receiver.wait_for(DELIVERIES, Duration::from_secs(60)).await;
    wait_delivered(&first, DELIVERIES).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for worker in workers {
        worker.abort();
    }
    let received = if receiver.all().len() > received.len() {
        receiver.all()
    } else {
        received
    };
    let mut ids: Vec<&str> = received.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), DELIVERIES);
    assert_eq!(received.len(), DELIVERIES, "no delivery was sent twice");
}

async fn a_delivery_still_failing_when_its_time_is_up_is_given_up(db: Db) {
    let store = db.seeded().await;
    let receiver = Receiver::start(usize::MAX).await;
    register(&store, &receiver.url, &EventKind::ALL).await;
    queue(&store, 1).await;
    let config = WorkerConfig {
        give_up_after: Duration::ZERO,
        ..quick()
    };
    let worker = start_worker(&store, config);
    receiver.wait_for(1, Duration::from_secs(10)).await;
    let until = Instant::now() + Duration::from_secs(10);
    let delivery = loop {
        let delivery = store.deliveries(None, 1).await.unwrap().remove(0);
        if delivery.failed_at.is_some() {
            break delivery;
        }
        assert!(Instant::now() < until, "{delivery:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    worker.abort();
    assert_eq!(receiver.all().len(), 1, "never tried again");
    assert_eq!(delivery.last_status, Some(500));
    assert_eq!(delivery.last_error.as_deref(), Some("answered 500"));
    let shown = admin::deliveries(store.as_ref(), None).await.unwrap();
    assert!(shown.contains("given up"), "{shown}");
}

async fn an_import_tells_of_each_revision_it_publishes(db: Db) {
    let store = db.seeded().await;
    register(
        &store,
        "https://portal.example.com/hooks",
        &[EventKind::RevisionPublished],
    )
    .await;
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let dir = std::env::temp_dir().join(format!(
        "skills-webhooks-import-{}-{}",
        std::process::id(),
        unix_now()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("{SKILL}.toml");
    let source = std::fs::read_to_string(content.join(&name)).unwrap();
    let changed = source.replacen("text = \"", "text = \"Edited by an import. ", 1);
    std::fs::write(dir.join(&name), changed).unwrap();
    let links = SiteLinks::new(Some("https://skills.example.com".into()), "/kb".into());
    let (added, _) = server::content::sync::import(store.as_ref(), &dir, &links)
        .await
        .unwrap();
    assert_eq!(added, 1);
    let payloads = payloads_of(&store).await;
    let published = &payloads["revision.published"];
    assert_eq!(published["data"]["revision"], 2);
    assert_eq!(published["data"]["proposal_id"], serde_json::Value::Null);
    assert_eq!(published["data"]["changes"].as_array().unwrap().len(), 1);
    assert_eq!(
        published["data"]["links"]["skill"],
        format!("https://skills.example.com/kb/skills/{SKILL}")
    );
    let _ = std::fs::remove_dir_all(dir);
}

async fn a_rejection_and_a_withdrawal_each_keep_one_decision(db: Db) {
    let app = db.app().await;
    let store = app.store().clone();
    register(
        &store,
        "https://portal.example.com/hooks",
        &[EventKind::ProposalDecided],
    )
    .await;
    let member = app.session("member-decided", false).await;
    let boss = app.session("reviewer-decided", true).await;
    let rejected = app
        .propose(
            &member,
            SKILL,
            1,
            "junior",
            "data-engineer",
            "No.",
            "key-decided-0000001",
        )
        .await;
    let withdrawn = app
        .propose(
            &member,
            SKILL,
            1,
            "lead",
            "data-engineer",
            "Mine.",
            "key-decided-0000002",
        )
        .await;
    let answer = app.reject(&boss, SKILL, rejected, "Not+yet.").await;
    assert!(answer.contains("Done"), "{answer}");
    let body = format!("slug={SKILL}&id={withdrawn}");
    let (status, _, answer) = app
        .send(common::test_app::form_call("/api/withdraw", &body, &member))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // Refused a second time: no second event.
    app.send(common::test_app::form_call("/api/withdraw", &body, &member))
        .await;
    let mut claimed = store
        .claim_deliveries(unix_now(), unix_now() + 60, 10)
        .await
        .unwrap();
    claimed.sort_by_key(|d| d.id);
    let proposals: Vec<serde_json::Value> = claimed
        .iter()
        .map(|d| {
            serde_json::from_str::<serde_json::Value>(&d.payload).unwrap()["data"]["proposal"]
                .clone()
        })
        .collect();
    assert_eq!(proposals.len(), 2, "{proposals:?}");
    assert_eq!(
        (
            &proposals[0]["id"],
            &proposals[0]["status"],
            &proposals[0]["note"]
        ),
        (&rejected.into(), &"rejected".into(), &"Not yet.".into())
    );
    assert_eq!(
        (
            &proposals[1]["id"],
            &proposals[1]["status"],
            &proposals[1]["decided_by"]
        ),
        (
            &withdrawn.into(),
            &"withdrawn".into(),
            &"member-decided".into()
        )
    );
}

/// Deliveries per second one worker drains to a local receiver: `scripts/bench-webhooks.sh`
/// runs it (release build), on SQLite and, with `TEST_DATABASE_URL`, PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: scripts/bench-webhooks.sh runs it"]
async fn bench_deliveries_per_second() {
    let count: usize = std::env::var("BENCH_DELIVERIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let mut databases = vec![("sqlite", Db::sqlite("bench"))];
    if let Some(db) = Db::postgres("bench").await {
        databases.push(("postgres", db));
    }
    for (name, db) in databases {
        let store = db.seeded().await;
        let receiver = Receiver::start(0).await;
        register(&store, &receiver.url, &EventKind::ALL).await;
        let queued = Instant::now();
        queue(&store, count).await;
        let queueing = queued.elapsed();
        let worker = Worker::new(store.clone(), quick()).unwrap();
        let started = Instant::now();
        let mut claimed = 0;
        while claimed < count {
            claimed += worker.run_once().await.unwrap();
        }
        let draining = started.elapsed();
        assert_eq!(receiver.all().len(), count);
        wait_delivered(&store, count).await;
        println!(
            "bench-webhooks {name}: {count} deliveries queued in {:.0} ms (one transaction), \
             drained by one worker (batch {}) in {:.2} s: {:.0} deliveries/s",
            queueing.as_secs_f64() * 1e3,
            quick().batch,
            draining.as_secs_f64(),
            count as f64 / draining.as_secs_f64()
        );
    }
}

/// The address checks: refused when added and again when delivered, unless allowed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_and_private_targets_are_refused_when_added_and_when_delivered_unless_allowed() {
    use server::webhooks::targets::{Target, TargetError};
    let db = Db::sqlite("refused");
    let store = db.seeded().await;
    for text in [
        "http://127.0.0.1:9/",
        "http://10.0.0.1",
        "http://[::1]/",
        "http://localhost:9/",
    ] {
        let target = Target::parse(text).unwrap();
        let refused = admin::add(store.as_ref(), &target, &EventKind::ALL, false).await;
        assert!(
            refused
                .unwrap_err()
                .contains("SKILLS_WEBHOOK_ALLOW_PRIVATE"),
            "{text}"
        );
        assert!(target.addresses(true).await.is_ok(), "{text} allowed");
    }
    assert!(matches!(
        Target::parse("ftp://example.com/"),
        Err(TargetError::Scheme(_))
    ));
    assert!(store.webhooks().await.unwrap().is_empty());

    // Registered while allowed (or before its DNS changed): a worker that does not allow
    // private addresses refuses at delivery, by IP and by name, and sends nothing.
    let receiver = Receiver::start(0).await;
    register(&store, &receiver.url, &EventKind::ALL).await;
    let by_name = receiver.url.replace("127.0.0.1", "localhost");
    register(&store, &by_name, &EventKind::ALL).await;
    queue(&store, 1).await;
    let strict = WorkerConfig {
        allow_private: false,
        ..quick()
    };
    let worker = start_worker(&store, strict);
    let until = Instant::now() + Duration::from_secs(10);
    let failed = loop {
        let all = store.deliveries(None, 10).await.unwrap();
        if all.iter().all(|d| d.last_error.is_some()) {
            break all;
        }
        assert!(Instant::now() < until, "{all:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    worker.abort();
    assert_eq!(failed.len(), 2);
    for delivery in &failed {
        let error = delivery.last_error.as_deref().unwrap();
        assert!(error.contains("loopback"), "{error}");
        assert_eq!(delivery.last_status, None);
        assert!(
            delivery.next_attempt_at > unix_now() - 5,
            "tried again later"
        );
    }
    assert!(receiver.all().is_empty(), "nothing reached the receiver");
}
