//! One running Kontor node: the store, the domain, the HTTP server, and the background
//! loops (change-log tailer, job worker), with a graceful stop.

use crate::config::Settings;
use crate::mail::{Outbox, Smtp};
use anyhow::{Context, bail};
use kontor_core::JobRunner;
use kontor_core::changelog::Tailer;
use kontor_core::clock::Clock;
use kontor_core::directory::Directory;
use kontor_core::jobs::RetryPolicy;
use kontor_core::mail::MailTransport;
use kontor_core::{Config, Kontor, StoreHandle};
use kontor_store::SqlStore;
use kontor_web::{AppState, Shared, WebSettings};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Opens the store a database URL names: `sqlite://PATH` or `postgres://…`. Anything
/// else is refused, never guessed.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Arc<SqlStore>> {
    let url = settings.database_url.as_str();
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    let store = match scheme {
        "sqlite" => {
            if let Some(parent) = kontor_store::sqlite::path_of(url).parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            SqlStore::open(url, settings.sqlite_durability)
                .await
                .with_context(|| format!("opening the SQLite database {url}"))?
        }
        "postgres" | "postgresql" => {
            SqlStore::open(url, settings.sqlite_durability).await.context("connecting to PostgreSQL")?
        }
        _ => {
            bail!("unknown database URL {url:?}: use sqlite://PATH (the default, embedded) or postgres://USER@HOST/DB")
        }
    };
    Ok(Arc::new(store))
}

pub fn mail_transport(settings: &Settings) -> anyhow::Result<Arc<dyn MailTransport>> {
    Ok(match &settings.smtp {
        Some(smtp) => Arc::new(Smtp::new(smtp)?),
        None => Arc::new(Outbox::new(settings.data_dir.join("mail-outbox"))?),
    })
}

/// The node's Kontor, with its full-text index on disk beside its other data.
pub fn kontor(settings: &Settings, store: StoreHandle, clock: Arc<dyn Clock>) -> anyhow::Result<Kontor> {
    let text = kontor_search::SearchIndex::open(Some(&settings.data_dir.join("search")), store.clone())?;
    kontor_with(settings, store, clock, text)
}

/// A Kontor for a command that runs beside a node (import, admin, the demo's filling):
/// its full-text index is in memory, so it never touches the running node's.
pub fn tool_kontor(settings: &Settings, store: StoreHandle, clock: Arc<dyn Clock>) -> anyhow::Result<Kontor> {
    let text = kontor_search::SearchIndex::open(None, store.clone())?;
    kontor_with(settings, store, clock, text)
}

fn kontor_with(
    settings: &Settings,
    store: StoreHandle,
    clock: Arc<dyn Clock>,
    text: Arc<kontor_search::SearchIndex>,
) -> anyhow::Result<Kontor> {
    let config = Config {
        public_url: settings.public_url.clone(),
        hash_cost: settings.hash_cost,
        mail_from: settings.mail_from(),
        mail_sender_configured: settings.configured_sender().is_some(),
        request_limits: settings.request_limits,
        limits: settings.limits,
        caches: settings.caches,
    };
    Ok(Kontor::new(store, clock, mail_transport(settings)?, config, text)?)
}

