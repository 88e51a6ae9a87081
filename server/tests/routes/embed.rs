//! Taking a profile elsewhere: the embed view, oEmbed, and downloads.

use crate::common::test_app::PORTAL;
use crate::util::{json_of, reader, run, SEED};
use axum::http::{header, StatusCode};

#[test]
fn oembed_answers_a_rich_iframe_for_a_profile_address_on_this_host_only() {
    run(async {
        let app = reader();
        let url = format!("http://skills.example.com/skills/{SEED}?role=dba&level=senior");
        let (status, _, body) = app
            .get_with(
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
        let (_, _, page) = app.get_with(&format!("/skills/{SEED}"), &[]).await;
        let discovery = format!(
            r#"<link rel="alternate" type="application/json+oembed" href="http://skills.example.com/oembed?url=http%3A%2F%2Fskills.example.com%2Fskills%2F{SEED}""#
        );
        assert!(page.contains(&discovery), "no oEmbed discovery link");
        let (_, _, catalog) = app.get_with("/", &[]).await;
        assert!(
            !catalog.contains("json+oembed"),
            "only profiles are embeddable"
        );

        let elsewhere = format!("https://evil.example/skills/{SEED}");
        let (status, _, _) = app
            .get_with(
                &format!("/oembed?url={}", app::model::percent_encode(&elsewhere)),
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = app
            .get_with(
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
        let app = reader();
        let (status, headers, html) = app
            .get_with(
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

        let (_, headers, _) = app.get_with(&format!("/skills/{SEED}"), &[]).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'self';"), "{csp}");
        assert!(!csp.contains(PORTAL), "{csp}");
    });
}

#[test]
fn the_full_embed_links_role_ladders_out_of_the_frame_and_keeps_its_parameters() {
    run(async {
        let app = reader();
        let (_, _, html) = app
            .get_with(&format!("/embed/skills/{SEED}?theme=light"), &[])
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
        let app = reader();
        let (status, headers, csv) = app
            .get_with(&format!("/skills/{SEED}/export?format=csv&part=all"), &[])
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

        let (_, headers, markdown) = app
            .get_with(
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

        let (status, _, json) = app
            .get_with(&format!("/skills/{SEED}/export?format=json"), &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json_of(&json)["expectations"].as_array().unwrap().len(), 15);

        let (status, _, body) = app
            .get_with(&format!("/skills/{SEED}/export?format=pdf"), &[])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("json, csv or md"));
    });
}
