//! The live graph: a CSR base, flag bits for removals and hidden members, and a small
//! per-member delta of contacts added since the base was built.
//!
//! One writer at a time (a mutex) changes the current [`Snapshot`] in place with atomic
//! stores; readers hold an `Arc<Snapshot>` and never take a lock. A reader may see a
//! change to one contact a moment before the same change to another, never a torn one.
//! [`Graph::compact`] folds the delta into a fresh base off to the side while writes go
//! on, replays the writes it missed, and swaps the new snapshot in.

use crate::{Adjacency, MAX_VERTEX, Vertex};
use arc_swap::{ArcSwap, ArcSwapOption};
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU32, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard};

/// The contact was removed (base entries only; the delta just drops it).
const REMOVED: u32 = 1 << 31;
/// The member this entry points to is inactive (suspended, closing, deleted).
const HIDDEN: u32 = 1 << 30;
const ID: u32 = HIDDEN - 1;

/// Per-member flags: inactive, has a delta list, and six bits of caller's tag.
const INACTIVE: u8 = 1;
const HAS_ADDED: u8 = 2;
const TAG_SHIFT: u32 = 2;
pub(crate) const MAX_TAG: u8 = u8::MAX >> TAG_SHIFT;

/// What a delta list costs beyond its entries: an Arc header, the boxed slice's pointer
/// and length, and the allocation's own overhead.
const DELTA_LIST_BYTES: usize = 16 + 16 + 16;

/// A change to the graph, as the change log delivers them. Applying one twice is harmless.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Connect(Vertex, Vertex),
    Disconnect(Vertex, Vertex),
    Activate(Vertex),
    Deactivate(Vertex),
    /// Sets the member's tag (0..=63), which filters may read (the contact-list setting).
    Tag(Vertex, u8),
}

impl Change {
    fn highest_vertex(self) -> Vertex {
        match self {
            Self::Connect(a, b) | Self::Disconnect(a, b) => a.max(b),
            Self::Activate(v) | Self::Deactivate(v) | Self::Tag(v, _) => v,
        }
    }
}

/// One consistent-enough view of the graph that readers share.
pub struct Snapshot {
    /// `offsets[v]..offsets[v + 1]` indexes `targets` for members of the base.
    offsets: Box<[u64]>,
    targets: Box<[AtomicU32]>,
    /// Contacts added since the base was built, sorted; `None` for most members.
    added: Box<[ArcSwapOption<Box<[u32]>>]>,
    flags: Box<[AtomicU8]>,
    /// One more than the highest member seen.
    bound: AtomicU32,
    added_entries: AtomicU64,
    added_lists: AtomicU64,
    removed_entries: AtomicU64,
    /// Changes applied in place since this snapshot was made.
    changes: AtomicU64,
}

impl Snapshot {
    pub(crate) fn from_lists(bound: usize, offsets: Vec<u64>, targets: Vec<u32>) -> Self {
        Self::with_capacity(bound, offsets, targets, headroom(bound))
    }

    fn with_capacity(bound: usize, offsets: Vec<u64>, targets: Vec<u32>, capacity: usize) -> Self {
        debug_assert_eq!(offsets.len(), bound + 1);
        Self {
            offsets: offsets.into_boxed_slice(),
            targets: targets.into_iter().map(AtomicU32::new).collect(),
            added: (0..capacity).map(|_| ArcSwapOption::empty()).collect(),
            flags: (0..capacity).map(|_| AtomicU8::new(0)).collect(),
            bound: AtomicU32::new(bound as u32),
            added_entries: AtomicU64::new(0),
            added_lists: AtomicU64::new(0),
            removed_entries: AtomicU64::new(0),
            changes: AtomicU64::new(0),
        }
    }

    /// How many changes this snapshot has taken in place. With the snapshot's identity it
    /// names the graph's state: an answer computed after reading it holds as long as it
    /// stays the same.
    pub fn version(&self) -> u64 {
        self.changes.load(Acquire)
    }

    /// How many members fit before the graph must grow.
    pub fn capacity(&self) -> usize {
        self.flags.len()
    }

