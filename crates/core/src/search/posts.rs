//! Finding posts by their words: the full-text index proposes candidates, and each is
//! kept only if the searcher may read it now (the ticker's rule: audience, blocks, the
//! author's account) and its text meets the query.

use super::service::Search;
use super::text::{PreparedQuery, Searcher};
use super::{Asker, MAX_PAGES, PER_PAGE};
use crate::accounts::Current;
use crate::error::Result;
use crate::ids::{ActivityId, ActivityKey, MemberKey};
use crate::profiles::MemberCard;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashMap;
use time::OffsetDateTime;

/// Posts judged at most for one search.
const MOST_CANDIDATES: usize = 1_000;
/// The longest excerpt of a post shown in a hit, in characters.
const EXCERPT: usize = 240;

/// A post found, as the searcher may read it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PostHit {
    pub id: ActivityId,
    pub author: MemberCard,
    /// The post's beginning.
    pub excerpt: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

/// One page of posts found.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct PostsFound {
    pub hits: Vec<PostHit>,
    /// The page shown, from 0.
    pub page: usize,
    /// Whether a next page has more.
    pub more: bool,
    /// How many posts were found and judged (at least this many match).
    pub found: usize,
}

impl Search<'_> {
    /// A member's search for posts, counted against their limit on searches.
    pub async fn posts_for(&self, current: &Current, text: &str, page: usize) -> Result<PostsFound> {
        let mut viewer = self.admit_member(current).await?;
        self.posts(Asker::Member(&mut viewer), text, page).await
    }

    /// A visitor's search for posts: public posts only, where the operator allows it.
    pub async fn posts_for_visitor(&self, client_ip: &str, text: &str, page: usize) -> Result<PostsFound> {
        self.admit_visitor(client_ip).await?;
        self.posts(Asker::Visitor, text, page).await
    }

    /// Posts the asker may read whose text meets `text`: the closer match first (as
    /// typed before with typos), then the newest.
    pub async fn posts(&self, mut asker: Asker<'_>, text: &str, page: usize) -> Result<PostsFound> {
        let query = self.k.text_index().prepare(text, false).map_err(super::people::problem)?;
        if query.is_empty() || page >= MAX_PAGES {
            return Ok(PostsFound { page, ..Default::default() });
        }
        // One list for all pages (as for people), so pages neither skip nor repeat.
        let wanted = MAX_PAGES * PER_PAGE;
        let searcher = match asker {
            Asker::Member(_) => Searcher::Member,
            Asker::Visitor => Searcher::Visitor,
        };
        let mut asked = wanted;
        let mut hits = loop {
            let keys = query.post_candidates(searcher, asked)?;
            let exhausted = keys.len() < asked;
            let hits = self.readable(&mut asker, &*query, &keys).await?;
            if hits.len() > wanted || exhausted || asked >= MOST_CANDIDATES {
                break hits;
            }
            asked = (asked * 4).min(MOST_CANDIDATES);
        };
        hits.sort_by_key(|(hit, bucket, key)| (*bucket, Reverse(*key), hit.id));
        let found = hits.len();
        let more = found > (page + 1) * PER_PAGE && page + 1 < MAX_PAGES;
        let hits = hits.into_iter().skip(page * PER_PAGE).take(PER_PAGE).map(|(hit, _, _)| hit).collect();
        Ok(PostsFound { hits, page, more, found })
    }

    /// The candidates the asker may read, whose text meets the query, with their
    /// authors' cards as the asker sees them.
    async fn readable(
        &self,
        asker: &mut Asker<'_>,
        query: &dyn PreparedQuery,
        keys: &[ActivityKey],
    ) -> Result<Vec<(PostHit, super::text::Bucket, ActivityKey)>> {
        let ticker = self.k.ticker();
        let network = self.k.network();
        let (posts, cards): (_, HashMap<MemberKey, MemberCard>) = match asker {
            Asker::Member(viewer) => {
                let posts = ticker.readable(Some(&mut **viewer), keys).await?;
                let authors: Vec<MemberKey> = posts.iter().map(|p| p.actor).collect();
                (posts, network.cards_by_key(viewer, &authors).await?.into_iter().collect())
            }
            Asker::Visitor => {
                let posts = ticker.readable(None, keys).await?;
                let authors: Vec<MemberKey> = posts.iter().map(|p| p.actor).collect();
                (posts, network.public_cards(&authors).await?.into_iter().collect())
            }
        };
        Ok(posts
            .into_iter()
            .filter_map(|post| {
                let meets = query.judge_post(&post.body)?;
                let author = cards.get(&post.actor)?.clone();
                let hit = PostHit {
                    id: post.id,
                    author,
                    excerpt: crate::notifications::excerpt(&post.body, EXCERPT),
                    created_at: post.created_at,
                };
                Some((hit, meets.bucket, post.key))
            })
            .collect())
    }
}
