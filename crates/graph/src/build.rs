//! Building a graph from a list of contacts in one go (at start-up, after compaction).

use crate::live::{Graph, Snapshot};
use crate::{MAX_VERTEX, Vertex};

/// Collects members and contacts, then builds the graph in a few linear passes.
#[derive(Default)]
pub struct GraphBuilder {
    bound: usize,
    contacts: Vec<(Vertex, Vertex)>,
    inactive: Vec<Vertex>,
    tags: Vec<(Vertex, u8)>,
}

impl GraphBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares a member; members never declared are active with tag 0.
    pub fn member(&mut self, v: Vertex, active: bool, tag: u8) {
        self.grow(v);
        if !active {
            self.inactive.push(v);
        }
        if tag != 0 {
            self.tags.push((v, tag));
        }
    }

    /// Adds a contact between `a` and `b` (either order; repeats are harmless).
    pub fn contact(&mut self, a: Vertex, b: Vertex) {
        self.grow(a.max(b));
        self.contacts.push((a, b));
    }

    pub fn contacts_added(&self) -> usize {
        self.contacts.len()
    }

    fn grow(&mut self, v: Vertex) {
        assert!(v <= MAX_VERTEX, "vertex {v} is beyond the graph's range");
        self.bound = self.bound.max(v as usize + 1);
    }

    pub fn build(self) -> Graph {
        let (offsets, targets) = sorted_lists(self.bound, &self.contacts, |v| v);
        drop(self.contacts);
        let snapshot = Snapshot::from_lists(self.bound, offsets, targets);
        for v in self.inactive {
            snapshot.set_active(v, false);
        }
        for (v, tag) in self.tags {
            snapshot.set_tag(v, tag);
        }
        Graph::from_snapshot(snapshot)
    }
}

/// Both directions of every contact, each vertex's list sorted by `key` and free of
/// repeats and self-contacts: `(offsets, targets)` with `offsets.len() == vertices + 1`.
pub(crate) fn sorted_lists(
    vertices: usize,
    contacts: &[(Vertex, Vertex)],
    key: impl Fn(Vertex) -> Vertex + Copy,
) -> (Vec<u64>, Vec<Vertex>) {
    let mut fill = vec![0u32; vertices];
    for &(a, b) in contacts {
        if a != b {
            fill[a as usize] += 1;
            fill[b as usize] += 1;
        }
    }
    let mut offsets = Vec::with_capacity(vertices + 1);
    let mut total = 0u64;
    offsets.push(0);
    for count in &mut fill {
        total += u64::from(*count);
        offsets.push(total);
        *count = 0;
    }
    let mut targets = vec![0 as Vertex; total as usize];
    for &(a, b) in contacts {
        if a != b {
            for (from, to) in [(a, b), (b, a)] {
                let at = offsets[from as usize] + u64::from(fill[from as usize]);
                targets[at as usize] = to;
                fill[from as usize] += 1;
            }
        }
    }
    drop(fill);
    // Sort each list and squeeze out repeats, moving lists down as they shrink.
    let mut write = 0usize;
    for v in 0..vertices {
        let (start, end) = (offsets[v] as usize, offsets[v + 1] as usize);
        offsets[v] = write as u64;
        let list = &mut targets[start..end];
        list.sort_unstable_by_key(|&t| key(t));
        let mut last = None;
        for i in start..end {
            let t = targets[i];
            if last != Some(key(t)) {
                last = Some(key(t));
                targets[write] = t;
                write += 1;
            }
        }
    }
    offsets[vertices] = write as u64;
    targets.truncate(write);
    targets.shrink_to_fit();
    (offsets, targets)
}
