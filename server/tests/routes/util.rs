//! What the router tests share beyond [`TestApp`]: the runtime they run on, the app the
//! tests that only read share, and ways to read a page.

use crate::common::test_app::TestApp;
use std::sync::LazyLock;

/// The profile most tests look at.
pub const SEED: &str = "replication-high-availability";

/// One multi-threaded runtime for every test, like the server's own: requests from
/// parallel tests are served concurrently by one pool, as in production, and the shared
/// app's database connections outlive the test that opened them.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a test runtime")
});

/// Runs `test` on [`RUNTIME`].
pub fn run<F: std::future::Future>(test: F) -> F::Output {
    RUNTIME.block_on(test)
}

/// The default app for tests that only read (never sign up, post, decide or count against
/// a limit): built once, on a thread of its own as the caller is already inside the runtime.
pub fn reader() -> &'static TestApp {
    static READER: LazyLock<TestApp> = LazyLock::new(|| {
        std::thread::spawn(|| RUNTIME.block_on(TestApp::new()))
            .join()
            .expect("the shared app builds")
    });
    &READER
}

/// `text` as HTML escapes it.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page without Leptos' hydration markers, for matching text.
pub fn text(html: &str) -> String {
    html.replace("<!>", "")
}

/// `body` as JSON; a failure shows it.
pub fn json_of(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {body}"))
}

/// The JSON body of a submission of one junior DBA cell of [`SEED`] on revision 1.
pub fn submission(key: &str, text: &str, rationale: &str) -> String {
    serde_json::json!({
        "submission": {
            "slug": SEED,
            "base_revision": 1,
            "edits": [{"level": "junior", "role": "dba", "text": text, "required": true}],
            "rationale": rationale,
            "idempotency_key": key,
        }
    })
    .to_string()
}
