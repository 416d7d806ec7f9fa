//! `kontor backup` and `kontor restore`.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy while Kontor keeps serving; restoring
//! replaces the database of a stopped Kontor (the data directory's lock file tells). The
//! replaced database is kept beside it. PostgreSQL: `pg_dump` / `pg_restore`, the
//! operator's usual tools, which read one consistent snapshot.

use crate::config::Settings;
use crate::node::open_store;
use anyhow::{Context, bail};
use kontor_store::sql::Dialect;
use kontor_store::{Durability, SqlStore};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Held by a serving Kontor for as long as it runs.
pub fn lock_data_dir(data_dir: &Path) -> anyhow::Result<File> {
    let path = data_dir.join("kontor.lock");
    let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    if file.try_lock().is_err() {
        bail!("another Kontor is running on {}; stop it first", data_dir.display());
    }
    Ok(file)
}

pub async fn backup(settings: &Settings, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        bail!("{} exists already; choose a new file name", target.display());
    }
    let store = open_store(settings).await?;
    match store.dialect() {
        Dialect::Sqlite => {
            store.backup_to(target).await.with_context(|| format!("writing {}", target.display()))?;
        }
        Dialect::Postgres => {
            let status = Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(target)
                .arg(&settings.database_url)
                .status()
                .context("running pg_dump (install PostgreSQL's client tools)")?;
            if !status.success() {
                bail!("pg_dump failed ({status})");
            }
        }
    }
    Ok(())
}

pub async fn restore(settings: &Settings, source: &Path) -> anyhow::Result<()> {
    let url = settings.database_url.as_str();
    if url.starts_with("postgres") {
        let status = Command::new("pg_restore")
            .args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname"])
            .arg(url)
            .arg(source)
            .status()
            .context("running pg_restore (install PostgreSQL's client tools)")?;
        if !status.success() {
            bail!("pg_restore failed ({status})");
        }
        return Ok(());
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    let _lock = lock_data_dir(&settings.data_dir)?;
    let db = kontor_store::sqlite::path_of(url).to_path_buf();
    // The backup is only read: it is copied beside the database, and the copy is checked
    // (it must open as a Kontor database, and is brought up to this version's schema)
    // before it takes the database's place. Opening the backup itself would switch it to
    // WAL mode, and fail on read-only storage.
    let incoming = PathBuf::from(format!("{}.restoring", db.display()));
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(source, &incoming)
        .with_context(|| format!("copying {} to {}", source.display(), incoming.display()))?;
    let check = match SqlStore::open(&format!("sqlite://{}", incoming.display()), Durability::Full).await {
        Ok(store) => store,
        Err(e) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(e).with_context(|| format!("{} is not a Kontor backup", source.display()));
        }
    };
    check.close().await;
    if db.exists() {
        let kept = PathBuf::from(format!(
            "{}.before-restore-{}",
            db.display(),
            time::OffsetDateTime::now_utc().unix_timestamp()
        ));
        std::fs::rename(&db, &kept).with_context(|| format!("moving {} aside", db.display()))?;
        println!("The database it replaces is kept as {}", kept.display());
    }
    // The old database's log goes; the checked copy's (if closing left one) comes with it.
    for file in
        [format!("{}-wal", db.display()), format!("{}-shm", db.display()), format!("{}-shm", incoming.display())]
    {
        let _ = std::fs::remove_file(file);
    }
    let _ = std::fs::rename(format!("{}-wal", incoming.display()), format!("{}-wal", db.display()));
    std::fs::rename(&incoming, &db).with_context(|| format!("moving {} to {}", incoming.display(), db.display()))?;
    Ok(())
}
