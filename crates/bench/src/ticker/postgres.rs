//! The same first page from PostgreSQL alone: every activity in one table with an
//! `(actor, key)` index, and a LATERAL join taking each followed member's newest rows.
//! The table is loaded once per data set (by its fingerprint) and kept, as the network
//! benchmark keeps its own.

use super::data::TickerData;
use crate::measure::{Samples, Summary};
use crate::postgres::{Cached, loaded, open_cached};
use anyhow::Result;
use kontor_core::ticker::limits;
use kontor_graph::Snapshot;
use sqlx::{Connection, PgConnection};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The newest page over the followed members: each one's newest rows from the index,
/// merged. (The rows are not gated by audience here; the engine gates its page, so
/// PostgreSQL does less work than the page needs.)
pub const PAGE_SQL: &str = "select a.key, a.actor, a.kind, a.audience
from unnest($1::int[]) as f(actor)
cross join lateral (
    select key, actor, kind, audience from activities
    where activities.actor = f.actor order by key desc limit $2
) a
order by a.key desc limit $2";

async fn connect(data: &TickerData) -> Result<(PgConnection, Option<Duration>)> {
    let database = format!("kontor_bench_ticker_{}", data.fingerprint().unsigned_abs());
    let mut conn = match open_cached(&database, data.fingerprint()).await? {
        Cached::Loaded(conn) => return Ok((conn, None)),
        Cached::Empty(conn) => conn,
    };
    let started = Instant::now();
    sqlx::raw_sql(
        "create table activities (key bigint not null, actor int not null, kind smallint not null, \
         audience smallint not null, other int)",
    )
    .execute(&mut conn)
    .await?;
    let mut copy = conn.copy_in_raw("copy activities (key, actor, kind, audience, other) from stdin").await?;
    let mut text = String::with_capacity(8 << 20);
    for row in data.activities() {
        let other = if row.entry.other == u32::MAX { "\\N".to_owned() } else { row.entry.other.to_string() };
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{other}\n",
            row.key, row.actor, row.entry.kind as u8, row.entry.audience as u8
        ));
        if text.len() > 8 << 20 {
            copy.send(text.as_bytes()).await?;
            text.clear();
        }
    }
    copy.send(text.as_bytes()).await?;
    copy.finish().await?;
    sqlx::raw_sql(
        "set maintenance_work_mem = '1GB'; \
         create index activities_actor_key on activities (actor, key desc); analyze activities",
    )
    .execute(&mut conn)
    .await?;
    loaded(&mut conn, data.fingerprint()).await?;
    Ok((conn, Some(started.elapsed())))
}

/// Times the first page of every reader, `rounds` times, as the engine was timed.
pub async fn run(data: &TickerData, snapshot: &Arc<Snapshot>, rounds: usize) -> Result<(Summary, Option<Duration>)> {
    let (mut conn, loaded) = connect(data).await?;
    let followed: Vec<Vec<i32>> = data
        .readers
        .iter()
        .map(|&r| snapshot.all_contacts(r).into_iter().chain([r]).map(|v| v as i32).collect())
        .collect();
    // Prepares the statement and warms the caches.
    for f in followed.iter().take(3) {
        page(&mut conn, f).await?;
    }
    let mut samples = Samples::default();
    for _ in 0..rounds {
        for f in &followed {
            let t = Instant::now();
            page(&mut conn, f).await?;
            samples.0.push(t.elapsed().as_nanos() as u64);
        }
    }
    conn.close().await?;
    Ok((samples.summary(), loaded))
}

async fn page(conn: &mut PgConnection, followed: &[i32]) -> Result<usize> {
    let rows: Vec<(i64, i32, i16, i16)> =
        sqlx::query_as(PAGE_SQL).bind(followed).bind(limits::PAGE as i64).fetch_all(&mut *conn).await?;
    Ok(rows.len())
}
