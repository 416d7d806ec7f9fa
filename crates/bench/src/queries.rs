//! The four network queries as the application asks them, timed over a list of pairs.

use crate::measure::Samples;
use kontor_graph::{
    Adjacency, Filter, Paths, PlainCsr, Scratch, Suggestion, Vertex, degree_counts, shared_contacts, shortest_paths,
    suggestions,
};
use std::time::{Duration, Instant};

/// Paths are searched up to four steps, with up to three shortest paths returned.
pub const MAX_DEPTH: u8 = 4;
pub const MAX_PATHS: usize = 3;
pub const SUGGESTIONS: usize = 10;
pub const LEVELS: u8 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    Path,
    Shared,
    Suggestions,
    Degrees,
}

impl Query {
    pub const ALL: [Query; 4] = [Query::Path, Query::Shared, Query::Suggestions, Query::Degrees];

    pub fn label(self) -> &'static str {
        match self {
            Query::Path => "path ≤4 (3 paths)",
            Query::Shared => "shared contacts",
            Query::Suggestions => "suggestions top-10",
            Query::Degrees => "degree counts (to 3)",
        }
    }
}

/// What a query answered: the pair's paths, or the first member's lists and counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Path(Option<Paths>),
    Shared(Vec<Vertex>),
    Suggestions(Vec<Suggestion>),
    Degrees(Vec<u64>),
}

impl Answer {
    /// The answer without spare capacity: `suggestions` hands back a vector sized for
    /// every candidate it counted (megabytes at four million members), and the passes
    /// keep ten thousand answers.
    pub fn shrunk(mut self) -> Self {
        match &mut self {
            Answer::Path(Some(p)) => p.paths.shrink_to_fit(),
            Answer::Path(None) => {}
            Answer::Shared(v) => v.shrink_to_fit(),
            Answer::Suggestions(v) => v.shrink_to_fit(),
            Answer::Degrees(v) => v.shrink_to_fit(),
        }
        self
    }

    pub fn distance(&self) -> Option<u8> {
        match self {
            Answer::Path(p) => p.as_ref().map(|p| p.distance),
            _ => None,
        }
    }
}

/// Runs `query` for the pair `(a, b)`; `a` is the member asking.
pub fn ask<A: Adjacency, F: Filter>(
    graph: &A,
    filter: &mut F,
    scratch: &mut Scratch,
    query: Query,
    a: Vertex,
    b: Vertex,
) -> Answer {
    match query {
        Query::Path => Answer::Path(shortest_paths(graph, filter, scratch, a, b, MAX_DEPTH, MAX_PATHS)),
        Query::Shared => Answer::Shared(shared_contacts(graph, filter, scratch, a, b)),
        Query::Suggestions => Answer::Suggestions(suggestions(graph, filter, scratch, a, &[], SUGGESTIONS)),
        Query::Degrees => Answer::Degrees(degree_counts(graph, filter, scratch, a, LEVELS)),
    }
}

/// How many pairs a pass may use per query: all of them, unless the time runs out first
/// (degree counts at four million members take a tenth of a second each).
#[derive(Clone, Copy)]
pub struct Budget {
    pub time: Duration,
    pub at_least: usize,
}

/// The samples and answers of one pass, per query in [`Query::ALL`] order.
#[derive(Default)]
pub struct Pass {
    pub samples: [Samples; 4],
    pub answers: [Vec<Answer>; 4],
}

impl Pass {
    /// How many pairs each query got through, to give another pass the same pairs.
    pub fn counts(&self) -> [usize; 4] {
        std::array::from_fn(|i| self.samples[i].len())
    }
}

/// Times `run` on `pairs`, one query kind after the other, on this thread; `counts`
/// says how many pairs each query takes (as many as an earlier pass got through).
pub fn pass(
    pairs: &[(Vertex, Vertex)],
    counts: [usize; 4],
    keep_answers: bool,
    mut run: impl FnMut(&mut Scratch, Query, Vertex, Vertex) -> Answer,
) -> Pass {
    let mut scratch = Scratch::new();
    let mut out = Pass::default();
    for (i, query) in Query::ALL.into_iter().enumerate() {
        // Warm up: the scratch space grows to the graph and the caches fill.
        for &(a, b) in pairs.iter().rev().take(50) {
            run(&mut scratch, query, a, b);
        }
        let samples = &mut out.samples[i].0;
        for &(a, b) in pairs.iter().take(counts[i]) {
            let t = Instant::now();
            let answer = run(&mut scratch, query, a, b);
            samples.push(t.elapsed().as_nanos() as u64);
            if keep_answers {
                out.answers[i].push(answer.shrunk());
            }
        }
    }
    out
}

