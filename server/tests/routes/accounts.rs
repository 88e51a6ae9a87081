//! Accounts: signing up, in and out, and the sign-in rate limit.

use crate::common::test_app::{form_post, json_call, TestApp};
use crate::util::{run, text};
use axum::http::{header, StatusCode};

#[test]
fn signing_up_sets_a_session_cookie_that_signs_the_user_in_and_signing_out_ends_it() {
    run(async {
        let app = TestApp::new().await;
        let cookie = app.sign_up("ada-signup", [10, 1, 0, 1]).await;
        let (status, _, body) = app.send(json_call("/api/me", "", Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains(r#""name":"ada-signup""#), "{body}");
        let (_, _, html) = app.get_with_cookie("/", &cookie).await;
        assert!(
            text(&html).contains("ada-signup"),
            "the header names the user"
        );

        let (status, headers, _) = app
            .send(form_post("/sign-out", "", [10, 1, 0, 1], Some(&cookie)))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0"));
        let (_, _, body) = app.send(json_call("/api/me", "", Some(&cookie))).await;
        assert_eq!(body, "null", "the session is gone");
    });
}

#[test]
fn a_taken_name_a_short_password_and_a_wrong_password_go_back_to_the_form_with_the_problem() {
    run(async {
        let app = TestApp::new().await;
        app.sign_up("grace-taken", [10, 2, 0, 1]).await;
        let (status, headers, _) = app
            .send(form_post(
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
        let (_, headers, _) = app
            .send(form_post(
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
        let (_, headers, _) = app
            .send(form_post(
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
        let (_, _, html) = app
            .get("/sign-in?username=grace-taken&problem=wrong-password")
            .await;
        assert!(html.contains("That username and password do not match."));
        assert!(html.contains(r#"aria-invalid="true""#));
    });
}

#[test]
fn the_eleventh_sign_in_from_one_address_in_five_minutes_gets_429_with_retry_after() {
    run(async {
        let app = TestApp::new().await;
        for _ in 0..10 {
            let (status, _, _) = app
                .send(form_post(
                    "/sign-in",
                    "username=nobody-here&password=guess+guess+guess",
                    [10, 3, 0, 1],
                    None,
                ))
                .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
        let (status, headers, html) = app
            .send(form_post(
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
        let (status, _, _) = app
            .send(form_post(
                "/sign-in",
                "username=nobody-here&password=guess+guess+guess",
                [10, 3, 0, 2],
                None,
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    });
}
