//! The verification suite: checks that every page and API route must pass, whatever
//! domain it belongs to. Each part prints one summary line of figures.
//!
//! Quick mode runs with the tests (`./scripts/test`); the full mode runs by hand:
//! `./scripts/verify` (`KONTOR_VERIFY=full`). See `crates/kontor/tests/verify/README.md`.

#![allow(dead_code)]

#[path = "http/app.rs"]
mod app;
#[path = "http/smtp.rs"]
mod smtp;
#[path = "browser/webdriver.rs"]
mod webdriver;

#[path = "verify/caches.rs"]
mod caches;
#[path = "verify/canaries.rs"]
mod canaries;
#[path = "verify/channels.rs"]
mod channels;
#[path = "verify/client.rs"]
mod client;
#[path = "verify/cluster.rs"]
mod cluster;
#[path = "verify/crash.rs"]
mod crash;
#[path = "verify/disk.rs"]
mod disk;
#[path = "verify/finding.rs"]
mod finding;
#[path = "verify/model.rs"]
mod model;
#[path = "verify/oracle.rs"]
mod oracle;
#[path = "verify/probes.rs"]
mod probes;
#[path = "verify/registry.rs"]
mod registry;
#[path = "verify/restore.rs"]
mod restore;
#[path = "verify/routes.rs"]
mod routes;
#[path = "verify/world.rs"]
mod world;
#[path = "verify/xss.rs"]
mod xss;

use app::{Backend, TestApp};
use webdriver::{WebDriver, browser_available};

/// Whether the suite runs in its full mode (by hand) rather than the quick one (CI).
fn full() -> bool {
    std::env::var("KONTOR_VERIFY").is_ok_and(|v| v == "full")
}

/// 130 payloads in every free-text field, every page that shows them in Chromium with
/// the Content Security Policy off: nothing runs, nothing is added, all shown as typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_corpus_runs_nowhere_in_chromium() {
    if !browser_available() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let wd = WebDriver::start().await;
    xss::prepare(&wd, &app.base).await;
    let summary = xss::corpus_runs_nowhere_and_shows_as_typed(&app, &wd, full()).await;
    println!("{summary}");
    wd.quit().await;
    app.stop().await;
}

/// Random writes (posts, likes, comments, contacts made and removed, visibility, grants,
/// blocks, mutes, list and ticker settings, an erasure) on a node with its caches, and
/// every read compared with a node whose caches and memos are all off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caches_answer_as_the_database_on_sqlite() {
    let cached = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let uncached = cached.node_beside(Backend::Sqlite, |s| s.caches = false).await;
    let (members, steps) = if full() { (30, 400) } else { (12, 40) };
    let summary = caches::cached_reads_equal_uncached(&cached, None, &uncached, members, steps, seed()).await;
    println!("{}", summary.line("SQLite", 1));
    uncached.stop().await;
    cached.stop().await;
}

/// As on SQLite, with writes on two cached nodes of one PostgreSQL database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caches_answer_as_the_database_on_postgresql() {
    let Some(cached) = TestApp::spawn(Backend::Postgres).await else { return };
    let other = cached.node_beside(Backend::Postgres, |_| {}).await;
    let uncached = cached.node_beside(Backend::Postgres, |s| s.caches = false).await;
    let (members, steps) = if full() { (30, 400) } else { (12, 40) };
    let summary = caches::cached_reads_equal_uncached(&cached, Some(&other), &uncached, members, steps, seed()).await;
    println!("{}", summary.line("PostgreSQL", 2));
    uncached.stop().await;
    other.stop().await;
    cached.stop().await;
}

/// How many SIGKILL cycles: 20 in the quick mode, 1,000 in the full one.
fn cycles() -> usize {
    if full() { 1000 } else { 20 }
}

/// The seed of the random kill moments and writes: `KONTOR_VERIFY_SEED`, else a fixed one.
fn seed() -> u64 {
    std::env::var("KONTOR_VERIFY_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_207)
}

/// `kontor serve` on SQLite killed with SIGKILL at random moments while a client writes:
/// no acknowledged write lost, the database sound, the indexes agreeing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_loop_on_sqlite_loses_no_acknowledged_write() {
    let dir = kontor_store::testing::sqlite::TempDir::new();
    let install = crash::install(dir.path(), None);
    println!("{}", crash::kill_cycles(&install, "SQLite", cycles(), seed()).await);
}

