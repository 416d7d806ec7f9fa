use crate::{SqliteStore, enqueue, from_micros, log, micros, normalise, other};
use async_trait::async_trait;
use futures::TryStreamExt;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::contacts::{
    Contact, ContactCursor, ContactQuery, ContactRepo, ContactRequest, ContactSettings, ContactSort, ContactTag,
    HowWeKnow, ListVisibility, NetworkRow, RequestState,
};
use kontor_core::ids::{MemberKey, RequestId};
use kontor_core::jobs::NewJob;
use kontor_core::profiles::Field;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

/// Members shown to others: active and not closing (a macro, so queries stay static).
macro_rules! open {
    ($m:literal) => {
        concat!($m, ".state = 'active' and ", $m, ".deletion_requested_at is null")
    };
}

macro_rules! request_columns {
    () => {
        "id, sender, recipient, message, how, state, created_at"
    };
}

fn request(row: &SqliteRow) -> Result<ContactRequest, StoreError> {
    let get_i = |c: &str| row.try_get::<i64, _>(c).map_err(normalise);
    let get_s = |c: &str| row.try_get::<String, _>(c).map_err(normalise);
    Ok(ContactRequest {
        id: RequestId::from_uuid(row.try_get::<Uuid, _>("id").map_err(normalise)?),
        sender: MemberKey(get_i("sender")?),
        recipient: MemberKey(get_i("recipient")?),
        message: get_s("message")?,
        how: get_s("how")?.parse().map_err(|()| other("unknown how_we_know"))?,
        state: RequestState::parse(&get_s("state")?).ok_or_else(|| other("unknown request state"))?,
        created_at: from_micros(get_i("created_at")?),
    })
}

/// Logs that the network of both members changed.
async fn log_pair(
    tx: &mut Transaction<'_, Sqlite>,
    a: i64,
    b: i64,
    now: OffsetDateTime,
) -> Result<LogPosition, StoreError> {
    log(tx, ChangeKind::NetworkChanged, a, now).await?;
    log(tx, ChangeKind::NetworkChanged, b, now).await
}

async fn connect(
    tx: &mut Transaction<'_, Sqlite>,
    a: i64,
    b: i64,
    how: HowWeKnow,
    now: OffsetDateTime,
) -> Result<u64, StoreError> {
    let mut added = 0;
    for (member, other) in [(a, b), (b, a)] {
        added += sqlx::query(
            "insert into contacts (member, other, since, how) values ($1, $2, $3, $4) on conflict do nothing",
        )
        .bind(member)
        .bind(other)
        .bind(micros(now))
        .bind(how.as_str())
        .execute(&mut **tx)
        .await
        .map_err(normalise)?
        .rows_affected();
    }
    Ok(added)
}

async fn disconnect(tx: &mut Transaction<'_, Sqlite>, a: i64, b: i64) -> Result<u64, StoreError> {
    Ok(sqlx::query("delete from contacts where (member = $1 and other = $2) or (member = $2 and other = $1)")
        .bind(a)
        .bind(b)
        .execute(&mut **tx)
        .await
        .map_err(normalise)?
        .rows_affected())
}

fn keys(rows: Vec<i64>) -> Vec<MemberKey> {
    rows.into_iter().map(MemberKey).collect()
}

