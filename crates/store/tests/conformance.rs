//! The conformance suite on SQLite and on PostgreSQL (one fresh database per test).

mod sqlite {
    use kontor_core::StoreHandle;
    use kontor_store::testing::sqlite::TempDir;
    use kontor_store::{Durability, SqlStore};
    use std::sync::Arc;

    async fn fresh() -> Option<(StoreHandle, TempDir)> {
        let dir = TempDir::new();
        let url = format!("sqlite://{}", dir.path().join("kontor.db").display());
        let store = SqlStore::open(&url, Durability::Normal).await.expect("opening a fresh SQLite store");
        Some((Arc::new(store), dir))
    }

    kontor_store_tests::conformance!(fresh());
}

mod postgres {
    use kontor_core::StoreHandle;
    use kontor_store::testing::postgres::TestDatabase;
    use kontor_store::{Durability, SqlStore};
    use std::sync::Arc;

    async fn fresh() -> Option<(StoreHandle, TestDatabase)> {
        let db = TestDatabase::create().await?;
        let store = SqlStore::open(&db.url, Durability::Normal).await.expect("opening a fresh PostgreSQL store");
        Some((Arc::new(store), db))
    }

    kontor_store_tests::conformance!(fresh());
}
