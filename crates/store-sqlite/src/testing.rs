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
