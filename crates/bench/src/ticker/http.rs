//! The ticker over HTTP on this machine, on the demo network (the LDBC data set with a
//! month of history, made once in `bench-data/demo` and copied for each run, so no run
//! sees what an earlier one posted): the logged-in ticker page
//! against a static file of the same server, side by side with the same load, and how
//! soon a new post reaches its author's connected contacts over server-sent events.

use crate::measure::{Samples, Summary};
use anyhow::{Context, Result, bail};
use kontor::config::{FileConfig, Overrides, Settings};
use kontor::node::Node;
use kontor_core::clock::SystemClock;
use reqwest::cookie::{CookieStore, Jar};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Concurrent connections of the load.
pub const CONNECTIONS: usize = 16;

pub struct HttpFigures {
    /// The static file's load and the ticker page's, taken in turn, round after round: the
    /// machine's pace drifts by a third between minutes, and a pair taken back to back
    /// shares the drift.
    pub rounds: Vec<(Load, Load)>,
    pub live: Summary,
    pub live_listeners: usize,
    /// Single requests one after another, by path.
    pub serial: Vec<(&'static str, Summary)>,
}

impl HttpFigures {
    /// The ticker page's throughput as a share of the static file's, round by round.
    pub fn shares(&self) -> Vec<f64> {
        self.rounds.iter().map(|(file, page)| page.rate / file.rate.max(1e-9)).collect()
    }

    /// The middle round's share: one disturbed round does not decide it either way.
    pub fn median_share(&self) -> f64 {
        let mut shares = self.shares();
        shares.sort_by(f64::total_cmp);
        shares.get(shares.len() / 2).copied().unwrap_or(0.0)
    }
}

/// A browser-like client with its own cookies, logged in as `email`.
pub(crate) async fn logged_in(base: &str, email: &str) -> Result<(reqwest::Client, Arc<Jar>)> {
    let jar = Arc::new(Jar::default());
    let client =
        reqwest::Client::builder().cookie_provider(jar.clone()).redirect(reqwest::redirect::Policy::none()).build()?;
    client.get(format!("{base}/login")).send().await?;
    let csrf = cookie(&jar, base, "kontor_csrf").context("no CSRF cookie")?;
    let r = client
        .post(format!("{base}/login"))
        .form(&[("csrf", csrf.as_str()), ("email", email), ("password", kontor_core::imports::DEMO_PASSWORD)])
        .send()
        .await?;
    if r.status() != reqwest::StatusCode::SEE_OTHER {
        bail!("logging in as {email}: {}", r.status());
    }
    Ok((client, jar))
}

/// The CSRF token a logged-in member's forms carry (derived from the session, so read
/// from a page as a browser has it).
pub(crate) async fn form_token(client: &reqwest::Client, base: &str) -> Result<String> {
    let page = client.get(format!("{base}/home")).send().await?.text().await?;
    let field = "name=\"csrf\" value=\"";
    let start = page.find(field).context("no form on the home page")? + field.len();
    Ok(page[start..].split('"').next().unwrap_or_default().to_owned())
}

fn cookie(jar: &Jar, base: &str, name: &str) -> Option<String> {
    let header = jar.cookies(&base.parse().ok()?)?;
    header.to_str().ok()?.split("; ").find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_owned))
}

/// Requests per second and latencies of `CONNECTIONS` connections asking for `url` for
/// `time`, sending `cookie`. From wrk, a load generator in its own process, when it is
/// installed (`scripts/install-test-deps` installs it); else from clients in this process,
/// which share the server's two cores less fairly (the figures say which).
async fn load(client: &reqwest::Client, cookie: &str, url: &str, time: Duration) -> Result<Load> {
    match wrk(cookie, url, time).await? {
        Some(load) => Ok(load),
        None => in_process(client, url, time).await,
    }
}

/// What a load run measured, and with what.
pub struct Load {
    pub rate: f64,
    pub latency: Summary,
    pub generator: &'static str,
}

/// `None` if wrk is not installed.
async fn wrk(cookie: &str, url: &str, time: Duration) -> Result<Option<Load>> {
    let args = vec![
        "-t1".to_owned(),
        format!("-c{CONNECTIONS}"),
        format!("-d{}s", time.as_secs().max(1)),
        "--latency".to_owned(),
        "-H".to_owned(),
        format!("Cookie: {cookie}"),
        url.to_owned(),
    ];
    // Waiting for it blocks a thread: not one of the server's.
    let output = tokio::task::spawn_blocking(move || std::process::Command::new("wrk").args(&args).output()).await?;
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).context("running wrk"),
    };
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("wrk failed: {}{}", text, String::from_utf8_lossy(&output.stderr));
    }
    if text.contains("Non-2xx or 3xx responses") || text.contains("Socket errors") {
        bail!("GET {url} under wrk failed:\n{text}");
    }
    let field = |label: &str| -> Option<&str> {
        text.lines().find_map(|l| l.trim_start().strip_prefix(label)).and_then(|rest| rest.split_whitespace().next())
    };
    let rate: f64 = field("Requests/sec:").context("wrk printed no rate")?.parse()?;
    let count: usize = text
        .lines()
        .find(|l| l.contains(" requests in "))
        .and_then(|l| l.split_whitespace().next())
        .context("wrk printed no count")?
        .parse()?;
    let p50 = field("50%").map(duration_ns).transpose()?.context("wrk printed no median")?;
    let p99 = field("99%").map(duration_ns).transpose()?.context("wrk printed no 99th percentile")?;
    Ok(Some(Load { rate, latency: Summary { count, p50, p99 }, generator: "wrk" }))
}

