//! The site settings, held in memory: every page's chrome shows them, and they change
//! only when the operator saves them.

use super::SiteRepo;
use super::SiteSettings;
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogCache, LogEntry, LogPosition};
use async_trait::async_trait;
use std::sync::Arc;

pub struct SiteCache(LogCache<(), SiteSettings>);

impl SiteCache {
    pub(crate) fn switch_off(&self) {
        self.0.reset(false);
    }

    /// Reads answered from memory and from the database.
    pub fn counts(&self) -> (u64, u64) {
        self.0.counts()
    }

    pub fn new() -> Arc<Self> {
        Arc::new(Self(LogCache::new(1)))
    }

    pub async fn read<S: SiteRepo + ChangeLogRepo + ?Sized>(&self, store: &S) -> Result<SiteSettings, StoreError> {
        let mut found = self.0.read(&[()], |_| async { Ok(vec![((), store.site_settings().await?)]) }).await?;
        found.remove(&()).ok_or(StoreError::NotFound)
    }

    /// The settings were saved on this node (the log tells the others).
    pub fn forget(&self) {
        self.0.forget([()]);
    }
}

#[async_trait]
impl<S: SiteRepo + ChangeLogRepo + ?Sized> Index<S> for SiteCache {
    fn name(&self) -> &'static str {
        "site"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::SiteChanged]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        self.0.rebuild(store).await
    }

    async fn apply(&self, _store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        if !entries.is_empty() {
            self.forget();
        }
        Ok(())
    }
}
