//! The ticker engine: every member's newest activities in memory, fan-out on read.
//!
//! A member's ticker is merged when it is read from the lists of the members they follow,
//! newest first, each entry checked against both sides' settings and the network privacy
//! rule. Nothing is copied into readers' inboxes, so a changed setting, a removed contact
//! or a block holds for every item at once. Older pages than the lists hold come from the
//! database. The index is built from a snapshot at start-up and kept current from the
//! change log (`ActivityChanged` re-reads that member's list).

use super::TickerRepo;
use super::{Activity, ActivityKind, Audience, TickerRow, TickerSettings};
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogEntry, LogPosition};
use crate::ids::{ActivityKey, MemberKey};
use crate::network::{member, vertex};
use async_trait::async_trait;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;
use time::Date;
use tokio::sync::broadcast;

/// Activities held per member. A ticker page merges a few of each followed member's
/// newest; a member with more activities than this has the rest read from the database.
pub const DEPTH: usize = 64;

/// One activity in 16 bytes: what the merge needs to order it and decide who sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: i64,
    /// A new contact: the other member. A share, comment or like: the post's author.
    pub other: u32,
    pub kind: ActivityKind,
    pub audience: Audience,
    pub post_audience: Option<Audience>,
}

/// No other member.
const NOBODY: u32 = u32::MAX;

impl Entry {
    pub fn of(a: &Activity) -> Self {
        Self {
            key: a.key.0,
            other: a.other.and_then(vertex).unwrap_or(NOBODY),
            kind: a.kind,
            audience: a.audience,
            post_audience: a.post_audience,
        }
    }

    pub fn other(&self) -> Option<MemberKey> {
        (self.other != NOBODY).then(|| MemberKey(i64::from(self.other)))
    }
}

/// What the index knows of one member.
#[derive(Clone, Debug, Default)]
pub struct Author {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// The list holds every activity the member has (else older ones are only in the
    /// database).
    pub complete: bool,
    pub settings: TickerSettings,
}

impl Author {
    fn from_parts(mut activities: Vec<Activity>, settings: TickerSettings) -> Self {
        activities.sort_unstable_by_key(|a| a.key);
        let complete = activities.len() < DEPTH;
        let skip = activities.len().saturating_sub(DEPTH);
        Self { entries: activities[skip..].iter().map(Entry::of).collect(), complete, settings }
    }
}

/// A member's list with what every page asks of it before it picks, kept beside the
/// list: a page looks at hundreds of followed members and takes entries from a few, so
/// it reads the heads and opens only the lists it takes from.
#[derive(Clone, Debug)]
pub struct Head {
    /// The newest entry's key (`i64::MIN` for an empty list).
    pub newest: i64,
    /// Where a cut list stops: below its oldest entry, memory may miss items.
    pub horizon: Option<i64>,
    /// Month and day, if the member lets contacts see their birthday in the ticker (the
    /// first page names whose it is).
    pub birthday: Option<(u8, u8)>,
    pub author: Arc<Author>,
}

impl Head {
    pub fn of(author: Author, birthday: Option<Date>) -> Self {
        Self {
            newest: author.entries.last().map_or(i64::MIN, |e| e.key),
            horizon: if author.complete { None } else { author.entries.first().map(|e| e.key) },
            birthday: birthday.map(|d| (d.month() as u8, d.day())),
            author: Arc::new(author),
        }
    }

    /// Is `today` the member's birthday (and may the ticker say so)? Who was born on
    /// 29 February has it on the 28th in other years.
    pub fn birthday_on(&self, today: Date) -> bool {
        let (month, day) = (today.month() as u8, today.day());
        match self.birthday {
            Some((2, 29)) if !time::util::is_leap_year(today.year()) => (month, day) == (2, 28),
            Some(birthday) => birthday == (month, day),
            None => false,
        }
    }
}

/// What this node has learned of, for the live connections: a new activity, or a change
/// to a member's notifications (the index passes those on from the change log too, so
/// one channel serves the connections).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fresh {
    Activity { author: MemberKey, key: ActivityKey },
    Notifications { member: MemberKey },
}

pub struct TickerIndex {
    /// By vertex (a fast hash: a page looks up every followed member).
    authors: RwLock<FxHashMap<u32, Head>>,
    fresh: broadcast::Sender<Fresh>,
    /// One refresh at a time (see `NetworkIndex::refresh`).
    refreshing: tokio::sync::Mutex<()>,
    /// Grows with every change to any list.
    version: AtomicU64,
    /// When each member's list last changed, for what was made of the lists.
    stamps: RwLock<Stamps>,
}

/// The version at which each member's list last changed (or went): versions only grow,
/// so the highest stamp of a set of members changes whenever any of their lists does.
#[derive(Default)]
struct Stamps {
    by_vertex: FxHashMap<u32, u64>,
    /// Every list's stamp is at least this (the last full build).
    floor: u64,
}

