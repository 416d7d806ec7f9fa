use crate::{SqliteStore, micros, normalise as db_error};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::entities::{EntityKind, EntityRef, EntityRepo, Link, Role, Suggestion, links_of, normalise};
use kontor_core::ids::MemberKey;
use kontor_core::profiles::Profile;
use sqlx::{Row, Sqlite, Transaction};
use time::OffsetDateTime;

/// The id of an entity, created if new; a merged entity resolves to where it went.
async fn entity_id(
    tx: &mut Transaction<'_, Sqlite>,
    kind: EntityKind,
    name: &str,
    parent: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let norm = normalise(name);
    sqlx::query(
        "insert into entities (kind, name, norm, parent, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing",
    )
    .bind(kind.as_str())
    .bind(name.trim())
    .bind(&norm)
    .bind(parent)
    .bind(micros(now))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    let row = sqlx::query(
        "select id, merged_into from entities where kind = $1 and norm = $2 and coalesce(parent, 0) = coalesce($3, 0)",
    )
    .bind(kind.as_str())
    .bind(&norm)
    .bind(parent)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    let merged: Option<i64> = row.try_get("merged_into").map_err(db_error)?;
    Ok(match merged {
        Some(into) => into,
        None => row.try_get("id").map_err(db_error)?,
    })
}

async fn resolve(tx: &mut Transaction<'_, Sqlite>, e: &EntityRef, now: OffsetDateTime) -> Result<i64, StoreError> {
    let mut parent = None;
    for name in e.parents.iter().rev() {
        parent = Some(entity_id(tx, e.kind, name, parent, now).await?);
    }
    entity_id(tx, e.kind, &e.name, parent, now).await
}

/// Rewrites the member's links to the entities their profile names.
pub(crate) async fn link_entities(
    tx: &mut Transaction<'_, Sqlite>,
    member: i64,
    profile: &Profile,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("delete from member_entities where member = $1")
        .bind(member)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    for Link { role, entity, shown } in links_of(profile) {
        let id = resolve(tx, &entity, now).await?;
        sqlx::query(
            "insert into member_entities (member, entity, role, shown) values ($1, $2, $3, $4) on conflict do nothing",
        )
        .bind(member)
        .bind(id)
        .bind(role.as_str())
        .bind(shown)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

#[async_trait]
impl EntityRepo for SqliteStore {
    async fn suggest_entities(
        &self,
        kind: EntityKind,
        prefix: &str,
        limit: u32,
        leave_out: &[MemberKey],
    ) -> Result<Vec<Suggestion>, StoreError> {
        // A range on the normalised name: the index answers a prefix search.
        let upper = format!("{prefix}\u{10FFFF}");
        let rows = sqlx::query(
            "select e.name, count(m.member) as members from entities e \
             join member_entities m on m.entity = e.id and m.shown = 1 \
               and m.member not in (select value from json_each($5)) \
             join members p on p.key = m.member and p.state = 'active' and p.deletion_requested_at is null \
             where e.kind = $1 and e.norm >= $2 and e.norm < $3 and e.merged_into is null \
             group by e.id order by members desc, e.norm limit $4",
        )
        .bind(kind.as_str())
        .bind(prefix)
        .bind(upper)
        .bind(i64::from(limit))
        .bind(crate::ticker::json_keys(leave_out.iter().map(|k| k.0)))
        .fetch_all(&self.readers)
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(|r| {
                Ok(Suggestion {
                    name: r.try_get("name").map_err(db_error)?,
                    members: r.try_get::<i64, _>("members").map_err(db_error)? as u64,
                })
            })
            .collect()
    }

    async fn merge_entities(&self, kind: EntityKind, from: &str, into: &str) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let find = "select id from entities where kind = $1 and norm = $2 and merged_into is null order by id limit 1";
        let from: Option<i64> = sqlx::query_scalar(find)
            .bind(kind.as_str())
            .bind(normalise(from))
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        let into: Option<i64> = sqlx::query_scalar(find)
            .bind(kind.as_str())
            .bind(normalise(into))
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        let (Some(from), Some(into)) = (from, into) else { return Err(StoreError::NotFound) };
        let moved = sqlx::query(
            "insert into member_entities (member, entity, role, shown) select member, $1, role, shown from member_entities \
             where entity = $2 on conflict do nothing",
        )
        .bind(into)
        .bind(from)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?
        .rows_affected();
        sqlx::query("delete from member_entities where entity = $1")
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        sqlx::query("update entities set merged_into = $1 where id = $2 or merged_into = $2")
            .bind(into)
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(moved)
    }

    async fn count_linked(&self, kind: EntityKind, name: &str, role: Role) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "select count(distinct m.member) from member_entities m join entities e on e.id = m.entity \
             join members p on p.key = m.member \
             where e.kind = $1 and e.norm = $2 and m.role = $3 and m.shown = 1 and p.state = 'active' \
             and p.deletion_requested_at is null",
        )
        .bind(kind.as_str())
        .bind(normalise(name))
        .bind(role.as_str())
        .fetch_one(&self.readers)
        .await
        .map_err(db_error)?;
        Ok(n as u64)
    }
}
