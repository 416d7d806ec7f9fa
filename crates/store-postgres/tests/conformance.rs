//! The conformance suite on PostgreSQL, one fresh database per test.

use kontor_core::StoreHandle;
use kontor_store_postgres::PgStore;
use kontor_store_postgres::testing::TestDatabase;
use std::sync::Arc;

async fn fresh() -> Option<(StoreHandle, TestDatabase)> {
    let db = TestDatabase::create().await?;
    let store = PgStore::open(&db.url).await.expect("opening a fresh PostgreSQL store");
    Some((Arc::new(store), db))
}

kontor_store_tests::conformance!(fresh());
