//! What search needs from the node.

use super::{MatchMemo, SearchRepo};
use crate::basis::Basis;
use crate::network::Network;

/// The part of the store search reads: the links between members and tags.
pub trait SearchStore: SearchRepo {}

impl<T: SearchRepo + ?Sized> SearchStore for T {}

pub(crate) trait SearchNeeds: Basis {
    fn store(&self) -> &dyn SearchStore;

    /// Members' cards as each asker may see them, and who is how far away.
    fn network(&self) -> Network<'_>;

    /// Grows whenever any member's card is forgotten.
    fn cards_generation(&self) -> u64;

    /// Matches, remembered per viewer and way.
    fn matches(&self) -> &MatchMemo;

    /// The node's full-text index.
    fn text_index(&self) -> &dyn super::text::TextIndex;
}
