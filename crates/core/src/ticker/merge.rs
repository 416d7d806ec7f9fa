//! Merging the followed members' lists into one page, newest first.

use super::index::{Author, Entry};
use std::borrow::Borrow;
use std::collections::BinaryHeap;

/// A page from memory, and where the database must go on if memory ran out first.
#[derive(Debug, Default)]
pub struct Merged {
    /// Author (graph vertex) and entry, newest first.
    pub items: Vec<(u32, Entry)>,
    /// Memory holds every followed member's activities down to this key only, and the
    /// page is not full: the rest comes from the database, below this key.
    pub continue_below: Option<i64>,
}

/// Takes up to `limit` entries older than `before` from `followed`, newest first, that
/// `admit` lets through. The lists may be borrowed or shared.
pub fn merge<A: Borrow<Author>>(
    followed: &[(u32, A)],
    before: Option<i64>,
    limit: usize,
    mut admit: impl FnMut(u32, &Author, &Entry) -> bool,
) -> Merged {
    let before = before.unwrap_or(i64::MAX);
    // Below the oldest entry of a member whose list is cut, memory may miss items.
    let authors = || followed.iter().map(|(_, a)| a.borrow());
    let horizon = authors().filter(|a| !a.complete).filter_map(|a| a.entries.first()).map(|e| e.key).max();
    let mut next: Vec<usize> = Vec::with_capacity(followed.len());
    let mut newest = Vec::with_capacity(followed.len());
    for (i, author) in authors().enumerate() {
        let end = match author.entries.last() {
            Some(last) if last.key < before => author.entries.len(),
            _ => author.entries.partition_point(|e| e.key < before),
        };
        next.push(end);
        if end > 0 {
            newest.push((author.entries[end - 1].key, i));
        }
    }
    // Built in one go: a page takes a few dozen entries from hundreds of lists.
    let mut heap = BinaryHeap::from(newest);
    let mut out = Merged { items: Vec::with_capacity(limit), continue_below: None };
    while out.items.len() < limit {
        let Some((key, i)) = heap.pop() else { break };
        if horizon.is_some_and(|h| key < h) {
            break;
        }
        let (v, author) = (followed[i].0, followed[i].1.borrow());
        next[i] -= 1;
        let entry = author.entries[next[i]];
        if next[i] > 0 {
            heap.push((author.entries[next[i] - 1].key, i));
        }
        if admit(v, author, &entry) {
            out.items.push((v, entry));
        }
    }
    if out.items.len() < limit
        && let Some(h) = horizon
    {
        out.continue_below = Some(h.min(before));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticker::{ActivityKind, Audience};
    use std::sync::Arc;

    fn author(keys: &[i64], complete: bool) -> Arc<Author> {
        let entries = keys
            .iter()
            .map(|&key| Entry {
                key,
                other: u32::MAX,
                kind: ActivityKind::Post,
                audience: Audience::Contacts,
                post_audience: None,
            })
            .collect();
        Arc::new(Author { entries, complete, ..Author::default() })
    }

    fn keys(m: &Merged) -> Vec<i64> {
        m.items.iter().map(|(_, e)| e.key).collect()
    }

    #[test]
    fn merges_newest_first_and_pages_by_key() {
        let followed = vec![(1, author(&[1, 4, 7], true)), (2, author(&[2, 5, 8], true)), (3, author(&[3], true))];
        let first = merge(&followed, None, 4, |_, _, _| true);
        assert_eq!(keys(&first), [8, 7, 5, 4]);
        let second = merge(&followed, Some(4), 4, |_, _, _| true);
        assert_eq!(keys(&second), [3, 2, 1]);
        assert_eq!(second.continue_below, None);
        let odd = merge(&followed, None, 10, |_, _, e| e.key % 2 == 1);
        assert_eq!(keys(&odd), [7, 5, 3, 1]);
    }

    #[test]
    fn a_cut_list_sends_the_rest_to_the_database() {
        // Member 2's older activities are not in memory: nothing below 5 is certain.
        let followed = vec![(1, author(&[1, 4, 7], true)), (2, author(&[5, 8], false))];
        let page = merge(&followed, None, 10, |_, _, _| true);
        assert_eq!(keys(&page), [8, 7, 5]);
        assert_eq!(page.continue_below, Some(5));
        let full = merge(&followed, None, 2, |_, _, _| true);
        assert_eq!(full.continue_below, None);
        let later = merge(&followed, Some(3), 10, |_, _, _| true);
        assert!(later.items.is_empty());
        assert_eq!(later.continue_below, Some(3));
    }
}
