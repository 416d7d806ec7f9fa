//! Sign-up, verification, log-in and out, password reset.

use super::{field_errors, render, unprocessable};
use crate::cookies;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::{CsrfForm, LinkToken};
use crate::state::AppState;
use crate::templates::*;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::accounts::{LogIn, LogInOutcome, LoggedIn, SignUp, Verification};
use kontor_core::admin::SignupMode;
use kontor_core::secrets::RawToken;

/// A session lasts 30 days; the device cookie, which exempts this browser from the
/// per-account log-in limit, a year.
pub(super) const SESSION_MAX_AGE: i64 = 30 * 24 * 3600;
const DEVICE_MAX_AGE: i64 = 365 * 24 * 3600;
/// As long as a verification link holds.
const SIGNUP_MAX_AGE: i64 = 48 * 3600;

pub async fn signup_form(ctx: Ctx) -> Result<Response, PageError> {
    if ctx.member.is_some() {
        return Ok(Redirect::to("/home").into_response());
    }
    let mode = ctx.site.signup_mode;
    render(SignupPage {
        c: Chrome::new(&ctx, "signup"),
        f: FormState::default(),
        name: String::new(),
        email: String::new(),
        closed: mode == SignupMode::InviteOnly,
        approval: mode == SignupMode::Approval,
        terms: ctx.site.legal.terms,
    })
}

