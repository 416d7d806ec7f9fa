use crate::{new_account, settled, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{Account, AccountState};
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::contacts::{
    ContactCursor, ContactQuery, ContactRequest, ContactSettings, ContactSort, ContactTag, HowWeKnow, ListVisibility,
    RequestState,
};
use kontor_core::ids::{MemberKey, RequestId};
use kontor_core::network::NetworkRow;
use kontor_core::notifications::Effects;
use kontor_core::profiles::Field;
use time::Duration;

async fn member(store: &StoreHandle, email: &str) -> Account {
    store.create_account(&new_account(email, AccountState::Active), None, &[]).await.unwrap().0
}

fn request(from: &Account, to: &Account) -> ContactRequest {
    ContactRequest {
        id: RequestId::new(),
        sender: from.key,
        recipient: to.key,
        message: "Wir kennen uns von der IHK.".into(),
        how: HowWeKnow::MetAtEvent,
        state: RequestState::Open,
        created_at: t0(),
    }
}

async fn snapshot(store: &StoreHandle) -> (Vec<NetworkRow>, LogPosition) {
    let mut rows = Vec::new();
    let position = store.network_snapshot(&mut |row| rows.push(row)).await.unwrap();
    (rows, position)
}

pub async fn requests_become_contacts_once(store: StoreHandle) {
    let (a, b, c) = (
        member(&store, "a@example.org").await,
        member(&store, "b@example.org").await,
        member(&store, "c@example.org").await,
    );
    let r = request(&a, &b);
    store.create_request(&r, &Effects::none()).await.unwrap();
    assert_eq!(store.request(r.id).await.unwrap().unwrap(), r);
    let again = store.create_request(&request(&b, &a), &Effects::none()).await;
    assert!(
        matches!(again, Err(kontor_core::StoreError::Conflict(_))),
        "one request per pair, whoever sends: {again:?}"
    );
    assert_eq!(store.request_between(b.key, a.key).await.unwrap().map(|r| r.id), Some(r.id));
    assert_eq!((store.count_received(b.key).await.unwrap(), store.count_sent(a.key).await.unwrap()), (1, 1));
    assert_eq!(store.requests_received(b.key, 10).await.unwrap().len(), 1);
    assert_eq!(store.requests_sent(a.key, 10).await.unwrap().len(), 1);
    assert_eq!(
        store.not_to_suggest(b.key).await.unwrap(),
        vec![a.key],
        "a request keeps its sender from the suggestions"
    );

    let position = store.accept_request(r.id, t0(), &[], &Effects::none()).await.unwrap();
    assert!(store.request(r.id).await.unwrap().is_none(), "an accepted request is gone");
    assert!(matches!(
        store.accept_request(r.id, t0(), &[], &Effects::none()).await,
        Err(kontor_core::StoreError::NotFound)
    ));
    let ab = store.contact(a.key, b.key).await.unwrap().unwrap();
    let ba = store.contact(b.key, a.key).await.unwrap().unwrap();
    assert_eq!((ab.how, ba.how, ab.since), (HowWeKnow::MetAtEvent, HowWeKnow::MetAtEvent, t0()));
    assert!(store.contact(a.key, c.key).await.unwrap().is_none());
    assert_eq!(store.contact_keys(a.key).await.unwrap(), vec![b.key]);

    // Both members' networks changed, in the log.
    settled(&store, position).await;
    let entries = store.changes_since(LogPosition::START, 1000).await.unwrap();
    let network: Vec<i64> =
        entries.iter().filter(|e| e.kind == ChangeKind::NetworkChanged).map(|e| e.subject).collect();
    assert!(network.contains(&a.key.0) && network.contains(&b.key.0), "{network:?}");
}

pub async fn declined_requests_stay_for_the_sender_until_pruned(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    let r = request(&a, &b);
    store.create_request(&r, &Effects::none()).await.unwrap();
    store.decline_request(r.id, t0()).await.unwrap();
    assert_eq!(store.count_received(b.key).await.unwrap(), 0, "the recipient is done with it");
    assert!(store.requests_received(b.key, 10).await.unwrap().is_empty());
    assert_eq!(store.count_sent(a.key).await.unwrap(), 1, "the sender still counts it");
    assert_eq!(store.requests_sent(a.key, 10).await.unwrap()[0].state, RequestState::Declined);
    assert_eq!(store.prune_declined_requests(t0()).await.unwrap(), 0, "not yet expired");
    assert_eq!(store.prune_declined_requests(t0() + Duration::days(31)).await.unwrap(), 1);
    assert!(store.request(r.id).await.unwrap().is_none());
    store.create_request(&request(&a, &b), &Effects::none()).await.unwrap();
    store.delete_request(store.request_between(a.key, b.key).await.unwrap().unwrap().id).await.unwrap();
    assert!(store.request_between(a.key, b.key).await.unwrap().is_none(), "withdrawn");
}

pub async fn contact_details_go_with_the_contact(store: StoreHandle) {
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    store.import_contacts(&[(a.key, b.key, t0())], t0()).await.unwrap();
    let tags = vec![ContactTag::parse("tags", "Kunde").unwrap(), ContactTag::parse("tags", "Leipzig").unwrap()];
    let before = store.log_head().await.unwrap();
    store
        .update_contact(a.key, b.key, &tags, "Trifft man beim Stammtisch", &[Field::PrivateContact], t0())
        .await
        .unwrap();
    settled(&store, store.log_newest().await.unwrap()).await;
    let logged = store.changes_since(before, 10).await.unwrap();
    assert!(
        logged.iter().any(|e| e.kind == ChangeKind::ProfileChanged && e.subject == a.key.0),
        "grants are part of the profile: nodes forget what they held of it"
    );
    let ab = store.contact(a.key, b.key).await.unwrap().unwrap();
    assert_eq!(
        (ab.tags.clone(), ab.note.as_str(), ab.grants.clone()),
        (tags.clone(), "Trifft man beim Stammtisch", vec![Field::PrivateContact])
    );
    assert!(store.contact(b.key, a.key).await.unwrap().unwrap().tags.is_empty(), "tags are private to one side");
    assert_eq!(granted(&store, a.key, b.key).await, vec![Field::PrivateContact]);
    assert!(granted(&store, b.key, a.key).await.is_empty());
    assert_eq!(store.contact_tags(a.key).await.unwrap(), tags);

    store.remove_contact(b.key, a.key, t0()).await.unwrap();
    assert!(
        store.contact(a.key, b.key).await.unwrap().is_none() && store.contact(b.key, a.key).await.unwrap().is_none()
    );
    assert!(granted(&store, a.key, b.key).await.is_empty(), "grants go with the contact");
    assert!(store.contact_tags(a.key).await.unwrap().is_empty(), "tags go with the contact");
    assert!(matches!(store.remove_contact(a.key, b.key, t0()).await, Err(kontor_core::StoreError::NotFound)));
    assert!(matches!(
        store.update_contact(a.key, b.key, &[], "", &[], t0()).await,
        Err(kontor_core::StoreError::NotFound)
    ));
    // Contacts come back without the old details.
    store.import_contacts(&[(a.key, b.key, t0())], t0()).await.unwrap();
    let again = store.contact(a.key, b.key).await.unwrap().unwrap();
    assert!(again.tags.is_empty() && again.note.is_empty() && again.grants.is_empty());
}

pub async fn contact_lists_page_search_and_filter(store: StoreHandle) {
    let me = member(&store, "me@example.org").await;
    let mut others = Vec::new();
    for (i, name) in ["Zoë Adler", "anna Berg", "Ölaf Crone", "Bernd Dorn", "Clara Ernst"].iter().enumerate() {
        let mut account = new_account(&format!("o{i}@example.org"), AccountState::Active);
        account.name = kontor_core::accounts::DisplayName::parse(name).unwrap();
        let (o, _) = store.create_account(&account, None, &[]).await.unwrap();
        store.import_contacts(&[(me.key, o.key, t0() + Duration::minutes(i as i64))], t0()).await.unwrap();
        others.push(o);
    }
    let kunde = ContactTag::parse("tags", "Kunde").unwrap();
    store.update_contact(me.key, others[1].key, std::slice::from_ref(&kunde), "", &[], t0()).await.unwrap();
    store.update_contact(me.key, others[3].key, std::slice::from_ref(&kunde), "", &[], t0()).await.unwrap();

    for sort in [ContactSort::Name, ContactSort::Recent] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let q = ContactQuery { sort, after: after.clone(), limit: 2, ..ContactQuery::default() };
            let page = store.contacts(me.key, &q).await.unwrap();
            if page.is_empty() {
                break;
            }
            after = Some(ContactCursor::of(sort, page.last().unwrap()));
            // Cursors survive their text form.
            after = ContactCursor::decode(&after.unwrap().encode());
            seen.extend(page.into_iter().map(|c| c.name));
        }
        assert_eq!(seen.len(), 5, "{sort:?}: every contact once: {seen:?}");
        if sort == ContactSort::Recent {
            assert_eq!(seen[0], "Clara Ernst", "newest first");
        } else {
            let mut sorted = seen.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), 5);
            assert_eq!(seen[0], "anna Berg", "case does not decide the order");
        }
    }
    let q = ContactQuery { text: Some("ERN".into()), limit: 10, ..ContactQuery::default() };
    let names: Vec<String> = store.contacts(me.key, &q).await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, vec!["Bernd Dorn", "Clara Ernst"]);
    let q = ContactQuery { tag: Some(kunde), limit: 10, ..ContactQuery::default() };
    let names: Vec<String> = store.contacts(me.key, &q).await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, vec!["anna Berg", "Bernd Dorn"]);
}

