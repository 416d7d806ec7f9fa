//! Live updates for one connected member: new items in their ticker and their unread
//! count, as this node learns of them (its own writes at once, other nodes' through the
//! change log). Each new activity goes through the same gate as a ticker page, so the
//! count never announces an item the page would not show.

use super::TickerNeeds;
use super::index::Fresh;
use super::read::Gate;
use super::{Ticker, TickerFilter};
use crate::accounts::Current;
use crate::error::Result;
use crate::ids::MemberKey;
use crate::network::{Viewer, vertex};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::{Receiver, error::RecvError};

/// How long a connection trusts its view of the member's network before reading it again
/// (a new contact's items count from then on; a removed one's stop).
const FRESH_FOR: Duration = Duration::from_secs(15);

/// What a connected member hears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveEvent {
    /// One more item at the top of their ticker.
    NewItem,
    /// Their count of unread notifications changed.
    Unread(u64),
}

pub struct LiveFeed {
    k: Arc<dyn TickerNeeds>,
    current: Current,
    rx: Receiver<Fresh>,
    viewer: Viewer,
    muted: HashSet<MemberKey>,
    read_at: Instant,
}

impl Ticker<'_> {
    /// Starts listening for the current member.
    pub async fn live(&self, current: &Current) -> Result<LiveFeed> {
        let rx = self.k.index().subscribe();
        let viewer = self.k.network().viewer(&current.account).await?;
        let muted = self.k.member_state(current.account.key).await?.mutes.iter().copied().collect();
        Ok(LiveFeed { k: self.k.held(), current: current.clone(), rx, viewer, muted, read_at: Instant::now() })
    }
}

impl LiveFeed {
    /// The next event for this member; `None` when the node shuts down.
    pub async fn next(&mut self) -> Result<Option<LiveEvent>> {
        let me = self.current.account.key;
        loop {
            let fresh = match self.rx.recv().await {
                Ok(fresh) => fresh,
                // Fell behind a burst: what was missed is on the page when it is reloaded.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return Ok(None),
            };
            if self.read_at.elapsed() > FRESH_FOR && !self.refresh().await? {
                return Ok(None);
            }
            match fresh {
                Fresh::Notifications { member } if member == me => {
                    let unread = self.k.member_state(me).await?.unread_notifications;
                    return Ok(Some(LiveEvent::Unread(unread)));
                }
                Fresh::Activity { author, key } if author != me && self.shows(author, key.0).await? => {
                    return Ok(Some(LiveEvent::NewItem));
                }
                _ => {}
            }
        }
    }

    /// Reads the member's network and mutes again; false if their account is no longer
    /// open (suspended, closed, gone), which ends the stream.
    async fn refresh(&mut self) -> Result<bool> {
        let store = self.k.store();
        let Some(account) = store.account_by_key(self.current.account.key).await?.filter(|a| a.is_open()) else {
            return Ok(false);
        };
        self.viewer = self.k.network().viewer(&account).await?;
        self.muted = self.k.member_state(account.key).await?.mutes.iter().copied().collect();
        self.read_at = Instant::now();
        Ok(true)
    }

    /// Would the member's ticker show this activity of `author`?
    async fn shows(&mut self, author: MemberKey, key: i64) -> Result<bool> {
        if !self.viewer.is_contact(author) || self.muted.contains(&author) {
            return Ok(false);
        }
        let (Some(v), Some(list)) = (vertex(author), self.k.index().author(author)) else { return Ok(false) };
        let Some(entry) = list.entries.iter().rev().find(|e| e.key == key) else { return Ok(false) };
        Ok(Gate::new(&mut self.viewer, TickerFilter::All).admits(v, &list, entry))
    }
}
