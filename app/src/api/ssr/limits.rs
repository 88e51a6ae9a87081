//! Rate limits on sign-in, sign-up and submissions: a fixed window per action and client,
//! kept in memory. Several servers behind a load balancer each count on their own, so the
//! effective limit is at most the limit times the number of servers.
//!
//! Hand-written rather than `governor`: the limits shared by several servers (the
//! operations issue) count in a database table, and a fixed window is what one row per
//! client counts there; governor's GCRA lives in one process's memory. Keeping the same
//! window here keeps both answers — "the eleventh sign-in in five minutes waits for the
//! window" — the same.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// An action with a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Sign-in attempts, per client address: slows password guessing.
    SignIn,
    /// Accounts created, per client address.
    SignUp,
    /// Proposals submitted, per user.
    Submit,
    /// Comments posted, per user.
    Comment,
}

impl Action {
    /// How many in how long.
    pub fn rule(self) -> (u32, Duration) {
        match self {
            Action::SignIn => (10, Duration::from_secs(5 * 60)),
            Action::SignUp => (5, Duration::from_secs(60 * 60)),
            Action::Submit => (20, Duration::from_secs(10 * 60)),
            Action::Comment => (30, Duration::from_secs(10 * 60)),
        }
    }
}

/// Entries kept before windows that ended are swept.
const SWEEP_AT: usize = 10_000;

/// Counts actions per client in fixed windows.
#[derive(Debug)]
pub struct RateLimiter {
    enabled: bool,
    windows: Mutex<HashMap<(Action, String), (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter; `enabled: false` lets everything through (load tests only).
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one `action` by `who` at `now`; `Err(wait)` when over the limit, with how long
    /// until the window ends.
    pub fn check(&self, action: Action, who: &str, now: Instant) -> Result<(), Duration> {
        if !self.enabled {
            return Ok(());
        }
        let (limit, window) = action.rule();
        // A poisoned lock only means another request panicked mid-count; the map is intact.
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() >= SWEEP_AT {
            windows.retain(|(action, _), (start, _)| now.duration_since(*start) < action.rule().1);
        }
        let entry = windows.entry((action, who.to_owned())).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            return Err(window.saturating_sub(now.duration_since(entry.0)));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_plus_one_is_refused_until_the_window_ends() {
        let limiter = RateLimiter::new(true);
        let start = Instant::now();
        let (limit, window) = Action::SignIn.rule();
        for _ in 0..limit {
            assert!(limiter.check(Action::SignIn, "10.0.0.1", start).is_ok());
        }
        let wait = limiter
            .check(Action::SignIn, "10.0.0.1", start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, window - Duration::from_secs(10));
        assert!(limiter.check(Action::SignIn, "10.0.0.2", start).is_ok());
        assert!(limiter.check(Action::SignUp, "10.0.0.1", start).is_ok());
        assert!(limiter
            .check(Action::SignIn, "10.0.0.1", start + window)
            .is_ok());
    }

    #[test]
    fn a_disabled_limiter_lets_everything_through() {
        let limiter = RateLimiter::new(false);
        let now = Instant::now();
        for _ in 0..100 {
            assert!(limiter.check(Action::SignUp, "x", now).is_ok());
        }
    }
}
