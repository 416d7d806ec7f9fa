//! What notifications need from the node.

use super::NotificationRepo;
use super::PostRef;
use crate::accounts::{AccountRepo, MemberStateNeeds};
use crate::basis::Basis;
use crate::error::Result;
use crate::ids::ActivityKey;
use crate::ids::MemberKey;
use crate::jobs::JobRepo;
use crate::legal::Legal;
use crate::mail::Mailer;
use crate::network::{Network, Viewer};
use crate::site::SiteNeeds;
use async_trait::async_trait;
use std::collections::HashMap;
use time::Date;

/// The part of the store notifications read and write: notifications and mail choices,
/// the jobs that mail them, and the accounts they are for.
pub trait NotificationsStore: NotificationRepo + JobRepo + AccountRepo {}

impl<T: NotificationRepo + JobRepo + AccountRepo + ?Sized> NotificationsStore for T {}

#[async_trait]
pub(crate) trait NotificationsNeeds: Basis + MemberStateNeeds + SiteNeeds {
    fn store(&self) -> &dyn NotificationsStore;

    /// Cards of the members a notification names, as its recipient may see them.
    fn network(&self) -> Network<'_>;

    /// The posts among `keys` the viewer may read, as notifications quote them.
    async fn readable_posts(&self, viewer: &mut Viewer, keys: &[ActivityKey]) -> Result<HashMap<ActivityKey, PostRef>>;

    /// The message of `sender`'s request to `recipient`, while it is open and has one.
    async fn open_request_note(&self, sender: MemberKey, recipient: MemberKey) -> Result<Option<String>>;

    /// The legal pages every mail links.
    fn legal(&self) -> Legal<'_>;

    fn mailer(&self) -> &Mailer;

    /// Members whose birthday is `day`, as the ticker knows them.
    fn born_on(&self, day: Date) -> Vec<MemberKey>;
}
