//! The public JSON API (`/api/v1`): skills, roles, revisions, errors, ETags, CORS, OpenAPI.

use crate::common::test_app::{TestApp, PORTAL};
use crate::util::{json_of, reader, run, SEED};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

#[test]
fn the_api_lists_skills_and_roles_and_answers_one_skill_filtered_with_etags() {
    run(async {
        let app = reader();
        let (status, headers, body) = app.get_with("/api/v1/skills", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
        let skills = json_of(&body);
        let listed = skills["skills"].as_array().unwrap();
        assert_eq!(listed.len(), app.state().catalog().profiles().len());
        assert!(listed
            .iter()
            .any(|s| s["slug"] == SEED && s["path"] == format!("/skills/{SEED}")));

        let (_, _, roles) = app.get_with("/api/v1/roles", &[]).await;
        let roles = json_of(&roles);
        assert!(roles["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "dba"));

        let (status, headers, body) = app
            .get_with(&format!("/api/v1/skills/{SEED}?role=dba&level=senior"), &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        let skill = json_of(&body);
        assert_eq!(skill["slug"], SEED);
        assert_eq!(skill["expectations"].as_array().unwrap().len(), 1);
        assert_eq!(skill["expectations"][0]["role"], "dba");
        assert_eq!(skill["expectations"][0]["level"], "senior");
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");

        let (status, headers, body) = app
            .get_with(
                &format!("/api/v1/skills/{SEED}?role=dba&level=senior"),
                &[("if-none-match", &etag)],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        assert_eq!(headers[header::ETAG].to_str().unwrap(), etag);

        let (_, _, whole) = app.get_with(&format!("/api/v1/skills/{SEED}"), &[]).await;
        assert_eq!(
            json_of(&whole)["expectations"].as_array().unwrap().len(),
            15
        );
    });
}

#[test]
fn the_api_explains_unknown_skills_roles_levels_and_revisions_in_json() {
    run(async {
        let app = reader();
        let (status, headers, body) = app.get_with("/api/v1/skills/no-such-skill", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(json_of(&body)["error"]["code"], "not_found");

        let (status, _, body) = app
            .get_with(&format!("/api/v1/skills/{SEED}?role=chef"), &[])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let error = json_of(&body);
        assert_eq!(error["error"]["code"], "unknown_role");
        assert!(error["error"]["message"].as_str().unwrap().contains("dba"));

        let (status, _, body) = app
            .get_with(&format!("/api/v1/skills/{SEED}?level=wizard"), &[])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(json_of(&body)["error"]["code"], "unknown_level");

        for number in ["0", "999", "x"] {
            let (status, _, body) = app
                .get_with(&format!("/api/v1/skills/{SEED}/revisions/{number}"), &[])
                .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{number}");
            assert_eq!(json_of(&body)["error"]["code"], "not_found");
        }
    });
}

#[test]
fn a_numbered_revision_is_cacheable_forever_and_the_history_lists_it() {
    run(async {
        let app = reader();
        let (status, headers, body) = app
            .get_with("/api/v1/skills/backup-recovery/revisions/1", &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(json_of(&body)["revision"], 1);
        let (_, _, list) = app
            .get_with("/api/v1/skills/backup-recovery/revisions", &[])
            .await;
        let list = json_of(&list);
        assert_eq!(list["revisions"][0]["number"], 1);
        assert_eq!(list["revisions"][0]["author"], serde_json::Value::Null);
    });
}

#[test]
fn cors_lets_the_configured_portal_read_the_api_and_no_one_else() {
    run(async {
        let app = reader();
        let (_, headers, _) = app.get_with("/api/v1/skills", &[("origin", PORTAL)]).await;
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PORTAL);
        // Header names in CORS lists are case-insensitive (tower-http writes them lowercase).
        let lower = |name| headers[name].to_str().unwrap().to_ascii_lowercase();
        assert_eq!(lower(header::ACCESS_CONTROL_EXPOSE_HEADERS), "etag");
        assert!(headers.get_all(header::VARY).iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("origin")));

        let (_, headers, _) = app
            .get_with("/api/v1/skills", &[("origin", "https://elsewhere.example")])
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
        let (status, headers, _) = app.send(preflight(PORTAL)).await;
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
        let (_, headers, _) = app.send(preflight("https://elsewhere.example")).await;
        assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    });
}

#[test]
fn the_openapi_document_is_served_with_its_server_url() {
    run(async {
        let app = reader();
        let based = TestApp::builder().base_path("/kb").build().await;
        let (status, _, body) = app.get_with("/api/v1/openapi.json", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let document = json_of(&body);
        assert_eq!(document["openapi"], "3.1.0");
        assert_eq!(document["servers"][0]["url"], "/api/v1");
        let (_, _, body) = based.get_with("/kb/api/v1/openapi.json", &[]).await;
        assert_eq!(json_of(&body)["servers"][0]["url"], "/kb/api/v1");
    });
}
