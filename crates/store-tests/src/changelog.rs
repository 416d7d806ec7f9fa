use crate::{new_account, settled, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{Account, AccountState, DisplayName, NewSession};
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::contacts::{ContactRequest, HowWeKnow, RequestState};
use kontor_core::ids::{NotificationId, RequestId};
use kontor_core::notifications::{Effects, MailChoice, NewNotification, NotificationKind};
use kontor_core::profiles::Profile;
use kontor_core::secrets::RawToken;
use kontor_core::ticker::{ActivityKind, Audience, NewActivity};
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
    assert_eq!(store.log_pruned_through().await.unwrap(), LogPosition::START, "nothing pruned yet");
    let pruned = store.prune_log(time::OffsetDateTime::now_utc() + Duration::days(1)).await.unwrap();
    assert!(pruned >= 2, "old entries go (pruned {pruned})");
    assert_eq!(store.log_head().await.unwrap(), head, "the head stays where it was");
    let through = store.log_pruned_through().await.unwrap();
    assert!(through > LogPosition::START && through < head, "the newest pruned position is kept: {through}");
    assert!(store.changes_since(LogPosition::START, 100).await.unwrap().iter().all(|e| e.position > through));
    let (_, next) =
        store.create_account(&new_account("after@example.org", AccountState::Active), None, &[]).await.unwrap();
    assert!(next > head, "positions are never reused after pruning");
}

/// Whether the log since the last call names `kind` for each of `members` (on
/// PostgreSQL the head may lie before entries already read: a step is checked for what
/// it must name, not for naming nothing else).
#[derive(Clone, Copy)]
struct Since {
    head: LogPosition,
}

impl Since {
    async fn now(store: &StoreHandle) -> Self {
        let newest = store.log_newest().await.unwrap();
        settled(store, newest).await;
        Self { head: store.log_head().await.unwrap() }
    }

    async fn names(&mut self, store: &StoreHandle, kind: ChangeKind, members: &[&Account], step: &str) {
        let subjects: Vec<i64> = members.iter().map(|m| m.key.0).collect();
        self.names_subjects(store, kind, &subjects, step).await;
    }

    async fn names_subjects(&mut self, store: &StoreHandle, kind: ChangeKind, subjects: &[i64], step: &str) {
        let newest = store.log_newest().await.unwrap();
        settled(store, newest).await;
        let entries = store.changes_since(self.head, 1_000).await.unwrap();
        for &subject in subjects {
            assert!(
                entries.iter().any(|e| e.kind == kind && e.subject == subject),
                "{step}: the log does not name {kind:?} for {subject}"
            );
        }
        *self = Self::now(store).await;
    }
}

