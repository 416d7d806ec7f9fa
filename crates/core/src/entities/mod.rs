//! Entities that profiles point at: organisations (companies, schools), places (city
//! within region within country), industries and tags (haves, wants, interests).
//!
//! Members pick them with autocomplete or type freely; whatever they type becomes (or
//! joins) an entity by its normalised name, and an admin can later merge two entities
//! that mean the same thing. Suggestions, employee lists, regional targeting and search
//! use the links between members and entities, not the text of profiles.

mod needs;

pub use crate::text::normalise;

use crate::ids::MemberKey;
use crate::privacy::Visibility;
use crate::profiles::{Field, Profile};
use crate::{Error, Result, StoreError};
use async_trait::async_trait;
pub(crate) use needs::EntitiesNeeds;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Organisation,
    Place,
    Industry,
    Tag,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [Self::Organisation, Self::Place, Self::Industry, Self::Tag];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Place => "place",
            Self::Industry => "industry",
            Self::Tag => "tag",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a member is linked to an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The company of the current position.
    Company,
    Employer,
    School,
    City,
    Industry,
    Have,
    Want,
    Interest,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::Employer => "employer",
            Self::School => "school",
            Self::City => "city",
            Self::Industry => "industry",
            Self::Have => "have",
            Self::Want => "want",
            Self::Interest => "interest",
            Self::Member => "member",
        }
    }
}

/// An entity a profile names: its kind, its name, and for a place its parents (region,
/// country), outermost last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    pub kind: EntityKind,
    pub name: String,
    pub parents: Vec<String>,
}

impl Role {
    /// The profile field the link comes from.
    pub fn field(self) -> Field {
        match self {
            Self::Company => Field::Position,
            Self::Employer => Field::WorkHistory,
            Self::School => Field::Education,
            Self::City => Field::Location,
            Self::Industry => Field::Industry,
            Self::Have => Field::Haves,
            Self::Want => Field::Wants,
            Self::Interest => Field::Interests,
            Self::Member => Field::Organisations,
        }
    }
}

/// A member's link to an entity, and whether every member may see the field it comes
/// from (only such links count where members see numbers or names, as in suggestions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub role: Role,
    pub entity: EntityRef,
    pub shown: bool,
}

/// Every link of a profile, each once.
pub fn links_of(profile: &Profile) -> Vec<Link> {
    named_in(profile)
        .into_iter()
        .map(|(role, entity)| {
            let shown = profile.visibility.get(role.field()) >= Visibility::Members;
            Link { role, entity, shown }
        })
        .collect()
}

/// Every entity a profile names, with the member's role towards it.
fn named_in(profile: &Profile) -> Vec<(Role, EntityRef)> {
    let plain = |kind, name: &str| EntityRef { kind, name: name.to_owned(), parents: Vec::new() };
    let mut links = Vec::new();
    let mut add = |role, e: EntityRef| {
        if !e.name.trim().is_empty()
            && !links.iter().any(|(r, x): &(Role, EntityRef)| {
                *r == role && normalise(&x.name) == normalise(&e.name) && x.kind == e.kind
            })
        {
            links.push((role, e));
        }
    };
    add(Role::Company, plain(EntityKind::Organisation, &profile.company));
    for p in &profile.work_history {
        add(Role::Employer, plain(EntityKind::Organisation, &p.organisation));
    }
    for s in &profile.education {
        add(Role::School, plain(EntityKind::Organisation, &s.organisation));
    }
    for o in &profile.organisations {
        add(Role::Member, plain(EntityKind::Organisation, o));
    }
    let parents: Vec<String> =
        [&profile.region, &profile.country].into_iter().filter(|p| !p.trim().is_empty()).cloned().collect();
    add(Role::City, EntityRef { kind: EntityKind::Place, name: profile.city.clone(), parents });
    add(Role::Industry, plain(EntityKind::Industry, &profile.industry));
    for (role, tags) in
        [(Role::Have, &profile.haves), (Role::Want, &profile.wants), (Role::Interest, &profile.interests)]
    {
        for t in tags {
            add(role, plain(EntityKind::Tag, t));
        }
    }
    links
}

