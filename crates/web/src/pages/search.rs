//! Wants meet haves: who offers what I seek, and who seeks what I offer.

use super::render;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Query, State};
use axum::response::Response;
use kontor_core::search::Meeting;
use serde::Deserialize;

/// How many members the page lists.
const LISTED: usize = 50;

#[derive(Deserialize, Default)]
pub struct MatchesQuery {
    /// `they_seek`, or anything else for `they_offer`.
    #[serde(default)]
    meeting: String,
}

pub async fn matches(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MatchesQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let meeting = if q.meeting == Meeting::TheySeek.as_str() { Meeting::TheySeek } else { Meeting::TheyOffer };
    let network = state.kontor.network();
    let mut viewer = network.viewer(&member.account).await?;
    // What the member named themselves (their own card, from memory): with nothing to
    // meet, nothing is looked for, and the page says where to name it.
    let own = network.card(&mut viewer, member.account.key).await?;
    let found = match own {
        Some(me) if meeting.named_in(&me.profile) => {
            Some(state.kontor.search().meeting(&mut viewer, meeting, LISTED).await?)
        }
        _ => None,
    };
    render(MatchesPage { c: Chrome::new(&ctx, "network"), way: Way::of(meeting), found })
}
