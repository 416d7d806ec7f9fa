//! Group commit for SQLite's one writer.
//!
//! SQLite writes one transaction at a time, and with `synchronous=FULL` each commit
//! waits for the disk. Under load most of a write's time on the one writer connection
//! went to ending its own transaction (a `BEGIN` and a `COMMIT`, each a round trip to
//! the connection's thread, and the flush), while the other writers queued. Here the
//! writes that queue while one runs share its transaction instead:
//!
//! - Each write runs inside a savepoint of the group's transaction (`savepoint w`), so a
//!   write that fails half-way is rolled back alone (`rollback to w`), as if it had had
//!   a transaction of its own.
//! - A write that succeeds joins the group and waits for the group's commit. Whoever of
//!   the group's members gets the writer next commits for all of them; the writers that
//!   queued before it have joined by then (the lock is first come, first served).
//! - Nothing is acknowledged before its commit, and a commit that fails fails every write
//!   in the group; its connection is closed (which rolls back whatever SQLite left of
//!   the transaction) and the next write opens a fresh one.
//!
//! What a write leaves for the next statement (releasing or rolling back its savepoint)
//! is sent with that statement, so a write costs the writer one round trip besides its
//! own statements, and a group one commit.

use super::normalise;
use kontor_core::StoreError;
use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

/// How long a write waits for the writer before it is answered as busy (as long as the
/// pool waits for a connection).
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// The one writer and the group it is building.
#[derive(Clone)]
pub struct Writer {
    pool: SqlitePool,
    group: Arc<Mutex<Group>>,
    counts: Arc<Counts>,
}

/// How the writer has been used, for tests to see writes queue and share commits.
#[derive(Default)]
struct Counts {
    /// Writes waiting for the writer now.
    waiting: AtomicU64,
    /// Writes committed, and the commits they took.
    writes: AtomicU64,
    commits: AtomicU64,
}

/// Counts the write as waiting until it has the writer or stops waiting.
struct Waiting<'a>(&'a AtomicU64);

