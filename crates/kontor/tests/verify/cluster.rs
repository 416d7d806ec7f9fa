//! A PostgreSQL cluster of the suite's own, made with `initdb` on a free port in a
//! temporary directory, so that the server itself can be stopped with `-m immediate` (a
//! crash of PostgreSQL) without touching the shared server the other tests use.

use kontor_store::testing::sqlite::TempDir;
use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Cluster {
    bin: PathBuf,
    dir: TempDir,
    pub port: u16,
    /// PostgreSQL refuses to run as root: the tools then run as the `postgres` user.
    as_postgres: bool,
}

/// The directory of `initdb` and `pg_ctl`: Debian keeps them per version.
fn server_tools() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

impl Cluster {
    /// A new cluster, started; `None` (with a note) where PostgreSQL's server tools are
    /// missing, unless `KONTOR_REQUIRE_POSTGRES=1`.
    pub fn create() -> Option<Self> {
        let Some(bin) = server_tools() else {
            let note = "PostgreSQL's server tools (initdb, pg_ctl) are missing: ./scripts/install-test-deps";
            assert!(std::env::var("KONTOR_REQUIRE_POSTGRES").as_deref() != Ok("1"), "{note}");
            eprintln!("skipped the PostgreSQL crash loop: {note}");
            return None;
        };
        let root =
            Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        let dir = TempDir::new();
        if root {
            let done = Command::new("chown").arg("-R").arg("postgres").arg(dir.path()).status().expect("chown");
            assert!(done.success(), "giving the cluster's directory to postgres");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port();
        let cluster = Self { bin, dir, port, as_postgres: root };
        let data = cluster.data();
        cluster.run("initdb", &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
        cluster.start();
        let port = cluster.port.to_string();
        cluster.run("createdb", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "kontor"]);
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let path = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let out = command.args(args).current_dir(self.dir.path()).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Starts the server and waits until it takes connections (after a crash: once it
    /// has replayed its log).
    pub fn start(&self) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.dir.path().display());
        let log = self.dir.path().join("postgres.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-o", &options, "-l", &log, "-w", "-t", "60", "start"]);
    }

    /// Stops the server the hard way: every backend ends at once, nothing is flushed or
    /// checkpointed; the next start recovers from the log.
    pub fn stop_immediately(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/kontor", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let path = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&path).args(args).output()
        } else {
            Command::new(&path).args(args).output()
        };
    }
}
