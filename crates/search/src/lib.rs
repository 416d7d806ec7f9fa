//! Kontor's full-text index, on tantivy: one per node, on its local disk (or in memory),
//! derived from the database and fed by the change log like the node's other indexes
//! (built from a snapshot at start, then every entry that touches a person or a post
//! re-reads it). It finds candidates and judges texts; who may see what is decided by
//! the core's search, which checks every candidate on what the searcher may see now.
//!
//! Documents today: people and posts. People are applied with the log entry (a changed
//! profile is found once the change is acknowledged); posts are many and written on the
//! busiest path, so the entries only name them, and a worker of this index reads and
//! commits them in batches, within a moment. A later domain adds its documents here and
//! its kinds to [`SearchIndex`]'s `listens` (see `docs/adding-a-domain.md`).

mod analysis;
mod judge;
mod part;
mod query;
mod schema;

use async_trait::async_trait;
use kontor_core::changelog::{ChangeKind, Index, LogEntry, LogPosition};
use kontor_core::ids::{ActivityKey, MemberKey};
use kontor_core::search::text::{PersonDocument, PreparedQuery, QueryProblem, TextIndex};
use kontor_core::search::{Person, PostText};
use kontor_core::{Store, StoreError, StoreHandle};
use part::{Part, failed};
use schema::{Fields, PostFields};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tantivy::{TantivyDocument, Term};
use tokio::sync::Notify;

/// The least time between two commits of posts: under a stream of posts each commit
/// takes many (a commit writes a segment; fewer, larger ones cost the busy server less),
/// and a post is still found within a second.
const COMMIT_PAUSE: Duration = Duration::from_millis(500);

/// How often a build tells how far it got.
const PROGRESS_EVERY: u64 = 100_000;

pub struct SearchIndex {
    people: Part,
    fields: Fields,
    posts: Part,
    post_fields: PostFields,
    /// Posts and authors named by the log, for the worker.
    waiting: Mutex<Waiting>,
    wake: Arc<Notify>,
    /// Where the index lives on disk (none: in memory).
    place: Option<PathBuf>,
}

#[derive(Default)]
struct Waiting {
    posts: BTreeSet<ActivityKey>,
    /// Members whose posts are read anew (they changed state: closed, reopened, erased).
    authors: BTreeSet<MemberKey>,
    /// Rounds in a row that failed with what waits.
    failures: u32,
}

/// Rounds a batch is tried before it is given up (a row that cannot be read would
/// otherwise hold up every later post until a restart builds the index anew).
const TRIES: u32 = 3;

impl SearchIndex {
    /// An empty index in `dir` (whatever was there is removed: the index is derived and
    /// built anew at start), or in memory; its worker reads posts from `store`.
    pub fn open(dir: Option<&Path>, store: StoreHandle) -> Result<Arc<Self>, StoreError> {
        let (schema, fields) = Fields::schema();
        let people = Part::open(dir.map(|d| d.join("people")).as_deref(), schema)?;
        let (schema, post_fields) = PostFields::schema();
        let posts = Part::open(dir.map(|d| d.join("posts")).as_deref(), schema)?;
        let index = Arc::new(Self {
            people,
            fields,
            posts,
            post_fields,
            waiting: Mutex::default(),
            wake: Arc::new(Notify::new()),
            place: dir.map(Path::to_owned),
        });
        tokio::spawn(work(Arc::downgrade(&index), index.wake.clone(), store));
        Ok(index)
    }

    /// Replaces these members' documents with `people` (those still open).
    async fn replace_people(&self, members: &[MemberKey], people: Vec<Person>) -> Result<(), StoreError> {
        let deleted = members.iter().map(|m| Term::from_field_u64(self.fields.member, m.0 as u64)).collect();
        let added = people.iter().map(|p| person_document(&self.fields, p)).collect();
        self.people.replace(deleted, added).await
    }

    /// Reads the waiting posts and authors' posts and replaces their documents; what
    /// fails waits for the next round. Returns whether there was anything to do.
    async fn index_waiting(&self, store: &dyn Store) -> Result<bool, StoreError> {
        let taken = std::mem::take(&mut *self.waiting.lock().unwrap_or_else(|p| p.into_inner()));
        if taken.posts.is_empty() && taken.authors.is_empty() {
            return Ok(false);
        }
        let keys: Vec<ActivityKey> = taken.posts.iter().copied().collect();
        let authors: Vec<MemberKey> = taken.authors.iter().copied().collect();
        let indexed = self.index_posts(store, &keys, &authors).await;
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        match indexed {
            Ok(()) => waiting.failures = 0,
            Err(_) if taken.failures + 1 >= TRIES => {
                tracing::warn!(
                    posts = keys.len(),
                    authors = authors.len(),
                    "gave up indexing posts after {TRIES} tries; the next build of the index takes them in"
                );
                waiting.failures = 0;
            }
            Err(_) => {
                waiting.posts.extend(taken.posts);
                waiting.authors.extend(taken.authors);
                waiting.failures = taken.failures + 1;
            }
        }
        drop(waiting);
        indexed.map(|()| true)
    }

