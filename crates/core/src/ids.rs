//! Identifiers. Public ids are opaque, time-sortable UUIDv7s; every member also has an
//! internal integer key that the contacts tables and the in-memory graph use.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! public_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh id; v7, so ids sort by creation time.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
            pub fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
            pub fn parse(s: &str) -> Option<Self> {
                Uuid::parse_str(s).ok().map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_simple().fmt(f)
            }
        }

        /// Hex digits only: pages write it as it is, with nothing to escape.
        impl askama::filters::HtmlSafe for $name {}
    };
}

public_id!(
    /// A member's public id, as it appears in URLs and the API.
    MemberId
);
public_id!(
    /// A job in the background queue.
    JobId
);
public_id!(
    /// A personal access token (its id, never its secret).
    TokenId
);
public_id!(
    /// A contact request.
    RequestId
);

/// A member's internal integer key: dense, assigned by the database, used by the contacts
/// tables and mapped to graph indices. Never shown outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberKey(pub i64);

public_id!(
    /// An activity: a post, share, comment, like, new contact or profile change.
    ActivityId
);
public_id!(
    /// A notification.
    NotificationId
);

public_id!(
    /// A search a member keeps.
    SavedSearchId
);

/// An activity's internal key: assigned by the database in the order activities are
/// written, so the ticker sorts by it. Never shown outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActivityKey(pub i64);

/// A fixed id from a name, so the same thing written twice (by two nodes, or a round run
/// again) is stored once.
pub fn named_uuid(name: &str) -> Uuid {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}
