//! What the network needs from the node.

use super::{CardData, CountsMemo, NetworkRepo, SuggestionMemo};
use crate::accounts::{AccountRepo, MemberStateNeeds};
use crate::basis::Basis;
use crate::error::Result;
use crate::ids::MemberKey;
use async_trait::async_trait;
use kontor_graph::Snapshot;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The part of the store the network reads: accounts, and members found by name.
pub trait NetworkStore: NetworkRepo + AccountRepo {}

impl<T: NetworkRepo + AccountRepo + ?Sized> NetworkStore for T {}

#[async_trait]
pub(crate) trait NetworkNeeds: Basis + MemberStateNeeds {
    fn store(&self) -> &dyn NetworkStore;

    /// This node's graph as it stands.
    fn snapshot(&self) -> Arc<Snapshot>;

    /// Members' accounts, profiles and grants, from memory or one read for the rest.
    async fn card_data(&self, keys: &[MemberKey]) -> Result<FxHashMap<MemberKey, Arc<CardData>>>;

    /// Grows whenever any member's card is forgotten.
    fn cards_generation(&self) -> u64;

    /// The highest version of these members' cards: grows when any of them is forgotten.
    fn cards_max_version(&self, keys: &[MemberKey]) -> u64;

    fn degree_counts(&self) -> &CountsMemo;

    fn suggested(&self) -> &SuggestionMemo;
}
