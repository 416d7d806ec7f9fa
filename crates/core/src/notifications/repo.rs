use super::{Effects, MailChoice, Notification, NotificationKind};
use crate::StoreError;
use crate::ids::{MemberKey, NotificationId};
use crate::secrets::TokenHash;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Storage of notifications and the members' e-mail choices. Notifications are written
/// with the writes that cause them (see [`super::Effects`]).
#[async_trait]
pub trait NotificationRepo: Send + Sync {
    /// The member's choice for `kind`, if they made one.
    async fn mail_choice(&self, member: MemberKey, kind: NotificationKind) -> Result<Option<MailChoice>, StoreError>;

    /// Every choice the member made.
    async fn mail_choices(&self, member: MemberKey) -> Result<Vec<(NotificationKind, MailChoice)>, StoreError>;

    async fn set_mail_choice(
        &self,
        member: MemberKey,
        kind: NotificationKind,
        choice: MailChoice,
    ) -> Result<(), StoreError>;

    /// The member's notifications older than `before` (a key), newest first.
    async fn notifications(
        &self,
        member: MemberKey,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Notification>, StoreError>;

    async fn unread_notifications(&self, member: MemberKey) -> Result<u64, StoreError>;

    async fn notification(&self, id: NotificationId) -> Result<Option<Notification>, StoreError>;

    /// Writes notifications on their own (those not caused by a write, as birthdays). A
    /// notification whose id is already stored is not written again.
    async fn notify(&self, effects: &Effects) -> Result<(), StoreError>;

    /// The newest notification's key (0 if there is none).
    async fn notification_head(&self) -> Result<i64, StoreError>;

    /// Members with notifications up to key `up_to` waiting for their digest.
    async fn digest_recipients(&self, up_to: i64) -> Result<Vec<MemberKey>, StoreError>;

    /// The member's notifications up to key `up_to` waiting for their digest, oldest first.
    async fn digest(&self, member: MemberKey, up_to: i64) -> Result<Vec<Notification>, StoreError>;

    /// The member's notifications with these keys are mailed (or had nothing left to
    /// tell): they wait for no digest any more.
    async fn digest_sent(&self, member: MemberKey, keys: &[i64]) -> Result<(), StoreError>;

    /// Stores the hash of a one-click unsubscribe token for `member` and `what` (a kind's
    /// name, or "digest" for every kind mailed in the digest).
    async fn add_unsubscribe_token(
        &self,
        hash: &TokenHash,
        member: MemberKey,
        what: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Forgets tokens made before `before`; returns how many.
    async fn prune_unsubscribe_tokens(&self, before: OffsetDateTime) -> Result<u64, StoreError>;

    /// Whom and what the token unsubscribes.
    async fn unsubscribe_token(&self, hash: &TokenHash) -> Result<Option<(MemberKey, String)>, StoreError>;

    /// Marks the member's notifications read, up to and including key `up_to`; logs
    /// `NotificationsChanged`.
    async fn mark_read(&self, member: MemberKey, up_to: i64, at: OffsetDateTime) -> Result<(), StoreError>;
}
