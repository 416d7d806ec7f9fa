use crate::{SqliteStore, log, micros, normalise, other};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::ChangeKind;
use kontor_core::imports::{ImportRepo, ImportedMember};
use time::OffsetDateTime;

#[async_trait]
impl ImportRepo for SqliteStore {
    async fn import_members(&self, members: &[ImportedMember]) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let mut added = 0;
        for ImportedMember { account: a, profile } in members {
            let key: Option<i64> = sqlx::query_scalar(
                "insert into members (id, email, name, password_hash, state, role, lang, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (email) do nothing returning key",
            )
            .bind(a.id.as_uuid())
            .bind(a.email.as_str())
            .bind(a.name.as_str())
            .bind(&a.password_hash)
            .bind(a.state.as_str())
            .bind(a.role.as_str())
            .bind(a.lang.code())
            .bind(micros(a.created_at))
            .fetch_optional(&mut *tx)
            .await
            .map_err(normalise)?;
            let Some(key) = key else { continue };
            sqlx::query("insert into profiles (member, data, updated_at) values ($1, $2, $3)")
                .bind(key)
                .bind(serde_json::to_string(profile).map_err(other)?)
                .bind(micros(a.created_at))
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
            crate::entities::link_entities(&mut tx, key, profile, a.created_at).await?;
            log(&mut tx, ChangeKind::MemberChanged, key, a.created_at).await?;
            added += 1;
        }
        tx.commit().await.map_err(normalise)?;
        Ok(added)
    }

    async fn activate_invited(&self, password_hash: &str) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let keys: Vec<i64> = sqlx::query_scalar(
            "update members set password_hash = $1, state = 'active' \
             where state = 'invited' and password_hash is null returning key",
        )
        .bind(password_hash)
        .fetch_all(&mut *tx)
        .await
        .map_err(normalise)?;
        let now = OffsetDateTime::now_utc();
        for &key in &keys {
            log(&mut tx, ChangeKind::MemberChanged, key, now).await?;
        }
        tx.commit().await.map_err(normalise)?;
        Ok(keys.len() as u64)
    }
}
