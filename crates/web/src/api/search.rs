//! Finding people: by what they wrote, and who offers what I seek (and who seeks what I
//! offer).

use super::{ApiJson, ApiMember, ApiQuery, PageNumber, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::ids::SavedSearchId;
use kontor_core::search::{Filters, Match, Meeting, PeopleFound, PeopleQuery, PostsFound, SavedSearch, Sort};
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
    #[serde(default)]
    q: String,
    /// The page, from 0, up to the tenth (refine the query to see past it).
    #[param(value_type = Option<u32>, minimum = 0, maximum = 9)]
    page: Option<PageNumber<9>>,
    /// `true`: the last word may be the start of a word (suggestions while typing).
    prefix: Option<bool>,
    /// `relevance` (the default) or `name`.
    #[param(inline)]
    sort: Option<Sort>,
}

/// People whose profile, as far as I may see it, meets the query and the filters: names
/// or phrases as typed first, then every word in some field, then words with typos;
/// within each, nearer in my network first, then more shared contacts. Each hit says why
/// it is there; the facets count what the people found have in common. With filters and
/// no words, the first filter's value is searched for.
#[utoipa::path(get, path = "/search/people", tag = "search", security(("bearer" = ["read"])), params(PeopleSearchParams, Filters),
    responses((status = 200, body = PeopleFound), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<PeopleSearchParams>,
    ApiQuery(filters): ApiQuery<Filters>,
) -> Result<Json<PeopleFound>, ApiError> {
    let q = PeopleQuery {
        text: p.q,
        filters,
        sort: p.sort.unwrap_or_default(),
        page: p.page.map_or(0, |p| p.0 as usize),
        prefix: p.prefix.unwrap_or(false),
    };
    let found = state.kontor.search().people_for(&me, &q).await;
    Ok(Json(found.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostSearchParams {
    /// The words to find in posts (at most 200 characters and eight words).
    q: String,
    /// The page, from 0, up to the tenth.
    #[param(value_type = Option<u32>, minimum = 0, maximum = 9)]
    page: Option<PageNumber<9>>,
}

/// Posts I may read whose text meets the words (as typed first, then with typos), the
/// newest first within each.
#[utoipa::path(get, path = "/search/posts", tag = "search", security(("bearer" = ["read"])), params(PostSearchParams),
    responses((status = 200, body = PostsFound), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn posts(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<PostSearchParams>,
) -> Result<Json<PostsFound>, ApiError> {
    let page = p.page.map_or(0, |p| p.0 as usize);
    let found = state.kontor.search().posts_for(&me, &p.q, page).await;
    Ok(Json(found.map_err(|error| ApiError { error, lang })?))
}

/// My saved searches, oldest first.
#[utoipa::path(get, path = "/me/searches", tag = "search", security(("bearer" = ["read"])),
    responses((status = 200, body = [SavedSearch]), (status = 401, body = ApiErrorBody)))]
pub async fn saved(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<SavedSearch>>, ApiError> {
    Ok(Json(state.kontor.search().saved(&me).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSavedSearch {
    /// What to search for, as `/search/people` reads it (at most eight words).
    #[schema(max_length = 200, pattern = r#"^\s*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"#)]
    query: String,
    /// Whether to be told of new people it finds (the default).
    alerts: Option<bool>,
}

/// Keeps a search (at most 20): the people it finds now are not told of, those it
/// finds later are, as a notification (`search_match`) and by e-mail as I chose.
#[utoipa::path(post, path = "/me/searches", tag = "search", security(("bearer" = ["write"])), request_body = NewSavedSearch,
    responses((status = 201, body = SavedSearch), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<NewSavedSearch>,
) -> Result<(StatusCode, Json<SavedSearch>), ApiError> {
    let saved = state.kontor.search().save(&me, &body.query, body.alerts.unwrap_or(true)).await;
    Ok((StatusCode::CREATED, Json(saved.map_err(|error| ApiError { error, lang })?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchChange {
    alerts: bool,
}

/// Turns a saved search's alerts on or off.
#[utoipa::path(put, path = "/me/searches/{id}", tag = "search", security(("bearer" = ["write"])),
    params(("id" = String, Path, description = "The saved search's id")), request_body = SavedSearchChange,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SavedSearchChange>,
) -> Result<StatusCode, ApiError> {
    let fail = |error| ApiError { error, lang };
    let id = SavedSearchId::parse(&id).ok_or(fail(Error::NotFound))?;
    state.kontor.search().set_alerts(&me, id, body.alerts).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a saved search.
#[utoipa::path(delete, path = "/me/searches/{id}", tag = "search", security(("bearer" = ["write"])),
    params(("id" = String, Path, description = "The saved search's id")),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn forget(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let fail = |error| ApiError { error, lang };
    let id = SavedSearchId::parse(&id).ok_or(fail(Error::NotFound))?;
    state.kontor.search().forget(&me, id).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The search operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(matches))
        .routes(routes!(people))
        .routes(routes!(posts))
        .routes(routes!(saved, save))
        .routes(routes!(change, forget))
}
