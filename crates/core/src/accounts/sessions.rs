//! Sessions held in memory: every request of a signed-in browser asks whose it is, and
//! the answer changes only when the member logs out, changes a credential or their
//! account changes, all of which the change log names. A session is read from the
//! database again once a minute, which marks it seen there.

use super::SessionRepo;
use super::{Account, Session};
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogCache, LogEntry, LogPosition};
use crate::ids::MemberKey;
use crate::secrets::TokenHash;
use async_trait::async_trait;
use std::collections::HashSet;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Sessions held: a few hundred bytes each.
const HELD: usize = 50_000;

/// How often a session in use is marked seen in the database (the store's own pace).
const SEEN_EVERY: Duration = Duration::minutes(1);

pub struct SessionCache(LogCache<[u8; 32], Arc<(Session, Account)>>);

impl SessionCache {
    pub(crate) fn switch_off(&self) {
        self.0.reset(false);
    }

    /// Reads answered from memory and from the database.
    pub fn counts(&self) -> (u64, u64) {
        self.0.counts()
    }

    pub fn new() -> Arc<Self> {
        // Forgotten by member: a session carries its account.
        Arc::new(Self(LogCache::grouped_by_row(HELD, |_, row| row.1.key.0)))
    }

    /// The session with this token and its account, if the session has not expired.
    pub async fn read<S: SessionRepo + ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
        token: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<(Session, Account)>, StoreError> {
        let Some(key) = token.bytes() else { return store.session_by_token(token, now).await };
        let load = |_| async move {
            let found = store.session_by_token(token, now).await?;
            Ok::<_, StoreError>(
                found
                    .map(|(mut session, account)| {
                        // The store has just marked it seen, if it was due.
                        if now - session.last_seen_at > SEEN_EVERY {
                            session.last_seen_at = now;
                        }
                        (key, Arc::new((session, account)))
                    })
                    .into_iter()
                    .collect(),
            )
        };
        let mut held = self.0.read_one(key, load).await?;
        if held.as_ref().is_some_and(|row| now - row.0.last_seen_at > SEEN_EVERY) {
            self.0.forget([key]);
            held = self.0.read_one(key, load).await?;
        }
        Ok(held.filter(|row| row.0.expires_at > now).map(|row| (*row).clone()))
    }

    /// This node ended every member's sessions.
    pub fn forget_everyone(&self) {
        self.0.forget_all();
    }

    /// This node ended sessions or changed credentials of these members.
    pub fn forget_members(&self, members: &HashSet<MemberKey>) {
        if !members.is_empty() {
            self.0.forget_groups(members.iter().map(|m| m.0));
        }
    }
}

#[async_trait]
impl<S: SessionRepo + ChangeLogRepo + ?Sized> Index<S> for SessionCache {
    fn name(&self) -> &'static str {
        "sessions"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[
            ChangeKind::EverySessionEnded,
            ChangeKind::SessionsChanged,
            ChangeKind::MemberChanged,
            ChangeKind::ProfileChanged,
            ChangeKind::MemberErased,
        ]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        self.0.rebuild(store).await
    }

    async fn apply(&self, _store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        if entries.iter().any(|e| e.kind == ChangeKind::EverySessionEnded) {
            self.forget_everyone();
            return Ok(());
        }
        // A session carries its account: state, role, name (a profile edit), language,
        // whether two-factor log-in is on.
        let members: HashSet<MemberKey> = entries.iter().map(|e| MemberKey(e.subject)).collect();
        self.forget_members(&members);
        Ok(())
    }
}
