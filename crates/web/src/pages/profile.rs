//! Profiles: a member's page, editing one's own, "view my profile as".

use super::{field_errors, render, unprocessable};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kontor_core::Error;
use kontor_core::ids::MemberId;
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Position, ProfileForm, Schooling, ViewAs};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let id = MemberId::parse(&id).ok_or(PageError(Error::NotFound))?;
    let flash = match q.done.as_str() {
        "sent" | "connected" | "removed" | "unblocked" | "saved" => Some((format!("contact-done-{}", q.done), false)),
        _ => None,
    };
    profile_page(&state, &ctx, id, flash, FormState::default(), "").await
}

/// The profile again after a failed contact action, with what went wrong.
pub async fn after_failure(
    state: &AppState,
    ctx: &Ctx,
    id: MemberId,
    error: Error,
    message: &str,
) -> Result<Response, PageError> {
    let (flash, f) = match &error {
        Error::Invalid(_) => (None, FormState::from_error(&error).unwrap_or_default()),
        Error::RateLimited { .. } => (Some(("contact-limit-per-day".to_owned(), true)), FormState::default()),
        Error::Conflict(code) => (Some((format!("error-{code}"), true)), FormState::default()),
        _ => return Err(PageError(error)),
    };
    let status = crate::error::status_of(&error);
    let mut page = profile_page(state, ctx, id, flash, f, message).await?;
    *page.status_mut() = status;
    Ok(page)
}

async fn profile_page(
    state: &AppState,
    ctx: &Ctx,
    id: MemberId,
    flash: Option<(String, bool)>,
    f: FormState,
    message: &str,
) -> Result<Response, PageError> {
    let view = state.kontor.profiles().view(ctx.member.as_ref(), id).await?;
    let own = ctx.member.as_ref().is_some_and(|m| m.account.id == id);
    let tie = match &ctx.member {
        Some(member) if !own => {
            let tie = state.kontor.contacts().tie(member, id).await?;
            let mine = state.kontor.profiles().own(member).await?;
            let private = kontor_core::privacy::grantable(&mine.visibility);
            let mut tie = TieView::new(tie, &private);
            tie.announce = state.kontor.ticker().settings(member).await?.announce_contacts;
            tie.flash = flash;
            tie.f = f;
            tie.message = message.to_owned();
            Some(tie)
        }
        _ => None,
    };
    render(ProfilePage { c: Chrome::new(ctx, if own { "profile" } else { "" }), v: view, own, preview: None, tie })
}

#[derive(Deserialize)]
pub struct PreviewQuery {
    #[serde(rename = "as")]
    view_as: String,
}

pub async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PreviewQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let view_as = ViewAs::parse(&q.view_as).ok_or(PageError(Error::NotFound))?;
    let label = match view_as {
        ViewAs::Public => "view-as-public",
        ViewAs::Member => "view-as-member",
        ViewAs::Contact => "view-as-contact",
        ViewAs::ContactOfContact => "view-as-contact_of_contact",
    };
    let page = match state.kontor.profiles().preview(member, view_as).await {
        Ok(v) => ProfilePage { c: Chrome::new(&ctx, "profile"), v, own: false, preview: Some(label), tie: None },
        // Hidden from that audience altogether: say so rather than show an error.
        Err(Error::NotFound) => {
            return render(NoticePage {
                c: Chrome::new(&ctx, "profile"),
                title: label,
                body: "profile-preview-hidden",
                action: Some(("/profile/edit", "profile-edit")),
            });
        }
        Err(e) => return Err(PageError(e)),
    };
    render(page)
}

#[derive(Deserialize)]
pub struct EditQuery {
    #[serde(default)]
    saved: bool,
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<EditQuery>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let profile = state.kontor.profiles().own(member).await?;
    let form = ProfileForm::from_profile(&member.account.name, &profile);
    let page = ProfileEditPage::new(
        Chrome::new(&ctx, "profile"),
        FormState::default(),
        form,
        member.account.id.to_string(),
        q.saved,
    );
    render(page.with_photo(profile.photo))
}

pub async fn edit(State(state): State<AppState>, ctx: Ctx, body: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let form = profile_form(&body);
    match state.kontor.profiles().update(member, &form).await {
        Ok(_) => {
            Ok(axum::response::IntoResponse::into_response(axum::response::Redirect::to("/profile/edit?saved=true")))
        }
        Err(e) => {
            let f = field_errors(e)?;
            let photo = state.kontor.profiles().own(member).await?.photo;
            let page =
                ProfileEditPage::new(Chrome::new(&ctx, "profile"), f, form, member.account.id.to_string(), false);
            unprocessable(render(page.with_photo(photo)))
        }
    }
}

/// Reads the edit form: lists come comma-separated, history rows as repeated fields,
/// and each field's visibility as `vis_<field>`.
fn profile_form(body: &CsrfForm) -> ProfileForm {
    let text = |name: &str| body.get(name).to_owned();
    let list = |name: &str| body.get(name).split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    let year = |s: &String| s.trim().parse::<i32>().ok();
    let rows = |names: [&str; 4]| {
        let cols: Vec<Vec<String>> = names.iter().map(|n| body.all(n)).collect();
        (0..cols[0].len())
            .map(|i| {
                let cell = |c: usize| cols[c].get(i).cloned().unwrap_or_default();
                (cell(0), cell(1), year(&cell(2)), year(&cell(3)))
            })
            .collect::<Vec<_>>()
    };
    let work_history = rows(["work_title", "work_org", "work_from", "work_to"])
        .into_iter()
        .map(|(title, organisation, from_year, to_year)| Position { title, organisation, from_year, to_year })
        .collect();
    let education = rows(["edu_degree", "edu_org", "edu_from", "edu_to"])
        .into_iter()
        .map(|(degree, organisation, from_year, to_year)| Schooling { degree, organisation, from_year, to_year })
        .collect();
    let visibility = Field::ALL
        .into_iter()
        .filter_map(|f| body.get(&format!("vis_{}", f.as_str())).parse::<Visibility>().ok().map(|v| (f, v)))
        .collect();
    ProfileForm {
        name: text("name"),
        headline: text("headline"),
        position: text("position"),
        company: text("company"),
        city: text("city"),
        region: text("region"),
        country: text("country"),
        industry: text("industry"),
        about: text("about"),
        work_history,
        education,
        languages: list("languages"),
        links: body.all("links").into_iter().filter(|l| !l.trim().is_empty()).collect(),
        haves: list("haves"),
        wants: list("wants"),
        interests: list("interests"),
        organisations: list("organisations"),
        business_email: text("business_email"),
        business_phone: text("business_phone"),
        private_email: text("private_email"),
        private_phone: text("private_phone"),
        private_address: text("private_address"),
        birthday: text("birthday"),
        visibility,
    }
}
