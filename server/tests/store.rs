//! One store test suite, run against SQLite (a fresh file per test) and a real PostgreSQL
//! (a fresh database per test on the server `TEST_DATABASE_URL` names; `scripts/test.sh`
//! starts one). Each test is written once, as `async fn(store)`, and run on both.

#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

mod common;

use app::api::ssr::store::{
    no_events, Decision, NewComment, NewProposal, NewRevision, Store, StoreError,
};
use app::model::SiteLinks;
use app::model::{ProposedCell, Status};
use server::content::sync as revisions;
use server::store::{PgStore, SqliteStore};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "skills-store-{}-{name}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn sqlite(name: &str) -> Arc<dyn Store> {
    Arc::new(
        SqliteStore::open(&scratch_dir(name).join("skills.db"))
            .await
            .unwrap(),
    )
}

/// A fresh database on the test PostgreSQL server; `None` (said) without one.
async fn postgres(name: &str) -> Option<Arc<dyn Store>> {
    let url = common::fresh_database(name).await?;
    Some(Arc::new(PgStore::connect(&url).await.unwrap()))
}

/// Writes `#[tokio::test]`s named `on_sqlite::<test>` and `on_postgres::<test>` (which pass
/// without running, saying so, when `TEST_DATABASE_URL` is not set).
macro_rules! on_both {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::sqlite(stringify!($test)).await).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let Some(store) = super::postgres(stringify!($test)).await else {
                        return;
                    };
                    super::$test(store).await;
                }
            )*
        }
    };
}

on_both!(
    seeding_makes_each_content_file_revision_one_and_is_done_once,
    import_then_export_gives_back_the_same_files_byte_for_byte,
    an_import_adds_a_revision_only_for_a_changed_file,
    an_import_that_would_publish_conflicting_names_is_refused_whole,
    usernames_are_unique_without_regard_to_case,
    sessions_find_their_user_until_they_expire_or_are_deleted,
    a_repeated_idempotency_key_returns_the_first_proposal,
    concurrent_submits_with_one_key_store_one_proposal,
    proposals_are_listed_newest_first_with_their_author,
    a_proposal_on_a_missing_revision_is_refused,
    reviewers_are_granted_by_name,
    accepting_stores_the_next_revision_and_a_second_decision_is_stale,
    an_accept_against_a_moved_skill_stores_nothing,
    a_rejection_keeps_its_note_and_only_the_author_may_withdraw,
    comments_page_edit_hide_and_delete,
    an_accept_and_a_reject_sent_at_once_leave_exactly_one_decision,
    two_proposals_of_one_skill_accepted_at_once_publish_one_and_tell_the_other,
    recent_revisions_come_newest_first_with_the_profile_before_them,
);

async fn seeded(store: &Arc<dyn Store>) {
    revisions::seed(store.as_ref(), &content_dir())
        .await
        .expect("the shipped content seeds");
}

async fn user(store: &Arc<dyn Store>, name: &str) -> i64 {
    store.create_user(name, Some("hash"), 1).await.unwrap().id
}

fn proposal(author_id: i64, key: &str, text: &str) -> NewProposal {
    NewProposal {
        slug: "replication-high-availability".into(),
        base_revision: 1,
        author_id,
        idempotency_key: key.into(),
        rationale: "Because.".into(),
        cells: vec![ProposedCell {
            level: "junior".into(),
            role: "dba".into(),
            text: text.into(),
            required: true,
        }],
        created_at: 1_795_910_399,
    }
}

async fn seeding_makes_each_content_file_revision_one_and_is_done_once(store: Arc<dyn Store>) {
    assert_eq!(
        revisions::seed(store.as_ref(), &content_dir())
            .await
            .unwrap(),
        9
    );
    assert_eq!(
        revisions::seed(store.as_ref(), &content_dir())
            .await
            .unwrap(),
        0
    );
    let published = revisions::published(store.as_ref()).await.unwrap();
    assert_eq!(published.catalog.profiles().len(), 9);
    assert!(published.revisions.values().all(|n| *n == 1));
    let seed = store
        .revision("replication-high-availability", 1)
        .await
        .unwrap()
        .unwrap();
    let file =
        std::fs::read_to_string(content_dir().join("replication-high-availability.toml")).unwrap();
    assert_eq!(seed.source, file);
    let profile: app::model::Profile = serde_json::from_str(&seed.profile_json).unwrap();
    assert_eq!(profile.title(), "Replication & High Availability");
}

