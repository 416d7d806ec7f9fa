use crate::accounts::account;
use crate::{PgStore, normalise};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use kontor_core::directory::{DirectoryEntry, DirectoryRepo};

#[async_trait]
impl DirectoryRepo for PgStore {
    async fn directory_snapshot(&self) -> Result<(Vec<DirectoryEntry>, LogPosition), StoreError> {
        let mut tx = self.pool.begin().await.map_err(normalise)?;
        sqlx::query("set transaction isolation level repeatable read, read only")
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        // Every transaction older than the snapshot's xmin is in the snapshot; entries of
        // newer ones may or may not be, so tailing starts with the first of them (applying
        // an entry twice is harmless).
        let xmin: i64 = sqlx::query_scalar("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            .fetch_one(&mut *tx)
            .await
            .map_err(normalise)?;
        let rows = sqlx::query(
            "select key, id, email, name, state, role, lang, created_at, deletion_requested_at, password_hash, \
             totp_secret from members order by key",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(normalise)?;
        tx.commit().await.map_err(normalise)?;
        let entries = rows.iter().map(|r| account(r).map(|a| DirectoryEntry::of(&a))).collect::<Result<_, _>>()?;
        Ok((entries, LogPosition { tx: xmin - 1, seq: i64::MAX }))
    }
}
