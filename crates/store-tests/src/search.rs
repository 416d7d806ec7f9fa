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
