//! Configuration: defaults, then `kontor.toml`, then `KONTOR_…` environment variables and
//! command-line flags (clap merges those two).

use anyhow::{Context, bail};
use kontor_core::secrets::HashCost;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

/// What `kontor.toml` may say. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    #[serde(default, deserialize_with = "listen_in_file")]
    pub listen: Option<SocketAddr>,
    pub public_url: Option<String>,
    pub trusted_proxies: Option<Vec<IpAddr>>,
    /// If set, `/metrics` needs `Authorization: Bearer <metrics_token>`.
    pub metrics_token: Option<String>,
    /// Without a token, `/metrics` answers only requests from this machine that no proxy
    /// forwarded, unless this is true.
    pub metrics_open: Option<bool>,
    /// "full" (default) or "normal".
    pub sqlite_synchronous: Option<String>,
    pub smtp: Option<SmtpConfig>,
    pub password_hashing: Option<HashCost>,
    /// Limits against mass contact requests: `open` waiting at once, `per_day` sent.
    pub contact_requests: Option<kontor_core::contacts::RequestLimits>,
    /// Limits against guessing and floods, each `{ max = N, minutes = M }`.
    pub limits: Option<kontor_core::ratelimit::Limits>,
    /// False runs with every cache and memo off (every read from the database): to
    /// compare, never needed in operation.
    pub caches: Option<bool>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: Option<u16>,
    /// "starttls" (default), "tls" or "none" (only for a relay on the same machine).
    pub security: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: Option<String>,
}

/// An address to listen on: `IP:PORT`, or `HOST:PORT` with a name that resolves here
/// (`localhost:8080`; IPv4 first, as a browser typing `localhost` tries).
pub fn parse_listen(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let usage = "give HOST:PORT, for example 127.0.0.1:8080, [::1]:8080 or localhost:8080";
    let addrs: Vec<SocketAddr> = match text.to_socket_addrs() {
        Ok(addrs) => addrs.collect(),
        Err(e) => return Err(format!("cannot listen on {text:?} ({e}): {usage}")),
    };
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| format!("{text:?} names no address of this machine: {usage}"))
}

fn listen_in_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<SocketAddr>, D::Error> {
    let text = String::deserialize(d)?;
    parse_listen(&text).map(Some).map_err(serde::de::Error::custom)
}

impl FileConfig {
    /// Reads `path`; a missing default file is fine, a missing named file is not.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from("kontor.toml"), false),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).with_context(|| format!("reading {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Self::default()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }
}

/// The settings a node runs with, all sources merged.
#[derive(Clone, Debug)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: SocketAddr,
    pub public_url: String,
    pub trusted_proxies: Vec<IpAddr>,
    pub metrics_token: Option<String>,
    pub metrics_open: bool,
    pub sqlite_durability: kontor_store::Durability,
    pub smtp: Option<SmtpConfig>,
    pub hash_cost: HashCost,
    /// Whether e-mail and background jobs run in this process (tests drive jobs by hand).
    pub run_jobs: bool,
    /// Whether this node follows the change log in the background (tests turn it off to
    /// see that members' own writes are caught up on request).
    pub follow_log: bool,
    /// Whether caches and memos hold anything (see [`FileConfig::caches`]).
    pub caches: bool,
    pub request_limits: kontor_core::contacts::RequestLimits,
    pub limits: kontor_core::ratelimit::Limits,
}

/// The values given on the command line or in the environment.
#[derive(Debug, Default)]
pub struct Overrides {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<SocketAddr>,
    pub public_url: Option<String>,
}

impl Settings {
    pub fn merge(file: FileConfig, over: Overrides) -> anyhow::Result<Self> {
        let data_dir = over.data_dir.or(file.data_dir).unwrap_or_else(|| PathBuf::from("kontor-data"));
        let database_url = over
            .database_url
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("kontor.db").display()));
        let listen = over.listen.or(file.listen).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let public_url = over
            .public_url
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        let sqlite_durability = match file.sqlite_synchronous.as_deref() {
            None | Some("full") => kontor_store::Durability::Full,
            Some("normal") => kontor_store::Durability::Normal,
            Some(other) => {
                bail!("sqlite_synchronous must be \"full\" or \"normal\", not {other:?}")
            }
        };
        Ok(Self {
            data_dir,
            database_url,
            listen,
            public_url,
            trusted_proxies: file.trusted_proxies.unwrap_or_default(),
            metrics_token: file.metrics_token,
            metrics_open: file.metrics_open.unwrap_or(false),
            sqlite_durability,
            smtp: file.smtp,
            hash_cost: file.password_hashing.unwrap_or(HashCost::STANDARD),
            run_jobs: true,
            follow_log: true,
            caches: file.caches.unwrap_or(true),
            request_limits: file.contact_requests.unwrap_or_default(),
            limits: file.limits.unwrap_or_default(),
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The sender the configuration names: `[smtp] from`, else `noreply@` the public
    /// URL's host when that is a domain name. None when neither gives a real domain (an
    /// IP address or localhost, as with the defaults).
    pub fn configured_sender(&self) -> Option<String> {
        if let Some(from) = self.smtp.as_ref().and_then(|s| s.from.clone()) {
            return Some(from);
        }
        let authority = self.public_url.split("://").nth(1)?.split('/').next()?;
        // An IPv6 address comes in brackets; a port after the last colon.
        let host = if authority.starts_with('[') { authority } else { authority.split(':').next()? };
        let is_domain = host.contains('.')
            && host.parse::<std::net::IpAddr>().is_err()
            && !host.starts_with('[')
            && !host.ends_with(".localhost");
        is_domain.then(|| format!("Kontor <noreply@{host}>"))
    }

    /// The sender of Kontor's mail: the configured one, or a reserved domain (RFC 2606)
    /// that no mail server takes for its own, so nothing claims to come from a real one.
    pub fn mail_from(&self) -> String {
        self.configured_sender().unwrap_or_else(|| format!("Kontor <{PLACEHOLDER_SENDER}>"))
    }
}

/// Where mail comes from when the configuration names no real domain.
pub const PLACEHOLDER_SENDER: &str = "noreply@kontor.invalid";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_comes_from_a_real_domain_or_says_it_has_none() {
        let with = |public_url: &str| Settings {
            public_url: public_url.into(),
            ..Settings::merge(FileConfig::default(), Overrides::default()).unwrap()
        };
        assert_eq!(with("https://netzwerk.example.org").mail_from(), "Kontor <noreply@netzwerk.example.org>");
        assert_eq!(with("http://kontor.example.org:8080/").mail_from(), "Kontor <noreply@kontor.example.org>");
        for local in ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080", "http://app.localhost"] {
            assert_eq!(with(local).configured_sender(), None, "{local}");
            assert_eq!(with(local).mail_from(), "Kontor <noreply@kontor.invalid>", "{local}");
        }
    }

    #[test]
    fn listen_takes_host_names_and_says_what_it_wants() {
        assert_eq!(parse_listen("127.0.0.1:8080"), Ok(SocketAddr::from(([127, 0, 0, 1], 8080))));
        assert_eq!(parse_listen("localhost:8080"), Ok(SocketAddr::from(([127, 0, 0, 1], 8080))));
        let error = parse_listen("localhost").unwrap_err();
        assert!(error.contains("HOST:PORT") && error.contains("localhost:8080"), "{error}");
        let file: FileConfig = toml::from_str("listen = \"localhost:9000\"").unwrap();
        assert_eq!(file.listen, Some(SocketAddr::from(([127, 0, 0, 1], 9000))));
        assert!(toml::from_str::<FileConfig>("listen = \"here\"").is_err());
    }
}
