//! The network rule, end to end on random graphs: the engine with [`Reveal`] against a
//! reference that applies the rule's words literally (true distances for the list check,
//! then plain BFS over the revealed contacts, then the profile policy on top).

use super::{MAX_DEGREE, Reveal};
use crate::privacy::ListVisibility;
use crate::privacy::{Relation, Visibility, may_see};
use kontor_graph::{
    Change, GraphBuilder, Scratch, Vertex, degree_counts, shared_contacts, shortest_paths, suggestions,
};
use proptest::prelude::*;
use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;

/// Distances from `from` over `adjacency`, skipping members `usable` rejects.
fn bfs(adjacency: &[BTreeSet<Vertex>], from: Vertex) -> Vec<Option<u8>> {
    let mut dist = vec![None; adjacency.len()];
    dist[from as usize] = Some(0);
    let mut queue = VecDeque::from([from]);
    while let Some(u) = queue.pop_front() {
        let d = dist[u as usize].unwrap();
        for &w in &adjacency[u as usize] {
            if dist[w as usize].is_none() {
                dist[w as usize] = Some(d + 1);
                queue.push_back(w);
            }
        }
    }
    dist
}

struct World {
    n: usize,
    contacts: BTreeSet<(Vertex, Vertex)>,
    lists: Vec<ListVisibility>,
    active: Vec<bool>,
}

impl World {
    /// The true graph: contacts between active members.
    fn true_graph(&self) -> Vec<BTreeSet<Vertex>> {
        let mut adj = vec![BTreeSet::new(); self.n];
        for &(a, b) in &self.contacts {
            if self.active[a as usize] && self.active[b as usize] {
                adj[a as usize].insert(b);
                adj[b as usize].insert(a);
            }
        }
        adj
    }

    /// The viewer's revealed graph, straight from the rule's words.
    fn revealed(&self, viewer: Vertex, hidden: &[Vertex]) -> Vec<BTreeSet<Vertex>> {
        let truth = self.true_graph();
        let near = bfs(&truth, viewer);
        let list_visible = |owner: Vertex| {
            owner == viewer
                || match self.lists[owner as usize] {
                    ListVisibility::OnlyMe => false,
                    ListVisibility::Contacts => near[owner as usize] == Some(1),
                    ListVisibility::ContactsOfContacts => near[owner as usize].is_some_and(|d| d <= 2),
                    ListVisibility::Members => true,
                }
        };
        let mut adj = vec![BTreeSet::new(); self.n];
        for &(a, b) in &self.contacts {
            let shown = |v: Vertex| self.active[v as usize] && !hidden.contains(&v);
            if shown(a) && shown(b) && (list_visible(a) || list_visible(b)) {
                adj[a as usize].insert(b);
                adj[b as usize].insert(a);
            }
        }
        adj
    }
}

/// Members, contacts, list settings (as tags), active members, members hidden from viewers.
type Setup = (usize, Vec<(Vertex, Vertex)>, Vec<u8>, Vec<bool>, Vec<Vertex>);

fn world() -> impl Strategy<Value = Setup> {
    (2usize..30).prop_flat_map(|n| {
        let v = 0..n as Vertex;
        (
            Just(n),
            prop::collection::vec((v.clone(), v.clone()), 0..n * 3),
            prop::collection::vec(0u8..4, n),
            prop::collection::vec(prop::bool::weighted(0.9), n),
            prop::collection::vec(v, 0..2),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn what_the_engine_reveals_is_what_the_rule_says((n, pairs, lists, active, hidden) in world()) {
        let world = World {
            n,
            contacts: pairs.iter().filter(|(a, b)| a != b).map(|&(a, b)| (a.min(b), a.max(b))).collect(),
            lists: lists.iter().map(|&t| ListVisibility::from_tag(t)).collect(),
            active,
        };
        // Half the contacts are built in, half arrive as live changes, as on a node.
        let mut builder = GraphBuilder::new();
        builder.member(n as Vertex - 1, true, 0);
        let mut live = Vec::new();
        for (i, &(a, b)) in world.contacts.iter().enumerate() {
            if i % 2 == 0 { builder.contact(a, b) } else { live.push(Change::Connect(a, b)) }
        }
        let graph = builder.build();
        for v in 0..n as Vertex {
            live.push(Change::Tag(v, world.lists[v as usize].tag()));
            if !world.active[v as usize] { live.push(Change::Deactivate(v)); }
        }
        graph.apply(&live);
        let snapshot = graph.snapshot();
        let mut scratch = Scratch::new();

        for viewer in 0..n as Vertex {
            if !world.active[viewer as usize] || hidden.contains(&viewer) { continue; }
            let revealed = world.revealed(viewer, &hidden);
            let dist = bfs(&revealed, viewer);
            let mut reveal = Reveal::new(Arc::clone(&snapshot), viewer, hidden.clone());

            let mut counts = vec![0u64; 3];
            for d in dist.iter().flatten() { if (1..=3).contains(d) { counts[*d as usize - 1] += 1; } }
            prop_assert_eq!(degree_counts(&*snapshot, &mut reveal, &mut scratch, viewer, 3), counts);

            for owner in 0..n as Vertex {
                if owner == viewer || !world.active[owner as usize] || hidden.contains(&owner) { continue; }
                let want = dist[owner as usize].filter(|&d| d <= MAX_DEGREE);
                prop_assert_eq!(reveal.reaches_in_two(owner), want.is_some_and(|d| d <= 2), "two steps to {} for {}", owner, viewer);
                prop_assert_eq!(reveal.degree(owner), want, "degree of {} for {}", owner, viewer);
                let found = shortest_paths(&*snapshot, &mut reveal, &mut scratch, viewer, owner, MAX_DEGREE, 3);
                prop_assert_eq!(found.as_ref().map(|f| f.distance), want, "degree of {} for {}", owner, viewer);
                for path in found.iter().flat_map(|f| &f.paths) {
                    for step in path.windows(2) {
                        prop_assert!(revealed[step[0] as usize].contains(&step[1]), "a path uses a hidden contact");
                    }
                }
                // The policy on top: the same decision for every setting.
                let engine = want.map_or(Relation::Member, Relation::Degree);
                let reference = dist[owner as usize].filter(|&d| d <= 4).map_or(Relation::Member, Relation::Degree);
                for visibility in Visibility::ALL {
                    prop_assert_eq!(may_see(visibility, engine, false), may_see(visibility, reference, false));
                }
                let shared: Vec<Vertex> =
                    revealed[viewer as usize].intersection(&revealed[owner as usize]).copied().collect();
                prop_assert_eq!(shared_contacts(&*snapshot, &mut reveal, &mut scratch, viewer, owner), shared);
            }

            let got: BTreeSet<Vertex> =
                suggestions(&*snapshot, &mut reveal, &mut scratch, viewer, &[], n).into_iter().map(|s| s.vertex).collect();
            let want: BTreeSet<Vertex> = (0..n as Vertex).filter(|&v| dist[v as usize] == Some(2)).collect();
            prop_assert_eq!(got, want, "suggestions are exactly the revealed second degree");
        }
    }
}
