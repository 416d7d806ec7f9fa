//! What wants-meet-haves finds.

use crate::entities::Role;
use crate::profiles::{MemberCard, Profile};
use serde::{Deserialize, Serialize};

/// Which way a member's tags meet another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
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

    /// Whether a profile, as a viewer may see it, shows the field a match is made through.
    pub fn shown_in(self, profile: &Profile) -> bool {
        match self {
            Self::TheyOffer => !profile.haves.is_empty(),
            Self::TheySeek => !profile.wants.is_empty(),
        }
    }
}

/// A member whose tags meet the asker's, as the asker may see them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Match {
    pub member: MemberCard,
    /// The tags that meet, by the name the network knows them by.
    pub tags: Vec<String>,
}
