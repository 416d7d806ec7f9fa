//! The member directory: every member's public id, name and standing, held in memory on
//! each node and kept current from the change log. (The social graph needs no slots of
//! its own: member keys are dense and serve as its vertices.)
//!
//! It is the first index built from a snapshot: the members and the log position are read
//! in one transaction, and tailing resumes from that position.

use crate::StoreError;
use crate::accounts::AccountRepo;
use crate::accounts::{Account, DisplayName};
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogEntry, LogPosition};
use crate::ids::{MemberId, MemberKey};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectoryEntry {
    pub key: MemberKey,
    pub id: MemberId,
    pub name: DisplayName,
    /// Active and not being deleted: shown to others.
    pub active: bool,
}

impl DirectoryEntry {
    pub fn of(account: &Account) -> Self {
        Self { key: account.key, id: account.id, name: account.name.clone(), active: account.is_open() }
    }
}

#[async_trait]
pub trait DirectoryRepo: Send + Sync {
    /// Every member, and the log position read in the same transaction: entries after
    /// it may or may not be reflected, entries up to it are.
    async fn directory_snapshot(&self) -> Result<(Vec<DirectoryEntry>, LogPosition), StoreError>;
}

#[derive(Default)]
struct Slots {
    by_key: HashMap<MemberKey, u32>,
    /// Public ids to keys: a page naming a member by id finds them here, not in the
    /// database.
    by_id: HashMap<MemberId, MemberKey>,
    entries: Vec<Option<DirectoryEntry>>,
    active: usize,
}

impl Slots {
    fn put(&mut self, key: MemberKey, entry: Option<DirectoryEntry>) {
        let slot = *self.by_key.entry(key).or_insert_with(|| {
            self.entries.push(None);
            (self.entries.len() - 1) as u32
        });
        let was_active = self.entries[slot as usize].as_ref().is_some_and(|e| e.active);
        let is_active = entry.as_ref().is_some_and(|e| e.active);
        if let Some(old) = &self.entries[slot as usize] {
            self.by_id.remove(&old.id);
        }
        if let Some(new) = &entry {
            self.by_id.insert(new.id, key);
        }
        self.active = self.active + usize::from(is_active) - usize::from(was_active);
        self.entries[slot as usize] = entry;
    }
}

/// Readers never wait for long: writers hold the lock only to swap one entry.
#[derive(Default)]
pub struct Directory {
    slots: RwLock<Slots>,
}

impl Directory {
    pub fn new() -> Arc<Self> {
        Arc::default()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Slots> {
        self.slots.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Slots> {
        self.slots.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many members are active.
    pub fn active_members(&self) -> usize {
        self.read().active
    }

    /// The key of the member with public id `id`, if this node knows of them.
    pub fn key_of(&self, id: MemberId) -> Option<MemberKey> {
        self.read().by_id.get(&id).copied()
    }

    pub fn get(&self, key: MemberKey) -> Option<DirectoryEntry> {
        let slots = self.read();
        let slot = *slots.by_key.get(&key)?;
        slots.entries[slot as usize].clone()
    }
}

#[async_trait]
impl<S: DirectoryRepo + AccountRepo + ChangeLogRepo + ?Sized> Index<S> for Directory {
    fn name(&self) -> &'static str {
        "directory"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::MemberChanged, ChangeKind::ProfileChanged, ChangeKind::MemberErased]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        let (entries, position) = store.directory_snapshot().await?;
        let mut fresh = Slots::default();
        for entry in entries {
            fresh.put(entry.key, Some(entry));
        }
        *self.write() = fresh;
        Ok(position)
    }

    async fn apply(&self, store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        for entry in entries {
            let key = MemberKey(entry.subject);
            match entry.kind {
                ChangeKind::MemberChanged | ChangeKind::ProfileChanged => {
                    let account = store.account_by_key(key).await?;
                    self.write().put(key, account.as_ref().map(DirectoryEntry::of));
                }
                ChangeKind::MemberErased => self.write().put(key, None),
                _ => {}
            }
        }
        Ok(())
    }
}
