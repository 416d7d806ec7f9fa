//! Building the graph from SQLite, as the application does at start-up: the members and
//! their list settings, then one side of every contact, streamed into a `GraphBuilder`.
//!
//! The tables have the application's shape for what the snapshot reads (`contacts` as in
//! migration 0007, one row per side, with its primary key and index; `members` and
//! `network_settings` cut down to the columns the query touches), and the queries are the
//! application's `network_snapshot`.

use crate::datasets::Dataset;
use crate::privacy::{CONTACTS, CONTACTS_OF_CONTACTS, MEMBERS, ONLY_ME};
use anyhow::{Context, Result};
use futures::TryStreamExt;
use kontor_graph::{Graph, GraphBuilder, PlainCsr};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Connection, Sqlite, SqliteConnection};
use std::path::Path;
use std::time::{Duration, Instant};

const SCHEMA: &str = r"
create table members (
    key integer primary key,
    state text not null,
    deletion_requested_at integer
);
create table network_settings (
    member integer primary key references members(key) on delete cascade,
    list_visibility text not null
);
create table contacts (
    member integer not null references members(key) on delete cascade,
    other integer not null references members(key) on delete cascade,
    since integer not null,
    how text not null,
    note text not null default '',
    primary key (member, other)
);
create table bench_meta (fingerprint integer not null);
";

fn setting_name(tag: u8) -> &'static str {
    match tag {
        ONLY_ME => "only_me",
        CONTACTS => "contacts",
        CONTACTS_OF_CONTACTS => "contacts_of_contacts",
        _ => "members",
    }
}

fn setting_tag(name: Option<&str>) -> u8 {
    match name {
        Some("only_me") => ONLY_ME,
        Some("contacts_of_contacts") => CONTACTS_OF_CONTACTS,
        Some("members") => MEMBERS,
        _ => CONTACTS,
    }
}

async fn open(file: &Path, create: bool) -> Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(!create)
        .busy_timeout(Duration::from_secs(10));
    Ok(SqliteConnection::connect_with(&options).await?)
}

/// The contacts and the list settings, so a file made from others is not reused.
fn fingerprint(data: &Dataset, settings: &[u8]) -> i64 {
    settings.iter().fold(data.fingerprint(), |h, &s| (h ^ i64::from(s)).wrapping_mul(0x0100_0000_01b3))
}

/// Makes sure `file` holds `data` (with these list settings), loading it if not.
/// Returns whether it had to load.
pub async fn ensure(file: &Path, data: &Dataset, settings: &[u8], plain: &PlainCsr) -> Result<bool> {
    if file.exists() {
        let mut conn = open(file, false).await?;
        let held: Option<i64> =
            sqlx::query_scalar("select fingerprint from bench_meta").fetch_optional(&mut conn).await.ok().flatten();
        conn.close().await?;
        if held == Some(fingerprint(data, settings)) {
            return Ok(false);
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let mut conn = open(file, true).await?;
    // A bulk load of a throw-away file: no journal, no syncs.
    sqlx::raw_sql("pragma journal_mode = off; pragma synchronous = off;").execute(&mut conn).await?;
    sqlx::raw_sql(SCHEMA).execute(&mut conn).await?;
    let mut tx = conn.begin().await?;
    for chunk in (0..data.vertices).collect::<Vec<_>>().chunks(5_000) {
        let values = vec!["(?, 'active')"; chunk.len()].join(", ");
        let mut insert =
            sqlx::query::<Sqlite>(AssertSqlSafe(format!("insert into members (key, state) values {values}")));
        for &v in chunk {
            insert = insert.bind(i64::from(v));
        }
        insert.execute(&mut *tx).await?;
        let values = vec!["(?, ?)"; chunk.len()].join(", ");
        let sql = format!("insert into network_settings (member, list_visibility) values {values}");
        let mut insert = sqlx::query::<Sqlite>(AssertSqlSafe(sql));
        for &v in chunk {
            insert = insert.bind(i64::from(v)).bind(setting_name(settings[v as usize]));
        }
        insert.execute(&mut *tx).await?;
    }
    // Both sides of each contact, in primary-key order.
    const ROWS: usize = 8_000;
    let full = format!(
        "insert into contacts (member, other, since, how) values {}",
        vec!["(?, ?, 0, 'bench')"; ROWS].join(", ")
    );
    let mut rows: Vec<(u32, u32)> = Vec::with_capacity(ROWS);
    let flush = |rows: &[(u32, u32)]| {
        let sql = if rows.len() == ROWS {
            full.clone()
        } else {
            format!(
                "insert into contacts (member, other, since, how) values {}",
                vec!["(?, ?, 0, 'bench')"; rows.len()].join(", ")
            )
        };
        let mut insert = sqlx::query::<Sqlite>(AssertSqlSafe(sql));
        for &(a, b) in rows {
            insert = insert.bind(i64::from(a)).bind(i64::from(b));
        }
        insert
    };
    for v in 0..data.vertices {
        for &w in plain.neighbours(v) {
            rows.push((v, w));
            if rows.len() == ROWS {
                flush(&rows).execute(&mut *tx).await?;
                rows.clear();
            }
        }
    }
    if !rows.is_empty() {
        flush(&rows).execute(&mut *tx).await?;
    }
    sqlx::query("create index contacts_other on contacts(other)").execute(&mut *tx).await?;
    sqlx::query("insert into bench_meta (fingerprint) values (?)")
        .bind(fingerprint(data, settings))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    sqlx::raw_sql("pragma journal_mode = wal;").execute(&mut conn).await?;
    conn.close().await?;
    Ok(true)
}

/// Reads every member and contact from `file` with the application's queries into a
/// `GraphBuilder` and builds the graph; returns it with the contacts read and the time.
pub async fn build(file: &Path) -> Result<(Graph, usize, Duration)> {
    let mut conn = open(file, false).await?;
    let started = Instant::now();
    let mut builder = GraphBuilder::new();
    let mut tx = conn.begin().await?;
    {
        let mut members = sqlx::query_as::<_, (i64, bool, Option<String>)>(
            "select m.key, (m.state = 'active' and m.deletion_requested_at is null), s.list_visibility \
             from members m left join network_settings s on s.member = m.key order by m.key",
        )
        .fetch(&mut *tx);
        while let Some((key, active, list)) = members.try_next().await? {
            let v = u32::try_from(key).context("member key out of range")?;
            builder.member(v, active, setting_tag(list.as_deref()));
        }
    }
    {
        // One row per member with their higher-keyed contacts joined, as the application
        // reads them: a row crossing from SQLite's thread costs more than parsing numbers.
        let mut contacts = sqlx::query_as::<_, (i64, String)>(
            "select member, group_concat(other) from contacts where member < other group by member",
        )
        .fetch(&mut *tx);
        while let Some((a, others)) = contacts.try_next().await? {
            let a = u32::try_from(a)?;
            for b in others.split(',') {
                builder.contact(a, b.parse()?);
            }
        }
    }
    tx.commit().await?;
    let read = builder.contacts_added();
    let graph = builder.build();
    let elapsed = started.elapsed();
    conn.close().await?;
    Ok((graph, read, elapsed))
}
