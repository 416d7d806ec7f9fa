//! The dialect module: the one place where SQLite and PostgreSQL differ for the queries.
//!
//! Every query of the store is written once, in PostgreSQL's words, and runs on either
//! database through this module. What differs is mechanical and handled here alone:
//!
//! - **Where a statement runs.** SQLite has one writer connection and a pool of readers;
//!   PostgreSQL one pool. [`Db::read`] and [`Db::write`] pick the right one.
//! - **Values.** A time is bound and read as microseconds since 1970 on SQLite (an
//!   integer column, ordered and compared as numbers) and as `timestamptz` on PostgreSQL;
//!   JSON as text on SQLite and `jsonb` on PostgreSQL; a list of keys as a JSON array on
//!   SQLite and an array on PostgreSQL. [`Param`] and [`Column`] do this per value.
//! - **Words.** For SQLite the text of a query is rewritten once (and remembered):
//!   `x = any($n)` becomes `x in (select value from json_each($n))`, `x <> all($n)`
//!   becomes `x not in (…)`, `strpos(` becomes `instr(`, and PostgreSQL's casts
//!   (`::bigint`, `::uuid`, `::text`) and row locks (`for update`, `skip locked`) go,
//!   since SQLite, with its one writer, needs none.
//!
//! Anything beyond these words (the change log's commit order, notifications, backups)
//! is written per database where it lives, with a `match` on [`Dialect`].

mod group;
mod row;
mod values;

use group::Cause;
pub use group::Writer;
pub use row::{Column, Columns, Row};
pub use values::{Param, Value, from_micros, micros};
use values::{postgres_arguments, sqlite_arguments};

use futures::stream::{BoxStream, StreamExt};
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteArguments;
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex, RwLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// The connections of one database, and the newest log entry written through them.
#[derive(Clone)]
pub struct Db {
    pub pools: Pools,
    written: Arc<Written>,
}

/// The connections of one database.
#[derive(Clone)]
pub enum Pools {
    Sqlite {
        /// The one connection that writes: SQLite has a single writer anyway, and
        /// queueing here instead of on the file lock keeps `SQLITE_BUSY` away. Write
        /// transactions queued together share one commit (see [`group`]).
        writer: Writer,
        readers: SqlitePool,
        /// The most pages the file may grow to (0: SQLite's own limit), applied to every
        /// writer connection, including ones opened later.
        page_limit: Arc<AtomicU32>,
    },
    Postgres(PgPool),
}

/// The newest change-log position committed through this store: a writer's own entries
/// are at or before it once its commit returns, so the node applies up to here before
/// acknowledging (and without asking the database where the log ends).
#[derive(Default)]
struct Written(Mutex<LogPosition>);

impl Written {
    fn advance(&self, to: LogPosition) {
        let mut newest = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *newest = (*newest).max(to);
    }
}

impl Db {
    pub fn new(pools: Pools) -> Self {
        Self { pools, written: Arc::default() }
    }

    pub fn dialect(&self) -> Dialect {
        match self.pools {
            Pools::Sqlite { .. } => Dialect::Sqlite,
            Pools::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Where a read outside a transaction runs.
    pub fn read(&self) -> On<'_> {
        match &self.pools {
            Pools::Sqlite { readers, .. } => On::Sqlite(readers),
            Pools::Postgres(pool) => On::Postgres(pool),
        }
    }

    /// Where a single write outside a transaction runs.
    pub fn write(&self) -> On<'_> {
        match &self.pools {
            Pools::Sqlite { writer, .. } => On::Sqlite(writer.pool()),
            Pools::Postgres(pool) => On::Postgres(pool),
        }
    }

    /// A write transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let conn = match &self.pools {
            Pools::Sqlite { writer, .. } => TxConn::SqliteWrite(writer.begin().await?),
            Pools::Postgres(pool) => TxConn::Postgres(pool.begin().await.map_err(normalise)?),
        };
        Ok(Tx { conn, logged: None, written: Some(self.written.clone()) })
    }

    /// A transaction on the readers (SQLite) for reads that must see one snapshot.
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        let conn = match &self.pools {
            Pools::Sqlite { readers, .. } => TxConn::Sqlite(readers.begin().await.map_err(normalise)?),
            Pools::Postgres(pool) => TxConn::Postgres(pool.begin().await.map_err(normalise)?),
        };
        Ok(Tx { conn, logged: None, written: None })
    }

    /// The newest log position committed through this store (the start if none).
    pub fn written_through(&self) -> LogPosition {
        *self.written.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { writer, readers, .. } => {
                writer.pool().close().await;
                readers.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }
}