/// A suggestion for autocomplete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub name: String,
    /// How many members are linked to it.
    pub members: u64,
}

#[async_trait]
pub trait EntityRepo: Send + Sync {
    /// Entities of `kind` whose normalised name starts with `prefix` (normalised), most
    /// used first, at most `limit`. Only links of open accounts from fields every member
    /// may see count, none of the members in `leave_out` (those hidden from the asker),
    /// and an entity with none is not suggested; nor is a merged one.
    async fn suggest_entities(
        &self,
        kind: EntityKind,
        prefix: &str,
        limit: u32,
        leave_out: &[MemberKey],
    ) -> Result<Vec<Suggestion>, StoreError>;

    /// Moves every link of the entity named `from` to the one named `into` (both of
    /// `kind`) and marks `from` as merged. `NotFound` if either is missing.
    async fn merge_entities(&self, kind: EntityKind, from: &str, into: &str) -> Result<u64, StoreError>;

    /// How many open accounts show a link to the entity named `name` in `role`.
    async fn count_linked(&self, kind: EntityKind, name: &str, role: Role) -> Result<u64, StoreError>;
}

pub struct Entities<'a> {
    k: &'a dyn EntitiesNeeds,
}

impl<'a> Entities<'a> {
    pub(crate) fn new(k: &'a dyn EntitiesNeeds) -> Self {
        Self { k }
    }

    /// Autocomplete: up to ten names of `kind` starting with `prefix`.
    /// Names for `asker` to choose from, counted without the members hidden from them
    /// (a count must not tell a blocked member that the blocker works somewhere).
    pub async fn suggest(
        &self,
        asker: &crate::accounts::Current,
        kind: EntityKind,
        prefix: &str,
    ) -> Result<Vec<Suggestion>> {
        let prefix = normalise(prefix);
        // No stored name holds a control character (profiles refuse them), and
        // PostgreSQL could not even be asked about a NUL.
        if prefix.is_empty() || prefix.chars().count() > 60 || prefix.chars().any(char::is_control) {
            return Ok(Vec::new());
        }
        let hidden = self.k.network().viewer(&asker.account).await?.hidden_members();
        Ok(self.k.store().suggest_entities(kind, &prefix, 10, &hidden).await?)
    }

    /// Merges two spellings of one entity (admins only).
    pub async fn merge(
        &self,
        current: &crate::accounts::Current,
        kind: EntityKind,
        from: &str,
        into: &str,
    ) -> Result<u64> {
        if !current.account.is_admin() {
            return Err(Error::Forbidden);
        }
        if normalise(from) == normalise(into) || from.trim().is_empty() || into.trim().is_empty() {
            return Err(Error::invalid("merge_from", "invalid"));
        }
        match self.k.store().merge_entities(kind, from, into).await {
            Ok(moved) => Ok(moved),
            Err(StoreError::NotFound) => Err(Error::invalid("merge_from", "entity_unknown")),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Position;

    #[test]
    fn profiles_name_their_entities_once() {
        let profile = Profile {
            company: "Berg  Kraus GmbH".into(),
            work_history: vec![Position { organisation: "berg kraus gmbh".into(), ..Position::default() }],
            city: "Leipzig".into(),
            region: "Sachsen".into(),
            country: "Deutschland".into(),
            haves: vec!["Steuerrecht".into()],
            wants: vec!["Steuerrecht".into()],
            ..Profile::default()
        };
        let links = links_of(&profile);
        let roles: Vec<Role> = links.iter().map(|l| l.role).collect();
        assert_eq!(roles, vec![Role::Company, Role::Employer, Role::City, Role::Have, Role::Want]);
        assert_eq!(links[2].entity.parents, vec!["Sachsen".to_owned(), "Deutschland".to_owned()]);
        assert!(links.iter().all(|l| !l.shown), "by default these fields are for contacts only");
        assert_eq!(normalise("  Berg \t Kraus GMBH "), "berg kraus gmbh");
    }
}
