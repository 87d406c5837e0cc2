//! Full-text search: a tantivy index beside the SQLite database.
//!
//! SQLite is the source of truth. The index stores no text, only the article's `seq`, the
//! searchable title and body, and facet terms; snippets are cut from the text SQLite returns.
//! Every index commit records in its payload the highest `seq` it covers, so after a crash the
//! articles SQLite committed but the index did not are re-indexed on the next writable open.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::directory::Directory;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    FAST, INDEXED, STORED, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::Order;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::facet_count::{MatchCounter, ValuesCache};
use crate::StoreError;

/// What the index needs to know of one article.
#[derive(Debug, Clone, Default)]
pub struct IndexDoc {
    /// The article's number in the store.
    pub seq: i64,
    /// Headline (searched, boosted).
    pub title: String,
    /// Body text (searched).
    pub text: String,
    /// Outlet, a facet.
    pub outlet: Option<String>,
    /// `yyyymmdd` of the publication date.
    pub day: Option<i64>,
    /// Whether any statement comes from an anonymous source.
    pub has_anonymous: bool,
    /// Canonical entities the article mentions.
    pub entity_ids: Vec<i64>,
    /// Types of those entities.
    pub entity_types: Vec<String>,
    /// Speaker kinds of its direct and reported statements.
    pub source_kinds: Vec<String>,
    /// The contents of its statements, one a line: the quote search's words are looked up here.
    pub quotes: String,
}

/// Filters that restrict a search; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Every one of these entities must be mentioned.
    pub entities: Vec<i64>,
    /// Some entity of this type must be mentioned.
    pub entity_type: Option<String>,
    /// Only this outlet.
    pub outlet: Option<String>,
    /// Published on or after this `yyyymmdd`.
    pub day_from: Option<i64>,
    /// Published on or before this `yyyymmdd`.
    pub day_to: Option<i64>,
    /// Some statement from a speaker of this kind.
    pub source_kind: Option<String>,
    /// With (true) or without (false) anonymous sources.
    pub has_anonymous: Option<bool>,
    /// Hits by publication day instead of relevance: newest first (true) or oldest first.
    pub newest_first: Option<bool>,
}

/// Hits of a search, before the store adds titles and snippets.
pub struct RawHits {
    /// Matching documents in all.
    pub total: usize,
    /// (score, article seq) of the requested page.
    pub hits: Vec<(f32, i64)>,
    /// (facet group, value, count).
    pub facets: Vec<(String, String, u64)>,
    /// The parsed text query, for snippets.
    pub query: Box<dyn Query>,
}

struct Fields {
    seq: Field,
    title: Field,
    text: Field,
    day: Field,
    facets: Field,
    entity: Field,
    /// Absent from an index built before statements were indexed (see [`SearchIndex::open`]).
    quotes: Option<Field>,
}

/// The tantivy index of one store: a reader always, the writer when opened writable (or taken
/// for a repair, see [`SearchIndex::try_take_writer`]).
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    last_reload: Mutex<Instant>,
    /// Per-segment facet values in memory, for queries matching a fair share of a segment.
    totals: Arc<ValuesCache>,
}

/// Threads and memory budget of the index writer.
const WRITER_THREADS: usize = 2;
const WRITER_MEMORY: usize = 96_000_000;

/// Threads one search may use over the index's segments.
const SEARCH_THREADS: usize = 2;

/// The facet groups every search counts.
pub const FACET_GROUPS: [&str; 5] = [
    "outlet",
    "entity_type",
    "source_kind",
    "entity",
    "anonymous",
];

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_i64_field("seq", INDEXED | STORED | FAST);
    b.add_text_field("title", TEXT);
    b.add_text_field("text", TEXT);
    b.add_i64_field("day", INDEXED | FAST);
    b.add_facet_field("facets", FacetOptions::default());
    b.add_u64_field("entity", INDEXED | FAST);
    // Which articles hold a word in a statement: documents only, no positions (~0.1 KB an article).
    let quotes = TextFieldIndexing::default()
        .set_tokenizer("default")
        .set_index_option(IndexRecordOption::Basic);
    b.add_text_field(
        "quotes",
        TextOptions::default().set_indexing_options(quotes),
    );
    b.build()
}

