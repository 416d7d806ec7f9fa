//! Importers for `kontor import` and `kontor demo`.

use crate::config::Settings;
use crate::node::open_store;
use anyhow::Context;
use kontor_core::clock::SystemClock;
use std::path::Path;
use std::sync::Arc;

pub mod bundled;
mod business;
pub mod edges;
pub mod history;
pub mod ldbc;
mod searches;

/// Shows how far a long import has come, on one line of standard error.
pub struct Progress {
    what: &'static str,
    total: usize,
    done: usize,
}

impl Progress {
    pub fn new(what: &'static str, total: usize) -> Self {
        Self { what, total, done: 0 }
    }

    /// Counts `by` more done; the line is redrawn when the percentage changes.
    pub fn advance(&mut self, by: usize) {
        let before = (self.done * 100).checked_div(self.total).unwrap_or(100);
        self.done += by;
        let percent = (self.done * 100).checked_div(self.total).unwrap_or(100);
        if percent == before && self.done < self.total && self.done > by {
            return;
        }
        eprint!("\r{}: {}/{} ({percent}%)", self.what, self.done, self.total);
        if self.done >= self.total {
            eprintln!();
        }
    }
}

/// Fills the data directory of `settings` with the demo network from the LDBC data set in
/// `dir` (members, contacts, a mix of list settings, a month of history and saved
/// searches that have told of new people), unless it
/// holds the demo already. Returns what it did, a line each.
pub async fn fill_demo(settings: &Settings, dir: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(&settings.data_dir).with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let store: kontor_core::StoreHandle = open_store(settings).await?;
    if store.site_settings().await?.demo {
        return Ok(Vec::new());
    }
    if store.log_head().await? != kontor_core::changelog::LogPosition::START {
        anyhow::bail!(
            "{} holds a Kontor that `kontor demo` did not create; demo log-ins exist only in demo directories. \
             Choose another --data-dir.",
            settings.data_dir.display()
        );
    }
    let kontor = crate::node::tool_kontor(settings, store.clone(), Arc::new(SystemClock))?;
    let (_, contacts) = ldbc::import(&kontor, dir).await?;
    let mix = ldbc::demo_list_settings(&kontor, dir).await?;
    let history = history::write(&kontor, dir).await?;
    // Opening the demo marks the directory as a finished demo (and lets its members in).
    let opened = kontor.imports().open_demo().await.map_err(|e| anyhow::anyhow!("opening the demo: {e}"))?;
    // Searches find open members only: after the opening.
    let searches = searches::write(&kontor, dir).await?;
    Ok(vec![format!("The demo network has {opened} members and {contacts} contacts."), mix, history, searches])
}
