//! Operating Kontor: backups taken while it runs, restores, several nodes on one
//! PostgreSQL, graceful shutdown.

use crate::app::Answered;
use crate::app::{Backend, PASSWORD, TestApp, texts};
use crate::on_both;
use kontor_store::testing::postgres::TestDatabase;
use kontor_store::testing::sqlite::TempDir;
use reqwest::StatusCode;

on_both!(a_backup_taken_while_serving_restores_completely, a_node_behind_the_pruned_log_builds_its_indexes_anew);

/// A node that has not applied entries the log has since pruned cannot catch up entry
/// by entry: it notices and builds its indexes from the database again.
async fn a_node_behind_the_pruned_log_builds_its_indexes_anew(app: TestApp) {
    let backend = if app.settings.database_url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
    let behind = app.node_beside(backend, |s| s.follow_log = false).await;
    app.member("Anna Berg", "anna@example.org").await;
    app.member("Bert Kraus", "bert@example.org").await;
    assert_eq!(behind.node.kontor.derived().directory.active_members(), 0, "the second node has not caught up");
    // A week and more later the housekeeping prunes what the second node never applied.
    app.clock.advance(time::Duration::days(8));
    let swept = app.node.kontor.maintenance().run().await.expect("housekeeping");
    assert!(swept.log_entries > 0, "the log was pruned");
    let tailer = &behind.node.kontor.derived().tailer;
    tailer.catch_up().await.expect("catching up");
    assert_eq!(behind.node.kontor.derived().directory.active_members(), 2, "both members, built anew");
    behind.stop().await;
}

async fn a_backup_taken_while_serving_restores_completely(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    anna.post_form("/profile/edit", &[("name", "Anna Berg"), ("headline", "Tax adviser")]).await.see_other();
    let dir = TempDir::new();
    let file = dir.path().join("kontor.backup");
    // Another member signs up while the backup is written.
    let (backup, _) =
        tokio::join!(kontor::backup::backup(&app.settings, &file), app.member("Bernd Kraus", "bernd@example.org"));
    backup.expect("the backup");
    assert!(kontor::backup::backup(&app.settings, &file).await.is_err(), "an existing file is not overwritten");

    let target = TempDir::new();
    let backend = if app.settings.database_url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
    let db = match backend {
        Backend::Postgres => Some(TestDatabase::create().await.expect("a second test database")),
        Backend::Sqlite => None,
    };
    let mut settings = app.settings.clone();
    settings.data_dir = target.path().to_path_buf();
    settings.database_url = match &db {
        Some(db) => db.url.clone(),
        None => format!("sqlite://{}", target.path().join("kontor.db").display()),
    };
    // The backup is only read: it may sit on read-only storage, and comes out unchanged.
    let before = std::fs::read(&file).expect("reading the backup");
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).unwrap();
    kontor::backup::restore(&settings, &file).await.expect("the restore");
    assert!(std::fs::read(&file).expect("reading the backup") == before, "restoring changed the backup");
    let leftovers: Vec<_> = std::fs::read_dir(target.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "the restore left {leftovers:?} behind");
    let url = settings.database_url.clone();
    let restored = TestApp::spawn_on(backend, target, db, Some(url)).await;
    let b = restored.browser();
    b.log_in("anna@example.org", PASSWORD).await;
    let (_, home) = b.page("/home").await;
    assert_eq!(texts(&home, ".my-card .headline"), ["Tax adviser"], "the profile came back");
    // Bernd signed up while the copy was taken: he may or may not be in it, but never
    // half-written: an account is always there with its profile.
    let store = restored.node.kontor.store();
    let bernd = kontor_core::accounts::Email::parse("bernd@example.org").unwrap();
    if let Some(found) = store.credentials_by_email(&bernd).await.unwrap() {
        assert!(store.profile(found.account.key).await.unwrap().is_some(), "an account comes with its profile");
    }
    restored.stop().await;
    app.stop().await;
}

