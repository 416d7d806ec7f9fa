//! The network as one member sees it.

use super::NetworkNeeds;
use super::{CardsRead, MAX_DEGREE, OnGraph, RankedOn, Reveal, member, vertex};
use crate::accounts::{Account, MemberState};
use crate::error::Result;
use crate::ids::{MemberId, MemberKey};
use crate::privacy::Relation;
use crate::profiles::{CardData, MemberCard, Profile};
use kontor_graph::{Scratch, Vertex, shared_contacts, shortest_paths, suggestions};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub struct Network<'a> {
    k: &'a dyn NetworkNeeds,
}

/// A signed-in member with their window on the graph: built once per request.
pub struct Viewer {
    pub account: Account,
    reveal: Option<Reveal>,
}

impl Viewer {
    /// The graph state and blocks this viewer sees the network on (none for a member
    /// outside the graph).
    pub(crate) fn on_graph_state(&self) -> Option<OnGraph> {
        self.reveal.as_ref().map(OnGraph::of)
    }

    /// A viewer on a given graph, with no blocks: for tools and benchmarks that hold the
    /// graph without a database.
    pub fn on_graph(account: Account, snapshot: std::sync::Arc<kontor_graph::Snapshot>) -> Self {
        let reveal = vertex(account.key).map(|me| Reveal::new(snapshot, me, Vec::new()));
        Self { account, reveal }
    }

    /// The members blocked by or blocking the viewer: what they did is left out of
    /// what the viewer sees, counts included.
    pub fn hidden_members(&self) -> Vec<MemberKey> {
        use kontor_graph::Filter;
        self.reveal.as_ref().map_or_else(Vec::new, |r| r.hidden().iter().map(|&v| super::member(v)).collect())
    }

    /// Is `other` blocked by or blocking the viewer?
    pub fn is_hidden(&self, other: MemberKey) -> bool {
        use kontor_graph::Filter;
        self.reveal.as_ref().is_some_and(|r| vertex(other).is_some_and(|v| r.hidden().contains(&v)))
    }

    fn vertex(&self) -> Option<Vertex> {
        self.reveal.as_ref().map(Reveal::viewer)
    }

    /// The viewer's distance to `other` on their revealed graph, up to the 4th degree.
    pub fn degree(&mut self, other: MemberKey) -> Option<u8> {
        let (reveal, to) = (self.reveal.as_mut()?, vertex(other)?);
        reveal.degree(to)
    }

    /// Is `other` at most `steps` away on the viewer's revealed graph? The search stops
    /// there, so for 2 steps it costs about the two members' contact lists, where
    /// [`Viewer::degree`] may search to the 4th degree.
    pub fn within(&mut self, other: MemberKey, steps: u8) -> bool {
        let (Some(reveal), Some(to)) = (self.reveal.as_mut(), vertex(other)) else { return false };
        if steps == 2 {
            // The ticker's question for every "contacts of contacts" post: no search.
            return reveal.reaches_in_two(to);
        }
        let snapshot = reveal.snapshot().clone();
        let from = reveal.viewer();
        Scratch::with(|s| kontor_graph::distance(&*snapshot, reveal, s, from, to, steps.min(MAX_DEGREE))).is_some()
    }

    /// The viewer's contacts (active, not blocked either way), from this node's graph.
    pub fn contacts(&self) -> Vec<MemberKey> {
        let Some(reveal) = self.reveal.as_ref() else { return Vec::new() };
        let hidden = kontor_graph::Filter::hidden(reveal);
        reveal.snapshot().neighbours(reveal.viewer()).into_iter().filter(|v| !hidden.contains(v)).map(member).collect()
    }

    /// Is `other` one of the viewer's contacts?
    pub fn is_contact(&self, other: MemberKey) -> bool {
        self.reveal.as_ref().is_some_and(|r| vertex(other).is_some_and(|v| r.is_contact(v))) && !self.is_hidden(other)
    }

