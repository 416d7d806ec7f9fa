//! Following the log on one node: the one way into its derived state.
//!
//! Every index and cache of a node changes only here, by applying log entries in commit
//! order, whether the write was made on this node or on another. A node that wrote waits
//! for its own entries to be applied here before it answers (see [`Tailer::apply_own_writes`]),
//! so the writer sees its write at once and by the same code as everyone else.

use super::ChangeLogRepo;
use super::{ChangeKind, LogEntry, LogPosition};
use crate::StoreError;
use async_trait::async_trait;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::{Mutex, watch};

/// Something a node derives from the database and keeps current from the log.
#[async_trait]
pub trait Index<S: ?Sized>: Send + Sync {
    fn name(&self) -> &'static str;

    /// The change kinds this index follows, declared once: the tailer hands it these
    /// entries and no others. (Which keys an entry touches is what its subject names;
    /// each kind's doc comment in [`ChangeKind`] says what that is.)
    fn listens(&self) -> &'static [ChangeKind];

    /// Builds the index from scratch; returns the log position read in the same
    /// transaction as the data, from which tailing resumes.
    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError>;

    /// Brings the index up to date with `entries` (only kinds it listens to, in commit
    /// order). Entries only say what changed, so an index re-reads what it needs;
    /// applying an entry twice does no harm.
    async fn apply(&self, store: &S, entries: &[LogEntry]) -> Result<(), StoreError>;
}

/// Signals from writes to this node's background loops.
#[derive(Default)]
pub struct Wakeups {
    /// The change log has grown.
    pub log: tokio::sync::Notify,
    /// Jobs may have been enqueued.
    pub jobs: tokio::sync::Notify,
}

/// Applies the change log to this node's indexes, in commit order.
/// `S` is the store the node runs on: each index names only the repositories it reads.
pub struct Tailer<S: ?Sized> {
    store: Arc<S>,
    indexes: Vec<Arc<dyn Index<S>>>,
    applied: watch::Sender<LogPosition>,
    /// One catch-up at a time, so entries are applied once and in order.
    running: Mutex<()>,
    /// Built and following: before, indexes hold nothing and catching up does nothing.
    following: AtomicBool,
    /// When the pruned part of the log was last compared with what is applied.
    pruning_checked: std::sync::Mutex<Option<tokio::time::Instant>>,
}

const BATCH: u32 = 1_000;

/// How often a following node asks whether the log was pruned past what it applied: the
/// log keeps a week, and every write on PostgreSQL wakes the catch-up, which should not
/// cost a query each time.
const PRUNING_CHECKED_EVERY: Duration = Duration::from_secs(60);

/// How long a writer waits for its own entries to become final (PostgreSQL: until every
/// older transaction has ended) before the write is answered as busy (committed, not yet
/// applied here).
const OWN_WRITES_PATIENCE: Duration = Duration::from_secs(2);

