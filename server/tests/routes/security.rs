//! What the router refuses or guards: cross-site calls, oversized and malformed bodies,
//! unreadable queries and forms, NUL characters, and the security headers and script policy.

use crate::common::test_app::{form_call, form_post, json_call, TestApp};
use crate::util::{reader, run, submission, SEED};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

/// A call of the profile server function with the `Sec-Fetch-Site` and `Origin` given.
fn server_fn_call(site: Option<&str>, origin: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/profile")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(site) = site {
        request = request.header("sec-fetch-site", site);
    }
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(format!("slug={SEED}"))).unwrap()
}

#[test]
fn a_same_origin_server_function_call_returns_the_profile() {
    run(async {
        let app = reader();
        let (status, _, body) = app
            .send(server_fn_call(
                Some("same-origin"),
                Some("http://127.0.0.1:3000"),
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let placed: Option<app::model::PlacedProfile> = serde_json::from_str(&body).unwrap();
        assert_eq!(placed.unwrap().profile.figures().required, 11);
    })
}

#[test]
fn a_cross_site_server_function_call_is_refused() {
    run(async {
        let app = reader();
        let (status, _, body) = app
            .send(server_fn_call(
                Some("cross-site"),
                Some("https://evil.example"),
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, "Requests from other sites are not accepted.");
        let (status, _, _) = app.send(server_fn_call(Some("same-site"), None)).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a sibling subdomain is another site too"
        );
    })
}

#[test]
fn an_old_browser_is_judged_by_its_origin_header() {
    run(async {
        let app = reader();
        let (status, _, _) = app
            .send(server_fn_call(None, Some("https://evil.example")))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, _) = app
            .send(server_fn_call(None, Some("http://127.0.0.1:3000")))
            .await;
        assert_eq!(status, StatusCode::OK);
    })
}

#[test]
fn an_oversized_body_is_refused_with_413() {
    run(async {
        let app = reader();
        let body = format!(
            "slug={}",
            "a".repeat(server::http::security::MAX_BODY_BYTES)
        );
        let request = Request::post("/api/profile")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .unwrap();
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    })
}

#[test]
fn an_oversized_chunked_body_is_refused_with_413_too() {
    run(async {
        let app = TestApp::new().await;
        // No Content-Length: the limit is only met while the body is read.
        let chunk = format!("submission={}", "a".repeat(1024));
        let chunks = (0..80).map(move |_| Ok::<_, std::io::Error>(chunk.clone()));
        let member = app.sign_up("member-chunked", [10, 19, 0, 4]).await;
        let request = Request::post("/api/submit-proposal")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &member)
            .body(Body::from_stream(futures::stream::iter(chunks)))
            .unwrap();
        let (status, _, answer) = app.send(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
        assert!(answer.contains("more than the server accepts"), "{answer}");
    })
}

#[test]
fn a_malformed_server_function_call_is_a_400_in_plain_words() {
    run(async {
        let app = TestApp::new().await;
        let member = app.sign_up("member-malformed", [10, 19, 0, 5]).await;
        let cases = [
            ("/api/submit-proposal", "application/json", "{"),
            (
                "/api/submit-proposal",
                "application/json",
                r#"{"submission": {"slug": "x", "base_revision": -1}}"#,
            ),
            (
                "/api/post-comment",
                "application/x-www-form-urlencoded",
                "slug=x&proposal=abc&body=hi",
            ),
            (
                "/api/accept",
                "application/x-www-form-urlencoded",
                "slug=x&id=abc&published_revision=1",
            ),
        ];
        for (path, content_type, body) in cases {
            let mut request = json_call(path, body, Some(&member));
            request
                .headers_mut()
                .insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            let (status, _, answer) = app.send(request).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {body}: {answer}");
            assert!(answer.contains("could not be read"), "{answer}");
            for parser_words in ["EOF", "deserializ", "invalid", "expected", "line "] {
                assert!(!answer.contains(parser_words), "{path} {body}: {answer}");
            }
        }
    })
}

#[test]
fn pages_carry_the_security_headers() {
    run(async {
        let app = reader();
        let (_, headers, _) = app.get(&format!("/skills/{SEED}")).await;
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'self'"));
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
    })
}

#[test]
fn pages_carry_a_policy_that_allows_exactly_their_inline_scripts_by_hash() {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    run(async {
        let app = reader();
        // Rendered for this request or kept from an earlier one: the same policy.
        app.get(&format!("/skills/{SEED}")).await;
        let (_, headers, html) = app.get(&format!("/skills/{SEED}")).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'self'"));
        let scripts_policy = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(
            !scripts_policy.contains("unsafe-inline"),
            "{scripts_policy}"
        );
        assert!(!csp.contains("'nonce-"), "no per-response nonce: {csp}");
        let allowed: Vec<&str> = csp
            .split("'sha256-")
            .skip(1)
            .filter_map(|rest| rest.split('\'').next())
            .collect();
        let scripts: Vec<String> = html
            .split("<script")
            .skip(1)
            .filter_map(|rest| {
                let (_, body) = rest.split_once('>')?;
                Some(body.split("</script>").next()?.to_owned())
            })
            .collect();
        assert!(
            scripts.len() >= 2,
            "the early script and the loader at least"
        );
        for script in &scripts {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script));
            assert!(
                allowed.contains(&hash.as_str()),
                "{script:.60} is not allowed by {csp}"
            );
        }
        assert!(
            allowed.len() <= scripts.len(),
            "nothing but the page's own scripts"
        );
    });
}

