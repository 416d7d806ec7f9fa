//! What contacts need from the node.

use super::{ContactRepo, RequestLimits, RequestRepo};
use crate::accounts::{AccountRepo, MemberStateNeeds};
use crate::basis::Basis;
use crate::network::{Network, NetworkRepo};
use crate::notifications::Notifications;
use crate::ticker::TickerRepo;

/// The part of the store contacts read and write: contacts, requests and blocks, with
/// the accounts involved, members found by name and the ticker settings a new contact's
/// news follows.
pub trait ContactsStore: ContactRepo + RequestRepo + AccountRepo + NetworkRepo + TickerRepo {}

impl<T: ContactRepo + RequestRepo + AccountRepo + NetworkRepo + TickerRepo + ?Sized> ContactsStore for T {}

pub(crate) trait ContactsNeeds: Basis + MemberStateNeeds {
    fn store(&self) -> &dyn ContactsStore;

    /// Cards, degrees and paths of the people in a list.
    fn network(&self) -> Network<'_>;

    /// The notices a request and its answer leave.
    fn notifications(&self) -> Notifications<'_>;

    /// Limits against mass contact requests.
    fn request_limits(&self) -> &RequestLimits;

    /// The address members reach the site at, for the address book's links.
    fn public_url(&self) -> &str;
}
