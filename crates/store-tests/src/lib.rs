//! The conformance suite: what every store must do, run against SQLite and PostgreSQL.
//!
//! Each store crate calls [`conformance!`] with an expression that makes a fresh, empty
//! store; the macro expands to one test per case.
#![forbid(unsafe_code)]

mod accounts;
mod changelog;
mod contacts;
pub mod faults;
mod jobs;
mod misc;
mod ticker;

pub use accounts::*;
pub use changelog::*;
pub use contacts::*;
pub use jobs::*;
pub use misc::*;
pub use ticker::*;

use kontor_core::accounts::{AccountState, DisplayName, Email, NewAccount, Role};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use time::OffsetDateTime;

/// A fixed instant, whole seconds, so times round-trip exactly on both databases.
pub fn t0() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_790_000_000).expect("a valid timestamp")
}

/// A new account with a given e-mail.
pub fn new_account(email: &str, state: AccountState) -> NewAccount {
    NewAccount {
        id: MemberId::new(),
        email: Email::parse(email).expect("test e-mail is valid"),
        name: DisplayName::parse("Alice Example").expect("test name is valid"),
        password_hash: Some("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into()),
        lang: Lang::De,
        state,
        role: Role::Member,
        created_at: t0(),
        terms_accepted_at: None,
    }
}

/// Waits until `position` is final in the log. On PostgreSQL an entry becomes readable
/// only when every older write transaction of the server has ended, including other tests'.
pub async fn settled(store: &kontor_core::StoreHandle, position: kontor_core::changelog::LogPosition) {
    for _ in 0..500 {
        if store.log_head().await.expect("reading the log head") >= position {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("log position {position} did not become final within 5 s");
}

/// Expands to one `#[tokio::test]` per conformance case; `$make` is an async expression
/// yielding `Option<(StoreHandle, guard)>` for a fresh store (the guard cleans up when
/// dropped); `None` skips the case (no PostgreSQL reachable outside CI).
#[macro_export]
macro_rules! conformance {
    ($make:expr) => {
        $crate::conformance!(@cases $make;
            accounts_round_trip, duplicate_email_conflicts, verification_token_is_single_use,
            verification_links_add_up_and_end_together,
            tokens_expire, newer_token_replaces_older, sessions_expire_and_end,
            password_change_ends_other_sessions_and_tokens, password_reset_ends_all_sessions,
            devices_are_remembered_per_member, language_is_saved, purge_removes_only_old_unverified,
            every_write_appends_to_the_log, log_prunes_old_entries, writes_to_a_members_own_lists_and_sessions_are_logged, jobs_run_once_and_retry,
            jobs_park_and_come_back, jobs_of_a_member_go_with_them, rate_limits_count_per_window,
            profiles_round_trip, site_settings_default_and_update, legal_pages_are_kept_per_language_and_named_in_the_settings,
            imports_skip_taken_addresses_and_open_for_the_demo, profiles_link_entities_for_suggestions_and_merges,
            requests_become_contacts_once, declined_requests_stay_for_the_sender_until_pruned,
            contact_details_go_with_the_contact, contact_lists_page_search_and_filter,
            blocks_end_contacts_and_requests, settings_suggestions_and_the_network_snapshot,
            members_are_found_by_name_and_shown_company,
            member_cards_are_read_in_one_go,
            activities_round_trip_with_mentions_and_effects, ticker_settings_mutes_reports_and_mail_choices,
            contacts_and_profile_changes_reach_the_ticker,
            the_ticker_snapshot_holds_settings_birthdays_and_the_newest_activities,
            notifications_wait_for_the_digest_and_are_written_once
        );
    };
    (@cases $make:expr; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let Some((store, _guard)) = $make.await else { return };
                $crate::$case(store).await;
            }
        )*
    };
}
