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
    /// None where the reader may not see who wrote it (a public post read by someone
    /// not logged in, whose author shows their name to members only): "a member of"
    /// the site.
    pub author: Option<MemberCard>,
    pub text: Vec<Span>,
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

/// One item of the ticker: a post with what happened to it, a new contact or a profile
/// change. `id`, `kind`, `actor`, `at` and `because` are those of its newest activity.
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
    /// A share's note or a comment's text (of the newest activity).
    pub text: Option<Vec<Span>>,
    pub profile: Option<ProfileNewsView>,
    pub because: Because,
    /// On a post: the shares, comments and likes this page gathered into it, newest
    /// first (the newest is the item's own; the post itself is not among them).
    pub reactions: Vec<Reaction>,
    /// Every reason the reader sees the item, one per member whose doing brought it.
    pub reasons: Vec<Because>,
}

/// A share, comment or like gathered into a post's item.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Reaction {
    pub id: ActivityId,
    pub kind: ActivityKind,
    pub actor: MemberCard,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// A comment's text or a share's note.
    pub text: Option<Vec<Span>>,
}

/// "X and 3 others liked this": who did one kind of thing to a post, newest first.
#[derive(Debug)]
pub struct ReactionLine<'a> {
    pub kind: ActivityKind,
    /// The newest of them.
    pub first: &'a MemberCard,
    /// How many other members did the same.
    pub others: usize,
}

impl ReactionLine<'_> {
    /// The message that ends the line after the first member's name.
    pub fn key(&self) -> &'static str {
        match self.kind {
            ActivityKind::Share => "ticker-reacted-share",
            ActivityKind::Comment => "ticker-reacted-comment",
            _ => "ticker-reacted-like",
        }
    }
}

impl TickerItem {
    /// A line per kind of reaction, the kind done most recently first; a member who did
    /// the same twice counts once.
    pub fn summary(&self) -> Vec<ReactionLine<'_>> {
        let mut lines: Vec<(ActivityKind, Vec<&MemberCard>)> = Vec::new();
        for r in &self.reactions {
            let at = match lines.iter().position(|(kind, _)| *kind == r.kind) {
                Some(at) => at,
                None => {
                    lines.push((r.kind, Vec::new()));
                    lines.len() - 1
                }
            };
            let members = &mut lines[at].1;
            if !members.iter().any(|m| m.id == r.actor.id) {
                members.push(&r.actor);
            }
        }
        lines
            .into_iter()
            .map(|(kind, members)| ReactionLine { kind, first: members[0], others: members.len() - 1 })
            .collect()
    }

    /// The comments to show under the post, oldest first, at most a preview's worth
    /// (the newest ones; the post's page has them all).
    pub fn comments_shown(&self) -> Vec<&Reaction> {
        let mut shown: Vec<&Reaction> = self
            .reactions
            .iter()
            .filter(|r| r.kind == ActivityKind::Comment)
            .take(super::limits::COMMENTS_PREVIEW)
            .collect();
        shown.reverse();
        shown
    }

    /// The notes of shares gathered into the item, newest first.
    pub fn share_notes(&self) -> Vec<(&MemberCard, &Vec<Span>)> {
        self.reactions
            .iter()
            .filter(|r| r.kind == ActivityKind::Share)
            .filter_map(|r| r.text.as_ref().map(|t| (&r.actor, t)))
            .collect()
    }
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
    /// The post's text as written, for its author to edit.
    #[serde(skip)]
    pub raw: String,
    pub comments: Vec<CommentView>,
}

/// Splits `text` into plain text, web links and mentions of `mentioned` (members shown
/// by the name they have now; the author wrote `@` and that name). A link or mention
/// starts a word; the text between them is copied in one piece.
pub fn spans(text: &str, mentioned: &[(MemberId, String)]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // Where the plain text not yet given out begins, and where to look on.
    let (mut plain, mut from) = (0, 0);
    while let Some(i) = next_candidate(text, from, !mentioned.is_empty()) {
        let rest = &text[i..];
        let word_start = i == plain || text[..i].chars().next_back().is_none_or(|p| !p.is_alphanumeric());
        let found = if !word_start {
            None
        } else if let Some(after) = rest.strip_prefix('@') {
            mentioned
                .iter()
                .find(|(_, n)| starts_with_name(after, n))
                .map(|(id, name)| (Span::Mention { member: *id, name: name.clone() }, 1 + name.len()))
        } else if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest.find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"').unwrap_or(rest.len());
            // A sentence's full stop or closing bracket is not part of the link.
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            (url.len() > "https://".len()).then(|| (Span::Link { url: url.to_string() }, url.len()))
        } else {
            None
        };
        match found {
            Some((span, len)) => {
                if plain < i {
                    out.push(Span::Text { text: text[plain..i].to_string() });
                }
                out.push(span);
                (plain, from) = (i + len, i + len);
            }
            // '@' and 'h' are one byte each.
            None => from = i + 1,
        }
    }
    if plain < text.len() {
        out.push(Span::Text { text: text[plain..].to_string() });
    }
    out
}

/// Where, from `from` on, a mention (if any are wanted) or a link may start.
fn next_candidate(text: &str, from: usize, mentions: bool) -> Option<usize> {
    let rest = &text[from..];
    let at_sign = if mentions { rest.find('@') } else { None };
    let link = rest.find("http");
    let first = match (at_sign, link) {
        (Some(a), Some(l)) => Some(a.min(l)),
        (a, l) => a.or(l),
    };
    first.map(|i| from + i)
}

fn starts_with_name(rest: &str, name: &str) -> bool {
    !name.is_empty() && rest.starts_with(name) && rest[name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
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
        // Links and mentions back to back, a link alone, and "http" in a word.
        assert_eq!(
            spans("https://a.example@Anna Schmidt http://b.example", &[(anna, "Anna Schmidt".into())]),
            [
                Span::Link { url: "https://a.example@Anna".into() },
                text(" Schmidt "),
                Span::Link { url: "http://b.example".into() },
            ]
        );
        assert_eq!(spans("@Anna Schmidt@Anna Schmidt", &[(anna, "Anna Schmidt".into())]).len(), 2);
        assert_eq!(spans("ahttp://x.example hhttps", &[]), [text("ahttp://x.example hhttps")]);
        assert_eq!(spans("Grüße, @Anna Schmidt!", &[]), [text("Grüße, @Anna Schmidt!")]);
    }

    #[test]
    fn the_longest_matching_name_is_the_mention() {
        let candidates = [(1, "Anna Maria".to_string()), (2, "Anna Maria Schmidt".to_string()), (3, "Bo".into())];
        assert_eq!(mentioned("Danke @Anna Maria Schmidt und @Bo!", &candidates), [2, 3]);
        assert_eq!(mentioned("@Anna Maria, @Anna Maria", &candidates), [1]);
        assert!(mentioned("mail@Bo.de", &candidates).is_empty(), "an address is no mention");
    }
}
