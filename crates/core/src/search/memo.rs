//! Matches remembered per viewer and way, for as long as what they were found on holds:
//! home asks on every view, and tags change far less often than members look.

use super::{Match, Meeting};
use crate::ids::MemberKey;
use crate::network::{Memo, OnGraph, WorkedOutOn};

/// What a list of matches was found on.
pub(crate) struct FoundOn {
    /// The graph and the viewer's blocks: degrees, and who is hidden.
    pub on: OnGraph,
    /// The card cache's generation: any member's tags or visibilities may make or end a
    /// match, and each such change forgets that member's card. (An administrator's merge
    /// of two tags changes no card: matches it makes appear with the next card change, a
    /// delay that can only leave a match out, never show one the viewer may not see.)
    pub cards: u64,
}

impl WorkedOutOn for FoundOn {
    fn on_graph(&self) -> &OnGraph {
        &self.on
    }

    fn same(&self, other: &Self) -> bool {
        self.on.same(&other.on) && self.cards == other.cards
    }
}

/// Matches, by viewer, way and how many were asked for (home asks for a few, the page for
/// many: each keeps its own).
pub(crate) type MatchMemo = Memo<(MemberKey, Meeting, usize), FoundOn, Vec<Match>>;
