//! Sessions, devices, access tokens and the second factor.

use crate::accounts::account;
use crate::sql::q;
use crate::{SqlStore, log, log_member};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::accounts::*;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::{MemberId, MemberKey};
use kontor_core::secrets::TokenHash;
use time::OffsetDateTime;

/// Every session of member $1 but $2 (none kept if null).
const OTHER_SESSIONS: &str = "delete from sessions where member = $1 and ($2::uuid is null or id <> $2)";

#[async_trait]
impl SessionRepo for SqlStore {
    async fn create_session(&self, s: &NewSession, device: Option<&TokenHash>) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into sessions (id, token_hash, member, created_at, last_seen_at, authenticated_at, expires_at, \
             user_agent) values ($1, $2, $3, $4, $4, $4, $5, $6)")
        .bind(s.id)
        .bind(&s.token.0)
        .bind(s.member.0)
        .bind(s.created_at)
        .bind(s.expires_at)
        .bind(&s.user_agent)
        .execute(&mut tx)
        .await?;
        if let Some(device) = device {
            q("insert into devices (member, hash, created_at) values ($1, $2, $3) \
                 on conflict (member, hash) do nothing")
            .bind(s.member.0)
            .bind(&device.0)
            .bind(s.created_at)
            .execute(&mut tx)
            .await?;
        }
        let reopened = q("update members set deletion_requested_at = null \
             where key = $1 and deletion_requested_at is not null")
        .bind(s.member.0)
        .execute(&mut tx)
        .await?;
        let position =
            if reopened > 0 { log_member(&mut tx, s.member.0, s.created_at).await? } else { LogPosition::START };
        tx.commit().await?;
        Ok(position)
    }

    async fn session_by_token(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<(Session, Account)>, StoreError> {
        let row = q(
            "select s.id as session_id, s.created_at as s_created, s.last_seen_at, s.authenticated_at, s.expires_at, \
             s.user_agent, m.key, m.id, m.email, m.name, m.state, m.role, m.lang, m.created_at, \
             m.deletion_requested_at, m.password_hash, m.totp_secret \
             from sessions s join members m on m.key = s.member \
             where s.token_hash = $1 and s.expires_at > $2",
        )
        .bind(&token.0)
        .bind(now)
        .fetch_optional(self.db.read())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let account = account(&row)?;
        let last_seen: OffsetDateTime = row.get("last_seen_at")?;
        let session = Session {
            id: row.get("session_id")?,
            member: account.id,
            created_at: row.get("s_created")?,
            last_seen_at: last_seen,
            authenticated_at: row.get("authenticated_at")?,
            expires_at: row.get("expires_at")?,
            user_agent: row.get("user_agent")?,
        };
        if now - last_seen > time::Duration::minutes(1) {
            q("update sessions set last_seen_at = $1 where id = $2")
                .bind(now)
                .bind(session.id)
                .execute(self.db.write())
                .await?;
        }
        Ok(Some((session, account)))
    }

    async fn sessions_of(&self, member: MemberKey, now: OffsetDateTime) -> Result<Vec<Session>, StoreError> {
        let rows = q("select s.id, s.created_at, s.last_seen_at, s.authenticated_at, s.expires_at, s.user_agent, \
             m.id as member_id \
             from sessions s join members m on m.key = s.member \
             where s.member = $1 and s.expires_at > $2 order by s.last_seen_at desc")
        .bind(member.0)
        .bind(now)
        .fetch_all(self.db.read())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Session {
                    id: row.get("id")?,
                    member: MemberId::from_uuid(row.get("member_id")?),
                    created_at: row.get("created_at")?,
                    last_seen_at: row.get("last_seen_at")?,
                    authenticated_at: row.get("authenticated_at")?,
                    expires_at: row.get("expires_at")?,
                    user_agent: row.get("user_agent")?,
                })
            })
            .collect()
    }

    async fn delete_session(&self, member: MemberKey, id: uuid::Uuid) -> Result<bool, StoreError> {
        let mut tx = self.db.begin().await?;
        let done =
            q("delete from sessions where id = $1 and member = $2").bind(id).bind(member.0).execute(&mut tx).await?;
        if done == 0 {
            return Ok(false);
        }
        log(&mut tx, ChangeKind::SessionsChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn delete_sessions_of(&self, member: MemberKey, keep: Option<uuid::Uuid>) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q(OTHER_SESSIONS).bind(member.0).bind(keep).execute(&mut tx).await?;
        log(&mut tx, ChangeKind::SessionsChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await
    }

    async fn end_sign_ins(
        &self,
        member: Option<MemberKey>,
        keep: Option<uuid::Uuid>,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        let of = member.map(|m| m.0);
        q("delete from sessions where ($1::bigint is null or member = $1) and ($2::uuid is null or id <> $2)")
            .bind(of)
            .bind(keep)
            .execute(&mut tx)
            .await?;
        q("delete from access_tokens where $1::bigint is null or member = $1").bind(of).execute(&mut tx).await?;
        let (kind, subject) = match member {
            Some(m) => (ChangeKind::SessionsChanged, m.0),
            None => (ChangeKind::EverySessionEnded, 0),
        };
        let position = log(&mut tx, kind, subject, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn is_known_device(&self, member: MemberKey, device: &TokenHash) -> Result<bool, StoreError> {
        q("select exists (select 1 from devices where member = $1 and hash = $2)")
            .bind(member.0)
            .bind(&device.0)
            .scalar(self.db.read())
            .await
    }

    async fn set_two_factor(
        &self,
        member: MemberKey,
        secret: Option<(&str, i64)>,
        recovery_codes: &[TokenHash],
        keep: Option<uuid::Uuid>,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        if secret.is_some() {
            q(OTHER_SESSIONS).bind(member.0).bind(keep).execute(&mut tx).await?;
            q("delete from access_tokens where member = $1").bind(member.0).execute(&mut tx).await?;
        }
        q("update members set totp_secret = $1, totp_last_step = $2 where key = $3")
            .bind(secret.map(|(s, _)| s))
            .bind(secret.map(|(_, step)| step))
            .bind(member.0)
            .execute(&mut tx)
            .await?;
        q("delete from recovery_codes where member = $1").bind(member.0).execute(&mut tx).await?;
        for code in recovery_codes {
            q("insert into recovery_codes (member, hash) values ($1, $2)")
                .bind(member.0)
                .bind(&code.0)
                .execute(&mut tx)
                .await?;
        }
        log(&mut tx, ChangeKind::SessionsChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await
    }

    async fn reauthenticated(
        &self,
        member: MemberKey,
        id: uuid::Uuid,
        token: &TokenHash,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q("update sessions set authenticated_at = $1, token_hash = $4 where id = $2 and member = $3")
            .bind(at)
            .bind(id)
            .bind(member.0)
            .bind(&token.0)
            .execute(&mut tx)
            .await?;
        log(&mut tx, ChangeKind::SessionsChanged, member.0, at).await?;
        tx.commit().await
    }

    async fn use_totp_step(&self, member: MemberKey, step: i64) -> Result<bool, StoreError> {
        let done = q("update members set totp_last_step = $1 \
             where key = $2 and totp_secret is not null and (totp_last_step is null or totp_last_step < $1)")
        .bind(step)
        .bind(member.0)
        .execute(self.db.write())
        .await?;
        Ok(done == 1)
    }

    async fn use_recovery_code(&self, member: MemberKey, code: &TokenHash) -> Result<bool, StoreError> {
        let done = q("delete from recovery_codes where member = $1 and hash = $2")
            .bind(member.0)
            .bind(&code.0)
            .execute(self.db.write())
            .await?;
        Ok(done == 1)
    }

    async fn create_access_token(
        &self,
        member: MemberKey,
        token: &AccessToken,
        hash: &TokenHash,
    ) -> Result<(), StoreError> {
        q("insert into access_tokens (id, member, name, hash, created_at, scopes) values ($1, $2, $3, $4, $5, $6)")
            .bind(token.id)
            .bind(member.0)
            .bind(&token.name)
            .bind(&hash.0)
            .bind(token.created_at)
            .bind(Scope::list_to_text(&token.scopes))
            .execute(self.db.write())
            .await?;
        Ok(())
    }

    async fn access_tokens(&self, member: MemberKey) -> Result<Vec<AccessToken>, StoreError> {
        let rows = q("select id, name, scopes, created_at, last_used_at from access_tokens where member = $1 \
             order by created_at desc")
        .bind(member.0)
        .fetch_all(self.db.read())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AccessToken {
                    id: row.get("id")?,
                    name: row.get("name")?,
                    scopes: Scope::list_from_text(&row.get::<String>("scopes")?),
                    created_at: row.get("created_at")?,
                    last_used_at: row.get::<Option<OffsetDateTime>>("last_used_at")?,
                })
            })
            .collect()
    }

    async fn delete_access_token(&self, member: MemberKey, id: uuid::Uuid) -> Result<(), StoreError> {
        q("delete from access_tokens where id = $1 and member = $2")
            .bind(id)
            .bind(member.0)
            .execute(self.db.write())
            .await?;
        Ok(())
    }

    async fn account_by_access_token(
        &self,
        hash: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<(Account, Vec<Scope>)>, StoreError> {
        let row = q(
            "select t.id as token_id, t.last_used_at, t.scopes, m.key, m.id, m.email, m.name, m.state, m.role, m.lang, \
             m.created_at, m.deletion_requested_at, m.password_hash, m.totp_secret \
             from access_tokens t join members m on m.key = t.member where t.hash = $1",
        )
        .bind(&hash.0)
        .fetch_optional(self.db.read())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let last: Option<OffsetDateTime> = row.get("last_used_at")?;
        if last.is_none_or(|t| t < now - time::Duration::minutes(1)) {
            let id: uuid::Uuid = row.get("token_id")?;
            q("update access_tokens set last_used_at = $1 where id = $2")
                .bind(now)
                .bind(id)
                .execute(self.db.write())
                .await?;
        }
        let scopes = Scope::list_from_text(&row.get::<String>("scopes")?);
        Ok(Some((account(&row)?, scopes)))
    }
}
