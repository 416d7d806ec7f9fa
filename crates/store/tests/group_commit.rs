//! SQLite's group commit: writes that queue behind one another share one commit, each is
//! acknowledged only once that commit is done, and a commit that fails fails every
//! write in its group, also those that were fine on their own.

use kontor_core::ids::ActivityId;
use kontor_core::notifications::Effects;
use kontor_core::ticker::{ActivityKind, Audience, NewActivity};
use kontor_core::{StoreError, StoreHandle};
use kontor_store::sql::q;
use kontor_store::testing::sqlite::TempDir;
use kontor_store::{Durability, SqlStore};
use kontor_store_tests::faults;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

const QUEUED: usize = 12;

struct Opened {
    _dir: TempDir,
    url: String,
    sqlite: Arc<SqlStore>,
    store: StoreHandle,
}

async fn opened() -> Opened {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("kontor.db").display());
    let sqlite = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("opening the store"));
    let store: StoreHandle = sqlite.clone();
    Opened { _dir: dir, url, sqlite, store }
}

/// Starts `QUEUED` posts by `author`, and returns once all of them wait for the writer
/// (behind `ahead` writes already waiting).
async fn queue_posts(
    o: &Opened,
    author: kontor_core::ids::MemberKey,
    ahead: usize,
) -> Vec<(ActivityId, JoinHandle<Result<(), StoreError>>)> {
    let posts: Vec<_> = (0..QUEUED)
        .map(|n| {
            let mut post = NewActivity::new(author, ActivityKind::Post, Audience::Contacts, kontor_store_tests::t0());
            post.body = format!("In der Schlange {n}");
            let store = o.store.clone();
            let id = post.id;
            (id, tokio::spawn(async move { store.add_activity(&post, &[], &Effects::none()).await.map(drop) }))
        })
        .collect();
    until_waiting(o, (QUEUED + ahead) as u64).await;
    posts
}

#[tokio::test]
async fn writes_queued_behind_one_share_its_commit_and_all_are_kept() {
    let o = opened().await;
    let author = faults::fault_author(&o.store).await;
    let writer = o.sqlite.sqlite_writer().expect("an SQLite store");
    let (writes_before, commits_before) = writer.grouped();

    let held = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    let posts = queue_posts(&o, author, 0).await;
    held.commit().await.expect("the first write of the group");
    for (_, post) in posts {
        post.await.expect("the post's task").expect("a queued post");
    }

    let (writes, commits) = writer.grouped();
    assert_eq!(writes - writes_before, QUEUED as u64 + 1, "every write was committed in a group");
    assert_eq!(commits - commits_before, 1, "the queued writes shared the first one's commit");
    drop(o.store);
    drop(o.sqlite);
    let reopened = SqlStore::open(&o.url, Durability::Full).await.expect("reopening");
    let count: i64 = q("select count(*) from activities where body like 'In der Schlange %'")
        .scalar(reopened.db_for_tests().read())
        .await
        .expect("counting the posts");
    assert_eq!(count, QUEUED as i64, "every acknowledged post is on disk");
}

#[tokio::test]
async fn a_failing_group_commit_fails_every_write_in_it_and_keeps_none() {
    let o = opened().await;
    let author = faults::fault_author(&o.store).await;
    // A deferred foreign key is checked at commit: a row that breaks it fails the commit.
    let mut ddl = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    for sql in [
        "create table fault_nowhere (id integer primary key)",
        "create table fault_gate (id integer references fault_nowhere (id) deferrable initially deferred)",
        "create table fault_checked (n integer check (n > 0))",
    ] {
        q(sql).execute(&mut ddl).await.expect("changing the schema");
    }
    ddl.commit().await.expect("committing the schema");

    let mut breaking = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    q("insert into fault_gate (id) values (1)").execute(&mut breaking).await.expect("fine until the commit");
    let posts = queue_posts(&o, author, 0).await;
    let refused = breaking.commit().await.expect_err("the commit breaks the deferred key");
    assert!(matches!(refused, StoreError::Conflict(_)), "{refused:?}");
    for (id, post) in posts {
        let error = post.await.expect("the post's task").expect_err("a post in the failed group is refused");
        assert!(matches!(error, StoreError::Conflict(_)), "{error:?}");
        assert!(o.store.activity(id).await.expect("reading").is_none(), "a refused post was kept");
    }

    // The group's last write breaks a CHECK before the commit fails: SQLite undoes that
    // statement alone, so it is not what the group's members are told.
    let mut breaking = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    q("insert into fault_gate (id) values (2)").execute(&mut breaking).await.expect("fine until the commit");
    let sqlite = o.sqlite.clone();
    let last = tokio::spawn(async move {
        let mut write = sqlite.db_for_tests().begin().await.expect("taking the writer");
        let checked = q("insert into fault_checked (n) values (0)").execute(&mut write).await;
        assert!(matches!(checked, Err(StoreError::Other(_))), "the CHECK refuses the row: {checked:?}");
        write.commit().await
    });
    until_waiting(&o, 1).await;
    let refused = breaking.commit().await.expect_err("the commit breaks the deferred key");
    assert!(matches!(refused, StoreError::Conflict(_)), "told the commit's own cause: {refused:?}");
    let error = last.await.expect("the last write's task").expect_err("the last write is in the failed group");
    assert!(matches!(error, StoreError::Conflict(_)), "told the commit's own cause: {error:?}");

    // The writer goes on with a fresh connection, and what it acknowledges is kept.
    let mut outcome = faults::Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&o.store, &mut outcome, 3).await;
    faults::every_acknowledged_write_is_there(&o.store, &outcome).await;
}

