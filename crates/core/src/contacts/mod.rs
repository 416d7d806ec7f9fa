//! Confirmed contacts: requests, the contacts themselves with their private tags, notes
//! and grants, blocks, dismissed suggestions and the contact-list setting.
//!
//! Every change that alters who is whose contact, or who may see whose list, logs
//! `NetworkChanged` for each member concerned, so every node's graph follows.

mod model;
mod needs;
mod repo;
mod service;
mod vcard;

pub use crate::privacy::ListVisibility;
pub use model::{
    Contact, ContactCursor, ContactQuery, ContactRequest, ContactSettings, ContactSort, ContactTag, HowWeKnow,
    RequestLimits, RequestState, limits,
};
pub(crate) use needs::ContactsNeeds;
pub use needs::ContactsStore;
pub use repo::{ContactRepo, RequestRepo};
pub use service::{
    ContactDetails, ContactEdit, ContactPage, Contacts, ListedContact, ReceivedRequest, RequestOutcome, SentRequest,
    Standing, Tie,
};