    /// Does the viewer's revealed graph hold the contact `a`–`b` (both active, neither
    /// blocked by or blocking the viewer)?
    pub fn reveals_contact(&mut self, a: MemberKey, b: MemberKey) -> bool {
        use kontor_graph::Filter;
        if self.is_hidden(a) || self.is_hidden(b) {
            return false;
        }
        let (Some(reveal), Some(a), Some(b)) = (self.reveal.as_mut(), vertex(a), vertex(b)) else { return false };
        let snapshot = reveal.snapshot().clone();
        snapshot.is_active(a)
            && snapshot.is_active(b)
            && snapshot.is_contact(a, b)
            && (reveal.list_visible(a) || reveal.list_visible(b))
    }

    /// How the viewer stands to `owner`, for the profile policy.
    pub fn relation(&mut self, owner: &Account) -> Relation {
        if owner.key == self.account.key {
            Relation::Myself
        } else if self.is_hidden(owner.key) {
            Relation::Blocked
        } else {
            self.degree(owner.key).map_or(Relation::Member, Relation::Degree)
        }
    }
}

/// What a profile page shows of the network between the viewer and the owner.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct NetworkOverview {
    pub degree: Option<u8>,
    /// Up to three shortest paths, each from the viewer to the owner inclusive.
    pub paths: Vec<Vec<MemberCard>>,
    /// Contacts the two share, as far as the viewer may see.
    pub shared: Vec<MemberCard>,
    pub shared_total: usize,
}

/// A suggested member and why.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Suggested {
    pub member: MemberCard,
    pub shared_contacts: u32,
    pub same_company: bool,
    pub same_school: bool,
    pub same_city: bool,
    pub shared_interests: u32,
}

/// Lists of members shown in full are cut here (the rest are counted).
const SHARED_SHOWN: usize = 24;
/// Suggestions are ranked among this many members with the most shared contacts.
const SUGGESTION_POOL: usize = 200;
/// Members read per shared company or city when contacts suggest too few.
const ENTITY_CANDIDATES: u32 = 100;

impl<'a> Network<'a> {
    pub(crate) fn new(k: &'a dyn NetworkNeeds) -> Self {
        Self { k }
    }

    /// The viewer's window on the network: their blocks and this node's graph, both from
    /// memory. A block reaches other nodes with the log entry that also takes the contact
    /// from their graphs (PostgreSQL wakes them at once: milliseconds, unless a long write
    /// transaction holds the log back).
    pub async fn viewer(&self, account: &Account) -> Result<Viewer> {
        let Some(me) = vertex(account.key) else {
            return Ok(Viewer { account: account.clone(), reveal: None });
        };
        let state = self.k.member_state(account.key).await?;
        let mut hidden: Vec<Vertex> = state.blocks.iter().copied().filter_map(vertex).collect();
        hidden.sort_unstable();
        hidden.dedup();
        let reveal = Reveal::new(self.k.snapshot(), me, hidden);
        Ok(Viewer { account: account.clone(), reveal: Some(reveal) })
    }

    /// One member's account, profile and grants (also a closed member's), from memory.
    pub(crate) async fn card_data(&self, key: MemberKey) -> Result<Option<Arc<CardData>>> {
        Ok(self.k.card_data(&[key]).await?.remove(&key))
    }

    /// The member `id` for `viewer` to act on (mute, block): one who is missing, not
    /// open, or hidden from the viewer by a block answers the same, so acting on an id
    /// never tells whether its member exists.
    pub async fn open_member_for(&self, viewer: &Account, id: MemberId) -> Result<Account> {
        let other = self.k.store().account_by_id(id).await?;
        let state = self.k.member_state(viewer.key).await?;
        other
            .filter(|o| o.key != viewer.key && o.is_open() && !state.blocks.contains(&o.key))
            .ok_or(crate::Error::NotFound)
    }

