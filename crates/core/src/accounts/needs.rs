//! What accounts need from the node.

use super::{Account, AccountRepo, Session, SessionRepo};
use crate::basis::Basis;
use crate::error::Result;
use crate::jobs::JobRepo;
use crate::secrets::{PasswordHashing, TokenHash};
use crate::site::SiteNeeds;
use async_trait::async_trait;

/// The part of the store accounts read and write: accounts and sessions, and jobs for
/// the mails they send.
pub trait AccountsStore: AccountRepo + SessionRepo + JobRepo {}

impl<T: AccountRepo + SessionRepo + JobRepo + ?Sized> AccountsStore for T {}

#[async_trait]
pub(crate) trait AccountsNeeds: Basis + SiteNeeds {
    fn store(&self) -> &dyn AccountsStore;

    fn passwords(&self) -> &PasswordHashing;

    /// The session with this token and its account, if it has not expired (from memory
    /// where the node has it).
    async fn session(&self, token: &TokenHash) -> Result<Option<(Session, Account)>>;
}

/// A member's own counts and lists (blocks, requests, mutes, unread notifications), from
/// memory: several domains read it, the node answers it once.
#[async_trait]
pub(crate) trait MemberStateNeeds: Send + Sync {
    async fn member_state(&self, member: crate::ids::MemberKey) -> Result<std::sync::Arc<super::MemberState>>;
}
