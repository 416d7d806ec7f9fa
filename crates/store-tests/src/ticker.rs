use crate::{new_account, settled, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{Account, AccountState, DisplayName};
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::contacts::{ContactRequest, HowWeKnow, RequestState};
use kontor_core::ids::{ActivityKey, MemberKey, NotificationId, RequestId};
use kontor_core::notifications::{Effects, MailChoice, NewNotification, NotificationKind};
use kontor_core::profiles::Profile;
use kontor_core::ticker::{
    ActivityKind, Audience, NewActivity, PostStats, ProfileChanges, ProfileNews, Reach, Report, TickerRow,
    TickerSettings,
};
use time::Duration;

async fn member(store: &StoreHandle, email: &str) -> Account {
    store.create_account(&new_account(email, AccountState::Active), None, &[]).await.unwrap().0
}

fn post(actor: &Account, text: &str, audience: Audience) -> NewActivity {
    let mut p = NewActivity::new(actor.key, ActivityKind::Post, audience, t0());
    p.body = text.into();
    p
}

fn notice(to: &Account, from: &Account, kind: NotificationKind, mail: MailChoice) -> NewNotification {
    NewNotification {
        id: NotificationId::new(),
        recipient: to.key,
        kind,
        actor: Some(from.key),
        activity: None,
        mail,
        created_at: t0(),
    }
}

async fn logged(store: &StoreHandle, after: LogPosition, kind: ChangeKind) -> Vec<MemberKey> {
    // On PostgreSQL the head may lie before entries already read (see `LogPosition`):
    // what matters is who was logged, not how often.
    let entries = store.changes_since(after, 1_000).await.unwrap();
    let mut members: Vec<MemberKey> = entries.iter().filter(|e| e.kind == kind).map(|e| MemberKey(e.subject)).collect();
    members.sort_unstable();
    members.dedup();
    members
}

pub async fn activities_round_trip_with_mentions_and_effects(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    let head = store.log_head().await.unwrap();
    let first = post(&a, "Hallo @Alice Example", Audience::ContactsOfContacts);
    let effects = Effects {
        notifications: vec![notice(&b, &a, NotificationKind::Mention, MailChoice::Digest)],
        jobs: Vec::new(),
    };
    let (key, position) = store.add_activity(&first, &[b.key], &effects).await.unwrap();
    settled(&store, position).await;
    assert_eq!(logged(&store, head, ChangeKind::ActivityChanged).await, [a.key]);
    assert_eq!(logged(&store, head, ChangeKind::NotificationsChanged).await, [b.key]);

    let read = store.activity(first.id).await.unwrap().expect("the post is stored");
    assert_eq!(
        (read.key, read.actor, read.kind, read.body.as_str()),
        (key, a.key, ActivityKind::Post, "Hallo @Alice Example")
    );
    assert_eq!(
        (read.audience, read.post_audience, read.created_at, read.edited_at),
        (Audience::ContactsOfContacts, None, t0(), None)
    );
    assert_eq!(store.activity_by_key(key).await.unwrap(), Some(read.clone()));
    assert_eq!(store.mentions(&[key]).await.unwrap(), [(key, b.key)]);

    // The notification about a new activity points to it, and waits for the digest.
    let notes = store.notifications(b.key, None, 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].kind, notes[0].actor, notes[0].activity), (NotificationKind::Mention, Some(a.key), Some(key)));
    assert_eq!(store.unread_notifications(b.key).await.unwrap(), 1);
    store.mark_read(b.key, notes[0].key, t0()).await.unwrap();
    assert_eq!(store.unread_notifications(b.key).await.unwrap(), 0);
    assert_eq!(store.notifications(b.key, None, 10).await.unwrap()[0].read_at, Some(t0()));

    // Editing replaces text and mentions.
    let later = t0() + Duration::minutes(5);
    store.edit_activity(key, "Hallo zusammen", &[], &Effects::none(), later).await.unwrap();
    let edited = store.activity(first.id).await.unwrap().unwrap();
    assert_eq!((edited.body.as_str(), edited.edited_at), ("Hallo zusammen", Some(later)));
    assert!(store.mentions(&[key]).await.unwrap().is_empty());

    // Comments, likes and shares on it; a second like is a conflict; counts per reader.
    let comment = NewActivity { body: "Gut!".into(), ..NewActivity::on(b.key, ActivityKind::Comment, &edited, t0()) };
    let (comment_key, _) = store.add_activity(&comment, &[], &Effects::none()).await.unwrap();
    let reply = NewActivity {
        body: "Danke".into(),
        parent: Some(comment_key),
        ..NewActivity::on(a.key, ActivityKind::Comment, &edited, t0())
    };
    store.add_activity(&reply, &[], &Effects::none()).await.unwrap();
    let like = NewActivity::on(b.key, ActivityKind::Like, &edited, t0());
    store.add_activity(&like, &[], &Effects::none()).await.unwrap();
    let again =
        store.add_activity(&NewActivity::on(b.key, ActivityKind::Like, &edited, t0()), &[], &Effects::none()).await;
    assert!(matches!(again, Err(kontor_core::StoreError::Conflict(_))), "{again:?}");
    let share = NewActivity::on(b.key, ActivityKind::Share, &edited, t0());
    store.add_activity(&share, &[], &Effects::none()).await.unwrap();
    let stats = store.post_stats(&[key], b.key, &[]).await.unwrap();
    assert_eq!(stats, [(key, PostStats { likes: 1, comments: 2, shares: 1, liked: true })]);
    assert!(!store.post_stats(&[key], a.key, &[]).await.unwrap()[0].1.liked);
    let comments = store.comments(key, 10).await.unwrap();
    assert_eq!(comments.iter().map(|c| c.body.as_str()).collect::<Vec<_>>(), ["Gut!", "Danke"]);
    assert_eq!((comments[0].other, comments[0].post_audience), (Some(a.key), Some(Audience::ContactsOfContacts)));
    assert_eq!(comments[1].parent, Some(comment_key));
    // Without what a hidden member did: only others' comments count.
    let not_bs = comments.iter().filter(|c| c.actor != b.key).count() as u32;
    let without_b = store.post_stats(&[key], a.key, &[b.key]).await.unwrap();
    assert_eq!(without_b, [(key, PostStats { likes: 0, comments: not_bs, shares: 0, liked: false })]);

    // Newest first per actor, paged by key; a batch by key.
    let by_b = store.activities_of(&[b.key], None, 10).await.unwrap();
    assert_eq!(
        by_b.iter().map(|x| x.kind).collect::<Vec<_>>(),
        [ActivityKind::Share, ActivityKind::Like, ActivityKind::Comment]
    );
    let older = store.activities_of(&[a.key, b.key], Some(by_b[1].key), 10).await.unwrap();
    assert_eq!(
        older.iter().map(|x| x.kind).collect::<Vec<_>>(),
        [ActivityKind::Comment, ActivityKind::Comment, ActivityKind::Post]
    );
    assert_eq!(store.activities(&[key, comment_key, ActivityKey(-1)]).await.unwrap().len(), 2);
    // A page's rows: the share and the comment bring the post they are about.
    let mut rows: Vec<ActivityKey> = store
        .activities_with_posts(&[by_b[0].key, comment_key, ActivityKey(-1)])
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.key)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let mut expected = vec![key, comment_key, by_b[0].key];
    expected.sort_unstable();
    assert_eq!(rows, expected);

    // Unliking twice takes back one like.
    assert!(store.unlike(b.key, key).await.unwrap().is_some());
    assert!(store.unlike(b.key, key).await.unwrap().is_none());

    // Deleting the post takes everything on it, and tells both actors' lists.
    let head = store.log_head().await.unwrap();
    let position = store.delete_activity(key).await.unwrap();
    settled(&store, position).await;
    assert_eq!(logged(&store, head, ChangeKind::ActivityChanged).await, [a.key, b.key]);
    assert!(store.activities_of(&[a.key, b.key], None, 10).await.unwrap().is_empty());
    assert!(store.notifications(b.key, None, 10).await.unwrap().is_empty(), "notifications about it go too");
    assert!(matches!(store.delete_activity(key).await, Err(kontor_core::StoreError::NotFound)));
}

