//! Profile photos (part of the profile repository).

use crate::{PgStore, log, normalise};
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::photo::Rendition;
use time::OffsetDateTime;

impl PgStore {
    pub(crate) async fn photo_version(&self, member: MemberKey) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("select version from photos where member = $1 limit 1")
            .bind(member.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(normalise)
    }

    pub(crate) async fn replace_photo(
        &self,
        member: MemberKey,
        photo: Option<(&str, &[Rendition])>,
        news: Option<kontor_core::ticker::ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("delete from photos where member = $1")
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        if let Some((version, renditions)) = photo {
            for Rendition { size, jpeg } in renditions {
                sqlx::query("insert into photos (member, version, size, bytes) values ($1, $2, $3, $4)")
                    .bind(member.0)
                    .bind(version)
                    .bind(i64::from(*size))
                    .bind(jpeg.as_slice())
                    .execute(&mut *tx)
                    .await
                    .map_err(normalise)?;
            }
        }
        crate::ticker::profile_news(&mut tx, member.0, news, now).await?;
        let position = log(&mut tx, ChangeKind::ProfileChanged, member.0, now).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    pub(crate) async fn photo_bytes(
        &self,
        member: MemberKey,
        version: &str,
        size: u32,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        sqlx::query_scalar("select bytes from photos where member = $1 and version = $2 and size = $3")
            .bind(member.0)
            .bind(version)
            .bind(i64::from(size))
            .fetch_optional(&self.pool)
            .await
            .map_err(normalise)
    }
}
