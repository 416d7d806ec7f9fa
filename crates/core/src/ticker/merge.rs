//! Merging the followed members' lists into one page, newest first.

use super::index::{Author, Entry, Head};
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

/// Where the merge stands in one list: entries below `next` are still to come (the
/// newest of them is at `next - 1`); `UNOPENED` until the list is first taken from.
const UNOPENED: usize = usize::MAX;

/// Takes up to `limit` entries older than `before` from `followed`, newest first, that
/// `admit` lets through. The first page reads only the heads of the lists it takes
/// nothing from.
pub fn merge(
    followed: &[(u32, &Head)],
    before: Option<i64>,
    limit: usize,
    mut admit: impl FnMut(u32, &Author, &Entry) -> bool,
) -> Merged {
    let before = before.unwrap_or(i64::MAX);
    // Below the oldest entry of a member whose list is cut, memory may miss items.
    let horizon = followed.iter().filter_map(|(_, h)| h.horizon).max();
    let mut next: Vec<usize> = Vec::with_capacity(followed.len());
    let mut newest = Vec::with_capacity(followed.len());
    for (i, (_, head)) in followed.iter().enumerate() {
        if head.newest == i64::MIN {
            next.push(0);
        } else if head.newest < before {
            next.push(UNOPENED);
            newest.push((head.newest, i));
        } else {
            let entries = &head.author.entries;
            let end = entries.partition_point(|e| e.key < before);
            next.push(end);
            if end > 0 {
                newest.push((entries[end - 1].key, i));
            }
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
        let (v, author) = (followed[i].0, &*followed[i].1.author);
        if next[i] == UNOPENED {
            next[i] = author.entries.len();
        }
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

    fn author(keys: &[i64], complete: bool) -> Head {
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
        Head::of(Author { entries, complete, ..Author::default() }, None)
    }

    fn heads(lists: &[(u32, Head)]) -> Vec<(u32, &Head)> {
        lists.iter().map(|(v, h)| (*v, h)).collect()
    }

    fn keys(m: &Merged) -> Vec<i64> {
        m.items.iter().map(|(_, e)| e.key).collect()
    }

    #[test]
    fn merges_newest_first_and_pages_by_key() {
        let lists = vec![(1, author(&[1, 4, 7], true)), (2, author(&[2, 5, 8], true)), (3, author(&[3], true))];
        let followed = heads(&lists);
        let first = merge(&followed, None, 4, |_, _, _| true);
        assert_eq!(keys(&first), [8, 7, 5, 4]);
        let second = merge(&followed, Some(4), 4, |_, _, _| true);
        assert_eq!(keys(&second), [3, 2, 1]);
        assert_eq!(second.continue_below, None);
        let odd = merge(&followed, None, 10, |_, _, e| e.key % 2 == 1);
        assert_eq!(keys(&odd), [7, 5, 3, 1]);
        // An empty list, and a page that starts inside some lists and below others.
        let lists = vec![(1, author(&[], true)), (2, author(&[2, 6], true)), (3, author(&[9], true))];
        assert_eq!(keys(&merge(&heads(&lists), Some(7), 10, |_, _, _| true)), [6, 2]);
        assert_eq!(keys(&merge(&heads(&lists), None, 2, |_, _, _| true)), [9, 6]);
    }

    #[test]
    fn a_cut_list_sends_the_rest_to_the_database() {
        // Member 2's older activities are not in memory: nothing below 5 is certain.
        let lists = vec![(1, author(&[1, 4, 7], true)), (2, author(&[5, 8], false))];
        let followed = heads(&lists);
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
