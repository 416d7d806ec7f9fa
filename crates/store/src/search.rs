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
use kontor_core::ids::MemberKey;
use kontor_core::profiles::Profile;
use kontor_core::search::{Person, SearchRepo, TagsMet};

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
}

fn person(row: &Row) -> Result<Person, StoreError> {
    let data: serde_json::Value = row.at(2)?;
    Ok(Person {
        member: MemberKey(row.at(0)?),
        name: row.at(1)?,
        profile: serde_json::from_value::<Profile>(data).map_err(other)?,
    })
}
