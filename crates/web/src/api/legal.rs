//! The legal pages: Impressum, privacy notice, terms of use.

use super::{ApiJson, ApiMember, ApiQuery, MaybeApiMember};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::i18n::Lang;
use kontor_core::legal::LegalKind;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct LegalQuery {
    /// The language wanted (else the request's); the other one is given where the
    /// operator wrote only that.
    lang: Option<Lang>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LegalText {
    kind: LegalKind,
    /// The language the text is written in.
    lang: Lang,
    markdown: String,
    /// The Markdown as sanitised HTML.
    html: String,
    #[serde(with = "time::serde::rfc3339")]
    updated_at: OffsetDateTime,
}

fn kind_of(kind: &str, lang: Lang) -> Result<LegalKind, ApiError> {
    LegalKind::parse(kind).ok_or(ApiError { error: Error::NotFound, lang })
}

fn lang_of(code: &str, lang: Lang) -> Result<Lang, ApiError> {
    Lang::parse(code).ok_or(ApiError { error: Error::NotFound, lang })
}

/// A legal page, for anyone; 404 until the operator has written it.
#[utoipa::path(get, path = "/legal/{kind}", tag = "site", params(("kind" = LegalKind, Path), LegalQuery),
    responses((status = 200, body = LegalText), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    MaybeApiMember(me, lang): MaybeApiMember,
    Path(kind): Path<String>,
    ApiQuery(q): ApiQuery<LegalQuery>,
) -> Result<Json<LegalText>, ApiError> {
    let kind = kind_of(&kind, lang)?;
    let wanted = q.lang.or(me.map(|m| m.account.lang)).unwrap_or(lang);
    let page = state.kontor.legal().page(kind, wanted).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(LegalText { kind, lang: page.lang, markdown: page.markdown, html: page.html, updated_at: page.updated_at }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LegalDraft {
    markdown: String,
    /// False while the text is the generated template (the privacy notice) or empty.
    saved: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    updated_at: Option<OffsetDateTime>,
}

/// The text an administrator edits: the saved one, or for the privacy notice a template
/// listing what Kontor stores and for how long.
#[utoipa::path(get, path = "/admin/legal/{kind}/{lang}", tag = "admin", security(("bearer" = ["read"])),
    params(("kind" = LegalKind, Path), ("lang" = Lang, Path)),
    responses((status = 200, body = LegalDraft), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody)))]
pub async fn draft(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path((kind, code)): Path<(String, String)>,
) -> Result<Json<LegalDraft>, ApiError> {
    let (kind, text_lang) = (kind_of(&kind, lang)?, lang_of(&code, lang)?);
    let draft = state.kontor.legal().draft(&me, kind, text_lang).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(LegalDraft { markdown: draft.markdown, saved: draft.saved, updated_at: draft.updated_at }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalChange {
    /// Markdown; raw HTML in it is sanitised when shown. Empty removes the page.
    #[schema(max_length = 100000, pattern = r#"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$"#)]
    markdown: String,
}

/// Saves a legal page in one language.
#[utoipa::path(put, path = "/admin/legal/{kind}/{lang}", tag = "admin", security(("bearer" = ["write"])),
    params(("kind" = LegalKind, Path), ("lang" = Lang, Path)), request_body = LegalChange,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path((kind, code)): Path<(String, String)>,
    ApiJson(body): ApiJson<LegalChange>,
) -> Result<StatusCode, ApiError> {
    let (kind, text_lang) = (kind_of(&kind, lang)?, lang_of(&code, lang)?);
    state.kontor.legal().save(&me, kind, text_lang, &body.markdown).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The legal operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(super::with_body_limit(routes!(draft, save), crate::pages::LEGAL_FORM_BYTES))
}
