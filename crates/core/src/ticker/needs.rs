//! What the ticker needs from the node.

use super::{ContentCache, PageMemo, TickerIndex, TickerRepo};
use crate::accounts::{AccountRepo, MemberStateNeeds};
use crate::basis::Basis;
use crate::network::{CardCache, Network};
use crate::notifications::Notifications;
use std::sync::Arc;

/// The part of the store the ticker reads and writes: activities, settings and reports,
/// and the accounts of their authors.
pub trait TickerStore: TickerRepo + AccountRepo {}

impl<T: TickerRepo + AccountRepo + ?Sized> TickerStore for T {}

pub(crate) trait TickerNeeds: Basis + MemberStateNeeds {
    fn store(&self) -> &dyn TickerStore;

    /// Who follows whom, and authors' cards as each reader may see them.
    fn network(&self) -> Network<'_>;

    /// The notices a comment, like, share or mention leaves.
    fn notifications(&self) -> Notifications<'_>;

    /// Every member's newest activities.
    fn index(&self) -> &TickerIndex;

    /// What pages show of activities.
    fn content(&self) -> &ContentCache;

    /// Members' cards, for the versions a remembered page was made at.
    fn cards(&self) -> &CardCache;

    /// First pages, remembered per viewer and filter.
    fn first_pages(&self) -> &PageMemo;

    /// The same needs, held by a connection that outlives this request.
    fn held(&self) -> Arc<dyn TickerNeeds>;
}
