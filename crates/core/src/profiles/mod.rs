//! Profiles: the virtual business card, each field with its own visibility.
//!
//! Invariant: nothing of a profile leaves this module except through
//! [`ProfileView`], which is built field by field through the privacy policy for one
//! viewer. Defaults are safe: only name, headline and photo are shown to members; private
//! contact data is "only me"; nothing is public until the member says so.

mod card;
mod model;
mod needs;
mod news;
pub mod photo;
mod repo;
mod service;
mod view;

pub use card::{CardData, CardFields, MemberCard};
pub use model::*;
pub(crate) use needs::ProfilesNeeds;
pub use needs::ProfilesStore;
pub use news::{PROFILE_CHANGES_JOINED, ProfileChanges, ProfileNews};
pub use repo::ProfileRepo;
pub use service::{ProfileForm, Profiles, ViewAs};
pub use view::{ProfileView, Shown};
