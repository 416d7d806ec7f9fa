//! What only PostgreSQL needs: connecting (with advice when it fails), the change log's
//! transaction ids and the notifications that wake other nodes, and snapshots for the
//! indexes.

use crate::SqlStore;
use crate::sql::{Db, Pools, Row, Tx, normalise, other, q};
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;
use time::OffsetDateTime;

/// The channel every change-log write notifies (the literal is repeated in the SQL of
/// `log`, which must be a `'static` string).
const CHANNEL: &str = "kontor_log";

/// How long the listener waits before connecting again after an error.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// Connects to the database at `url` (`postgres://…`) and brings its schema up to date.
///
/// `synchronous_commit` stays at the server's default (on): no write is acknowledged
/// before it is durable.
pub(crate) async fn open(url: &str) -> Result<Db, StoreError> {
    reachable(url).await?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        // As long as SQLite's busy timeout: past it the caller hears `Busy`.
        .acquire_timeout(Duration::from_secs(10))
        // A connection the driver still counts inside a transaction (its rollback after a
        // failed write did not go through) is closed, never reused: a later write would
        // nest in that transaction and be acknowledged and lost.
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
    sqlx::migrate!("./migrations/postgres").run(&pool).await.map_err(other)?;
    Ok(Db::new(Pools::Postgres(pool)))
}

impl SqlStore {
    /// The PostgreSQL connection pool, for tests.
    pub fn postgres_pool(&self) -> Option<&PgPool> {
        match &self.db.pools {
            Pools::Postgres(pool) => Some(pool),
            Pools::Sqlite { .. } => None,
        }
    }

    /// Calls `on_change` whenever a transaction that wrote to the change log commits, on
    /// any node (and once after the listener had to reconnect, since notifications sent
    /// meanwhile are lost). Notifications only wake the tailer: it still reads what is
    /// final, and should poll as well, since an entry can become final without a
    /// notification. On SQLite (one node) there is nothing to listen to: `None`.
    ///
    /// The listener holds one connection of the pool; its task ends when the pool closes.
    pub async fn listen(
        &self,
        on_change: impl Fn() + Send + Sync + 'static,
    ) -> Result<Option<tokio::task::JoinHandle<()>>, StoreError> {
        let Pools::Postgres(pool) = &self.db.pools else { return Ok(None) };
        let listener = subscribe(pool).await.map_err(normalise)?;
        Ok(Some(tokio::spawn(follow(pool.clone(), listener, on_change))))
    }
}

/// A read-only transaction with one snapshot for every statement in it, for an index to
/// build from, and the log position to tail from afterwards. Every transaction older
/// than the snapshot's xmin is in the snapshot; entries of newer ones may or may not be,
/// so tailing starts with the first of them (applying an entry twice is harmless).
pub(crate) async fn snapshot(db: &Db) -> Result<(Tx, LogPosition), StoreError> {
    let mut tx = db.begin().await?;
    q("set transaction isolation level repeatable read, read only").execute(&mut tx).await?;
    let xmin: i64 = q("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint").scalar(&mut tx).await?;
    Ok((tx, LogPosition { tx: xmin - 1, seq: i64::MAX }))
}

/// Appends a change-log entry inside the write's transaction; returns its position. The
/// entry's `tx` is the writing transaction's id (the column's default).
pub(crate) async fn log(
    tx: &mut Tx,
    kind: ChangeKind,
    subject: i64,
    at: OffsetDateTime,
) -> Result<LogPosition, StoreError> {
    let row = q("insert into changelog (kind, subject, at) values ($1, $2, $3) returning tx, seq")
        .bind(kind.as_str())
        .bind(subject)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    let position = position_of(&row)?;
    tx.logged(position);
    // Delivered at commit, and only once per transaction however many entries it wrote;
    // a rolled-back write notifies nobody.
    q("select pg_notify('kontor_log', '')").execute(&mut *tx).await?;
    Ok(position)
}

/// The log position in a row's `tx` and `seq` columns.
pub(crate) fn position_of(row: &Row) -> Result<LogPosition, StoreError> {
    Ok(LogPosition { tx: row.get("tx")?, seq: row.get("seq")? })
}

/// Connects once, to say what is wrong if that fails: the pool retries until its timeout
/// and then says only that the database is busy.
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