fn facet(group: &str, value: &str) -> Facet {
    Facet::from_path([group, value])
}

impl SearchIndex {
    /// Opens (creating if needed) the index in `dir`; `writable` takes the index's writer lock.
    pub fn open(dir: &Path, writable: bool) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| StoreError::Index(e.to_string()))?;
        // An index made before the `quotes` field opens with its own schema; the quote search
        // then narrows by article text, until `newsgraph reindex --search` rebuilds it.
        let exists = Index::exists(&mmap).map_err(|e| StoreError::Index(e.to_string()))?;
        let mut index = if exists {
            Index::open(mmap)?
        } else {
            Index::create(mmap, schema(), tantivy::IndexSettings::default())?
        };
        // Segments are searched in parallel: a query matching every document of a 1M-article
        // index ("the", facets counted over all of them) took 75 ms on one thread.
        index.set_multithread_executor(SEARCH_THREADS)?;
        let s = index.schema();
        let field = |name: &str| s.get_field(name);
        let fields = Fields {
            seq: field("seq")?,
            title: field("title")?,
            text: field("text")?,
            day: field("day")?,
            facets: field("facets")?,
            entity: field("entity")?,
            quotes: field("quotes").ok(),
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = if writable {
            Some(index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)?)
        } else {
            None
        };
        Ok(SearchIndex {
            index,
            fields,
            reader,
            writer: Mutex::new(writer),
            last_reload: Mutex::new(Instant::now()),
            totals: Arc::default(),
        })
    }

    /// The highest article `seq` the last commit covers.
    pub fn committed_seq(&self) -> Result<i64, StoreError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(0))
    }

    /// Runs `f` with the index writer; an error when the index was opened read-only.
    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| StoreError::Index("index writer lock poisoned".into()))?;
        let writer = guard
            .as_mut()
            .ok_or_else(|| StoreError::Index("the search index was opened read-only".into()))?;
        f(writer)
    }

    /// Takes the index writer (and its lock file) if no other process holds it: `Ok(false)` when
    /// an ingest has it. Used by a read-only store to repair a lagging index.
    pub fn try_take_writer(&self) -> Result<bool, StoreError> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| StoreError::Index("index writer lock poisoned".into()))?;
        if guard.is_some() {
            return Ok(true);
        }
        match self
            .index
            .writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)
        {
            Ok(w) => {
                *guard = Some(w);
                Ok(true)
            }
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Drops the writer [`SearchIndex::try_take_writer`] took, releasing its lock for ingests.
    pub fn release_writer(&self) {
        if let Ok(mut guard) = self.writer.lock() {
            *guard = None;
        }
    }

    /// Drops the writer after its merges finish, so nothing writes to the index directory any
    /// more (before the directory is replaced, see [`crate::Store::rebuild_search_index`]).
    pub fn close_writer(&self) -> Result<(), StoreError> {
        let taken = self
            .writer
            .lock()
            .map_err(|_| StoreError::Index("index writer lock poisoned".into()))?
            .take();
        if let Some(writer) = taken {
            writer.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Whether another process holds the index writer's lock (an ingest is running). Probes the
    /// lock without blocking; the OS releases it when its holder dies, so a crash never leaves a
    /// stale "running".
    pub fn writer_locked_elsewhere(&self) -> Result<bool, StoreError> {
        if self.writer.lock().map(|w| w.is_some()).unwrap_or(false) {
            return Ok(false); // we hold it ourselves
        }
        match self
            .index
            .directory()
            .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK)
        {
            Ok(lock) => {
                drop(lock);
                Ok(false)
            }
            Err(LockError::LockBusy) => Ok(true),
            Err(e) => Err(StoreError::Index(e.to_string())),
        }
    }

    /// Adds (or replaces, by `seq`) documents; visible after [`SearchIndex::commit`].
    pub fn add(&self, docs: &[IndexDoc]) -> Result<(), StoreError> {
        self.with_writer(|writer| self.add_with(writer, docs))
    }

    fn add_with(&self, writer: &mut IndexWriter, docs: &[IndexDoc]) -> Result<(), StoreError> {
        for d in docs {
            let f = &self.fields;
            // Re-indexing after a crash may meet a document twice: the newest wins.
            writer.delete_term(Term::from_field_i64(f.seq, d.seq));
            let mut doc = TantivyDocument::default();
            doc.add_i64(f.seq, d.seq);
            doc.add_text(f.title, &d.title);
            doc.add_text(f.text, &d.text);
            if let Some(day) = d.day {
                doc.add_i64(f.day, day);
            }
            if let Some(o) = &d.outlet {
                doc.add_facet(f.facets, facet("outlet", o));
            }
            doc.add_facet(
                f.facets,
                facet("anonymous", if d.has_anonymous { "yes" } else { "no" }),
            );
            for t in &d.entity_types {
                doc.add_facet(f.facets, facet("entity_type", t));
            }
            for k in &d.source_kinds {
                doc.add_facet(f.facets, facet("source_kind", k));
            }
            for id in &d.entity_ids {
                if let Ok(id) = u64::try_from(*id) {
                    doc.add_u64(f.entity, id);
                }
            }
            if let Some(quotes) = f.quotes {
                doc.add_text(quotes, &d.quotes);
            }
            writer.add_document(doc)?;
        }
        Ok(())
    }

    /// Removes every document (used when the index is found ahead of the database).
    pub fn clear(&self) -> Result<(), StoreError> {
        self.with_writer(|w| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    /// Commits what was added, recording that articles up to `seq` are indexed.
    pub fn commit(&self, seq: i64) -> Result<(), StoreError> {
        self.with_writer(|writer| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&seq.to_string());
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// Whether the index holds statement words (made by this version, or rebuilt since).
    pub fn indexes_quotes(&self) -> bool {
        self.fields.quotes.is_some()
    }

    /// Documents visible to searches now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Documents in the latest commit, including one another process made a moment ago.
    pub fn fresh_num_docs(&self) -> Result<u64, StoreError> {
        self.reader.reload()?;
        Ok(self.num_docs())
    }

    /// Picks up commits made by another process (at most once a second).
    fn maybe_reload(&self) {
        if let Ok(mut last) = self.last_reload.lock() {
            if last.elapsed().as_millis() > 1000 {
                let _ = self.reader.reload();
                *last = Instant::now();
            }
        }
    }

    /// Searches `q` (lenient tantivy syntax; empty matches all) under `filters`: the page `offset..offset + limit`, the total and, if asked, facet counts.
    pub fn search(
        &self,
        q: &str,
        filters: &Filters,
        offset: usize,
        limit: usize,
        with_facets: bool,
    ) -> Result<RawHits, StoreError> {
        self.maybe_reload();
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text]);
        parser.set_field_boost(f.title, 2.0);
        let text_query: Box<dyn Query> = if q.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            // Lenient: a stray quote or colon in user input is read as text, not an error.
            parser.parse_query_lenient(q).0
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let term_filter = |group: &str, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(f.facets, &facet(group, value)),
                IndexRecordOption::Basic,
            ))
        };
        for id in &filters.entities {
            let id = u64::try_from(*id).unwrap_or(u64::MAX);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.entity, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(t) = &filters.entity_type {
            clauses.push((Occur::Must, term_filter("entity_type", t)));
        }
        if let Some(o) = &filters.outlet {
            clauses.push((Occur::Must, term_filter("outlet", o)));
        }
        if let Some(k) = &filters.source_kind {
            clauses.push((Occur::Must, term_filter("source_kind", k)));
        }
        if let Some(a) = filters.has_anonymous {
            clauses.push((
                Occur::Must,
                term_filter("anonymous", if a { "yes" } else { "no" }),
            ));
        }
        if filters.day_from.is_some() || filters.day_to.is_some() {
            use std::ops::Bound;
            let lo = filters.day_from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(f.day, d))
            });
            let hi = filters.day_to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(f.day, d))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let query = BooleanQuery::new(clauses);
        let top = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_score();
        let (total, hits, facets) = if with_facets {
            self.totals.retain_segments(searcher.segment_readers());
            let counter = MatchCounter {
                cache: Arc::clone(&self.totals),
            };
            let (count, top_docs, counts) = searcher
                .search(&query, &(Count, top, counter))
                .map_err(query_error)?;
            let mut facets = Vec::new();
            for g in FACET_GROUPS {
                for (value, n) in counts.top_facets(g, 10) {
                    facets.push((g.to_string(), value, n));
                }
            }
            for (id, n) in top_entities(&counts.entities, 10) {
                facets.push(("entity".to_string(), id.to_string(), n));
            }
            (count, top_docs, facets)
        } else {
            let (count, top_docs) = searcher
                .search(&query, &(Count, top))
                .map_err(query_error)?;
            (count, top_docs, Vec::new())
        };
        // By date: the same query ranked on the `day` fast field.
        let hits = match filters.newest_first {
            None => hits,
            Some(newest) => {
                let order = if newest { Order::Desc } else { Order::Asc };
                let by_day = TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_fast_field::<i64>("day", order);
                let dated = searcher.search(&query, &by_day).map_err(query_error)?;
                dated.into_iter().map(|(_, addr)| (0.0, addr)).collect()
            }
        };
        let mut out = Vec::with_capacity(hits.len());
        for (score, addr) in hits.into_iter().take(limit) {
            out.push((score, self.seq_of(&searcher, addr)?));
        }
        Ok(RawHits {
            total,
            hits: out,
            facets,
            query: text_query,
        })
    }

    /// The articles whose statements hold every word of `words` (their text, in an index made
    /// before statements were indexed) as the index splits text into words, for narrowing a scan
    /// of what they contain (the quote search): `None` when `words` gives no word. When more
    /// than `cap` articles hold them, only some are listed (`complete` is false).
    pub fn articles_with_words(
        &self,
        words: &str,
        cap: usize,
    ) -> Result<Option<WordMatches>, StoreError> {
        // Read before the reader reloads, so the searcher covers at least this much.
        let indexed_through = self.committed_seq()?;
        self.reader.reload()?;
        let field = self.fields.quotes.unwrap_or(self.fields.text);
        let mut analyzer = self.index.tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(words);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        while stream.advance() {
            let term = Term::from_field_text(field, &stream.token().text);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        let query = BooleanQuery::new(clauses);
        // One pass: the count, and the seqs of at most `cap + 1` documents per segment.
        let (count, listed) = self
            .reader
            .searcher()
            .search(&query, &(Count, SeqCollector { cap }))
            .map_err(query_error)?;
        let (seqs, days) = listed.into_iter().unzip();
        Ok(Some(WordMatches {
            indexed_through,
            seqs,
            days,
            complete: count <= cap,
        }))
    }

    fn seq_of(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<i64, StoreError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(doc
            .get_first(self.fields.seq)
            .and_then(|v| v.as_i64())
            .unwrap_or(0))
    }

    /// A snippet generator for the body field of a query's terms.
    pub fn snippets(&self, query: &dyn Query) -> Result<SnippetGenerator, StoreError> {
        let searcher = self.reader.searcher();
        let mut g = SnippetGenerator::create(&searcher, query, self.fields.text)?;
        g.set_max_num_chars(240);
        Ok(g)
    }

    /// Bytes the index takes on disk.
    pub fn size_bytes(dir: &Path) -> u64 {
        walk_size(dir)
    }
}

