use crate::{new_account, t0};
use kontor_core::StoreError;
use kontor_core::StoreHandle;
use kontor_core::accounts::{AccountState, Email, NewSession, NewToken, TokenPurpose};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberKey;
use kontor_core::secrets::RawToken;
use time::Duration;

pub async fn accounts_round_trip(store: StoreHandle) {
    let new = new_account("Alice@Example.org", AccountState::Active);
    let (account, position) = store.create_account(&new, None, &[]).await.unwrap();
    assert_eq!(account.id, new.id);
    assert_eq!(account.email.as_str(), "alice@example.org");
    assert_eq!(account.lang, Lang::De);
    assert_eq!(account.created_at, t0());
    assert!(position > kontor_core::changelog::LogPosition::START);
    let by_id = store.account_by_id(new.id).await.unwrap().unwrap();
    assert_eq!(by_id.key, account.key);
    let by_key = store.account_by_key(account.key).await.unwrap().unwrap();
    assert_eq!(by_key.id, new.id);
    let creds = store.credentials_by_email(&account.email).await.unwrap().unwrap();
    assert_eq!(creds.password_hash, new.password_hash);
    assert!(store.profile(account.key).await.unwrap().is_some(), "every account has a profile");
    let unknown = Email::parse("nobody@example.org").unwrap();
    assert!(store.credentials_by_email(&unknown).await.unwrap().is_none());
    assert!(store.account_by_key(MemberKey(999_999)).await.unwrap().is_none());
}

pub async fn duplicate_email_conflicts(store: StoreHandle) {
    store.create_account(&new_account("a@example.org", AccountState::Active), None, &[]).await.unwrap();
    let again = store.create_account(&new_account("a@example.org", AccountState::Active), None, &[]).await;
    match again {
        Err(StoreError::Conflict(name)) => assert_eq!(name, "members_email"),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub async fn verification_token_is_single_use(store: StoreHandle) {
    let token = RawToken::generate();
    let hash = token.hash();
    let verify = NewToken {
        hash: &hash,
        purpose: TokenPurpose::VerifyEmail,
        expires_at: t0() + Duration::hours(48),
        value: None,
        binding: None,
    };
    let new = new_account("v@example.org", AccountState::Unverified);
    store.create_account(&new, Some(verify), &[]).await.unwrap();
    let (account, _) =
        store.verify_email(&hash, "chosen-hash", AccountState::Active, t0(), &[]).await.unwrap().unwrap();
    assert_eq!(account.state, AccountState::Active);
    let credentials = store.credentials_by_key(account.key).await.unwrap().unwrap();
    assert_eq!(credentials.password_hash.as_deref(), Some("chosen-hash"), "the link's holder set the password");
    assert!(store.verify_email(&hash, "chosen-hash", AccountState::Active, t0(), &[]).await.unwrap().is_none());
    // A reset token is not a verification token.
    let reset = RawToken::generate().hash();
    let t = NewToken {
        hash: &reset,
        purpose: TokenPurpose::ResetPassword,
        expires_at: t0() + Duration::hours(1),
        value: None,
        binding: None,
    };
    store.create_token(account.key, t, &[]).await.unwrap();
    assert!(store.verify_email(&reset, "chosen-hash", AccountState::Active, t0(), &[]).await.unwrap().is_none());
}

/// A second sign-up's link does not end the first one's; using either ends both, and a
/// token is read back with its value and the browser it is bound to.
pub async fn verification_links_add_up_and_end_together(store: StoreHandle) {
    let (first, second) = (RawToken::generate().hash(), RawToken::generate().hash());
    let browser = RawToken::generate().hash();
    let token = |hash| NewToken {
        hash,
        purpose: TokenPurpose::VerifyEmail,
        expires_at: t0() + Duration::hours(48),
        value: Some("typed-hash"),
        binding: Some(&browser),
    };
    let new = new_account("twice@example.org", AccountState::Unverified);
    let (account, _) = store.create_account(&new, Some(token(&first)), &[]).await.unwrap();
    store.create_token(account.key, token(&second), &[]).await.unwrap();
    let read = store.token(&first, TokenPurpose::VerifyEmail, t0()).await.unwrap().expect("the first link holds");
    assert_eq!(read.member, account.key);
    assert_eq!((read.value.as_deref(), read.binding.as_ref()), (Some("typed-hash"), Some(&browser)));
    assert!(store.token(&first, TokenPurpose::ResetPassword, t0()).await.unwrap().is_none(), "purpose counts");
    assert!(store.token(&first, TokenPurpose::VerifyEmail, t0() + Duration::hours(48)).await.unwrap().is_none());
    assert!(store.verify_email(&second, "h", AccountState::Active, t0(), &[]).await.unwrap().is_some());
    assert!(store.verify_email(&first, "h", AccountState::Active, t0(), &[]).await.unwrap().is_none(), "both end");
}

pub async fn tokens_expire(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("e@example.org", AccountState::Active), None, &[]).await.unwrap();
    let hash = RawToken::generate().hash();
    let t = NewToken {
        hash: &hash,
        purpose: TokenPurpose::ResetPassword,
        expires_at: t0() + Duration::hours(1),
        value: None,
        binding: None,
    };
    store.create_token(account.key, t, &[]).await.unwrap();
    let late = t0() + Duration::hours(1) + Duration::seconds(1);
    assert!(store.reset_password(&hash, "new-hash", late).await.unwrap().is_none());
    // An expired token is used up too: it does not work later either.
    assert!(store.reset_password(&hash, "new-hash", t0()).await.unwrap().is_none());
}

pub async fn newer_token_replaces_older(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("n@example.org", AccountState::Active), None, &[]).await.unwrap();
    let old = RawToken::generate().hash();
    let new = RawToken::generate().hash();
    for hash in [&old, &new] {
        let t = NewToken {
            hash,
            purpose: TokenPurpose::ResetPassword,
            expires_at: t0() + Duration::hours(1),
            value: None,
            binding: None,
        };
        store.create_token(account.key, t, &[]).await.unwrap();
    }
    assert!(store.reset_password(&old, "h", t0()).await.unwrap().is_none());
    assert!(store.reset_password(&new, "h", t0()).await.unwrap().is_some());
}