async fn import_then_export_gives_back_the_same_files_byte_for_byte(store: Arc<dyn Store>) {
    let (added, unchanged) =
        revisions::import(store.as_ref(), &content_dir(), &SiteLinks::default())
            .await
            .unwrap();
    assert_eq!((added, unchanged), (9, 0));
    let out = scratch_dir("export");
    assert_eq!(revisions::export(store.as_ref(), &out).await.unwrap(), 9);
    for (file, source) in server::content::read_dir(&content_dir()).unwrap() {
        let exported = std::fs::read(out.join(file.file_name().unwrap())).unwrap();
        assert_eq!(exported, source.as_bytes(), "{}", file.display());
    }
    // And back: importing the export changes nothing.
    assert_eq!(
        revisions::import(store.as_ref(), &out, &SiteLinks::default())
            .await
            .unwrap(),
        (0, 9)
    );
}

async fn an_import_adds_a_revision_only_for_a_changed_file(store: Arc<dyn Store>) {
    seeded(&store).await;
    let dir = scratch_dir("changed");
    let name = "backup-recovery.toml";
    let source = std::fs::read_to_string(content_dir().join(name)).unwrap();
    let changed = source.replacen("updated = 20", "# edited by hand\nupdated = 20", 1);
    assert_ne!(changed, source);
    std::fs::write(dir.join(name), &changed).unwrap();
    std::fs::copy(
        content_dir().join("observability.toml"),
        dir.join("observability.toml"),
    )
    .unwrap();
    assert_eq!(
        revisions::import(store.as_ref(), &dir, &SiteLinks::default())
            .await
            .unwrap(),
        (1, 1)
    );
    let published = revisions::published(store.as_ref()).await.unwrap();
    assert_eq!(published.revisions["backup-recovery"], 2);
    let numbers = store.revision_numbers().await.unwrap();
    assert_eq!(numbers.len(), 9);
    assert!(numbers.contains(&("backup-recovery".to_owned(), 2)));
    assert_eq!(published.revisions["observability"], 1);
    assert_eq!(
        store
            .revision("backup-recovery", 2)
            .await
            .unwrap()
            .unwrap()
            .source,
        changed
    );
}

async fn an_import_that_would_publish_conflicting_names_is_refused_whole(store: Arc<dyn Store>) {
    seeded(&store).await;
    let dir = scratch_dir("conflict");
    let source =
        std::fs::read_to_string(content_dir().join("replication-high-availability.toml")).unwrap();
    // The same role id under another name than every published profile uses.
    let renamed = source.replace(
        "name = \"Database Engineer / DBA\"",
        "name = \"Database Admin\"",
    );
    assert_ne!(renamed, source, "the seed names the DBA role so");
    std::fs::write(dir.join("replication-high-availability.toml"), renamed).unwrap();
    let err = revisions::import(store.as_ref(), &dir, &SiteLinks::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`dba` is named"), "{err}");
    let published = revisions::published(store.as_ref()).await.unwrap();
    assert!(published.revisions.values().all(|n| *n == 1));
}

async fn usernames_are_unique_without_regard_to_case(store: Arc<dyn Store>) {
    let ada = store.create_user("Ada", Some("h1"), 1).await.unwrap();
    assert!(!ada.reviewer);
    assert!(matches!(
        store.create_user("ada", Some("h2"), 2).await,
        Err(StoreError::Taken)
    ));
    let (found, hash) = store.user_by_name("ADA").await.unwrap().unwrap();
    assert_eq!((found.id, found.username.as_str()), (ada.id, "Ada"));
    assert_eq!(hash.as_deref(), Some("h1"));
    let proxied = store.create_user("portal-user", None, 3).await.unwrap();
    assert_eq!(
        store.user_by_name("portal-user").await.unwrap().unwrap().1,
        None
    );
    assert_ne!(proxied.id, ada.id);
    assert!(store.user_by_name("nobody").await.unwrap().is_none());
}

async fn sessions_find_their_user_until_they_expire_or_are_deleted(store: Arc<dyn Store>) {
    let id = user(&store, "grace").await;
    store.create_session("t1", id, 100, 200).await.unwrap();
    store.create_session("t2", id, 100, 200).await.unwrap();
    assert_eq!(
        store
            .session_user("t1", 150)
            .await
            .unwrap()
            .unwrap()
            .username,
        "grace"
    );
    assert!(store.session_user("t1", 200).await.unwrap().is_none());
    assert!(store.session_user("unknown", 150).await.unwrap().is_none());
    store.delete_session("t2").await.unwrap();
    assert!(store.session_user("t2", 150).await.unwrap().is_none());
    // A new session sweeps the user's expired ones.
    store.create_session("t3", id, 300, 400).await.unwrap();
    assert!(store.session_user("t3", 350).await.unwrap().is_some());
}

async fn a_repeated_idempotency_key_returns_the_first_proposal(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "linus").await;
    let other = user(&store, "margaret").await;
    let first = store
        .submit_proposal(
            &proposal(author, "key-0000000000000001", "First."),
            &no_events,
        )
        .await
        .unwrap();
    assert!(!first.1);
    let again = store
        .submit_proposal(
            &proposal(author, "key-0000000000000001", "Edited after."),
            &no_events,
        )
        .await
        .unwrap();
    assert_eq!(again, (first.0, true));
    // The same key from someone else is their own proposal.
    let theirs = store
        .submit_proposal(
            &proposal(other, "key-0000000000000001", "Theirs."),
            &no_events,
        )
        .await
        .unwrap();
    assert_ne!(theirs.0, first.0);
    let stored = store.proposal(first.0).await.unwrap().unwrap();
    assert_eq!(stored.cells[0].text, "First.");
    assert_eq!(stored.status, Status::Open);
}

