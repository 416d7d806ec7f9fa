use super::SavedSearch;
use crate::StoreError;
use crate::changelog::LogPosition;
use crate::entities::Role;
use crate::ids::{MemberKey, SavedSearchId};
use crate::notifications::Effects;
use crate::profiles::Profile;
use async_trait::async_trait;

/// A post as the search index reads it: its words, its author and its audience.
#[derive(Clone, Debug)]
pub struct PostText {
    pub key: crate::ids::ActivityKey,
    pub author: MemberKey,
    pub audience: crate::ticker::Audience,
    pub body: String,
}

/// An open member as the search index reads them: every field, whoever may see it (the
/// index files each under its audience; search checks again before showing anything).
#[derive(Clone, Debug)]
pub struct Person {
    pub member: MemberKey,
    pub name: String,
    pub profile: Profile,
}

/// A member whose tags meet another member's, and which tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagsMet {
    pub member: MemberKey,
    /// The tags' names, in alphabetical order.
    pub tags: Vec<String>,
}

#[async_trait]
pub trait SearchRepo: Send + Sync {
    /// Open members other than `member` who are linked as `theirs` to a tag `member` is
    /// linked to as `mine` (wants to haves, or haves to wants), each with those tags;
    /// most tags first, then by key; at most `limit` members. A merged tag counts as the
    /// one it was merged into. Links from fields `member` may not see are included: the
    /// caller keeps only what the asker may see. Reads only; logs nothing.
    async fn tags_meeting(
        &self,
        member: MemberKey,
        mine: Role,
        theirs: Role,
        limit: u32,
    ) -> Result<Vec<TagsMet>, StoreError>;

    /// Every open member, one by one, and the log position read in the same snapshot
    /// (the search index is built from it and follows the log from there).
    async fn people_snapshot(&self, sink: &mut (dyn FnMut(Person) + Send)) -> Result<LogPosition, StoreError>;

    /// These members, those of them that are open (a closed, suspended or erased
    /// member is left out: the index forgets them).
    async fn people(&self, members: &[MemberKey]) -> Result<Vec<Person>, StoreError>;

    /// Every post of an open author, one by one, and the log position read with them.
    async fn posts_snapshot(&self, sink: &mut (dyn FnMut(PostText) + Send)) -> Result<LogPosition, StoreError>;

    /// These posts, those that are there and whose author is open.
    async fn post_texts(&self, keys: &[crate::ids::ActivityKey]) -> Result<Vec<PostText>, StoreError>;

    /// Every post of these authors, those of them that are open.
    async fn post_texts_by(&self, authors: &[MemberKey]) -> Result<Vec<PostText>, StoreError>;

    /// Keeps a search for `member`, with the people it finds now as told already (only
    /// people found later alert).
    async fn save_search(&self, member: MemberKey, search: &SavedSearch, found: &[MemberKey])
    -> Result<(), StoreError>;

    /// The member's saved searches, oldest first.
    async fn saved_searches(&self, member: MemberKey) -> Result<Vec<SavedSearch>, StoreError>;

    /// Removes one of the member's saved searches; false if they have none by that id.
    async fn delete_saved_search(&self, member: MemberKey, id: SavedSearchId) -> Result<bool, StoreError>;

    /// Turns a saved search's alerts on or off; false if the member has none by that id.
    async fn set_search_alerts(&self, member: MemberKey, id: SavedSearchId, alerts: bool) -> Result<bool, StoreError>;

    /// Saved searches with alerts on, of open members, by id after `after`; at most `limit`.
    async fn alerting_searches(
        &self,
        after: Option<SavedSearchId>,
        limit: u32,
    ) -> Result<Vec<(MemberKey, SavedSearch)>, StoreError>;

    /// The people a saved search has told its member of (or found when it was saved).
    async fn search_seen(&self, id: SavedSearchId) -> Result<Vec<MemberKey>, StoreError>;

    /// Records `found` as told for the search, with the notifications and jobs that tell
    /// of them, in one transaction (people told already are left as they are).
    async fn search_told(&self, id: SavedSearchId, found: &[MemberKey], effects: &Effects) -> Result<(), StoreError>;
}
