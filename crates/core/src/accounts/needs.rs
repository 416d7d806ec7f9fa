//! What accounts need from the node.

use super::{Account, AccountRepo, Session, SessionRepo};
use crate::basis::Basis;
use crate::error::Result;
use crate::jobs::JobRepo;
use crate::secrets::{PasswordHashing, TokenHash};
use crate::site::SiteSettings;
use async_trait::async_trait;

/// The part of the store accounts read and write: accounts and sessions, and jobs for
/// the mails they send.
pub trait AccountsStore: AccountRepo + SessionRepo + JobRepo {}

impl<T: AccountRepo + SessionRepo + JobRepo + ?Sized> AccountsStore for T {}

#[async_trait]
pub(crate) trait AccountsNeeds: Basis {
    fn store(&self) -> &dyn AccountsStore;

    /// The operator's settings (sign-up mode, second-factor rule, language, terms).
    async fn site_settings(&self) -> Result<SiteSettings>;

    fn passwords(&self) -> &PasswordHashing;

    /// The session with this token and its account, if it has not expired (from memory
    /// where the node has it).
    async fn session(&self, token: &TokenHash) -> Result<Option<(Session, Account)>>;
}
