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
    let lang = ctx.lang();
    let member = ctx.require()?;
    let kind = EntityKind::parse(&query.kind).ok_or(PageError::new(Error::NotFound, lang))?;
    let found = state.kontor.entities().suggest(member, kind, &query.q).await.map_err(|e| PageError::new(e, lang))?;
    Ok(Json(found))
}

pub async fn merge(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let lang = ctx.lang();
    let me = ctx.require()?;
    let kind = EntityKind::parse(form.get("kind")).ok_or(PageError::new(Error::invalid("kind", "invalid"), lang))?;
    state
        .kontor
        .entities()
        .merge(me, kind, form.get("merge_from"), form.get("merge_into"))
        .await
        .map_err(|e| PageError::new(e, lang))?;
    Ok(Redirect::to("/admin?notice=done").into_response())
}
