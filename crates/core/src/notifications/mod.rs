//! Notifications: what a member is told personally — requests, answers, comments, likes,
//! mentions, birthdays — in the app and, as they choose per kind, by e-mail.

mod model;
mod repo;

pub use model::{Effects, MailChoice, NewNotification, Notification, NotificationKind};
pub use repo::NotificationRepo;
