use crate::error::FieldError;
use crate::ids::{ActivityId, ActivityKey, MemberKey};
use crate::names::named_enum;
use crate::profiles::ProfileChanges;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub mod limits {

    pub const POST_CHARS: usize = 3_000;
    pub const COMMENT_CHARS: usize = 1_250;
    pub const REPORT_CHARS: usize = 500;
    /// Reported posts the administrators' queue shows at once.
    pub const REPORTS_SHOWN: u32 = 50;
    /// Items on a ticker page.
    pub const PAGE: usize = 20;
    pub const MAX_PAGE: usize = 100;
    /// Comments shown under a post in the ticker (the post's page shows them all).
    pub const COMMENTS_PREVIEW: usize = 3;
    /// Members one text may mention (and so notify).
    pub const MENTIONS: usize = 20;
    /// What the composer may ask suggestions for after an `@` (a name's length).
    pub const MENTION_QUERY_CHARS: usize = 100;
}

named_enum! {
    /// What an activity is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum ActivityKind {
        Post = "post",
        Share = "share",
        Comment = "comment",
        Like = "like",
        Contact = "contact",
        Profile = "profile",
    }
}

named_enum! {
    /// Who may see a post. Ordered from the narrowest to the widest.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Audience {
        #[default]
        Contacts = "contacts",
        ContactsOfContacts = "contacts_of_contacts",
        Members = "members",
        Public = "public",
    }
}

impl Audience {
    /// The audience in the policy's terms (see [`crate::privacy::needs`]).
    pub fn visibility(self) -> crate::privacy::Visibility {
        use crate::privacy::Visibility;
        match self {
            Self::Contacts => Visibility::Contacts,
            Self::ContactsOfContacts => Visibility::ContactsOfContacts,
            Self::Members => Visibility::Members,
            Self::Public => Visibility::Public,
        }
    }
}

named_enum! {
    /// Who hears of a member's profile changes. Ordered from the narrowest to the widest.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Reach {
        Nobody = "nobody",
        #[default]
        Contacts = "contacts",
        Members = "members",
    }
}

impl Reach {
    /// The audience an item written under this reach has (none for nobody).
    pub fn audience(self) -> Option<Audience> {
        match self {
            Self::Nobody => None,
            Self::Contacts => Some(Audience::Contacts),
            Self::Members => Some(Audience::Members),
        }
    }
}

named_enum! {
    /// The reader's filter: one kind of news, or all of it.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum TickerFilter {
        #[default]
        All = "all",
        Posts = "posts",
        Conversations = "conversations",
        Contacts = "contacts",
        Profiles = "profiles",
    }
}

impl TickerFilter {
    pub fn admits(self, kind: ActivityKind) -> bool {
        match self {
            Self::All => true,
            Self::Posts => matches!(kind, ActivityKind::Post | ActivityKind::Share),
            Self::Conversations => matches!(kind, ActivityKind::Comment | ActivityKind::Like),
            Self::Contacts => kind == ActivityKind::Contact,
            Self::Profiles => kind == ActivityKind::Profile,
        }
    }
}

/// What the ticker tells others of a member. The defaults answer the fear the source
/// documents name: contacts hear of new contacts only because the member lets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TickerSettings {
    /// "My new contacts" go to my contacts (else to nobody).
    pub announce_contacts: bool,
    /// Who hears of a new position, photo or headline.
    pub profile_reach: Reach,
    /// My contacts see my birthday in their ticker (only where my birthday field is
    /// visible to them as well).
    pub birthday: bool,
}

impl Default for TickerSettings {
    fn default() -> Self {
        Self { announce_contacts: true, profile_reach: Reach::Contacts, birthday: false }
    }
}

/// An activity as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub key: ActivityKey,
    pub id: ActivityId,
    pub actor: MemberKey,
    pub kind: ActivityKind,
    /// A new contact: the other member. A share, comment or like: the post's author.
    pub other: Option<MemberKey>,
    /// A share, comment or like: the post.
    pub post: Option<ActivityKey>,
    /// A reply: the comment it answers.
    pub parent: Option<ActivityKey>,
    /// A post or share: who may see it. A new contact or profile change: the reach the
    /// member had chosen when it happened (a later, wider choice never widens it).
    pub audience: Audience,
    /// A share, comment or like: the post's audience.
    pub post_audience: Option<Audience>,
    pub body: String,
    pub changes: ProfileChanges,
    pub created_at: OffsetDateTime,
    pub edited_at: Option<OffsetDateTime>,
}

/// An activity to write; the database gives it its key.
#[derive(Clone, Debug)]
pub struct NewActivity {
    pub id: ActivityId,
    pub actor: MemberKey,
    pub kind: ActivityKind,
    pub other: Option<MemberKey>,
    pub post: Option<ActivityKey>,
    pub parent: Option<ActivityKey>,
    pub audience: Audience,
    pub post_audience: Option<Audience>,
    pub body: String,
    pub changes: ProfileChanges,
    pub created_at: OffsetDateTime,
}

impl NewActivity {
    pub fn new(actor: MemberKey, kind: ActivityKind, audience: Audience, at: OffsetDateTime) -> Self {
        Self {
            id: ActivityId::new(),
            actor,
            kind,
            other: None,
            post: None,
            parent: None,
            audience,
            post_audience: None,
            body: String::new(),
            changes: ProfileChanges::default(),
            created_at: at,
        }
    }

    /// A share, comment or like of `post`.
    pub fn on(actor: MemberKey, kind: ActivityKind, post: &Activity, at: OffsetDateTime) -> Self {
        Self {
            other: Some(post.actor),
            post: Some(post.key),
            post_audience: Some(post.audience),
            ..Self::new(actor, kind, post.audience, at)
        }
    }
}

/// Counts under a post, and whether the reader liked it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PostStats {
    pub likes: u32,
    pub comments: u32,
    pub shares: u32,
    pub liked: bool,
}

/// A post someone reported, for the operator.
#[derive(Clone, Debug)]
pub struct Report {
    pub post: ActivityKey,
    pub reporter: MemberKey,
    pub reason: String,
    pub created_at: OffsetDateTime,
}

/// Checks a post's or comment's text: trimmed, not empty, not too long.
/// `max` counts the characters as sent, spaces around included, as the API's document
/// states it.
pub fn text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if raw.chars().count() > max {
        return Err(FieldError::new(field, "too_long"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, "invalid"));
    }
    Ok(text.replace("\r\n", "\n"))
}