/// A query the schema cannot answer is the caller's mistake, not a server fault: `text:*` parses
/// as "documents that have a `text` value", which tantivy can only answer for fast fields.
fn query_error(e: tantivy::TantivyError) -> StoreError {
    match e {
        tantivy::TantivyError::SchemaError(m) => StoreError::Invalid(format!(
            "the query cannot be answered ({m}); `field:*` works only on numeric fields: \
             search words instead, or leave the query empty for every article"
        )),
        e => e.into(),
    }
}

/// What [`SearchIndex::articles_with_words`] found.
#[derive(Debug, Clone)]
pub struct WordMatches {
    /// The highest article `seq` the search covered: later articles were not looked at.
    pub indexed_through: i64,
    /// The `seq` of every article holding the words, in no order; or of some of them (at most
    /// `cap + 1` an index segment) when `complete` is false.
    pub seqs: Vec<i64>,
    /// The publication day of each article of `seqs` (same order), as the index holds it, so
    /// that a page can take the articles in date order without asking SQL for their rows.
    pub days: Vec<Option<i64>>,
    /// Whether `seqs` lists every article holding the words.
    pub complete: bool,
}

/// Collects the `seq` and day of every matching document, up to `cap + 1` a segment (past that the
/// caller drops the list, so memory stays bounded whatever the words match).
struct SeqCollector {
    cap: usize,
}

