//! Who may see a member's list of contacts: a setting of its own, in the policy's terms.

use super::Visibility;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Who may see a member's list of contacts (and so the contacts on it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListVisibility {
    OnlyMe,
    #[default]
    Contacts,
    ContactsOfContacts,
    Members,
}

impl ListVisibility {
    /// The setting in the policy's terms (see [`super::needs`]).
    pub fn visibility(self) -> Visibility {
        match self {
            Self::OnlyMe => Visibility::OnlyMe,
            Self::Contacts => Visibility::Contacts,
            Self::ContactsOfContacts => Visibility::ContactsOfContacts,
            Self::Members => Visibility::Members,
        }
    }

    pub const ALL: [ListVisibility; 4] = [Self::OnlyMe, Self::Contacts, Self::ContactsOfContacts, Self::Members];

    /// Spelled as the visibility it stands for.
    pub fn as_str(self) -> &'static str {
        self.visibility().as_str()
    }

    /// The setting as the graph's per-member tag.
    pub fn tag(self) -> u8 {
        self as u8
    }

    pub fn from_tag(tag: u8) -> Self {
        Self::ALL.get(tag as usize).copied().unwrap_or_default()
    }
}

impl FromStr for ListVisibility {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}