    /// Members as cards for the viewer, in the order given; members the viewer may not
    /// see (blocked, closed, gone) are left out. From memory, or one read for the rest.
    pub async fn cards(&self, viewer: &mut Viewer, keys: &[MemberKey]) -> Result<Vec<MemberCard>> {
        let wanted: Vec<MemberKey> = keys.iter().copied().filter(|&k| !viewer.is_hidden(k)).collect();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let found = self.k.card_data(&wanted).await?;
        let mut cards = Vec::with_capacity(wanted.len());
        for key in wanted {
            let Some(data) = found.get(&key) else { continue };
            if !data.account.is_open() {
                continue;
            }
            // Grants count between contacts only, on this node's graph (it may not have
            // caught up with a removal the database already holds).
            let relation = viewer.relation(&data.account);
            cards.extend(data.card_for(relation, viewer.account.key));
        }
        Ok(cards)
    }

    /// Members as the public sees them (a visitor who is not logged in), by member; those
    /// whose profile the public may not see are left out.
    pub async fn public_cards(&self, keys: &[MemberKey]) -> Result<FxHashMap<MemberKey, MemberCard>> {
        let found = self.k.card_data(keys).await?;
        let mut cards = FxHashMap::default();
        for (key, data) in found {
            if !data.account.is_open() {
                continue;
            }
            if let Some(card) = data.card(Relation::Anonymous, &[]) {
                cards.insert(key, card);
            }
        }
        Ok(cards)
    }

    /// [`Network::cards`] by member, for lists that pair each card with more.
    pub async fn cards_by_key(
        &self,
        viewer: &mut Viewer,
        keys: &[MemberKey],
    ) -> Result<FxHashMap<MemberKey, MemberCard>> {
        Ok(self.cards(viewer, keys).await?.into_iter().map(|card| (card.key, card)).collect())
    }

    pub async fn card(&self, viewer: &mut Viewer, key: MemberKey) -> Result<Option<MemberCard>> {
        Ok(self.cards(viewer, &[key]).await?.pop())
    }

    /// Degree, paths and shared contacts between the viewer and `owner`.
    pub async fn overview(&self, viewer: &mut Viewer, owner: MemberKey) -> Result<NetworkOverview> {
        let (Some(from), Some(to)) = (viewer.vertex(), vertex(owner)) else {
            return Ok(NetworkOverview::default());
        };
        if owner == viewer.account.key || viewer.is_hidden(owner) {
            return Ok(NetworkOverview::default());
        }
        let (found, shared) = {
            let reveal = viewer.reveal.as_mut().expect("a viewer with a vertex has a window");
            let snapshot = reveal.snapshot().clone();
            Scratch::with(|s| {
                let found = shortest_paths(&*snapshot, reveal, s, from, to, MAX_DEGREE, 3);
                let shared = shared_contacts(&*snapshot, reveal, s, from, to);
                (found, shared)
            })
        };
        let mut overview = NetworkOverview { degree: found.as_ref().map(|f| f.distance), ..Default::default() };
        for path in found.map(|f| f.paths).unwrap_or_default() {
            let keys: Vec<MemberKey> = path.into_iter().map(member).collect();
            let cards = self.cards(viewer, &keys).await?;
            // A member who cannot be shown breaks the path: leave the path out.
            if cards.len() == keys.len() {
                overview.paths.push(cards);
            }
        }
        overview.shared_total = shared.len();
        let keys: Vec<MemberKey> = shared.into_iter().take(SHARED_SHOWN).map(member).collect();
        overview.shared = self.cards(viewer, &keys).await?;
        Ok(overview)
    }