impl TickerIndex {
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            authors: RwLock::new(FxHashMap::default()),
            fresh: broadcast::channel(4_096).0,
            refreshing: tokio::sync::Mutex::new(()),
            version: AtomicU64::new(0),
            stamps: RwLock::default(),
        })
    }

    /// See [`TickerIndex`]'s `version`.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Every list may have changed (a build). Called with the lists' lock held, after
    /// the change: a reader that took the version before the change sees a newer one now.
    fn changed(&self) {
        let version = self.version.fetch_add(1, Ordering::AcqRel) + 1;
        let mut stamps = self.stamps.write().unwrap_or_else(|p| p.into_inner());
        stamps.by_vertex.clear();
        stamps.floor = version;
    }

    /// The list of `v` changed (or went); called as [`TickerIndex::changed`] is.
    fn changed_list(&self, v: u32) {
        let version = self.version.fetch_add(1, Ordering::AcqRel) + 1;
        self.stamps.write().unwrap_or_else(|p| p.into_inner()).by_vertex.insert(v, version);
    }

    /// The highest stamp of these members' lists: compared with [`TickerIndex::version`]
    /// taken before they were read, it says whether any changed meanwhile; compared with
    /// itself later, whether any changed since.
    pub fn max_stamp(&self, members: &[MemberKey]) -> u64 {
        let stamps = self.stamps.read().unwrap_or_else(|p| p.into_inner());
        let highest = members.iter().filter_map(|&m| vertex(m)).filter_map(|v| stamps.by_vertex.get(&v)).max();
        highest.copied().unwrap_or(0).max(stamps.floor)
    }

    /// These members' lists (those the index holds), with their vertices: one look under
    /// the lock, never held across an await (writers only swap a pointer under it).
    pub fn lists(&self, members: &[MemberKey]) -> Vec<(u32, Arc<Author>)> {
        let authors = self.authors.read().unwrap_or_else(|p| p.into_inner());
        members.iter().filter_map(|&m| vertex(m).and_then(|v| authors.get(&v).map(|h| (v, h.author.clone())))).collect()
    }

    /// Runs `f` over these members' lists (those the index holds), with their vertices,
    /// under the lock: nothing is copied or counted, so the cores serving readers never
    /// write to the lists' shared counts. `f` must be quick and must not wait (writers
    /// only swap pointers under the lock, and wait for it).
    pub fn with_lists<R>(&self, members: &[MemberKey], f: impl FnOnce(&[(u32, &Head)]) -> R) -> R {
        let authors = self.authors.read().unwrap_or_else(|p| p.into_inner());
        let lists: Vec<(u32, &Head)> =
            members.iter().filter_map(|&m| vertex(m).and_then(|v| authors.get(&v).map(|h| (v, h)))).collect();
        f(&lists)
    }

    /// Puts these members' lists in place as they are given, with no birthdays (for
    /// tools and benchmarks that load the index without a database).
    pub fn load(&self, authors: impl IntoIterator<Item = (MemberKey, Author)>) {
        let mut held = self.authors.write().unwrap_or_else(|p| p.into_inner());
        for (member, author) in authors {
            if let Some(v) = vertex(member) {
                held.insert(v, Head::of(author, None));
            }
        }
        self.changed();
    }

    pub fn author(&self, member: MemberKey) -> Option<Arc<Author>> {
        let v = vertex(member)?;
        self.authors.read().unwrap_or_else(|p| p.into_inner()).get(&v).map(|h| h.author.clone())
    }

    /// Members whose birthday is `today` and who let the ticker say so.
    pub fn born_on(&self, today: Date) -> Vec<MemberKey> {
        let authors = self.authors.read().unwrap_or_else(|p| p.into_inner());
        let mut born: Vec<MemberKey> =
            authors.iter().filter(|(_, h)| h.birthday_on(today)).map(|(&v, _)| member(v)).collect();
        born.sort_unstable();
        born
    }

    /// New activities and notification changes as this node learns of them.
    pub fn subscribe(&self) -> broadcast::Receiver<Fresh> {
        self.fresh.subscribe()
    }

    /// Activities held, and bytes they take (entries only; each member's head, list and
    /// place in the map take about 130 bytes more).
    pub fn size(&self) -> (usize, usize) {
        let authors = self.authors.read().unwrap_or_else(|p| p.into_inner());
        let entries: usize = authors.values().map(|h| h.author.entries.len()).sum();
        (entries, entries * std::mem::size_of::<Entry>())
    }

    /// Re-reads these members from the database and announces their new activities.
    /// The reads of several members run at once (each is a few round trips to the
    /// database, and every write waits for them); they are applied in order.
    pub async fn refresh<S: TickerRepo + ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
        members: &[MemberKey],
    ) -> Result<(), StoreError> {
        use futures::stream::{self, StreamExt, TryStreamExt};
        let _one_at_a_time = self.refreshing.lock().await;
        let held: Vec<(MemberKey, u32)> = members.iter().filter_map(|&m| vertex(m).map(|v| (m, v))).collect();
        let mut reads = stream::iter(held)
            .map(|(member, v)| async move { Ok::<_, StoreError>((member, v, head_of(store, member).await?)) })
            .buffered(READS_AT_ONCE);
        while let Some((member, v, fresh)) = reads.try_next().await? {
            // Only what is new to a list already held is news: a member coming (back) into
            // the index brings their history, not a burst of live items.
            let newest_before = self.author(member).map(|a| a.entries.last().map_or(0, |e| e.key));
            let mut authors = self.authors.write().unwrap_or_else(|p| p.into_inner());
            match fresh {
                Some(head) => {
                    let new: Vec<i64> = match newest_before {
                        Some(n) => head.author.entries.iter().map(|e| e.key).filter(|&k| k > n).collect(),
                        None => Vec::new(),
                    };
                    authors.insert(v, head);
                    self.changed_list(v);
                    drop(authors);
                    for key in new {
                        // Nobody listening is fine.
                        let _ = self.fresh.send(Fresh::Activity { author: member, key: ActivityKey(key) });
                    }
                }
                None => {
                    authors.remove(&v);
                    self.changed_list(v);
                }
            }
        }
        Ok(())
    }
}

