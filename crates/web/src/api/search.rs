//! Finding people: who offers what I seek, and who seeks what I offer.

use super::{ApiMember, ApiQuery, PageSize};
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use kontor_core::search::{Match, Meeting};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// `they_offer`: my wants meet their haves (the default); `they_seek`: my haves meet
    /// their wants.
    // Declared in place: a parameter's type is not collected with the operation.
    #[param(inline)]
    meeting: Option<Meeting>,
    /// 1 to 50; 10 if left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<PageSize<50>>,
}

/// Members whose haves meet my wants (or whose wants meet my haves), each with the tags
/// that meet: the most tags first, then the nearest in my network. Only what I may see
/// of them counts.
#[utoipa::path(get, path = "/me/matches", tag = "search", security(("bearer" = ["read"])), params(MatchParams),
    responses((status = 200, body = [Match]), (status = 401, body = ApiErrorBody)))]
pub async fn matches(
    State(state): State<AppState>,
    ApiMember(me, lang): ApiMember,
    ApiQuery(p): ApiQuery<MatchParams>,
) -> Result<Json<Vec<Match>>, ApiError> {
    let fail = |error| ApiError { error, lang };
    let mut viewer = state.kontor.network().viewer(&me.account).await.map_err(fail)?;
    let meeting = p.meeting.unwrap_or(Meeting::TheyOffer);
    let limit = p.limit.map_or(10, |l| l.0 as usize);
    Ok(Json(state.kontor.search().meeting(&mut viewer, meeting, limit).await.map_err(fail)?))
}

/// The search operations, each with its entry in the OpenAPI document.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(matches))
}
