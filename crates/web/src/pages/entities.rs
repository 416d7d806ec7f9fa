//! Autocomplete for profile fields, and merging entities (admins).

use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::entities::{EntityKind, Suggestion};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SuggestQuery {
    kind: String,
    #[serde(default)]
    q: String,
}

/// Names of organisations, places, industries or tags starting with `q`, for members.
pub async fn suggest(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<SuggestQuery>,
) -> Result<Json<Vec<Suggestion>>, PageError> {
    let member = ctx.require()?;
    let kind = EntityKind::parse(&query.kind).ok_or(PageError(Error::NotFound))?;
    let found = state.kontor.entities().suggest(member, kind, &query.q).await?;
    Ok(Json(found))
}

pub async fn merge(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let kind = EntityKind::parse(form.get("kind")).ok_or(PageError(Error::invalid("kind", "invalid")))?;
    state.kontor.entities().merge(me, kind, form.get("merge_from"), form.get("merge_into")).await?;
    Ok(Redirect::to("/admin?notice=done").into_response())
}
