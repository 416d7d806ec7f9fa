use crate::sql::{other, q};
use crate::{SqlStore, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::accounts::DisplayName;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::{Profile, ProfileRepo};
use kontor_core::ticker::ProfileNews;
use std::collections::HashMap;
use time::OffsetDateTime;

#[async_trait]
impl ProfileRepo for SqlStore {
    async fn profile(&self, member: MemberKey) -> Result<Option<Profile>, StoreError> {
        let data: Option<serde_json::Value> =
            q("select data from profiles where member = $1").bind(member.0).scalar_optional(self.db.read()).await?;
        let Some(d) = data else { return Ok(None) };
        let mut profile: Profile = serde_json::from_value(d).map_err(other)?;
        profile.photo = self.photo_version(member).await?;
        Ok(Some(profile))
    }

    async fn update_profile(
        &self,
        member: MemberKey,
        name: &DisplayName,
        profile: &Profile,
        news: Option<ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let data = serde_json::to_value(profile).map_err(other)?;
        let mut tx = self.db.begin().await?;
        q("update members set name = $1 where key = $2").bind(name.as_str()).bind(member.0).execute(&mut tx).await?;
        let updated = q("update profiles set data = $1, updated_at = $2 where member = $3")
            .bind(data)
            .bind(now)
            .bind(member.0)
            .execute(&mut tx)
            .await?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        crate::entities::link_entities(&mut tx, member.0, profile, now).await?;
        crate::ticker::profile_news(&mut tx, member.0, news, now).await?;
        let position = log(&mut tx, ChangeKind::ProfileChanged, member.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn set_photo(
        &self,
        member: MemberKey,
        version: &str,
        renditions: &[kontor_core::profiles::photo::Rendition],
        news: Option<ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        self.replace_photo(member, Some((version, renditions)), news, now).await
    }

    async fn delete_photo(&self, member: MemberKey, now: OffsetDateTime) -> Result<LogPosition, StoreError> {
        self.replace_photo(member, None, None, now).await
    }

    async fn photo(&self, member: MemberKey, version: &str, size: u32) -> Result<Option<Vec<u8>>, StoreError> {
        self.photo_bytes(member, version, size).await
    }
}

impl SqlStore {
    /// The profiles, with their photo's version, of the members with these keys.
    pub(crate) async fn profiles_in(&self, keys: &[i64]) -> Result<HashMap<MemberKey, Profile>, StoreError> {
        let rows: Vec<(i64, serde_json::Value, Option<String>)> =
            q("select p.member, p.data, (select version from photos f where f.member = p.member limit 1) \
             from profiles p where p.member = any($1)")
            .bind(keys)
            .fetch_all_as(self.db.read())
            .await?;
        rows.into_iter()
            .map(|(member, data, photo)| {
                let mut profile: Profile = serde_json::from_value(data).map_err(other)?;
                profile.photo = photo;
                Ok((MemberKey(member), profile))
            })
            .collect()
    }
}