/// The same with the nodes on PostgreSQL: the node is killed, the database lives on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_loop_on_postgresql_loses_no_acknowledged_write() {
    let Some(db) = kontor_store::testing::postgres::TestDatabase::create().await else {
        return;
    };
    let dir = kontor_store::testing::sqlite::TempDir::new();
    let install = crash::install(dir.path(), Some(db.url.clone()));
    println!("{}", crash::kill_cycles(&install, "PostgreSQL", cycles(), seed()).await);
}

/// Rounds of a full disk while the crash loop's client writes: 5 in the quick mode, 100
/// in the full one.
fn disk_rounds() -> usize {
    if full() { 100 } else { 5 }
}

/// Room for as many contact requests as the crash loop's client sends (it connects and
/// parts two members over and over).
fn room_for_requests(settings: &mut kontor::config::Settings) {
    settings.request_limits = kontor_core::contacts::RequestLimits { open: 100_000, per_day: 100_000 };
}

/// The crash loop's client writing while the disk fills and empties, on SQLite: writes
/// refused with `storage_full`, none acknowledged lost, resumed without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_full_while_the_client_writes_on_sqlite() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite").restart_with(room_for_requests).await;
    println!("{}", disk::disk_full_while_writing(&app, "SQLite", disk_rounds(), seed()).await);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_full_while_the_client_writes_on_postgresql() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else { return };
    let app = app.restart_with(room_for_requests).await;
    println!("{}", disk::disk_full_while_writing(&app, "PostgreSQL", disk_rounds(), seed()).await);
    app.stop().await;
}

/// A backup taken while a client writes, restored into a new directory: every row
/// committed before it is there and equal, on SQLite.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_drill_on_sqlite() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    println!("{}", restore::backup_while_writing_restores_every_row(app, Backend::Sqlite, "SQLite", full()).await);
}

/// The same on PostgreSQL (`pg_dump` and `pg_restore`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_drill_on_postgresql() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else { return };
    println!(
        "{}",
        restore::backup_while_writing_restores_every_row(app, Backend::Postgres, "PostgreSQL", full()).await
    );
}

/// The list of routes is the truth: the OpenAPI document's operations, the router's
/// routes, every address a crawl of the pages finds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_is_listed_once_and_the_list_is_true() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let api = registry::api_routes_match_the_document(&app).await;
    let exist = registry::every_listed_route_exists(&app).await;
    let (pages, reached) = registry::crawled_addresses_are_listed(&app).await;
    println!(
        "routes: {} listed ({api} API operations, as the OpenAPI document has them), {exist} answered by the router, \
         {pages} pages crawled as a visitor, a member and an administrator reaching {reached} listed routes, 0 unlisted",
        routes::ROUTES.len()
    );
    app.stop().await;
}

/// Members in the oracle's random network: 14 in the quick mode, 80 in the full one.
fn network_size() -> usize {
    if full() { 80 } else { 14 }
}

/// A random network with random settings, every route that names a member or a post
/// asked by every viewer: no hidden value appears, hidden looks like missing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visibility_oracle_on_sqlite_finds_no_leak() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    println!("{}", oracle::no_leaks(&app, network_size(), seed(), "SQLite", full()).await);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visibility_oracle_on_postgresql_finds_no_leak() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else { return };
    println!("{}", oracle::no_leaks(&app, network_size(), seed(), "PostgreSQL", full()).await);
    app.stop().await;
}

/// PostgreSQL itself stopped with `-m immediate` at random moments while a client writes
/// through a node that lives on: every acknowledged write there once it is back. On a
/// cluster of the test's own, never the shared server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_loop_with_postgresql_itself_stopped_loses_no_acknowledged_write() {
    let Some(cluster) = cluster::Cluster::create() else { return };
    let dir = kontor_store::testing::sqlite::TempDir::new();
    let install = crash::install(dir.path(), Some(cluster.url()));
    let cycles = if full() { 200 } else { 5 };
    let victim = crash::Victim::Database(&cluster);
    println!("{}", crash::kill_cycles_of(&install, "PostgreSQL", cycles, seed(), victim).await);
}
