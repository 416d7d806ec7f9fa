//! The landing page and a member's home.

use super::{html, render};
use crate::ctx::Ctx;
use crate::error::PageError;
use crate::state::AppState;
use crate::templates::*;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kontor_core::privacy::{Relation, may_see};
use kontor_core::profiles::Field;
use kontor_core::search::Meeting;

/// How many people home suggests.
const SUGGESTED: usize = 3;

/// How many members home shows who offer what the member seeks.
const OFFERING: usize = 3;

pub async fn landing(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    if ctx.member.is_some() {
        return Ok(Redirect::to("/home").into_response());
    }
    let members = state.kontor.derived().directory.active_members() as i64;
    render(LandingPage { c: Chrome::new(&ctx, ""), members, public_search: ctx.site.public_search })
}

pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<super::ticker::TickerParams>,
) -> Result<Response, PageError> {
    let lang = ctx.lang();
    let member = ctx.require()?;
    let network = state.kontor.network();
    let mut viewer = network.viewer(&member.account).await?;
    // The member's own card: all of their profile, as they see it.
    let me = network.card(&mut viewer, member.account.key).await?;
    let me = me.ok_or_else(|| PageError(kontor_core::Error::NotFound))?;
    let counts = network.counts(&mut viewer);
    let suggestions = network.suggestions(&mut viewer, SUGGESTED).await?;
    let offers = if Meeting::TheyOffer.named_in(&me.profile) {
        Some(state.kontor.search().meeting(&mut viewer, Meeting::TheyOffer, OFFERING).await?)
    } else {
        None
    };
    let query = params.query();
    let ticker = state.kontor.ticker().page_for(&mut viewer, query).await?;
    let c = Chrome::new(&ctx, "home");
    let items = ticker.rendered(lang, || html(&TickerItems { c: &c, items: &ticker.items }))?;
    render(HomePage {
        ticker,
        items,
        filter: query.filter.as_str(),
        c,
        photo: me.photo.clone(),
        completeness: i64::from(me.profile.completeness()),
        name_members_only: !may_see(me.profile.visibility.get(Field::Name), Relation::Anonymous, false),
        me,
        counts,
        suggestions,
        offers,
    })
}