/// An open transaction, and the newest log entry it wrote.
pub struct Tx {
    conn: TxConn,
    logged: Option<LogPosition>,
    written: Option<Arc<Written>>,
}

enum TxConn {
    Sqlite(Transaction<'static, Sqlite>),
    SqliteWrite(group::Write),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn dialect(&self) -> Dialect {
        match self.conn {
            TxConn::Sqlite(_) | TxConn::SqliteWrite(_) => Dialect::Sqlite,
            TxConn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Where the transaction's statements run.
    pub fn on(&mut self) -> On<'_> {
        match &mut self.conn {
            TxConn::Sqlite(tx) => On::SqliteConn(tx),
            TxConn::SqliteWrite(write) => On::SqliteWrite(write),
            TxConn::Postgres(tx) => On::PostgresConn(tx),
        }
    }

    /// The transaction wrote a log entry at `position`.
    pub(crate) fn logged(&mut self, position: LogPosition) {
        self.logged = Some(self.logged.map_or(position, |p| p.max(position)));
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self.conn {
            TxConn::Sqlite(tx) => tx.commit().await.map_err(normalise)?,
            TxConn::SqliteWrite(write) => write.commit().await?,
            TxConn::Postgres(tx) => tx.commit().await.map_err(normalise)?,
        }
        if let (Some(position), Some(written)) = (self.logged, &self.written) {
            written.advance(position);
        }
        Ok(())
    }
}

/// Where one statement runs: a pool, or a transaction's connection.
pub enum On<'c> {
    Sqlite(&'c SqlitePool),
    SqliteConn(&'c mut sqlx::SqliteConnection),
    /// A write in SQLite's group commit, which learns why a statement failed.
    SqliteWrite(&'c mut group::Write),
    Postgres(&'c PgPool),
    PostgresConn(&'c mut sqlx::PgConnection),
}

impl<'c> On<'c> {
    /// Where the statement runs, and where it notes why it failed: a write in a group
    /// runs on the group's connection like any transaction's.
    fn split(self) -> (Runs<'c>, Cause<'c>) {
        match self {
            On::Sqlite(pool) => (Runs::Sqlite(pool), Cause::none()),
            On::SqliteConn(conn) => (Runs::SqliteConn(conn), Cause::none()),
            On::SqliteWrite(write) => {
                let (conn, cause) = write.parts();
                (Runs::SqliteConn(conn), cause)
            }
            On::Postgres(pool) => (Runs::Postgres(pool), Cause::none()),
            On::PostgresConn(conn) => (Runs::PostgresConn(conn), Cause::none()),
        }
    }
}

/// A pool or a connection, of either database.
enum Runs<'c> {
    Sqlite(&'c SqlitePool),
    SqliteConn(&'c mut sqlx::SqliteConnection),
    Postgres(&'c PgPool),
    PostgresConn(&'c mut sqlx::PgConnection),
}

impl Runs<'_> {
    fn dialect(&self) -> Dialect {
        match self {
            Runs::Sqlite(_) | Runs::SqliteConn(_) => Dialect::Sqlite,
            Runs::Postgres(_) | Runs::PostgresConn(_) => Dialect::Postgres,
        }
    }
}

impl<'c> From<&'c mut Tx> for On<'c> {
    fn from(tx: &'c mut Tx) -> Self {
        tx.on()
    }
}

impl<'c, 'd> From<&'c mut &'d mut Tx> for On<'c> {
    fn from(tx: &'c mut &'d mut Tx) -> Self {
        tx.on()
    }
}

/// A statement and its values. Its text is the store's own: a literal (or literals put
/// together with `concat!`), or put together at run time from the store's own words
/// (a table's name, an order); nothing a user typed is ever part of it.
pub struct Query {
    sql: Text,
    values: Vec<Value>,
}

enum Text {
    Literal(&'static str),
    Built(String),
}

/// A statement, written in PostgreSQL's words (see the module's introduction).
pub fn q(sql: &'static str) -> Query {
    Query { sql: Text::Literal(sql), values: Vec::new() }
}

/// A statement put together at run time from the store's own words (never from input).
pub fn q_built(sql: String) -> Query {
    Query { sql: Text::Built(sql), values: Vec::new() }
}

impl Query {
    pub fn bind(mut self, value: impl Param) -> Self {
        self.values.push(value.value());
        self
    }

    /// Runs the statement; returns how many rows it changed.
    pub async fn execute<'c>(self, on: impl Into<On<'c>>) -> Result<u64, StoreError> {
        let (runs, mut cause) = on.into().split();
        let sql = self.text(runs.dialect());
        let done = match runs {
            Runs::Sqlite(pool) => sqlite(sql, self.values)?.execute(pool).await.map(|d| d.rows_affected()),
            Runs::SqliteConn(conn) => sqlite(sql, self.values)?.execute(conn).await.map(|d| d.rows_affected()),
            Runs::Postgres(pool) => postgres(sql, self.values)?.execute(pool).await.map(|d| d.rows_affected()),
            Runs::PostgresConn(conn) => postgres(sql, self.values)?.execute(conn).await.map(|d| d.rows_affected()),
        };
        done.map_err(|e| cause.note(normalise(e)))
    }

    pub async fn fetch_all<'c>(self, on: impl Into<On<'c>>) -> Result<Vec<Row>, StoreError> {
        let (runs, mut cause) = on.into().split();
        let sql = self.text(runs.dialect());
        let rows = match runs {
            Runs::Sqlite(pool) => sqlite(sql, self.values)?.fetch_all(pool).await.map(|r| wrap(r, Row::Sqlite)),
            Runs::SqliteConn(conn) => sqlite(sql, self.values)?.fetch_all(conn).await.map(|r| wrap(r, Row::Sqlite)),
            Runs::Postgres(pool) => postgres(sql, self.values)?.fetch_all(pool).await.map(|r| wrap(r, Row::Postgres)),
            Runs::PostgresConn(conn) => {
                postgres(sql, self.values)?.fetch_all(conn).await.map(|r| wrap(r, Row::Postgres))
            }
        };
        rows.map_err(|e| cause.note(normalise(e)))
    }

    pub async fn fetch_optional<'c>(self, on: impl Into<On<'c>>) -> Result<Option<Row>, StoreError> {
        let (runs, mut cause) = on.into().split();
        let sql = self.text(runs.dialect());
        let row = match runs {
            Runs::Sqlite(pool) => sqlite(sql, self.values)?.fetch_optional(pool).await.map(|r| r.map(Row::Sqlite)),
            Runs::SqliteConn(conn) => sqlite(sql, self.values)?.fetch_optional(conn).await.map(|r| r.map(Row::Sqlite)),
            Runs::Postgres(pool) => {
                postgres(sql, self.values)?.fetch_optional(pool).await.map(|r| r.map(Row::Postgres))
            }
            Runs::PostgresConn(conn) => {
                postgres(sql, self.values)?.fetch_optional(conn).await.map(|r| r.map(Row::Postgres))
            }
        };
        row.map_err(|e| cause.note(normalise(e)))
    }

    pub async fn fetch_one<'c>(self, on: impl Into<On<'c>>) -> Result<Row, StoreError> {
        self.fetch_optional(on).await?.ok_or(StoreError::NotFound)
    }

    /// The first column of the one row the statement returns.
    pub async fn scalar<'c, T: Column>(self, on: impl Into<On<'c>>) -> Result<T, StoreError> {
        self.fetch_one(on).await?.at(0)
    }

    /// Every row as a tuple of columns.
    pub async fn fetch_all_as<'c, T: Columns>(self, on: impl Into<On<'c>>) -> Result<Vec<T>, StoreError> {
        self.fetch_all(on).await?.iter().map(T::from_row).collect()
    }

    pub async fn fetch_optional_as<'c, T: Columns>(self, on: impl Into<On<'c>>) -> Result<Option<T>, StoreError> {
        self.fetch_optional(on).await?.as_ref().map(T::from_row).transpose()
    }