/// Waits (without sleeping) until `node` has applied the log up to `position`.
async fn applied(node: &kontor::node::Node, position: kontor_core::changelog::LogPosition) {
    let mut watch = node.tailer.subscribe();
    let reached = tokio::time::timeout(std::time::Duration::from_secs(10), watch.wait_for(|p| *p >= position)).await;
    assert!(reached.is_ok(), "the node did not reach {position}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_postgres_see_each_others_writes() {
    let Some(a) = TestApp::spawn(Backend::Postgres).await else { return };
    let b = a.second_node(true).await;
    assert_eq!(b.node.directory.active_members(), 0);
    let anna = a.member("Anna Berg", "anna@example.org").await;
    let head = a.node.kontor.store().log_newest().await.unwrap();
    applied(&b.node, head).await;
    assert_eq!(b.node.directory.active_members(), 1, "node B learnt of Anna from the log");
    let (_, metrics) = b.browser().page("/metrics").await;
    assert!(metrics.contains("kontor_members 1"));
    // Anna's session works on node B too: the database is shared.
    let id = a.id_of(&anna).await;
    let cookie = format!("kontor_session={}", anna.cookie("kontor_session").unwrap());
    let r =
        reqwest::Client::new().get(format!("{}/members/{id}", b.base)).header("cookie", cookie).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    b.stop().await;
    a.stop().await;
}

/// An administrator ends every sign-in on node A; node B, which holds the sessions it has
/// seen, lets none of them in once it has read the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_session_ended_on_one_node_ends_on_the_other() {
    let Some(a) = TestApp::spawn(Backend::Postgres).await else { return };
    let b = a.second_node(true).await;
    let olga = a.admin().await;
    let anna = a.member("Anna Berg", "anna@example.org").await;
    let cookie = format!("kontor_session={}", anna.cookie("kontor_session").unwrap());
    let on_b = || reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let home = || on_b().get(format!("{}/home", b.base)).header("cookie", cookie.clone()).send();
    assert_eq!(home().await.unwrap().status(), StatusCode::OK, "node B now holds Anna's session");
    let r = olga.post_form("/admin/sessions/end", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    applied(&b.node, a.node.kontor.store().log_newest().await.unwrap()).await;
    assert_eq!(home().await.unwrap().status(), StatusCode::SEE_OTHER, "and has let it go");
    b.stop().await;
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sees_their_own_writes_on_a_lagging_node() {
    let Some(a) = TestApp::spawn(Backend::Postgres).await else { return };
    // Node B does not follow the log by itself: only the member's own requests move it.
    let b = a.second_node(false).await;
    let anna = a.member("Anna Berg", "anna@example.org").await;
    anna.post_form("/profile/edit", &[("name", "Anna Berg-Kraus")]).await.see_other();
    let key = a
        .node
        .kontor
        .store()
        .credentials_by_email(&kontor_core::accounts::Email::parse("anna@example.org").unwrap())
        .await
        .unwrap()
        .unwrap()
        .account
        .key;
    assert!(b.node.directory.get(key).is_none(), "node B is behind");
    let seen = anna.cookie("kontor_seen").expect("the write's position travels with the member");
    let r = reqwest::Client::new()
        .get(format!("{}/healthz", b.base))
        .header("cookie", format!("kontor_seen={seen}; kontor_session={}", anna.cookie("kontor_session").unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let entry = b.node.directory.get(key).expect("node B caught up before answering");
    assert_eq!(entry.name.as_str(), "Anna Berg-Kraus");
    b.stop().await;
    a.stop().await;
}

mod mail_failures {
    use crate::app::Answered;
    use crate::app::{PASSWORD, TestApp, attrs, texts};
    use crate::on_both;
    use reqwest::StatusCode;
    use time::Duration;

    on_both!(failing_mail_is_retried_then_parked_for_the_operator);

    async fn failing_mail_is_retried_then_parked_for_the_operator(app: TestApp) {
        let olga = app.admin().await;
        app.smtp.reject(true);
        let b = app.browser();
        b.post_form("/signup", &[("name", "Paul Quast"), ("email", "paul@example.org"), ("password", PASSWORD)])
            .await
            .answered(StatusCode::OK);
        assert!(app.deliver_mail().await.is_empty());
        let (_, metrics) = b.page("/metrics").await;
        // The mail, and the daily round and the search alerts' round, always scheduled.
        assert!(metrics.contains("kontor_jobs{state=\"pending\"} 3"), "waiting to be retried:\n{metrics}");
        // The delays double: 30 s, 1 min, 2 min, ... An hour each time is more than enough.
        for _ in 0..7 {
            app.clock.advance(Duration::hours(1));
            assert!(app.deliver_mail().await.is_empty());
        }
        let (_, metrics) = b.page("/metrics").await;
        assert!(metrics.contains("kontor_jobs{state=\"parked\"} 1"), "parked after eight attempts:\n{metrics}");
        let (_, admin) = olga.page("/admin").await;
        let row = texts(&admin, "#parked-jobs tbody td");
        assert_eq!(row[0], "send_mail (8×)", "the operator sees it: {row:?}");
        assert!(row[2].contains("550"), "and why: {row:?}");
        app.clock.advance(Duration::days(1));
        assert!(app.deliver_mail().await.is_empty(), "a parked job waits for the operator");

        app.smtp.reject(false);
        let retry = attrs(&admin, "#parked-jobs form", "action");
        assert_eq!(retry.len(), 1, "one parked job to retry");
        let r = olga.post_form(&retry[0], &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mails = app.deliver_mail().await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, vec!["paul@example.org"]);
        app.stop().await;
    }
}

/// On SIGTERM or Ctrl-C the node stops taking connections, but a request already on its
/// way is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_lets_requests_in_flight_finish() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let addr = app.node.addr;
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = "lang=de";
    // `Expect: 100-continue` makes the server say when it has taken the request up and
    // wants the body: only then is the request surely in flight, not waiting in a buffer.
    let head = format!(
        "POST /language HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut interim = [0u8; 25];
    conn.read_exact(&mut interim).await.unwrap();
    assert!(interim.starts_with(b"HTTP/1.1 100 Continue"), "{:?}", String::from_utf8_lossy(&interim));
    // The request is half sent when the node is told to stop.
    let stopping = tokio::spawn(app.stop());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!stopping.is_finished(), "the node waits for the request in flight");
    conn.write_all(body.as_bytes()).await.unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 "), "the request was answered: {answer:?}");
    tokio::time::timeout(std::time::Duration::from_secs(10), stopping).await.expect("the node stopped").unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "no new connections");
}
