//! What site administration needs from the node.

use super::{AdminRepo, SiteRepo};
use crate::accounts::{AccountRepo, Accounts, SessionRepo};
use crate::basis::Basis;
use crate::jobs::JobRepo;

/// The part of the store administration reads and writes: the settings, the members and
/// their sessions, and the jobs that failed.
pub trait AdminStore: AdminRepo + SiteRepo + AccountRepo + SessionRepo + JobRepo {}

impl<T: AdminRepo + SiteRepo + AccountRepo + SessionRepo + JobRepo + ?Sized> AdminStore for T {}

pub(crate) trait AdminNeeds: Basis {
    fn store(&self) -> &dyn AdminStore;

    /// Inviting a member is the accounts' business.
    fn accounts(&self) -> Accounts<'_>;
}
