//! The queries of both stores, written once: SQLite reads `$1` placeholders as PostgreSQL
//! does, so one macro implements [`Store`] for each, and only how a write transaction
//! begins differs.

use super::postgres::PgStore;
use super::sqlite::SqliteStore;
use super::{cells_from_json, database, revision_number, Db as _};
use app::api::ssr::store::{
    Attempt, Decision, Delivery, DueDelivery, EventsFor, FeedRevision, NewComment, NewProposal,
    NewRevision, NewWebhook, OutboxEvent, RevisionInfo, RevisionSignals, Store, StoreError,
    StoredComment, StoredProposal, StoredRevision, User, Webhook,
};
use app::model::Status;
use sqlx::Row;

/// The columns of a stored proposal with its author's name; every proposal query selects
/// them in this order.
const PROPOSAL_COLUMNS: &str = "p.id, p.slug, p.base_revision, u.username, p.status, \
     p.rationale, p.cells, p.created_at, r.username, p.review_note, p.author_id FROM proposals p \
     JOIN users u ON u.id = p.author_id LEFT JOIN users r ON r.id = p.reviewer_id";

/// The columns of a comment with its author's name, in the order `comment_from` reads them.
const COMMENT_COLUMNS: &str = "c.id, c.slug, c.proposal_id, c.author_id, u.username, c.body, \
     c.created_at, c.edited_at, c.hidden FROM comments c JOIN users u ON u.id = c.author_id";

/// The columns of a delivery as `server webhook deliveries` lists it, in the order
/// `delivery_from` reads them.
const DELIVERY_COLUMNS: &str = "d.id, d.webhook_id, w.url, d.event, d.attempts, d.last_status, \
     d.last_error, d.next_attempt_at, d.delivered_at, d.failed_at, d.created_at \
     FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id";

/// Claims due deliveries: `{lock}` is where PostgreSQL skips the rows another worker is
/// claiming (`FOR UPDATE SKIP LOCKED`); SQLite's write lock, taken at `BEGIN IMMEDIATE`,
/// already lets one claim run at a time.
const CLAIM: &str = "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2 \
     WHERE id IN (SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL \
     AND failed_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3 {lock}) \
     RETURNING id, webhook_id, attempts, event, payload, created_at";

