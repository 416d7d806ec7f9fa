//! Runs due jobs: in the background on every node, or step by step from a test.

use super::Kontor;
use crate::jobs::{Job, JobKind, RetryPolicy};
use crate::mail::MailJob;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// A job's payload as its kind writes it.
fn payload<T: serde::de::DeserializeOwned>(job: &Job) -> Result<T, String> {
    serde_json::from_value(job.payload.clone()).map_err(|e| format!("unreadable {} job: {e}", job.kind.as_str()))
}

pub struct JobRunner {
    kontor: Kontor,
    retry: RetryPolicy,
}

/// How long a claimed job stays with its worker before another may take it over.
const LEASE: time::Duration = time::Duration::minutes(5);

impl JobRunner {
    pub fn new(kontor: Kontor, retry: RetryPolicy) -> Arc<Self> {
        Arc::new(Self { kontor, retry })
    }

    /// Runs one due job, if there is one; says whether there was.
    pub async fn run_one(&self) -> crate::Result<bool> {
        let store = self.kontor.store();
        let Some(job) = store.claim_job(self.kontor.now(), LEASE).await? else {
            return Ok(false);
        };
        match self.execute(&job).await {
            Ok(()) => store.complete_job(job.id).await?,
            Err(error) => {
                let retry_at = self.retry.next_try(job.attempts, self.kontor.now());
                if retry_at.is_none() {
                    tracing::error!(job = %job.id, kind = job.kind.as_str(), %error, "job parked after repeated failures");
                } else {
                    tracing::warn!(job = %job.id, kind = job.kind.as_str(), %error, "job failed, will retry");
                }
                store.fail_job(job.id, &error, retry_at).await?;
            }
        }
        Ok(true)
    }

    /// Runs jobs until none is due; returns how many ran.
    pub async fn run_due(&self) -> crate::Result<usize> {
        let mut ran = 0;
        while self.run_one().await? {
            ran += 1;
        }
        Ok(ran)
    }

    async fn execute(&self, job: &Job) -> Result<(), String> {
        let k = &self.kontor;
        match job.kind {
            JobKind::SendMail => {
                let mail: MailJob = payload(job)?;
                let site = k.site_settings().await.map_err(|e| e.to_string())?;
                let legal = k.legal().mail_links(mail.lang).await.map_err(|e| e.to_string())?;
                k.mailer().send(&mail, &site.name, &legal).await
            }
            JobKind::NotificationMail => k.notifications().mail_one(payload(job)?).await.map_err(|e| e.to_string()),
            JobKind::DigestMail => k.notifications().mail_digest(payload(job)?).await.map_err(|e| e.to_string()),
            JobKind::Daily => k.notifications().run_daily().await.map_err(|e| e.to_string()),
            JobKind::SearchAlerts => k.search().alert_round().await.map(drop).map_err(|e| e.to_string()),
        }
    }

    /// Works the queue until `shutdown` fires: when woken, and at least every `poll`.
    pub async fn run(self: Arc<Self>, poll: Duration, mut shutdown: watch::Receiver<bool>) {
        loop {
            if let Err(e) = self.run_due().await {
                tracing::warn!(error = %e, "job queue unavailable");
            }
            tokio::select! {
                _ = self.kontor.wakeups().jobs.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}
