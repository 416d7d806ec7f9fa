//! Answers remembered per viewer for as long as what they were worked out on holds: the
//! degree counts (this graph state and the viewer's blocks) and the suggestions (also the
//! viewer's own lists and the cards they were ranked on); the ticker keeps its first
//! pages this way too. Each reads a large part of the network, which changes far less often than members look
//! at their home.

use super::{Reveal, Suggested};
use crate::accounts::MemberState;
use kontor_graph::{Snapshot, Vertex};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, Weak};

/// The graph state and blocks an answer was worked out on.
#[derive(Clone)]
pub(crate) struct OnGraph {
    /// A weak reference keeps the snapshot's allocation: no later graph has its address.
    graph: Weak<Snapshot>,
    version: u64,
    blocked: Vec<Vertex>,
}

impl OnGraph {
    /// Taken before working the answer out: a change landing meanwhile makes it stale.
    pub fn of(reveal: &Reveal) -> Self {
        let snapshot = reveal.snapshot();
        Self { graph: Arc::downgrade(snapshot), version: snapshot.version(), blocked: reveal.blocked().to_vec() }
    }

    pub(crate) fn same_graph(&self, other: &OnGraph) -> bool {
        std::ptr::eq(self.graph.as_ptr(), other.graph.as_ptr()) && self.version == other.version
    }
}

/// What a remembered answer depends on.
pub(crate) trait WorkedOutOn {
    fn on_graph(&self) -> &OnGraph;
    /// Was the answer worked out on exactly this?
    fn same(&self, other: &Self) -> bool;
}

impl WorkedOutOn for OnGraph {
    fn on_graph(&self) -> &OnGraph {
        self
    }

    fn same(&self, other: &Self) -> bool {
        self.same_graph(other) && self.blocked == other.blocked
    }
}

/// What a list of suggestions was ranked on.
pub(crate) struct RankedOn {
    pub on: OnGraph,
    /// The viewer's lists as read then (held, so no later state has its address).
    pub state: Arc<MemberState>,
    pub cards: CardsRead,
    pub limit: usize,
}

/// The members' cards a list was ranked on.
pub(crate) enum CardsRead {
    /// These cards, none forgotten after the card cache's generation `at`: the list holds
    /// while none of them is forgotten.
    Keys { keys: Vec<crate::ids::MemberKey>, at: u64 },
    /// Any card (members found by company or city): the list holds while no card at all
    /// is forgotten.
    Any { generation: u64 },
}

impl RankedOn {
    /// The list may be served again to a viewer asking on `now` (read before asking, its
    /// `cards` the card cache's generation then): the graph, lists and limit are the same,
    /// and none of the cards it was ranked on was forgotten since (`max_version` gives the
    /// highest version of some cards).
    pub fn holds(&self, now: &RankedOn, max_version: impl FnOnce(&[crate::ids::MemberKey]) -> u64) -> bool {
        self.same(now)
            && match (&self.cards, &now.cards) {
                (CardsRead::Keys { keys, at }, _) => max_version(keys) <= *at,
                (CardsRead::Any { generation }, CardsRead::Any { generation: now }) => generation == now,
                (CardsRead::Any { .. }, CardsRead::Keys { .. }) => false,
            }
    }
}

impl WorkedOutOn for RankedOn {
    fn on_graph(&self) -> &OnGraph {
        &self.on
    }

    /// Only the graph, lists and limit: whether the cards still hold is [`RankedOn::holds`],
    /// which a lookup of suggestions asks.
    fn same(&self, other: &Self) -> bool {
        self.on.same(&other.on) && Arc::ptr_eq(&self.state, &other.state) && self.limit == other.limit
    }
}

/// Answers by viewer, each with what it was worked out on.
pub(crate) struct Memo<K, B, V> {
    held: Mutex<HashMap<K, (B, V)>>,
    /// Viewers whose answers are held at most.
    capacity: usize,
    counts: crate::changelog::Counts,
    off: std::sync::atomic::AtomicBool,
}

impl<K, B, V> Default for Memo<K, B, V> {
    fn default() -> Self {
        Self::with_capacity(HELD)
    }
}

/// Viewers whose answers are held, unless a memo says otherwise.
const HELD: usize = 10_000;

/// Degree counts, by the viewer's vertex.
pub(crate) type CountsMemo = Memo<Vertex, OnGraph, [u64; 3]>;
/// Suggestions, by the viewer's key.
pub(crate) type SuggestionMemo = Memo<crate::ids::MemberKey, RankedOn, Vec<Suggested>>;

impl<K, B, V> Memo<K, B, V> {
    pub fn with_capacity(capacity: usize) -> Self {
        Self { held: Mutex::default(), capacity: capacity.max(2), counts: Default::default(), off: Default::default() }
    }

    /// Holds nothing from now on.
    pub fn switch_off(&self) {
        self.off.store(true, std::sync::atomic::Ordering::Relaxed);
        self.held.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Answers served from memory, and answers worked out.
    pub fn counts(&self) -> (u64, u64) {
        self.counts.get()
    }
}

impl<K: Eq + Hash + Copy, B: WorkedOutOn, V: Clone> Memo<K, B, V> {
    /// The answer for `viewer` worked out on exactly `on`, if held.
    pub fn get(&self, viewer: K, on: &B) -> Option<V> {
        self.get_where(viewer, |held| held.same(on))
    }

    /// The answer for `viewer`, if held and what it was worked out on still `holds`.
    pub fn get_where(&self, viewer: K, holds: impl FnOnce(&B) -> bool) -> Option<V> {
        let memo = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let found = memo.get(&viewer).filter(|(held, _)| holds(held)).map(|(_, answer)| answer.clone());
        match found {
            Some(_) => self.counts.hit(1),
            None => self.counts.miss(1),
        }
        found
    }

    pub fn put(&self, viewer: K, on: B, answer: V) {
        if self.off.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let mut memo = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if memo.len() >= self.capacity {
            // Answers on an older graph state are useless; past that, any half.
            memo.retain(|_, (held, _)| held.on_graph().same_graph(on.on_graph()));
            if memo.len() >= self.capacity {
                let evicted: Vec<K> = memo.keys().take(self.capacity / 2).copied().collect();
                for key in evicted {
                    memo.remove(&key);
                }
            }
        }
        memo.insert(viewer, (on, answer));
    }
}
