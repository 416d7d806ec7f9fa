//! Errors at the HTTP edge: a page in the member's language, or JSON with a stable code.
//! The cause of a server fault is logged with its whole chain and never sent.

use crate::templates::ErrorPage;
use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kontor_core::i18n::Lang;
use kontor_core::{Error, StoreError};
use serde::Serialize;

/// Where a member the site requires a second factor of is sent until they have one.
pub const TWO_FACTOR_SET_UP: &str = "/settings/two-factor";

pub fn status_of(error: &Error) -> StatusCode {
    match error {
        Error::Invalid(fields) if fields.iter().any(|f| f.code == "too_large") => StatusCode::PAYLOAD_TOO_LARGE,
        Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::NotFound | Error::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
        Error::Unauthenticated | Error::InvalidCredentials | Error::SecondFactorRequired => StatusCode::UNAUTHORIZED,
        Error::Forbidden
        | Error::EmailNotVerified
        | Error::AwaitingApproval
        | Error::Suspended
        | Error::SignupClosed
        | Error::CsrfFailed
        | Error::SessionRequired
        | Error::ReauthenticationRequired
        | Error::InsufficientScope
        | Error::TwoFactorRequired => StatusCode::FORBIDDEN,
        Error::InvalidToken => StatusCode::BAD_REQUEST,
        Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        Error::Conflict(_) | Error::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
        Error::Store(StoreError::Busy | StoreError::Full) | Error::ImagesBusy => StatusCode::SERVICE_UNAVAILABLE,
        Error::Store(StoreError::Other(_)) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Logs a server fault with its cause chain, once, where it is turned into a response.
fn log_if_fault(status: StatusCode, error: &Error) {
    if status.is_server_error() {
        let mut chain = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            chain.push_str(": ");
            chain.push_str(&cause.to_string());
            source = cause.source();
        }
        tracing::error!(error = %chain, "request failed");
    }
}

/// When a client may try again after `error`, if waiting helps.
fn retry_after_secs(error: &Error) -> Option<u64> {
    match error {
        Error::RateLimited { retry_after_secs } => Some(*retry_after_secs),
        Error::Store(StoreError::Busy) => Some(1),
        // A photo takes about a second; a few seconds let the queue drain.
        Error::ImagesBusy => Some(5),
        // Room on a disk is made by a person: a minute is a fair first wait.
        Error::Store(StoreError::Full) => Some(60),
        _ => None,
    }
}

/// Tells a client that waiting helps when to come back.
pub(crate) fn retry_after(error: &Error, response: &mut Response) {
    if let Some(secs) = retry_after_secs(error) {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
}

/// What to tell a person about `error`, in their language: a limit says when to try
/// again.
pub fn message(lang: Lang, error: &Error) -> String {
    match error {
        Error::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60).max(1) as i64;
            lang.t_count("error-rate_limited-wait", minutes).into_owned()
        }
        _ => lang.t(&format!("error-{}", error.code())).into_owned(),
    }
}

/// An error on a page. Handlers return it with `?`; the page is rendered afterwards by
/// [`crate::error_pages::site_error_pages`], which knows the request: in the reader's
/// language, within the site's pages.
#[derive(Debug)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(error: Error) -> Self {
        Self(error)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let error = self.0;
        if matches!(error, Error::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        if matches!(error, Error::TwoFactorRequired) {
            return Redirect::to(TWO_FACTOR_SET_UP).into_response();
        }
        let status = status_of(&error);
        log_if_fault(status, &error);
        // A plain page, for the rare answer that passes no middleware; the site's error
        // page replaces it.
        let body = ErrorPage::new(Lang::default(), status, &error).render().unwrap_or_else(|_| status.to_string());
        let mut response = (status, Html(body)).into_response();
        retry_after(&error, &mut response);
        response.extensions_mut().insert(crate::error_pages::Failure { status, error: std::sync::Arc::new(error) });
        response
    }
}

/// An error of the JSON API: `{"code": "...", "message": "...", "fields": [...]}`.
#[derive(Debug)]
pub struct ApiError {
    pub error: Error,
    pub lang: Lang,
}

/// The body of every API error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// Stable, snake_case: what went wrong.
    code: &'static str,
    /// For people, in the member's language.
    message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<ApiFieldError>,
    /// With `rate_limited`, `storage_full` and `busy`: seconds until a retry may work
    /// (also in the Retry-After header).
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_secs: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiFieldError {
    field: &'static str,
    code: &'static str,
    message: String,
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        Self { error, lang: Lang::En }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self { error: error.into(), lang: Lang::En }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = status_of(&self.error);
        log_if_fault(status, &self.error);
        let fields = match &self.error {
            Error::Invalid(fields) => fields
                .iter()
                .map(|f| ApiFieldError {
                    field: f.field,
                    code: f.code,
                    message: self.lang.t(&format!("error-{}", f.code)).into_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody {
            code: self.error.code(),
            message: message(self.lang, &self.error),
            fields,
            retry_after_secs: retry_after_secs(&self.error),
        };
        let mut response = (status, Json(body)).into_response();
        retry_after(&self.error, &mut response);
        response
    }
}
