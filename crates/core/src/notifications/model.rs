use crate::ids::{ActivityKey, JobId, MemberKey, NotificationId};
use crate::jobs::{JobKind, NewJob};
use crate::names::named_enum;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

named_enum! {
    /// What a notification is about.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum NotificationKind {
        ContactRequest = "contact_request",
        ContactAccepted = "contact_accepted",
        Comment = "comment",
        Reply = "reply",
        Like = "like",
        Mention = "mention",
        Birthday = "birthday",
        /// Someone new among the people a saved search finds.
        SearchMatch = "search_match",
    }
}

named_enum! {
    /// How a member wants a kind of notification by e-mail.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum MailChoice {
        Off = "off",
        Immediately = "immediately",
        Digest = "digest",
    }
}

impl NotificationKind {
    /// What members get by e-mail until they choose: what needs an answer at once,
    /// the rest once a day.
    pub fn default_mail(self) -> MailChoice {
        match self {
            Self::ContactRequest | Self::Mention | Self::Comment | Self::Reply => MailChoice::Immediately,
            Self::ContactAccepted | Self::Like | Self::Birthday | Self::SearchMatch => MailChoice::Digest,
        }
    }
}

/// A notification as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub key: i64,
    pub id: NotificationId,
    pub recipient: MemberKey,
    pub kind: NotificationKind,
    pub actor: Option<MemberKey>,
    /// The post it is about (for comments, likes, replies and mentions).
    pub activity: Option<ActivityKey>,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

/// A notification to write, with how it goes out by e-mail.
#[derive(Clone, Debug)]
pub struct NewNotification {
    pub id: NotificationId,
    pub recipient: MemberKey,
    pub kind: NotificationKind,
    pub actor: Option<MemberKey>,
    /// The post it is about; `None` on a notification written with a new activity means
    /// that activity (its key is not known before).
    pub activity: Option<ActivityKey>,
    pub mail: MailChoice,
    pub created_at: OffsetDateTime,
}

/// What a write brings about besides itself, written in its transaction.
#[derive(Clone, Debug, Default)]
pub struct Effects {
    pub notifications: Vec<NewNotification>,
    pub jobs: Vec<NewJob>,
}

impl Effects {
    pub fn none() -> Self {
        Self::default()
    }

    /// Who is notified (their unread counts change).
    pub fn recipients(&self) -> Vec<MemberKey> {
        self.notifications.iter().map(|n| n.recipient).collect()
    }

    pub fn extend(&mut self, other: Effects) {
        self.notifications.extend(other.notifications);
        self.jobs.extend(other.jobs);
    }

    /// Adds a notification and, if its recipient wants it at once, the job that mails it.
    /// The job carries the notification's id, so a store that finds the notification
    /// written already (a round run twice) queues no second mail.
    pub fn notify(&mut self, n: NewNotification) {
        if n.mail == MailChoice::Immediately {
            let payload = serde_json::json!({ "notification": n.id });
            let job = NewJob::now(JobKind::NotificationMail, Some(n.recipient), payload, n.created_at);
            self.jobs.push(NewJob { id: JobId::from_uuid(n.id.as_uuid()), ..job });
        }
        self.notifications.push(n);
    }
}

/// The payload of a [`JobKind::NotificationMail`] job.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct NotificationMailJob {
    pub notification: NotificationId,
}

/// The payload of a [`JobKind::DigestMail`] job: the member's digest notifications up to
/// and including key `up_to`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct DigestMailJob {
    pub member: MemberKey,
    pub up_to: i64,
}