impl<S: ChangeLogRepo + ?Sized + 'static> Tailer<S> {
    /// A tailer for `indexes`, which are applied in this order; nothing is built yet.
    pub fn new(store: Arc<S>, indexes: Vec<Arc<dyn Index<S>>>) -> Arc<Self> {
        Arc::new(Self {
            store,
            indexes,
            applied: watch::Sender::new(LogPosition::START),
            running: Mutex::new(()),
            following: AtomicBool::new(false),
            pruning_checked: std::sync::Mutex::new(None),
        })
    }

    /// Builds every index from a snapshot and follows the log from the oldest of their
    /// positions.
    pub async fn start(&self) -> Result<LogPosition, StoreError> {
        let _one_at_a_time = self.running.lock().await;
        let from = self.rebuild_all().await?;
        self.following.store(true, Ordering::Release);
        Ok(from)
    }

    /// Builds every index from a snapshot; the caller holds `running`.
    async fn rebuild_all(&self) -> Result<LogPosition, StoreError> {
        let mut from: Option<LogPosition> = None;
        for index in &self.indexes {
            let at = index.rebuild(&self.store).await?;
            tracing::info!(index = index.name(), position = %at, "index built");
            from = Some(from.map_or(at, |f| f.min(at)));
        }
        let from = match from {
            Some(at) => at,
            None => self.store.log_head().await?,
        };
        self.applied.send_replace(from);
        Ok(from)
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
        self.catch_up_past(None).await
    }

    /// As [`Tailer::catch_up`], but a caller that only needs `target` applied returns
    /// without reading the log when a catch-up it waited behind got that far (many
    /// writers at once share one read of the log).
    async fn catch_up_past(&self, target: Option<LogPosition>) -> Result<LogPosition, StoreError> {
        let _one_at_a_time = self.running.lock().await;
        if !self.following.load(Ordering::Acquire) {
            return Ok(self.applied());
        }
        // A node that fell behind the pruned part of the log has missed entries for good
        // (checked when following, not while a writer waits for its own entries).
        if target.is_none() && self.pruning_due() && self.store.log_pruned_through().await? > self.applied() {
            tracing::warn!(applied = %self.applied(), "this node fell behind the pruned change log; building its indexes anew");
            self.rebuild_all().await?;
        }
        loop {
            let from = self.applied();
            if target.is_some_and(|t| from >= t) {
                return Ok(from);
            }
            let entries = self.store.changes_since(from, BATCH).await?;
            let Some(last) = entries.last() else {
                return Ok(from);
            };
            for index in &self.indexes {
                let listens = index.listens();
                let heard: Vec<LogEntry> = entries.iter().filter(|e| listens.contains(&e.kind)).cloned().collect();
                if !heard.is_empty() {
                    index.apply(&self.store, &heard).await?;
                }
            }
            self.applied.send_replace(last.position);
            if entries.len() < BATCH as usize {
                return Ok(last.position);
            }
        }
    }

    /// Whether to compare the pruned part of the log with what is applied now (at most
    /// every [`PRUNING_CHECKED_EVERY`]).
    fn pruning_due(&self) -> bool {
        let now = tokio::time::Instant::now();
        let mut last = self.pruning_checked.lock().unwrap_or_else(|p| p.into_inner());
        let due = last.is_none_or(|at| now.duration_since(at) >= PRUNING_CHECKED_EVERY);
        if due {
            *last = Some(now);
        }
        due
    }

    /// Catches up until `position` is applied, so a member whose write is at `position`
    /// sees it on this node too. Gives up after `patience` (the entry's transaction may
    /// still be settling on PostgreSQL) and serves what it has.
    pub async fn catch_up_to(&self, position: LogPosition, patience: Duration) -> bool {
        self.reach(position, patience, false).await.unwrap_or(false)
    }

    /// After a write committed through this node: applies the log up to the newest
    /// entry this node wrote, by the same code that applies other nodes' writes, so the
    /// write may be acknowledged. Fails if the log cannot be read, or if the entries do
    /// not become final within a patience (then the write is committed but not yet
    /// visible here; the caller answers that it may retry).
    pub async fn apply_own_writes(&self) -> Result<(), StoreError> {
        let own = self.store.written_through();
        if self.reach(own, OWN_WRITES_PATIENCE, true).await? {
            return Ok(());
        }
        tracing::warn!(position = %own, "own write not yet final in the log");
        Err(StoreError::Busy)
    }

    /// Catches up until `position` is applied or `patience` runs out (false). A failed
    /// read of the log is returned if `failing` says so, else logged and tried again.
    async fn reach(&self, position: LogPosition, patience: Duration, failing: bool) -> Result<bool, StoreError> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            if self.applied() >= position || !self.following.load(Ordering::Acquire) {
                return Ok(true);
            }
            match self.catch_up_past(Some(position)).await {
                Ok(at) if at >= position => return Ok(true),
                Ok(_) => {}
                Err(e) if failing => return Err(e),
                Err(e) => tracing::warn!(error = %e, "catching up with the change log failed"),
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// Follows the log until `shutdown` fires: whenever `wakeups.log` is signalled (a local
    /// write, or another node's notification), and at least every `poll`.
    pub async fn run(self: Arc<Self>, wakeups: Arc<Wakeups>, poll: Duration, mut shutdown: watch::Receiver<bool>) {
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
