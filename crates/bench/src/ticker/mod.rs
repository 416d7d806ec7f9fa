//! The ticker benchmark: a generated network with a history of activities, the first
//! page of a member's ticker from the in-memory engine (the followed members' lists
//! merged and gated as `Ticker::page` does) against the same page from PostgreSQL alone
//! (a LATERAL query over the contacts' activities on an `(actor, key)` index).
//!
//! Then, over HTTP on the demo network: the logged-in ticker page against a static file
//! of the same server, and the live push of a new post to connected contacts.
//!
//! `kontor-bench ticker [--quick] [--members N] [--per-member N] [--seed N] [--no-postgres] [--no-http]`

mod data;
pub(crate) mod http;
mod postgres;

use crate::measure::{Samples, Summary, memory};
use anyhow::{Context, Result, bail};
use data::TickerData;
use kontor_core::accounts::{Account, AccountState, DisplayName, Email, Role};
use kontor_core::i18n::Lang;
use kontor_core::ids::{MemberId, MemberKey};
use kontor_core::network::{Viewer, member};
use kontor_core::ticker::{DEPTH, TickerIndex, first_page_from_memory, limits};
use kontor_graph::GraphBuilder;
use std::time::{Duration, Instant};

/// Contacts of every measured reader ("a member with 500 contacts").
pub const READER_CONTACTS: usize = 500;
/// The goals: p99 of the first page in-process, and the factor over PostgreSQL.
const GOAL_P99: Duration = Duration::from_millis(2);
const GOAL_FACTOR: f64 = 10.0;
/// Over HTTP: the ticker page's throughput against a static file's, and the live push.
const GOAL_HTTP_SHARE: f64 = 0.30;
const GOAL_LIVE_P99: Duration = Duration::from_millis(100);

struct Options {
    quick: bool,
    members: u32,
    per_member: u32,
    readers: usize,
    seed: u64,
    postgres: bool,
    http: bool,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o =
        Options { quick: false, members: 1_000_000, per_member: 50, readers: 200, seed: 1, postgres: true, http: true };
    let mut explicit_members = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--quick" => o.quick = true,
            "--members" => {
                o.members = value()?.parse()?;
                explicit_members = true;
            }
            "--per-member" => o.per_member = value()?.parse()?,
            "--readers" => o.readers = value()?.parse()?,
            "--seed" => o.seed = value()?.parse()?,
            "--no-postgres" => o.postgres = false,
            "--no-http" => o.http = false,
            _ => bail!("unknown argument {arg:?} for `kontor-bench ticker`"),
        }
    }
    if o.quick && !explicit_members {
        o.members = 20_000;
        o.readers = 100;
    }
    if o.members as usize <= READER_CONTACTS {
        bail!("--members must be more than {READER_CONTACTS}");
    }
    Ok(o)
}

/// A member account for a vertex, as the viewer needs one.
fn account(v: u32) -> Result<Account> {
    Ok(Account {
        id: MemberId::new(),
        key: member(v),
        email: Email::parse(&format!("m{v}@bench.invalid")).map_err(|e| anyhow::anyhow!("{}", e.code))?,
        name: DisplayName::parse(&format!("Member {v}")).map_err(|e| anyhow::anyhow!("{}", e.code))?,
        state: AccountState::Active,
        role: Role::Member,
        lang: Lang::De,
        created_at: time::OffsetDateTime::UNIX_EPOCH,
        deletion_requested_at: None,
        two_factor: false,
    })
}

fn ms(ns: u64) -> String {
    format!("{:.3} ms", ns as f64 / 1e6)
}

