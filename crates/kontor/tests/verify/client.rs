//! The crash loop's client: it writes through the API (posts, comments, profile edits,
//! contact requests, answers and removals, the site's Impressum, saved searches), records in a ledger
//! every write the server acknowledged, and checks after each restart that all of it is
//! there. The disk-full rounds use it too.

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::crash::Dice;

/// What the client knows the database must hold: the acknowledged writes, and what was
/// in flight when the node died (there or not, never half).
#[derive(Default)]
pub struct Ledger {
    pub posts: Vec<String>,
    pub comments: Vec<(String, String)>,
    /// The last headline acknowledged, and those sent after it without an answer.
    pub headline: String,
    pub headline_in_flight: Vec<String>,
    /// The last Impressum acknowledged (Anna administers the site), and those sent after.
    pub imprint: Option<String>,
    pub imprint_in_flight: Vec<String>,
    /// Whether Anna and Bert are contacts, as last acknowledged; `None` while a change
    /// was in flight.
    pub contacts: Option<bool>,
    /// Anna's saved searches acknowledged as saved and not since deleted.
    pub searches: Vec<String>,
    pub acknowledged: usize,
    pub in_flight: usize,
    /// How many of the posts and comments the API was last asked about.
    pub read_back: (usize, usize),
    /// Writes refused because the disk was full (the disk-full rounds only).
    pub refused: usize,
    /// The newest acknowledged post and its place among all acknowledgements (posts are
    /// also written beside the main writer, into a ledger of their own).
    pub newest_post: Option<(u64, String)>,
}

/// Acknowledgements counted across every ledger, to tell which post is the newest.
static ACKNOWLEDGED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Ledger {
    /// An acknowledged post.
    fn posted(&mut self, id: &str) {
        self.posts.push(id.to_owned());
        let at = ACKNOWLEDGED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.newest_post = Some((at, id.to_owned()));
        self.acknowledged += 1;
    }

    /// The newest acknowledged post (of a ledger made by hand: its last).
    fn newest(&self) -> Option<&String> {
        self.newest_post.as_ref().map(|(_, id)| id).or(self.posts.last())
    }

    /// Takes in the posts written beside the main writes.
    pub fn absorb(&mut self, beside: Ledger) {
        self.posts.extend(beside.posts);
        self.newest_post = self.newest_post.take().max(beside.newest_post);
        self.acknowledged += beside.acknowledged;
        self.in_flight += beside.in_flight;
        self.refused += beside.refused;
    }
}

pub struct Client {
    /// The database dies rather than the node: the node's errors (5xx) are what a write
    /// in flight gets, not refusals.
    pub database_dies: bool,
    /// The disk may fill: a write refused with `storage_full` is expected, and counted.
    pub disk_may_fill: bool,
    /// The database, read directly after every kill.
    pub database: String,
    pub http: reqwest::Client,
    pub base: String,
    pub anna: String,
    pub bert: String,
    pub bert_id: String,
}

/// One write's outcome: acknowledged with its answer, refused (the server answered, so
/// nothing changed), or unknown (no answer: the node died while it was in flight).
enum Outcome {
    Acknowledged(Value),
    /// The status and the API's error code.
    Refused(StatusCode, String),
    Unknown,
}

