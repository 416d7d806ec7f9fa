//! Search: members whose tags meet (wants and haves), and the people the full-text
//! index is built from.

use crate::SqlStore;
use crate::sql::{Row, other, q};
use crate::ticker::key_list;
use async_trait::async_trait;
use futures::TryStreamExt;
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use kontor_core::entities::Role;
use kontor_core::ids::ActivityKey;
use kontor_core::ids::{MemberKey, SavedSearchId};
use kontor_core::notifications::Effects;
use kontor_core::profiles::Profile;
use kontor_core::search::{Person, PostText, SavedSearch, SearchRepo, TagsMet};
use uuid::Uuid;

/// Between the tags of one member in one column: a character no tag can hold.
const SEPARATOR: &str = "\u{1f}";

/// A member's key, name and profile.
macro_rules! people {
    () => {
        "select m.key, m.name, p.data from members m join profiles p on p.member = m.key"
    };
}

#[async_trait]
impl SearchRepo for SqlStore {
    async fn tags_meeting(
        &self,
        member: MemberKey,
        mine: Role,
        theirs: Role,
        limit: u32,
    ) -> Result<Vec<TagsMet>, StoreError> {
        // A merge moves every link to the entity merged into, so equal entities are the
        // same tag however each member spelled it.
        let rows: Vec<(i64, String)> = q(concat!(
            "select t.member, string_agg(e.name, $5::text order by e.norm) as tags \
             from member_entities m \
             join member_entities t on t.entity = m.entity and t.role = $3 and t.member <> m.member \
             join entities e on e.id = m.entity \
             join members p on p.key = t.member \
             where m.member = $1 and m.role = $2 and ",
            open!("p"),
            " group by t.member order by count(*) desc, t.member limit $4"
        ))
        .bind(member.0)
        .bind(mine.as_str())
        .bind(theirs.as_str())
        .bind(i64::from(limit))
        .bind(SEPARATOR)
        .fetch_all_as(self.db.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(key, tags)| TagsMet {
                member: MemberKey(key),
                tags: tags.split(SEPARATOR).map(str::to_owned).collect(),
            })
            .collect())
    }

    async fn people_snapshot(&self, sink: &mut (dyn FnMut(Person) + Send)) -> Result<LogPosition, StoreError> {
        let (mut tx, position) = self.snapshot().await?;
        {
            let mut rows = q(concat!(people!(), " where ", open!("m"))).fetch(&mut tx);
            while let Some(row) = rows.try_next().await? {
                sink(person(&row)?);
            }
        }
        tx.commit().await?;
        Ok(position)
    }

    async fn people(&self, members: &[MemberKey]) -> Result<Vec<Person>, StoreError> {
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!(people!(), " where m.key = any($1) and ", open!("m")))
            .bind(key_list(members.iter().map(|m| m.0)))
            .fetch_all(self.db.read())
            .await?;
        rows.iter().map(person).collect()
    }

    async fn posts_snapshot(&self, sink: &mut (dyn FnMut(PostText) + Send)) -> Result<LogPosition, StoreError> {
        let (mut tx, position) = self.snapshot().await?;
        {
            let mut rows = q(concat!(posts!(), " and ", open!("m"))).fetch(&mut tx);
            while let Some(row) = rows.try_next().await? {
                sink(post_text(&row)?);
            }
        }
        tx.commit().await?;
        Ok(position)
    }

    async fn post_texts(&self, keys: &[ActivityKey]) -> Result<Vec<PostText>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!(posts!(), " and a.key = any($1) and ", open!("m")))
            .bind(key_list(keys.iter().map(|k| k.0)))
            .fetch_all(self.db.read())
            .await?;
        rows.iter().map(post_text).collect()
    }

    async fn post_texts_by(&self, authors: &[MemberKey]) -> Result<Vec<PostText>, StoreError> {
        if authors.is_empty() {
            return Ok(Vec::new());
        }
        let rows = q(concat!(posts!(), " and a.actor = any($1) and ", open!("m")))
            .bind(key_list(authors.iter().map(|m| m.0)))
            .fetch_all(self.db.read())
            .await?;
        rows.iter().map(post_text).collect()
    }

    async fn save_search(
        &self,
        member: MemberKey,
        search: &SavedSearch,
        found: &[MemberKey],
    ) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into saved_searches (id, member, query, alerts, created_at) values ($1, $2, $3, $4, $5)")
            .bind(search.id.as_uuid())
            .bind(member.0)
            .bind(search.query.as_str())
            .bind(search.alerts)
            .bind(search.created_at)
            .execute(&mut tx)
            .await?;
        seen(&mut tx, search.id, found).await?;
        tx.commit().await
    }

    async fn saved_searches(&self, member: MemberKey) -> Result<Vec<SavedSearch>, StoreError> {
        let rows = q(concat!(SAVED!(), " where member = $1 order by created_at, id"))
            .bind(member.0)
            .fetch_all(self.db.read())
            .await?;
        rows.iter().map(|row| saved(row, 0)).collect()
    }

    async fn delete_saved_search(&self, member: MemberKey, id: SavedSearchId) -> Result<bool, StoreError> {
        let deleted = q("delete from saved_searches where id = $1 and member = $2")
            .bind(id.as_uuid())
            .bind(member.0)
            .execute(self.db.write())
            .await?;
        Ok(deleted > 0)
    }

    async fn set_search_alerts(&self, member: MemberKey, id: SavedSearchId, alerts: bool) -> Result<bool, StoreError> {
        let updated = q("update saved_searches set alerts = $1 where id = $2 and member = $3")
            .bind(alerts)
            .bind(id.as_uuid())
            .bind(member.0)
            .execute(self.db.write())
            .await?;
        Ok(updated > 0)
    }

    async fn alerting_searches(
        &self,
        after: Option<SavedSearchId>,
        limit: u32,
    ) -> Result<Vec<(MemberKey, SavedSearch)>, StoreError> {
        let rows = q(concat!(
            "select s.member, s.id, s.query, s.alerts, s.created_at from saved_searches s \
             join members m on m.key = s.member where s.alerts and ($1::uuid is null or s.id > $1) and ",
            open!("m"),
            " order by s.id limit $2"
        ))
        .bind(after.map(|a| a.as_uuid()))
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(|row| Ok((MemberKey(row.at(0)?), saved(row, 1)?))).collect()
    }

    async fn search_seen(&self, id: SavedSearchId) -> Result<Vec<MemberKey>, StoreError> {
        let keys: Vec<i64> = q("select member from saved_search_seen where search = $1")
            .bind(id.as_uuid())
            .scalars(self.db.read())
            .await?;
        Ok(keys.into_iter().map(MemberKey).collect())
    }

    async fn search_told(&self, id: SavedSearchId, found: &[MemberKey], effects: &Effects) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        seen(&mut tx, id, found).await?;
        crate::notifications::write_effects(&mut tx, effects, None).await?;
        tx.commit().await
    }
}

