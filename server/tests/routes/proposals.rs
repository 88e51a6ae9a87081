//! Proposals through their server functions: submitting, listing, accepting (with
//! conflicts), rejecting and withdrawing.

use crate::common::test_app::{form_call, json_call, TestApp};
use crate::util::{escape, reader, run, submission, text, SEED};
use axum::http::StatusCode;
use std::path::Path;

#[test]
fn a_submission_is_stored_once_per_key_listed_and_shown_as_a_diff_with_html_as_text() {
    run(async {
        let app = TestApp::new().await;
        let body = submission(
            "key-router-test-000000001",
            "Explains <script>alert('x')</script> streaming replication.",
            "Juniors meet <b>this</b> early.",
        );
        let (status, _, answer) = app
            .send(json_call("/api/submit-proposal", &body, None))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
        assert!(answer.contains("SignInRequired"), "{answer}");

        let cookie = app.sign_up("linus-submits", [10, 5, 0, 1]).await;
        let (status, _, answer) = app
            .send(json_call("/api/submit-proposal", &body, Some(&cookie)))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let first: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let id = first["Accepted"]["id"].as_i64().expect("an id");
        assert_eq!(first["Accepted"]["repeated"], false);
        let (_, _, again) = app
            .send(json_call("/api/submit-proposal", &body, Some(&cookie)))
            .await;
        let again: serde_json::Value = serde_json::from_str(&again).unwrap();
        assert_eq!(again["Accepted"]["id"].as_i64(), Some(id));
        assert_eq!(again["Accepted"]["repeated"], true);

        let (_, _, list) = app.get(&format!("/skills/{SEED}/proposals")).await;
        assert!(text(&list).contains(&format!("Proposal #{id}")));
        assert!(text(&list).contains("linus-submits"));
        let (status, _, page) = app.get(&format!("/skills/{SEED}/proposals/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !page.contains("<script>alert"),
            "HTML in a proposal is text"
        );
        assert!(page.contains("&lt;script&gt;alert"));
        assert!(page.contains("<ins>"), "the new words are marked");
        assert!(page.contains("Juniors meet &lt;b&gt;this&lt;/b&gt; early."));
        let (status, _, _) = app
            .get(&format!("/skills/observability/proposals/{id}"))
            .await;
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
        let app = TestApp::new().await;
        let cookie = app.sign_up("margaret-invalid", [10, 6, 0, 1]).await;
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
        let (status, _, answer) = app
            .send(json_call("/api/submit-proposal", &body, Some(&cookie)))
            .await;
        assert_eq!(status, StatusCode::OK);
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let problems = answer["Invalid"]["problems"].as_array().expect("problems");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0]["field"], "Draft");
        assert_eq!(problems[1]["field"], "Rationale");
        let (_, _, list) = app.get(&format!("/skills/{SEED}/proposals")).await;
        assert!(
            !text(&list).contains("margaret-invalid"),
            "nothing was stored"
        );
    });
}

