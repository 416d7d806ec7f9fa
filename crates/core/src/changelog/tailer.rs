//! Following the log on one node.

use super::{LogEntry, LogPosition};
use crate::{StoreError, StoreHandle};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, watch};

/// Something a node derives from the database and keeps current from the log.
#[async_trait]
pub trait Index: Send + Sync {
    fn name(&self) -> &'static str;

    /// Builds the index from scratch; returns the log position read in the same
    /// transaction as the data, from which tailing resumes.
    async fn rebuild(&self, store: &StoreHandle) -> Result<LogPosition, StoreError>;

    /// Brings the index up to date with `entries`. Entries only say what changed, so an
    /// index re-reads what it needs; applying an entry twice does no harm.
    async fn apply(&self, store: &StoreHandle, entries: &[LogEntry]) -> Result<(), StoreError>;
}

/// Applies the change log to this node's indexes, in commit order.
pub struct Tailer {
    store: StoreHandle,
    indexes: Vec<Arc<dyn Index>>,
    applied: watch::Sender<LogPosition>,
    /// One catch-up at a time, so entries are applied once and in order.
    running: Mutex<()>,
}

const BATCH: u32 = 1_000;

impl Tailer {
    /// Builds every index from a snapshot and starts from the oldest of their positions.
    pub async fn start(store: StoreHandle, indexes: Vec<Arc<dyn Index>>) -> Result<Arc<Self>, StoreError> {
        let mut from: Option<LogPosition> = None;
        for index in &indexes {
            let at = index.rebuild(&store).await?;
            tracing::info!(index = index.name(), position = %at, "index built");
            from = Some(from.map_or(at, |f| f.min(at)));
        }
        let from = match from {
            Some(at) => at,
            None => store.log_head().await?,
        };
        Ok(Arc::new(Self { store, indexes, applied: watch::Sender::new(from), running: Mutex::new(()) }))
    }

    /// The position every index of this node has applied.
    pub fn applied(&self) -> LogPosition {
        *self.applied.borrow()
    }

    /// Watches the applied position (live updates wait on it).
    pub fn subscribe(&self) -> watch::Receiver<LogPosition> {
        self.applied.subscribe()
    }

    pub fn index_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.indexes.iter().map(|i| i.name())
    }

    /// Applies everything that is final in the log now; returns the position reached.
    pub async fn catch_up(&self) -> Result<LogPosition, StoreError> {
        let _one_at_a_time = self.running.lock().await;
        loop {
            let from = self.applied();
            let entries = self.store.changes_since(from, BATCH).await?;
            let Some(last) = entries.last() else {
                return Ok(from);
            };
            for index in &self.indexes {
                index.apply(&self.store, &entries).await?;
            }
            self.applied.send_replace(last.position);
            if entries.len() < BATCH as usize {
                return Ok(last.position);
            }
        }
    }

    /// Catches up until `position` is applied, so a member whose write is at `position`
    /// sees it on this node too. Gives up after `patience` (the entry's transaction may
    /// still be settling on PostgreSQL) and serves what it has.
    pub async fn catch_up_to(&self, position: LogPosition, patience: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            match self.catch_up().await {
                Ok(at) if at >= position => return true,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "catching up with the change log failed"),
            }
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Follows the log until `shutdown` fires: whenever `wakeups.log` is signalled (a local
    /// write, or another node's notification), and at least every `poll`.
    pub async fn run(
        self: Arc<Self>,
        wakeups: Arc<crate::kontor::Wakeups>,
        poll: Duration,
        mut shutdown: watch::Receiver<bool>,
    ) {
        loop {
            if let Err(e) = self.catch_up().await {
                tracing::warn!(error = %e, "catching up with the change log failed");
            }
            tokio::select! {
                _ = wakeups.log.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}
