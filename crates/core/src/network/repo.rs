use crate::StoreError;
use crate::changelog::LogPosition;
use crate::ids::MemberKey;
use crate::privacy::ListVisibility;
use crate::profiles::CardData;
use async_trait::async_trait;

/// What the graph is built from, streamed (a large network does not fit in one `Vec`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkRow {
    /// Every member once, before any contact of theirs.
    Member { key: MemberKey, active: bool, list: ListVisibility },
    /// Every contact once (either order).
    Contact(MemberKey, MemberKey),
}

/// What the network graph reads from the database.
#[async_trait]
pub trait NetworkRepo: Send + Sync {
    /// The keys of every contact of `member`, whatever their state (for the graph).
    async fn contact_keys(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError>;

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
