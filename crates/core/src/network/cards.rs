//! What member cards are made of, held in memory: every list of people (a ticker page,
//! suggestions, paths, shared contacts) is redacted from these rows for its viewer, so
//! a page reads the database only for members it has not seen lately.
//!
//! The rows are the database's, never a rendered view: the policy still decides per
//! viewer on every read. The change log keeps them current on every node, the writing
//! one too (the node holds the cache with the rest of its derived state).

use super::CardData;
use super::NetworkRepo;
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogCache, LogEntry, LogPosition};
use crate::ids::MemberKey;
use async_trait::async_trait;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Members held: about a kilobyte each.
const HELD: usize = 50_000;

pub struct CardCache(LogCache<MemberKey, Arc<CardData>>);

impl CardCache {
    pub(crate) fn switch_off(&self) {
        self.0.reset(false);
    }

    pub fn new() -> Arc<Self> {
        Arc::new(Self(LogCache::new(HELD)))
    }

    /// The rows of `keys`, from memory or in one read; members that are gone are left out.
    pub async fn read<S: NetworkRepo + ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
        keys: &[MemberKey],
    ) -> Result<FxHashMap<MemberKey, Arc<CardData>>, StoreError> {
        self.0.read(keys, |missing| load(store, missing)).await
    }

    /// One member's row.
    pub async fn one<S: NetworkRepo + ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
        key: MemberKey,
    ) -> Result<Option<Arc<CardData>>, StoreError> {
        self.0.read_one(key, |missing| load(store, missing)).await
    }

    /// Grows whenever any card is forgotten.
    pub fn generation(&self) -> u64 {
        self.0.generation()
    }

    /// The highest version of these members' cards (see [`LogCache::max_version`]).
    pub fn max_version(&self, keys: &[MemberKey]) -> u64 {
        self.0.max_version(keys.iter().copied())
    }

    /// Reads answered from memory and from the database.
    pub fn counts(&self) -> (u64, u64) {
        self.0.counts()
    }

    pub fn forget(&self, keys: &[MemberKey]) {
        self.0.forget(keys.iter().copied());
    }
}

async fn load<S: NetworkRepo + ChangeLogRepo + ?Sized>(
    store: &S,
    missing: Vec<MemberKey>,
) -> Result<Vec<(MemberKey, Arc<CardData>)>, StoreError> {
    let read = store.member_cards(&missing).await?;
    Ok(read.into_iter().map(|d| (d.account.key, Arc::new(d))).collect())
}

#[async_trait]
impl<S: NetworkRepo + ChangeLogRepo + ?Sized> Index<S> for CardCache {
    fn name(&self) -> &'static str {
        "cards"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::MemberChanged, ChangeKind::ProfileChanged, ChangeKind::MemberErased, ChangeKind::NetworkChanged]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        self.0.rebuild(store).await
    }

    async fn apply(&self, _store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        // Accounts, profiles and (with contacts, which a removal takes away) grants.
        let keys: Vec<MemberKey> = entries.iter().map(|e| MemberKey(e.subject)).collect();
        if !keys.is_empty() {
            self.forget(&keys);
        }
        Ok(())
    }
}
