//! What profiles need from the node.

use super::ProfileRepo;
use crate::accounts::AccountRepo;
use crate::basis::Basis;
use crate::ids::{MemberId, MemberKey};
use crate::images::ImageWork;
use crate::network::Network;

/// The part of the store profiles read and write: profiles and photos, and accounts.
pub trait ProfilesStore: ProfileRepo + AccountRepo {}

impl<T: ProfileRepo + AccountRepo + ?Sized> ProfilesStore for T {}

pub(crate) trait ProfilesNeeds: Basis {
    fn store(&self) -> &dyn ProfilesStore;

    /// The member with this public id, if this node knows them (from memory).
    fn key_of(&self, id: MemberId) -> Option<MemberKey>;

    /// Cards and relations: who may see a profile is worked out as for every list of people.
    fn network(&self) -> Network<'_>;

    /// The workers that decode and scale uploaded photos.
    fn images(&self) -> &ImageWork;

    /// The largest photo accepted, in megapixels.
    fn photo_megapixels(&self) -> u32;
}
