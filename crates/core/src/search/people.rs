//! Finding people by what they wrote: the full-text index proposes candidates, and
//! each is judged again on the card the searcher may see now (the policy's answer), so
//! nothing kept from the searcher makes anyone match, rank higher, or count.

use super::service::Search;
use super::text::{Bucket, Meets, Near, PersonField, PreparedQuery, QueryProblem, Searcher, person_texts};
use crate::accounts::Current;
use crate::error::{Error, FieldError, Result};
use crate::ids::MemberKey;
use crate::network::Viewer;
use crate::profiles::MemberCard;
use crate::ratelimit::Limit;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashSet;
use std::sync::Arc;

/// People shown per page.
pub const PER_PAGE: usize = 20;
/// The deepest page searched: past it, refine the query (bounds the work of one search).
pub const MAX_PAGES: usize = 10;
/// Candidates judged at most for one search.
const MOST_CANDIDATES: usize = 2_000;

/// Who searches: a signed-in member with their view of the network, or a visitor.
pub enum Asker<'v> {
    Member(&'v mut Viewer),
    Visitor,
}

/// A person found, as the searcher may see them, and why they are where they are.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PersonHit {
    pub member: MemberCard,
    /// How the query met them: `exact` (name or phrase), `field`, `fuzzy` (with typos).
    #[schema(value_type = String, example = "field")]
    pub bucket: &'static str,
    /// Contacts the searcher shares with them (0 for visitors).
    pub shared_contacts: u32,
    /// The fields the query was found in (only fields the searcher may see).
    #[schema(value_type = Vec<String>, example = json!(["headline", "haves"]))]
    pub fields: Vec<&'static str>,
}

/// One page of people found.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct PeopleFound {
    pub hits: Vec<PersonHit>,
    /// The page shown, from 0.
    pub page: usize,
    /// Whether a next page has more.
    pub more: bool,
    /// How many people were found and judged so far (at least this many match).
    pub found: usize,
}

impl Search<'_> {
    /// A member's search (the pages, the API, the suggestions while typing): counted
    /// against their limit on searches, then as [`Search::people`].
    pub async fn people_for(&self, current: &Current, text: &str, page: usize, prefix: bool) -> Result<PeopleFound> {
        self.k.limit(Limit::SearchesPerMember, &current.account.key.0.to_string()).attempt().await?;
        let mut viewer = self.k.network().viewer(&current.account).await?;
        self.people(Asker::Member(&mut viewer), text, page, prefix).await
    }

    /// People whose fields, as `asker` may see them, meet `text`; best first: exact
    /// before field before typos, then nearer, then more shared contacts, then the
    /// closer match. `prefix`: the last word may be the start of a word (typing).
    pub async fn people(&self, asker: Asker<'_>, text: &str, page: usize, prefix: bool) -> Result<PeopleFound> {
        let query = self.k.text_index().prepare(text, prefix).map_err(problem)?;
        if query.is_empty() || page >= MAX_PAGES {
            return Ok(PeopleFound { page, ..Default::default() });
        }
        let wanted = (page + 1) * PER_PAGE;
        let (searcher, near, me) = match &asker {
            Asker::Member(viewer) => {
                let near: HashSet<i64> = viewer.contacts().into_iter().map(|k| k.0).collect();
                (Searcher::Member, Arc::new(near), Some(viewer.account.key))
            }
            Asker::Visitor => (Searcher::Visitor, Near::default(), None),
        };
        let mut asker = asker;
        let mut asked = (wanted * 3).max(60);
        let (mut hits, exhausted) = loop {
            let keys = query.candidates(searcher, &near, asked)?;
            let exhausted = keys.len() < asked;
            let keys: Vec<MemberKey> = keys.into_iter().filter(|k| Some(*k) != me).collect();
            let hits = self.judged(&mut asker, &*query, &keys).await?;
            // Candidates the searcher may not see (or that match only through what is
            // kept from them) leave the list short: ask for more while the index has.
            if hits.len() > wanted || exhausted || asked >= MOST_CANDIDATES {
                break (hits, exhausted);
            }
            asked = (asked * 4).min(MOST_CANDIDATES);
        };
        hits.sort_by(|(a, am), (b, bm)| {
            let nearness = |m: &MemberCard| m.degree.unwrap_or(u8::MAX);
            am.bucket
                .cmp(&bm.bucket)
                .then(nearness(&a.member).cmp(&nearness(&b.member)))
                .then(Reverse(a.shared_contacts).cmp(&Reverse(b.shared_contacts)))
                .then(bm.score.total_cmp(&am.score))
                .then_with(|| a.member.name.as_str().cmp(b.member.name.as_str()))
                .then(a.member.key.cmp(&b.member.key))
        });
        let found = hits.len();
        let more = found > wanted || !exhausted;
        let hits = hits.into_iter().skip(page * PER_PAGE).take(PER_PAGE).map(|(hit, _)| hit).collect();
        Ok(PeopleFound { hits, page, more: more && page + 1 < MAX_PAGES, found })
    }

    /// The candidates the asker may see and the query meets on what they see.
    async fn judged(
        &self,
        asker: &mut Asker<'_>,
        query: &dyn PreparedQuery,
        keys: &[MemberKey],
    ) -> Result<Vec<(PersonHit, Meets)>> {
        let network = self.k.network();
        let (cards, shared) = match asker {
            Asker::Member(viewer) => {
                let cards = network.cards(viewer, keys).await?;
                let keys: Vec<MemberKey> = cards.iter().map(|c| c.key).collect();
                let shared = network.shared_counts(viewer, &keys);
                (cards, shared)
            }
            Asker::Visitor => {
                let mut found = network.public_cards(keys).await?;
                let cards: Vec<MemberCard> = keys.iter().filter_map(|k| found.remove(k)).collect();
                let shared = vec![0; cards.len()];
                (cards, shared)
            }
        };
        Ok(cards
            .into_iter()
            .zip(shared)
            .filter_map(|(card, shared_contacts)| {
                let meets = query.judge(&person_texts(card.name.as_str(), &card.profile))?;
                let hit = PersonHit {
                    bucket: bucket_name(meets.bucket),
                    fields: meets.fields.iter().map(|f| PersonField::as_str(*f)).collect(),
                    member: card,
                    shared_contacts,
                };
                Some((hit, meets))
            })
            .collect())
    }
}

fn bucket_name(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Exact => "exact",
        Bucket::Field => "field",
        Bucket::Fuzzy => "fuzzy",
    }
}

fn problem(p: QueryProblem) -> Error {
    Error::Invalid(vec![FieldError::new(
        "q",
        match p {
            QueryProblem::TooLong => "too_long",
            QueryProblem::TooManyWords => "too_many_words",
        },
    )])
}
