//! A member as lists show them: the data a card is made of (account, profile, grants),
//! and the card itself as one viewer may see it.

use super::{Field, Profile, ProfileView};
use crate::accounts::{Account, DisplayName};
use crate::ids::{MemberId, MemberKey};
use crate::privacy::{Relation, SHARED_VIEWS};
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// What a member card is made of, read for a whole list at once.
#[derive(Clone, Debug)]
pub struct CardData {
    pub account: Account,
    pub profile: Profile,
    /// The fields this member granted contacts personally, by contact.
    pub grants: Vec<(MemberKey, Field)>,
    /// The card as each shared view sees it (the policy says which viewers share one),
    /// made when first asked for: pages show the same members to many viewers, and the
    /// data never changes (a change is new data).
    cards: [OnceLock<Option<MemberCard>>; SHARED_VIEWS],
}

impl CardData {
    pub fn new(account: Account, profile: Profile, grants: Vec<(MemberKey, Field)>) -> Self {
        Self { account, profile, grants, cards: Default::default() }
    }

    /// The fields this member granted `viewer` personally.
    pub fn granted_to(&self, viewer: MemberKey) -> Vec<Field> {
        self.grants.iter().filter(|(to, _)| *to == viewer).map(|(_, f)| *f).collect()
    }

    /// The fields granted to `viewer` (none for a visitor) that count in `relation`, as
    /// the policy says (only a direct contact's).
    fn counted_grants(&self, relation: Relation, viewer: Option<MemberKey>) -> Vec<Field> {
        crate::privacy::grants_for(relation, || viewer.map(|v| self.granted_to(v)).unwrap_or_default())
    }

    /// The profile as `viewer` (none: a visitor) in `relation` may see it, with the
    /// grants that count; none if nothing of it is visible.
    pub fn view_for(&self, relation: Relation, viewer: Option<MemberKey>) -> Option<ProfileView> {
        self.view(relation, &self.counted_grants(relation, viewer))
    }

    /// The card as `viewer` in `relation` may see it, with the grants that count; none if
    /// nothing of it is visible.
    pub fn card_for(&self, relation: Relation, viewer: MemberKey) -> Option<MemberCard> {
        self.card(relation, &self.counted_grants(relation, Some(viewer)))
    }

    /// The profile as a viewer in `relation` may see it, with the fields `granted` them;
    /// none if nothing of it is visible.
    pub(crate) fn view(&self, relation: Relation, granted: &[Field]) -> Option<ProfileView> {
        ProfileView::redact(self.account.id, self.account.name.clone(), &self.profile, relation, granted)
    }

    /// The member's card as a viewer in `relation` may see it, with the fields `granted`
    /// them; none if nothing of it is visible.
    pub(crate) fn card(&self, relation: Relation, granted: &[Field]) -> Option<MemberCard> {
        let make = || self.view(relation, granted).map(|view| MemberCard::of(self.account.key, view));
        match crate::privacy::shared_view(relation, granted) {
            Some(slot) => self.cards[slot].get_or_init(make).clone(),
            None => make(),
        }
    }
}

/// A member in a list, as the viewer may see them. Shared: the cards of one relation are
/// made once and held (see `CardData::card`), and a page shows one member in many places.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct MemberCard(Arc<CardFields>);

/// What a [`MemberCard`] shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CardFields {
    pub id: MemberId,
    pub name: DisplayName,
    pub headline: String,
    pub position: String,
    pub company: String,
    pub city: String,
    /// The photo's version, if the viewer may see it.
    pub photo: Option<String>,
    /// 1–4 on the viewer's revealed graph, or none.
    pub degree: Option<u8>,
    #[serde(skip)]
    pub key: MemberKey,
    /// What the viewer may see of the profile.
    #[serde(skip)]
    pub profile: Profile,
}

impl std::ops::Deref for MemberCard {
    type Target = CardFields;

    fn deref(&self) -> &CardFields {
        &self.0
    }
}

impl utoipa::PartialSchema for MemberCard {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        CardFields::schema()
    }
}

impl utoipa::ToSchema for MemberCard {
    fn name() -> std::borrow::Cow<'static, str> {
        "MemberCard".into()
    }

    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        <CardFields as utoipa::ToSchema>::schemas(schemas);
    }
}

impl MemberCard {
    /// A card from what a viewer may see of the profile.
    pub fn of(key: MemberKey, view: ProfileView) -> Self {
        let degree = match view.relation {
            Relation::Degree(d) => Some(d),
            _ => None,
        };
        let p = view.profile;
        MemberCard(Arc::new(CardFields {
            id: view.id,
            name: view.name,
            headline: p.headline.clone(),
            position: p.position.clone(),
            company: p.company.clone(),
            city: p.city.clone(),
            photo: p.photo.clone(),
            degree,
            key,
            profile: p,
        }))
    }

    pub fn initials(&self) -> crate::accounts::Initials<'_> {
        self.name.initials()
    }
}