#[async_trait]
impl ContactRepo for SqliteStore {
    async fn create_request(&self, r: &ContactRequest, mail: Option<NewJob>) -> Result<(), StoreError> {
        let (low, high) = (r.sender.0.min(r.recipient.0), r.sender.0.max(r.recipient.0));
        let mut tx = self.begin().await?;
        sqlx::query(
            "insert into contact_requests (id, sender, recipient, low, high, message, how, state, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(r.id.as_uuid())
        .bind(r.sender.0)
        .bind(r.recipient.0)
        .bind(low)
        .bind(high)
        .bind(&r.message)
        .bind(r.how.as_str())
        .bind(r.state.as_str())
        .bind(micros(r.created_at))
        .execute(&mut *tx)
        .await
        .map_err(|e| match normalise(e) {
            StoreError::Conflict(_) => StoreError::Conflict("contact_requests".into()),
            e => e,
        })?;
        if let Some(job) = mail {
            enqueue(&mut tx, &[job], Some(r.recipient.0)).await?;
        }
        tx.commit().await.map_err(normalise)
    }

    async fn request(&self, id: RequestId) -> Result<Option<ContactRequest>, StoreError> {
        let row = sqlx::query(concat!("select ", request_columns!(), " from contact_requests where id = $1"))
            .bind(id.as_uuid())
            .fetch_optional(&self.readers)
            .await
            .map_err(normalise)?;
        row.as_ref().map(request).transpose()
    }

    async fn request_between(&self, a: MemberKey, b: MemberKey) -> Result<Option<ContactRequest>, StoreError> {
        let row =
            sqlx::query(concat!("select ", request_columns!(), " from contact_requests where low = $1 and high = $2"))
                .bind(a.0.min(b.0))
                .bind(a.0.max(b.0))
                .fetch_optional(&self.readers)
                .await
                .map_err(normalise)?;
        row.as_ref().map(request).transpose()
    }

    async fn requests_received(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError> {
        let rows = sqlx::query(concat!(
            "select ",
            request_columns!(),
            " from contact_requests r where recipient = $1 and r.state = 'open' \
             and exists (select 1 from members m where m.key = r.sender and ",
            open!("m"),
            ") \
             order by created_at desc limit $2"
        ))
        .bind(member.0)
        .bind(i64::from(limit))
        .fetch_all(&self.readers)
        .await
        .map_err(normalise)?;
        rows.iter().map(request).collect()
    }

    async fn requests_sent(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError> {
        let rows = sqlx::query(concat!(
            "select ",
            request_columns!(),
            " from contact_requests r where sender = $1 \
             and exists (select 1 from members m where m.key = r.recipient and ",
            open!("m"),
            ") \
             order by created_at desc limit $2"
        ))
        .bind(member.0)
        .bind(i64::from(limit))
        .fetch_all(&self.readers)
        .await
        .map_err(normalise)?;
        rows.iter().map(request).collect()
    }

    async fn count_received(&self, member: MemberKey) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(concat!(
            "select count(*) from contact_requests r where recipient = $1 and r.state = 'open' \
             and exists (select 1 from members m where m.key = r.sender and ",
            open!("m"),
            ")"
        ))
        .bind(member.0)
        .fetch_one(&self.readers)
        .await
        .map_err(normalise)?;
        Ok(n as u64)
    }

    async fn count_sent(&self, member: MemberKey) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("select count(*) from contact_requests where sender = $1")
            .bind(member.0)
            .fetch_one(&self.readers)
            .await
            .map_err(normalise)?;
        Ok(n as u64)
    }

    async fn decline_request(&self, id: RequestId, now: OffsetDateTime) -> Result<(), StoreError> {
        let done = sqlx::query("update contact_requests set state = 'declined', decided_at = $1 where id = $2")
            .bind(micros(now))
            .bind(id.as_uuid())
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn delete_request(&self, id: RequestId) -> Result<(), StoreError> {
        let done = sqlx::query("delete from contact_requests where id = $1")
            .bind(id.as_uuid())
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn accept_request(&self, id: RequestId, now: OffsetDateTime) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(concat!("delete from contact_requests where id = $1 returning ", request_columns!()))
            .bind(id.as_uuid())
            .fetch_optional(&mut *tx)
            .await
            .map_err(normalise)?
            .ok_or(StoreError::NotFound)?;
        let r = request(&row)?;
        if connect(&mut tx, r.sender.0, r.recipient.0, r.how, now).await? == 0 {
            return Err(StoreError::Conflict("contacts".into()));
        }
        let position = log_pair(&mut tx, r.sender.0, r.recipient.0, now).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn prune_declined_requests(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("delete from contact_requests where state = 'declined' and created_at < $1")
            .bind(micros(before))
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        Ok(done.rows_affected())
    }

    async fn contact(&self, member: MemberKey, other: MemberKey) -> Result<Option<Contact>, StoreError> {
        let row = sqlx::query(
            "select c.other, m.name, c.since, c.how, c.note from contacts c join members m on m.key = c.other \
             where c.member = $1 and c.other = $2",
        )
        .bind(member.0)
        .bind(other.0)
        .fetch_optional(&self.readers)
        .await
        .map_err(normalise)?;
        match row {
            Some(row) => Ok(Some(self.with_details(member, &row).await?)),
            None => Ok(None),
        }
    }

    async fn contacts(&self, member: MemberKey, q: &ContactQuery) -> Result<Vec<Contact>, StoreError> {
        // The cursor holds the raw name; both sides go through the database's lower().
        let (order, after) = match q.sort {
            ContactSort::Name => ("lower(m.name), c.other", "(lower(m.name), c.other) > (lower($4), $5)"),
            ContactSort::Recent => ("c.since desc, c.other desc", "(c.since, c.other) < ($4, $5)"),
        };
        let sql = format!(
            "select c.other, m.name, c.since, c.how, c.note from contacts c join members m on m.key = c.other \
             where c.member = $1 and m.state = 'active' and m.deletion_requested_at is null \
             and ($2 = '' or instr(lower(m.name), lower($2)) > 0) \
             and ($3 = '' or exists (select 1 from contact_tags t \
                  where t.member = c.member and t.other = c.other and t.tag = $3)) \
             and ($6 = 0 or {after}) \
             order by {order} limit $7"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(member.0)
            .bind(q.text.as_deref().unwrap_or(""))
            .bind(q.tag.as_ref().map_or("", |t| t.as_str()));
        let query = match &q.after {
            Some(ContactCursor::Name(name, key)) if q.sort == ContactSort::Name => query.bind(name.clone()).bind(key.0),
            Some(ContactCursor::Recent(at, key)) if q.sort == ContactSort::Recent => {
                query.bind(micros(*at)).bind(key.0)
            }
            _ => query.bind(0i64).bind(0i64),
        };
        let valid_cursor = matches!(
            (&q.after, q.sort),
            (Some(ContactCursor::Name(..)), ContactSort::Name) | (Some(ContactCursor::Recent(..)), ContactSort::Recent)
        );
        let rows = query
            .bind(i64::from(valid_cursor))
            .bind(i64::from(q.limit))
            .fetch_all(&self.readers)
            .await
            .map_err(normalise)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.with_details(member, row).await?);
        }
        Ok(out)
    }

    async fn contact_tags(&self, member: MemberKey) -> Result<Vec<ContactTag>, StoreError> {
        let tags: Vec<String> =
            sqlx::query_scalar("select distinct tag from contact_tags where member = $1 order by tag")
                .bind(member.0)
                .fetch_all(&self.readers)
                .await
                .map_err(normalise)?;
        tags.iter().map(|t| ContactTag::parse("tag", t).map_err(|_| other("bad stored tag"))).collect()
    }

    async fn update_contact(
        &self,
        member: MemberKey,
        other: MemberKey,
        tags: &[ContactTag],
        note: &str,
        grants: &[Field],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("update contacts set note = $1 where member = $2 and other = $3")
            .bind(note)
            .bind(member.0)
            .bind(other.0)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        for table in ["contact_tags", "contact_grants"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("delete from {table} where member = $1 and other = $2")))
                .bind(member.0)
                .bind(other.0)
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
        }
        for tag in tags {
            sqlx::query("insert into contact_tags (member, other, tag) values ($1, $2, $3) on conflict do nothing")
                .bind(member.0)
                .bind(other.0)
                .bind(tag.as_str())
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
        }
        for field in grants {
            sqlx::query("insert into contact_grants (member, other, field) values ($1, $2, $3) on conflict do nothing")
                .bind(member.0)
                .bind(other.0)
                .bind(field.as_str())
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
        }
        tx.commit().await.map_err(normalise)
    }