    /// One more than the highest member seen.
    pub fn bound(&self) -> usize {
        self.bound.load(Relaxed) as usize
    }

    pub fn is_active(&self, v: Vertex) -> bool {
        self.flag(v) & INACTIVE == 0
    }

    /// The caller's tag for `v` (0 unless set).
    pub fn tag(&self, v: Vertex) -> u8 {
        self.flag(v) >> TAG_SHIFT
    }

    #[inline]
    fn flag(&self, v: Vertex) -> u8 {
        self.flags.get(v as usize).map_or(0, |f| f.load(Relaxed))
    }

    #[inline]
    fn base(&self, v: Vertex) -> &[AtomicU32] {
        let v = v as usize;
        if v + 1 >= self.offsets.len() {
            return &[];
        }
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    fn find_base(&self, v: Vertex, target: Vertex) -> Option<&AtomicU32> {
        let list = self.base(v);
        list.binary_search_by_key(&target, |t| t.load(Relaxed) & ID).ok().map(|i| &list[i])
    }

    #[inline]
    fn added(&self, v: Vertex) -> Option<Arc<Box<[u32]>>> {
        if self.flag(v) & HAS_ADDED == 0 {
            return None;
        }
        self.load_added(v)
    }

    /// Out of line, so the common case (no delta) stays small enough to inline.
    #[inline(never)]
    fn load_added(&self, v: Vertex) -> Option<Arc<Box<[u32]>>> {
        self.added[v as usize].load_full()
    }

    /// Are `a` and `b` contacts now (both active)?
    pub fn is_contact(&self, a: Vertex, b: Vertex) -> bool {
        if let Some(entry) = self.find_base(a, b) {
            return entry.load(Relaxed) & (REMOVED | HIDDEN) == 0 && self.is_active(a);
        }
        // An entry equals `b` only without the hidden bit, that is while `b` is active.
        self.added(a).is_some_and(|list| list.contains(&b)) && self.is_active(a)
    }

    /// The active contacts of `v`, sorted.
    pub fn neighbours(&self, v: Vertex) -> Vec<Vertex> {
        let mut out = Vec::with_capacity(self.degree_hint(v));
        self.for_each_neighbour(v, |w| out.push(w));
        out.sort_unstable();
        out
    }

    /// Every contact of `v`, inactive members included, sorted (to compare with the
    /// database).
    pub fn all_contacts(&self, v: Vertex) -> Vec<Vertex> {
        let mut out: Vec<Vertex> = self
            .base(v)
            .iter()
            .map(|t| t.load(Relaxed))
            .filter(|t| t & REMOVED == 0)
            .chain(self.added(v).iter().flat_map(|l| l.iter().copied()))
            .map(|t| t & ID)
            .collect();
        out.sort_unstable();
        out
    }

    /// Undirected contacts held, counting those of inactive members.
    pub fn contacts(&self) -> u64 {
        (self.targets.len() as u64 - self.removed_entries.load(Relaxed) + self.added_entries.load(Relaxed)) / 2
    }

    /// Bytes held by this snapshot (the delta's allocations estimated).
    pub fn memory_bytes(&self) -> usize {
        self.base_bytes()
            + self.added.len() * std::mem::size_of::<ArcSwapOption<Box<[u32]>>>()
            + self.flags.len()
            + self.added_entries.load(Relaxed) as usize * 4
            + self.added_lists.load(Relaxed) as usize * DELTA_LIST_BYTES
    }

    fn base_bytes(&self) -> usize {
        self.offsets.len() * 8 + self.targets.len() * 4
    }

    /// What a compaction would win back: the delta's lists and entries, and the removed
    /// entries still in the base.
    fn churn_bytes(&self) -> usize {
        let entries = self.added_entries.load(Relaxed) + self.removed_entries.load(Relaxed);
        entries as usize * 4 + self.added_lists.load(Relaxed) as usize * DELTA_LIST_BYTES
    }

    // ---- writing (only under the graph's writer lock) ----

    fn apply(&self, change: Change) {
        match change {
            Change::Connect(a, b) if a != b => {
                self.connect_one(a, b);
                self.connect_one(b, a);
            }
            Change::Disconnect(a, b) if a != b => {
                self.disconnect_one(a, b);
                self.disconnect_one(b, a);
            }
            Change::Connect(..) | Change::Disconnect(..) => {}
            Change::Activate(v) => self.set_active(v, true),
            Change::Deactivate(v) => self.set_active(v, false),
            Change::Tag(v, tag) => self.set_tag(v, tag),
        }
        self.bound.fetch_max(change.highest_vertex() + 1, Relaxed);
        self.changes.fetch_add(1, Release);
    }

    fn connect_one(&self, from: Vertex, to: Vertex) {
        if let Some(entry) = self.find_base(from, to) {
            if entry.fetch_and(!REMOVED, Relaxed) & REMOVED != 0 {
                self.removed_entries.fetch_sub(1, Relaxed);
            }
            return;
        }
        let hidden = if self.is_active(to) { 0 } else { HIDDEN };
        let old = self.added(from);
        let old: &[u32] = old.as_deref().map_or(&[], |l| l);
        if old.iter().any(|&t| t & ID == to) {
            return;
        }
        let mut list = Vec::with_capacity(old.len() + 1);
        list.extend_from_slice(old);
        list.push(to | hidden);
        list.sort_unstable_by_key(|&t| t & ID);
        if old.is_empty() {
            self.added_lists.fetch_add(1, Relaxed);
        }
        self.added[from as usize].store(Some(Arc::new(list.into_boxed_slice())));
        self.flags[from as usize].fetch_or(HAS_ADDED, Relaxed);
        self.added_entries.fetch_add(1, Relaxed);
    }

    fn disconnect_one(&self, from: Vertex, to: Vertex) {
        if let Some(entry) = self.find_base(from, to) {
            if entry.fetch_or(REMOVED, Relaxed) & REMOVED == 0 {
                self.removed_entries.fetch_add(1, Relaxed);
            }
            return;
        }
        let Some(old) = self.added(from) else { return };
        if !old.iter().any(|&t| t & ID == to) {
            return;
        }
        let list: Box<[u32]> = old.iter().copied().filter(|&t| t & ID != to).collect();
        self.added_entries.fetch_sub(1, Relaxed);
        if list.is_empty() {
            self.added_lists.fetch_sub(1, Relaxed);
            self.flags[from as usize].fetch_and(!HAS_ADDED, Relaxed);
            self.added[from as usize].store(None);
        } else {
            self.added[from as usize].store(Some(Arc::new(list)));
        }
    }

    /// Marks `v` (in)active: every entry pointing to `v` gets its hidden bit set or cleared.
    pub(crate) fn set_active(&self, v: Vertex, active: bool) {
        let Some(flag) = self.flags.get(v as usize) else { return };
        if active {
            flag.fetch_and(!INACTIVE, Relaxed);
        } else {
            flag.fetch_or(INACTIVE, Relaxed);
        }
        let set = |t: u32| if active { t & !HIDDEN } else { t | HIDDEN };
        for entry in self.base(v) {
            let x = entry.load(Relaxed) & ID;
            if let Some(back) = self.find_base(x, v) {
                back.store(set(back.load(Relaxed)), Relaxed);
            }
        }
        if let Some(list) = self.added(v) {
            for x in list.iter().map(|&t| t & ID) {
                if let Some(back) = self.added(x) {
                    let updated: Box<[u32]> = back.iter().map(|&t| if t & ID == v { set(t) } else { t }).collect();
                    self.added[x as usize].store(Some(Arc::new(updated)));
                }
            }
        }
    }

    pub(crate) fn set_tag(&self, v: Vertex, tag: u8) {
        assert!(tag <= MAX_TAG, "tag {tag} does not fit in six bits");
        let Some(flag) = self.flags.get(v as usize) else { return };
        let keep = flag.load(Relaxed) & ((1 << TAG_SHIFT) - 1);
        flag.store(keep | (tag << TAG_SHIFT), Relaxed);
    }

    /// A fresh snapshot holding the same graph with an empty delta and room for `capacity`.
    fn compacted(&self, capacity: usize) -> Snapshot {
        let bound = self.bound().max(self.offsets.len() - 1);
        let mut offsets = Vec::with_capacity(bound + 1);
        let mut total = 0u64;
        offsets.push(0);
        let mut targets = Vec::with_capacity(self.targets.len());
        for v in 0..bound as Vertex {
            let start = targets.len();
            targets.extend(self.base(v).iter().map(|t| t.load(Relaxed)).filter(|t| t & REMOVED == 0));
            if let Some(added) = self.added(v) {
                targets.extend_from_slice(&added);
                targets[start..].sort_unstable_by_key(|&t| t & ID);
            }
            total += (targets.len() - start) as u64;
            offsets.push(total);
        }
        let fresh = Snapshot::with_capacity(bound, offsets, targets, capacity.max(bound));
        for (v, flag) in self.flags.iter().enumerate().take(bound) {
            fresh.flags[v].store(flag.load(Relaxed) & !HAS_ADDED, Relaxed);
        }
        fresh
    }
}

/// Room to grow before the next rebuild.
fn headroom(bound: usize) -> usize {
    bound + bound / 8 + 1024
}

impl Adjacency for Snapshot {
    fn vertex_bound(&self) -> usize {
        self.capacity()
    }

