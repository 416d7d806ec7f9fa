//! Which fields of a profile carry their own visibility, what each is set to until its
//! owner changes it, which the owner may grant one contact, and whether a viewer is
//! shown a field: the policy's rules about profile fields, all here.

use super::{Relation, Visibility, may_see};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The fields of a profile that carry their own visibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The name itself: members always see it; "public" puts the profile on the internet.
    Name,
    Photo,
    Headline,
    Position,
    Location,
    Industry,
    About,
    WorkHistory,
    Education,
    Languages,
    Links,
    Haves,
    Wants,
    Interests,
    Organisations,
    BusinessContact,
    PrivateContact,
    Birthday,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Self::Name,
        Self::Photo,
        Self::Headline,
        Self::Position,
        Self::Location,
        Self::Industry,
        Self::About,
        Self::WorkHistory,
        Self::Education,
        Self::Languages,
        Self::Links,
        Self::Haves,
        Self::Wants,
        Self::Interests,
        Self::Organisations,
        Self::BusinessContact,
        Self::PrivateContact,
        Self::Birthday,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Photo => "photo",
            Self::Headline => "headline",
            Self::Position => "position",
            Self::Location => "location",
            Self::Industry => "industry",
            Self::About => "about",
            Self::WorkHistory => "work_history",
            Self::Education => "education",
            Self::Languages => "languages",
            Self::Links => "links",
            Self::Haves => "haves",
            Self::Wants => "wants",
            Self::Interests => "interests",
            Self::Organisations => "organisations",
            Self::BusinessContact => "business_contact",
            Self::PrivateContact => "private_contact",
            Self::Birthday => "birthday",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The visibility a field has until its owner changes it: who someone is (name,
    /// photo, headline) is seen by members, private contact data by nobody, the rest by
    /// contacts.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Self::Name | Self::Photo | Self::Headline => Visibility::Members,
            Self::PrivateContact => Visibility::OnlyMe,
            _ => Visibility::Contacts,
        }
    }
}

/// Each field's visibility; fields never set have their default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Visibilities(BTreeMap<Field, Visibility>);

impl Visibilities {
    pub fn get(&self, field: Field) -> Visibility {
        self.0.get(&field).copied().unwrap_or_else(|| field.default_visibility())
    }

    /// Sets a field's visibility. A name is always seen by members, so it can only be
    /// "members" or "public".
    pub fn set(&mut self, field: Field, visibility: Visibility) {
        let visibility = match field {
            Field::Name => visibility.max(Visibility::Members),
            _ => visibility,
        };
        self.0.insert(field, visibility);
    }
}

/// Is `field` shown to a viewer with `relation`, given the owner's `visibilities` and
/// the fields the owner granted this viewer (`granted`: they count for a direct contact
/// only, see [`may_see`])?
pub fn shown(visibilities: &Visibilities, field: Field, relation: Relation, granted: &[Field]) -> bool {
    may_see(visibilities.get(field), relation, granted.contains(&field))
}

/// The fields an owner grants a viewer that count: those of a direct contact. (`granted`
/// reads them, only when they count.)
pub fn grants_for(relation: Relation, granted: impl FnOnce() -> Vec<Field>) -> Vec<Field> {
    match relation {
        Relation::Degree(1) => granted(),
        _ => Vec::new(),
    }
}

/// How many views of one owner's data [`shared_view`] tells apart.
pub const SHARED_VIEWS: usize = 8;

/// Which view of an owner's data a viewer gets, when every viewer with the same input
/// gets the same one: the slot a made view (a member card) may be kept under and shown
/// to all of them. `None` when the view is the viewer's own (fields granted them
/// personally). This is everything [`shown`] reads besides the owner's data, and the
/// relation itself (a card shows the degree): a rule that comes to read more of the
/// viewer must be keyed here too, or made views would be shown to viewers the rule now
/// tells apart.
pub fn shared_view(relation: Relation, granted: &[Field]) -> Option<usize> {
    if !granted.is_empty() {
        return None;
    }
    Some(match relation {
        Relation::Myself => 0,
        Relation::Degree(d) => usize::from(d.clamp(1, 4)),
        Relation::Member => 5,
        Relation::Anonymous => 6,
        Relation::Blocked => 7,
    })
}

/// The fields worth granting one contact: those contacts cannot see already (the name is
/// always seen by them).
pub fn grantable(visibilities: &Visibilities) -> Vec<Field> {
    Field::ALL.into_iter().filter(|&f| f != Field::Name && visibilities.get(f) < Visibility::Contacts).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_has_a_view_of_its_own_and_a_personal_grant_none() {
        // A made card shows the relation too (the degree badge), so no two relations
        // may share one, even where every field answers them alike.
        let relations = [
            Relation::Myself,
            Relation::Degree(1),
            Relation::Degree(2),
            Relation::Degree(3),
            Relation::Degree(4),
            Relation::Member,
            Relation::Anonymous,
            Relation::Blocked,
        ];
        let slots: std::collections::BTreeSet<usize> = relations.iter().filter_map(|&r| shared_view(r, &[])).collect();
        assert_eq!(slots.len(), relations.len(), "one view per relation");
        assert!(slots.iter().all(|&s| s < SHARED_VIEWS));
        assert_eq!(shared_view(Relation::Degree(1), &[Field::Birthday]), None, "a personal grant is the viewer's own");
    }

    #[test]
    fn grants_count_for_direct_contacts_and_only_narrow_fields_are_worth_granting() {
        let mut v = Visibilities::default();
        assert_eq!(grantable(&v), vec![Field::PrivateContact]);
        v.set(Field::Birthday, Visibility::OnlyMe);
        v.set(Field::Name, Visibility::OnlyMe);
        assert_eq!(v.get(Field::Name), Visibility::Members, "a name is always seen by members");
        assert_eq!(grantable(&v), vec![Field::PrivateContact, Field::Birthday]);
        let granted = || vec![Field::Birthday];
        assert_eq!(grants_for(Relation::Degree(1), granted), vec![Field::Birthday]);
        assert!(grants_for(Relation::Degree(2), granted).is_empty());
        assert!(shown(&v, Field::Birthday, Relation::Degree(1), &[Field::Birthday]));
        assert!(!shown(&v, Field::Birthday, Relation::Degree(2), &[Field::Birthday]));
        assert!(!shown(&v, Field::Birthday, Relation::Degree(1), &[]));
    }
}
