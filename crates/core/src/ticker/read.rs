//! Reading the ticker: the merge over the followed members, the checks on both sides'
//! settings and the network rule, and the rendering of each item when it is read.

use super::gather::gather;
use super::index::{Author, Entry, TickerIndex};
use super::memo::{Made, ReadOn, Shown};
use super::merge::{Merged, merge};
use super::model::limits;
use super::view::{
    Because, CommentView, PostThread, PostView, ProfileNewsView, Reaction, TickerItem, TickerPage, spans,
};
use super::{Activity, ActivityKind, Audience, Content, ProfileChanges, Ticker, TickerFilter};
use crate::accounts::{Current, MemberState};
use crate::changelog::Remembered;
use crate::error::{Error, Result};
use crate::ids::{ActivityId, ActivityKey, MemberId, MemberKey};
use crate::network::{MemberCard, Viewer, member, vertex};
use crate::privacy::Needs;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// Rows read from the database at most in one round, past what memory holds.
const DATABASE_ROUND: usize = 2_000;
/// Activities taken for each card a page shows: a post's likes and comments fold into
/// its card, so a page of cards needs more activities than cards.
const ACTIVITIES_PER_CARD: usize = 3;

/// What page of the ticker to read.
#[derive(Clone, Copy, Debug, Default)]
pub struct TickerQuery {
    pub before: Option<ActivityId>,
    pub filter: TickerFilter,
    pub limit: usize,
}

/// Does `audience`, set by `author`, let the viewer in? (The author is neither the viewer
/// nor hidden from them; the caller checked.)
pub(super) fn audience_admits(viewer: &mut Viewer, author: MemberKey, audience: Audience) -> bool {
    match crate::privacy::needs(audience.visibility()) {
        Needs::Anyone | Needs::Member => true,
        Needs::Owner => false,
        Needs::WithinSteps(1) => viewer.is_contact(author),
        Needs::WithinSteps(steps) => viewer.within(author, steps),
    }
}

/// Decides, entry by entry, what the viewer's ticker shows.
pub(super) struct Gate<'v> {
    viewer: &'v mut Viewer,
    me: u32,
    filter: TickerFilter,
    /// A new contact between two of the viewer's contacts is written once per side.
    contacts_seen: FxHashSet<(u32, u32)>,
    /// What the audience check said of a post's author and audience: many reactions
    /// are to the same few posts.
    admitted: FxHashMap<(u32, Audience), bool>,
}

impl<'v> Gate<'v> {
    pub(super) fn new(viewer: &'v mut Viewer, filter: TickerFilter) -> Self {
        let me = vertex(viewer.account.key).unwrap_or(u32::MAX);
        // Room for a page's worth, so the sets do not grow while the merge runs.
        let (contacts_seen, admitted) = (
            FxHashSet::with_capacity_and_hasher(32, Default::default()),
            FxHashMap::with_capacity_and_hasher(32, Default::default()),
        );
        Self { viewer, me, filter, contacts_seen, admitted }
    }

    pub(super) fn admits(&mut self, author_vertex: u32, author: &Author, entry: &Entry) -> bool {
        if !self.filter.admits(entry.kind) {
            return false;
        }
        let actor = member(author_vertex);
        match entry.kind {
            ActivityKind::Post => true,
            ActivityKind::Share | ActivityKind::Comment | ActivityKind::Like => {
                let Some(post_author) = entry.other() else { return false };
                let audience = entry.post_audience.unwrap_or_default();
                let viewer = &mut *self.viewer;
                post_author == viewer.account.key
                    || *self.admitted.entry((entry.other, audience)).or_insert_with(|| {
                        !viewer.is_hidden(post_author) && audience_admits(viewer, post_author, audience)
                    })
            }
            ActivityKind::Contact => {
                let Some(other) = entry.other() else { return false };
                // The reader's own contacts are no news to them.
                author_vertex != self.me
                    && entry.other != self.me
                    && author.settings.announce_contacts
                    && self.viewer.reveals_contact(actor, other)
                    && self.contacts_seen.insert((author_vertex.min(entry.other), author_vertex.max(entry.other)))
            }
            ActivityKind::Profile => author_vertex != self.me && author.settings.profile_reach.audience().is_some(),
        }
    }
}

