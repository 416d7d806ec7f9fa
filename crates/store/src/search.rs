//! Search: members whose tags meet (wants and haves).

use crate::SqlStore;
use crate::sql::q;
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::entities::Role;
use kontor_core::ids::MemberKey;
use kontor_core::search::{SearchRepo, TagsMet};

/// Between the tags of one member in one column: a character no tag can hold.
const SEPARATOR: &str = "\u{1f}";

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
}
