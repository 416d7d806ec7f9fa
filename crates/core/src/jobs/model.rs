use crate::ids::{JobId, MemberKey};
use crate::names::named_enum;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

named_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum JobKind {
        SendMail = "send_mail",
        /// One notification by e-mail, as it reads when the job runs.
        NotificationMail = "notification_mail",
        /// A member's daily digest of notifications.
        DigestMail = "digest_mail",
        /// Once a day: birthdays, then the digests. Each run schedules the next.
        Daily = "daily",
        /// Every few minutes: saved searches tell their members of new people. Each
        /// run schedules the next.
        SearchAlerts = "search_alerts",
    }
}

impl JobKind {
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting to run (again) at `run_at`.
    Pending,
    /// Failed too often; waits for the operator.
    Parked,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Parked => "parked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "parked" => Some(Self::Parked),
            _ => None,
        }
    }
}

/// A job to enqueue with a write.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub id: JobId,
    pub kind: JobKind,
    /// The member the job is about, so erasing them also drops their jobs.
    pub member: Option<MemberKey>,
    pub payload: serde_json::Value,
    pub run_at: OffsetDateTime,
}

impl NewJob {
    pub fn now(kind: JobKind, member: Option<MemberKey>, payload: serde_json::Value, at: OffsetDateTime) -> Self {
        Self { id: JobId::new(), kind, member, payload, run_at: at }
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Job {
    pub id: JobId,
    pub kind: JobKind,
    #[serde(skip)]
    pub payload: serde_json::Value,
    pub state: JobState,
    /// How many times the job has been started, this run included.
    pub attempts: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// When to try a failed job again.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub first_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_attempts: 8, first_delay: Duration::seconds(30) }
    }
}

impl RetryPolicy {
    /// `None`: park the job. Otherwise the delay doubles with every attempt.
    pub fn next_try(&self, attempts: u32, now: OffsetDateTime) -> Option<OffsetDateTime> {
        (attempts < self.max_attempts).then(|| now + self.first_delay * 2f64.powi(attempts.saturating_sub(1) as i32))
    }
}
