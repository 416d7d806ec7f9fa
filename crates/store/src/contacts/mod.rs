//! Contacts: each side's row with its tags, note and grants; blocks, dismissed
//! suggestions and settings. Requests and the graph's reads have their own files.

use crate::sql::{Row, Tx, other, q, q_built};
use crate::{SqlStore, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::contacts::{
    Contact, ContactCursor, ContactQuery, ContactRepo, ContactSettings, ContactSort, ContactTag, HowWeKnow,
};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::Field;
use std::collections::HashMap;
use time::OffsetDateTime;

macro_rules! request_columns {
    () => {
        "id, sender, recipient, message, how, state, created_at"
    };
}

mod network;
mod requests;

/// Logs that the network of both members changed.
pub(super) async fn log_pair(tx: &mut Tx, a: i64, b: i64, now: OffsetDateTime) -> Result<LogPosition, StoreError> {
    log(tx, ChangeKind::NetworkChanged, a, now).await?;
    log(tx, ChangeKind::NetworkChanged, b, now).await
}

/// A change to these members' requests, blocks, mutes or dismissed suggestions.
pub(crate) async fn log_relations(tx: &mut Tx, members: &[i64], now: OffsetDateTime) -> Result<(), StoreError> {
    for &member in members {
        log(tx, ChangeKind::RelationsChanged, member, now).await?;
    }
    Ok(())
}

pub(super) async fn connect(
    tx: &mut Tx,
    a: i64,
    b: i64,
    how: HowWeKnow,
    now: OffsetDateTime,
) -> Result<u64, StoreError> {
    let mut added = 0;
    for (member, other) in [(a, b), (b, a)] {
        added += q("insert into contacts (member, other, since, how) values ($1, $2, $3, $4) on conflict do nothing")
            .bind(member)
            .bind(other)
            .bind(now)
            .bind(how.as_str())
            .execute(&mut *tx)
            .await?;
    }
    Ok(added)
}

pub(super) async fn disconnect(tx: &mut Tx, a: i64, b: i64) -> Result<u64, StoreError> {
    q("delete from contacts where (member = $1 and other = $2) or (member = $2 and other = $1)")
        .bind(a)
        .bind(b)
        .execute(&mut *tx)
        .await
}

pub(super) fn keys(rows: Vec<i64>) -> Vec<MemberKey> {
    rows.into_iter().map(MemberKey).collect()
}

#[async_trait]
impl ContactRepo for SqlStore {
    async fn contact(&self, member: MemberKey, other: MemberKey) -> Result<Option<Contact>, StoreError> {
        let row =
            q("select c.other, m.name, c.since, c.how, c.note from contacts c join members m on m.key = c.other \
             where c.member = $1 and c.other = $2")
            .bind(member.0)
            .bind(other.0)
            .fetch_optional(self.db.read())
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(self.with_details(member, std::slice::from_ref(&row)).await?.pop())
    }

    async fn contacts(&self, member: MemberKey, wanted: &ContactQuery) -> Result<Vec<Contact>, StoreError> {
        // The cursor holds the raw name; both sides go through the database's lower().
        let (order, after) = match wanted.sort {
            ContactSort::Name => ("lower(m.name), c.other", "(lower(m.name), c.other) > (lower($4), $5)"),
            ContactSort::Recent => ("c.since desc, c.other desc", "(c.since, c.other) < ($4, $5)"),
        };
        let sql = format!(
            "select c.other, m.name, c.since, c.how, c.note from contacts c join members m on m.key = c.other \
             where c.member = $1 and m.state = 'active' and m.deletion_requested_at is null \
             and ($2 = '' or strpos(lower(m.name), lower($2)) > 0) \
             and ($3 = '' or exists (select 1 from contact_tags t \
                  where t.member = c.member and t.other = c.other and t.tag = $3)) \
             and (not $6 or {after}) \
             order by {order} limit $7"
        );
        let query = q_built(sql)
            .bind(member.0)
            .bind(wanted.text.as_deref().unwrap_or(""))
            .bind(wanted.tag.as_ref().map_or("", |t| t.as_str()));
        // Without a cursor $4 still gets the type its comparison expects: PostgreSQL
        // types every parameter, used or not.
        let (query, has_cursor) = match (&wanted.after, wanted.sort) {
            (Some(ContactCursor::Name(name, key)), ContactSort::Name) => (query.bind(name.clone()).bind(key.0), true),
            (Some(ContactCursor::Recent(at, key)), ContactSort::Recent) => (query.bind(*at).bind(key.0), true),
            (_, ContactSort::Name) => (query.bind(String::new()).bind(0i64), false),
            (_, ContactSort::Recent) => (query.bind(OffsetDateTime::UNIX_EPOCH).bind(0i64), false),
        };
        let rows = query.bind(has_cursor).bind(i64::from(wanted.limit)).fetch_all(self.db.read()).await?;
        self.with_details(member, &rows).await
    }

    async fn contact_tags(&self, member: MemberKey) -> Result<Vec<ContactTag>, StoreError> {
        let tags: Vec<String> = q("select distinct tag from contact_tags where member = $1 order by tag")
            .bind(member.0)
            .scalars(self.db.read())
            .await?;
        tags.iter().map(|t| ContactTag::parse("tag", t).map_err(|_| other("bad stored tag"))).collect()
    }

    async fn update_contact(
        &self,
        member: MemberKey,
        other: MemberKey,
        tags: &[ContactTag],
        note: &str,
        grants: &[Field],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        let done = q("update contacts set note = $1 where member = $2 and other = $3")
            .bind(note)
            .bind(member.0)
            .bind(other.0)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        for table in ["contact_tags", "contact_grants"] {
            q_built(format!("delete from {table} where member = $1 and other = $2"))
                .bind(member.0)
                .bind(other.0)
                .execute(&mut tx)
                .await?;
        }
        for tag in tags {
            q("insert into contact_tags (member, other, tag) values ($1, $2, $3) on conflict do nothing")
                .bind(member.0)
                .bind(other.0)
                .bind(tag.as_str())
                .execute(&mut tx)
                .await?;
        }
        for field in grants {
            q("insert into contact_grants (member, other, field) values ($1, $2, $3) on conflict do nothing")
                .bind(member.0)
                .bind(other.0)
                .bind(field.as_str())
                .execute(&mut tx)
                .await?;
        }
        // Grants are part of what the member's profile shows this contact.
        log(&mut tx, ChangeKind::ProfileChanged, member.0, now).await?;
        tx.commit().await
    }

    async fn remove_contact(&self, a: MemberKey, b: MemberKey, now: OffsetDateTime) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        if disconnect(&mut tx, a.0, b.0).await? == 0 {
            return Err(StoreError::NotFound);
        }
        let position = log_pair(&mut tx, a.0, b.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn block(
        &self,
        blocker: MemberKey,
        blocked: MemberKey,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into blocks (blocker, blocked, created_at) values ($1, $2, $3) on conflict do nothing")
            .bind(blocker.0)
            .bind(blocked.0)
            .bind(now)
            .execute(&mut tx)
            .await?;
        disconnect(&mut tx, blocker.0, blocked.0).await?;
        q("delete from contact_requests where low = $1 and high = $2")
            .bind(blocker.0.min(blocked.0))
            .bind(blocker.0.max(blocked.0))
            .execute(&mut tx)
            .await?;
        let position = log_pair(&mut tx, blocker.0, blocked.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn unblock(&self, blocker: MemberKey, blocked: MemberKey) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q("delete from blocks where blocker = $1 and blocked = $2")
            .bind(blocker.0)
            .bind(blocked.0)
            .execute(&mut tx)
            .await?;
        log_relations(&mut tx, &[blocker.0, blocked.0], OffsetDateTime::now_utc()).await?;
        tx.commit().await
    }

    async fn blocks_of(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> =
            q("select blocked from blocks where blocker = $1 union select blocker from blocks where blocked = $1")
                .bind(member.0)
                .scalars(self.db.read())
                .await?;
        Ok(keys(rows))
    }

    async fn blocked_by(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = q("select blocked from blocks where blocker = $1 order by created_at desc, blocked")
            .bind(member.0)
            .scalars(self.db.read())
            .await?;
        Ok(keys(rows))
    }

    async fn dismiss_suggestion(
        &self,
        member: MemberKey,
        other: MemberKey,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into dismissed_suggestions (member, other, created_at) values ($1, $2, $3) on conflict do nothing")
            .bind(member.0)
            .bind(other.0)
            .bind(now)
            .execute(&mut tx)
            .await?;
        log_relations(&mut tx, &[member.0], now).await?;
        tx.commit().await
    }

    async fn not_to_suggest(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = q("select recipient from contact_requests where sender = $1 \
             union select sender from contact_requests where recipient = $1 \
             union select other from dismissed_suggestions where member = $1 \
             order by 1")
        .bind(member.0)
        .scalars(self.db.read())
        .await?;
        Ok(keys(rows))
    }

    async fn contact_settings(&self, member: MemberKey) -> Result<ContactSettings, StoreError> {
        let row = q("select list_visibility from network_settings where member = $1")
            .bind(member.0)
            .fetch_optional(self.db.read())
            .await?;
        let Some(row) = row else { return Ok(ContactSettings::default()) };
        Ok(ContactSettings {
            list_visibility: row
                .get::<String>("list_visibility")?
                .parse()
                .map_err(|()| other("unknown list visibility"))?,
        })
    }

    async fn set_contact_settings(
        &self,
        member: MemberKey,
        settings: ContactSettings,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into network_settings (member, list_visibility) values ($1, $2) \
             on conflict (member) do update set list_visibility = excluded.list_visibility")
        .bind(member.0)
        .bind(settings.list_visibility.as_str())
        .execute(&mut tx)
        .await?;
        let position = log(&mut tx, ChangeKind::NetworkChanged, member.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn import_contacts(
        &self,
        contacts: &[(MemberKey, MemberKey, OffsetDateTime)],
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let mut added = 0;
        let mut touched = std::collections::BTreeSet::new();
        for &(a, b, since) in contacts {
            if a == b {
                continue;
            }
            if connect(&mut tx, a.0, b.0, HowWeKnow::Other, since).await? > 0 {
                added += 1;
                touched.extend([a.0, b.0]);
            }
        }
        for member in touched {
            log(&mut tx, ChangeKind::NetworkChanged, member, now).await?;
        }
        tx.commit().await?;
        Ok(added)
    }
}

impl SqlStore {
    /// Contact rows with the member's tags and grants on them: one query each for the
    /// whole page, not per row.
    async fn with_details(&self, member: MemberKey, rows: &[Row]) -> Result<Vec<Contact>, StoreError> {
        let others: Vec<i64> = rows.iter().map(|r| r.get("other")).collect::<Result<_, _>>()?;
        let mut details: HashMap<i64, (Vec<ContactTag>, Vec<Field>)> = HashMap::new();
        let tags: Vec<(i64, String)> =
            q("select other, tag from contact_tags where member = $1 and other = any($2) order by tag")
                .bind(member.0)
                .bind(&others)
                .fetch_all_as(self.db.read())
                .await?;
        for (other, tag) in tags {
            details.entry(other).or_default().0.extend(ContactTag::parse("tag", &tag).ok());
        }
        let grants: Vec<(i64, String)> =
            q("select other, field from contact_grants where member = $1 and other = any($2) order by field")
                .bind(member.0)
                .bind(&others)
                .fetch_all_as(self.db.read())
                .await?;
        for (other, field) in grants {
            details.entry(other).or_default().1.extend(Field::parse(&field));
        }
        rows.iter()
            .zip(others)
            .map(|(row, key)| {
                let (tags, grants) = details.remove(&key).unwrap_or_default();
                Ok(Contact {
                    member,
                    other: MemberKey(key),
                    name: row.get("name")?,
                    since: row.get("since")?,
                    how: row.get::<String>("how")?.parse().map_err(|()| other("unknown how"))?,
                    tags,
                    note: row.get("note")?,
                    grants,
                })
            })
            .collect()
    }
}
