use super::{ApiJson, ApiMember, ApiQuery, MaybeApiMember};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use kontor_core::Error;
use kontor_core::entities::{EntityKind, Suggestion};
use kontor_core::ids::MemberId;
use kontor_core::profiles::{ProfileForm, ProfileView};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The member's own profile, complete, with its visibility settings.
#[utoipa::path(get, path = "/me/profile", tag = "profiles", security(("bearer" = ["read"])),
    responses((status = 200, body = ProfileView), (status = 401, body = ApiErrorBody)))]
pub async fn own(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<Json<ProfileView>, ApiError> {
    let view = state.kontor.profiles().mine(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

/// Replaces the member's profile; fields left out are emptied, visibilities left out stay.
#[utoipa::path(put, path = "/me/profile", tag = "profiles", security(("bearer" = ["write"])), request_body = ProfileForm,
    responses((status = 200, body = ProfileView), (status = 401, body = ApiErrorBody), (status = 413, body = ApiErrorBody),
        (status = 422, body = ApiErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(form): ApiJson<ProfileForm>,
) -> Result<Json<ProfileView>, ApiError> {
    let view = state.kontor.profiles().update(&me, &form).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

/// Another member's profile as the caller may see it (the public's view without a
/// token). A member the caller may not see is "not found", like one who does not exist.
#[utoipa::path(get, path = "/members/{id}", tag = "profiles", security((), ("bearer" = ["read"])),
    params(("id" = String, Path, description = "The member's public id")),
    responses((status = 200, body = ProfileView), (status = 404, body = ApiErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    MaybeApiMember(viewer, lang): MaybeApiMember,
    Path(id): Path<String>,
) -> Result<Json<ProfileView>, ApiError> {
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    let view = state.kontor.profiles().view(viewer.as_ref(), id).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct PhotoQuery {
    /// The wanted width and height in pixels; the nearest stored size is served.
    size: Option<u32>,
}

/// A member's photo, if the caller may see it.
#[utoipa::path(get, path = "/members/{id}/photo", tag = "profiles", security((), ("bearer" = ["read"])),
    params(("id" = String, Path), PhotoQuery),
    responses((status = 200, content_type = "image/jpeg", body = Vec<u8>), (status = 404, body = ApiErrorBody)))]
pub async fn photo(
    State(state): State<AppState>,
    MaybeApiMember(viewer, lang): MaybeApiMember,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<PhotoQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    let jpeg = state
        .kontor
        .profiles()
        .photo(viewer.as_ref(), id, None, q.size.unwrap_or(256))
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, no-cache")], jpeg).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    // Declared in place: a parameter's type is not collected with the operation.
    #[param(inline)]
    kind: EntityKind,
    /// The start of the name; up to 60 characters (nothing is suggested for more).
    #[serde(default)]
    q: String,
}

/// Names of organisations, places, industries or tags starting with `q`.
#[utoipa::path(get, path = "/suggest", tag = "profiles", security(("bearer" = ["read"])), params(SuggestParams),
    responses((status = 200, body = [Suggestion]), (status = 401, body = ApiErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(q): ApiQuery<SuggestParams>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let found = state.kontor.entities().suggest(&me, q.kind, &q.q).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(found))
}

/// The profiles operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(own, update))
        .routes(routes!(show))
        .routes(routes!(photo))
        .routes(routes!(suggest))
}
