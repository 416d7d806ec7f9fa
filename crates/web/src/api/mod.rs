//! The JSON API under `/api/v1`: the same use-cases as the pages, with stable error codes.
//! Clients authenticate with `Authorization: Bearer <token>`.

mod admin;
mod auth;
mod contacts;
mod doc;
mod legal;
mod me;
mod network;
mod notifications;
mod profiles;
mod ticker;

pub use ticker::MENTION_SUGGESTIONS;

use crate::ctx::accept_language;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::extract::rejection::JsonRejection;
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::routing::{get, post};
use kontor_core::Error;
use kontor_core::accounts::{Current, Scope};
use kontor_core::i18n::Lang;
use kontor_core::secrets::RawToken;
use serde::de::DeserializeOwned;

/// JSON request bodies of the API are small.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", post(auth::signup))
        .route("/sessions", post(auth::login))
        .route("/sessions/current", axum::routing::delete(auth::logout))
        .route("/me", get(auth::me).delete(me::delete_account))
        .route("/me/password", axum::routing::put(me::change_password))
        .route("/me/reauthenticate", post(me::reauthenticate))
        .route("/me/language", axum::routing::put(me::set_language))
        .route("/me/two-factor", post(me::begin_two_factor).put(me::enable_two_factor).delete(me::disable_two_factor))
        .route("/me/sessions", get(me::sessions))
        .route("/me/sessions/{id}", axum::routing::delete(me::end_session))
        .route("/me/access-tokens", get(me::access_tokens).post(me::create_access_token))
        .route("/me/access-tokens/{id}", axum::routing::delete(me::revoke_access_token))
        .route(
            "/me/photo",
            axum::routing::put(me::put_photo)
                .delete(me::delete_photo)
                .layer(axum::extract::DefaultBodyLimit::max(crate::pages::PHOTO_UPLOAD_BYTES)),
        )
        .route("/password-reset", post(auth::request_reset))
        .route("/password-reset/{token}", post(auth::reset))
        .route("/verify/{token}", post(auth::verify))
        .route("/invitations/{token}", post(auth::accept_invitation))
        .route("/suggest", get(profiles::suggest))
        .route("/members/{id}/photo", get(profiles::photo))
        .route("/legal/{kind}", get(legal::show))
        .route(
            "/admin/legal/{kind}/{lang}",
            get(legal::draft)
                .put(legal::save)
                .layer(axum::extract::DefaultBodyLimit::max(crate::pages::LEGAL_FORM_BYTES)),
        )
        .route("/admin/members", get(admin::members))
        .route("/admin/members/{id}/{action}", post(admin::act))
        .route("/admin/settings", axum::routing::put(admin::settings))
        .route("/admin/sessions", axum::routing::delete(admin::end_every_session))
        .route("/admin/invitations", post(admin::invite))
        .route("/admin/jobs", get(admin::parked_jobs))
        .route("/admin/jobs/{id}/retry", post(admin::retry_job))
        .route("/me/profile", get(profiles::own).put(profiles::update))
        .route("/members/{id}", get(profiles::show))
        .route("/me/contacts", get(contacts::list))
        .route("/me/contacts/tags", get(contacts::tags))
        .route("/me/contacts/vcard", get(contacts::vcards))
        .route("/me/contacts/{id}", axum::routing::put(contacts::edit).delete(contacts::remove))
        .route("/me/contacts/{id}/vcard", get(contacts::vcard))
        .route("/members/{id}/contact-request", post(contacts::request))
        .route("/me/contact-requests/received", get(contacts::received))
        .route("/me/contact-requests/sent", get(contacts::sent))
        .route("/me/contact-requests/{id}", axum::routing::delete(contacts::withdraw))
        .route("/me/contact-requests/{id}/accept", post(contacts::accept))
        .route("/me/contact-requests/{id}/decline", post(contacts::decline))
        .route("/me/blocks", get(contacts::blocks))
        .route("/me/blocks/{id}", axum::routing::put(contacts::block).delete(contacts::unblock))
        .route("/me/contact-settings", get(contacts::settings).put(contacts::set_settings))
        .route("/members/{id}/network", get(network::tie))
        .route("/me/network", get(network::size))
        .route("/me/suggestions", get(network::suggestions))
        .route("/me/suggestions/{id}", axum::routing::delete(network::dismiss))
        .route("/people", get(network::people))
        .route("/me/ticker", get(ticker::ticker))
        .route("/posts", post(ticker::create))
        .route("/posts/{id}", get(ticker::show).put(ticker::edit).delete(ticker::delete))
        .route("/posts/{id}/comments", post(ticker::comment))
        .route("/posts/{id}/like", axum::routing::put(ticker::like).delete(ticker::unlike))
        .route("/posts/{id}/shares", post(ticker::share))
        .route("/posts/{id}/reports", post(ticker::report))
        .route("/me/ticker-settings", get(ticker::settings).put(ticker::set_settings))
        .route("/me/mention-suggestions", get(ticker::mention_suggestions))
        .route("/me/mutes", get(ticker::mutes))
        .route("/me/mutes/{id}", axum::routing::put(ticker::mute).delete(ticker::unmute))
        .route("/me/notifications", get(notifications::list))
        .route("/me/notifications/unread", get(notifications::unread))
        .route("/me/notifications/read", post(notifications::mark_read))
        .route("/me/notification-settings", get(notifications::settings).put(notifications::set_settings))
        .route("/openapi.json", get(doc::openapi))
        .fallback(no_such_operation)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_JSON_BYTES))
}

