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
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PeopleQuery {
    #[serde(default)]
    q: String,
    /// The page, from 0; anything else is the first.
    #[serde(default)]
    page: String,
}

/// How many people a page suggests.
const SUGGESTED: usize = 20;

pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let network = state.kontor.network();
    let mut viewer = network.viewer(&member.account).await?;
    let text = q.q.trim();
    let page = q.page.parse::<usize>().unwrap_or(0);
    let (found, problem) = if text.is_empty() {
        (None, None)
    } else {
        match state.kontor.search().people_for(member, text, page, false).await {
            Ok(found) => (Some(found), None),
            // A query that cannot be searched is said beside the search box.
            Err(Error::Invalid(problems)) => (None, problems.first().map(|p| p.code)),
            Err(e) => return Err(e.into()),
        }
    };
    let suggestions = if text.is_empty() { network.suggestions(&mut viewer, SUGGESTED).await? } else { Vec::new() };
    let link =
        |page: usize| serde_urlencoded::to_string([("q", text), ("page", &page.to_string())]).unwrap_or_default();
    let pages = found
        .as_ref()
        .map(|f| Pages { previous: (f.page > 0).then(|| link(f.page - 1)), next: f.more.then(|| link(f.page + 1)) });
    render(PeoplePage { c: Chrome::new(&ctx, "network"), q: q.q, found, problem, pages, suggestions })
}

/// How many people the top bar suggests while typing.
const SUGGESTED_WHILE_TYPING: usize = 6;

/// The top bar's suggestions while typing (its script asks, with the page's session):
/// the first people the search finds, the last word taken as the start of a word.
pub async fn suggest(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PeopleQuery>,
) -> Result<axum::Json<Vec<MemberCard>>, PageError> {
    let member = ctx.require()?;
    let found = state.kontor.search().people_for(member, q.q.trim(), 0, true).await?;
    Ok(axum::Json(found.hits.into_iter().take(SUGGESTED_WHILE_TYPING).map(|hit| hit.member).collect()))
}
