//! Browsing: the catalog, search, domain and group pages, and role ladders.

use crate::util::{reader, run, text, SEED};
use axum::http::StatusCode;

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

#[test]
fn the_catalog_lists_every_shipped_profile_with_its_figures_and_ways_to_browse() {
    run(async {
        let app = reader();
        let (status, _, html) = app.get("/").await;
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
        let app = reader();
        let (status, _, html) = app.get("/?q=backup").await;
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
        let app = reader();
        let (status, _, html) = app.get("/domains/infrastructure?q=zebra+crossing").await;
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
        let app = reader();
        let (status, _, html) = app.get("/domains/infrastructure").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            result_slugs(&html),
            ["infrastructure-as-code", "observability"]
        );
        assert!(text(&html).contains("<h1>Infrastructure</h1>"));
        let (status, _, html) = app
            .get("/domains/database-management/database-administration")
            .await;
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
        let app = reader();
        for uri in [
            "/domains/nope",
            "/domains/infrastructure/nope",
            "/roles/nobody",
        ] {
            let (status, _, html) = app.get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert!(html.contains("Page not found"), "{uri}");
        }
    })
}

#[test]
fn a_role_ladder_lists_every_skill_of_the_role_with_the_chosen_level() {
    run(async {
        let app = reader();
        let (status, _, html) = app.get("/roles/dba?level=senior").await;
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