/// The first page's items as the engine picks them from memory, before anything is read
/// from the database or rendered: the followed members' lists looked up, merged and gated
/// as [`Ticker::page`] does. For the benchmark, which holds no database.
pub fn first_page_from_memory(
    index: &TickerIndex,
    viewer: &mut Viewer,
    followed: &[MemberKey],
    limit: usize,
) -> Merged {
    let mut gate = Gate::new(viewer, TickerFilter::All);
    index.with_lists(followed, |lists| merge(lists, None, limit, |v, a, e| gate.admits(v, a, e)))
}

/// The members whose news the viewer follows: their contacts and themselves, less those
/// they muted (`state`, the viewer's own lists).
fn followed(viewer: &Viewer, state: &MemberState) -> Vec<MemberKey> {
    let muted: FxHashSet<MemberKey> = state.mutes.iter().copied().collect();
    let mut members = viewer.contacts();
    members.retain(|m| !muted.contains(m));
    members.push(viewer.account.key);
    members
}

/// What a page shows, for the memo of first pages: the members `viewer` follows, the
/// activities and posts (whose counts it shows too), and every member on it (actors,
/// others, mentioned, birthdays).
fn shown(
    viewer: MemberKey,
    followed: Vec<MemberKey>,
    activities: &[Arc<Content>],
    posts: &FxHashMap<ActivityKey, Arc<Content>>,
    born_today: &[MemberKey],
) -> Shown {
    let mut members: Vec<MemberKey> = born_today.to_vec();
    for c in activities.iter().chain(posts.values()) {
        members.push(c.activity.actor);
        members.extend(c.activity.other);
        members.extend(c.mentions.iter().copied());
    }
    members.sort_unstable();
    members.dedup();
    let mut keys: Vec<ActivityKey> = activities.iter().map(|c| c.activity.key).chain(posts.keys().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    Shown { viewer, followed, activities: keys, posts: posts.keys().copied().collect(), members }
}

/// What [`Ticker::pick`] found for a page.
struct Picked {
    activities: Vec<Arc<Content>>,
    /// The posts they are about, by key.
    posts: FxHashMap<ActivityKey, Arc<Content>>,
    /// Whether there may be more after them.
    more: bool,
    /// On the first page: the followed members whose birthday is today, where they let
    /// the ticker say so.
    born_today: Vec<MemberKey>,
}

impl Ticker<'_> {
    /// A page of the current member's ticker: everything their contacts did that they
    /// may see, newest first, and (first page) today's birthdays.
    pub async fn page(&self, current: &Current, query: TickerQuery) -> Result<Arc<Remembered<TickerPage>>> {
        let mut viewer = self.k.network().viewer(&current.account).await?;
        self.page_for(&mut viewer, query).await
    }

    /// [`Ticker::page`] for a viewer the caller has already (a page that shows more of
    /// the network than the ticker). The first page is made once for as long as nothing
    /// it shows has changed (see [`super::memo`]).
    pub async fn page_for(&self, viewer: &mut Viewer, query: TickerQuery) -> Result<Arc<Remembered<TickerPage>>> {
        let limit = if query.limit == 0 { limits::PAGE } else { query.limit.min(limits::MAX_PAGE) };
        let me = viewer.account.key;
        let state = self.k.member_state(me).await?;
        let read_on = match (&query.before, viewer.on_graph_state()) {
            (None, Some(on)) => Some(ReadOn::of(self.k, on, state.clone(), query.filter, limit)),
            _ => None,
        };
        let memo = self.k.first_pages();
        if let Some(page) =
            read_on.as_ref().and_then(|on| memo.get_where((me, query.filter), |made| made.holds(self.k, on)))
        {
            return Ok(page);
        }
        let before = match query.before {
            Some(id) => Some(self.k.store().activity(id).await?.ok_or(Error::NotFound)?.key.0),
            None => None,
        };
        let followed = followed(viewer, &state);
        let Picked { activities, posts, more, born_today } =
            self.pick(viewer, &followed, before, query.filter, limit * ACTIVITIES_PER_CARD).await?;
        let shown = read_on.is_some().then(|| shown(me, followed, &activities, &posts, &born_today));
        let birthdays = self.k.network().cards(viewer, &born_today).await?;
        let birthdays = birthdays.into_iter().filter(|c| c.profile.birthday.is_some()).collect();
        let gathered = gather(&activities, limit);
        let taken = &activities[..gathered.taken];
        // An item that cannot be shown after all (gone since, or nothing of it visible)
        // leaves the page a little shorter; the cursor still moves past it.
        let items = self.render(viewer, &activities, &gathered.cards, posts).await?;
        let more = more || taken.len() < activities.len();
        let next = if more { taken.last().map(|c| c.activity.id) } else { None };
        let page = Arc::new(Remembered::new(TickerPage { items, next, birthdays }));
        if let (Some(on), Some(shown)) = (read_on, shown)
            && let Some(made) = Made::of(self.k, on, shown)
        {
            memo.put((me, query.filter), made, page.clone());
        }
        Ok(page)
    }

    /// A page's activities, from memory and, past what memory holds, from the database
    /// (see [`Picked`]).
    async fn pick(
        &self,
        viewer: &mut Viewer,
        followed: &[MemberKey],
        before: Option<i64>,
        filter: TickerFilter,
        limit: usize,
    ) -> Result<Picked> {
        // Birthdays are told on the first page only.
        let birthdays = before.is_none();
        let today = self.k.now().date();
        let me = viewer.account.key;
        let mut gate = Gate::new(viewer, filter);
        let (Merged { items, continue_below }, born_today) = self.k.index().with_lists(followed, |lists| {
            let merged = merge(lists, before, limit, |v, a, e| gate.admits(v, a, e));
            let born_today: Vec<MemberKey> = lists
                .iter()
                .filter(|(v, h)| birthdays && member(*v) != me && h.birthday_on(today))
                .map(|(v, _)| member(*v))
                .collect();
            (merged, born_today)
        });
        let mut keys: Vec<ActivityKey> = items.iter().map(|(_, e)| ActivityKey(e.key)).collect();
        let mut more = keys.len() >= limit;
        if let Some(mut below) = continue_below {
            // Older than memory reaches: the same gate over the database's rows.
            let lists = self.k.index().lists(followed);
            let actors: Vec<MemberKey> = lists.iter().map(|(v, _)| member(*v)).collect();
            let authors: FxHashMap<u32, &Arc<Author>> = lists.iter().map(|(v, a)| (*v, a)).collect();
            // A filtered kind may be rare among the rows: each round reads twice as many.
            let mut want = (limit - keys.len()) * 2;
            while keys.len() < limit {
                let rows = self.k.store().activities_of(&actors, Some(ActivityKey(below)), want as u32).await?;
                for row in &rows {
                    let (Some(v), Some(author)) = (vertex(row.actor), vertex(row.actor).and_then(|v| authors.get(&v)))
                    else {
                        continue;
                    };
                    if keys.len() < limit && gate.admits(v, author, &Entry::of(row)) {
                        keys.push(row.key);
                    }
                }
                more = rows.len() >= want || keys.len() >= limit;
                match rows.last() {
                    Some(last) if rows.len() >= want => below = last.key.0,
                    _ => break,
                }
                want = (want * 2).min(DATABASE_ROUND);
            }
        }
        let mut found = self.k.content().activities(self.k.store(), &keys).await?;
        let activities = keys.iter().filter_map(|k| found.get(k).cloned()).collect();
        found.retain(|_, c| c.activity.kind == ActivityKind::Post);
        Ok(Picked { activities, posts: found, more, born_today })
    }

    /// Turns cards of activities (indices into `activities`, see [`gather`]) into items:
    /// every member on them through the profile policy, the posts they are about
    /// (`posts`, by key) with their counts. A card whose newest activity cannot be shown
    /// (its member is hidden now) is headed by the next one that can.
    async fn render(
        &self,
        viewer: &mut Viewer,
        activities: &[Arc<Content>],
        groups: &[Vec<usize>],
        posts: FxHashMap<ActivityKey, Arc<Content>>,
    ) -> Result<Vec<TickerItem>> {
        let mut people: Vec<MemberKey> = Vec::new();
        for c in activities {
            people.push(c.activity.actor);
            people.extend(c.activity.other);
        }
        let mentions: Vec<(ActivityKey, MemberKey)> = posts
            .values()
            .chain(activities)
            .flat_map(|c| c.mentions.iter().map(move |&m| (c.activity.key, m)))
            .collect();
        people.extend(mentions.iter().map(|(_, m)| *m));
        people.sort_unstable();
        people.dedup();
        let cards = self.k.network().cards_by_key(viewer, &people).await?;
        let post_keys: Vec<ActivityKey> = posts.keys().copied().collect();
        let hidden = viewer.hidden_members();
        let stats = self.k.content().stats(self.k.store(), &post_keys, viewer.account.key, &hidden).await?;
        let named = |key: ActivityKey| mentioned_in(&mentions, &cards, key);
        let me = viewer.account.key;
        // A member always sees who wrote what they may read: an author without a card
        // for them is hidden from them or gone, and so is the post.
        let post_view = |p: &Activity| -> Option<PostView> {
            Some(PostView {
                id: p.id,
                author: Some(cards.get(&p.actor)?.clone()),
                text: spans(&p.body, &named(p.key)),
                audience: p.audience,
                created_at: p.created_at,
                edited_at: p.edited_at,
                stats: stats.get(&p.key).copied().unwrap_or_default(),
                mine: p.actor == me,
            })
        };
        let because = |actor: &MemberCard| {
            if actor.key == me {
                Because::Yourself
            } else {
                Because::Contact { member: actor.id, name: actor.name.as_str().to_string() }
            }
        };
        let mut items = Vec::with_capacity(groups.len());
        for group in groups {
            let mut shown = group.iter().map(|&i| &activities[i]).filter(|c| cards.contains_key(&c.activity.actor));
            let Some(head) = shown.next() else { continue };
            let Some(mut item) = Self::headed_by(head, &cards, &posts, &post_view, &named, &because) else { continue };
            if item.post.is_some() {
                for c in std::iter::once(head).chain(shown) {
                    let a = &c.activity;
                    let actor = &cards[&a.actor];
                    let reason = because(actor);
                    if !item.reasons.contains(&reason) {
                        item.reasons.push(reason);
                    }
                    if a.kind != ActivityKind::Post {
                        let text = (!a.body.is_empty()).then(|| spans(&a.body, &named(a.key)));
                        item.reactions.push(Reaction {
                            id: a.id,
                            kind: a.kind,
                            actor: actor.clone(),
                            at: a.created_at,
                            text,
                        });
                    }
                }
            }
            items.push(item);
        }
        Ok(items)
    }

    /// An item headed by one activity, if the viewer may see what it is about.
    fn headed_by(
        c: &Content,
        cards: &FxHashMap<MemberKey, MemberCard>,
        posts: &FxHashMap<ActivityKey, Arc<Content>>,
        post_view: &impl Fn(&Activity) -> Option<PostView>,
        named: &impl Fn(ActivityKey) -> Vec<(MemberId, String)>,
        because: &impl Fn(&MemberCard) -> Because,
    ) -> Option<TickerItem> {
        let a = &c.activity;
        let actor = cards.get(&a.actor)?;
        let mut item = TickerItem {
            id: a.id,
            kind: a.kind,
            actor: actor.clone(),
            at: a.created_at,
            other: None,
            post: None,
            text: None,
            profile: None,
            because: because(actor),
            // A post's are gathered with its reactions.
            reasons: Vec::new(),
            reactions: Vec::new(),
        };
        match a.kind {
            ActivityKind::Post => item.post = Some(post_view(a)?),
            ActivityKind::Share | ActivityKind::Comment | ActivityKind::Like => {
                // The post is gone, or its author is hidden from the viewer now.
                item.post = Some(a.post.and_then(|p| posts.get(&p)).and_then(|p| post_view(&p.activity))?);
                if !a.body.is_empty() {
                    item.text = Some(spans(&a.body, &named(a.key)));
                }
            }
            ActivityKind::Contact => item.other = Some(a.other.and_then(|o| cards.get(&o))?.clone()),
            ActivityKind::Profile => item.profile = Some(profile_news(actor, a.changes)?),
        }
        if item.post.is_none() {
            item.reasons.push(item.because.clone());
        }
        Some(item)
    }

    /// A post on its own page with all its comments, for a member or the public.
    pub async fn thread(&self, current: Option<&Current>, id: ActivityId) -> Result<PostThread> {
        let store = self.k.store();
        let post = store.activity(id).await?.ok_or(Error::NotFound)?;
        if post.kind != ActivityKind::Post {
            return Err(Error::NotFound);
        }
        // A member reads through their window on the network; the public (not logged in)
        // reads public posts, with only the public's view of every member on them.
        let mut viewer = match current {
            Some(current) => Some(self.k.network().viewer(&current.account).await?),
            None => None,
        };
        if !self.may_see_post(viewer.as_mut(), &post).await? {
            return Err(Error::NotFound);
        }
        let comments = store.comments(post.key, 1_000).await?;
        let mut all = vec![post.clone()];
        all.extend(comments.iter().cloned());
        let keys: Vec<ActivityKey> = all.iter().map(|a| a.key).collect();
        let mentions = store.mentions(&keys).await?;
        let mut people: Vec<MemberKey> = all.iter().map(|a| a.actor).chain(mentions.iter().map(|(_, m)| *m)).collect();
        people.sort_unstable();
        people.dedup();
        let cards = match viewer.as_mut() {
            Some(viewer) => self.k.network().cards_by_key(viewer, &people).await?,
            None => self.k.network().public_cards(&people).await?,
        };
        let named = |key: ActivityKey| mentioned_in(&mentions, &cards, key);
        // The public has no key: nothing is "mine", nothing "liked".
        let me = current.map_or(MemberKey(0), |c| c.account.key);
        let hidden = viewer.as_ref().map(Viewer::hidden_members).unwrap_or_default();
        let stats = store.post_stats(&[post.key], me, &hidden).await?.into_iter().next().map(|(_, s)| s);
        let stats = stats.unwrap_or_default();
        // The post is for this reader (checked above); its author perhaps not.
        let author = cards.get(&post.actor).cloned();
        let view = PostView {
            id: post.id,
            author,
            text: spans(&post.body, &named(post.key)),
            audience: post.audience,
            created_at: post.created_at,
            edited_at: post.edited_at,
            stats,
            mine: post.actor == me,
        };
        let ids: FxHashMap<ActivityKey, ActivityId> = comments.iter().map(|c| (c.key, c.id)).collect();
        let mut top: Vec<(ActivityKey, CommentView)> = Vec::new();
        let mut replies: FxHashMap<ActivityKey, Vec<CommentView>> = FxHashMap::default();
        for c in &comments {
            // Comments of members the viewer may not see (blocked, gone) are left out.
            let Some(author) = cards.get(&c.actor) else { continue };
            let view = CommentView {
                id: c.id,
                author: author.clone(),
                text: spans(&c.body, &named(c.key)),
                reply_to: c.parent.and_then(|p| ids.get(&p).copied()),
                created_at: c.created_at,
                edited_at: c.edited_at,
                mine: c.actor == me,
                replies: Vec::new(),
            };
            match c.parent {
                Some(parent) => replies.entry(parent).or_default().push(view),
                None => top.push((c.key, view)),
            }
        }
        let top = top
            .into_iter()
            .map(|(key, mut comment)| {
                comment.replies = replies.remove(&key).unwrap_or_default();
                comment
            })
            .collect();
        Ok(PostThread { post: view, raw: post.body, comments: top })
    }
}

