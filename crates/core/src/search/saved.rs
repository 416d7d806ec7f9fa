//! Saved searches and their alerts: a member keeps a search, and whenever someone new
//! turns up among the people it finds (a new member, a changed profile, a new contact
//! bringing someone nearer), the member is told in the app and by e-mail as their
//! notification settings say (the digest unless they choose otherwise). The round runs
//! every few minutes as a job; it searches as the member, with what the member may see
//! at that moment, so an alert can tell of nothing the member could not find.

use super::service::Search;
use super::{Asker, MAX_PAGES, PeopleQuery};
use crate::accounts::{Account, Current};
use crate::error::{Error, FieldError, Result};
use crate::ids::{JobId, MemberKey, NotificationId, SavedSearchId, named_uuid};
use crate::jobs::{JobKind, NewJob};
use crate::notifications::{Effects, NewNotification, NotificationKind};
use serde::Serialize;
use std::collections::HashSet;
use time::{Duration, OffsetDateTime};

/// The most searches a member keeps.
pub const MOST_SAVED: usize = 20;
/// How often the alert round runs.
pub const ALERT_EVERY: Duration = Duration::minutes(5);
/// How many of a search's pages the round reads (the best people it finds).
pub const PAGES_WATCHED: usize = 3;
/// The most people one search tells of in one round (the rest count as told: a search
/// that suddenly finds many is worth refining, not fifty notifications).
const TOLD_PER_ROUND: usize = 5;

/// A search a member keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SavedSearch {
    pub id: SavedSearchId,
    /// What is searched for, as the member typed it.
    pub query: String,
    /// Whether new people it finds are told of.
    pub alerts: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

/// The round's job for the first run after `now` (one id per time slot, so however many
/// nodes schedule it, it is queued once).
pub fn next_alert_round(now: OffsetDateTime) -> NewJob {
    let slot = now.unix_timestamp().div_euclid(ALERT_EVERY.whole_seconds()) + 1;
    let at = OffsetDateTime::from_unix_timestamp(slot * ALERT_EVERY.whole_seconds()).unwrap_or(now);
    let id = JobId::from_uuid(named_uuid(&format!("search alerts {slot}")));
    NewJob { id, kind: JobKind::SearchAlerts, member: None, payload: serde_json::json!({}), run_at: at }
}

impl Search<'_> {
    /// Keeps `query` for the member; the people it finds now are not told of, only those
    /// found later (if `alerts`).
    pub async fn save(&self, current: &Current, query: &str, alerts: bool) -> Result<SavedSearch> {
        let query = query.trim();
        if query.chars().any(char::is_control) {
            return Err(Error::Invalid(vec![FieldError::new("q", "invalid_characters")]));
        }
        if query.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new("q", "required")]));
        }
        self.k.limit(crate::ratelimit::Limit::SearchesPerMember, &current.account.key.0.to_string()).attempt().await?;
        if self.k.store().saved_searches(current.account.key).await?.len() >= MOST_SAVED {
            return Err(Error::Invalid(vec![FieldError::new("q", "too_many")]));
        }
        let found = self.watched(&current.account, query).await?;
        let search =
            SavedSearch { id: SavedSearchId::new(), query: query.to_owned(), alerts, created_at: self.k.now() };
        self.k.store().save_search(current.account.key, &search, &found).await?;
        Ok(search)
    }

    pub async fn saved(&self, current: &Current) -> Result<Vec<SavedSearch>> {
        Ok(self.k.store().saved_searches(current.account.key).await?)
    }

    pub async fn forget(&self, current: &Current, id: SavedSearchId) -> Result<()> {
        match self.k.store().delete_saved_search(current.account.key, id).await? {
            true => Ok(()),
            false => Err(Error::NotFound),
        }
    }

    pub async fn set_alerts(&self, current: &Current, id: SavedSearchId, alerts: bool) -> Result<()> {
        match self.k.store().set_search_alerts(current.account.key, id, alerts).await? {
            true => Ok(()),
            false => Err(Error::NotFound),
        }
    }

    /// Queues the alert round if it is not queued yet (at start-up and with the
    /// housekeeping).
    pub async fn schedule_alerts(&self) -> Result<()> {
        self.k.enqueue(&[next_alert_round(self.k.now())]).await
    }

    /// Runs every saved search with alerts on as its member, tells them of the people
    /// found for the first time, and queues the next round. Returns how many were told.
    pub async fn alert_round(&self) -> Result<usize> {
        // The next round first: a search that fails holds up neither it nor the others.
        self.schedule_alerts().await?;
        let mut told = 0;
        let mut after = None;
        loop {
            let batch = self.k.store().alerting_searches(after, 100).await?;
            let Some((_, last)) = batch.last() else { break };
            after = Some(last.id);
            for (member, search) in &batch {
                match self.alert(*member, search).await {
                    Ok(n) => told += n,
                    Err(e) => tracing::warn!(search = %search.id, error = %e, "a saved search's alert failed"),
                }
            }
        }
        Ok(told)
    }

    async fn alert(&self, member: MemberKey, search: &SavedSearch) -> Result<usize> {
        let Some(account) = self.k.account(member).await?.filter(Account::is_open) else { return Ok(0) };
        let found = match self.watched(&account, &search.query).await {
            Ok(found) => found,
            // A query saved under older rules that cannot be searched now tells nothing.
            Err(Error::Invalid(_)) => return Ok(0),
            Err(e) => return Err(e),
        };
        let seen: HashSet<MemberKey> = self.k.store().search_seen(search.id).await?.into_iter().collect();
        let new: Vec<MemberKey> = found.into_iter().filter(|m| !seen.contains(m)).collect();
        if new.is_empty() {
            return Ok(0);
        }
        let mail = self.k.notifications().choice(member, NotificationKind::SearchMatch).await?;
        let mut effects = Effects::none();
        for &found in new.iter().take(TOLD_PER_ROUND) {
            // One id per search and person: a round run twice, or on two nodes, tells once.
            let id = NotificationId::from_uuid(named_uuid(&format!("search {} {}", search.id, found.0)));
            effects.notify(NewNotification {
                id,
                recipient: member,
                kind: NotificationKind::SearchMatch,
                actor: Some(found),
                activity: None,
                mail,
                created_at: self.k.now(),
            });
        }
        self.k.store().search_told(search.id, &new, &effects).await?;
        self.k.written().await?;
        Ok(effects.notifications.len())
    }

    /// The people a search finds for `account` on the pages an alert watches.
    async fn watched(&self, account: &Account, query: &str) -> Result<Vec<MemberKey>> {
        let mut viewer = self.k.network().viewer(account).await?;
        let mut found = Vec::new();
        for page in 0..PAGES_WATCHED.min(MAX_PAGES) {
            let q = PeopleQuery { page, ..PeopleQuery::words(query) };
            let people = self.people(Asker::Member(&mut viewer), &q).await?;
            found.extend(people.hits.iter().map(|hit| hit.member.key));
            if !people.more {
                break;
            }
        }
        Ok(found)
    }
}
