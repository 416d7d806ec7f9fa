use crate::sql::{Row, Tx, other, q};
use crate::{SqlStore, enqueue, log, log_member};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::accounts::*;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::i18n::Lang;
use kontor_core::ids::{MemberId, MemberKey};
use kontor_core::jobs::NewJob;
use kontor_core::profiles::Profile;
use kontor_core::secrets::TokenHash;
use time::OffsetDateTime;

/// The account columns, then `$rest` (a where clause).
macro_rules! account_sql {
    ($rest:literal) => {
        concat!(
            "select key, id, email, name, state, role, lang, created_at, ",
            "deletion_requested_at, password_hash, totp_secret from members ",
            $rest
        )
    };
}

impl SqlStore {
    /// The accounts of the members with these keys.
    pub(crate) async fn accounts_in(&self, keys: &[i64]) -> Result<Vec<Account>, StoreError> {
        let rows = q(account_sql!("where key = any($1)")).bind(keys).fetch_all(self.db.read()).await?;
        rows.iter().map(account).collect()
    }
}

pub(crate) fn account(row: &Row) -> Result<Account, StoreError> {
    let text = |c: &str| row.get::<String>(c);
    Ok(Account {
        key: MemberKey(row.get("key")?),
        id: MemberId::from_uuid(row.get("id")?),
        email: Email::from_store(text("email")?),
        name: DisplayName::from_store(text("name")?),
        state: AccountState::parse(&text("state")?).ok_or_else(|| other("unknown account state"))?,
        role: Role::parse(&text("role")?).ok_or_else(|| other("unknown role"))?,
        lang: Lang::parse(&text("lang")?).unwrap_or_default(),
        created_at: row.get("created_at")?,
        deletion_requested_at: row.get("deletion_requested_at")?,
        two_factor: row.get::<Option<String>>("totp_secret")?.is_some(),
    })
}

fn credentials(row: &Row) -> Result<Credentials, StoreError> {
    Ok(Credentials {
        account: account(row)?,
        password_hash: row.get("password_hash")?,
        totp_secret: row.get("totp_secret")?,
    })
}

