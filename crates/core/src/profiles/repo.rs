use super::Profile;
use super::ProfileNews;
use crate::StoreError;
use crate::accounts::DisplayName;
use crate::changelog::LogPosition;
use crate::ids::MemberKey;
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
pub trait ProfileRepo: Send + Sync {
    /// The member's profile (every account has one, created with it), with the version
    /// of their photo if they have one.
    async fn profile(&self, member: MemberKey) -> Result<Option<Profile>, StoreError>;

    /// Replaces the member's name and profile in one transaction (the photo is not part
    /// of this: it changes only by upload), with the ticker's news of it if any.
    async fn update_profile(
        &self,
        member: MemberKey,
        name: &DisplayName,
        profile: &Profile,
        news: Option<ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;

    /// Replaces the member's photo with these renditions;
    /// `version` names the photo in its URLs; with the ticker's news of it.
    async fn set_photo(
        &self,
        member: MemberKey,
        version: &str,
        renditions: &[super::photo::Rendition],
        news: Option<ProfileNews>,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;

    /// Removes the member's photo.
    async fn delete_photo(&self, member: MemberKey, now: OffsetDateTime) -> Result<LogPosition, StoreError>;

    /// The JPEG of the member's photo in `size`, if the photo's version is `version`.
    async fn photo(&self, member: MemberKey, version: &str, size: u32) -> Result<Option<Vec<u8>>, StoreError>;
}
