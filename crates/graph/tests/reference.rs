//! The engine against plain breadth-first search on an explicit list of contacts, over
//! random graphs, random filters and random changes applied to the live graph.

use kontor_graph::{
    Adjacency, Change, Everything, Filter, GraphBuilder, PlainCsr, Scratch, Vertex, degree_counts, shared_contacts,
    shortest_paths, suggestions,
};
use proptest::prelude::*;
use std::collections::{BTreeSet, VecDeque};

struct SetFilter {
    visible: Vec<bool>,
    hidden: Vec<Vertex>,
}

impl Filter for SetFilter {
    fn list_visible(&mut self, owner: Vertex) -> bool {
        self.visible[owner as usize]
    }
    fn hidden(&self) -> &[Vertex] {
        &self.hidden
    }
}

/// The graph as sets, and the filter's rule applied to every contact up front.
struct Reference {
    adjacency: Vec<BTreeSet<Vertex>>,
}

impl Reference {
    fn new(n: usize, contacts: &BTreeSet<(Vertex, Vertex)>, active: &[bool], filter: &SetFilter) -> Self {
        let mut adjacency = vec![BTreeSet::new(); n];
        let hidden_ones = filter.hidden.clone();
        let usable = |v: Vertex| active[v as usize] && !hidden_ones.contains(&v);
        for &(a, b) in contacts {
            let revealed = filter.visible[a as usize] || filter.visible[b as usize];
            if usable(a) && usable(b) && revealed {
                adjacency[a as usize].insert(b);
                adjacency[b as usize].insert(a);
            }
        }
        Self { adjacency }
    }

    fn distances(&self, source: Vertex) -> Vec<Option<u8>> {
        let mut dist = vec![None; self.adjacency.len()];
        dist[source as usize] = Some(0);
        let mut queue = VecDeque::from([source]);
        while let Some(u) = queue.pop_front() {
            let d = dist[u as usize].unwrap();
            for &w in &self.adjacency[u as usize] {
                if dist[w as usize].is_none() {
                    dist[w as usize] = Some(d + 1);
                    queue.push_back(w);
                }
            }
        }
        dist
    }

    fn count_shortest(&self, source: Vertex, target: Vertex) -> u64 {
        let dist = self.distances(source);
        let mut ways = vec![0u64; self.adjacency.len()];
        ways[source as usize] = 1;
        let mut order: Vec<Vertex> =
            (0..self.adjacency.len() as Vertex).filter(|&v| dist[v as usize].is_some()).collect();
        order.sort_by_key(|&v| dist[v as usize]);
        for &v in &order {
            for &w in &self.adjacency[v as usize] {
                if dist[w as usize] == dist[v as usize].map(|d| d + 1) {
                    ways[w as usize] += ways[v as usize];
                }
            }
        }
        ways[target as usize]
    }
}

/// Members, initial contacts, live changes, visible lists, active members, hidden members.
type Scenario = (usize, Vec<(Vertex, Vertex)>, Vec<(u8, Vertex, Vertex)>, Vec<bool>, Vec<bool>, Vec<Vertex>);

