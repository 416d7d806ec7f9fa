use super::{MailChoice, NotificationKind};
use crate::ids::{ActivityId, NotificationId};
use crate::network::MemberCard;
use serde::Serialize;
use time::OffsetDateTime;

/// A notification as its recipient sees it now: the member through the profile policy,
/// the post only while the recipient may see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    pub id: NotificationId,
    #[serde(skip)]
    pub key: i64,
    pub kind: NotificationKind,
    pub actor: Option<MemberCard>,
    pub post: Option<PostRef>,
    /// A contact request's note, while the request is open.
    pub note: Option<String>,
    /// Where the notification leads, as a path.
    pub link: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub read: bool,
}

/// The post a notification is about, in a few words.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PostRef {
    pub id: ActivityId,
    pub excerpt: String,
}

/// A page of notifications, newest first.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    /// The cursor for the next (older) page.
    pub next: Option<NotificationId>,
    /// The newest notification stored (first page only), to mark read up to: it may be
    /// one no longer shown, which must not keep the bell lit.
    pub newest: Option<NotificationId>,
    pub unread: u64,
}

/// How one kind of notification goes out by e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailSetting {
    pub kind: NotificationKind,
    pub mail: MailChoice,
}

/// The first words of a text, cut at a word boundary.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let end = cut.rfind(' ').filter(|&i| i > max_chars / 2).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short  text\nhere", 40), "short text here");
        assert_eq!(excerpt("one two three four five", 12), "one two…");
        assert_eq!(excerpt("Donaudampfschifffahrt", 6), "Donaud…");
    }
}
