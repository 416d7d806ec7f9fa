//! The errors of the domain. Each has a stable snake_case code (the API's `code`, and the
//! key of its translated message); storage failures are normalised by the stores into
//! [`StoreError`] and never reach a client in detail.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A problem with one input field: the field's name and the code of what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("e-mail or password wrong")]
    InvalidCredentials,
    #[error("e-mail not verified yet")]
    EmailNotVerified,
    #[error("account awaits approval")]
    AwaitingApproval,
    #[error("account suspended")]
    Suspended,
    #[error("link invalid or expired")]
    InvalidToken,
    #[error("sign-up is closed")]
    SignupClosed,
    /// A form without the browser's CSRF token (or with another one).
    #[error("form token missing or wrong")]
    CsrfFailed,
    /// An access token asked for what only a log-in session may do (credentials,
    /// sessions, tokens).
    #[error("needs a log-in session")]
    SessionRequired,
    /// Credentials change only shortly after the member proved who they are.
    #[error("needs the password again")]
    ReauthenticationRequired,
    /// An access token without the scope this request needs.
    #[error("the token's scopes do not cover this")]
    InsufficientScope,
    /// The site requires a second factor of this member, who has not set one up.
    #[error("two-factor log-in must be set up first")]
    TwoFactorRequired,
    /// The password was right, but the account needs a code from the authenticator app.
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    /// Too many photos are being processed at once; the client may retry shortly.
    #[error("image workers busy")]
    ImagesBusy,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: &'static str, code: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, code)])
    }

    /// The stable code of this error, shared by the API and the translations.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "validation_failed",
            Self::NotFound => "not_found",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::InvalidCredentials => "invalid_credentials",
            Self::EmailNotVerified => "email_not_verified",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Suspended => "account_suspended",
            Self::InvalidToken => "invalid_token",
            Self::SignupClosed => "signup_closed",
            Self::CsrfFailed => "csrf_failed",
            Self::SecondFactorRequired => "second_factor_required",
            Self::TwoFactorRequired => "two_factor_required",
            Self::SessionRequired => "session_required",
            Self::ReauthenticationRequired => "reauthentication_required",
            Self::InsufficientScope => "insufficient_scope",
            Self::RateLimited { .. } => "rate_limited",
            Self::ImagesBusy => "images_busy",
            Self::Conflict(code) => code,
            Self::Store(StoreError::NotFound) => "not_found",
            Self::Store(StoreError::Conflict(_)) => "conflict",
            Self::Store(StoreError::Busy) => "busy",
            Self::Store(StoreError::Full) => "storage_full",
            Self::Store(StoreError::Other(_)) | Self::Internal(_) => "internal",
        }
    }
}

/// A storage failure, normalised at the store boundary.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("row not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the write; the constraint's name.
    #[error("constraint {0} violated")]
    Conflict(String),
    /// The database is overloaded or locked; the caller may retry.
    #[error("database busy")]
    Busy,
    /// The database's disk is full: nothing was written; reads still work.
    #[error("the database's disk is full")]
    Full,
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// Collects the field errors of a form so all are shown at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    /// A problem found by a rule of the use-case rather than a parser.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn into_result(self) -> Result<()> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::Invalid(self.0)) }
    }
}
