//! One tantivy index of the node's search index (people, posts): created empty at start,
//! written by one writer, read by searches through a reader reloaded after each commit.

use crate::analysis;
use kontor_core::StoreError;
use std::path::Path;
use std::sync::Arc;
use tantivy::schema::Schema;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use tokio::sync::RwLock;

/// The indexing memory tantivy may use per index before it writes a segment.
const WRITER_MEMORY: usize = 48 * 1024 * 1024;

#[derive(Clone)]
pub struct Part {
    reader: IndexReader,
    /// Adding and deleting share it; a commit takes it alone.
    writer: Arc<RwLock<IndexWriter<TantivyDocument>>>,
}

impl Part {
    /// An empty index in `dir` (whatever was there is removed: it is derived and built
    /// anew at start), or in memory.
    pub fn open(dir: Option<&Path>, schema: Schema) -> Result<Self, StoreError> {
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
        Ok(Self { reader, writer: Arc::new(RwLock::new(writer)) })
    }

    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Documents held, and bytes.
    pub fn size(&self) -> (u64, u64) {
        let searcher = self.reader.searcher();
        let bytes = searcher.space_usage().map(|u| u.total().get_bytes()).unwrap_or_default();
        (searcher.num_docs(), bytes)
    }

    /// Empties the index, then hands `fill` the writer (documents go to tantivy's
    /// indexing thread as they come); commits when `fill` is done.
    pub async fn refill<T>(
        &self,
        fill: impl AsyncFnOnce(&IndexWriter<TantivyDocument>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let filled = {
            let writer = self.writer.read().await;
            writer.delete_all_documents().map_err(|e| failed("emptying the search index", e))?;
            fill(&writer).await?
        };
        self.replace(Vec::new(), Vec::new()).await?;
        Ok(filled)
    }

    /// Deletes the documents `deleted` names, adds `added`, commits, and makes it visible.
    pub async fn replace(&self, deleted: Vec<Term>, added: Vec<TantivyDocument>) -> Result<(), StoreError> {
        let (writer, reader) = (self.writer.clone(), self.reader.clone());
        tokio::task::spawn_blocking(move || {
            let mut writer = writer.blocking_write();
            for term in deleted {
                writer.delete_term(term);
            }
            for doc in added {
                writer.add_document(doc).map_err(|e| failed("indexing", e))?;
            }
            writer.commit().map_err(|e| failed("committing the search index", e))?;
            reader.reload().map_err(|e| failed("reloading the search index", e))
        })
        .await
        .map_err(|e| StoreError::Other(Box::new(e)))?
    }
}

pub fn failed(doing: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("{doing}: {e}").into())
}
