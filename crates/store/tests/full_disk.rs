//! A full disk, made deterministic with SQLite's page limit: while it lasts every write
//! is refused with `StoreError::Full` and reads go on; once there is room again writes
//! succeed without a restart; and every acknowledged write is there, before and after
//! the database is opened anew.

use kontor_core::{StoreError, StoreHandle};
use kontor_store::testing::sqlite::TempDir;
use kontor_store::{Durability, SqlStore};
use kontor_store_tests::faults::{self, Outcome};
use std::sync::Arc;

#[tokio::test]
async fn a_full_disk_refuses_writes_and_loses_none() {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("kontor.db").display());
    let sqlite = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("opening the store"));
    let store: StoreHandle = sqlite.clone();
    let author = faults::fault_author(&store).await;
    let mut outcome = Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&store, &mut outcome, 5).await;

    // Room for a few more posts, then the disk is "full".
    let pages = sqlite.page_count().await.expect("page count");
    sqlite.limit_pages(Some(pages + 4)).await.expect("limiting the file");
    faults::write_through(&store, &mut outcome, 60, |e| matches!(e, StoreError::Full), true).await;
    // Writes that queue together are committed together: a full disk refuses them too.
    faults::write_together(&store, &mut outcome, 40, |e| matches!(e, StoreError::Full), true).await;
    assert!(store.activity(outcome.acknowledged[0]).await.expect("reads go on while the disk is full").is_some());

    sqlite.limit_pages(None).await.expect("lifting the limit");
    faults::write_healthy(&store, &mut outcome, 20).await;
    faults::write_together(&store, &mut outcome, 40, |e| panic!("a write on a healthy database failed: {e:?}"), false)
        .await;
    faults::every_acknowledged_write_is_there(&store, &outcome).await;

    drop((store, sqlite));
    let reopened: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("reopening"));
    faults::every_acknowledged_write_is_there(&reopened, &outcome).await;
}

/// A tmpfs of its own, unmounted when dropped.
struct SmallDisk(TempDir);

impl SmallDisk {
    fn mount(bytes: u64) -> Option<Self> {
        let dir = TempDir::new();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => Some(Self(dir)),
            _ => {
                eprintln!(
                    "SKIPPED: this machine does not let the test mount a tmpfs (needs root); the page-limit test covers the same"
                );
                None
            }
        }
    }

    /// Fills what is left of the disk with one file, and returns its path.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let path = self.0.path().join("ballast");
        let mut file = std::fs::File::create(&path).expect("creating the ballast");
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        // Whatever fit of the last block: byte by byte, so not even a page is left.
        while file.write_all(&[0]).is_ok() {}
        let _ = file.sync_all();
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("--lazy").arg(self.0.path()).status();
    }
}

#[tokio::test]
async fn a_real_full_disk_refuses_writes_and_loses_none() {
    let Some(disk) = SmallDisk::mount(8 << 20) else { return };
    let url = format!("sqlite://{}", disk.0.path().join("kontor.db").display());
    let store: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("opening the store"));
    let author = faults::fault_author(&store).await;
    let mut outcome = Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&store, &mut outcome, 5).await;

    let ballast = disk.fill();
    faults::write_through(&store, &mut outcome, 60, |e| matches!(e, StoreError::Full), true).await;
    faults::write_together(&store, &mut outcome, 40, |e| matches!(e, StoreError::Full), true).await;
    assert!(store.activity(outcome.acknowledged[0]).await.expect("reads go on while the disk is full").is_some());

    std::fs::remove_file(ballast).expect("freeing the disk");
    faults::write_healthy(&store, &mut outcome, 20).await;
    faults::write_together(&store, &mut outcome, 40, |e| panic!("a write on a healthy database failed: {e:?}"), false)
        .await;
    faults::every_acknowledged_write_is_there(&store, &outcome).await;

    drop(store);
    let reopened: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("reopening"));
    faults::every_acknowledged_write_is_there(&reopened, &outcome).await;
}

/// Makes every commit that adds a post fail while leaving SQLite's transaction open (a
/// deferred foreign key, checked at commit, as a disk that fills at commit does).
async fn break_commits(url: &str, broken: bool) {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(url).await.expect("a second connection");
    let ddl = if broken {
        "create table fault_gate (post integer references fault_nowhere (id) deferrable initially deferred); \
         create table fault_nowhere (id integer primary key); \
         create trigger fault_on_post after insert on activities begin insert into fault_gate values (new.key); end"
    } else {
        "drop trigger fault_on_post; drop table fault_gate; drop table fault_nowhere"
    };
    sqlx::raw_sql(ddl).execute(&mut conn).await.expect("changing the schema");
}

#[tokio::test]
async fn a_failing_commit_is_refused_and_later_writes_are_kept() {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.path().join("kontor.db").display());
    let store: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("opening the store"));
    let author = faults::fault_author(&store).await;
    let mut outcome = Outcome { author, acknowledged: Vec::new(), refused: Vec::new() };
    faults::write_healthy(&store, &mut outcome, 5).await;

    break_commits(&url, true).await;
    faults::write_through(&store, &mut outcome, 10, |e| matches!(e, StoreError::Conflict(_)), true).await;
    faults::write_together(&store, &mut outcome, 20, |e| matches!(e, StoreError::Conflict(_)), true).await;
    break_commits(&url, false).await;
    faults::write_healthy(&store, &mut outcome, 20).await;
    faults::write_together(&store, &mut outcome, 40, |e| panic!("a write on a healthy database failed: {e:?}"), false)
        .await;
    faults::every_acknowledged_write_is_there(&store, &outcome).await;

    drop(store);
    let reopened: StoreHandle = Arc::new(SqlStore::open(&url, Durability::Full).await.expect("reopening"));
    faults::every_acknowledged_write_is_there(&reopened, &outcome).await;
}

#[tokio::test]
async fn a_read_only_database_is_refused_at_start_with_the_reason() {
    let dir = TempDir::new();
    let path = dir.path().join("kontor.db");
    let url = format!("sqlite://{}", path.display());
    SqlStore::open(&url, Durability::Full).await.expect("creating the database").close().await;
    // As a read-only file is opened (the tests run as root, who may write any file).
    let error = SqlStore::open(&format!("{url}?mode=ro"), Durability::Full).await.err().expect("refused");
    let message = error.to_string();
    assert!(message.contains("is read-only") && message.contains("permissions"), "{message}");
}