async fn concurrent_submits_with_one_key_store_one_proposal(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "barbara").await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .submit_proposal(
                        &proposal(author, "key-concurrent-000001", "Once."),
                        &no_events,
                    )
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut ids = Vec::new();
    let mut fresh = 0;
    for task in tasks {
        let (id, repeated) = task.await.unwrap();
        ids.push(id);
        fresh += usize::from(!repeated);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one proposal for one key: {ids:?}");
    assert_eq!(fresh, 1);
    assert_eq!(
        store
            .proposals_for("replication-high-availability")
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn proposals_are_listed_newest_first_with_their_author(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "edsger").await;
    for n in 0..3 {
        store
            .submit_proposal(
                &proposal(
                    author,
                    &format!("key-listing-00000000{n}"),
                    &format!("Text {n}."),
                ),
                &no_events,
            )
            .await
            .unwrap();
    }
    let listed = store
        .proposals_for("replication-high-availability")
        .await
        .unwrap();
    let texts: Vec<&str> = listed.iter().map(|p| p.cells[0].text.as_str()).collect();
    assert_eq!(texts, ["Text 2.", "Text 1.", "Text 0."]);
    assert!(listed.iter().all(|p| p.author == "edsger"));
    assert!(store
        .proposals_for("observability")
        .await
        .unwrap()
        .is_empty());
    assert!(store.proposal(9_999).await.unwrap().is_none());
}

async fn a_proposal_on_a_missing_revision_is_refused(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "alan").await;
    let mut stale = proposal(author, "key-missing-revision-1", "x");
    stale.base_revision = 7;
    assert!(matches!(
        store.submit_proposal(&stale, &no_events).await,
        Err(StoreError::Missing(_))
    ));
    let numbers = store
        .add_revisions(
            &[NewRevision {
                slug: "replication-high-availability".into(),
                source: "text".into(),
                profile_json: "{}".into(),
                created_at: 5,
                ..NewRevision::default()
            }],
            &no_events,
        )
        .await
        .unwrap();
    assert_eq!(numbers, [2]);
}

async fn reviewers_are_granted_by_name(store: Arc<dyn Store>) {
    user(&store, "Reviewer.One").await;
    assert!(store.set_reviewer("reviewer.one", true).await.unwrap());
    assert!(
        store
            .user_by_name("Reviewer.One")
            .await
            .unwrap()
            .unwrap()
            .0
            .reviewer
    );
    assert!(!store.set_reviewer("nobody", true).await.unwrap());
}

fn next_revision(author_id: i64, proposal_id: i64) -> NewRevision {
    NewRevision {
        slug: "replication-high-availability".into(),
        source: "source".into(),
        profile_json: "{}".into(),
        created_at: 10,
        author_id: Some(author_id),
        proposal_id: Some(proposal_id),
    }
}

