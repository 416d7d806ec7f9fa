//! Settings: language, password, sessions.

use super::{field_errors, render, unprocessable};
use crate::cookies;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::{CsrfForm, LinkToken};
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::accounts::{Ended, REAUTHENTICATION_WINDOW, Scope, Via};
use kontor_core::i18n::Lang;

/// Sets the language: for a member in their settings, for a visitor in a cookie.
pub async fn language(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let lang = Lang::parse(form.get("lang")).ok_or(PageError(Error::invalid("lang", "invalid")))?;
    if let Some(member) = &ctx.member {
        state.kontor.accounts().set_language(member, lang).await?;
    }
    // Only a path on this site: never an open redirect.
    let next = super::safe_next(form.get("next"), "/");
    let mut response = Redirect::to(next).into_response();
    let cookie = cookies::set(cookies::LANG, lang.code(), Some(365 * 24 * 3600), state.settings.secure_cookies);
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

pub(super) async fn settings_page(
    state: &AppState,
    ctx: &Ctx,
    f: FormState,
    notice: Option<&'static str>,
    new_token: Option<String>,
) -> Result<Response, PageError> {
    settings_page_with(state, ctx, SettingsShown { f, notice, new_token, ended: Ended::default() }).await
}

/// What a settings page shows beyond the member's settings: a form's errors, a notice,
/// a token just made, what a change just ended.
#[derive(Default)]
struct SettingsShown {
    f: FormState,
    notice: Option<&'static str>,
    new_token: Option<String>,
    ended: Ended,
}

const MINUTE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[hour]:[minute] UTC");

async fn settings_page_with(state: &AppState, ctx: &Ctx, shown: SettingsShown) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    let tokens = state.kontor.accounts().access_tokens(member).await?;
    let never = ctx.tr.t("settings-token-never").into_owned();
    let tokens = tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.simple().to_string(),
            name: t.name,
            scopes: scope_names(ctx, &t.scopes),
            used: t.last_used_at.map_or_else(|| never.clone(), |u| u.format(format).unwrap_or_default()),
        })
        .collect();
    let sessions = state.kontor.accounts().sessions(member).await?;
    let sessions = sessions
        .into_iter()
        .map(|s| SessionRow {
            id: s.id.simple().to_string(),
            device: device_name(&s.user_agent),
            seen: s.last_seen_at.format(format).unwrap_or_default(),
            current: Some(s.id) == member.session(),
        })
        .collect();
    let now = state.kontor.now();
    let confirmed_until = match member.via {
        Via::Session { authenticated_at, .. } if member.require_recent_authentication(now).is_ok() => {
            (authenticated_at + REAUTHENTICATION_WINDOW).format(MINUTE).ok()
        }
        _ => None,
    };
    render(SettingsPage {
        c: Chrome::new(ctx, "settings"),
        two_factor: member.account.two_factor,
        tokens,
        new_token: shown.new_token,
        notice: shown.notice,
        email: member.account.email.as_str().to_owned(),
        sessions,
        confirmed_until,
        ended: ended_lines(ctx, &shown.ended),
        f: shown.f,
    })
}

fn device_name(user_agent: &str) -> String {
    if user_agent.is_empty() { "?".into() } else { user_agent.chars().take(80).collect() }
}

fn scope_names(ctx: &Ctx, scopes: &[Scope]) -> String {
    let names: Vec<String> = scopes.iter().map(|s| ctx.tr.key(&format!("scope-{}", s.as_str())).into_owned()).collect();
    names.join(", ")
}

/// One line per session and token a change ended, for the page to list.
fn ended_lines(ctx: &Ctx, ended: &Ended) -> Vec<String> {
    let sessions = ended.sessions.iter().map(|s| device_name(&s.user_agent));
    let tokens = ended.tokens.iter().map(|t| ctx.tr.0.t_with("settings-ended-token", "name", &t.name).to_string());
    sessions.chain(tokens).collect()
}

