//! Rate limits, counted in the store so they hold across all nodes.
//!
//! Fixed windows: a key (say "login-ip:203.0.113.9") may be hit `limit` times per window.

use crate::StoreError;
use async_trait::async_trait;
use time::{Duration, OffsetDateTime};

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const LOGIN_PER_IP: Limit = Limit { name: "login-ip", max: 25, window: Duration::minutes(5) };
    pub const LOGIN_PER_ACCOUNT: Limit = Limit { name: "login-account", max: 25, window: Duration::hours(1) };
    pub const RESET_PER_EMAIL: Limit = Limit { name: "reset-email", max: 5, window: Duration::minutes(30) };
    pub const SIGNUP_PER_IP: Limit = Limit { name: "signup-ip", max: 5, window: Duration::minutes(30) };

    /// Guessing a six-digit code must not be feasible: ten tries per quarter hour.
    pub const SECOND_FACTOR: Limit = Limit { name: "second-factor", max: 10, window: Duration::minutes(15) };

    pub fn key(&self, subject: &str) -> String {
        format!("{}:{}", self.name, subject)
    }
}

#[async_trait]
pub trait RateLimitRepo: Send + Sync {
    /// Counts one hit on `key` in the window of length `window` that contains `now`
    /// (windows start at multiples of its length) and returns the count so far,
    /// this hit included. Windows that have ended may be forgotten.
    async fn hit(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError>;

    /// Forgets counts of windows that ended before `before`.
    async fn prune_rate_limits(&self, before: OffsetDateTime) -> Result<u64, StoreError>;
}

/// The start of the window that contains `now`.
pub fn window_start(window: Duration, now: OffsetDateTime) -> OffsetDateTime {
    let len = window.whole_seconds().max(1);
    let t = now.unix_timestamp();
    OffsetDateTime::from_unix_timestamp(t - t.rem_euclid(len)).unwrap_or(now)
}

/// Counts a hit and refuses it when over the limit.
pub async fn check(repo: &dyn RateLimitRepo, limit: Limit, subject: &str, now: OffsetDateTime) -> crate::Result<()> {
    let count = repo.hit(&limit.key(subject), limit.window, now).await?;
    if count > limit.max {
        let ends = window_start(limit.window, now) + limit.window;
        let retry_after_secs = (ends - now).whole_seconds().max(1) as u64;
        return Err(crate::Error::RateLimited { retry_after_secs });
    }
    Ok(())
}
