use super::{ApiJson, ApiMember};
use crate::ctx::accept_language;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use kontor_core::Error;
use kontor_core::ids::MemberId;
use kontor_core::profiles::{ProfileForm, ProfileView};
use kontor_core::secrets::RawToken;

/// The member's own profile, complete, with its visibility settings.
#[utoipa::path(get, path = "/me/profile", tag = "profiles", security(("bearer" = [])),
    responses((status = 200, body = ProfileView), (status = 401, body = ApiErrorBody)))]
pub async fn own(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<Json<ProfileView>, ApiError> {
    let view =
        state.kontor.profiles().view(Some(&me), me.account.id).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

/// Replaces the member's profile; fields left out are emptied, visibilities left out stay.
#[utoipa::path(put, path = "/me/profile", tag = "profiles", security(("bearer" = [])), request_body = ProfileForm,
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
#[utoipa::path(get, path = "/members/{id}", tag = "profiles", security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The member's public id")),
    responses((status = 200, body = ProfileView), (status = 404, body = ApiErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ProfileView>, ApiError> {
    let lang = accept_language(&headers);
    let viewer = match headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        Some(token) => Some(
            state
                .kontor
                .accounts()
                .authenticate_bearer(&RawToken::from_client(token.trim()))
                .await
                .map_err(|error| ApiError { error, lang })?
                .ok_or(ApiError { error: Error::Unauthenticated, lang })?,
        ),
        None => None,
    };
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    let view = state.kontor.profiles().view(viewer.as_ref(), id).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}
