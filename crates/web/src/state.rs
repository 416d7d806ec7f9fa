//! What every handler shares.

use kontor_core::Kontor;
use kontor_core::changelog::Tailer;
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
}

#[derive(Clone)]
pub struct AppState {
    pub kontor: Kontor,
    pub settings: Arc<WebSettings>,
    pub tailer: Arc<Tailer>,
    pub directory: Arc<kontor_core::directory::Directory>,
}

impl AppState {
    /// Before answering a member whose last write is at `position`, this node catches up
    /// with the log, so they see their own writes whichever node serves them.
    pub async fn see_own_writes(&self, position: kontor_core::changelog::LogPosition) {
        if self.tailer.applied() < position {
            self.tailer.catch_up_to(position, Duration::from_secs(2)).await;
        }
    }
}
