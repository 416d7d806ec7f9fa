//! A profile as one viewer may see it.

use super::{Field, Profile};
use crate::accounts::DisplayName;
use crate::ids::MemberId;
use crate::privacy::{Relation, shown};
use serde::Serialize;

/// Whether a field is shown to this viewer (hidden and empty look the same outside).
pub type Shown = bool;

/// A profile redacted for one viewer: every field the policy hides is emptied here, so
/// nothing downstream (a template, a JSON encoder) can show it by mistake.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    pub id: MemberId,
    pub name: DisplayName,
    #[serde(skip)]
    pub relation: Relation,
    #[serde(flatten)]
    pub profile: Profile,
}

impl ProfileView {
    /// Applies the policy to each field. `granted` lists the fields the owner granted this
    /// viewer personally. Returns `None` when the viewer may not see the member at all.
    pub fn redact(
        id: MemberId,
        name: DisplayName,
        profile: &Profile,
        relation: Relation,
        granted: &[Field],
    ) -> Option<Self> {
        let shows = |f: Field| shown(&profile.visibility, f, relation, granted);
        if !shows(Field::Name) {
            return None;
        }
        let p = profile;
        let text = |f: Field, v: &String| if shows(f) { v.clone() } else { String::new() };
        let list = |f: Field, v: &Vec<String>| if shows(f) { v.clone() } else { Vec::new() };
        let redacted = Profile {
            headline: text(Field::Headline, &p.headline),
            position: text(Field::Position, &p.position),
            company: text(Field::Position, &p.company),
            city: text(Field::Location, &p.city),
            region: text(Field::Location, &p.region),
            country: text(Field::Location, &p.country),
            industry: text(Field::Industry, &p.industry),
            about: text(Field::About, &p.about),
            work_history: if shows(Field::WorkHistory) { p.work_history.clone() } else { Vec::new() },
            education: if shows(Field::Education) { p.education.clone() } else { Vec::new() },
            languages: list(Field::Languages, &p.languages),
            links: list(Field::Links, &p.links),
            haves: list(Field::Haves, &p.haves),
            wants: list(Field::Wants, &p.wants),
            interests: list(Field::Interests, &p.interests),
            organisations: list(Field::Organisations, &p.organisations),
            business_email: text(Field::BusinessContact, &p.business_email),
            business_phone: text(Field::BusinessContact, &p.business_phone),
            private_email: text(Field::PrivateContact, &p.private_email),
            private_phone: text(Field::PrivateContact, &p.private_phone),
            private_address: text(Field::PrivateContact, &p.private_address),
            birthday: p.birthday.filter(|_| shows(Field::Birthday)),
            photo: p.photo.clone().filter(|_| shows(Field::Photo)),
            // Only the owner learns the settings themselves.
            visibility: if relation == Relation::Myself { p.visibility.clone() } else { Default::default() },
        };
        Some(Self { id, name, relation, profile: redacted })
    }

    pub fn initials(&self) -> crate::accounts::Initials<'_> {
        self.name.initials()
    }
}
