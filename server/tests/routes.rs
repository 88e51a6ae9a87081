//! Router tests: the real router, the shipped content, requests through `oneshot`.
#![recursion_limit = "256"]

mod common;

use app::api::ssr::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::config::{AccessConfig, SiteConfig};
use std::path::Path;
use tower::ServiceExt;

const SEED: &str = "replication-high-availability";

/// One multi-threaded runtime for every test, like the server's own: requests from
/// parallel tests are served concurrently by one pool, as in production.
static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a test runtime")
});

fn run<F: std::future::Future>(test: F) -> F::Output {
    RUNTIME.block_on(test)
}

/// The state `main` builds: a fresh SQLite file seeded from the shipped content. Opened on a
/// thread of its own, as the caller may already be inside the runtime.
fn test_state() -> AppState {
    std::thread::spawn(|| {
        RUNTIME.block_on(async {
            let dir = std::env::temp_dir().join(format!("skills-routes-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let store = server::store::open(None, &dir)
                .await
                .expect("a SQLite store");
            let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
            server::content::sync::open_state(store, &content, true)
                .await
                .expect("the shipped content is valid")
        })
    })
    .join()
    .expect("the store opens")
}

/// The state every test's router serves, so tests can reach its store.
static STATE: std::sync::LazyLock<AppState> = std::sync::LazyLock::new(test_state);

/// The router, built once as `main` builds it once: building it runs the app to list its
/// routes, which is not meant to happen on several threads at the same time.
fn test_app() -> Router {
    APPS.0.clone()
}

/// The portal the test site lets frame its embed view and read its API.
const PORTAL: &str = "https://portal.example.com";

fn test_site() -> SiteConfig {
    SiteConfig {
        base_path: String::new(),
        embed_origins: vec![PORTAL.into()],
        api_origins: vec![PORTAL.into()],
        ..SiteConfig::default()
    }
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

/// The site at the root, under `/kb`, at the root without a render cache, and at the root
/// serving [`test_site_folder`], built one after the other.
static APPS: std::sync::LazyLock<(Router, Router, Router, Router)> =
    std::sync::LazyLock::new(|| {
        let options = common::options();
        let root = server::http::router::app(
            STATE.clone(),
            AccessConfig::default(),
            test_site(),
            options.clone(),
        );
        let based = server::http::router::app(
            STATE.clone(),
            AccessConfig::default(),
            SiteConfig {
                base_path: "/kb".into(),
                ..test_site()
            },
            options.clone(),
        );
        let uncached = server::http::router::app(
            STATE.clone(),
            AccessConfig::default(),
            SiteConfig {
                render_cache_bytes: 0,
                ..test_site()
            },
            options.clone(),
        );
        let files =
            server::http::router::app(STATE.clone(), AccessConfig::default(), test_site(), {
                let mut files = options;
                files.site_root = test_site_folder().to_string_lossy().into_owned().into();
                files
            });
        (root, based, uncached, files)
    });

async fn send(request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    send_to(test_app(), request).await
}

async fn send_to(
    app: Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(Request::get(uri).body(Body::empty()).expect("a request")).await
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_seed_profile_is_rendered_on_the_server_with_all_fifteen_expectations() {
    run(async {
        let (status, headers, html) = get(&format!("/skills/{SEED}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));

        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = server::content::load_dir(&dir).unwrap();
        let seed = catalog.get(SEED).unwrap();
        let mut texts = 0;
        for level in 0..seed.levels().len() {
            for cell in seed.row(level) {
                assert!(html.contains(&escape(&cell.text)), "missing: {}", cell.text);
                texts += 1;
            }
        }
        assert_eq!(texts, 15);
        assert!(html.contains("<h1>Replication &amp; High Availability</h1>"));
        assert!(html.contains("Master-replica"));
        assert!(html.contains("<title>Replication & High Availability · Skill Profiles</title>"));
        assert_eq!(html.matches(r#"<meta name="description""#).count(), 1);
        assert!(html.contains(r#"<time datetime="2026-03-17">17 March 2026</time>"#));
        assert!(html.contains("the other 4 optional"));
        let table = matrix(&html);
        assert_eq!(
            table.matches(r#"<th scope="row""#).count(),
            5,
            "one row per level"
        );
        assert_eq!(table.matches("badge-required").count(), 11);
        assert_eq!(table.matches("badge-optional").count(), 4);
    })
}

/// The matrix table of a profile page.
fn matrix(html: &str) -> &str {
    let start = html
        .find(r#"<table class="matrix""#)
        .expect("a matrix table");
    let end = html[start..].find("</table>").expect("the table ends") + start;
    &html[start..end]
}

/// The `<tr>` of one level in the matrix.
fn row<'a>(html: &'a str, level: &str) -> &'a str {
    let table = matrix(html);
    let start = table
        .find(&format!(r#"id="level-{level}""#))
        .expect("the level's row");
    let end = table[start..].find("</tr>").expect("the row ends") + start;
    &table[start..end]
}

#[test]
fn a_deep_link_is_rendered_in_its_state_by_the_server() {
    run(async {
        let (status, _, html) =
            get(&format!("/skills/{SEED}?role=dba&level=senior&open=lead")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Database Engineer / DBA: from Senior to Lead"));
        assert!(
            html.contains(r#"<option value="dba" selected"#),
            "the role picker shows the role"
        );
        assert!(html.contains(r#"value="2""#), "the slider sits on Senior");
        assert!(html.contains(r#"aria-valuetext="Senior""#));
        assert!(row(&html, "senior").contains("Your level"));
        assert!(row(&html, "lead").contains("Next"));
        assert!(
            row(&html, "lead").contains("<details open"),
            "the lead row is expanded"
        );
        assert!(!row(&html, "senior").contains("<details open"));
        assert!(!row(&html, "junior").contains("Your level"));
    })
}

#[test]
fn the_compare_view_at_the_top_level_says_so() {
    run(async {
        let (_, _, html) = get(&format!(
            "/skills/{SEED}?role=infrastructure-engineer&level=principal"
        ))
        .await;
        assert!(html.contains("Infrastructure Engineer: Principal"));
        assert!(html.contains("Highest level."));
    })
}

#[test]
fn unknown_query_values_fall_back_to_the_defaults() {
    run(async {
        let (status, _, html) = get(&format!(
            "/skills/{SEED}?role=astronaut&level=%3Cscript%3E&open=%22%3E"
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Data Engineer: from Junior to Middle"));
        assert!(!html.contains("<script>alert"));
    })
}

#[test]
fn an_unknown_slug_gets_a_real_404_page() {
    run(async {
        let (status, _, html) = get("/skills/no-such-skill").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Page not found"));
        assert!(html.contains("<title>Page not found · Skill Profiles</title>"));
    })
}

#[test]
fn an_unknown_path_gets_a_real_404_page() {
    run(async {
        let (status, _, html) = get("/nowhere/at/all").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Page not found"));
    })
}

/// The shipped profiles, by slug.
const SHIPPED: [&str; 9] = [
    "backup-recovery",
    "change-data-capture",
    "data-modelling",
    "database-security",
    "infrastructure-as-code",
    "observability",
    "pipeline-orchestration",
    "query-performance-tuning",
    SEED,
];

/// The skill links of the results list, in order.
fn result_slugs(html: &str) -> Vec<&str> {
    html.split(r#"<a href="/skills/"#)
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .filter(|(_, after)| after.starts_with(r#" class="hit-link""#))
        .map(|(slug, _)| slug)
        .collect()
}

/// The page without Leptos' hydration markers, for matching text.
fn text(html: &str) -> String {
    html.replace("<!>", "")
}

#[test]
fn the_catalog_lists_every_shipped_profile_with_its_figures_and_ways_to_browse() {
    run(async {
        let (status, _, html) = get("/").await;
        assert_eq!(status, StatusCode::OK);
        let mut listed = result_slugs(&html);
        listed.sort_unstable();
        assert_eq!(listed, SHIPPED);
        assert!(html.contains("5 levels · 11 required, 4 optional"));
        assert!(html.contains(r#"href="/domains/database-management/database-administration""#));
        assert!(html.contains(r#"href="/roles/dba""#));
        assert!(html.contains("9 skills."));
    })
}

#[test]
fn a_search_is_answered_by_the_server_best_match_first_with_matches_marked() {
    run(async {
        let (status, _, html) = get("/?q=backup").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(result_slugs(&html).first(), Some(&"backup-recovery"));
        assert!(text(&html).contains("<mark>Backup</mark>"), "{html}");
        assert!(
            html.contains(r#"value="backup""#),
            "the box keeps the query"
        );
    })
}

#[test]
fn a_search_that_matches_nothing_says_so_and_offers_a_way_out() {
    run(async {
        let (status, _, html) = get("/domains/infrastructure?q=zebra+crossing").await;
        assert_eq!(status, StatusCode::OK);
        assert!(result_slugs(&html).is_empty());
        assert!(text(&html).contains("No skills match “zebra crossing”."));
        assert!(html.contains(r#"href="/domains/infrastructure">Clear the search"#));
        assert!(html.contains(r#"href="/?q=zebra+crossing">Search all skills instead"#));
    })
}

#[test]
fn a_domain_page_lists_only_its_skills_and_a_group_page_only_its_group() {
    run(async {
        let (status, _, html) = get("/domains/infrastructure").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            result_slugs(&html),
            ["infrastructure-as-code", "observability"]
        );
        assert!(text(&html).contains("<h1>Infrastructure</h1>"));
        let (status, _, html) = get("/domains/database-management/database-administration").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            result_slugs(&html),
            ["backup-recovery", "database-security", SEED]
        );
        assert!(text(&html)
            .contains(r#"<a href="/domains/database-management">Database Management</a>"#));
    })
}

#[test]
fn unknown_domains_groups_and_roles_get_404_pages() {
    run(async {
        for uri in [
            "/domains/nope",
            "/domains/infrastructure/nope",
            "/roles/nobody",
        ] {
            let (status, _, html) = get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert!(html.contains("Page not found"), "{uri}");
        }
    })
}

#[test]
fn a_role_ladder_lists_every_skill_of_the_role_with_the_chosen_level() {
    run(async {
        let (status, _, html) = get("/roles/dba?level=senior").await;
        assert_eq!(status, StatusCode::OK);
        assert!(text(&html).contains("<h1>Database Engineer / DBA</h1>"));
        for slug in [
            "backup-recovery",
            "change-data-capture",
            "database-security",
            "query-performance-tuning",
            SEED,
        ] {
            assert!(
                html.contains(&format!(
                    r#"href="/skills/{slug}?role=dba&amp;level=senior""#
                )),
                "{slug}"
            );
        }
        assert!(!html.contains("/skills/observability"));
        assert!(html.contains("At Senior"));
        assert!(text(&html).contains(r#"aria-current="page" class="level-link">Senior</a>"#));
        // The seed's DBA text at Senior.
        assert!(html.contains("Designs enterprise replication architectures"));
    })
}

#[test]
fn a_profile_links_its_breadcrumb_role_ladders_and_neighbours_in_its_group() {
    run(async {
        let (_, _, html) = get(&format!("/skills/{SEED}")).await;
        assert!(html.contains(r#"href="/domains/database-management/database-administration""#));
        assert!(html.contains(r#"href="/roles/infrastructure-engineer""#));
        assert!(
            html.contains(r#"rel="prev" href="/skills/database-security""#),
            "{html}"
        );
        assert!(
            !html.contains(r#"rel="next""#),
            "the last skill of its group has no next"
        );
    })
}

fn server_fn_call(site: Option<&str>, origin: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/profile")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(site) = site {
        request = request.header("sec-fetch-site", site);
    }
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(format!("slug={SEED}"))).unwrap()
}

#[test]
fn a_same_origin_server_function_call_returns_the_profile() {
    run(async {
        let (status, _, body) = send(server_fn_call(
            Some("same-origin"),
            Some("http://127.0.0.1:3000"),
        ))
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let placed: Option<app::model::PlacedProfile> = serde_json::from_str(&body).unwrap();
        assert_eq!(placed.unwrap().profile.figures().required, 11);
    })
}

#[test]
fn a_cross_site_server_function_call_is_refused() {
    run(async {
        let (status, _, body) = send(server_fn_call(
            Some("cross-site"),
            Some("https://evil.example"),
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, "Requests from other sites are not accepted.");
        let (status, _, _) = send(server_fn_call(Some("same-site"), None)).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a sibling subdomain is another site too"
        );
    })
}

#[test]
fn an_old_browser_is_judged_by_its_origin_header() {
    run(async {
        let (status, _, _) = send(server_fn_call(None, Some("https://evil.example"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, _) = send(server_fn_call(None, Some("http://127.0.0.1:3000"))).await;
        assert_eq!(status, StatusCode::OK);
    })
}

#[test]
fn an_oversized_body_is_refused_with_413() {
    run(async {
        let body = format!(
            "slug={}",
            "a".repeat(server::http::security::MAX_BODY_BYTES)
        );
        let request = Request::post("/api/profile")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .unwrap();
        let (status, _, _) = send(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    })
}

#[test]
fn an_oversized_chunked_body_is_refused_with_413_too() {
    run(async {
        // No Content-Length: the limit is only met while the body is read.
        let chunk = format!("submission={}", "a".repeat(1024));
        let chunks = (0..80).map(move |_| Ok::<_, std::io::Error>(chunk.clone()));
        let member = signed_up("member-chunked", [10, 19, 0, 4]).await;
        let request = Request::post("/api/submit-proposal")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &member)
            .body(Body::from_stream(futures::stream::iter(chunks)))
            .unwrap();
        let (status, _, answer) = send(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
        assert!(answer.contains("more than the server accepts"), "{answer}");
    })
}

#[test]
fn a_malformed_server_function_call_is_a_400_in_plain_words() {
    run(async {
        let member = signed_up("member-malformed", [10, 19, 0, 5]).await;
        let cases = [
            ("/api/submit-proposal", "application/json", "{"),
            (
                "/api/submit-proposal",
                "application/json",
                r#"{"submission": {"slug": "x", "base_revision": -1}}"#,
            ),
            (
                "/api/post-comment",
                "application/x-www-form-urlencoded",
                "slug=x&proposal=abc&body=hi",
            ),
            (
                "/api/accept",
                "application/x-www-form-urlencoded",
                "slug=x&id=abc&published_revision=1",
            ),
        ];
        for (path, content_type, body) in cases {
            let mut request = json_call(path, body, Some(&member));
            request
                .headers_mut()
                .insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            let (status, _, answer) = send(request).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {body}: {answer}");
            assert!(answer.contains("could not be read"), "{answer}");
            for parser_words in ["EOF", "deserializ", "invalid", "expected", "line "] {
                assert!(!answer.contains(parser_words), "{path} {body}: {answer}");
            }
        }
    })
}

#[test]
fn pages_carry_the_security_headers() {
    run(async {
        let (_, headers, _) = get(&format!("/skills/{SEED}")).await;
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'self'"));
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
    })
}

#[test]
fn the_health_check_answers() {
    run(async {
        let (status, _, body) = get("/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    })
}

#[test]
fn browser_state_pages_render_a_placeholder_and_say_they_need_javascript() {
    run(async {
        for (uri, needs) in [
            ("/watching", "Watching needs JavaScript"),
            ("/drafts", "Drafts need JavaScript"),
            (
                &*format!("/skills/{SEED}/suggest"),
                "Suggesting changes needs JavaScript",
            ),
        ] {
            let (status, _, html) = get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(html.contains(needs), "{uri}");
        }
        let (status, _, _) = get("/skills/nope/suggest").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
}

#[test]
fn the_watched_skills_call_answers_for_published_slugs_only() {
    run(async {
        let request = Request::post("/api/watched")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(format!("slugs[0]={SEED}&slugs[1]=gone")))
            .unwrap();
        let (status, _, body) = send(request).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let now: Vec<app::model::WatchedNow> = serde_json::from_str(&body).unwrap();
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].slug, SEED);
        assert_eq!(now[0].seen.updated.to_string(), "2026-03-17");
        assert_eq!(now[0].seen.fingerprint.len(), 16);
    })
}

/// A same-origin form post from `ip`, with `cookie` if given.
fn form_post(path: &str, body: &str, ip: [u8; 4], cookie: Option<&str>) -> Request<Body> {
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

/// A JSON server-function call with `cookie`.
fn json_call(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
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

/// Signs up `name` from `ip` and returns the session cookie (`name=value`).
async fn signed_up(name: &str, ip: [u8; 4]) -> String {
    let (status, headers, _) = send(form_post(
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
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    cookie.split(';').next().unwrap().to_owned()
}

fn submission(key: &str, text: &str, rationale: &str) -> String {
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

#[test]
fn signing_up_sets_a_session_cookie_that_signs_the_user_in_and_signing_out_ends_it() {
    run(async {
        let cookie = signed_up("ada-signup", [10, 1, 0, 1]).await;
        let (status, _, body) = send(json_call("/api/me", "", Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains(r#""name":"ada-signup""#), "{body}");
        let (_, _, html) = get_with_cookie("/", &cookie).await;
        assert!(
            text(&html).contains("ada-signup"),
            "the header names the user"
        );

        let (status, headers, _) =
            send(form_post("/sign-out", "", [10, 1, 0, 1], Some(&cookie))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0"));
        let (_, _, body) = send(json_call("/api/me", "", Some(&cookie))).await;
        assert_eq!(body, "null", "the session is gone");
    });
}

async fn get_with_cookie(uri: &str, cookie: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(
        Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("a request"),
    )
    .await
}

#[test]
fn a_taken_name_a_short_password_and_a_wrong_password_go_back_to_the_form_with_the_problem() {
    run(async {
        signed_up("grace-taken", [10, 2, 0, 1]).await;
        let (status, headers, _) = send(form_post(
            "/sign-up",
            "username=Grace-Taken&password=short&password_again=short",
            [10, 2, 0, 2],
            None,
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            "/sign-up?username=Grace-Taken&problem=password-short"
        );
        let (_, headers, _) = send(form_post(
            "/sign-up",
            "username=GRACE-taken&password=long+enough+pass&password_again=long+enough+pass",
            [10, 2, 0, 2],
            None,
        ))
        .await;
        assert_eq!(
            headers[header::LOCATION],
            "/sign-up?username=GRACE-taken&problem=username-taken"
        );
        let (_, headers, _) = send(form_post(
            "/sign-in",
            "username=grace-taken&password=not+the+password&next=%2F%2Fevil.example",
            [10, 2, 0, 3],
            None,
        ))
        .await;
        assert_eq!(
            headers[header::LOCATION],
            "/sign-in?username=grace-taken&problem=wrong-password"
        );
        assert!(headers.get(header::SET_COOKIE).is_none());
        let (_, _, html) = get("/sign-in?username=grace-taken&problem=wrong-password").await;
        assert!(html.contains("That username and password do not match."));
        assert!(html.contains(r#"aria-invalid="true""#));
    });
}

#[test]
fn the_eleventh_sign_in_from_one_address_in_five_minutes_gets_429_with_retry_after() {
    run(async {
        for _ in 0..10 {
            let (status, _, _) = send(form_post(
                "/sign-in",
                "username=nobody-here&password=guess+guess+guess",
                [10, 3, 0, 1],
                None,
            ))
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
        let (status, headers, html) = send(form_post(
            "/sign-in",
            "username=nobody-here&password=guess+guess+guess",
            [10, 3, 0, 1],
            None,
        ))
        .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=300).contains(&wait));
        assert!(html.contains("Too many attempts. Try again in"));
        // Another address is not affected.
        let (status, _, _) = send(form_post(
            "/sign-in",
            "username=nobody-here&password=guess+guess+guess",
            [10, 3, 0, 2],
            None,
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    });
}

#[test]
fn a_cross_site_sign_in_or_submit_is_refused() {
    run(async {
        let mut request = form_post("/sign-in", "username=a&password=b", [10, 4, 0, 1], None);
        request
            .headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        let (status, _, _) = send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let mut request = json_call("/api/submit-proposal", &submission("k", "t", "r"), None);
        request.headers_mut().remove("sec-fetch-site");
        request
            .headers_mut()
            .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        let (status, _, _) = send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    });
}

#[test]
fn a_submission_is_stored_once_per_key_listed_and_shown_as_a_diff_with_html_as_text() {
    run(async {
        let body = submission(
            "key-router-test-000000001",
            "Explains <script>alert('x')</script> streaming replication.",
            "Juniors meet <b>this</b> early.",
        );
        let (status, _, answer) = send(json_call("/api/submit-proposal", &body, None)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
        assert!(answer.contains("SignInRequired"), "{answer}");

        let cookie = signed_up("linus-submits", [10, 5, 0, 1]).await;
        let (status, _, answer) =
            send(json_call("/api/submit-proposal", &body, Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let first: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let id = first["Accepted"]["id"].as_i64().expect("an id");
        assert_eq!(first["Accepted"]["repeated"], false);
        let (_, _, again) = send(json_call("/api/submit-proposal", &body, Some(&cookie))).await;
        let again: serde_json::Value = serde_json::from_str(&again).unwrap();
        assert_eq!(again["Accepted"]["id"].as_i64(), Some(id));
        assert_eq!(again["Accepted"]["repeated"], true);

        let (_, _, list) = get(&format!("/skills/{SEED}/proposals")).await;
        assert!(text(&list).contains(&format!("Proposal #{id}")));
        assert!(text(&list).contains("linus-submits"));
        let (status, _, page) = get(&format!("/skills/{SEED}/proposals/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !page.contains("<script>alert"),
            "HTML in a proposal is text"
        );
        assert!(page.contains("&lt;script&gt;alert"));
        assert!(page.contains("<ins>"), "the new words are marked");
        assert!(page.contains("Juniors meet &lt;b&gt;this&lt;/b&gt; early."));
        let (status, _, _) = get(&format!("/skills/observability/proposals/{id}")).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "a proposal lives under its own skill"
        );
    });
}

#[test]
fn a_submission_without_a_change_or_rationale_is_refused_field_by_field() {
    run(async {
        let cookie = signed_up("margaret-invalid", [10, 6, 0, 1]).await;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = server::content::load_dir(&dir).unwrap();
        let seed = catalog.get(SEED).unwrap();
        let junior = seed.level_index("junior").unwrap();
        let dba = seed.role_index("dba").unwrap();
        let same = seed.cell(junior, dba).unwrap();
        let body = serde_json::json!({
            "submission": {
                "slug": SEED,
                "base_revision": 1,
                "edits": [{"level": "junior", "role": "dba", "text": same.text, "required": same.required}],
                "rationale": "   ",
                "idempotency_key": "key-router-invalid-0001",
            }
        })
        .to_string();
        let (status, _, answer) =
            send(json_call("/api/submit-proposal", &body, Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK);
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let problems = answer["Invalid"]["problems"].as_array().expect("problems");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0]["field"], "Draft");
        assert_eq!(problems[1]["field"], "Rationale");
        let (_, _, list) = get(&format!("/skills/{SEED}/proposals")).await;
        assert!(
            !text(&list).contains("margaret-invalid"),
            "nothing was stored"
        );
    });
}

#[test]
fn pages_carry_a_policy_that_allows_exactly_their_inline_scripts_by_hash() {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    run(async {
        // Rendered for this request or kept from an earlier one: the same policy.
        get(&format!("/skills/{SEED}")).await;
        let (_, headers, html) = get(&format!("/skills/{SEED}")).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'self'"));
        let scripts_policy = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(
            !scripts_policy.contains("unsafe-inline"),
            "{scripts_policy}"
        );
        assert!(!csp.contains("'nonce-"), "no per-response nonce: {csp}");
        let allowed: Vec<&str> = csp
            .split("'sha256-")
            .skip(1)
            .filter_map(|rest| rest.split('\'').next())
            .collect();
        let scripts: Vec<String> = html
            .split("<script")
            .skip(1)
            .filter_map(|rest| {
                let (_, body) = rest.split_once('>')?;
                Some(body.split("</script>").next()?.to_owned())
            })
            .collect();
        assert!(
            scripts.len() >= 2,
            "the early script and the loader at least"
        );
        for script in &scripts {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script));
            assert!(
                allowed.contains(&hash.as_str()),
                "{script:.60} is not allowed by {csp}"
            );
        }
        assert!(
            allowed.len() <= scripts.len(),
            "nothing but the page's own scripts"
        );
    });
}

#[test]
fn an_unchanged_page_renders_the_same_bytes_and_is_answered_304() {
    run(async {
        let path = format!("/skills/{SEED}?role=dba");
        let (_, first, html) = get_from(test_app(), &path, &[]).await;
        let (_, second, again) = get_from(test_app(), &path, &[]).await;
        assert_eq!(html, again, "no nonce or clock in a page");
        let etag = first[header::ETAG].to_str().unwrap().to_owned();
        assert_eq!(second[header::ETAG], etag.as_str());
        let (status, headers, body) =
            get_from(test_app(), &path, &[("if-none-match", &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        assert_eq!(headers[header::ETAG], etag.as_str());
        let (status, _, _) = get_from(
            test_app(),
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
        let (status, headers, html) = get(&format!("/skills/{SEED}")).await;
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

/// A url-encoded server-function call with `cookie`.
fn form_call(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_owned()))
        .expect("a request")
}

/// Signs up `name` and grants them the reviewer role.
async fn reviewer(name: &str, ip: [u8; 4]) -> String {
    let cookie = signed_up(name, ip).await;
    assert!(STATE.store.set_reviewer(name, true).await.unwrap());
    cookie
}

/// Submits one cell of `slug` as `cookie`'s user; returns the proposal id.
async fn propose(
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
    })
    .to_string();
    let (status, _, answer) = send(json_call("/api/submit-proposal", &body, Some(cookie))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    answer["Accepted"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{answer}"))
}

async fn accept(
    cookie: &str,
    slug: &str,
    id: i64,
    published: u32,
    resolutions: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    // Posted as its form posts it: the resolutions as `resolutions[i][field]`.
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
    let (status, _, answer) = send(form_call("/api/accept", &body, cookie)).await;
    (
        status,
        serde_json::from_str(&answer).unwrap_or(serde_json::Value::String(answer)),
    )
}

/// Rejects proposal `id` of `slug` with `note` (url-encoded) as `cookie`; the answer.
async fn reject(cookie: &str, slug: &str, id: i64, note: &str) -> String {
    let body = format!("slug={slug}&id={id}&note={note}");
    send(form_call("/api/reject", &body, cookie)).await.2
}

#[test]
fn a_reviewer_accepts_a_proposal_and_the_profile_and_history_change_at_once() {
    run(async {
        let member = signed_up("member-accept", [10, 7, 0, 1]).await;
        let wanted =
            "Reads the golden signals dashboard and explains a latency spike in plain words.";
        let id = propose(
            &member,
            "observability",
            1,
            "junior",
            "backend-engineer",
            wanted,
            "key-accept-router-0001",
        )
        .await;

        // Readers have the page and its history from the render cache before the decision.
        for _ in 0..2 {
            let (_, _, page) = get("/skills/observability").await;
            assert!(!page.contains(&escape(wanted)));
            let (_, _, history) = get("/skills/observability/history").await;
            assert!(!text(&history).contains("Revision 2"));
        }
        let (status, _) = accept(&member, "observability", id, 1, serde_json::json!([])).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "members cannot review");
        let (_, _, queue) = send(json_call("/api/review-queue", "", Some(&member))).await;
        assert!(queue.contains("NotAllowed"), "{queue}");

        let boss = reviewer("reviewer-accept", [10, 7, 0, 2]).await;
        let (_, _, queue) = send(json_call("/api/review-queue", "", Some(&boss))).await;
        assert!(queue.contains(&format!(r#""id":{id}"#)), "{queue}");
        let (status, answer) = accept(&boss, "observability", id, 1, serde_json::json!([])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 2}}));

        let (_, _, page) = get("/skills/observability").await;
        assert!(
            page.contains(&escape(wanted)),
            "the new text is published at once"
        );
        let (_, _, history) = get("/skills/observability/history").await;
        let history = text(&history);
        assert!(
            history.contains("Revision 2") && history.contains("member-accept"),
            "{history}"
        );
        assert!(history.contains(&format!("proposal #{id}")), "{history}");
        assert!(history.contains("Imported from the content files"));
        let (status, _, diff) = get("/skills/observability/history/compare?from=1&to=2").await;
        assert_eq!(status, StatusCode::OK);
        assert!(diff.contains("<ins>"), "word-level changes are marked");
        assert_eq!(diff.matches("<h3>").count(), 1, "one cell changed");
        assert!(diff.contains("<h3>Backend Engineer at Junior</h3>"));
        // Headings go down one level at a time: h1, the section's h2, then a cell's h3.
        let h2 = diff.find("<h2").expect("the changes have a heading");
        assert!(diff.find("<h1").unwrap() < h2 && h2 < diff.find("<h3>").unwrap());
        let (status, _, _) = get("/skills/observability/history/compare?from=1&to=9").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, _, proposal) = get(&format!("/skills/observability/proposals/{id}")).await;
        assert!(text(&proposal).contains("Accepted by reviewer-accept"));
        // The revision it was decided on is gone: deciding again is refused.
        let (_, answer) = accept(&boss, "observability", id, 2, serde_json::json!([])).await;
        assert!(
            answer["Refused"]["message"]
                .as_str()
                .unwrap()
                .contains("decided or withdrawn"),
            "{answer}"
        );
    });
}

#[test]
fn a_reviewer_can_neither_accept_nor_reject_their_own_proposal() {
    run(async {
        let boss = reviewer("reviewer-own", [10, 8, 0, 1]).await;
        let id = propose(
            &boss,
            "infrastructure-as-code",
            1,
            "junior",
            "infrastructure-engineer",
            "Writes a first Terraform module.",
            "key-own-router-000001",
        )
        .await;
        let (_, answer) = accept(
            &boss,
            "infrastructure-as-code",
            id,
            1,
            serde_json::json!([]),
        )
        .await;
        assert!(
            answer["Refused"]["message"]
                .as_str()
                .unwrap()
                .contains("your own proposal"),
            "{answer}"
        );
        // Nor reject it: one rule for both decisions.
        let answer = reject(&boss, "infrastructure-as-code", id, "Not+mine+to+judge.").await;
        assert!(answer.contains("your own proposal"), "{answer}");
        let stored = STATE.store.proposal(id).await.unwrap().unwrap();
        assert_eq!(stored.status, app::model::Status::Open);
        let (_, _, page) = get_with_cookie(
            &format!("/skills/infrastructure-as-code/proposals/{id}"),
            &boss,
        )
        .await;
        assert!(text(&page).contains("You cannot review your own proposal"));
    });
}

#[test]
fn a_stale_proposal_is_a_conflict_the_reviewer_must_settle() {
    run(async {
        let first = signed_up("member-first", [10, 9, 0, 1]).await;
        let second = signed_up("member-second", [10, 9, 0, 2]).await;
        let boss = reviewer("reviewer-conflict", [10, 9, 0, 3]).await;
        let slug = "backup-recovery";
        let a = propose(
            &first,
            slug,
            1,
            "senior",
            "dba",
            "Designs backup policy A.",
            "key-conflict-router-001",
        )
        .await;
        let b = propose(
            &second,
            slug,
            1,
            "senior",
            "dba",
            "Designs backup policy B.",
            "key-conflict-router-002",
        )
        .await;
        let (_, answer) = accept(&boss, slug, a, 1, serde_json::json!([])).await;
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 2}}));

        let body = format!("slug={slug}&id={b}");
        let (_, _, detail) = send(form_call("/api/proposal", &body, &boss)).await;
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
        let state = &detail["merged"][0][1]["state"]["Conflict"];
        assert_eq!(
            state["current"]["text"], "Designs backup policy A.",
            "{detail}"
        );
        assert_eq!(detail["published_revision"], 2);

        let (_, answer) = accept(&boss, slug, b, 1, serde_json::json!([])).await;
        assert!(answer["Refused"]["message"]
            .as_str()
            .unwrap()
            .contains("changed since this page was opened"));
        let (_, answer) = accept(&boss, slug, b, 2, serde_json::json!([])).await;
        assert!(
            answer["Refused"]["message"]
                .as_str()
                .unwrap()
                .contains("choose what to publish"),
            "{answer}"
        );
        let (_, _, page) = get(&format!("/skills/{slug}")).await;
        assert!(
            page.contains("Designs backup policy A."),
            "nothing was overwritten"
        );
        let settled = serde_json::json!([{"level": "senior", "role": "dba", "text": "Designs backup policies A and B.", "required": true}]);
        let (_, answer) = accept(&boss, slug, b, 2, settled).await;
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 3}}));
        let (_, _, page) = get(&format!("/skills/{slug}")).await;
        assert!(page.contains("Designs backup policies A and B."));
    });
}

#[test]
fn a_rejection_needs_a_note_the_author_sees_and_an_author_may_withdraw() {
    run(async {
        let member = signed_up("member-reject", [10, 10, 0, 1]).await;
        let boss = reviewer("reviewer-reject", [10, 10, 0, 2]).await;
        let slug = "data-modelling";
        let id = propose(
            &member,
            slug,
            1,
            "junior",
            "data-engineer",
            "Draws an ER diagram.",
            "key-reject-router-0001",
        )
        .await;
        let answer = reject(&boss, slug, id, "+").await;
        assert!(answer.contains("Write a note"), "{answer}");
        let answer = reject(&boss, slug, id, "Too+narrow+%3Cb%3Efor%3C%2Fb%3E+juniors.").await;
        assert_eq!(answer, r#"{"Done":{"revision":null}}"#);
        let (_, _, page) =
            get_with_cookie(&format!("/skills/{slug}/proposals/{id}"), &member).await;
        assert!(text(&page).contains("Rejected by reviewer-reject:"));
        assert!(page.contains("Too narrow &lt;b&gt;for&lt;/b&gt; juniors."));

        let other = propose(
            &member,
            slug,
            1,
            "middle",
            "data-engineer",
            "Normalises to 3NF.",
            "key-withdraw-router-001",
        )
        .await;
        let (status, _, _) = send(form_call(
            "/api/withdraw",
            &format!("slug={slug}&id={other}"),
            &boss,
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, _, answer) = send(form_call(
            "/api/withdraw",
            &format!("slug={slug}&id={other}"),
            &member,
        ))
        .await;
        assert_eq!(answer, r#"{"Done":{"revision":null}}"#);
        let (_, _, list) = get(&format!("/skills/{slug}/proposals")).await;
        assert!(text(&list).contains("Withdrawn"));
        // The open ones alone (what the profile lists): the withdrawn one is not among them.
        let (status, _, open) = get(&format!("/skills/{slug}/proposals?status=open")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(text(&open).contains("Open proposals"));
        assert!(text(&open).contains("No open proposals for Data Modelling."));
        assert!(!text(&open).contains("Withdrawn") && !text(&open).contains("Rejected"));
        assert!(
            !open.contains(&format!("/proposals/{other}\""))
                && !open.contains(&format!("/proposals/{id}\""))
        );
    });
}

#[test]
fn comments_need_sign_in_keep_html_as_data_and_only_reviewers_hide_them() {
    run(async {
        let author = signed_up("commenter-one", [10, 11, 0, 1]).await;
        let other = signed_up("commenter-two", [10, 11, 0, 2]).await;
        let boss = reviewer("reviewer-comments", [10, 11, 0, 3]).await;
        let slug = "pipeline-orchestration";
        let mut anonymous = json_call("/api/post-comment", "", None);
        *anonymous.body_mut() = Body::from(format!("slug={slug}&body=hi"));
        anonymous.headers_mut().insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        let (status, _, _) = send(anonymous).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let html = "%3Cscript%3Ealert(1)%3C%2Fscript%3E+see+https%3A%2F%2Fexample.com";
        let (_, _, answer) = send(form_call(
            "/api/post-comment",
            &format!("slug={slug}&body={html}"),
            &author,
        ))
        .await;
        assert_eq!(answer, r#""Done""#);
        let long = "x".repeat(2_001);
        let (_, _, answer) = send(form_call(
            "/api/post-comment",
            &format!("slug={slug}&body={long}"),
            &author,
        ))
        .await;
        assert!(answer.contains("Shorten it by 1"), "{answer}");

        let (_, _, listed) = send(form_call(
            "/api/comments",
            &format!("slug={slug}&page=1"),
            &other,
        ))
        .await;
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        let comment = &listed["comments"][0];
        assert_eq!(
            comment["body"],
            "<script>alert(1)</script> see https://example.com"
        );
        assert_eq!(comment["mine"], false);
        let id = comment["id"].as_i64().unwrap();
        let (status, _, _) = send(form_call(
            "/api/delete-comment",
            &format!("id={id}"),
            &other,
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only its author deletes it");
        let (status, _, _) = send(form_call(
            "/api/hide-comment",
            &format!("id={id}&hidden=true"),
            &other,
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only reviewers hide");
        let (_, _, answer) = send(form_call(
            "/api/hide-comment",
            &format!("id={id}&hidden=true"),
            &boss,
        ))
        .await;
        assert_eq!(answer, r#""Done""#);
        let (_, _, listed) = send(form_call(
            "/api/comments",
            &format!("slug={slug}&page=1"),
            &other,
        ))
        .await;
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        assert_eq!(
            listed["comments"][0]["body"],
            serde_json::Value::Null,
            "hidden from readers"
        );
        let (_, _, answer) = send(form_call(
            "/api/edit-comment",
            &format!("id={id}&body=Calmer+now"),
            &author,
        ))
        .await;
        assert_eq!(answer, r#""Done""#);
    });
}

async fn get_from(
    app: Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(uri).header(header::HOST, "skills.example.com");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send_to(app, request.body(Body::empty()).expect("a request")).await
}

fn json_of(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {body}"))
}

#[test]
fn the_api_lists_skills_and_roles_and_answers_one_skill_filtered_with_etags() {
    run(async {
        let (status, headers, body) = get_from(test_app(), "/api/v1/skills", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
        let skills = json_of(&body);
        let listed = skills["skills"].as_array().unwrap();
        assert_eq!(listed.len(), STATE.catalog().profiles().len());
        assert!(listed
            .iter()
            .any(|s| s["slug"] == SEED && s["path"] == format!("/skills/{SEED}")));

        let (_, _, roles) = get_from(test_app(), "/api/v1/roles", &[]).await;
        let roles = json_of(&roles);
        assert!(roles["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "dba"));

        let (status, headers, body) = get_from(
            test_app(),
            &format!("/api/v1/skills/{SEED}?role=dba&level=senior"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let skill = json_of(&body);
        assert_eq!(skill["slug"], SEED);
        assert_eq!(skill["expectations"].as_array().unwrap().len(), 1);
        assert_eq!(skill["expectations"][0]["role"], "dba");
        assert_eq!(skill["expectations"][0]["level"], "senior");
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");

        let (status, headers, body) = get_from(
            test_app(),
            &format!("/api/v1/skills/{SEED}?role=dba&level=senior"),
            &[("if-none-match", &etag)],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        assert_eq!(headers[header::ETAG].to_str().unwrap(), etag);

        let (_, _, whole) = get_from(test_app(), &format!("/api/v1/skills/{SEED}"), &[]).await;
        assert_eq!(
            json_of(&whole)["expectations"].as_array().unwrap().len(),
            15
        );
    });
}

#[test]
fn the_api_explains_unknown_skills_roles_levels_and_revisions_in_json() {
    run(async {
        let (status, headers, body) =
            get_from(test_app(), "/api/v1/skills/no-such-skill", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(json_of(&body)["error"]["code"], "not_found");

        let (status, _, body) =
            get_from(test_app(), &format!("/api/v1/skills/{SEED}?role=chef"), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let error = json_of(&body);
        assert_eq!(error["error"]["code"], "unknown_role");
        assert!(error["error"]["message"].as_str().unwrap().contains("dba"));

        let (status, _, body) = get_from(
            test_app(),
            &format!("/api/v1/skills/{SEED}?level=wizard"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(json_of(&body)["error"]["code"], "unknown_level");

        for number in ["0", "999", "x"] {
            let (status, _, body) = get_from(
                test_app(),
                &format!("/api/v1/skills/{SEED}/revisions/{number}"),
                &[],
            )
            .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{number}");
            assert_eq!(json_of(&body)["error"]["code"], "not_found");
        }
    });
}

#[test]
fn a_numbered_revision_is_cacheable_forever_and_the_history_lists_it() {
    run(async {
        let (status, headers, body) = get_from(
            test_app(),
            "/api/v1/skills/backup-recovery/revisions/1",
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(json_of(&body)["revision"], 1);
        let (_, _, list) =
            get_from(test_app(), "/api/v1/skills/backup-recovery/revisions", &[]).await;
        let list = json_of(&list);
        assert_eq!(list["revisions"][0]["number"], 1);
        assert_eq!(list["revisions"][0]["author"], serde_json::Value::Null);
    });
}

#[test]
fn cors_lets_the_configured_portal_read_the_api_and_no_one_else() {
    run(async {
        let (_, headers, _) = get_from(test_app(), "/api/v1/skills", &[("origin", PORTAL)]).await;
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);
        // Header names in CORS lists are case-insensitive (tower-http writes them lowercase).
        let lower = |name| headers[name].to_str().unwrap().to_ascii_lowercase();
        assert_eq!(lower(header::ACCESS_CONTROL_EXPOSE_HEADERS), "etag");
        assert!(headers.get_all(header::VARY).iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("origin")));

        let (_, headers, _) = get_from(
            test_app(),
            "/api/v1/skills",
            &[("origin", "https://elsewhere.example")],
        )
        .await;
        assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

        let preflight = |origin: &'static str| {
            Request::options("/api/v1/skills")
                .header(header::HOST, "skills.example.com")
                .header("origin", origin)
                .header("access-control-request-method", "GET")
                .header("access-control-request-headers", "if-none-match")
                .body(Body::empty())
                .unwrap()
        };
        // A preflight is answered by the CORS layer itself; another origin's gets no
        // permission, so its browser never sends the request.
        let (status, headers, _) = send_to(test_app(), preflight(PORTAL)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);
        assert_eq!(
            headers[header::ACCESS_CONTROL_ALLOW_HEADERS]
                .to_str()
                .unwrap()
                .to_ascii_lowercase(),
            "if-none-match"
        );
        assert_eq!(headers[header::ACCESS_CONTROL_MAX_AGE], "600");
        let (_, headers, _) = send_to(test_app(), preflight("https://elsewhere.example")).await;
        assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    });
}

#[test]
fn the_openapi_document_is_served_with_its_server_url() {
    run(async {
        let (status, _, body) = get_from(test_app(), "/api/v1/openapi.json", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let document = json_of(&body);
        assert_eq!(document["openapi"], "3.1.0");
        assert_eq!(document["servers"][0]["url"], "/api/v1");
        let (_, _, body) = get_from(APPS.1.clone(), "/kb/api/v1/openapi.json", &[]).await;
        assert_eq!(json_of(&body)["servers"][0]["url"], "/kb/api/v1");
    });
}

#[test]
fn oembed_answers_a_rich_iframe_for_a_profile_address_on_this_host_only() {
    run(async {
        let url = format!("http://skills.example.com/skills/{SEED}?role=dba&level=senior");
        let (status, _, body) = get_from(
            test_app(),
            &format!(
                "/oembed?url={}&maxwidth=640",
                app::model::percent_encode(&url)
            ),
            &[("origin", PORTAL)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let embed = json_of(&body);
        assert_eq!(embed["type"], "rich");
        assert_eq!(embed["version"], "1.0");
        assert_eq!(embed["width"], 640);
        let html = embed["html"].as_str().unwrap();
        assert!(
            html.contains(&format!(
                r#"src="http://skills.example.com/embed/skills/{SEED}?role=dba&amp;level=senior""#
            )),
            "{html}"
        );
        assert!(html.contains("Replication &amp; High Availability: skill profile"));

        // A wiki given the profile's address finds the endpoint in the page's head.
        let (_, _, page) = get_from(test_app(), &format!("/skills/{SEED}"), &[]).await;
        let discovery = format!(
            r#"<link rel="alternate" type="application/json+oembed" href="http://skills.example.com/oembed?url=http%3A%2F%2Fskills.example.com%2Fskills%2F{SEED}""#
        );
        assert!(page.contains(&discovery), "no oEmbed discovery link");
        let (_, _, catalog) = get_from(test_app(), "/", &[]).await;
        assert!(
            !catalog.contains("json+oembed"),
            "only profiles are embeddable"
        );

        let elsewhere = format!("https://evil.example/skills/{SEED}");
        let (status, _, _) = get_from(
            test_app(),
            &format!("/oembed?url={}", app::model::percent_encode(&elsewhere)),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = get_from(
            test_app(),
            &format!(
                "/oembed?url={}&format=xml",
                app::model::percent_encode(&url)
            ),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_IMPLEMENTED);
    });
}

#[test]
fn the_embed_view_has_no_site_chrome_and_only_listed_portals_may_frame_it() {
    run(async {
        let (status, headers, html) = get_from(
            test_app(),
            &format!("/embed/skills/{SEED}?role=dba&level=senior&theme=dark&compact=1"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains(&format!("frame-ancestors 'self' {PORTAL}")),
            "{csp}"
        );
        assert!(
            csp.contains("script-src 'self' 'sha256-"),
            "the page policy is kept: {csp}"
        );
        assert!(!html.contains("class=\"site-header\""), "no site header");
        assert!(html.contains("data-theme=\"dark\""));
        assert!(html.contains("is-compact"));
        assert!(html.contains("skill-profiles:height"));
        assert!(
            !html.contains("class=\"matrix\""),
            "compact leaves the matrix out"
        );
        // Every link of the embed opens outside the frame.
        for anchor in html.split("<a ").skip(1) {
            let tag = &anchor[..anchor.find('>').unwrap()];
            let leaves = tag.contains("target=\"_blank\"") || tag.contains("download=");
            assert!(leaves, "a link stays in the frame: <a {tag}>");
        }

        let (_, headers, _) = get_from(test_app(), &format!("/skills/{SEED}"), &[]).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'self';"), "{csp}");
        assert!(!csp.contains(PORTAL), "{csp}");
    });
}

#[test]
fn the_full_embed_links_role_ladders_out_of_the_frame_and_keeps_its_parameters() {
    run(async {
        let (_, _, html) = get_from(
            test_app(),
            &format!("/embed/skills/{SEED}?theme=light"),
            &[],
        )
        .await;
        assert!(html.contains("class=\"matrix\""));
        assert!(
            html.contains(r#"name="theme" value="light""#),
            "the picker keeps the theme"
        );
        assert!(
            html.contains("&amp;theme=light"),
            "expand all keeps the theme"
        );
    });
}

#[test]
fn downloads_are_the_profile_or_the_selection_as_csv_markdown_or_json() {
    run(async {
        let (status, headers, csv) = get_from(
            test_app(),
            &format!("/skills/{SEED}/export?format=csv&part=all"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"{SEED}.csv\"")
        );
        assert_eq!(csv.lines().count(), 16);

        let (_, headers, markdown) = get_from(
            test_app(),
            &format!("/skills/{SEED}/export?format=md&part=selection&role=dba&level=senior"),
            &[],
        )
        .await;
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"{SEED}-dba-senior.md\"")
        );
        assert_eq!(markdown.lines().filter(|l| l.starts_with("## ")).count(), 2);
        assert_eq!(
            markdown.lines().filter(|l| l.starts_with("### ")).count(),
            2
        );

        let (status, _, json) = get_from(
            test_app(),
            &format!("/skills/{SEED}/export?format=json"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json_of(&json)["expectations"].as_array().unwrap().len(), 15);

        let (status, _, body) = get_from(
            test_app(),
            &format!("/skills/{SEED}/export?format=pdf"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("json, csv or md"));
    });
}

#[test]
fn under_a_base_path_pages_assets_links_and_redirects_carry_it() {
    run(async {
        let based = || APPS.1.clone();
        let (status, _, html) = get_from(based(), &format!("/kb/skills/{SEED}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"<meta name="base-path" content="/kb">"#));
        assert!(html.contains(r#"href="/kb/pkg/skill-profiles.css""#));
        assert!(
            html.contains(
                r#""js":"/kb/pkg/skill-profiles.js","wasm":"/kb/pkg/skill-profiles.wasm""#
            ),
            "the loader takes the client from under the base"
        );
        assert!(html.contains(r#"<link rel="modulepreload" href="/kb/pkg/skill-profiles.js">"#));
        assert!(html.contains(r#"href="/kb/domains/database-management""#));
        assert!(html.contains(&format!(r#"action="/kb/skills/{SEED}/export""#)));
        for attribute in ["href", "src", "action"] {
            let escaped = html
                .split(&format!(r#"{attribute}="/"#))
                .skip(1)
                .filter(|rest| !rest.starts_with("kb/"))
                .map(|rest| rest.chars().take(40).collect::<String>())
                .collect::<Vec<_>>();
            assert!(
                escaped.is_empty(),
                "{attribute}s outside the base path: {escaped:?}"
            );
        }

        let (status, _, _) = get_from(based(), &format!("/skills/{SEED}"), &[]).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "nothing is served outside the base"
        );
        let (status, headers, _) = get_from(based(), "/", &[]).await;
        assert!(status.is_redirection());
        assert_eq!(headers[header::LOCATION], "/kb/");

        let (status, _, body) = get_from(based(), "/kb/api/v1/skills", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(&format!(r#""path": "/kb/skills/{SEED}""#)));

        let (status, _, body) = send_to(
            based(),
            form_post(
                "/kb/api/profile",
                &format!("slug={SEED}"),
                [10, 9, 0, 2],
                None,
            ),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::OK,
            "server functions answer under the base: {body}"
        );

        let sign_in = form_post(
            "/kb/sign-in",
            "username=nobody-here&password=wrong+password+1&next=%2Fdrafts",
            [10, 9, 0, 1],
            None,
        );
        let (status, headers, _) = send_to(based(), sign_in).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/kb/sign-in?"), "{location}");
    });
}

/// `uri` with `Accept-Encoding: accept` (and `cookie`), from `app`: status, headers and the
/// body as it came.
async fn fetch_raw(
    app: Router,
    uri: &str,
    accept: &str,
    cookie: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut request = Request::get(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_ENCODING, accept);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .oneshot(request.body(Body::empty()).expect("a request"))
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

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).expect("brotli");
    out
}

#[test]
fn a_cached_page_is_byte_identical_to_an_uncached_render_of_the_same_address() {
    run(async {
        let uncached = APPS.2.clone();
        for uri in [
            format!("/skills/{SEED}?role=dba&level=senior"),
            format!("/embed/skills/{SEED}?theme=dark"),
            "/".to_owned(),
            "/roles/dba".to_owned(),
            format!("/api/v1/skills/{SEED}"),
        ] {
            let (status, fresh_headers, fresh) =
                fetch_raw(uncached.clone(), &uri, "identity", None).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            // The first fills the cache (unless it already had the page), the others are hits.
            for _ in 0..3 {
                let (status, headers, kept) = fetch_raw(test_app(), &uri, "identity", None).await;
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
            let (_, headers, brotli) = fetch_raw(test_app(), &uri, "gzip, deflate, br", None).await;
            assert_eq!(headers[header::CONTENT_ENCODING], "br", "{uri}");
            assert_eq!(unbrotli(&brotli), fresh, "{uri}");
            let etag = headers[header::ETAG].to_str().unwrap().to_owned();
            let (status, _, body) = send(
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
        let uri = format!("/skills/{SEED}?role=dba");
        let cookie = signed_up("cache-reader", [10, 19, 0, 1]).await;
        // Anonymous first (into the cache), then signed in, then anonymous again.
        let (_, _, anonymous) = fetch_raw(test_app(), &uri, "identity", None).await;
        let (_, _, signed_in) = fetch_raw(test_app(), &uri, "identity", Some(&cookie)).await;
        let (_, _, again) = fetch_raw(test_app(), &uri, "identity", None).await;
        let has_name = |page: &[u8]| String::from_utf8_lossy(page).contains("cache-reader");
        assert!(has_name(&signed_in), "the signed-in page names its reader");
        assert!(!has_name(&anonymous) && !has_name(&again));
        // Signed in on an address nobody asked for yet: the next anonymous reader gets
        // their own page.
        let uri = format!("/skills/{SEED}?role=dba&level=junior");
        let (_, _, signed_in) = fetch_raw(test_app(), &uri, "identity", Some(&cookie)).await;
        let (_, _, anonymous) = fetch_raw(test_app(), &uri, "identity", None).await;
        assert!(has_name(&signed_in) && !has_name(&anonymous));
    });
}

#[test]
fn static_files_come_from_the_cache_as_the_build_compressed_them() {
    run(async {
        let pkg = test_site_folder().join("pkg");
        let on_disk = std::fs::read(pkg.join("skill-profiles.css")).unwrap();
        let precompressed = std::fs::read(pkg.join("skill-profiles.css.br")).unwrap();
        let uri = "/pkg/skill-profiles.css";
        // The first fills the cache, the second comes from it: both the build's own file.
        for _ in 0..2 {
            let (status, headers, body) = fetch_raw(APPS.3.clone(), uri, "br", None).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers[header::CONTENT_TYPE], "text/css");
            assert_eq!(headers[header::CONTENT_ENCODING], "br");
            assert!(headers.get("x-skills-cache").is_none());
            assert_eq!(body, precompressed, "the build's own brotli file");
            assert_eq!(unbrotli(&body), on_disk);
            let (_, headers, plain) = fetch_raw(APPS.3.clone(), uri, "identity", None).await;
            assert!(headers.get(header::CONTENT_ENCODING).is_none());
            assert_eq!(plain, on_disk);
        }
    });
}

#[test]
fn a_nul_character_in_a_rationale_comment_or_note_is_refused_with_a_message() {
    run(async {
        let member = signed_up("member-nul", [10, 19, 0, 2]).await;
        let (status, _, answer) = send(json_call(
            "/api/submit-proposal",
            &submission(
                "key-nul-router-000001",
                "Explains WAL shipping.",
                "Because\u{0}.",
            ),
            Some(&member),
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(answer.contains("NUL character"), "{answer}");
        let (_, _, answer) = send(form_call(
            "/api/post-comment",
            &format!("slug={SEED}&body=Hello%00there"),
            &member,
        ))
        .await;
        assert!(answer.contains("NUL character"), "{answer}");
        let boss = reviewer("reviewer-nul", [10, 19, 0, 3]).await;
        let id = propose(
            &member,
            "change-data-capture",
            1,
            "senior",
            "dba",
            "Plans logical decoding slots.",
            "key-nul-router-000002",
        )
        .await;
        let answer = reject(&boss, "change-data-capture", id, "No%00pe").await;
        assert!(answer.contains("NUL character"), "{answer}");
        assert_eq!(
            STATE.store.proposal(id).await.unwrap().unwrap().status,
            app::model::Status::Open
        );
    });
}

#[test]
fn an_unreadable_query_or_form_is_answered_in_the_products_words() {
    run(async {
        for uri in [
            format!("/skills/{SEED}/export?format=csv&format=md"),
            format!("/oembed?url=http%3A%2F%2F127.0.0.1%3A3000%2Fskills%2F{SEED}&maxwidth=-1"),
            format!("/api/v1/skills/{SEED}?role=dba&role=sre"),
        ] {
            let (status, _, body) = get(&uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
            assert!(
                body.contains("query string could not be read"),
                "{uri}: {body}"
            );
            for parser_words in ["Failed to deserialize", "duplicate field", "invalid digit"] {
                assert!(!body.contains(parser_words), "{uri}: {body}");
            }
        }
        // An empty sign-up: back to the form, each field saying what it needs.
        let (status, headers, _) = send(form_post("/sign-up", "", [10, 19, 0, 6], None)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers[header::LOCATION].to_str().unwrap();
        assert!(
            location.starts_with("/sign-up?") && location.contains("username-format"),
            "{location}"
        );
        // Not a form at all.
        let mut request = form_post("/sign-in", "%zz=%", [10, 19, 0, 7], None);
        request
            .headers_mut()
            .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        let (status, headers, _) = send(request).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("form-unreadable"));
        let (_, _, page) = get("/sign-in?problem=form-unreadable").await;
        assert!(page.contains("The form could not be read."));
    });
}

/// A browser's form post (`Accept: text/html`, url-encoded) to `path` as `cookie`.
fn page_form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
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
fn set_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

/// The page a done form post redirected to, as the browser then asks for it.
async fn after_redirect(
    headers: &axum::http::HeaderMap,
    cookie: &str,
) -> (axum::http::HeaderMap, String) {
    let location = headers[header::LOCATION].to_str().unwrap().to_owned();
    let flash = set_cookie(headers, "sp_flash").expect("a flash cookie");
    let path = location.split('#').next().unwrap();
    let (status, headers, page) = send(
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

#[test]
fn a_comment_posted_without_javascript_comes_back_to_its_page_with_the_outcome_shown() {
    run(async {
        let author = signed_up("form-commenter", [10, 30, 0, 1]).await;
        let slug = "observability";
        let back = format!("/skills/{slug}/comments%23comments");
        let (status, headers, _) = send(page_form(
            "/api/post-comment",
            &format!("slug={slug}&body=Posted+by+a+plain+form&back={back}"),
            Some(&author),
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            format!("/skills/{slug}/comments#comments")
        );
        let (headers, page) = after_redirect(&headers, &author).await;
        let page = text(&page);
        assert!(page.contains("Your comment was posted."), "{page}");
        assert!(page.contains("Posted by a plain form"));
        assert_eq!(
            set_cookie(&headers, "sp_flash").as_deref(),
            Some("sp_flash="),
            "shown once"
        );

        // Refused: the page comes back at once with the refusal beside the field, the text in it.
        let long = "y".repeat(2_001);
        let (status, _, page) = send(page_form(
            "/api/post-comment",
            &format!("slug={slug}&body={long}&back={back}"),
            Some(&author),
        ))
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(&page);
        assert!(page.contains("Shorten it by 1"), "{page}");
        assert!(
            page.contains(&format!(">{long}</textarea>")),
            "the draft is kept"
        );
        assert!(page.contains(r#"aria-invalid="true""#));
        assert!(
            !page.contains("Loading"),
            "sent whole, not streamed after the page"
        );

        // Signed out: said so, and what was typed is still there to post after signing in.
        let (status, _, page) = send(page_form(
            "/api/post-comment",
            &format!("slug={slug}&body=Typed+while+signed+out&back={back}"),
            None,
        ))
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let page = text(&page);
        assert!(page.contains("You are signed out"), "{page}");
        assert!(
            page.contains(">Typed while signed out</textarea>"),
            "{page}"
        );

        // Another site's form is refused before anything runs.
        let mut forged = page_form(
            "/api/post-comment",
            &format!("slug={slug}&body=forged&back={back}"),
            Some(&author),
        );
        forged
            .headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert_eq!(send(forged).await.0, StatusCode::FORBIDDEN);
    });
}

#[test]
fn a_reviewer_rejects_and_accepts_with_plain_forms() {
    run(async {
        let member = signed_up("form-member", [10, 31, 0, 1]).await;
        let boss = reviewer("form-reviewer", [10, 31, 0, 2]).await;
        let slug = "query-performance-tuning";
        let id = propose(
            &member,
            slug,
            1,
            "junior",
            "data-engineer",
            "Reads a plan.",
            "key-form-reject-0001",
        )
        .await;
        let back = format!("/skills/{slug}/proposals/{id}");
        let (status, _, page) = send(page_form(
            "/api/reject",
            &format!("slug={slug}&id={id}&note=+++&back={back}"),
            Some(&boss),
        ))
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(&page);
        assert!(page.contains("Write a note"), "{page}");
        assert!(page.contains(r#"id="review-note""#) && page.contains(r#"aria-invalid="true""#));
        assert!(page.contains(r#"autofocus"#), "the note gets the focus");

        let (status, headers, _) = send(page_form(
            "/api/reject",
            &format!("slug={slug}&id={id}&note=Too+narrow.&back={back}"),
            Some(&boss),
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = after_redirect(&headers, &boss).await;
        let page = text(&page);
        assert!(
            page.contains("Rejected: the author sees your note."),
            "{page}"
        );
        assert!(page.contains("Rejected by form-reviewer:"));

        let other = propose(
            &member,
            slug,
            1,
            "middle",
            "data-engineer",
            "Tunes indexes.",
            "key-form-accept-0001",
        )
        .await;
        let back = format!("/skills/{slug}/proposals/{other}");
        let (status, headers, _) = send(page_form(
            "/api/accept",
            &format!("slug={slug}&id={other}&published_revision=1&back={back}"),
            Some(&boss),
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = after_redirect(&headers, &boss).await;
        assert!(
            text(&page).contains("Accepted: the skill is now at revision 2."),
            "{page}"
        );
        let (_, _, profile) = get(&format!("/skills/{slug}")).await;
        assert!(profile.contains("Tunes indexes."));
    });
}

#[test]
fn a_skill_nobody_proposed_a_change_to_says_so_by_name() {
    run(async {
        let (status, _, open) = get("/skills/database-security/proposals?status=open").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            text(&open).contains("No proposals yet for Database Security."),
            "{open}"
        );
    });
}

#[test]
fn comment_edits_deletes_hides_and_withdrawals_post_as_forms_and_say_what_is_not_allowed() {
    run(async {
        let author = signed_up("form-editor", [10, 32, 0, 1]).await;
        let other = signed_up("form-stranger", [10, 32, 0, 2]).await;
        let boss = reviewer("form-moderator", [10, 32, 0, 3]).await;
        let slug = "backup-recovery";
        let back = format!("/skills/{slug}/comments");
        let (status, _, _) = send(page_form(
            "/api/post-comment",
            &format!("slug={slug}&body=First+draft+of+a+comment&back={back}"),
            Some(&author),
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, listed) = send(form_call(
            "/api/comments",
            &format!("slug={slug}&page=1"),
            &author,
        ))
        .await;
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        let id = listed["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["body"] == "First draft of a comment")
            .unwrap()["id"]
            .as_i64()
            .unwrap();

        // Not allowed: said on the page, nothing changed.
        let (status, _, page) = send(page_form(
            "/api/delete-comment",
            &format!("id={id}&back={back}"),
            Some(&other),
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only its author may do this."),
            "{page}"
        );
        assert!(text(&page).contains("First draft of a comment"));
        let (status, _, page) = send(page_form(
            "/api/hide-comment",
            &format!("id={id}&hidden=true&back={back}"),
            Some(&other),
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only reviewers may do this."),
            "{page}"
        );

        let steps = [
            (
                &author,
                format!("id={id}&body=Second+draft&back={back}"),
                "/api/edit-comment",
                "Your comment was saved.",
            ),
            (
                &boss,
                format!("id={id}&hidden=true&back={back}"),
                "/api/hide-comment",
                "The comment is hidden from readers.",
            ),
            (
                &boss,
                format!("id={id}&hidden=false&back={back}"),
                "/api/hide-comment",
                "The comment is shown to readers again.",
            ),
            (
                &author,
                format!("id={id}&back={back}"),
                "/api/delete-comment",
                "Your comment was deleted.",
            ),
        ];
        for (cookie, body, path, said) in steps {
            let (status, headers, _) = send(page_form(path, &body, Some(cookie))).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
            let (_, page) = after_redirect(&headers, cookie).await;
            assert!(text(&page).contains(said), "{path}: {page}");
        }

        let member = signed_up("form-withdrawer", [10, 32, 0, 4]).await;
        let id = propose(
            &member,
            slug,
            1,
            "junior",
            "dba",
            "Restores a table.",
            "key-form-withdraw-001",
        )
        .await;
        let back = format!("/skills/{slug}/proposals/{id}");
        let (status, _, page) = send(page_form(
            "/api/withdraw",
            &format!("slug={slug}&id={id}&back={back}"),
            Some(&other),
        ))
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only its author may do this."),
            "{page}"
        );
        let (status, headers, _) = send(page_form(
            "/api/withdraw",
            &format!("slug={slug}&id={id}&back={back}"),
            Some(&member),
        ))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = after_redirect(&headers, &member).await;
        assert!(text(&page).contains("You withdrew this proposal"), "{page}");
        assert!(text(&page).contains("Withdrawn by its author."));
        // A proposal that is not there is said to be missing, not the skill.
        let (status, _, page) = send(page_form(
            "/api/withdraw",
            &format!("slug={slug}&id=999999&back={back}"),
            Some(&member),
        ))
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            text(&page).contains("There is no such proposal of this skill."),
            "{page}"
        );
        // Deleted, a comment is said to be gone.
        let (status, _, page) = send(page_form(
            "/api/edit-comment",
            &format!("id=999999&body=x&back={back}"),
            Some(&member),
        ))
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            text(&page).contains("This comment no longer exists"),
            "{page}"
        );
    });
}
