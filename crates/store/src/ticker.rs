//! Activities, ticker settings, mutes, reports and notifications.

use crate::sql::{Row, Tx, other, q};
use crate::{SqlStore, log};
use async_trait::async_trait;
use futures::TryStreamExt;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::ids::{ActivityId, ActivityKey, MemberKey};
use kontor_core::notifications::Effects;
use kontor_core::profiles::Profile;
use kontor_core::ticker::{
    Activity, NewActivity, PostStats, ProfileChanges, ProfileNews, Reach, Report, TickerRepo, TickerRow, TickerSettings,
};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

macro_rules! columns {
    () => {
        "a.key, a.id, a.actor, a.kind, a.other, a.post, a.parent, a.audience, a.post_audience, a.body, a.changes, \
         a.created_at, a.edited_at"
    };
}

fn activity(row: &Row) -> Result<Activity, StoreError> {
    let parse = |c: &str| -> Result<String, StoreError> { row.get::<String>(c) };
    let key = |c: &str| -> Result<Option<i64>, StoreError> { row.get::<Option<i64>>(c) };
    Ok(Activity {
        key: ActivityKey(row.get("key")?),
        id: ActivityId::from_uuid(row.get::<Uuid>("id")?),
        actor: MemberKey(row.get("actor")?),
        kind: parse("kind")?.parse().map_err(|()| other("unknown activity kind"))?,
        other: key("other")?.map(MemberKey),
        post: key("post")?.map(ActivityKey),
        parent: key("parent")?.map(ActivityKey),
        audience: parse("audience")?.parse().map_err(|()| other("unknown audience"))?,
        post_audience: match row.get::<Option<String>>("post_audience")? {
            Some(a) => Some(a.parse().map_err(|()| other("unknown audience"))?),
            None => None,
        },
        body: parse("body")?,
        changes: ProfileChanges(row.get::<i64>("changes")? as u8),
        created_at: row.get("created_at")?,
        edited_at: row.get("edited_at")?,
    })
}

pub(crate) fn key_list(keys: impl IntoIterator<Item = i64>) -> Vec<i64> {
    keys.into_iter().collect()
}

async fn insert_activity(tx: &mut Tx, a: &NewActivity) -> Result<i64, StoreError> {
    q("insert into activities (id, actor, kind, other, post, parent, audience, post_audience, body, changes, \
         created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning key")
    .bind(a.id.as_uuid())
    .bind(a.actor.0)
    .bind(a.kind.as_str())
    .bind(a.other.map(|o| o.0))
    .bind(a.post.map(|p| p.0))
    .bind(a.parent.map(|p| p.0))
    .bind(a.audience.as_str())
    .bind(a.post_audience.map(|p| p.as_str()))
    .bind(&a.body)
    .bind(i64::from(a.changes.0))
    .bind(a.created_at)
    .scalar(&mut *tx)
    .await
    .map_err(|e| match e {
        StoreError::Conflict(_) => StoreError::Conflict("activities".into()),
        e => e,
    })
}