    #[inline]
    fn degree_hint(&self, v: Vertex) -> usize {
        // The delta counts too: a member whose contacts all came since the last
        // compaction is not cheap to expand.
        let added = if self.flag(v) & HAS_ADDED == 0 { 0 } else { self.load_added(v).map_or(0, |list| list.len()) };
        self.base(v).len() + added
    }

    #[inline]
    fn for_each_neighbour<F: FnMut(Vertex)>(&self, v: Vertex, mut f: F) {
        for entry in self.base(v) {
            let t = entry.load(Relaxed);
            if t & (REMOVED | HIDDEN) == 0 {
                f(t);
            }
        }
        if let Some(list) = self.added(v) {
            for &t in list.iter() {
                if t & HIDDEN == 0 {
                    f(t);
                }
            }
        }
    }

    #[inline]
    fn smallest_neighbour<P: FnMut(Vertex) -> bool>(&self, v: Vertex, mut accept: P) -> Option<Vertex> {
        // The base is sorted: its first accepted entry is its smallest. The delta is
        // sorted too and may hold a smaller one.
        let base =
            self.base(v).iter().map(|entry| entry.load(Relaxed)).find(|&t| t & (REMOVED | HIDDEN) == 0 && accept(t));
        let added = self.added(v).and_then(|list| {
            list.iter()
                .copied()
                .take_while(|&t| base.is_none_or(|b| t & ID < b))
                .find(|&t| t & HIDDEN == 0 && accept(t))
        });
        added.or(base)
    }
}

/// The live graph: readers take snapshots, one writer at a time applies changes.
pub struct Graph {
    current: ArcSwap<Snapshot>,
    writer: Mutex<Writer>,
    /// A compaction is waiting for the writer's lock: writers step aside until it has
    /// it. The lock is not fair, and a writer applying batch after batch would
    /// otherwise take it back every time, so the delta would grow without bound.
    compaction_waiting: AtomicBool,
}

#[derive(Default)]
struct Writer {
    /// Changes made while a compaction runs, to replay on its result.
    recording: Option<Vec<Change>>,
}

impl Default for Graph {
    fn default() -> Self {
        Self::from_snapshot(Snapshot::from_lists(0, vec![0], Vec::new()))
    }
}

impl Graph {
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn from_snapshot(snapshot: Snapshot) -> Self {
        Self {
            current: ArcSwap::from_pointee(snapshot),
            writer: Mutex::default(),
            compaction_waiting: AtomicBool::new(false),
        }
    }

