//! A thin layer over SQLite and PostgreSQL so the store's queries are written once.
//!
//! Every query uses `$1, $2, …` placeholders, numbered in order of first appearance (SQLite reads
//! `$1` as a named parameter whose index is its first appearance, PostgreSQL as a positional one).
//! Integers are `BIGINT` in PostgreSQL, floats `DOUBLE PRECISION`, strings `TEXT`.

use crate::StoreError;

/// A value passed to or read from SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// SQL `NULL`.
    Null,
    /// A 64-bit integer (`INTEGER` / `BIGINT`).
    Int(i64),
    /// A double (`REAL` / `DOUBLE PRECISION`).
    Real(f64),
    /// Text (`TEXT`).
    Text(String),
    /// Bytes (`BLOB` / `BYTEA`): the packed documents (see `crate::packed`).
    Bytes(Vec<u8>),
}

impl Val {
    /// The value as an integer: reals truncate, unparsable text and `NULL` are 0.
    pub fn int(&self) -> i64 {
        match self {
            Val::Int(i) => *i,
            Val::Real(f) => *f as i64,
            Val::Text(t) => t.parse().unwrap_or(0),
            Val::Null | Val::Bytes(_) => 0,
        }
    }
    /// The value as a float: unparsable text and `NULL` are 0.
    pub fn real(&self) -> f64 {
        match self {
            Val::Int(i) => *i as f64,
            Val::Real(f) => *f,
            Val::Text(t) => t.parse().unwrap_or(0.0),
            Val::Null | Val::Bytes(_) => 0.0,
        }
    }
    /// The value as text: numbers are formatted, bytes read as lossy UTF-8, `NULL` is empty.
    pub fn text(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Val::Int(i) => i.to_string(),
            Val::Real(f) => f.to_string(),
            Val::Null => String::new(),
        }
    }
    /// [`Val::text`], with `NULL` as `None`.
    pub fn opt_text(&self) -> Option<String> {
        match self {
            Val::Null => None,
            v => Some(v.text()),
        }
    }
    /// [`Val::int`], with `NULL` as `None`.
    pub fn opt_int(&self) -> Option<i64> {
        match self {
            Val::Null => None,
            v => Some(v.int()),
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<usize> for Val {
    fn from(v: usize) -> Self {
        Val::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Int(i64::from(v))
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Self {
        Val::Real(f64::from(v))
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

/// One row of a result.
pub type Row = Vec<Val>;

/// Helper: read column `i` of a row, `Null` when missing.
pub fn col(row: &Row, i: usize) -> &Val {
    static NULL: Val = Val::Null;
    row.get(i).unwrap_or(&NULL)
}

/// Which SQL dialect a connection speaks (for the few statements that differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (the embedded backend).
    Sqlite,
    /// PostgreSQL (the shared backend).
    Postgres,
}

/// A database connection.
pub trait Db: Send {
    /// The SQL dialect this connection speaks.
    fn dialect(&self) -> Dialect;
    /// Runs one statement; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError>;
    /// Runs one query; returns every row.
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, StoreError>;
    /// Runs several `;`-separated statements without parameters.
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;
    /// Starts a write transaction.
    fn begin(&mut self) -> Result<(), StoreError> {
        match self.dialect() {
            Dialect::Sqlite => self.batch("BEGIN IMMEDIATE"),
            Dialect::Postgres => self.batch("BEGIN"),
        }
    }
    /// Commits the transaction [`Db::begin`] started.
    fn commit(&mut self) -> Result<(), StoreError> {
        self.batch("COMMIT")
    }
    /// Abandons the transaction [`Db::begin`] started.
    fn rollback(&mut self) -> Result<(), StoreError> {
        self.batch("ROLLBACK")
    }
    /// The first row of a query, if any.
    fn query_one(&mut self, sql: &str, params: &[Val]) -> Result<Option<Row>, StoreError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
    /// The first column of the first row as an integer (0 when there is no row).
    fn query_int(&mut self, sql: &str, params: &[Val]) -> Result<i64, StoreError> {
        Ok(self
            .query_one(sql, params)?
            .map(|r| col(&r, 0).int())
            .unwrap_or(0))
    }
}

// ---------------------------------------------------------------- SQLite

/// A SQLite connection, tuned for one writer and several readers (WAL).
pub struct SqliteDb {
    pub(crate) conn: rusqlite::Connection,
}

impl SqliteDb {
    /// Opens (creating if needed) the database file at `path`.
    pub fn open(path: &std::path::Path) -> Result<Self, StoreError> {
        let mut conn = rusqlite::Connection::open(path)?;
        // A cancelled request (see `cancel`) interrupts the statement it is running.
        conn.progress_handler(crate::cancel::PROGRESS_OPS, Some(crate::cancel::cancelled))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // 16 KB pages for a new database (an existing one keeps its size). An article row is
        // about 3 KB (its packed text and analysis), so 4 KB pages held one row each and left a
        // quarter empty: 1 KB an article on BBC News, 0.3 KB with 16 KB pages.
        conn.pragma_update(None, "page_size", 16384)?;
        crate::packed::register_span_function(&conn)?;
        // WAL: readers never block the writer and a crash mid-transaction leaves the last commit.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Foreign keys are declared for documentation and enforced by PostgreSQL; in SQLite
        // enforcing them doubles the B-tree lookups of every insert, and the one writer keeps
        // them true by construction (`check_consistency` verifies it).
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // Bigger page cache and memory-mapped reads: the database outgrows the default 2 MB cache
        // quickly, and every insert walks several B-trees.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "mmap_size", 268_435_456i64)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(SqliteDb { conn })
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Val::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Val::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Val::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl Db for SqliteDb {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        crate::cancel::check()?;
        let mut stmt = self.conn.prepare_cached(sql)?;
        let n = stmt.execute(rusqlite::params_from_iter(params.iter()))?;
        Ok(n as u64)
    }
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, StoreError> {
        crate::cancel::check()?;
        let mut stmt = self.conn.prepare_cached(sql)?;
        let ncol = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(ncol);
            for i in 0..ncol {
                use rusqlite::types::ValueRef;
                row.push(match r.get_ref(i)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(i) => Val::Int(i),
                    ValueRef::Real(f) => Val::Real(f),
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Val::Bytes(b.to_vec()),
                });
            }
            out.push(row);
        }
        Ok(out)
    }
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql)?;
        Ok(())
    }
}

// ---------------------------------------------------------------- PostgreSQL

/// A PostgreSQL connection with a cache of prepared statements.
pub struct PgDb {
    client: postgres::Client,
    statements: std::collections::HashMap<String, postgres::Statement>,
}

impl PgDb {
    /// Connects to `url` (`postgres://…`), without TLS.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let client = postgres::Client::connect(url, postgres::NoTls)?;
        Ok(PgDb {
            client,
            statements: Default::default(),
        })
    }
}

