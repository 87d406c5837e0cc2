//! The newsgraph knowledge base: analysed articles, canonical entities, attributions, dates and
//! figures, with full-text search.
//!
//! Two backends behind one [`Store`]:
//! - **SQLite + tantivy** (the default, embedded): a directory holding `newsgraph.sqlite` (WAL)
//!   and `index/` (tantivy, BM25). SQLite is the source of truth; the index is rebuilt from it
//!   where a crash left it behind.
//! - **PostgreSQL** (`postgres://…`), the shared multi-user backend. Search uses PostgreSQL's own
//!   full-text search (a generated `tsvector` column with a GIN index, `websearch_to_tsquery`,
//!   `ts_rank_cd`, `ts_headline`): several users and ingesters share one server, and a tantivy
//!   directory would need a shared file system and a second thing to keep consistent; in the
//!   database the index is transactional with the rows, so nothing can drift after a crash.
//!
//! All queries are written once against [`sql::Db`]; schema changes are versioned migrations
//! ([`schema`]).

#![warn(missing_docs)]

pub mod aggregates;
pub mod aliases;
pub mod cancel;
pub mod export;
mod facet_count;
mod ingest;
// One field of `names::PersonName` lacks a doc; the file belongs to the lexicon work.
mod mention_spans;
#[allow(missing_docs)]
pub mod names;
mod packed;
mod query;
mod quote_walk;
pub mod reindex;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod sql;
mod types;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use cancel::CancelFlag;
pub use ingest::IngestStats;
pub use packed::{stored_analysis_json, ANALYSIS_LEVEL};
pub use query::{CO_OCCURRENCE_ARTICLES, SPEAKER_KINDS};
pub use types::*;

use sql::{Db, PgDb, SqliteDb};

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The SQLite database failed.
    #[error("SQLite: {0}")]
    Sqlite(rusqlite::Error),
    /// The PostgreSQL server or connection failed.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// The tantivy search index failed.
    #[error("search index: {0}")]
    Index(String),
    /// The database schema is not one this build understands.
    #[error("schema: {0}")]
    Schema(String),
    /// A file-system operation failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// A stored document could not be (de)serialised.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The request is malformed (the caller's fault: HTTP 400).
    #[error("invalid request: {0}")]
    Invalid(String),
    /// The store cannot serve the call now (lock held, pool poisoned: HTTP 503).
    #[error("store busy: {0}")]
    Busy(String),
    /// The path given as a store is something else (a file, a foreign directory).
    #[error("{0}")]
    NotAStore(String),
    /// The caller cancelled the call (see [`cancel`]).
    #[error("cancelled")]
    Cancelled,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            // Raised by the progress handler of a cancelled call.
            Some(rusqlite::ErrorCode::OperationInterrupted) => StoreError::Cancelled,
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotAStore(format!(
                "not a newsgraph store: its newsgraph.sqlite is not a SQLite database ({e})"
            )),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<tantivy::TantivyError> for StoreError {
    fn from(e: tantivy::TantivyError) -> Self {
        StoreError::Index(e.to_string())
    }
}

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Reading and ingesting; takes the search index's writer lock and repairs the index.
    ReadWrite,
    /// Reading only (`serve`): several readers may share a store another process ingests into.
    ReadOnly,
}

/// Which backend a store uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A directory with `newsgraph.sqlite` and `index/`.
    Embedded(PathBuf),
    /// A PostgreSQL connection string.
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a directory path.
    pub fn parse(s: &str) -> Location {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Location::Postgres(s.to_string())
        } else {
            Location::Embedded(PathBuf::from(s))
        }
    }

    /// The default store: `newsgraph/store` in the user's data directory.
    pub fn default_embedded() -> Location {
        let base = directories::ProjectDirs::from("org", "newsgraph", "newsgraph")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".newsgraph"));
        Location::Embedded(base.join("store"))
    }

    /// A printable form that never shows a password.
    pub fn describe(&self) -> String {
        match self {
            Location::Embedded(p) => p.display().to_string(),
            Location::Postgres(url) => redact_url(url),
        }
    }
}

fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***@{}", &url[..scheme_end + 3], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Reading connections per store: searches and pages run concurrently on these. Eight, so that
/// the server's expensive requests (two at once by default) leave most of them to searches;
/// reads go through the shared memory map, so a connection costs little memory.
const READERS: usize = 8;

/// The SQLite file inside an embedded store's directory.
const DB_FILE: &str = "newsgraph.sqlite";

/// Refuses a path that exists but cannot be a store, with a message that says so (rather than
/// the "File exists" that creating a directory over a file reports).
fn check_store_dir(dir: &Path) -> Result<(), StoreError> {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(()); // new: it will be created
    };
    if !meta.is_dir() {
        return Err(StoreError::NotAStore(format!(
            "{} is a file, not a newsgraph store (a store is a directory holding {DB_FILE} and \
             index/; give a new or empty directory to create one)",
            dir.display()
        )));
    }
    let has_db = dir.join(DB_FILE).is_file();
    let empty = std::fs::read_dir(dir)?.next().is_none();
    if !has_db && !empty {
        return Err(StoreError::NotAStore(format!(
            "{} is not a newsgraph store: the directory has no {DB_FILE} and is not empty \
             (give a new or empty directory to create a store)",
            dir.display()
        )));
    }
    Ok(())
}

/// The index's writer lock held by another process means an ingest is running.
fn busy_if_locked(e: StoreError, dir: &Path) -> StoreError {
    match e {
        StoreError::Index(m) if m.contains("LockBusy") || m.contains("lock") => StoreError::Busy(
            format!("another ingest is writing to {}: {m}", dir.display()),
        ),
        e => e,
    }
}

/// The knowledge base.
pub struct Store {
    location: Location,
    writer: Mutex<Box<dyn Db>>,
    readers: Vec<Mutex<Box<dyn Db>>>,
    index: Option<search::SearchIndex>,
    index_dir: Option<PathBuf>,
    mode: OpenMode,
    next_reader: std::sync::atomic::AtomicUsize,
}

impl Store {
    /// Opens the store at `location`, creating an embedded one if the directory is new.
    pub fn open(location: &Location, mode: OpenMode) -> Result<Store, StoreError> {
        match location {
            Location::Embedded(dir) => Self::open_embedded(dir, mode, location.clone()),
            Location::Postgres(url) => Self::open_postgres(url, mode, location.clone()),
        }
    }

    fn open_embedded(dir: &Path, mode: OpenMode, location: Location) -> Result<Store, StoreError> {
        check_store_dir(dir)?;
        std::fs::create_dir_all(dir)?;
        let db_path = dir.join(DB_FILE);
        let mut writer: Box<dyn Db> = Box::new(SqliteDb::open(&db_path)?);
        schema::migrate(writer.as_mut())?;
        let mut readers = Vec::new();
        for _ in 0..READERS {
            readers.push(Mutex::new(
                Box::new(SqliteDb::open(&db_path)?) as Box<dyn Db>
            ));
        }
        let index_dir = dir.join("index");
        let index = search::SearchIndex::open(&index_dir, mode == OpenMode::ReadWrite)
            .map_err(|e| busy_if_locked(e, dir))?;
        let store = Store {
            location,
            writer: Mutex::new(writer),
            readers,
            index: Some(index),
            index_dir: Some(index_dir),
            mode,
            next_reader: Default::default(),
        };
        match mode {
            OpenMode::ReadWrite => store.repair_index()?,
            OpenMode::ReadOnly => store.repair_index_if_free()?,
        }
        Ok(store)
    }

