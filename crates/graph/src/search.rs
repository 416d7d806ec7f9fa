//! Distances and shortest paths: a bidirectional breadth-first search that always grows
//! the cheaper side and stops where the two sides meet, as soon as it has met in enough
//! places for the paths asked for.

use crate::scratch::{EXCLUDED, Reacher, Side};
use crate::{Adjacency, Filter, Scratch, Vertex};

/// The shortest distance between two members and some of the paths of that length,
/// each from the source to the target inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub distance: u8,
    pub paths: Vec<Vec<Vertex>>,
}

/// The distance from `source` to `target` if it is at most `max_depth`.
pub fn distance<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    source: Vertex,
    target: Vertex,
    max_depth: u8,
) -> Option<u8> {
    shortest_paths(graph, filter, scratch, source, target, max_depth, 0).map(|p| p.distance)
}

/// The distance from `source` to `target` if it is at most `max_depth` (at most 6), with
/// up to `max_paths` distinct shortest paths.
pub fn shortest_paths<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    source: Vertex,
    target: Vertex,
    max_depth: u8,
    max_paths: usize,
) -> Option<Paths> {
    let bound = graph.vertex_bound();
    let hidden = filter.hidden();
    if source as usize >= bound || target as usize >= bound || hidden.contains(&source) || hidden.contains(&target) {
        return None;
    }
    if source == target {
        let paths = if max_paths > 0 { vec![vec![source]] } else { Vec::new() };
        return Some(Paths { distance: 0, paths });
    }
    let max_depth = max_depth.min(EXCLUDED - 1);
    scratch.begin(bound);
    scratch.exclude(filter.hidden());
    scratch.roots = [source, target];
    scratch.set_mark(source, Side::Source, 0);
    scratch.set_mark(target, Side::Target, 0);
    scratch.frontiers[0].push(source);
    scratch.frontiers[1].push(target);
    let mut depth = [0u8; 2];
    let mut meetings = Vec::new();
    let mut side = Side::Source;
    let mut costs = [graph.degree_hint(source), graph.degree_hint(target)];
    while depth[0] + depth[1] < max_depth {
        if scratch.frontiers.iter().any(Vec::is_empty) {
            return None;
        }
        side = if costs[0] <= costs[1] { Side::Source } else { Side::Target };
        depth[side as usize] += 1;
        let enough = max_paths.max(1);
        if depth[0] + depth[1] == max_depth {
            // The last level: nothing it reaches is expanded, only meetings count.
            meet_only(graph, filter, scratch, side, depth[side as usize], &mut meetings, enough);
            break;
        }
        expand(graph, filter, scratch, side, depth[side as usize], &mut meetings, enough);
        if !meetings.is_empty() {
            break;
        }
        // Before the last level only the cheaper side matters, so the count stops once
        // this side is sure to cost more than the other (a hub's 2nd degree is large).
        let limit = if depth[0] + depth[1] + 1 == max_depth { costs[side.other() as usize] } else { usize::MAX };
        costs[side as usize] = cost(graph, &scratch.frontiers[side as usize], limit);
    }
    if meetings.is_empty() {
        return None;
    }
    // A meeting's distance is this side's depth plus where the other side reached it.
    // Every meeting of the first level that meets lies on a shortest path (a contact
    // counts the same from both ends, so a shorter path would have met a level earlier);
    // taking the minimum keeps that an assumption nobody relies on.
    let near = depth[side as usize];
    let far_of = |m: Vertex| scratch.mark(m).map_or(EXCLUDED, |(_, d)| d);
    let distance = near + meetings.iter().map(|&m| far_of(m)).min().unwrap_or(EXCLUDED);
    meetings.retain(|&m| near + far_of(m) == distance);
    meetings.sort_unstable();
    meetings.dedup();
    let mut paths = Vec::new();
    if max_paths == 1 {
        // The common single path, without building the chains' lists: the same path the
        // general case finds first (the smallest meeting, the smallest step each time).
        let meeting = meetings[0];
        let mut path = Vec::with_capacity(distance as usize + 1);
        first_chain(graph, filter, scratch, meeting, side, near, &mut path);
        path.reverse();
        path.pop();
        first_chain(graph, filter, scratch, meeting, side.other(), distance - near, &mut path);
        if side == Side::Target {
            path.reverse();
        }
        return Some(Paths { distance, paths: vec![path] });
    }
    for &meeting in &meetings {
        if paths.len() >= max_paths {
            break;
        }
        let wanted = max_paths - paths.len();
        let near_chains = chains(graph, filter, scratch, meeting, side, near, wanted);
        let far_chains = chains(graph, filter, scratch, meeting, side.other(), distance - near, wanted);
        for n in &near_chains {
            for f in &far_chains {
                if paths.len() < max_paths {
                    // `n` runs meeting → this side's root, `f` meeting → the other root.
                    let mut path: Vec<Vertex> = n.iter().rev().chain(&f[1..]).copied().collect();
                    if side == Side::Target {
                        path.reverse();
                    }
                    paths.push(path);
                }
            }
        }
    }
    paths.sort_unstable();
    Some(Paths { distance, paths })
}

