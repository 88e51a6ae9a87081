//! The same actions as plain HTML forms (no JavaScript): post, redirect back with the
//! outcome shown once, or the page again with the refusal beside the field.

use crate::common::test_app::{form_call, page_form, set_cookie, TestApp};
use crate::util::{run, text};
use axum::http::{header, StatusCode};

#[test]
fn a_comment_posted_without_javascript_comes_back_to_its_page_with_the_outcome_shown() {
    run(async {
        let app = TestApp::new().await;
        let author = app.sign_up("form-commenter", [10, 30, 0, 1]).await;
        let slug = "observability";
        let back = format!("/skills/{slug}/comments%23comments");
        let (status, headers, _) = app
            .send(page_form(
                "/api/post-comment",
                &format!("slug={slug}&body=Posted+by+a+plain+form&back={back}"),
                Some(&author),
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            format!("/skills/{slug}/comments#comments")
        );
        let (headers, page) = app.after_redirect(&headers, &author).await;
        let page = text(&page);
        assert!(page.contains("Your comment was posted."), "{page}");
        assert!(page.contains("Posted by a plain form"));
        assert_eq!(
            set_cookie(&headers, "sp_flash").as_deref(),
            Some("sp_flash="),
            "shown once"
        );

        // Refused: the page comes back at once with the refusal beside the field, the text in it.
        let long = "y".repeat(2_001);
        let (status, _, page) = app
            .send(page_form(
                "/api/post-comment",
                &format!("slug={slug}&body={long}&back={back}"),
                Some(&author),
            ))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(&page);
        assert!(page.contains("Shorten it by 1"), "{page}");
        assert!(
            page.contains(&format!(">{long}</textarea>")),
            "the draft is kept"
        );
        assert!(page.contains(r#"aria-invalid="true""#));
        assert!(
            !page.contains("Loading"),
            "sent whole, not streamed after the page"
        );

        // Signed out: said so, and what was typed is still there to post after signing in.
        let (status, _, page) = app
            .send(page_form(
                "/api/post-comment",
                &format!("slug={slug}&body=Typed+while+signed+out&back={back}"),
                None,
            ))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let page = text(&page);
        assert!(page.contains("You are signed out"), "{page}");
        assert!(
            page.contains(">Typed while signed out</textarea>"),
            "{page}"
        );

        // Another site's form is refused before anything runs.
        let mut forged = page_form(
            "/api/post-comment",
            &format!("slug={slug}&body=forged&back={back}"),
            Some(&author),
        );
        forged
            .headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert_eq!(app.send(forged).await.0, StatusCode::FORBIDDEN);
    });
}

#[test]
fn a_reviewer_rejects_and_accepts_with_plain_forms() {
    run(async {
        let app = TestApp::new().await;
        let member = app.sign_up("form-member", [10, 31, 0, 1]).await;
        let boss = app.reviewer("form-reviewer", [10, 31, 0, 2]).await;
        let slug = "query-performance-tuning";
        let id = app
            .propose(
                &member,
                slug,
                1,
                "junior",
                "data-engineer",
                "Reads a plan.",
                "key-form-reject-0001",
            )
            .await;
        let back = format!("/skills/{slug}/proposals/{id}");
        let (status, _, page) = app
            .send(page_form(
                "/api/reject",
                &format!("slug={slug}&id={id}&note=+++&back={back}"),
                Some(&boss),
            ))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(&page);
        assert!(page.contains("Write a note"), "{page}");
        assert!(page.contains(r#"id="review-note""#) && page.contains(r#"aria-invalid="true""#));
        assert!(page.contains(r#"autofocus"#), "the note gets the focus");

        let (status, headers, _) = app
            .send(page_form(
                "/api/reject",
                &format!("slug={slug}&id={id}&note=Too+narrow.&back={back}"),
                Some(&boss),
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = app.after_redirect(&headers, &boss).await;
        let page = text(&page);
        assert!(
            page.contains("Rejected: the author sees your note."),
            "{page}"
        );
        assert!(page.contains("Rejected by form-reviewer:"));

        let other = app
            .propose(
                &member,
                slug,
                1,
                "middle",
                "data-engineer",
                "Tunes indexes.",
                "key-form-accept-0001",
            )
            .await;
        let back = format!("/skills/{slug}/proposals/{other}");
        let (status, headers, _) = app
            .send(page_form(
                "/api/accept",
                &format!("slug={slug}&id={other}&published_revision=1&back={back}"),
                Some(&boss),
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = app.after_redirect(&headers, &boss).await;
        assert!(
            text(&page).contains("Accepted: the skill is now at revision 2."),
            "{page}"
        );
        let (_, _, profile) = app.get(&format!("/skills/{slug}")).await;
        assert!(profile.contains("Tunes indexes."));
    });
}

#[test]
fn comment_edits_deletes_hides_and_withdrawals_post_as_forms_and_say_what_is_not_allowed() {
    run(async {
        let app = TestApp::new().await;
        let author = app.sign_up("form-editor", [10, 32, 0, 1]).await;
        let other = app.sign_up("form-stranger", [10, 32, 0, 2]).await;
        let boss = app.reviewer("form-moderator", [10, 32, 0, 3]).await;
        let slug = "backup-recovery";
        let back = format!("/skills/{slug}/comments");
        let (status, _, _) = app
            .send(page_form(
                "/api/post-comment",
                &format!("slug={slug}&body=First+draft+of+a+comment&back={back}"),
                Some(&author),
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, listed) = app
            .send(form_call(
                "/api/comments",
                &format!("slug={slug}&page=1"),
                &author,
            ))
            .await;
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        let id = listed["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["body"] == "First draft of a comment")
            .unwrap()["id"]
            .as_i64()
            .unwrap();

        // Not allowed: said on the page, nothing changed.
        let (status, _, page) = app
            .send(page_form(
                "/api/delete-comment",
                &format!("id={id}&back={back}"),
                Some(&other),
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only its author may do this."),
            "{page}"
        );
        assert!(text(&page).contains("First draft of a comment"));
        let (status, _, page) = app
            .send(page_form(
                "/api/hide-comment",
                &format!("id={id}&hidden=true&back={back}"),
                Some(&other),
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only reviewers may do this."),
            "{page}"
        );

        let steps = [
            (
                &author,
                format!("id={id}&body=Second+draft&back={back}"),
                "/api/edit-comment",
                "Your comment was saved.",
            ),
            (
                &boss,
                format!("id={id}&hidden=true&back={back}"),
                "/api/hide-comment",
                "The comment is hidden from readers.",
            ),
            (
                &boss,
                format!("id={id}&hidden=false&back={back}"),
                "/api/hide-comment",
                "The comment is shown to readers again.",
            ),
            (
                &author,
                format!("id={id}&back={back}"),
                "/api/delete-comment",
                "Your comment was deleted.",
            ),
        ];
        for (cookie, body, path, said) in steps {
            let (status, headers, _) = app.send(page_form(path, &body, Some(cookie))).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
            let (_, page) = app.after_redirect(&headers, cookie).await;
            assert!(text(&page).contains(said), "{path}: {page}");
        }

        let member = app.sign_up("form-withdrawer", [10, 32, 0, 4]).await;
        let id = app
            .propose(
                &member,
                slug,
                1,
                "junior",
                "dba",
                "Restores a table.",
                "key-form-withdraw-001",
            )
            .await;
        let back = format!("/skills/{slug}/proposals/{id}");
        let (status, _, page) = app
            .send(page_form(
                "/api/withdraw",
                &format!("slug={slug}&id={id}&back={back}"),
                Some(&other),
            ))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            text(&page).contains("Only its author may do this."),
            "{page}"
        );
        let (status, headers, _) = app
            .send(page_form(
                "/api/withdraw",
                &format!("slug={slug}&id={id}&back={back}"),
                Some(&member),
            ))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = app.after_redirect(&headers, &member).await;
        assert!(text(&page).contains("You withdrew this proposal"), "{page}");
        assert!(text(&page).contains("Withdrawn by its author."));
        // A proposal that is not there is said to be missing, not the skill.
        let (status, _, page) = app
            .send(page_form(
                "/api/withdraw",
                &format!("slug={slug}&id=999999&back={back}"),
                Some(&member),
            ))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            text(&page).contains("There is no such proposal of this skill."),
            "{page}"
        );
        // Deleted, a comment is said to be gone.
        let (status, _, page) = app
            .send(page_form(
                "/api/edit-comment",
                &format!("id=999999&body=x&back={back}"),
                Some(&member),
            ))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            text(&page).contains("This comment no longer exists"),
            "{page}"
        );
    });
}
