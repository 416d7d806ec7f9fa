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
        let cookie = cookies::get(request.headers(), cookies::CSRF).map(str::to_owned);
        let expected = request.extensions().get::<CsrfToken>().cloned();
        let body =
            Bytes::from_request(request, state).await.map_err(|_| PageError(Error::invalid("form", "too_large")))?;
        if body.len() > MAX_FORM_BYTES {
            return Err(PageError(Error::invalid("form", "too_large")));
        }
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&body).map_err(|_| PageError(Error::invalid("form", "form_invalid")))?;
        let sent = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str());
        if !expected.is_some_and(|t| t.matches(cookie.as_deref(), sent)) {
            return Err(PageError(Error::CsrfFailed));
        }
        Ok(Self(pairs.into_iter().filter(|(k, _)| k != "csrf").collect()))
    }
}

/// The token of a link Kontor mailed, taken from the path. Anything that is not such a
/// token is refused before a handler runs, so nothing else is ever echoed into a form.
pub struct LinkToken(pub kontor_core::secrets::RawToken);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for LinkToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, PageError> {
        let axum::extract::Path(token) = axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError(Error::InvalidToken))?;
        kontor_core::secrets::RawToken::from_link(&token).map(Self).ok_or(PageError(Error::InvalidToken))
    }
}