#[test]
fn a_cross_site_sign_in_or_submit_is_refused() {
    run(async {
        let app = TestApp::new().await;
        let mut request = form_post("/sign-in", "username=a&password=b", [10, 4, 0, 1], None);
        request
            .headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let mut request = json_call("/api/submit-proposal", &submission("k", "t", "r"), None);
        request.headers_mut().remove("sec-fetch-site");
        request
            .headers_mut()
            .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    });
}

#[test]
fn a_nul_character_in_a_rationale_comment_or_note_is_refused_with_a_message() {
    run(async {
        let app = TestApp::new().await;
        let member = app.sign_up("member-nul", [10, 19, 0, 2]).await;
        let (status, _, answer) = app
            .send(json_call(
                "/api/submit-proposal",
                &submission(
                    "key-nul-router-000001",
                    "Explains WAL shipping.",
                    "Because\u{0}.",
                ),
                Some(&member),
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(answer.contains("NUL character"), "{answer}");
        let (_, _, answer) = app
            .send(form_call(
                "/api/post-comment",
                &format!("slug={SEED}&body=Hello%00there"),
                &member,
            ))
            .await;
        assert!(answer.contains("NUL character"), "{answer}");
        let boss = app.reviewer("reviewer-nul", [10, 19, 0, 3]).await;
        let id = app
            .propose(
                &member,
                "change-data-capture",
                1,
                "senior",
                "dba",
                "Plans logical decoding slots.",
                "key-nul-router-000002",
            )
            .await;
        let answer = app
            .reject(&boss, "change-data-capture", id, "No%00pe")
            .await;
        assert!(answer.contains("NUL character"), "{answer}");
        assert_eq!(
            app.store().proposal(id).await.unwrap().unwrap().status,
            app::model::Status::Open
        );
    });
}

#[test]
fn an_unreadable_query_or_form_is_answered_in_the_products_words() {
    run(async {
        let app = TestApp::new().await;
        for uri in [
            format!("/skills/{SEED}/export?format=csv&format=md"),
            format!("/oembed?url=http%3A%2F%2F127.0.0.1%3A3000%2Fskills%2F{SEED}&maxwidth=-1"),
            format!("/api/v1/skills/{SEED}?role=dba&role=sre"),
        ] {
            let (status, _, body) = app.get(&uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
            assert!(
                body.contains("query string could not be read"),
                "{uri}: {body}"
            );
            for parser_words in ["Failed to deserialize", "duplicate field", "invalid digit"] {
                assert!(!body.contains(parser_words), "{uri}: {body}");
            }
        }
        // An empty sign-up: back to the form, each field saying what it needs.
        let (status, headers, _) = app
            .send(form_post("/sign-up", "", [10, 19, 0, 6], None))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers[header::LOCATION].to_str().unwrap();
        assert!(
            location.starts_with("/sign-up?") && location.contains("username-format"),
            "{location}"
        );
        // Not a form at all.
        let mut request = form_post("/sign-in", "%zz=%", [10, 19, 0, 7], None);
        request
            .headers_mut()
            .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        let (status, headers, _) = app.send(request).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("form-unreadable"));
        let (_, _, page) = app.get("/sign-in?problem=form-unreadable").await;
        assert!(page.contains("The form could not be read."));
    });
}
