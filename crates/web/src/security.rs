//! Headers every response carries, and the cross-site request guard.
//!
//! CSRF is stopped twice: browsers that send `Sec-Fetch-Site` or `Origin` have any
//! cross-site state-changing request refused here; on top, every form carries a token that
//! must match the browser's CSRF cookie (checked by [`crate::form::CsrfForm`]), which also
//! covers old browsers that send neither header.

use crate::cookies;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browsers that once reached Kontor over https keep to https for a year.
const HSTS: &str = "max-age=31536000";

pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if state.settings.secure_cookies {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let is_html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses state-changing requests that a browser says come from another site, and
/// gives every browser its CSRF token: derived from the session once there is one, so
/// a token planted in a cookie (by a sibling site, say) is worth nothing to a member.
pub async fn csrf(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && is_cross_site(&request, &state) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    let session = cookies::get(request.headers(), cookies::SESSION).filter(|s| !s.is_empty());
    // Before log-in: the double-submit cookie. A cookie that is no token of ours
    // (someone else's script may set cookies) is replaced with a fresh one.
    let existing =
        cookies::get(request.headers(), cookies::CSRF).filter(|t| CsrfToken::well_formed(t)).map(str::to_owned);
    let fresh = existing.is_none().then(|| kontor_core::secrets::RawToken::generate().expose().to_owned());
    let token = match session {
        Some(session) => CsrfToken::of_session(session),
        None => CsrfToken { value: existing.or(fresh.clone()).unwrap_or_default(), session: false },
    };
    request.extensions_mut().insert(token);
    let mut response = next.run(request).await;
    if let Some(token) = fresh {
        let cookie = cookies::set(cookies::CSRF, &token, None, state.settings.secure_cookies);
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The CSRF token of this browser, for forms: the session's, or before log-in the
/// cookie's value.
#[derive(Clone, Debug, Default)]
pub struct CsrfToken {
    value: String,
    /// Derived from the session (nothing to compare with a cookie).
    session: bool,
}

impl std::fmt::Display for CsrfToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

/// Only tokens of the form we make are taken from the cookie (letters, digits, `-` and
/// `_`), and a session's is hex: pages write one into every form as it is, with
/// nothing to escape.
impl askama::filters::HtmlSafe for CsrfToken {}

impl CsrfToken {
    fn well_formed(token: &str) -> bool {
        (1..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    /// The session's token: a hash of its secret, which only the member's browser holds
    /// (the session cookie is HttpOnly), and which ends with the session.
    fn of_session(session: &str) -> Self {
        let value = kontor_core::secrets::RawToken::from_client(&format!("csrf:{session}")).hash().0;
        Self { value, session: true }
    }

    /// Does a submitted form carry this browser's token? A browser without the cookie
    /// (whose token was only just made) has none to match.
    pub fn matches(&self, cookie: Option<&str>, sent: Option<&str>) -> bool {
        let sent_ours = !self.value.is_empty() && sent == Some(self.value.as_str());
        sent_ours && (self.session || cookie == Some(self.value.as_str()))
    }
}

fn is_cross_site(request: &Request<Body>, state: &AppState) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let same_host = origin.split_once("://").is_some_and(|(_, rest)| rest == host);
        return !(same_host || origin == state.settings.public_url);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::CsrfToken;
    use kontor_core::secrets::RawToken;

    /// Pages write the token unescaped: only what we make may come back from the cookie.
    #[test]
    fn only_tokens_of_our_form_are_taken_from_the_cookie() {
        assert!(CsrfToken::well_formed(RawToken::generate().expose()));
        assert!(!CsrfToken::well_formed(""));
        assert!(!CsrfToken::well_formed("\"><script>alert(1)</script>"));
        assert!(!CsrfToken::well_formed("a b"));
        assert!(!CsrfToken::well_formed(&"a".repeat(65)));
    }

    #[test]
    fn a_session_has_its_own_token_that_no_cookie_replaces() {
        let session = CsrfToken::of_session("the-session-secret");
        assert!(CsrfToken::well_formed(&session.value), "safe to write into a page");
        assert!(session.matches(None, Some(&session.value)));
        assert!(!session.matches(Some("planted"), Some("planted")), "a planted cookie is no token");
        assert!(!CsrfToken::of_session("another-session").matches(None, Some(&session.value)));
        let anonymous = CsrfToken { value: "abc".into(), session: false };
        assert!(anonymous.matches(Some("abc"), Some("abc")));
        assert!(!anonymous.matches(None, Some("abc")), "before log-in, the cookie must match");
    }
}
