//! The conformance suite: what every store must do, run against SQLite and PostgreSQL.
//!
//! Each store crate calls [`conformance!`] with an expression that makes a fresh, empty
//! store; the macro expands to one test per case. A case is any public
//! `async fn name(store: StoreHandle)` here: `build.rs` collects them.
#![forbid(unsafe_code)]

mod accounts;
mod changelog;
mod contacts;
pub mod faults;
mod jobs;
mod misc;
mod search;
mod ticker;

pub use accounts::*;
pub use changelog::*;
pub use contacts::*;
pub use jobs::*;
pub use misc::*;
pub use search::*;
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

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// Expands to one `#[tokio::test]` per conformance case (every `pub async fn
/// name(store: StoreHandle)` of this crate, collected by `build.rs`); `$make` is an async
/// expression yielding `Option<(StoreHandle, guard)>` for a fresh store (the guard cleans
/// up when dropped); `None` skips the case (no PostgreSQL reachable outside CI).
#[macro_export]
macro_rules! conformance {
    ($make:expr) => {
        $crate::__conformance_cases!($make);
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
