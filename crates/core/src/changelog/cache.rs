//! Rows held in memory between requests, kept current by the change log.
//!
//! A cache is filled on a miss, from the database, and forgets a key when the log says
//! its row changed. The race between the two is settled by versions per key: a reader
//! takes a ticket (the cache's generation) before reading the database and may fill a
//! row only if its key was not forgotten since, so a row read before a write never
//! outlives that write's log entry, and a write to one key spoils no other key's fill.
//! The versions of keys forgotten lately are kept (a bounded map); past the bound, and
//! when the log says anything may have changed, every key's version rises at once (the
//! floor). A cache may name a group for each row (the post a reader's counts are of, the
//! member a session is of), so that one entry forgets every row of a group, with the
//! group's version, without a scan.
//! A cache holds nothing until a tailer has built it (`reset(true)`), and nothing
//! while caches are switched off: then every read goes to the database.

use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::Hash;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct LogCache<K, V> {
    inner: RwLock<Inner<K, V>>,
    capacity: usize,
    counts: Counts,
    /// How rows are grouped, for caches forgotten by group.
    group: Option<Grouping<K, V>>,
}

/// The group of a row: named by its key alone (so even a row not held has one), or by
/// what the row holds.
enum Grouping<K, V> {
    Key(fn(&K) -> i64),
    Row(fn(&K, &V) -> i64),
}

struct Inner<K, V> {
    /// A fast hash: the keys are the server's own (member and activity keys, hashes).
    map: FxHashMap<K, V>,
    /// Grows with every forgetting.
    generation: u64,
    /// The generation at which each key lately forgotten was forgotten.
    forgotten: FxHashMap<K, u64>,
    /// The generation at which each group lately forgotten was forgotten.
    forgotten_groups: FxHashMap<i64, u64>,
    /// The keys held, by group (grouped caches only).
    held_groups: FxHashMap<i64, FxHashSet<K>>,
    /// Every key's version is at least this.
    floor: u64,
    live: bool,
}

impl<K: Eq + Hash, V> Inner<K, V> {
    fn version(&self, key: &K, group: Option<i64>) -> u64 {
        let of_group = group.and_then(|g| self.forgotten_groups.get(&g)).copied().unwrap_or(0);
        self.forgotten.get(key).copied().unwrap_or(0).max(of_group).max(self.floor)
    }

    fn clear_versions(&mut self) {
        self.forgotten.clear();
        self.forgotten_groups.clear();
        self.floor = self.generation;
    }
}

/// How often reads were answered from memory, and how often from the database.
#[derive(Default)]
pub struct Counts {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Counts {
    pub fn hit(&self, n: u64) {
        self.hits.fetch_add(n, Ordering::Relaxed);
    }

    pub fn miss(&self, n: u64) {
        self.misses.fetch_add(n, Ordering::Relaxed);
    }

    /// Hits and misses so far.
    pub fn get(&self) -> (u64, u64) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }
}

/// Taken before reading the database; a fill of a key forgotten since is dropped.
#[derive(Clone, Copy, Debug)]
struct Ticket(u64);

