//! The installable app: manifest, worker, and pages that say who is signed in kept out of
//! every cache.

use crate::common::test_app::TestApp;
use crate::util::{reader, run, SEED};
use axum::http::{header, StatusCode};

#[test]
fn every_page_links_the_manifest_and_the_manifest_and_worker_are_served() {
    run(async {
        let app = reader();
        let (_, _, html) = app.get(&format!("/skills/{SEED}")).await;
        assert!(
            html.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#),
            "{html}"
        );
        let (status, headers, manifest) = app.get("/manifest.webmanifest").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/manifest+json");
        assert!(manifest.contains(r#""display":"standalone""#));
        let (status, headers, worker) = app.get("/sw.js").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
        assert!(worker.contains("const PRECACHE"));
        assert!(
            worker.contains(r#""/offline.js""#),
            "the worker keeps the page script"
        );
        let (status, headers, script) = app.get("/offline.js").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        assert!(script.contains(r#""drafts":["skill-profiles.drafts",1]"#));
        let (_, headers, _) = app.get("/").await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("worker-src 'self'"), "{csp}");
    })
}

#[test]
fn a_signed_in_readers_pages_are_never_stored() {
    run(async {
        let app = TestApp::new().await;
        let cookie = app.sign_up("ada-offline", [10, 7, 0, 1]).await;
        let (_, headers, _) = app
            .get_with_cookie(&format!("/skills/{SEED}"), &cookie)
            .await;
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
        let (_, headers, _) = app.get(&format!("/skills/{SEED}")).await;
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    })
}
