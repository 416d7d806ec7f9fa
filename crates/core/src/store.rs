//! The store: every repository trait in one, implemented once per database.

use crate::accounts::{AccountRepo, AccountsStore, MemberStateRepo, SessionRepo};
use crate::admin::{AdminRepo, AdminStore};
use crate::changelog::ChangeLogRepo;
use crate::contacts::{ContactRepo, ContactsStore, RequestRepo};
use crate::directory::DirectoryRepo;
use crate::entities::EntityRepo;
use crate::imports::{ImportRepo, ImportsStore};
use crate::jobs::JobRepo;
use crate::legal::LegalRepo;
use crate::network::{NetworkRepo, NetworkStore};
use crate::notifications::{NotificationRepo, NotificationsStore};
use crate::profiles::{ProfileRepo, ProfilesStore};
use crate::ratelimit::RateLimitRepo;
use crate::search::{SearchRepo, SearchStore};
use crate::site::SiteRepo;
use crate::ticker::{TickerRepo, TickerStore};
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
pub trait Store:
    AccountRepo
    + SessionRepo
    + MemberStateRepo
    + ProfileRepo
    + ChangeLogRepo
    + JobRepo
    + RateLimitRepo
    + SiteRepo
    + LegalRepo
    + AdminRepo
    + ImportRepo
    + DirectoryRepo
    + EntityRepo
    + ContactRepo
    + RequestRepo
    + NetworkRepo
    + TickerRepo
    + NotificationRepo
    + SearchRepo
    // Each domain's view of the store, so that the store can be handed out as it.
    + AccountsStore
    + AdminStore
    + NetworkStore
    + ProfilesStore
    + ContactsStore
    + NotificationsStore
    + TickerStore
    + ImportsStore
    + SearchStore
    + Send
    + Sync
    + 'static
{
    /// "sqlite" or "postgres", for logs and metrics.
    fn backend(&self) -> &'static str;

    /// Answers when the database does (for `/healthz`).
    async fn ping(&self) -> Result<(), crate::StoreError>;

    /// How many statements this process has sent to its database (for `/metrics`, and
    /// for tests that a page served from memory reads nothing).
    fn statements_run(&self) -> u64;
}

/// The store a node runs on, chosen at start-up from the database URL.
pub type StoreHandle = Arc<dyn Store>;
