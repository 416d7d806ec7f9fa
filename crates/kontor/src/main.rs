//! `kontor`: run a Kontor node and the operator's commands.

use anyhow::Context;
use clap::{Parser, Subcommand};
use kontor::config::{FileConfig, Overrides, Settings};
use kontor::node::{Node, open_store};
use kontor_core::clock::SystemClock;
use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tracing_subscriber::EnvFilter;

/// Every request allocates and frees many small buffers on every thread: glibc's
/// allocator took a tenth of a busy server's time, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kontor, a self-hosted professional network.
///
/// With no configuration at all, `kontor serve` keeps its data in ./kontor-data (an
/// embedded SQLite database, uploaded images, the mail outbox) and serves on
/// http://127.0.0.1:8080. Settings come from the defaults, then ./kontor.toml (or
/// --config), then KONTOR_* environment variables and flags.
#[derive(Parser)]
#[command(name = "kontor", version, about, long_about)]
struct Cli {
    /// A configuration file (TOML); ./kontor.toml is read if it exists.
    #[arg(long, global = true, env = "KONTOR_CONFIG")]
    config: Option<PathBuf>,
    /// Where Kontor keeps its data (database, images, mail outbox).
    #[arg(long, global = true, env = "KONTOR_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The database: sqlite://PATH (default: DATA_DIR/kontor.db) or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "KONTOR_DATABASE_URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web interface and the API.
    Serve {
        /// The address to listen on.
        #[arg(long, env = "KONTOR_LISTEN", value_parser = kontor::config::parse_listen)]
        listen: Option<SocketAddr>,
        /// The address members reach Kontor at, for links in e-mails (default: http://LISTEN).
        #[arg(long, env = "KONTOR_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Start a demo: a fresh data directory (default ./kontor-demo) filled with the members
    /// of an LDBC data set, each of whom can log in with the password "kontor-demo".
    Demo {
        /// The address to listen on.
        #[arg(long, env = "KONTOR_LISTEN", value_parser = kontor::config::parse_listen)]
        listen: Option<SocketAddr>,
        /// A directory with an LDBC data set in the same format (default: the subset
        /// carried inside the program, unpacked into the data directory).
        #[arg(long, env = "KONTOR_DEMO_DATA")]
        from: Option<PathBuf>,
    },
    /// Import members from another system. Imported members cannot log in until they are
    /// invited and set a password.
    Import {
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Write a consistent copy of the database to FILE, while Kontor keeps running
    /// (PostgreSQL: with pg_dump).
    Backup { file: PathBuf },
    /// Replace the database with a backup (Kontor must be stopped; the old SQLite
    /// database is kept beside it).
    Restore { file: PathBuf },
    /// Create or update the database schema, then exit.
    Migrate,
    /// Operator tasks.
    Admin {
        #[command(subcommand)]
        task: AdminTask,
    },
}

#[derive(Subcommand)]
enum ImportFormat {
    /// An LDBC Social Network Benchmark data set (pipe-separated CSV files in DIR).
    Ldbc { dir: PathBuf },
    /// A plain edge list ("a b" per line, such as SNAP's graphs): every number becomes a
    /// member, every line a confirmed contact. For benchmarks and trials.
    Edges {
        file: PathBuf,
        /// Lines at the top to skip (2 for SNAP's ego-Facebook file).
        #[arg(long, default_value_t = 0)]
        header_lines: usize,
    },
}

#[derive(Subcommand)]
enum AdminTask {
    /// Create an administrator account (reads the password from standard input).
    CreateAdmin {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
    /// Make the member with this address an administrator.
    Promote { email: String },
    /// Make an administrator a member again (not the last one).
    Demote { email: String },
    /// Suspend a member: they cannot log in, their sessions end, their profile is hidden.
    Suspend { email: String },
    /// Let a suspended member back in.
    Reinstate { email: String },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("KONTOR_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let cli = Cli::parse();
    let file = FileConfig::load(cli.config.as_deref())?;
    let mut overrides = Overrides { data_dir: cli.data_dir, database_url: cli.database_url, ..Default::default() };
    match &cli.command {
        Command::Serve { listen, public_url } => {
            overrides.listen = *listen;
            overrides.public_url = public_url.clone();
        }
        Command::Demo { listen, .. } => {
            overrides.listen = *listen;
            overrides.data_dir = overrides.data_dir.or_else(|| Some(PathBuf::from("kontor-demo")));
        }
        _ => {}
    }
    let settings = Settings::merge(file, overrides)?;
    match cli.command {
        Command::Serve { .. } => serve(settings, false).await,
        Command::Demo { from, .. } => demo(settings, from).await,
        Command::Import { format: ImportFormat::Ldbc { dir } } => {
            let store: kontor_core::StoreHandle = open_store(&settings).await?;
            let kontor = kontor::node::tool_kontor(&settings, store, Arc::new(SystemClock))?;
            let (added, connected) = kontor::import::ldbc::import(&kontor, &dir).await?;
            println!("Imported {added} members and {connected} contacts. The members can log in once invited.");
            Ok(())
        }
        Command::Import { format: ImportFormat::Edges { file, header_lines } } => {
            let store: kontor_core::StoreHandle = open_store(&settings).await?;
            let kontor = kontor::node::tool_kontor(&settings, store, Arc::new(SystemClock))?;
            let (added, connected) = kontor::import::edges::import(&kontor, &file, header_lines).await?;
            println!("Imported {added} members and {connected} contacts.");
            Ok(())
        }
        Command::Backup { file } => {
            kontor::backup::backup(&settings, &file).await?;
            println!("Backup written to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            kontor::backup::restore(&settings, &file).await?;
            println!("Restored {} into {}", file.display(), settings.database_url);
            Ok(())
        }
        Command::Migrate => {
            open_store(&settings).await?;
            println!("The database at {} is up to date.", settings.database_url);
            Ok(())
        }
        Command::Admin { task: AdminTask::CreateAdmin { name, email } } => {
            let store: kontor_core::StoreHandle = open_store(&settings).await?;
            let kontor = kontor::node::tool_kontor(&settings, store, Arc::new(SystemClock))?;
            eprintln!("Password for {email} (at least 10 characters), then Enter:");
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let account = kontor
                .accounts()
                .create_admin(&name, &email, password.trim_end_matches(['\r', '\n']))
                .await
                .map_err(|e| anyhow::anyhow!("could not create the admin: {}", describe(&e)))?;
            println!("Admin {} <{}> created.", account.name.as_str(), account.email.as_str());
            Ok(())
        }
        Command::Admin { task } => {
            use kontor_core::admin::MemberAction;
            let (email, action, done) = match task {
                AdminTask::Promote { email } => (email, MemberAction::MakeAdmin, "is now an administrator"),
                AdminTask::Demote { email } => (email, MemberAction::RevokeAdmin, "is no longer an administrator"),
                AdminTask::Suspend { email } => {
                    (email, MemberAction::Suspend, "is suspended: they cannot log in, and their profile is hidden")
                }
                AdminTask::Reinstate { email } => (email, MemberAction::Reinstate, "can log in again"),
                AdminTask::CreateAdmin { .. } => unreachable!("handled above"),
            };
            let store: kontor_core::StoreHandle = open_store(&settings).await?;
            let kontor = kontor::node::tool_kontor(&settings, store, Arc::new(SystemClock))?;
            let account = match kontor.admin().act_from_console(&email, action).await {
                Ok(account) => account,
                Err(kontor_core::Error::NotFound) => anyhow::bail!("No member has the address {email}."),
                Err(e) => anyhow::bail!("Nothing was changed: {}", describe(&e)),
            };
            println!("{} <{}> {done}.", account.name.as_str(), account.email.as_str());
            Ok(())
        }
    }
}

/// An error as a sentence an operator can act on (the interface's English messages).
fn describe(e: &kontor_core::Error) -> String {
    use kontor_core::i18n::Lang;
    match e {
        kontor_core::Error::Invalid(fields) => {
            fields.iter().map(|f| Lang::En.t(&format!("error-{}", f.code)).into_owned()).collect::<Vec<_>>().join(" ")
        }
        other => Lang::En.t(&format!("error-{}", other.code())).into_owned(),
    }
}

/// Serves until SIGTERM or Ctrl-C; `demo` says the data directory holds the demo (whose
/// mail only ever lands in its outbox).
async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir).with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("listening on {}", settings.listen))?;
    let _lock = kontor::backup::lock_data_dir(&settings.data_dir)?;
    let node = Node::start(&settings, Arc::new(SystemClock), listener).await?;
    if settings.configured_sender().is_none() && !demo {
        let placeholder = kontor::config::PLACEHOLDER_SENDER;
        tracing::warn!(sender = placeholder, "no sender domain configured");
        eprintln!(
            "Warning: e-mails go out from {placeholder}, which no mail server will deliver for. Set public_url \
             to the address members use (https://network.example.org) or [smtp] from in kontor.toml."
        );
    }
    println!("Kontor is running at {}", settings.public_url);
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight");
    node.stop().await
}

/// Fills a fresh data directory with the demo network (or reuses one made earlier), then
/// serves it.
async fn demo(settings: Settings, from: Option<PathBuf>) -> anyhow::Result<()> {
    let dir = match from {
        Some(dir) if dir.join("Person.csv").is_file() => dir,
        Some(dir) => anyhow::bail!("{} holds no LDBC data set (no Person.csv in it)", dir.display()),
        None => kontor::import::bundled::unpack(&settings.data_dir)?,
    };
    for line in kontor::import::fill_demo(&settings, &dir).await? {
        println!("{line}");
    }
    let sample = kontor::import::ldbc::read(&dir, time::OffsetDateTime::now_utc())?;
    println!("Log in as any demo member with the password \"{}\", for example:", kontor_core::imports::DEMO_PASSWORD);
    for (_, member) in sample.iter().take(3) {
        println!("  {}  ({})", member.account.email.as_str(), member.account.name.as_str());
    }
    serve(settings, true).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