/// Roughly how many contacts expanding `frontier` would read, or any figure above
/// `limit` once it is clear the total exceeds it.
fn cost<A: Adjacency>(graph: &A, frontier: &[Vertex], limit: usize) -> usize {
    let mut total = 0;
    for &v in frontier {
        total += graph.degree_hint(v);
        if total > limit {
            break;
        }
    }
    total
}

/// Grows `side` by one level to `depth`; vertices the other side already holds are
/// collected in `meetings` instead, and once there are `enough` of them the level is left
/// unfinished: each distinct meeting is a distinct shortest path, and the search ends here.
fn expand<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    side: Side,
    depth: u8,
    meetings: &mut Vec<Vertex>,
    enough: usize,
) {
    let frontier = std::mem::take(&mut scratch.frontiers[side as usize]);
    let mut next = std::mem::take(&mut scratch.next);
    // `next[..filled]` is the new level; the rest is room, so a vertex can be written
    // before it is known to be new and kept by counting it.
    let mut filled = 0;
    let mut late = Vec::new();
    for &u in &frontier {
        if meetings.len() >= enough {
            break;
        }
        let open = filter.list_visible(u);
        let room = filled + graph.degree_hint(u) + 1;
        if next.len() < room {
            next.resize(room, 0);
        }
        if open {
            let reacher = scratch.reacher(side, depth);
            filled += expand_open(graph, reacher, u, &mut next[filled..], &mut late, meetings, enough);
            if !late.is_empty() {
                next.truncate(filled);
                next.append(&mut late);
                filled = next.len();
            }
            continue;
        }
        graph.for_each_neighbour(u, |w| {
            if meetings.len() >= enough {
                return;
            }
            match scratch.mark(w) {
                None => {
                    if filter.list_visible(w) {
                        scratch.set_mark(w, side, depth);
                        if filled == next.len() {
                            next.push(0);
                        }
                        next[filled] = w;
                        filled += 1;
                    }
                }
                Some((reached_by, d)) if reached_by != side && d != EXCLUDED => {
                    if filter.list_visible(w) {
                        meet(meetings, w, enough);
                    }
                }
                Some(_) => {}
            }
        });
    }
    next.truncate(filled);
    scratch.frontiers[side as usize] = next;
    scratch.next = frontier;
}

