//! The notification list behind the bell, the e-mail settings per kind, one-click
//! unsubscribe, and the live updates (server-sent events) for pages with JavaScript.

use super::render;
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::form::CsrfForm;
use crate::state::AppState;
use crate::templates::{Chrome, NotificationSettingsPage, NotificationsPage, UnsubscribePage};
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use futures::Stream;
use kontor_core::Error;
use kontor_core::ids::NotificationId;
use kontor_core::notifications::{MailChoice, MailSetting, NotificationKind};
use kontor_core::ticker::{LiveEvent, LiveFeed};
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;

#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    pub before: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let before = NotificationId::parse(&params.before);
    let page = state.kontor.notifications().page(member, before, None).await?;
    render(NotificationsPage { c: Chrome::new(&ctx, "notifications"), page })
}

/// Marks read what the member was shown (up to the newest on the page).
pub async fn read(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let up_to = NotificationId::parse(form.get("up_to"));
    state.kontor.notifications().mark_read(member, up_to).await?;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Deserialize, Default)]
pub struct SavedParams {
    #[serde(default)]
    pub done: String,
}

pub async fn settings_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<SavedParams>,
) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let settings = state.kontor.notifications().mail_settings(member).await?;
    render(NotificationSettingsPage { c: Chrome::new(&ctx, "settings"), settings, saved: params.done == "saved" })
}

pub async fn settings(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let mut chosen = Vec::new();
    for &kind in NotificationKind::ALL {
        let mail: MailChoice =
            form.get(kind.as_str()).parse().map_err(|()| PageError(Error::invalid(kind.as_str(), "invalid")))?;
        chosen.push(MailSetting { kind, mail });
    }
    state.kontor.notifications().set_mail_settings(member, &chosen).await?;
    Ok(Redirect::to("/settings/notifications?done=saved").into_response())
}

/// The page a mail's unsubscribe link opens: says what it turns off, with one button.
/// (Opening a link changes nothing, so mail scanners that follow links do no harm.)
pub async fn unsubscribe_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let what = state.kontor.notifications().unsubscribe_target(&token).await?;
    render(UnsubscribePage { c: Chrome::new(&ctx, ""), token, what: what.as_str(), done: false })
}

/// RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here without
/// cookies, so the token alone decides (no CSRF token; cross-site browsers are still
/// refused by the guard in front).
pub async fn unsubscribe(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let what = state.kontor.notifications().unsubscribe(&token).await?;
    render(UnsubscribePage { c: Chrome::new(&ctx, ""), token: String::new(), what: what.as_str(), done: true })
}

/// Live updates: `item` for each new item in the member's ticker, `unread` with the
/// bell's count when it changes. Ends when the node stops.
pub async fn live(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let member = ctx.require()?;
    let feed = state.kontor.ticker().live(member).await?;
    let stream = events(feed, state.stopping.clone());
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(25))).into_response())
}

fn events(
    feed: LiveFeed,
    stopping: tokio::sync::watch::Receiver<bool>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures::stream::unfold((feed, stopping), |(mut feed, mut stopping)| async move {
        if *stopping.borrow() {
            return None;
        }
        let next = tokio::select! {
            next = feed.next() => next,
            _ = stopping.changed() => return None,
        };
        let event = match next {
            Ok(Some(LiveEvent::NewItem)) => Event::default().event("item").data("1"),
            Ok(Some(LiveEvent::Unread(n))) => Event::default().event("unread").data(n.to_string()),
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, "live updates ended");
                return None;
            }
        };
        Some((Ok(event), (feed, stopping)))
    })
}
