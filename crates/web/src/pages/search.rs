//! Wants meet haves (who offers what I seek, and who seeks what I offer), and the
//! searches a member keeps.

use super::render;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::ids::SavedSearchId;
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

/// The member's saved searches.
pub async fn searches(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<super::contacts::NoticeQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let searches = state.kontor.search().saved(member).await?;
    let searches = searches
        .into_iter()
        .map(|s| SavedRow {
            link: serde_urlencoded::to_string([("q", s.query.as_str())]).unwrap_or_default(),
            id: s.id,
            query: s.query,
            alerts: s.alerts,
        })
        .collect();
    let notice = match q.done.as_str() {
        "saved" => Some("searches-saved"),
        "deleted" => Some("searches-deleted"),
        _ => None,
    };
    render(SearchesPage { c: Chrome::new(&ctx, "network"), searches, notice })
}

/// Saves the search in the form (alerts on).
pub async fn save(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    state.kontor.search().save(member, form.get("q"), true).await?;
    Ok(Redirect::to("/searches?done=saved").into_response())
}

/// Turns a saved search's alerts on or off, or deletes it.
pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = SavedSearchId::parse(&id).ok_or(PageError(Error::NotFound))?;
    let search = state.kontor.search();
    match action.as_str() {
        "alerts" => {
            search.set_alerts(member, id, form.get("alerts") == "on").await?;
            Ok(Redirect::to("/searches").into_response())
        }
        "delete" => {
            search.forget(member, id).await?;
            Ok(Redirect::to("/searches?done=deleted").into_response())
        }
        _ => Err(PageError(Error::NotFound)),
    }
}