    /// The graph as it is now. Cheap; hold it for one query, not for ever (a held
    /// snapshot keeps its memory alive after a compaction).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    fn writer(&self) -> MutexGuard<'_, Writer> {
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The writer's lock for a compaction, ahead of writers waiting for it.
    fn writer_for_compaction(&self) -> MutexGuard<'_, Writer> {
        self.compaction_waiting.store(true, Release);
        let writer = self.writer();
        self.compaction_waiting.store(false, Release);
        writer
    }

    /// Applies `changes` in order. Readers see each as it lands.
    pub fn apply(&self, changes: &[Change]) {
        while self.compaction_waiting.load(Acquire) {
            std::thread::yield_now();
        }
        let mut writer = self.writer();
        let highest = changes.iter().map(|c| c.highest_vertex()).max();
        if let Some(highest) = highest {
            assert!(highest <= MAX_VERTEX, "vertex {highest} is beyond the graph's range");
            let current = self.current.load();
            if highest as usize >= current.capacity() {
                // Growing is rare (headroom is an eighth): rebuild at once, inline.
                let grown = current.compacted(headroom(highest as usize + 1));
                self.current.store(Arc::new(grown));
            }
        }
        let current = self.current.load();
        for &change in changes {
            current.apply(change);
        }
        if let Some(recording) = &mut writer.recording {
            recording.extend_from_slice(changes);
        }
    }

