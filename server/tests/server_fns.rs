//! Server functions called as plain async functions, without HTTP or the router: in a Leptos
//! owner holding what the server provides for a request (the app's state, the request's
//! parts with the signed-in viewer, the response options), then checked against the store.
#![recursion_limit = "256"]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

mod common;

use app::api::ssr::state::Viewer;
use app::api::ssr::store::User;
use app::error::AppError;
use app::model::{Decided, ProposedCell, Status, Submission, Submitted};
use common::test_app::TestApp;
use leptos::prelude::provide_context;
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Owner;
use leptos_axum::ResponseOptions;
use std::future::Future;

const SEED: &str = "replication-high-availability";

/// What a server function answered, and the status and `Retry-After` it set on the response.
struct Called<T> {
    answer: T,
    status: Option<u16>,
    retry_after: Option<String>,
}

/// Runs the server function `call` makes as the server runs it for a request from `user`
/// (signed out when `None`): with `app`'s state, the request's parts carrying the viewer,
/// and response options to read back the status it set.
async fn call_as<F: Future>(
    app: &TestApp,
    user: Option<&User>,
    call: impl FnOnce() -> F,
) -> Called<F::Output> {
    let owner = Owner::new();
    let response = ResponseOptions::default();
    let scoped = owner.with(|| {
        provide_context(app.state().clone());
        let (mut parts, ()) = http::Request::new(()).into_parts();
        parts.extensions.insert(Viewer {
            user: user.cloned(),
            ip: std::net::IpAddr::from([10, 40, 0, 1]),
            https: false,
        });
        provide_context(parts);
        provide_context(response.clone());
        // The function reads its context when polled, so the owner goes with the future.
        ScopedFuture::new(call())
    });
    let answer = scoped.await;
    let parts = response.0.read().expect("response options");
    Called {
        answer,
        status: parts.status.map(|status| status.as_u16()),
        retry_after: parts
            .headers
            .get(http::header::RETRY_AFTER)
            .map(|value| value.to_str().unwrap_or_default().to_owned()),
    }
}

/// A new user in `app`'s store (a reviewer if asked), as the session middleware finds them.
async fn user(app: &TestApp, name: &str, reviewer: bool) -> User {
    let store = app.store();
    store.create_user(name, Some("unused"), 1).await.unwrap();
    if reviewer {
        assert!(store.set_reviewer(name, true).await.unwrap());
    }
    store.user_by_name(name).await.unwrap().unwrap().0
}

/// A change of one cell of `slug` on revision 1, with the idempotency key `key`.
fn submission(slug: &str, level: &str, role: &str, text: &str, key: &str) -> Submission {
    Submission {
        slug: slug.into(),
        base_revision: 1,
        edits: vec![ProposedCell {
            level: level.into(),
            role: role.into(),
            text: text.into(),
            required: true,
        }],
        rationale: "Because the server-function test says so.".into(),
        idempotency_key: key.into(),
    }
}

