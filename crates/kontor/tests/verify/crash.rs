//! The crash loop: the real `kontor serve` is killed with SIGKILL at random moments
//! while a client writes through the API (posts, comments, profile edits, contact
//! requests, answers and removals, the site's Impressum) and records every write the
//! server acknowledged. After each restart every acknowledged write is there, what was in flight is there or
//! not but never half, the in-memory indexes (the graph's degree counts, the ticker)
//! agree with the database's lists, and SQLite's `PRAGMA integrity_check` says "ok".

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::client::{Client, Ledger};

const PASSWORD: &str = crate::app::PASSWORD;

/// A small, seeded random source (xorshift64*): the same cycles every run of a seed.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// Where the node keeps its data, and which database it uses.
pub struct Install {
    pub dir: PathBuf,
    pub database_url: Option<String>,
}

impl Install {
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kontor"));
        command.arg("--data-dir").arg(&self.dir).arg("--config").arg(self.dir.join("kontor.toml"));
        command.env("KONTOR_LOG", "error");
        if let Some(url) = &self.database_url {
            command.arg("--database-url").arg(url);
        }
        command
    }

    /// `kontor admin create-admin`, the password typed in.
    fn create_member(&self, name: &str, email: &str) {
        let mut child = self
            .command()
            .args(["admin", "create-admin", "--name", name, "--email", email])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kontor runs");
        child.stdin.take().expect("stdin").write_all(format!("{PASSWORD}\n").as_bytes()).expect("typing");
        let out = child.wait_with_output().expect("kontor ends");
        assert!(out.status.success(), "creating {email}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Starts `kontor serve` on a free port and waits until it answers.
    async fn serve(&self) -> Node {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port();
        let log = std::fs::File::create(self.dir.join(format!("serve-{port}.log"))).expect("a log file");
        let child = self
            .command()
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("kontor serve runs");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        let http = reqwest::Client::new();
        loop {
            if let Ok(r) = http.get(format!("{base}/healthz")).send().await
                && r.status() == StatusCode::OK
            {
                break;
            }
            assert!(Instant::now() < deadline, "kontor serve did not answer within 60 s (see {})", self.dir.display());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Node { child, base }
    }
}

pub struct Node {
    child: Child,
    base: String,
}

impl Node {
    /// SIGKILL: no shutdown, no flush, whatever was in flight.
    fn kill(mut self) {
        self.child.kill().expect("killing kontor");
        self.child.wait().expect("reaping kontor");
    }
}

/// What each cycle kills.
pub enum Victim<'a> {
    /// `kontor serve`, with SIGKILL; a new node starts on the same data.
    Node,
    /// The PostgreSQL server, with `pg_ctl -m immediate`; the node lives on and must
    /// find the database again once it is back.
    Database(&'a crate::cluster::Cluster),
}

/// Runs `cycles` kill cycles on `install`; returns the summary line.
pub async fn kill_cycles(install: &Install, backend: &str, cycles: usize, seed: u64) -> String {
    kill_cycles_of(install, backend, cycles, seed, Victim::Node).await
}

/// Runs `cycles` cycles on `install`, each killing `victim`; returns the summary line.
pub async fn kill_cycles_of(install: &Install, backend: &str, cycles: usize, seed: u64, victim: Victim<'_>) -> String {
    let database_dies = matches!(victim, Victim::Database(_));
    install.create_member("Anna Berg", "anna@example.org");
    install.create_member("Bert Kraus", "bert@example.org");
    let mut dice = Dice::new(seed);
    let mut ledger = Ledger { contacts: Some(false), ..Ledger::default() };
    let http = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("a client");
    let node = install.serve().await;
    let login = async |base: &str, email: &str| {
        let r = http
            .post(format!("{base}/api/v1/sessions"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .expect("logging in");
        assert_eq!(r.status(), StatusCode::CREATED, "logging in as {email}");
        r.json::<Value>().await.expect("JSON")["token"].as_str().expect("a token").to_owned()
    };
    let (anna, bert) = (login(&node.base, "anna@example.org").await, login(&node.base, "bert@example.org").await);
    let me = |token: &str| {
        let (http, base, token) = (http.clone(), node.base.clone(), token.to_owned());
        async move {
            let r = http.get(format!("{base}/api/v1/me")).bearer_auth(token).send().await.expect("/me");
            r.json::<Value>().await.expect("JSON")["id"].as_str().expect("an id").to_owned()
        }
    };
    let bert_id = me(&bert).await;
    let database = install.database_url.clone().unwrap_or_else(|| install.dir.join("kontor.db").display().to_string());
    let mut client = Client {
        database_dies,
        disk_may_fill: false,
        database,
        http: http.clone(),
        base: node.base.clone(),
        anna,
        bert,
        bert_id,
    };
    // The check sees a write that is not there (an acknowledged post it never got).
    let mut planted = Ledger { contacts: Some(false), posts: vec![uuid_like(seed)], ..Ledger::default() };
    let found = client.check(&mut planted).await;
    let missing = format!("post {}", planted.posts[0]);
    let expected = [
        format!("activity {}", planted.posts[0]),
        format!("{missing} (through the API)"),
        format!("the ticker lacks {missing}"),
    ];
    assert_eq!(found, expected, "the check finds a missing post");
    let mut node = Some(node);
    let mut lost = Vec::new();
    for cycle in 0..cycles {
        let delay = Duration::from_millis(20 + dice.below(400));
        let mut writer_dice = Dice::new(seed ^ ((cycle as u64 + 1) * 0x9e37_79b9));
        if let Victim::Database(cluster) = &victim {
            let mut beside = Ledger::default();
            let writing = client.write(cycle, &mut ledger, &mut writer_dice, |_| true);
            let posting = client.post_beside(cycle, &mut beside, || true);
            let killing = async {
                tokio::time::sleep(delay).await;
                cluster.stop_immediately();
            };
            tokio::join!(writing, posting, killing);
            ledger.absorb(beside);
            cluster.start();
            let running = node.as_ref().expect("the node lives on");
            wait_healthy(&http, &running.base).await;
            lost.extend(client.check(&mut ledger).await.into_iter().map(|l| format!("cycle {cycle}: {l}")));
            continue;
        }
        let running = node.take().expect("a running node");
        let mut beside = Ledger::default();
        let writing = client.write(cycle, &mut ledger, &mut writer_dice, |_| true);
        let posting = client.post_beside(cycle, &mut beside, || true);
        let killing = async {
            tokio::time::sleep(delay).await;
            running.kill();
        };
        tokio::join!(writing, posting, killing);
        ledger.absorb(beside);
        if install.database_url.is_none() {
            let db = install.dir.join("kontor.db");
            let verdict = kontor_store::testing::sqlite::integrity_check(&db).await.expect("checking integrity");
            assert_eq!(verdict, "ok", "PRAGMA integrity_check after cycle {cycle}");
        }
        let restarted = install.serve().await;
        client.base = restarted.base.clone();
        lost.extend(client.check(&mut ledger).await.into_iter().map(|l| format!("cycle {cycle}: {l}")));
        node = Some(restarted);
    }
    node.take().expect("the last node").kill();
    assert!(lost.is_empty(), "acknowledged writes lost:\n{}", lost.join("\n"));
    let how = if database_dies { "PostgreSQL stopped with -m immediate" } else { "SIGKILL" };
    format!(
        "crash: {cycles} {how} cycles on {backend}, {} acknowledged writes ({} posts, {} comments), {} in flight at a kill, \
         0 lost{}, indexes agree with the database",
        ledger.acknowledged,
        ledger.posts.len(),
        ledger.comments.len(),
        ledger.in_flight,
        if install.database_url.is_none() { ", integrity_check ok after every kill" } else { "" },
    )
}

/// Waits until the node answers its health check again (the database is back).
async fn wait_healthy(http: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await
            && r.status() == StatusCode::OK
        {
            return;
        }
        assert!(Instant::now() < deadline, "the node did not find its database again within 60 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An id in the form of a post's that no post has.
fn uuid_like(seed: u64) -> String {
    format!("01a24ecc-0000-7000-8000-{:012x}", seed & 0xffff_ffff_ffff)
}

/// A fresh data directory for a crash loop, with room for as many contact requests as
/// a thousand cycles send.
pub fn install(dir: &Path, database_url: Option<String>) -> Install {
    let config = "[contact_requests]\nopen = 100000\nper_day = 100000\n";
    std::fs::write(dir.join("kontor.toml"), config).expect("writing kontor.toml");
    Install { dir: dir.to_path_buf(), database_url }
}
