//! One graph, all phases: build, quiet queries on the live graph and the bare CSR,
//! PostgreSQL and networkx on the same pairs, queries while writing, privacy, SQLite.

use crate::datasets::Dataset;
use crate::generate::degree_stats;
use crate::measure::{Phase, Summary};
use crate::networkx;
use crate::postgres::{self, PgAnswer};
use crate::privacy::{Revealed, mixed_settings};
use crate::queries::{
    Answer, Budget, MAX_DEPTH, Pass, Query, SUGGESTIONS, ask, interleaved, pass, path_fault, paths_disagree,
};
use crate::report::{GraphReport, SqliteFigures, Versus, WriteFigures};
use crate::rng;
use crate::sqlite;
use crate::writes::{cycle, while_writing};
use anyhow::Result;
use kontor_core::network::Reveal;
use kontor_graph::{Everything, Graph, GraphBuilder, PlainCsr, Scratch, Vertex, shortest_paths};
use std::path::PathBuf;
use std::time::Instant;

/// What a run does, by mode and by graph.
pub struct Plan {
    pub seed: u64,
    pub pairs: usize,
    pub budget: Budget,
    pub postgres_pairs: usize,
    pub networkx_pairs: usize,
    /// Pairs checked against the plain reference after the writes and with privacy.
    pub checks: usize,
    pub postgres: bool,
    pub networkx: Option<PathBuf>,
    pub sqlite: bool,
    pub large: bool,
}

pub struct Places {
    pub cache: PathBuf,
    pub script: PathBuf,
    pub runtime: tokio::runtime::Runtime,
}