impl<K: Eq + Hash + Copy, V: Clone> LogCache<K, V> {
    /// A cache of at most `capacity` rows (past it, an eighth is dropped to make room).
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: RwLock::new(Inner {
                map: FxHashMap::default(),
                generation: 0,
                forgotten: FxHashMap::default(),
                forgotten_groups: FxHashMap::default(),
                held_groups: FxHashMap::default(),
                floor: 0,
                live: false,
            }),
            capacity: capacity.max(8),
            counts: Counts::default(),
            group: None,
        }
    }

    /// A cache whose rows are also forgotten by the `group` their key names (see
    /// [`LogCache::forget_groups`]).
    pub fn grouped(capacity: usize, group: fn(&K) -> i64) -> Self {
        Self { group: Some(Grouping::Key(group)), ..Self::new(capacity) }
    }

    /// A cache whose rows are also forgotten by the `group` each row names (the key does
    /// not say it): forgetting a group forgets its rows held, each with its version.
    pub fn grouped_by_row(capacity: usize, group: fn(&K, &V) -> i64) -> Self {
        Self { group: Some(Grouping::Row(group)), ..Self::new(capacity) }
    }

    /// The group of `key` (with its row, where one is at hand).
    fn group_of(&self, key: &K, row: Option<&V>) -> Option<i64> {
        match self.group.as_ref()? {
            Grouping::Key(group) => Some(group(key)),
            Grouping::Row(group) => row.map(|row| group(key, row)),
        }
    }

    /// The group of `key` as far as it is known: a row's group only while the row is held
    /// (the row is looked up only when the grouping needs it).
    fn held_group(&self, inner: &Inner<K, V>, key: &K) -> Option<i64> {
        match self.group.as_ref()? {
            Grouping::Key(group) => Some(group(key)),
            Grouping::Row(group) => inner.map.get(key).map(|row| group(key, row)),
        }
    }

    /// The rows of `keys`: those held, and the rest from one call of `load` (with the
    /// keys missing), held from then on unless the log forgot them meanwhile.
    pub async fn read<E, Fut>(&self, keys: &[K], load: impl FnOnce(Vec<K>) -> Fut) -> Result<FxHashMap<K, V>, E>
    where
        Fut: std::future::Future<Output = Result<Vec<(K, V)>, E>>,
    {
        let (mut found, missing, ticket) = self.get(keys);
        if !missing.is_empty() {
            let rows = load(missing).await?;
            found.extend(rows.iter().cloned());
            self.fill(ticket, rows);
        }
        Ok(found)
    }

    /// The row of one `key`, as [`LogCache::read`] gives it, without building a map (a
    /// page asks for a few single rows on every request).
    pub async fn read_one<E, Fut>(&self, key: K, load: impl FnOnce(Vec<K>) -> Fut) -> Result<Option<V>, E>
    where
        Fut: std::future::Future<Output = Result<Vec<(K, V)>, E>>,
    {
        let ticket = {
            let inner = self.inner.read().unwrap_or_else(|p| p.into_inner());
            if let Some(value) = inner.map.get(&key) {
                self.counts.hit(1);
                return Ok(Some(value.clone()));
            }
            Ticket(inner.generation)
        };
        self.counts.miss(1);
        let rows = load(vec![key]).await?;
        let found = rows.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        self.fill(ticket, rows);
        Ok(found)
    }

    /// The rows held for `keys`, the keys to read from the database, and the ticket
    /// for filling them in.
    fn get(&self, keys: &[K]) -> (FxHashMap<K, V>, Vec<K>, Ticket) {
        let inner = self.inner.read().unwrap_or_else(|p| p.into_inner());
        let mut found = FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut missing = Vec::new();
        for &key in keys {
            match inner.map.get(&key) {
                Some(value) => {
                    found.insert(key, value.clone());
                }
                None => missing.push(key),
            }
        }
        self.counts.hit(found.len() as u64);
        self.counts.miss(missing.len() as u64);
        (found, missing, Ticket(inner.generation))
    }

    /// Holds rows read from the database with `ticket`, but none whose key the log has
    /// made forgotten since the ticket was taken.
    fn fill(&self, ticket: Ticket, rows: impl IntoIterator<Item = (K, V)>) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if !inner.live || inner.floor > ticket.0 {
            return;
        }
        for (key, value) in rows {
            let group = self.group_of(&key, Some(&value));
            if inner.version(&key, group) > ticket.0 {
                continue;
            }
            if inner.map.len() >= self.capacity {
                let drop: Vec<K> = inner.map.keys().take(self.capacity / 8).copied().collect();
                for k in drop {
                    self.drop_row(&mut inner, &k);
                }
            }
            if inner.map.insert(key, value).is_none()
                && let Some(group) = group
            {
                inner.held_groups.entry(group).or_default().insert(key);
            }
        }
    }

    /// Drops the row of `key`, from its group too. A row's group that its key does not
    /// name is gone with the row, so the key keeps the group's version itself.
    fn drop_row(&self, inner: &mut Inner<K, V>, key: &K) {
        let Some(row) = inner.map.remove(key) else { return };
        let Some(group) = self.group_of(key, Some(&row)) else { return };
        if let Some(held) = inner.held_groups.get_mut(&group) {
            held.remove(key);
            if held.is_empty() {
                inner.held_groups.remove(&group);
            }
        }
        if matches!(self.group, Some(Grouping::Row(_)))
            && let Some(&forgotten) = inner.forgotten_groups.get(&group)
        {
            let version = inner.forgotten.entry(*key).or_default();
            *version = (*version).max(forgotten);
        }
    }

    /// The log says these rows changed.
    pub fn forget(&self, keys: impl IntoIterator<Item = K>) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        let generation = inner.generation;
        for key in keys {
            self.drop_row(&mut inner, &key);
            inner.forgotten.insert(key, generation);
        }
        // Versions of keys forgotten long ago matter only to fills that old: past the
        // bound, they are dropped and every key's version rises to now.
        if inner.forgotten.len() > self.capacity {
            inner.clear_versions();
        }
    }

    /// The log says every row of these groups changed.
    pub fn forget_groups(&self, groups: impl IntoIterator<Item = i64>) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        let generation = inner.generation;
        let by_row = matches!(self.group, Some(Grouping::Row(_)));
        for group in groups {
            for key in inner.held_groups.remove(&group).unwrap_or_default() {
                inner.map.remove(&key);
                // A row's group is not known from its key alone: the key carries the version.
                if by_row {
                    inner.forgotten.insert(key, generation);
                }
            }
            inner.forgotten_groups.insert(group, generation);
        }
        if inner.forgotten.len() > self.capacity || inner.forgotten_groups.len() > self.capacity {
            inner.clear_versions();
        }
    }

    /// The log says the rows `changed` picks out changed (when their keys are not what
    /// the entries name). Rows being read meanwhile may be such rows too, so no fill
    /// from before is kept.
    pub fn forget_where(&self, mut changed: impl FnMut(&K, &V) -> bool) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        inner.clear_versions();
        let gone: Vec<K> = inner.map.iter().filter(|(k, v)| changed(k, v)).map(|(k, _)| *k).collect();
        for key in gone {
            self.drop_row(&mut inner, &key);
        }
    }

    /// The log says a change may touch any row (one whose subject is not a key).
    pub fn forget_all(&self) {
        self.forget_where(|_, _| true);
    }

    /// Drops every row; `live` says whether the log is followed from now on.
    pub fn reset(&self, live: bool) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        inner.clear_versions();
        inner.map.clear();
        inner.held_groups.clear();
        inner.live = live;
    }

    /// An index's rebuild: nothing is read ahead (rows are read when first asked for,
    /// after the position returned), and the log is followed from now on.
    pub async fn rebuild<S: super::ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
    ) -> Result<super::LogPosition, crate::StoreError> {
        let position = store.log_head().await?;
        self.reset(true);
        Ok(position)
    }

    /// The version of `key`: grows whenever the log makes the cache forget its row (or
    /// may have), so what was derived from the row at one version may be stale at a
    /// later one.
    pub fn version(&self, key: &K) -> u64 {
        let inner = self.inner.read().unwrap_or_else(|p| p.into_inner());
        inner.version(key, self.held_group(&inner, key))
    }

    /// The highest version of `keys` (0 for none): as versions only grow, it changes
    /// whenever any of their rows is forgotten.
    pub fn max_version(&self, keys: impl IntoIterator<Item = K>) -> u64 {
        let inner = self.inner.read().unwrap_or_else(|p| p.into_inner());
        keys.into_iter().map(|k| inner.version(&k, self.held_group(&inner, &k))).max().unwrap_or(0)
    }

    /// Grows whenever the log makes the cache forget anything.
    pub fn generation(&self) -> u64 {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).generation
    }

    /// Reads answered from memory and from the database.
    pub fn counts(&self) -> (u64, u64) {
        self.counts.get()
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_read_before_a_change_is_not_kept_after_it() {
        let cache: LogCache<i64, &str> = LogCache::new(100);
        cache.reset(true);
        let (_, missing, ticket) = cache.get(&[1]);
        assert_eq!(missing, vec![1]);
        // The row changes and the log says so while the old row is being read.
        cache.forget([1]);
        cache.fill(ticket, [(1, "old")]);
        assert!(cache.get(&[1]).0.is_empty());
        let (_, _, ticket) = cache.get(&[1]);
        cache.fill(ticket, [(1, "new")]);
        assert_eq!(cache.get(&[1]).0[&1], "new");
    }

    #[test]
    fn nothing_is_held_before_the_log_is_followed_and_capacity_holds() {
        let cache: LogCache<i64, i64> = LogCache::new(16);
        let (_, _, ticket) = cache.get(&[1]);
        cache.fill(ticket, [(1, 1)]);
        assert!(cache.is_empty());
        cache.reset(true);
        let (_, _, ticket) = cache.get(&[]);
        cache.fill(ticket, (0..100).map(|k| (k, k)));
        assert!(cache.len() <= 16);
        assert!(cache.get(&[99]).0.contains_key(&99));
    }

    #[test]
    fn a_change_to_one_key_spoils_only_that_keys_fill() {
        let cache: LogCache<i64, &str> = LogCache::new(100);
        cache.reset(true);
        let (_, missing, ticket) = cache.get(&[1, 2]);
        assert_eq!(missing, vec![1, 2]);
        let (one, two) = (cache.version(&1), cache.version(&2));
        cache.forget([2]);
        assert!(cache.version(&2) > two);
        assert_eq!(cache.version(&1), one, "another key's version stays");
        cache.fill(ticket, [(1, "one"), (2, "old two")]);
        let (found, missing, _) = cache.get(&[1, 2]);
        assert_eq!(found.get(&1), Some(&"one"));
        assert_eq!(missing, vec![2]);
        // Anything may have changed: no fill from before is kept, every version rises.
        let (_, _, ticket) = cache.get(&[3]);
        cache.forget_all();
        cache.fill(ticket, [(3, "three")]);
        assert!(cache.get(&[3]).0.is_empty());
        assert!(cache.version(&1) > one);
        assert_eq!(cache.counts(), (1, 5));
    }

    #[test]
    fn a_group_is_forgotten_without_touching_other_groups() {
        let cache: LogCache<(i64, i64), i64> = LogCache::grouped(100, |&(post, _)| post);
        cache.reset(true);
        let (_, _, ticket) = cache.get(&[(1, 10), (1, 11), (2, 10)]);
        cache.fill(ticket, [((1, 10), 0), ((2, 10), 0)]);
        let (_, _, ticket) = cache.get(&[(1, 11)]);
        cache.forget_groups([1]);
        // The row of group 1 read before the change is refused; group 2 stays.
        cache.fill(ticket, [((1, 11), 0)]);
        let (found, missing, _) = cache.get(&[(1, 10), (1, 11), (2, 10)]);
        assert_eq!(missing, vec![(1, 10), (1, 11)]);
        assert!(found.contains_key(&(2, 10)));
        assert!(cache.max_version([(1, 10)]) > cache.max_version([(2, 10)]));
    }

    #[test]
    fn a_group_its_rows_name_is_forgotten_without_a_scan_and_refuses_fills_from_before() {
        // Keys say nothing of the group (a session's token); the rows name it (its member).
        let cache: LogCache<u8, (i64, &str)> = LogCache::grouped_by_row(100, |_, row| row.0);
        cache.reset(true);
        let (_, _, ticket) = cache.get(&[1, 2, 3]);
        cache.fill(ticket, [(1, (7, "a")), (2, (8, "b"))]);
        let (_, _, late) = cache.get(&[3]);
        let (one, two) = (cache.version(&1), cache.version(&2));
        cache.forget_groups([7]);
        // Member 7's row read before the change is refused, wherever its key is.
        cache.fill(late, [(3, (7, "c"))]);
        let (found, missing, _) = cache.get(&[1, 2, 3]);
        assert_eq!(missing, vec![1, 3]);
        assert_eq!(found.get(&2), Some(&(8, "b")));
        assert!(cache.version(&1) > one, "the forgotten row's key carries the version");
        assert_eq!(cache.version(&2), two, "another group's row keeps its version");
    }

    #[test]
    fn versions_of_keys_forgotten_long_ago_fold_into_the_floor() {
        let cache: LogCache<i64, i64> = LogCache::new(8);
        cache.reset(true);
        let (_, _, ticket) = cache.get(&[100]);
        for key in 0..20 {
            cache.forget([key]);
        }
        // Key 100 was never forgotten, but its version rose with the floor: the old fill
        // is refused rather than trusted.
        cache.fill(ticket, [(100, 100)]);
        assert!(cache.is_empty());
        assert!(cache.version(&100) > 0);
    }
}