async fn store_token(tx: &mut Tx, member: i64, token: &NewToken<'_>) -> Result<(), StoreError> {
    if token.purpose.replaces_earlier() {
        q("delete from tokens where member = $1 and purpose = $2")
            .bind(member)
            .bind(token.purpose.as_str())
            .execute(&mut *tx)
            .await?;
    }
    q("insert into tokens (hash, member, purpose, value, expires_at, binding) values ($1, $2, $3, $4, $5, $6)")
        .bind(&token.hash.0)
        .bind(member)
        .bind(token.purpose.as_str())
        .bind(token.value)
        .bind(token.expires_at)
        .bind(token.binding.map(|b| b.0.as_str()))
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Takes a token out of the table if it is unexpired; returns its member and value.
async fn use_token(
    tx: &mut Tx,
    hash: &TokenHash,
    purpose: TokenPurpose,
    now: OffsetDateTime,
) -> Result<Option<(i64, Option<String>)>, StoreError> {
    let row = q("delete from tokens where hash = $1 and purpose = $2 returning member, value, expires_at")
        .bind(&hash.0)
        .bind(purpose.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let expires: OffsetDateTime = row.get("expires_at")?;
    if expires <= now {
        return Ok(None);
    }
    Ok(Some((row.get("member")?, row.get("value")?)))
}

async fn account_in(tx: &mut Tx, key: i64) -> Result<Account, StoreError> {
    let row = q(account_sql!("where key = $1")).bind(key).fetch_one(&mut *tx).await?;
    account(&row)
}

#[async_trait]
impl AccountRepo for SqlStore {
    async fn request_deletion(
        &self,
        member: MemberKey,
        at: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("update members set deletion_requested_at = $1 where key = $2")
            .bind(at)
            .bind(member.0)
            .execute(&mut tx)
            .await?;
        q("delete from sessions where member = $1").bind(member.0).execute(&mut tx).await?;
        enqueue(&mut tx, jobs, Some(member.0)).await?;
        let position = log_member(&mut tx, member.0, at).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn create_account(
        &self,
        new: &NewAccount,
        token: Option<NewToken<'_>>,
        jobs: &[NewJob],
    ) -> Result<(Account, LogPosition), StoreError> {
        let mut tx = self.db.begin().await?;
        let key: i64 = q(
            "insert into members (id, email, name, password_hash, state, role, lang, created_at, terms_accepted_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning key",
        )
        .bind(new.id.as_uuid())
        .bind(new.email.as_str())
        .bind(new.name.as_str())
        .bind(&new.password_hash)
        .bind(new.state.as_str())
        .bind(new.role.as_str())
        .bind(new.lang.code())
        .bind(new.created_at)
        .bind(new.terms_accepted_at)
        .scalar(&mut tx)
        .await?;
        let empty = serde_json::to_value(Profile::default()).map_err(other)?;
        q("insert into profiles (member, data, updated_at) values ($1, $2, $3)")
            .bind(key)
            .bind(empty)
            .bind(new.created_at)
            .execute(&mut tx)
            .await?;
        if let Some(token) = token {
            store_token(&mut tx, key, &token).await?;
        }
        enqueue(&mut tx, jobs, Some(key)).await?;
        let position = log_member(&mut tx, key, new.created_at).await?;
        let account = account_in(&mut tx, key).await?;
        tx.commit().await?;
        Ok((account, position))
    }

    async fn account_by_id(&self, id: MemberId) -> Result<Option<Account>, StoreError> {
        let row = q(account_sql!("where id = $1")).bind(id.as_uuid()).fetch_optional(self.db.read()).await?;
        row.as_ref().map(account).transpose()
    }

    async fn account_by_key(&self, key: MemberKey) -> Result<Option<Account>, StoreError> {
        let row = q(account_sql!("where key = $1")).bind(key.0).fetch_optional(self.db.read()).await?;
        row.as_ref().map(account).transpose()
    }

    async fn credentials_by_email(&self, email: &Email) -> Result<Option<Credentials>, StoreError> {
        let row = q(account_sql!("where email = $1")).bind(email.as_str()).fetch_optional(self.db.read()).await?;
        row.as_ref().map(credentials).transpose()
    }

    async fn credentials_by_key(&self, key: MemberKey) -> Result<Option<Credentials>, StoreError> {
        let row = q(account_sql!("where key = $1")).bind(key.0).fetch_optional(self.db.read()).await?;
        row.as_ref().map(credentials).transpose()
    }

    async fn create_token(&self, member: MemberKey, token: NewToken<'_>, jobs: &[NewJob]) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        store_token(&mut tx, member.0, &token).await?;
        enqueue(&mut tx, jobs, Some(member.0)).await?;
        tx.commit().await
    }

    async fn verify_email(
        &self,
        token: &TokenHash,
        password_hash: &str,
        next: AccountState,
        now: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<Option<(Account, LogPosition)>, StoreError> {
        let mut tx = self.db.begin().await?;
        let Some((key, _)) = use_token(&mut tx, token, TokenPurpose::VerifyEmail, now).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        q("delete from tokens where member = $1 and purpose = $2")
            .bind(key)
            .bind(TokenPurpose::VerifyEmail.as_str())
            .execute(&mut tx)
            .await?;
        q("update members set state = $1, password_hash = $2 where key = $3 and state = 'unverified'")
            .bind(next.as_str())
            .bind(password_hash)
            .bind(key)
            .execute(&mut tx)
            .await?;
        enqueue(&mut tx, jobs, Some(key)).await?;
        let position = log_member(&mut tx, key, now).await?;
        let account = account_in(&mut tx, key).await?;
        tx.commit().await?;
        Ok(Some((account, position)))
    }

    async fn reset_password(
        &self,
        token: &TokenHash,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Account>, StoreError> {
        let mut tx = self.db.begin().await?;
        let Some((key, _)) = use_token(&mut tx, token, TokenPurpose::ResetPassword, now).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        set_password(&mut tx, key, password_hash, None).await?;
        let account = account_in(&mut tx, key).await?;
        tx.commit().await?;
        Ok(Some(account))
    }

    async fn accept_invitation(
        &self,
        token: &TokenHash,
        password_hash: &str,
        terms_accepted_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<Option<(Account, LogPosition)>, StoreError> {
        let mut tx = self.db.begin().await?;
        let Some((key, _)) = use_token(&mut tx, token, TokenPurpose::Invitation, now).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        let done = q("update members set password_hash = $1, state = 'active', \
                 terms_accepted_at = coalesce($3, terms_accepted_at) where key = $2 and state = 'invited'")
        .bind(password_hash)
        .bind(key)
        .bind(terms_accepted_at)
        .execute(&mut tx)
        .await?;
        if done == 0 {
            tx.commit().await?;
            return Ok(None);
        }
        let position = log_member(&mut tx, key, now).await?;
        let account = account_in(&mut tx, key).await?;
        tx.commit().await?;
        Ok(Some((account, position)))
    }

    async fn change_password(
        &self,
        member: MemberKey,
        password_hash: &str,
        keep: Option<uuid::Uuid>,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        set_password(&mut tx, member.0, password_hash, keep).await?;
        tx.commit().await
    }

    async fn change_email(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<Option<(Account, LogPosition)>, StoreError> {
        let mut tx = self.db.begin().await?;
        let Some((key, Some(email))) = use_token(&mut tx, token, TokenPurpose::ChangeEmail, now).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        q("update members set email = $1 where key = $2").bind(&email).bind(key).execute(&mut tx).await?;
        enqueue(&mut tx, jobs, Some(key)).await?;
        let position = log_member(&mut tx, key, now).await?;
        let account = account_in(&mut tx, key).await?;
        tx.commit().await?;
        Ok(Some((account, position)))
    }

    async fn token(
        &self,
        token: &TokenHash,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<StoredToken>, StoreError> {
        let row = q("select member, value, binding from tokens where hash = $1 and purpose = $2 and expires_at > $3")
            .bind(&token.0)
            .bind(purpose.as_str())
            .bind(now)
            .fetch_optional(self.db.read())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let binding: Option<String> = row.get("binding")?;
        Ok(Some(StoredToken {
            member: MemberKey(row.get("member")?),
            value: row.get("value")?,
            binding: binding.map(TokenHash),
        }))
    }

    async fn delete_token(&self, token: &TokenHash) -> Result<(), StoreError> {
        q("delete from tokens where hash = $1").bind(&token.0).execute(self.db.write()).await?;
        Ok(())
    }

    async fn set_language(&self, member: MemberKey, lang: Lang) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("update members set lang = $1 where key = $2").bind(lang.code()).bind(member.0).execute(&mut tx).await?;
        let position = log_member(&mut tx, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn purge_unverified(&self, before: OffsetDateTime, now: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let keys: Vec<i64> =
            q("delete from members where state = 'unverified' and created_at < $1 and not exists \
             (select 1 from tokens t where t.member = members.key and t.purpose = 'verify_email' and t.expires_at > $2) \
             returning key",)
                .bind(before)
        .bind(now)
                .scalars(&mut tx)
                .await?;
        for &key in &keys {
            log(&mut tx, ChangeKind::MemberErased, key, now).await?;
        }
        tx.commit().await?;
        Ok(keys.len() as u64)
    }
}

/// A new password: every other session and every link token of the member ends.
async fn set_password(tx: &mut Tx, key: i64, hash: &str, keep: Option<uuid::Uuid>) -> Result<(), StoreError> {
    q("update members set password_hash = $1 where key = $2").bind(hash).bind(key).execute(&mut *tx).await?;
    q("delete from sessions where member = $1 and ($2::uuid is null or id <> $2)")
        .bind(key)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
    q("delete from tokens where member = $1").bind(key).execute(&mut *tx).await?;
    q("delete from access_tokens where member = $1").bind(key).execute(&mut *tx).await?;
    log(tx, ChangeKind::SessionsChanged, key, OffsetDateTime::now_utc()).await?;
    Ok(())
}

#[async_trait]
impl MemberStateRepo for SqlStore {
    async fn member_state(&self, member: MemberKey) -> Result<MemberState, StoreError> {
        use kontor_core::contacts::{ContactRepo, RequestRepo};
        use kontor_core::notifications::NotificationRepo;
        use kontor_core::ticker::TickerRepo;
        Ok(MemberState {
            pending_requests: self.count_received(member).await?,
            unread_notifications: self.unread_notifications(member).await?,
            blocks: self.blocks_of(member).await?,
            not_to_suggest: self.not_to_suggest(member).await?,
            mutes: self.mutes(member).await?,
        })
    }
}
