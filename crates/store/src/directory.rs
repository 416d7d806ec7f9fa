use crate::SqlStore;
use crate::accounts::account;
use crate::sql::q;
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use kontor_core::directory::{DirectoryEntry, DirectoryRepo};

#[async_trait]
impl DirectoryRepo for SqlStore {
    async fn directory_snapshot(&self) -> Result<(Vec<DirectoryEntry>, LogPosition), StoreError> {
        let (mut tx, position) = self.snapshot().await?;
        let rows =
            q("select key, id, email, name, state, role, lang, created_at, deletion_requested_at, password_hash, \
             totp_secret from members order by key")
            .fetch_all(&mut tx)
            .await?;
        tx.commit().await?;
        let entries = rows.iter().map(|r| account(r).map(|a| DirectoryEntry::of(&a))).collect::<Result<_, _>>()?;
        Ok((entries, position))
    }
}