impl<'a> Waiting<'a> {
    fn new(count: &'a AtomicU64) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The writes sharing one transaction.
struct Group {
    /// The writer connection while the group's transaction is open.
    conn: Option<PoolConnection<Sqlite>>,
    /// Counts the groups, so a member knows whether the open one is still its own.
    number: u64,
    /// Writes done and waiting for the commit.
    members: usize,
    /// What the last write left undone on its savepoint.
    pending: Pending,
    /// Why a write of the group failed in a way that may have ended the whole
    /// transaction (SQLite undoes all of it on some errors, such as a full disk): if the
    /// group then fails, this is what its members are told.
    cause: Option<Failure>,
    /// The open group's outcome, told to its members once it is known.
    outcome: watch::Sender<Option<Result<(), Failure>>>,
    counts: Arc<Counts>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Nothing,
    /// The last write succeeded: its savepoint is released.
    Release,
    /// The last write gave up: its statements are undone.
    RollBack,
}

/// Why a group failed, as each of its members reports it.
#[derive(Clone, Debug)]
enum Failure {
    Full,
    Busy,
    Conflict(String),
    Other(String),
}

impl From<&StoreError> for Failure {
    fn from(e: &StoreError) -> Self {
        match e {
            StoreError::Full => Failure::Full,
            StoreError::Busy => Failure::Busy,
            StoreError::Conflict(name) => Failure::Conflict(name.clone()),
            e => Failure::Other(e.to_string()),
        }
    }
}

impl From<Failure> for StoreError {
    fn from(f: Failure) -> Self {
        match f {
            Failure::Full => StoreError::Full,
            Failure::Busy => StoreError::Busy,
            Failure::Conflict(name) => StoreError::Conflict(name),
            Failure::Other(message) => {
                StoreError::Other(format!("the write's group commit failed: {message}; nothing of it was kept").into())
            }
        }
    }
}

impl Writer {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        let counts = Arc::<Counts>::default();
        let group = Group {
            conn: None,
            number: 0,
            members: 0,
            pending: Pending::Nothing,
            cause: None,
            outcome: watch::Sender::new(None),
            counts: counts.clone(),
        };
        Self { pool, group: Arc::new(Mutex::new(group)), counts }
    }

    /// Writes waiting for the writer now.
    pub fn waiting(&self) -> u64 {
        self.counts.waiting.load(Ordering::Relaxed)
    }

    /// Writes committed in groups so far, and the commits they took.
    pub fn grouped(&self) -> (u64, u64) {
        (self.counts.writes.load(Ordering::Relaxed), self.counts.commits.load(Ordering::Relaxed))
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a write: waits for the writer, joins (or opens) the group's transaction
    /// and sets the write's savepoint. This runs in a task of its own, so a caller that
    /// stops waiting cannot leave the transaction half begun; a write begun for a caller
    /// gone is given up as any other.
    pub(crate) async fn begin(&self) -> Result<Write, StoreError> {
        let (lock, pool, counts) = (self.group.clone(), self.pool.clone(), self.counts.clone());
        let begun = tokio::spawn(async move {
            let waiting = Waiting::new(&counts.waiting);
            let mut group = tokio::time::timeout(PATIENCE, lock.lock_owned()).await.map_err(|_| StoreError::Busy)?;
            drop(waiting);
            let opening = group.conn.is_none();
            if opening {
                group.conn = Some(pool.acquire().await.map_err(normalise)?);
                group.number += 1;
                group.outcome = watch::Sender::new(None);
            }
            let start = match (opening, group.pending) {
                (true, _) => "begin immediate; savepoint w",
                (false, Pending::Nothing) => "savepoint w",
                (false, Pending::Release) => "release w; savepoint w",
                (false, Pending::RollBack) => "rollback to w; release w; savepoint w",
            };
            if let Err(e) = group.run(start).await {
                // Told the group's cause if an earlier write of it ended the transaction.
                return Err(group.fail(&e).into());
            }
            // The transaction lives on: an earlier write's error did not end it.
            group.pending = Pending::Nothing;
            group.cause = None;
            Ok(Write { group: Some(group) })
        });
        begun.await.map_err(|e| StoreError::Other(Box::new(e)))?
    }
}

impl Group {
    fn conn(&mut self) -> &mut PoolConnection<Sqlite> {
        self.conn.as_mut().expect("a write runs only in an open group")
    }

    async fn run(&mut self, sql: &'static str) -> Result<(), StoreError> {
        sqlx::raw_sql(sql).execute(&mut **self.conn()).await.map(drop).map_err(normalise)
    }

    /// Commits the group's writes and tells its members.
    async fn commit(&mut self) {
        let end = if self.pending == Pending::RollBack { "rollback to w; release w; commit" } else { "commit" };
        match self.run(end).await {
            Ok(()) => {
                self.counts.writes.fetch_add(self.members as u64, Ordering::Relaxed);
                self.counts.commits.fetch_add(1, Ordering::Relaxed);
                // The connection goes back to the pool, for the writes made outside a group.
                self.conn = None;
                self.close(Ok(()));
            }
            Err(e) => drop(self.fail(&e)),
        }
    }

    /// The group's transaction is lost or in doubt: every member fails, and the
    /// connection is closed rather than reused, so SQLite rolls back what is left.
    fn fail(&mut self, e: &StoreError) -> Failure {
        tracing::warn!(error = %e, members = self.members, "a group of writes failed; none of them is kept");
        if let Some(conn) = self.conn.take() {
            drop(conn.detach());
        }
        let failure = self.cause.take().unwrap_or_else(|| Failure::from(e));
        self.close(Err(failure.clone()));
        failure
    }

    fn close(&mut self, outcome: Result<(), Failure>) {
        self.members = 0;
        self.pending = Pending::Nothing;
        self.cause = None;
        self.outcome.send_replace(Some(outcome));
    }
}

impl Drop for Group {
    /// A transaction still open when the writer goes away is not committed.
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            drop(conn.detach());
        }
    }
}

