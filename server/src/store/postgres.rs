//! The PostgreSQL store: one database shared by several servers behind a load balancer,
//! which hear of each other's revisions by `LISTEN`/`NOTIFY`.

use super::Db as _;
use app::api::ssr::store::{RevisionSignals, Signal, StoreError};
use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

/// PostgreSQL, for several servers sharing one database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(super) pool: PgPool,
}

/// How long a request waits for a PostgreSQL connection: when the database is down, new
/// connections fail at once but the pool retries until this passes, so it is how fast an
/// outage is told to readers.
const PG_ACQUIRE: Duration = Duration::from_secs(2);

impl PgStore {
    /// Connects and applies migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(PG_ACQUIRE)
            .connect(url)
            .await
            .db()?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .db()?;
        Ok(Self { pool })
    }
}

/// The channel the `revisions_notify` trigger (migration 0003) signals on.
pub const REVISIONS_CHANNEL: &str = "skill_profiles_revisions";

/// PostgreSQL's notifications on [`REVISIONS_CHANNEL`].
struct PgSignals(sqlx::postgres::PgListener);

#[async_trait::async_trait]
impl RevisionSignals for PgSignals {
    async fn next(&mut self) -> Result<Signal, StoreError> {
        // `try_recv` answers `None` once when the connection drops and reconnects (listening
        // again) on the next call.
        match self.0.try_recv().await.db()? {
            Some(_) => Ok(Signal::Published),
            None => Ok(Signal::Reconnected),
        }
    }
}

impl PgStore {
    /// Listens on a connection of its own for the revisions any server adds.
    pub(super) async fn listen(&self) -> Result<Option<Box<dyn RevisionSignals>>, StoreError> {
        let mut listener = sqlx::postgres::PgListener::connect_with(&self.pool)
            .await
            .db()?;
        listener.listen(REVISIONS_CHANNEL).await.db()?;
        Ok(Some(Box::new(PgSignals(listener))))
    }
}
