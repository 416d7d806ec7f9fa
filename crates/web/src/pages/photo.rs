//! Uploading, removing and serving profile photos.

use super::{field_errors, unprocessable};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::security::CsrfToken;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::ids::MemberId;
use kontor_core::profiles::ProfileForm;

/// The upload limit of the photo form: the largest photo plus room for the form.
pub const MAX_UPLOAD_BYTES: usize = kontor_core::profiles::photo::MAX_BYTES + 64 * 1024;

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Extension(token): Extension<CsrfToken>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let too_large = || PageError(Error::invalid("photo", "too_large"));
    let (mut csrf, mut photo) = (None, None);
    while let Some(field) = multipart.next_field().await.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => PageError(Error::invalid("photo", "form_invalid")),
    })? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("photo") => photo = Some(field.bytes().await.map_err(|_| too_large())?.to_vec()),
            _ => {}
        }
    }
    if !token.matches(crate::cookies::get(&headers, crate::cookies::CSRF), csrf.as_deref()) {
        return Err(PageError(Error::CsrfFailed));
    }
    match state.kontor.profiles().upload_photo(member, photo.unwrap_or_default()).await {
        Ok(()) => Ok(Redirect::to("/profile/edit?saved=true").into_response()),
        Err(e) => {
            let f = field_errors(e)?;
            let profile = state.kontor.profiles().own(member).await?;
            let form = ProfileForm::from_profile(&member.account.name, &profile);
            let page =
                ProfileEditPage::new(Chrome::new(&ctx, "profile"), f, form, member.account.id.to_string(), false)
                    .with_photo(profile.photo);
            unprocessable(super::render(page))
        }
    }
}

pub async fn remove(State(state): State<AppState>, ctx: Ctx, _form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    state.kontor.profiles().remove_photo(member).await?;
    Ok(Redirect::to("/profile/edit?saved=true").into_response())
}

/// A photo, to whoever may see it; the version in the URL doubles as its ETag, and the
/// browser asks again each time, so a photo hidden later is not served from its cache.
pub async fn serve(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, version, file)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let not_found = || PageError(Error::NotFound);
    let id = MemberId::parse(&id).ok_or_else(not_found)?;
    let size: u32 = file.strip_suffix(".jpg").and_then(|s| s.parse().ok()).ok_or_else(not_found)?;
    let jpeg = state.kontor.profiles().photo(ctx.member.as_ref(), id, Some(&version), size).await?;
    let etag = HeaderValue::from_str(&format!("\"{version}-{size}\"")).map_err(|_| not_found())?;
    let cache = HeaderValue::from_static("private, no-cache");
    if headers.get(header::IF_NONE_MATCH) == Some(&etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag), (header::CACHE_CONTROL, cache)]).into_response());
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache),
        ],
        jpeg,
    )
        .into_response())
}
