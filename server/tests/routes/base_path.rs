//! The site served under a base path (`/kb`): pages, assets, links, redirects, calls.

use crate::common::test_app::{form_post, TestApp};
use crate::util::{run, SEED};
use axum::http::{header, StatusCode};

#[test]
fn under_a_base_path_pages_assets_links_and_redirects_carry_it() {
    run(async {
        let based = TestApp::builder().base_path("/kb").build().await;
        let (status, _, html) = based.get_with(&format!("/kb/skills/{SEED}"), &[]).await;
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

        let (status, _, _) = based.get_with(&format!("/skills/{SEED}"), &[]).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "nothing is served outside the base"
        );
        let (status, headers, _) = based.get_with("/", &[]).await;
        assert!(status.is_redirection());
        assert_eq!(headers[header::LOCATION], "/kb/");

        let (status, _, body) = based.get_with("/kb/api/v1/skills", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(&format!(r#""path": "/kb/skills/{SEED}""#)));

        let (status, _, body) = based
            .send(form_post(
                "/kb/api/profile",
                &format!("slug={SEED}"),
                [10, 9, 0, 2],
                None,
            ))
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
        let (status, headers, _) = based.send(sign_in).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/kb/sign-in?"), "{location}");
    });
}
