//! Form bodies, checked against the browser's CSRF token before anything else.

use crate::cookies;
use crate::error::PageError;
use crate::security::CsrfToken;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use kontor_core::Error;

/// Form bodies are small; anything larger is refused before parsing.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A url-encoded form as `(name, value)` pairs in order (names may repeat), after the
/// CSRF check.
pub struct CsrfForm(pub Vec<(String, String)>);

impl CsrfForm {
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for CsrfForm {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, PageError> {
        let lang = crate::ctx::accept_language(request.headers());
        let cookie = cookies::get(request.headers(), cookies::CSRF).map(str::to_owned);
        let expected = request.extensions().get::<CsrfToken>().map(|t| t.0.clone());
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|_| PageError::new(Error::invalid("form", "too_large"), lang))?;
        if body.len() > MAX_FORM_BYTES {
            return Err(PageError::new(Error::invalid("form", "too_large"), lang));
        }
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
            .map_err(|_| PageError::new(Error::invalid("form", "form_invalid"), lang))?;
        let sent = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str());
        let ok =
            matches!((cookie.as_deref(), expected.as_deref(), sent), (Some(c), Some(e), Some(s)) if c == e && e == s);
        if !ok {
            return Err(PageError::new(Error::Conflict("csrf_failed"), lang));
        }
        Ok(Self(pairs.into_iter().filter(|(k, _)| k != "csrf").collect()))
    }
}
