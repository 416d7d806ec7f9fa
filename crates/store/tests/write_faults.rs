//! Writes through a failing PostgreSQL: a commit the server refuses (a deferred
//! constraint trigger, checked at commit as a full disk would be) and the connection
//! killed in the middle of a transaction (`pg_terminate_backend`). Neither write is
//! acknowledged, the pool recovers on its own, and every acknowledged write is there,
//! also after the store is opened anew.

use kontor_core::{StoreError, StoreHandle};
use kontor_store::testing::postgres::TestDatabase;
use kontor_store::{Durability, SqlStore};
use kontor_store_tests::faults::{self, Outcome};
use std::sync::Arc;
use std::time::Duration;

async fn run(db: &TestDatabase, sql: &str) {
    kontor_store::testing::postgres::run_sql(&db.url, sql).await;
}

async fn started(db: &TestDatabase) -> (StoreHandle, Outcome) {
    let store: StoreHandle = Arc::new(SqlStore::open(&db.url, Durability::Full).await.expect("opening the store"));
    let author = faults::fault_author(&store).await;
    let mut outcome = Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&store, &mut outcome, 5).await;
    (store, outcome)
}

async fn healthy_again(db: &TestDatabase, store: StoreHandle, mut outcome: Outcome) {
    faults::write_healthy(&store, &mut outcome, 20).await;
    faults::every_acknowledged_write_is_there(&store, &outcome).await;
    drop(store);
    let reopened: StoreHandle = Arc::new(SqlStore::open(&db.url, Durability::Full).await.expect("reopening"));
    faults::every_acknowledged_write_is_there(&reopened, &outcome).await;
}

#[tokio::test]
async fn a_failing_commit_is_refused_and_later_writes_are_kept() {
    let Some(db) = TestDatabase::create().await else { return };
    let (store, mut outcome) = started(&db).await;
    kontor_store::testing::postgres::fill_disk(&db.url, true).await;
    faults::write_through(&store, &mut outcome, 10, |e| matches!(e, StoreError::Full), true).await;
    kontor_store::testing::postgres::fill_disk(&db.url, false).await;
    healthy_again(&db, store, outcome).await;
}

#[tokio::test]
async fn a_connection_killed_mid_transaction_loses_no_acknowledged_write() {
    let Some(db) = TestDatabase::create().await else { return };
    let (store, mut outcome) = started(&db).await;
    run(
        &db,
        "create function fault_slow() returns trigger language plpgsql as \
           $$ begin perform pg_sleep(0.2); return new; end $$; \
         create trigger fault_slow before insert on activities for each row execute function fault_slow()",
    )
    .await;
    // Ends every backend that sleeps inside the trigger, that is, inside a write.
    let url = db.url.clone();
    let killer = tokio::spawn(async move {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&url).await.expect("the killer's connection");
        let mut killed = 0u64;
        loop {
            let n: i64 = sqlx::query_scalar(
                "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity \
                 where datname = current_database() and wait_event = 'PgSleep' and pid <> pg_backend_pid()) k",
            )
            .fetch_one(&mut conn)
            .await
            .expect("terminating backends");
            killed += n as u64;
            tokio::time::sleep(Duration::from_millis(20)).await;
            if killed >= 5 {
                return killed;
            }
        }
    });
    faults::write_through(&store, &mut outcome, 5, |e| matches!(e, StoreError::Other(_)), true).await;
    let killed = killer.await.expect("the killer");
    assert!(killed >= 5, "only {killed} writes were killed");
    run(&db, "drop trigger fault_slow on activities; drop function fault_slow()").await;
    healthy_again(&db, store, outcome).await;
}

#[tokio::test]
async fn an_unreachable_server_is_named_at_start() {
    let error = SqlStore::open("postgres://postgres@127.0.0.1:1/kontor", Durability::Full)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("cannot connect to PostgreSQL at 127.0.0.1:1") && error.contains("server runs"), "{error}");
}
