//! The delivery worker: claims due deliveries from the database, POSTs each signed, and
//! records what the target answered. Every server runs one; a claim is a lease (the row is
//! not due again until it runs out), so servers sharing a PostgreSQL never send one
//! delivery twice, and one killed mid-delivery leaves the row to be sent after the lease —
//! by itself once restarted, or by another server.

use super::targets::{CheckedResolver, Target};
use super::{header, signature, signing_key};
use app::api::ssr::store::{unix_now, Attempt, DueDelivery, NextAttempt, Store, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// How the worker sends and retries.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerConfig {
    /// The wait after the first failed attempt; it doubles after each one.
    pub base_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// Each wait is shortened by up to this fraction, at random, so deliveries that failed
    /// together (a target down) do not all come back at the same second.
    pub jitter: f64,
    /// A delivery still failing this long after its event is marked failed.
    pub give_up_after: Duration,
    /// The limit on connecting, and on the whole request.
    pub timeout: Duration,
    /// How long a claimed delivery is not due for anyone else: longer than `timeout`.
    pub lease: Duration,
    /// How often the database is asked for due deliveries when there were none.
    pub poll: Duration,
    /// Deliveries claimed (and sent at once) in one go.
    pub batch: u32,
    /// `SKILLS_WEBHOOK_ALLOW_PRIVATE`: non-global addresses may be posted to.
    pub allow_private: bool,
}

impl Default for WorkerConfig {
    /// 30 s doubling to at most an hour, with up to 25 % jitter, given up after 24 hours
    /// (about 30 attempts); 10 s to answer, a minute's lease, a look every 2 s.
    fn default() -> Self {
        Self {
            base_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(3_600),
            jitter: 0.25,
            give_up_after: Duration::from_secs(24 * 3_600),
            timeout: Duration::from_secs(10),
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(2),
            batch: 16,
            allow_private: false,
        }
    }
}

impl WorkerConfig {
    /// The wait after failed attempt `attempt` (1 for the first): `base_delay × 2^(attempt-1)`,
    /// at most `max_delay`, shortened by `jitter × random` (`random` in 0..1).
    pub fn retry_delay(&self, attempt: u32, random: f64) -> Duration {
        let doubled = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        doubled
            .min(self.max_delay)
            .mul_f64(1.0 - self.jitter.clamp(0.0, 1.0) * random.clamp(0.0, 1.0))
    }

    /// What follows attempt `attempt` of a delivery whose event happened at `created_at`,
    /// failed at `now` (since 1970): another attempt after [`Self::retry_delay`], rounded up
    /// to the second (the store keeps whole seconds) so it is never sooner; or giving up
    /// once `give_up_after` has passed.
    pub fn after_failure(
        &self,
        attempt: u32,
        created_at: i64,
        now: Duration,
        random: f64,
    ) -> NextAttempt {
        let now_secs = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
        let give_up = i64::try_from(self.give_up_after.as_secs()).unwrap_or(i64::MAX);
        if now_secs.saturating_sub(created_at) >= give_up {
            return NextAttempt::GiveUp(now_secs);
        }
        let due = (now + self.retry_delay(attempt, random))
            .as_secs_f64()
            .ceil();
        // Seconds since 1970 fit an i64 with room to spare.
        NextAttempt::RetryAt(due as i64)
    }

    fn lease_secs(&self) -> i64 {
        i64::try_from(self.lease.as_secs().max(1)).unwrap_or(i64::MAX)
    }
}

/// Sends deliveries: a store to claim them from and an HTTP client whose every connection
/// goes to a checked address.
#[derive(Debug, Clone)]
pub struct Worker {
    store: Arc<dyn Store>,
    client: reqwest::Client,
    config: Arc<WorkerConfig>,
}

