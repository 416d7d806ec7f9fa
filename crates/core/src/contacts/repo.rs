use super::{Contact, ContactQuery, ContactRequest, ContactSettings, ContactTag};
use crate::StoreError;
use crate::changelog::LogPosition;
use crate::ids::{MemberKey, RequestId};
use crate::notifications::Effects;
use crate::profiles::Field;
use crate::ticker::NewActivity;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Storage of contact requests.
#[async_trait]
pub trait RequestRepo: Send + Sync {
    /// Stores a new request with its effects (the recipient's notification and mail).
    /// `Conflict("contact_requests")` if one exists between the two in either direction.
    async fn create_request(&self, request: &ContactRequest, effects: &Effects) -> Result<(), StoreError>;

    async fn request(&self, id: RequestId) -> Result<Option<ContactRequest>, StoreError>;

    /// The request between `a` and `b`, sent by either.
    async fn request_between(&self, a: MemberKey, b: MemberKey) -> Result<Option<ContactRequest>, StoreError>;

    /// Requests `member` received and has not declined, newest first.
    async fn requests_received(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError>;

    /// Requests `member` sent (declined ones included), newest first.
    async fn requests_sent(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError>;

    /// How many requests `member` received and has not answered.
    async fn count_received(&self, member: MemberKey) -> Result<u64, StoreError>;

    /// How many of `member`'s requests wait for an answer (declined ones included, since
    /// the sender cannot tell them apart).
    async fn count_sent(&self, member: MemberKey) -> Result<u64, StoreError>;

    async fn decline_request(&self, id: RequestId, now: OffsetDateTime) -> Result<(), StoreError>;

    /// Deletes a request (withdrawn by its sender). `NotFound` if it is gone.
    async fn delete_request(&self, id: RequestId) -> Result<(), StoreError>;

    /// Turns the request into a contact (both sides, `how` from the request) and deletes
    /// it, with the ticker's news of it (a row per side that tells) and its effects.
    /// `NotFound` if the request is gone; `Conflict` if they became contacts anyway.
    async fn accept_request(
        &self,
        id: RequestId,
        now: OffsetDateTime,
        news: &[NewActivity],
        effects: &Effects,
    ) -> Result<LogPosition, StoreError>;

    /// Declined requests older than `before` are forgotten; returns how many.
    async fn prune_declined_requests(&self, before: OffsetDateTime) -> Result<u64, StoreError>;
}

/// Storage of contacts, blocks, dismissed suggestions and settings. Every method that
/// changes who is whose contact, or a member's list setting, logs `NetworkChanged` for
/// each member concerned in its transaction.
#[async_trait]
pub trait ContactRepo: Send + Sync {
    /// `member`'s side of the contact with `other`.
    async fn contact(&self, member: MemberKey, other: MemberKey) -> Result<Option<Contact>, StoreError>;

    /// A page of `member`'s contacts who are open (active, not closing).
    async fn contacts(&self, member: MemberKey, query: &ContactQuery) -> Result<Vec<Contact>, StoreError>;

    /// Every tag `member` uses, sorted.
    async fn contact_tags(&self, member: MemberKey) -> Result<Vec<ContactTag>, StoreError>;

    /// Replaces `member`'s tags, note and grants on the contact with `other` (the log
    /// says `member`'s profile changed: the grants are part of it).
    async fn update_contact(
        &self,
        member: MemberKey,
        other: MemberKey,
        tags: &[ContactTag],
        note: &str,
        grants: &[Field],
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Removes the contact on both sides, with tags, notes and grants. `NotFound` if none.
    async fn remove_contact(&self, a: MemberKey, b: MemberKey, now: OffsetDateTime) -> Result<LogPosition, StoreError>;

    /// `blocker` blocks `blocked`: their contact and requests between them go.
    async fn block(
        &self,
        blocker: MemberKey,
        blocked: MemberKey,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;

    async fn unblock(&self, blocker: MemberKey, blocked: MemberKey) -> Result<(), StoreError>;

    /// Members `member` blocked, or who blocked `member`.
    async fn blocks_of(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError>;

    /// Members `member` blocked, most recent first.
    async fn blocked_by(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError>;

    async fn dismiss_suggestion(
        &self,
        member: MemberKey,
        other: MemberKey,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Members never to suggest to `member`, sorted: those with a request either way
    /// (open or declined) and those `member` dismissed. One query for the suggestions on
    /// every home page.
    async fn not_to_suggest(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError>;

    async fn contact_settings(&self, member: MemberKey) -> Result<ContactSettings, StoreError>;

    async fn set_contact_settings(
        &self,
        member: MemberKey,
        settings: ContactSettings,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;

    /// Confirmed contacts in bulk (imports): repeats and existing contacts are skipped;
    /// returns how many were new. Logs `NetworkChanged` for each member concerned.
    async fn import_contacts(
        &self,
        contacts: &[(MemberKey, MemberKey, OffsetDateTime)],
        now: OffsetDateTime,
    ) -> Result<u64, StoreError>;
}