async fn recent_revisions_come_newest_first_with_the_profile_before_them(store: Arc<dyn Store>) {
    seeded(&store).await;
    let seeded_count = store.recent_revisions(None, 100).await.unwrap().len();
    assert_eq!(seeded_count, 9, "one revision 1 per shipped skill");
    let author = user(&store, "author-feed").await;
    let reviewer = user(&store, "reviewer-feed").await;
    let (id, _) = store
        .submit_proposal(
            &proposal(author, "key-feed-0000000000001", "New."),
            &no_events,
        )
        .await
        .unwrap();
    let mut revision = next_revision(author, id);
    revision.created_at = i64::MAX / 4;
    let accept = Decision::Accept {
        revision,
        number: 2,
    };
    store.decide(id, reviewer, &accept, &[], 20).await.unwrap();

    let all = store.recent_revisions(None, 3).await.unwrap();
    assert_eq!(all.len(), 3, "the limit holds");
    let newest = &all[0];
    assert_eq!(
        (
            newest.slug.as_str(),
            newest.number,
            newest.author.as_deref(),
            newest.proposal_id
        ),
        (
            "replication-high-availability",
            2,
            Some("author-feed"),
            Some(id)
        )
    );
    assert_eq!(newest.profile_json, "{}");
    let first = store
        .revision("replication-high-availability", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        newest.previous_json.as_deref(),
        Some(first.profile_json.as_str())
    );

    let one = store
        .recent_revisions(Some("replication-high-availability"), 10)
        .await
        .unwrap();
    let numbers: Vec<u32> = one.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(one[1].previous_json, None, "revision 1 has none before it");
    assert!(store
        .recent_revisions(Some("no-such-skill"), 10)
        .await
        .unwrap()
        .is_empty());
}

async fn accepting_stores_the_next_revision_and_a_second_decision_is_stale(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "author-a").await;
    let reviewer = user(&store, "reviewer-a").await;
    let (id, _) = store
        .submit_proposal(
            &proposal(author, "key-accept-000000000001", "New."),
            &no_events,
        )
        .await
        .unwrap();
    let accept = Decision::Accept {
        revision: next_revision(author, id),
        number: 2,
    };
    store.decide(id, reviewer, &accept, &[], 20).await.unwrap();
    let stored = store.proposal(id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Accepted);
    assert_eq!(stored.reviewer.as_deref(), Some("reviewer-a"));
    let history = store
        .revisions_of("replication-high-availability")
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (
            history[0].number,
            history[0].author.as_deref(),
            history[0].proposal_id
        ),
        (2, Some("author-a"), Some(id))
    );
    assert_eq!((history[1].number, history[1].author.as_deref()), (1, None));
    let again = Decision::Reject {
        note: "late".into(),
    };
    assert!(matches!(
        store.decide(id, reviewer, &again, &[], 30).await,
        Err(StoreError::Stale(_))
    ));
    assert!(store.open_proposals().await.unwrap().is_empty());
}

async fn an_accept_against_a_moved_skill_stores_nothing(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "author-b").await;
    let reviewer = user(&store, "reviewer-b").await;
    let (first, _) = store
        .submit_proposal(
            &proposal(author, "key-moved-00000000001", "One."),
            &no_events,
        )
        .await
        .unwrap();
    let (second, _) = store
        .submit_proposal(
            &proposal(author, "key-moved-00000000002", "Two."),
            &no_events,
        )
        .await
        .unwrap();
    let open = store.open_proposals().await.unwrap();
    assert_eq!(
        open.iter().map(|p| p.id).collect::<Vec<_>>(),
        [first, second],
        "oldest first"
    );
    store
        .decide(
            first,
            reviewer,
            &Decision::Accept {
                revision: next_revision(author, first),
                number: 2,
            },
            &[],
            20,
        )
        .await
        .unwrap();
    // Decided on revision 1's page: number 2 is taken now.
    let stale = Decision::Accept {
        revision: next_revision(author, second),
        number: 2,
    };
    assert!(matches!(
        store.decide(second, reviewer, &stale, &[], 21).await,
        Err(StoreError::Stale(_))
    ));
    assert_eq!(
        store.proposal(second).await.unwrap().unwrap().status,
        Status::Open
    );
    assert_eq!(
        store
            .revisions_of("replication-high-availability")
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn a_rejection_keeps_its_note_and_only_the_author_may_withdraw(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "author-c").await;
    let other = user(&store, "other-c").await;
    let (rejected, _) = store
        .submit_proposal(&proposal(author, "key-reject-0000000001", "R."), &no_events)
        .await
        .unwrap();
    store
        .decide(
            rejected,
            other,
            &Decision::Reject {
                note: "Too vague.".into(),
            },
            &[],
            5,
        )
        .await
        .unwrap();
    let stored = store.proposal(rejected).await.unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.review_note.as_deref()),
        (Status::Rejected, Some("Too vague."))
    );
    let (open, _) = store
        .submit_proposal(&proposal(author, "key-withdraw-00000001", "W."), &no_events)
        .await
        .unwrap();
    assert!(matches!(
        store.withdraw(open, other, &[], 6).await,
        Err(StoreError::Stale(_))
    ));
    store.withdraw(open, author, &[], 7).await.unwrap();
    assert_eq!(
        store.proposal(open).await.unwrap().unwrap().status,
        Status::Withdrawn
    );
    assert!(matches!(
        store.withdraw(open, author, &[], 8).await,
        Err(StoreError::Stale(_))
    ));
}

