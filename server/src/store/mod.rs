//! The two implementations of [`Store`]: SQLite (the default, a file under the data
//! directory) and PostgreSQL (`DATABASE_URL=postgres://…`, for several servers behind a load
//! balancer). Both run the same SQL — SQLite reads `$1` placeholders as PostgreSQL does —
//! so one macro writes both, and only connecting, migrations and how a write transaction
//! begins differ.

mod postgres;
mod queries;
mod sqlite;

pub use postgres::{PgStore, REVISIONS_CHANNEL};
pub use sqlite::SqliteStore;

use app::api::ssr::store::{Store, StoreError};
use app::model::ProposedCell;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How long a request waits for a connection or, on SQLite, for the write lock.
const WAIT: Duration = Duration::from_secs(5);

/// Opens the store the settings ask for: PostgreSQL when `database_url` is given, else the
/// SQLite file `skills.db` in `data_dir` (created with the folder on first start).
pub async fn open(
    database_url: Option<&str>,
    data_dir: &Path,
) -> Result<Arc<dyn Store>, StoreError> {
    match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(PgStore::connect(url).await?))
        }
        Some(url) => Err(StoreError::Database(format!(
            "DATABASE_URL must start with postgres:// (got `{}`); leave it unset for SQLite",
            url.split(':').next().unwrap_or_default()
        ))),
        None => {
            std::fs::create_dir_all(data_dir).map_err(|err| {
                StoreError::Database(format!("cannot create {}: {err}", data_dir.display()))
            })?;
            Ok(Arc::new(
                SqliteStore::open(&data_dir.join("skills.db")).await?,
            ))
        }
    }
}

/// `.db()` on a database call's result: its error as the store reports it.
pub(crate) trait Db<T> {
    /// The result with a lost connection as [`StoreError::Unavailable`], else
    /// [`StoreError::Database`].
    fn db(self) -> Result<T, StoreError>;
}

impl<T> Db<T> for Result<T, sqlx::Error> {
    fn db(self) -> Result<T, StoreError> {
        self.map_err(database)
    }
}

impl<T> Db<T> for Result<T, sqlx::migrate::MigrateError> {
    fn db(self) -> Result<T, StoreError> {
        self.map_err(|err| StoreError::Database(err.to_string()))
    }
}

/// A database error as the store reports it (see [`Db`]).
pub(super) fn database(err: sqlx::Error) -> StoreError {
    match err {
        // No connection: the database is down or out of reach, not wrong.
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(err.to_string())
        }
        _ => StoreError::Database(err.to_string()),
    }
}

/// A revision number as read from a row.
pub(super) fn revision_number(number: i64) -> Result<u32, StoreError> {
    u32::try_from(number).map_err(|_| StoreError::Encoding(format!("revision number {number}")))
}

/// A proposal's cells as stored (JSON).
pub(super) fn cells_from_json(json: &str) -> Result<Vec<ProposedCell>, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError::Encoding(format!("proposal cells: {err}")))
}