pub async fn blocks_end_contacts_and_requests(store: StoreHandle) {
    let (a, b, c) = (
        member(&store, "a@example.org").await,
        member(&store, "b@example.org").await,
        member(&store, "c@example.org").await,
    );
    store.import_contacts(&[(a.key, b.key, t0())], t0()).await.unwrap();
    store.create_request(&request(&c, &a), &Effects::none()).await.unwrap();
    store.block(a.key, b.key, t0()).await.unwrap();
    store.block(a.key, c.key, t0()).await.unwrap();
    assert!(store.contact(a.key, b.key).await.unwrap().is_none(), "a block ends the contact");
    assert!(store.request_between(a.key, c.key).await.unwrap().is_none(), "and requests either way");
    assert_eq!(store.blocks_of(b.key).await.unwrap(), vec![a.key], "the blocked one sees the block too");
    let mut mine = store.blocks_of(a.key).await.unwrap();
    mine.sort();
    assert_eq!(mine, vec![b.key, c.key]);
    store.unblock(a.key, b.key).await.unwrap();
    assert_eq!(store.blocked_by(a.key).await.unwrap(), vec![c.key]);
    assert!(store.blocks_of(b.key).await.unwrap().is_empty());
}

pub async fn settings_suggestions_and_the_network_snapshot(store: StoreHandle) {
    let (a, b, c) = (
        member(&store, "a@example.org").await,
        member(&store, "b@example.org").await,
        member(&store, "c@example.org").await,
    );
    assert_eq!(store.contact_settings(a.key).await.unwrap(), ContactSettings::default());
    let settings = ContactSettings { list_visibility: ListVisibility::OnlyMe };
    store.set_contact_settings(a.key, settings, t0()).await.unwrap();
    assert_eq!(store.contact_settings(a.key).await.unwrap(), settings);
    store.dismiss_suggestion(a.key, c.key, t0()).await.unwrap();
    store.dismiss_suggestion(a.key, c.key, t0()).await.unwrap();
    assert_eq!(store.not_to_suggest(a.key).await.unwrap(), vec![c.key], "a dismissed suggestion stays dismissed");

    assert_eq!(
        store.import_contacts(&[(a.key, b.key, t0()), (b.key, a.key, t0()), (b.key, c.key, t0())], t0()).await.unwrap(),
        2
    );
    store.set_state(c.key, AccountState::Suspended, &[]).await.unwrap();
    let (rows, position) = snapshot(&store).await;
    let members: Vec<NetworkRow> = rows.iter().copied().filter(|r| matches!(r, NetworkRow::Member { .. })).collect();
    assert_eq!(
        members,
        vec![
            NetworkRow::Member { key: a.key, active: true, list: ListVisibility::OnlyMe },
            NetworkRow::Member { key: b.key, active: true, list: ListVisibility::Contacts },
            NetworkRow::Member { key: c.key, active: false, list: ListVisibility::Contacts },
        ]
    );
    let mut contacts: Vec<(MemberKey, MemberKey)> = rows
        .iter()
        .filter_map(|r| match *r {
            NetworkRow::Contact(x, y) => Some((x.min(y), x.max(y))),
            _ => None,
        })
        .collect();
    contacts.sort();
    assert_eq!(contacts, vec![(a.key, b.key), (b.key, c.key)], "each contact once");
    assert!(position > LogPosition::START);
    assert_eq!(store.network_member(c.key).await.unwrap(), Some((false, ListVisibility::Contacts)));
    assert_eq!(store.network_member(MemberKey(999_999)).await.unwrap(), None);
}

