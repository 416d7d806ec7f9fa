//! The network: degrees, paths, shared contacts, counts and suggestions, computed on each
//! viewer's revealed graph.
//!
//! The rule (docs/ARCHITECTURE.md, "Who may see what"): a contact u–v counts for viewer V only if V is u
//! or v, or V may see u's or v's contact list. Only that list check uses true distances
//! ("contacts of contacts" = the list's owner is at most two true steps from V). Blocked
//! members and members who are not open never appear. [`Reveal`] turns the rule into the
//! graph engine's filter; everything shown to V goes through it.

mod cards;
mod index;
mod memo;
mod needs;
mod repo;
mod reveal;
mod service;
#[cfg(test)]
mod tests;

pub use crate::profiles::{CardData, MemberCard};
pub use cards::CardCache;
pub use index::NetworkIndex;
pub(crate) use memo::{CardsRead, CountsMemo, Memo, OnGraph, RankedOn, SuggestionMemo, WorkedOutOn};
pub(crate) use needs::NetworkNeeds;
pub use needs::NetworkStore;
pub use repo::{NetworkRepo, NetworkRow};
pub use reveal::Reveal;
pub use service::{Network, NetworkOverview, Suggested, Viewer};

use crate::ids::MemberKey;
use kontor_graph::{MAX_VERTEX, Vertex};

/// Members are graph vertices by their key (keys are dense; the graph holds 2^30).
pub fn vertex(key: MemberKey) -> Option<Vertex> {
    u32::try_from(key.0).ok().filter(|&v| v <= MAX_VERTEX)
}

pub fn member(v: Vertex) -> MemberKey {
    MemberKey(i64::from(v))
}

/// How far the network reaches: badges and paths stop at the 4th degree.
pub const MAX_DEGREE: u8 = 4;
