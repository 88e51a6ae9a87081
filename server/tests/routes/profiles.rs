//! A profile's page: rendered whole by the server, deep links in their state, its links,
//! the pages that need the browser's storage, 404s, the health check and the watched-skills call.

use crate::util::{escape, reader, run, SEED};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::path::Path;

#[test]
fn the_seed_profile_is_rendered_on_the_server_with_all_fifteen_expectations() {
    run(async {
        let app = reader();
        let (status, headers, html) = app.get(&format!("/skills/{SEED}")).await;
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
        let app = reader();
        let (status, _, html) = app
            .get(&format!("/skills/{SEED}?role=dba&level=senior&open=lead"))
            .await;
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
        let app = reader();
        let (_, _, html) = app
            .get(&format!(
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
        let app = reader();
        let (status, _, html) = app
            .get(&format!(
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
        let app = reader();
        let (status, _, html) = app.get("/skills/no-such-skill").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Page not found"));
        assert!(html.contains("<title>Page not found · Skill Profiles</title>"));
    })
}

#[test]
fn an_unknown_path_gets_a_real_404_page() {
    run(async {
        let app = reader();
        let (status, _, html) = app.get("/nowhere/at/all").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("Page not found"));
    })
}

#[test]
fn a_profile_links_its_breadcrumb_role_ladders_and_neighbours_in_its_group() {
    run(async {
        let app = reader();
        let (_, _, html) = app.get(&format!("/skills/{SEED}")).await;
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

#[test]
fn browser_state_pages_render_a_placeholder_and_say_they_need_javascript() {
    run(async {
        let app = reader();
        for (uri, needs) in [
            ("/watching", "Watching needs JavaScript"),
            ("/drafts", "Drafts need JavaScript"),
            (
                &*format!("/skills/{SEED}/suggest"),
                "Suggesting changes needs JavaScript",
            ),
        ] {
            let (status, _, html) = app.get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(html.contains(needs), "{uri}");
        }
        let (status, _, _) = app.get("/skills/nope/suggest").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
}

#[test]
fn the_health_check_answers() {
    run(async {
        let app = reader();
        let (status, _, body) = app.get("/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    })
}

#[test]
fn the_watched_skills_call_answers_for_published_slugs_only() {
    run(async {
        let app = reader();
        let request = Request::post("/api/watched")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(format!("slugs[0]={SEED}&slugs[1]=gone")))
            .unwrap();
        let (status, _, body) = app.send(request).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let now: Vec<app::model::WatchedNow> = serde_json::from_str(&body).unwrap();
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].slug, SEED);
        assert_eq!(now[0].seen.updated.to_string(), "2026-03-17");
        assert_eq!(now[0].seen.fingerprint.len(), 16);
    })
}
