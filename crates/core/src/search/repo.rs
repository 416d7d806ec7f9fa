use crate::StoreError;
use crate::entities::Role;
use crate::ids::MemberKey;
use async_trait::async_trait;

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
}
