use crate::{new_account, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{AccountState, DisplayName};
use kontor_core::entities::Role;
use kontor_core::ids::MemberKey;
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Profile};
use kontor_core::search::TagsMet;

/// A member with these haves and wants, shown to members unless `shown` is false.
async fn tagged(store: &StoreHandle, n: usize, state: AccountState, haves: &[&str], wants: &[&str]) -> MemberKey {
    let (account, _) =
        store.create_account(&new_account(&format!("t{n}@example.org"), state), None, &[]).await.unwrap();
    let tags = |list: &[&str]| list.iter().map(|t| t.to_string()).collect();
    let mut profile = Profile { haves: tags(haves), wants: tags(wants), ..Profile::default() };
    profile.visibility.set(Field::Haves, Visibility::Members);
    profile.visibility.set(Field::Wants, Visibility::Members);
    store.update_profile(account.key, &DisplayName::parse("T").unwrap(), &profile, None, t0()).await.unwrap();
    account.key
}

fn met(member: MemberKey, tags: &[&str]) -> TagsMet {
    TagsMet { member, tags: tags.iter().map(|t| t.to_string()).collect() }
}

pub async fn wants_meet_haves_by_tag_most_tags_first(store: StoreHandle) {
    use AccountState::{Active, Suspended};
    let asker = tagged(&store, 0, Active, &["Lohnbuchhaltung"], &["Steuerrecht", "Nachfolge"]).await;
    let both = tagged(&store, 1, Active, &["steuerrecht", "Nachfolge"], &[]).await;
    let one = tagged(&store, 2, Active, &["Steuerrecht ", "Marketing"], &["Lohnbuchhaltung"]).await;
    let _seeks_the_same = tagged(&store, 3, Active, &[], &["Steuerrecht"]).await;
    let _closed = tagged(&store, 4, Suspended, &["Steuerrecht"], &[]).await;
    let merged = tagged(&store, 5, Active, &["Unternehmensnachfolge"], &[]).await;

    let offers = store.tags_meeting(asker, Role::Want, Role::Have, 10).await.unwrap();
    assert_eq!(
        offers,
        [met(both, &["Nachfolge", "Steuerrecht"]), met(one, &["Steuerrecht"])],
        "the same tag however spelled, most tags first; not who seeks it too, not a closed account"
    );
    assert_eq!(store.tags_meeting(asker, Role::Want, Role::Have, 1).await.unwrap(), [offers[0].clone()]);
    let seekers = store.tags_meeting(asker, Role::Have, Role::Want, 10).await.unwrap();
    assert_eq!(seekers, [met(one, &["Lohnbuchhaltung"])], "and the other way round");

    // A merged tag counts as the one it went into.
    store.merge_entities(kontor_core::entities::EntityKind::Tag, "Unternehmensnachfolge", "Nachfolge").await.unwrap();
    let offers = store.tags_meeting(asker, Role::Want, Role::Have, 10).await.unwrap();
    assert_eq!(offers[2], met(merged, &["Nachfolge"]), "{offers:?}");

    // Links from a hidden field are there for the caller to judge.
    let mut hidden = Profile { haves: vec!["Steuerrecht".into(), "Nachfolge".into()], ..Profile::default() };
    hidden.visibility.set(Field::Haves, Visibility::OnlyMe);
    store.update_profile(both, &DisplayName::parse("T").unwrap(), &hidden, None, t0()).await.unwrap();
    assert_eq!(store.tags_meeting(asker, Role::Want, Role::Have, 10).await.unwrap()[0].member, both);
    // A member without the tags any more is found no more.
    store.update_profile(both, &DisplayName::parse("T").unwrap(), &Profile::default(), None, t0()).await.unwrap();
    let members: Vec<MemberKey> =
        store.tags_meeting(asker, Role::Want, Role::Have, 10).await.unwrap().into_iter().map(|m| m.member).collect();
    assert_eq!(members, [one, merged]);
}

