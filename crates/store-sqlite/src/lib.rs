//! Kontor's embedded store: SQLite in WAL mode, one writer connection and a pool of
//! readers, every write one transaction with its change-log entries and jobs.
#![forbid(unsafe_code)]

/// Members shown to others: active and not closing (a macro, so queries stay static).
macro_rules! open {
    ($m:literal) => {
        concat!($m, ".state = 'active' and ", $m, ".deletion_requested_at is null")
    };
}

mod accounts;
mod admin;
mod changelog;
mod contacts;
mod directory;
mod entities;
mod imports;
mod jobs;
mod legal;
mod notifications;
mod photos;
mod profiles;
mod ratelimit;
mod sessions;
mod site;
pub mod testing;
mod ticker;

use async_trait::async_trait;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::jobs::NewJob;
use kontor_core::{Store, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use time::OffsetDateTime;

pub struct SqliteStore {
    /// The one connection that writes: SQLite has a single writer anyway, and queueing
    /// here instead of on the file lock keeps `SQLITE_BUSY` away.
    writer: SqlitePool,
    readers: SqlitePool,
    /// The most pages the file may grow to (SQLite's `max_page_count`, 0 for SQLite's
    /// own limit), applied to every writer connection, including ones opened later.
    page_limit: Arc<AtomicU32>,
}

/// How hard an acknowledged write is pushed to disk.
#[derive(Clone, Copy, Debug, Default)]
pub enum Durability {
    /// `synchronous=FULL`: survives a power cut (the default).
    #[default]
    Full,
    /// `synchronous=NORMAL`: survives a crash of Kontor, may lose the last writes on a
    /// power cut; faster.
    Normal,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://path` or a plain path)
    /// and brings its schema up to date.
    pub async fn open(url: &str, durability: Durability) -> Result<Self, StoreError> {
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .map_err(other)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match durability {
                Durability::Full => SqliteSynchronous::Full,
                Durability::Normal => SqliteSynchronous::Normal,
            })
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // No ping before each use: a connection to a local file does not go stale the way
        // a network connection can, and the ping is a round trip to the connection's
        // thread that doubled the cost of a small query.
        let page_limit = Arc::new(AtomicU32::new(0));
        let limit = page_limit.clone();
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .after_connect(move |conn, _| {
                let pages = limit.load(Ordering::Relaxed);
                Box::pin(async move { apply_page_limit(conn, pages).await })
            })
            .before_acquire(|conn, _| Box::pin(outside_any_transaction(conn)))
            .connect_with(options.clone())
            .await
            .map_err(normalise)?;
        writable(&writer, path).await?;
        sqlx::migrate!("./migrations").run(&writer).await.map_err(other)?;
        let readers = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .connect_with(options.read_only(true))
            .await
            .map_err(normalise)?;
        Ok(Self { writer, readers, page_limit })
    }

    /// Caps the database at `pages` pages of the file (`None`: SQLite's own limit), as a
    /// full disk would: the write that needs more fails with `StoreError::Full`.
    pub async fn limit_pages(&self, pages: Option<u32>) -> Result<(), StoreError> {
        let pages = pages.unwrap_or(0);
        self.page_limit.store(pages, Ordering::Relaxed);
        let mut conn = self.writer.acquire().await.map_err(normalise)?;
        apply_page_limit(&mut conn, pages).await.map_err(normalise)
    }

    /// Closes every connection; the last one folds the write-ahead log into the file.
    pub async fn close(self) {
        self.writer.close().await;
        self.readers.close().await;
    }

    /// The pages the database file holds now.
    pub async fn page_count(&self) -> Result<u32, StoreError> {
        let pages: i64 = sqlx::query_scalar("pragma page_count").fetch_one(&self.readers).await.map_err(normalise)?;
        Ok(pages as u32)
    }

    pub fn path_of(url: &str) -> &Path {
        Path::new(url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url))
    }

    /// Writes a consistent copy of the database to `target` while others keep writing
    /// (SQLite's `VACUUM INTO`), for `kontor backup`.
    pub async fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        let target = target.to_str().ok_or_else(|| other("backup path is not UTF-8"))?;
        sqlx::query("vacuum into $1").bind(target).execute(&self.readers).await.map_err(normalise)?;
        Ok(())
    }

    pub(crate) async fn begin(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.writer.begin().await.map_err(normalise)
    }

    /// A read transaction for an index to build from (WAL gives every statement in it
    /// the same snapshot, taken at its first read), and the log position it holds.
    pub(crate) async fn snapshot(&self) -> Result<(Transaction<'static, Sqlite>, LogPosition), StoreError> {
        let mut tx = self.readers.begin().await.map_err(normalise)?;
        let seq: Option<i64> =
            sqlx::query_scalar("select max(seq) from changelog").fetch_one(&mut *tx).await.map_err(normalise)?;
        Ok((tx, LogPosition { tx: 0, seq: seq.unwrap_or(0) }))
    }
}

