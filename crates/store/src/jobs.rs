use crate::SqlStore;
use crate::sql::{Row, other, q};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::ids::JobId;
use kontor_core::jobs::{Job, JobKind, JobRepo, JobState, NewJob};
use time::{Duration, OffsetDateTime};

fn job(row: &Row) -> Result<Job, StoreError> {
    let kind: String = row.get("kind")?;
    let state: String = row.get("state")?;
    let attempts: i32 = row.get("attempts")?;
    Ok(Job {
        id: JobId::from_uuid(row.get("id")?),
        kind: JobKind::parse(&kind).ok_or_else(|| other(format!("unknown job kind {kind}")))?,
        payload: row.get("payload")?,
        state: JobState::parse(&state).ok_or_else(|| other("unknown job state"))?,
        attempts: u32::try_from(attempts).unwrap_or(0),
        run_at: row.get("run_at")?,
        last_error: row.get("last_error")?,
        created_at: row.get("created_at")?,
    })
}

#[async_trait]
impl JobRepo for SqlStore {
    async fn claim_job(&self, now: OffsetDateTime, lease: Duration) -> Result<Option<Job>, StoreError> {
        // `skip locked`: workers on every node claim at once, each passing over the rows
        // another is taking. A row claimed and committed meanwhile is re-checked against the
        // lease by `for update`, so no two workers hold the same job.
        let row = q("update jobs set attempts = attempts + 1, locked_until = $1 \
             where id = (select id from jobs where state = 'pending' and run_at <= $2 \
                         and (locked_until is null or locked_until <= $2) \
                         order by run_at, id limit 1 for update skip locked) \
             returning id, kind, payload, state, attempts, run_at, last_error, created_at")
        .bind(now + lease)
        .bind(now)
        .fetch_optional(self.db.write())
        .await?;
        row.as_ref().map(job).transpose()
    }

    async fn complete_job(&self, id: JobId) -> Result<(), StoreError> {
        q("delete from jobs where id = $1").bind(id.as_uuid()).execute(self.db.write()).await?;
        Ok(())
    }

    async fn fail_job(&self, id: JobId, error: &str, retry_at: Option<OffsetDateTime>) -> Result<(), StoreError> {
        let (state, run_at) = match retry_at {
            Some(at) => ("pending", Some(at)),
            None => ("parked", None),
        };
        q("update jobs set state = $1, run_at = coalesce($2, run_at), locked_until = null, \
             last_error = $3 where id = $4")
        .bind(state)
        .bind(run_at)
        // PostgreSQL text cannot hold NUL, and an error message may.
        .bind(error.chars().filter(|&c| c != '\0').take(2_000).collect::<String>())
        .bind(id.as_uuid())
        .execute(self.db.write())
        .await?;
        Ok(())
    }

    async fn parked_jobs(&self, limit: u32) -> Result<Vec<Job>, StoreError> {
        let rows = q("select id, kind, payload, state, attempts, run_at, last_error, created_at from jobs \
             where state = 'parked' order by created_at desc limit $1")
        .bind(i64::from(limit))
        .fetch_all(self.db.read())
        .await?;
        rows.iter().map(job).collect()
    }

    async fn retry_parked_job(&self, id: JobId, now: OffsetDateTime) -> Result<(), StoreError> {
        let done = q("update jobs set state = 'pending', attempts = 0, run_at = $1, locked_until = null \
             where id = $2 and state = 'parked'")
        .bind(now)
        .bind(id.as_uuid())
        .execute(self.db.write())
        .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn enqueue_jobs(&self, jobs: &[NewJob]) -> Result<(), StoreError> {
        let mut tx = self.db.begin().await?;
        crate::enqueue(&mut tx, jobs, None).await?;
        tx.commit().await
    }

    async fn job_counts(&self) -> Result<(u64, u64), StoreError> {
        let row = q("select count(*) filter (where state = 'pending') as pending, \
             count(*) filter (where state = 'parked') as parked from jobs")
        .fetch_one(self.db.read())
        .await?;
        let count = |c: &str| row.get::<i64>(c).map(|n| n as u64);
        Ok((count("pending")?, count("parked")?))
    }
}
