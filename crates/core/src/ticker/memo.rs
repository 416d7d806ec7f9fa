//! A viewer's first ticker page, remembered for as long as everything it was made of
//! holds: the graph state and the viewer's blocks, their own lists (mutes), every
//! followed member's list, the activities and their counts, the members' cards, and the
//! day. Members come back to their home far more often than their network changes;
//! any change to any of those makes every remembered page stale at once.

use super::{TickerFilter, TickerPage};
use crate::Kontor;
use crate::accounts::MemberState;
use crate::ids::MemberKey;
use crate::network::{Basis, Memo, OnGraph};
use std::sync::Arc;
use time::Date;

/// What a first page was made of.
pub(crate) struct ReadOn {
    pub on: OnGraph,
    /// The viewer's lists as read then (held, so no later state has its address).
    pub state: Arc<MemberState>,
    pub index: u64,
    pub content: (u64, u64),
    pub cards: u64,
    pub filter: TickerFilter,
    pub limit: usize,
    /// Birthdays are today's.
    pub today: Date,
}

impl ReadOn {
    /// Taken before the page is made: a change landing meanwhile makes it stale.
    pub fn of(k: &Kontor, on: OnGraph, state: Arc<MemberState>, filter: TickerFilter, limit: usize) -> Self {
        Self {
            on,
            state,
            index: k.derived().ticker.version(),
            content: k.derived().content.generation(),
            cards: k.derived().cards.generation(),
            filter,
            limit,
            today: k.now().date(),
        }
    }
}

impl Basis for ReadOn {
    fn on_graph(&self) -> &OnGraph {
        &self.on
    }

    fn same(&self, other: &Self) -> bool {
        self.on.same(&other.on)
            && Arc::ptr_eq(&self.state, &other.state)
            && self.index == other.index
            && self.content == other.content
            && self.cards == other.cards
            && self.filter == other.filter
            && self.limit == other.limit
            && self.today == other.today
    }
}

/// First pages by viewer and filter.
pub(crate) type PageMemo = Memo<(MemberKey, TickerFilter), ReadOn, Arc<TickerPage>>;

/// Pages held: with its HTML a page takes some 50 kilobytes, so at most about 50 MB.
pub(crate) const PAGES_HELD: usize = 1_000;
