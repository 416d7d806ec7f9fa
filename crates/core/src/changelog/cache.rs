//! Rows held in memory between requests, kept current by the change log.
//!
//! A cache is filled on a miss, from the database, and forgets a key when the log says
//! its row changed. The race between the two is settled by a generation: a reader takes
//! it before reading the database and may fill only if nothing was forgotten since, so a
//! row read before a write never outlives that write's log entry. (The generation is
//! global, not per key: under many writes some fills are skipped, never a stale one
//! kept.) A cache holds nothing until a tailer has built it (`reset(true)`): a Kontor
//! that does not follow the log (a one-off import) always reads the database.

use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::sync::RwLock;

pub struct LogCache<K, V> {
    inner: RwLock<Inner<K, V>>,
    capacity: usize,
}

struct Inner<K, V> {
    /// A fast hash: the keys are the server's own (member and activity keys, hashes).
    map: FxHashMap<K, V>,
    generation: u64,
    live: bool,
}

/// Taken before reading the database; a fill with an outdated ticket is dropped.
#[derive(Clone, Copy, Debug)]
struct Ticket(u64);

impl<K: Eq + Hash + Copy, V: Clone> LogCache<K, V> {
    /// A cache of at most `capacity` rows (past it, an eighth is dropped to make room).
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: RwLock::new(Inner { map: FxHashMap::default(), generation: 0, live: false }),
            capacity: capacity.max(8),
        }
    }

    /// The rows of `keys`: those held, and the rest from one call of `load` (with the
    /// keys missing), held from then on unless the log forgot anything meanwhile.
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
                return Ok(Some(value.clone()));
            }
            Ticket(inner.generation)
        };
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
        (found, missing, Ticket(inner.generation))
    }

    /// Holds rows read from the database with `ticket`, unless the log has made any
    /// row forgotten since the ticket was taken.
    fn fill(&self, ticket: Ticket, rows: impl IntoIterator<Item = (K, V)>) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if !inner.live || inner.generation != ticket.0 {
            return;
        }
        for (key, value) in rows {
            if inner.map.len() >= self.capacity {
                let drop: Vec<K> = inner.map.keys().take(self.capacity / 8).copied().collect();
                for k in drop {
                    inner.map.remove(&k);
                }
            }
            inner.map.insert(key, value);
        }
    }

    /// The log says these rows changed.
    pub fn forget(&self, keys: impl IntoIterator<Item = K>) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        for key in keys {
            inner.map.remove(&key);
        }
    }

    /// The log says the rows `changed` picks out changed (when their keys are not what
    /// the entries name).
    pub fn forget_where(&self, mut changed: impl FnMut(&K, &V) -> bool) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        inner.map.retain(|k, v| !changed(k, v));
    }

    /// The log says a change may touch any row (one whose subject is not a key).
    pub fn forget_all(&self) {
        self.forget_where(|_, _| true);
    }

    /// Drops every row; `live` says whether the log is followed from now on.
    pub fn reset(&self, live: bool) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        inner.generation += 1;
        inner.map.clear();
        inner.live = live;
    }

    /// An index's rebuild: nothing is read ahead (rows are read when first asked for,
    /// after the position returned), and the log is followed from now on.
    pub async fn rebuild(&self, store: &crate::StoreHandle) -> Result<super::LogPosition, crate::StoreError> {
        let position = store.log_head().await?;
        self.reset(true);
        Ok(position)
    }

    /// Grows whenever the log makes the cache forget anything: what was derived from its
    /// rows at one generation may be stale at a later one.
    pub fn generation(&self) -> u64 {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).generation
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
}
