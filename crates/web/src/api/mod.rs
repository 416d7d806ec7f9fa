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
mod search;
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
use axum::routing::get;
use kontor_core::Error;
use kontor_core::accounts::{Current, Scope};
use kontor_core::i18n::Lang;
use kontor_core::secrets::RawToken;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

/// JSON request bodies of the API are small.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// The API's routes, each declaring its OpenAPI entry where it is defined, and the document
/// they make up at `/openapi.json`.
pub fn routes() -> Router<AppState> {
    let (router, mut document) = OpenApiRouter::with_openapi(doc::ApiDoc::openapi())
        .merge(auth::routes())
        .merge(me::routes())
        .merge(profiles::routes())
        .merge(legal::routes())
        .merge(admin::routes())
        .merge(contacts::routes())
        .merge(network::routes())
        .merge(search::routes())
        .merge(ticker::routes())
        .merge(notifications::routes())
        .split_for_parts();
    doc::complete(&mut document);
    let document = std::sync::Arc::new(document);
    router
        .route("/openapi.json", get(move || std::future::ready(axum::Json(document.clone()))))
        .fallback(no_such_operation)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_JSON_BYTES))
}

/// Operations whose bodies may be larger than JSON's limit (a photo, a legal text).
fn with_body_limit(routes: UtoipaMethodRouter<AppState>, bytes: usize) -> UtoipaMethodRouter<AppState> {
    let (schemas, paths, router) = routes;
    (schemas, paths, router.layer(axum::extract::DefaultBodyLimit::max(bytes)))
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

/// A page number from the query string: 0 to `MAX`; anything else is refused (422), as
/// the document's `minimum` and `maximum` say.
#[derive(Clone, Copy, Debug)]
pub struct PageNumber<const MAX: u32>(pub u32);

impl<'de, const MAX: u32> serde::Deserialize<'de> for PageNumber<MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if n <= MAX { Ok(Self(n)) } else { Err(serde::de::Error::custom(format!("page must be 0 to {MAX}"))) }
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
