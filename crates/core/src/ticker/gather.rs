//! One card per post: a page's activities on the same post (the post itself, shares,
//! comments, likes) are gathered where the newest of them is, so a post liked three
//! times is shown once, saying who did what.
//!
//! Gathering never reorders and never drops: the cards stand in the order of their
//! newest activity, and every activity the page took is in exactly one card. A page
//! ends before the activity that would open one card too many, and its cursor is the
//! last activity it holds, so the next page goes on from there; a post shown again on a
//! later page shows only what happened to it below that cursor.

use super::{ActivityKind, Content};
use crate::ids::ActivityKey;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A page's activities gathered into cards, each a list of indices into the
/// activities, newest first; `taken` activities from the start are in them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Gathered {
    pub cards: Vec<Vec<usize>>,
    pub taken: usize,
}

/// The post an activity belongs on, if it is about one.
fn post_of(content: &Content) -> Option<ActivityKey> {
    let a = &content.activity;
    match a.kind {
        ActivityKind::Post => Some(a.key),
        ActivityKind::Share | ActivityKind::Comment | ActivityKind::Like => a.post,
        ActivityKind::Contact | ActivityKind::Profile => None,
    }
}

/// Gathers `activities` (newest first) into at most `limit` cards.
pub(super) fn gather(activities: &[Arc<Content>], limit: usize) -> Gathered {
    let mut out = Gathered::default();
    let mut card_of_post: FxHashMap<ActivityKey, usize> = FxHashMap::default();
    for (i, content) in activities.iter().enumerate() {
        let post = post_of(content);
        if let Some(&card) = post.as_ref().and_then(|p| card_of_post.get(p)) {
            out.cards[card].push(i);
        } else if out.cards.len() == limit {
            break;
        } else {
            if let Some(post) = post {
                card_of_post.insert(post, out.cards.len());
            }
            out.cards.push(vec![i]);
        }
        out.taken = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ActivityId, MemberKey};
    use crate::ticker::{Activity, Audience, ProfileChanges};
    use time::OffsetDateTime;

    fn activity(key: i64, kind: ActivityKind, post: Option<i64>) -> Arc<Content> {
        Arc::new(Content {
            activity: Activity {
                key: ActivityKey(key),
                id: ActivityId::new(),
                actor: MemberKey(1),
                kind,
                other: None,
                post: post.map(ActivityKey),
                parent: None,
                audience: Audience::Contacts,
                post_audience: None,
                body: String::new(),
                changes: ProfileChanges::default(),
                created_at: OffsetDateTime::UNIX_EPOCH,
                edited_at: None,
            },
            mentions: Vec::new(),
        })
    }

    #[test]
    fn reactions_join_their_post_where_the_newest_of_them_is() {
        use ActivityKind::*;
        // Newest first: a like on post 1, a new contact, a comment on post 1, post 2,
        // post 1 itself, a share of post 2.
        let page = [
            activity(9, Like, Some(1)),
            activity(8, Contact, None),
            activity(7, Comment, Some(1)),
            activity(6, Post, None),
            activity(1, Post, None),
            activity(5, Share, Some(6)),
        ];
        let gathered = gather(&page, 10);
        assert_eq!(gathered.cards, [vec![0, 2, 4], vec![1], vec![3, 5]]);
        assert_eq!(gathered.taken, 6, "every activity is in a card");
    }

    #[test]
    fn a_page_ends_before_the_card_one_too_many_and_keeps_what_joins_earlier_cards() {
        use ActivityKind::*;
        let page = [
            activity(9, Like, Some(1)),
            activity(8, Like, Some(2)),
            activity(7, Comment, Some(1)),
            activity(6, Contact, None),
            activity(5, Like, Some(2)),
        ];
        let gathered = gather(&page, 2);
        assert_eq!(gathered.cards, [vec![0, 2], vec![1]]);
        assert_eq!(gathered.taken, 3, "the page's cursor is the comment: the contact opens the next page");
        assert_eq!(gather(&page[3..], 2).cards, [vec![0], vec![1]], "post 2 again, with its older like only");
    }
}
