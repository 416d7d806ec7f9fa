use crate::error::FieldError;
use crate::ids::{MemberKey, RequestId};
use crate::privacy::ListVisibility;
use crate::profiles::Field;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use time::OffsetDateTime;

pub mod limits {
    /// The personal note on a request.
    pub const MESSAGE_CHARS: usize = 500;
    /// A private note on a contact.
    pub const NOTE_CHARS: usize = 2_000;
    pub const TAG_CHARS: usize = 40;
    pub const TAGS_PER_CONTACT: usize = 20;
}

/// How two members know each other, as the sender of a request states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HowWeKnow {
    Colleagues,
    FormerColleagues,
    BusinessPartners,
    StudiedTogether,
    MetAtEvent,
    SameAssociation,
    Friends,
    Other,
}

impl HowWeKnow {
    pub const ALL: [HowWeKnow; 8] = [
        Self::Colleagues,
        Self::FormerColleagues,
        Self::BusinessPartners,
        Self::StudiedTogether,
        Self::MetAtEvent,
        Self::SameAssociation,
        Self::Friends,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Colleagues => "colleagues",
            Self::FormerColleagues => "former_colleagues",
            Self::BusinessPartners => "business_partners",
            Self::StudiedTogether => "studied_together",
            Self::MetAtEvent => "met_at_event",
            Self::SameAssociation => "same_association",
            Self::Friends => "friends",
            Self::Other => "other",
        }
    }
}

impl FromStr for HowWeKnow {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|h| h.as_str() == s).ok_or(())
    }
}

/// A member's settings for the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactSettings {
    pub list_visibility: ListVisibility,
}

impl Default for ContactSettings {
    fn default() -> Self {
        Self { list_visibility: ListVisibility::Contacts }
    }
}

/// The operator's limits against mass requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestLimits {
    /// Requests a member may have waiting for an answer at once.
    pub open: u32,
    /// Requests a member may send per day.
    pub per_day: u32,
}

impl Default for RequestLimits {
    fn default() -> Self {
        Self { open: 100, per_day: 50 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestState {
    Open,
    /// Declined by the recipient: the sender still sees it as open until it expires.
    Declined,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "declined" => Some(Self::Declined),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactRequest {
    pub id: RequestId,
    pub sender: MemberKey,
    pub recipient: MemberKey,
    pub message: String,
    pub how: HowWeKnow,
    pub state: RequestState,
    pub created_at: OffsetDateTime,
}

/// A private label a member puts on their contacts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct ContactTag(String);

impl ContactTag {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > limits::TAG_CHARS || s.chars().any(char::is_control) || s.contains(',') {
            return Err(FieldError::new(field, "invalid_tag"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One side of a confirmed contact: `member`'s view of `other`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub member: MemberKey,
    pub other: MemberKey,
    /// The other member's display name (for lists).
    pub name: String,
    pub since: OffsetDateTime,
    pub how: HowWeKnow,
    pub tags: Vec<ContactTag>,
    pub note: String,
    /// Fields `member` lets `other` see although their setting would hide them.
    pub grants: Vec<Field>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    #[default]
    Name,
    /// Newest contacts first.
    Recent,
}

/// Where a page of contacts ends, to continue after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContactCursor {
    Name(String, MemberKey),
    Recent(OffsetDateTime, MemberKey),
}

impl ContactCursor {
    pub fn of(sort: ContactSort, c: &Contact) -> Self {
        match sort {
            ContactSort::Name => Self::Name(c.name.clone(), c.other),
            ContactSort::Recent => Self::Recent(c.since, c.other),
        }
    }

    pub fn encode(&self) -> String {
        use base64::Engine;
        let raw = match self {
            Self::Name(name, key) => format!("n:{}:{name}", key.0),
            Self::Recent(at, key) => format!("r:{}:{}", key.0, at.unix_timestamp_nanos() / 1_000),
        };
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    }

    pub fn decode(s: &str) -> Option<Self> {
        use base64::Engine;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).ok()?;
        let raw = String::from_utf8(raw).ok()?;
        let mut parts = raw.splitn(3, ':');
        let (kind, key, rest) = (parts.next()?, parts.next()?, parts.next()?);
        let key = MemberKey(key.parse().ok()?);
        match kind {
            "n" => Some(Self::Name(rest.to_owned(), key)),
            "r" => {
                let micros: i128 = rest.parse().ok()?;
                Some(Self::Recent(OffsetDateTime::from_unix_timestamp_nanos(micros * 1_000).ok()?, key))
            }
            _ => None,
        }
    }
}

/// A page of a member's contacts.
#[derive(Clone, Debug, Default)]
pub struct ContactQuery {
    /// Part of the name, case-insensitive.
    pub text: Option<String>,
    pub tag: Option<ContactTag>,
    pub sort: ContactSort,
    pub after: Option<ContactCursor>,
    pub limit: u32,
}
