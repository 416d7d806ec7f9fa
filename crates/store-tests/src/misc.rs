use crate::{new_account, t0};
use kontor_core::StoreHandle;
use kontor_core::accounts::{AccountState, DisplayName};
use kontor_core::admin::{SignupMode, SiteSettings, TwoFactorRule};
use kontor_core::i18n::Lang;
use kontor_core::legal::LegalPages;
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Position, Profile};
use time::Duration;

pub async fn rate_limits_count_per_window(store: StoreHandle) {
    let window = Duration::minutes(5);
    for expected in 1..=3 {
        assert_eq!(store.hit("login-ip:203.0.113.9", window, t0()).await.unwrap(), expected);
    }
    assert_eq!(store.hit("login-ip:198.51.100.1", window, t0()).await.unwrap(), 1, "keys count apart");
    assert_eq!(
        store.hit("login-ip:203.0.113.9", window, t0() + window).await.unwrap(),
        1,
        "a new window starts at one"
    );
    assert!(store.prune_rate_limits(t0() + window).await.unwrap() >= 1);
}

pub async fn profiles_round_trip(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("pr@example.org", AccountState::Active), None, &[]).await.unwrap();
    let mut profile = Profile {
        headline: "Steuerberaterin für Gründer".into(),
        haves: vec!["Steuerrecht".into(), "Bilanzen".into()],
        work_history: vec![Position {
            title: "Partnerin".into(),
            organisation: "Kanzlei Müller".into(),
            from_year: Some(2015),
            to_year: None,
        }],
        birthday: Some(time::macros::date!(1985 - 03 - 14)),
        private_phone: "+49 341 123456".into(),
        ..Profile::default()
    };
    profile.visibility.set(Field::Headline, Visibility::Public);
    let name = DisplayName::parse("Alice Müller").unwrap();
    store.update_profile(account.key, &name, &profile, None, t0()).await.unwrap();
    assert_eq!(store.profile(account.key).await.unwrap().unwrap(), profile);
    assert_eq!(store.account_by_key(account.key).await.unwrap().unwrap().name, name);
}

pub async fn site_settings_default_and_update(store: StoreHandle) {
    let defaults = store.site_settings().await.unwrap();
    assert_eq!((defaults.name.as_str(), defaults.signup_mode, defaults.demo), ("Kontor", SignupMode::Open, false));
    assert!(defaults.public_search, "visitors may search unless the operator says no");
    let settings = SiteSettings {
        name: "Netzwerk Leipzig".into(),
        signup_mode: SignupMode::Approval,
        two_factor_required: TwoFactorRule::Admins,
        lang: Lang::De,
        legal: LegalPages::default(),
        demo: true,
        public_search: false,
    };
    store.update_site_settings(&settings).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap(), settings);
}

pub async fn legal_pages_are_kept_per_language_and_named_in_the_settings(store: StoreHandle) {
    use kontor_core::legal::LegalKind;
    assert_eq!(store.site_settings().await.unwrap().legal, LegalPages::default());
    assert_eq!(store.legal_text(LegalKind::Imprint, Lang::De).await.unwrap(), None);
    let head = store.log_head().await.unwrap();
    store.set_legal_text(LegalKind::Imprint, Lang::De, "# Impressum\n\nVerein e. V.", t0()).await.unwrap();
    store.set_legal_text(LegalKind::Terms, Lang::En, "# Terms", t0()).await.unwrap();
    let later = t0() + time::Duration::days(1);
    let last = store.set_legal_text(LegalKind::Imprint, Lang::De, "# Impressum\n\nVerein e. V., Leipzig", later);
    crate::settled(&store, last.await.unwrap()).await;
    let changes = store.changes_since(head, 1000).await.unwrap();
    assert_eq!(changes.len(), 3, "each save is logged");
    assert!(changes.iter().all(|c| c.kind == kontor_core::changelog::ChangeKind::SiteChanged));

    let imprint = store.legal_text(LegalKind::Imprint, Lang::De).await.unwrap().unwrap();
    assert_eq!((imprint.markdown.as_str(), imprint.updated_at), ("# Impressum\n\nVerein e. V., Leipzig", later));
    assert_eq!(store.legal_text(LegalKind::Imprint, Lang::En).await.unwrap(), None, "each language on its own");
    let pages = store.site_settings().await.unwrap().legal;
    assert_eq!(pages, LegalPages { imprint: true, privacy: false, terms: true });
    assert_eq!(store.legal_kinds().await.unwrap(), vec![(LegalKind::Imprint, Lang::De), (LegalKind::Terms, Lang::En)]);

    store.set_legal_text(LegalKind::Terms, Lang::En, "", later).await.unwrap();
    assert_eq!(store.legal_text(LegalKind::Terms, Lang::En).await.unwrap(), None, "an empty text removes the page");
    assert!(!store.site_settings().await.unwrap().legal.terms);
}

