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
    scratch.exclude(filter.hidden());
    scratch.set_mark(source, Side::Source, 0);
    let mut contacts = std::mem::take(&mut scratch.next);
    let open = filter.list_visible(source);
    graph.for_each_neighbour(source, |w| {
        if scratch.mark(w).is_none() && (open || filter.list_visible(w)) {
            scratch.set_mark(w, Side::Source, 1);
            contacts.push(w);
        }
    });
    scratch.exclude(skip);
    for &a in &contacts {
        let open = filter.list_visible(a);
        graph.for_each_neighbour(a, |c| {
            if scratch.mark(c).is_none() && (open || filter.list_visible(c)) {
                let count = &mut scratch.counts[c as usize];
                if *count == 0 {
                    scratch.touched.push(c);
                }
                *count += 1;
            }
        });
    }
    let mut found: Vec<Suggestion> =
        scratch.touched.iter().map(|&v| Suggestion { vertex: v, shared: scratch.counts[v as usize] }).collect();
    for &v in &scratch.touched {
        scratch.counts[v as usize] = 0;
    }
    let order = |x: &Suggestion, y: &Suggestion| y.shared.cmp(&x.shared).then(x.vertex.cmp(&y.vertex));
    if found.len() > limit && limit > 0 {
        found.select_nth_unstable_by(limit - 1, order);
    }
    found.truncate(limit);
    found.sort_unstable_by(order);
    scratch.next = contacts;
    found
}
