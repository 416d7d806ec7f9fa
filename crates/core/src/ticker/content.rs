//! What a ticker page shows of each activity, held in memory: the rows (bodies, and the
//! posts that shares, comments and likes are about) with their mentions, and each post's
//! counts as one reader sees them. A page would otherwise read all three from the
//! database. Rows are never a rendered view: members on them go through the profile
//! policy, and items through the gate, on every read.
//!
//! The log keeps them current, per key: an edit, a deletion, a like, comment or share
//! names the activity or post (`PostChanged`); a post's counts, held per reader, are
//! forgotten for every reader at once (the post is their group).

use super::TickerRepo;
use super::{Activity, PostStats};
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogCache, LogEntry, LogPosition};
use crate::ids::{ActivityKey, MemberKey};
use async_trait::async_trait;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::Arc;

/// Activities held: a few hundred bytes each as most posts are short, at most about 12 KB
/// (3,000 characters): 5 to 240 MB.
const ROWS_HELD: usize = 20_000;
/// Counts held, per post and reader: a few dozen bytes each.
const STATS_HELD: usize = 200_000;

/// An activity as stored, with the members its text mentions.
#[derive(Debug)]
pub struct Content {
    pub activity: Activity,
    pub mentions: Vec<MemberKey>,
}

pub struct ContentCache {
    rows: LogCache<ActivityKey, Arc<Content>>,
    stats: LogCache<(ActivityKey, MemberKey), PostStats>,
}

impl ContentCache {
    pub fn new() -> Arc<Self> {
        Arc::new(Self { rows: LogCache::new(ROWS_HELD), stats: LogCache::grouped(STATS_HELD, |&(post, _)| post.0) })
    }

    /// The activities of `keys` and the posts they are about (those that still exist),
    /// from memory or in one read each for the rest.
    pub async fn activities(
        &self,
        store: &dyn TickerRepo,
        keys: &[ActivityKey],
    ) -> Result<FxHashMap<ActivityKey, Arc<Content>>, StoreError> {
        let load = |missing: Vec<ActivityKey>| async move {
            let mut rows = store.activities_with_posts(&missing).await?;
            rows.sort_unstable_by_key(|a| a.key);
            rows.dedup_by_key(|a| a.key);
            let keys: Vec<ActivityKey> = rows.iter().map(|a| a.key).collect();
            let mut mentioned: HashMap<ActivityKey, Vec<MemberKey>> = HashMap::new();
            for (activity, member) in store.mentions(&keys).await? {
                mentioned.entry(activity).or_default().push(member);
            }
            Ok::<_, StoreError>(
                rows.into_iter()
                    .map(|activity| {
                        let mentions = mentioned.remove(&activity.key).unwrap_or_default();
                        (activity.key, Arc::new(Content { activity, mentions }))
                    })
                    .collect(),
            )
        };
        let mut found = self.rows.read(keys, load).await?;
        let mut posts: Vec<ActivityKey> =
            found.values().filter_map(|c| c.activity.post).filter(|p| !found.contains_key(p)).collect();
        if !posts.is_empty() {
            posts.sort_unstable();
            posts.dedup();
            found.extend(self.rows.read(&posts, load).await?);
        }
        Ok(found)
    }

    /// Likes, comments and shares of `posts`, and whether `reader` liked each.
    /// The counts under `posts` as `reader` may see them: without what `hidden` did.
    /// Only the counts of readers who hide nobody (nearly all) are held.
    pub async fn stats(
        &self,
        store: &dyn TickerRepo,
        posts: &[ActivityKey],
        reader: MemberKey,
        hidden: &[MemberKey],
    ) -> Result<FxHashMap<ActivityKey, PostStats>, StoreError> {
        if !hidden.is_empty() {
            return Ok(store.post_stats(posts, reader, hidden).await?.into_iter().collect());
        }
        let keys: Vec<(ActivityKey, MemberKey)> = posts.iter().map(|&p| (p, reader)).collect();
        let found = self
            .stats
            .read(&keys, |missing| async move {
                let posts: Vec<ActivityKey> = missing.iter().map(|&(p, _)| p).collect();
                let read = store.post_stats(&posts, reader, &[]).await?;
                Ok::<_, StoreError>(read.into_iter().map(|(p, s)| ((p, reader), s)).collect())
            })
            .await?;
        Ok(found.into_iter().map(|((p, _), s)| (p, s)).collect())
    }

    /// The highest version of these activities' rows and of these posts' counts for
    /// `reader` (see [`LogCache::max_version`]).
    pub fn versions(&self, activities: &[ActivityKey], posts: &[ActivityKey], reader: MemberKey) -> (u64, u64) {
        (self.rows.max_version(activities.iter().copied()), self.stats.max_version(posts.iter().map(|&p| (p, reader))))
    }

    pub(crate) fn switch_off(&self) {
        self.rows.reset(false);
        self.stats.reset(false);
    }

    /// Grows whenever the log makes the cache forget anything.
    pub fn generation(&self) -> u64 {
        self.rows.generation().max(self.stats.generation())
    }

    /// Reads answered from memory and from the database, rows and counts together.
    pub fn counts(&self) -> (u64, u64) {
        let (rows, stats) = (self.rows.counts(), self.stats.counts());
        (rows.0 + stats.0, rows.1 + stats.1)
    }
}

#[async_trait]
impl<S: TickerRepo + ChangeLogRepo + ?Sized> Index<S> for ContentCache {
    fn name(&self) -> &'static str {
        "ticker content"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::MemberErased, ChangeKind::PostChanged]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        let position = self.rows.rebuild(store).await?;
        self.stats.reset(true);
        Ok(position)
    }

    async fn apply(&self, _store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        if entries.iter().any(|e| e.kind == ChangeKind::MemberErased) {
            // Their activities, likes and comments went with them, on anyone's posts.
            self.rows.forget_all();
            self.stats.forget_all();
            return Ok(());
        }
        let changed: Vec<i64> = entries.iter().map(|e| e.subject).collect();
        self.rows.forget(changed.iter().map(|&k| ActivityKey(k)));
        self.stats.forget_groups(changed);
        Ok(())
    }
}
