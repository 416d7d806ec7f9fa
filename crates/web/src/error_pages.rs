//! Error pages that belong to the site: a handler returns its error with `?`, and the
//! page is rendered here with the request's context, so a 403, 404, 429 or 500 is in
//! the reader's language and shows the site's name, the member's header and their way
//! back, like every other page. Unknown addresses come here too.

use crate::ctx::{Ctx, accept_language};
use crate::error::PageError;
use crate::security::CsrfToken;
use crate::state::AppState;
use crate::templates::ErrorPage;
use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// What failed on a page, kept on its response for [`site_error_pages`].
#[derive(Clone, Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub error: Arc<kontor_core::Error>,
}

/// Renders a failed page's answer within the site's pages. Only a page's own error is
/// touched (the API's JSON, redirects and every page that worked pass as they are); if
/// the context cannot be had (the database is down, say), a plain page in the language
/// the browser asks for.
pub async fn site_error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The API and the static files never answer with a page: nothing to keep for them.
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/static/") {
        return next.run(request).await;
    }
    let (method, uri, headers) = (request.method().clone(), request.uri().clone(), request.headers().clone());
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().cloned();
    let csrf = request.extensions().get::<CsrfToken>().cloned();
    let response = next.run(request).await;
    let Some(failure) = response.extensions().get::<Failure>().cloned() else { return response };
    let mut parts = Request::builder().method(method).uri(uri).body(()).expect("a request").into_parts().0;
    parts.headers = headers;
    if let Some(peer) = peer {
        parts.extensions.insert(peer);
    }
    if let Some(csrf) = csrf {
        parts.extensions.insert(csrf);
    }
    let page = match Ctx::from_request_parts(&mut parts, &state).await {
        Ok(ctx) => ErrorPage::within(&ctx, &failure),
        Err(_) => ErrorPage::new(accept_language(&parts.headers), failure.status, &failure.error),
    };
    let Ok(body) = page.render() else { return response };
    let (mut head, _) = response.into_parts();
    head.extensions.remove::<Failure>();
    head.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(head, Html(body).into_response().into_body())
}

/// Any address no route has: the site's "not found" page.
pub async fn not_found() -> PageError {
    PageError(kontor_core::Error::NotFound)
}
