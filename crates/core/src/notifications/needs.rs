//! What notifications need from the node.

use super::NotificationRepo;
use crate::accounts::{AccountRepo, MemberState};
use crate::basis::Basis;
use crate::contacts::RequestRepo;
use crate::error::Result;
use crate::ids::MemberKey;
use crate::jobs::JobRepo;
use crate::legal::Legal;
use crate::mail::Mailer;
use crate::network::Network;
use crate::site::SiteSettings;
use crate::ticker::{Ticker, TickerRepo};
use async_trait::async_trait;
use std::sync::Arc;
use time::Date;

/// The part of the store notifications read and write: notifications and mail choices,
/// the jobs that mail them, and the accounts, posts and requests they are about.
pub trait NotificationsStore: NotificationRepo + JobRepo + AccountRepo + TickerRepo + RequestRepo {}

impl<T: NotificationRepo + JobRepo + AccountRepo + TickerRepo + RequestRepo + ?Sized> NotificationsStore for T {}

#[async_trait]
pub(crate) trait NotificationsNeeds: Basis {
    fn store(&self) -> &dyn NotificationsStore;

    /// A member's own counts and lists.
    async fn member_state(&self, member: MemberKey) -> Result<Arc<MemberState>>;

    /// The operator's settings (the site's name in mails).
    async fn site_settings(&self) -> Result<SiteSettings>;

    /// Cards of the members a notification names, as its recipient may see them.
    fn network(&self) -> Network<'_>;

    /// Whether the recipient may see the post a notification is about.
    fn ticker(&self) -> Ticker<'_>;

    /// The legal pages every mail links.
    fn legal(&self) -> Legal<'_>;

    fn mailer(&self) -> &Mailer;

    /// Members whose birthday is `day`, as the ticker knows them.
    fn born_on(&self, day: Date) -> Vec<MemberKey>;
}