/// Submits `submission` as `author`; the proposal's id.
async fn proposed(app: &TestApp, author: &User, submission: Submission) -> i64 {
    let called = call_as(app, Some(author), || app::api::submit_proposal(submission)).await;
    match called.answer {
        Ok(Submitted::Accepted { id, .. }) => id,
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_users_submission_is_stored_once_per_idempotency_key() {
    let app = TestApp::new().await;
    let ada = user(&app, "ada-submits", false).await;
    let wanted = "Reads the replication lag and says what it means for readers.";
    let draft = submission(SEED, "junior", "dba", wanted, "key-server-fn-000001");
    let first = call_as(&app, Some(&ada), || {
        app::api::submit_proposal(draft.clone())
    })
    .await;
    let Ok(Submitted::Accepted { id, repeated }) = first.answer else {
        panic!("{:?}", first.answer);
    };
    assert!(!repeated);
    let again = call_as(&app, Some(&ada), || app::api::submit_proposal(draft)).await;
    assert_eq!(again.answer, Ok(Submitted::Accepted { id, repeated: true }));

    let stored = app.store().proposals_for(SEED).await.unwrap();
    assert_eq!(stored.len(), 1, "one proposal for one key");
    assert_eq!(stored[0].id, id);
    assert_eq!(stored[0].author, "ada-submits");
    assert_eq!(stored[0].status, Status::Open);
    assert_eq!(stored[0].cells.len(), 1);
    assert_eq!(stored[0].cells[0].text, wanted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_without_a_signed_in_user_is_refused_and_stores_nothing() {
    let app = TestApp::new().await;
    let draft = submission(SEED, "junior", "dba", "Anything.", "key-server-fn-000002");
    let called = call_as(&app, None, || app::api::submit_proposal(draft)).await;
    assert_eq!(called.answer, Err(AppError::SignInRequired));
    assert_eq!(called.status, Some(401));
    assert!(app.store().proposals_for(SEED).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accept_by_a_member_who_does_not_review_is_not_allowed_and_changes_nothing() {
    let app = TestApp::new().await;
    let author = user(&app, "author-refused", false).await;
    let member = user(&app, "member-refused", false).await;
    let draft = submission(
        SEED,
        "senior",
        "dba",
        "Plans failover drills.",
        "key-server-fn-000003",
    );
    let id = proposed(&app, &author, draft).await;
    let called = call_as(&app, Some(&member), || {
        app::api::accept_proposal(SEED.into(), id, 1, Vec::new())
    })
    .await;
    assert_eq!(called.answer, Err(AppError::NotAllowed));
    assert_eq!(called.status, Some(403));
    let stored = app.store().proposal(id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Open);
    assert_eq!(app.store().revisions_of(SEED).await.unwrap().len(), 1);
    assert_eq!(app.state().revision_of(SEED), 1, "nothing was published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewers_accept_stores_the_next_revision_and_publishes_it() {
    let app = TestApp::new().await;
    let author = user(&app, "author-accepted", false).await;
    let boss = user(&app, "reviewer-accepts", true).await;
    let wanted = "Runs a failover drill every quarter.";
    let id = proposed(
        &app,
        &author,
        submission(SEED, "senior", "dba", wanted, "key-server-fn-000004"),
    )
    .await;
    let called = call_as(&app, Some(&boss), || {
        app::api::accept_proposal(SEED.into(), id, 1, Vec::new())
    })
    .await;
    assert_eq!(called.answer, Ok(Decided::Done { revision: Some(2) }));
    assert_eq!(called.status, None, "a success sets no status");

    let stored = app.store().proposal(id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Accepted);
    assert_eq!(stored.reviewer.as_deref(), Some("reviewer-accepts"));
    let revisions = app.store().revisions_of(SEED).await.unwrap();
    assert_eq!(revisions.len(), 2);
    let newest = revisions
        .iter()
        .find(|r| r.number == 2)
        .expect("revision 2");
    assert_eq!(newest.proposal_id, Some(id));
    assert_eq!(newest.author.as_deref(), Some("author-accepted"));
    assert_eq!(app.state().revision_of(SEED), 2, "published at once");
    let profile = app.state().catalog().get(SEED).cloned().unwrap();
    let (senior, dba) = (
        profile.level_index("senior").unwrap(),
        profile.role_index("dba").unwrap(),
    );
    assert_eq!(profile.cell(senior, dba).unwrap().text, wanted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_is_stored_and_listed_with_its_author_to_everyone() {
    let app = TestApp::new().await;
    let author = user(&app, "commenter-stored", false).await;
    let reader = user(&app, "reader-listing", false).await;
    let called = call_as(&app, Some(&author), || {
        app::api::post_comment(SEED.into(), None, "Lag <b>matters</b> here.".into())
    })
    .await;
    assert_eq!(called.answer, Ok(app::model::CommentOutcome::Done));

    let (stored, total) = app.store().comments(SEED, None, 0, 10).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(stored[0].author, "commenter-stored");
    assert_eq!(stored[0].body, "Lag <b>matters</b> here.", "kept as typed");
    for (viewer, mine) in [(Some(&author), true), (Some(&reader), false), (None, false)] {
        let listed = call_as(&app, viewer, || {
            app::api::list_comments(SEED.into(), None, 1)
        })
        .await;
        let page = listed.answer.unwrap().expect("a published skill");
        assert_eq!(page.total, 1);
        assert_eq!(page.comments[0].id, stored[0].id);
        assert_eq!(page.comments[0].author, "commenter-stored");
        assert_eq!(
            page.comments[0].body.as_deref(),
            Some("Lag <b>matters</b> here.")
        );
        assert_eq!(page.comments[0].mine, mine);
        assert_eq!(page.may_post, viewer.is_some());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_over_the_limit_is_refused_with_the_time_to_wait_and_not_stored() {
    let app = TestApp::new().await;
    let author = user(&app, "commenter-limited", false).await;
    let (limit, _) = app::api::ssr::limits::Action::Comment.rule();
    for n in 0..limit {
        let called = call_as(&app, Some(&author), || {
            app::api::post_comment(SEED.into(), None, format!("Comment {n}."))
        })
        .await;
        assert_eq!(
            called.answer,
            Ok(app::model::CommentOutcome::Done),
            "comment {n}"
        );
    }
    let called = call_as(&app, Some(&author), || {
        app::api::post_comment(SEED.into(), None, "One too many.".into())
    })
    .await;
    let Err(AppError::RateLimited { retry_after_secs }) = called.answer else {
        panic!("{:?}", called.answer);
    };
    assert!(retry_after_secs >= 1);
    assert_eq!(called.status, Some(429));
    assert_eq!(called.retry_after, Some(retry_after_secs.to_string()));
    let (_, total) = app.store().comments(SEED, None, 0, 100).await.unwrap();
    assert_eq!(total, i64::from(limit));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_its_author_may_withdraw_a_proposal() {
    let app = TestApp::new().await;
    let author = user(&app, "author-withdraws", false).await;
    let other = user(&app, "stranger-withdraws", false).await;
    let id = proposed(
        &app,
        &author,
        submission(
            SEED,
            "junior",
            "dba",
            "Reads a WAL file.",
            "key-server-fn-000005",
        ),
    )
    .await;
    let called = call_as(&app, Some(&other), || {
        app::api::withdraw_proposal(SEED.into(), id)
    })
    .await;
    assert_eq!(called.answer, Err(AppError::NotYours));
    assert_eq!(called.status, Some(403));
    assert_eq!(
        app.store().proposal(id).await.unwrap().unwrap().status,
        Status::Open
    );
    let called = call_as(&app, Some(&author), || {
        app::api::withdraw_proposal(SEED.into(), id)
    })
    .await;
    assert_eq!(called.answer, Ok(Decided::Done { revision: None }));
    assert_eq!(
        app.store().proposal(id).await.unwrap().unwrap().status,
        Status::Withdrawn
    );
}