pub async fn ticker_settings_mutes_reports_and_mail_choices(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    assert_eq!(store.ticker_settings(a.key).await.unwrap(), TickerSettings::default());
    let chosen = TickerSettings { announce_contacts: false, profile_reach: Reach::Members, birthday: true };
    store.set_ticker_settings(a.key, &chosen).await.unwrap();
    assert_eq!(store.ticker_settings(a.key).await.unwrap(), chosen);

    store.set_muted(a.key, b.key, true, t0()).await.unwrap();
    store.set_muted(a.key, b.key, true, t0()).await.unwrap();
    assert_eq!(store.mutes(a.key).await.unwrap(), [b.key]);
    store.set_muted(a.key, b.key, false, t0()).await.unwrap();
    assert!(store.mutes(a.key).await.unwrap().is_empty());

    assert_eq!(store.mail_choice(a.key, NotificationKind::Like).await.unwrap(), None);
    store.set_mail_choice(a.key, NotificationKind::Like, MailChoice::Off).await.unwrap();
    store.set_mail_choice(a.key, NotificationKind::Like, MailChoice::Immediately).await.unwrap();
    assert_eq!(store.mail_choice(a.key, NotificationKind::Like).await.unwrap(), Some(MailChoice::Immediately));
    assert_eq!(store.mail_choices(a.key).await.unwrap(), [(NotificationKind::Like, MailChoice::Immediately)]);

    let (key, _) =
        store.add_activity(&post(&b, "Kauft bei mir!", Audience::Members), &[], &Effects::none()).await.unwrap();
    let report = Report { post: key, reporter: a.key, reason: "Werbung".into(), created_at: t0() };
    store.report_post(&report).await.unwrap();
    assert!(matches!(store.report_post(&report).await, Err(kontor_core::StoreError::Conflict(_))));
    let reports = store.reports(10).await.unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!((reports[0].0.key, reports[0].1.len(), reports[0].1[0].reason.as_str()), (key, 1, "Werbung"));
}

