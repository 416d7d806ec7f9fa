//! The operator's API: members (keyset-paged), actions on them, settings, invitations.

use super::{ApiJson, ApiMember, ApiQuery};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::accounts::{Account, AccountState};
use kontor_core::admin::{MemberAction, SignupMode, SiteChange, SiteSettings, TwoFactorRule};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use kontor_core::jobs::Job;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MembersQuery {
    /// Only members in this state.
    state: Option<AccountState>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberPage {
    items: Vec<Account>,
    /// Pass as `cursor` for the next page; absent on the last page.
    next: Option<String>,
}

/// Members, newest first, 50 a page.
#[utoipa::path(get, path = "/admin/members", tag = "admin", security(("bearer" = ["read"])), params(MembersQuery),
    responses((status = 200, body = MemberPage), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(q): ApiQuery<MembersQuery>,
) -> Result<Json<MemberPage>, ApiError> {
    let page = state
        .kontor
        .admin()
        .members(&me, q.state, q.cursor.as_deref())
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(MemberPage { items: page.items, next: page.next }))
}

/// Approves, suspends, reinstates, promotes, demotes, deletes or invites a member, or
/// ends their sessions and access tokens.
#[utoipa::path(post, path = "/admin/members/{id}/{action}", tag = "admin", security(("bearer" = ["write"])),
    params(("id" = String, Path), ("action" = String, Path, description = "approve, suspend, reinstate, make_admin, revoke_admin, delete, invite or end_sessions")),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path((id, action)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = MemberId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    let action = MemberAction::parse(&action).ok_or(ApiError { error: Error::NotFound, lang })?;
    state.kontor.admin().act(&me, id, action).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every member's sessions and access tokens, but the caller's own session.
#[utoipa::path(delete, path = "/admin/sessions", tag = "admin", security(("bearer" = ["write"])),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub async fn end_every_session(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<StatusCode, ApiError> {
    state.kontor.admin().end_every_session(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    name: String,
    signup_mode: SignupMode,
    /// Whether visitors who are not logged in may search for people with a public
    /// profile; left out, it stays as it is.
    #[serde(default)]
    public_search: Option<bool>,
    /// Who must log in with a second factor; left out, it stays as it is.
    #[serde(default)]
    two_factor_required: Option<TwoFactorRule>,
    /// The language of visitors whose browser asks for neither, and of invitations;
    /// left out, it stays as it is.
    #[serde(default)]
    lang: Option<Lang>,
}

/// Sets the site's name and who may join.
#[utoipa::path(put, path = "/admin/settings", tag = "admin", security(("bearer" = ["write"])), request_body = SettingsChange,
    responses((status = 200, body = SiteSettings), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 422, body = ApiErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<SettingsChange>,
) -> Result<Json<SiteSettings>, ApiError> {
    let admin = state.kontor.admin();
    let change = async {
        let now = state.kontor.site_settings().await?;
        let change = SiteChange {
            name: &body.name,
            signup_mode: body.signup_mode,
            two_factor_required: body.two_factor_required.unwrap_or(now.two_factor_required),
            lang: body.lang.unwrap_or(now.lang),
            public_search: body.public_search.unwrap_or(now.public_search),
        };
        admin.update_settings(&me, change).await
    };
    let settings = change.await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(settings))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    name: String,
    email: String,
    /// The language of the invitation and of the invitee's pages (the site's if left out).
    #[serde(default)]
    lang: Option<Lang>,
}

/// Invites someone by e-mail.
#[utoipa::path(post, path = "/admin/invitations", tag = "admin", security(("bearer" = ["write"])), request_body = Invitation,
    responses((status = 202), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody),
        (status = 422, body = ApiErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<Invitation>,
) -> Result<StatusCode, ApiError> {
    let invitee = body.lang;
    state
        .kontor
        .accounts()
        .invite(&me, &body.name, &body.email, invitee)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::ACCEPTED)
}

/// Jobs that failed too often and wait for the operator, newest first.
#[utoipa::path(get, path = "/admin/jobs", tag = "admin", security(("bearer" = ["read"])),
    responses((status = 200, body = [Job]), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub async fn parked_jobs(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<Job>>, ApiError> {
    Ok(Json(state.kontor.admin().parked_jobs(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Puts a parked job back in the queue.
#[utoipa::path(post, path = "/admin/jobs/{id}/retry", tag = "admin", security(("bearer" = ["write"])), params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn retry_job(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = kontor_core::ids::JobId::parse(&id).ok_or(ApiError { error: Error::NotFound, lang })?;
    state.kontor.admin().retry_job(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The admin operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(members))
        .routes(routes!(act))
        .routes(routes!(end_every_session))
        .routes(routes!(settings))
        .routes(routes!(invite))
        .routes(routes!(parked_jobs))
        .routes(routes!(retry_job))
}