    async fn remove_contact(&self, a: MemberKey, b: MemberKey, now: OffsetDateTime) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        if disconnect(&mut tx, a.0, b.0).await? == 0 {
            return Err(StoreError::NotFound);
        }
        let position = log_pair(&mut tx, a.0, b.0, now).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn contact_keys(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar("select other from contacts where member = $1")
            .bind(member.0)
            .fetch_all(&self.readers)
            .await
            .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn grants(&self, owner: MemberKey, viewer: MemberKey) -> Result<Vec<Field>, StoreError> {
        let rows: Vec<String> = sqlx::query_scalar("select field from contact_grants where member = $1 and other = $2")
            .bind(owner.0)
            .bind(viewer.0)
            .fetch_all(&self.readers)
            .await
            .map_err(normalise)?;
        Ok(rows.iter().filter_map(|f| Field::parse(f)).collect())
    }

    async fn block(
        &self,
        blocker: MemberKey,
        blocked: MemberKey,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("insert into blocks (blocker, blocked, created_at) values ($1, $2, $3) on conflict do nothing")
            .bind(blocker.0)
            .bind(blocked.0)
            .bind(micros(now))
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        disconnect(&mut tx, blocker.0, blocked.0).await?;
        sqlx::query("delete from contact_requests where low = $1 and high = $2")
            .bind(blocker.0.min(blocked.0))
            .bind(blocker.0.max(blocked.0))
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        let position = log_pair(&mut tx, blocker.0, blocked.0, now).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn unblock(&self, blocker: MemberKey, blocked: MemberKey) -> Result<(), StoreError> {
        sqlx::query("delete from blocks where blocker = $1 and blocked = $2")
            .bind(blocker.0)
            .bind(blocked.0)
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        Ok(())
    }

    async fn blocks_of(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "select blocked from blocks where blocker = $1 union select blocker from blocks where blocked = $1",
        )
        .bind(member.0)
        .fetch_all(&self.readers)
        .await
        .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn blocked_by(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> =
            sqlx::query_scalar("select blocked from blocks where blocker = $1 order by created_at desc, blocked")
                .bind(member.0)
                .fetch_all(&self.readers)
                .await
                .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn dismiss_suggestion(
        &self,
        member: MemberKey,
        other: MemberKey,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "insert into dismissed_suggestions (member, other, created_at) values ($1, $2, $3) on conflict do nothing",
        )
        .bind(member.0)
        .bind(other.0)
        .bind(micros(now))
        .execute(&self.writer)
        .await
        .map_err(normalise)?;
        Ok(())
    }

    async fn dismissed_suggestions(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar("select other from dismissed_suggestions where member = $1")
            .bind(member.0)
            .fetch_all(&self.readers)
            .await
            .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn pending_with(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "select recipient from contact_requests where sender = $1 \
             union select sender from contact_requests where recipient = $1",
        )
        .bind(member.0)
        .fetch_all(&self.readers)
        .await
        .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn contact_settings(&self, member: MemberKey) -> Result<ContactSettings, StoreError> {
        let row = sqlx::query("select list_visibility, request_mails from network_settings where member = $1")
            .bind(member.0)
            .fetch_optional(&self.readers)
            .await
            .map_err(normalise)?;
        let Some(row) = row else { return Ok(ContactSettings::default()) };
        Ok(ContactSettings {
            list_visibility: row
                .try_get::<String, _>("list_visibility")
                .map_err(normalise)?
                .parse()
                .map_err(|()| other("unknown list visibility"))?,
            request_mails: row.try_get::<i64, _>("request_mails").map_err(normalise)? != 0,
        })
    }

    async fn set_contact_settings(
        &self,
        member: MemberKey,
        settings: ContactSettings,
        now: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "insert into network_settings (member, list_visibility, request_mails) values ($1, $2, $3) \
             on conflict (member) do update set list_visibility = excluded.list_visibility, \
             request_mails = excluded.request_mails",
        )
        .bind(member.0)
        .bind(settings.list_visibility.as_str())
        .bind(i64::from(settings.request_mails))
        .execute(&mut *tx)
        .await
        .map_err(normalise)?;
        let position = log(&mut tx, ChangeKind::NetworkChanged, member.0, now).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }

    async fn network_snapshot(&self, sink: &mut (dyn FnMut(NetworkRow) + Send)) -> Result<LogPosition, StoreError> {
        // One read transaction: WAL gives every statement in it the same snapshot.
        let mut tx = self.readers.begin().await.map_err(normalise)?;
        let seq: Option<i64> =
            sqlx::query_scalar("select max(seq) from changelog").fetch_one(&mut *tx).await.map_err(normalise)?;
        {
            let mut members = sqlx::query_as::<_, (i64, bool, Option<String>)>(concat!(
                "select m.key, ",
                "(",
                open!("m"),
                ")",
                ", s.list_visibility from members m \
                 left join network_settings s on s.member = m.key order by m.key"
            ))
            .fetch(&mut *tx);
            while let Some((key, active, list)) = members.try_next().await.map_err(normalise)? {
                let list = list.and_then(|l| l.parse().ok()).unwrap_or(ListVisibility::default());
                sink(NetworkRow::Member { key: MemberKey(key), active, list });
            }
        }
        {
            let mut contacts =
                sqlx::query_as::<_, (i64, i64)>("select member, other from contacts where member < other")
                    .fetch(&mut *tx);
            while let Some((a, b)) = contacts.try_next().await.map_err(normalise)? {
                sink(NetworkRow::Contact(MemberKey(a), MemberKey(b)));
            }
        }
        tx.commit().await.map_err(normalise)?;
        Ok(LogPosition { tx: 0, seq: seq.unwrap_or(0) })
    }

    async fn network_member(&self, member: MemberKey) -> Result<Option<(bool, ListVisibility)>, StoreError> {
        let row = sqlx::query_as::<_, (bool, Option<String>)>(concat!(
            "select ",
            "(",
            open!("m"),
            ")",
            ", s.list_visibility from members m \
             left join network_settings s on s.member = m.key where m.key = $1"
        ))
        .bind(member.0)
        .fetch_optional(&self.readers)
        .await
        .map_err(normalise)?;
        Ok(row.map(|(active, list)| (active, list.and_then(|l| l.parse().ok()).unwrap_or_default())))
    }

    async fn find_members(&self, text: &str, limit: u32) -> Result<Vec<MemberKey>, StoreError> {
        let norm = kontor_core::entities::normalise(text);
        let rows: Vec<i64> = sqlx::query_scalar(concat!(
            "select key from members where ",
            open!("members"),
            " and instr(lower(name), lower($1)) > 0 \
             union \
             select me.member from member_entities me join entities e on e.id = me.entity \
             join members m on m.key = me.member \
             where me.shown = 1 and me.role in ('company', 'employer', 'city') and instr(e.norm, $2) > 0 and ",
            open!("m"),
            " \
             limit $3"
        ))
        .bind(text)
        .bind(&norm)
        .bind(i64::from(limit))
        .fetch_all(&self.readers)
        .await
        .map_err(normalise)?;
        Ok(keys(rows))
    }

    async fn import_contacts(
        &self,
        contacts: &[(MemberKey, MemberKey, OffsetDateTime)],
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
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
        tx.commit().await.map_err(normalise)?;
        Ok(added)
    }
}

impl SqliteStore {
    /// A contact row with the member's tags and grants on it.
    async fn with_details(&self, member: MemberKey, row: &SqliteRow) -> Result<Contact, StoreError> {
        let other_key: i64 = row.try_get("other").map_err(normalise)?;
        let tags: Vec<String> =
            sqlx::query_scalar("select tag from contact_tags where member = $1 and other = $2 order by tag")
                .bind(member.0)
                .bind(other_key)
                .fetch_all(&self.readers)
                .await
                .map_err(normalise)?;
        let grants = self.grants(member, MemberKey(other_key)).await?;
        Ok(Contact {
            member,
            other: MemberKey(other_key),
            name: row.try_get("name").map_err(normalise)?,
            since: from_micros(row.try_get("since").map_err(normalise)?),
            how: row.try_get::<String, _>("how").map_err(normalise)?.parse().map_err(|()| other("unknown how"))?,
            tags: tags.iter().filter_map(|t| ContactTag::parse("tag", t).ok()).collect(),
            note: row.try_get("note").map_err(normalise)?,
            grants,
        })
    }
}