/// wrk's durations: `238.00us`, `1.20ms`, `2.00s`.
fn duration_ns(text: &str) -> Result<u64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic()).context("a duration without a unit")?;
    let (number, unit) = text.split_at(split);
    let scale = match unit {
        "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => bail!("a duration in {unit:?}"),
    };
    Ok((number.parse::<f64>()? * scale) as u64)
}

async fn in_process(client: &reqwest::Client, url: &str, time: Duration) -> Result<Load> {
    let deadline = Instant::now() + time;
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (client, url) = (client.clone(), url.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                let r = client.get(&url).send().await?;
                if !r.status().is_success() {
                    bail!("GET {url}: {}", r.status());
                }
                r.bytes().await?;
                samples.push(t.elapsed().as_nanos() as u64);
            }
            Ok(samples)
        }));
    }
    let started = Instant::now();
    let mut all = Samples::default();
    for task in tasks {
        all.0.extend(task.await??);
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64().max(time.as_secs_f64());
    Ok(Load { rate, latency: all.summary(), generator: "clients in this process (wrk is not installed)" })
}

/// A fresh copy of the demo network in `run_dir` (the demo itself made once in
/// `bench-data/demo`, so no run sees what an earlier one posted), with the log-in limits
/// of earlier runs forgotten.
pub(crate) async fn demo_copy(root: &Path, dataset: &Path, run_dir: &Path) -> Result<()> {
    if !dataset.join("Person.csv").exists() {
        bail!("the demo data set is missing: {}", dataset.display());
    }
    let settings_in = |dir: PathBuf| -> Result<Settings> {
        let overrides = Overrides { data_dir: Some(dir), database_url: None, listen: None, public_url: None };
        Settings::merge(FileConfig::default(), overrides)
    };
    let t = Instant::now();
    let demo = settings_in(root.join("bench-data/demo"))?;
    for line in kontor::import::fill_demo(&demo, dataset).await? {
        println!("  {line}");
    }
    let settings = settings_in(run_dir.to_path_buf())?;
    if settings.data_dir.exists() {
        std::fs::remove_dir_all(&settings.data_dir)?;
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    kontor::backup::backup(&demo, &settings.data_dir.join("kontor.db")).await?;
    println!("demo network ready in {:.0} s", t.elapsed().as_secs_f64());
    // The log-in limits count earlier runs' log-ins for up to an hour: start afresh, or a
    // second run soon after would be turned away.
    let store: kontor_core::StoreHandle = kontor::node::open_store(&settings).await?;
    store.prune_rate_limits(time::OffsetDateTime::now_utc() + time::Duration::days(1)).await?;
    Ok(())
}

/// Runs the HTTP part; `root` is the repository.
pub async fn run(root: &Path, quick: bool) -> Result<HttpFigures> {
    let dataset = root.join("../shared/data/ldbc-sf0.1");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let settings_in = |dir: &str| -> Result<Settings> {
        let overrides = Overrides {
            data_dir: Some(root.join(dir)),
            database_url: None,
            listen: Some(listener.local_addr()?),
            public_url: None,
        };
        let mut settings = Settings::merge(FileConfig::default(), overrides)?;
        settings.run_jobs = false;
        Ok(settings)
    };
    let settings = settings_in("bench-data/ticker-run")?;
    demo_copy(root, &dataset, &settings.data_dir).await?;
    let node = Node::start(&settings, Arc::new(SystemClock), listener).await?;
    let base = format!("http://{}", node.addr);

    // The reader and poster: the member with the most contacts; the listeners: up to 20
    // of their contacts.
    let people = kontor::import::ldbc::read(&dataset, time::OffsetDateTime::now_utc())?;
    let email: HashMap<String, String> =
        people.iter().map(|(id, m)| (id.clone(), m.account.email.as_str().to_owned())).collect();
    let mut contacts: HashMap<String, Vec<String>> = HashMap::new();
    for (a, b, _) in kontor::import::ldbc::knows(&dataset)? {
        contacts.entry(a.clone()).or_default().push(b.clone());
        contacts.entry(b).or_default().push(a);
    }
    let (star, theirs) = contacts.iter().max_by_key(|(id, c)| (c.len(), *id)).context("no contacts")?;
    let (client, jar) = logged_in(&base, &email[star]).await?;
    println!("reader and poster: {} with {} contacts", email[star], theirs.len());

    let (rounds, time) = if quick { (3, Duration::from_secs(2)) } else { (5, Duration::from_secs(6)) };
    let cookies = jar.cookies(&base.parse()?).context("no cookies after logging in")?.to_str()?.to_owned();
    let _ = load(&client, &cookies, &format!("{base}/home"), Duration::from_secs(1)).await?;
    let mut pairs = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let static_file = load(&client, &cookies, &format!("{base}/static/kontor.css"), time).await?;
        let ticker = load(&client, &cookies, &format!("{base}/home"), time).await?;
        pairs.push((static_file, ticker));
    }
    // Where a page's time goes: pages one at a time, each with what it adds.
    let mut serial = Vec::new();
    for path in ["/static/kontor.css", "/settings/notifications", "/notifications", "/home?filter=posts", "/home"] {
        let mut samples = Samples::default();
        for _ in 0..50 {
            let t = Instant::now();
            client.get(format!("{base}{path}")).send().await?.bytes().await?;
            samples.0.push(t.elapsed().as_nanos() as u64);
        }
        serial.push((path, samples.summary()));
    }
    // The parts of home on their own, through the API.
    let session: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/sessions"))
        .json(&serde_json::json!({"email": email[star], "password": kontor_core::imports::DEMO_PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    let token = session["token"].as_str().context("no API token")?.to_owned();
    let api = reqwest::Client::new();
    for path in ["/api/v1/me", "/api/v1/me/network", "/api/v1/me/suggestions", "/api/v1/me/ticker"] {
        let mut samples = Samples::default();
        for _ in 0..50 {
            let t = Instant::now();
            api.get(format!("{base}{path}")).bearer_auth(&token).send().await?.bytes().await?;
            samples.0.push(t.elapsed().as_nanos() as u64);
        }
        serial.push((path, samples.summary()));
    }

    // Live: listeners connected to /live, the poster posts; from the moment the post is
    // acknowledged to the moment each listener's stream says "item".
    let listeners: Vec<&String> = theirs.iter().take(if quick { 5 } else { 20 }).collect();
    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Instant)>();
    let mut streams = Vec::new();
    for (i, id) in listeners.iter().enumerate() {
        let (listener_client, _) = logged_in(&base, &email[*id]).await?;
        let mut live = listener_client.get(format!("{base}/live")).send().await?;
        let tx = tx.clone();
        streams.push(tokio::spawn(async move {
            let mut buffer = String::new();
            while let Ok(Some(chunk)) = live.chunk().await {
                let at = Instant::now();
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    if buffer[..end].contains("event: item") {
                        let _ = tx.send((i, at));
                    }
                    buffer.drain(..end + 2);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let posts = if quick { 20 } else { 100 };
    // From the moment the post is sent (the write included) to the moment each listener
    // hears of it; the server announces a post before it answers, so counted from the
    // answer the wait is nil.
    let mut live = Samples::default();
    let csrf = form_token(&client, &base).await?;
    for n in 0..posts {
        let text = format!("Live-Messung {n}");
        let sent = Instant::now();
        let r = client
            .post(format!("{base}/posts"))
            .form(&[("csrf", csrf.as_str()), ("text", text.as_str()), ("audience", "contacts")])
            .send()
            .await?;
        if r.status() != reqwest::StatusCode::SEE_OTHER {
            bail!("posting: {}", r.status());
        }
        let mut heard = vec![false; listeners.len()];
        let wait_until = sent + Duration::from_secs(5);
        while heard.iter().any(|h| !h) {
            let Ok(Some((i, at))) = tokio::time::timeout_at(wait_until.into(), rx.recv()).await else {
                bail!(
                    "post {n}: {} of {} listeners never heard of it",
                    heard.iter().filter(|h| !**h).count(),
                    heard.len()
                );
            };
            if !heard[i] {
                heard[i] = true;
                live.0.push(at.saturating_duration_since(sent).as_nanos() as u64);
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for s in streams {
        s.abort();
    }
    // The home page made afresh: each request follows a post of the reader's, which
    // changes what it shows (the pages above come from what the node remembers of them).
    let mut afresh = Samples::default();
    for n in 0..if quick { 20 } else { 50 } {
        let text = format!("Neu gemacht {n}");
        client
            .post(format!("{base}/posts"))
            .form(&[("csrf", csrf.as_str()), ("text", text.as_str()), ("audience", "contacts")])
            .send()
            .await?;
        let t = Instant::now();
        let page = client.get(format!("{base}/home")).send().await?.text().await?;
        afresh.0.push(t.elapsed().as_nanos() as u64);
        if !page.contains(&text) {
            bail!("the home page after a post does not show it");
        }
    }
    serial.push(("/home after a change", afresh.summary()));
    node.stop().await?;
    Ok(HttpFigures { rounds: pairs, live: live.summary(), live_listeners: listeners.len(), serial })
}
