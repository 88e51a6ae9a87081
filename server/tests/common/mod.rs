//! What the test binaries share: [`test_app::TestApp`] (a server as `main` builds it, with
//! its own database and rate limiter, called through its router) and the PostgreSQL half's
//! fresh databases, skipped when no test server is named.
#![allow(
    dead_code,
    reason = "each test binary uses its own part (an `expect` would warn in one using all)"
)]

pub mod test_app;

/// The test PostgreSQL server's URL (`TEST_DATABASE_URL`), or `None`: without it the
/// PostgreSQL half passes without running, and the first test to find it unset says so.
pub fn postgres_url() -> Option<String> {
    use std::io::Write;
    static SAID: std::sync::Once = std::sync::Once::new();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ => {
            SAID.call_once(|| {
                // Straight to stderr: libtest hides what `eprintln!` prints in a passing test.
                let _ = writeln!(
                    std::io::stderr(),
                    "\nskipped: TEST_DATABASE_URL is not set (scripts/test.sh starts a \
                     PostgreSQL server), so this binary's PostgreSQL tests pass without running"
                );
            });
            None
        }
    }
}

/// The URL of a fresh database on the test PostgreSQL server (`TEST_DATABASE_URL`), named
/// after `test`; `None` when no server is named ([`postgres_url`]).
pub async fn fresh_database(test: &str) -> Option<String> {
    use sqlx::Connection;
    let url = postgres_url()?;
    // PostgreSQL cuts names at 63 bytes: the unique part goes first, the test's name after.
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let unique = format!(
        "t{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let database: String = format!("{unique}_{test}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(63)
        .collect();
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
    Some(format!("{base}/{database}"))
}
