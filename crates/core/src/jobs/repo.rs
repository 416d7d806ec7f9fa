use super::{Job, NewJob};
use crate::StoreError;
use crate::ids::JobId;
use async_trait::async_trait;
use time::{Duration, OffsetDateTime};

/// The job queue. Enqueuing is part of the write methods of the other repositories.
#[async_trait]
pub trait JobRepo: Send + Sync {
    /// Takes the oldest pending job due at `now`, leasing it for `lease` (so a crashed
    /// worker's job runs again after the lease) and counting the attempt. Two workers,
    /// on any nodes, never hold the same job.
    async fn claim_job(&self, now: OffsetDateTime, lease: Duration) -> Result<Option<Job>, StoreError>;

    /// The job succeeded: it is removed (with its payload).
    async fn complete_job(&self, id: JobId) -> Result<(), StoreError>;

    /// The job failed with `error`: run it again at `retry_at`, or park it if `None`.
    async fn fail_job(&self, id: JobId, error: &str, retry_at: Option<OffsetDateTime>) -> Result<(), StoreError>;

    /// Parked jobs, newest first, for the operator.
    async fn parked_jobs(&self, limit: u32) -> Result<Vec<Job>, StoreError>;

    /// Puts a parked job back in the queue, due at `now`, with its attempts reset.
    async fn retry_parked_job(&self, id: JobId, now: OffsetDateTime) -> Result<(), StoreError>;

    /// Enqueues jobs on their own. A job whose id is already queued is not added again,
    /// so a job with an id derived from what it does is scheduled once.
    async fn enqueue_jobs(&self, jobs: &[NewJob]) -> Result<(), StoreError>;

    /// How many jobs are pending and how many parked.
    async fn job_counts(&self) -> Result<(u64, u64), StoreError>;
}