pub async fn signup(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let request = SignUp {
        name: form.get("name"),
        email: form.get("email"),
        password: form.get("password"),
        lang: ctx.lang(),
        accept_terms: !form.get("accept_terms").is_empty(),
    };
    match state.kontor.accounts().sign_up(request, &ctx.client_ip).await {
        Ok(browser) => {
            let mut response = render(NoticePage {
                c: Chrome::new(&ctx, "signup"),
                title: "signup-done-title",
                body: "signup-done-body",
                action: None,
            })?;
            let cookie =
                cookies::set(cookies::SIGNUP, browser.expose(), Some(SIGNUP_MAX_AGE), state.settings.secure_cookies);
            response.headers_mut().append(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(e) => {
            let f = field_errors(e)?;
            let mode = ctx.site.signup_mode;
            let page = SignupPage {
                c: Chrome::new(&ctx, "signup"),
                f,
                name: form.get("name").to_owned(),
                email: form.get("email").to_owned(),
                closed: false,
                approval: mode == SignupMode::Approval,
                terms: ctx.site.legal.terms,
            };
            unprocessable(render(page))
        }
    }
}

/// The browser's sign-up secret, if it signed up here.
fn signup_browser(headers: &HeaderMap) -> Option<RawToken> {
    cookies::get(headers, cookies::SIGNUP).map(RawToken::from_client)
}

/// The link in the mail opens a page with a button: opening a link must not change
/// anything (mail scanners open links too). In another browser than the one that signed
/// up, the page asks for the password, so that only the holder of the mail chooses it.
pub async fn verify_form(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let browser = signup_browser(&headers);
    let asks = state.kontor.accounts().verification(&token, browser.as_ref()).await;
    match asks? {
        Verification::Confirm => render(ConfirmPage {
            c: Chrome::new(&ctx, "signup"),
            title: "verify-title",
            body: "verify-body",
            action: format!("/verify/{}", token.expose()),
            button: "verify-button",
            next: String::new(),
        }),
        Verification::ChoosePassword => {
            render(SetPasswordPage::verification(Chrome::new(&ctx, "signup"), FormState::default(), &token))
        }
    }
}

pub async fn verify(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    LinkToken(token): LinkToken,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let browser = signup_browser(&headers);
    let password = Some(form.get("password"));
    let account = match state.kontor.accounts().verify_email(&token, browser.as_ref(), password).await {
        Ok(account) => account,
        Err(e @ Error::Invalid(_)) => {
            let f = field_errors(e)?;
            return unprocessable(render(SetPasswordPage::verification(Chrome::new(&ctx, "signup"), f, &token)));
        }
        Err(e) => return Err(PageError(e)),
    };
    let (title, body) = match account.state {
        kontor_core::accounts::AccountState::AwaitingApproval => ("verify-done-title", "verify-done-approval"),
        _ => ("verify-done-title", "verify-done-body"),
    };
    let mut response =
        render(NoticePage { c: Chrome::new(&ctx, "signup"), title, body, action: Some(("/login", "login")) })?;
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(cookies::SIGNUP, state.settings.secure_cookies));
    Ok(response)
}

pub async fn login_form(ctx: Ctx) -> Result<Response, PageError> {
    if ctx.member.is_some() {
        return Ok(Redirect::to("/home").into_response());
    }
    render(LoginPage { c: Chrome::new(&ctx, "login"), email: String::new(), problem: None, notice: None })
}

pub async fn login(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let request = LogIn {
        email: form.get("email"),
        password: form.get("password"),
        client_ip: &ctx.client_ip,
        device: ctx.device.as_ref(),
        user_agent: &ctx.user_agent,
    };
    match state.kontor.accounts().log_in(request).await {
        Ok(LogInOutcome::Done(done)) => Ok(logged_in(&state, done)),
        Ok(LogInOutcome::SecondFactor { challenge }) => {
            let mut response = Redirect::to("/login/code").into_response();
            let cookie =
                cookies::set(cookies::SECOND_FACTOR, challenge.expose(), Some(600), state.settings.secure_cookies);
            response.headers_mut().append(header::SET_COOKIE, cookie);
            Ok(response)
        }
        Err(
            e @ (Error::InvalidCredentials
            | Error::EmailNotVerified
            | Error::AwaitingApproval
            | Error::Suspended
            | Error::RateLimited { .. }),
        ) => {
            let status = crate::error::status_of(&e);
            let page = LoginPage {
                c: Chrome::new(&ctx, "login"),
                email: form.get("email").to_owned(),
                problem: Some(crate::error::message(ctx.lang(), &e)),
                notice: None,
            };
            let mut response = render(page)?;
            *response.status_mut() = status;
            crate::error::retry_after(&e, &mut response);
            Ok(response)
        }
        Err(e) => Err(PageError(e)),
    }
}

/// Sets the cookies of a new session and goes home.
fn logged_in(state: &AppState, done: LoggedIn) -> Response {
    let secure = state.settings.secure_cookies;
    let mut response = Redirect::to("/home").into_response();
    let h = response.headers_mut();
    h.append(header::SET_COOKIE, cookies::set(cookies::SESSION, done.session.expose(), Some(SESSION_MAX_AGE), secure));
    h.append(header::SET_COOKIE, cookies::set(cookies::DEVICE, done.device.expose(), Some(DEVICE_MAX_AGE), secure));
    h.append(header::SET_COOKIE, cookies::clear(cookies::LANG, secure));
    h.append(header::SET_COOKIE, cookies::clear(cookies::SECOND_FACTOR, secure));
    response
}

pub async fn code_form(ctx: Ctx) -> Result<Response, PageError> {
    render(LoginCodePage { c: Chrome::new(&ctx, "login"), f: FormState::default() })
}

/// The second step of a log-in: a code from the authenticator app, or a recovery code.
pub async fn code(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let Some(challenge) = cookies::get(&headers, cookies::SECOND_FACTOR).map(RawToken::from_client) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let result = state
        .kontor
        .accounts()
        .complete_second_factor(&challenge, form.get("code"), ctx.device.as_ref(), &ctx.user_agent)
        .await;
    match result {
        Ok(done) => Ok(logged_in(&state, done)),
        Err(Error::InvalidToken) => Ok(Redirect::to("/login").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(render(LoginCodePage { c: Chrome::new(&ctx, "login"), f }))
        }
    }
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx, _form: CsrfForm) -> Result<Response, PageError> {
    if let Some(member) = &ctx.member {
        state.kontor.accounts().log_out(member).await?;
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(cookies::SESSION, state.settings.secure_cookies));
    Ok(response)
}

pub async fn reset_request_form(ctx: Ctx) -> Result<Response, PageError> {
    render(ResetRequestPage { c: Chrome::new(&ctx, "login") })
}

pub async fn reset_request(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    state.kontor.accounts().request_password_reset(form.get("email"), &ctx.client_ip).await?;
    render(NoticePage {
        c: Chrome::new(&ctx, "login"),
        title: "reset-sent-title",
        body: "reset-sent-body",
        action: None,
    })
}

pub async fn reset_form(ctx: Ctx, LinkToken(token): LinkToken) -> Result<Response, PageError> {
    render(SetPasswordPage::reset(Chrome::new(&ctx, "login"), FormState::default(), &token))
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    LinkToken(token): LinkToken,
    form: CsrfForm,
) -> Result<Response, PageError> {
    match state.kontor.accounts().reset_password(&token, form.get("password")).await {
        Ok(_) => render(LoginPage {
            c: Chrome::new(&ctx, "login"),
            email: String::new(),
            problem: None,
            notice: Some("reset-done"),
        }),
        Err(e) => {
            let f = field_errors(e)?;
            unprocessable(render(SetPasswordPage::reset(Chrome::new(&ctx, "login"), f, &token)))
        }
    }
}

pub async fn invitation_form(ctx: Ctx, LinkToken(token): LinkToken) -> Result<Response, PageError> {
    let terms = ctx.site.legal.terms;
    render(SetPasswordPage::invitation(Chrome::new(&ctx, "signup"), FormState::default(), &token, terms))
}

/// The invitee sets a password; then they can log in.
pub async fn accept_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    LinkToken(token): LinkToken,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let accepted = !form.get("accept_terms").is_empty();
    match state.kontor.accounts().accept_invitation(&token, form.get("password"), accepted).await {
        Ok(_) => render(LoginPage {
            c: Chrome::new(&ctx, "login"),
            email: String::new(),
            problem: None,
            notice: Some("invite-done"),
        }),
        Err(e) => {
            let f = field_errors(e)?;
            let terms = ctx.site.legal.terms;
            unprocessable(render(SetPasswordPage::invitation(Chrome::new(&ctx, "signup"), f, &token, terms)))
        }
    }
}