async fn set_mentions(tx: &mut Tx, key: i64, mentions: &[MemberKey]) -> Result<(), StoreError> {
    q("delete from activity_mentions where activity = $1").bind(key).execute(&mut *tx).await?;
    for m in mentions {
        q("insert into activity_mentions (activity, member) values ($1, $2) on conflict do nothing")
            .bind(key)
            .bind(m.0)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Writes the ticker's news of a profile change in the profile write's transaction.
pub(crate) async fn profile_news(
    tx: &mut Tx,
    member: i64,
    news: Option<ProfileNews>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let Some(news) = news else { return Ok(()) };
    let reach: Option<String> =
        q("select profile_reach from ticker_settings where member = $1").bind(member).scalar_optional(&mut *tx).await?;
    let reach: Reach = reach.and_then(|r| r.parse().ok()).unwrap_or_default();
    let Some(audience) = reach.audience() else { return Ok(()) };
    let last: Option<(i64, i64, OffsetDateTime)> =
        q("select key, changes, created_at from activities where actor = $1 and kind = 'profile' \
         order by key desc limit 1")
        .bind(member)
        .fetch_optional_as(&mut *tx)
        .await?;
    match last {
        Some((key, changes, at)) if at >= news.joined_after => {
            q("update activities set changes = $1 where key = $2")
                .bind(changes | i64::from(news.changes.0))
                .bind(key)
                .execute(&mut *tx)
                .await?;
            log(tx, ChangeKind::PostChanged, key, now).await?;
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
    tx: &mut Tx,
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

fn settings_of(row: Option<(bool, String, bool)>) -> TickerSettings {
    match row {
        Some((announce_contacts, reach, birthday)) => {
            TickerSettings { announce_contacts, profile_reach: reach.parse().unwrap_or_default(), birthday }
        }
        None => TickerSettings::default(),
    }
}

impl SqlStore {
    async fn birthday_of(&self, member: MemberKey) -> Result<Option<Date>, StoreError> {
        let data: Option<serde_json::Value> =
            q("select data from profiles where member = $1").bind(member.0).scalar_optional(self.db.read()).await?;
        Ok(match data {
            Some(d) => serde_json::from_value::<Profile>(d).map_err(other)?.birthday,
            None => None,
        })
    }
}

#[async_trait]
impl TickerRepo for SqlStore {
    async fn add_activity(
        &self,
        activity: &NewActivity,
        mentions: &[MemberKey],
        effects: &Effects,
    ) -> Result<(ActivityKey, LogPosition), StoreError> {
        let mut tx = self.db.begin().await?;
        let key = insert_activity(&mut tx, activity).await?;
        set_mentions(&mut tx, key, mentions).await?;
        crate::notifications::write_effects(&mut tx, effects, Some(key)).await?;
        if let Some(post) = activity.post {
            log(&mut tx, ChangeKind::PostChanged, post.0, activity.created_at).await?;
        }
        // A new post is news to the search index, which files posts by key.
        if activity.kind == kontor_core::ticker::ActivityKind::Post {
            log(&mut tx, ChangeKind::PostChanged, key, activity.created_at).await?;
        }
        let position = log(&mut tx, ChangeKind::ActivityChanged, activity.actor.0, activity.created_at).await?;
        tx.commit().await?;
        Ok((ActivityKey(key), position))
    }

    async fn edit_activity(
        &self,
        key: ActivityKey,
        body: &str,
        mentions: &[MemberKey],
        effects: &Effects,
        at: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        let actor: i64 = q("update activities set body = $1, edited_at = $2 where key = $3 returning actor")
            .bind(body)
            .bind(at)
            .bind(key.0)
            .scalar_optional(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        set_mentions(&mut tx, key.0, mentions).await?;
        crate::notifications::write_effects(&mut tx, effects, Some(key.0)).await?;
        log(&mut tx, ChangeKind::PostChanged, key.0, at).await?;
        let position = log(&mut tx, ChangeKind::ActivityChanged, actor, at).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn delete_activity(&self, key: ActivityKey) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        // Everyone whose activities go with it: shares, comments, replies, likes.
        let actors: Vec<i64> = q("select distinct actor from activities where key = $1 or post = $1 or parent = $1")
            .bind(key.0)
            .scalars(&mut tx)
            .await?;
        // Their notifications go too (the keys cascade): the recipients' counts change.
        let notified: Vec<i64> = q("select distinct recipient from notifications where activity in \
             (select key from activities where key = $1 or post = $1 or parent = $1)")
        .bind(key.0)
        .scalars(&mut tx)
        .await?;
        // The post it was on (a share, comment or like), and itself if it is one.
        let post: Option<Option<i64>> =
            q("select post from activities where key = $1").bind(key.0).scalar_optional(&mut tx).await?;
        let done = q("delete from activities where key = $1").bind(key.0).execute(&mut tx).await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let now = OffsetDateTime::now_utc();
        for recipient in notified {
            log(&mut tx, ChangeKind::NotificationsChanged, recipient, now).await?;
        }
        for post in [Some(key.0), post.flatten()].into_iter().flatten() {
            log(&mut tx, ChangeKind::PostChanged, post, now).await?;
        }
        let mut position = LogPosition::START;
        for actor in actors {
            position = log(&mut tx, ChangeKind::ActivityChanged, actor, now).await?;
        }
        tx.commit().await?;
        Ok(position)
    }

    async fn unlike(&self, actor: MemberKey, post: ActivityKey) -> Result<Option<LogPosition>, StoreError> {
        let mut tx = self.db.begin().await?;
        let done = q("delete from activities where kind = 'like' and actor = $1 and post = $2")
            .bind(actor.0)
            .bind(post.0)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Ok(None);
        }
        let now = OffsetDateTime::now_utc();
        log(&mut tx, ChangeKind::PostChanged, post.0, now).await?;
        let position = log(&mut tx, ChangeKind::ActivityChanged, actor.0, now).await?;
        tx.commit().await?;
        Ok(Some(position))
    }

    async fn activity(&self, id: ActivityId) -> Result<Option<Activity>, StoreError> {
        let row = q(concat!("select ", columns!(), " from activities a where a.id = $1"))
            .bind(id.as_uuid())
            .fetch_optional(self.db.read())
            .await?;
        row.as_ref().map(activity).transpose()
    }

    async fn activity_by_key(&self, key: ActivityKey) -> Result<Option<Activity>, StoreError> {
        let row = q(concat!("select ", columns!(), " from activities a where a.key = $1"))
            .bind(key.0)
            .fetch_optional(self.db.read())
            .await?;
        row.as_ref().map(activity).transpose()
    }

    async fn activities(&self, keys: &[ActivityKey]) -> Result<Vec<Activity>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!("select ", columns!(), " from activities a where a.key = any($1)"))
            .bind(key_list(keys.iter().map(|k| k.0)))
            .fetch_all(self.db.read())
            .await?;
        rows.iter().map(activity).collect()
    }

    async fn activities_with_posts(&self, keys: &[ActivityKey]) -> Result<Vec<Activity>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!(
            "select ",
            columns!(),
            " from activities a where a.key = any($1) \
             union all select ",
            columns!(),
            " from activities a where a.key in (select p.post from activities p where p.key = any($1) and p.post is not null)"
        ))
        .bind(key_list(keys.iter().map(|k| k.0)))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(activity).collect()
    }

    async fn activities_of(
        &self,
        actors: &[MemberKey],
        before: Option<ActivityKey>,
        limit: u32,
    ) -> Result<Vec<Activity>, StoreError> {
        if actors.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!(
            "select ",
            columns!(),
            " from activities a where a.actor = any($1) and a.key < $2 \
             order by a.key desc limit $3"
        ))
        .bind(key_list(actors.iter().map(|m| m.0)))
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(activity).collect()
    }

    async fn mentions(&self, keys: &[ActivityKey]) -> Result<Vec<(ActivityKey, MemberKey)>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, i64)> = q("select activity, member from activity_mentions where activity = any($1)")
            .bind(key_list(keys.iter().map(|k| k.0)))
            .fetch_all_as(self.db.read())
            .await?;
        Ok(rows.into_iter().map(|(a, m)| (ActivityKey(a), MemberKey(m))).collect())
    }

    async fn comments(&self, post: ActivityKey, limit: u32) -> Result<Vec<Activity>, StoreError> {
        let rows = q(concat!(
            "select ",
            columns!(),
            " from activities a where a.post = $1 and a.kind = 'comment' order by a.key limit $2"
        ))
        .bind(post.0)
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(activity).collect()
    }

    async fn post_stats(
        &self,
        posts: &[ActivityKey],
        reader: MemberKey,
        leave_out: &[MemberKey],
    ) -> Result<Vec<(ActivityKey, PostStats)>, StoreError> {
        if posts.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, i64, i64, i64, i64)> = q("select a.post, \
               count(*) filter (where a.kind = 'like'), count(*) filter (where a.kind = 'comment'), \
               count(*) filter (where a.kind = 'share'), count(*) filter (where a.kind = 'like' and a.actor = $2) \
             from activities a where a.post = any($1) and a.actor <> all($3) group by a.post")
        .bind(key_list(posts.iter().map(|k| k.0)))
        .bind(reader.0)
        .bind(key_list(leave_out.iter().map(|k| k.0)))
        .fetch_all_as(self.db.read())
        .await?;
        let found: HashMap<i64, PostStats> = rows
            .into_iter()
            .map(|(post, likes, comments, shares, liked)| {
                let stats = PostStats {
                    likes: likes as u32,
                    comments: comments as u32,
                    shares: shares as u32,
                    liked: liked > 0,
                };
                (post, stats)
            })
            .collect();
        Ok(posts.iter().map(|p| (*p, found.get(&p.0).copied().unwrap_or_default())).collect())
    }

    async fn ticker_settings(&self, member: MemberKey) -> Result<TickerSettings, StoreError> {
        let row: Option<(bool, String, bool)> =
            q("select announce_contacts, profile_reach, birthday from ticker_settings where member = $1")
                .bind(member.0)
                .fetch_optional_as(self.db.read())
                .await?;
        Ok(settings_of(row))
    }

    async fn set_ticker_settings(
        &self,
        member: MemberKey,
        settings: &TickerSettings,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into ticker_settings (member, announce_contacts, profile_reach, birthday) values ($1, $2, $3, $4) \
             on conflict (member) do update set announce_contacts = excluded.announce_contacts, \
             profile_reach = excluded.profile_reach, birthday = excluded.birthday")
        .bind(member.0)
        .bind(settings.announce_contacts)
        .bind(settings.profile_reach.as_str())
        .bind(settings.birthday)
        .execute(&mut tx)
        .await?;
        let position = log(&mut tx, ChangeKind::ActivityChanged, member.0, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn mutes(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = q("select muted from ticker_mutes where member = $1 order by created_at")
            .bind(member.0)
            .scalars(self.db.read())
            .await?;
        Ok(rows.into_iter().map(MemberKey).collect())
    }

    async fn set_muted(
        &self,
        member: MemberKey,
        other: MemberKey,
        muted: bool,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let query = if muted {
            q("insert into ticker_mutes (member, muted, created_at) values ($1, $2, $3) on conflict do nothing")
                .bind(member.0)
                .bind(other.0)
                .bind(at)
        } else {
            q("delete from ticker_mutes where member = $1 and muted = $2").bind(member.0).bind(other.0)
        };
        let mut tx = self.db.begin().await?;
        query.execute(&mut tx).await?;
        crate::contacts::log_relations(&mut tx, &[member.0], at).await?;
        tx.commit().await
    }

    async fn report_post(&self, report: &Report) -> Result<(), StoreError> {
        q("insert into post_reports (post, reporter, reason, created_at) values ($1, $2, $3, $4)")
            .bind(report.post.0)
            .bind(report.reporter.0)
            .bind(&report.reason)
            .bind(report.created_at)
            .execute(self.db.write())
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => StoreError::Conflict("post_reports".into()),
                e => e,
            })?;
        Ok(())
    }

    async fn reports(&self, limit: u32) -> Result<Vec<(Activity, Vec<Report>)>, StoreError> {
        let rows = q(concat!(
            "select ",
            columns!(),
            " from activities a join (select post, count(*) n, max(created_at) latest from post_reports group by post) r \
             on r.post = a.key order by r.n desc, r.latest desc limit $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        let posts: Vec<Activity> = rows.iter().map(activity).collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(posts.len());
        for post in posts {
            let reports: Vec<(i64, String, OffsetDateTime)> =
                q("select reporter, reason, created_at from post_reports where post = $1 order by created_at")
                    .bind(post.key.0)
                    .fetch_all_as(self.db.read())
                    .await?;
            let reports = reports
                .into_iter()
                .map(|(reporter, reason, at)| Report {
                    post: post.key,
                    reporter: MemberKey(reporter),
                    reason,
                    created_at: at,
                })
                .collect();
            out.push((post, reports));
        }
        Ok(out)
    }

    async fn ticker_snapshot(
        &self,
        per_member: u32,
        sink: &mut (dyn FnMut(TickerRow) + Send),
    ) -> Result<LogPosition, StoreError> {
        let (mut tx, position) = self.snapshot().await?;
        {
            let mut members = q(concat!(
                "select m.key, s.announce_contacts, s.profile_reach, s.birthday, \
                   case when s.birthday then p.data end \
                 from members m left join ticker_settings s on s.member = m.key \
                 left join profiles p on p.member = m.key \
                 where ",
                open!("m")
            ))
            .fetch_as::<(i64, Option<bool>, Option<String>, Option<bool>, Option<serde_json::Value>)>(&mut tx);
            while let Some((key, announce, reach, birthday, data)) = members.try_next().await? {
                let settings = match (announce, reach, birthday) {
                    (Some(a), Some(r), Some(b)) => settings_of(Some((a, r, b))),
                    _ => TickerSettings::default(),
                };
                let birthday = match data {
                    Some(d) => serde_json::from_value::<Profile>(d).map_err(other)?.birthday,
                    None => None,
                };
                sink(TickerRow::Member { key: MemberKey(key), settings, birthday });
            }
        }
        {
            let mut rows = q(concat!(
                "select ",
                columns!(),
                " from (select *, row_number() over (partition by actor order by key desc) n from activities) a \
                 where a.n <= $1"
            ))
            .bind(i64::from(per_member))
            .fetch(&mut tx);
            while let Some(row) = rows.try_next().await? {
                sink(TickerRow::Activity(activity(&row)?));
            }
        }
        tx.commit().await?;
        Ok(position)
    }

    async fn ticker_member(&self, member: MemberKey) -> Result<Option<(TickerSettings, Option<Date>)>, StoreError> {
        let open: Option<bool> = q(concat!("select ", open!("members"), " from members where key = $1"))
            .bind(member.0)
            .scalar_optional(self.db.read())
            .await?;
        if open != Some(true) {
            return Ok(None);
        }
        let settings = self.ticker_settings(member).await?;
        let birthday = if settings.birthday { self.birthday_of(member).await? } else { None };
        Ok(Some((settings, birthday)))
    }
}
