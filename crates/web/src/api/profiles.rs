use super::{ApiJson, ApiMember};
use crate::ctx::accept_language;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use kontor_core::Error;
use kontor_core::ids::MemberId;
use kontor_core::profiles::{ProfileForm, ProfileView};
use kontor_core::secrets::RawToken;

/// The member's own profile, complete, with its visibility settings.
pub async fn own(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<Json<ProfileView>, ApiError> {
    let view =
        state.kontor.profiles().view(Some(&me), me.account.id).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

/// Replaces the member's profile; fields left out are emptied.
pub async fn update(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(form): ApiJson<ProfileForm>,
) -> Result<Json<ProfileView>, ApiError> {
    let view = state.kontor.profiles().update(&me, &form).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(view))
}

/// Another member's profile as the caller may see it (anonymous without a token).
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
