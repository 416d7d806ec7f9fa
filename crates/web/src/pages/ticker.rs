//! The ticker on home, a post's own page, and the ticker settings.

use super::{render, safe_next};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::{Chrome, ConfirmPage, PostPage, TickerSettingsPage};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::Error;
use kontor_core::ids::{ActivityId, MemberId};
use kontor_core::ticker::{ActivityKind, Audience, Reach, TickerQuery, TickerSettings};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct TickerParams {
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub filter: String,
}

impl TickerParams {
    pub fn query(&self) -> TickerQuery {
        TickerQuery {
            before: ActivityId::parse(&self.before),
            filter: self.filter.parse().unwrap_or_default(),
            limit: 0,
        }
    }
}

fn activity_id(id: &str) -> Result<ActivityId, PageError> {
    ActivityId::parse(id).ok_or(PageError(Error::NotFound))
}

/// Writes a status post, then back to the ticker.
pub async fn create(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let audience: Audience = form.get("audience").parse().unwrap_or_default();
    state.kontor.ticker().post(member, form.get("text"), audience).await?;
    Ok(Redirect::to("/home").into_response())
}

pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    let id = activity_id(&id)?;
    let thread = state.kontor.ticker().thread(ctx.member.as_ref(), id).await?;
    let admin = ctx.member.as_ref().is_some_and(|m| m.account.is_admin());
    let can_delete = thread.post.mine || admin;
    render(PostPage { c: Chrome::new(&ctx, "home"), t: thread, can_delete, admin })
}

/// Asks before what cannot be undone (deleting a post, a share or a comment), on a page
/// of its own that works without script; its button posts to the same address. Asked
/// only of whom may do it (the author; administrators remove reported posts too).
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    Query(back): Query<Back>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = activity_id(&id)?;
    if action != "delete" {
        return Err(PageError(Error::NotFound));
    }
    let found = state.kontor.ticker().deletable(member, id).await?;
    let comment = found.kind == ActivityKind::Comment;
    render(ConfirmPage {
        c: Chrome::new(&ctx, "home"),
        title: if comment { "comment-delete-confirm-title" } else { "post-delete-confirm-title" },
        body: if comment { "comment-delete-confirm-body" } else { "post-delete-confirm-body" },
        action: format!("/posts/{id}/delete"),
        button: if comment { "comment-delete" } else { "post-delete" },
        next: safe_next(back.next.as_deref().unwrap_or_default(), "").to_owned(),
    })
}

/// Where a confirmed deed leads back to.
#[derive(serde::Deserialize)]
pub struct Back {
    next: Option<String>,
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let id = activity_id(&id)?;
    let ticker = state.kontor.ticker();
    let here = format!("/posts/{id}");
    let result = match action.as_str() {
        "like" => ticker.like(member, id).await,
        "unlike" => ticker.unlike(member, id).await,
        "comment" => {
            let reply_to = ActivityId::parse(form.get("reply_to"));
            ticker.comment(member, id, reply_to, form.get("text")).await.map(|_| ())
        }
        "share" => {
            let audience: Audience = form.get("audience").parse().unwrap_or_default();
            ticker.share(member, id, form.get("text"), audience).await.map(|_| ())
        }
        "edit" => ticker.edit(member, id, form.get("text")).await,
        "delete" => {
            ticker.delete(member, id).await?;
            return Ok(Redirect::to(safe_next(form.get("next"), "/home")).into_response());
        }
        "report" => ticker.report(member, id, form.get("reason")).await,
        _ => return Err(PageError(Error::NotFound)),
    };
    result?;
    Ok(Redirect::to(safe_next(form.get("next"), &here)).into_response())
}

pub async fn settings_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let ticker = state.kontor.ticker();
    let settings = ticker.settings(member).await?;
    let muted = ticker.muted(member).await?;
    render(TickerSettingsPage { c: Chrome::new(&ctx, "settings"), s: settings, muted, saved: false })
}

pub async fn settings(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let profile_reach: Reach =
        form.get("profile_reach").parse().map_err(|()| PageError(Error::invalid("profile_reach", "invalid_choice")))?;
    let chosen = TickerSettings {
        announce_contacts: form.get("announce_contacts") == "1",
        profile_reach,
        birthday: form.get("birthday") == "1",
    };
    let ticker = state.kontor.ticker();
    ticker.set_settings(member, &chosen).await?;
    let muted = ticker.muted(member).await?;
    render(TickerSettingsPage { c: Chrome::new(&ctx, "settings"), s: chosen, muted, saved: true })
}

/// Mutes or unmutes a member's activities, then back.
pub async fn mute(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(String, String)>,
    form: CsrfForm,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let other = MemberId::parse(&id).ok_or(PageError(Error::NotFound))?;
    let muted = match action.as_str() {
        "mute" => true,
        "unmute" => false,
        _ => return Err(PageError(Error::NotFound)),
    };
    state.kontor.ticker().set_muted(member, other, muted).await?;
    Ok(Redirect::to(safe_next(form.get("next"), "/settings/ticker")).into_response())
}

#[derive(Deserialize)]
pub struct MentionQuery {
    #[serde(default)]
    q: String,
}

/// The composer's suggestions after an `@` (its script asks, with the page's session).
pub async fn mention_suggestions(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<MentionQuery>,
) -> Result<axum::Json<Vec<kontor_core::network::MemberCard>>, PageError> {
    let member = ctx.require()?;
    let limit = crate::api::MENTION_SUGGESTIONS;
    let found = state.kontor.ticker().mention_suggestions(member, &query.q, limit).await;
    Ok(axum::Json(found?))
}
