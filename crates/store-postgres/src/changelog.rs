//! Reading the change log in commit order.
//!
//! A position is `(tx, seq)`: the id of the transaction that wrote the entry and a value
//! from a sequence. Sequence values alone are not in commit order: a transaction can take
//! seq 7, commit after the one that took seq 8, and a reader that had moved past 8 would
//! never see 7. So readers only take entries of transactions older than every transaction
//! still running (the xmin of their snapshot): those are final, committed or gone. Every
//! transaction still running, or not yet started, has an id of at least that xmin, so any
//! entry written later sorts after everything already read.

use crate::{PgStore, normalise, other, position_of};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, ChangeLogRepo, LogEntry, LogPosition};
use sqlx::Row;
use time::OffsetDateTime;

/// The entries whose place in the log is final: their transaction is older than every one
/// still running. `pg_current_snapshot()` is the statement's own snapshot, so every final
/// entry that committed is also visible to the statement. `$head` (a select list), then
/// the final entries, then `$rest` (more conditions, order, limit).
macro_rules! final_entries {
    ($head:literal, $rest:literal) => {
        concat!($head, " from changelog where tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ", $rest)
    };
}

#[async_trait]
impl ChangeLogRepo for PgStore {
    /// Entries after `after` in `(tx, seq)` order, of transactions older than the snapshot's
    /// xmin only: those are final, and any entry not yet visible belongs to a transaction
    /// with an id of at least that xmin, so it sorts after everything returned now.
    async fn changes_since(&self, after: LogPosition, limit: u32) -> Result<Vec<LogEntry>, StoreError> {
        let rows = sqlx::query(final_entries!(
            "select tx, seq, kind, subject, at",
            "and (tx, seq) > ($1, $2) order by tx, seq limit $3"
        ))
        .bind(after.tx)
        .bind(after.seq)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(normalise)?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind").map_err(normalise)?;
                Ok(LogEntry {
                    position: position_of(row)?,
                    kind: ChangeKind::parse(&kind).ok_or_else(|| other(format!("unknown change kind {kind}")))?,
                    subject: row.try_get("subject").map_err(normalise)?,
                    at: row.try_get("at").map_err(normalise)?,
                })
            })
            .collect()
    }

    async fn log_head(&self) -> Result<LogPosition, StoreError> {
        let row = sqlx::query(final_entries!("select tx, seq", "order by tx desc, seq desc limit 1"))
            .fetch_optional(&self.pool)
            .await
            .map_err(normalise)?;
        let Some(row) = row else {
            return Ok(LogPosition::START);
        };
        position_of(&row)
    }

    async fn pending_changes(&self, after: LogPosition) -> Result<(u64, Option<OffsetDateTime>), StoreError> {
        let row = sqlx::query(final_entries!("select count(*) as n, min(at) as oldest", "and (tx, seq) > ($1, $2)"))
            .bind(after.tx)
            .bind(after.seq)
            .fetch_one(&self.pool)
            .await
            .map_err(normalise)?;
        let n: i64 = row.try_get("n").map_err(normalise)?;
        Ok((n as u64, row.try_get("oldest").map_err(normalise)?))
    }

    async fn log_newest(&self) -> Result<LogPosition, StoreError> {
        let row = sqlx::query("select tx, seq from changelog order by tx desc, seq desc limit 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(normalise)?;
        let Some(row) = row else {
            return Ok(LogPosition::START);
        };
        position_of(&row)
    }

    async fn prune_log(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        // The newest final entry stays, so that the head never falls back to the start.
        // Entries not yet final sort after it and so stay too.
        let done = sqlx::query(final_entries!(
            "delete from changelog where at < $1 and (tx, seq) < (select tx, seq",
            "order by tx desc, seq desc limit 1)"
        ))
        .bind(before)
        .execute(&self.pool)
        .await
        .map_err(normalise)?;
        Ok(done.rows_affected())
    }
}
