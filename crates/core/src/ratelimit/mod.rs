//! Rate limits, counted in the store so they hold across all nodes.
//!
//! Fixed windows: a key (say "login-ip:203.0.113.9") may be hit `max` times per window.
//! Most limits count every attempt; the log-in limits count failures only and forget an
//! account's failures once its password is right, so an office behind one address does
//! not lock itself out and an owner is not locked out by someone guessing.

mod limits;

pub use limits::{Limit, Limits, PHOTO_MEGAPIXELS, Rate};

use crate::StoreError;
use crate::clock::Clock;
use async_trait::async_trait;
use std::sync::atomic::{AtomicU64, Ordering};
use time::{Duration, OffsetDateTime};

#[async_trait]
pub trait RateLimitRepo: Send + Sync {
    /// Counts one hit on `key` in the window of length `window` that contains `now`
    /// (windows start at multiples of its length) and returns the count so far,
    /// this hit included. Windows that have ended may be forgotten.
    async fn hit(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError>;

    /// The hits on `key` so far in the window that contains `now`.
    async fn hits(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError>;

    /// Forgets every hit on `key`.
    async fn forget(&self, key: &str) -> Result<(), StoreError>;

    /// Forgets counts of windows that ended before `before`.
    async fn prune_rate_limits(&self, before: OffsetDateTime) -> Result<u64, StoreError>;
}

/// The start of the window that contains `now`.
pub fn window_start(window: Duration, now: OffsetDateTime) -> OffsetDateTime {
    let len = window.whole_seconds().max(1);
    let t = now.unix_timestamp();
    OffsetDateTime::from_unix_timestamp(t - t.rem_euclid(len)).unwrap_or(now)
}

/// How often each limit has refused something since this node started: for `/metrics`.
#[derive(Debug, Default)]
pub struct Refusals([AtomicU64; Limit::ALL.len()]);

impl Refusals {
    fn count(&self, limit: Limit) {
        self.0[limit as usize].fetch_add(1, Ordering::Relaxed);
    }

    pub fn counts(&self) -> impl Iterator<Item = (Limit, u64)> + '_ {
        Limit::ALL.iter().map(|&l| (l, self.0[l as usize].load(Ordering::Relaxed)))
    }
}

/// One limit applied to one subject (an address, an account, a member).
pub struct Counter<'a> {
    repo: &'a dyn RateLimitRepo,
    clock: &'a dyn Clock,
    refusals: &'a Refusals,
    limit: Limit,
    rate: Rate,
    key: String,
}

impl<'a> Counter<'a> {
    /// Counts in `repo` by `clock`, with `rate` (the limit's, as configured), telling
    /// `refusals` of every refusal.
    pub(crate) fn new(
        repo: &'a dyn RateLimitRepo,
        clock: &'a dyn Clock,
        refusals: &'a Refusals,
        (limit, rate): (Limit, Rate),
        subject: &str,
    ) -> Self {
        Self { repo, clock, refusals, limit, rate, key: format!("{}:{subject}", limit.name()) }
    }

    /// Counts this attempt and refuses it when it is one too many.
    pub async fn attempt(&self) -> crate::Result<()> {
        let rate = self.rate;
        let now = self.clock.now();
        let count = self.repo.hit(&self.key, rate.window, now).await?;
        self.refuse_over(rate, count, now)
    }

    /// Refuses when the failures so far have used up the limit (counts nothing).
    pub async fn refuse_if_used_up(&self) -> crate::Result<()> {
        let rate = self.rate;
        let now = self.clock.now();
        let count = self.repo.hits(&self.key, rate.window, now).await?;
        self.refuse_over(rate, count + 1, now)
    }

    /// Counts a failure.
    pub async fn failed(&self) -> crate::Result<()> {
        let rate = self.rate;
        self.repo.hit(&self.key, rate.window, self.clock.now()).await?;
        Ok(())
    }

    /// Forgets the failures: the subject has shown it is who it says.
    pub async fn succeeded(&self) -> crate::Result<()> {
        Ok(self.repo.forget(&self.key).await?)
    }

    fn refuse_over(&self, rate: Rate, count: u32, now: OffsetDateTime) -> crate::Result<()> {
        if count <= rate.max {
            return Ok(());
        }
        self.refusals.count(self.limit);
        let ends = window_start(rate.window, now) + rate.window;
        let retry_after_secs = (ends - now).whole_seconds().max(1) as u64;
        Err(crate::Error::RateLimited { retry_after_secs })
    }
}
