//! What every service stands on, whatever its domain: the time, acknowledging a write,
//! links into the site and rate limits.
//!
//! Services do not reach the node (`Kontor`) itself: each domain declares in its
//! `needs.rs` what it uses (its view of the store, the services and the derived state it
//! reads) as a trait on top of this one, and the node provides it. A service can reach
//! nothing it did not declare, and the domains do not import the node.

use crate::error::Result;
use crate::ratelimit::{Counter, Limit};
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
pub trait Basis: Send + Sync {
    /// The time, from the node's clock (which tests move).
    fn now(&self) -> OffsetDateTime;

    /// A write has committed: this node applies its own log entries to its derived
    /// state (as every other node will from the log) before the write is acknowledged,
    /// and its job runner looks for new jobs at once. If they cannot be applied (the
    /// database went away after the commit), the write is not acknowledged: the caller
    /// may not yet see it here.
    async fn written(&self) -> Result<()>;

    /// Jobs were enqueued outside a logged write: the job runner looks at once.
    fn jobs_enqueued(&self);

    /// An absolute link into the site, for e-mails.
    fn link(&self, path: &str) -> String;

    /// `limit` applied to `subject` (an address, an account, a member).
    fn limit(&self, limit: Limit, subject: &str) -> Counter<'_>;
}