    pub async fn fetch_one_as<'c, T: Columns>(self, on: impl Into<On<'c>>) -> Result<T, StoreError> {
        T::from_row(&self.fetch_one(on).await?)
    }

    /// The rows one by one as the database sends them (for reading whole tables into
    /// memory without holding them twice).
    pub fn fetch<'c>(self, on: impl Into<On<'c>>) -> BoxStream<'c, Result<Row, StoreError>> {
        let (runs, mut cause) = on.into().split();
        let sql = self.text(runs.dialect());
        let rows = match runs {
            Runs::Sqlite(pool) => sqlite(sql, self.values).map(|q| q.fetch(pool).map(|r| r.map(Row::Sqlite)).boxed()),
            Runs::SqliteConn(conn) => {
                sqlite(sql, self.values).map(|q| q.fetch(conn).map(|r| r.map(Row::Sqlite)).boxed())
            }
            Runs::Postgres(pool) => {
                postgres(sql, self.values).map(|q| q.fetch(pool).map(|r| r.map(Row::Postgres)).boxed())
            }
            Runs::PostgresConn(conn) => {
                postgres(sql, self.values).map(|q| q.fetch(conn).map(|r| r.map(Row::Postgres)).boxed())
            }
        };
        match rows {
            Ok(rows) => rows.map(move |r| r.map_err(|e| cause.note(normalise(e)))).boxed(),
            Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
        }
    }

    /// The rows one by one, each as a tuple of columns.
    pub fn fetch_as<'c, T: Columns + 'c>(self, on: impl Into<On<'c>>) -> BoxStream<'c, Result<T, StoreError>> {
        self.fetch(on).map(|row| row.and_then(|r| T::from_row(&r))).boxed()
    }

    /// The first column of the row the statement returns, if it returns one.
    pub async fn scalar_optional<'c, T: Column>(self, on: impl Into<On<'c>>) -> Result<Option<T>, StoreError> {
        self.fetch_optional(on).await?.map(|r| r.at(0)).transpose()
    }

    /// The first column of every row.
    pub async fn scalars<'c, T: Column>(self, on: impl Into<On<'c>>) -> Result<Vec<T>, StoreError> {
        self.fetch_all(on).await?.iter().map(|r| r.at(0)).collect()
    }

    fn text(&self, dialect: Dialect) -> sqlx::AssertSqlSafe<Cow<'static, str>> {
        STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sqlx::AssertSqlSafe(match (&self.sql, dialect) {
            (Text::Literal(sql), Dialect::Postgres) => Cow::Borrowed(*sql),
            (Text::Literal(sql), Dialect::Sqlite) => Cow::Borrowed(in_sqlite_words(sql)),
            (Text::Built(sql), Dialect::Postgres) => Cow::Owned(sql.clone()),
            (Text::Built(sql), Dialect::Sqlite) => Cow::Owned(rewrite_for_sqlite(sql)),
        })
    }
}