    async fn index_posts(
        &self,
        store: &dyn Store,
        keys: &[ActivityKey],
        authors: &[MemberKey],
    ) -> Result<(), StoreError> {
        let mut found = store.post_texts(keys).await?;
        found.extend(store.post_texts_by(authors).await?);
        let f = self.post_fields;
        let deleted = keys
            .iter()
            .map(|k| Term::from_field_u64(f.key, k.0 as u64))
            .chain(authors.iter().map(|a| Term::from_field_u64(f.author, a.0 as u64)))
            .collect();
        let added = found.iter().filter_map(|p| f.document(p)).collect();
        self.posts.replace(deleted, added).await
    }
}

/// Indexes what the log named, until the index is dropped: woken by `apply`, and at least
/// every few seconds (so nothing waits for long if a wake-up was missed).
async fn work(index: Weak<SearchIndex>, wake: Arc<Notify>, store: StoreHandle) {
    loop {
        let woken = wake.notified();
        let worked = {
            let Some(held) = index.upgrade() else { return };
            match held.index_waiting(&*store).await {
                Ok(worked) => worked,
                Err(e) => {
                    tracing::warn!(error = %e, "indexing posts failed; they are tried again");
                    true
                }
            }
        };
        if worked {
            tokio::time::sleep(COMMIT_PAUSE).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(2), woken).await;
    }
}

fn person_document(fields: &Fields, person: &Person) -> TantivyDocument {
    fields.document(&PersonDocument::of(person.member, &person.name, &person.profile))
}

impl TextIndex for SearchIndex {
    fn prepare(&self, query: &str, prefix: bool) -> Result<Box<dyn PreparedQuery>, QueryProblem> {
        let people = (self.people.searcher(), self.fields);
        let posts = (self.posts.searcher(), self.post_fields);
        Ok(Box::new(query::Prepared::new(query, prefix, people, posts)?))
    }

    fn fold(&self, text: &str) -> String {
        analysis::terms(&mut analysis::names(), text).join(" ")
    }

    fn size(&self) -> (u64, u64) {
        let ((people, a), (_, b)) = (self.people.size(), self.posts.size());
        (people, a + b)
    }
}

#[async_trait]
impl Index<dyn Store> for SearchIndex {
    fn name(&self) -> &'static str {
        "search"
    }

    fn listens(&self) -> &'static [ChangeKind] {
        &[ChangeKind::MemberChanged, ChangeKind::ProfileChanged, ChangeKind::MemberErased, ChangeKind::PostChanged]
    }

    async fn rebuild(&self, store: &dyn Store) -> Result<LogPosition, StoreError> {
        let started = Instant::now();
        let fields = self.fields;
        let (position, people) = self
            .people
            .refill(async |writer| {
                let (mut count, mut problem) = (0u64, None);
                let position = store
                    .people_snapshot(&mut |person| {
                        if let Err(e) = writer.add_document(person_document(&fields, &person)) {
                            problem.get_or_insert(e);
                        }
                        count += 1;
                        if count.is_multiple_of(PROGRESS_EVERY) {
                            tracing::info!(people = count, "building the search index");
                        }
                    })
                    .await?;
                problem.map_or(Ok((position, count)), |e| Err(failed("indexing a person", e)))
            })
            .await?;
        let post_fields = self.post_fields;
        let posts = self
            .posts
            .refill(async |writer| {
                let (mut count, mut problem) = (0u64, None);
                store
                    .posts_snapshot(&mut |post: PostText| {
                        if let Some(doc) = post_fields.document(&post)
                            && let Err(e) = writer.add_document(doc)
                        {
                            problem.get_or_insert(e);
                        }
                        count += 1;
                    })
                    .await?;
                problem.map_or(Ok(count), |e| Err(failed("indexing a post", e)))
            })
            .await?;
        let elapsed = started.elapsed();
        let (_, bytes) = self.size();
        tracing::info!(
            people,
            posts,
            bytes,
            people_per_second = (people as f64 / elapsed.as_secs_f64().max(1e-6)) as u64,
            on_disk = self.place.is_some(),
            "search index built"
        );
        // The people's snapshot was read first: the log from there is applied again.
        Ok(position)
    }

    async fn apply(&self, store: &dyn Store, entries: &[LogEntry]) -> Result<(), StoreError> {
        let mut members: Vec<MemberKey> =
            entries.iter().filter(|e| e.kind != ChangeKind::PostChanged).map(|e| MemberKey(e.subject)).collect();
        members.sort_unstable();
        members.dedup();
        {
            let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
            waiting
                .posts
                .extend(entries.iter().filter(|e| e.kind == ChangeKind::PostChanged).map(|e| ActivityKey(e.subject)));
            // A member who closes, comes back or goes: their posts go or come with them.
            waiting.authors.extend(
                entries
                    .iter()
                    .filter(|e| matches!(e.kind, ChangeKind::MemberChanged | ChangeKind::MemberErased))
                    .map(|e| MemberKey(e.subject)),
            );
        }
        self.wake.notify_one();
        if members.is_empty() {
            return Ok(());
        }
        let people = store.people(&members).await?;
        self.replace_people(&members, people).await
    }
}
