//! A viewer's first ticker page, remembered for as long as everything it was made of
//! holds. Members come back to their home far more often than their part of the network
//! changes, so a page records what it was made of and is made again only when that
//! changed: the graph state and the viewer's own lists (blocks, mutes), the lists of
//! the members it follows, the activities and posts it shows with their counts, the
//! cards of the members on it, and the day. A post by X makes stale only the pages of
//! those who follow X; a like only the pages showing that post.

use super::TickerNeeds;
use super::{TickerFilter, TickerPage};
use crate::accounts::MemberState;
use crate::ids::{ActivityKey, MemberKey};
use crate::network::{Memo, OnGraph, WorkedOutOn};
use std::sync::Arc;
use time::Date;

/// What a first page was asked on: taken before it is made.
pub(crate) struct ReadOn {
    pub on: OnGraph,
    /// The viewer's lists as read then (held, so no later state has its address).
    pub state: Arc<MemberState>,
    pub filter: TickerFilter,
    pub limit: usize,
    /// Birthdays are today's.
    pub today: Date,
    /// The versions of the ticker lists, activities and cards before the page was made
    /// (a change to anything it shows after this makes it stale).
    before: Versions,
}

/// Versions of what a page shows: as each only grows, the highest of a set changes
/// whenever any member of the set changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Versions {
    lists: u64,
    content: (u64, u64),
    cards: u64,
}

impl ReadOn {
    /// Taken before the page is made: a change landing meanwhile makes it stale.
    pub fn of(k: &dyn TickerNeeds, on: OnGraph, state: Arc<MemberState>, filter: TickerFilter, limit: usize) -> Self {
        let content = k.content().generation();
        let before =
            Versions { lists: k.index().version(), content: (content, content), cards: k.cards().generation() };
        Self { on, state, filter, limit, today: k.now().date(), before }
    }

    /// Asked on exactly the same graph state, lists, filter and day.
    fn same(&self, other: &Self) -> bool {
        self.on.same(&other.on)
            && Arc::ptr_eq(&self.state, &other.state)
            && self.filter == other.filter
            && self.limit == other.limit
            && self.today == other.today
    }
}

/// What a page shows: the members it follows (their lists), the activities and posts on
/// it (the posts' counts as the viewer sees them), and every member on it (their cards).
pub(crate) struct Shown {
    pub viewer: MemberKey,
    pub followed: Vec<MemberKey>,
    pub activities: Vec<ActivityKey>,
    pub posts: Vec<ActivityKey>,
    pub members: Vec<MemberKey>,
}

impl Shown {
    fn versions(&self, k: &dyn TickerNeeds) -> Versions {
        Versions {
            lists: k.index().max_stamp(&self.followed),
            content: k.content().versions(&self.activities, &self.posts, self.viewer),
            cards: k.cards().max_version(&self.members),
        }
    }
}

/// A made page: what it was asked on, what it shows, and the versions it was made at.
pub(crate) struct Made {
    asked: ReadOn,
    shown: Shown,
    at: Versions,
    /// The caches' own versions when the page was last found to hold: while they stand
    /// still, nothing anywhere changed and the page holds without looking at its parts.
    verified: [std::sync::atomic::AtomicU64; 4],
}

impl Versions {
    fn as_array(self) -> [u64; 4] {
        [self.lists, self.content.0, self.content.1, self.cards]
    }
}

impl Made {
    /// A made page's record, unless something it shows changed while it was made.
    pub fn of(k: &dyn TickerNeeds, asked: ReadOn, shown: Shown) -> Option<Self> {
        let at = shown.versions(k);
        let before = asked.before;
        let held = at.as_array().into_iter().zip(before.as_array()).all(|(at, before)| at <= before);
        let made = Self { asked, shown, at, verified: Default::default() };
        made.remember_verified(before);
        held.then_some(made)
    }

    fn remember_verified(&self, versions: Versions) {
        for (held, now) in self.verified.iter().zip(versions.as_array()) {
            held.store(now, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// The page may be served again to a viewer asking on `now`.
    pub fn holds(&self, k: &dyn TickerNeeds, now: &ReadOn) -> bool {
        if !self.asked.same(now) {
            return false;
        }
        // `now.before` was read before this check: a change after it raises them again.
        let unchanged = self
            .verified
            .iter()
            .zip(now.before.as_array())
            .all(|(held, now)| held.load(std::sync::atomic::Ordering::Relaxed) == now);
        if unchanged {
            return true;
        }
        let holds = self.shown.versions(k) == self.at;
        if holds {
            self.remember_verified(now.before);
        }
        holds
    }
}

impl WorkedOutOn for Made {
    fn on_graph(&self) -> &OnGraph {
        &self.asked.on
    }

    fn same(&self, other: &Self) -> bool {
        self.asked.same(&other.asked) && self.at == other.at
    }
}

/// First pages by viewer and filter.
pub(crate) type PageMemo = Memo<(MemberKey, TickerFilter), Made, Arc<crate::changelog::Remembered<TickerPage>>>;

/// Pages held: with its HTML a page takes some 50 kilobytes, so at most about 50 MB.
pub(crate) const PAGES_HELD: usize = 1_000;
