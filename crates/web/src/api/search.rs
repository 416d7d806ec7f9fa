//! Finding people: by what they wrote, and who offers what I seek (and who seeks what I
//! offer).

use super::{ApiMember, ApiQuery, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use kontor_core::search::{Asker, Match, Meeting, PeopleFound};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// `they_offer`: my wants meet their haves (the default); `they_seek`: my haves meet
    /// their wants.
    // Declared in place: a parameter's type is not collected with the operation.
    #[param(inline)]
    meeting: Option<Meeting>,
    /// 1 to 50; 10 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<PageSize<50>>,
}

/// Members whose haves meet my wants (or whose wants meet my haves), each with the tags
/// that meet: the most tags first, then the nearest in my network. Only what I may see
/// of them counts.
#[utoipa::path(get, path = "/me/matches", tag = "search", security(("bearer" = ["read"])), params(MatchParams),
    responses((status = 200, body = [Match]), (status = 401, body = ApiErrorBody)))]
pub async fn matches(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<MatchParams>,
) -> Result<Json<Vec<Match>>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let mut viewer = state.kontor.network().viewer(&me.account).await.map_err(fail)?;
    let meeting = p.meeting.unwrap_or(Meeting::TheyOffer);
    let limit = p.limit.map_or(10, |l| l.0 as usize);
    Ok(Json(state.kontor.search().meeting(&mut viewer, meeting, limit).await.map_err(fail)?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleSearchParams {
    /// What to find: names, skills, positions, companies, places, … (at most 200
    /// characters and eight words; typos are forgiven).
    q: String,
    /// The page, from 0; pages past the tenth are empty (refine the query instead).
    page: Option<u32>,
    /// `true`: the last word may be the start of a word (suggestions while typing).
    prefix: Option<bool>,
}

/// People whose profile, as far as I may see it, meets the query: names or phrases as
/// typed first, then every word in some field, then words with typos; within each,
/// nearer in my network first, then more shared contacts. Each hit says why it is there.
#[utoipa::path(get, path = "/search/people", tag = "search", security(("bearer" = ["read"])), params(PeopleSearchParams),
    responses((status = 200, body = PeopleFound), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<PeopleSearchParams>,
) -> Result<Json<PeopleFound>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let mut viewer = state.kontor.network().viewer(&me.account).await.map_err(fail)?;
    let page = p.page.map_or(0, |p| p as usize);
    let search = state.kontor.search();
    let found = search.people(Asker::Member(&mut viewer), &p.q, page, p.prefix.unwrap_or(false)).await;
    Ok(Json(found.map_err(fail)?))
}

/// The search operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(matches)).routes(routes!(people))
}
