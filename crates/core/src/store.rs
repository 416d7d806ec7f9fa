//! The store: every repository trait in one, implemented once per database.

use crate::accounts::{AccountRepo, SessionRepo};
use crate::admin::{AdminRepo, SiteRepo};
use crate::changelog::ChangeLogRepo;
use crate::contacts::{ContactRepo, RequestRepo};
use crate::directory::DirectoryRepo;
use crate::entities::EntityRepo;
use crate::imports::ImportRepo;
use crate::jobs::JobRepo;
use crate::legal::LegalRepo;
use crate::network::NetworkRepo;
use crate::notifications::NotificationRepo;
use crate::profiles::ProfileRepo;
use crate::ratelimit::RateLimitRepo;
use crate::ticker::TickerRepo;
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
pub trait Store:
    AccountRepo
    + SessionRepo
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
