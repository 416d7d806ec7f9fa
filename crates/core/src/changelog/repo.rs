use super::{LogEntry, LogPosition};
use crate::StoreError;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Reading the change log. Appending is part of every write method of the other
/// repositories, inside their transaction.
#[async_trait]
pub trait ChangeLogRepo: Send + Sync {
    /// Up to `limit` entries after `after`, in commit order. Only entries whose place in
    /// that order is final are returned: an entry returned later never sorts before one
    /// returned now.
    async fn changes_since(&self, after: LogPosition, limit: u32) -> Result<Vec<LogEntry>, StoreError>;

    /// The position of the newest entry whose place is final (what a reader starting now
    /// could catch up to), or the start if the log is empty.
    async fn log_head(&self) -> Result<LogPosition, StoreError>;

    /// The newest position committed through this store, from memory (the start if
    /// none): a write's own entries are at or before it once the write returns.
    fn written_through(&self) -> LogPosition;

    /// The position of the newest committed entry, final or not: a member who has just
    /// written waits on other nodes until this much is applied.
    async fn log_newest(&self) -> Result<LogPosition, StoreError>;

    /// How many final entries come after `after`, and when the oldest of them was
    /// written (for the lag metrics).
    async fn pending_changes(&self, after: LogPosition) -> Result<(u64, Option<OffsetDateTime>), StoreError>;

    /// Deletes entries written before `before`; returns how many. Remembers the newest
    /// position it deleted (see [`ChangeLogRepo::log_pruned_through`]).
    async fn prune_log(&self, before: OffsetDateTime) -> Result<u64, StoreError>;

    /// The newest position ever pruned (the start if none): a reader that has applied
    /// less has missed entries for good.
    async fn log_pruned_through(&self) -> Result<LogPosition, StoreError>;
}
