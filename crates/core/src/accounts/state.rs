//! What every page of a signed-in member needs of their own, held in memory: the counts
//! in the top bar, and the lists that shape what they see (blocks either way, members
//! never to suggest, mutes). Each page would otherwise read five small rows from the
//! database. The change log names every write that changes them.

use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogCache, LogEntry, LogPosition};
use crate::ids::MemberKey;

use async_trait::async_trait;
use std::sync::Arc;

/// Members held: a few hundred bytes each, more for long block or mute lists.
const HELD: usize = 50_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberState {
    /// Contact requests waiting for the member's answer.
    pub pending_requests: u64,
    pub unread_notifications: u64,
    /// Members blocked by or blocking the member.
    pub blocks: Vec<MemberKey>,
    /// Requests either way and dismissed suggestions.
    pub not_to_suggest: Vec<MemberKey>,
    pub mutes: Vec<MemberKey>,
}

/// Where a member's state is read from (five small reads, one per list or count).
#[async_trait]
pub trait MemberStateRepo: Send + Sync {
    async fn member_state(&self, member: MemberKey) -> Result<MemberState, StoreError>;
}

pub struct StateCache(LogCache<MemberKey, Arc<MemberState>>);

impl StateCache {
    pub(crate) fn switch_off(&self) {
        self.0.reset(false);
    }

    /// Reads answered from memory and from the database.
    pub fn counts(&self) -> (u64, u64) {
        self.0.counts()
    }

    pub fn new() -> Arc<Self> {
        Arc::new(Self(LogCache::new(HELD)))
    }

    pub async fn read<S: StateSources + ?Sized>(
        &self,
        store: &S,
        member: MemberKey,
    ) -> Result<Arc<MemberState>, StoreError> {
        let load = |_| async move { Ok::<_, StoreError>(vec![(member, Arc::new(store.member_state(member).await?))]) };
        Ok(self.0.read_one(member, load).await?.unwrap_or_default())
    }

    pub fn forget(&self, members: &[MemberKey]) {
        self.0.forget(members.iter().copied());
    }
}

/// The repositories the cache reads and follows.
pub trait StateSources: MemberStateRepo + ChangeLogRepo {}

impl<T: MemberStateRepo + ChangeLogRepo + ?Sized> StateSources for T {}

#[async_trait]
impl<S: StateSources + ?Sized> Index<S> for StateCache {
    fn name(&self) -> &'static str {
        "member state"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[
            ChangeKind::MemberErased,
            ChangeKind::RelationsChanged,
            ChangeKind::NotificationsChanged,
            ChangeKind::NetworkChanged,
        ]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        self.0.rebuild(store).await
    }

    async fn apply(&self, _store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        // An erased member's rows went from everyone's lists (a rare write): every state
        // is read again. A member whose account changes otherwise (suspended, closed,
        // back) names everyone whose counts and lists count them (`RelationsChanged`).
        if entries.iter().any(|e| e.kind == ChangeKind::MemberErased) {
            self.0.forget_all();
            return Ok(());
        }
        let changed: Vec<MemberKey> = entries.iter().map(|e| MemberKey(e.subject)).collect();
        if !changed.is_empty() {
            self.forget(&changed);
        }
        Ok(())
    }
}
