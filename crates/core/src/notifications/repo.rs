use super::{MailChoice, Notification, NotificationKind};
use crate::StoreError;
use crate::ids::MemberKey;
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

    /// Marks the member's notifications read, up to and including key `up_to`; logs
    /// `NotificationsChanged`.
    async fn mark_read(&self, member: MemberKey, up_to: i64, at: OffsetDateTime) -> Result<(), StoreError>;
}