pub fn run(data: &Dataset, plan: &Plan, places: &Places) -> Result<GraphReport> {
    let n = data.vertices;
    let mut report = GraphReport {
        name: data.name.clone(),
        vertices: n,
        contacts: data.contacts.len(),
        large: plan.large,
        degrees: data.is_generated().then(|| degree_stats(n, &data.contacts)),
        ..GraphReport::default()
    };
    let settings = mixed_settings(n, plan.seed);

    let (graph, plain) = {
        let _phase = Phase::start("build the live graph and the bare CSR");
        let started = Instant::now();
        let mut builder = GraphBuilder::new();
        for v in 0..n {
            builder.member(v, true, settings[v as usize]);
        }
        for &(a, b) in &data.contacts {
            builder.contact(a, b);
        }
        let graph = builder.build();
        report.build_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let plain = PlainCsr::from_contacts(n as usize, &data.contacts);
        report.bare_build_seconds = started.elapsed().as_secs_f64();
        let snapshot = graph.snapshot();
        report.bytes_per_contact = snapshot.memory_bytes() as f64 / snapshot.contacts().max(1) as f64;
        if snapshot.contacts() != data.contacts.len() as u64 {
            report.failures.push(format!(
                "the live graph holds {} contacts, not {}",
                snapshot.contacts(),
                data.contacts.len()
            ));
        }
        (graph, plain)
    };
    let pairs = rng::pairs(n, plan.pairs, plan.seed, &data.name);

    let (live, bare) = {
        let _phase = Phase::start("queries: live graph and bare CSR, every list visible, taking turns");
        // Twice the time: each pair is asked twice.
        let budget = Budget { time: plan.budget.time * 2, ..plan.budget };
        interleaved(
            &pairs,
            budget,
            |scratch, q, a, b| {
                let snapshot = graph.snapshot();
                ask(&*snapshot, &mut Everything, scratch, q, a, b)
            },
            |scratch, q, a, b| ask(&plain, &mut Everything, scratch, q, a, b),
        )
    };
    let counts = live.counts();
    report.live = summaries(&live);
    report.bare = summaries(&bare);
    check_against_bare(&mut report, &pairs, &live, &bare, &plain);
    let distances: Vec<Option<u8>> = live.answers[0].iter().map(Answer::distance).collect();

    // Our side of the comparisons is timed first, on the quiet machine: right after
    // PostgreSQL or networkx their processes are still winding down on the same two cores.
    let postgres_take = plan.postgres_pairs.min(distances.len());
    let networkx_take = plan.networkx_pairs.min(distances.len());
    let postgres_one_path = plan.postgres.then(|| one_path(&graph, &pairs[..postgres_take]));
    let networkx_one_path = plan.networkx.is_some().then(|| one_path(&graph, &pairs[..networkx_take]));

    if let Some(live_one_path) = postgres_one_path {
        let take = postgres_take;
        let phase = Phase::start(format!("PostgreSQL: {take} pairs"));
        match places.runtime.block_on(postgres::run(data, &pairs[..take])) {
            Ok(run) => {
                if let Some(loaded) = run.loaded {
                    report
                        .notes
                        .push(format!("PostgreSQL database loaded in this run ({:.1} s)", loaded.as_secs_f64()));
                }
                let mut answered = 0;
                let mut timeouts = 0;
                for (i, answer) in run.answers.iter().enumerate() {
                    let (a, b) = pairs[i];
                    let theirs = match answer {
                        PgAnswer::TimedOut => {
                            timeouts += 1;
                            continue;
                        }
                        PgAnswer::None => None,
                        PgAnswer::Found { distance, path } => {
                            let found = kontor_graph::Paths { distance: *distance, paths: vec![path.clone()] };
                            if let Some(fault) = path_fault(&plain, a, b, &found, |_, _| true) {
                                report.failures.push(format!("PostgreSQL {a} → {b}: {fault}"));
                            }
                            Some(*distance)
                        }
                    };
                    answered += 1;
                    if theirs != distances[i] {
                        report
                            .failures
                            .push(format!("{a} → {b}: PostgreSQL says {theirs:?}, the live graph {:?}", distances[i]));
                    }
                }
                report.checked.push(format!("PostgreSQL on the distance of {answered} pairs ({timeouts} timed out)"));
                report.versus.push(Versus {
                    system: "PostgreSQL",
                    pairs: take,
                    answered,
                    timeouts,
                    theirs: run.samples.summary(),
                    live: live.samples[0].subset(0..take),
                    live_one_path,
                    goal: 1_000.0,
                });
            }
            Err(e) => report.notes.push(format!("PostgreSQL skipped: {e:#}")),
        }
        drop(phase);
    }

    if let (Some(python), Some(live_one_path)) = (&plan.networkx, networkx_one_path) {
        let take = networkx_take;
        let _phase = Phase::start(format!("networkx: {take} pairs"));
        match networkx::run(python, &places.script, &places.cache, data, &pairs[..take]) {
            Ok(run) => {
                for (i, theirs) in run.distances.iter().enumerate() {
                    if *theirs != distances[i] {
                        let (a, b) = pairs[i];
                        report
                            .failures
                            .push(format!("{a} → {b}: networkx says {theirs:?}, the live graph {:?}", distances[i]));
                    }
                }
                report.checked.push(format!("networkx on the distance of {take} pairs"));
                report.versus.push(Versus {
                    system: "networkx",
                    pairs: take,
                    answered: take,
                    timeouts: 0,
                    theirs: run.samples.summary(),
                    live: live.samples[0].subset(0..take),
                    live_one_path,
                    goal: 10.0,
                });
            }
            Err(e) => report.notes.push(format!("networkx skipped: {e:#}")),
        }
    }

    {
        let _phase = Phase::start("queries while a writer connects and disconnects");
        let changes = cycle(&plain, &data.contacts, n, plan.seed);
        let writes = while_writing(&graph, &changes, || {
            pass(&pairs, counts, false, |scratch, q, a, b| {
                let snapshot = graph.snapshot();
                ask(&*snapshot, &mut Everything, scratch, q, a, b)
            })
        });
        report.bytes_after_writes = Some(writes.bytes_per_contact);
        report.writes = Some(WriteFigures {
            changes_per_second: writes.rate(),
            changes: writes.changes,
            compactions: writes.compactions,
            compaction_seconds: writes.compaction_seconds,
            during: summaries(&writes.pass),
        });
        // The cycle was finished: the graph must be the base graph again.
        let held = graph.snapshot().contacts();
        if held != data.contacts.len() as u64 {
            report
                .failures
                .push(format!("after the writes the graph holds {held} contacts, not {}", data.contacts.len()));
        }
        let mut scratch = Scratch::new();
        let take = plan.checks.min(distances.len());
        for (i, &(a, b)) in pairs.iter().take(take).enumerate() {
            let snapshot = graph.snapshot();
            let (Answer::Path(now), Answer::Path(before)) =
                (ask(&*snapshot, &mut Everything, &mut scratch, Query::Path, a, b), &bare.answers[0][i])
            else {
                continue;
            };
            if let Some(fault) = paths_disagree(&plain, a, b, &now, before) {
                report.failures.push(format!("after the writes, live against the bare CSR: {fault}"));
            }
        }
        report.checked.push(format!(
            "after {} changes and {} compaction(s), paths of {take} pairs as before",
            writes.changes, writes.compactions
        ));
    }

    {
        let _phase = Phase::start("queries with privacy settings");
        let private = pass(&pairs, counts, true, |scratch, q, a, b| {
            let snapshot = graph.snapshot();
            let mut filter = Reveal::new(snapshot.clone(), a, Vec::new());
            ask(&*snapshot, &mut filter, scratch, q, a, b)
        });
        report.private = Some(summaries(&private));
        let take = plan.checks.min(pairs.len());
        check_privacy(&mut report, &pairs[..take], &private, &plain, &settings);
    }
    drop(graph);

    if plan.sqlite {
        let file = places.cache.join(format!("{}.sqlite", data.key()));
        let loaded_now = {
            let _phase = Phase::start(format!("SQLite: load {}", file.display()));
            places.runtime.block_on(sqlite::ensure(&file, data, &settings, &plain))?
        };
        let _phase = Phase::start("SQLite: read every member and contact and build");
        let (built, read, elapsed) = places.runtime.block_on(sqlite::build(&file))?;
        if read != data.contacts.len() || built.snapshot().contacts() != data.contacts.len() as u64 {
            report
                .failures
                .push(format!("the graph built from SQLite read {read} contacts, not {}", data.contacts.len()));
        }
        report.sqlite = Some(SqliteFigures { contacts: read, seconds: elapsed.as_secs_f64(), loaded_now });
    }
    Ok(report)
}

