//! Contacts: my list, requests received and sent, the actions on a profile, the
//! contact-list settings and blocks, and the address book export.

use super::{profile, render, safe_next};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::contacts::{ContactCursor, ContactEdit, ContactQuery, ContactSort, ContactTag, ListVisibility};
use kontor_core::ids::{MemberId, RequestId};
use kontor_core::profiles::Field;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    after: String,
}

const PAGE: u32 = 50;

pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let contacts = state.kontor.contacts();
    let sort = if q.sort == "recent" { ContactSort::Recent } else { ContactSort::Name };
    let query = ContactQuery {
        text: Some(q.q.trim().to_owned()).filter(|t| !t.is_empty()),
        tag: ContactTag::parse("tag", &q.tag).ok(),
        sort,
        after: ContactCursor::decode(&q.after),
        limit: PAGE,
    };
    let page = contacts.list(member, &query).await?;
    let tags = contacts.tags(member).await?;
    let next = page.next.map(|after| {
        serde_urlencoded::to_string([("q", q.q.as_str()), ("tag", &q.tag), ("sort", &q.sort), ("after", &after)])
            .unwrap_or_default()
    });
    render(ContactsPage {
        c: Chrome::new(&ctx, "network"),
        q: q.q,
        tag: q.tag,
        recent: sort == ContactSort::Recent,
        tags: tags.into_iter().map(|t| t.as_str().to_owned()).collect(),
        contacts: page.contacts,
        next,
    })
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    pub done: String,
}

pub async fn requests(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let contacts = state.kontor.contacts();
    let received = contacts.received(member).await?;
    let sent = contacts.sent(member).await?;
    let notice = match q.done.as_str() {
        "accepted" => Some("requests-accepted"),
        "declined" => Some("requests-declined"),
        "withdrawn" => Some("requests-withdrawn"),
        _ => None,
    };
    let announce = state.kontor.ticker().settings(member).await?.announce_contacts;
    render(RequestsPage { c: Chrome::new(&ctx, "network"), received, sent, notice, announce })
}

fn member_id(id: &str) -> Result<MemberId, PageError> {
    MemberId::parse(id).ok_or(PageError(Error::NotFound))
}

fn request_id(id: &str) -> Result<RequestId, PageError> {
    RequestId::parse(id).ok_or(PageError(Error::NotFound))
}

/// Sends a contact request from a profile. A failure shows the profile again with what
/// went wrong and the note kept.
pub async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = member_id(&id)?;
    match state.kontor.contacts().request(member, id, form.get("message"), form.get("how")).await {
        Ok(outcome) => {
            let done = match outcome {
                kontor_core::contacts::RequestOutcome::Sent => "sent",
                kontor_core::contacts::RequestOutcome::Connected => "connected",
            };
            Ok(Redirect::to(&format!("/members/{id}?done={done}")).into_response())
        }
        Err(error) => profile::after_failure(&state, &ctx, id, error, form.get("message")).await,
    }
}

/// Accept, decline or withdraw a request, then back to where the member was.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = request_id(&id)?;
    let contacts = state.kontor.contacts();
    let (result, done) = match action.as_str() {
        "accept" => {
            // The dialog's checkbox: tell my contacts of this one new contact or not.
            let asked = !form.get("announce_asked").is_empty();
            let announce = asked.then(|| form.get("announce") == "1");
            (contacts.accept(member, id, announce).await, "accepted")
        }
        "decline" => (contacts.decline(member, id).await, "declined"),
        "withdraw" => (contacts.withdraw(member, id).await, "withdrawn"),
        _ => return Err(PageError(Error::NotFound)),
    };
    result?;
    let next = safe_next(form.get("next"), "/contacts/requests");
    let sep = if next.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{next}{sep}done={done}")).into_response())
}

/// Remove, block or unblock a member, then back to their profile (or the settings).
/// Asks before removing or blocking a member, on a page of its own that works without
/// script; its button posts to the same address.
pub async fn confirm(ctx: Ctx, Path((id, action)): Path<(String, String)>) -> Result<Response, PageError> {
    ctx.require()?;
    let id = member_id(&id)?;
    let (title, body, button) = match action.as_str() {
        "remove" => ("contact-remove-confirm-title", "contact-remove-confirm-body", "contact-remove"),
        "block" => ("contact-block-confirm-title", "contact-block-confirm-body", "block"),
        _ => return Err(PageError(Error::NotFound)),
    };
    render(ConfirmPage {
        c: Chrome::new(&ctx, "network"),
        title,
        body,
        action: format!("/members/{id}/{action}"),
        button,
        next: String::new(),
    })
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = member_id(&id)?;
    let contacts = state.kontor.contacts();
    let (result, next) = match action.as_str() {
        "remove" => (contacts.remove(member, id).await, format!("/members/{id}?done=removed")),
        "block" => (contacts.block(member, id).await, "/settings/contacts?done=blocked".to_owned()),
        "unblock" => (contacts.unblock(member, id).await, format!("/members/{id}?done=unblocked")),
        "dismiss" => (contacts.dismiss(member, id).await, "/people".to_owned()),
        _ => return Err(PageError(Error::NotFound)),
    };
    result?;
    Ok(Redirect::to(safe_next(form.get("next"), &next)).into_response())
}

/// Saves my tags, note and grants on a contact.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = member_id(&id)?;
    let edit = ContactEdit {
        tags: form.get("tags").split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        note: form.get("note").to_owned(),
        grants: form.all("grant").iter().filter_map(|f| Field::parse(f)).collect(),
    };
    match state.kontor.contacts().edit(member, id, &edit).await {
        Ok(()) => Ok(Redirect::to(&format!("/members/{id}?done=saved")).into_response()),
        Err(error) => profile::after_failure(&state, &ctx, id, error, "").await,
    }
}

pub async fn settings_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let contacts = state.kontor.contacts();
    let settings = contacts.settings(member).await?;
    let blocked = contacts.blocked(member).await?;
    let blocked =
        blocked.into_iter().map(|a| BlockedRow { id: a.id.to_string(), name: a.name.as_str().to_owned() }).collect();
    let notice = match q.done.as_str() {
        "saved" => Some("contact-settings-saved"),
        "blocked" => Some("contact-done-blocked"),
        "unblocked" => Some("contact-done-unblocked"),
        _ => None,
    };
    render(ContactSettingsPage { c: Chrome::new(&ctx, "settings"), settings, blocked, notice })
}

pub async fn settings(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let list_visibility = form
        .get("list_visibility")
        .parse::<ListVisibility>()
        .map_err(|()| PageError(Error::invalid("list_visibility", "invalid")))?;
    let settings = kontor_core::contacts::ContactSettings { list_visibility };
    state.kontor.contacts().set_settings(member, settings).await?;
    Ok(Redirect::to("/settings/contacts?done=saved").into_response())
}

/// All my contacts as one vCard file.
pub async fn export_all(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let cards = state.kontor.contacts().vcards(member, None).await?;
    Ok(vcard_file(cards, "contacts.vcf"))
}

/// One contact as a vCard.
pub async fn export_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = member_id(&id)?;
    let cards = state.kontor.contacts().vcards(member, Some(id)).await?;
    Ok(vcard_file(cards, &format!("{id}.vcf")))
}

pub fn vcard_file(cards: String, name: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/vcard; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        cards,
    )
        .into_response()
}