/// Asks for the password (and the code, with two-factor log-in on) again: for ten
/// minutes this session may then change credentials.
pub async fn confirm(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    match state.kontor.accounts().reauthenticate(member, form.get("password"), form.get("code")).await {
        Ok(token) => {
            let mut response = Redirect::to("/settings#security").into_response();
            let secure = state.settings.secure_cookies;
            let cookie = cookies::set(cookies::SESSION, token.expose(), Some(super::auth::SESSION_MAX_AGE), secure);
            response.headers_mut().append(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    settings_page(&state, &ctx, FormState::default(), None, None).await
}

pub async fn change_password(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    match state.kontor.accounts().change_password(member, form.get("current_password"), form.get("new_password")).await
    {
        Ok(ended) => {
            let shown = SettingsShown { notice: Some("settings-password-changed"), ended, ..SettingsShown::default() };
            settings_page_with(&state, &ctx, shown).await
        }
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn end_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError(Error::NotFound))?;
    match state.kontor.accounts().end_session(member, id).await {
        Ok(()) => Ok(Redirect::to("/settings").into_response()),
        Err(e) => unprocessable(settings_page(&state, &ctx, field_errors(e)?, None, None).await),
    }
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    ctx: Ctx,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    if let Err(e) = state.kontor.accounts().log_out_everywhere(member).await {
        return unprocessable(settings_page(&state, &ctx, field_errors(e)?, None, None).await);
    }
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(cookies::SESSION, state.settings.secure_cookies));
    Ok(response)
}

/// Deletes the account after the grace period; the member is logged out at once.
pub async fn delete_account(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    match state.kontor.accounts().request_deletion(member, form.get("password")).await {
        Ok(()) => {
            let mut response = render(NoticePage {
                c: Chrome::new(&Ctx { member: None, ..ctx }, ""),
                title: "delete-scheduled-title",
                body: "delete-scheduled-body",
                action: None,
            })?;
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookies::clear(cookies::SESSION, state.settings.secure_cookies));
            Ok(response)
        }
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn two_factor_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let setup = state.kontor.accounts().begin_two_factor(member).await?;
    render(TwoFactorSetupPage {
        c: Chrome::new(&ctx, "settings"),
        f: FormState::default(),
        secret: setup.secret,
        qr: setup.qr_png_base64,
        owed: member.owes_two_factor,
    })
}

/// Confirms the authenticator app with a code and shows the recovery codes once.
pub async fn two_factor_on(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let accounts = state.kontor.accounts();
    match accounts.enable_two_factor(member, form.get("password"), form.get("secret"), form.get("code")).await {
        Ok((codes, ended)) => {
            let ended = ended_lines(&ctx, &ended);
            render(RecoveryCodesPage { c: Chrome::new(&ctx, "settings"), codes, ended })
        }
        Err(e) => {
            let f = field_errors(e)?;
            let setup = accounts.setup_for(member, form.get("secret")).await?;
            let page = TwoFactorSetupPage {
                c: Chrome::new(&ctx, "settings"),
                f,
                secret: setup.secret,
                qr: setup.qr_png_base64,
                owed: member.owes_two_factor,
            };
            unprocessable(render(page))
        }
    }
}

pub async fn two_factor_off(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    match state.kontor.accounts().disable_two_factor(member, form.get("password"), form.get("code")).await {
        Ok(()) => Ok(Redirect::to("/settings").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn change_email(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    match state.kontor.accounts().request_email_change(member, form.get("new_email"), form.get("password")).await {
        Ok(()) => settings_page(&state, &ctx, FormState::default(), Some("settings-email-sent"), None).await,
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn create_token(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let scopes: Vec<Scope> = form.all("scope").iter().filter_map(|s| Scope::parse(s)).collect();
    match state.kontor.accounts().create_access_token(member, form.get("token_name"), &scopes).await {
        Ok((_, secret)) => {
            settings_page(&state, &ctx, FormState::default(), None, Some(secret.expose().to_owned())).await
        }
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(settings_page(&state, &ctx, f, None, None).await)
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| PageError(Error::NotFound))?;
    state.kontor.accounts().revoke_access_token(member, id).await?;
    Ok(Redirect::to("/settings").into_response())
}

/// The link in the mail to the new address opens a page with a button.
pub async fn email_confirm_form(ctx: Ctx, LinkToken(token): LinkToken) -> Result<Response, PageError> {
    render(ConfirmPage {
        c: Chrome::new(&ctx, "settings"),
        title: "email-confirm-title",
        body: "email-confirm-body",
        action: format!("/email/{}", token.expose()),
        button: "email-confirm-button",
        next: String::new(),
    })
}

pub async fn email_confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    LinkToken(token): LinkToken,
    _form: CsrfForm,
) -> Result<Response, PageError> {
    state.kontor.accounts().confirm_email_change(&token).await?;
    render(NoticePage {
        c: Chrome::new(&ctx, "settings"),
        title: "email-changed-title",
        body: "email-changed-body",
        action: Some(("/settings", "nav-settings")),
    })
}
