use crate::StoreError;
use crate::accounts::{Account, AccountState, Role};
use crate::changelog::LogPosition;
use crate::ids::MemberKey;
use crate::jobs::NewJob;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Managing members, and erasing them.
#[async_trait]
pub trait AdminRepo: Send + Sync {
    /// Members in the given state (any if `None`), newest first, after the key `before`
    /// (keyset paging), at most `limit`.
    async fn list_members(
        &self,
        state: Option<AccountState>,
        before: Option<MemberKey>,
        limit: u32,
    ) -> Result<Vec<Account>, StoreError>;

    /// Sets a member's state; a member who is no longer active loses every session.
    async fn set_state(
        &self,
        member: MemberKey,
        state: AccountState,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError>;

    /// Sets a member's role. Taking the admin role from the last active admin fails with
    /// `Conflict("last_admin")`, checked in the same transaction.
    async fn set_role(&self, member: MemberKey, role: Role) -> Result<LogPosition, StoreError>;

    /// Erases a member and everything of theirs; the log keeps only an entry saying that
    /// the key was erased.
    async fn erase_member(&self, member: MemberKey) -> Result<LogPosition, StoreError>;

    /// Erases every member whose deletion was requested before `before`; returns how many.
    async fn purge_deleted(&self, before: OffsetDateTime) -> Result<u64, StoreError>;
}