/// Where a statement notes why it failed, if it runs in a group (`Cause::none()`
/// elsewhere).
pub(crate) struct Cause<'g>(Option<&'g mut Option<Failure>>);

impl Cause<'_> {
    pub(crate) fn none() -> Self {
        Cause(None)
    }

    /// A statement failed with `e`; returns it. Some errors make SQLite undo the whole
    /// transaction (a full disk, a busy or failing file, no memory): if the group then
    /// fails, its members are told this cause. Others (a constraint, a bad value) undo
    /// the statement alone and are not the group's concern.
    pub(crate) fn note(&mut self, e: StoreError) -> StoreError {
        if let Some(cause) = self.0.as_deref_mut()
            && ends_the_transaction(&e)
        {
            cause.get_or_insert_with(|| Failure::from(&e));
        }
        e
    }
}

/// Whether SQLite may have rolled back the whole transaction on this error: its primary
/// result codes SQLITE_NOMEM (7), SQLITE_INTERRUPT (9), SQLITE_IOERR (10), SQLITE_FULL
/// (13) and SQLITE_BUSY (5).
fn ends_the_transaction(e: &StoreError) -> bool {
    match e {
        StoreError::Full | StoreError::Busy => true,
        StoreError::Other(e) => match e.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::Database(db)) => {
                let code = db.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or_default();
                matches!(code & 0xff, 7 | 9 | 10)
            }
            Some(sqlx::Error::Io(_)) => true,
            _ => false,
        },
        _ => false,
    }
}

/// One write in a group: it holds the writer until it commits or gives up.
pub struct Write {
    group: Option<OwnedMutexGuard<Group>>,
}

impl Write {
    /// The group's connection, for the write's statements, and where a statement that
    /// fails notes why.
    pub(crate) fn parts(&mut self) -> (&mut SqliteConnection, Cause<'_>) {
        let group = &mut **self.group.as_mut().expect("the write is open");
        let conn = group.conn.as_mut().expect("a write runs only in an open group");
        (&mut **conn, Cause(Some(&mut group.cause)))
    }

    /// Joins the group and returns once the group is committed (or has failed). The
    /// waiting runs in a task of its own, so a caller that stops waiting does not
    /// leave the group without a member to commit it.
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        let mut group = self.group.take().expect("the write is open");
        group.members += 1;
        group.pending = Pending::Release;
        let number = group.number;
        let mut outcome = group.outcome.subscribe();
        let writer = OwnedMutexGuard::mutex(&group).clone();
        drop(group);
        let committed = tokio::spawn(async move {
            tokio::select! {
                biased;
                _ = async { outcome.wait_for(Option::is_some).await.is_ok() } => {}
                mut group = writer.clone().lock_owned() => {
                    if group.number == number && group.conn.is_some() {
                        group.commit().await;
                    }
                }
            }
            let told = outcome.borrow().clone();
            told.unwrap_or_else(|| Err(Failure::Other("the writer went away".into())))
        });
        match committed.await {
            Ok(outcome) => outcome.map_err(StoreError::from),
            Err(e) => Err(StoreError::Other(Box::new(e))),
        }
    }
}

impl Drop for Write {
    /// A write given up (an error, or its caller gone) is undone: by the next statement
    /// if others in the group wait for its commit, else by rolling the transaction back
    /// at once (or, outside a runtime, by closing the connection, which does the same).
    fn drop(&mut self) {
        let Some(mut group) = self.group.take() else { return };
        // Whoever has the writer next undoes the write first (the task below may never run
        // if the runtime is going away).
        group.pending = Pending::RollBack;
        if group.members > 0 {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    match group.run("rollback").await {
                        Ok(()) => {
                            group.conn = None;
                            group.close(Ok(()));
                        }
                        Err(e) => drop(group.fail(&e)),
                    }
                });
            }
            Err(_) => {
                if let Some(conn) = group.conn.take() {
                    drop(conn.detach());
                }
                group.close(Ok(()));
            }
        }
    }
}
