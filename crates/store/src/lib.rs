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

pub mod export;
mod ingest;
pub mod names;
mod query;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod sql;
mod types;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub use ingest::IngestStats;
pub use types::*;

use sql::{Db, PgDb, SqliteDb};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("search index: {0}")]
    Index(String),
    #[error("schema: {0}")]
    Schema(String),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("store busy: {0}")]
    Busy(String),
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

const READERS: usize = 4;

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
    pub fn open(location: &Location, mode: OpenMode) -> Result<Store, StoreError> {
        match location {
            Location::Embedded(dir) => Self::open_embedded(dir, mode, location.clone()),
            Location::Postgres(url) => Self::open_postgres(url, mode, location.clone()),
        }
    }

    fn open_embedded(dir: &Path, mode: OpenMode, location: Location) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)?;
        let db_path = dir.join("newsgraph.sqlite");
        let mut writer: Box<dyn Db> = Box::new(SqliteDb::open(&db_path)?);
        schema::migrate(writer.as_mut())?;
        let mut readers = Vec::new();
        for _ in 0..READERS {
            readers.push(Mutex::new(
                Box::new(SqliteDb::open(&db_path)?) as Box<dyn Db>
            ));
        }
        let index_dir = dir.join("index");
        let index = search::SearchIndex::open(&index_dir, mode == OpenMode::ReadWrite).map_err(
            |e| match e {
                StoreError::Index(m) if m.contains("LockBusy") || m.contains("lock") => {
                    StoreError::Busy(format!(
                        "another ingest is writing to {}: {m}",
                        dir.display()
                    ))
                }
                e => e,
            },
        )?;
        let store = Store {
            location,
            writer: Mutex::new(writer),
            readers,
            index: Some(index),
            index_dir: Some(index_dir),
            mode,
            next_reader: Default::default(),
        };
        if mode == OpenMode::ReadWrite {
            store.repair_index()?;
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

    pub fn location(&self) -> &Location {
        &self.location
    }

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

    /// Brings the search index up to the database after a crash.
    fn repair_index(&self) -> Result<(), StoreError> {
        let Some(index) = &self.index else {
            return Ok(());
        };
        let max_seq = self
            .writer()?
            .query_int("SELECT COALESCE(MAX(seq), 0) FROM articles", &[])?;
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

    #[test]
    fn locations_parse_and_redact() {
        assert_eq!(
            Location::parse("postgres://u:secret@localhost/db").describe(),
            "postgres://u:***@localhost/db"
        );
        assert!(matches!(Location::parse("/tmp/x"), Location::Embedded(_)));
    }
}
