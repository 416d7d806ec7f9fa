//! A disk that fills at commit, made deterministic with the process's file-size limit
//! (`RLIMIT_FSIZE`, set with util-linux's `prlimit`): the write-ahead log cannot grow, so
//! the commit fails as on a full disk. Its own test binary, since the limit holds for
//! the whole process.

use kontor_core::{StoreError, StoreHandle};
use kontor_store::testing::sqlite::TempDir;
use kontor_store::{Durability, SqlStore};
use kontor_store_tests::faults::{self, Outcome};
use std::path::Path;
use std::sync::Arc;

/// Sets this process's file-size limit (`None`: unlimited).
fn limit_file_size(bytes: Option<u64>) {
    let limit = bytes.map_or("unlimited".to_string(), |b| b.to_string());
    let status = std::process::Command::new("prlimit")
        .args(["--pid", &std::process::id().to_string(), &format!("--fsize={limit}:")])
        .status()
        .expect("running prlimit (util-linux)");
    assert!(status.success(), "prlimit refused to set the file-size limit");
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[tokio::test]
async fn a_disk_that_fills_at_commit_refuses_writes_and_loses_none() {
    // A write past the limit raises SIGXFSZ, which ends the process unless handled.
    let _xfsz = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(25)).expect("handling SIGXFSZ");
    let dir = TempDir::new();
    let db = dir.path().join("kontor.db");
    let url = format!("sqlite://{}", db.display());
    let store: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("opening the store"));
    let author = faults::fault_author(&store).await;
    let mut outcome = Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&store, &mut outcome, 5).await;

    let wal = dir.path().join("kontor.db-wal");
    limit_file_size(Some(size(&db).max(size(&wal)) + 16 * 1024));
    faults::write_through(&store, &mut outcome, 60, |e| matches!(e, StoreError::Full | StoreError::Other(_)), true)
        .await;
    assert!(store.activity(outcome.acknowledged[0]).await.expect("reads go on while the disk is full").is_some());
    limit_file_size(None);

    faults::write_healthy(&store, &mut outcome, 20).await;
    faults::every_acknowledged_write_is_there(&store, &outcome).await;
    drop(store);
    let reopened: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("reopening"));
    faults::every_acknowledged_write_is_there(&reopened, &outcome).await;
}
