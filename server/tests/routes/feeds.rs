//! Atom feeds: per skill, per role and for the catalog — valid, with stable ids, entries
//! for the right role, absolute links, discovery links on the pages, and 304 on a repeat.

use crate::common::test_app::TestApp;
use crate::util::{escape, reader, run};
use atom_syndication::Feed;
use axum::http::{header, StatusCode};
use std::str::FromStr;

/// The feed at `uri`, parsed (the test fails on anything that is not Atom).
async fn feed(app: &TestApp, uri: &str) -> Feed {
    let (status, headers, body) = app.get(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    assert!(body.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#));
    Feed::from_str(&body).unwrap_or_else(|err| panic!("{uri}: {err}\n{body}"))
}

/// Reviewer `boss` accepts `member`'s change of one backend-engineer cell of observability;
/// the changed text.
async fn accepted_change(app: &TestApp) -> &'static str {
    let member = app.sign_up("feed-member", [10, 9, 0, 1]).await;
    let boss = app.reviewer("feed-boss", [10, 9, 0, 2]).await;
    let wanted = "Reads the golden signals and explains a latency spike <in plain words>.";
    let id = app
        .propose(
            &member,
            "observability",
            1,
            "junior",
            "backend-engineer",
            wanted,
            "key-feed-router-0001",
        )
        .await;
    let (status, _) = app
        .accept(&boss, "observability", id, 1, serde_json::json!([]))
        .await;
    assert_eq!(status, StatusCode::OK);
    wanted
}

#[test]
fn a_skill_feed_has_an_entry_per_revision_newest_first_with_the_changed_cells() {
    run(async {
        let app = TestApp::new().await;
        let first = feed(&app, "/skills/observability/feed.atom").await;
        assert_eq!(first.entries.len(), 1, "revision 1 only");
        assert!(first.entries[0].title.value.ends_with("revision 1"));

        let wanted = accepted_change(&app).await;
        let feed = feed(&app, "/skills/observability/feed.atom").await;
        assert_eq!(feed.title.value, "Observability · Skill Profiles");
        let [newest, oldest] = &feed.entries[..] else {
            panic!("two entries: {:?}", feed.entries);
        };
        assert!(newest.title.value.ends_with("revision 2"));
        assert_eq!(newest.authors[0].name, "feed-member");
        let summary = &newest.summary.as_ref().unwrap().value;
        assert!(summary.starts_with("1 cell changed by feed-member, accepting proposal #"));
        let html = newest.content.as_ref().unwrap().value.as_deref().unwrap();
        assert!(html.contains("Backend Engineer at Junior"), "{html}");
        assert!(html.contains(&escape(wanted)), "the text, escaped: {html}");
        assert_eq!(
            feed.updated, newest.updated,
            "the feed is as new as its newest entry"
        );
        // Links are absolute: a feed reader has no page to resolve them against.
        let alternate = &newest.links[0].href;
        assert_eq!(
            alternate,
            "http://localhost/skills/observability/compare?from=1&to=2"
        );
        assert!(newest.links[1]
            .href
            .contains("/skills/observability/proposals/"));
        assert_eq!(
            oldest.id,
            "tag:localhost,2026:/skills/observability/revisions/1"
        );
        assert!(feed.links.iter().any(
            |l| l.rel == "self" && l.href == "http://localhost/skills/observability/feed.atom"
        ));
    });
}

#[test]
fn entry_ids_are_the_same_in_another_server_and_after_new_revisions() {
    run(async {
        let app = TestApp::new().await;
        let before = feed(&app, "/feed.atom").await;
        accepted_change(&app).await;
        let after = feed(&app, "/feed.atom").await;
        let other = feed(&TestApp::new().await, "/feed.atom").await;
        let ids = |feed: &Feed| {
            feed.entries
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&before), ids(&other), "another server, the same ids");
        assert_eq!(after.entries.len(), before.entries.len() + 1);
        assert_eq!(
            &ids(&after)[1..],
            &ids(&before)[..],
            "old entries keep their ids"
        );
        assert_eq!(
            after.entries[0].id,
            "tag:localhost,2026:/skills/observability/revisions/2"
        );
    });
}