impl Client {
    async fn call(&self, token: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> Outcome {
        let mut request = self.http.request(method, format!("{}/api/v1{path}", self.base)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        match request.send().await {
            Ok(r) if r.status().is_success() => Outcome::Acknowledged(r.json().await.unwrap_or(Value::Null)),
            Ok(r) if self.database_dies && r.status().is_server_error() => Outcome::Unknown,
            Ok(r) => {
                let status = r.status();
                let body = r.json::<Value>().await.unwrap_or(Value::Null);
                Outcome::Refused(status, body["code"].as_str().unwrap_or_default().to_owned())
            }
            Err(_) => Outcome::Unknown,
        }
    }

    /// A write the server refused: on a full disk, counted (nothing was written); else
    /// the client's own mistake, which ends the test.
    fn refused(&self, ledger: &mut Ledger, what: &str, status: StatusCode, code: &str) {
        assert!(self.disk_may_fill && code == "storage_full", "{what} refused: {status} {code}");
        ledger.refused += 1;
    }

    async fn get(&self, token: &str, path: &str) -> Value {
        let r = self.http.get(format!("{}/api/v1{path}", self.base)).bearer_auth(token).send().await.expect("a read");
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.json().await.expect("JSON")
    }

    /// Writes until the node stops answering, or while `keep_on(i)` says so before the
    /// `i`th write; each outcome goes into the ledger.
    pub async fn write(&self, cycle: usize, ledger: &mut Ledger, dice: &mut Dice, keep_on: impl Fn(usize) -> bool) {
        for i in (0..).take_while(|&i| keep_on(i)) {
            let tag = format!("{cycle}-{i}");
            let alive = match dice.below(7) {
                0 | 1 => {
                    let body = json!({"text": format!("Beitrag {tag}"), "audience": "members"});
                    match self.call(&self.anna, reqwest::Method::POST, "/posts", Some(body)).await {
                        Outcome::Acknowledged(v) => {
                            ledger.posted(v["id"].as_str().expect("an id"));
                            true
                        }
                        Outcome::Refused(s, code) => {
                            self.refused(ledger, "a post", s, &code);
                            true
                        }
                        Outcome::Unknown => false,
                    }
                }
                2 if !ledger.posts.is_empty() => {
                    let post = ledger.posts[dice.below(ledger.posts.len() as u64) as usize].clone();
                    let body = json!({"text": format!("Kommentar {tag}")});
                    let path = format!("/posts/{post}/comments");
                    match self.call(&self.bert, reqwest::Method::POST, &path, Some(body)).await {
                        Outcome::Acknowledged(v) => {
                            ledger.comments.push((post, v["id"].as_str().expect("an id").to_owned()));
                            ledger.acknowledged += 1;
                            true
                        }
                        Outcome::Refused(s, code) => {
                            self.refused(ledger, "a comment", s, &code);
                            true
                        }
                        Outcome::Unknown => false,
                    }
                }
                3 => {
                    let headline = format!("Stand {tag}");
                    let body = json!({"name": "Anna Berg", "headline": headline});
                    ledger.headline_in_flight.push(headline.clone());
                    match self.call(&self.anna, reqwest::Method::PUT, "/me/profile", Some(body)).await {
                        Outcome::Acknowledged(_) => {
                            ledger.headline = headline;
                            ledger.headline_in_flight.clear();
                            ledger.acknowledged += 1;
                            true
                        }
                        Outcome::Refused(s, code) => {
                            self.refused(ledger, "a profile edit", s, &code);
                            ledger.headline_in_flight.pop();
                            true
                        }
                        Outcome::Unknown => false,
                    }
                }
                4 => {
                    let markdown = format!("# Impressum\n\nStand {tag}");
                    ledger.imprint_in_flight.push(markdown.clone());
                    let path = "/admin/legal/imprint/en";
                    match self.call(&self.anna, reqwest::Method::PUT, path, Some(json!({"markdown": markdown}))).await {
                        Outcome::Acknowledged(_) => {
                            ledger.imprint = Some(markdown);
                            ledger.imprint_in_flight.clear();
                            ledger.acknowledged += 1;
                            true
                        }
                        Outcome::Refused(s, code) => {
                            self.refused(ledger, "a legal page", s, &code);
                            ledger.imprint_in_flight.pop();
                            true
                        }
                        Outcome::Unknown => false,
                    }
                }
                5 => self.search_step(ledger, &tag).await,
                _ => self.contact_step(ledger).await,
            };
            if !alive {
                ledger.in_flight += 1;
                return;
            }
        }
    }

    /// Posts as Anna until the node stops answering or `keep_on` says no more, beside
    /// [`Client::write`], so that writes reach the database together (SQLite commits
    /// such writes in groups).
    pub async fn post_beside(&self, cycle: usize, ledger: &mut Ledger, keep_on: impl Fn() -> bool) {
        for i in (0..).take_while(|_| keep_on()) {
            let body = json!({"text": format!("Nebenbei {cycle}-{i}"), "audience": "members"});
            match self.call(&self.anna, reqwest::Method::POST, "/posts", Some(body)).await {
                Outcome::Acknowledged(v) => {
                    ledger.posted(v["id"].as_str().expect("an id"));
                }
                Outcome::Refused(s, code) => self.refused(ledger, "a post", s, &code),
                Outcome::Unknown => {
                    ledger.in_flight += 1;
                    return;
                }
            }
        }
    }

    /// Anna saves a search, or deletes her oldest once she keeps ten.
    async fn search_step(&self, ledger: &mut Ledger, tag: &str) -> bool {
        if ledger.searches.len() >= 10 {
            let id = ledger.searches.remove(0);
            let path = format!("/me/searches/{id}");
            return match self.call(&self.anna, reqwest::Method::DELETE, &path, None).await {
                Outcome::Acknowledged(_) => {
                    ledger.acknowledged += 1;
                    true
                }
                Outcome::Refused(s, code) => {
                    self.refused(ledger, "deleting a search", s, &code);
                    ledger.searches.insert(0, id);
                    true
                }
                // Deleted or not: it is no longer counted on.
                Outcome::Unknown => false,
            };
        }
        let body = json!({"query": format!("Stand {tag}")});
        match self.call(&self.anna, reqwest::Method::POST, "/me/searches", Some(body)).await {
            Outcome::Acknowledged(v) => {
                ledger.searches.push(v["id"].as_str().expect("an id").to_owned());
                ledger.acknowledged += 1;
                true
            }
            Outcome::Refused(s, code) => {
                self.refused(ledger, "a saved search", s, &code);
                true
            }
            Outcome::Unknown => false,
        }
    }

    /// Connects Anna and Bert if they are not, or removes the contact if they are.
    async fn contact_step(&self, ledger: &mut Ledger) -> bool {
        let connected = ledger.contacts.expect("known after every restart");
        ledger.contacts = None;
        if connected {
            let path = format!("/me/contacts/{}", self.bert_id);
            return match self.call(&self.anna, reqwest::Method::DELETE, &path, None).await {
                Outcome::Acknowledged(_) => {
                    ledger.contacts = Some(false);
                    ledger.acknowledged += 1;
                    true
                }
                Outcome::Refused(s, code) => {
                    self.refused(ledger, "removing a contact", s, &code);
                    ledger.contacts = Some(true);
                    true
                }
                Outcome::Unknown => false,
            };
        }
        let path = format!("/members/{}/contact-request", self.bert_id);
        match self.call(&self.anna, reqwest::Method::POST, &path, Some(json!({"how": "colleagues"}))).await {
            Outcome::Acknowledged(_) => ledger.acknowledged += 1,
            // Sent in an earlier life and waiting still: Bert answers it now.
            Outcome::Refused(StatusCode::CONFLICT, _) => {}
            Outcome::Refused(s, code) => {
                self.refused(ledger, "a request", s, &code);
                ledger.contacts = Some(false);
                return true;
            }
            Outcome::Unknown => return false,
        }
        let received = match self.call(&self.bert, reqwest::Method::GET, "/me/contact-requests/received", None).await {
            Outcome::Acknowledged(v) => v,
            _ => return false,
        };
        let Some(request) = received.as_array().and_then(|r| r.first()) else {
            // Accepted in a request of an earlier life: they are contacts.
            ledger.contacts = Some(true);
            return true;
        };
        let path = format!("/me/contact-requests/{}/accept", request["id"].as_str().expect("an id"));
        match self.call(&self.bert, reqwest::Method::POST, &path, None).await {
            Outcome::Acknowledged(_) => {
                ledger.contacts = Some(true);
                ledger.acknowledged += 1;
                true
            }
            // Refused: the request waits on; the next step answers it.
            Outcome::Refused(s, code) => {
                self.refused(ledger, "accepting", s, &code);
                ledger.contacts = Some(false);
                true
            }
            Outcome::Unknown => false,
        }
    }

    /// After a restart: every acknowledged write is there, what was in flight settled
    /// one way, and the indexes agree with the lists. Returns what was checked.
    pub async fn check(&self, ledger: &mut Ledger) -> Vec<String> {
        // Every acknowledged post and comment, in the database itself (one query).
        let mut lost = Vec::new();
        let stored = if self.database.starts_with("postgres") {
            kontor_store::testing::postgres::activity_ids(&self.database).await
        } else {
            kontor_store::testing::sqlite::activity_ids(Path::new(&self.database)).await
        };
        let stored = stored.expect("reading the database");
        let acknowledged = ledger.posts.iter().chain(ledger.comments.iter().map(|(_, c)| c));
        lost.extend(
            acknowledged.filter(|id| !stored.contains(&id.replace('-', ""))).map(|id| format!("activity {id}")),
        );
        // The ones written since the last check, through the API as well (the content
        // held in memory agrees).
        let (posts_read, comments_read) = ledger.read_back;
        for post in &ledger.posts[posts_read..] {
            let r = self.http.get(format!("{}/api/v1/posts/{post}", self.base)).bearer_auth(&self.anna).send().await;
            if r.expect("a read").status() != StatusCode::OK {
                lost.push(format!("post {post} (through the API)"));
            }
        }
        let mut threads = std::collections::HashMap::new();
        for (post, comment) in &ledger.comments[comments_read..] {
            if !threads.contains_key(post) {
                threads.insert(post.clone(), self.get(&self.anna, &format!("/posts/{post}")).await.to_string());
            }
            if !threads[post].contains(comment.as_str()) {
                lost.push(format!("comment {comment} (through the API)"));
            }
        }
        ledger.read_back = (ledger.posts.len(), ledger.comments.len());
        let profile = self.get(&self.anna, "/me/profile").await;
        let headline = profile["profile"]["headline"].as_str().or(profile["headline"].as_str()).unwrap_or_default();
        if headline != ledger.headline && !ledger.headline_in_flight.iter().any(|h| h == headline) {
            lost.push(format!("headline {:?}, acknowledged {:?}", headline, ledger.headline));
        }
        ledger.headline = headline.to_owned();
        ledger.headline_in_flight.clear();
        // The search index (derived, built anew at start) finds Anna by her headline.
        if !headline.is_empty() {
            let path = format!("/search/people?q={}", headline.replace(' ', "+"));
            let found = self.get(&self.bert, &path).await;
            if !found["hits"].as_array().is_some_and(|h| h.iter().any(|h| h["member"]["name"] == "Anna Berg")) {
                lost.push(format!("search for her headline {headline:?} does not find Anna: {found}"));
            }
        }
        // Every saved search acknowledged (and not deleted since) is there.
        let saved = self.get(&self.anna, "/me/searches").await.to_string();
        lost.extend(
            ledger.searches.iter().filter(|id| !saved.contains(id.as_str())).map(|id| format!("saved search {id}")),
        );

        // The Impressum (the site's settings, held in memory, say whether there is one).
        let r = self.http.get(format!("{}/api/v1/legal/imprint?lang=en", self.base)).send().await.expect("a read");
        let imprint = if r.status() == StatusCode::OK {
            r.json::<Value>().await.expect("JSON")["markdown"].as_str().map(str::to_owned)
        } else {
            None
        };
        let footer = self.http.get(format!("{}/login", self.base)).send().await.expect("a page").text().await;
        let linked = footer.unwrap_or_default().contains("href=\"/legal/imprint\"");
        if linked != imprint.is_some() {
            lost.push(format!("the footer links the Impressum: {linked}, the page is there: {}", imprint.is_some()));
        }
        if imprint != ledger.imprint && !ledger.imprint_in_flight.iter().any(|m| Some(m) == imprint.as_ref()) {
            lost.push(format!("Impressum {imprint:?}, acknowledged {:?}", ledger.imprint));
        }
        ledger.imprint = imprint;
        ledger.imprint_in_flight.clear();

        // The graph (degree counts) against the contact list from the database. A write
        // whose answer was lost with the database (it committed, the node heard an
        // error) reaches the graph through the change log, within the log lag: a few
        // seconds are allowed for that; a restarted node has read everything anew.
        let deadline = Instant::now() + Duration::from_secs(if self.database_dies { 10 } else { 0 });
        let listed = loop {
            let listed = self.get(&self.anna, "/me/contacts").await["contacts"].as_array().map_or(0, Vec::len);
            let degrees = self.get(&self.anna, "/me/network").await["degrees"][0].as_u64().unwrap_or(u64::MAX);
            if degrees == listed as u64 {
                break listed;
            }
            assert!(
                Instant::now() < deadline,
                "the graph's 1st degree ({degrees}) and the contact list ({listed}) disagree"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let connected = listed == 1;
        if let Some(expected) = ledger.contacts
            && expected != connected
        {
            lost.push(format!("contact: acknowledged {expected}, found {connected}"));
        }
        ledger.contacts = Some(connected);

        // The ticker (in memory) shows Anna her newest acknowledged post.
        if let Some(newest) = ledger.newest() {
            let ticker = self.get(&self.anna, "/me/ticker").await.to_string();
            let plain = newest.replace('-', "");
            if !ticker.contains(newest.as_str()) && !ticker.contains(&plain) {
                lost.push(format!("the ticker lacks post {newest}"));
            }
        }
        lost
    }
}
