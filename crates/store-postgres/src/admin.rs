use crate::accounts::account;
use crate::{PgStore, enqueue, log, normalise};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::accounts::{Account, AccountState, Role};
use kontor_core::admin::AdminRepo;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::jobs::NewJob;
use time::OffsetDateTime;

#[async_trait]
impl AdminRepo for PgStore {
    async fn list_members(
        &self,
        state: Option<AccountState>,
        before: Option<MemberKey>,
        limit: u32,
    ) -> Result<Vec<Account>, StoreError> {
        let rows = sqlx::query(
            "select key, id, email, name, state, role, lang, created_at, deletion_requested_at, password_hash, totp_secret \
             from members where ($1::text is null or state = $1) and ($2::bigint is null or key < $2) \
             order by key desc limit $3",
        )
        .bind(state.map(AccountState::as_str))
        .bind(before.map(|k| k.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(normalise)?;
        rows.iter().map(account).collect()
    }

    async fn set_state(
        &self,
        member: MemberKey,
        state: AccountState,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("update members set state = $1 where key = $2")
            .bind(state.as_str())
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if state != AccountState::Active {
            sqlx::query("delete from sessions where member = $1")
                .bind(member.0)
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
        }
        enqueue(&mut tx, jobs, Some(member.0)).await?;
        let position = log(&mut tx, ChangeKind::MemberChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn set_role(&self, member: MemberKey, role: Role) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        if role != Role::Admin {
            // Locking every admin row, in key order: two admins demoting each other at once
            // are serialised, and the second sees that the first is gone.
            let admins: Vec<i64> = sqlx::query_scalar(
                "select key from members where role = 'admin' and state = 'active' order by key for update",
            )
            .fetch_all(&mut *tx)
            .await
            .map_err(normalise)?;
            if admins == [member.0] {
                return Err(StoreError::Conflict("last_admin".into()));
            }
        }
        sqlx::query("update members set role = $1 where key = $2")
            .bind(role.as_str())
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        let position = log(&mut tx, ChangeKind::MemberChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn request_deletion(
        &self,
        member: MemberKey,
        at: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("update members set deletion_requested_at = $1 where key = $2")
            .bind(at)
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        sqlx::query("delete from sessions where member = $1")
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        enqueue(&mut tx, jobs, Some(member.0)).await?;
        let position = log(&mut tx, ChangeKind::MemberChanged, member.0, at).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn erase_member(&self, member: MemberKey) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        // Profiles, sessions, tokens, devices and queued jobs go with the row.
        let done = sqlx::query("delete from members where key = $1")
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let position = log(&mut tx, ChangeKind::MemberErased, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn purge_deleted(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let keys: Vec<i64> = sqlx::query_scalar(
            "delete from members where deletion_requested_at is not null and deletion_requested_at < $1 returning key",
        )
        .bind(before)
        .fetch_all(&mut *tx)
        .await
        .map_err(normalise)?;
        for &key in &keys {
            log(&mut tx, ChangeKind::MemberErased, key, OffsetDateTime::now_utc()).await?;
        }
        tx.commit().await.map_err(normalise)?;
        Ok(keys.len() as u64)
    }
}