fn session(member: MemberKey, token: &RawToken, hours: i64) -> NewSession {
    NewSession {
        id: uuid::Uuid::now_v7(),
        member,
        token: token.hash(),
        created_at: t0(),
        expires_at: t0() + Duration::hours(hours),
        user_agent: "test".into(),
    }
}

pub async fn sessions_expire_and_end(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("s@example.org", AccountState::Active), None, &[]).await.unwrap();
    let token = RawToken::generate();
    let s = session(account.key, &token, 2);
    store.create_session(&s, None).await.unwrap();
    let (found, who) = store.session_by_token(&token.hash(), t0()).await.unwrap().unwrap();
    assert_eq!((found.id, who.id), (s.id, account.id));
    assert!(store.session_by_token(&token.hash(), t0() + Duration::hours(3)).await.unwrap().is_none());
    assert_eq!(store.sessions_of(account.key, t0()).await.unwrap().len(), 1);
    // Another member cannot end this session.
    let (other, _) =
        store.create_account(&new_account("o@example.org", AccountState::Active), None, &[]).await.unwrap();
    assert!(!store.delete_session(other.key, s.id).await.unwrap(), "not theirs to end");
    assert!(store.session_by_token(&token.hash(), t0()).await.unwrap().is_some());
    assert!(store.delete_session(account.key, s.id).await.unwrap());
    assert!(store.session_by_token(&token.hash(), t0()).await.unwrap().is_none());
    assert!(!store.delete_session(account.key, s.id).await.unwrap(), "gone already");
}

