//! What the network graph is built and refreshed from, and finding members.

use super::keys;
use crate::SqlStore;
use crate::sql::q;
use async_trait::async_trait;
use futures::TryStreamExt;
use kontor_core::StoreError;
use kontor_core::changelog::LogPosition;
use kontor_core::contacts::ListVisibility;
use kontor_core::ids::MemberKey;
use kontor_core::network::{CardData, NetworkRepo, NetworkRow};
use kontor_core::profiles::Field;
use std::collections::HashMap;

#[async_trait]
impl NetworkRepo for SqlStore {
    async fn contact_keys(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError> {
        let rows: Vec<i64> =
            q("select other from contacts where member = $1").bind(member.0).scalars(self.db.read()).await?;
        Ok(keys(rows))
    }

    async fn network_snapshot(&self, sink: &mut (dyn FnMut(NetworkRow) + Send)) -> Result<LogPosition, StoreError> {
        let (mut tx, position) = self.snapshot().await?;
        {
            let mut members = q(concat!(
                "select m.key, (",
                open!("m"),
                "), s.list_visibility from members m \
                 left join network_settings s on s.member = m.key order by m.key"
            ))
            .fetch_as::<(i64, bool, Option<String>)>(&mut tx);
            while let Some((key, active, list)) = members.try_next().await? {
                let list = list.and_then(|l| l.parse().ok()).unwrap_or(ListVisibility::default());
                sink(NetworkRow::Member { key: MemberKey(key), active, list });
            }
        }
        {
            let mut contacts =
                q("select member, other from contacts where member < other").fetch_as::<(i64, i64)>(&mut tx);
            while let Some((a, b)) = contacts.try_next().await? {
                sink(NetworkRow::Contact(MemberKey(a), MemberKey(b)));
            }
        }
        tx.commit().await?;
        Ok(position)
    }

    async fn network_member(&self, member: MemberKey) -> Result<Option<(bool, ListVisibility)>, StoreError> {
        let row = q(concat!(
            "select (",
            open!("m"),
            "), s.list_visibility from members m \
             left join network_settings s on s.member = m.key where m.key = $1"
        ))
        .bind(member.0)
        .fetch_optional_as::<(bool, Option<String>)>(self.db.read())
        .await?;
        Ok(row.map(|(active, list)| (active, list.and_then(|l| l.parse().ok()).unwrap_or_default())))
    }

    async fn member_cards(&self, members: &[MemberKey]) -> Result<Vec<CardData>, StoreError> {
        let list: Vec<i64> = members.iter().map(|k| k.0).collect();
        let mut profiles = self.profiles_in(&list).await?;
        let rows: Vec<(i64, i64, String)> = q("select member, other, field from contact_grants where member = any($1)")
            .bind(&list)
            .fetch_all_as(self.db.read())
            .await?;
        let mut grants = grants_by_member(rows);
        let mut out = Vec::with_capacity(members.len());
        for account in self.accounts_in(&list).await? {
            let Some(profile) = profiles.remove(&account.key) else { continue };
            let grants = grants.remove(&account.key.0).unwrap_or_default();
            out.push(CardData::new(account, profile, grants));
        }
        Ok(out)
    }

    async fn find_members(&self, text: &str, limit: u32) -> Result<Vec<MemberKey>, StoreError> {
        let norm = kontor_core::entities::normalise(text);
        let rows: Vec<i64> = q(concat!(
            "select key from members where ",
            open!("members"),
            " and strpos(lower(name), lower($1)) > 0 \
             union \
             select me.member from member_entities me join entities e on e.id = me.entity \
             join members m on m.key = me.member \
             where me.shown = true and me.role in ('company', 'employer', 'city') and strpos(e.norm, $2) > 0 and ",
            open!("m"),
            " limit $3"
        ))
        .bind(text)
        .bind(&norm)
        .bind(i64::from(limit))
        .scalars(self.db.read())
        .await?;
        Ok(keys(rows))
    }
}

/// Grant rows (member, contact, field) by member; fields no longer known are skipped.
fn grants_by_member(rows: Vec<(i64, i64, String)>) -> HashMap<i64, Vec<(MemberKey, Field)>> {
    let mut grants: HashMap<i64, Vec<(MemberKey, Field)>> = HashMap::new();
    for (member, other, field) in rows {
        grants.entry(member).or_default().extend(Field::parse(&field).map(|f| (MemberKey(other), f)));
    }
    grants
}
