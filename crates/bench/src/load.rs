//! The load benchmark: `kontor serve` (the release build, in its own process) on a copy
//! of the demo network, and many members at once, each a client of its own with a
//! session cookie, as browsers are:
//!
//! - a mixed load — half of the requests ticker pages (`/home`), a third profile views
//!   of contacts (`/members/{id}`), the rest new posts — at 50, 100 and 200 clients;
//! - a posting-only load at 200 clients.
//!
//! Per phase it prints requests per second and the median and 99th percentile of each
//! kind of request, the errors, and the CPU the server and the load client (this
//! process, on the same two cores) each took.

use crate::measure::{Samples, Summary};
use anyhow::{Context, Result, bail};
use reqwest::cookie::Jar;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Home,
    Profile,
    Post,
}

const KINDS: [Kind; 3] = [Kind::Home, Kind::Profile, Kind::Post];

/// One member's browser: its cookies, its form token, and the contacts it may visit.
struct Member {
    client: reqwest::Client,
    csrf: String,
    profiles: Vec<String>,
    /// Whose posts its ticker shows, among the members of the load (by their place in
    /// it, itself included): its contacts in the dataset.
    follows: Vec<usize>,
    /// The load's post count when this member's last ticker page arrived, and when its
    /// own last post was answered: a page must be made anew when someone it follows
    /// posted since the last one arrived, whatever the server remembers.
    visited_at: AtomicU64,
    posted_at: AtomicU64,
}

/// Posts answered so far in the whole run.
static POSTS_ANSWERED: AtomicU64 = AtomicU64::new(0);

/// Runs the load benchmark (`kontor-bench load [--quick] [--seconds N]`).
pub fn run(args: &[String]) -> Result<bool> {
    let quick = args.iter().any(|a| a == "--quick");
    let seconds = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.parse::<u64>())
        .transpose()
        .context("--seconds takes a number")?
        .unwrap_or(if quick { 5 } else { 20 });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(load(quick, Duration::from_secs(seconds)))?;
    Ok(true)
}

async fn load(quick: bool, time: Duration) -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let server = Server::start(&root).await?;
    let most = if quick { 50 } else { 200 };
    let members = server.members(most).await?;
    println!("{} members logged in, each a client of its own", members.len());
    let mixed: &[usize] = if quick { &[50] } else { &[50, 100, 200] };
    for &clients in mixed {
        let figures = phase(&server, &members[..clients.min(members.len())], time, |n| match n % 20 {
            0..=9 => Kind::Home,
            10..=16 => Kind::Profile,
            _ => Kind::Post,
        })
        .await?;
        println!("mixed load (50 % ticker pages, 35 % profile views, 15 % posts), {clients} clients: {figures}");
    }
    let figures = phase(&server, &members, time, |_| Kind::Post).await?;
    println!("posting only, {} clients: {figures}", members.len());
    server.stop();
    Ok(())
}

/// What one phase measured.
struct Figures {
    seconds: f64,
    per_kind: Vec<(Kind, Summary)>,
    errors: usize,
    server_cpu: f64,
    client_cpu: f64,
    /// Per cache: reads answered from memory and not, during the phase.
    caches: Vec<(String, u64, u64)>,
    /// Ticker pages asked for after someone the member follows posted since its last
    /// visit: no memory can answer those with the page it held.
    pages_changed: usize,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.per_kind.iter().map(|(_, s)| s.count).sum();
        write!(f, "{:.0} requests/s", total as f64 / self.seconds)?;
        for (kind, s) in &self.per_kind {
            let name = match kind {
                Kind::Home => "ticker page",
                Kind::Profile => "profile view",
                Kind::Post => "post",
            };
            let ms = |ns: u64| ns as f64 / 1e6;
            write!(
                f,
                "; {name} {:.0}/s, p50 {:.1} ms, p99 {:.1} ms",
                s.count as f64 / self.seconds,
                ms(s.p50),
                ms(s.p99)
            )?;
        }
        write!(
            f,
            "; {} errors; CPU: server {:.0} %, load client {:.0} % (of one core)",
            self.errors, self.server_cpu, self.client_cpu
        )?;
        if let Some((_, pages)) = self.per_kind.iter().find(|(k, _)| *k == Kind::Home) {
            let bound = 100.0 - self.pages_changed as f64 * 100.0 / pages.count.max(1) as f64;
            write!(
                f,
                "; ticker pages that could be held (nothing followed posted since the last visit): {bound:.1} %"
            )?;
        }
        write!(f, "; served from memory:")?;
        for (cache, hits, misses) in self.caches.iter().filter(|(_, h, m)| h + m > 0) {
            write!(f, " {cache} {:.1} % of {}", *hits as f64 * 100.0 / (hits + misses) as f64, hits + misses)?;
        }
        Ok(())
    }
}

