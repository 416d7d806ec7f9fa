//! Finding people by what they wrote: the full-text index proposes candidates, and
//! each is judged again on the card the searcher may see now (the policy's answer), so
//! nothing kept from the searcher makes anyone match, rank higher, or count.

use super::filters::{Facets, Filters};
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

/// A search for people: the words, the filters, the order and the page.
#[derive(Clone, Debug, Default)]
pub struct PeopleQuery {
    pub text: String,
    pub filters: Filters,
    pub sort: Sort,
    /// From 0.
    pub page: usize,
    /// The last word may be the start of a word (suggestions while typing).
    pub prefix: bool,
}

impl PeopleQuery {
    /// The first page for `text`, unfiltered, by relevance.
    pub fn words(text: &str) -> Self {
        Self { text: text.to_owned(), ..Self::default() }
    }
}

/// The order of the people found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Exact matches before field matches before typos; then nearer, more shared
    /// contacts, the closer match.
    #[default]
    Relevance,
    /// By name, for the people that match.
    Name,
}

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
    /// What the people found have in common (all of them judged, not only this page).
    pub facets: Facets,
}

impl Search<'_> {
    /// A member's search (the pages, the API, the suggestions while typing): counted
    /// against their limit on searches, then as [`Search::people`].
    pub async fn people_for(&self, current: &Current, q: &PeopleQuery) -> Result<PeopleFound> {
        let mut viewer = self.admit_member(current).await?;
        self.people(Asker::Member(&mut viewer), q).await
    }

    /// A visitor's search (not logged in): only if the operator allows it, counted
    /// against the limit per address, and only what the public may see.
    pub async fn people_for_visitor(&self, client_ip: &str, q: &PeopleQuery) -> Result<PeopleFound> {
        self.admit_visitor(client_ip).await?;
        self.people(Asker::Visitor, q).await
    }

    /// Counts a member's search (people or posts) against their limit; their view of
    /// the network to search on.
    pub(super) async fn admit_member(&self, current: &Current) -> Result<Viewer> {
        self.k.limit(Limit::SearchesPerMember, &current.account.key.0.to_string()).attempt().await?;
        self.k.network().viewer(&current.account).await
    }

    /// Lets a visitor search where the operator allows it, counted against the limit
    /// per address.
    pub(super) async fn admit_visitor(&self, client_ip: &str) -> Result<()> {
        if !self.k.site_settings().await?.public_search {
            return Err(Error::Unauthenticated);
        }
        self.k.limit(Limit::SearchesPerIp, client_ip).attempt().await
    }

    /// People whose fields, as `asker` may see them, meet the query and pass its
    /// filters; by relevance: exact before field before typos, then nearer, then more
    /// shared contacts, then the closer match (or by name).
    pub async fn people(&self, asker: Asker<'_>, q: &PeopleQuery) -> Result<PeopleFound> {
        let page = q.page;
        // Filters alone search for their value (and keep those who have it).
        let text = match q.text.trim() {
            "" => q.filters.as_query().unwrap_or_default(),
            text => text,
        };
        let query = self.k.text_index().prepare(text, q.prefix).map_err(problem)?;
        if query.is_empty() || page >= MAX_PAGES {
            return Ok(PeopleFound { page, ..Default::default() });
        }
        // Every page is cut from the same list, made for all pages at once: the final
        // order is not the index's, so a list made for fewer pages could skip people
        // or show them twice from one page to the next.
        let wanted = MAX_PAGES * PER_PAGE;
        let (searcher, near, me) = match &asker {
            Asker::Member(viewer) => {
                let near: HashSet<i64> = viewer.contacts().into_iter().map(|k| k.0).collect();
                (Searcher::Member, Arc::new(near), Some(viewer.account.key))
            }
            Asker::Visitor => (Searcher::Visitor, Near::default(), None),
        };
        let mut asker = asker;
        // Filters leave out many of the candidates: ask for more at once.
        let mut asked = (wanted * if q.filters.is_empty() { 1 } else { 4 }).min(MOST_CANDIDATES);
        let mut hits = loop {
            let keys = query.candidates(searcher, &near, asked)?;
            let exhausted = keys.len() < asked;
            let keys: Vec<MemberKey> = keys.into_iter().filter(|k| Some(*k) != me).collect();
            let hits = self.judged(&mut asker, &*query, &q.filters, &keys).await?;
            // Candidates the searcher may not see (or that match only through what is
            // kept from them) leave the list short: ask for more while the index has.
            if hits.len() > wanted || exhausted || asked >= MOST_CANDIDATES {
                break hits;
            }
            asked = (asked * 4).min(MOST_CANDIDATES);
        };
        hits.sort_by(|(a, am), (b, bm)| {
            let nearness = |m: &MemberCard| m.degree.unwrap_or(u8::MAX);
            let by_name = || a.member.name.as_str().cmp(b.member.name.as_str());
            let relevance = || {
                am.bucket
                    .cmp(&bm.bucket)
                    .then(nearness(&a.member).cmp(&nearness(&b.member)))
                    .then(Reverse(a.shared_contacts).cmp(&Reverse(b.shared_contacts)))
                    .then(bm.score.total_cmp(&am.score))
            };
            match q.sort {
                Sort::Relevance => relevance().then_with(by_name),
                Sort::Name => by_name().then_with(relevance),
            }
            .then(a.member.key.cmp(&b.member.key))
        });
        let found = hits.len();
        let cards: Vec<&MemberCard> = hits.iter().map(|(hit, _)| &hit.member).collect();
        let facets = Facets::of(&cards, self.k.text_index());
        let more = found > (page + 1) * PER_PAGE && page + 1 < MAX_PAGES;
        let hits = hits.into_iter().skip(page * PER_PAGE).take(PER_PAGE).map(|(hit, _)| hit).collect();
        Ok(PeopleFound { hits, page, more, found, facets })
    }

    /// The candidates the asker may see and the query meets on what they see.
    async fn judged(
        &self,
        asker: &mut Asker<'_>,
        query: &dyn PreparedQuery,
        filters: &Filters,
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
            .filter(|(card, _)| filters.keep(card, self.k.text_index()))
            .filter_map(|(card, shared_contacts)| {
                let mut texts = person_texts(card.name.as_str(), &card.profile);
                texts.retain(|(field, _)| filters.judged_on(*field));
                let meets = query.judge(&texts)?;
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

pub(super) fn problem(p: QueryProblem) -> Error {
    Error::Invalid(vec![FieldError::new(
        "q",
        match p {
            QueryProblem::TooLong => "too_long",
            QueryProblem::TooManyWords => "too_many_words",
        },
    )])
}
