//! What search needs from the node.

use super::{MatchMemo, SearchRepo};
use crate::accounts::{Account, AccountRepo};
use crate::basis::Basis;
use crate::error::Result;
use crate::ids::MemberKey;
use crate::jobs::JobRepo;
use crate::network::Network;
use crate::notifications::Notifications;

/// The part of the store search reads and writes: the links between members and tags,
/// the people the full-text index holds, saved searches, the accounts that keep them and
/// the queue their alert rounds run on.
pub trait SearchStore: SearchRepo + AccountRepo + JobRepo {}

impl<T: SearchRepo + AccountRepo + JobRepo + ?Sized> SearchStore for T {}

#[async_trait::async_trait]
pub(crate) trait SearchNeeds: Basis + crate::site::SiteNeeds {
    fn store(&self) -> &dyn SearchStore;

    /// Members' cards as each asker may see them, and who is how far away.
    fn network(&self) -> Network<'_>;

    /// Grows whenever any member's card is forgotten.
    fn cards_generation(&self) -> u64;

    /// Matches, remembered per viewer and way.
    fn matches(&self) -> &MatchMemo;

    /// The node's full-text index.
    fn text_index(&self) -> &dyn super::text::TextIndex;

    /// Notifications, to tell of saved searches' new people as the member chose.
    fn notifications(&self) -> Notifications<'_>;

    /// The ticker, which says who may read a post.
    fn ticker(&self) -> crate::ticker::Ticker<'_>;

    async fn account(&self, member: MemberKey) -> Result<Option<Account>> {
        Ok(self.store().account_by_key(member).await?)
    }

    async fn enqueue(&self, jobs: &[crate::jobs::NewJob]) -> Result<()> {
        Ok(self.store().enqueue_jobs(jobs).await?)
    }
}
