//! Finding people: search by what they wrote (name, skills, company, city, …), and
//! people you may know.

use super::render;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Query, State};
use axum::response::Response;
use kontor_core::Error;
use kontor_core::network::MemberCard;
use kontor_core::search::{Filters, PeopleQuery, Sort};

use serde::Deserialize;

/// The search page's address: the words, the filters (as the facets' links add them),
/// the order and the page. Anything it cannot read is left out, not refused.
#[derive(Deserialize, Default, Clone)]
pub struct PeopleParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    degree: String,
    /// `name`, or anything else for relevance.
    #[serde(default)]
    sort: String,
    /// The page, from 0; anything else is the first.
    #[serde(default)]
    page: String,
}

impl PeopleParams {
    fn query(&self, prefix: bool) -> PeopleQuery {
        let given = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        PeopleQuery {
            text: self.q.trim().to_owned(),
            filters: Filters {
                city: given(&self.city),
                industry: given(&self.industry),
                company: given(&self.company),
                degree: self.degree.parse().ok().filter(|d| (1..=3).contains(d)),
                ..Filters::default()
            },
            sort: if self.sort == "name" { Sort::Name } else { Sort::Relevance },
            page: self.page.parse().unwrap_or(0),
            prefix,
        }
    }

    /// This search's address with `key` set to `value` (empty: left out), from its
    /// first page.
    fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = [
            ("q", self.q.as_str()),
            ("city", &self.city),
            ("industry", &self.industry),
            ("company", &self.company),
            ("degree", &self.degree),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(k, _)| *k != key)
        .collect();
        pairs.push((key, value));
        pairs.retain(|(_, v)| !v.trim().is_empty());
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// Members search; visitors search what is public, where the operator allows it (else
/// they are asked to log in).
fn may_search(ctx: &Ctx) -> Result<(), PageError> {
    if ctx.member.is_none() && !ctx.site.public_search {
        ctx.require()?;
    }
    Ok(())
}

/// How many people a page suggests.
const SUGGESTED: usize = 20;

pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<PeopleParams>,
) -> Result<Response, PageError> {
    may_search(&ctx)?;
    let query = params.query(false);
    let searching = !query.text.is_empty() || !query.filters.is_empty();
    let search = state.kontor.search();
    let (found, problem) = if !searching {
        (None, None)
    } else {
        let found = match &ctx.member {
            Some(member) => search.people_for(member, &query).await,
            None => search.people_for_visitor(&ctx.client_ip, &query).await,
        };
        match found {
            Ok(found) => (Some(found), None),
            // A query that cannot be searched is said beside the search box.
            Err(Error::Invalid(problems)) => (None, problems.first().map(|p| p.code)),
            Err(e) => return Err(e.into()),
        }
    };
    let suggestions = match &ctx.member {
        Some(member) if !searching => {
            let network = state.kontor.network();
            let mut viewer = network.viewer(&member.account).await?;
            network.suggestions(&mut viewer, SUGGESTED).await?
        }
        _ => Vec::new(),
    };
    let pages = found.as_ref().map(|f| Pages {
        previous: (f.page > 0).then(|| params.with("page", &(f.page - 1).to_string())),
        next: f.more.then(|| params.with("page", &(f.page + 1).to_string())),
    });
    let refine = found.as_ref().map(|f| Refine::of(&params, f)).unwrap_or_default();
    let posts_link = serde_urlencoded::to_string([("q", params.q.trim())]).unwrap_or_default();
    let c = Chrome::new(&ctx, "network");
    render(PeoplePage { c, q: params.q.clone(), found, problem, pages, refine, suggestions, posts_link })
}

/// The facets and filters as links: each value narrows the search, each filter set can
/// be taken away.
impl Refine {
    fn of(params: &PeopleParams, found: &kontor_core::search::PeopleFound) -> Self {
        let values = |key: &'static str, facet: &[kontor_core::search::FacetValue]| FacetLinks {
            key,
            values: facet.iter().map(|v| (v.value.clone(), v.count, params.with(key, &v.value))).collect(),
        };
        let f = &found.facets;
        let degrees = (1..=3u8)
            .zip(f.degree)
            .filter(|(_, n)| *n > 0)
            .map(|(d, n)| (d, n, params.with("degree", &d.to_string())))
            .collect();
        let set: Vec<(&'static str, String, String)> = [
            ("city", &params.city),
            ("industry", &params.industry),
            ("company", &params.company),
            ("degree", &params.degree),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.clone(), params.with(k, "")))
        .collect();
        Refine {
            facets: vec![values("city", &f.city), values("company", &f.company), values("industry", &f.industry)],
            degrees,
            set,
            by_name: params.sort == "name",
            sort_relevance: params.with("sort", ""),
            sort_name: params.with("sort", "name"),
        }
    }
}

/// How many people the top bar suggests while typing.
const SUGGESTED_WHILE_TYPING: usize = 6;

/// The top bar's suggestions while typing (its script asks, with the page's session):
/// the first people the search finds, the last word taken as the start of a word.
pub async fn suggest(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<PeopleParams>,
) -> Result<axum::Json<Vec<MemberCard>>, PageError> {
    let member = ctx.require()?;
    let found = state.kontor.search().people_for(member, &params.query(true)).await?;
    Ok(axum::Json(found.hits.into_iter().take(SUGGESTED_WHILE_TYPING).map(|hit| hit.member).collect()))
}

/// Posts found by their words, as the reader may read them (visitors: public posts, where
/// the operator allows it).
pub async fn posts(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<PeopleParams>,
) -> Result<Response, PageError> {
    may_search(&ctx)?;
    let text = params.q.trim();
    let page = params.page.parse().unwrap_or(0);
    let search = state.kontor.search();
    let (found, problem) = if text.is_empty() {
        (None, None)
    } else {
        let found = match &ctx.member {
            Some(member) => search.posts_for(member, text, page).await,
            None => search.posts_for_visitor(&ctx.client_ip, text, page).await,
        };
        match found {
            Ok(found) => (Some(found), None),
            Err(Error::Invalid(problems)) => (None, problems.first().map(|p| p.code)),
            Err(e) => return Err(e.into()),
        }
    };
    let link =
        |page: usize| serde_urlencoded::to_string([("q", text), ("page", &page.to_string())]).unwrap_or_default();
    let pages = found
        .as_ref()
        .map(|f| Pages { previous: (f.page > 0).then(|| link(f.page - 1)), next: f.more.then(|| link(f.page + 1)) });
    let people = serde_urlencoded::to_string([("q", text)]).unwrap_or_default();
    render(PostsSearchPage { c: Chrome::new(&ctx, "network"), q: params.q.clone(), found, problem, pages, people })
}
