use crate::{new_account, settled, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{AccountState, DisplayName};
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::profiles::Profile;
use time::Duration;

pub async fn every_write_appends_to_the_log(store: StoreHandle) {
    let start = store.log_head().await.unwrap();
    let (account, created) =
        store.create_account(&new_account("c@example.org", AccountState::Active), None, &[]).await.unwrap();
    let name = DisplayName::parse("Alice Changed").unwrap();
    let updated = store.update_profile(account.key, &name, &Profile::default(), None, t0()).await.unwrap();
    assert!(created > start && updated > created, "positions grow in commit order");
    settled(&store, updated).await;
    assert_eq!(store.log_head().await.unwrap(), updated);

    let entries = store.changes_since(start, 100).await.unwrap();
    let seen: Vec<(ChangeKind, i64)> = entries.iter().map(|e| (e.kind, e.subject)).collect();
    assert_eq!(seen, vec![(ChangeKind::MemberChanged, account.key.0), (ChangeKind::ProfileChanged, account.key.0)]);
    assert_eq!(entries.last().unwrap().position, updated);
    // Reading on from any position continues exactly after it, a page at a time.
    let first = store.changes_since(start, 1).await.unwrap();
    assert_eq!(first.len(), 1);
    let rest = store.changes_since(first[0].position, 100).await.unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].position, updated);
    assert!(store.changes_since(updated, 100).await.unwrap().is_empty());
    assert_eq!(store.changes_since(LogPosition::START, 100).await.unwrap().len(), entries.len());
}

pub async fn log_prunes_old_entries(store: StoreHandle) {
    let mut last = LogPosition::START;
    for i in 0..3 {
        (_, last) = store
            .create_account(&new_account(&format!("p{i}@example.org"), AccountState::Active), None, &[])
            .await
            .unwrap();
    }
    settled(&store, last).await;
    let head = store.log_head().await.unwrap();
    let pruned = store.prune_log(time::OffsetDateTime::now_utc() + Duration::days(1)).await.unwrap();
    assert!(pruned >= 2, "old entries go (pruned {pruned})");
    assert_eq!(store.log_head().await.unwrap(), head, "the head stays where it was");
    let (_, next) =
        store.create_account(&new_account("after@example.org", AccountState::Active), None, &[]).await.unwrap();
    assert!(next > head, "positions are never reused after pruning");
}
