//! Kontor's HTTP side: server-rendered pages, the JSON API, health and metrics.
#![forbid(unsafe_code)]

mod api;
mod consistency;
pub mod cookies;
pub mod ctx;
mod error;
mod error_pages;
mod form;
mod ops;
mod pages;
mod security;
mod state;
mod templates;

pub use state::{AppState, Shared, WebSettings};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;

/// Request bodies larger than this are refused with 413 before any handler runs.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// The whole application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(ops::routes())
        .route("/static/kontor.css", get(css))
        .route("/static/kontor.js", get(js))
        .route("/static/icon.svg", get(icon))
        .route("/static/icon-180.png", get(|| png(include_bytes!("../static/icon-180.png"))))
        .route("/static/icon-512.png", get(|| png(include_bytes!("../static/icon-512.png"))))
        .route("/static/manifest.json", get(manifest))
        .fallback(error_pages::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), consistency::read_your_writes))
        .layer(middleware::from_fn_with_state(state.clone(), error_pages::site_error_pages))
        .layer(middleware::from_fn_with_state(state.clone(), security::csrf))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

const CACHE: HeaderValue = HeaderValue::from_static("public, max-age=3600");

async fn css() -> impl IntoResponse {
    let css = include_str!("../static/kontor.css");
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")), (header::CACHE_CONTROL, CACHE)], css)
}

async fn js() -> impl IntoResponse {
    let js = include_str!("../static/kontor.js");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, CACHE),
        ],
        js,
    )
}

/// The site's icon: the browser tab's, and the home screen's (the manifest names it).
async fn icon() -> impl IntoResponse {
    let svg = include_str!("../static/icon.svg");
    ([(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")), (header::CACHE_CONTROL, CACHE)], svg)
}

/// The icon as a picture of a fixed size: iOS's home screen takes no SVG (180 px), and
/// Android's splash screen wants 512 px; the letter sits within the middle 80 %, so a
/// round or rounded mask cuts nothing of it.
async fn png(bytes: &'static [u8]) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("image/png")), (header::CACHE_CONTROL, CACHE)], bytes)
}

/// What a phone needs to put Kontor on its home screen.
async fn manifest() -> impl IntoResponse {
    let json = include_str!("../static/manifest.json");
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/manifest+json")), (header::CACHE_CONTROL, CACHE)],
        json,
    )
}