/// Waits until `count` writes wait for the writer.
async fn until_waiting(o: &Opened, count: u64) {
    let writer = o.sqlite.sqlite_writer().expect("an SQLite store");
    for _ in 0..500 {
        if writer.waiting() == count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{} writes wait for the writer, not {count}", writer.waiting());
}

async fn logged_for(o: &Opened, subject: i64) -> i64 {
    q("select count(*) from changelog where subject = $1")
        .bind(subject)
        .scalar(o.sqlite.db_for_tests().read())
        .await
        .expect("counting")
}

#[tokio::test]
async fn a_write_that_gives_up_is_undone_alone() {
    let o = opened().await;
    let author = faults::fault_author(&o.store).await;
    let writer = o.sqlite.sqlite_writer().expect("an SQLite store");
    let mark = "insert into changelog (kind, subject, at) values ('member', $1, 0)";

    // First a write that succeeds, then (in the same group) one that gives up after a
    // statement, then the queued posts; one commit for all that succeeded.
    let mut first = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    q(mark).bind(-2i64).execute(&mut first).await.expect("the first write's statement");
    let sqlite = o.sqlite.clone();
    let giving_up = tokio::spawn(async move {
        let mut write = sqlite.db_for_tests().begin().await.expect("taking the writer");
        q(mark).bind(-1i64).execute(&mut write).await.expect("a statement of the write that gives up");
    });
    until_waiting(&o, 1).await;
    let posts = queue_posts(&o, author, 1).await;
    let (_, commits_before) = writer.grouped();
    first.commit().await.expect("the first write");
    giving_up.await.expect("the write that gives up");
    for (id, post) in posts {
        post.await.expect("the post's task").expect("a queued post is not hurt by one that gave up");
        assert!(o.store.activity(id).await.expect("reading").is_some());
    }
    assert_eq!(writer.grouped().1 - commits_before, 1, "the first write and the posts shared one commit");
    assert_eq!(logged_for(&o, -2).await, 1, "the first write is kept");
    assert_eq!(logged_for(&o, -1).await, 0, "the statement of the write that gave up was undone");

    // Alone in its group, a write that gives up rolls the transaction back.
    let mut alone = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    q(mark).bind(-3i64).execute(&mut alone).await.expect("a statement");
    drop(alone);
    let mut outcome = faults::Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&o.store, &mut outcome, 2).await;
    faults::every_acknowledged_write_is_there(&o.store, &outcome).await;
    assert_eq!(logged_for(&o, -3).await, 0, "undone");
}

#[tokio::test]
async fn a_caller_that_stops_waiting_leaves_no_write_half_done() {
    let o = opened().await;
    let author = faults::fault_author(&o.store).await;
    let held = o.sqlite.db_for_tests().begin().await.expect("taking the writer");
    // Callers that give up while waiting for the writer, and while waiting for the commit.
    let sqlite = o.sqlite.clone();
    let waiting = tokio::spawn(async move { sqlite.db_for_tests().begin().await.map(drop) });
    until_waiting(&o, 1).await;
    let posts = queue_posts(&o, author, 1).await;
    waiting.abort();
    let (first_id, first) = (posts[0].0, &posts[0].1);
    first.abort();
    held.commit().await.expect("the held write");
    let mut kept = 0;
    for (id, post) in posts.into_iter().skip(1) {
        post.await.expect("the post's task").expect("a queued post");
        kept += usize::from(o.store.activity(id).await.expect("reading").is_some());
    }
    assert_eq!(kept, QUEUED - 1, "every acknowledged post is kept");
    // The post whose caller left may or may not have been written, but never half.
    let _ = o.store.activity(first_id).await.expect("reading");
    let mut outcome = faults::Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&o.store, &mut outcome, 3).await;
    faults::every_acknowledged_write_is_there(&o.store, &outcome).await;
}