/// Fails with a message a person can act on when the database cannot be written: SQLite
/// opens a read-only file without complaint, and the first write would fail far from
/// the cause.
async fn writable(writer: &SqlitePool, path: &str) -> Result<(), StoreError> {
    let mut conn = writer.acquire().await.map_err(normalise)?;
    let probe =
        sqlx::raw_sql("begin immediate; create table kontor_write_probe (x); rollback").execute(&mut *conn).await;
    match probe {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(db)) if matches!(db.code().as_deref(), Some("8") | Some("264") | Some("1032")) => {
            Err(other(format!(
                "the database {path} is read-only: Kontor must be able to write it and its directory \
                 (for the -wal and -shm files beside it); check the owner and permissions, or the mount"
            )))
        }
        Err(e) => Err(normalise(e)),
    }
}

async fn apply_page_limit(conn: &mut sqlx::SqliteConnection, pages: u32) -> Result<(), sqlx::Error> {
    // SQLite's default limit; lowering it below the file's size keeps the size.
    let pages = if pages == 0 { 4_294_967_294 } else { pages };
    sqlx::query(sqlx::AssertSqlSafe(format!("pragma max_page_count = {pages}"))).execute(conn).await?;
    Ok(())
}

/// Whether the writer connection is outside any transaction, checked before each use.
/// A commit that fails half-way (a full disk, an I/O error) leaves the driver counting a
/// transaction: SQLite may have rolled it back itself, so the driver's rollback fails
/// too. Every later write would then nest in a transaction that is never committed, and
/// be acknowledged and lost. Such a connection is closed (`false`) and the pool opens a
/// fresh one; the driver's count is the signal, since only its own statements begin and
/// end transactions on this connection.
async fn outside_any_transaction(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    let clean = !conn.is_in_transaction();
    if !clean {
        tracing::warn!("closing the database writer: a failed write left its transaction in doubt");
    }
    Ok(clean)
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1").execute(&self.readers).await.map_err(normalise)?;
        Ok(())
    }
}

/// Appends a change-log entry inside the write's transaction; returns its position.
pub(crate) async fn log(
    tx: &mut Transaction<'_, Sqlite>,
    kind: ChangeKind,
    subject: i64,
    at: OffsetDateTime,
) -> Result<LogPosition, StoreError> {
    let seq: i64 = sqlx::query_scalar("insert into changelog (kind, subject, at) values ($1, $2, $3) returning seq")
        .bind(kind.as_str())
        .bind(subject)
        .bind(micros(at))
        .fetch_one(&mut **tx)
        .await
        .map_err(normalise)?;
    Ok(LogPosition { tx: 0, seq })
}

/// Enqueues jobs inside the write's transaction.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'_, Sqlite>,
    jobs: &[NewJob],
    member_fallback: Option<i64>,
) -> Result<(), StoreError> {
    for job in jobs {
        sqlx::query(
            "insert into jobs (id, kind, member, payload, state, run_at, created_at) \
             values ($1, $2, $3, $4, 'pending', $5, $5) on conflict (id) do nothing",
        )
        .bind(job.id.as_uuid())
        .bind(job.kind.as_str())
        .bind(job.member.map(|m| m.0).or(member_fallback))
        .bind(job.payload.to_string())
        .bind(micros(job.run_at))
        .execute(&mut **tx)
        .await
        .map_err(normalise)?;
    }
    Ok(())
}

pub(crate) fn micros(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

pub(crate) fn from_micros(us: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(us as i128 * 1_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Turns a driver error into the store's vocabulary.
pub(crate) fn normalise(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut => StoreError::Busy,
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() || db.is_foreign_key_violation() {
                StoreError::Conflict(conflict_name(db.message()))
            } else if matches!(db.code().as_deref(), Some("5") | Some("6") | Some("517")) {
                StoreError::Busy
            } else if db.code().as_deref() == Some("13") {
                // SQLITE_FULL: the disk, or the page limit.
                StoreError::Full
            } else {
                StoreError::Other(Box::new(sqlx::Error::Database(db)))
            }
        }
        e => StoreError::Other(Box::new(e)),
    }
}

/// SQLite names the columns, not the constraint: "UNIQUE constraint failed: members.email"
/// becomes "members_email", the name PostgreSQL would report.
fn conflict_name(message: &str) -> String {
    message.rsplit(": ").next().unwrap_or(message).split(", ").next().unwrap_or(message).replace('.', "_")
}

pub(crate) fn other(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string().into())
}