/// Posts with their author's row (as `m`), for the search index.
macro_rules! posts {
    () => {
        "select a.key, a.actor, a.audience, a.body from activities a join members m on m.key = a.actor \
         where a.kind = 'post'"
    };
}
use posts;

fn post_text(row: &Row) -> Result<PostText, StoreError> {
    let audience: String = row.at(2)?;
    Ok(PostText {
        key: ActivityKey(row.at(0)?),
        author: MemberKey(row.at(1)?),
        audience: audience.parse().map_err(|()| other("unknown audience"))?,
        body: row.at(3)?,
    })
}

/// A saved search's columns.
macro_rules! saved_columns {
    () => {
        "select id, query, alerts, created_at from saved_searches"
    };
}
use saved_columns as SAVED;

/// A saved search from its columns, starting at column `at`.
fn saved(row: &Row, at: usize) -> Result<SavedSearch, StoreError> {
    Ok(SavedSearch {
        id: SavedSearchId::from_uuid(row.at::<Uuid>(at)?),
        query: row.at(at + 1)?,
        alerts: row.at(at + 2)?,
        created_at: row.at(at + 3)?,
    })
}

/// Records people as told for a search (those told already stay as they are).
async fn seen(tx: &mut crate::sql::Tx, id: SavedSearchId, found: &[MemberKey]) -> Result<(), StoreError> {
    if found.is_empty() {
        return Ok(());
    }
    q("insert into saved_search_seen (search, member) select $1, m.key from members m where m.key = any($2) \
       on conflict do nothing")
    .bind(id.as_uuid())
    .bind(key_list(found.iter().map(|m| m.0)))
    .execute(&mut *tx)
    .await
    .map(drop)
}

fn person(row: &Row) -> Result<Person, StoreError> {
    let data: serde_json::Value = row.at(2)?;
    Ok(Person {
        member: MemberKey(row.at(0)?),
        name: row.at(1)?,
        profile: serde_json::from_value::<Profile>(data).map_err(other)?,
    })
}
