use super::MemberCard;
use crate::StoreError;
use crate::accounts::Account;
use crate::changelog::LogPosition;
use crate::contacts::ListVisibility;
use crate::ids::MemberKey;
use crate::privacy::Relation;
use crate::profiles::{Field, Profile, ProfileView};
use async_trait::async_trait;
use std::sync::OnceLock;

/// What the graph is built from, streamed (a large network does not fit in one `Vec`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkRow {
    /// Every member once, before any contact of theirs.
    Member { key: MemberKey, active: bool, list: ListVisibility },
    /// Every contact once (either order).
    Contact(MemberKey, MemberKey),
}

/// What a member card is made of, read for a whole list at once.
#[derive(Clone, Debug)]
pub struct CardData {
    pub account: Account,
    pub profile: Profile,
    /// The fields this member granted contacts personally, by contact.
    pub grants: Vec<(MemberKey, Field)>,
    /// The card as each relation sees it without personal grants, made when first asked
    /// for: pages show the same members to many viewers, and the data never changes (a
    /// change is new data).
    cards: [OnceLock<Option<MemberCard>>; RELATIONS],
}

/// How many kinds of [`Relation`] there are: myself, four degrees, member, anonymous,
/// blocked.
const RELATIONS: usize = 8;

impl CardData {
    pub fn new(account: Account, profile: Profile, grants: Vec<(MemberKey, Field)>) -> Self {
        Self { account, profile, grants, cards: Default::default() }
    }

    /// The fields this member granted `viewer` personally.
    pub fn granted_to(&self, viewer: MemberKey) -> Vec<Field> {
        self.grants.iter().filter(|(to, _)| *to == viewer).map(|(_, f)| *f).collect()
    }

    /// The profile as a viewer in `relation` may see it, with the fields `granted` them;
    /// none if nothing of it is visible.
    pub fn view(&self, relation: Relation, granted: &[Field]) -> Option<ProfileView> {
        ProfileView::redact(self.account.id, self.account.name.clone(), &self.profile, relation, granted)
    }

    /// The member's card as a viewer in `relation` may see it, with the fields `granted`
    /// them; none if nothing of it is visible.
    pub fn card(&self, relation: Relation, granted: &[Field]) -> Option<MemberCard> {
        let make = || self.view(relation, granted).map(|view| MemberCard::of(self.account.key, view));
        if !granted.is_empty() {
            return make();
        }
        let slot = match relation {
            Relation::Myself => 0,
            Relation::Degree(d) => usize::from(d.clamp(1, 4)),
            Relation::Member => 5,
            Relation::Anonymous => 6,
            Relation::Blocked => 7,
        };
        self.cards[slot].get_or_init(make).clone()
    }
}

/// What the network graph reads from the database.
#[async_trait]
pub trait NetworkRepo: Send + Sync {
    /// Every member and contact, and the log position read in the same transaction.
    async fn network_snapshot(&self, sink: &mut (dyn FnMut(NetworkRow) + Send)) -> Result<LogPosition, StoreError>;

    /// Whether `member` is open, and their list setting (None if they are gone).
    async fn network_member(&self, member: MemberKey) -> Result<Option<(bool, ListVisibility)>, StoreError>;

    /// The accounts, profiles (with the photo's version) and grants of `members`, in any
    /// order, in a fixed number of queries; members that are gone are left out.
    async fn member_cards(&self, members: &[MemberKey]) -> Result<Vec<CardData>, StoreError>;

    /// Members whose name, company or city contains `text` (case-insensitive), up to
    /// `limit`, open members only. The caller checks what the viewer may see.
    async fn find_members(&self, text: &str, limit: u32) -> Result<Vec<MemberKey>, StoreError>;
}