/// Every member asks as fast as it is answered for `time`; `kind_of(n)` says what its
/// `n`th request is.
async fn phase(
    server: &Server,
    members: &[Arc<Member>],
    time: Duration,
    kind_of: fn(usize) -> Kind,
) -> Result<Figures> {
    let caches_before = cache_counts(&server.base).await?;
    let started = Instant::now();
    let (server_before, client_before) = (cpu_ticks(server.pid)?, cpu_ticks(std::process::id())?);
    let deadline = started + time;
    let mut tasks = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let (member, base, everyone) = (member.clone(), server.base.clone(), members.to_vec());
        tasks.push(tokio::spawn(async move {
            let mut samples: Vec<(Kind, u64)> = Vec::new();
            let mut errors = 0;
            let mut pages_changed = 0;
            // Each member starts at another point of the mix.
            for n in (i * 7).. {
                if Instant::now() >= deadline {
                    break;
                }
                let kind = kind_of(n);
                let t = Instant::now();
                if kind == Kind::Home {
                    let last = member.visited_at.load(Ordering::Relaxed);
                    let changed = member
                        .follows
                        .iter()
                        .filter_map(|&m| everyone.get(m))
                        .any(|m| m.posted_at.load(Ordering::Relaxed) > last);
                    pages_changed += usize::from(changed);
                }
                let ok = match kind {
                    Kind::Home => get(&member.client, &format!("{base}/home")).await,
                    Kind::Profile => {
                        let target = &member.profiles[n % member.profiles.len()];
                        get(&member.client, &format!("{base}{target}")).await
                    }
                    Kind::Post => post(&member, &base, n).await,
                };
                // A post answered after the last page arrived cannot have been on it.
                if kind == Kind::Home {
                    member.visited_at.store(POSTS_ANSWERED.load(Ordering::Relaxed), Ordering::Relaxed);
                }
                if ok && kind == Kind::Post {
                    member.posted_at.store(POSTS_ANSWERED.fetch_add(1, Ordering::Relaxed) + 1, Ordering::Relaxed);
                }
                match ok {
                    true => samples.push((kind, t.elapsed().as_nanos() as u64)),
                    false => errors += 1,
                }
            }
            (samples, errors, pages_changed)
        }));
    }
    let mut by_kind: Vec<(Kind, Samples)> = KINDS.iter().map(|&k| (k, Samples::default())).collect();
    let mut errors = 0;
    let mut pages_changed = 0;
    for task in tasks {
        let (samples, failed, changed) = task.await?;
        errors += failed;
        pages_changed += changed;
        for (kind, ns) in samples {
            if let Some((_, s)) = by_kind.iter_mut().find(|(k, _)| *k == kind) {
                s.0.push(ns);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let share = |before: u64, after: u64| (after - before) as f64 / TICKS_PER_SECOND / seconds * 100.0;
    Ok(Figures {
        seconds,
        per_kind: by_kind.iter().filter(|(_, s)| s.len() > 0).map(|(k, s)| (*k, s.summary())).collect(),
        errors,
        pages_changed,
        server_cpu: share(server_before, cpu_ticks(server.pid)?),
        client_cpu: share(client_before, cpu_ticks(std::process::id())?),
        caches: cache_counts(&server.base)
            .await?
            .into_iter()
            .map(|(cache, (hits, misses))| {
                let (h0, m0) = caches_before.get(&cache).copied().unwrap_or_default();
                (cache, hits - h0, misses - m0)
            })
            .collect(),
    })
}

/// Each cache's hits and misses so far, from the server's `/metrics` (this machine's own
/// requests are answered).
async fn cache_counts(base: &str) -> Result<std::collections::BTreeMap<String, (u64, u64)>> {
    let text = reqwest::get(format!("{base}/metrics")).await?.text().await?;
    let mut counts = std::collections::BTreeMap::new();
    for line in text.lines() {
        for (prefix, hit) in [("kontor_cache_hits_total{cache=\"", true), ("kontor_cache_misses_total{cache=\"", false)]
        {
            let Some(rest) = line.strip_prefix(prefix) else { continue };
            let Some((cache, value)) = rest.split_once("\"} ") else { continue };
            let entry: &mut (u64, u64) = counts.entry(cache.to_owned()).or_default();
            let value: u64 = value.trim().parse().unwrap_or(0);
            if hit { entry.0 = value } else { entry.1 = value }
        }
    }
    Ok(counts)
}

async fn get(client: &reqwest::Client, url: &str) -> bool {
    match client.get(url).send().await {
        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
        _ => false,
    }
}

async fn post(member: &Member, base: &str, n: usize) -> bool {
    let text = format!("Lastmessung {n}: wer kommt morgen zum Stammtisch?");
    let form = [("csrf", member.csrf.as_str()), ("text", text.as_str()), ("audience", "contacts")];
    matches!(member.client.post(format!("{base}/posts")).form(&form).send().await,
        Ok(r) if r.status() == reqwest::StatusCode::SEE_OTHER)
}

/// The clock ticks `/proc/PID/stat` counts CPU time in (`getconf CLK_TCK`: 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// User and system CPU a process took so far, in clock ticks.
fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command may hold spaces: the fields follow the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').context("a /proc stat line")?.1.split_whitespace().collect();
    Ok(fields[11].parse::<u64>()? + fields[12].parse::<u64>()?)
}

/// `kontor serve` from the release build, on a fresh copy of the demo network.
struct Server {
    child: std::process::Child,
    pid: u32,
    base: String,
    dataset: PathBuf,
}

impl Server {
    async fn start(root: &Path) -> Result<Server> {
        let kontor = std::env::current_exe()?.with_file_name("kontor");
        if !kontor.exists() {
            bail!("{} is missing: build it first with cargo build --release", kontor.display());
        }
        let dataset = root.join("../shared/data/ldbc-sf0.1");
        let run_dir = root.join("bench-data/load-run");
        crate::ticker::http::demo_copy(root, &dataset, &run_dir).await?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = std::process::Command::new(&kontor)
            .arg("--data-dir")
            .arg(&run_dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("KONTOR_LOG", "error")
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("starting kontor serve")?;
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(120);
        while !reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status().is_success()) {
            if Instant::now() > deadline {
                bail!("kontor serve did not answer within two minutes");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let pid = child.id();
        Ok(Server { child, pid, base, dataset })
    }

    /// Logs in the `most` members with the most contacts, each with a browser of its own.
    async fn members(&self, most: usize) -> Result<Vec<Arc<Member>>> {
        let people = kontor::import::ldbc::read(&self.dataset, time::OffsetDateTime::now_utc())?;
        let mut degree: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let knows = kontor::import::ldbc::knows(&self.dataset)?;
        for (a, b, _) in &knows {
            *degree.entry(a.clone()).or_default() += 1;
            *degree.entry(b.clone()).or_default() += 1;
        }
        let mut ranked: Vec<(usize, &str, &str)> = people
            .iter()
            .map(|(id, m)| (degree.get(id).copied().unwrap_or(0), id.as_str(), m.account.email.as_str()))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let mut members = Vec::new();
        let mut loaded: Vec<&str> = Vec::new();
        for (_, id, email) in ranked.into_iter().take(most) {
            let (client, _jar): (reqwest::Client, Arc<Jar>) = crate::ticker::http::logged_in(&self.base, email).await?;
            let csrf = crate::ticker::http::form_token(&client, &self.base).await?;
            let page = client.get(format!("{}/contacts", self.base)).send().await?.text().await?;
            let mut profiles: Vec<String> = page
                .match_indices("href=\"/members/")
                .filter_map(|(at, _)| page[at + 6..].split('"').next())
                .filter(|href| href.len() == "/members/".len() + 32)
                .map(str::to_owned)
                .collect();
            profiles.dedup();
            if profiles.is_empty() {
                continue;
            }
            loaded.push(id);
            members.push(Member {
                client,
                csrf,
                profiles,
                follows: Vec::new(),
                visited_at: AtomicU64::new(0),
                posted_at: AtomicU64::new(0),
            });
        }
        let place: std::collections::HashMap<&str, usize> = loaded.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for (i, member) in members.iter_mut().enumerate() {
            member.follows.push(i);
        }
        for (a, b, _) in &knows {
            if let (Some(&a), Some(&b)) = (place.get(a.as_str()), place.get(b.as_str())) {
                members[a].follows.push(b);
                members[b].follows.push(a);
            }
        }
        if members.is_empty() {
            bail!("no member with contacts could log in");
        }
        Ok(members.into_iter().map(Arc::new).collect())
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
