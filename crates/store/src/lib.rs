//! Kontor's store: every query written once, run on SQLite (embedded, one writer and a
//! pool of readers, in WAL mode) or on PostgreSQL (any number of nodes sharing one
//! database). Every write is one transaction with its change-log entries and jobs. What
//! differs between the two databases lives in [`sql`] (values and words) and in
//! [`sqlite`] and [`postgres`] (opening, the change log's commit order, notifications).
#![forbid(unsafe_code)]

/// Members shown to others: active and not closing (a macro, so queries stay static).
macro_rules! open {
    ($m:literal) => {
        concat!($m, ".state = 'active' and ", $m, ".deletion_requested_at is null")
    };
}

pub mod postgres;
pub mod sql;
pub mod sqlite;
pub mod testing;

mod accounts;
mod admin;
mod changelog;
mod contacts;
mod directory;
mod entities;
mod imports;
mod jobs;
mod legal;
mod notifications;
mod photos;
mod profiles;
mod ratelimit;
mod search;
mod sessions;
mod site;
mod ticker;

use async_trait::async_trait;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::jobs::NewJob;
use kontor_core::{Store, StoreError};
use sql::{Db, Dialect, Pools, Tx, q};
use time::OffsetDateTime;

pub use sqlite::Durability;

pub struct SqlStore {
    pub(crate) db: Db,
}

impl SqlStore {
    /// Opens the database at `url`: PostgreSQL for `postgres://…` (or `postgresql://…`),
    /// else an SQLite file (`sqlite://path` or a plain path), created if needed; brings
    /// its schema up to date.
    pub async fn open(url: &str, durability: Durability) -> Result<Self, StoreError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            postgres::open(url).await?
        } else {
            sqlite::open(url, durability).await?
        };
        Ok(Self { db })
    }

    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// Closes every connection (on SQLite the last one folds the write-ahead log into the
    /// file).
    pub async fn close(&self) {
        self.db.close().await;
    }

    /// A read transaction for an index to build from, with one snapshot for every
    /// statement in it, and the log position to tail from afterwards.
    pub(crate) async fn snapshot(&self) -> Result<(Tx, LogPosition), StoreError> {
        match &self.db.pools {
            Pools::Sqlite { .. } => sqlite::snapshot(&self.db).await,
            Pools::Postgres(_) => postgres::snapshot(&self.db).await,
        }
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> &'static str {
        match self.dialect() {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }

    async fn ping(&self) -> Result<(), StoreError> {
        q("select 1").execute(self.db.read()).await?;
        Ok(())
    }

    fn statements_run(&self) -> u64 {
        sql::statements_run()
    }
}

/// Appends a change-log entry inside the write's transaction; returns its position.
pub(crate) async fn log(
    tx: &mut Tx,
    kind: ChangeKind,
    subject: i64,
    at: OffsetDateTime,
) -> Result<LogPosition, StoreError> {
    match tx.dialect() {
        Dialect::Sqlite => {
            let seq = q("insert into changelog (kind, subject, at) values ($1, $2, $3) returning seq")
                .bind(kind.as_str())
                .bind(subject)
                .bind(at)
                .scalar(&mut *tx)
                .await?;
            let position = LogPosition { tx: 0, seq };
            tx.logged(position);
            Ok(position)
        }
        Dialect::Postgres => postgres::log(tx, kind, subject, at).await,
    }
}

/// Logs that a member row changed (state, role, name, e-mail) inside the write's
/// transaction, and that the lists and counts of everyone related to them may have: who
/// is open counts in others' pending requests and unread notifications, so those members'
/// own state is named too (`RelationsChanged`), rather than everyone's.
pub(crate) async fn log_member(tx: &mut Tx, key: i64, at: OffsetDateTime) -> Result<LogPosition, StoreError> {
    let related: Vec<i64> = q("select recipient from contact_requests where sender = $1 \
         union select sender from contact_requests where recipient = $1 \
         union select recipient from notifications where actor = $1 and read_at is null \
         union select blocked from blocks where blocker = $1 \
         union select blocker from blocks where blocked = $1 \
         union select member from ticker_mutes where muted = $1 \
         union select member from dismissed_suggestions where other = $1")
    .bind(key)
    .scalars(&mut *tx)
    .await?;
    for member in related {
        log(tx, ChangeKind::RelationsChanged, member, at).await?;
    }
    log(tx, ChangeKind::MemberChanged, key, at).await
}

/// Enqueues jobs inside the write's transaction.
pub(crate) async fn enqueue(tx: &mut Tx, jobs: &[NewJob], member_fallback: Option<i64>) -> Result<(), StoreError> {
    for job in jobs {
        q("insert into jobs (id, kind, member, payload, state, run_at, created_at) \
           values ($1, $2, $3, $4, 'pending', $5, $5) on conflict (id) do nothing")
        .bind(job.id.as_uuid())
        .bind(job.kind.as_str())
        .bind(job.member.map(|m| m.0).or(member_fallback))
        .bind(&job.payload)
        .bind(job.run_at)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