    /// How many contacts the viewer shares with each of `keys`, as far as the viewer may
    /// see the lists (0 for a member off the graph).
    pub fn shared_counts(&self, viewer: &mut Viewer, keys: &[MemberKey]) -> Vec<u32> {
        let (Some(from), Some(reveal)) = (viewer.vertex(), viewer.reveal.as_mut()) else { return vec![0; keys.len()] };
        let snapshot = reveal.snapshot().clone();
        Scratch::with(|s| {
            keys.iter()
                .map(|&key| match vertex(key) {
                    Some(to) if key != viewer.account.key => {
                        shared_contacts(&*snapshot, reveal, s, from, to).len() as u32
                    }
                    _ => 0,
                })
                .collect()
        })
    }

    /// How many members are 1, 2 and 3 steps from the viewer, counted once per graph
    /// state and blocks: counting reaches most of a network, and the graph changes far
    /// less often than members look at their home.
    pub fn counts(&self, viewer: &mut Viewer) -> [u64; 3] {
        let Some(reveal) = viewer.reveal.as_mut() else { return [0; 3] };
        let memo = self.k.degree_counts();
        let on = super::OnGraph::of(reveal);
        if let Some(counts) = memo.get(reveal.viewer(), &on) {
            return counts;
        }
        let counts = super::NetworkIndex::degree_counts(reveal);
        memo.put(reveal.viewer(), on, counts);
        counts
    }

    /// People the viewer may know: most shared contacts first, then same company, school,
    /// city and shared interests (as far as the viewer may see them). Never blocked
    /// members, members with an open request either way, or dismissed suggestions.
    /// Ranked once per graph, viewer's lists and cards (see [`super::memo`]).
    pub async fn suggestions(&self, viewer: &mut Viewer, limit: usize) -> Result<Vec<Suggested>> {
        let Some(from) = viewer.vertex() else { return Ok(Vec::new()) };
        let state = self.k.member_state(viewer.account.key).await?;
        let reveal = viewer.reveal.as_ref().expect("a viewer with a vertex has a window");
        // Read before ranking: a change landing meanwhile makes the list stale at once.
        let before = self.k.cards_generation();
        let asking = RankedOn { on: OnGraph::of(reveal), state, cards: CardsRead::Any { generation: before }, limit };
        let held = self
            .k
            .suggested()
            .get_where(viewer.account.key, |held| held.holds(&asking, |keys| self.k.cards_max_version(keys)));
        if let Some(list) = held {
            return Ok(list);
        }
        let (list, read) = self.rank_suggestions(viewer, from, &asking.state, limit).await?;
        let cards = match read {
            // A card read changed while the list was ranked: it is stale at once.
            Some(keys) if self.k.cards_max_version(&keys) > before => return Ok(list),
            Some(keys) => CardsRead::Keys { keys, at: before },
            None => asking.cards,
        };
        self.k.suggested().put(viewer.account.key, RankedOn { cards, ..asking }, list.clone());
        Ok(list)
    }

