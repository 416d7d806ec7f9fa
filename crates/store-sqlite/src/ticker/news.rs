//! The ticker's news of other domains' writes (a profile change, a new contact), written
//! inside those writes' transactions.

use super::insert_activity;
use crate::{log, micros, normalise};
use kontor_core::StoreError;
use kontor_core::changelog::ChangeKind;
use kontor_core::ids::MemberKey;
use kontor_core::notifications::Effects;
use kontor_core::ticker::{NewActivity, ProfileNews, Reach};
use sqlx::{Sqlite, Transaction};
use time::OffsetDateTime;

/// Writes the ticker's news of a profile change in the profile write's transaction.
pub(crate) async fn profile_news(
    tx: &mut Transaction<'_, Sqlite>,
    member: i64,
    news: Option<ProfileNews>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let Some(news) = news else { return Ok(()) };
    let reach: Option<String> = sqlx::query_scalar("select profile_reach from ticker_settings where member = $1")
        .bind(member)
        .fetch_optional(&mut **tx)
        .await
        .map_err(normalise)?;
    let reach: Reach = reach.and_then(|r| r.parse().ok()).unwrap_or_default();
    let Some(audience) = reach.audience() else { return Ok(()) };
    let last: Option<(i64, i64, i64)> = sqlx::query_as(
        "select key, changes, created_at from activities where actor = $1 and kind = 'profile' \
         order by key desc limit 1",
    )
    .bind(member)
    .fetch_optional(&mut **tx)
    .await
    .map_err(normalise)?;
    match last {
        Some((key, changes, at)) if at >= micros(news.joined_after) => {
            sqlx::query("update activities set changes = $1 where key = $2")
                .bind(changes | i64::from(news.changes.0))
                .bind(key)
                .execute(&mut **tx)
                .await
                .map_err(normalise)?;
        }
        _ => {
            let mut item =
                NewActivity::new(MemberKey(member), kontor_core::ticker::ActivityKind::Profile, audience, now);
            item.changes = news.changes;
            insert_activity(tx, &item).await?;
        }
    }
    log(tx, ChangeKind::ActivityChanged, member, now).await?;
    Ok(())
}

/// Writes the ticker's news of a new contact and its effects in the accepting transaction.
pub(crate) async fn contact_news(
    tx: &mut Transaction<'_, Sqlite>,
    news: &[NewActivity],
    effects: &Effects,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    for item in news {
        insert_activity(tx, item).await?;
        log(tx, ChangeKind::ActivityChanged, item.actor.0, now).await?;
    }
    crate::notifications::write_effects(tx, effects, None).await
}
