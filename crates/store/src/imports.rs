use crate::sql::{other, q};
use crate::{SqlStore, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::ChangeKind;
use kontor_core::imports::{ImportRepo, ImportedMember};
use time::OffsetDateTime;

#[async_trait]
impl ImportRepo for SqlStore {
    async fn import_members(&self, members: &[ImportedMember]) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let mut added = 0;
        for ImportedMember { account: a, profile } in members {
            let key: Option<i64> =
                q("insert into members (id, email, name, password_hash, state, role, lang, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (email) do nothing returning key")
                .bind(a.id.as_uuid())
                .bind(a.email.as_str())
                .bind(a.name.as_str())
                .bind(&a.password_hash)
                .bind(a.state.as_str())
                .bind(a.role.as_str())
                .bind(a.lang.code())
                .bind(a.created_at)
                .scalar_optional(&mut tx)
                .await?;
            let Some(key) = key else { continue };
            q("insert into profiles (member, data, updated_at) values ($1, $2, $3)")
                .bind(key)
                .bind(serde_json::to_value(profile).map_err(other)?)
                .bind(a.created_at)
                .execute(&mut tx)
                .await?;
            crate::entities::link_entities(&mut tx, key, profile, a.created_at).await?;
            log(&mut tx, ChangeKind::MemberChanged, key, a.created_at).await?;
            added += 1;
        }
        tx.commit().await?;
        Ok(added)
    }

    async fn activate_invited(&self, password_hash: &str) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let keys: Vec<i64> = q("update members set password_hash = $1, state = 'active' \
             where state = 'invited' and password_hash is null returning key")
        .bind(password_hash)
        .scalars(&mut tx)
        .await?;
        let now = OffsetDateTime::now_utc();
        for &key in &keys {
            log(&mut tx, ChangeKind::MemberChanged, key, now).await?;
        }
        tx.commit().await?;
        Ok(keys.len() as u64)
    }
}
