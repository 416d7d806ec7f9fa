//! Queries while a writer changes the graph: contacts made and dropped through
//! `Graph::apply`, compaction in the background when the graph asks for it, as the
//! application's network index does.

use crate::queries::Pass;
use crate::rng::Rng;
use kontor_graph::{Change, Graph, PlainCsr, Vertex};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::{Duration, Instant};

/// Changes per `Graph::apply` call, like a burst of the change log.
const BATCH: usize = 1_000;

/// A cycle of changes that ends where it began: new contacts made and base contacts
/// dropped (interleaved), then both undone. Long enough (a twenty-fifth of the contacts
/// each way) that the delta grows past the compaction threshold within one cycle.
pub fn cycle(plain: &PlainCsr, contacts: &[(Vertex, Vertex)], vertices: u32, seed: u64) -> Vec<Change> {
    let mut rng = Rng::derived(seed, "writes");
    let each = (contacts.len() / 25).max(20_000);
    let mut made = Vec::with_capacity(each + each / 8);
    while made.len() < each {
        let (a, b) = (rng.below(u64::from(vertices)) as Vertex, rng.below(u64::from(vertices)) as Vertex);
        if a != b && plain.neighbours(a).binary_search(&b).is_err() {
            made.push((a.min(b), a.max(b)));
        }
        if made.len() == each {
            made.sort_unstable();
            made.dedup();
        }
    }
    let mut dropped: Vec<usize> =
        (0..each.min(contacts.len())).map(|_| rng.below(contacts.len() as u64) as usize).collect();
    dropped.sort_unstable();
    dropped.dedup();
    let mut out = Vec::with_capacity(4 * each);
    for i in 0..made.len().max(dropped.len()) {
        if let Some(&(a, b)) = made.get(i) {
            out.push(Change::Connect(a, b));
        }
        if let Some(&d) = dropped.get(i) {
            out.push(Change::Disconnect(contacts[d].0, contacts[d].1));
        }
    }
    for i in 0..made.len().max(dropped.len()) {
        if let Some(&(a, b)) = made.get(i) {
            out.push(Change::Disconnect(a, b));
        }
        if let Some(&d) = dropped.get(i) {
            out.push(Change::Connect(contacts[d].0, contacts[d].1));
        }
    }
    out
}

pub struct Writes {
    pub changes: u64,
    pub seconds: f64,
    pub compactions: u32,
    pub compaction_seconds: f64,
    /// Snapshot bytes per contact right after the writes, delta included.
    pub bytes_per_contact: f64,
    pub pass: Pass,
}

impl Writes {
    pub fn rate(&self) -> f64 {
        self.changes as f64 / self.seconds.max(1e-9)
    }
}

/// Runs `queries` on this thread while a second thread applies `cycle` over and over;
/// then finishes the cycle, so the graph is the base graph again.
pub fn while_writing(graph: &Graph, cycle: &[Change], queries: impl FnOnce() -> Pass) -> Writes {
    let stop = AtomicBool::new(false);
    let compacting = AtomicBool::new(false);
    let compactions = AtomicU64::new(0);
    let compaction_nanos = AtomicU64::new(0);
    let (pass, (changes, seconds, position)) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let started = Instant::now();
            let mut applied = 0u64;
            let mut at = 0usize;
            while !stop.load(Relaxed) {
                let end = (at + BATCH).min(cycle.len());
                graph.apply(&cycle[at..end]);
                applied += (end - at) as u64;
                at = if end == cycle.len() { 0 } else { end };
                if graph.needs_compaction() && !compacting.swap(true, Relaxed) {
                    scope.spawn(|| {
                        let started = Instant::now();
                        if graph.compact() {
                            compactions.fetch_add(1, Relaxed);
                            compaction_nanos.fetch_add(started.elapsed().as_nanos() as u64, Relaxed);
                        }
                        compacting.store(false, Relaxed);
                    });
                }
            }
            (applied, started.elapsed().as_secs_f64(), at)
        });
        let pass = queries();
        stop.store(true, Relaxed);
        let writer = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pass, writer)
    });
    let snapshot = graph.snapshot();
    let bytes_per_contact = snapshot.memory_bytes() as f64 / snapshot.contacts().max(1) as f64;
    drop(snapshot);
    for batch in cycle[position..].chunks(BATCH) {
        graph.apply(batch);
    }
    Writes {
        changes,
        seconds,
        compactions: compactions.load(Relaxed) as u32,
        compaction_seconds: Duration::from_nanos(compaction_nanos.load(Relaxed)).as_secs_f64(),
        bytes_per_contact,
        pass,
    }
}