pub async fn members_are_found_by_name_and_shown_company(store: StoreHandle) {
    use kontor_core::privacy::Visibility;
    use kontor_core::profiles::Profile;
    let (a, b) = (member(&store, "a@example.org").await, member(&store, "b@example.org").await);
    let mut profile = Profile { company: "Kanzlei Müller".into(), city: "Leipzig".into(), ..Profile::default() };
    profile.visibility.set(Field::Position, Visibility::Members);
    profile.visibility.set(Field::Location, Visibility::OnlyMe);
    store
        .update_profile(
            b.key,
            &kontor_core::accounts::DisplayName::parse("Berta Sommer").unwrap(),
            &profile,
            None,
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(store.find_members("sommer", 10).await.unwrap(), vec![b.key]);
    assert_eq!(store.find_members("müller", 10).await.unwrap(), vec![b.key], "a company every member sees");
    assert!(store.find_members("leipzig", 10).await.unwrap().is_empty(), "a city kept to herself is not searched");
    let _ = a;
}

pub async fn member_cards_are_read_in_one_go(store: StoreHandle) {
    use kontor_core::profiles::Profile;
    let (a, b, viewer) = (
        member(&store, "a@example.org").await,
        member(&store, "b@example.org").await,
        member(&store, "v@example.org").await,
    );
    let profile = Profile { headline: "Steuerberaterin".into(), ..Profile::default() };
    store.update_profile(a.key, &a.name, &profile, None, t0()).await.unwrap();
    for other in [&viewer, &b] {
        let r = request(&a, other);
        store.create_request(&r, &Effects::none()).await.unwrap();
        store.accept_request(r.id, t0(), &[], &Effects::none()).await.unwrap();
    }
    store.update_contact(a.key, viewer.key, &[], "", &[Field::PrivateContact, Field::Birthday], t0()).await.unwrap();
    store.update_contact(a.key, b.key, &[], "", &[Field::About], t0()).await.unwrap();

    let mut cards = store.member_cards(&[b.key, a.key, MemberKey(999_999)]).await.unwrap();
    cards.sort_by_key(|c| c.account.key);
    assert_eq!(cards.len(), 2, "a member that does not exist is left out");
    let (first, second) = (&cards[0], &cards[1]);
    assert_eq!((first.account.key, second.account.key), (a.key, b.key));
    assert_eq!(first.profile.headline, "Steuerberaterin");
    let mut granted = first.granted_to(viewer.key);
    granted.sort();
    assert_eq!(granted, vec![Field::PrivateContact, Field::Birthday], "only what was granted to the viewer");
    assert_eq!(first.granted_to(b.key), vec![Field::About]);
    assert!(second.grants.is_empty());
    assert!(store.member_cards(&[]).await.unwrap().is_empty());
}

/// The fields `owner` granted `viewer` personally, as member cards read them.
async fn granted(store: &StoreHandle, owner: MemberKey, viewer: MemberKey) -> Vec<Field> {
    let cards = store.member_cards(&[owner]).await.unwrap();
    cards.first().map(|c| c.granted_to(viewer)).unwrap_or_default()
}
