//! A Kontor node on a random port with a fresh database, a real SMTP listener, a manual
//! clock and cheap password hashing; and a browser-like client with cookies.

use crate::smtp::{Mail, SmtpServer};
use kontor::config::{FileConfig, Overrides, Settings, SmtpConfig};
use kontor::node::Node;
use kontor_core::clock::ManualClock;
use kontor_core::secrets::HashCost;
use kontor_store::testing::postgres::TestDatabase;
use kontor_store::testing::sqlite::TempDir;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Response, StatusCode};
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub node: Node,
    pub base: String,
    pub smtp: SmtpServer,
    pub clock: ManualClock,
    pub settings: Settings,
    _dir: TempDir,
    _db: Option<TestDatabase>,
}

impl TestApp {
    /// Starts a node, or `None` for PostgreSQL when none is reachable outside CI.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        let dir = TempDir::new();
        let db = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(TestDatabase::create().await?),
        };
        Some(Self::spawn_on(backend, dir, db, None).await)
    }

    /// Starts a node on the database of `other` (two nodes, one PostgreSQL).
    pub async fn second_node(&self, follow_log: bool) -> Self {
        self.node_beside(Backend::Postgres, |s| s.follow_log = follow_log).await
    }

    pub async fn spawn_on(backend: Backend, dir: TempDir, db: Option<TestDatabase>, url: Option<String>) -> Self {
        Self::spawn_with(backend, dir, db, url, |_| {}).await
    }

    /// Another node on this node's database (an SQLite file or PostgreSQL) and clock,
    /// with the test settings changed by `change`.
    pub async fn node_beside(&self, backend: Backend, change: impl FnOnce(&mut Settings)) -> Self {
        let url = Some(self.settings.database_url.clone());
        Self::spawn_clocked(backend, TempDir::new(), None, url, Some(self.clock.clone()), change).await
    }

    /// Starts a node with the test settings, changed by `change`.
    async fn spawn_with(
        backend: Backend,
        dir: TempDir,
        db: Option<TestDatabase>,
        url: Option<String>,
        change: impl FnOnce(&mut Settings),
    ) -> Self {
        Self::spawn_clocked(backend, dir, db, url, None, change).await
    }

    /// [`TestApp::spawn_with`] on `clock`, or a new one at the start of this hour.
    async fn spawn_clocked(
        backend: Backend,
        dir: TempDir,
        db: Option<TestDatabase>,
        url: Option<String>,
        clock: Option<ManualClock>,
        change: impl FnOnce(&mut Settings),
    ) -> Self {
        let smtp = SmtpServer::start().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding");
        let addr = listener.local_addr().expect("address");
        let database_url = url.or_else(|| db.as_ref().map(|d| d.url.clone()));
        let overrides =
            Overrides { data_dir: Some(dir.path().to_path_buf()), database_url, listen: Some(addr), public_url: None };
        let mut settings = Settings::merge(FileConfig::default(), overrides).expect("settings");
        settings.hash_cost = HashCost::TESTING;
        settings.run_jobs = false;
        settings.sqlite_durability = kontor_store::Durability::Normal;
        settings.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: Some(smtp.port),
            security: Some("none".into()),
            username: None,
            password: None,
            from: Some("Kontor <noreply@kontor.test>".into()),
        });
        change(&mut settings);
        // At the start of an hour, so that rate-limit windows in a test do not roll over.
        let clock = clock.unwrap_or_else(|| {
            let now = OffsetDateTime::now_utc()
                .replace_time(time::Time::MIDNIGHT + time::Duration::hours(OffsetDateTime::now_utc().hour().into()));
            ManualClock::new(now)
        });
        let node = Node::start(&settings, Arc::new(clock.clone()), listener).await.expect("starting the node");
        let _ = backend;
        Self { base: format!("http://{addr}"), node, smtp, clock, settings, _dir: dir, _db: db }
    }

    /// A new browser: its own cookies, no redirects followed.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base, "en")
    }

    /// Runs the due jobs (sending mail over SMTP) and returns what arrived.
    pub async fn deliver_mail(&self) -> Vec<Mail> {
        self.node.jobs.run_due().await.expect("running jobs");
        self.smtp.take()
    }

    /// Signs a member up, verifies the address from the mail, and logs in.
    pub async fn member(&self, name: &str, email: &str) -> Browser {
        let b = self.browser();
        let form = [("name", name), ("email", email), ("password", PASSWORD), ("accept_terms", "yes")];
        let r = b.post_form("/signup", &form).await;
        assert_eq!(r.status(), StatusCode::OK, "sign-up of {email}");
        let mails = self.deliver_mail().await;
        let mail = mails.iter().find(|m| m.to.iter().any(|t| t == email)).expect("verification mail");
        let link = mail.link("/verify/");
        let r = b.post_form(&link, &[]).await;
        assert_eq!(r.status(), StatusCode::OK, "verifying {email}");
        b.log_in(email, PASSWORD).await;
        b
    }

    /// Logs in through the API and returns the session's token.
    pub async fn api_session(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({"email": email, "password": password});
        let r = reqwest::Client::new().post(format!("{}/api/v1/sessions", self.base)).json(&body).send().await;
        let r = r.expect("POST /sessions");
        assert_eq!(r.status(), StatusCode::CREATED, "API log-in of {email}");
        let body: serde_json::Value = r.json().await.expect("a JSON answer");
        body["token"].as_str().expect("a token").to_owned()
    }

    /// An administrator, logged in.
    pub async fn admin(&self) -> Browser {
        self.node
            .kontor
            .accounts()
            .create_admin("Olga Operator", "olga@example.org", PASSWORD)
            .await
            .expect("creating the admin");
        let b = self.browser();
        b.log_in("olga@example.org", PASSWORD).await;
        b
    }

    /// How often the cache or memo `cache` answered from memory and how often it did not,
    /// from `/metrics`.
    pub async fn cache_counts(&self, cache: &str) -> (u64, u64) {
        let (status, metrics) = self.browser().page("/metrics").await;
        assert_eq!(status, StatusCode::OK);
        let count = |name: &str| -> u64 {
            let line = format!("{name}{{cache=\"{cache}\"}} ");
            let value = metrics.lines().find_map(|l| l.strip_prefix(&line));
            value.unwrap_or_else(|| panic!("{name} for {cache} in:\n{metrics}")).parse().expect("a count")
        };
        (count("kontor_cache_hits_total"), count("kontor_cache_misses_total"))
    }

    /// The public id of the member a browser is logged in as.
    pub async fn id_of(&self, b: &Browser) -> String {
        let (_, home) = b.page("/home").await;
        let own = attrs(&home, ".my-card h2 a", "href").into_iter().next().expect("a link to the own profile");
        own.trim_start_matches("/members/").to_owned()
    }

    pub async fn stop(self) {
        self.node.stop().await.expect("stopping the node");
    }

    /// Stops the node and starts a new one on the same data directory and database.
    pub async fn restart(self) -> Self {
        self.restart_with(|_| {}).await
    }

    /// [`TestApp::restart`] with settings changed by `change`.
    pub async fn restart_with(self, change: impl FnOnce(&mut Settings)) -> Self {
        let backend =
            if self.settings.database_url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
        let url = self.settings.database_url.clone();
        self.node.stop().await.expect("stopping the node");
        Self::spawn_with(backend, self._dir, self._db, Some(url), change).await
    }

    /// Makes the database's disk full (`true`) or gives it room again: on SQLite by
    /// SQLite's page limit, on PostgreSQL by a check at commit that fails as a full
    /// disk does (SQLSTATE 53100).
    pub async fn disk_full(&self, full: bool) {
        use kontor_store::sql::Dialect;
        let store = &self.node.store;
        match store.dialect() {
            Dialect::Sqlite => {
                let limit = if full { Some(store.page_count().await.expect("page count") + 2) } else { None };
                store.limit_pages(limit).await.expect("setting the page limit");
            }
            Dialect::Postgres => kontor_store::testing::postgres::fill_disk(&self.settings.database_url, full).await,
        }
    }
}

