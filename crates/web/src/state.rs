//! What every handler shares.

use kontor_core::Kontor;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct WebSettings {
    /// The address members reach Kontor at (no trailing slash).
    pub public_url: String,
    /// Mark cookies Secure (Kontor is reached over https).
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// If set, `/metrics` answers only requests with this bearer token.
    pub metrics_token: Option<String>,
    /// Without a token, `/metrics` answers anyone (else only this machine's own,
    /// unproxied requests).
    pub metrics_open: bool,
}

/// Every extractor and middleware of a request takes a copy: one shared count, not one
/// per part (two cores serving requests would pass each count back and forth).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub kontor: Kontor,
    pub settings: WebSettings,
    /// Turns true when the node stops, so long-lived responses (live updates) end.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Before answering a member whose last write is at `position`, this node catches up
    /// with the log, so they see their own writes whichever node serves them.
    /// The position comes from a cookie, so it is never trusted beyond the log's end.
    pub async fn see_own_writes(&self, position: kontor_core::changelog::LogPosition) {
        let tailer = &self.kontor.derived().tailer;
        if tailer.applied() >= position {
            return;
        }
        let newest = match self.kontor.store().log_newest().await {
            Ok(newest) => newest,
            Err(e) => return tracing::warn!(error = %e, "reading the log position"),
        };
        tailer.catch_up_to(position.min(newest), Duration::from_secs(2)).await;
    }
}
