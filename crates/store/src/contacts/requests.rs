//! Contact requests.

use super::{connect, log_pair, log_relations};
use crate::SqlStore;
use crate::sql::{Row, other, q};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use kontor_core::contacts::{ContactRequest, RequestRepo, RequestState};
use kontor_core::ids::{MemberKey, RequestId};
use kontor_core::notifications::Effects;
use kontor_core::ticker::NewActivity;
use time::OffsetDateTime;
use uuid::Uuid;

fn request(row: &Row) -> Result<ContactRequest, StoreError> {
    let get_i = |c: &str| row.get::<i64>(c);
    let get_s = |c: &str| row.get::<String>(c);
    Ok(ContactRequest {
        id: RequestId::from_uuid(row.get::<Uuid>("id")?),
        sender: MemberKey(get_i("sender")?),
        recipient: MemberKey(get_i("recipient")?),
        message: get_s("message")?,
        how: get_s("how")?.parse().map_err(|()| other("unknown how_we_know"))?,
        state: RequestState::parse(&get_s("state")?).ok_or_else(|| other("unknown request state"))?,
        created_at: row.get("created_at")?,
    })
}

#[async_trait]
impl RequestRepo for SqlStore {
    async fn create_request(&self, r: &ContactRequest, effects: &Effects) -> Result<(), StoreError> {
        let (low, high) = (r.sender.0.min(r.recipient.0), r.sender.0.max(r.recipient.0));
        let mut tx = self.db.begin().await?;
        q("insert into contact_requests (id, sender, recipient, low, high, message, how, state, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(r.id.as_uuid())
        .bind(r.sender.0)
        .bind(r.recipient.0)
        .bind(low)
        .bind(high)
        .bind(&r.message)
        .bind(r.how.as_str())
        .bind(r.state.as_str())
        .bind(r.created_at)
        .execute(&mut tx)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => StoreError::Conflict("contact_requests".into()),
            e => e,
        })?;
        crate::notifications::write_effects(&mut tx, effects, None).await?;
        log_relations(&mut tx, &[r.sender.0, r.recipient.0], r.created_at).await?;
        tx.commit().await
    }

    async fn request(&self, id: RequestId) -> Result<Option<ContactRequest>, StoreError> {
        let row = q(concat!("select ", request_columns!(), " from contact_requests where id = $1"))
            .bind(id.as_uuid())
            .fetch_optional(self.db.read())
            .await?;
        row.as_ref().map(request).transpose()
    }

    async fn request_between(&self, a: MemberKey, b: MemberKey) -> Result<Option<ContactRequest>, StoreError> {
        let row = q(concat!("select ", request_columns!(), " from contact_requests where low = $1 and high = $2"))
            .bind(a.0.min(b.0))
            .bind(a.0.max(b.0))
            .fetch_optional(self.db.read())
            .await?;
        row.as_ref().map(request).transpose()
    }

    async fn requests_received(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError> {
        let rows = q(concat!(
            "select ",
            request_columns!(),
            " from contact_requests r where recipient = $1 and r.state = 'open' \
             and exists (select 1 from members m where m.key = r.sender and ",
            open!("m"),
            ") order by created_at desc limit $2"
        ))
        .bind(member.0)
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(request).collect()
    }

    async fn requests_sent(&self, member: MemberKey, limit: u32) -> Result<Vec<ContactRequest>, StoreError> {
        let rows = q(concat!(
            "select ",
            request_columns!(),
            " from contact_requests r where sender = $1 \
             and exists (select 1 from members m where m.key = r.recipient and ",
            open!("m"),
            ") order by created_at desc limit $2"
        ))
        .bind(member.0)
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(request).collect()
    }

    async fn count_received(&self, member: MemberKey) -> Result<u64, StoreError> {
        let n: i64 = q(concat!(
            "select count(*) from contact_requests r where recipient = $1 and r.state = 'open' \
             and exists (select 1 from members m where m.key = r.sender and ",
            open!("m"),
            ")"
        ))
        .bind(member.0)
        .scalar(self.db.read())
        .await?;
        Ok(n as u64)
    }

    async fn count_sent(&self, member: MemberKey) -> Result<u64, StoreError> {
        let n: i64 =
            q("select count(*) from contact_requests where sender = $1").bind(member.0).scalar(self.db.read()).await?;
        Ok(n as u64)
    }

    async fn decline_request(&self, id: RequestId, now: OffsetDateTime) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        let (sender, recipient): (i64, i64) =
            q("update contact_requests set state = 'declined', decided_at = $1 where id = $2 \
             returning sender, recipient")
            .bind(now)
            .bind(id.as_uuid())
            .fetch_optional_as(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        log_relations(&mut tx, &[sender, recipient], now).await?;
        tx.commit().await
    }

    async fn delete_request(&self, id: RequestId) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        let (sender, recipient): (i64, i64) =
            q("delete from contact_requests where id = $1 returning sender, recipient")
                .bind(id.as_uuid())
                .fetch_optional_as(&mut tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        log_relations(&mut tx, &[sender, recipient], OffsetDateTime::now_utc()).await?;
        tx.commit().await
    }

    async fn accept_request(
        &self,
        id: RequestId,
        now: OffsetDateTime,
        news: &[NewActivity],
        effects: &Effects,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        let row = q(concat!("delete from contact_requests where id = $1 returning ", request_columns!()))
            .bind(id.as_uuid())
            .fetch_optional(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let r = request(&row)?;
        if connect(&mut tx, r.sender.0, r.recipient.0, r.how, now).await? == 0 {
            return Err(StoreError::Conflict("contacts".into()));
        }
        crate::ticker::contact_news(&mut tx, news, effects, now).await?;
        let position = log_pair(&mut tx, r.sender.0, r.recipient.0, now).await?;
        tx.commit().await?;
        Ok(position)
    }

    async fn prune_declined_requests(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let pairs: Vec<(i64, i64)> =
            q("delete from contact_requests where state = 'declined' and created_at < $1 returning sender, recipient")
                .bind(before)
                .fetch_all_as(&mut tx)
                .await?;
        let mut members: Vec<i64> = pairs.iter().flat_map(|&(s, r)| [s, r]).collect();
        members.sort_unstable();
        members.dedup();
        log_relations(&mut tx, &members, OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(pairs.len() as u64)
    }
}