    async fn rank_suggestions(
        &self,
        viewer: &mut Viewer,
        from: Vertex,
        state: &MemberState,
        limit: usize,
    ) -> Result<(Vec<Suggested>, Option<Vec<MemberKey>>)> {
        let store = self.k.store();
        let skip: Vec<Vertex> = state.not_to_suggest.iter().copied().filter_map(vertex).collect();
        let pool = {
            let reveal = viewer.reveal.as_mut().expect("a viewer with a vertex has a window");
            let snapshot = reveal.snapshot().clone();
            Scratch::with(|s| suggestions(&*snapshot, reveal, s, from, &skip, SUGGESTION_POOL))
        };
        let own = self.card_data(viewer.account.key).await?;
        let nothing = Profile::default();
        let mine = own.as_ref().map_or(&nothing, |d| &d.profile);
        // The ranking puts shared contacts first, so only the best-connected candidates
        // can make the list: cards are read for those at or above the shared count of the
        // (4 × limit)th (ties included), and for the whole pool only if too few of them
        // may be shown. Either way the list is the same; reading 200 cards is what costs.
        let cut = pool.get(limit * 4).map_or(0, |c| c.shared);
        let best = pool.iter().take_while(|c| c.shared >= cut).count();
        let mut ranked = self.ranked(viewer, mine, &pool[..best]).await?;
        let mut read = &pool[..best];
        if ranked.len() < limit && best < pool.len() {
            ranked = self.ranked(viewer, mine, &pool).await?;
            read = &pool;
        }
        // The cards the list was ranked on; members found by company or city may be any.
        let mut read: Option<Vec<MemberKey>> =
            Some(read.iter().map(|c| member(c.vertex)).chain([viewer.account.key]).collect());
        if ranked.len() < limit {
            read = None;
            // Too few through contacts (a newcomer has none): members who share the
            // viewer's company or city, as far as the viewer may see it.
            let mut seen: HashSet<Vertex> = pool.iter().map(|c| c.vertex).chain(skip.iter().copied()).collect();
            seen.insert(from);
            let mut keys = Vec::new();
            for term in
                [mine.company.as_str(), mine.city.as_str()].into_iter().filter(|t| t.trim().chars().count() >= 2)
            {
                for key in store.find_members(term, ENTITY_CANDIDATES).await? {
                    if vertex(key).is_some_and(|v| seen.insert(v)) {
                        keys.push(key);
                    }
                }
            }
            for card in self.cards(viewer, &keys).await? {
                let s = suggested(mine, card, 0);
                let shares = s.same_company || s.same_school || s.same_city || s.shared_interests > 0;
                if shares && s.member.degree != Some(1) {
                    ranked.push(s);
                }
            }
        }
        ranked.sort_by(|a, b| {
            (b.shared_contacts, b.same_company, b.same_school, b.same_city, b.shared_interests)
                .cmp(&(a.shared_contacts, a.same_company, a.same_school, a.same_city, a.shared_interests))
                .then(a.member.key.cmp(&b.member.key))
        });
        ranked.truncate(limit);
        Ok((ranked, read))
    }

    /// Candidates from the graph as suggestions: every card in one read, those the viewer
    /// may not see left out.
    async fn ranked(
        &self,
        viewer: &mut Viewer,
        mine: &Profile,
        pool: &[kontor_graph::Suggestion],
    ) -> Result<Vec<Suggested>> {
        let keys: Vec<MemberKey> = pool.iter().map(|c| member(c.vertex)).collect();
        let shared: HashMap<MemberKey, u32> = pool.iter().map(|c| (member(c.vertex), c.shared)).collect();
        Ok(self
            .cards(viewer, &keys)
            .await?
            .into_iter()
            .map(|card| {
                let n = shared.get(&card.key).copied().unwrap_or(0);
                suggested(mine, card, n)
            })
            .collect())
    }
}

/// Ranks a candidate against the viewer's own profile, on what the viewer may see of it.
fn suggested(mine: &Profile, card: MemberCard, shared_contacts: u32) -> Suggested {
    let norm = |s: &str| crate::text::normalise(s);
    let same = |a: &str, b: &str| !a.trim().is_empty() && norm(a) == norm(b);
    let theirs = &card.profile;
    let my_companies: Vec<String> = std::iter::once(mine.company.as_str())
        .chain(mine.work_history.iter().map(|p| p.organisation.as_str()))
        .filter(|s| !s.trim().is_empty())
        .map(norm)
        .collect();
    let same_company = std::iter::once(theirs.company.as_str())
        .chain(theirs.work_history.iter().map(|p| p.organisation.as_str()))
        .any(|c| !c.trim().is_empty() && my_companies.contains(&norm(c)));
    let same_school =
        theirs.education.iter().any(|e| mine.education.iter().any(|m| same(&m.organisation, &e.organisation)));
    let same_city = same(&mine.city, &theirs.city);
    let shared_interests = theirs.interests.iter().filter(|i| mine.interests.iter().any(|m| same(m, i))).count() as u32;
    Suggested { member: card, shared_contacts, same_company, same_school, same_city, shared_interests }
}
