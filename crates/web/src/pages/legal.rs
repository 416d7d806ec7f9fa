//! The legal pages: read by anyone, written by administrators.

use super::{field_errors, render, unprocessable};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::i18n::Lang;
use kontor_core::legal::LegalKind;

fn kind_of(kind: &str) -> Result<LegalKind, PageError> {
    LegalKind::parse(kind).ok_or(PageError(Error::NotFound))
}

fn lang_of(code: &str) -> Result<Lang, PageError> {
    Lang::parse(code).ok_or(PageError(Error::NotFound))
}

/// `/legal/imprint`, `/legal/privacy`, `/legal/terms`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(kind): Path<String>) -> Result<Response, PageError> {
    let lang = ctx.lang();
    let kind = kind_of(&kind)?;
    let page = state.kontor.legal().page(kind, lang).await?;
    render(LegalPageView {
        c: Chrome::new(&ctx, ""),
        kind: kind.as_str(),
        other_language: page.lang != lang,
        text_lang: page.lang.code(),
        html: page.html,
        updated: ctx.tr.date(&page.updated_at),
    })
}

/// The editor of one page in one language.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((kind, code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (kind, text_lang) = (kind_of(&kind)?, lang_of(&code)?);
    let me = ctx.require()?;
    let draft = state.kontor.legal().draft(me, kind, text_lang).await?;
    let template = !draft.saved && kind == LegalKind::Privacy;
    render(editor(&ctx, FormState::default(), (kind, text_lang), draft.markdown, draft.saved, template))
}

fn editor(
    ctx: &Ctx,
    f: FormState,
    page: (LegalKind, Lang),
    markdown: String,
    saved: bool,
    template: bool,
) -> LegalEditPage {
    let (kind, text_lang) = page;
    LegalEditPage {
        c: Chrome::new(ctx, "admin"),
        f,
        kind: kind.as_str(),
        text_lang: text_lang.code(),
        markdown,
        saved,
        template,
        max: kontor_core::legal::MAX_MARKDOWN_CHARS,
    }
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((kind, code)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let (kind, text_lang) = (kind_of(&kind)?, lang_of(&code)?);
    let me = ctx.require()?;
    match state.kontor.legal().save(me, kind, text_lang, form.get("markdown")).await {
        Ok(()) => Ok(Redirect::to("/admin?notice=legal_saved#legal").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            let markdown = form.get("markdown").to_owned();
            unprocessable(render(editor(&ctx, f, (kind, text_lang), markdown, false, false)))
        }
    }
}
