//! What only SQLite needs: opening the file (WAL, one writer, readers), the page limit
//! that stands in for a full disk in tests, backups, and snapshots for the indexes.

use crate::SqlStore;
use crate::sql::{Db, Pools, Tx, Writer, normalise, other, q};
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How hard an acknowledged write is pushed to disk (SQLite; PostgreSQL's commits are
/// durable by the server's settings).
#[derive(Clone, Copy, Debug, Default)]
pub enum Durability {
    /// `synchronous=FULL`: survives a power cut (the default).
    #[default]
    Full,
    /// `synchronous=NORMAL`: survives a crash of Kontor, may lose the last writes on a
    /// power cut; faster.
    Normal,
}

/// The file an SQLite URL (`sqlite://path`, `sqlite:path` or a plain path) names.
pub fn path_of(url: &str) -> &Path {
    Path::new(url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url))
}

pub(crate) async fn open(url: &str, durability: Durability) -> Result<Db, StoreError> {
    let path = path_of(url).to_str().ok_or_else(|| other("the database path is not UTF-8"))?.to_owned();
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
    // No ping before each use: a connection to a local file does not go stale the way a
    // network connection can, and the ping is a round trip to the connection's thread
    // that doubled the cost of a small query.
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
    writable(&writer, &path).await?;
    sqlx::migrate!("./migrations/sqlite").run(&writer).await.map_err(other)?;
    let readers = SqlitePoolOptions::new()
        .max_connections(8)
        .test_before_acquire(false)
        .connect_with(options.read_only(true))
        .await
        .map_err(normalise)?;
    Ok(Db::new(Pools::Sqlite { writer: Writer::new(writer), readers, page_limit }))
}

impl SqlStore {
    /// Caps the SQLite database at `pages` pages of the file (`None`: SQLite's own
    /// limit), as a full disk would: the write that needs more fails with
    /// `StoreError::Full`.
    pub async fn limit_pages(&self, pages: Option<u32>) -> Result<(), StoreError> {
        let Pools::Sqlite { writer, page_limit, .. } = &self.db.pools else {
            return Err(other("not an SQLite database"));
        };
        let pages = pages.unwrap_or(0);
        page_limit.store(pages, Ordering::Relaxed);
        let mut conn = writer.pool().acquire().await.map_err(normalise)?;
        apply_page_limit(&mut conn, pages).await.map_err(normalise)
    }

    /// The pages the SQLite database file holds now.
    pub async fn page_count(&self) -> Result<u32, StoreError> {
        let pages: i64 = q("pragma page_count").scalar(self.db.read()).await?;
        Ok(pages as u32)
    }

    /// Writes a consistent copy of the SQLite database to `target` while others keep
    /// writing (SQLite's `VACUUM INTO`), for `kontor backup`.
    pub async fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        let target = target.to_str().ok_or_else(|| other("backup path is not UTF-8"))?;
        q("vacuum into $1").bind(target).execute(self.db.read()).await?;
        Ok(())
    }
}

/// A read transaction (WAL gives every statement in it the same snapshot, taken at its
/// first read), and the log position it holds.
pub(crate) async fn snapshot(db: &Db) -> Result<(Tx, LogPosition), StoreError> {
    let mut tx = db.begin_read().await?;
    let seq: Option<i64> = q("select max(seq) from changelog").scalar(&mut tx).await?;
    Ok((tx, LogPosition { tx: 0, seq: seq.unwrap_or(0) }))
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

/// Whether the writer connection is outside any transaction the driver began, checked
/// before each use. A commit that fails half-way (a full disk, an I/O error) leaves the
/// driver counting a transaction: later writes would nest in it and be acknowledged and
/// lost. Such a connection is closed (`false`) and the pool opens a fresh one. The group
/// commit (`sql/group.rs`) begins and ends its transactions with its own statements,
/// which the driver does not count: it returns the connection only after its commit or
/// rollback succeeded, and closes it otherwise.
async fn outside_any_transaction(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    let clean = !conn.is_in_transaction();
    if !clean {
        tracing::warn!("closing the database writer: a failed write left its transaction in doubt");
    }
    Ok(clean)
}
