//! The graph as one of the node's indexes: built from a snapshot of the database, kept
//! current from the change log, compacted in the background.

use super::NetworkRepo;
use super::{NetworkRow, Reveal, vertex};
use crate::StoreError;
use crate::changelog::ChangeLogRepo;
use crate::changelog::{ChangeKind, Index, LogEntry, LogPosition};
use crate::ids::MemberKey;
use async_trait::async_trait;
use kontor_graph::{Change, Graph, GraphBuilder, Scratch, Snapshot, degree_counts};
use std::sync::{Arc, RwLock};
use std::time::Instant;

pub struct NetworkIndex {
    /// Replaced whole on a rebuild; changed in place (by the graph's own writer) otherwise.
    graph: RwLock<Arc<Graph>>,
    /// One refresh at a time, each reading the database after the one before: the last
    /// to run has read the newest state, so a slow refresh never undoes a newer one.
    refreshing: tokio::sync::Mutex<()>,
}

impl NetworkIndex {
    pub fn new() -> Arc<Self> {
        Arc::new(Self { graph: RwLock::new(Arc::new(Graph::new())), refreshing: tokio::sync::Mutex::new(()) })
    }

    /// How many members are 1, 2 and 3 steps from the viewer.
    pub fn degree_counts(reveal: &mut Reveal) -> [u64; 3] {
        let viewer = reveal.viewer();
        let snapshot = reveal.snapshot().clone();
        let counts = Scratch::with(|s| degree_counts(&*snapshot, reveal, s, viewer, 3));
        [counts[0], counts[1], counts[2]]
    }

    fn graph(&self) -> Arc<Graph> {
        self.graph.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.graph().snapshot()
    }

    /// Re-reads what the database says of these members and applies the differences,
    /// so a change is visible on this node before the log brings it round.
    pub async fn refresh<S: NetworkRepo + ChangeLogRepo + ?Sized>(
        &self,
        store: &S,
        members: &[MemberKey],
    ) -> Result<(), StoreError> {
        let _one_at_a_time = self.refreshing.lock().await;
        let graph = self.graph();
        let mut changes = Vec::new();
        for &key in members {
            let Some(v) = vertex(key) else { continue };
            let have = graph.snapshot().all_contacts(v);
            let want: Vec<u32> = match store.network_member(key).await? {
                Some((active, list)) => {
                    changes.push(if active { Change::Activate(v) } else { Change::Deactivate(v) });
                    changes.push(Change::Tag(v, list.tag()));
                    let mut keys: Vec<u32> = store.contact_keys(key).await?.into_iter().filter_map(vertex).collect();
                    keys.sort_unstable();
                    keys
                }
                None => {
                    changes.push(Change::Deactivate(v));
                    Vec::new()
                }
            };
            changes.extend(want.iter().filter(|w| have.binary_search(w).is_err()).map(|&w| Change::Connect(v, w)));
            changes.extend(have.iter().filter(|h| want.binary_search(h).is_err()).map(|&h| Change::Disconnect(v, h)));
        }
        graph.apply(&changes);
        if graph.needs_compaction() {
            tokio::task::spawn_blocking(move || {
                let started = Instant::now();
                if graph.compact() {
                    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "network graph compacted");
                }
            });
        }
        Ok(())
    }
}

#[async_trait]
impl<S: NetworkRepo + ChangeLogRepo + ?Sized> Index<S> for NetworkIndex {
    fn name(&self) -> &'static str {
        "network"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::NetworkChanged, ChangeKind::MemberChanged, ChangeKind::MemberErased]
    }

    async fn rebuild(&self, store: &S) -> Result<LogPosition, StoreError> {
        let started = Instant::now();
        let mut builder = GraphBuilder::new();
        let mut members = 0u64;
        let mut skipped = 0u64;
        let position = store
            .network_snapshot(&mut |row| match row {
                NetworkRow::Member { key, active, list } => match vertex(key) {
                    Some(v) => {
                        builder.member(v, active, list.tag());
                        members += 1;
                    }
                    None => skipped += 1,
                },
                NetworkRow::Contact(a, b) => {
                    if let (Some(a), Some(b)) = (vertex(a), vertex(b)) {
                        builder.contact(a, b);
                        let read = builder.contacts_added();
                        if read.is_multiple_of(1_000_000) {
                            tracing::info!(contacts = read, "network graph: reading contacts");
                        }
                    }
                }
            })
            .await?;
        if skipped > 0 {
            tracing::error!(skipped, "members with keys beyond the graph's range are left out of the network");
        }
        let read = builder.contacts_added();
        let graph = tokio::task::spawn_blocking(move || builder.build())
            .await
            .map_err(|e| StoreError::Other(e.to_string().into()))?;
        let snapshot = graph.snapshot();
        tracing::info!(
            members,
            contacts = snapshot.contacts(),
            read,
            bytes = snapshot.memory_bytes(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "network graph built"
        );
        *self.graph.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(graph);
        Ok(position)
    }

    async fn apply(&self, store: &S, entries: &[LogEntry]) -> Result<(), StoreError> {
        let mut touched: Vec<MemberKey> = entries.iter().map(|e| MemberKey(e.subject)).collect();
        touched.sort_unstable();
        touched.dedup();
        self.refresh(store, &touched).await
    }
}