/// Grows `side` to `depth` as [`expand`] would, but only looks for meetings: nothing it
/// reaches is marked or kept, since no later level would read it.
fn meet_only<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    side: Side,
    depth: u8,
    meetings: &mut Vec<Vertex>,
    enough: usize,
) {
    let frontier = std::mem::take(&mut scratch.frontiers[side as usize]);
    let reacher = scratch.reacher(side, depth);
    for &u in &frontier {
        if meetings.len() >= enough {
            break;
        }
        if filter.list_visible(u) {
            graph.for_each_neighbour(u, |w| {
                if reacher.meets(w) {
                    meet(meetings, w, enough);
                }
            });
        } else {
            graph.for_each_neighbour(u, |w| {
                if reacher.meets(w) && filter.list_visible(w) {
                    meet(meetings, w, enough);
                }
            });
        }
    }
    scratch.frontiers[side as usize] = frontier;
}

/// Writes `u`'s contacts that no side reached yet to `next` and returns how many; the
/// ones that do not fit go to `late`. Notes meetings. Whether a neighbour is new is a
/// coin toss on a dense graph, which a branch predictor loses: this loop keeps or
/// replaces marks and counts new vertices without a jump. It may finish `u`'s contacts
/// after enough meetings; the extra marks are at this level and no path is read from them.
#[inline(always)]
fn expand_open<A: Adjacency>(
    graph: &A,
    mut reacher: Reacher<'_>,
    u: Vertex,
    next: &mut [Vertex],
    late: &mut Vec<Vertex>,
    meetings: &mut Vec<Vertex>,
    enough: usize,
) -> usize {
    let mut added = 0;
    graph.for_each_neighbour(u, |w| {
        let (fresh, met) = reacher.reach(w);
        if met {
            meet(meetings, w, enough);
        }
        match next.get_mut(added) {
            Some(slot) => {
                *slot = w;
                added += usize::from(fresh);
            }
            // A writer added to `u`'s contacts since its degree was read.
            None if fresh => late.push(w),
            None => {}
        }
    });
    added
}

/// Notes a meeting at `w`, up to `enough` distinct ones.
#[cold]
fn meet(meetings: &mut Vec<Vertex>, w: Vertex, enough: usize) {
    if meetings.len() < enough && !meetings.contains(&w) {
        meetings.push(w);
    }
}

/// The first of [`chains`], appended to `chain`: from `from` back to `side`'s root, taking the smallest step
/// each time (every vertex a side reached has a step back over a contact the filter
/// reveals: the one it was reached by).
fn first_chain<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &Scratch,
    from: Vertex,
    side: Side,
    distance: u8,
    chain: &mut Vec<Vertex>,
) {
    chain.push(from);
    if distance == 0 {
        return;
    }
    let mut at = from;
    // The last step is to the root, the only vertex at distance 0: no need to look.
    for d in (1..distance).rev() {
        let open = filter.list_visible(at);
        let step =
            graph.smallest_neighbour(at, |p| scratch.mark(p) == Some((side, d)) && (open || filter.list_visible(p)));
        let Some(step) = step else { break };
        chain.push(step);
        at = step;
    }
    chain.push(scratch.roots[side as usize]);
}

/// Up to `limit` chains from `from` back to `side`'s root, each starting with `from`,
/// where `from` lies `distance` steps from that root.
fn chains<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &Scratch,
    from: Vertex,
    side: Side,
    distance: u8,
    limit: usize,
) -> Vec<Vec<Vertex>> {
    match distance {
        0 => return vec![vec![from]],
        // Only the root lies at distance 0, and `from` was reached from it.
        1 => return vec![vec![from, scratch.roots[side as usize]]],
        _ => {}
    }
    let open = filter.list_visible(from);
    let mut steps = Vec::new();
    graph.for_each_neighbour(from, |p| {
        if scratch.mark(p) == Some((side, distance - 1)) {
            steps.push(p);
        }
    });
    steps.sort_unstable();
    let mut out = Vec::new();
    for p in steps {
        if out.len() >= limit {
            break;
        }
        if !(open || filter.list_visible(p)) {
            continue;
        }
        for mut rest in chains(graph, filter, scratch, p, side, distance - 1, limit - out.len()) {
            rest.insert(0, from);
            out.push(rest);
        }
    }
    out
}
