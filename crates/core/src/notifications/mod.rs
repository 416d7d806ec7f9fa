//! Notifications: what a member is told personally — requests, answers, comments, likes,
//! mentions, birthdays — in the app and, as they choose per kind, by e-mail: at once or in
//! a daily digest, every mail with a one-click unsubscribe.

pub mod daily;
mod mail;
mod model;
mod needs;
mod repo;
mod service;
mod view;

pub use mail::sentence;
pub use model::{
    DigestMailJob, Effects, MailChoice, NewNotification, Notification, NotificationKind, NotificationMailJob,
};
pub(crate) use needs::NotificationsNeeds;
pub use needs::NotificationsStore;
pub use repo::NotificationRepo;
pub(crate) use service::EXCERPT;
pub use service::{MAX_PAGE, Notifications, PAGE, Unsubscribe};
pub use view::{MailSetting, NotificationPage, NotificationView, PostRef, excerpt};