#[test]
fn a_reviewer_accepts_a_proposal_and_the_profile_and_history_change_at_once() {
    run(async {
        let app = TestApp::new().await;
        let member = app.sign_up("member-accept", [10, 7, 0, 1]).await;
        let wanted =
            "Reads the golden signals dashboard and explains a latency spike in plain words.";
        let id = app
            .propose(
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
            let (_, _, page) = app.get("/skills/observability").await;
            assert!(!page.contains(&escape(wanted)));
            let (_, _, history) = app.get("/skills/observability/history").await;
            assert!(!text(&history).contains("Revision 2"));
        }
        let (status, _) = app
            .accept(&member, "observability", id, 1, serde_json::json!([]))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "members cannot review");
        let (_, _, queue) = app
            .send(json_call("/api/review-queue", "", Some(&member)))
            .await;
        assert!(queue.contains("NotAllowed"), "{queue}");

        let boss = app.reviewer("reviewer-accept", [10, 7, 0, 2]).await;
        let (_, _, queue) = app
            .send(json_call("/api/review-queue", "", Some(&boss)))
            .await;
        assert!(queue.contains(&format!(r#""id":{id}"#)), "{queue}");
        let (status, answer) = app
            .accept(&boss, "observability", id, 1, serde_json::json!([]))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 2}}));

        let (_, _, page) = app.get("/skills/observability").await;
        assert!(
            page.contains(&escape(wanted)),
            "the new text is published at once"
        );
        let (_, _, history) = app.get("/skills/observability/history").await;
        let history = text(&history);
        assert!(
            history.contains("Revision 2") && history.contains("member-accept"),
            "{history}"
        );
        assert!(history.contains(&format!("proposal #{id}")), "{history}");
        assert!(history.contains("Imported from the content files"));
        let (status, _, diff) = app
            .get("/skills/observability/history/compare?from=1&to=2")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(diff.contains("<ins>"), "word-level changes are marked");
        assert_eq!(diff.matches("<h3>").count(), 1, "one cell changed");
        assert!(diff.contains("<h3>Backend Engineer at Junior</h3>"));
        // Headings go down one level at a time: h1, the section's h2, then a cell's h3.
        let h2 = diff.find("<h2").expect("the changes have a heading");
        assert!(diff.find("<h1").unwrap() < h2 && h2 < diff.find("<h3>").unwrap());
        let (status, _, _) = app
            .get("/skills/observability/history/compare?from=1&to=9")
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, _, proposal) = app
            .get(&format!("/skills/observability/proposals/{id}"))
            .await;
        assert!(text(&proposal).contains("Accepted by reviewer-accept"));
        // The revision it was decided on is gone: deciding again is refused.
        let (_, answer) = app
            .accept(&boss, "observability", id, 2, serde_json::json!([]))
            .await;
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
        let app = TestApp::new().await;
        let boss = app.reviewer("reviewer-own", [10, 8, 0, 1]).await;
        let id = app
            .propose(
                &boss,
                "infrastructure-as-code",
                1,
                "junior",
                "infrastructure-engineer",
                "Writes a first Terraform module.",
                "key-own-router-000001",
            )
            .await;
        let (_, answer) = app
            .accept(
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
        let answer = app
            .reject(&boss, "infrastructure-as-code", id, "Not+mine+to+judge.")
            .await;
        assert!(answer.contains("your own proposal"), "{answer}");
        let stored = app.store().proposal(id).await.unwrap().unwrap();
        assert_eq!(stored.status, app::model::Status::Open);
        let (_, _, page) = app
            .get_with_cookie(
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
        let app = TestApp::new().await;
        let first = app.sign_up("member-first", [10, 9, 0, 1]).await;
        let second = app.sign_up("member-second", [10, 9, 0, 2]).await;
        let boss = app.reviewer("reviewer-conflict", [10, 9, 0, 3]).await;
        let slug = "backup-recovery";
        let a = app
            .propose(
                &first,
                slug,
                1,
                "senior",
                "dba",
                "Designs backup policy A.",
                "key-conflict-router-001",
            )
            .await;
        let b = app
            .propose(
                &second,
                slug,
                1,
                "senior",
                "dba",
                "Designs backup policy B.",
                "key-conflict-router-002",
            )
            .await;
        let (_, answer) = app.accept(&boss, slug, a, 1, serde_json::json!([])).await;
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 2}}));

        let body = format!("slug={slug}&id={b}");
        let (_, _, detail) = app.send(form_call("/api/proposal", &body, &boss)).await;
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
        let state = &detail["merged"][0][1]["state"]["Conflict"];
        assert_eq!(
            state["current"]["text"], "Designs backup policy A.",
            "{detail}"
        );
        assert_eq!(detail["published_revision"], 2);

        let (_, answer) = app.accept(&boss, slug, b, 1, serde_json::json!([])).await;
        assert!(answer["Refused"]["message"]
            .as_str()
            .unwrap()
            .contains("changed since this page was opened"));
        let (_, answer) = app.accept(&boss, slug, b, 2, serde_json::json!([])).await;
        assert!(
            answer["Refused"]["message"]
                .as_str()
                .unwrap()
                .contains("choose what to publish"),
            "{answer}"
        );
        let (_, _, page) = app.get(&format!("/skills/{slug}")).await;
        assert!(
            page.contains("Designs backup policy A."),
            "nothing was overwritten"
        );
        let settled = serde_json::json!([{"level": "senior", "role": "dba", "text": "Designs backup policies A and B.", "required": true}]);
        let (_, answer) = app.accept(&boss, slug, b, 2, settled).await;
        assert_eq!(answer, serde_json::json!({"Done": {"revision": 3}}));
        let (_, _, page) = app.get(&format!("/skills/{slug}")).await;
        assert!(page.contains("Designs backup policies A and B."));
    });
}

#[test]
fn a_rejection_needs_a_note_the_author_sees_and_an_author_may_withdraw() {
    run(async {
        let app = TestApp::new().await;
        let member = app.sign_up("member-reject", [10, 10, 0, 1]).await;
        let boss = app.reviewer("reviewer-reject", [10, 10, 0, 2]).await;
        let slug = "data-modelling";
        let id = app
            .propose(
                &member,
                slug,
                1,
                "junior",
                "data-engineer",
                "Draws an ER diagram.",
                "key-reject-router-0001",
            )
            .await;
        let answer = app.reject(&boss, slug, id, "+").await;
        assert!(answer.contains("Write a note"), "{answer}");
        let answer = app
            .reject(&boss, slug, id, "Too+narrow+%3Cb%3Efor%3C%2Fb%3E+juniors.")
            .await;
        assert_eq!(answer, r#"{"Done":{"revision":null}}"#);
        let (_, _, page) = app
            .get_with_cookie(&format!("/skills/{slug}/proposals/{id}"), &member)
            .await;
        assert!(text(&page).contains("Rejected by reviewer-reject:"));
        assert!(page.contains("Too narrow &lt;b&gt;for&lt;/b&gt; juniors."));

        let other = app
            .propose(
                &member,
                slug,
                1,
                "middle",
                "data-engineer",
                "Normalises to 3NF.",
                "key-withdraw-router-001",
            )
            .await;
        let (status, _, _) = app
            .send(form_call(
                "/api/withdraw",
                &format!("slug={slug}&id={other}"),
                &boss,
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, _, answer) = app
            .send(form_call(
                "/api/withdraw",
                &format!("slug={slug}&id={other}"),
                &member,
            ))
            .await;
        assert_eq!(answer, r#"{"Done":{"revision":null}}"#);
        let (_, _, list) = app.get(&format!("/skills/{slug}/proposals")).await;
        assert!(text(&list).contains("Withdrawn"));
        // The open ones alone (what the profile lists): the withdrawn one is not among them.
        let (status, _, open) = app
            .get(&format!("/skills/{slug}/proposals?status=open"))
            .await;
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
fn a_skill_nobody_proposed_a_change_to_says_so_by_name() {
    run(async {
        let app = reader();
        let (status, _, open) = app
            .get("/skills/database-security/proposals?status=open")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            text(&open).contains("No proposals yet for Database Security."),
            "{open}"
        );
    });
}
