//! The growth plan and side by side: server-rendered, linkable pages, and the one server
//! function the plan's notes call.

use crate::common::test_app::form_post;
use crate::util::{reader, run, text, SEED};
use axum::http::StatusCode;

/// The note keys (`data-key`) of a plan page, in order.
fn plan_keys(html: &str) -> Vec<&str> {
    html.split(r#"data-key=""#)
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(key, _)| key))
        .collect()
}

#[test]
fn a_plan_lists_every_skill_of_the_role_at_the_target_level_with_what_is_new() {
    run(async {
        let app = reader();
        let (status, _, html) = app.get("/plan?role=dba&level=senior").await;
        assert_eq!(status, StatusCode::OK);
        let keys = plan_keys(&html);
        assert_eq!(keys.len(), 5, "the five skills with a DBA: {keys:?}");
        assert!(keys.contains(&"replication-high-availability/dba/senior"));
        let page = text(&html);
        assert!(page.contains("Database Engineer / DBA at Senior"), "{page}");
        assert!(page.contains("New since Middle:"));
        assert!(html.contains(r#"<select id="plan-role" name="role" required>"#));
        assert!(
            html.contains(r#"<option value="dba" selected>"#),
            "the form shows the choice"
        );
        // Narrowed to a domain: only its skills.
        let (_, _, html) = app
            .get("/plan?role=dba&level=senior&domain=data-engineering")
            .await;
        assert!(plan_keys(&html).iter().all(|k| !k.starts_with(SEED)));
    })
}

#[test]
fn an_unknown_role_level_or_domain_is_a_404_that_names_it_above_the_form() {
    run(async {
        let app = reader();
        for (uri, said) in [
            (
                "/plan?role=cto",
                "There is no role “cto” in this framework.",
            ),
            (
                "/plan?role=dba&level=guru",
                "This role has no level “guru”.",
            ),
            (
                "/plan?role=dba&domain=nowhere",
                "There is no domain “nowhere”.",
            ),
        ] {
            let (status, _, html) = app.get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert!(text(&html).contains(said), "{uri}");
            assert!(html.contains(r#"class="plan-form""#), "{uri}");
        }
        let (status, _, html) = app.get("/plan").await;
        assert_eq!(status, StatusCode::OK, "the form alone");
        assert!(plan_keys(&html).is_empty());
    })
}

#[test]
fn side_by_side_compares_two_levels_in_a_skill_and_two_roles_across_every_skill() {
    run(async {
        let app = reader();
        let (status, _, html) = app
            .get(&format!("/compare?skill={SEED}&a=dba/middle&b=dba/senior"))
            .await;
        assert_eq!(status, StatusCode::OK);
        let page = text(&html);
        assert!(page.contains("Becomes required: optional for Database Engineer / DBA at Middle, required for Database Engineer / DBA at Senior."), "{page}");
        assert_eq!(html.matches(r#"<li class="pair">"#).count(), 1);
        assert!(html.contains("<ins>"));

        let (status, _, html) = app
            .get("/compare?a=dba/senior&b=data-engineer/senior")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches(r#"<li class="pair">"#).count(), 8);
        assert!(text(&html).contains("Across the 8 skills where either appears"));

        let (status, _, _) = app.get("/compare?skill=no-such-skill").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, html) = app.get("/compare?a=dba/guru&b=dba/senior").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(text(&html).contains("“dba/guru” is not a role and level of any skill."));
    })
}

#[test]
fn the_plan_learns_which_noted_expectations_are_gone_from_their_keys_alone() {
    run(async {
        let app = reader();
        let body = format!(
            "keys[0]={SEED}%2Fdba%2Fsenior&keys[1]=retired%2Fdba%2Fsenior&keys[2]={SEED}%2Fcto%2Fsenior&keys[3]=nonsense"
        );
        let (status, _, answer) = app
            .send(form_post(
                "/api/gone-expectations",
                &body,
                [10, 9, 0, 1],
                None,
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let gone: Vec<String> = serde_json::from_str(&answer).unwrap();
        assert_eq!(
            gone,
            [
                "retired/dba/senior",
                &format!("{SEED}/cto/senior"),
                "nonsense"
            ]
        );
    })
}