pub async fn password_change_ends_other_sessions_and_tokens(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("p@example.org", AccountState::Active), None, &[]).await.unwrap();
    let (keep, drop) = (RawToken::generate(), RawToken::generate());
    let kept = session(account.key, &keep, 24);
    store.create_session(&kept, None).await.unwrap();
    store.create_session(&session(account.key, &drop, 24), None).await.unwrap();
    let reset = RawToken::generate().hash();
    let t = NewToken {
        hash: &reset,
        purpose: TokenPurpose::ResetPassword,
        expires_at: t0() + Duration::hours(1),
        value: None,
        binding: None,
    };
    store.create_token(account.key, t, &[]).await.unwrap();
    store.change_password(account.key, "new-hash", Some(kept.id)).await.unwrap();
    assert!(store.session_by_token(&keep.hash(), t0()).await.unwrap().is_some());
    assert!(store.session_by_token(&drop.hash(), t0()).await.unwrap().is_none());
    assert!(store.reset_password(&reset, "x", t0()).await.unwrap().is_none(), "tokens end with a password change");
    let creds = store.credentials_by_key(account.key).await.unwrap().unwrap();
    assert_eq!(creds.password_hash.as_deref(), Some("new-hash"));
}

pub async fn password_reset_ends_all_sessions(store: StoreHandle) {
    let (account, _) =
        store.create_account(&new_account("r@example.org", AccountState::Active), None, &[]).await.unwrap();
    let token = RawToken::generate();
    store.create_session(&session(account.key, &token, 24), None).await.unwrap();
    let reset = RawToken::generate().hash();
    let t = NewToken {
        hash: &reset,
        purpose: TokenPurpose::ResetPassword,
        expires_at: t0() + Duration::hours(1),
        value: None,
        binding: None,
    };
    store.create_token(account.key, t, &[]).await.unwrap();
    assert!(store.reset_password(&reset, "fresh", t0()).await.unwrap().is_some());
    assert!(store.session_by_token(&token.hash(), t0()).await.unwrap().is_none());
    store.delete_sessions_of(account.key, None).await.unwrap();
}

pub async fn devices_are_remembered_per_member(store: StoreHandle) {
    let (a, _) = store.create_account(&new_account("d1@example.org", AccountState::Active), None, &[]).await.unwrap();
    let (b, _) = store.create_account(&new_account("d2@example.org", AccountState::Active), None, &[]).await.unwrap();
    let device = RawToken::generate();
    assert!(!store.is_known_device(a.key, &device.hash()).await.unwrap());
    store.create_session(&session(a.key, &RawToken::generate(), 1), Some(&device.hash())).await.unwrap();
    // Logging in twice from the same browser is fine.
    store.create_session(&session(a.key, &RawToken::generate(), 1), Some(&device.hash())).await.unwrap();
    assert!(store.is_known_device(a.key, &device.hash()).await.unwrap());
    assert!(!store.is_known_device(b.key, &device.hash()).await.unwrap());
}

pub async fn language_is_saved(store: StoreHandle) {
    let (a, _) = store.create_account(&new_account("l@example.org", AccountState::Active), None, &[]).await.unwrap();
    store.set_language(a.key, Lang::En).await.unwrap();
    assert_eq!(store.account_by_key(a.key).await.unwrap().unwrap().lang, Lang::En);
}

pub async fn purge_removes_only_old_unverified(store: StoreHandle) {
    let (old, _) =
        store.create_account(&new_account("u1@example.org", AccountState::Unverified), None, &[]).await.unwrap();
    let (active, _) =
        store.create_account(&new_account("u2@example.org", AccountState::Active), None, &[]).await.unwrap();
    assert_eq!(store.purge_unverified(t0(), t0()).await.unwrap(), 0, "not older than the cut-off");
    assert_eq!(store.purge_unverified(t0() + Duration::days(3), t0() + Duration::days(3)).await.unwrap(), 1);
    assert!(store.account_by_key(old.key).await.unwrap().is_none());
    assert!(store.profile(old.key).await.unwrap().is_none(), "the profile goes with the account");
    assert!(store.account_by_key(active.key).await.unwrap().is_some());
}
