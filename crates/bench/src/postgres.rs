//! The same distances from PostgreSQL: a contacts table with both directions stored and
//! indexed, and a depth-bounded breadth-first search as a recursive CTE.

use crate::datasets::Dataset;
use crate::measure::Samples;
use anyhow::{Context, Result};
use kontor_graph::Vertex;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// Meet in the middle: every path of at most four steps has a member at most two steps
/// from each end, so two recursive walks of two levels each, joined on the member they
/// reach, give the distance and a path. `distinct on (c.b)` keeps one path to each member
/// per level, so a level never holds more rows than there are members; the path arrays
/// prevent cycles; the walk from the target keeps its path reversed, ready to append.
/// (A one-sided walk of four levels, `walk(node, depth, path)` stopping at the target,
/// took 0.1–7 s a pair at 65,000 members: its third and fourth levels hold most of the
/// graph, since a recursive CTE cannot skip members an earlier level already reached.)
pub const PATH_SQL: &str = r"with recursive
from_a(node, depth, path) as (
    select $1::int, 0, array[$1::int]
  union all
    select distinct on (c.b) c.b, w.depth + 1, w.path || c.b
    from from_a w join contacts c on c.a = w.node
    where w.depth < 2 and c.b <> all(w.path)
),
from_b(node, depth, path) as (
    select $2::int, 0, array[$2::int]
  union all
    select distinct on (c.b) c.b, w.depth + 1, c.b || w.path
    from from_b w join contacts c on c.a = w.node
    where w.depth < 2 and c.b <> all(w.path)
)
select a.depth + b.depth, a.path || b.path[2:]
from from_a a join from_b b on a.node = b.node
order by a.depth + b.depth
limit 1";

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub fn url() -> String {
    std::env::var("KONTOR_BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// PostgreSQL's answer for one pair.
#[derive(Clone, Debug)]
pub enum PgAnswer {
    Found {
        distance: u8,
        path: Vec<Vertex>,
    },
    /// Not within four steps.
    None,
    TimedOut,
}

pub struct PgRun {
    pub answers: Vec<PgAnswer>,
    /// Wall time per pair as the client sees it (timeouts count as the timeout).
    pub samples: Samples,
    /// Whether the data set had to be loaded, and how long that took.
    pub loaded: Option<Duration>,
}

/// A database of the benchmark's own, kept between runs.
pub enum Cached {
    /// It holds the data set with the fingerprint asked for.
    Loaded(PgConnection),
    /// Made empty for the caller to load, who then calls [`loaded`].
    Empty(PgConnection),
}

/// Opens `database` if a finished load of the data set with `fingerprint` is in it;
/// otherwise (re)creates it empty.
pub async fn open_cached(database: &str, fingerprint: i64) -> Result<Cached> {
    let options = PgConnectOptions::from_str(&url())?;
    let mut admin = options.connect().await.context("connecting to PostgreSQL")?;
    let exists: Option<i32> = sqlx::query_scalar("select 1 from pg_database where datname = $1")
        .bind(database)
        .fetch_optional(&mut admin)
        .await?;
    if exists.is_some() {
        let mut conn = options.clone().database(database).connect().await?;
        let held: Option<i64> =
            sqlx::query_scalar("select fingerprint from bench_meta").fetch_optional(&mut conn).await.ok().flatten();
        if held == Some(fingerprint) {
            admin.close().await?;
            return Ok(Cached::Loaded(conn));
        }
        conn.close().await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("drop database {database}"))).execute(&mut admin).await?;
    }
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {database}"))).execute(&mut admin).await?;
    admin.close().await?;
    Ok(Cached::Empty(options.database(database).connect().await?))
}

/// Marks a load finished, so [`open_cached`] finds it next time.
pub async fn loaded(conn: &mut PgConnection, fingerprint: i64) -> Result<()> {
    sqlx::raw_sql("create table bench_meta (fingerprint bigint not null)").execute(&mut *conn).await?;
    sqlx::query("insert into bench_meta values ($1)").bind(fingerprint).execute(&mut *conn).await?;
    Ok(())
}

/// Connects to the data set's own database, loading it first unless it already holds it.
async fn connect(data: &Dataset) -> Result<(PgConnection, Option<Duration>)> {
    let database = format!("kontor_bench_{}", data.key().replace(['-', '.'], "_"));
    let mut conn = match open_cached(&database, data.fingerprint()).await? {
        Cached::Loaded(conn) => return Ok((conn, None)),
        Cached::Empty(conn) => conn,
    };
    let started = Instant::now();
    sqlx::raw_sql("create table contacts (a int not null, b int not null)").execute(&mut conn).await?;
    let mut copy = conn.copy_in_raw("copy contacts (a, b) from stdin").await?;
    let mut text = String::with_capacity(4 << 20);
    for &(a, b) in &data.contacts {
        text.push_str(&format!("{a}\t{b}\n{b}\t{a}\n"));
        if text.len() > 4 << 20 {
            copy.send(text.as_bytes()).await?;
            text.clear();
        }
    }
    copy.send(text.as_bytes()).await?;
    copy.finish().await?;
    sqlx::raw_sql("alter table contacts add primary key (a, b); analyze contacts").execute(&mut conn).await?;
    loaded(&mut conn, data.fingerprint()).await?;
    Ok((conn, Some(started.elapsed())))
}

/// Asks PostgreSQL for the distance and a path of every pair, one after the other.
pub async fn run(data: &Dataset, pairs: &[(Vertex, Vertex)]) -> Result<PgRun> {
    let (mut conn, loaded) = connect(data).await?;
    sqlx::raw_sql("set statement_timeout = '10s'").execute(&mut conn).await?;
    // Prepares the statement and warms the caches.
    for &(a, b) in pairs.iter().rev().take(3) {
        let _ = ask(&mut conn, a, b).await;
    }
    let mut answers = Vec::with_capacity(pairs.len());
    let mut samples = Samples::default();
    for &(a, b) in pairs {
        let started = Instant::now();
        let answer = ask(&mut conn, a, b).await?;
        let elapsed = if matches!(answer, PgAnswer::TimedOut) { TIMEOUT } else { started.elapsed() };
        samples.0.push(elapsed.as_nanos() as u64);
        answers.push(answer);
    }
    conn.close().await?;
    Ok(PgRun { answers, samples, loaded })
}

async fn ask(conn: &mut PgConnection, a: Vertex, b: Vertex) -> Result<PgAnswer> {
    let row =
        sqlx::query_as::<_, (i32, Vec<i32>)>(PATH_SQL).bind(a as i32).bind(b as i32).fetch_optional(&mut *conn).await;
    match row {
        Ok(Some((depth, path))) => {
            Ok(PgAnswer::Found { distance: depth as u8, path: path.into_iter().map(|v| v as Vertex).collect() })
        }
        Ok(None) => Ok(PgAnswer::None),
        // 57014: canceled by statement_timeout.
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("57014") => Ok(PgAnswer::TimedOut),
        Err(e) => Err(e.into()),
    }
}
