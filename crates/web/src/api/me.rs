//! The signed-in member's own account: password, sessions, access tokens, photo,
//! language, deleting the account.

use super::{ApiJson, ApiMember};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::accounts::{AccessToken, Ended, Scope, Session};
use kontor_core::i18n::Lang;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[schema(min_length = 1)]
    current_password: String,
    #[schema(min_length = 10, max_length = 256)]
    new_password: String,
}

/// What a change of credentials ended.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EndedElsewhere {
    /// The member's other sessions, now logged out.
    sessions: Vec<Session>,
    /// The member's access tokens, now revoked.
    access_tokens: Vec<AccessToken>,
}

impl From<Ended> for EndedElsewhere {
    fn from(ended: Ended) -> Self {
        Self { sessions: ended.sessions, access_tokens: ended.tokens }
    }
}

/// Changes the password; every other session and every access token ends (listed in
/// the answer). Needs a session that logged in or re-authenticated within 10 minutes.
#[utoipa::path(put, path = "/me/password", tag = "account", security(("session" = [])), request_body = PasswordChange,
    responses((status = 200, body = EndedElsewhere), (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody, description = "session_required or reauthentication_required"),
        (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<Json<EndedElsewhere>, ApiError> {
    let ended = state
        .kontor
        .accounts()
        .change_password(&me, &body.current_password, &body.new_password)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(ended.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reauthentication {
    #[schema(min_length = 1)]
    password: String,
    /// With two-factor log-in on: a code from the app, or a recovery code.
    code: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Reauthenticated {
    /// The session's new token; the one this request carried has ended.
    token: String,
}

/// Proves again who the member is: for 10 minutes this session may then change
/// credentials (a fresh log-in does the same). The session gets a new token.
#[utoipa::path(post, path = "/me/reauthenticate", tag = "account", security(("session" = [])), request_body = Reauthentication,
    responses((status = 200, body = Reauthenticated), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody, description = "session_required"),
        (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub async fn reauthenticate(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<Reauthentication>,
) -> Result<Json<Reauthenticated>, ApiError> {
    let code = body.code.as_deref().unwrap_or("");
    let accounts = state.kontor.accounts();
    let token = accounts.reauthenticate(&me, &body.password, code).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(Reauthenticated { token: token.expose().to_owned() }))
}

/// Where the member is logged in.
#[utoipa::path(get, path = "/me/sessions", tag = "account", security(("session" = [])),
    responses((status = 200, body = [Session]), (status = 401, body = ApiErrorBody)))]
pub async fn sessions(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<Session>>, ApiError> {
    Ok(Json(state.kontor.accounts().sessions(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Ends one of the member's sessions.
#[utoipa::path(delete, path = "/me/sessions/{id}", tag = "account", security(("session" = [])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| ApiError { error: Error::NotFound, lang })?;
    state.kontor.accounts().end_session(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The member's personal access tokens (never their secrets).
#[utoipa::path(get, path = "/me/access-tokens", tag = "account", security(("session" = [])),
    responses((status = 200, body = [AccessToken]), (status = 401, body = ApiErrorBody)))]
pub async fn access_tokens(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<AccessToken>>, ApiError> {
    Ok(Json(state.kontor.accounts().access_tokens(&me).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccessToken {
    #[schema(max_length = 80, pattern = r#"^\s*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"#)]
    name: String,
    /// What it may do: `read` (GET requests), `write` (everything else but credentials).
    #[schema(min_items = 1)]
    scopes: Vec<Scope>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedAccessToken {
    #[serde(flatten)]
    token: AccessToken,
    /// The secret, shown this once.
    secret: String,
}

/// Creates a personal access token.
#[utoipa::path(post, path = "/me/access-tokens", tag = "account", security(("session" = [])), request_body = NewAccessToken,
    responses((status = 201, body = CreatedAccessToken), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn create_access_token(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<NewAccessToken>,
) -> Result<(StatusCode, Json<CreatedAccessToken>), ApiError> {
    let accounts = state.kontor.accounts();
    let (token, secret) =
        accounts.create_access_token(&me, &body.name, &body.scopes).await.map_err(|error| ApiError { error, lang })?;
    Ok((StatusCode::CREATED, Json(CreatedAccessToken { token, secret: secret.expose().to_owned() })))
}

/// Revokes a personal access token.
#[utoipa::path(delete, path = "/me/access-tokens/{id}", tag = "account", security(("session" = [])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn revoke_access_token(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| ApiError { error: Error::NotFound, lang })?;
    state.kontor.accounts().revoke_access_token(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the member's photo with the request body (a JPEG, PNG or WebP image).
#[utoipa::path(put, path = "/me/photo", tag = "profiles", security(("bearer" = ["write"])),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 413, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn put_photo(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    state.kontor.profiles().upload_photo(&me, body.to_vec()).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes the member's photo.
#[utoipa::path(delete, path = "/me/photo", tag = "profiles", security(("bearer" = ["write"])),
    responses((status = 204), (status = 401, body = ApiErrorBody)))]
pub async fn delete_photo(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<StatusCode, ApiError> {
    state.kontor.profiles().remove_photo(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageChange {
    lang: Lang,
}

/// Sets the language of pages and e-mails.
#[utoipa::path(put, path = "/me/language", tag = "account", security(("bearer" = ["write"])), request_body = LanguageChange,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn set_language(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<LanguageChange>,
) -> Result<StatusCode, ApiError> {
    state.kontor.accounts().set_language(&me, body.lang).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// A request that only needs the member's password (deleting the account, turning
/// two-factor log-in off).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountDeletion {
    #[schema(min_length = 1)]
    password: String,
}

/// Closes the account at once and deletes it for good after 14 days; logging in before
/// then reopens it.
#[utoipa::path(delete, path = "/me", tag = "account", security(("session" = [])), request_body = AccountDeletion,
    responses((status = 202), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn delete_account(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<AccountDeletion>,
) -> Result<StatusCode, ApiError> {
    state.kontor.accounts().request_deletion(&me, &body.password).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TwoFactorSetupResponse {
    /// The secret in base32; send it back with a code to turn two-factor log-in on.
    secret: String,
    /// For authenticator apps (also as a QR code on the settings page).
    otpauth_url: String,
}

/// A fresh secret for an authenticator app; nothing changes until it is confirmed.
#[utoipa::path(post, path = "/me/two-factor", tag = "account", security(("session" = [])),
    responses((status = 200, body = TwoFactorSetupResponse), (status = 401, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
pub async fn begin_two_factor(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<TwoFactorSetupResponse>, ApiError> {
    let setup = state.kontor.accounts().begin_two_factor(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(TwoFactorSetupResponse { secret: setup.secret, otpauth_url: setup.otpauth_url }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorConfirm {
    password: String,
    secret: String,
    code: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RecoveryCodes {
    /// Each logs in once without the app; shown only now.
    recovery_codes: Vec<String>,
    /// The other sessions and the access tokens that turning it on ended.
    ended: EndedElsewhere,
}

/// Turns two-factor log-in on: the password, the secret from `POST /me/two-factor` and a
/// code the app shows for it.
#[utoipa::path(put, path = "/me/two-factor", tag = "account", security(("session" = [])), request_body = TwoFactorConfirm,
    responses((status = 200, body = RecoveryCodes), (status = 401, body = ApiErrorBody), (status = 409, body = ApiErrorBody),
        (status = 422, body = ApiErrorBody)))]
pub async fn enable_two_factor(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<TwoFactorConfirm>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    let (codes, ended) = state
        .kontor
        .accounts()
        .enable_two_factor(&me, &body.password, &body.secret, &body.code)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(RecoveryCodes { recovery_codes: codes, ended: ended.into() }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorOff {
    #[schema(min_length = 1)]
    password: String,
    /// A current code from the app, or a recovery code.
    #[schema(min_length = 1)]
    code: String,
}

/// Turns two-factor log-in off, after checking the password and a code.
#[utoipa::path(delete, path = "/me/two-factor", tag = "account", security(("session" = [])), request_body = TwoFactorOff,
    responses((status = 204), (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody, description = "session_required or reauthentication_required"),
        (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub async fn disable_two_factor(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<TwoFactorOff>,
) -> Result<StatusCode, ApiError> {
    let accounts = state.kontor.accounts();
    accounts.disable_two_factor(&me, &body.password, &body.code).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The me operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_password))
        .routes(routes!(reauthenticate))
        .routes(routes!(sessions))
        .routes(routes!(end_session))
        .routes(routes!(access_tokens, create_access_token))
        .routes(routes!(revoke_access_token))
        .routes(super::with_body_limit(routes!(put_photo, delete_photo), crate::pages::PHOTO_UPLOAD_BYTES))
        .routes(routes!(set_language))
        .routes(routes!(delete_account))
        .routes(routes!(begin_two_factor, enable_two_factor, disable_two_factor))
}
