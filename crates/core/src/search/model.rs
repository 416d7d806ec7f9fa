//! What wants-meet-haves finds.

use crate::entities::Role;
use crate::profiles::{MemberCard, Profile};
use serde::{Deserialize, Serialize};

/// Which way a member's tags meet another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Meeting {
    /// They offer what I seek: my wants meet their haves.
    TheyOffer,
    /// They seek what I offer: my haves meet their wants.
    TheySeek,
}

impl Meeting {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TheyOffer => "they_offer",
            Self::TheySeek => "they_seek",
        }
    }

    /// How the asker is linked to a tag, and how the members found are.
    pub fn roles(self) -> (Role, Role) {
        match self {
            Self::TheyOffer => (Role::Want, Role::Have),
            Self::TheySeek => (Role::Have, Role::Want),
        }
    }

    /// Whether the asker's own profile names anything to meet (their wants, or haves).
    pub fn named_in(self, mine: &Profile) -> bool {
        !tags(mine, self.roles().0).is_empty()
    }

    /// Whether another's profile, as the asker may see it, shows the field a match is made
    /// through (a field kept from the asker is empty there).
    pub fn shown_in(self, theirs: &Profile) -> bool {
        !tags(theirs, self.roles().1).is_empty()
    }
}

/// The tags a profile lists in the field of `role` (haves or wants).
fn tags(profile: &Profile, role: Role) -> &[String] {
    match role {
        Role::Have => &profile.haves,
        Role::Want => &profile.wants,
        _ => &[],
    }
}

/// A member whose tags meet the asker's, as the asker may see them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Match {
    pub member: MemberCard,
    /// The tags that meet, by the name the network knows them by.
    pub tags: Vec<String>,
}
