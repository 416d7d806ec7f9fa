//! The other network queries: shared contacts, members per degree, suggestions.

use crate::scratch::{EXCLUDED, Side};
use crate::{Adjacency, Filter, Scratch, Vertex};

/// Members who are contacts of both `a` and `b` (through contacts the filter reveals),
/// sorted.
pub fn shared_contacts<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    a: Vertex,
    b: Vertex,
) -> Vec<Vertex> {
    let bound = graph.vertex_bound();
    if a as usize >= bound || b as usize >= bound || a == b {
        return Vec::new();
    }
    scratch.begin(bound);
    scratch.exclude(filter.hidden());
    let open = filter.list_visible(a);
    graph.for_each_neighbour(a, |w| {
        if scratch.mark(w).is_none() && (open || filter.list_visible(w)) {
            scratch.set_mark(w, Side::Source, 1);
        }
    });
    let open = filter.list_visible(b);
    let mut shared = Vec::new();
    graph.for_each_neighbour(b, |w| {
        if scratch.mark(w) == Some((Side::Source, 1)) && (open || filter.list_visible(w)) {
            shared.push(w);
        }
    });
    shared.sort_unstable();
    shared
}

/// How many members are 1, 2, … `levels` steps from `source` (at most 6 levels).
pub fn degree_counts<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    source: Vertex,
    levels: u8,
) -> Vec<u64> {
    let levels = levels.min(EXCLUDED - 1);
    let bound = graph.vertex_bound();
    let mut counts = vec![0u64; levels as usize];
    if source as usize >= bound || filter.hidden().contains(&source) {
        return counts;
    }
    scratch.begin(bound);
    scratch.exclude(filter.hidden());
    scratch.set_mark(source, Side::Source, 0);
    let mut frontier = std::mem::take(&mut scratch.frontiers[0]);
    let mut next = std::mem::take(&mut scratch.next);
    frontier.push(source);
    for depth in 1..=levels {
        next.clear();
        for &u in &frontier {
            let open = filter.list_visible(u);
            graph.for_each_neighbour(u, |w| {
                if scratch.mark(w).is_none() && (open || filter.list_visible(w)) {
                    scratch.set_mark(w, Side::Source, depth);
                    next.push(w);
                }
            });
        }
        counts[depth as usize - 1] = next.len() as u64;
        std::mem::swap(&mut frontier, &mut next);
        if frontier.is_empty() {
            break;
        }
    }
    scratch.frontiers[0] = frontier;
    scratch.next = next;
    counts
}

/// Marks a vertex the suggestion count passes over.
const NOT_COUNTED: u16 = u16::MAX;

/// A member `source` may know, with how many contacts they share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub vertex: Vertex,
    pub shared: u32,
}

/// The `limit` members with the most contacts in common with `source` who are not yet
/// its contacts, most shared first (ties: lower vertex first). `skip` lists members never
/// to suggest (open requests, dismissed suggestions).
pub fn suggestions<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    source: Vertex,
    skip: &[Vertex],
    limit: usize,
) -> Vec<Suggestion> {
    let bound = graph.vertex_bound();
    if source as usize >= bound || filter.hidden().contains(&source) {
        return Vec::new();
    }
    scratch.begin(bound);
    // The counts alone say who is counted: one memory access per second-degree contact
    // instead of a mark and a count (this loop is the whole cost on a large network).
    // The source, its contacts, hidden and skipped members hold NOT_COUNTED meanwhile;
    // every count is back to zero when the query ends.
    let counts = &mut scratch.counts;
    let mut excluded = std::mem::take(&mut scratch.next);
    let mut exclude = |counts: &mut Vec<u16>, v: Vertex| {
        if (v as usize) < bound && counts[v as usize] != NOT_COUNTED {
            counts[v as usize] = NOT_COUNTED;
            excluded.push(v);
        }
    };
    for &v in std::iter::once(&source).chain(filter.hidden()) {
        exclude(counts, v);
    }
    let mut contacts = std::mem::take(&mut scratch.frontiers[0]);
    let open = filter.list_visible(source);
    graph.for_each_neighbour(source, |w| {
        let count = &mut counts[w as usize];
        if *count == 0 && (open || filter.list_visible(w)) {
            *count = NOT_COUNTED;
            contacts.push(w);
        }
    });
    for &v in skip {
        exclude(counts, v);
    }
    let touched = &mut scratch.touched;
    for &a in &contacts {
        if filter.list_visible(a) {
            count_open(graph, a, counts, touched);
            continue;
        }
        graph.for_each_neighbour(a, |c| {
            let count = &mut counts[c as usize];
            if *count != NOT_COUNTED && filter.list_visible(c) {
                if *count == 0 {
                    touched.push(c);
                }
                *count = (*count + 1).min(NOT_COUNTED - 1);
            }
        });
    }
    let mut found: Vec<Suggestion> = scratch
        .touched
        .iter()
        .map(|&v| Suggestion { vertex: v, shared: u32::from(scratch.counts[v as usize]) })
        .collect();
    for &v in scratch.touched.iter().chain(&contacts).chain(&excluded) {
        scratch.counts[v as usize] = 0;
    }
    let order = |x: &Suggestion, y: &Suggestion| y.shared.cmp(&x.shared).then(x.vertex.cmp(&y.vertex));
    if found.len() > limit && limit > 0 {
        found.select_nth_unstable_by(limit - 1, order);
    }
    found.truncate(limit);
    found.sort_unstable_by(order);
    // Right-sized: callers may keep the answer, and it held every candidate.
    found.shrink_to_fit();
    contacts.clear();
    excluded.clear();
    scratch.frontiers[0] = contacts;
    scratch.next = excluded;
    found
}

/// Counts `a`'s contacts as shared with the source (`a`'s list is visible): each new
/// one joins `touched`. Whether a second-degree contact was counted before is a coin toss
/// the branch predictor loses, and on a large network every miss also holds up the
/// memory accesses behind it, so this loop decides with selects, not jumps.
#[inline(always)]
fn count_open<A: Adjacency>(graph: &A, a: Vertex, counts: &mut [u16], touched: &mut Vec<Vertex>) {
    let mut filled = touched.len();
    touched.resize(filled + graph.degree_hint(a) + 1, 0);
    graph.for_each_neighbour(a, |c| {
        let count = &mut counts[c as usize];
        let old = *count;
        let counted = old != NOT_COUNTED;
        // Saturates below the mark: more than 65,534 shared contacts rank as many.
        *count = if counted { (old + 1).min(NOT_COUNTED - 1) } else { old };
        if filled == touched.len() {
            // A writer added to `a`'s contacts since its degree was read.
            touched.push(0);
        }
        touched[filled] = c;
        filled += usize::from(old == 0);
    });
    touched.truncate(filled);
}
