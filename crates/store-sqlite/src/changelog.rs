use crate::{SqliteStore, from_micros, micros, normalise, other};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, ChangeLogRepo, LogEntry, LogPosition};
use sqlx::Row;
use time::OffsetDateTime;

#[async_trait]
impl ChangeLogRepo for SqliteStore {
    async fn changes_since(&self, after: LogPosition, limit: u32) -> Result<Vec<LogEntry>, StoreError> {
        // One writer: a committed row id is final, and later rows get higher ids.
        let rows = sqlx::query("select seq, kind, subject, at from changelog where seq > $1 order by seq limit $2")
            .bind(after.seq)
            .bind(i64::from(limit))
            .fetch_all(&self.readers)
            .await
            .map_err(normalise)?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind").map_err(normalise)?;
                Ok(LogEntry {
                    position: LogPosition { tx: 0, seq: row.try_get("seq").map_err(normalise)? },
                    kind: ChangeKind::parse(&kind).ok_or_else(|| other(format!("unknown change kind {kind}")))?,
                    subject: row.try_get("subject").map_err(normalise)?,
                    at: from_micros(row.try_get("at").map_err(normalise)?),
                })
            })
            .collect()
    }

    async fn log_head(&self) -> Result<LogPosition, StoreError> {
        let seq: Option<i64> =
            sqlx::query_scalar("select max(seq) from changelog").fetch_one(&self.readers).await.map_err(normalise)?;
        Ok(LogPosition { tx: 0, seq: seq.unwrap_or(0) })
    }

    async fn pending_changes(&self, after: LogPosition) -> Result<(u64, Option<OffsetDateTime>), StoreError> {
        let row = sqlx::query("select count(*) as n, min(at) as oldest from changelog where seq > $1")
            .bind(after.seq)
            .fetch_one(&self.readers)
            .await
            .map_err(normalise)?;
        let n: i64 = row.try_get("n").map_err(normalise)?;
        let oldest: Option<i64> = row.try_get("oldest").map_err(normalise)?;
        Ok((n as u64, oldest.map(from_micros)))
    }

    async fn log_newest(&self) -> Result<LogPosition, StoreError> {
        // One writer: the newest entry is final.
        self.log_head().await
    }

    async fn prune_log(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        // The newest entry stays, so that AUTOINCREMENT never reuses a position.
        let done = sqlx::query("delete from changelog where at < $1 and seq < (select max(seq) from changelog)")
            .bind(micros(before))
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        Ok(done.rows_affected())
    }
}