/// Every write that changes what a member's pages show of their own (counts, blocks,
/// requests, dismissals, mutes) or who their sessions are names them in the log: other
/// nodes hold those in memory.
pub async fn writes_to_a_members_own_lists_and_sessions_are_logged(store: StoreHandle) {
    let mut members = Vec::new();
    for name in ["a", "b", "c", "d", "e"] {
        let email = format!("{name}@example.org");
        members.push(store.create_account(&new_account(&email, AccountState::Active), None, &[]).await.unwrap().0);
    }
    let [a, b, c, d, e] = &members[..] else { unreachable!() };
    let request = |from: &Account, to: &Account| ContactRequest {
        id: RequestId::new(),
        sender: from.key,
        recipient: to.key,
        message: String::new(),
        how: HowWeKnow::Other,
        state: RequestState::Open,
        created_at: t0(),
    };
    let mut since = Since::now(&store).await;

    let ab = request(a, b);
    store.create_request(&ab, &Effects::none()).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[a, b], "a request").await;
    store.decline_request(ab.id, t0()).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[a, b], "a decline").await;
    let cd = request(c, d);
    store.create_request(&cd, &Effects::none()).await.unwrap();
    since = Since::now(&store).await;
    store.delete_request(cd.id).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[c, d], "a withdrawal").await;
    store.prune_declined_requests(t0() + Duration::days(31)).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[a, b], "pruning a declined request").await;
    store.block(a.key, e.key, t0()).await.unwrap();
    since = Since::now(&store).await;
    store.unblock(a.key, e.key).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[a, e], "an unblock").await;
    store.dismiss_suggestion(c.key, a.key, t0()).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[c], "a dismissal").await;
    store.set_muted(d.key, a.key, true, t0()).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[d], "a mute").await;
    store.set_muted(d.key, a.key, false, t0()).await.unwrap();
    since.names(&store, ChangeKind::RelationsChanged, &[d], "an unmute").await;

    // A notification that goes with its post changes the recipient's count (a like's is
    // about the post, as the ticker writes it).
    let mut post = NewActivity::new(a.key, ActivityKind::Post, Audience::Contacts, t0());
    post.body = "Hallo".into();
    store.add_activity(&post, &[], &Effects::none()).await.unwrap();
    let post = store.activity(post.id).await.unwrap().expect("the post is stored");
    let liked = |by: &Account| NewNotification {
        id: NotificationId::new(),
        recipient: a.key,
        kind: NotificationKind::Like,
        actor: Some(by.key),
        activity: Some(post.key),
        mail: MailChoice::Off,
        created_at: t0(),
    };
    // A like, an unlike, a comment's deletion change the post's counts: the log names it.
    since = Since::now(&store).await;
    let like = NewActivity::on(b.key, ActivityKind::Like, &post, t0());
    store.add_activity(&like, &[], &Effects { notifications: vec![liked(b)], jobs: Vec::new() }).await.unwrap();
    since.names_subjects(&store, ChangeKind::PostChanged, &[post.key.0], "a like").await;
    store.unlike(b.key, post.key).await.unwrap();
    since.names_subjects(&store, ChangeKind::PostChanged, &[post.key.0], "an unlike").await;
    let mut comment = NewActivity::on(e.key, ActivityKind::Comment, &post, t0());
    comment.body = "Gut!".into();
    let (comment, _) = store.add_activity(&comment, &[], &Effects::none()).await.unwrap();
    since = Since::now(&store).await;
    store.delete_activity(comment).await.unwrap();
    since.names_subjects(&store, ChangeKind::PostChanged, &[post.key.0], "deleting a comment").await;
    let like = NewActivity::on(c.key, ActivityKind::Like, &post, t0());
    store.add_activity(&like, &[], &Effects { notifications: vec![liked(c)], jobs: Vec::new() }).await.unwrap();
    since = Since::now(&store).await;
    store.delete_activity(post.key).await.unwrap();
    let mut step = since;
    since.names(&store, ChangeKind::NotificationsChanged, &[a], "deleting a liked post").await;
    step.names_subjects(&store, ChangeKind::PostChanged, &[post.key.0], "deleting a post").await;

    let session = |member: &Account| NewSession {
        id: uuid::Uuid::now_v7(),
        member: member.key,
        token: RawToken::generate().hash(),
        created_at: t0(),
        expires_at: t0() + Duration::days(1),
        user_agent: "test".into(),
    };
    let s = session(a);
    store.create_session(&s, None).await.unwrap();
    since = Since::now(&store).await;
    store.delete_session(a.key, s.id).await.unwrap();
    since.names(&store, ChangeKind::SessionsChanged, &[a], "a log-out").await;
    store.delete_sessions_of(b.key, None).await.unwrap();
    since.names(&store, ChangeKind::SessionsChanged, &[b], "a log-out everywhere").await;
    store.change_password(c.key, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$bmV1", None).await.unwrap();
    since.names(&store, ChangeKind::SessionsChanged, &[c], "a new password").await;
    store.set_two_factor(d.key, Some(("JBSWY3DPEHPK3PXP", 1)), &[], None).await.unwrap();
    since.names(&store, ChangeKind::SessionsChanged, &[d], "two-factor log-in on").await;
}
