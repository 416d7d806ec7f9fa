//! Wants meet haves.

use super::memo::FoundOn;
use super::{Match, Meeting, SearchNeeds};
use crate::error::Result;
use crate::ids::MemberKey;
use crate::network::Viewer;

/// How many members the store is asked for per member shown, and at least: members the
/// asker may not see are left out afterwards and must not leave the list short.
const ASKED_PER_SHOWN: u32 = 5;
const ASKED_AT_LEAST: u32 = 100;

pub struct Search<'a> {
    pub(super) k: &'a dyn SearchNeeds,
}

impl<'a> Search<'a> {
    pub(crate) fn new(k: &'a dyn SearchNeeds) -> Self {
        Self { k }
    }

    /// Members whose tags meet the viewer's the way `meeting` says (who offers what the
    /// viewer seeks, or seeks what they offer), as the viewer may see them: the most tags
    /// met first, then the nearest in the network; at most `limit`.
    pub async fn meeting(&self, viewer: &mut Viewer, meeting: Meeting, limit: usize) -> Result<Vec<Match>> {
        // Taken before finding: a change landing meanwhile makes the answer stale.
        let found_on = viewer.on_graph_state().map(|on| FoundOn { on, cards: self.k.cards_generation() });
        let key = (viewer.account.key, meeting, limit);
        if let Some(on) = &found_on
            && let Some(found) = self.k.matches().get(key, on)
        {
            return Ok(found);
        }
        let found = self.find(viewer, meeting, limit).await?;
        if let Some(on) = found_on {
            self.k.matches().put(key, on, found.clone());
        }
        Ok(found)
    }

    async fn find(&self, viewer: &mut Viewer, meeting: Meeting, limit: usize) -> Result<Vec<Match>> {
        let (mine, theirs) = meeting.roles();
        let mut asked = u32::try_from(limit).unwrap_or(u32::MAX).saturating_mul(ASKED_PER_SHOWN).max(ASKED_AT_LEAST);
        // Members the viewer may not see take places in the store's answer: while they
        // leave the list short and the store had more, ask again for four times as many.
        // (Nearness orders only the members read: past the first answer's cut, a nearer
        // member with as many tags may be left for a farther one.)
        let mut found = loop {
            let met = self.k.store().tags_meeting(viewer.account.key, mine, theirs, asked).await?;
            let more = met.len() == asked as usize;
            let keys: Vec<MemberKey> = met.iter().map(|m| m.member).collect();
            let cards = self.k.network().cards_by_key(viewer, &keys).await?;
            let found: Vec<Match> = met
                .into_iter()
                .filter_map(|m| {
                    // The card is the member as the viewer may see them: a field kept from
                    // the viewer is empty there, and a match through it is no match.
                    let card = cards.get(&m.member)?;
                    meeting.shown_in(&card.profile).then(|| Match { member: card.clone(), tags: m.tags })
                })
                .collect();
            if found.len() >= limit || !more {
                break found;
            }
            asked = asked.saturating_mul(4);
        };
        found.sort_by(|a, b| {
            let nearness = |m: &Match| m.member.degree.unwrap_or(u8::MAX);
            b.tags.len().cmp(&a.tags.len()).then(nearness(a).cmp(&nearness(b))).then(a.member.key.cmp(&b.member.key))
        });
        found.truncate(limit);
        Ok(found)
    }
}