async fn comments_page_edit_hide_and_delete(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "commenter").await;
    let (proposal_id, _) = store
        .submit_proposal(&proposal(author, "key-comments-00000001", "C."), &no_events)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(
            store
                .add_comment(&NewComment {
                    slug: "replication-high-availability".into(),
                    proposal_id: None,
                    author_id: author,
                    body: format!("Comment {n} <b>bold</b>"),
                    created_at: n,
                })
                .await
                .unwrap(),
        );
    }
    store
        .add_comment(&NewComment {
            slug: "replication-high-availability".into(),
            proposal_id: Some(proposal_id),
            author_id: author,
            body: "On the proposal".into(),
            created_at: 9,
        })
        .await
        .unwrap();
    let (page, total) = store
        .comments("replication-high-availability", None, 2, 2)
        .await
        .unwrap();
    assert_eq!(total, 5, "the proposal's comment is not the profile's");
    assert_eq!(
        page.iter().map(|c| c.body.as_str()).collect::<Vec<_>>(),
        ["Comment 2 <b>bold</b>", "Comment 3 <b>bold</b>"]
    );
    assert_eq!(page[0].author, "commenter");
    let (on_proposal, total) = store
        .comments("replication-high-availability", Some(proposal_id), 0, 20)
        .await
        .unwrap();
    assert_eq!((on_proposal.len(), total), (1, 1));
    store.edit_comment(ids[0], "Edited", 50).await.unwrap();
    store.hide_comment(ids[1], true).await.unwrap();
    store.delete_comment(ids[2]).await.unwrap();
    let edited = store.comment(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (edited.body.as_str(), edited.edited_at),
        ("Edited", Some(50))
    );
    assert!(store.comment(ids[1]).await.unwrap().unwrap().hidden);
    assert!(store.comment(ids[2]).await.unwrap().is_none());
    assert!(matches!(
        store.delete_comment(ids[2]).await,
        Err(StoreError::Missing(_))
    ));
}

/// The number of the seed skill's newest revision.
async fn published_number(store: &Arc<dyn Store>) -> u32 {
    store
        .revisions_of("replication-high-availability")
        .await
        .unwrap()
        .len() as u32
}

/// An open proposal by `author` on the seed skill's newest revision: its id.
async fn proposed_on_latest(store: &Arc<dyn Store>, author: i64, key: &str) -> i64 {
    let mut proposal = proposal(author, key, "Raced.");
    proposal.base_revision = published_number(store).await;
    store
        .submit_proposal(&proposal, &no_events)
        .await
        .unwrap()
        .0
}

