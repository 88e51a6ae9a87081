//! Caching: ETags and 304s, the render cache (same bytes, never for a signed-in reader)
//! and static files served as the build compressed them.

use crate::common::test_app::TestApp;
use crate::util::{reader, run, SEED};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

#[test]
fn an_unchanged_page_renders_the_same_bytes_and_is_answered_304() {
    run(async {
        let app = reader();
        let path = format!("/skills/{SEED}?role=dba");
        let (_, first, html) = app.get_with(&path, &[]).await;
        let (_, second, again) = app.get_with(&path, &[]).await;
        assert_eq!(html, again, "no nonce or clock in a page");
        let etag = first[header::ETAG].to_str().unwrap().to_owned();
        assert_eq!(second[header::ETAG], etag.as_str());
        let (status, headers, body) = app.get_with(&path, &[("if-none-match", &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        assert_eq!(headers[header::ETAG], etag.as_str());
        let (status, _, _) = app
            .get_with(
                &format!("/skills/{SEED}?role=infrastructure-engineer"),
                &[("if-none-match", &etag)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "another page has another tag");
    });
}

#[test]
fn pages_are_revalidated_and_load_the_client_they_hydrate_with() {
    run(async {
        let app = reader();
        let (status, headers, html) = app.get(&format!("/skills/{SEED}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
        assert!(html.contains(r#"<link rel="modulepreload" href="/pkg/skill-profiles.js">"#));
        // Without client bundles (none built for these tests) the loader takes the full client.
        assert!(html.contains(
            r#"{"js":"/pkg/skill-profiles.js","wasm":"/pkg/skill-profiles.wasm","provides":null}"#
        ));
        // Only the parts that respond to the reader run in the browser, as enhancements of
        // the server's markup (the comment thread among them); the rest is plain HTML.
        let islands: Vec<&str> = html
            .split(r#"<leptos-island data-component=""#)
            .skip(1)
            .filter_map(|rest| rest.split('_').next())
            .collect();
        assert_eq!(islands, Vec::<&str>::new());
        let enhanced: Vec<&str> = html
            .split(r#"data-enhance=""#)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(
            enhanced,
            [
                "watching-link",
                "theme-toggle",
                "watch-toggle",
                "explorer",
                "open-proposals",
                "comments"
            ]
        );
    });
}

/// A site folder as `--precompress` leaves it: a style sheet and its brotli copy (the tests
/// run before the release build writes `target/site`, as on a fresh clone).
fn test_site_folder() -> std::path::PathBuf {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("skills-site-{}", std::process::id()));
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).expect("a temporary folder");
    let css = "body { margin: 0; font-family: system-ui, sans-serif; color: #111; }\n".repeat(20);
    std::fs::write(pkg.join("skill-profiles.css"), &css).expect("a file");
    let mut brotli = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    brotli.write_all(css.as_bytes()).expect("in memory");
    std::fs::write(pkg.join("skill-profiles.css.br"), brotli.into_inner()).expect("a file");
    dir
}

/// `bytes` unpacked from brotli.
fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).expect("brotli");
    out
}

#[test]
fn a_cached_page_is_byte_identical_to_an_uncached_render_of_the_same_address() {
    run(async {
        let app = TestApp::new().await;
        let uncached = TestApp::builder()
            .without_render_cache()
            .beside(&app)
            .build()
            .await;
        for uri in [
            format!("/skills/{SEED}?role=dba&level=senior"),
            format!("/embed/skills/{SEED}?theme=dark"),
            "/".to_owned(),
            "/roles/dba".to_owned(),
            format!("/api/v1/skills/{SEED}"),
        ] {
            let (status, fresh_headers, fresh) = uncached.fetch_raw(&uri, "identity", None).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            // The first fills the cache, the others are hits.
            for _ in 0..3 {
                let (status, headers, kept) = app.fetch_raw(&uri, "identity", None).await;
                assert_eq!(status, StatusCode::OK);
                assert_eq!(kept, fresh, "{uri}");
                for name in [
                    header::CONTENT_TYPE,
                    header::ETAG,
                    header::CONTENT_SECURITY_POLICY,
                    header::CACHE_CONTROL,
                ] {
                    assert_eq!(
                        headers.get(&name),
                        fresh_headers.get(&name),
                        "{uri}: {name}"
                    );
                }
                assert!(
                    headers.get("x-skills-cache").is_none(),
                    "the mark never leaves"
                );
            }
            let (_, headers, brotli) = app.fetch_raw(&uri, "gzip, deflate, br", None).await;
            assert_eq!(headers[header::CONTENT_ENCODING], "br", "{uri}");
            assert_eq!(unbrotli(&brotli), fresh, "{uri}");
            let etag = headers[header::ETAG].to_str().unwrap().to_owned();
            let (status, _, body) = app
                .send(
                    Request::get(&uri)
                        .header(header::HOST, "127.0.0.1:3000")
                        .header(header::IF_NONE_MATCH, etag)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(body.is_empty());
        }
    });
}

#[test]
fn a_signed_in_reader_never_gets_a_cached_page_and_never_fills_the_cache() {
    run(async {
        let app = TestApp::new().await;
        let uri = format!("/skills/{SEED}?role=dba");
        let cookie = app.sign_up("cache-reader", [10, 19, 0, 1]).await;
        // Anonymous first (into the cache), then signed in, then anonymous again.
        let (_, _, anonymous) = app.fetch_raw(&uri, "identity", None).await;
        let (_, _, signed_in) = app.fetch_raw(&uri, "identity", Some(&cookie)).await;
        let (_, _, again) = app.fetch_raw(&uri, "identity", None).await;
        let has_name = |page: &[u8]| String::from_utf8_lossy(page).contains("cache-reader");
        assert!(has_name(&signed_in), "the signed-in page names its reader");
        assert!(!has_name(&anonymous) && !has_name(&again));
        // Signed in on an address nobody asked for yet: the next anonymous reader gets
        // their own page.
        let uri = format!("/skills/{SEED}?role=dba&level=junior");
        let (_, _, signed_in) = app.fetch_raw(&uri, "identity", Some(&cookie)).await;
        let (_, _, anonymous) = app.fetch_raw(&uri, "identity", None).await;
        assert!(has_name(&signed_in) && !has_name(&anonymous));
    });
}

#[test]
fn static_files_come_from_the_cache_as_the_build_compressed_them() {
    run(async {
        let folder = test_site_folder();
        let pkg = folder.join("pkg");
        let app = TestApp::builder().site_folder(folder).build().await;
        let on_disk = std::fs::read(pkg.join("skill-profiles.css")).unwrap();
        let precompressed = std::fs::read(pkg.join("skill-profiles.css.br")).unwrap();
        let uri = "/pkg/skill-profiles.css";
        // The first fills the cache, the second comes from it: both the build's own file.
        for _ in 0..2 {
            let (status, headers, body) = app.fetch_raw(uri, "br", None).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers[header::CONTENT_TYPE], "text/css");
            assert_eq!(headers[header::CONTENT_ENCODING], "br");
            assert!(headers.get("x-skills-cache").is_none());
            assert_eq!(body, precompressed, "the build's own brotli file");
            assert_eq!(unbrotli(&body), on_disk);
            let (_, headers, plain) = app.fetch_raw(uri, "identity", None).await;
            assert!(headers.get(header::CONTENT_ENCODING).is_none());
            assert_eq!(plain, on_disk);
        }
    });
}