/// The members an activity mentions that the reader may see, by the name they have now.
fn mentioned_in(
    mentions: &[(ActivityKey, MemberKey)],
    cards: &FxHashMap<MemberKey, MemberCard>,
    key: ActivityKey,
) -> Vec<(MemberId, String)> {
    mentions
        .iter()
        .filter(|(a, _)| *a == key)
        .filter_map(|(_, m)| cards.get(m).map(|c| (c.id, c.name.as_str().to_string())))
        .collect()
}

/// The parts of a profile change the viewer may see in the actor's card now; none if
/// nothing of it is visible.
fn profile_news(card: &MemberCard, changes: ProfileChanges) -> Option<ProfileNewsView> {
    let mut news = ProfileNewsView::default();
    if changes.has(ProfileChanges::POSITION) && !(card.position.is_empty() && card.company.is_empty()) {
        news.position = Some(card.position.clone()).filter(|p| !p.is_empty());
        news.company = Some(card.company.clone()).filter(|c| !c.is_empty());
    }
    if changes.has(ProfileChanges::HEADLINE) && !card.headline.is_empty() {
        news.headline = Some(card.headline.clone());
    }
    news.photo = changes.has(ProfileChanges::PHOTO) && card.photo.is_some();
    let shown = news.position.is_some() || news.company.is_some() || news.headline.is_some() || news.photo;
    shown.then_some(news)
}