/// Runs the housekeeping every ten minutes until shutdown.
async fn maintain(kontor: Kontor, mut shutdown: watch::Receiver<bool>) {
    loop {
        if let Err(e) = kontor.maintenance().run().await {
            tracing::warn!(error = %e, "maintenance failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = shutdown.changed() => return,
        }
    }
}

pub struct Node {
    pub kontor: Kontor,
    pub addr: SocketAddr,
    pub tailer: Arc<Tailer<dyn kontor_core::Store>>,
    pub directory: Arc<Directory>,
    pub jobs: Arc<JobRunner>,
    /// The store it opened (for operations only one database has).
    pub store: Arc<SqlStore>,
    shutdown: watch::Sender<bool>,
    server: JoinHandle<std::io::Result<()>>,
    background: Vec<JoinHandle<()>>,
    /// PostgreSQL's notification listener, which runs until aborted.
    listener: Option<JoinHandle<()>>,
}

impl Node {
    /// Opens the store, builds the indexes and starts serving on `listener`.
    pub async fn start(settings: &Settings, clock: Arc<dyn Clock>, listener: TcpListener) -> anyhow::Result<Self> {
        let opened = open_store(settings).await?;
        let store: StoreHandle = opened.clone();
        let kontor = kontor(settings, store.clone(), clock)?;
        let tailer = kontor.derived().tailer.clone();
        kontor.start_following().await.context("building the indexes")?;
        let directory = kontor.derived().directory.clone();
        let jobs = JobRunner::new(kontor.clone(), RetryPolicy::default());
        kontor.notifications().schedule_daily().await.context("scheduling the daily round")?;
        kontor.search().schedule_alerts().await.context("scheduling the saved searches' alerts")?;
        let (shutdown, signal) = watch::channel(false);

        // Other nodes' writes arrive as notifications (PostgreSQL); the tailer's poll is
        // the fallback.
        let wakeups = kontor.wakeups().clone();
        let listener_task = opened.listen(move || wakeups.log.notify_one()).await?;
        let mut background = Vec::new();
        if settings.follow_log {
            background.push(tokio::spawn(tailer.clone().run(
                kontor.wakeups().clone(),
                Duration::from_secs(1),
                signal.clone(),
            )));
        }
        if settings.run_jobs {
            background.push(tokio::spawn(jobs.clone().run(Duration::from_secs(5), signal.clone())));
            background.push(tokio::spawn(maintain(kontor.clone(), signal.clone())));
        }

        let state = AppState::new(Shared {
            kontor: kontor.clone(),
            settings: WebSettings {
                public_url: settings.public_url.clone(),
                secure_cookies: settings.secure_cookies(),
                trusted_proxies: settings.trusted_proxies.clone(),
                metrics_token: settings.metrics_token.clone(),
                metrics_open: settings.metrics_open,
            },
            stopping: signal.clone(),
        });
        let addr = listener.local_addr()?;
        let app = kontor_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
        let mut stop = signal.clone();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.changed().await;
                })
                .await
        });
        tracing::info!(%addr, backend = store.backend(), "Kontor is serving");
        Ok(Self {
            kontor,
            addr,
            tailer,
            directory,
            jobs,
            store: opened,
            shutdown,
            server,
            background,
            listener: listener_task,
        })
    }

    /// Stops accepting connections, lets requests in flight finish, then stops the
    /// background loops (a job being sent completes first).
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        self.server.await.context("server task")?.context("server")?;
        if let Some(listener) = self.listener {
            listener.abort();
        }
        for task in self.background {
            let _ = task.await;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileConfig, Overrides};

    #[tokio::test]
    async fn unknown_database_schemes_are_refused() {
        let overrides =
            Overrides { database_url: Some("mysql://root@localhost/kontor".into()), ..Overrides::default() };
        let settings = Settings::merge(FileConfig::default(), overrides).unwrap();
        let error = open_store(&settings).await.err().expect("refused").to_string();
        assert!(
            error.contains("unknown database URL") && error.contains("sqlite://") && error.contains("postgres://"),
            "{error}"
        );
    }

    #[test]
    fn no_configuration_means_an_embedded_database_in_kontor_data() {
        let settings = Settings::merge(FileConfig::default(), Overrides::default()).unwrap();
        assert_eq!(settings.database_url, "sqlite://kontor-data/kontor.db");
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(settings.public_url, "http://127.0.0.1:8080");
        assert!(!settings.secure_cookies());
        let file: FileConfig =
            toml::from_str("public_url = \"https://netz.example/\"\n[smtp]\nhost = \"mail.example\"").unwrap();
        let settings = Settings::merge(file, Overrides::default()).unwrap();
        assert!(settings.secure_cookies(), "behind https, cookies are Secure");
        assert_eq!(settings.public_url, "https://netz.example");
        assert!(toml::from_str::<FileConfig>("listen_port = 80").is_err(), "unknown keys are refused");
    }
}