/// The live graph asked for one shortest path only, as PostgreSQL and networkx answer.
/// The pairs are asked over and over, at least 20,000 times in all: 200 pairs take half
/// a millisecond, a window that one moment's noise on the machine would otherwise decide.
fn one_path(graph: &Graph, pairs: &[(Vertex, Vertex)]) -> Summary {
    let mut scratch = Scratch::new();
    let mut run = |a, b| {
        let snapshot = graph.snapshot();
        shortest_paths(&*snapshot, &mut Everything, &mut scratch, a, b, MAX_DEPTH, 1)
    };
    for &(a, b) in pairs.iter().rev().take(50) {
        run(a, b);
    }
    let rounds = 20_000_usize.div_ceil(pairs.len().max(1));
    Summary::of(pairs.iter().cycle().take(rounds * pairs.len()).map(|&(a, b)| {
        let started = Instant::now();
        run(a, b);
        started.elapsed().as_nanos() as u64
    }))
}

fn summaries(pass: &Pass) -> [Summary; 4] {
    std::array::from_fn(|i| pass.samples[i].summary())
}

/// With no filter the live graph must answer exactly as the bare CSR, and its paths
/// must be real.
fn check_against_bare(
    report: &mut GraphReport,
    pairs: &[(Vertex, Vertex)],
    live: &Pass,
    bare: &Pass,
    plain: &PlainCsr,
) {
    for (k, query) in Query::ALL.into_iter().enumerate() {
        let mut wrong = 0;
        for (i, (l, b)) in live.answers[k].iter().zip(&bare.answers[k]).enumerate() {
            let (x, y) = pairs[i];
            let fault = match (l, b) {
                (Answer::Path(l), Answer::Path(b)) => paths_disagree(plain, x, y, l, b),
                _ => (l != b).then(|| format!("{x} → {y}: live {l:?}, bare {b:?}")),
            };
            if let Some(fault) = fault {
                wrong += 1;
                if wrong <= 5 {
                    report.failures.push(format!("{}, live against the bare CSR: {fault}", query.label()));
                }
            }
        }
        if wrong > 5 {
            report.failures.push(format!("{} and {} more", query.label(), wrong - 5));
        }
    }
    report.checked.push(format!(
        "live = bare CSR on all four queries for every pair timed ({} paths: distance, count, validity; {} degree counts)",
        live.answers[0].len(),
        live.answers[3].len()
    ));
}

/// With privacy the live graph must answer as a textbook search over the contacts the
/// rule reveals to the asking member.
fn check_privacy(
    report: &mut GraphReport,
    pairs: &[(Vertex, Vertex)],
    private: &Pass,
    plain: &PlainCsr,
    settings: &[u8],
) {
    let mut checked = 0;
    for (i, &(a, b)) in pairs.iter().enumerate() {
        let reference = Revealed::new(plain, settings, a);
        let (distance, levels) = reference.search(b);
        let mut differ = |what: &str, live: String, want: String| {
            report.failures.push(format!("privacy, viewer {a}, {what} {b}: live {live}, reference {want}"));
        };
        if let Some(Answer::Path(found)) = private.answers[0].get(i) {
            let live = found.as_ref().map(|p| p.distance);
            if live != distance {
                differ("distance to", format!("{live:?}"), format!("{distance:?}"));
            }
            if let Some(paths) = found
                && let Some(fault) = path_fault(plain, a, b, paths, |u, w| reference.counts(u, w))
            {
                differ("path to", fault, "only revealed contacts".into());
            }
        }
        if let Some(Answer::Shared(live)) = private.answers[1].get(i) {
            let want = reference.shared(b);
            if *live != want {
                differ("shared contacts with", format!("{live:?}"), format!("{want:?}"));
            }
        }
        if let Some(Answer::Suggestions(live)) = private.answers[2].get(i) {
            let want = reference.suggestions(SUGGESTIONS);
            if *live != want {
                differ("suggestions, pair with", format!("{live:?}"), format!("{want:?}"));
            }
        }
        if let Some(Answer::Degrees(live)) = private.answers[3].get(i)
            && *live != levels
        {
            differ("degree counts, pair with", format!("{live:?}"), format!("{levels:?}"));
        }
        checked += 1;
    }
    report
        .checked
        .push(format!("privacy: all four queries of {checked} viewers = a plain search over the revealed contacts"));
}