    fn open_postgres(url: &str, mode: OpenMode, location: Location) -> Result<Store, StoreError> {
        let mut writer: Box<dyn Db> = Box::new(PgDb::connect(url)?);
        schema::migrate(writer.as_mut())?;
        let mut readers = Vec::new();
        for _ in 0..READERS {
            readers.push(Mutex::new(Box::new(PgDb::connect(url)?) as Box<dyn Db>));
        }
        Ok(Store {
            location,
            writer: Mutex::new(writer),
            readers,
            index: None,
            index_dir: None,
            mode,
            next_reader: Default::default(),
        })
    }

    /// Where the store lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// `sqlite+tantivy` or `postgresql`.
    pub fn backend_name(&self) -> &'static str {
        match self.location {
            Location::Embedded(_) => "sqlite+tantivy",
            Location::Postgres(_) => "postgresql",
        }
    }

    fn writer(&self) -> Result<MutexGuard<'_, Box<dyn Db>>, StoreError> {
        if self.mode == OpenMode::ReadOnly {
            return Err(StoreError::Invalid("the store was opened read-only".into()));
        }
        self.writer
            .lock()
            .map_err(|_| StoreError::Busy("writer lock poisoned".into()))
    }

    /// A reading connection: a free one if there is one, else wait for one.
    fn reader(&self) -> Result<MutexGuard<'_, Box<dyn Db>>, StoreError> {
        // An abandoned request must not wait for (or hold) a connection.
        cancel::check()?;
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return Ok(guard);
            }
        }
        let n = self.readers.len().max(1);
        let slot = self
            .next_reader
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            % n;
        self.readers
            .get(slot)
            .ok_or_else(|| StoreError::Busy("no reader connection".into()))?
            .lock()
            .map_err(|_| StoreError::Busy("reader lock poisoned".into()))
    }

    /// The highest article `seq` the database holds.
    fn max_seq(&self) -> Result<i64, StoreError> {
        self.reader()?
            .query_int("SELECT COALESCE(MAX(seq), 0) FROM articles", &[])
    }

    /// For a read-only open (`serve`): when a crash left the index behind the database and no
    /// ingest holds the index, takes the index writer just long enough to catch up, so searches
    /// see every stored article. With an ingest running the index is left to it (it commits as
    /// it goes) and [`Store::index_status`] reports the lag.
    fn repair_index_if_free(&self) -> Result<(), StoreError> {
        let Some(index) = &self.index else {
            return Ok(());
        };
        if index.committed_seq()? == self.max_seq()? || !index.try_take_writer()? {
            return Ok(());
        }
        let repaired = self.repair_index();
        index.release_writer();
        repaired
    }

    /// Brings the search index up to the database after a crash.
    fn repair_index(&self) -> Result<(), StoreError> {
        let Some(index) = &self.index else {
            return Ok(());
        };
        let max_seq = self.max_seq()?;
        let mut indexed = index.committed_seq()?;
        if indexed > max_seq {
            // The index covers articles the database does not have: rebuild it.
            index.clear()?;
            indexed = 0;
        }
        if indexed < max_seq {
            self.index_range(indexed, max_seq)?;
            index.commit(max_seq)?;
        }
        Ok(())
    }

    /// Commits the search index (the database commits per batch already).
    pub fn flush(&self) -> Result<(), StoreError> {
        if let Some(index) = &self.index {
            let max_seq = self
                .writer()?
                .query_int("SELECT COALESCE(MAX(seq), 0) FROM articles", &[])?;
            index.commit(max_seq)?;
        }
        Ok(())
    }

    /// Builds the search index again from the database, with this version's fields, and puts it
    /// in place of the old one: for an index made before a field was added (statement words,
    /// which the quote search narrows by). Takes the store, which must be open read-write (so no
    /// ingest runs), and closes it: its index writer must be gone before the directories are
    /// swapped. `progress(done, total)` is called after each chunk of articles. A crash part-way
    /// leaves the old index, or none (the next open then indexes every article). Returns the
    /// articles indexed.
    pub fn rebuild_search_index(self, progress: &dyn Fn(u64, u64)) -> Result<u64, StoreError> {
        let (Some(index), Some(dir)) = (
            self.index
                .as_ref()
                .filter(|_| self.mode == OpenMode::ReadWrite),
            self.index_dir.clone(),
        ) else {
            return Err(StoreError::Invalid(
                "only a store directory opened for writing has a search index to rebuild \
                 (PostgreSQL searches with its own full-text index)"
                    .into(),
            ));
        };
        let fresh_dir = dir.with_extension("rebuild");
        let old_dir = dir.with_extension("old");
        for d in [&fresh_dir, &old_dir] {
            if d.exists() {
                std::fs::remove_dir_all(d)?;
            }
        }
        let max_seq = self.max_seq()?;
        let total = self
            .reader()?
            .query_int("SELECT COUNT(*) FROM articles", &[])?
            .max(0) as u64;
        let fresh = search::SearchIndex::open(&fresh_dir, true)?;
        let done = self.index_range_into(&fresh, 0, max_seq, &|n| progress(n, total))?;
        fresh.commit(max_seq)?;
        fresh.close_writer()?;
        drop(fresh);
        index.close_writer()?;
        drop(self);
        std::fs::rename(&dir, &old_dir)?;
        std::fs::rename(&fresh_dir, &dir)?;
        std::fs::remove_dir_all(&old_dir)?;
        Ok(done)
    }

    /// Whether the search index has every field this version writes: `false` for an index made
    /// before statement words were indexed (quote searches then narrow by article text, slower
    /// for common words) until [`Store::rebuild_search_index`]. Stores without one: `true`.
    pub fn search_index_is_current(&self) -> bool {
        self.index.as_ref().is_none_or(|i| i.indexes_quotes())
    }

    /// How far the search index is behind the database, and whether an ingest is running.
    pub fn index_status(&self) -> Result<IndexStatus, StoreError> {
        let articles = self
            .reader()?
            .query_int("SELECT COUNT(*) FROM articles", &[])?;
        Ok(match &self.index {
            None => IndexStatus {
                articles,
                index_docs: None,
                ingest_running: None,
            },
            Some(index) => IndexStatus {
                articles,
                // Fresh: the reader is reloaded, so commits another process made are counted.
                index_docs: Some(index.fresh_num_docs()?),
                ingest_running: Some(
                    self.mode == OpenMode::ReadOnly && index.writer_locked_elsewhere()?,
                ),
            },
        })
    }

    /// On-disk size of the database and the search index, in bytes.
    pub fn disk_usage(&self) -> (u64, u64) {
        match &self.location {
            Location::Embedded(dir) => {
                let index = self
                    .index_dir
                    .as_deref()
                    .map(search::SearchIndex::size_bytes)
                    .unwrap_or(0);
                (search::walk_size(dir).saturating_sub(index), index)
            }
            Location::Postgres(_) => (0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A statement that runs for seconds stops within moments of its flag being raised.
    #[test]
    fn cancelling_interrupts_a_running_sqlite_statement() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::open(&Location::Embedded(dir.path().into()), OpenMode::ReadWrite).unwrap();
        let flag = CancelFlag::new();
        let remote = flag.clone();
        let canceller = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            remote.cancel();
            std::time::Instant::now()
        });
        let _scope = flag.scope();
        let result = store.reader().and_then(|mut db| {
            db.query_int(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) \
                 SELECT COUNT(*) FROM c",
                &[],
            )
        });
        let stopped = std::time::Instant::now();
        let cancelled_at = canceller.join().unwrap();
        assert!(matches!(result, Err(StoreError::Cancelled)), "{result:?}");
        assert!(stopped.duration_since(cancelled_at) < std::time::Duration::from_millis(500));
        // The connection is usable again for the next call.
        drop(_scope);
        assert!(store.stats().is_ok());
    }

    #[test]
    fn locations_parse_and_redact() {
        assert_eq!(
            Location::parse("postgres://u:secret@localhost/db").describe(),
            "postgres://u:***@localhost/db"
        );
        assert!(matches!(Location::parse("/tmp/x"), Location::Embedded(_)));
    }
}
