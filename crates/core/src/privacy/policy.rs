//! The visibility policy.
//!
//! Input: the viewer's [`Relation`] to the owner of a field, the field's [`Visibility`], and
//! whether the owner granted this one viewer the field. Output: shown or not. The relation
//! is computed elsewhere, once per (viewer, owner) pair, on the viewer's revealed graph;
//! this module only turns it into a decision, so the rule can be read in one screen and is
//! property-tested against a plain truth table.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Who may see a field, from narrowest to widest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    OnlyMe,
    Contacts,
    ContactsOfContacts,
    Members,
    Public,
}

impl Visibility {
    pub const ALL: [Visibility; 5] =
        [Self::OnlyMe, Self::Contacts, Self::ContactsOfContacts, Self::Members, Self::Public];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnlyMe => "only_me",
            Self::Contacts => "contacts",
            Self::ContactsOfContacts => "contacts_of_contacts",
            Self::Members => "members",
            Self::Public => "public",
        }
    }
}

impl FromStr for Visibility {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// How the viewer stands to the owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The owner looking at their own profile.
    Myself,
    /// Signed in and `n` contact steps away on the viewer's revealed graph, `n` in 1..=4.
    Degree(u8),
    /// Signed in, but not within four steps (or the network is not known).
    Member,
    /// Not signed in: the public internet.
    Anonymous,
    /// One of the two blocked the other: nothing is shown either way.
    Blocked,
}

/// What a viewer needs, besides not being blocked, to see something set to a
/// visibility: a field, a post's audience, a contact list. Callers that can answer
/// "within n steps" cheaper than by finding the exact relation ask this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Nobody but the owner.
    Owner,
    /// A member at most this many contact steps away (1: a contact).
    WithinSteps(u8),
    /// Any signed-in member.
    Member,
    /// Anyone, signed in or not.
    Anyone,
}

pub fn needs(visibility: Visibility) -> Needs {
    match visibility {
        Visibility::OnlyMe => Needs::Owner,
        Visibility::Contacts => Needs::WithinSteps(1),
        Visibility::ContactsOfContacts => Needs::WithinSteps(2),
        Visibility::Members => Needs::Member,
        Visibility::Public => Needs::Anyone,
    }
}

/// May a viewer with `relation` see a field set to `visibility`? `granted` says the owner
/// gave this viewer the field personally (it counts only for a direct contact).
pub fn may_see(visibility: Visibility, relation: Relation, granted: bool) -> bool {
    match (relation, needs(visibility)) {
        (Relation::Blocked, _) => false,
        (Relation::Myself, _) => true,
        (Relation::Degree(1), _) if granted => true,
        (_, Needs::Anyone) => true,
        (Relation::Anonymous, _) | (_, Needs::Owner) => false,
        (_, Needs::Member) => true,
        (Relation::Degree(n), Needs::WithinSteps(steps)) => n <= steps,
        (Relation::Member, Needs::WithinSteps(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule written out as a table: for each relation, the visibilities it may see.
    fn reference(visibility: Visibility, relation: Relation, granted: bool) -> bool {
        use Visibility::*;
        let open_to: &[Visibility] = match relation {
            Relation::Myself => &[OnlyMe, Contacts, ContactsOfContacts, Members, Public],
            Relation::Degree(1) if granted => &[OnlyMe, Contacts, ContactsOfContacts, Members, Public],
            Relation::Degree(1) => &[Contacts, ContactsOfContacts, Members, Public],
            Relation::Degree(2) => &[ContactsOfContacts, Members, Public],
            Relation::Degree(_) | Relation::Member => &[Members, Public],
            Relation::Anonymous => &[Public],
            Relation::Blocked => &[],
        };
        open_to.contains(&visibility)
    }

    fn relation() -> impl Strategy<Value = Relation> {
        prop_oneof![
            Just(Relation::Myself),
            (1u8..=4).prop_map(Relation::Degree),
            Just(Relation::Member),
            Just(Relation::Anonymous),
            Just(Relation::Blocked),
        ]
    }

    fn visibility() -> impl Strategy<Value = Visibility> {
        proptest::sample::select(Visibility::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn policy_matches_reference(v in visibility(), r in relation(), granted: bool) {
            prop_assert_eq!(may_see(v, r, granted), reference(v, r, granted));
        }

        /// Widening a field's visibility never hides it from anyone.
        #[test]
        fn wider_never_hides(a in visibility(), b in visibility(), r in relation(), granted: bool) {
            let (narrow, wide) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(!may_see(narrow, r, granted) || may_see(wide, r, granted));
        }
    }

    #[test]
    fn grants_only_count_for_contacts() {
        assert!(may_see(Visibility::OnlyMe, Relation::Degree(1), true));
        assert!(!may_see(Visibility::OnlyMe, Relation::Degree(2), true));
        assert!(!may_see(Visibility::Public, Relation::Blocked, true));
    }

    #[test]
    fn names_round_trip() {
        for v in Visibility::ALL {
            assert_eq!(v.as_str().parse::<Visibility>(), Ok(v));
        }
    }
}
