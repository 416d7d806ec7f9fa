//! Writers, compactions and readers at once: nothing a writer applied is lost, and
//! readers keep answering throughout.

use kontor_graph::{Change, Everything, GraphBuilder, Scratch, Vertex, distance};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[test]
fn compaction_during_writes_loses_nothing() {
    const N: Vertex = 2_000;
    let mut builder = GraphBuilder::new();
    let mut model = BTreeSet::new();
    for v in 0..N {
        builder.contact(v, (v + 1) % N);
        model.insert((v.min((v + 1) % N), v.max((v + 1) % N)));
    }
    let graph = Arc::new(builder.build());
    let done = Arc::new(AtomicBool::new(false));

    let compactor = {
        let (graph, done) = (graph.clone(), done.clone());
        std::thread::spawn(move || {
            let mut compactions = 0;
            while !done.load(Ordering::Relaxed) {
                compactions += usize::from(graph.compact());
            }
            compactions
        })
    };
    let reader = {
        let (graph, done) = (graph.clone(), done.clone());
        std::thread::spawn(move || {
            let mut scratch = Scratch::new();
            let mut answered = 0u64;
            while !done.load(Ordering::Relaxed) {
                let snapshot = graph.snapshot();
                distance(&*snapshot, &mut Everything, &mut scratch, 0, N / 2, 4);
                answered += 1;
            }
            answered
        })
    };

    // A simple deterministic mix of connects and disconnects, some beyond the capacity.
    let mut state = 0x9e37_79b9u64;
    for round in 0..20_000u32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let bound = if round % 5_000 == 4_999 { N * 2 } else { N };
        let (a, b) = ((state % u64::from(bound)) as Vertex, ((state >> 32) % u64::from(N)) as Vertex);
        if a == b {
            continue;
        }
        let key = (a.min(b), a.max(b));
        if state.is_multiple_of(3) {
            graph.apply(&[Change::Disconnect(a, b)]);
            model.remove(&key);
        } else {
            graph.apply(&[Change::Connect(a, b)]);
            model.insert(key);
        }
    }
    done.store(true, Ordering::Relaxed);
    let compactions = compactor.join().unwrap();
    let answered = reader.join().unwrap();
    assert!(compactions > 0 && answered > 0);

    let snapshot = graph.snapshot();
    let mut seen = BTreeSet::new();
    for v in 0..snapshot.bound() as Vertex {
        for w in snapshot.neighbours(v) {
            seen.insert((v.min(w), v.max(w)));
        }
    }
    assert_eq!(seen, model);
    assert_eq!(snapshot.contacts(), model.len() as u64);
}
