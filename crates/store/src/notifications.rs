//! Notifications and the members' e-mail choices.

use crate::sql::{Row, Tx, other, q};
use crate::{SqlStore, enqueue, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::ChangeKind;
use kontor_core::ids::{ActivityKey, MemberKey, NotificationId};
use kontor_core::notifications::{Effects, MailChoice, Notification, NotificationKind, NotificationRepo};
use kontor_core::secrets::TokenHash;
use time::OffsetDateTime;
use uuid::Uuid;

/// Writes `effects`: notifications (those without an activity get `activity`), with a
/// log entry for each recipient, and jobs. A notification already stored is skipped with
/// its mail job (which carries its id).
pub(crate) async fn write_effects(tx: &mut Tx, effects: &Effects, activity: Option<i64>) -> Result<(), StoreError> {
    let mut skipped = Vec::new();
    for n in &effects.notifications {
        let written = q("insert into notifications (id, recipient, kind, actor, activity, created_at, mail) \
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing")
        .bind(n.id.as_uuid())
        .bind(n.recipient.0)
        .bind(n.kind.as_str())
        .bind(n.actor.map(|a| a.0))
        .bind(n.activity.map(|a| a.0).or(activity))
        .bind(n.created_at)
        .bind((n.mail == MailChoice::Digest).then_some("digest"))
        .execute(&mut *tx)
        .await?;
        if written > 0 {
            log(tx, ChangeKind::NotificationsChanged, n.recipient.0, n.created_at).await?;
        } else {
            skipped.push(n.id.as_uuid());
        }
    }
    let jobs: Vec<_> = effects.jobs.iter().filter(|j| !skipped.contains(&j.id.as_uuid())).cloned().collect();
    enqueue(tx, &jobs, None).await
}

fn notification(row: &Row) -> Result<Notification, StoreError> {
    Ok(Notification {
        key: row.get("key")?,
        id: NotificationId::from_uuid(row.get::<Uuid>("id")?),
        recipient: MemberKey(row.get("recipient")?),
        kind: row.get::<String>("kind")?.parse().map_err(|()| other("unknown notification kind"))?,
        actor: row.get::<Option<i64>>("actor")?.map(MemberKey),
        activity: row.get::<Option<i64>>("activity")?.map(ActivityKey),
        created_at: row.get("created_at")?,
        read_at: row.get("read_at")?,
    })
}

#[async_trait]
impl NotificationRepo for SqlStore {
    async fn mail_choice(&self, member: MemberKey, kind: NotificationKind) -> Result<Option<MailChoice>, StoreError> {
        let choice: Option<String> = q("select mail from notification_mail where member = $1 and kind = $2")
            .bind(member.0)
            .bind(kind.as_str())
            .scalar_optional(self.db.read())
            .await?;
        Ok(choice.and_then(|c| c.parse().ok()))
    }

    async fn mail_choices(&self, member: MemberKey) -> Result<Vec<(NotificationKind, MailChoice)>, StoreError> {
        let rows: Vec<(String, String)> = q("select kind, mail from notification_mail where member = $1")
            .bind(member.0)
            .fetch_all_as(self.db.read())
            .await?;
        Ok(rows.into_iter().filter_map(|(k, m)| Some((k.parse().ok()?, m.parse().ok()?))).collect())
    }

    async fn set_mail_choice(
        &self,
        member: MemberKey,
        kind: NotificationKind,
        choice: MailChoice,
    ) -> Result<(), StoreError> {
        q("insert into notification_mail (member, kind, mail) values ($1, $2, $3) \
             on conflict (member, kind) do update set mail = excluded.mail")
        .bind(member.0)
        .bind(kind.as_str())
        .bind(choice.as_str())
        .execute(self.db.write())
        .await?;
        Ok(())
    }

    async fn notifications(
        &self,
        member: MemberKey,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Notification>, StoreError> {
        let rows = q("select key, id, recipient, kind, actor, activity, created_at, read_at from notifications \
             where recipient = $1 and key < $2 order by key desc limit $3")
        .bind(member.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(notification).collect()
    }

    async fn unread_notifications(&self, member: MemberKey) -> Result<u64, StoreError> {
        // Those the list shows: not from a member who is closed or blocked either way.
        let n: i64 = q(concat!(
            "select count(*) from notifications n where n.recipient = $1 and n.read_at is null \
             and (n.actor is null or (\
               exists (select 1 from members m where m.key = n.actor and ",
            open!("m"),
            ") and not exists (select 1 from blocks b where (b.blocker = $1 and b.blocked = n.actor) \
                               or (b.blocker = n.actor and b.blocked = $1))))"
        ))
        .bind(member.0)
        .scalar(self.db.read())
        .await?;
        Ok(n as u64)
    }

    async fn notification(&self, id: NotificationId) -> Result<Option<Notification>, StoreError> {
        let row =
            q("select key, id, recipient, kind, actor, activity, created_at, read_at from notifications where id = $1")
                .bind(id.as_uuid())
                .fetch_optional(self.db.read())
                .await?;
        row.as_ref().map(notification).transpose()
    }

    async fn notify(&self, effects: &Effects) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        write_effects(&mut tx, effects, None).await?;
        tx.commit().await
    }

    async fn notification_head(&self) -> Result<i64, StoreError> {
        q("select coalesce(max(key), 0)::bigint from notifications").scalar(self.db.read()).await
    }

    async fn digest_recipients(&self, up_to: i64) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> =
            q("select distinct recipient from notifications where mail = 'digest' and key <= $1 order by recipient")
                .bind(up_to)
                .scalars(self.db.read())
                .await?;
        Ok(rows.into_iter().map(MemberKey).collect())
    }

    async fn digest(&self, member: MemberKey, up_to: i64) -> Result<Vec<Notification>, StoreError> {
        let rows = q("select key, id, recipient, kind, actor, activity, created_at, read_at from notifications \
             where recipient = $1 and mail = 'digest' and key <= $2 order by key")
        .bind(member.0)
        .bind(up_to)
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(notification).collect()
    }

    async fn digest_sent(&self, member: MemberKey, keys: &[i64]) -> Result<(), StoreError> {
        q("update notifications set mail = null where recipient = $1 and mail = 'digest' and key = any($2)")
            .bind(member.0)
            .bind(keys)
            .execute(self.db.write())
            .await?;
        Ok(())
    }

    async fn add_unsubscribe_token(
        &self,
        hash: &TokenHash,
        member: MemberKey,
        what: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        q("insert into unsubscribe_tokens (hash, member, what, created_at) values ($1, $2, $3, $4)")
            .bind(&hash.0)
            .bind(member.0)
            .bind(what)
            .bind(at)
            .execute(self.db.write())
            .await?;
        Ok(())
    }

    async fn prune_unsubscribe_tokens(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done =
            q("delete from unsubscribe_tokens where created_at < $1").bind(before).execute(self.db.write()).await?;
        Ok(done)
    }

    async fn unsubscribe_token(&self, hash: &TokenHash) -> Result<Option<(MemberKey, String)>, StoreError> {
        let row: Option<(i64, String)> = q("select member, what from unsubscribe_tokens where hash = $1")
            .bind(&hash.0)
            .fetch_optional_as(self.db.read())
            .await?;
        Ok(row.map(|(m, w)| (MemberKey(m), w)))
    }

    async fn mark_read(&self, member: MemberKey, up_to: i64, at: OffsetDateTime) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q("update notifications set read_at = $1 where recipient = $2 and key <= $3 and read_at is null")
            .bind(at)
            .bind(member.0)
            .bind(up_to)
            .execute(&mut tx)
            .await?;
        log(&mut tx, ChangeKind::NotificationsChanged, member.0, at).await?;
        tx.commit().await
    }
}
