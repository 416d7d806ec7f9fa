//! The ticker as a reader sees it: every item rendered when it is read, each member on it
//! through the profile policy.

use super::{ActivityKind, Audience, PostStats};
use crate::ids::{ActivityId, MemberId};
use crate::network::MemberCard;
use serde::Serialize;
use time::OffsetDateTime;

/// A piece of a post's or comment's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Span {
    Text {
        text: String,
    },
    Link {
        url: String,
    },
    /// A member the author mentioned, if the reader may see them.
    Mention {
        member: MemberId,
        name: String,
    },
}

/// A post as the reader may see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PostView {
    pub id: ActivityId,
    pub author: MemberCard,
    pub text: Vec<Span>,
    /// The text as written, for editing.
    #[serde(skip)]
    pub raw: String,
    pub audience: Audience,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub edited_at: Option<OffsetDateTime>,
    pub stats: PostStats,
    /// The reader wrote it.
    pub mine: bool,
}

/// A comment or reply under a post.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: ActivityId,
    pub author: MemberCard,
    pub text: Vec<Span>,
    #[serde(skip)]
    pub raw: String,
    /// The comment this one answers.
    pub reply_to: Option<ActivityId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub edited_at: Option<OffsetDateTime>,
    pub mine: bool,
    /// Replies (only under a comment; replies have none).
    #[schema(no_recursion)]
    pub replies: Vec<CommentView>,
}

/// The parts of a profile change the reader may see, with their values now.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct ProfileNewsView {
    /// The new position and company.
    pub position: Option<String>,
    pub company: Option<String>,
    pub headline: Option<String>,
    pub photo: bool,
}

/// Why an item is in the reader's ticker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Because {
    /// The reader did it.
    Yourself,
    /// The reader and this member are contacts.
    Contact { member: MemberId, name: String },
}

/// One item of the ticker.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TickerItem {
    pub id: ActivityId,
    pub kind: ActivityKind,
    pub actor: MemberCard,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// A new contact: the actor's new contact.
    pub other: Option<MemberCard>,
    /// A post: itself. A share, comment or like: the post it is about.
    pub post: Option<PostView>,
    /// A share's note or a comment's text.
    pub text: Option<Vec<Span>>,
    pub profile: Option<ProfileNewsView>,
    pub because: Because,
}

/// A page of the ticker.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TickerPage {
    pub items: Vec<TickerItem>,
    /// Pass as `before` for the next page; none at the end.
    pub next: Option<ActivityId>,
    /// Contacts whose birthday is today (first page only, where they let it be shown).
    pub birthdays: Vec<MemberCard>,
}

/// A post on its own page, with every comment.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PostThread {
    pub post: PostView,
    pub comments: Vec<CommentView>,
}

/// Splits `text` into plain text, web links and mentions of `mentioned` (members shown
/// by the name they have now; the author wrote `@` and that name).
pub fn spans(text: &str, mentioned: &[(MemberId, String)]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let at_word_start = plain.chars().last().is_none_or(|p| !p.is_alphanumeric());
        if c == '@'
            && at_word_start
            && let Some((id, name)) = mentioned.iter().find(|(_, n)| starts_with_name(&rest[1..], n))
        {
            flush(&mut out, &mut plain);
            out.push(Span::Mention { member: *id, name: name.clone() });
            rest = &rest[1 + name.len()..];
            continue;
        }
        if at_word_start && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest.find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"').unwrap_or(rest.len());
            // A sentence's full stop or closing bracket is not part of the link.
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            if url.len() > "https://".len() {
                flush(&mut out, &mut plain);
                out.push(Span::Link { url: url.to_string() });
                rest = &rest[url.len()..];
                continue;
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut out, &mut plain);
    out
}

fn starts_with_name(rest: &str, name: &str) -> bool {
    !name.is_empty() && rest.starts_with(name) && rest[name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn flush(out: &mut Vec<Span>, plain: &mut String) {
    if !plain.is_empty() {
        out.push(Span::Text { text: std::mem::take(plain) });
    }
}

/// The members `text` mentions among `candidates` (name and key), longest names first so
/// "@Anna Maria Schmidt" is not taken for "@Anna Maria".
pub fn mentioned<K: Copy + PartialEq>(text: &str, candidates: &[(K, String)]) -> Vec<K> {
    let mut by_length: Vec<&(K, String)> = candidates.iter().collect();
    by_length.sort_by_key(|(_, name)| std::cmp::Reverse(name.len()));
    let mut found = Vec::new();
    for (i, _) in text.match_indices('@') {
        if text[..i].chars().last().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let rest = &text[i + 1..];
        if let Some((key, _)) = by_length.iter().find(|(_, name)| starts_with_name(rest, name))
            && !found.contains(key)
        {
            found.push(*key);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Span {
        Span::Text { text: s.into() }
    }

    #[test]
    fn links_and_mentions_are_found_and_the_rest_is_text() {
        let anna = MemberId::new();
        let out =
            spans("Hallo @Anna Schmidt, siehe https://example.org/a?b=1. Danke!", &[(anna, "Anna Schmidt".into())]);
        assert_eq!(
            out,
            [
                text("Hallo "),
                Span::Mention { member: anna, name: "Anna Schmidt".into() },
                text(", siehe "),
                Span::Link { url: "https://example.org/a?b=1".into() },
                text(". Danke!"),
            ]
        );
        // A name that runs on is another name; an e-mail address is no mention.
        assert_eq!(spans("@Anna Schmidtke", &[(anna, "Anna Schmidt".into())]), [text("@Anna Schmidtke")]);
        assert_eq!(spans("xhttps://a.b", &[]), [text("xhttps://a.b")]);
        assert_eq!(spans("", &[]), []);
    }

    #[test]
    fn the_longest_matching_name_is_the_mention() {
        let candidates = [(1, "Anna Maria".to_string()), (2, "Anna Maria Schmidt".to_string()), (3, "Bo".into())];
        assert_eq!(mentioned("Danke @Anna Maria Schmidt und @Bo!", &candidates), [2, 3]);
        assert_eq!(mentioned("@Anna Maria, @Anna Maria", &candidates), [1]);
        assert!(mentioned("mail@Bo.de", &candidates).is_empty(), "an address is no mention");
    }
}
