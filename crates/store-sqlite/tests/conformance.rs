//! The conformance suite on SQLite.

use kontor_core::StoreHandle;
use kontor_store_sqlite::testing::TempDir;
use kontor_store_sqlite::{Durability, SqliteStore};
use std::sync::Arc;

async fn fresh() -> Option<(StoreHandle, TempDir)> {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("kontor.db").display());
    let store = SqliteStore::open(&url, Durability::Normal).await.expect("opening a fresh SQLite store");
    Some((Arc::new(store), dir))
}

kontor_store_tests::conformance!(fresh());