#[test]
fn a_role_feed_has_only_the_revisions_that_touch_the_role_and_only_its_cells() {
    run(async {
        let app = TestApp::new().await;
        let wanted = accepted_change(&app).await;
        let backend = feed(&app, "/roles/backend-engineer/feed.atom").await;
        assert_eq!(backend.title.value, "Backend Engineer · Skill Profiles");
        let newest = &backend.entries[0];
        assert!(newest.title.value.starts_with("Observability: revision 2"));
        let html = newest.content.as_ref().unwrap().value.as_deref().unwrap();
        assert!(html.contains(&escape(wanted)));
        assert!(newest
            .categories
            .iter()
            .any(|c| c.term == "backend-engineer"));

        let sre = feed(&app, "/roles/site-reliability-engineer/feed.atom").await;
        assert!(
            sre.entries
                .iter()
                .all(|e| !e.id.ends_with("observability/revisions/2")),
            "a change to another role's cell is not in this role's feed"
        );
        assert!(
            sre.entries
                .iter()
                .any(|e| e.id.ends_with("observability/revisions/1")),
            "the skill's first revision, with the role, is"
        );
        let (status, _, _) = app.get("/roles/astronaut/feed.atom").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

#[test]
fn a_feed_asked_for_again_is_answered_304_by_etag_or_date() {
    run(async {
        let app = reader();
        let (status, headers, _) = app.get_with("/skills/observability/feed.atom", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        let modified = headers[header::LAST_MODIFIED].to_str().unwrap().to_owned();
        assert!(modified.ends_with(" GMT"), "{modified}");
        let (status, _, body) = app
            .get_with(
                "/skills/observability/feed.atom",
                &[("if-none-match", &etag)],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        let (status, _, _) = app
            .get_with(
                "/skills/observability/feed.atom",
                &[("if-modified-since", &modified)],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        let (status, _, _) = app
            .get_with(
                "/skills/observability/feed.atom",
                &[("if-modified-since", "Thu, 01 Jan 2015 00:00:00 GMT")],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = app.get_with("/skills/no-such-skill/feed.atom", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

#[test]
fn pages_link_their_feeds_for_readers_and_for_feed_readers() {
    run(async {
        let app = reader();
        for (page, feed) in [
            ("/skills/observability", "/skills/observability/feed.atom"),
            (
                "/roles/backend-engineer",
                "/roles/backend-engineer/feed.atom",
            ),
            ("/", "/feed.atom"),
        ] {
            let html = app.page(page).await;
            let head = &html[..html.find("</head>").unwrap_or(0)];
            let discovery = format!(r#"<link href="{feed}" rel="alternate""#);
            assert!(
                head.contains(&discovery) && head.contains(r#"type="application/atom+xml""#),
                "{page} names {feed} for feed readers: {head}"
            );
        }
        let profile = app.page("/skills/observability").await;
        assert!(profile.contains("Follow (Atom feed)"));
        let ladder = app.page("/roles/backend-engineer").await;
        assert!(ladder.contains("Follow this role's changes (Atom feed)"));
    });
}

#[test]
fn a_profile_says_which_revision_it_is_and_links_what_the_last_one_changed() {
    run(async {
        let app = TestApp::new().await;
        let first = app.page("/skills/observability").await;
        assert!(first.contains("Revision 1 · first published on"), "{first}");
        accepted_change(&app).await;
        let page = app.page("/skills/observability").await;
        assert!(page.contains("Revision 2 · changed 1 cell on"));
        assert!(page.contains(r#"href="/skills/observability/compare?from=1&amp;to=2""#));
    });
}
