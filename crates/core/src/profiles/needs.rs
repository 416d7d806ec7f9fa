//! What profiles need from the node.

use super::CardData;
use super::ProfileRepo;
use crate::accounts::Account;
use crate::accounts::AccountRepo;
use crate::basis::Basis;
use crate::error::Result;
use crate::ids::{MemberId, MemberKey};
use crate::images::ImageWork;
use crate::privacy::Relation;
use async_trait::async_trait;
use std::sync::Arc;

/// The part of the store profiles read and write: profiles and photos, and accounts.
pub trait ProfilesStore: ProfileRepo + AccountRepo {}

impl<T: ProfileRepo + AccountRepo + ?Sized> ProfilesStore for T {}

#[async_trait]
pub(crate) trait ProfilesNeeds: Basis {
    fn store(&self) -> &dyn ProfilesStore;

    /// The member with this public id, if this node knows them (from memory).
    fn key_of(&self, id: MemberId) -> Option<MemberKey>;

    /// A member's account, profile and grants, from memory (also a closed member's).
    async fn card_data(&self, key: MemberKey) -> Result<Option<Arc<CardData>>>;

    /// How `viewer` stands to `owner` on the viewer's revealed graph, worked out as for
    /// every list of people.
    async fn relation(&self, viewer: &Account, owner: &Account) -> Result<Relation>;

    /// The workers that decode and scale uploaded photos.
    fn images(&self) -> &ImageWork;

    /// The largest photo accepted, in megapixels.
    fn photo_megapixels(&self) -> u32;
}