/// Times `first` and `second` on the same pairs, taking turns pair by pair (and which
/// goes first), so that a noisy machine slows both alike: their ratio is the figure
/// that matters, and two passes one after the other can differ by half from noise alone.
pub fn interleaved(
    pairs: &[(Vertex, Vertex)],
    budget: Budget,
    mut first: impl FnMut(&mut Scratch, Query, Vertex, Vertex) -> Answer,
    mut second: impl FnMut(&mut Scratch, Query, Vertex, Vertex) -> Answer,
) -> (Pass, Pass) {
    let mut scratch = Scratch::new();
    let (mut one, mut two) = (Pass::default(), Pass::default());
    for (i, query) in Query::ALL.into_iter().enumerate() {
        for &(a, b) in pairs.iter().rev().take(50) {
            first(&mut scratch, query, a, b);
            second(&mut scratch, query, a, b);
        }
        let started = Instant::now();
        for (n, &(a, b)) in pairs.iter().enumerate() {
            let mut time = |run: &mut dyn FnMut(&mut Scratch, Query, Vertex, Vertex) -> Answer, out: &mut Pass| {
                let t = Instant::now();
                let answer = run(&mut scratch, query, a, b);
                out.samples[i].0.push(t.elapsed().as_nanos() as u64);
                out.answers[i].push(answer.shrunk());
            };
            if n % 2 == 0 {
                time(&mut first, &mut one);
                time(&mut second, &mut two);
            } else {
                time(&mut second, &mut two);
                time(&mut first, &mut one);
            }
            if n + 1 >= budget.at_least && started.elapsed() > budget.time {
                break;
            }
        }
    }
    (one, two)
}

/// Why a path answer is wrong, if it is: it must run from `a` to `b`, be as long as its
/// distance, and step only along contacts that `allowed` accepts.
pub fn path_fault(
    plain: &PlainCsr,
    a: Vertex,
    b: Vertex,
    paths: &Paths,
    mut allowed: impl FnMut(Vertex, Vertex) -> bool,
) -> Option<String> {
    for path in &paths.paths {
        if path.first() != Some(&a) || path.last() != Some(&b) || path.len() != usize::from(paths.distance) + 1 {
            return Some(format!("path {path:?} does not run {a} → {b} in {} steps", paths.distance));
        }
        for step in path.windows(2) {
            if plain.neighbours(step[0]).binary_search(&step[1]).is_err() || !allowed(step[0], step[1]) {
                return Some(format!("path {path:?}: {} – {} is no usable contact", step[0], step[1]));
            }
        }
    }
    None
}

/// Why `found` disagrees with `expected` for the pair `a → b`, if it does. Two searches
/// may pick different shortest paths (the side a bidirectional search grows first depends
/// on degree estimates), so they must agree on the distance and on how many paths there
/// are (up to the maximum), and every path must be real and distinct.
pub fn paths_disagree(
    plain: &PlainCsr,
    a: Vertex,
    b: Vertex,
    found: &Option<Paths>,
    expected: &Option<Paths>,
) -> Option<String> {
    let shape = |p: &Option<Paths>| p.as_ref().map(|p| (p.distance, p.paths.len()));
    if shape(found) != shape(expected) {
        return Some(format!("{a} → {b}: found {found:?}, expected {expected:?}"));
    }
    let paths = found.as_ref()?;
    let mut distinct = paths.paths.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != paths.paths.len() {
        return Some(format!("{a} → {b}: repeated paths in {paths:?}"));
    }
    path_fault(plain, a, b, paths, |_, _| true).map(|fault| format!("{a} → {b}: {fault}"))
}
