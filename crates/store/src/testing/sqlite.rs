//! Fresh SQLite databases for tests, each in its own directory that goes with the test.

use std::path::{Path, PathBuf};

/// A directory under the system's temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("kontor-test-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Default for TempDir {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What SQLite's `PRAGMA integrity_check` says of the database file at `path` ("ok" for a
/// sound one), read through a connection of its own while nothing else writes.
pub async fn integrity_check(path: &Path) -> Result<String, String> {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    let mut connection = options.connect().await.map_err(|e| format!("opening {}: {e}", path.display()))?;
    let rows: Vec<String> =
        sqlx::query_scalar("pragma integrity_check").fetch_all(&mut connection).await.map_err(|e| e.to_string())?;
    Ok(rows.join("; "))
}

/// The ids of every activity (post, comment, share, …) in the database at `path`, as
/// 32 lowercase hex digits: one query, for a crash loop that checks every acknowledged
/// write after every kill.
pub async fn activity_ids(path: &Path) -> Result<std::collections::HashSet<String>, String> {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    let mut connection = options.connect().await.map_err(|e| format!("opening {}: {e}", path.display()))?;
    let ids: Vec<String> = sqlx::query_scalar("select lower(hex(id)) from activities")
        .fetch_all(&mut connection)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ids.into_iter().collect())
}

/// Every row of every table of Kontor's in the database at `path`, each written as SQLite
/// quotes its values (`1|'Anna'|NULL`), the rows of a table sorted: two databases with
/// the same rows give the same map.
pub async fn rows(path: &Path) -> Result<std::collections::BTreeMap<String, Vec<String>>, String> {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    let mut connection = options.connect().await.map_err(|e| format!("opening {}: {e}", path.display()))?;
    let tables: Vec<String> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' \
         and name != '_sqlx_migrations' order by name",
    )
    .fetch_all(&mut connection)
    .await
    .map_err(|e| e.to_string())?;
    let mut all = std::collections::BTreeMap::new();
    for table in tables {
        // Table and column names come from the database's own catalogue, not from input.
        let columns: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select name from pragma_table_info('{table}')")))
                .fetch_all(&mut connection)
                .await
                .map_err(|e| e.to_string())?;
        let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        let mut found: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select {row} from \"{table}\"")))
            .fetch_all(&mut connection)
            .await
            .map_err(|e| e.to_string())?;
        found.sort();
        all.insert(table, found);
    }
    Ok(all)
}

impl crate::SqlStore {
    /// The database, for statements a test runs itself (a write transaction begun on it
    /// holds SQLite's writer until it is committed or dropped).
    pub fn db_for_tests(&self) -> &crate::sql::Db {
        &self.db
    }

    /// The SQLite writer, to see how many writes wait for it and how they were grouped.
    pub fn sqlite_writer(&self) -> Option<&crate::sql::Writer> {
        match &self.db.pools {
            crate::sql::Pools::Sqlite { writer, .. } => Some(writer),
            crate::sql::Pools::Postgres(_) => None,
        }
    }
}