/// Members whose lists are read from the database at once when the log names several
/// (half the readers' pool: the other half serves the pages meanwhile).
const READS_AT_ONCE: usize = 4;

/// A member's head as the database has it now: settings, birthday and newest
/// activities; `None` if the member is gone or closed.
async fn head_of<S: TickerRepo + ?Sized>(store: &S, member: MemberKey) -> Result<Option<Head>, StoreError> {
    let Some((settings, birthday)) = store.ticker_member(member).await? else { return Ok(None) };
    let recent = store.activities_of(&[member], None, DEPTH as u32).await?;
    Ok(Some(Head::of(Author::from_parts(recent, settings), birthday)))
}

#[async_trait]
impl<S: TickerRepo + ChangeLogRepo + ?Sized> Index<S> for TickerIndex {
    fn name(&self) -> &'static str {
        "ticker"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[
            ChangeKind::NotificationsChanged,
            ChangeKind::ActivityChanged,
            ChangeKind::MemberChanged,
            ChangeKind::MemberErased,
            ChangeKind::ProfileChanged,
        ]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        let started = Instant::now();
        let mut members: HashMap<u32, (TickerSettings, Option<Date>)> = HashMap::new();
        let mut activities: HashMap<u32, Vec<Activity>> = HashMap::new();
        let position = store
            .ticker_snapshot(DEPTH as u32 + 1, &mut |row| match row {
                TickerRow::Member { key, settings, birthday } => {
                    if let Some(v) = vertex(key) {
                        members.insert(v, (settings, birthday));
                    }
                }
                TickerRow::Activity(a) => {
                    if let Some(v) = vertex(a.actor) {
                        activities.entry(v).or_default().push(a);
                    }
                }
            })
            .await?;
        let mut authors = FxHashMap::with_capacity_and_hasher(members.len(), Default::default());
        for (v, (settings, birthday)) in members {
            let list = activities.remove(&v).unwrap_or_default();
            authors.insert(v, Head::of(Author::from_parts(list, settings), birthday));
        }
        let mut held = self.authors.write().unwrap_or_else(|p| p.into_inner());
        *held = authors;
        self.changed();
        drop(held);
        let (entries, bytes) = self.size();
        tracing::info!(entries, bytes, elapsed_ms = started.elapsed().as_millis() as u64, "ticker index built");
        Ok(position)
    }

    async fn apply(&self, store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        for e in entries.iter().filter(|e| e.kind == ChangeKind::NotificationsChanged) {
            let _ = self.fresh.send(Fresh::Notifications { member: MemberKey(e.subject) });
        }
        let mut touched: Vec<MemberKey> = entries
            .iter()
            .filter(|e| e.kind != ChangeKind::NotificationsChanged)
            .map(|e| MemberKey(e.subject))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        self.refresh(store, &touched).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_leap_day_birthday_falls_on_the_28th_in_other_years() {
        let born = |d: Date| Head::of(Author::default(), Some(d));
        let leap = born(date!(1996 - 02 - 29));
        assert!(leap.birthday_on(date!(2028 - 02 - 29)));
        assert!(!leap.birthday_on(date!(2028 - 02 - 28)));
        assert!(leap.birthday_on(date!(2027 - 02 - 28)));
        assert!(!leap.birthday_on(date!(2027 - 03 - 01)));
        let plain = born(date!(1980 - 07 - 14));
        assert!(plain.birthday_on(date!(2027 - 07 - 14)) && !plain.birthday_on(date!(2027 - 07 - 15)));
        assert!(!Head::of(Author::default(), None).birthday_on(date!(2027 - 07 - 14)));
    }
}
