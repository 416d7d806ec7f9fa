//! Reading the change log in commit order: the one part of the store whose queries
//! differ between the databases in meaning, not only in words.
//!
//! SQLite has one writer: an entry's `seq` is final when it is committed, and later
//! entries get higher ones. Its positions are `(0, seq)`.
//!
//! On PostgreSQL a position is `(tx, seq)`: the id of the transaction that wrote the
//! entry and a value from a sequence. Sequence values alone are not in commit order: a
//! transaction can take seq 7, commit after the one that took seq 8, and a reader that
//! had moved past 8 would never see 7. So readers only take entries of transactions older
//! than every transaction still running (the xmin of their snapshot): those are final,
//! committed or gone. Every transaction still running, or not yet started, has an id of
//! at least that xmin, so any entry written later sorts after everything already read.

use crate::SqlStore;
use crate::postgres::position_of;
use crate::sql::{Dialect, Row, other, q};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, ChangeLogRepo, LogEntry, LogPosition};
use time::OffsetDateTime;

/// The entries whose place in the log is final (PostgreSQL): their transaction is older
/// than every one still running. `pg_current_snapshot()` is the statement's own snapshot,
/// so every final entry that committed is also visible to the statement. `$head` (a
/// select list), then the final entries, then `$rest` (more conditions, order, limit).
macro_rules! final_entries {
    ($head:literal, $rest:literal) => {
        concat!($head, " from changelog where tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ", $rest)
    };
}

#[async_trait]
impl ChangeLogRepo for SqlStore {
    async fn changes_since(&self, after: LogPosition, limit: u32) -> Result<Vec<LogEntry>, StoreError> {
        let rows = match self.dialect() {
            Dialect::Sqlite => {
                q("select 0 as tx, seq, kind, subject, at from changelog where seq > $1 order by seq limit $2")
                    .bind(after.seq)
                    .bind(i64::from(limit))
                    .fetch_all(self.db.read())
                    .await?
            }
            Dialect::Postgres => {
                q(final_entries!(
                    "select tx, seq, kind, subject, at",
                    "and (tx, seq) > ($1, $2) order by tx, seq limit $3"
                ))
                .bind(after.tx)
                .bind(after.seq)
                .bind(i64::from(limit))
                .fetch_all(self.db.read())
                .await?
            }
        };
        rows.iter().map(entry).collect()
    }

    async fn log_head(&self) -> Result<LogPosition, StoreError> {
        let row = match self.dialect() {
            Dialect::Sqlite => q("select 0 as tx, seq from changelog order by seq desc limit 1"),
            Dialect::Postgres => q(final_entries!("select tx, seq", "order by tx desc, seq desc limit 1")),
        };
        row.fetch_optional(self.db.read()).await?.map_or(Ok(LogPosition::START), |row| position_of(&row))
    }

    async fn pending_changes(&self, after: LogPosition) -> Result<(u64, Option<OffsetDateTime>), StoreError> {
        let query = match self.dialect() {
            Dialect::Sqlite => {
                q("select count(*) as n, min(at) as oldest from changelog where seq > $1").bind(after.seq)
            }
            Dialect::Postgres => {
                q(final_entries!("select count(*) as n, min(at) as oldest", "and (tx, seq) > ($1, $2)"))
                    .bind(after.tx)
                    .bind(after.seq)
            }
        };
        let row = query.fetch_one(self.db.read()).await?;
        let n: i64 = row.get("n")?;
        Ok((n as u64, row.get("oldest")?))
    }

    fn written_through(&self) -> LogPosition {
        self.db.written_through()
    }

    async fn log_newest(&self) -> Result<LogPosition, StoreError> {
        match self.dialect() {
            // One writer: the newest entry is final.
            Dialect::Sqlite => self.log_head().await,
            Dialect::Postgres => q("select tx, seq from changelog order by tx desc, seq desc limit 1")
                .fetch_optional(self.db.read())
                .await?
                .map_or(Ok(LogPosition::START), |row| position_of(&row)),
        }
    }

    async fn prune_log(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        // The entries to go, newest first.
        let (newest, delete) = match self.dialect() {
            // The newest entry stays, so that AUTOINCREMENT never reuses a position.
            Dialect::Sqlite => (
                q("select 0 as tx, seq from changelog where at < $1 and seq < (select max(seq) from changelog) \
                   order by seq desc limit 1"),
                q("delete from changelog where at < $1 and seq < (select max(seq) from changelog)"),
            ),
            // The newest final entry stays, so that the head never falls back to the
            // start. Entries not yet final sort after it and so stay too.
            Dialect::Postgres => (
                q(final_entries!(
                    "select tx, seq from changelog where at < $1 and (tx, seq) < (select tx, seq",
                    "order by tx desc, seq desc limit 1) order by tx desc, seq desc limit 1"
                )),
                q(final_entries!(
                    "delete from changelog where at < $1 and (tx, seq) < (select tx, seq",
                    "order by tx desc, seq desc limit 1)"
                )),
            ),
        };
        let Some(newest) = newest.bind(before).fetch_optional(&mut tx).await? else { return Ok(0) };
        let newest = position_of(&newest)?;
        q("insert into changelog_pruned (one, tx, seq) values (1, $1, $2) \
           on conflict (one) do update set tx = excluded.tx, seq = excluded.seq")
        .bind(newest.tx)
        .bind(newest.seq)
        .execute(&mut tx)
        .await?;
        let pruned = delete.bind(before).execute(&mut tx).await?;
        tx.commit().await?;
        Ok(pruned)
    }

    async fn log_pruned_through(&self) -> Result<LogPosition, StoreError> {
        let row = q("select tx, seq from changelog_pruned where one = 1").fetch_optional(self.db.read()).await?;
        row.map_or(Ok(LogPosition::START), |row| position_of(&row))
    }
}

fn entry(row: &Row) -> Result<LogEntry, StoreError> {
    let kind: String = row.get("kind")?;
    Ok(LogEntry {
        position: position_of(row)?,
        kind: ChangeKind::parse(&kind).ok_or_else(|| other(format!("unknown change kind {kind}")))?,
        subject: row.get("subject")?,
        at: row.get("at")?,
    })
}
