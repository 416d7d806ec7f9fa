//! The server-rendered pages. Each handler reads its inputs, calls one core service and
//! renders; state changes only by POST, and every form is CSRF-checked.

mod admin;
mod auth;
mod contacts;
mod entities;
mod home;
mod legal;
mod network;
mod notifications;
mod photo;

pub use contacts::vcard_file;
pub use photo::MAX_UPLOAD_BYTES as PHOTO_UPLOAD_BYTES;
mod profile;
mod search;
mod settings;
mod ticker;

use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::landing))
        .route("/home", get(home::home))
        .route("/posts", post(ticker::create))
        .route("/posts/{id}", get(ticker::show))
        .route("/posts/{id}/{action}", get(ticker::confirm).post(ticker::act))
        .route("/settings/ticker", get(ticker::settings_form).post(ticker::settings))
        .route("/members/{id}/ticker/{action}", post(ticker::mute))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read", post(notifications::read))
        .route("/settings/notifications", get(notifications::settings_form).post(notifications::settings))
        .route("/unsubscribe/{token}", get(notifications::unsubscribe_form).post(notifications::unsubscribe))
        .route("/live", get(notifications::live))
        .route("/language", post(settings::language))
        .route("/signup", get(auth::signup_form).post(auth::signup))
        .route("/verify/{token}", get(auth::verify_form).post(auth::verify))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/login/code", get(auth::code_form).post(auth::code))
        .route("/logout", post(auth::logout))
        .route("/reset", get(auth::reset_request_form).post(auth::reset_request))
        .route("/reset/{token}", get(auth::reset_form).post(auth::reset))
        .route("/members/{id}", get(profile::show))
        .route("/members/{id}/request", post(contacts::request))
        .route("/members/{id}/contact", post(contacts::edit))
        .route("/members/{id}/vcard", get(contacts::export_one))
        .route("/members/{id}/{action}", get(contacts::confirm).post(contacts::act))
        .route("/contacts", get(contacts::list))
        .route("/contacts/vcard", get(contacts::export_all))
        .route("/contacts/requests", get(contacts::requests))
        .route("/contacts/requests/{id}/{action}", post(contacts::answer))
        .route("/people", get(network::people))
        .route("/search/suggest", get(network::suggest))
        .route("/search/posts", get(network::posts))
        .route("/matches", get(search::matches))
        .route("/searches", get(search::searches).post(search::save))
        .route("/searches/{id}/{action}", post(search::act))
        .route("/settings/contacts", get(contacts::settings_form).post(contacts::settings))
        .route("/profile/edit", get(profile::edit_form).post(profile::edit))
        .route("/profile/preview", get(profile::preview))
        .route(
            "/profile/photo",
            post(photo::upload).layer(axum::extract::DefaultBodyLimit::max(photo::MAX_UPLOAD_BYTES)),
        )
        .route("/profile/photo/delete", post(photo::remove))
        .route("/media/photos/{id}/{version}/{file}", get(photo::serve))
        .route("/settings", get(settings::show))
        .route("/settings/delete-account", post(settings::delete_account))
        .route("/settings/email", post(settings::change_email))
        .route("/email/{token}", get(settings::email_confirm_form).post(settings::email_confirm))
        .route("/settings/tokens", post(settings::create_token))
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route("/settings/two-factor", get(settings::two_factor_form).post(settings::two_factor_on))
        .route("/settings/two-factor/off", post(settings::two_factor_off))
        .route("/settings/confirm", post(settings::confirm))
        .route("/suggest", get(entities::suggest))
        .route("/mentions", get(ticker::mention_suggestions))
        .route("/admin/entities/merge", post(entities::merge))
        .route("/legal/{kind}", get(legal::show))
        .route(
            "/admin/legal/{kind}/{lang}",
            get(legal::edit_form).post(legal::save).layer(axum::extract::DefaultBodyLimit::max(LEGAL_FORM_BYTES)),
        )
        .route("/admin", get(admin::show))
        .route("/admin/invite", post(admin::invite))
        .route("/admin/jobs/{id}/retry", post(admin::retry_job))
        .route("/invite/{token}", get(auth::invitation_form).post(auth::accept_invitation))
        .route("/admin/settings", post(admin::settings))
        .route("/admin/members/{id}/{action}", post(admin::act))
        .route("/admin/sessions/end", post(admin::end_every_session))
        .route("/settings/password", post(settings::change_password))
        .route("/settings/sessions/{id}/end", post(settings::end_session))
        .route("/settings/logout-everywhere", post(settings::logout_everywhere))
}

/// A legal page's form or JSON: room for its longest text in four-byte characters, each
/// percent-encoded in a form (the text's own limit is checked in characters).
pub const LEGAL_FORM_BYTES: usize = kontor_core::legal::MAX_MARKDOWN_CHARS * 12 + 4096;

/// The field errors of a failed use-case, to show the form again with them; any other
/// error becomes an error page.
pub fn field_errors(error: kontor_core::Error) -> Result<crate::templates::FormState, PageError> {
    crate::templates::FormState::from_error(&error).ok_or(PageError(error))
}

/// A form shown again with its errors: 422, so scripts and tests see that it failed.
pub fn unprocessable(page: Result<Response, PageError>) -> Result<Response, PageError> {
    let mut response = page?;
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// `next` if it is a path on this site, else `default`: never an open redirect, never
/// a header that cannot be sent. Only printable ASCII passes: browsers drop tabs and
/// newlines from a URL, so `/<tab>/evil.example` would become `//evil.example`; pages
/// write `next` percent-encoded, so nothing of theirs is lost.
pub fn safe_next<'a>(next: &'a str, default: &'a str) -> &'a str {
    let same_site = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if same_site && next.bytes().all(|b| b.is_ascii_graphic()) { next } else { default }
}

/// Renders a template into an HTML response.
pub fn render<P: Template>(page: P) -> Result<Response, PageError> {
    Ok(Html(html(&page)?).into_response())
}

/// Renders a template (a page or a part of one) into HTML.
pub fn html<P: Template>(page: &P) -> Result<String, PageError> {
    // Room for a whole ticker page at once: growing the buffer step by step copied it
    // over and over (askama's own hint counts only the template's fixed text).
    let mut html = String::with_capacity(PAGE_BYTES.max(P::SIZE_HINT));
    page.render_into(&mut html)
        .map(|()| html)
        .map_err(|e| PageError(kontor_core::Error::Internal(format!("template: {e}"))))
}

/// What a page's HTML is first given room for.
const PAGE_BYTES: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_only_ever_a_path_here() {
        for ours in ["/home", "/people?q=anna&page=2", "/members/0190/%C3%A4"] {
            assert_eq!(safe_next(ours, "/"), ours);
        }
        for theirs in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/home\r\nSet-Cookie: x=1",
            "/ä",
            "/a b",
            "",
            "home",
        ] {
            assert_eq!(safe_next(theirs, "/"), "/", "{theirs:?}");
        }
    }
}
