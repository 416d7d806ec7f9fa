use crate::accounts::account;
use crate::sql::q;
use crate::{SqlStore, enqueue, log, log_member};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::accounts::{Account, AccountState, Role};
use kontor_core::admin::AdminRepo;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::jobs::NewJob;
use time::OffsetDateTime;

#[async_trait]
impl AdminRepo for SqlStore {
    async fn list_members(
        &self,
        state: Option<AccountState>,
        before: Option<MemberKey>,
        limit: u32,
    ) -> Result<Vec<Account>, StoreError> {
        let rows = q(
            "select key, id, email, name, state, role, lang, created_at, deletion_requested_at, password_hash, totp_secret \
             from members where ($1::text is null or state = $1) and ($2::bigint is null or key < $2) \
             order by key desc limit $3",
        )
        .bind(state.map(AccountState::as_str))
        .bind(before.map(|k| k.0))
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(account).collect()
    }

    async fn set_state(
        &self,
        member: MemberKey,
        state: AccountState,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        let done = q("update members set state = $1 where key = $2")
            .bind(state.as_str())
            .bind(member.0)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        if state != AccountState::Active {
            q("delete from sessions where member = $1").bind(member.0).execute(&mut tx).await?;
        }
        enqueue(&mut tx, jobs, Some(member.0)).await?;
        let position = log_member(&mut tx, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn set_role(&self, member: MemberKey, role: Role) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        if role != Role::Admin {
            // Locking every admin row, in key order: two admins demoting each other at once
            // are serialised, and the second sees that the first is gone.
            let admins: Vec<i64> =
                q("select key from members where role = 'admin' and state = 'active' order by key for update")
                    .scalars(&mut tx)
                    .await?;
            if admins == [member.0] {
                return Err(StoreError::Conflict("last_admin".into()));
            }
        }
        q("update members set role = $1 where key = $2").bind(role.as_str()).bind(member.0).execute(&mut tx).await?;
        let position = log_member(&mut tx, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn erase_member(&self, member: MemberKey) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        // Profiles, sessions, tokens, devices and queued jobs go with the row.
        let done = q("delete from members where key = $1").bind(member.0).execute(&mut tx).await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let position = log(&mut tx, ChangeKind::MemberErased, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn purge_deleted(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let keys: Vec<i64> = q(
            "delete from members where deletion_requested_at is not null and deletion_requested_at < $1 returning key",
        )
        .bind(before)
        .scalars(&mut tx)
        .await?;
        for &key in &keys {
            log(&mut tx, ChangeKind::MemberErased, key, OffsetDateTime::now_utc()).await?;
        }
        tx.commit().await?;
        Ok(keys.len() as u64)
    }
}