pub async fn contacts_and_profile_changes_reach_the_ticker(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    // A new contact: a row for the side that tells, and the sender is notified.
    let request = ContactRequest {
        id: RequestId::new(),
        sender: a.key,
        recipient: b.key,
        message: String::new(),
        how: HowWeKnow::Colleagues,
        state: RequestState::Open,
        created_at: t0(),
    };
    let asked = Effects {
        notifications: vec![notice(&b, &a, NotificationKind::ContactRequest, MailChoice::Off)],
        jobs: Vec::new(),
    };
    store.create_request(&request, &asked).await.unwrap();
    assert_eq!(store.unread_notifications(b.key).await.unwrap(), 1);
    let mut news = NewActivity::new(b.key, ActivityKind::Contact, Audience::Contacts, t0());
    news.other = Some(a.key);
    let accepted = Effects {
        notifications: vec![notice(&a, &b, NotificationKind::ContactAccepted, MailChoice::Immediately)],
        jobs: Vec::new(),
    };
    store.accept_request(request.id, t0(), &[news], &accepted).await.unwrap();
    let rows = store.activities_of(&[a.key, b.key], None, 10).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].actor, rows[0].kind, rows[0].other), (b.key, ActivityKind::Contact, Some(a.key)));
    let told = store.notifications(a.key, None, 10).await.unwrap();
    assert_eq!((told.len(), told[0].kind, told[0].activity), (1, NotificationKind::ContactAccepted, None));
    assert_eq!(store.unread_notifications(a.key).await.unwrap(), 1);

    // Profile changes close together are one item; after a pause, a new one.
    let name = DisplayName::parse("Alice Example").unwrap();
    let news = |changes, at| Some(ProfileNews { changes, joined_after: at - Duration::hours(1) });
    store.update_profile(a.key, &name, &Profile::default(), news(ProfileChanges::POSITION, t0()), t0()).await.unwrap();
    let soon = t0() + Duration::minutes(10);
    store.update_profile(a.key, &name, &Profile::default(), news(ProfileChanges::HEADLINE, soon), soon).await.unwrap();
    let items = store.activities_of(&[a.key], None, 10).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].kind, items[0].changes),
        (ActivityKind::Profile, ProfileChanges(ProfileChanges::POSITION.0 | ProfileChanges::HEADLINE.0))
    );
    let later = t0() + Duration::hours(3);
    store
        .update_profile(a.key, &name, &Profile::default(), news(ProfileChanges::HEADLINE, later), later)
        .await
        .unwrap();
    assert_eq!(store.activities_of(&[a.key], None, 10).await.unwrap().len(), 2);
    // With the reach at nobody, nothing is written.
    let quiet = TickerSettings { profile_reach: Reach::Nobody, ..TickerSettings::default() };
    store.set_ticker_settings(a.key, &quiet).await.unwrap();
    let much_later = t0() + Duration::hours(9);
    store
        .update_profile(a.key, &name, &Profile::default(), news(ProfileChanges::HEADLINE, much_later), much_later)
        .await
        .unwrap();
    assert_eq!(store.activities_of(&[a.key], None, 10).await.unwrap().len(), 2);

    // A notification from a member blocked either way counts no more (the list hides it).
    store.block(b.key, a.key, t0()).await.unwrap();
    assert_eq!(store.unread_notifications(a.key).await.unwrap(), 0);
}