impl postgres::types::ToSql for Val {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) => match *ty {
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Val::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::INT8 => (*f as i64).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Val::Text(t) => t.as_str().to_sql(ty, out),
            Val::Bytes(b) => b.as_slice().to_sql(ty, out),
        }
    }
    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }
    postgres::types::to_sql_checked!();
}

fn pg_value(row: &postgres::Row, i: usize) -> Result<Val, StoreError> {
    use postgres::types::Type;
    let ty = row.columns().get(i).map(|c| c.type_().clone());
    Ok(match ty {
        Some(Type::VOID) | None => Val::Null,
        Some(Type::INT8) => row
            .try_get::<_, Option<i64>>(i)?
            .map_or(Val::Null, Val::Int),
        Some(Type::INT4) => row
            .try_get::<_, Option<i32>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Some(Type::INT2) => row
            .try_get::<_, Option<i16>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Some(Type::BOOL) => row
            .try_get::<_, Option<bool>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Some(Type::FLOAT8) => row
            .try_get::<_, Option<f64>>(i)?
            .map_or(Val::Null, Val::Real),
        Some(Type::FLOAT4) => row
            .try_get::<_, Option<f32>>(i)?
            .map_or(Val::Null, |v| Val::Real(v.into())),
        Some(Type::BYTEA) => row
            .try_get::<_, Option<Vec<u8>>>(i)?
            .map_or(Val::Null, Val::Bytes),
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Val::Null, Val::Text),
    })
}

impl PgDb {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, StoreError> {
        if let Some(st) = self.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

impl Db for PgDb {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        crate::cancel::check()?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let st = self.statement(sql)?;
        Ok(self.client.execute(&st, &refs)?)
    }
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, StoreError> {
        crate::cancel::check()?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let st = self.statement(sql)?;
        let rows = self.client.query(&st, &refs)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mut row = Vec::with_capacity(r.len());
            for i in 0..r.len() {
                row.push(pg_value(r, i)?);
            }
            out.push(row);
        }
        Ok(out)
    }
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.client.batch_execute(sql)?;
        Ok(())
    }
}
