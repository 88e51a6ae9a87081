//! The SQLite store: one file under the data directory, one server.

use super::{Db as _, WAIT};
use app::api::ssr::store::{RevisionSignals, StoreError};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;

/// SQLite in one file; WAL, so readers never wait for the writer.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating it if needed) the database file and applies migrations.
    pub async fn open(file: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(file)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at commit, so a power cut
            // can take back proposals the server already acknowledged — after which the
            // browser has deleted its draft and the words exist nowhere. One fsync per
            // submission is the price (see scripts/bench-submit.sh for what it costs).
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(WAIT)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(WAIT)
            // A COMMIT that fails (disk full) can leave SQLite rolled back while sqlx still
            // counts the transaction open, and every later `BEGIN IMMEDIATE` on that
            // connection fails. The ping lets any rollback still queued run first; a
            // connection still inside a transaction after it is closed, not reused.
            .before_acquire(|conn, _| {
                Box::pin(async move {
                    use sqlx::Connection;
                    conn.ping().await?;
                    Ok(!conn.is_in_transaction())
                })
            })
            .connect_with(options)
            .await
            .db()?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await.db()?;
        Ok(Self { pool })
    }
}

impl SqliteStore {
    /// One server per SQLite file: nothing to listen to (`import` is seen by polling).
    pub(super) async fn listen(&self) -> Result<Option<Box<dyn RevisionSignals>>, StoreError> {
        Ok(None)
    }
}