fn scenario() -> impl Strategy<Value = Scenario> {
    (2usize..40).prop_flat_map(|n| {
        let v = 0..n as Vertex;
        (
            Just(n),
            prop::collection::vec((v.clone(), v.clone()), 0..n * 4),
            prop::collection::vec((0u8..4, v.clone(), v.clone()), 0..n * 2),
            prop::collection::vec(prop::bool::weighted(0.6), n),
            prop::collection::vec(prop::bool::weighted(0.9), n),
            prop::collection::vec(v, 0..3),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn engine_agrees_with_plain_search(
        (n, initial, changes, visible, active, hidden) in scenario(),
        compact in any::<bool>(),
    ) {
        // Build, then apply random changes live (connect, disconnect, deactivate, activate).
        let mut builder = GraphBuilder::new();
        builder.member(n as Vertex - 1, true, 0);
        let mut contacts: BTreeSet<(Vertex, Vertex)> = BTreeSet::new();
        for &(a, b) in &initial {
            builder.contact(a, b);
            if a != b { contacts.insert((a.min(b), a.max(b))); }
        }
        let graph = builder.build();
        let mut live = Vec::new();
        for &(op, a, b) in &changes {
            match op {
                0 => { live.push(Change::Connect(a, b)); if a != b { contacts.insert((a.min(b), a.max(b))); } }
                1 => { live.push(Change::Disconnect(a, b)); contacts.remove(&(a.min(b), a.max(b))); }
                _ => {}
            }
        }
        for (v, &on) in active.iter().enumerate() {
            live.push(if on { Change::Activate(v as Vertex) } else { Change::Deactivate(v as Vertex) });
        }
        graph.apply(&live);
        if compact { graph.compact(); }
        let snapshot = graph.snapshot();
        let mut filter = SetFilter { visible, hidden };
        let reference = Reference::new(n, &contacts, &active, &filter);
        let mut scratch = Scratch::new();
        let hidden_ones = filter.hidden.clone();
        let usable = |v: Vertex| active[v as usize] && !hidden_ones.contains(&v);

        for s in 0..n as Vertex {
            if !usable(s) { continue; }
            let dist = reference.distances(s);
            // Members per degree.
            let mut expected = vec![0u64; 4];
            for d in dist.iter().flatten() { if (1..=4).contains(d) { expected[*d as usize - 1] += 1; } }
            prop_assert_eq!(degree_counts(&*snapshot, &mut filter, &mut scratch, s, 4), expected);

            for t in 0..n as Vertex {
                if !usable(t) { continue; }
                let found = shortest_paths(&*snapshot, &mut filter, &mut scratch, s, t, 4, 3);
                let want = dist[t as usize].filter(|&d| d <= 4);
                prop_assert_eq!(found.as_ref().map(|p| p.distance), want, "distance {}→{}", s, t);
                if let Some(found) = found {
                    let all = reference.count_shortest(s, t);
                    prop_assert_eq!(found.paths.len() as u64, all.min(3));
                    let distinct: BTreeSet<_> = found.paths.iter().collect();
                    prop_assert_eq!(distinct.len(), found.paths.len());
                    for path in &found.paths {
                        prop_assert_eq!(path.len(), found.distance as usize + 1);
                        prop_assert_eq!((path[0], *path.last().unwrap()), (s, t));
                        for step in path.windows(2) {
                            prop_assert!(reference.adjacency[step[0] as usize].contains(&step[1]));
                        }
                    }
                }
                // Shared contacts.
                if s != t {
                    let both: Vec<Vertex> = reference.adjacency[s as usize]
                        .intersection(&reference.adjacency[t as usize]).copied().collect();
                    prop_assert_eq!(shared_contacts(&*snapshot, &mut filter, &mut scratch, s, t), both);
                }
            }

            // Suggestions: every member two steps away, by shared contacts.
            let skip: Vec<Vertex> = vec![(s + 1) % n as Vertex];
            let mut expected: Vec<(u32, Vertex)> = (0..n as Vertex)
                .filter(|&c| dist[c as usize] == Some(2) && !skip.contains(&c))
                .map(|c| {
                    let shared = reference.adjacency[s as usize].intersection(&reference.adjacency[c as usize]).count();
                    (shared as u32, c)
                })
                .collect();
            expected.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            expected.truncate(5);
            let got: Vec<(u32, Vertex)> = suggestions(&*snapshot, &mut filter, &mut scratch, s, &skip, 5)
                .into_iter().map(|x| (x.shared, x.vertex)).collect();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn the_plain_csr_and_the_live_graph_agree_without_a_filter(
        (n, initial, ..) in scenario(),
    ) {
        let mut builder = GraphBuilder::new();
        builder.member(n as Vertex - 1, true, 0);
        for &(a, b) in &initial { builder.contact(a, b); }
        let live = builder.build().snapshot();
        let plain = PlainCsr::from_contacts(n, &initial);
        prop_assert_eq!(plain.vertex_bound(), n);
        let mut scratch = Scratch::new();
        for s in 0..n as Vertex {
            for t in 0..n as Vertex {
                let a = shortest_paths(&plain, &mut Everything, &mut scratch, s, t, 4, 3);
                let b = shortest_paths(&*live, &mut Everything, &mut scratch, s, t, 4, 3);
                prop_assert_eq!(a, b);
            }
        }
    }
}

/// A member with hundreds of contacts, most of whose lists are visible and some not: the
/// suggestions must agree with a plain count over the revealed contacts, blocked and
/// skipped members left out.
#[test]
fn suggestions_of_a_well_connected_member_agree_with_a_plain_count() {
    const N: Vertex = 40_000;
    let mut state = 7u64;
    let mut below = |bound: u32| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % u64::from(bound)) as u32
    };
    let mut contacts = BTreeSet::new();
    for friend in 1..=400 {
        contacts.insert((0, friend));
        for _ in 0..200 {
            let other = 401 + below(N - 401);
            contacts.insert((friend, other));
        }
    }
    let visible: Vec<bool> = (0..N).map(|v| v % 11 != 3).collect();
    let filter = SetFilter { visible, hidden: vec![1_000, 2_000] };
    let reference = Reference::new(N as usize, &contacts, &vec![true; N as usize], &filter);
    let skip = [5_000, 6_000];
    let want = plain_top(&reference, &skip, 25);

    let list: Vec<(Vertex, Vertex)> = contacts.iter().copied().collect();
    let mut builder = GraphBuilder::new();
    for &(a, b) in &list {
        builder.contact(a, b);
    }
    let live = builder.build();
    let plain = PlainCsr::from_contacts(N as usize, &list);
    let mut scratch = Scratch::new();
    let ask = |found: Vec<kontor_graph::Suggestion>| -> Vec<(u32, Vertex)> {
        found.into_iter().map(|s| (s.shared, s.vertex)).collect()
    };
    let mut f = filter;
    let on_live = ask(suggestions(&*live.snapshot(), &mut f, &mut scratch, 0, &skip, 25));
    let on_plain = ask(suggestions(&plain, &mut f, &mut scratch, 0, &skip, 25));
    assert_eq!(on_live, want);
    assert_eq!(on_plain, want);
    // And again with every list visible (every contact counted without a filter).
    let everything = Reference::new(
        N as usize,
        &contacts,
        &vec![true; N as usize],
        &SetFilter { visible: vec![true; N as usize], hidden: Vec::new() },
    );
    let want = plain_top(&everything, &[], 25);
    assert_eq!(ask(suggestions(&*live.snapshot(), &mut Everything, &mut scratch, 0, &[], 25)), want);
}

/// Member 0's `limit` best suggestions by a plain count over the reference's revealed
/// contacts: most shared first, then lower vertex; contacts and `skip` left out.
fn plain_top(reference: &Reference, skip: &[Vertex], limit: usize) -> Vec<(u32, Vertex)> {
    let mut shared = vec![0u32; reference.adjacency.len()];
    for &friend in &reference.adjacency[0] {
        for &other in &reference.adjacency[friend as usize] {
            shared[other as usize] += 1;
        }
    }
    let mut top: Vec<(u32, Vertex)> = (1..reference.adjacency.len() as Vertex)
        .filter(|&v| shared[v as usize] > 0 && !reference.adjacency[0].contains(&v) && !skip.contains(&v))
        .map(|v| (shared[v as usize], v))
        .collect();
    top.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    top.truncate(limit);
    top
}
