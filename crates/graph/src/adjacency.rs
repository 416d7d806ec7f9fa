//! What the queries need of a graph, and the plainest graph that provides it.

use crate::Vertex;
use crate::build::sorted_lists;

/// Read access to an undirected graph.
pub trait Adjacency {
    /// One more than the largest vertex that may appear.
    fn vertex_bound(&self) -> usize;

    /// Roughly how many contacts `v` has (to pick the cheaper side of a search).
    fn degree_hint(&self, v: Vertex) -> usize;

    /// Calls `f` for every current contact of `v` (each once, in no promised order).
    fn for_each_neighbour<F: FnMut(Vertex)>(&self, v: Vertex, f: F);

    /// The smallest current contact of `v` that `accept` takes, if any. Lists are kept
    /// sorted, so this usually stops early where a scan of every contact would not.
    fn smallest_neighbour<P: FnMut(Vertex) -> bool>(&self, v: Vertex, accept: P) -> Option<Vertex>;
}

/// A read-only CSR with nothing else: no flags, no delta, no filter. The benchmarks run
/// the same searches on it as the bare hardware reference.
pub struct PlainCsr {
    offsets: Vec<u64>,
    targets: Vec<Vertex>,
}

impl PlainCsr {
    /// Builds from undirected contacts; duplicates and self-contacts are dropped.
    pub fn from_contacts(vertices: usize, contacts: &[(Vertex, Vertex)]) -> Self {
        let (offsets, targets) = sorted_lists(vertices, contacts, |v| v);
        Self { offsets, targets }
    }

    #[inline]
    pub fn neighbours(&self, v: Vertex) -> &[Vertex] {
        let v = v as usize;
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

impl Adjacency for PlainCsr {
    fn vertex_bound(&self) -> usize {
        self.offsets.len() - 1
    }

    #[inline]
    fn degree_hint(&self, v: Vertex) -> usize {
        self.neighbours(v).len()
    }

    #[inline]
    fn for_each_neighbour<F: FnMut(Vertex)>(&self, v: Vertex, f: F) {
        self.neighbours(v).iter().copied().for_each(f);
    }

    #[inline]
    fn smallest_neighbour<P: FnMut(Vertex) -> bool>(&self, v: Vertex, mut accept: P) -> Option<Vertex> {
        self.neighbours(v).iter().copied().find(|&w| accept(w))
    }
}
