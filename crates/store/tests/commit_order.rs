//! The change log on PostgreSQL is read in commit order: entries of transactions that
//! commit out of id order are all seen, none skipped.

use kontor_core::changelog::{ChangeLogRepo, LogPosition};
use kontor_store::testing::postgres::TestDatabase;
use kontor_store::{Durability, SqlStore};
use sqlx::{Acquire, PgConnection};

async fn append(conn: &mut PgConnection, subject: i64) -> i64 {
    sqlx::query_scalar("insert into changelog (kind, subject, at) values ('member_changed', $1, now()) returning seq")
        .bind(subject)
        .fetch_one(conn)
        .await
        .expect("appending to the log")
}

async fn subjects(store: &SqlStore, after: LogPosition) -> (Vec<i64>, LogPosition) {
    let entries = store.changes_since(after, 100).await.expect("reading the log");
    let last = entries.last().map_or(after, |e| e.position);
    (entries.into_iter().map(|e| e.subject).collect(), last)
}

#[tokio::test]
async fn transactions_committing_out_of_order_are_both_seen() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let store = SqlStore::open(&db.url, Durability::Full).await.expect("opening the store");
    let mut c1 = store.postgres_pool().expect("PostgreSQL").acquire().await.expect("connection 1");
    let mut c2 = store.postgres_pool().expect("PostgreSQL").acquire().await.expect("connection 2");

    // The first transaction takes the lower sequence number, the second the higher one;
    // the second commits first.
    let mut t1 = c1.begin().await.expect("begin 1");
    let mut t2 = c2.begin().await.expect("begin 2");
    let s1 = append(&mut t1, 1).await;
    let s2 = append(&mut t2, 2).await;
    assert!(s1 < s2);
    t2.commit().await.expect("commit 2");

    // A reader tailing by sequence would take entry 2 now and never look back at 1.
    let (seen, at) = subjects(&store, LogPosition::START).await;
    assert!(seen.is_empty(), "nothing is final while the older transaction runs, saw {seen:?}");

    t1.commit().await.expect("commit 1");
    let (seen, _) = wait_for(&store, at, 2).await;
    assert_eq!(seen, vec![1, 2], "both entries, in commit-safe order");
}

#[tokio::test]
async fn a_later_sequence_number_from_an_older_transaction_is_not_skipped() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let store = SqlStore::open(&db.url, Durability::Full).await.expect("opening the store");
    let mut c1 = store.postgres_pool().expect("PostgreSQL").acquire().await.expect("connection 1");
    let mut c2 = store.postgres_pool().expect("PostgreSQL").acquire().await.expect("connection 2");

    // Transaction 1 starts writing first (so it is the older one), but appends to the
    // log after transaction 2: its entry gets the higher sequence number.
    let mut t1 = c1.begin().await.expect("begin 1");
    sqlx::query("select pg_current_xact_id()").execute(&mut *t1).await.expect("xid 1");
    let mut t2 = c2.begin().await.expect("begin 2");
    let s2 = append(&mut t2, 2).await;
    let s1 = append(&mut t1, 1).await;
    assert!(s2 < s1);

    t1.commit().await.expect("commit 1");
    let (seen, at) = wait_for(&store, LogPosition::START, 1).await;
    assert_eq!(seen, vec![1]);
    t2.commit().await.expect("commit 2");
    let (seen, _) = wait_for(&store, at, 1).await;
    assert_eq!(seen, vec![2], "the entry with the lower sequence number still arrives");
}

/// Reads until `count` entries after `after` are final. Other tests' transactions on the
/// same server can hold entries back for a moment.
async fn wait_for(store: &SqlStore, after: LogPosition, count: usize) -> (Vec<i64>, LogPosition) {
    for _ in 0..500 {
        let (seen, at) = subjects(store, after).await;
        if seen.len() >= count {
            return (seen, at);
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("entries did not become final within 5 s");
}
