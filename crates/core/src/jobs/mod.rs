//! Background jobs: e-mails now, digests later.
//!
//! A job is enqueued in the transaction of the write that causes it, so a committed write
//! always gets its job and a rolled-back one never does. The worker claims due jobs, runs
//! them, retries failures with exponential backoff, and parks a job that keeps failing
//! where the operator can see it.

mod model;
mod repo;

pub use model::{Job, JobKind, JobState, NewJob, RetryPolicy};
pub use repo::JobRepo;
