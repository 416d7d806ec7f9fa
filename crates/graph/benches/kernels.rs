//! The query kernels on a small generated network (20,000 members, about 100 contacts
//! each, mostly inside groups of 500), on the live snapshot and on the bare CSR.
//! `cargo bench -p kontor-graph`; the full benchmark with real graphs, PostgreSQL and
//! goals is `cargo run --release -p kontor-bench`.

use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime};
use kontor_graph::{
    Adjacency, Everything, GraphBuilder, PlainCsr, Scratch, Vertex, degree_counts, shared_contacts, shortest_paths,
    suggestions,
};
use std::hint::black_box;

const MEMBERS: u32 = 20_000;
const GROUP: u32 = 500;

/// SplitMix64: enough randomness for a fixed test graph without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u32) -> u32 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((((z ^ (z >> 31)) >> 32) * u64::from(bound)) >> 32) as u32
    }
}

/// Each member adds 30 contacts in its group and 20 anywhere: a mean of about 100.
fn contacts() -> Vec<(Vertex, Vertex)> {
    let mut rng = Rng(7);
    let mut out = Vec::new();
    for v in 0..MEMBERS {
        let group = v / GROUP * GROUP;
        for _ in 0..30 {
            out.push((v, group + rng.below(GROUP.min(MEMBERS - group))));
        }
        for _ in 0..20 {
            out.push((v, rng.below(MEMBERS)));
        }
    }
    out
}

fn kernels<A: Adjacency>(group: &mut BenchmarkGroup<'_, WallTime>, on: &str, graph: &A, pairs: &[(Vertex, Vertex)]) {
    let mut scratch = Scratch::new();
    let mut next = pairs.iter().copied().cycle();
    group.bench_function(format!("{on}/shortest_paths ≤4, 3 paths"), |b| {
        b.iter(|| {
            let (a, t) = next.next().unwrap_or_default();
            black_box(shortest_paths(graph, &mut Everything, &mut scratch, a, t, 4, 3))
        })
    });
    group.bench_function(format!("{on}/shared_contacts"), |b| {
        b.iter(|| {
            let (a, t) = next.next().unwrap_or_default();
            black_box(shared_contacts(graph, &mut Everything, &mut scratch, a, t))
        })
    });
    group.bench_function(format!("{on}/suggestions top 10"), |b| {
        b.iter(|| {
            let (a, _) = next.next().unwrap_or_default();
            black_box(suggestions(graph, &mut Everything, &mut scratch, a, &[], 10))
        })
    });
    group.bench_function(format!("{on}/degree_counts to 3"), |b| {
        b.iter(|| {
            let (a, _) = next.next().unwrap_or_default();
            black_box(degree_counts(graph, &mut Everything, &mut scratch, a, 3))
        })
    });
}

fn network(c: &mut Criterion) {
    let contacts = contacts();
    let mut builder = GraphBuilder::new();
    for &(a, b) in &contacts {
        builder.contact(a, b);
    }
    let graph = builder.build();
    let plain = PlainCsr::from_contacts(MEMBERS as usize, &contacts);
    let mut rng = Rng(11);
    let pairs: Vec<(Vertex, Vertex)> = (0..1_024).map(|_| (rng.below(MEMBERS), rng.below(MEMBERS))).collect();
    let mut group = c.benchmark_group("network");
    kernels(&mut group, "live", &*graph.snapshot(), &pairs);
    kernels(&mut group, "bare", &plain, &pairs);
    group.finish();
}

criterion_group!(benches, network);
criterion_main!(benches);
