//! Finding people: by what they wrote (the full-text index of `text.rs`, judged again on
//! what the searcher may see, `people.rs`), and wants meet haves — who offers what a
//! member seeks, and who seeks what they offer, matched on the tags of their profiles.
//!
//! Invariants: a member is found only through a field the asker may see of them, as the
//! profile policy and the network rule say (the match is made on the store's links, then
//! kept only if the asker's view of the member still shows the field it came from);
//! blocked, closed and hidden members are never found. Matches are remembered per viewer
//! until the graph, the viewer's blocks or any card change (`memo.rs`).

mod filters;
mod memo;
mod model;
mod needs;
mod people;
mod posts;
mod repo;
mod saved;
mod service;
pub mod text;

pub use filters::{FacetValue, Facets, Filters, Within};
pub(crate) use memo::MatchMemo;
pub use model::{Match, Meeting};
pub(crate) use needs::SearchNeeds;
pub use needs::SearchStore;
pub use people::{Asker, MAX_PAGES, PER_PAGE, PeopleFound, PeopleQuery, PersonHit, Sort};
pub use posts::{PostHit, PostsFound};
pub use repo::{Person, PostText, SearchRepo, TagsMet};
pub use saved::{ALERT_EVERY, MOST_SAVED, PAGES_WATCHED, SavedSearch, next_alert_round};
pub use service::Search;
