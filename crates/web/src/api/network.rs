//! The network as the caller sees it: ties to a member, counts, suggestions, people search.

use super::{ApiMember, ApiQuery, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::contacts::Tie;
use kontor_core::ids::MemberId;
use kontor_core::network::{MemberCard, Suggested};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Where I stand with a member: the request or contact between us, my degree to them,
/// up to three shortest paths, our shared contacts, and my side of our contact.
#[utoipa::path(get, path = "/members/{id}/network", tag = "network", security(("bearer" = ["read"])),
    params(("id" = String, Path)),
    responses((status = 200, body = Tie), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn tie(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<Json<Tie>, ApiError> {
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    Ok(Json(state.kontor.contacts().tie(&me, id).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NetworkSize {
    /// Members at the 1st, 2nd and 3rd degree.
    degrees: [u64; 3],
    /// Contact requests waiting for my answer.
    pending_requests: u64,
}

/// How large my network is, and how many requests wait for me.
#[utoipa::path(get, path = "/me/network", tag = "network", security(("bearer" = ["read"])),
    responses((status = 200, body = NetworkSize), (status = 401, body = ApiErrorBody)))]
pub async fn size(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<NetworkSize>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let network = state.kontor.network();
    let mut viewer = network.viewer(&me.account).await.map_err(fail)?;
    let degrees = network.counts(&mut viewer);
    let pending_requests = state.kontor.contacts().pending_count(&me).await.map_err(fail)?;
    Ok(Json(NetworkSize { degrees, pending_requests }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionParams {
    /// 1 to 50; 10 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<PageSize<50>>,
}

/// People I may know, with the reasons.
#[utoipa::path(get, path = "/me/suggestions", tag = "network", security(("bearer" = ["read"])), params(SuggestionParams),
    responses((status = 200, body = [Suggested]), (status = 401, body = ApiErrorBody)))]
pub async fn suggestions(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<SuggestionParams>,
) -> Result<Json<Vec<Suggested>>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let network = state.kontor.network();
    let mut viewer = network.viewer(&me.account).await.map_err(fail)?;
    let limit = p.limit.map_or(10, |l| l.0 as usize);
    Ok(Json(network.suggestions(&mut viewer, limit).await.map_err(fail)?))
}

/// "Not now": this member is not suggested to me again.
#[utoipa::path(delete, path = "/me/suggestions/{id}", tag = "network", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn dismiss(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    state.kontor.contacts().dismiss(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleParams {
    /// A name, skill, company, city, … (as `/search/people` reads it).
    q: String,
}

/// The first page of `/search/people`, as member cards: names as typed first, then
/// words in any field, nearest in my network first, each with its degree.
#[utoipa::path(get, path = "/people", tag = "network", security(("bearer" = ["read"])), params(PeopleParams),
    responses((status = 200, body = [MemberCard]), (status = 401, body = ApiErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<PeopleParams>,
) -> Result<Json<Vec<MemberCard>>, ApiError> {
    let q = kontor_core::search::PeopleQuery::words(&p.q);
    let found = state.kontor.search().people_for(&me, &q).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(found.hits.into_iter().map(|hit| hit.member).collect()))
}

/// The network operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(tie))
        .routes(routes!(size))
        .routes(routes!(suggestions))
        .routes(routes!(dismiss))
        .routes(routes!(people))
}
