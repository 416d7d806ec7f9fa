//! Writes through a failing database: each store breaks its writes its own way (a full
//! disk, a commit that fails, a connection killed mid-transaction) and these cases check
//! the one promise that matters: a write is acknowledged only when it is committed, and
//! the store writes again once the fault is gone, without a restart.

use crate::{new_account, t0};
use kontor_core::accounts::AccountState;
use kontor_core::ids::{ActivityId, MemberKey};
use kontor_core::notifications::Effects;
use kontor_core::ticker::{ActivityKind, Audience, NewActivity};
use kontor_core::{StoreError, StoreHandle};

/// What a fault run wrote: the posts the store acknowledged and those it refused.
pub struct Outcome {
    pub author: MemberKey,
    pub acknowledged: Vec<ActivityId>,
    pub refused: Vec<ActivityId>,
}

impl Outcome {
    /// A write under the fault: acknowledged, or refused with the `expected` error.
    fn record(&mut self, id: ActivityId, result: Result<(), StoreError>, expected: fn(&StoreError) -> bool) {
        match result {
            Ok(()) => self.acknowledged.push(id),
            Err(e) => {
                assert!(expected(&e), "a write under the fault failed with an unexpected error: {e:?}");
                self.refused.push(id);
            }
        }
    }
}

/// The run's next post, of about 4 KB, so that a few fill a page of the database.
async fn write_post(store: &StoreHandle, outcome: &Outcome) -> (ActivityId, Result<(), StoreError>) {
    write_numbered(store, outcome.author, outcome.acknowledged.len() + outcome.refused.len()).await
}

/// The run's `n`th post.
async fn write_numbered(store: &StoreHandle, author: MemberKey, n: usize) -> (ActivityId, Result<(), StoreError>) {
    let mut post = NewActivity::new(author, ActivityKind::Post, Audience::Contacts, t0());
    post.body = format!("Beitrag {n}: {}", "Kontor ".repeat(580));
    let result = store.add_activity(&post, &[], &Effects::none()).await.map(|_| ());
    (post.id, result)
}

/// The account all fault runs write as.
pub async fn fault_author(store: &StoreHandle) -> MemberKey {
    store.create_account(&new_account("writer@example.org", AccountState::Active), None, &[]).await.unwrap().0.key
}

/// Writes `count` posts while the fault lasts. Every refusal must be `expected` (the error
/// a person is shown); the run must meet at least one refusal when `must_refuse`.
pub async fn write_through(
    store: &StoreHandle,
    outcome: &mut Outcome,
    count: usize,
    expected: fn(&StoreError) -> bool,
    must_refuse: bool,
) {
    let before = outcome.refused.len();
    for _ in 0..count {
        let (id, result) = write_post(store, outcome).await;
        outcome.record(id, result, expected);
    }
    assert!(!must_refuse || outcome.refused.len() > before, "the fault refused no write: it did not take");
}

/// Writes `count` posts at once while the fault lasts, so that writes queue for the
/// database together (and SQLite commits them in groups); otherwise as [`write_through`].
pub async fn write_together(
    store: &StoreHandle,
    outcome: &mut Outcome,
    count: usize,
    expected: fn(&StoreError) -> bool,
    must_refuse: bool,
) {
    let first = outcome.acknowledged.len() + outcome.refused.len();
    let writes = (first..first + count).map(|n| {
        let store = store.clone();
        let author = outcome.author;
        tokio::spawn(async move { write_numbered(&store, author, n).await })
    });
    let before = outcome.refused.len();
    for write in writes.collect::<Vec<_>>() {
        let (id, result) = write.await.expect("a write's task");
        outcome.record(id, result, expected);
    }
    assert!(!must_refuse || outcome.refused.len() > before, "the fault refused no write: it did not take");
}

/// Writes that must all succeed (before the fault, or after it is gone).
pub async fn write_healthy(store: &StoreHandle, outcome: &mut Outcome, count: usize) {
    for _ in 0..count {
        let (id, result) = write_post(store, outcome).await;
        if let Err(e) = result {
            panic!("a write on a healthy database failed: {e:?}");
        }
        outcome.acknowledged.push(id);
    }
}

/// Every acknowledged post is there and readable, and no refused one is.
pub async fn every_acknowledged_write_is_there(store: &StoreHandle, outcome: &Outcome) {
    let mut missing = 0;
    for id in &outcome.acknowledged {
        if store.activity(*id).await.expect("reading a post").is_none() {
            missing += 1;
        }
    }
    assert_eq!(missing, 0, "{missing} of {} acknowledged posts are missing", outcome.acknowledged.len());
    for id in &outcome.refused {
        assert!(store.activity(*id).await.expect("reading a post").is_none(), "a refused post was stored");
    }
}
