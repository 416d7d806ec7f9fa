//! Contacts: my list, requests, blocks, settings and the address book.

use super::{ApiJson, ApiMember, ApiQuery, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kontor_core::Error;
use kontor_core::contacts::{
    ContactCursor, ContactEdit, ContactQuery, ContactSettings, ContactSort, ContactTag, ListedContact, ReceivedRequest,
    RequestOutcome, SentRequest,
};
use kontor_core::i18n::Lang;
use kontor_core::ids::{MemberId, RequestId};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

fn member_id(id: &str, lang: Lang) -> Result<MemberId, ApiError> {
    MemberId::parse(id).ok_or(ApiError { error: Error::NotFound, lang })
}

fn request_id(id: &str, lang: Lang) -> Result<RequestId, ApiError> {
    RequestId::parse(id).ok_or(ApiError { error: Error::NotFound, lang })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Part of the contact's name.
    q: Option<String>,
    /// Only contacts with this tag of mine (up to 40 characters, no commas).
    #[param(max_length = 40, pattern = r#"^(\s*[^\s,\u0000-\u001F\u007F-\u009F][^,\u0000-\u001F\u007F-\u009F]*)?$"#)]
    tag: Option<String>,
    // Declared in place: a parameter's type is not collected with the operation.
    #[param(inline)]
    sort: Option<ContactSort>,
    /// The `next` cursor of the previous page.
    #[param(pattern = r#"^[A-Za-z0-9_-]*$"#)]
    after: Option<String>,
    /// 1 to 200; 50 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<PageSize<200>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ContactList {
    contacts: Vec<ListedContact>,
    /// Pass as `after` for the next page; absent on the last page.
    next: Option<String>,
}

/// A page of my contacts, each with my tags, note and grants.
#[utoipa::path(get, path = "/me/contacts", tag = "contacts", security(("bearer" = ["read"])), params(ListParams),
    responses((status = 200, body = ContactList), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<ContactList>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let tag = p.tag.filter(|t| !t.is_empty()).map(|t| ContactTag::parse("tag", &t)).transpose();
    let after = p.after.filter(|a| !a.is_empty()).map(|a| ContactCursor::decode(&a).ok_or(()));
    let query = ContactQuery {
        text: p.q.filter(|q| !q.trim().is_empty()),
        tag: tag.map_err(|e| fail(Error::Invalid(vec![e])))?,
        sort: p.sort.unwrap_or_default(),
        after: after.transpose().map_err(|()| fail(Error::invalid("after", "invalid")))?,
        limit: p.limit.map_or(50, |l| l.0),
    };
    let page = state.kontor.contacts().list(&me, &query).await.map_err(fail)?;
    Ok(Json(ContactList { contacts: page.contacts, next: page.next }))
}

/// The tags I use on my contacts.
#[utoipa::path(get, path = "/me/contacts/tags", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, body = [ContactTag]), (status = 401, body = ApiErrorBody)))]
pub async fn tags(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<ContactTag>>, ApiError> {
    Ok(Json(state.kontor.contacts().tags(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Replaces my tags, note and grants on a contact (grants: fields this contact may see
/// although my setting hides them).
#[utoipa::path(put, path = "/me/contacts/{id}", tag = "contacts", security(("bearer" = ["write"])), request_body = ContactEdit,
    params(("id" = String, Path, description = "The contact's member id")),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(edit): ApiJson<ContactEdit>,
) -> Result<StatusCode, ApiError> {
    let id = member_id(&id, lang)?;
    state.kontor.contacts().edit(&me, id, &edit).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends a contact. The other member is not told.
#[utoipa::path(delete, path = "/me/contacts/{id}", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = member_id(&id, lang)?;
    state.kontor.contacts().remove(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// All my contacts as vCard 4.0, each with exactly what that contact shows me.
#[utoipa::path(get, path = "/me/contacts/vcard", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, content_type = "text/vcard", body = String), (status = 401, body = ApiErrorBody)))]
pub async fn vcards(State(state): State<AppState>, ApiMember(me, lang): ApiMember) -> Result<Response, ApiError> {
    let cards = state.kontor.contacts().vcards(&me, None).await.map_err(|error| ApiError { error, lang })?;
    Ok(crate::pages::vcard_file(cards, "contacts.vcf"))
}

/// One contact as vCard 4.0.
#[utoipa::path(get, path = "/me/contacts/{id}/vcard", tag = "contacts", security(("bearer" = ["read"])),
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/vcard", body = String), (status = 404, body = ApiErrorBody)))]
pub async fn vcard(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = member_id(&id, lang)?;
    let cards = state.kontor.contacts().vcards(&me, Some(id)).await.map_err(|error| ApiError { error, lang })?;
    Ok(crate::pages::vcard_file(cards, &format!("{id}.vcf")))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// A personal note, up to 500 characters.
    #[serde(default)]
    message: String,
    /// How the two know each other: colleagues, former_colleagues, business_partners,
    /// studied_together, met_at_event, same_association, friends or other.
    #[serde(default)]
    how: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestResult {
    outcome: RequestOutcome,
}

/// Asks a member to become a contact. If they had asked first, the two are contacts at
/// once (`connected`). Limits: open requests and requests per day (`429`, `409
/// too_many_open_requests`).
#[utoipa::path(post, path = "/members/{id}/contact-request", tag = "contacts", security(("bearer" = ["write"])),
    request_body = NewRequest, params(("id" = String, Path)),
    responses((status = 200, body = RequestResult), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody, description = "already_contacts, request_pending or too_many_open_requests"),
        (status = 422, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub async fn request(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewRequest>,
) -> Result<Json<RequestResult>, ApiError> {
    let id = member_id(&id, lang)?;
    let outcome = state
        .kontor
        .contacts()
        .request(&me, id, &body.message, &body.how)
        .await
        .map_err(|error| ApiError { error, lang })?;
    Ok(Json(RequestResult { outcome }))
}

/// Requests waiting for my answer, each with what we share.
#[utoipa::path(get, path = "/me/contact-requests/received", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, body = [ReceivedRequest]), (status = 401, body = ApiErrorBody)))]
pub async fn received(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<ReceivedRequest>>, ApiError> {
    Ok(Json(state.kontor.contacts().received(&me).await.map_err(|error| ApiError { error, lang })?))
}

/// Requests I sent that are not answered (a declined one looks the same until it expires).
#[utoipa::path(get, path = "/me/contact-requests/sent", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, body = [SentRequest]), (status = 401, body = ApiErrorBody)))]
pub async fn sent(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<SentRequest>>, ApiError> {
    Ok(Json(state.kontor.contacts().sent(&me).await.map_err(|error| ApiError { error, lang })?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AcceptQuery {
    /// Tell my contacts of this new contact in their ticker (default: as my ticker
    /// settings say).
    announce: Option<bool>,
}

/// Accepts a request sent to me.
#[utoipa::path(post, path = "/me/contact-requests/{id}/accept", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path), AcceptQuery), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<AcceptQuery>,
) -> Result<StatusCode, ApiError> {
    let id = request_id(&id, lang)?;
    state.kontor.contacts().accept(&me, id, q.announce).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Declines a request sent to me; the sender is not told.
#[utoipa::path(post, path = "/me/contact-requests/{id}/decline", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn decline(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = request_id(&id, lang)?;
    state.kontor.contacts().decline(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws a request I sent.
#[utoipa::path(delete, path = "/me/contact-requests/{id}", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = request_id(&id, lang)?;
    state.kontor.contacts().withdraw(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BlockedMember {
    id: MemberId,
    name: String,
}

/// The members I blocked.
#[utoipa::path(get, path = "/me/blocks", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, body = [BlockedMember]), (status = 401, body = ApiErrorBody)))]
pub async fn blocks(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<Vec<BlockedMember>>, ApiError> {
    let blocked = state.kontor.contacts().blocked(&me).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(blocked.into_iter().map(|a| BlockedMember { id: a.id, name: a.name.as_str().to_owned() }).collect()))
}

/// Blocks a member: ends our contact and any request, and hides us from each other.
#[utoipa::path(put, path = "/me/blocks/{id}", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn block(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = member_id(&id, lang)?;
    state.kontor.contacts().block(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lifts a block.
#[utoipa::path(delete, path = "/me/blocks/{id}", tag = "contacts", security(("bearer" = ["write"])),
    params(("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn unblock(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = member_id(&id, lang)?;
    state.kontor.contacts().unblock(&me, id).await.map_err(|error| ApiError { error, lang })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who may see my contact list, and whether requests reach me by e-mail.
#[utoipa::path(get, path = "/me/contact-settings", tag = "contacts", security(("bearer" = ["read"])),
    responses((status = 200, body = ContactSettings), (status = 401, body = ApiErrorBody)))]
pub async fn settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
) -> Result<Json<ContactSettings>, ApiError> {
    Ok(Json(state.kontor.contacts().settings(&me).await.map_err(|error| ApiError { error, lang })?))
}

#[utoipa::path(put, path = "/me/contact-settings", tag = "contacts", security(("bearer" = ["write"])), request_body = ContactSettings,
    responses((status = 200, body = ContactSettings), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn set_settings(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiJson(settings): ApiJson<ContactSettings>,
) -> Result<Json<ContactSettings>, ApiError> {
    state.kontor.contacts().set_settings(&me, settings).await.map_err(|error| ApiError { error, lang })?;
    Ok(Json(settings))
}

/// The contacts operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(tags))
        .routes(routes!(edit, remove))
        .routes(routes!(vcards))
        .routes(routes!(vcard))
        .routes(routes!(request))
        .routes(routes!(received))
        .routes(routes!(sent))
        .routes(routes!(accept))
        .routes(routes!(decline))
        .routes(routes!(withdraw))
        .routes(routes!(blocks))
        .routes(routes!(block, unblock))
        .routes(routes!(settings, set_settings))
}
