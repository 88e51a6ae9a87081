//! Comments through their server functions: who may post, edit, delete and hide them.

use crate::common::test_app::{form_call, json_call, TestApp};
use crate::util::run;
use axum::body::Body;
use axum::http::{header, StatusCode};

#[test]
fn comments_need_sign_in_keep_html_as_data_and_only_reviewers_hide_them() {
    run(async {
        let app = TestApp::new().await;
        let author = app.sign_up("commenter-one", [10, 11, 0, 1]).await;
        let other = app.sign_up("commenter-two", [10, 11, 0, 2]).await;
        let boss = app.reviewer("reviewer-comments", [10, 11, 0, 3]).await;
        let slug = "pipeline-orchestration";
        let mut anonymous = json_call("/api/post-comment", "", None);
        *anonymous.body_mut() = Body::from(format!("slug={slug}&body=hi"));
        anonymous.headers_mut().insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        let (status, _, _) = app.send(anonymous).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let html = "%3Cscript%3Ealert(1)%3C%2Fscript%3E+see+https%3A%2F%2Fexample.com";
        let (_, _, answer) = app
            .send(form_call(
                "/api/post-comment",
                &format!("slug={slug}&body={html}"),
                &author,
            ))
            .await;
        assert_eq!(answer, r#""Done""#);
        let long = "x".repeat(2_001);
        let (_, _, answer) = app
            .send(form_call(
                "/api/post-comment",
                &format!("slug={slug}&body={long}"),
                &author,
            ))
            .await;
        assert!(answer.contains("Shorten it by 1"), "{answer}");

        let (_, _, listed) = app
            .send(form_call(
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
        let (status, _, _) = app
            .send(form_call(
                "/api/delete-comment",
                &format!("id={id}"),
                &other,
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only its author deletes it");
        let (status, _, _) = app
            .send(form_call(
                "/api/hide-comment",
                &format!("id={id}&hidden=true"),
                &other,
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only reviewers hide");
        let (_, _, answer) = app
            .send(form_call(
                "/api/hide-comment",
                &format!("id={id}&hidden=true"),
                &boss,
            ))
            .await;
        assert_eq!(answer, r#""Done""#);
        let (_, _, listed) = app
            .send(form_call(
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
        let (_, _, answer) = app
            .send(form_call(
                "/api/edit-comment",
                &format!("id={id}&body=Calmer+now"),
                &author,
            ))
            .await;
        assert_eq!(answer, r#""Done""#);
    });
}