pub async fn the_search_index_reads_open_people_with_every_field(store: StoreHandle) {
    use AccountState::{Active, Suspended};
    let open = tagged(&store, 0, Active, &["Steuerrecht"], &[]).await;
    let _suspended = tagged(&store, 1, Suspended, &["Steuerrecht"], &[]).await;
    let mut hidden = Profile { headline: "Geheim".into(), ..Profile::default() };
    hidden.visibility.set(Field::Headline, Visibility::OnlyMe);
    store.update_profile(open, &DisplayName::parse("Offen").unwrap(), &hidden, None, t0()).await.unwrap();

    let mut people = Vec::new();
    let position = store.people_snapshot(&mut |p| people.push(p)).await.unwrap();
    assert!(position > kontor_core::changelog::LogPosition::START, "read with the log's position");
    assert_eq!(people.len(), 1, "open members only: {people:?}");
    assert_eq!((people[0].member, people[0].name.as_str()), (open, "Offen"));
    assert_eq!(people[0].profile.headline, "Geheim", "every field, whoever may see it");
    assert_eq!(people[0].profile.visibility.get(Field::Headline), Visibility::OnlyMe, "with who may see it");
    let some = store.people(&[open, MemberKey(999_999)]).await.unwrap();
    assert_eq!(some.iter().map(|p| p.member).collect::<Vec<_>>(), [open], "those asked for that exist and are open");
}

pub async fn saved_searches_are_kept_per_member_and_tell_of_each_person_once(store: StoreHandle) {
    use AccountState::Active;
    use kontor_core::ids::{NotificationId, SavedSearchId};
    use kontor_core::notifications::{Effects, MailChoice, NewNotification, NotificationKind};
    use kontor_core::search::SavedSearch;
    let anna = tagged(&store, 0, Active, &[], &[]).await;
    let bert = tagged(&store, 1, Active, &[], &[]).await;
    let carl = tagged(&store, 2, Active, &[], &[]).await;
    let search = |query: &str, alerts: bool| SavedSearch {
        id: SavedSearchId::new(),
        query: query.into(),
        alerts,
        created_at: t0(),
    };
    let first = search("Vertrieb Köln", true);
    let second = search("Steuerrecht", false);
    store.save_search(anna, &first, &[bert]).await.unwrap();
    store.save_search(anna, &second, &[]).await.unwrap();
    assert_eq!(store.saved_searches(anna).await.unwrap(), [first.clone(), second.clone()], "oldest first");
    assert!(store.saved_searches(bert).await.unwrap().is_empty(), "each member's own");
    assert_eq!(store.search_seen(first.id).await.unwrap(), [bert], "who it found when saved counts as told");

    // Only searches with alerts on, of open members, page by page.
    let alerting = store.alerting_searches(None, 10).await.unwrap();
    assert_eq!(alerting, [(anna, first.clone())]);
    assert!(store.alerting_searches(Some(first.id), 10).await.unwrap().is_empty());
    assert!(store.set_search_alerts(anna, second.id, true).await.unwrap());
    assert_eq!(store.alerting_searches(None, 1).await.unwrap().len(), 1, "at most the limit");
    assert!(!store.set_search_alerts(bert, second.id, false).await.unwrap(), "not someone else's");

    // Telling records who was told and writes the notification; telling again adds none.
    let told = || {
        let mut effects = Effects::none();
        effects.notify(NewNotification {
            id: NotificationId::from_uuid(kontor_core::ids::named_uuid(&format!("search {} {}", first.id, carl.0))),
            recipient: anna,
            kind: NotificationKind::SearchMatch,
            actor: Some(carl),
            activity: None,
            mail: MailChoice::Digest,
            created_at: t0(),
        });
        effects
    };
    store.search_told(first.id, &[bert, carl], &told()).await.unwrap();
    store.search_told(first.id, &[carl], &told()).await.unwrap();
    let mut seen = store.search_seen(first.id).await.unwrap();
    seen.sort();
    assert_eq!(seen, [bert, carl]);
    let notes = store.notifications(anna, None, 10).await.unwrap();
    assert_eq!(notes.len(), 1, "one notification: {notes:?}");
    assert_eq!((notes[0].kind, notes[0].actor), (NotificationKind::SearchMatch, Some(carl)));

    assert!(!store.delete_saved_search(bert, first.id).await.unwrap(), "not someone else's");
    assert!(store.delete_saved_search(anna, first.id).await.unwrap());
    assert_eq!(store.saved_searches(anna).await.unwrap(), [SavedSearch { alerts: true, ..second }]);
    assert!(store.search_seen(first.id).await.unwrap().is_empty(), "what it told goes with it");
}