/// Runs the ticker benchmark; false if a check failed (a missed goal is reported, not
/// a failure).
pub fn run(args: &[String]) -> Result<bool> {
    let o = options(args)?;
    let started = Instant::now();
    println!(
        "Kontor ticker benchmark ({}), seed {}: {} members, about {} activities each, readers with {} contacts",
        if o.quick { "quick" } else { "full" },
        o.seed,
        o.members,
        o.per_member,
        READER_CONTACTS
    );

    let t = Instant::now();
    let data = TickerData::generate(o.members, o.per_member, o.readers, o.seed);
    println!(
        "generated {} contacts and {} activities in {:.1} s",
        data.contacts.len(),
        data.activities,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let mut builder = GraphBuilder::new();
    for v in 0..o.members {
        builder.member(v, true, data.list_tags[v as usize]);
    }
    for &(a, b) in &data.contacts {
        builder.contact(a, b);
    }
    let graph = builder.build();
    let index = TickerIndex::new();
    index.load(data.authors());
    let (held, bytes) = index.size();
    println!(
        "graph and ticker index built in {:.1} s: {held} activities held in memory (newest {DEPTH} per member), \
         {:.1} bytes per activity held; peak memory {}",
        t.elapsed().as_secs_f64(),
        bytes as f64 / held.max(1) as f64,
        memory("VmHWM:")
    );

    // The first page of each reader's ticker, several rounds, from memory.
    let snapshot = graph.snapshot();
    let mut samples = Samples::default();
    let mut shown = 0usize;
    let rounds = if o.quick { 5 } else { 10 };
    for _ in 0..rounds {
        for &reader in &data.readers {
            let followed: Vec<MemberKey> =
                snapshot.all_contacts(reader).into_iter().map(member).chain([member(reader)]).collect();
            let account = account(reader)?;
            let t = Instant::now();
            let mut viewer = Viewer::on_graph(account, snapshot.clone());
            let page = first_page_from_memory(&index, &mut viewer, &followed, limits::PAGE);
            samples.0.push(t.elapsed().as_nanos() as u64);
            shown += page.items.len();
        }
    }
    let engine = samples.summary();
    println!(
        "\nfirst page in-process ({} pages of up to {}; viewer, lookup, merge and gate; {:.1} items a page):\n  \
         p50 {}  p99 {}   goal p99 ≤ {}  {}",
        engine.count,
        limits::PAGE,
        shown as f64 / engine.count.max(1) as f64,
        ms(engine.p50),
        ms(engine.p99),
        ms(GOAL_P99.as_nanos() as u64),
        if engine.p99 <= GOAL_P99.as_nanos() as u64 { "met" } else { "NOT MET" }
    );

    let mut ok = true;
    if o.postgres {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let pg: Result<(Summary, Option<Duration>)> = runtime.block_on(postgres::run(&data, &snapshot, rounds));
        match pg {
            Ok((pg, loaded)) => {
                if let Some(took) = loaded {
                    println!(
                        "PostgreSQL loaded at the same scale in {:.0} s (cached for this seed)",
                        took.as_secs_f64()
                    );
                }
                let factor = pg.p99 as f64 / engine.p99.max(1) as f64;
                println!(
                    "the same first page from PostgreSQL (LATERAL over the contacts' newest activities):\n  \
                     p50 {}  p99 {}   in-process is {:.0}× faster at p99 (goal ≥ {:.0}×)  {}",
                    ms(pg.p50),
                    ms(pg.p99),
                    factor,
                    GOAL_FACTOR,
                    if factor >= GOAL_FACTOR { "met" } else { "NOT MET" }
                );
                println!("PostgreSQL query:\n{}", postgres::PAGE_SQL);
            }
            Err(e) => {
                println!("PostgreSQL skipped: {e:#}");
                ok = !std::env::var("KONTOR_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            }
        }
    }
    drop(index);
    drop(graph);
    if o.http {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        println!("\nover HTTP on this machine ({} cores), the demo network:", std::thread::available_parallelism()?);
        match runtime.block_on(http::run(&root, o.quick)) {
            Ok(f) => {
                let generator = f.rounds.first().map_or("nothing", |(_, page)| page.generator);
                println!(
                    "  load from {generator}, {} connections, the static file and the ticker page in turn:",
                    http::CONNECTIONS
                );
                for (round, ((file, page), share)) in f.rounds.iter().zip(f.shares()).enumerate() {
                    println!(
                        "  round {}: static file {:.0} requests/s (p50 {} p99 {}), ticker page {:.0} requests/s \
                         (p50 {} p99 {}): {:.0}%",
                        round + 1,
                        file.rate,
                        ms(file.latency.p50),
                        ms(file.latency.p99),
                        page.rate,
                        ms(page.latency.p50),
                        ms(page.latency.p99),
                        share * 100.0
                    );
                }
                let share = f.median_share();
                let lowest = f.shares().into_iter().fold(f64::INFINITY, f64::min);
                println!(
                    "  the ticker page at {:.0}% of the static file's throughput, the median of {} rounds \
                     (lowest {:.0}%; goal ≥ {:.0}%)  {}",
                    share * 100.0,
                    f.rounds.len(),
                    lowest * 100.0,
                    GOAL_HTTP_SHARE * 100.0,
                    if share >= GOAL_HTTP_SHARE { "met" } else { "NOT MET" }
                );
                println!("  one request at a time (p50, p99):");
                for (path, s) in &f.serial {
                    println!("    {path:<26} {} {}", ms(s.p50), ms(s.p99));
                }
                println!(
                    "  live push of a new post to {} connected contacts, from sending the post, the write \
                     included ({} samples):\n  \
                     p50 {} p99 {}   goal p99 ≤ {}  {}",
                    f.live_listeners,
                    f.live.count,
                    ms(f.live.p50),
                    ms(f.live.p99),
                    ms(GOAL_LIVE_P99.as_nanos() as u64),
                    if f.live.p99 <= GOAL_LIVE_P99.as_nanos() as u64 { "met" } else { "NOT MET" }
                );
            }
            Err(e) => {
                println!("CHECK FAILED: the HTTP part did not run: {e:#}");
                ok = false;
            }
        }
    }
    if shown == 0 {
        println!("CHECK FAILED: no reader saw a single item");
        ok = false;
    }
    println!(
        "\nticker benchmark done in {:.1} min; peak memory {}",
        started.elapsed().as_secs_f64() / 60.0,
        memory("VmHWM:")
    );
    Ok(ok)
}