/// An address under /api/v1 that names no operation: the JSON "not found".
async fn no_such_operation(headers: axum::http::HeaderMap) -> ApiError {
    ApiError { error: Error::NotFound, lang: accept_language(&headers) }
}

/// The member behind a bearer token, if the request has one (an invalid token is an
/// error, not an anonymous request).
pub struct MaybeApiMember(pub Option<Current>, pub Lang);

impl FromRequestParts<AppState> for MaybeApiMember {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lang = accept_language(&parts.headers);
        let Some(header) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Self(None, lang));
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError { error: Error::Unauthenticated, lang })?;
        let current = state
            .kontor
            .accounts()
            .authenticate_bearer(&RawToken::from_client(token.trim()))
            .await
            .map_err(|error| ApiError { error, lang })?
            .ok_or(ApiError { error: Error::Unauthenticated, lang })?;
        let lang = current.account.lang;
        // An access token reads with `read` and writes with `write`.
        let needs = if matches!(parts.method, Method::GET | Method::HEAD) { Scope::Read } else { Scope::Write };
        if !current.may(needs) {
            return Err(ApiError { error: Error::InsufficientScope, lang });
        }
        // Until a member the site requires a second factor of has one, an app may only set
        // it up (in a session) or log out. Nested routes see their path without the prefix.
        let path = parts.uri.path().trim_start_matches("/api/v1");
        if current.owes_two_factor && !matches!(path, "/me/two-factor" | "/me/reauthenticate" | "/sessions/current") {
            return Err(ApiError { error: Error::TwoFactorRequired, lang });
        }
        Ok(Self(Some(current), lang))
    }
}

/// The member behind a bearer token; without one, 401.
pub struct ApiMember(pub Current, pub Lang);

impl FromRequestParts<AppState> for ApiMember {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match MaybeApiMember::from_request_parts(parts, state).await? {
            MaybeApiMember(Some(current), lang) => Ok(Self(current, lang)),
            MaybeApiMember(None, lang) => Err(ApiError { error: Error::Unauthenticated, lang }),
        }
    }
}

/// A JSON body, with malformed or oversized input reported as API errors (422 / 413).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let lang = accept_language(request.headers());
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::BytesRejection(_)) => Err(ApiError { error: Error::invalid("body", "too_large"), lang }),
            // A misspelt field would otherwise be dropped without a word.
            Err(JsonRejection::JsonDataError(e)) if e.body_text().contains("unknown field") => {
                Err(ApiError { error: Error::invalid("body", "unknown_field"), lang })
            }
            Err(_) => Err(ApiError { error: Error::invalid("body", "json_invalid"), lang }),
        }
    }
}

/// A page size from the query string: 1 to `MAX`; anything else is refused (422), as
/// the document's `minimum` and `maximum` say.
#[derive(Clone, Copy, Debug)]
pub struct PageSize<const MAX: u32>(pub u32);

impl<'de, const MAX: u32> serde::Deserialize<'de> for PageSize<MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if (1..=MAX).contains(&n) {
            Ok(Self(n))
        } else {
            Err(serde::de::Error::custom(format!("limit must be 1 to {MAX}")))
        }
    }
}

/// Query-string parameters, with a missing or malformed one reported as an API error
/// (422 with a code, like any other input) instead of axum's plain-text answer.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let lang = accept_language(&parts.headers);
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(_) => Err(ApiError { error: Error::invalid("query", "query_invalid"), lang }),
        }
    }
}
