use super::{ApiJson, ApiMember};
use crate::ctx::{accept_language, client_ip};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use kontor_core::Error;
use kontor_core::accounts::{Account, LogIn, LogInOutcome, SignUp};
use kontor_core::i18n::Lang;
use kontor_core::secrets::RawToken;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    #[schema(max_length = 100, pattern = r#"^\s*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"#)]
    name: String,
    #[schema(
        max_length = 254,
        pattern = r#"^\s*(?=[^@\s]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\s*$"#
    )]
    email: String,
    #[schema(min_length = 10, max_length = 256)]
    password: String,
    lang: Option<Lang>,
    /// The person accepts the site's terms of use (`GET /legal/terms`); required once
    /// the site has terms.
    #[serde(default)]
    accept_terms: bool,
}

fn ip(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    client_ip(headers, Some(peer.ip()), &state.settings.trusted_proxies)
}

/// The answer to every sign-up.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SignupAccepted {
    /// Keep it to confirm the address with the password of this sign-up: send it with
    /// `POST /verify/{token}`. Without it, the confirmation sets a new password.
    signup_token: String,
}

/// Signs up; the answer is the same whether or not the e-mail has an account.
#[utoipa::path(post, path = "/signup", tag = "accounts", request_body = SignupRequest,
    responses((status = 202, body = SignupAccepted, description = "A verification link is on its way (or a note, if the address has an account)"),
        (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody, description = "Sign-up is by invitation only"),
        (status = 429, body = ApiErrorBody)))]
pub async fn signup(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignupRequest>,
) -> Result<(StatusCode, Json<SignupAccepted>), ApiError> {
    let lang = body.lang.unwrap_or_else(|| accept_language(&headers));
    let request = SignUp {
        name: &body.name,
        email: &body.email,
        password: &body.password,
        lang,
        accept_terms: body.accept_terms,
    };
    let browser = state
        .kontor
        .accounts()
        .sign_up(request, &ip(&state, &headers, peer))
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok((StatusCode::ACCEPTED, Json(SignupAccepted { signup_token: browser.expose().to_owned() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
    /// A code from the authenticator app (or a recovery code), if the account has
    /// two-factor log-in.
    otp: Option<String>,
    /// The `device_token` of an earlier log-in from this device: others' failed
    /// attempts on this account then do not hold this device up.
    device_token: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    token: String,
    member: Account,
    /// Keep it and send it with the next log-in (see `device_token` there).
    device_token: String,
}

/// Logs in and returns a bearer token for the API. Accounts with two-factor log-in also
/// need `otp`.
#[utoipa::path(post, path = "/sessions", tag = "accounts", request_body = LoginRequest,
    responses((status = 201, body = LoginResponse), (status = 401, body = ApiErrorBody, description = "invalid_credentials or second_factor_required"),
        (status = 403, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<(StatusCode, Json<LoginResponse>), ApiError> {
    let lang = accept_language(&headers);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let device = body.device_token.as_deref().map(RawToken::from_client);
    let request = LogIn {
        email: &body.email,
        password: &body.password,
        client_ip: &ip(&state, &headers, peer),
        device: device.as_ref(),
        user_agent,
    };
    let accounts = state.kontor.accounts();
    let done = match accounts.log_in(request).await.map_err(|error| ApiError { error, lang })? {
        LogInOutcome::Done(done) => done,
        LogInOutcome::SecondFactor { challenge } => {
            let otp = body.otp.as_deref().ok_or(ApiError { error: Error::SecondFactorRequired, lang })?;
            accounts
                .complete_second_factor(&challenge, otp, device.as_ref(), user_agent)
                .await
                .map_err(|error| ApiError { error, lang })?
        }
    };
    let token = done.session.expose().to_owned();
    let device_token = done.device.expose().to_owned();
    Ok((StatusCode::CREATED, Json(LoginResponse { token, member: done.account, device_token })))
}

/// Ends the session of the bearer token.
#[utoipa::path(delete, path = "/sessions/current", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ApiErrorBody)))]
pub async fn logout(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<StatusCode, ApiError> {
    state.kontor.accounts().log_out(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The account behind the bearer token.
#[utoipa::path(get, path = "/me", tag = "accounts", security(("bearer" = ["read"])),
    responses((status = 200, body = Account), (status = 401, body = ApiErrorBody)))]
pub async fn me(ApiMember(me, _): ApiMember) -> Json<Account> {
    Json(me.account)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    email: String,
}

/// Mails a password-reset link if the address has an account; the answer is the same
/// if it has none.
#[utoipa::path(post, path = "/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202), (status = 429, body = ApiErrorBody)))]
pub async fn request_reset(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    let lang = accept_language(&headers);
    let client_ip = ip(&state, &headers, peer);
    let accounts = state.kontor.accounts();
    accounts.request_password_reset(&body.email, &client_ip).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    #[schema(min_length = 10, max_length = 256)]
    password: String,
}

/// Sets a new password with the token from a reset link; every session ends.
#[utoipa::path(post, path = "/password-reset/{token}", tag = "accounts", request_body = NewPassword,
    params(("token" = String, Path)), responses((status = 204), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<NewPassword>,
) -> Result<StatusCode, ApiError> {
    let lang = accept_language(&headers);
    let token = RawToken::from_client(&token);
    state.kontor.accounts().reset_password(&token, &body.password).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// How a verification link is confirmed: with the sign-up's own token (its password
/// holds), or with a password chosen now. Either is required.
#[derive(Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The `signup_token` the sign-up answered with.
    signup_token: Option<String>,
    /// The account's password, chosen now (at least 10 characters).
    #[schema(min_length = 10, max_length = 256)]
    password: Option<String>,
}

/// Confirms an e-mail address with the token from the verification link.
#[utoipa::path(post, path = "/verify/{token}", tag = "accounts", params(("token" = String, Path)),
    request_body = VerifyRequest,
    responses((status = 200, body = Account), (status = 400, body = ApiErrorBody),
        (status = 422, body = ApiErrorBody, description = "Neither the sign-up's token nor a valid password")))]
pub async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<VerifyRequest>,
) -> Result<Json<Account>, ApiError> {
    let lang = accept_language(&headers);
    let browser = body.signup_token.as_deref().map(RawToken::from_client);
    let account = state
        .kontor
        .accounts()
        .verify_email(&RawToken::from_client(&token), browser.as_ref(), body.password.as_deref())
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(account))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationAcceptance {
    #[schema(min_length = 10, max_length = 256)]
    password: String,
    /// The invitee accepts the site's terms of use (`GET /legal/terms`); required once
    /// the site has terms.
    #[serde(default)]
    accept_terms: bool,
}

/// Accepts an invitation with the token from its link, setting the password.
#[utoipa::path(post, path = "/invitations/{token}", tag = "accounts", request_body = InvitationAcceptance,
    params(("token" = String, Path)), responses((status = 200, body = Account), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<InvitationAcceptance>,
) -> Result<Json<Account>, ApiError> {
    let lang = accept_language(&headers);
    let token = RawToken::from_client(&token);
    let account = state
        .kontor
        .accounts()
        .accept_invitation(&token, &body.password, body.accept_terms)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(account))
}

/// The auth operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(request_reset))
        .routes(routes!(reset))
        .routes(routes!(verify))
        .routes(routes!(accept_invitation))
}
