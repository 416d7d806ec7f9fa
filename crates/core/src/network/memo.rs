//! Suggestions remembered per viewer: ranking people one may know reads a large part of
//! the network and a few hundred cards, and the answer changes only with the graph, the
//! viewer's own lists (requests, dismissals, blocks) or members' cards, far less often
//! than members look at their home.

use super::Suggested;
use crate::accounts::MemberState;
use crate::ids::MemberKey;
use kontor_graph::{Snapshot, Vertex};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// Viewers whose suggestions are held.
const HELD: usize = 10_000;

/// What a list of suggestions was ranked on.
#[derive(Clone)]
pub(crate) struct RankedOn {
    /// A weak reference keeps the snapshot's allocation: no later graph has its address.
    pub graph: Weak<Snapshot>,
    pub version: u64,
    /// The viewer's lists as read then (held, so no later state has its address).
    pub state: Arc<MemberState>,
    /// The blocks the viewer's window was made with (read a moment before `state`).
    pub blocked: Vec<Vertex>,
    /// The card cache's generation: any card forgotten since may rank differently.
    pub cards: u64,
    pub limit: usize,
}

impl RankedOn {
    fn same(&self, other: &RankedOn) -> bool {
        std::ptr::eq(self.graph.as_ptr(), other.graph.as_ptr())
            && self.version == other.version
            && Arc::ptr_eq(&self.state, &other.state)
            && self.blocked == other.blocked
            && self.cards == other.cards
            && self.limit == other.limit
    }
}

#[derive(Default)]
pub(crate) struct SuggestionMemo(Mutex<HashMap<MemberKey, (RankedOn, Vec<Suggested>)>>);

impl SuggestionMemo {
    /// The list ranked for `viewer` on exactly `on`, if held.
    pub fn get(&self, viewer: MemberKey, on: &RankedOn) -> Option<Vec<Suggested>> {
        let memo = self.0.lock().unwrap_or_else(|p| p.into_inner());
        memo.get(&viewer).filter(|(held, _)| held.same(on)).map(|(_, list)| list.clone())
    }

    pub fn put(&self, viewer: MemberKey, on: RankedOn, list: Vec<Suggested>) {
        let mut memo = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if memo.len() >= HELD {
            // Lists of a freed graph are useless; past that, any half.
            memo.retain(|_, (held, _)| held.graph.strong_count() > 0);
            if memo.len() >= HELD {
                let evicted: Vec<MemberKey> = memo.keys().take(HELD / 2).copied().collect();
                for key in evicted {
                    memo.remove(&key);
                }
            }
        }
        memo.insert(viewer, (on, list));
    }
}
