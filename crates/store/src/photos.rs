//! Profile photos (part of the profile repository).

use crate::sql::q;
use crate::{SqlStore, log};
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::photo::Rendition;
use time::OffsetDateTime;

impl SqlStore {
    pub(crate) async fn photo_version(&self, member: MemberKey) -> Result<Option<String>, StoreError> {
        q("select version from photos where member = $1 limit 1").bind(member.0).scalar_optional(self.db.read()).await
    }

    pub(crate) async fn replace_photo(
        &self,
        member: MemberKey,
        photo: Option<(&str, &[Rendition])>,
        news: Option<kontor_core::ticker::ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("delete from photos where member = $1").bind(member.0).execute(&mut tx).await?;
        if let Some((version, renditions)) = photo {
            for Rendition { size, jpeg } in renditions {
                q("insert into photos (member, version, size, bytes) values ($1, $2, $3, $4)")
                    .bind(member.0)
                    .bind(version)
                    .bind(i64::from(*size))
                    .bind(jpeg.as_slice())
                    .execute(&mut tx)
                    .await?;
            }
        }
        crate::ticker::profile_news(&mut tx, member.0, news, now).await?;
        let position = log(&mut tx, ChangeKind::ProfileChanged, member.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    pub(crate) async fn photo_bytes(
        &self,
        member: MemberKey,
        version: &str,
        size: u32,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        q("select bytes from photos where member = $1 and version = $2 and size = $3")
            .bind(member.0)
            .bind(version)
            .bind(i64::from(size))
            .scalar_optional(self.db.read())
            .await
    }
}