pub async fn the_ticker_snapshot_holds_settings_birthdays_and_the_newest_activities(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    let profile = Profile { birthday: Some(time::macros::date!(1980 - 05 - 17)), ..Profile::default() };
    store.update_profile(a.key, &DisplayName::parse("Alice Example").unwrap(), &profile, None, t0()).await.unwrap();
    store.update_profile(b.key, &DisplayName::parse("Bob Example").unwrap(), &profile, None, t0()).await.unwrap();
    let shows = TickerSettings { birthday: true, ..TickerSettings::default() };
    store.set_ticker_settings(a.key, &shows).await.unwrap();
    let mut keys = Vec::new();
    for i in 0..5 {
        keys.push(
            store
                .add_activity(&post(&a, &format!("Post {i}"), Audience::Contacts), &[], &Effects::none())
                .await
                .unwrap()
                .0,
        );
    }
    store.add_activity(&post(&b, "Einer", Audience::Contacts), &[], &Effects::none()).await.unwrap();
    let mut rows = Vec::new();
    store.ticker_snapshot(3, &mut |row| rows.push(row)).await.unwrap();
    let mut members: Vec<(MemberKey, TickerSettings, Option<time::Date>)> = rows
        .iter()
        .filter_map(|r| match r {
            TickerRow::Member { key, settings, birthday } => Some((*key, *settings, *birthday)),
            TickerRow::Activity(_) => None,
        })
        .collect();
    members.sort_by_key(|m| m.0);
    assert_eq!(members, [(a.key, shows, profile.birthday), (b.key, TickerSettings::default(), None)]);
    let mut of_a: Vec<ActivityKey> = rows
        .iter()
        .filter_map(|r| match r {
            TickerRow::Activity(x) if x.actor == a.key => Some(x.key),
            _ => None,
        })
        .collect();
    of_a.sort_unstable();
    assert_eq!(of_a, keys[2..], "the three newest of each member");
    assert_eq!(store.ticker_member(a.key).await.unwrap(), Some((shows, profile.birthday)));
    assert_eq!(store.ticker_member(b.key).await.unwrap(), Some((TickerSettings::default(), None)));
}

pub async fn notifications_wait_for_the_digest_and_are_written_once(store: StoreHandle) {
    let anna = member(&store, "anna@example.org").await;
    let bert = member(&store, "bert@example.org").await;
    assert_eq!(store.notification_head().await.unwrap(), 0);
    assert!(store.digest_recipients(i64::MAX).await.unwrap().is_empty());

    // One notification at once (with its mail job), two for the digest; written again
    // under the same id, nothing doubles.
    let mut effects = Effects::none();
    effects.notify(notice(&anna, &bert, NotificationKind::Comment, MailChoice::Immediately));
    effects.notify(notice(&anna, &bert, NotificationKind::Like, MailChoice::Digest));
    effects.notify(notice(&anna, &bert, NotificationKind::Birthday, MailChoice::Digest));
    assert_eq!(effects.jobs.len(), 1, "only the one wanted at once is mailed at once");
    store.notify(&effects).await.unwrap();
    store.notify(&effects).await.unwrap();
    assert_eq!(store.notifications(anna.key, None, 10).await.unwrap().len(), 3);
    assert_eq!(store.job_counts().await.unwrap().0, 1, "the mail job is queued once");
    let first = store.notification(effects.notifications[0].id).await.unwrap().unwrap();
    assert_eq!((first.recipient, first.kind), (anna.key, NotificationKind::Comment));
    assert!(store.notification(NotificationId::new()).await.unwrap().is_none());

    // The digest takes what waited up to the head when the round ran.
    let head = store.notification_head().await.unwrap();
    let mut later = Effects::none();
    later.notify(notice(&anna, &bert, NotificationKind::ContactAccepted, MailChoice::Digest));
    store.notify(&later).await.unwrap();
    assert_eq!(store.digest_recipients(head).await.unwrap(), vec![anna.key]);
    let waiting = store.digest(anna.key, head).await.unwrap();
    let kinds: Vec<_> = waiting.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NotificationKind::Like, NotificationKind::Birthday], "oldest first, the newer one left");
    let keys: Vec<i64> = waiting.iter().map(|n| n.key).collect();
    store.digest_sent(anna.key, &keys).await.unwrap();
    assert!(store.digest(anna.key, head).await.unwrap().is_empty());
    let newest = store.notification_head().await.unwrap();
    assert_eq!(store.digest(anna.key, newest).await.unwrap().len(), 1, "the later one waits for the next round");

    // Unsubscribe tokens name their member and what they turn off.
    let token = kontor_core::secrets::RawToken::generate();
    store.add_unsubscribe_token(&token.hash(), anna.key, "digest", t0()).await.unwrap();
    assert_eq!(store.unsubscribe_token(&token.hash()).await.unwrap(), Some((anna.key, "digest".to_owned())));
    assert_eq!(store.prune_unsubscribe_tokens(t0()).await.unwrap(), 0);
    assert_eq!(store.prune_unsubscribe_tokens(t0() + Duration::days(1)).await.unwrap(), 1);
    let unknown = kontor_core::secrets::RawToken::generate();
    assert_eq!(store.unsubscribe_token(&unknown.hash()).await.unwrap(), None);
    assert_eq!(store.unsubscribe_token(&token.hash()).await.unwrap(), None, "pruned");
}
