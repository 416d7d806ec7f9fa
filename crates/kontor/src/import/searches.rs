//! The demo's saved searches: the members a newcomer is offered to log in as keep a
//! search for what they look for and one for their city, and the first alert round has
//! already told them of two people each, so the bell shows search alerts at once.

use kontor_core::Kontor;
use kontor_core::ids::SavedSearchId;
use kontor_core::imports::ImportedMember;
use kontor_core::search::{Asker, PeopleQuery, SavedSearch};
use std::path::Path;

/// How many of the people each search finds count as new to its member.
const NEW_PER_SEARCH: usize = 2;
/// The pages of people an alert round reads.
const ALERT_PAGES: usize = kontor_core::search::PAGES_WATCHED;

pub async fn write(kontor: &Kontor, dir: &Path) -> anyhow::Result<String> {
    let sample = super::ldbc::read(dir, time::OffsetDateTime::now_utc())?;
    // The index answers searches only once the node follows the log.
    kontor.start_following().await?;
    let mut saved = 0;
    for (_, member) in sample.iter().take(3) {
        saved += keep_searches(kontor, member).await?;
    }
    let told = kontor.search().alert_round().await?;
    Ok(format!("{saved} saved searches, which told their members of {told} people."))
}

/// Saves a search for the member's first want and their city, with all but the first
/// people found counted as told.
async fn keep_searches(kontor: &Kontor, member: &ImportedMember) -> anyhow::Result<usize> {
    let store = kontor.store();
    let Some(credentials) = store.credentials_by_email(&member.account.email).await? else { return Ok(0) };
    let account = credentials.account;
    let queries: Vec<String> =
        [member.profile.wants.first().cloned(), Some(member.profile.city.clone())].into_iter().flatten().collect();
    let mut saved = 0;
    for query in queries.into_iter().filter(|q| !q.trim().is_empty()) {
        let mut viewer = kontor.network().viewer(&account).await?;
        let mut keys = Vec::new();
        // As many pages as an alert round reads.
        for page in 0..ALERT_PAGES {
            let q = PeopleQuery { page, ..PeopleQuery::words(&query) };
            let found = kontor.search().people(Asker::Member(&mut viewer), &q).await?;
            keys.extend(found.hits.iter().map(|hit| hit.member.key));
            if !found.more {
                break;
            }
        }
        let search = SavedSearch { id: SavedSearchId::new(), query, alerts: true, created_at: kontor.now() };
        store.save_search(account.key, &search, keys.get(NEW_PER_SEARCH..).unwrap_or_default()).await?;
        saved += 1;
    }
    Ok(saved)
}
