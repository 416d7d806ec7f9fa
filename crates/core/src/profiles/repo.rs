use super::Profile;
use crate::StoreError;
use crate::accounts::DisplayName;
use crate::changelog::LogPosition;
use crate::ids::MemberKey;
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
pub trait ProfileRepo: Send + Sync {
    /// The member's profile (every account has one, created with it).
    async fn profile(&self, member: MemberKey) -> Result<Option<Profile>, StoreError>;

    /// Replaces the member's name and profile in one transaction.
    async fn update_profile(
        &self,
        member: MemberKey,
        name: &DisplayName,
        profile: &Profile,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;
}