macro_rules! sql_store {
    ($store:ty, $backend:literal, $begin_write:literal, $skip_locked:literal) => {
        impl $store {
            /// Keeps `events` in `tx`: one delivery of each per webhook subscribed to its
            /// kind (`events` is a comma-separated list), due at once.
            async fn keep_events(
                tx: &mut sqlx::Transaction<'static, <$store as RowOf>::Db>,
                events: &[OutboxEvent],
                now: i64,
            ) -> Result<(), StoreError> {
                for event in events {
                    sqlx::query(
                        "INSERT INTO webhook_deliveries (webhook_id, event, payload, attempts, \
                         next_attempt_at, created_at) SELECT id, CAST($1 AS TEXT), \
                         CAST($2 AS TEXT), 0, $3, $3 FROM webhooks \
                         WHERE ',' || events || ',' LIKE '%,' || CAST($1 AS TEXT) || ',%'",
                    )
                    .bind(event.kind.as_str())
                    .bind(&event.payload)
                    .bind(now)
                    .execute(&mut **tx)
                    .await
                    .db()?;
                }
                Ok(())
            }

            /// The newest revision number of `slug` (0 when it has none), read in `tx`.
            async fn latest_number(
                tx: &mut sqlx::Transaction<'static, <$store as RowOf>::Db>,
                slug: &str,
            ) -> Result<i64, StoreError> {
                sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) FROM revisions WHERE slug = $1")
                    .bind(slug)
                    .fetch_one(&mut **tx)
                    .await.db()
            }

            async fn insert_revision(
                tx: &mut sqlx::Transaction<'static, <$store as RowOf>::Db>,
                revision: &NewRevision,
                number: i64,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO revisions (slug, number, source, profile_json, created_at, \
                     author_id, proposal_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&revision.slug)
                .bind(number)
                .bind(&revision.source)
                .bind(&revision.profile_json)
                .bind(revision.created_at)
                .bind(revision.author_id)
                .bind(revision.proposal_id)
                .execute(&mut **tx)
                .await
                .map_err(|err| match err.as_database_error() {
                    Some(db) if db.is_unique_violation() => StoreError::Taken,
                    _ => database(err),
                })?;
                Ok(())
            }

            /// Runs one statement on row `id` ($1) in a write transaction; `Missing(what)`
            /// when no row was touched.
            async fn write_one<'q>(
                &self,
                what: &'static str,
                sql: &'q str,
                id: i64,
                bind: impl FnOnce(Query<'q, <$store as RowOf>::Db>) -> Query<'q, <$store as RowOf>::Db>
                    + Send,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let done = bind(sqlx::query(sql).bind(id))
                    .execute(&mut *tx)
                    .await.db()?
                    .rows_affected();
                tx.commit().await.db()?;
                if done == 1 {
                    Ok(())
                } else {
                    Err(StoreError::Missing(what))
                }
            }

            fn revision_from(row: &<$store as RowOf>::Row) -> Result<StoredRevision, StoreError> {
                Ok(StoredRevision {
                    slug: row.try_get("slug").db()?,
                    number: revision_number(row.try_get("number").db()?)?,
                    source: row.try_get("source").db()?,
                    profile_json: row.try_get("profile_json").db()?,
                    created_at: row.try_get("created_at").db()?,
                })
            }

            fn proposal_from(row: &<$store as RowOf>::Row) -> Result<StoredProposal, StoreError> {
                let status: String = row.try_get(4).db()?;
                let cells: String = row.try_get(6).db()?;
                Ok(StoredProposal {
                    id: row.try_get(0).db()?,
                    slug: row.try_get(1).db()?,
                    base_revision: revision_number(row.try_get(2).db()?)?,
                    author: row.try_get(3).db()?,
                    status: Status::parse(&status)
                        .ok_or_else(|| StoreError::Encoding(format!("status `{status}`")))?,
                    rationale: row.try_get(5).db()?,
                    cells: cells_from_json(&cells)?,
                    created_at: row.try_get(7).db()?,
                    reviewer: row.try_get(8).db()?,
                    review_note: row.try_get(9).db()?,
                    author_id: row.try_get(10).db()?,
                })
            }

            fn comment_from(row: &<$store as RowOf>::Row) -> Result<StoredComment, StoreError> {
                Ok(StoredComment {
                    id: row.try_get(0).db()?,
                    slug: row.try_get(1).db()?,
                    proposal_id: row.try_get(2).db()?,
                    author_id: row.try_get(3).db()?,
                    author: row.try_get(4).db()?,
                    body: row.try_get(5).db()?,
                    created_at: row.try_get(6).db()?,
                    edited_at: row.try_get(7).db()?,
                    hidden: row.try_get(8).db()?,
                })
            }

            fn webhook_from(row: &<$store as RowOf>::Row) -> Result<Webhook, StoreError> {
                let events: String = row.try_get(2).db()?;
                Ok(Webhook {
                    id: row.try_get(0).db()?,
                    url: row.try_get(1).db()?,
                    events: event_kinds(&events)?,
                    created_at: row.try_get(3).db()?,
                })
            }

            fn delivery_from(row: &<$store as RowOf>::Row) -> Result<Delivery, StoreError> {
                let status: Option<i64> = row.try_get(5).db()?;
                Ok(Delivery {
                    id: row.try_get(0).db()?,
                    webhook_id: row.try_get(1).db()?,
                    url: row.try_get(2).db()?,
                    event: row.try_get(3).db()?,
                    attempts: attempts(row.try_get(4).db()?)?,
                    last_status: status.map(http_status).transpose()?,
                    last_error: row.try_get(6).db()?,
                    next_attempt_at: row.try_get(7).db()?,
                    delivered_at: row.try_get(8).db()?,
                    failed_at: row.try_get(9).db()?,
                    created_at: row.try_get(10).db()?,
                })
            }

            /// The claimed rows `claimed` with their webhooks' addresses and secrets, read
            /// in the claim's transaction.
            async fn due_from(
                tx: &mut sqlx::Transaction<'static, <$store as RowOf>::Db>,
                claimed: &[<$store as RowOf>::Row],
            ) -> Result<Vec<DueDelivery>, StoreError> {
                let targets: std::collections::HashMap<i64, (String, String)> =
                    sqlx::query("SELECT id, url, secret FROM webhooks")
                        .fetch_all(&mut **tx)
                        .await
                        .db()?
                        .iter()
                        .map(|row| Ok((row.try_get(0).db()?, (row.try_get(1).db()?, row.try_get(2).db()?))))
                        .collect::<Result<_, StoreError>>()?;
                claimed
                    .iter()
                    .map(|row| {
                        let webhook: i64 = row.try_get(1).db()?;
                        let (url, secret) = targets
                            .get(&webhook)
                            .cloned()
                            .ok_or(StoreError::Missing("a delivery's webhook"))?;
                        Ok(DueDelivery {
                            id: row.try_get(0).db()?,
                            attempt: attempts(row.try_get(2).db()?)?,
                            event: row.try_get(3).db()?,
                            payload: row.try_get(4).db()?,
                            url,
                            secret,
                            created_at: row.try_get(5).db()?,
                        })
                    })
                    .collect()
            }

            fn user_from(row: &<$store as RowOf>::Row) -> Result<User, StoreError> {
                Ok(User {
                    id: row.try_get("id").db()?,
                    username: row.try_get("username").db()?,
                    reviewer: row.try_get("reviewer").db()?,
                })
            }
        }

        #[async_trait::async_trait]
        impl Store for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn latest_revisions(&self) -> Result<Vec<StoredRevision>, StoreError> {
                sqlx::query(
                    "SELECT r.slug, r.number, r.source, r.profile_json, r.created_at \
                     FROM revisions r JOIN (SELECT slug, MAX(number) AS number FROM revisions \
                     GROUP BY slug) m ON m.slug = r.slug AND m.number = r.number ORDER BY r.slug",
                )
                .fetch_all(&self.pool)
                .await.db()?
                .iter()
                .map(Self::revision_from)
                .collect()
            }

            async fn listen_for_revisions(
                &self,
            ) -> Result<Option<Box<dyn RevisionSignals>>, StoreError> {
                self.listen().await
            }

            async fn revision_numbers(&self) -> Result<Vec<(String, u32)>, StoreError> {
                let rows = sqlx::query("SELECT slug, MAX(number) FROM revisions GROUP BY slug")
                    .fetch_all(&self.pool)
                    .await.db()?;
                rows.iter()
                    .map(|row| {
                        Ok((
                            row.try_get(0).db()?,
                            revision_number(row.try_get(1).db()?)?,
                        ))
                    })
                    .collect()
            }

            async fn revision(
                &self,
                slug: &str,
                number: u32,
            ) -> Result<Option<StoredRevision>, StoreError> {
                sqlx::query(
                    "SELECT slug, number, source, profile_json, created_at FROM revisions \
                     WHERE slug = $1 AND number = $2",
                )
                .bind(slug)
                .bind(i64::from(number))
                .fetch_optional(&self.pool)
                .await.db()?
                .as_ref()
                .map(Self::revision_from)
                .transpose()
            }

            async fn add_revisions(
                &self,
                revisions: &[NewRevision],
                published: EventsFor<'_, (usize, u32)>,
            ) -> Result<Vec<u32>, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let mut numbers = Vec::with_capacity(revisions.len());
                for (index, revision) in revisions.iter().enumerate() {
                    let latest = Self::latest_number(&mut tx, &revision.slug).await?;
                    Self::insert_revision(&mut tx, revision, latest + 1)
                        .await
                        .map_err(|err| match err {
                            StoreError::Taken => StoreError::Stale(
                                "A revision of this skill was published at the same moment; try again.",
                            ),
                            other => other,
                        })?;
                    let number = revision_number(latest + 1)?;
                    Self::keep_events(&mut tx, &published((index, number))?, revision.created_at)
                        .await?;
                    numbers.push(number);
                }
                tx.commit().await.db()?;
                Ok(numbers)
            }

            async fn create_user(
                &self,
                username: &str,
                password_hash: Option<&str>,
                now: i64,
            ) -> Result<User, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let row = sqlx::query(
                    "INSERT INTO users (username, username_key, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id, username, reviewer",
                )
                .bind(username)
                .bind(username.to_lowercase())
                .bind(password_hash)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(|err| match &err {
                    sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Taken,
                    _ => database(err),
                })?;
                let user = Self::user_from(&row)?;
                tx.commit().await.db()?;
                Ok(user)
            }

            async fn user_by_name(
                &self,
                username: &str,
            ) -> Result<Option<(User, Option<String>)>, StoreError> {
                let Some(row) = sqlx::query(
                    "SELECT id, username, reviewer, password_hash FROM users \
                     WHERE username_key = $1",
                )
                .bind(username.to_lowercase())
                .fetch_optional(&self.pool)
                .await.db()?
                else {
                    return Ok(None);
                };
                let hash: Option<String> = row.try_get("password_hash").db()?;
                Ok(Some((Self::user_from(&row)?, hash)))
            }

            async fn set_reviewer(&self, username: &str, reviewer: bool) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let done = sqlx::query("UPDATE users SET reviewer = $1 WHERE username_key = $2")
                    .bind(reviewer)
                    .bind(username.to_lowercase())
                    .execute(&mut *tx)
                    .await.db()?
                    .rows_affected();
                tx.commit().await.db()?;
                Ok(done == 1)
            }

            async fn create_session(
                &self,
                token_hash: &str,
                user_id: i64,
                now: i64,
                expires_at: i64,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                // Expired sessions of this user go with the new one, so the table stays small.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
                    .bind(user_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await.db()?;
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(user_id)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await.db()?;
                tx.commit().await.db()
            }

            async fn session_user(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<User>, StoreError> {
                sqlx::query(
                    "SELECT u.id, u.username, u.reviewer FROM sessions s \
                     JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await.db()?
                .as_ref()
                .map(Self::user_from)
                .transpose()
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await.db()?;
                tx.commit().await.db()
            }

            async fn submit_proposal(
                &self,
                proposal: &NewProposal,
                opened: EventsFor<'_, i64>,
            ) -> Result<(i64, bool), StoreError> {
                let cells = serde_json::to_string(&proposal.cells)
                    .map_err(|err| StoreError::Encoding(format!("proposal cells: {err}")))?;
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let inserted: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO proposals (slug, base_revision, author_id, idempotency_key, \
                     rationale, cells, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) \
                     ON CONFLICT (author_id, idempotency_key) DO NOTHING RETURNING id",
                )
                .bind(&proposal.slug)
                .bind(i64::from(proposal.base_revision))
                .bind(proposal.author_id)
                .bind(&proposal.idempotency_key)
                .bind(&proposal.rationale)
                .bind(&cells)
                .bind(proposal.created_at)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|err| match &err {
                    sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                        StoreError::Missing("the base revision")
                    }
                    _ => database(err),
                })?;
                let outcome = match inserted {
                    Some(id) => {
                        Self::keep_events(&mut tx, &opened(id)?, proposal.created_at).await?;
                        (id, false)
                    }
                    None => {
                        let id: i64 = sqlx::query_scalar(
                            "SELECT id FROM proposals WHERE author_id = $1 AND idempotency_key = $2",
                        )
                        .bind(proposal.author_id)
                        .bind(&proposal.idempotency_key)
                        .fetch_one(&mut *tx)
                        .await.db()?;
                        (id, true)
                    }
                };
                tx.commit().await.db()?;
                Ok(outcome)
            }

            async fn proposals_for(&self, slug: &str) -> Result<Vec<StoredProposal>, StoreError> {
                sqlx::query(&format!(
                    "SELECT {PROPOSAL_COLUMNS} WHERE p.slug = $1 ORDER BY p.id DESC"
                ))
                .bind(slug)
                .fetch_all(&self.pool)
                .await.db()?
                .iter()
                .map(Self::proposal_from)
                .collect()
            }

            async fn proposal(&self, id: i64) -> Result<Option<StoredProposal>, StoreError> {
                sqlx::query(&format!("SELECT {PROPOSAL_COLUMNS} WHERE p.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await.db()?
                    .as_ref()
                    .map(Self::proposal_from)
                    .transpose()
            }

            async fn open_proposals(&self) -> Result<Vec<StoredProposal>, StoreError> {
                sqlx::query(&format!(
                    "SELECT {PROPOSAL_COLUMNS} WHERE p.status = 'open' ORDER BY p.id"
                ))
                .fetch_all(&self.pool)
                .await.db()?
                .iter()
                .map(Self::proposal_from)
                .collect()
            }

            async fn decide(
                &self,
                id: i64,
                reviewer_id: i64,
                decision: &Decision,
                events: &[OutboxEvent],
                now: i64,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                // The decision is written first, guarded by `status = 'open'`: on PostgreSQL
                // the row stays locked until commit, so a second decision sent at the same
                // moment waits, then finds the proposal decided and changes nothing (on
                // SQLite the write lock taken at BEGIN already orders them).
                let (status, note) = match decision {
                    Decision::Accept { .. } => ("accepted", None),
                    Decision::Reject { note } => ("rejected", Some(note.as_str())),
                };
                let decided = sqlx::query(
                    "UPDATE proposals SET status = $2, reviewer_id = $3, decided_at = $4, \
                     review_note = COALESCE($5, review_note) WHERE id = $1 AND status = 'open'",
                )
                .bind(id)
                .bind(status)
                .bind(reviewer_id)
                .bind(now)
                .bind(note)
                .execute(&mut *tx)
                .await.db()?
                .rows_affected();
                if decided == 0 {
                    let exists: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM proposals WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await.db()?;
                    return Err(match exists {
                        None => StoreError::Missing("the proposal"),
                        Some(_) => StoreError::Stale(
                            "This proposal was decided or withdrawn meanwhile.",
                        ),
                    });
                }
                if let Decision::Accept { revision, number } = decision {
                    const MOVED: &str =
                        "The skill changed while you were reviewing. Review the proposal again.";
                    let latest = Self::latest_number(&mut tx, &revision.slug).await?;
                    if latest + 1 != i64::from(*number) {
                        return Err(StoreError::Stale(MOVED));
                    }
                    // Two proposals of one skill accepted at once both read the same latest
                    // number; the second insert of it is the one that lost.
                    match Self::insert_revision(&mut tx, revision, latest + 1).await {
                        Err(StoreError::Taken) => return Err(StoreError::Stale(MOVED)),
                        other => other?,
                    }
                }
                Self::keep_events(&mut tx, events, now).await?;
                tx.commit().await.db()
            }

            async fn withdraw(
                &self,
                id: i64,
                author_id: i64,
                events: &[OutboxEvent],
                now: i64,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let done = sqlx::query(
                    "UPDATE proposals SET status = 'withdrawn', decided_at = $3 \
                     WHERE id = $1 AND author_id = $2 AND status = 'open'",
                )
                .bind(id)
                .bind(author_id)
                .bind(now)
                .execute(&mut *tx)
                .await.db()?
                .rows_affected();
                if done != 1 {
                    return Err(StoreError::Stale("This proposal is no longer open."));
                }
                Self::keep_events(&mut tx, events, now).await?;
                tx.commit().await.db()
            }

            async fn revisions_of(&self, slug: &str) -> Result<Vec<RevisionInfo>, StoreError> {
                let rows = sqlx::query(
                    "SELECT r.number, r.created_at, u.username, r.proposal_id FROM revisions r \
                     LEFT JOIN users u ON u.id = r.author_id WHERE r.slug = $1 ORDER BY r.number DESC",
                )
                .bind(slug)
                .fetch_all(&self.pool)
                .await.db()?;
                rows.iter()
                    .map(|row| {
                        Ok(RevisionInfo {
                            number: revision_number(row.try_get(0).db()?)?,
                            created_at: row.try_get(1).db()?,
                            author: row.try_get(2).db()?,
                            proposal_id: row.try_get(3).db()?,
                        })
                    })
                    .collect()
            }

            async fn recent_revisions(
                &self,
                slug: Option<&str>,
                limit: u32,
            ) -> Result<Vec<FeedRevision>, StoreError> {
                // The newest keys first, from the index alone; only those rows' profiles
                // are read.
                let (newest, bind) = match slug {
                    Some(slug) => (
                        "SELECT slug, number FROM revisions WHERE slug = $2 \
                         ORDER BY number DESC LIMIT $1",
                        slug,
                    ),
                    None => (
                        "SELECT slug, number FROM revisions \
                         ORDER BY created_at DESC, number DESC, slug DESC LIMIT $1",
                        "",
                    ),
                };
                let sql = format!(
                    "SELECT r.slug, r.number, r.created_at, u.username, r.proposal_id, \
                     r.profile_json, p.profile_json FROM ({newest}) k \
                     JOIN revisions r ON r.slug = k.slug AND r.number = k.number \
                     LEFT JOIN revisions p ON p.slug = r.slug AND p.number = r.number - 1 \
                     LEFT JOIN users u ON u.id = r.author_id \
                     ORDER BY r.created_at DESC, r.number DESC, r.slug DESC"
                );
                let query = sqlx::query(&sql).bind(i64::from(limit));
                let query = if slug.is_some() { query.bind(bind) } else { query };
                let rows = query.fetch_all(&self.pool).await.db()?;
                rows.iter()
                    .map(|row| {
                        Ok(FeedRevision {
                            slug: row.try_get(0).db()?,
                            number: revision_number(row.try_get(1).db()?)?,
                            created_at: row.try_get(2).db()?,
                            author: row.try_get(3).db()?,
                            proposal_id: row.try_get(4).db()?,
                            profile_json: row.try_get(5).db()?,
                            previous_json: row.try_get(6).db()?,
                        })
                    })
                    .collect()
            }

            async fn add_comment(&self, comment: &NewComment) -> Result<i64, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO comments (slug, proposal_id, author_id, body, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(&comment.slug)
                .bind(comment.proposal_id)
                .bind(comment.author_id)
                .bind(&comment.body)
                .bind(comment.created_at)
                .fetch_one(&mut *tx)
                .await.db()?;
                tx.commit().await.db()?;
                Ok(id)
            }

            async fn comments(
                &self,
                slug: &str,
                proposal_id: Option<i64>,
                offset: i64,
                limit: i64,
            ) -> Result<(Vec<StoredComment>, i64), StoreError> {
                let target = "c.slug = $1 AND c.proposal_id IS NOT DISTINCT FROM $2";
                let total: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM comments c WHERE {target}"
                ))
                .bind(slug)
                .bind(proposal_id)
                .fetch_one(&self.pool)
                .await.db()?;
                let page = sqlx::query(&format!(
                    "SELECT {COMMENT_COLUMNS} WHERE {target} ORDER BY c.id LIMIT $3 OFFSET $4"
                ))
                .bind(slug)
                .bind(proposal_id)
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await.db()?
                .iter()
                .map(Self::comment_from)
                .collect::<Result<Vec<_>, _>>()?;
                Ok((page, total))
            }

            async fn comment(&self, id: i64) -> Result<Option<StoredComment>, StoreError> {
                sqlx::query(&format!("SELECT {COMMENT_COLUMNS} WHERE c.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await.db()?
                    .as_ref()
                    .map(Self::comment_from)
                    .transpose()
            }

            async fn edit_comment(&self, id: i64, body: &str, now: i64) -> Result<(), StoreError> {
                self.write_one("the comment", "UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1", id, |q| {
                    q.bind(body.to_owned()).bind(now)
                })
                .await
            }

            async fn delete_comment(&self, id: i64) -> Result<(), StoreError> {
                self.write_one("the comment", "DELETE FROM comments WHERE id = $1", id, |q| q).await
            }

            async fn hide_comment(&self, id: i64, hidden: bool) -> Result<(), StoreError> {
                self.write_one("the comment", "UPDATE comments SET hidden = $2 WHERE id = $1", id, |q| {
                    q.bind(hidden)
                })
                .await
            }

            async fn add_webhook(&self, webhook: &NewWebhook) -> Result<i64, StoreError> {
                let events: Vec<&str> = webhook.events.iter().map(|kind| kind.as_str()).collect();
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO webhooks (url, secret, events, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(&webhook.url)
                .bind(&webhook.secret)
                .bind(events.join(","))
                .bind(webhook.created_at)
                .fetch_one(&mut *tx)
                .await
                .db()?;
                tx.commit().await.db()?;
                Ok(id)
            }

            async fn webhooks(&self) -> Result<Vec<Webhook>, StoreError> {
                sqlx::query("SELECT id, url, events, created_at FROM webhooks ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .db()?
                    .iter()
                    .map(Self::webhook_from)
                    .collect()
            }

            async fn remove_webhook(&self, id: i64) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .db()?;
                let done = sqlx::query("DELETE FROM webhooks WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .db()?
                    .rows_affected();
                tx.commit().await.db()?;
                Ok(done == 1)
            }

            async fn deliveries(
                &self,
                webhook_id: Option<i64>,
                limit: u32,
            ) -> Result<Vec<Delivery>, StoreError> {
                sqlx::query(&format!(
                    "SELECT {DELIVERY_COLUMNS} WHERE CAST($1 AS BIGINT) IS NULL \
                     OR d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2"
                ))
                .bind(webhook_id)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .db()?
                .iter()
                .map(Self::delivery_from)
                .collect()
            }

            async fn claim_deliveries(
                &self,
                now: i64,
                lease_until: i64,
                limit: u32,
            ) -> Result<Vec<DueDelivery>, StoreError> {
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let claimed = sqlx::query(&CLAIM.replace("{lock}", $skip_locked))
                    .bind(now)
                    .bind(lease_until)
                    .bind(i64::from(limit))
                    .fetch_all(&mut *tx)
                    .await
                    .db()?;
                let due = if claimed.is_empty() {
                    Vec::new()
                } else {
                    Self::due_from(&mut tx, &claimed).await?
                };
                tx.commit().await.db()?;
                Ok(due)
            }

            async fn finish_deliveries(&self, attempts: &[Attempt]) -> Result<usize, StoreError> {
                use app::api::ssr::store::NextAttempt;
                let mut tx = self.pool.begin_with($begin_write).await.db()?;
                let mut recorded = 0;
                for attempt in attempts {
                    let (delivered, failed, retry) = match attempt.next {
                        NextAttempt::Delivered(at) => (Some(at), None, None),
                        NextAttempt::RetryAt(at) => (None, None, Some(at)),
                        NextAttempt::GiveUp(at) => (None, Some(at), None),
                    };
                    recorded += sqlx::query(
                        "UPDATE webhook_deliveries SET last_status = $3, last_error = $4, \
                         delivered_at = $5, failed_at = $6, \
                         next_attempt_at = COALESCE($7, next_attempt_at) \
                         WHERE id = $1 AND attempts = $2",
                    )
                    .bind(attempt.id)
                    .bind(i64::from(attempt.attempt))
                    .bind(attempt.status.map(i64::from))
                    .bind(attempt.error.as_deref())
                    .bind(delivered)
                    .bind(failed)
                    .bind(retry)
                    .execute(&mut *tx)
                    .await
                    .db()?
                    .rows_affected();
                }
                tx.commit().await.db()?;
                Ok(usize::try_from(recorded).unwrap_or(usize::MAX))
            }
        }
    };
}

/// A webhook's subscriptions as stored: kinds separated by commas.
fn event_kinds(stored: &str) -> Result<Vec<app::model::EventKind>, StoreError> {
    stored
        .split(',')
        .map(|word| {
            app::model::EventKind::parse(word)
                .ok_or_else(|| StoreError::Encoding(format!("webhook event `{word}`")))
        })
        .collect()
}

/// An attempt count as read from a row.
fn attempts(count: i64) -> Result<u32, StoreError> {
    u32::try_from(count).map_err(|_| StoreError::Encoding(format!("attempts {count}")))
}

/// An HTTP status as read from a row.
fn http_status(status: i64) -> Result<u16, StoreError> {
    u16::try_from(status).map_err(|_| StoreError::Encoding(format!("HTTP status {status}")))
}

/// The database and row type of each store, so the macro can name them.
trait RowOf {
    type Db: sqlx::Database;
    type Row;
}

impl RowOf for SqliteStore {
    type Db = sqlx::Sqlite;
    type Row = sqlx::sqlite::SqliteRow;
}

impl RowOf for PgStore {
    type Db = sqlx::Postgres;
    type Row = sqlx::postgres::PgRow;
}

/// A query with its arguments, on database `D`.
type Query<'q, D> = sqlx::query::Query<'q, D, <D as sqlx::Database>::Arguments<'q>>;

// SQLite: take the write lock when the transaction begins, so a transaction that reads
// before it writes cannot fail half-way with SQLITE_BUSY when another writer got in first.
sql_store!(SqliteStore, "sqlite", "BEGIN IMMEDIATE", "");
sql_store!(PgStore, "postgres", "BEGIN", "FOR UPDATE SKIP LOCKED");