pub const PASSWORD: &str = "correct horse battery";

pub struct Browser {
    pub base: String,
    pub jar: Arc<Jar>,
    pub client: reqwest::Client,
    /// The CSRF token forms carry, read from a page, and the session it was read for.
    csrf: std::sync::Mutex<Option<(Option<String>, String)>>,
}

impl Browser {
    pub fn new(base: &str, lang: &str) -> Self {
        let jar = Arc::new(Jar::default());
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("accept-language", lang.parse().expect("header"));
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        Self { base: base.to_owned(), jar, client, csrf: std::sync::Mutex::default() }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().expect("url");
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split("; ").find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("GET")
    }

    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        let status = r.status();
        (status, r.text().await.expect("body"))
    }

    /// The CSRF token the pages' forms carry for this browser now (it changes with the
    /// session), read from a page as a person's browser would have it.
    pub async fn csrf(&self) -> String {
        let session = self.cookie("kontor_session");
        if let Some((of, token)) = self.csrf.lock().unwrap().as_ref()
            && *of == session
        {
            return token.clone();
        }
        let form_field = scraper::Selector::parse("input[name=csrf]").unwrap();
        // The last for a member the site sends to set up a second factor first.
        for page in ["/home", "/login", "/settings/two-factor"] {
            let (status, html) = self.page(page).await;
            let found = scraper::Html::parse_document(&html)
                .select(&form_field)
                .find_map(|input| input.value().attr("value").filter(|v| !v.is_empty()).map(str::to_owned));
            if let (StatusCode::OK, Some(token)) = (status, found) {
                *self.csrf.lock().unwrap() = Some((session, token.clone()));
                return token;
            }
        }
        panic!("no page with a form for this browser");
    }

    /// Posts a form with this browser's CSRF token, as the page's form would.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        form.extend_from_slice(fields);
        self.client.post(format!("{}{path}", self.base)).form(&form).send().await.expect("POST")
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Response {
        let r = self.post_form("/login", &[("email", email), ("password", password)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "logging in as {email}");
        r
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::app::TestApp::spawn($crate::app::Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::app::TestApp::spawn($crate::app::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

/// The texts of the elements `css` selects in a page, as a reader sees them (spaces
/// joined).
/// The answer of a write step, checked where it is taken.
pub trait Answered {
    /// A form's write done: 303 See Other, as a browser is sent on after a post.
    fn see_other(self) -> Response;
    /// The write step answered `status` (a page shown again with its message, a refusal).
    fn answered(self, status: StatusCode) -> Response;
}

impl Answered for Response {
    #[track_caller]
    fn see_other(self) -> Response {
        assert_eq!(self.status(), StatusCode::SEE_OTHER, "the answer to POST {}", self.url().path());
        self
    }

    #[track_caller]
    fn answered(self, status: StatusCode) -> Response {
        assert_eq!(self.status(), status, "the answer to POST {}", self.url().path());
        self
    }
}

/// What a profile page shows, field by field (its `data-field` elements, each text with
/// single spaces between its parts); fields shown empty are left out.
pub fn fields(html: &str) -> std::collections::BTreeMap<String, String> {
    let selector = scraper::Selector::parse("[data-field]").unwrap();
    let mut shown = std::collections::BTreeMap::new();
    for element in scraper::Html::parse_document(html).select(&selector) {
        let text = seen(&element.text().collect::<Vec<_>>().join(" "));
        if !text.is_empty() {
            let field = element.value().attr("data-field").unwrap_or_default().to_owned();
            let entry: &mut String = shown.entry(field).or_default();
            if !entry.is_empty() {
                entry.push_str(" | ");
            }
            entry.push_str(&text);
        }
    }
    shown
}

/// The attribute `attr` of each element `css` selects.
pub fn attrs(html: &str, css: &str, attr: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).unwrap();
    scraper::Html::parse_document(html)
        .select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The text of each element `css` selects, as a reader sees it: single spaces, without
/// the invisible marks that isolate names in translated sentences.
pub fn texts(html: &str, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).unwrap();
    scraper::Html::parse_document(html).select(&selector).map(|e| seen(&e.text().collect::<String>())).collect()
}

/// What an error or notice page says, below its heading.
pub fn message(html: &str) -> String {
    texts(html, "#message").concat()
}

fn seen(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}