/// Statements sent to any database by this process (every one passes [`Query::text`]).
static STATEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn statements_run() -> u64 {
    STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

fn wrap<R>(rows: Vec<R>, f: impl Fn(R) -> Row) -> Vec<Row> {
    rows.into_iter().map(f).collect()
}

type SqliteQuery = sqlx::query::Query<'static, Sqlite, SqliteArguments>;
type PostgresQuery = sqlx::query::Query<'static, Postgres, PgArguments>;

type Sql = sqlx::AssertSqlSafe<Cow<'static, str>>;

fn sqlite(sql: Sql, values: Vec<Value>) -> Result<SqliteQuery, StoreError> {
    Ok(sqlx::query_with(sql, sqlite_arguments(values).map_err(other)?))
}

fn postgres(sql: Sql, values: Vec<Value>) -> Result<PostgresQuery, StoreError> {
    Ok(sqlx::query_with(sql, postgres_arguments(values).map_err(other)?))
}

/// A query's text as SQLite reads it, rewritten once per query and kept (the store has
/// a few hundred queries; each rewritten text lives as long as the program).
fn in_sqlite_words(sql: &'static str) -> &'static str {
    type Seen = HashMap<(usize, usize), &'static str>;
    static SEEN: RwLock<Option<Seen>> = RwLock::new(None);
    if !["any(", "all(", "::", "strpos(", " for update"].iter().any(|word| sql.contains(word)) {
        return sql;
    }
    let key = (sql.as_ptr() as usize, sql.len());
    if let Some(found) = SEEN.read().unwrap_or_else(|e| e.into_inner()).as_ref().and_then(|m| m.get(&key)) {
        return found;
    }
    let rewritten: &'static str = Box::leak(rewrite_for_sqlite(sql).into_boxed_str());
    SEEN.write().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(key, rewritten);
    rewritten
}

/// The rewriting itself (see the module's introduction).
pub fn rewrite_for_sqlite(sql: &str) -> String {
    let mut out = sql.replace("strpos(", "instr(").replace(" for update skip locked", "").replace(" for update", "");
    for (pg, sqlite) in
        [("= any(", "in (select value from json_each("), ("<> all(", "not in (select value from json_each(")]
    {
        while let Some(at) = out.find(pg) {
            let open = at + pg.len();
            let close = open + out[open..].find(')').unwrap_or(0);
            let parameter = out[open..close].to_owned();
            out.replace_range(at..=close, &format!("{sqlite}{parameter}))"));
        }
    }
    // Casts: `::` followed by a type name.
    while let Some(at) = out.find("::") {
        let end =
            out[at + 2..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(out.len(), |e| at + 2 + e);
        out.replace_range(at..end, "");
    }
    out
}

/// Turns a driver error into the store's vocabulary, for either database.
pub fn normalise(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut => StoreError::Busy,
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            let sqlite = db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some();
            if db.is_unique_violation() || db.is_foreign_key_violation() {
                // SQLite names the columns, not the constraint: "UNIQUE constraint failed:
                // members.email" becomes "members_email", the name PostgreSQL reports.
                let name =
                    if sqlite { conflict_name(db.message()) } else { db.constraint().unwrap_or("unknown").to_owned() };
                StoreError::Conflict(name)
            } else if matches!(
                (sqlite, code.as_str()),
                // SQLite: busy, locked, busy recovery; PostgreSQL: serialization failure,
                // deadlock, lock not available.
                (true, "5" | "6" | "517") | (false, "40001" | "40P01" | "55P03")
            ) {
                StoreError::Busy
            } else if matches!((sqlite, code.as_str()), (true, "13") | (false, "53100")) {
                // A full disk (or SQLite's page limit).
                StoreError::Full
            } else {
                StoreError::Other(Box::new(sqlx::Error::Database(db)))
            }
        }
        e => StoreError::Other(Box::new(e)),
    }
}

fn conflict_name(message: &str) -> String {
    message.rsplit(": ").next().unwrap_or(message).split(", ").next().unwrap_or(message).replace('.', "_")
}

pub fn other(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string().into())
}

#[cfg(test)]
mod tests {
    use super::rewrite_for_sqlite;

    #[test]
    fn postgres_words_become_sqlite_words() {
        assert_eq!(
            rewrite_for_sqlite("select a from t where a.key = any($1) and a.actor <> all($3)"),
            "select a from t where a.key in (select value from json_each($1)) and a.actor not in (select value from json_each($3))"
        );
        assert_eq!(
            rewrite_for_sqlite("delete from s where ($1::bigint is null or m = $1) and ($2::uuid is null or id <> $2)"),
            "delete from s where ($1 is null or m = $1) and ($2 is null or id <> $2)"
        );
        assert_eq!(rewrite_for_sqlite("strpos(lower(name), lower($1)) > 0"), "instr(lower(name), lower($1)) > 0");
        assert_eq!(
            rewrite_for_sqlite("select id from jobs limit 1 for update skip locked"),
            "select id from jobs limit 1"
        );
        assert_eq!(rewrite_for_sqlite("select 1"), "select 1");
    }
}