/// Why the worker could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot make the webhook client: {0}")]
pub struct ClientError(#[from] reqwest::Error);

impl Worker {
    /// A worker over `store`. The client follows no redirect (a redirect could lead past
    /// the address checks), uses no proxy from the environment, and resolves names through
    /// [`CheckedResolver`].
    pub fn new(store: Arc<dyn Store>, config: WorkerConfig) -> Result<Self, ClientError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(CheckedResolver {
                allow_private: config.allow_private,
            }))
            .connect_timeout(config.timeout)
            .timeout(config.timeout)
            .user_agent(concat!(
                "skill-profiles-webhooks/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()?;
        Ok(Self {
            store,
            client,
            config: Arc::new(config),
        })
    }

    /// Sends due deliveries until the process ends: at once while there are more, else
    /// after `poll`. Database failures are logged and tried again after `poll`.
    pub async fn run(self) {
        tracing::info!("webhook worker started");
        loop {
            match self.run_once().await {
                Ok(sent) if sent >= self.config.batch as usize => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "could not claim webhook deliveries"),
            }
            tokio::time::sleep(self.config.poll).await;
        }
    }

    /// Claims one batch of due deliveries, sends them all at once, and records how each
    /// went in one transaction once all are answered (one commit, not one per delivery: a
    /// batch's fsyncs are what SQLite spends its time on). Returns how many were claimed.
    pub async fn run_once(&self) -> Result<usize, StoreError> {
        let now = unix_now();
        let due = self
            .store
            .claim_deliveries(now, now + self.config.lease_secs(), self.config.batch)
            .await?;
        let claimed = due.len();
        let mut sending = tokio::task::JoinSet::new();
        for delivery in due {
            let worker = self.clone();
            sending.spawn(async move { worker.attempt(delivery).await });
        }
        let mut attempts = Vec::with_capacity(claimed);
        while let Some(done) = sending.join_next().await {
            match done {
                Ok(attempt) => attempts.push(attempt),
                // Its row stays claimed and is tried again after the lease.
                Err(err) => tracing::error!(%err, "a webhook delivery task failed"),
            }
        }
        if !attempts.is_empty() {
            let recorded = self.store.finish_deliveries(&attempts).await?;
            if recorded < attempts.len() {
                tracing::warn!(
                    outlived = attempts.len() - recorded,
                    "webhook deliveries outlived their lease and were claimed again"
                );
            }
        }
        Ok(claimed)
    }

    /// One attempt of `delivery`: sent, logged, and what comes next.
    async fn attempt(&self, delivery: DueDelivery) -> Attempt {
        let (status, error) = match self.send(&delivery).await {
            Ok(status) if (200..300).contains(&status) => (Some(status), None),
            Ok(status) => (Some(status), Some(format!("answered {status}"))),
            Err(error) => (None, Some(error)),
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let next = match &error {
            None => NextAttempt::Delivered(unix_now()),
            Some(_) => self.config.after_failure(
                delivery.attempt,
                delivery.created_at,
                now,
                random_fraction(),
            ),
        };
        match &error {
            None => tracing::debug!(id = delivery.id, event = %delivery.event, "webhook delivered"),
            Some(error) => tracing::warn!(
                id = delivery.id,
                attempt = delivery.attempt,
                %error,
                ?next,
                "webhook delivery failed"
            ),
        }
        Attempt {
            id: delivery.id,
            attempt: delivery.attempt,
            status,
            error,
            next,
        }
    }

    /// POSTs `delivery` signed: the status it was answered with, or why there was none.
    /// The target is checked again first (an address written as an IP is never resolved,
    /// so the resolver would not see it).
    async fn send(&self, delivery: &DueDelivery) -> Result<u16, String> {
        let target = Target::parse(&delivery.url).map_err(|err| err.to_string())?;
        target
            .check_literal(self.config.allow_private)
            .map_err(|err| err.to_string())?;
        let key = signing_key(&delivery.secret).map_err(|err| err.to_string())?;
        let id = delivery.id.to_string();
        let timestamp = unix_now();
        let response = self
            .client
            .post(target.url().clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(header::ID, &id)
            .header(header::TIMESTAMP, timestamp.to_string())
            .header(
                header::SIGNATURE,
                signature(&key, &id, timestamp, &delivery.payload),
            )
            .body(delivery.payload.clone())
            .send()
            .await
            .map_err(|err| self.describe(err))?;
        Ok(response.status().as_u16())
    }

    /// Why a request failed, for the log and `webhook deliveries`: the error's chain of
    /// causes without the address (which the listing shows beside it).
    fn describe(&self, err: reqwest::Error) -> String {
        if err.is_timeout() {
            return format!("no answer within {} s", self.config.timeout.as_secs_f32());
        }
        let err = err.without_url();
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.contains(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        text.truncate(
            text.char_indices()
                .nth(500)
                .map_or(text.len(), |(at, _)| at),
        );
        text
    }
}

/// A number in 0..1 from the system's generator, for jitter (0 if it cannot answer).
fn random_fraction() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0),
        Err(_) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_30_seconds_doubling_to_an_hour() {
        let config = WorkerConfig::default();
        let waits: Vec<u64> = (1..=9)
            .map(|n| config.retry_delay(n, 0.0).as_secs())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1_920, 3_600, 3_600]);
        assert_eq!(config.retry_delay(1_000, 0.0), Duration::from_secs(3_600));
    }

    #[test]
    fn jitter_shortens_a_wait_by_at_most_a_quarter() {
        let config = WorkerConfig::default();
        assert_eq!(config.retry_delay(2, 0.999_999).as_secs(), 45);
        assert_eq!(
            config.retry_delay(2, 0.5),
            Duration::from_secs(52) + Duration::from_millis(500)
        );
    }

    #[test]
    fn a_failing_delivery_is_tried_for_a_day_then_given_up() {
        let config = WorkerConfig::default();
        let (created, mut now, mut attempt) = (1_000, 1_000, 1);
        let at = |seconds: i64| Duration::from_secs(seconds.unsigned_abs());
        while let NextAttempt::RetryAt(due) = config.after_failure(attempt, created, at(now), 0.0) {
            assert!(due > now);
            now = due;
            attempt += 1;
        }
        assert!(
            now - created >= 24 * 3_600,
            "gave up after {} s",
            now - created
        );
        assert_eq!(attempt, 31, "attempts in a day");
        assert_eq!(
            config.after_failure(attempt, created, at(now), 0.0),
            NextAttempt::GiveUp(now)
        );
    }

    #[test]
    fn a_retry_is_never_due_sooner_than_its_wait() {
        let config = WorkerConfig::default();
        let failed = Duration::from_millis(10_900);
        assert_eq!(
            config.after_failure(1, 10, failed, 0.0),
            NextAttempt::RetryAt(41),
            "10.9 s + 30 s, rounded up"
        );
    }
}