struct SeqSegmentCollector {
    seq: tantivy::columnar::Column<i64>,
    day: tantivy::columnar::Column<i64>,
    listed: Vec<(i64, Option<i64>)>,
    cap: usize,
}

impl Collector for SeqCollector {
    type Fruit = Vec<(i64, Option<i64>)>;
    type Child = SeqSegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SeqSegmentCollector> {
        Ok(SeqSegmentCollector {
            seq: reader.fast_fields().i64("seq")?,
            day: reader.fast_fields().i64("day")?,
            listed: Vec::new(),
            cap: self.cap,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(i64, Option<i64>)>>,
    ) -> tantivy::Result<Vec<(i64, Option<i64>)>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SeqSegmentCollector {
    type Fruit = Vec<(i64, Option<i64>)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if self.listed.len() <= self.cap {
            if let Some(seq) = self.seq.first(doc) {
                self.listed.push((seq, self.day.first(doc)));
            }
        }
    }

    fn harvest(self) -> Vec<(i64, Option<i64>)> {
        self.listed
    }
}

/// The `k` most frequent entity ids, most frequent first (ties: lower id first).
fn top_entities(counts: &[u32], k: usize) -> Vec<(u64, u64)> {
    let mut top: Vec<(u32, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, &n)| (n, i))
        .collect();
    let by_count = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if top.len() > k {
        top.select_nth_unstable_by(k, by_count);
        top.truncate(k);
    }
    top.sort_by(by_count);
    top.into_iter()
        .map(|(n, i)| (i as u64, u64::from(n)))
        .collect()
}

pub(crate) fn walk_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => total += walk_size(&e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(seq: i64, text: &str, quotes: &str) -> IndexDoc {
        IndexDoc {
            seq,
            text: text.into(),
            quotes: quotes.into(),
            ..Default::default()
        }
    }

    fn seqs_with(index: &SearchIndex, words: &str) -> Vec<i64> {
        let mut seqs = index
            .articles_with_words(words, 100)
            .unwrap()
            .filter(|m| m.complete)
            .map(|m| m.seqs)
            .unwrap_or_default();
        seqs.sort_unstable();
        seqs
    }

    fn fill(index: &SearchIndex) {
        index
            .add(&[
                article(
                    1,
                    "The squad trained. \"We will cut taxes,\" he said.",
                    "We will cut taxes",
                ),
                article(2, "Taxes rose, the report said.", "Taxes rose"),
                article(3, "The squad said taxes were not its concern.", ""),
            ])
            .unwrap();
        index.commit(3).unwrap();
    }

    #[test]
    fn quote_words_are_looked_up_in_statements_only() {
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open(dir.path(), true).unwrap();
        assert!(index.indexes_quotes());
        fill(&index);
        assert_eq!(seqs_with(&index, "taxes"), vec![1, 2]);
        assert_eq!(seqs_with(&index, "cut TAXES"), vec![1]);
        // In the text, not in a statement.
        assert_eq!(seqs_with(&index, "squad"), Vec::<i64>::new());
    }

    #[test]
    fn an_index_from_before_statement_words_narrows_by_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = Schema::builder();
        for (_, entry) in schema().fields() {
            if entry.name() != "quotes" {
                old.add_field(entry.clone());
            }
        }
        Index::create_in_dir(dir.path(), old.build()).unwrap();
        let index = SearchIndex::open(dir.path(), true).unwrap();
        assert!(!index.indexes_quotes());
        fill(&index);
        assert_eq!(seqs_with(&index, "taxes"), vec![1, 2, 3]);
        assert_eq!(seqs_with(&index, "squad"), vec![1, 3]);
    }

    #[test]
    fn past_the_cap_some_articles_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open(dir.path(), true).unwrap();
        fill(&index);
        let some = index.articles_with_words("taxes", 0).unwrap().unwrap();
        assert!(!some.complete);
        // At most `cap + 1` a segment (the writer may have put them in two).
        assert!(!some.seqs.is_empty() && some.seqs.len() < 2 + 1);
        assert!(some.seqs.iter().all(|s| [1, 2].contains(s)));
        assert!(
            index
                .articles_with_words("taxes", 2)
                .unwrap()
                .unwrap()
                .complete
        );
    }
}
