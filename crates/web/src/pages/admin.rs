//! The operator's page: site settings, approvals, and managing members.

use super::{field_errors, render, unprocessable};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::accounts::{Account, AccountState};
use kontor_core::admin::{MemberAction, SignupMode, SiteChange, TwoFactorRule};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use kontor_core::legal::LegalKind;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct AdminQuery {
    #[serde(default)]
    state: String,
    cursor: Option<String>,
    notice: Option<String>,
}

/// The actions that make sense for a member in their present state.
fn actions(m: &Account, me: &Account) -> Vec<&'static str> {
    if m.key == me.key {
        return Vec::new();
    }
    let mut actions = match m.state {
        AccountState::AwaitingApproval => vec!["approve"],
        AccountState::Active => vec!["suspend"],
        AccountState::Suspended => vec!["reinstate"],
        AccountState::Invited => vec!["invite"],
        AccountState::Unverified => vec![],
    };
    if m.state == AccountState::Active {
        actions.push(if m.is_admin() { "revoke_admin" } else { "make_admin" });
        actions.push("end_sessions");
    }
    actions.push("delete");
    actions
}

async fn page(state: &AppState, ctx: &Ctx, q: AdminQuery, f: FormState) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let filter = AccountState::parse(&q.state);
    let listing = state.kontor.admin().members(me, filter, q.cursor.as_deref()).await?;
    let members = listing
        .items
        .iter()
        .map(|m| AdminMemberRow {
            id: m.id.to_string(),
            name: m.name.as_str().to_owned(),
            initials: m.name.initials().to_string(),
            hue: m.name.initials().hue(),
            email: m.email.as_str().to_owned(),
            state: m.state.as_str(),
            admin: m.is_admin(),
            actions: actions(m, &me.account),
        })
        .collect();
    let notice = match q.notice.as_deref() {
        Some("saved") => Some("admin-saved"),
        Some("done") => Some("admin-done"),
        Some("invited") => Some("admin-invited"),
        Some("sessions_ended") => Some("admin-sessions-ended"),
        Some("legal_saved") => Some("admin-legal-saved"),
        _ => None,
    };
    let jobs = state.kontor.admin().parked_jobs(me).await?;
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    let parked = jobs
        .into_iter()
        .map(|j| ParkedJobRow {
            id: j.id.to_string(),
            kind: j.kind.as_str(),
            attempts: j.attempts,
            error: j.last_error.unwrap_or_default(),
            since: j.created_at.format(format).unwrap_or_default(),
        })
        .collect();
    let reports = state.kontor.ticker().reported(me).await?;
    let written = state.kontor.legal().overview(me).await?;
    let legal_missing = written
        .iter()
        .filter(|(k, langs)| langs.is_empty() && LegalKind::REQUIRED.contains(k))
        .map(|(k, _)| k.as_str())
        .collect();
    let legal = written
        .into_iter()
        .map(|(kind, langs)| (kind.as_str(), Lang::ALL.iter().map(|l| (l.code(), langs.contains(l))).collect()))
        .collect();
    render(AdminPage {
        reports,
        parked,
        c: Chrome::new(ctx, "admin"),
        f,
        notice,
        site_name: ctx.site.name.clone(),
        sender_missing: !state.kontor.config().mail_sender_configured && !ctx.site.demo,
        modes: SignupMode::ALL.iter().map(|m| (m.as_str(), *m == ctx.site.signup_mode)).collect(),
        two_factor_rules: TwoFactorRule::ALL.iter().map(|r| (r.as_str(), *r == ctx.site.two_factor_required)).collect(),
        site_lang: ctx.site.lang.code(),
        public_search: ctx.site.public_search,
        legal,
        legal_missing,
        filter: filter.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        members,
        next: listing.next,
    })
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(q): Query<AdminQuery>) -> Result<Response, PageError> {
    page(&state, &ctx, q, FormState::default()).await
}

pub async fn settings(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let mode = SignupMode::parse(form.get("signup_mode")).ok_or(PageError(Error::invalid("signup_mode", "invalid")))?;
    // A form without the choice (an older page) leaves the rule as it is.
    let rule = match form.get("two_factor_required") {
        "" => ctx.site.two_factor_required,
        given => TwoFactorRule::parse(given).ok_or(PageError(Error::invalid("two_factor_required", "invalid")))?,
    };
    // Likewise the site's language.
    let site_lang = match form.get("site_lang") {
        "" => ctx.site.lang,
        given => Lang::parse(given).ok_or(PageError(Error::invalid("site_lang", "invalid")))?,
    };
    // A form without the box (an older page) leaves visitors' search as it is.
    let public_search = match form.get("public_search_asked") {
        "" => ctx.site.public_search,
        _ => form.get("public_search") == "on",
    };
    let change = SiteChange {
        name: form.get("site_name"),
        signup_mode: mode,
        two_factor_required: rule,
        lang: site_lang,
        public_search,
    };
    match state.kontor.admin().update_settings(me, change).await {
        Ok(_) => Ok(Redirect::to("/admin?notice=saved").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(page(&state, &ctx, AdminQuery::default(), f).await)
        }
    }
}

pub async fn end_every_session(
    State(state): State<AppState>,
    ctx: Ctx,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let me = ctx.require()?;
    state.kontor.admin().end_every_session(me).await?;
    Ok(Redirect::to("/admin?notice=sessions_ended").into_response())
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let id = MemberId::parse(&id).ok_or(PageError(Error::NotFound))?;
    let action = MemberAction::parse(&action).ok_or(PageError(Error::NotFound))?;
    state.kontor.admin().act(me, id, action).await?;
    Ok(Redirect::to("/admin?notice=done").into_response())
}

pub async fn invite(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let invitee = Lang::parse(form.get("invite_lang"));
    match state.kontor.accounts().invite(me, form.get("invite_name"), form.get("invite_email"), invitee).await {
        Ok(()) => Ok(Redirect::to("/admin?notice=invited").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(page(&state, &ctx, AdminQuery::default(), f).await)
        }
    }
}

pub async fn retry_job(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let me = ctx.require()?;
    let id = kontor_core::ids::JobId::parse(&id).ok_or(PageError(Error::NotFound))?;
    state.kontor.admin().retry_job(me, id).await?;
    Ok(Redirect::to("/admin?notice=done").into_response())
}
