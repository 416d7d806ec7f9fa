//! What a profile write tells the ticker: which parts changed, so that contacts hear of
//! a new position, photo or headline as one item.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// Profile changes this close together are one item ("several changes in a short time
/// shown as one").
pub const PROFILE_CHANGES_JOINED: Duration = Duration::hours(1);

/// Which parts of a profile a profile-change item announces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProfileChanges(pub u8);

impl ProfileChanges {
    pub const POSITION: ProfileChanges = ProfileChanges(1);
    pub const PHOTO: ProfileChanges = ProfileChanges(2);
    pub const HEADLINE: ProfileChanges = ProfileChanges(4);

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn has(self, part: ProfileChanges) -> bool {
        self.0 & part.0 != 0
    }

    pub fn with(self, part: ProfileChanges) -> Self {
        Self(self.0 | part.0)
    }
}

/// The part of a profile write the ticker hears of: the store records it under the
/// member's profile reach (none if nobody), joined with their last profile item if that
/// is newer than `joined_after`, in the profile write's transaction.
#[derive(Clone, Copy, Debug)]
pub struct ProfileNews {
    pub changes: ProfileChanges,
    pub joined_after: OffsetDateTime,
}
