use crate::SqlStore;
use crate::sql::{Dialect, Tx, q};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::entities::{EntityKind, EntityRef, EntityRepo, Link, Role, Suggestion, links_of, normalise};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::Profile;
use time::OffsetDateTime;

/// The id of an entity, created if new; a merged entity resolves to where it went.
async fn entity_id(
    tx: &mut Tx,
    kind: EntityKind,
    name: &str,
    parent: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let norm = normalise(name);
    q("insert into entities (kind, name, norm, parent, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing")
        .bind(kind.as_str())
        .bind(name.trim())
        .bind(&norm)
        .bind(parent)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let row = q(
        "select id, merged_into from entities where kind = $1 and norm = $2 and coalesce(parent, 0) = coalesce($3, 0)",
    )
    .bind(kind.as_str())
    .bind(&norm)
    .bind(parent)
    .fetch_one(&mut *tx)
    .await?;
    let merged: Option<i64> = row.get("merged_into")?;
    Ok(match merged {
        Some(into) => into,
        None => row.get("id")?,
    })
}

async fn resolve(tx: &mut Tx, e: &EntityRef, now: OffsetDateTime) -> Result<i64, StoreError> {
    let mut parent = None;
    for name in e.parents.iter().rev() {
        parent = Some(entity_id(tx, e.kind, name, parent, now).await?);
    }
    entity_id(tx, e.kind, &e.name, parent, now).await
}

/// Rewrites the member's links to the entities their profile names.
pub(crate) async fn link_entities(
    tx: &mut Tx,
    member: i64,
    profile: &Profile,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    q("delete from member_entities where member = $1").bind(member).execute(&mut *tx).await?;
    for Link { role, entity, shown } in links_of(profile) {
        let id = resolve(tx, &entity, now).await?;
        q("insert into member_entities (member, entity, role, shown) values ($1, $2, $3, $4) on conflict do nothing")
            .bind(member)
            .bind(id)
            .bind(role.as_str())
            .bind(shown)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

#[async_trait]
impl EntityRepo for SqlStore {
    async fn suggest_entities(
        &self,
        kind: EntityKind,
        prefix: &str,
        limit: u32,
        leave_out: &[MemberKey],
    ) -> Result<Vec<Suggestion>, StoreError> {
        // A prefix search the index answers: on PostgreSQL LIKE with a pattern-ops index
        // (its collation does not order text by code points, so a range could miss
        // names), on SQLite a range on the normalised name (its LIKE ignores case and so
        // skips an index that does not).
        let query = match self.dialect() {
            Dialect::Postgres => q(concat!(
                "select e.name, count(m.member) as members from entities e \
                 join member_entities m on m.entity = e.id and m.shown = true and m.member <> all($3) \
                 join members p on p.key = m.member and ",
                open!("p"),
                " where e.kind = $1 and e.norm like $2 and e.merged_into is null \
                 group by e.id order by members desc, e.norm limit $4"
            ))
            .bind(kind.as_str())
            .bind(format!("{}%", prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))),
            Dialect::Sqlite => q(concat!(
                "select e.name, count(m.member) as members from entities e \
                 join member_entities m on m.entity = e.id and m.shown = true and m.member <> all($3) \
                 join members p on p.key = m.member and ",
                open!("p"),
                " where e.kind = $1 and e.norm >= $2 and e.norm < $5 and e.merged_into is null \
                 group by e.id order by members desc, e.norm limit $4"
            ))
            .bind(kind.as_str())
            .bind(prefix),
        };
        let query = query.bind(crate::ticker::key_list(leave_out.iter().map(|k| k.0))).bind(i64::from(limit));
        let query = match self.dialect() {
            Dialect::Postgres => query,
            Dialect::Sqlite => query.bind(format!("{prefix}\u{10FFFF}")),
        };
        let rows = query.fetch_all(self.db.read()).await?;
        rows.iter().map(|r| Ok(Suggestion { name: r.get("name")?, members: r.get::<i64>("members")? as u64 })).collect()
    }

    async fn merge_entities(&self, kind: EntityKind, from: &str, into: &str) -> Result<u64, StoreError> {
        let mut tx = self.db.begin().await?;
        let find = "select id from entities where kind = $1 and norm = $2 and merged_into is null order by id limit 1";
        let from: Option<i64> = q(find).bind(kind.as_str()).bind(normalise(from)).scalar_optional(&mut tx).await?;
        let into: Option<i64> = q(find).bind(kind.as_str()).bind(normalise(into)).scalar_optional(&mut tx).await?;
        let (Some(from), Some(into)) = (from, into) else { return Err(StoreError::NotFound) };
        let moved = q(
            "insert into member_entities (member, entity, role, shown) select member, $1, role, shown from member_entities \
             where entity = $2 on conflict do nothing",
        )
        .bind(into)
        .bind(from)
        .execute(&mut tx)
        .await?
        ;
        q("delete from member_entities where entity = $1").bind(from).execute(&mut tx).await?;
        q("update entities set merged_into = $1 where id = $2 or merged_into = $2")
            .bind(into)
            .bind(from)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(moved)
    }

    async fn count_linked(&self, kind: EntityKind, name: &str, role: Role) -> Result<u64, StoreError> {
        let n: i64 = q("select count(distinct m.member) from member_entities m join entities e on e.id = m.entity \
             join members p on p.key = m.member \
             where e.kind = $1 and e.norm = $2 and m.role = $3 and m.shown = true and p.state = 'active' \
             and p.deletion_requested_at is null")
        .bind(kind.as_str())
        .bind(normalise(name))
        .bind(role.as_str())
        .scalar(self.db.read())
        .await?;
        Ok(n as u64)
    }
}
