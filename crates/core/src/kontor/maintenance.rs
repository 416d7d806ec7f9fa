//! Housekeeping that runs periodically on every node (each step is idempotent, so nodes
//! running it at the same time do no harm): purging unverified sign-ups and deleted
//! accounts whose grace period is over, and pruning the change log, rate-limit counts and
//! old unsubscribe links.

use super::Kontor;
use crate::Result;
use crate::basis::Basis;
use crate::maintenance::{DECLINED_KEPT, DELETION_GRACE, LOG_RETENTION, UNSUBSCRIBE_LINKS_KEPT, UNVERIFIED_TTL};
use time::Duration;

pub struct Maintenance<'a> {
    k: &'a Kontor,
}

/// What one round removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub unverified: u64,
    pub deleted: u64,
    pub log_entries: u64,
    pub rate_limits: u64,
    pub declined_requests: u64,
    pub unsubscribe_links: u64,
}

impl<'a> Maintenance<'a> {
    pub(crate) fn new(k: &'a Kontor) -> Self {
        Self { k }
    }

    pub async fn run(&self) -> Result<Swept> {
        let store = self.k.store();
        let now = self.k.now();
        let swept = Swept {
            unverified: store.purge_unverified(now - UNVERIFIED_TTL, now).await?,
            deleted: store.purge_deleted(now - DELETION_GRACE).await?,
            log_entries: store.prune_log(now - LOG_RETENTION).await?,
            rate_limits: store.prune_rate_limits(now - Duration::days(1)).await?,
            declined_requests: store.prune_declined_requests(now - DECLINED_KEPT).await?,
            unsubscribe_links: store.prune_unsubscribe_tokens(now - UNSUBSCRIBE_LINKS_KEPT).await?,
        };
        self.k.notifications().schedule_daily().await?;
        self.k.search().schedule_alerts().await?;
        if swept != Swept::default() {
            tracing::info!(?swept, "maintenance");
            self.k.written().await?;
        }
        Ok(swept)
    }
}
