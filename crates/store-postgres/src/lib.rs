//! Kontor's PostgreSQL store, for installs past one machine: any number of nodes share one
//! database. Every write is one transaction with its change-log entries and jobs; the change
//! log is read in commit order (see `changelog.rs`), and other nodes are woken by
//! `LISTEN/NOTIFY` on the channel `kontor_log`.
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
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sqlx::{PgPool, Postgres, Row, Transaction};
use std::str::FromStr;
use std::time::Duration;
use time::OffsetDateTime;

pub struct PgStore {
    pub(crate) pool: PgPool,
}

/// The channel every change-log write notifies (the literal is repeated in the SQL of
/// `log`, which must be a `'static` string).
const CHANNEL: &str = "kontor_log";

/// How long the listener waits before connecting again after an error.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

impl PgStore {
    /// Connects to the database at `url` (`postgres://…`) and brings its schema up to date.
    ///
    /// `synchronous_commit` stays at the server's default (on): no write is acknowledged
    /// before it is durable.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        reachable(url).await?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // As long as SQLite's busy timeout: past it the caller hears `Busy`.
            .acquire_timeout(Duration::from_secs(10))
            // A connection the driver still counts inside a transaction (its rollback
            // after a failed write did not go through) is closed, never reused: a later
            // write would nest in that transaction and be acknowledged and lost.
            .before_acquire(|conn, _| {
                use sqlx::Connection;
                let clean = !conn.is_in_transaction();
                if !clean {
                    tracing::warn!("closing a database connection: a failed write left its transaction in doubt");
                }
                Box::pin(async move { Ok(clean) })
            })
            .connect(url)
            .await
            .map_err(normalise)?;
        // The migrator takes an advisory lock, so nodes starting together migrate once.
        sqlx::migrate!("./migrations").run(&pool).await.map_err(other)?;
        Ok(Self { pool })
    }

    /// The connection pool, for tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Calls `on_change` whenever a transaction that wrote to the change log commits, on any
    /// node (and once after the listener had to reconnect, since notifications sent
    /// meanwhile are lost). Notifications only wake the tailer: it still reads what is final,
    /// and should poll as well, since an entry can become final without a notification.
    ///
    /// The listener holds one connection of the pool; its task ends when the pool closes.
    pub async fn listen(
        &self,
        on_change: impl Fn() + Send + Sync + 'static,
    ) -> Result<tokio::task::JoinHandle<()>, StoreError> {
        let listener = subscribe(&self.pool).await.map_err(normalise)?;
        Ok(tokio::spawn(follow(self.pool.clone(), listener, on_change)))
    }

    pub(crate) async fn begin(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(normalise)
    }

    /// A read-only transaction with one snapshot for every statement in it, for an index
    /// to build from, and the log position to tail from afterwards. Every transaction
    /// older than the snapshot's xmin is in the snapshot; entries of newer ones may or may
    /// not be, so tailing starts with the first of them (applying an entry twice is
    /// harmless).
    pub(crate) async fn snapshot(&self) -> Result<(Transaction<'static, Postgres>, LogPosition), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("set transaction isolation level repeatable read, read only")
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        let xmin: i64 = sqlx::query_scalar("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            .fetch_one(&mut *tx)
            .await
            .map_err(normalise)?;
        Ok((tx, LogPosition { tx: xmin - 1, seq: i64::MAX }))
    }
}

/// Connects once, to say what is wrong if that fails: the pool retries until its
/// timeout and then says only that the database is busy.
async fn reachable(url: &str) -> Result<(), StoreError> {
    use sqlx::Connection;
    let options =
        PgConnectOptions::from_str(url).map_err(|e| other(format!("{url:?} is not a PostgreSQL URL: {e}")))?;
    let at = format!("{}:{}", options.get_host(), options.get_port());
    let advice = "check that the server runs, that the host, port and database in the URL are right, \
                  and that the user may log in";
    match tokio::time::timeout(Duration::from_secs(10), sqlx::PgConnection::connect_with(&options)).await {
        Err(_) => Err(other(format!("PostgreSQL at {at} did not answer within 10 s: {advice}"))),
        Ok(Err(e)) => Err(other(format!("cannot connect to PostgreSQL at {at} ({e}): {advice}"))),
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
    }
}

async fn subscribe(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn follow(pool: PgPool, mut listener: PgListener, on_change: impl Fn()) {
    loop {
        match listener.try_recv().await {
            Ok(Some(_)) => on_change(),
            // The connection dropped and sqlx re-established it (and the LISTEN).
            Ok(None) => on_change(),
            Err(sqlx::Error::PoolClosed) => return,
            Err(e) => {
                tracing::warn!(error = %e, "change-log listener failed; reconnecting");
                // Start over on a fresh connection: after some errors sqlx keeps the old,
                // possibly dead one.
                drop(listener);
                listener = loop {
                    tokio::time::sleep(RECONNECT_AFTER).await;
                    match subscribe(&pool).await {
                        Ok(fresh) => break fresh,
                        Err(sqlx::Error::PoolClosed) => return,
                        Err(e) => {
                            tracing::warn!(error = %e, "change-log listener cannot reconnect");
                        }
                    }
                };
                on_change();
            }
        }
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1").execute(&self.pool).await.map_err(normalise)?;
        Ok(())
    }
}

/// Appends a change-log entry inside the write's transaction; returns its position. The
/// entry's `tx` is the writing transaction's id (the column's default).
pub(crate) async fn log(
    tx: &mut Transaction<'_, Postgres>,
    kind: ChangeKind,
    subject: i64,
    at: OffsetDateTime,
) -> Result<LogPosition, StoreError> {
    let row = sqlx::query("insert into changelog (kind, subject, at) values ($1, $2, $3) returning tx, seq")
        .bind(kind.as_str())
        .bind(subject)
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(normalise)?;
    let position = position_of(&row)?;
    // Delivered at commit, and only once per transaction however many entries it wrote;
    // a rolled-back write notifies nobody.
    sqlx::query("select pg_notify('kontor_log', '')").execute(&mut **tx).await.map_err(normalise)?;
    Ok(position)
}

/// The log position in a row's `tx` and `seq` columns.
pub(crate) fn position_of(row: &sqlx::postgres::PgRow) -> Result<LogPosition, StoreError> {
    Ok(LogPosition { tx: row.try_get("tx").map_err(normalise)?, seq: row.try_get("seq").map_err(normalise)? })
}

/// Enqueues jobs inside the write's transaction.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'_, Postgres>,
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
        .bind(&job.payload)
        .bind(job.run_at)
        .execute(&mut **tx)
        .await
        .map_err(normalise)?;
    }
    Ok(())
}

/// Turns a driver error into the store's vocabulary.
pub(crate) fn normalise(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut => StoreError::Busy,
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() || db.is_foreign_key_violation() {
                StoreError::Conflict(db.constraint().unwrap_or("unknown").to_owned())
            } else if matches!(
                db.code().as_deref(),
                // serialization_failure, deadlock_detected, lock_not_available
                Some("40001") | Some("40P01") | Some("55P03")
            ) {
                StoreError::Busy
            } else if db.code().as_deref() == Some("53100") {
                // disk_full
                StoreError::Full
            } else {
                StoreError::Other(Box::new(sqlx::Error::Database(db)))
            }
        }
        e => StoreError::Other(Box::new(e)),
    }
}

pub(crate) fn other(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string().into())
}
