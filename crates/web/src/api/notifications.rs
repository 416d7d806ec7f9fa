//! Notifications: the list behind the bell, marking read, and e-mail per kind.

use super::{ApiJson, ApiMember, ApiQuery, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::ids::NotificationId;
use kontor_core::notifications::{MailSetting, NotificationPage};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// The `next` cursor of the previous page.
    before: Option<String>,
    /// 1 to 100; 20 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<PageSize<100>>,
}

/// My notifications, newest first, as I may see them now, with my unread count.
#[utoipa::path(get, path = "/me/notifications", tag = "notifications", security(("bearer" = ["read"])), params(ListParams),
    responses((status = 200, body = NotificationPage), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<NotificationPage>, ApiError> {
    let before = match p.before.filter(|b| !b.is_empty()) {
        Some(b) => Some(NotificationId::parse(&b).ok_or(ApiError { error: Error::NotFound, lang })?),
        None => None,
    };
    let page = state
        .kontor
        .notifications()
        .page(&me, before, p.limit.map(|l| l.0))
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(page))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Unread {
    unread: u64,
}

/// How many of my notifications are unread (the bell's count).
#[utoipa::path(get, path = "/me/notifications/unread", tag = "notifications", security(("bearer" = ["read"])),
    responses((status = 200, body = Unread), (status = 401, body = ApiErrorBody)))]
pub async fn unread(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<Json<Unread>, ApiError> {
    let unread = state.kontor.notifications().unread(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(Unread { unread }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// The newest notification I was shown; all of them if left out.
    up_to: Option<String>,
}

/// Marks my notifications read, up to and including `up_to`.
#[utoipa::path(post, path = "/me/notifications/read", tag = "notifications", security(("bearer" = ["write"])),
    request_body = MarkRead, responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn mark_read(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<MarkRead>,
) -> Result<StatusCode, ApiError> {
    let up_to = match body.up_to.filter(|u| !u.is_empty()) {
        Some(u) => Some(NotificationId::parse(&u).ok_or(ApiError { error: Error::NotFound, lang })?),
        None => None,
    };
    state.kontor.notifications().mark_read(&me, up_to).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// How each kind of notification reaches me by e-mail: off, immediately, or in the
/// daily digest.
#[utoipa::path(get, path = "/me/notification-settings", tag = "notifications", security(("bearer" = ["read"])),
    responses((status = 200, body = [MailSetting]), (status = 401, body = ApiErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<MailSetting>>, ApiError> {
    Ok(Json(state.kontor.notifications().mail_settings(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Changes the kinds given; the others stay as they are. Answers with all of them.
#[utoipa::path(put, path = "/me/notification-settings", tag = "notifications", security(("bearer" = ["write"])),
    request_body = [MailSetting], responses((status = 200, body = [MailSetting]), (status = 401, body = ApiErrorBody),
    (status = 422, body = ApiErrorBody)))]
pub async fn set_settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<Vec<MailSetting>>,
) -> Result<Json<Vec<MailSetting>>, ApiError> {
    let notifications = state.kontor.notifications();
    notifications.set_mail_settings(&me, &body).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(notifications.mail_settings(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// The notifications operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(unread))
        .routes(routes!(mark_read))
        .routes(routes!(settings, set_settings))
}
