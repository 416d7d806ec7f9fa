//! All state a node derives from the database, in one home: the indexes and caches, the
//! memos worked out on them, and the tailer that keeps them current.
//!
//! They change only through the change log (see [`crate::changelog::Tailer`]): a write
//! appends entries in its transaction, and every node, the writing one too, applies
//! them here. Each index declares the change kinds it listens to
//! ([`crate::changelog::Index::listens`]); the memos check what they were worked out on
//! whenever they are read.

use crate::accounts::{SessionCache, StateCache};
use crate::changelog::{Index, Tailer};
use crate::directory::Directory;
use crate::network::{CardCache, CountsMemo, NetworkIndex, SuggestionMemo};
use crate::search::MatchMemo;
use crate::search::text::TextIndex;
use crate::site::SiteCache;
use crate::ticker::{ContentCache, PageMemo, TickerIndex};
use crate::{Store, StoreHandle};
use std::sync::Arc;

/// The full-text index (the `kontor-search` crate), followed by the tailer like every
/// other index.
pub trait FullText: TextIndex + Index<dyn Store> {}

impl<T: TextIndex + Index<dyn Store>> FullText for T {}

pub struct Derived {
    /// The graph of who is whose contact.
    pub network: Arc<NetworkIndex>,
    /// Every member's newest activities.
    pub ticker: Arc<TickerIndex>,
    /// What ticker pages show of activities.
    pub content: Arc<ContentCache>,
    /// Members' accounts, profiles and grants.
    pub cards: Arc<CardCache>,
    /// The site settings.
    pub site: Arc<SiteCache>,
    /// Signed-in browsers' sessions.
    pub sessions: Arc<SessionCache>,
    /// Members' own counts and lists.
    pub state: Arc<StateCache>,
    /// Every member's name and state, for counts and for finding members by public id.
    pub directory: Arc<Directory>,
    /// What members wrote, to search (on local disk).
    pub text: Arc<dyn FullText>,
    /// Suggestions, per viewer.
    pub(crate) suggested: SuggestionMemo,
    /// How many members are 1, 2 and 3 steps away, per viewer.
    pub(crate) degree_counts: CountsMemo,
    /// First ticker pages, per viewer and filter.
    pub(crate) first_pages: PageMemo,
    /// Who offers what a viewer looks for (and the reverse), per viewer and way.
    pub(crate) matches: MatchMemo,
    /// Applies the log to every index above.
    pub tailer: Arc<Tailer<dyn Store>>,
}

impl Derived {
    /// Every cache and memo from now on holds nothing: each read goes to the database
    /// or is worked out again (the indexes stay: they have no other source).
    pub(crate) fn switch_off(&self) {
        self.cards.switch_off();
        self.content.switch_off();
        self.sessions.switch_off();
        self.state.switch_off();
        self.site.switch_off();
        self.suggested.switch_off();
        self.degree_counts.switch_off();
        self.first_pages.switch_off();
        self.matches.switch_off();
    }

    /// Each cache and memo by name, with its reads answered from memory and those that
    /// were not (for `/metrics`).
    pub fn cache_counts(&self) -> [(&'static str, (u64, u64)); 9] {
        [
            ("cards", self.cards.counts()),
            ("content", self.content.counts()),
            ("sessions", self.sessions.counts()),
            ("member_state", self.state.counts()),
            ("site", self.site.counts()),
            ("suggestions", self.suggested.counts()),
            ("degree_counts", self.degree_counts.counts()),
            ("first_pages", self.first_pages.counts()),
            ("matches", self.matches.counts()),
        ]
    }

    pub(crate) fn new(store: &StoreHandle, text: Arc<dyn FullText>) -> Self {
        let network = NetworkIndex::new();
        let ticker = TickerIndex::new();
        let content = ContentCache::new();
        let cards = CardCache::new();
        let site = SiteCache::new();
        let sessions = SessionCache::new();
        let state = StateCache::new();
        let directory = Directory::new();
        // In this order: the ticker index announces news to live pages, which then read
        // the caches before it, already current.
        let indexes: Vec<Arc<dyn Index<dyn Store>>> = vec![
            directory.clone(),
            cards.clone(),
            site.clone(),
            sessions.clone(),
            state.clone(),
            content.clone(),
            network.clone(),
            ticker.clone(),
            text.clone(),
        ];
        Self {
            tailer: Tailer::new(store.clone(), indexes),
            network,
            ticker,
            content,
            cards,
            site,
            sessions,
            state,
            directory,
            text,
            suggested: SuggestionMemo::default(),
            degree_counts: CountsMemo::default(),
            first_pages: PageMemo::with_capacity(crate::ticker::PAGES_HELD),
            matches: MatchMemo::default(),
        }
    }
}