async fn an_accept_and_a_reject_sent_at_once_leave_exactly_one_decision(store: Arc<dyn Store>) {
    seeded(&store).await;
    let author = user(&store, "author-race").await;
    let (one, two) = (
        user(&store, "reviewer-r1").await,
        user(&store, "reviewer-r2").await,
    );
    for round in 0..15_u32 {
        let published = published_number(&store).await;
        let id = proposed_on_latest(&store, author, &format!("key-race-{round:016}")).await;
        let accept = Decision::Accept {
            revision: next_revision(author, id),
            number: published + 1,
        };
        let reject = Decision::Reject { note: "No.".into() };
        let (a, b) = (store.clone(), store.clone());
        let (accepted, rejected) = tokio::join!(
            tokio::spawn(async move { a.decide(id, one, &accept, &[], 20).await }),
            tokio::spawn(async move { b.decide(id, two, &reject, &[], 20).await }),
        );
        let (accepted, rejected) = (accepted.unwrap(), rejected.unwrap());
        assert!(
            accepted.is_ok() != rejected.is_ok(),
            "round {round}: exactly one decision wins ({accepted:?}, {rejected:?})"
        );
        for lost in [&accepted, &rejected] {
            if let Err(err) = lost {
                assert!(
                    matches!(err, StoreError::Stale(_)),
                    "round {round}: {err:?}"
                );
            }
        }
        let stored = store.proposal(id).await.unwrap().unwrap();
        let latest = store
            .revisions_of("replication-high-availability")
            .await
            .unwrap()[0]
            .proposal_id;
        if accepted.is_ok() {
            assert_eq!(
                (stored.status, latest),
                (Status::Accepted, Some(id)),
                "round {round}"
            );
        } else {
            assert_eq!(stored.status, Status::Rejected, "round {round}");
            assert_ne!(
                latest,
                Some(id),
                "round {round}: a rejected proposal is not published"
            );
        }
    }
}

async fn two_proposals_of_one_skill_accepted_at_once_publish_one_and_tell_the_other(
    store: Arc<dyn Store>,
) {
    seeded(&store).await;
    let author = user(&store, "author-twice").await;
    let (one, two) = (
        user(&store, "reviewer-t1").await,
        user(&store, "reviewer-t2").await,
    );
    for round in 0..10_u32 {
        let published = published_number(&store).await;
        let mut ids = Vec::new();
        for n in 0..2 {
            ids.push(
                proposed_on_latest(&store, author, &format!("key-twice-{round:08}-{n:08}")).await,
            );
        }
        let decide = |id: i64, reviewer: i64| {
            let store = store.clone();
            tokio::spawn(async move {
                let accept = Decision::Accept {
                    revision: next_revision(author, id),
                    number: published + 1,
                };
                store.decide(id, reviewer, &accept, &[], 20).await
            })
        };
        let (a, b) = tokio::join!(decide(ids[0], one), decide(ids[1], two));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(a.is_ok() != b.is_ok(), "round {round}: {a:?}, {b:?}");
        let lost = if a.is_err() { a } else { b };
        assert!(
            matches!(lost, Err(StoreError::Stale(message)) if message.contains("changed while you were reviewing")),
            "round {round}: the loser is told the skill moved on"
        );
        assert_eq!(published_number(&store).await, published + 1);
    }
}

/// A filesystem of `bytes` mounted at a fresh folder (root only: `mount -t tmpfs`), and the
/// folder; unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn new(bytes: usize) -> Self {
        let dir = scratch_dir("small-disk");
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
            .arg("tmpfs")
            .arg(&dir)
            .status()
            .expect("mount runs");
        assert!(
            status.success(),
            "this test mounts a small tmpfs and needs root"
        );
        Self(dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_takes_submissions_again_once_a_full_disk_has_room() {
    let disk = SmallDisk::new(4 * 1024 * 1024);
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&disk.0.join("skills.db")).await.unwrap());
    seeded(&store).await;
    let author = user(&store, "author-full").await;
    // Fill what is left of the disk, then submit until the database cannot grow.
    let filler = disk.0.join("filler");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
    }
    let mut full = false;
    for n in 0..200 {
        let mut proposal = proposal(author, &format!("key-full-{n:016}"), "Fills the disk.");
        proposal.rationale = "r".repeat(8_000);
        if store.submit_proposal(&proposal, &no_events).await.is_err() {
            full = true;
            break;
        }
    }
    assert!(full, "the disk never filled up");
    std::fs::remove_file(&filler).unwrap();
    // Every connection of the pool writes again, without a restart.
    for n in 0..20 {
        store
            .submit_proposal(
                &proposal(author, &format!("key-room-{n:016}"), "Room again."),
                &no_events,
            )
            .await
            .unwrap_or_else(|err| panic!("submission {n} after the disk had room: {err}"));
    }
}
