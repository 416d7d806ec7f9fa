//! The ticker: my news feed, posts with their comments, likes and shares, reports, my
//! ticker settings and mutes.

use super::{ApiJson, ApiMember, ApiQuery, MaybeApiMember, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::i18n::Lang;
use kontor_core::ids::{ActivityId, MemberId};
use kontor_core::network::MemberCard;
use kontor_core::ticker::{Audience, PostThread, TickerFilter, TickerPage, TickerQuery, TickerSettings};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

fn activity_id(id: &str, lang: Lang) -> Result<ActivityId, ApiError> {
    ActivityId::parse(id).ok_or(ApiError { error: Error::NotFound, lang })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TickerParams {
    /// Only one kind of news (default: all).
    // Declared in place: a parameter's type is not collected with the operation.
    #[param(inline)]
    filter: Option<TickerFilter>,
    /// The `next` cursor of the previous page.
    before: Option<String>,
    /// 1 to 100; 20 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    limit: Option<PageSize<100>>,
}

/// A page of my ticker, newest first: what my contacts did that I may see, each item
/// with why I see it; today's birthdays on the first page.
#[utoipa::path(get, path = "/me/ticker", tag = "ticker", security(("bearer" = ["read"])), params(TickerParams),
    responses((status = 200, body = TickerPage), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn ticker(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<TickerParams>,
) -> Result<Json<std::sync::Arc<kontor_core::changelog::Remembered<TickerPage>>>, ApiError> {
    let before = p.before.filter(|b| !b.is_empty()).map(|b| activity_id(&b, lang)).transpose()?;
    let query =
        TickerQuery { before, filter: p.filter.unwrap_or_default(), limit: p.limit.map_or(0, |l| l.0) as usize };
    Ok(Json(state.kontor.ticker().page(&me, query).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPost {
    /// Up to 3,000 characters; links and @mentions of contacts (by name) are recognised.
    #[schema(
        max_length = 3000,
        pattern = r#"^\s*[^\s\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#
    )]
    text: String,
    /// Default: contacts.
    audience: Option<Audience>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    id: ActivityId,
}

/// Writes a status post.
#[utoipa::path(post, path = "/posts", tag = "ticker", security(("bearer" = ["write"])), request_body = NewPost,
    responses((status = 201, body = Created), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<NewPost>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let audience = body.audience.unwrap_or_default();
    let id = state.kontor.ticker().post(&me, &body.text, audience).await.map_err(|error| ApiError { error, lang })?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A post with its comments, if I may see it (public posts need no token).
#[utoipa::path(get, path = "/posts/{id}", tag = "ticker", params(("id" = String, Path)),
    responses((status = 200, body = PostThread), (status = 404, body = ApiErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    MaybeApiMember(me, lang): MaybeApiMember,
    Path(id): Path<String>,
) -> Result<Json<PostThread>, ApiError> {
    let id = activity_id(&id, lang)?;
    Ok(Json(state.kontor.ticker().thread(me.as_ref(), id).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextChange {
    /// Up to 3,000 characters for a post, 1,250 for a comment.
    #[schema(
        max_length = 3000,
        pattern = r#"^\s*[^\s\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#
    )]
    text: String,
}

/// Changes the text of my post or comment.
#[utoipa::path(put, path = "/posts/{id}", tag = "ticker", security(("bearer" = ["write"])), params(("id" = String, Path)),
    request_body = TextChange, responses((status = 204), (status = 401, body = ApiErrorBody),
    (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TextChange>,
) -> Result<StatusCode, ApiError> {
    let id = activity_id(&id, lang)?;
    state.kontor.ticker().edit(&me, id, &body.text).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes my post, share or comment with everything on it (administrators: any).
#[utoipa::path(delete, path = "/posts/{id}", tag = "ticker", security(("bearer" = ["write"])), params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = activity_id(&id, lang)?;
    state.kontor.ticker().delete(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// Up to 1,250 characters.
    #[schema(
        max_length = 1250,
        pattern = r#"^\s*[^\s\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#
    )]
    text: String,
    /// The comment this answers (one level of replies).
    reply_to: Option<String>,
}

/// Comments on a post I may see, or answers a comment on it.
#[utoipa::path(post, path = "/posts/{id}/comments", tag = "ticker", security(("bearer" = ["write"])),
    params(("id" = String, Path)), request_body = NewComment, responses((status = 201, body = Created),
    (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn comment(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewComment>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let post = activity_id(&id, lang)?;
    let reply_to = body.reply_to.filter(|r| !r.is_empty()).map(|r| activity_id(&r, lang)).transpose()?;
    let id = state
        .kontor
        .ticker()
        .comment(&me, post, reply_to, &body.text)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Likes a post I may see (liking twice is one like).
#[utoipa::path(put, path = "/posts/{id}/like", tag = "ticker", security(("bearer" = ["write"])), params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn like(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = activity_id(&id, lang)?;
    state.kontor.ticker().like(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes my like back.
#[utoipa::path(delete, path = "/posts/{id}/like", tag = "ticker", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody)))]
pub async fn unlike(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = activity_id(&id, lang)?;
    state.kontor.ticker().unlike(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    /// My note (may be empty), up to 1,250 characters.
    #[serde(default)]
    #[schema(max_length = 1250, pattern = r#"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#)]
    text: String,
    /// Held to the post's own audience: a share never reaches further than the post.
    audience: Option<Audience>,
}

/// Shares a post I may see with my network.
#[utoipa::path(post, path = "/posts/{id}/shares", tag = "ticker", security(("bearer" = ["write"])),
    params(("id" = String, Path)), request_body = NewShare, responses((status = 201, body = Created),
    (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn share(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewShare>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let post = activity_id(&id, lang)?;
    let audience = body.audience.unwrap_or_default();
    let id =
        state.kontor.ticker().share(&me, post, &body.text, audience).await.map_err(|error| ApiError { error, lang })?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// Why, for the administrators: up to 500 characters.
    #[schema(
        max_length = 500,
        pattern = r#"^\s*[^\s\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#
    )]
    reason: String,
}

/// Reports a post I may see to the administrators.
#[utoipa::path(post, path = "/posts/{id}/reports", tag = "ticker", security(("bearer" = ["write"])),
    params(("id" = String, Path)), request_body = NewReport, responses((status = 204),
    (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewReport>,
) -> Result<StatusCode, ApiError> {
    let post = activity_id(&id, lang)?;
    state.kontor.ticker().report(&me, post, &body.reason).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// What my network hears of me: new contacts, profile changes, my birthday.
#[utoipa::path(get, path = "/me/ticker-settings", tag = "ticker", security(("bearer" = ["read"])),
    responses((status = 200, body = TickerSettings), (status = 401, body = ApiErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<TickerSettings>, ApiError> {
    Ok(Json(state.kontor.ticker().settings(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Changes them. A narrower choice hides what was shown before; a wider one counts only
/// from now on.
#[utoipa::path(put, path = "/me/ticker-settings", tag = "ticker", security(("bearer" = ["write"])),
    request_body = TickerSettings, responses((status = 200, body = TickerSettings), (status = 401, body = ApiErrorBody),
    (status = 422, body = ApiErrorBody)))]
pub async fn set_settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(body): ApiJson<TickerSettings>,
) -> Result<Json<TickerSettings>, ApiError> {
    state.kontor.ticker().set_settings(&me, &body).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(body))
}

/// Members whose news I muted.
#[utoipa::path(get, path = "/me/mutes", tag = "ticker", security(("bearer" = ["read"])),
    responses((status = 200, body = [MemberCard]), (status = 401, body = ApiErrorBody)))]
pub async fn mutes(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<MemberCard>>, ApiError> {
    Ok(Json(state.kontor.ticker().muted(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Mutes a member's news in my ticker (they are not told).
#[utoipa::path(put, path = "/me/mutes/{id}", tag = "ticker", security(("bearer" = ["write"])), params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn mute(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    set_muted(state, me, lang, &id, true).await
}

/// Shows a muted member's news again.
#[utoipa::path(delete, path = "/me/mutes/{id}", tag = "ticker", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody),
    (status = 404, body = ApiErrorBody)))]
pub async fn unmute(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    set_muted(state, me, lang, &id, false).await
}

async fn set_muted(
    state: AppState,
    me: kontor_core::accounts::Current,
    lang: Lang,
    id: &str,
    muted: bool,
) -> Result<StatusCode, ApiError> {
    let other = MemberId::parse(id).ok_or(ApiError { error: Error::NotFound, lang })?;
    state.kontor.ticker().set_muted(&me, other, muted).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MentionParams {
    /// What follows the `@` so far; empty for all. Up to 100 characters (nothing is
    /// suggested for more).
    #[serde(default)]
    q: String,
}

/// Whom a post or comment of mine may mention, for suggestions after an `@`: my
/// contacts whose name, or a word of it, starts with `q`, in name order, at most 8.
#[utoipa::path(get, path = "/me/mention-suggestions", tag = "ticker", security(("bearer" = ["read"])),
    params(MentionParams), responses((status = 200, body = [MemberCard]), (status = 401, body = ApiErrorBody)))]
pub async fn mention_suggestions(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(q): ApiQuery<MentionParams>,
) -> Result<Json<Vec<MemberCard>>, ApiError> {
    let found = state.kontor.ticker().mention_suggestions(&me, &q.q, MENTION_SUGGESTIONS).await;
    Ok(Json(found.map_err(|error| ApiError { error, lang })?))
}

/// As many suggestions as fit under a composer on a phone.
pub const MENTION_SUGGESTIONS: usize = 8;

/// The ticker operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ticker))
        .routes(routes!(create))
        .routes(routes!(show, edit, delete))
        .routes(routes!(comment))
        .routes(routes!(like, unlike))
        .routes(routes!(share))
        .routes(routes!(report))
        .routes(routes!(settings, set_settings))
        .routes(routes!(mutes))
        .routes(routes!(mute, unmute))
        .routes(routes!(mention_suggestions))
}
