//! Kontor's full-text index, on tantivy: one per node, on its local disk (or in memory),
//! derived from the database and fed by the change log like the node's other indexes
//! (built from a snapshot at start, then every entry that touches a person re-reads
//! them). It finds candidates and judges texts; who may see what is decided by the
//! core's search, which checks every candidate on what the searcher may see now.
//!
//! Documents today: people. A later domain adds its own fields and documents here and
//! its kinds to [`SearchIndex`]'s `listens` (see `docs/adding-a-domain.md`).

mod analysis;
mod judge;
mod query;
mod schema;

use async_trait::async_trait;
use kontor_core::changelog::{ChangeKind, Index, LogEntry, LogPosition};
use kontor_core::ids::MemberKey;
use kontor_core::search::Person;
use kontor_core::search::text::{PersonDocument, PreparedQuery, QueryProblem, TextIndex};
use kontor_core::{Store, StoreError};
use schema::Fields;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use tokio::sync::RwLock;

/// The indexing memory tantivy may use before it writes a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// How often a build tells how far it got.
const PROGRESS_EVERY: u64 = 100_000;

pub struct SearchIndex {
    reader: IndexReader,
    /// Adding and deleting share it; a commit takes it alone.
    writer: Arc<RwLock<IndexWriter<TantivyDocument>>>,
    fields: Fields,
    /// Where the index lives on disk (none: in memory).
    place: Option<PathBuf>,
}

impl SearchIndex {
    /// An empty index in `dir` (whatever was there is removed: the index is derived and
    /// built anew at start), or in memory.
    pub fn open(dir: Option<&Path>) -> Result<Arc<Self>, StoreError> {
        let (schema, fields) = Fields::schema();
        let builder = tantivy::IndexBuilder::new().schema(schema);
        let index = match dir {
            Some(dir) => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir).map_err(|e| failed("removing the old search index", e))?;
                }
                std::fs::create_dir_all(dir).map_err(|e| failed("creating the search index's folder", e))?;
                builder.create_in_dir(dir).map_err(|e| failed("creating the search index", e))?
            }
            None => builder.create_in_ram().map_err(|e| failed("creating the search index", e))?,
        };
        index.tokenizers().register(analysis::NAMES, analysis::names());
        index.tokenizers().register(analysis::GERMAN, analysis::german());
        index.tokenizers().register(analysis::ENGLISH, analysis::english());
        let writer =
            index.writer_with_num_threads(1, WRITER_MEMORY).map_err(|e| failed("opening the index writer", e))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| failed("opening the index reader", e))?;
        Ok(Arc::new(Self { reader, writer: Arc::new(RwLock::new(writer)), fields, place: dir.map(Path::to_owned) }))
    }

    /// Replaces these members' documents with `people` (those still open) and makes the
    /// change visible to searches.
    async fn replace(&self, members: &[MemberKey], people: Vec<Person>) -> Result<(), StoreError> {
        let writer = self.writer.clone();
        let reader = self.reader.clone();
        let fields = self.fields;
        let members = members.to_vec();
        tokio::task::spawn_blocking(move || {
            let mut writer = writer.blocking_write();
            for member in members {
                writer.delete_term(Term::from_field_u64(fields.member, member.0 as u64));
            }
            for person in people {
                writer.add_document(document(&fields, &person)).map_err(|e| failed("indexing a person", e))?;
            }
            writer.commit().map_err(|e| failed("committing the search index", e))?;
            reader.reload().map_err(|e| failed("reloading the search index", e))
        })
        .await
        .map_err(|e| StoreError::Other(Box::new(e)))?
    }
}

fn document(fields: &Fields, person: &Person) -> TantivyDocument {
    fields.document(&PersonDocument::of(person.member, &person.name, &person.profile))
}

fn failed(doing: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("{doing}: {e}").into())
}

impl TextIndex for SearchIndex {
    fn prepare(&self, query: &str, prefix: bool) -> Result<Box<dyn PreparedQuery>, QueryProblem> {
        Ok(Box::new(query::Prepared::new(query, prefix, self.fields, self.reader.searcher())?))
    }

    fn fold(&self, text: &str) -> String {
        analysis::terms(&mut analysis::names(), text).join(" ")
    }

    fn size(&self) -> (u64, u64) {
        let searcher = self.reader.searcher();
        let bytes = searcher.space_usage().map(|u| u.total().get_bytes()).unwrap_or_default();
        (searcher.num_docs(), bytes)
    }
}

#[async_trait]
impl Index<dyn Store> for SearchIndex {
    fn name(&self) -> &'static str {
        "search"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::MemberChanged, ChangeKind::ProfileChanged, ChangeKind::MemberErased]
    }

    async fn rebuild(&self, store: &dyn Store) -> Result<LogPosition, StoreError> {
        let started = Instant::now();
        let (fields, writer) = (self.fields, self.writer.clone());
        let mut count = 0u64;
        let mut problem = None;
        // Documents go to tantivy's indexing thread as they are read; nothing is held.
        let position = {
            let writer = writer.read().await;
            writer.delete_all_documents().map_err(|e| failed("emptying the search index", e))?;
            store
                .people_snapshot(&mut |person| {
                    if let Err(e) = writer.add_document(document(&fields, &person)) {
                        problem.get_or_insert(e);
                    }
                    count += 1;
                    if count.is_multiple_of(PROGRESS_EVERY) {
                        tracing::info!(people = count, "building the search index");
                    }
                })
                .await?
        };
        if let Some(e) = problem {
            return Err(failed("indexing a person", e));
        }
        self.replace(&[], Vec::new()).await?;
        let elapsed = started.elapsed();
        let (_, bytes) = self.size();
        tracing::info!(
            people = count,
            bytes,
            per_second = (count as f64 / elapsed.as_secs_f64().max(1e-6)) as u64,
            on_disk = self.place.is_some(),
            "search index built"
        );
        Ok(position)
    }

    async fn apply(&self, store: &dyn Store, entries: &[LogEntry]) -> Result<(), StoreError> {
        let mut members: Vec<MemberKey> = entries.iter().map(|e| MemberKey(e.subject)).collect();
        members.sort_unstable();
        members.dedup();
        let people = store.people(&members).await?;
        self.replace(&members, people).await
    }
}