pub async fn imports_skip_taken_addresses_and_open_for_the_demo(store: StoreHandle) {
    use kontor_core::imports::ImportedMember;
    store.create_account(&new_account("taken@example.org", AccountState::Active), None, &[]).await.unwrap();
    let member = |email: &str| {
        let mut account = new_account(email, AccountState::Invited);
        account.password_hash = None;
        ImportedMember { account, profile: Profile { headline: "Imported".into(), ..Profile::default() } }
    };
    let batch = vec![member("one@example.org"), member("taken@example.org"), member("two@example.org")];
    assert_eq!(store.import_members(&batch).await.unwrap(), 2);
    let one = store.credentials_by_email(&batch[0].account.email).await.unwrap().unwrap();
    assert_eq!((one.account.state, one.password_hash), (AccountState::Invited, None));
    assert_eq!(store.profile(one.account.key).await.unwrap().unwrap().headline, "Imported");
    assert_eq!(store.activate_invited("demo-hash").await.unwrap(), 2);
    let one = store.credentials_by_email(&batch[0].account.email).await.unwrap().unwrap();
    assert_eq!((one.account.state, one.password_hash.as_deref()), (AccountState::Active, Some("demo-hash")));
    let taken = store.credentials_by_email(&batch[1].account.email).await.unwrap().unwrap();
    assert_ne!(taken.password_hash.as_deref(), Some("demo-hash"), "an existing account is left alone");
}

pub async fn profiles_link_entities_for_suggestions_and_merges(store: StoreHandle) {
    use kontor_core::entities::{EntityKind, Role};
    let mut members = Vec::new();
    for (i, company) in ["Siemens AG", "siemens  ag", "Siemens Energy", "SAP"].iter().enumerate() {
        let (a, _) = store
            .create_account(&new_account(&format!("e{i}@example.org"), AccountState::Active), None, &[])
            .await
            .unwrap();
        let mut profile = Profile {
            company: company.to_string(),
            city: "Leipzig".into(),
            region: "Sachsen".into(),
            country: "Deutschland".into(),
            haves: vec!["100% Steuerrecht".into()],
            ..Profile::default()
        };
        for field in [Field::Position, Field::Location, Field::Haves] {
            profile.visibility.set(field, Visibility::Members);
        }
        store.update_profile(a.key, &DisplayName::parse("E").unwrap(), &profile, None, t0()).await.unwrap();
        members.push(a);
    }
    let suggested = store.suggest_entities(EntityKind::Organisation, "siem", 10, &[]).await.unwrap();
    let names: Vec<(&str, u64)> = suggested.iter().map(|s| (s.name.as_str(), s.members)).collect();
    assert_eq!(
        names,
        vec![("Siemens AG", 2), ("Siemens Energy", 1)],
        "one entity per normalised name, most used first"
    );
    assert!(store.suggest_entities(EntityKind::Organisation, "x", 10, &[]).await.unwrap().is_empty());
    assert!(store.suggest_entities(EntityKind::Tag, "100%", 10, &[]).await.unwrap().len() == 1);
    assert!(
        store.suggest_entities(EntityKind::Tag, "100_", 10, &[]).await.unwrap().is_empty(),
        "wildcards are literal"
    );
    assert_eq!(store.suggest_entities(EntityKind::Place, "leip", 10, &[]).await.unwrap()[0].members, 4);
    // Members hidden from the asker are not counted, and what only they use is not named.
    let hidden = [members[0].key, members[1].key];
    assert_eq!(store.suggest_entities(EntityKind::Place, "leip", 10, &hidden).await.unwrap()[0].members, 2);
    let without: Vec<String> = store
        .suggest_entities(EntityKind::Organisation, "siem", 10, &hidden)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(without, ["Siemens Energy"]);
    assert_eq!(store.count_linked(EntityKind::Organisation, "SIEMENS AG", Role::Company).await.unwrap(), 2);

    store.merge_entities(EntityKind::Organisation, "Siemens Energy", "Siemens AG").await.unwrap();
    assert_eq!(store.count_linked(EntityKind::Organisation, "Siemens AG", Role::Company).await.unwrap(), 3);
    let after: Vec<String> = store
        .suggest_entities(EntityKind::Organisation, "siem", 10, &[])
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(after, vec!["Siemens AG".to_owned()], "a merged entity is no longer suggested");
    // Saving a profile with the merged spelling links to where it went.
    let mut profile = Profile { company: "Siemens Energy".into(), ..Profile::default() };
    profile.visibility.set(Field::Position, Visibility::Members);
    store.update_profile(members[3].key, &DisplayName::parse("E").unwrap(), &profile, None, t0()).await.unwrap();
    assert_eq!(store.count_linked(EntityKind::Organisation, "Siemens AG", Role::Company).await.unwrap(), 4);
    // A company kept to contacts counts nowhere, and a name nobody shows is not suggested.
    let hidden = Profile { company: "Geheim GmbH".into(), ..Profile::default() };
    store.update_profile(members[3].key, &DisplayName::parse("E").unwrap(), &hidden, None, t0()).await.unwrap();
    assert_eq!(store.count_linked(EntityKind::Organisation, "Siemens AG", Role::Company).await.unwrap(), 3);
    assert!(store.suggest_entities(EntityKind::Organisation, "geheim", 10, &[]).await.unwrap().is_empty());
    assert!(store.merge_entities(EntityKind::Organisation, "Nobody GmbH", "SAP").await.is_err());
}