    /// Has the delta grown enough that a compaction pays? When it holds an eighth of the
    /// base's bytes (and more than a small graph's compaction costs to run).
    pub fn needs_compaction(&self) -> bool {
        let snapshot = self.current.load();
        let churn = snapshot.churn_bytes();
        churn > 16 << 10 && churn > snapshot.base_bytes() / 8
    }

    /// Folds the delta into a fresh base while writers go on. Returns false if another
    /// compaction (or a growth) got there first.
    pub fn compact(&self) -> bool {
        let old = {
            let mut writer = self.writer_for_compaction();
            if writer.recording.is_some() {
                return false;
            }
            writer.recording = Some(Vec::new());
            self.current.load_full()
        };
        let fresh = old.compacted(headroom(old.bound()));
        let mut writer = self.writer_for_compaction();
        let missed = writer.recording.take().unwrap_or_default();
        if !Arc::ptr_eq(&old, &self.current.load()) {
            return false;
        }
        if missed.iter().any(|c| c.highest_vertex() as usize >= fresh.capacity()) {
            return false;
        }
        for change in missed {
            fresh.apply(change);
        }
        self.current.store(Arc::new(fresh));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;

    fn graph(contacts: &[(Vertex, Vertex)]) -> Graph {
        let mut b = GraphBuilder::new();
        for &(x, y) in contacts {
            b.contact(x, y);
        }
        b.build()
    }

    #[test]
    fn removals_and_additions_show_at_once_and_survive_compaction() {
        let g = graph(&[(0, 1), (1, 2)]);
        g.apply(&[Change::Disconnect(0, 1), Change::Connect(0, 2), Change::Connect(2, 5000)]);
        let check = |s: &Snapshot| {
            assert_eq!(s.neighbours(0), vec![2]);
            assert_eq!(s.neighbours(1), vec![2]);
            assert_eq!(s.neighbours(2), vec![0, 1, 5000]);
            assert!(s.is_contact(5000, 2) && !s.is_contact(0, 1));
        };
        check(&g.snapshot());
        assert!(g.compact());
        check(&g.snapshot());
        assert_eq!(g.snapshot().contacts(), 3);
    }

    #[test]
    fn inactive_members_vanish_from_every_list_and_come_back() {
        let g = graph(&[(0, 1), (1, 2)]);
        g.apply(&[Change::Connect(1, 3), Change::Deactivate(1)]);
        let s = g.snapshot();
        assert!(s.neighbours(0).is_empty() && s.neighbours(3).is_empty());
        assert!(!s.is_contact(0, 1));
        g.apply(&[Change::Disconnect(0, 1), Change::Activate(1)]);
        assert!(g.compact());
        let s = g.snapshot();
        assert_eq!(s.neighbours(1), vec![2, 3]);
        assert!(s.neighbours(0).is_empty());
    }

    #[test]
    fn tags_are_kept_apart_from_flags() {
        let g = graph(&[(0, 1)]);
        g.apply(&[Change::Tag(0, MAX_TAG), Change::Deactivate(0), Change::Tag(0, 3)]);
        let s = g.snapshot();
        assert_eq!(s.tag(0), 3);
        assert!(!s.is_active(0));
    }
}
