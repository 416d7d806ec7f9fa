//! All state a node derives from the database, in one home: the indexes and caches, the
//! memos worked out on them, and the tailer that keeps them current.
//!
//! They change only through the change log (see [`crate::changelog::Tailer`]): a write
//! appends entries in its transaction, and every node, the writing one too, applies
//! them here. Each index declares the change kinds it listens to
//! ([`crate::changelog::Index::listens`]); the memos check what they were worked out on
//! whenever they are read.

use crate::StoreHandle;
use crate::accounts::{SessionCache, StateCache};
use crate::admin::SiteCache;
use crate::changelog::{Index, Tailer};
use crate::directory::Directory;
use crate::network::{CardCache, NetworkIndex, SuggestionMemo};
use crate::ticker::{ContentCache, PageMemo, TickerIndex};
use std::sync::Arc;

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
    /// Every member's name and state, for counts and the people search.
    pub directory: Arc<Directory>,
    /// Suggestions, per viewer.
    pub(crate) suggested: SuggestionMemo,
    /// First ticker pages, per viewer and filter.
    pub(crate) first_pages: PageMemo,
    /// Applies the log to every index above.
    pub tailer: Arc<Tailer>,
}

impl Derived {
    pub(crate) fn new(store: &StoreHandle) -> Self {
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
        let indexes: Vec<Arc<dyn Index>> = vec![
            directory.clone(),
            cards.clone(),
            site.clone(),
            sessions.clone(),
            state.clone(),
            content.clone(),
            network.clone(),
            ticker.clone(),
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
            suggested: SuggestionMemo::default(),
            first_pages: PageMemo::with_capacity(crate::ticker::PAGES_HELD),
        }
    }
}
