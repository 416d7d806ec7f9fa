//! Finding people: search by name, company and city, and people you may know.

use super::render;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct PeopleQuery {
    #[serde(default)]
    q: String,
}

/// How many people a page suggests.
const SUGGESTED: usize = 20;

pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let found = state.kontor.contacts().find(member, &q.q).await?;
    let suggestions = if q.q.trim().is_empty() {
        let network = state.kontor.network();
        let mut viewer = network.viewer(&member.account).await?;
        network.suggestions(&mut viewer, SUGGESTED).await?
    } else {
        Vec::new()
    };
    render(PeoplePage { c: Chrome::new(&ctx, "network"), q: q.q, found, suggestions })
}
