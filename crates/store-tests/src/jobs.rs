use crate::{new_account, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{AccountState, NewToken, TokenPurpose};
use kontor_core::jobs::{JobKind, JobState, NewJob};
use kontor_core::secrets::RawToken;
use time::Duration;

fn mail_job(n: i64) -> NewJob {
    NewJob::now(JobKind::SendMail, None, serde_json::json!({ "n": n }), t0())
}

pub async fn jobs_run_once_and_retry(store: StoreHandle) {
    let job = mail_job(1);
    store
        .create_account(&new_account("j@example.org", AccountState::Active), None, std::slice::from_ref(&job))
        .await
        .unwrap();
    assert_eq!(store.job_counts().await.unwrap(), (1, 0));
    assert!(store.claim_job(t0() - Duration::seconds(1), Duration::minutes(5)).await.unwrap().is_none(), "not due yet");

    let claimed = store.claim_job(t0(), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!((claimed.id, claimed.attempts, claimed.kind), (job.id, 1, JobKind::SendMail));
    assert_eq!(claimed.payload, serde_json::json!({ "n": 1 }));
    assert!(
        store.claim_job(t0(), Duration::minutes(5)).await.unwrap().is_none(),
        "a leased job is not handed out twice"
    );

    store.fail_job(claimed.id, "connection refused", Some(t0() + Duration::minutes(1))).await.unwrap();
    assert!(store.claim_job(t0() + Duration::seconds(30), Duration::minutes(5)).await.unwrap().is_none());
    let again = store.claim_job(t0() + Duration::minutes(1), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!(again.attempts, 2);
    assert_eq!(again.last_error.as_deref(), Some("connection refused"));
    store.complete_job(again.id).await.unwrap();
    assert_eq!(store.job_counts().await.unwrap(), (0, 0));

    // A worker that dies leaves its job leased; after the lease another worker takes it.
    store.create_account(&new_account("k@example.org", AccountState::Active), None, &[mail_job(2)]).await.unwrap();
    let lost = store.claim_job(t0(), Duration::minutes(5)).await.unwrap().unwrap();
    let taken_over = store.claim_job(t0() + Duration::minutes(6), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!(lost.id, taken_over.id);
}

pub async fn jobs_park_and_come_back(store: StoreHandle) {
    store.create_account(&new_account("q@example.org", AccountState::Active), None, &[mail_job(3)]).await.unwrap();
    let job = store.claim_job(t0(), Duration::minutes(5)).await.unwrap().unwrap();
    store.fail_job(job.id, "mailbox unavailable", None).await.unwrap();
    assert_eq!(store.job_counts().await.unwrap(), (0, 1));
    assert!(
        store.claim_job(t0() + Duration::days(1), Duration::minutes(5)).await.unwrap().is_none(),
        "parked jobs wait"
    );
    let parked = store.parked_jobs(10).await.unwrap();
    assert_eq!(parked.len(), 1);
    assert_eq!((parked[0].state, parked[0].last_error.as_deref()), (JobState::Parked, Some("mailbox unavailable")));
    store.retry_parked_job(job.id, t0()).await.unwrap();
    let back = store.claim_job(t0(), Duration::minutes(5)).await.unwrap().unwrap();
    assert_eq!((back.id, back.attempts), (job.id, 1));
    assert!(store.retry_parked_job(job.id, t0()).await.is_err(), "only parked jobs can be retried");
}

pub async fn jobs_of_a_member_go_with_them(store: StoreHandle) {
    let hash = RawToken::generate().hash();
    let token = NewToken {
        hash: &hash,
        purpose: TokenPurpose::VerifyEmail,
        expires_at: t0() + Duration::hours(48),
        value: None,
        binding: None,
    };
    store
        .create_account(&new_account("gone@example.org", AccountState::Unverified), Some(token), &[mail_job(4)])
        .await
        .unwrap();
    assert_eq!(store.job_counts().await.unwrap(), (1, 0));
    store.purge_unverified(t0() + Duration::days(3), t0() + Duration::days(3)).await.unwrap();
    assert_eq!(store.job_counts().await.unwrap(), (0, 0), "a purged member's mail is not sent");
}
