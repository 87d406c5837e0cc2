//! Reading the store: search, articles, entity profiles, attributions, statistics, graph, timeline.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use crate::search::{Filters, WordMatches};
use crate::sql::{col, Db, Row, Val};
use crate::*;

const ENTITY_COLUMNS: &str =
    "e.entity_id, e.name, e.type, e.mentions, e.articles, e.first_published, e.last_published";

/// An entity page counts the entities that appear with it in its latest this many articles
/// (all of them for all but the most frequent entities).
pub const CO_OCCURRENCE_ARTICLES: usize = 2_000;

/// The statements of articles in publication-date order, newest first (SQLite), for a page
/// found by walking: the articles are the outer loop, read along their date index. Left to
/// itself the planner of the bundled SQLite scanned every statement and sorted for a quote
/// search of a common word ("the" at 1M articles: 15-20 s; walked, milliseconds).
const WALK_BY_DATE: &str =
    "articles a INDEXED BY articles_published CROSS JOIN attributions t ON t.article_seq = a.seq";

/// The keys of an attribution page (SQL and its parameters, then `LIMIT $n OFFSET $n+1`),
/// walked along the date index newest first (`walk`) or sorted.
fn newest_or_sorted_keys(
    req: &AttributionRequest,
    w: Where,
    walk: bool,
    order: &str,
    quoting: Option<&WordMatches>,
) -> Result<(String, Vec<Val>), StoreError> {
    let (w, from) = if walk {
        (attribution_where(req, true, quoting)?, WALK_BY_DATE)
    } else {
        (w, "attributions t JOIN articles a ON a.seq = t.article_seq")
    };
    let n = w.next();
    let keys = format!(
        "SELECT t.article_seq, t.idx FROM {from} {} ORDER BY {order} LIMIT ${n} OFFSET ${}",
        w.sql(),
        n + 1
    );
    Ok((keys, w.params))
}

/// The keys of an oldest-first page of a quote search, walked along the date index: the dated
/// articles upwards, then the undated ones (the same index's `NULL` range, in `seq` order), each
/// part cut at `offset + limit` rows, then the page of the two. Sorting every match of "the" at
/// 1M articles took 10-17 s.
fn oldest_first_walk(w: &Where) -> String {
    let n = w.next();
    let (limit, offset) = (format!("${n}"), format!("${}", n + 1));
    let part = |dated: bool| {
        let day = if dated { "IS NOT NULL" } else { "IS NULL" };
        let filter = match w.sql() {
            s if s.is_empty() => format!("WHERE a.published_day {day}"),
            s => format!("{s} AND a.published_day {day}"),
        };
        format!(
            "SELECT * FROM (SELECT {} AS part, a.published_day AS day, a.seq AS seq, t.idx AS idx \
             FROM {WALK_BY_DATE} {filter} ORDER BY a.published_day, a.seq, t.idx \
             LIMIT {limit} + {offset})",
            u8::from(!dated)
        )
    };
    format!(
        "SELECT seq, idx FROM ({} UNION ALL {}) ORDER BY part, day, seq, idx LIMIT {limit} OFFSET {offset}",
        part(true),
        part(false)
    )
}

/// The statements of a page whose keys (`article_seq`, `idx`) the SQL `keys` selects, given its
/// parameters and then `LIMIT` and `OFFSET`.
fn page_of_keys(
    db: &mut dyn Db,
    keys: &str,
    mut params: Vec<Val>,
    order: &str,
    limit: usize,
    offset: usize,
) -> Result<Vec<AttributionRow>, StoreError> {
    // The page's keys first, then its columns: SQLite's sorter copies every selected column
    // of every matching row, and a content comes through `ng_span`, which inflates the
    // article text. Sorting all columns made the unfiltered list take 10 s at 1M articles.
    let sql = format!(
        "SELECT {ATTRIBUTION_COLUMNS} FROM attributions t JOIN articles a ON a.seq = t.article_seq \
         WHERE (t.article_seq, t.idx) IN ({keys}) ORDER BY {order}"
    );
    params.push(Val::from(limit));
    params.push(Val::from(offset));
    Ok(db
        .query(&sql, &params)?
        .iter()
        .map(attribution_row)
        .collect())
}

/// Whether a newest-first page of a quote search is better found by walking the date index and
/// probing each article in the list of those holding the words than by reading all the listed
/// articles' statements and sorting them. Walking costs about `wanted * articles / listed`
/// probes of the list (well under a microsecond each), reading costs `listed` inflated articles
/// (tens of microseconds each): "said" at 1M articles, ~90k articles listed, took 3.5-4.5 s read
/// and sorted (under load), 0.2 s walked. Only for the words alone: another filter thins the
/// matches along the walk ("said" by anonymous people: 2.4 s sorted, 10 s walked).
fn walk_words_pays(
    db: &mut dyn Db,
    req: &AttributionRequest,
    quoting: Option<&WordMatches>,
    wanted: usize,
) -> Result<bool, StoreError> {
    /// How many list probes one inflated article is worth.
    const PROBES_PER_ARTICLE: i64 = 64;
    let Some(m) = quoting else {
        return Ok(false);
    };
    let words_only = AttributionRequest {
        q: None,
        ..req.clone()
    };
    let other_filters = !attribution_where(&words_only, false, None)?
        .clauses
        .is_empty();
    if other_filters || db.dialect() != crate::sql::Dialect::Sqlite {
        return Ok(false);
    }
    let listed = i64::try_from(m.seqs.len()).unwrap_or(i64::MAX);
    let articles = db.query_int("SELECT COALESCE(MAX(seq), 0) FROM articles", &[])?;
    let wanted = i64::try_from(wanted).unwrap_or(i64::MAX);
    Ok(listed
        .saturating_mul(listed)
        .saturating_mul(PROBES_PER_ARTICLE)
        > wanted.saturating_mul(articles))
}

/// Whether a newest-first page of statements about an entity is better found by walking the
/// date index and probing each statement (SQLite) than by sorting all of them. Walking costs
/// about `wanted * all / total` probes, sorting `total`; for "United States" in a 1M-article
/// store (212k statements about it of 4.1M) the page took 814 ms sorted, 6 ms walked. A rarely
/// mentioned entity, or one mostly in undated articles, is still read from its index entries.
fn walk_about_pays(
    db: &mut dyn Db,
    req: &AttributionRequest,
    total: i64,
    wanted: usize,
) -> Result<bool, StoreError> {
    const FEW: i64 = 5_000;
    let Some(id) = req.about else {
        return Ok(false);
    };
    if db.dialect() != crate::sql::Dialect::Sqlite || total < FEW {
        return Ok(false);
    }
    // The walk meets undated articles last: only the entity's dated share speeds it. "Labour
    // Party" at 1M articles, 72 % of them undated, took 155-215 ms walked and 45 ms sorted.
    let articles = db.query_int(
        "SELECT articles FROM entities WHERE entity_id = $1",
        &[Val::Int(id)],
    )?;
    let undated = db.query_int(
        "SELECT COUNT(*) FROM article_entities WHERE entity_id = $1 AND published_day IS NULL",
        &[Val::Int(id)],
    )?;
    let dated = if articles > 0 {
        total.saturating_mul((articles - undated).max(0)) / articles
    } else {
        total
    };
    let all = db.query_int("SELECT COUNT(*) FROM attributions", &[])?;
    let wanted = i64::try_from(wanted).unwrap_or(i64::MAX);
    Ok(dated.saturating_mul(dated) > wanted.saturating_mul(all))
}

/// Mentions listed on an entity's page.
const ENTITY_PAGE_MENTIONS: usize = 50;

/// The mentions packed in column `i` of an `article_entities` row (none when it has no spans).
fn stored_mentions(
    r: &Row,
    i: usize,
) -> Result<Vec<crate::mention_spans::PackedMention>, StoreError> {
    match col(r, i) {
        Val::Bytes(b) => crate::mention_spans::decode(b),
        _ => Ok(Vec::new()),
    }
}

/// An entity's latest `limit` mentions with their context, newest article first, in text order
/// within an article.
fn latest_mentions(db: &mut dyn Db, id: i64, limit: usize) -> Result<Vec<MentionRow>, StoreError> {
    let rows = db.query(
        "SELECT ae.article_seq, a.id, a.title, a.published, ae.spans, a.text, a.text_packed \
         FROM article_entities ae JOIN articles a ON a.seq = ae.article_seq WHERE ae.entity_id = $1 \
         ORDER BY ae.published_day DESC, ae.article_seq DESC LIMIT $2",
        &[Val::Int(id), Val::from(limit)],
    )?;
    let mut out = Vec::new();
    for r in &rows {
        let text = crate::packed::article_text(r, 5)?;
        for m in stored_mentions(r, 4)? {
            if out.len() == limit {
                return Ok(out);
            }
            out.push(MentionRow {
                article_seq: col(r, 0).int(),
                article_id: col(r, 1).text(),
                title: col(r, 2).opt_text(),
                published: col(r, 3).opt_text(),
                start: m.start as i64,
                end: m.end as i64,
                text: text.get(m.start..m.end).unwrap_or_default().to_string(),
                context: context_around(&text, m.start, m.end, 100),
            });
        }
    }
    Ok(out)
}

fn entity_summary(r: &Row) -> EntitySummary {
    EntitySummary {
        id: col(r, 0).int(),
        name: col(r, 1).text(),
        kind: col(r, 2).text(),
        mentions: col(r, 3).int(),
        articles: col(r, 4).int(),
        first_published: col(r, 5).opt_int().map(day_string),
        last_published: col(r, 6).opt_int().map(day_string),
    }
}

/// The columns [`attribution_row`] reads; the content through `ng_span` (see `crate::packed`).
const ATTRIBUTION_COLUMNS: &str = concat!(
    "t.article_seq, a.id, a.title, a.published, t.idx, t.kind, ",
    crate::packed::content_sql!(),
    ", t.cue, ",
    "t.speaker_text, t.speaker_name, t.speaker_kind, t.speaker_entity_id, t.descriptor, ",
    "t.anonymity_reason, t.response, a.outlet, a.url"
);

fn attribution_row(r: &Row) -> AttributionRow {
    AttributionRow {
        article_seq: col(r, 0).int(),
        article_id: col(r, 1).text(),
        title: col(r, 2).opt_text(),
        published: col(r, 3).opt_text(),
        idx: col(r, 4).int(),
        kind: col(r, 5).text(),
        content: col(r, 6).text(),
        cue: col(r, 7).opt_text(),
        speaker_text: col(r, 8).opt_text(),
        speaker_name: col(r, 9).opt_text(),
        speaker_kind: col(r, 10).opt_text(),
        speaker_entity: col(r, 11).opt_int(),
        descriptor: col(r, 12).opt_text(),
        anonymity_reason: col(r, 13).opt_text(),
        response: col(r, 14).opt_text(),
        outlet: col(r, 15).opt_text(),
        url: col(r, 16).opt_text(),
    }
}

/// Builds `WHERE` clauses with numbered placeholders.
#[derive(Default)]
pub(crate) struct Where {
    pub(crate) clauses: Vec<String>,
    pub(crate) params: Vec<Val>,
    /// Some clause reads the article row `a` (added with [`Where::add_on_article`]).
    reads_articles: bool,
}

impl Where {
    /// Adds a clause in which `?` stands for the next parameter.
    pub(crate) fn add(&mut self, clause: &str, value: Val) {
        let n = self.params.len() + 1;
        self.clauses.push(clause.replace('?', &format!("${n}")));
        self.params.push(value);
    }
    /// [`Where::add`] for a clause that reads the article row aliased `a`.
    fn add_on_article(&mut self, clause: &str, value: Val) {
        self.reads_articles = true;
        self.add(clause, value);
    }
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
    pub(crate) fn next(&self) -> usize {
        self.params.len() + 1
    }
}

fn snippet_from(text: &str, highlights: Vec<[usize; 2]>) -> Snippet {
    let mut html = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for [s, e] in &highlights {
        html.push_str(&escape_html(text.get(pos..*s).unwrap_or("")));
        html.push_str("<b>");
        html.push_str(&escape_html(text.get(*s..*e).unwrap_or("")));
        html.push_str("</b>");
        pos = *e;
    }
    html.push_str(&escape_html(text.get(pos..).unwrap_or("")));
    Snippet {
        text: text.to_string(),
        highlights,
        html,
    }
}

/// Escapes `< > & " '` for HTML text and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The first ~`max` bytes of `text` on a char boundary, for a snippet with no match.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Store {
    /// Whether an article with this content hash is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .reader()?
            .query_one("SELECT 1 FROM articles WHERE id = $1", &[Val::from(id)])?
            .is_some())
    }

    /// Row counts of every table, the index's document count and whether an ingest is running.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let index = self.index_status()?;
        let mut db = self.reader()?;
        let count =
            |db: &mut Box<dyn Db>, t: &str| db.query_int(&format!("SELECT COUNT(*) FROM {t}"), &[]);
        Ok(StoreStats {
            backend: self.backend_name().into(),
            location: self.location().describe(),
            schema_version: schema::version(db.as_mut())?,
            articles: count(&mut db, "articles")?,
            entities: count(&mut db, "entities")?,
            // Each entity counts the mentions resolved to it: 54k rows to sum at 1M articles
            // instead of 15M (article, entity) rows.
            mentions: db.query_int(
                "SELECT CAST(COALESCE(SUM(mentions), 0) AS BIGINT) FROM entities",
                &[],
            )?,
            attributions: count(&mut db, "attributions")?,
            dates: db.query_int(
                "SELECT CAST(COALESCE(SUM(date_count), 0) AS BIGINT) FROM articles",
                &[],
            )?,
            figures: db.query_int(
                "SELECT CAST(COALESCE(SUM(figure_count), 0) AS BIGINT) FROM articles",
                &[],
            )?,
            events: count(&mut db, "events")?,
            index_docs: index.index_docs,
            ingest_running: index.ingest_running,
        })
    }

    fn filters(&self, req: &SearchRequest) -> Result<Filters, StoreError> {
        let parse_day = |d: &Option<String>, end: bool| -> Result<Option<i64>, StoreError> {
            match d.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => day_number(s, end)
                    .map(Some)
                    .ok_or_else(|| StoreError::Invalid(format!("not a date (YYYY-MM-DD): {s:?}"))),
            }
        };
        if req.entity.len() > 16 {
            return Err(StoreError::Invalid("at most 16 entity filters".into()));
        }
        Ok(Filters {
            entities: req.entity.clone(),
            entity_type: req.entity_type.clone().filter(|s| !s.is_empty()),
            outlet: req.outlet.clone().filter(|s| !s.is_empty()),
            day_from: parse_day(&req.from, false)?,
            day_to: parse_day(&req.to, true)?,
            source_kind: req.source_kind.clone().filter(|s| !s.is_empty()),
            has_anonymous: req.has_anonymous,
            newest_first: match req.sort.as_deref().map(str::trim).unwrap_or("") {
                "" | "relevance" => None,
                "newest" => Some(true),
                "oldest" => Some(false),
                other => {
                    return Err(StoreError::Invalid(format!(
                        "sort must be relevance, newest or oldest, not {other:?}"
                    )))
                }
            },
        })
    }

    /// Full-text search with filters, facets, snippets and paging.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse, StoreError> {
        let started = Instant::now();
        if req.q.len() > 1000 {
            return Err(StoreError::Invalid("query longer than 1000 bytes".into()));
        }
        let limit = clamp_limit(req.limit, 10);
        // Checked: an offset near usize::MAX must not wrap past the bound.
        if req
            .offset
            .checked_add(limit)
            .is_none_or(|end| end > MAX_OFFSET)
        {
            return Err(StoreError::Invalid(format!(
                "offset + limit may not pass {MAX_OFFSET}; narrow the query instead"
            )));
        }
        let filters = self.filters(req)?;
        let with_facets = req.facets.unwrap_or(true);
        let mut resp = match &self.index {
            Some(index) => {
                let raw = index.search(&req.q, &filters, req.offset, limit, with_facets)?;
                let generator = index.snippets(raw.query.as_ref())?;
                let mut db = self.reader()?;
                let mut hits = Vec::with_capacity(raw.hits.len());
                for (score, seq) in raw.hits {
                    let Some(r) = db.query_one(
                        "SELECT id, title, outlet, published, text, text_packed FROM articles WHERE seq = $1",
                        &[Val::Int(seq)],
                    )?
                    else {
                        continue;
                    };
                    let text = crate::packed::article_text(&r, 4)?;
                    let snip = generator.snippet(&text);
                    let snippet = if snip.fragment().is_empty() {
                        snippet_from(head(&text, 240), Vec::new())
                    } else {
                        let hl = snip
                            .highlighted()
                            .iter()
                            .map(|h| [h.start, h.end])
                            .collect();
                        snippet_from(snip.fragment(), hl)
                    };
                    hits.push(SearchHit {
                        seq,
                        id: col(&r, 0).text(),
                        title: col(&r, 1).opt_text(),
                        outlet: col(&r, 2).opt_text(),
                        published: col(&r, 3).opt_text(),
                        score,
                        snippet,
                    });
                }
                let mut facets: BTreeMap<String, Vec<FacetCount>> = BTreeMap::new();
                for (group, value, count) in raw.facets {
                    facets.entry(group).or_default().push(FacetCount {
                        label: value.clone(),
                        value,
                        count,
                    });
                }
                drop(db);
                SearchResponse {
                    total: raw.total,
                    offset: req.offset,
                    limit,
                    took_ms: 0.0,
                    hits,
                    facets,
                }
            }
            None => self.search_sql(req, &filters, limit, with_facets)?,
        };
        // Entity facets carry ids: give them names.
        if let Some(list) = resp.facets.get_mut("entity") {
            let mut db = self.reader()?;
            for f in list.iter_mut() {
                if let Ok(id) = f.value.parse::<i64>() {
                    if let Some(r) = db.query_one(
                        "SELECT name FROM entities WHERE entity_id = $1",
                        &[Val::Int(id)],
                    )? {
                        f.label = col(&r, 0).text();
                    }
                }
            }
        }
        resp.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(resp)
    }

    /// Search with PostgreSQL's own full-text search.
    fn search_sql(
        &self,
        req: &SearchRequest,
        f: &Filters,
        limit: usize,
        with_facets: bool,
    ) -> Result<SearchResponse, StoreError> {
        let has_text = !req.q.trim().is_empty();
        let w = sql_search_where(req, f);
        let mut db = self.reader()?;
        let total = db.query_int(
            &format!("SELECT COUNT(*) FROM articles a {}", w.sql()),
            &w.params,
        )? as usize;
        let hits = sql_search_hits(db.as_mut(), &w, has_text, f.newest_first, limit, req.offset)?;
        let facets = if with_facets {
            sql_search_facets(db.as_mut(), &w)?
        } else {
            BTreeMap::new()
        };
        Ok(SearchResponse {
            total,
            offset: req.offset,
            limit,
            took_ms: 0.0,
            hits,
            facets,
        })
    }

    /// An article by `seq` or content hash, with the canonical entity of every mention.
    pub fn article(&self, key: &str) -> Result<Option<ArticleView>, StoreError> {
        let mut db = self.reader()?;
        let row = match key.parse::<i64>() {
            Ok(seq) if key.len() < 20 => db.query_one(
                "SELECT seq, doc, doc_packed, text, text_packed FROM articles WHERE seq = $1",
                &[Val::Int(seq)],
            )?,
            _ => db.query_one(
                "SELECT seq, doc, doc_packed, text, text_packed FROM articles WHERE id = $1",
                &[Val::from(key)],
            )?,
        };
        let Some(row) = row else { return Ok(None) };
        let seq = col(&row, 0).int();
        let article = document(
            &crate::packed::doc_json(&row, 1)?,
            crate::packed::article_text(&row, 3)?,
        )?;
        let n_mentions = article
            .get("entities")
            .and_then(|e| e.as_array())
            .map_or(0, Vec::len);
        let n_attr = article
            .get("attributions")
            .and_then(|e| e.as_array())
            .map_or(0, Vec::len);
        let mut mention_entities = vec![None; n_mentions];
        for r in db.query(
            "SELECT entity_id, spans FROM article_entities WHERE article_seq = $1",
            &[Val::Int(seq)],
        )? {
            for m in stored_mentions(&r, 1)? {
                if let Some(slot) = mention_entities.get_mut(m.idx) {
                    *slot = Some(col(&r, 0).int());
                }
            }
        }
        let mut speaker_entities = vec![None; n_attr];
        for r in db.query(
            "SELECT idx, speaker_entity_id FROM attributions WHERE article_seq = $1",
            &[Val::Int(seq)],
        )? {
            if let Some(slot) = usize::try_from(col(&r, 0).int())
                .ok()
                .and_then(|i| speaker_entities.get_mut(i))
            {
                *slot = col(&r, 1).opt_int();
            }
        }
        let entities = db
            .query(
                "SELECT e.entity_id, e.name, e.type FROM article_entities ae JOIN entities e ON e.entity_id = ae.entity_id \
                 WHERE ae.article_seq = $1 ORDER BY ae.mentions DESC, e.entity_id",
                &[Val::Int(seq)],
            )?
            .iter()
            .map(|r| EntityRef { id: col(r, 0).int(), name: col(r, 1).text(), kind: col(r, 2).text() })
            .collect();
        Ok(Some(ArticleView {
            seq,
            article,
            mention_entities,
            speaker_entities,
            entities,
        }))
    }

    /// Entities by name, most mentioned first.
    pub fn entities(&self, req: &EntityListRequest) -> Result<Vec<EntitySummary>, StoreError> {
        Ok(self.entities_page(req)?.items)
    }

    /// A page of entities by name, most mentioned first, with how many match in all.
    pub fn entities_page(
        &self,
        req: &EntityListRequest,
    ) -> Result<Page<EntitySummary>, StoreError> {
        let limit = clamp_limit(req.limit, 20);
        let offset = req.offset.min(MAX_OFFSET);
        let mut w = Where::default();
        if let Some(q) = req.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            w.add(
                "e.entity_id IN (SELECT entity_id FROM entity_aliases WHERE norm LIKE ?)",
                Val::from(format!(
                    "%{}%",
                    crate::names::normalize(q).replace(['%', '_'], "")
                )),
            );
        }
        if let Some(t) = req.kind.as_deref().filter(|t| !t.is_empty()) {
            w.add("e.type = ?", Val::from(check_entity_type(t)?));
        }
        let mut db = self.reader()?;
        let total = db.query_int(
            &format!("SELECT COUNT(*) FROM entities e {}", w.sql()),
            &w.params,
        )?;
        let n = w.next();
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM entities e {} ORDER BY e.mentions DESC, e.entity_id LIMIT ${n} OFFSET ${}",
            w.sql(),
            n + 1
        );
        let mut params = w.params;
        params.push(Val::from(limit));
        params.push(Val::from(offset));
        let items = db
            .query(&sql, &params)?
            .iter()
            .map(entity_summary)
            .collect();
        Ok(Page {
            total: total.max(0) as usize,
            total_is_lower_bound: false,
            offset,
            limit,
            items,
        })
    }

    /// Everything known of one entity.
    pub fn entity(&self, id: i64) -> Result<Option<EntityProfile>, StoreError> {
        let mut db = self.reader()?;
        let Some(row) = db.query_one(
            &format!("SELECT {ENTITY_COLUMNS} FROM entities e WHERE e.entity_id = $1"),
            &[Val::Int(id)],
        )?
        else {
            return Ok(None);
        };
        let entity = entity_summary(&row);
        let p = [Val::Int(id)];
        let named = |rows: Vec<Row>| -> Vec<NamedCount> {
            rows.iter()
                .map(|r| NamedCount {
                    name: col(r, 0).text(),
                    count: col(r, 1).int(),
                })
                .collect()
        };
        let aliases = named(db.query("SELECT alias, count FROM entity_aliases WHERE entity_id = $1 ORDER BY count DESC, alias LIMIT 50", &p)?);
        let titles = named(db.query("SELECT descriptor, count FROM entity_descriptors WHERE entity_id = $1 AND kind = 'title' ORDER BY count DESC, descriptor LIMIT 30", &p)?);
        let descriptors = named(db.query("SELECT descriptor, count FROM entity_descriptors WHERE entity_id = $1 AND kind = 'descriptor' ORDER BY count DESC, descriptor LIMIT 30", &p)?);
        let mentions = latest_mentions(db.as_mut(), id, ENTITY_PAGE_MENTIONS)?;
        // Over the entity's latest CO_OCCURRENCE_ARTICLES articles: the self-join over all of
        // them took 2.7 s for "United States" (180k articles) in a 1M-article store.
        let co_occurring = db
            .query(
                "SELECT e.entity_id, e.name, e.type, COUNT(*) FROM \
                 (SELECT article_seq FROM article_entities WHERE entity_id = $1 \
                  ORDER BY article_seq DESC LIMIT $2) x \
                 JOIN article_entities y ON y.article_seq = x.article_seq AND y.entity_id <> $1 \
                 JOIN entities e ON e.entity_id = y.entity_id \
                 GROUP BY e.entity_id, e.name, e.type ORDER BY 4 DESC, e.entity_id LIMIT 25",
                &[Val::Int(id), Val::from(CO_OCCURRENCE_ARTICLES)],
            )?
            .iter()
            .map(|r| CoEntity {
                entity: EntityRef {
                    id: col(r, 0).int(),
                    name: col(r, 1).text(),
                    kind: col(r, 2).text(),
                },
                articles: col(r, 3).int(),
            })
            .collect();
        let timeline = db
            .query(
                "SELECT published_day / 100, COUNT(*) FROM article_entities \
                 WHERE entity_id = $1 GROUP BY 1 ORDER BY 1",
                &p,
            )?
            .iter()
            .map(|r| TimePoint {
                period: col(r, 0).opt_int().map_or_else(
                    || "unknown".to_string(),
                    |m| format!("{:04}-{:02}", m / 100, m % 100),
                ),
                articles: col(r, 1).int(),
            })
            .collect();
        // The entity row counts every mention it resolved (summing its article rows took 0.16 s
        // for "United States" at 1M articles).
        let mentions_total = entity.mentions;
        drop(db);
        // The lists are the first pages of the API's lists, so their totals are what paging
        // from them reaches.
        let quotes = |speaker, about| {
            self.attributions_page(&AttributionRequest {
                speaker,
                about,
                limit: Some(50),
                ..Default::default()
            })
        };
        let by = quotes(Some(id), None)?;
        let about = quotes(None, Some(id))?;
        let events = self.timeline_page(&TimelineRequest {
            entity: Some(id),
            limit: Some(50),
            ..Default::default()
        })?;
        Ok(Some(EntityProfile {
            entity,
            aliases,
            titles,
            descriptors,
            mentions,
            quotes_by: by.items,
            quotes_about: about.items,
            co_occurring,
            timeline,
            events: events.items,
            mentions_total,
            quotes_by_total: by.total as i64,
            quotes_about_total: about.total as i64,
            events_total: events.total as i64,
        }))
    }

    /// Attributions, filtered.
    pub fn attributions(
        &self,
        req: &AttributionRequest,
    ) -> Result<Vec<AttributionRow>, StoreError> {
        Ok(self.attributions_page(req)?.items)
    }

    /// The articles holding every word of a quote search, from the search index (SQLite stores),
    /// so that the search reads only their statements: `q=tax` took 17 s at 1M articles when
    /// every statement's text was inflated and matched.
    fn quoting_articles(
        &self,
        req: &AttributionRequest,
    ) -> Result<Option<WordMatches>, StoreError> {
        /// Past this many articles the list (passed to SQL as JSON) grows large while narrowing
        /// little; the page then walks the date index as without the index. Not tuned.
        const MOST_ARTICLES: usize = 100_000;
        match (&self.index, req.q.as_deref()) {
            (Some(index), Some(q)) if !q.trim().is_empty() && q.len() <= 1000 => {
                let words = q.split_whitespace().take(16).collect::<Vec<_>>().join(" ");
                index.articles_with_words(&words, MOST_ARTICLES)
            }
            _ => Ok(None),
        }
    }

    /// A page of attributions, filtered and sorted by publication date, with how many match.
    pub fn attributions_page(
        &self,
        req: &AttributionRequest,
    ) -> Result<Page<AttributionRow>, StoreError> {
        let limit = clamp_limit(req.limit, 50);
        let offset = req.offset.min(MAX_OFFSET);
        let mut db = self.reader()?;
        // Undated articles last either way. SQLite sorts NULL first, so its newest-first order
        // needs no NULLS LAST, and without it walks the `articles_published` index backwards:
        // the first page of 4.1M attributions in 5 ms instead of sorting them all (5 s).
        let newest_first = match req.sort.as_deref().map(str::trim).unwrap_or("") {
            "" | "newest" => true,
            "oldest" => false,
            other => {
                return Err(StoreError::Invalid(format!(
                    "sort must be newest or oldest, not {other:?}"
                )))
            }
        };
        let sqlite = db.dialect() == crate::sql::Dialect::Sqlite;
        let order_by = |day: &str, seq: &str, idx: &str| match (newest_first, sqlite) {
            (true, true) => format!("{day} DESC, {seq} DESC, {idx}"),
            (true, false) => format!("{day} DESC NULLS LAST, {seq} DESC, {idx}"),
            (false, _) => format!("{day} ASC NULLS LAST, {seq}, {idx}"),
        };
        let order = order_by("a.published_day", "a.seq", "t.idx");
        let (quoting, some_quoting) = match self.quoting_articles(req)? {
            Some(m) if m.complete => (Some(m), None),
            some => (None, some),
        };
        if let Some(m) = quoting
            .as_ref()
            .filter(|_| sqlite && quote_walk::applies(req))
        {
            let walked =
                quote_walk::listed_page(db.as_mut(), req, m, newest_first, &order, offset + limit)?;
            let keys = serde_json::to_string(&walked.keys)
                .map_err(|e| StoreError::Invalid(format!("statement keys: {e}")))?;
            let sql = "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($1) \
                       LIMIT $2 OFFSET $3";
            let items = page_of_keys(
                db.as_mut(),
                sql,
                vec![Val::Text(keys)],
                &order,
                limit,
                offset,
            )?;
            return Ok(Page {
                total: walked.total.max(0) as usize,
                total_is_lower_bound: walked.total_is_lower_bound,
                offset,
                limit,
                items,
            });
        }
        // Words in so many articles' statements that the index lists only some: most articles
        // along the date index hold them.
        let common_words = some_quoting.is_some();
        let w = attribution_where(req, false, quoting.as_ref())?;
        let only_about = req.about.filter(|_| {
            let others = AttributionRequest {
                about: None,
                ..req.clone()
            };
            attribution_where(&others, false, None).is_ok_and(|w| w.clauses.is_empty())
        });
        let by_words = req.q.as_deref().is_some_and(|q| !q.trim().is_empty());
        let (total, total_is_lower_bound) = match some_quoting {
            Some(some) => count_in_some_first(db.as_mut(), req, &w, some)?,
            None => count_attributions(db.as_mut(), &w, only_about, by_words)?,
        };
        let (keys, params) = match only_about {
            // Statements about an entity, and nothing else asked: its `attribution_about` rows
            // carry the publication day in an index ordered like the page.
            Some(id) => {
                let by_day = order_by("ab.published_day", "ab.article_seq", "ab.attribution_idx");
                (
                    format!(
                        "SELECT ab.article_seq, ab.attribution_idx FROM attribution_about ab \
                         WHERE ab.entity_id = $1 ORDER BY {by_day} LIMIT $2 OFFSET $3"
                    ),
                    vec![Val::Int(id)],
                )
            }
            None => {
                let wanted = offset + limit;
                let walk_words = sqlite
                    && (common_words
                        || walk_words_pays(db.as_mut(), req, quoting.as_ref(), wanted)?);
                if walk_words && !newest_first {
                    let w = attribution_where(req, true, quoting.as_ref())?;
                    (oldest_first_walk(&w), w.params)
                } else {
                    let walk = newest_first
                        && sqlite
                        && (walk_words || walk_about_pays(db.as_mut(), req, total, wanted)?);
                    newest_or_sorted_keys(req, w, walk, &order, quoting.as_ref())?
                }
            }
        };
        let items = page_of_keys(db.as_mut(), &keys, params, &order, limit, offset)?;
        Ok(Page {
            total: total.max(0) as usize,
            total_is_lower_bound,
            offset,
            limit,
            items,
        })
    }

    /// The `limit` most mentioned entities that look like names, for choosers ("centre the graph
    /// on"): an entity named by one capitalised word that the articles mentioning it also use in
    /// lower case ("Budget" beside "the budget", "Bill" beside "the bill") is a common word the
    /// tagger took for a name, and is left out.
    pub fn name_candidates(&self, limit: usize) -> Result<Vec<EntitySummary>, StoreError> {
        /// Articles read per one-word entity, and the share of them using it in lower case
        /// above which it counts as a common word.
        const SAMPLE: i64 = 12;
        const COMMON_SHARE: f64 = 0.25;
        let list = self.entities(&EntityListRequest {
            limit: Some(limit),
            ..Default::default()
        })?;
        let mut db = self.reader()?;
        let mut out = Vec::with_capacity(list.len());
        for e in list {
            let word = e.name.trim();
            let one_word = !word.contains(char::is_whitespace)
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase);
            if one_word {
                let lower = word.to_lowercase();
                let texts = db.query(
                    "SELECT a.text, a.text_packed FROM article_entities ae JOIN articles a ON a.seq = ae.article_seq \
                     WHERE ae.entity_id = $1 ORDER BY ae.article_seq LIMIT $2",
                    &[Val::Int(e.id), Val::Int(SAMPLE)],
                )?;
                let mut using = 0;
                for r in &texts {
                    if contains_word(&crate::packed::article_text(r, 0)?, &lower) {
                        using += 1;
                    }
                }
                if !texts.is_empty() && using as f64 / texts.len() as f64 >= COMMON_SHARE {
                    continue;
                }
            }
            out.push(e);
        }
        Ok(out)
    }

    /// The `limit` articles with the largest share of anonymous statements (then most
    /// statements), over every article with a statement or a non-response.
    pub fn articles_by_anonymous_share(
        &self,
        limit: usize,
    ) -> Result<Vec<ArticleSourcing>, StoreError> {
        Ok(self
            .reader()?
            .query(
                "SELECT seq, title, attributions, anonymous_sources, non_responses FROM articles \
                 WHERE attributions > 0 OR non_responses > 0 \
                 ORDER BY CASE WHEN attributions > 0 THEN anonymous_sources * 1.0 / attributions ELSE 0 END DESC, \
                 attributions DESC, seq LIMIT $1",
                &[Val::from(limit.min(MAX_LIMIT))],
            )?
            .iter()
            .map(|r| ArticleSourcing {
                seq: col(r, 0).int(),
                title: col(r, 1).opt_text(),
                statements: col(r, 2).int(),
                anonymous: col(r, 3).int(),
                non_responses: col(r, 4).int(),
            })
            .collect())
    }

    /// Who the corpus quotes, how often anonymously, by outlet.
    pub fn sourcing_stats(&self) -> Result<SourcingStats, StoreError> {
        let mut db = self.reader()?;
        let totals = db
            .query_one(
                "SELECT COUNT(*), CAST(COALESCE(SUM(attributions), 0) AS BIGINT), CAST(COALESCE(SUM(named_sources), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(anonymous_sources), 0) AS BIGINT), CAST(COALESCE(SUM(non_responses), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN anonymous_sources > 0 THEN 1 ELSE 0 END), 0) AS BIGINT) FROM articles",
                &[],
            )?
            .unwrap_or_default();
        let map = |rows: Vec<Row>| -> BTreeMap<String, i64> {
            rows.iter()
                .map(|r| (col(r, 0).text(), col(r, 1).int()))
                .collect()
        };
        let by_speaker_kind = map(db.query(
            "SELECT speaker_kind, COUNT(*) FROM attributions WHERE speaker_kind IS NOT NULL AND kind IN ('direct', 'reported') GROUP BY speaker_kind",
            &[],
        )?);
        let by_attribution_kind =
            map(db.query("SELECT kind, COUNT(*) FROM attributions GROUP BY kind", &[])?);
        let by_outlet = db
            .query(
                "SELECT COALESCE(outlet, 'unknown'), COUNT(*), CAST(SUM(attributions) AS BIGINT), CAST(SUM(anonymous_sources) AS BIGINT) \
                 FROM articles GROUP BY COALESCE(outlet, 'unknown') ORDER BY 2 DESC LIMIT 50",
                &[],
            )?
            .iter()
            .map(|r| {
                let (att, anon) = (col(r, 2).int(), col(r, 3).int());
                OutletSourcing {
                    outlet: col(r, 0).text(),
                    articles: col(r, 1).int(),
                    attributions: att,
                    anonymous: anon,
                    share_anonymous: if att > 0 { anon as f64 / att as f64 } else { 0.0 },
                }
            })
            .collect();
        let top_named_sources = db
            .query(
                "SELECT e.entity_id, e.name, e.type, COUNT(*) FROM attributions t JOIN entities e ON e.entity_id = t.speaker_entity_id \
                 WHERE t.kind IN ('direct', 'reported') GROUP BY e.entity_id, e.name, e.type ORDER BY 4 DESC, e.entity_id LIMIT 25",
                &[],
            )?
            .iter()
            .map(|r| CoEntity {
                entity: EntityRef { id: col(r, 0).int(), name: col(r, 1).text(), kind: col(r, 2).text() },
                articles: col(r, 3).int(),
            })
            .collect();
        let anonymity_reasons = db
            .query(
                "SELECT anonymity_reason, COUNT(*) FROM attributions WHERE anonymity_reason IS NOT NULL \
                 GROUP BY anonymity_reason ORDER BY 2 DESC, 1 LIMIT 25",
                &[],
            )?
            .iter()
            .map(|r| NamedCount { name: col(r, 0).text(), count: col(r, 1).int() })
            .collect();
        let (att, anon) = (col(&totals, 1).int(), col(&totals, 3).int());
        Ok(SourcingStats {
            articles: col(&totals, 0).int(),
            attributions: att,
            named: col(&totals, 2).int(),
            anonymous: anon,
            non_responses: col(&totals, 4).int(),
            articles_with_anonymous_sources: col(&totals, 5).int(),
            share_anonymous: if att > 0 {
                anon as f64 / att as f64
            } else {
                0.0
            },
            by_speaker_kind,
            by_attribution_kind,
            by_outlet,
            top_named_sources,
            anonymity_reasons,
        })
    }

    /// Entities as nodes; co-occurrence and "quotes about" as edges.
    pub fn graph(&self, req: &GraphRequest) -> Result<Graph, StoreError> {
        let kind = match req.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) => Some(check_entity_type(k)?),
            None => None,
        };
        let edges = match req.edges.as_deref().map(str::trim).unwrap_or("") {
            "" | "all" => None,
            k @ ("co_occurrence" | "quotes_about") => Some(k),
            other => {
                return Err(StoreError::Invalid(format!(
                    "edges must be co_occurrence, quotes_about or all, not {other:?}"
                )))
            }
        };
        let period = match (
            day_bound(req.from.as_deref(), false)?,
            day_bound(req.to.as_deref(), true)?,
        ) {
            (None, None) => None,
            (lo, hi) => Some((lo.unwrap_or(0), hi.unwrap_or(99_991_231))),
        };
        let mut graph = self.graph_inner(
            req.entity,
            kind,
            period,
            clamp_limit(req.limit, 50),
            req.min_weight.unwrap_or(2).max(1),
        )?;
        if let Some(k) = edges {
            graph.edges.retain(|e| e.kind == k);
        }
        Ok(graph)
    }

    /// The graph of the `limit` entities in most articles, for exports.
    pub(crate) fn graph_unclamped(
        &self,
        limit: usize,
        min_weight: i64,
    ) -> Result<Graph, StoreError> {
        self.graph_inner(None, None, None, limit.min(100_000), min_weight)
    }

    /// The graph of the `limit` entities (of type `kind`, when given) in most articles, or the
    /// `limit - 1` (of that type) sharing most articles with `entity` around it.
    fn graph_inner(
        &self,
        entity: Option<i64>,
        kind: Option<&str>,
        period: Option<(i64, i64)>,
        limit: usize,
        min_weight: i64,
    ) -> Result<Graph, StoreError> {
        let mut db = self.reader()?;
        let kind = Val::from(kind.unwrap_or(""));
        let node_rows = match entity {
            Some(id) => {
                let mut rows = db.query(
                    &format!("SELECT {ENTITY_COLUMNS} FROM entities e WHERE e.entity_id = $1"),
                    &[Val::Int(id)],
                )?;
                if rows.is_empty() {
                    return Err(StoreError::Invalid(format!("no entity {id}")));
                }
                // The type filter is part of the query, so `limit` counts only entities of it.
                let (in_period, mut params) = period_clause("x.article_seq", period, 2);
                params.insert(0, Val::Int(id));
                let n = params.len() + 1;
                params.extend([kind, Val::from(limit.saturating_sub(1))]);
                rows.extend(db.query(
                    &format!("SELECT {ENTITY_COLUMNS} FROM entities e JOIN (SELECT y.entity_id AS id, COUNT(*) AS w \
                     FROM article_entities x JOIN article_entities y ON y.article_seq = x.article_seq AND y.entity_id <> x.entity_id \
                     WHERE x.entity_id = $1 {in_period} GROUP BY y.entity_id) n ON n.id = e.entity_id \
                     WHERE (${n} = '' OR e.type = ${n}) ORDER BY n.w DESC, e.entity_id LIMIT ${}", n + 1),
                    &params,
                )?);
                rows
            }
            None if period.is_some() => {
                // The entities in most articles of the period.
                let (in_period, mut params) = period_clause("ae.article_seq", period, 1);
                let n = params.len() + 1;
                params.extend([kind, Val::from(limit)]);
                db.query(
                    &format!("SELECT {ENTITY_COLUMNS} FROM entities e JOIN (SELECT ae.entity_id AS id, COUNT(*) AS w \
                     FROM article_entities ae WHERE 1 = 1 {in_period} GROUP BY ae.entity_id) p ON p.id = e.entity_id \
                     WHERE (${n} = '' OR e.type = ${n}) ORDER BY p.w DESC, e.entity_id LIMIT ${}", n + 1),
                    &params,
                )?
            }
            None => db.query(
                &format!(
                    "SELECT {ENTITY_COLUMNS} FROM entities e WHERE ($1 = '' OR e.type = $1) \
                 ORDER BY e.articles DESC, e.entity_id LIMIT $2"
                ),
                &[kind, Val::from(limit)],
            )?,
        };
        let nodes: Vec<GraphNode> = node_rows
            .iter()
            .map(|r| GraphNode {
                id: col(r, 0).int(),
                name: col(r, 1).text(),
                kind: col(r, 2).text(),
                mentions: col(r, 3).int(),
                articles: col(r, 4).int(),
            })
            .collect();
        let ids: Vec<Val> = nodes.iter().map(|n| Val::Int(n.id)).collect();
        if ids.is_empty() {
            return Ok(Graph {
                nodes,
                edges: Vec::new(),
            });
        }
        let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let list = list.join(", ");
        let (in_period, period_params) = period_clause("x.article_seq", period, ids.len() + 1);
        let mut params = ids.clone();
        params.extend(period_params.iter().cloned());
        params.push(Val::Int(min_weight));
        let w = params.len();
        let mut edges: Vec<GraphEdge> = db
            .query(
                &format!("SELECT x.entity_id, y.entity_id, COUNT(*) FROM article_entities x \
                 JOIN article_entities y ON y.article_seq = x.article_seq AND y.entity_id > x.entity_id \
                 WHERE x.entity_id IN ({list}) AND y.entity_id IN ({list}) {in_period} \
                 GROUP BY x.entity_id, y.entity_id HAVING COUNT(*) >= ${w}"),
                &params,
            )?
            .iter()
            .map(|r| GraphEdge { source: col(r, 0).int(), target: col(r, 1).int(), kind: "co_occurrence".into(), weight: col(r, 2).int() })
            .collect();
        edges.extend(
            db.query(
                &format!("SELECT t.speaker_entity_id, ab.entity_id, COUNT(*) FROM attribution_about ab \
                 JOIN attributions t ON t.article_seq = ab.article_seq AND t.idx = ab.attribution_idx \
                 WHERE t.speaker_entity_id IN ({list}) AND ab.entity_id IN ({list}) {} \
                 GROUP BY t.speaker_entity_id, ab.entity_id", in_period.replace("x.article_seq", "t.article_seq")),
                &[ids.clone(), period_params].concat(),
            )?
            .iter()
            .map(|r| GraphEdge { source: col(r, 0).int(), target: col(r, 1).int(), kind: "quotes_about".into(), weight: col(r, 2).int() }),
        );
        Ok(Graph { nodes, edges })
    }

    /// Dated statements, by date.
    pub fn timeline(&self, req: &TimelineRequest) -> Result<Vec<TimelineEvent>, StoreError> {
        Ok(self.timeline_page(req)?.items)
    }

    /// A page of dated statements, by date, with how many match in all.
    pub fn timeline_page(&self, req: &TimelineRequest) -> Result<Page<TimelineEvent>, StoreError> {
        let limit = clamp_limit(req.limit, 100);
        let offset = req.offset.min(MAX_OFFSET);
        // An entity's events are listed from its `event_entities` rows, which carry the date in
        // an index ordered like the page: counting and paging read that index alone.
        let (from, idx) = match req.entity {
            Some(_) => ("event_entities v", "v.event_idx"),
            None => ("events v", "v.idx"),
        };
        let order = |idx: &str| match req.sort.as_deref().map(str::trim).unwrap_or("") {
            "" | "oldest" => Ok(format!("v.date, v.article_seq, {idx}")),
            "newest" => Ok(format!("v.date DESC, v.article_seq DESC, {idx}")),
            other => Err(StoreError::Invalid(format!(
                "sort must be oldest or newest, not {other:?}"
            ))),
        };
        let (inner_order, outer_order) = (order(idx)?, order("v.idx")?);
        let mut w = Where::default();
        if let Some(id) = req.entity {
            w.add("v.entity_id = ?", Val::Int(id));
        }
        // TIMEX values sort as text: "2024-03" < "2024-03-05" < "2024-04".
        if let Some(from) = req.from.as_deref().filter(|s| !s.is_empty()) {
            w.add("v.date >= ?", Val::from(from));
        }
        if let Some(to) = req.to.as_deref().filter(|s| !s.is_empty()) {
            w.add("v.date <= ?", Val::from(format!("{to}\u{10FFFF}")));
        }
        let mut db = self.reader()?;
        let total = db.query_int(
            &format!("SELECT COUNT(*) FROM {from} {}", w.sql()),
            &w.params,
        )?;
        let n = w.next();
        // The page's keys first, then its columns (article texts), as in `attributions_page`.
        let sql = format!(
            "SELECT v.article_seq, a.id, a.title, v.date, v.sentence, v.idx, v.sentence_start, v.sentence_end, a.text, a.text_packed \
             FROM events v JOIN articles a ON a.seq = v.article_seq \
             WHERE (v.article_seq, v.idx) IN (SELECT v.article_seq, {idx} FROM {from} {} \
             ORDER BY {inner_order} LIMIT ${n} OFFSET ${}) \
             ORDER BY {outer_order}",
            w.sql(),
            n + 1
        );
        let mut params = w.params;
        params.push(Val::from(limit));
        params.push(Val::from(offset));
        let rows = db.query(&sql, &params)?;
        let mut out = Vec::with_capacity(rows.len());
        let mut names: HashMap<i64, EntityRef> = HashMap::new();
        for r in rows {
            let seq = col(&r, 0).int();
            let mut entities = Vec::new();
            for er in db.query(
                "SELECT e.entity_id, e.name, e.type FROM event_entities ee JOIN entities e ON e.entity_id = ee.entity_id \
                 WHERE ee.article_seq = $1 AND ee.event_idx = $2",
                &[Val::Int(seq), col(&r, 5).clone()],
            )? {
                let id = col(&er, 0).int();
                let e = names
                    .entry(id)
                    .or_insert_with(|| EntityRef { id, name: col(&er, 1).text(), kind: col(&er, 2).text() });
                entities.push(e.clone());
            }
            out.push(TimelineEvent {
                article_seq: seq,
                article_id: col(&r, 1).text(),
                title: col(&r, 2).opt_text(),
                date: col(&r, 3).text(),
                sentence: match col(&r, 4).text() {
                    s if s.is_empty() => crate::packed::span_text(
                        s,
                        &crate::packed::article_text(&r, 8)?,
                        col(&r, 6).int(),
                        col(&r, 7).int(),
                    ),
                    s => s,
                },
                entities,
            });
        }
        Ok(Page {
            total: total.max(0) as usize,
            total_is_lower_bound: false,
            offset,
            limit,
            items: out,
        })
    }

    /// Checks that the store is whole: one row per content hash, every span row belongs to an
    /// article, each article's span rows match its stored document, and the index covers the rows.
    pub fn check_consistency(&self) -> Result<Consistency, StoreError> {
        let mut db = self.reader()?;
        let mut c = Consistency {
            articles: db.query_int("SELECT COUNT(*) FROM articles", &[])?,
            distinct_ids: db.query_int("SELECT COUNT(DISTINCT id) FROM articles", &[])?,
            index_docs: self.index.as_ref().map(|i| i.num_docs()),
            problems: Vec::new(),
        };
        for table in ["attributions", "events", "credits", "article_entities"] {
            let orphans = db.query_int(
                &format!("SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = t.article_seq)"),
                &[],
            )?;
            if orphans > 0 {
                c.problems
                    .push(format!("{orphans} {table} rows without an article"));
            }
        }
        for r in db.query(
            "SELECT seq, doc, doc_packed, text, text_packed FROM articles",
            &[],
        )? {
            let doc = document(
                &crate::packed::doc_json(&r, 1)?,
                crate::packed::article_text(&r, 3)?,
            )?;
            let seq = col(&r, 0).int();
            // Rows of a table, or a count on the article row, against the document's list.
            for (stored, field) in [
                (
                    "SELECT COUNT(*) FROM attributions WHERE article_seq = $1",
                    "attributions",
                ),
                (
                    "SELECT COUNT(*) FROM events WHERE article_seq = $1",
                    "events",
                ),
                ("SELECT date_count FROM articles WHERE seq = $1", "dates"),
                (
                    "SELECT figure_count FROM articles WHERE seq = $1",
                    "figures",
                ),
            ] {
                let want = doc
                    .get(field)
                    .and_then(|v| v.as_array())
                    .map_or(0, Vec::len) as i64;
                let got = db.query_int(stored, &[Val::Int(seq)])?;
                if want != got {
                    c.problems.push(format!(
                        "article {seq}: {got} {field} stored, document has {want}"
                    ));
                }
            }
        }
        if c.articles != c.distinct_ids {
            c.problems.push(format!(
                "{} articles but {} distinct ids",
                c.articles, c.distinct_ids
            ));
        }
        if let Some(n) = c.index_docs {
            if n as i64 != c.articles && self.mode == OpenMode::ReadWrite {
                c.problems.push(format!(
                    "index has {n} documents, database {} articles",
                    c.articles
                ));
            }
        }
        Ok(c)
    }
}

/// `AND {seq} IN (articles published in the period)` on parameters `$first` and `$first + 1`,
/// with their values; nothing without a period.
fn period_clause(seq: &str, period: Option<(i64, i64)>, first: usize) -> (String, Vec<Val>) {
    match period {
        None => (String::new(), Vec::new()),
        Some((lo, hi)) => (
            format!(
                "AND {seq} IN (SELECT seq FROM articles WHERE published_day >= ${first} AND published_day <= ${})",
                first + 1
            ),
            vec![Val::Int(lo), Val::Int(hi)],
        ),
    }
}

/// Whether `word` occurs in `text` as a whole word, exactly as written.
fn contains_word(text: &str, word: &str) -> bool {
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    text.match_indices(word).any(|(at, w)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + w.len()..).and_then(|t| t.chars().next());
        !is_word_char(before) && !is_word_char(after)
    })
}

/// Entity types the store knows.
const ENTITY_TYPES: [&str; 8] = ["PER", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "MISC"];
const ATTRIBUTION_KINDS: [&str; 4] = ["direct", "reported", "non_response", "scare"];
/// Every speaker (source) kind the store filters by, in the order pages list them.
pub const SPEAKER_KINDS: [&str; 7] = [
    "named_person",
    "named_org",
    "anonymous_person",
    "anonymous_group",
    "unnamed_institution",
    "document",
    "writer",
];

/// `t` if it is an entity type, else a plain-words error naming the types.
fn check_entity_type(t: &str) -> Result<&str, StoreError> {
    if ENTITY_TYPES.contains(&t) {
        Ok(t)
    } else {
        Err(StoreError::Invalid(format!(
            "type must be one of {}, not {t:?}",
            ENTITY_TYPES.join(", ")
        )))
    }
}

/// A comma-separated list of values from `allowed`, as an `IN (…)` clause on `column`.
fn add_one_of(
    w: &mut Where,
    column: &str,
    what: &str,
    list: &str,
    allowed: &[&str],
) -> Result<(), StoreError> {
    let values: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    let mut marks = Vec::with_capacity(values.len());
    for v in &values {
        if !allowed.contains(v) {
            return Err(StoreError::Invalid(format!(
                "{what} must be one of {} (several comma-separated), not {v:?}",
                allowed.join(", ")
            )));
        }
        marks.push(format!("${}", w.params.len() + marks.len() + 1));
    }
    w.clauses
        .push(format!("{column} IN ({})", marks.join(", ")));
    w.params.extend(values.into_iter().map(Val::from));
    Ok(())
}

/// A publication-date bound as a day number, or a plain-words error.
pub(crate) fn day_bound(value: Option<&str>, end: bool) -> Result<Option<i64>, StoreError> {
    match value.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => day_number(s, end).map(Some).ok_or_else(|| {
            StoreError::Invalid(format!("not a date (YYYY-MM-DD, YYYY-MM or YYYY): {s:?}"))
        }),
    }
}

/// How many statements match the filters `w`, and whether counting stopped at
/// [`MAX_COUNTED_QUOTES`] (only a search by words stops). `only_about`: the entity when the
/// request asks for nothing but the statements about it.
fn count_attributions(
    db: &mut dyn Db,
    w: &Where,
    only_about: Option<i64>,
    by_words: bool,
) -> Result<(i64, bool), StoreError> {
    // Counting joins the articles only when a filter reads them: the join took 3.8 s of the
    // unfiltered count at 4.1M attributions, 17 ms without.
    let counted = if w.reads_articles {
        "attributions t JOIN articles a ON a.seq = t.article_seq"
    } else {
        "attributions t"
    };
    let total = if let Some(id) = only_about {
        // Every `attribution_about` row names one statement once: counting them reads the
        // entity's index only (51,603 statements about "United States" at 250k articles:
        // 86-145 ms joined with the statements, 1 ms this way).
        db.query_int(
            "SELECT COUNT(*) FROM attribution_about WHERE entity_id = $1",
            &[Val::Int(id)],
        )?
    } else if by_words {
        db.query_int(
            &format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM {counted} {} LIMIT {}) AS page_count",
                w.sql(),
                MAX_COUNTED_QUOTES + 1
            ),
            &w.params,
        )?
    } else {
        db.query_int(
            &format!("SELECT COUNT(*) FROM {counted} {}", w.sql()),
            &w.params,
        )?
    };
    let stopped = by_words && total > MAX_COUNTED_QUOTES as i64;
    Ok((
        if stopped {
            MAX_COUNTED_QUOTES as i64
        } else {
            total
        },
        stopped,
    ))
}

/// The count of a quote search whose words too many articles hold to list: counted first in
/// some of those articles, which proves the lower bound of [`MAX_COUNTED_QUOTES`] on its own when
/// they hold enough matching statements; else over every statement. "said" at 1M articles: the
/// count over every statement read ~4 s of articles in `seq` order until 1,001 matched, most of
/// them without the word.
fn count_in_some_first(
    db: &mut dyn Db,
    req: &AttributionRequest,
    w: &Where,
    mut some: WordMatches,
) -> Result<(i64, bool), StoreError> {
    /// Articles the first count reads at most; more than enough for 1,001 statements where most
    /// hold the words, few enough to pass to SQL as one list.
    const SOME_ARTICLES: usize = 5_000;
    some.seqs.truncate(SOME_ARTICLES);
    let in_some = attribution_where(req, false, Some(&some))?;
    let counted = count_attributions(db, &in_some, None, true)?;
    if counted.1 {
        return Ok(counted);
    }
    count_attributions(db, w, None, true)
}

/// The `WHERE` clause of an attribution list (`t`: attributions, `a`: articles).
/// The filters of an attributions request. `walk_about`: the `about` filter as a per-row probe
/// (for a page read by walking the date index) instead of a set read from the entity's index.
/// `quoting`: the articles that hold every word of `q`, when the search index found them.
pub(crate) fn attribution_where(
    req: &AttributionRequest,
    walk: bool,
    quoting: Option<&WordMatches>,
) -> Result<Where, StoreError> {
    // A quote search's list of articles, when the page sorts rather than walks, should drive
    // the query: the unary `+` keeps SQLite off the kind and outlet indexes, through which the
    // bundled planner read every direct quote ("Tajik", direct quotes only: 2.5 s at 1M
    // articles for none found).
    filters_where(req, walk, quoting, quoting.is_some() && !walk)
}

/// [`attribution_where`] without the list of articles holding the words, for a query that a
/// chunk of that list drives (the kind and outlet filters unindexed).
pub(crate) fn attribution_where_for_listed(req: &AttributionRequest) -> Result<Where, StoreError> {
    filters_where(req, false, None, true)
}

/// [`attribution_where`], with `unindexed`: keep SQLite off the kind and outlet indexes.
fn filters_where(
    req: &AttributionRequest,
    walk: bool,
    quoting: Option<&WordMatches>,
    unindexed: bool,
) -> Result<Where, StoreError> {
    let mut w = Where::default();
    let unindexed = if unindexed { "+" } else { "" };
    if let Some(id) = req.speaker {
        w.add("t.speaker_entity_id = ?", Val::Int(id));
    }
    let like = |s: &str| format!("%{}%", s.trim().to_lowercase().replace(['%', '_'], ""));
    if let Some(name) = req.speaker_name.as_deref().filter(|s| !s.trim().is_empty()) {
        w.add(
            "LOWER(COALESCE(t.speaker_name, t.speaker_text, '')) LIKE ?",
            Val::from(like(name)),
        );
    }
    if let Some(k) = req.kind.as_deref() {
        add_one_of(
            &mut w,
            &format!("{unindexed}t.kind"),
            "kind",
            k,
            &ATTRIBUTION_KINDS,
        )?;
    }
    if let Some(k) = req.speaker_kind.as_deref() {
        add_one_of(
            &mut w,
            &format!("{unindexed}t.speaker_kind"),
            "speaker_kind",
            k,
            &SPEAKER_KINDS,
        )?;
    }
    if let (Some(id), true) = (req.about, walk) {
        w.add(
            "EXISTS (SELECT 1 FROM attribution_about ab WHERE ab.article_seq = t.article_seq \
             AND ab.attribution_idx = t.idx AND ab.entity_id = ?)",
            Val::Int(id),
        );
    } else if let Some(id) = req.about {
        w.add(
            // A row-value IN reads the entity's index entries; a correlated EXISTS scanned every
            // attribution (345 ms at 98k articles, 0.4 ms this way).
            "(t.article_seq, t.idx) IN (SELECT article_seq, attribution_idx FROM attribution_about WHERE entity_id = ?)",
            Val::Int(id),
        );
    }
    if let Some(seq) = req.article {
        w.add("t.article_seq = ?", Val::Int(seq));
    }
    if let Some(q) = req.q.as_deref() {
        if q.len() > 1000 {
            return Err(StoreError::Invalid("q longer than 1000 bytes".into()));
        }
        if let Some(m) = quoting {
            // Only the articles holding the words are read (and inflated) for the `LIKE`s below,
            // plus any the index has not caught up with yet. Tested on the article row when the
            // page walks the date index, so that each article is probed before its statements
            // are read; on the statement otherwise, where SQLite reads the list's articles.
            let seqs = serde_json::to_string(&m.seqs)
                .map_err(|e| StoreError::Invalid(format!("article list: {e}")))?;
            let clause = |seq: &str| {
                format!(
                    "({seq} > {} OR {seq} IN (SELECT value FROM json_each(?)))",
                    m.indexed_through
                )
            };
            if walk {
                w.add_on_article(&clause("a.seq"), Val::Text(seqs));
            } else {
                w.add(&clause("t.article_seq"), Val::Text(seqs));
            }
        }
        for word in q.split_whitespace().take(16) {
            w.add_on_article(
                concat!("LOWER(", crate::packed::content_sql!(), ") LIKE ?"),
                Val::from(like(word)),
            );
        }
    }
    if let Some(o) = req.outlet.as_deref().filter(|s| !s.trim().is_empty()) {
        w.add_on_article(&format!("{unindexed}a.outlet = ?"), Val::from(o.trim()));
    }
    if let Some(d) = day_bound(req.from.as_deref(), false)? {
        w.add_on_article("a.published_day >= ?", Val::Int(d));
    }
    if let Some(d) = day_bound(req.to.as_deref(), true)? {
        w.add_on_article("a.published_day <= ?", Val::Int(d));
    }
    Ok(w)
}

/// The `WHERE` clause of a PostgreSQL search: the query text (`$1` when there is one) and every
/// filter.
fn sql_search_where(req: &SearchRequest, f: &Filters) -> Where {
    let mut w = Where::default();
    if !req.q.trim().is_empty() {
        w.add(
            "a.tsv @@ websearch_to_tsquery('english', ?)",
            Val::from(&req.q),
        );
    }
    for id in &f.entities {
        w.add(
            "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_seq = a.seq AND ae.entity_id = ?)",
            Val::Int(*id),
        );
    }
    if let Some(t) = &f.entity_type {
        w.add("EXISTS (SELECT 1 FROM article_entities ae JOIN entities e ON e.entity_id = ae.entity_id \
               WHERE ae.article_seq = a.seq AND e.type = ?)", Val::from(t));
    }
    if let Some(o) = &f.outlet {
        w.add("a.outlet = ?", Val::from(o));
    }
    if let Some(d) = f.day_from {
        w.add("a.published_day >= ?", Val::Int(d));
    }
    if let Some(d) = f.day_to {
        w.add("a.published_day <= ?", Val::Int(d));
    }
    if let Some(k) = &f.source_kind {
        w.add("EXISTS (SELECT 1 FROM attributions t WHERE t.article_seq = a.seq AND t.speaker_kind = ? \
               AND t.kind IN ('direct', 'reported'))", Val::from(k));
    }
    if let Some(anon) = f.has_anonymous {
        w.add(
            if anon {
                "a.anonymous_sources > ?"
            } else {
                "a.anonymous_sources <= ?"
            },
            Val::Int(0),
        );
    }
    w
}

/// One page of PostgreSQL search hits, ranked (`ts_rank_cd`) with `ts_headline` snippets, or
/// newest first when there is no query text.
fn sql_search_hits(
    db: &mut dyn Db,
    w: &Where,
    has_text: bool,
    newest_first: Option<bool>,
    limit: usize,
    offset: usize,
) -> Result<Vec<SearchHit>, StoreError> {
    // Markers no article contains stand for the highlight tags; the HTML is escaped by us.
    let (rank, headline, order) = if has_text {
        (
            "ts_rank_cd(a.tsv, websearch_to_tsquery('english', $1))::float8",
            "ts_headline('english', a.text, websearch_to_tsquery('english', $1), \
             'StartSel=\u{1}, StopSel=\u{2}, MaxWords=35, MinWords=15, MaxFragments=2')",
            "ORDER BY 5 DESC, a.seq",
        )
    } else {
        (
            "0::float8",
            "left(a.text, 240)",
            "ORDER BY a.published_day DESC NULLS LAST, a.seq DESC",
        )
    };
    let order = match newest_first {
        Some(true) => "ORDER BY a.published_day DESC NULLS LAST, a.seq DESC",
        Some(false) => "ORDER BY a.published_day ASC NULLS LAST, a.seq",
        None => order,
    };
    let n = w.next();
    let sql = format!(
        "SELECT a.seq, a.id, a.title, a.outlet, {rank}, a.published, {headline} FROM articles a {} {order} \
         LIMIT ${n} OFFSET ${}",
        w.sql(),
        n + 1
    );
    let mut params = w.params.clone();
    params.push(Val::from(limit));
    params.push(Val::from(offset));
    let mut hits = Vec::new();
    for r in db.query(&sql, &params)? {
        let (text, highlights) = unmark_headline(&col(&r, 6).text());
        hits.push(SearchHit {
            seq: col(&r, 0).int(),
            id: col(&r, 1).text(),
            title: col(&r, 2).opt_text(),
            outlet: col(&r, 3).opt_text(),
            score: col(&r, 4).real() as f32,
            published: col(&r, 5).opt_text(),
            snippet: snippet_from(&text, highlights),
        });
    }
    Ok(hits)
}

/// A `ts_headline` fragment with its `\u{1}`…`\u{2}` markers taken out, and the byte ranges
/// they enclosed.
fn unmark_headline(marked: &str) -> (String, Vec<[usize; 2]>) {
    let mut text = String::with_capacity(marked.len());
    let mut highlights = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            '\u{1}' => open = Some(text.len()),
            '\u{2}' => {
                if let Some(s) = open.take() {
                    highlights.push([s, text.len()]);
                }
            }
            c => text.push(c),
        }
    }
    (text, highlights)
}

/// Facet counts of a PostgreSQL search, one SQL query per group over the matching articles.
fn sql_search_facets(
    db: &mut dyn Db,
    w: &Where,
) -> Result<BTreeMap<String, Vec<FacetCount>>, StoreError> {
    let matched = format!("SELECT a.seq FROM articles a {}", w.sql());
    let groups = [
        ("outlet", format!("SELECT a.outlet, COUNT(*) FROM articles a WHERE a.seq IN ({matched}) AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC LIMIT 10")),
        ("entity_type", format!("SELECT e.type, COUNT(DISTINCT ae.article_seq) FROM article_entities ae JOIN entities e ON e.entity_id = ae.entity_id WHERE ae.article_seq IN ({matched}) GROUP BY e.type ORDER BY 2 DESC LIMIT 10")),
        ("source_kind", format!("SELECT t.speaker_kind, COUNT(DISTINCT t.article_seq) FROM attributions t WHERE t.article_seq IN ({matched}) AND t.speaker_kind IS NOT NULL AND t.kind IN ('direct', 'reported') GROUP BY t.speaker_kind ORDER BY 2 DESC LIMIT 10")),
        ("entity", format!("SELECT CAST(ae.entity_id AS TEXT), COUNT(*) FROM article_entities ae WHERE ae.article_seq IN ({matched}) GROUP BY ae.entity_id ORDER BY 2 DESC LIMIT 10")),
        ("anonymous", format!("SELECT CASE WHEN a.anonymous_sources > 0 THEN 'yes' ELSE 'no' END, COUNT(*) FROM articles a WHERE a.seq IN ({matched}) GROUP BY 1 ORDER BY 2 DESC")),
    ];
    let mut facets = BTreeMap::new();
    for (group, sql) in groups {
        let list = db
            .query(&sql, &w.params)?
            .iter()
            .map(|r| FacetCount {
                value: col(r, 0).text(),
                label: col(r, 0).text(),
                count: col(r, 1).int().max(0) as u64,
            })
            .collect::<Vec<_>>();
        if !list.is_empty() {
            facets.insert(group.to_string(), list);
        }
    }
    Ok(facets)
}

/// The stored document with its text put back: the `analyze --json` object.
pub(crate) fn document(doc: &str, text: String) -> Result<serde_json::Value, StoreError> {
    let mut v: serde_json::Value = serde_json::from_str(doc)?;
    crate::packed::restore_slices(&mut v, &text);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("text".into(), serde_json::Value::String(text));
    }
    Ok(v)
}

/// About `radius` bytes either side of `[start, end)`, on char boundaries, on one line.
fn context_around(text: &str, start: usize, end: usize, radius: usize) -> String {
    let mut s = start.saturating_sub(radius).min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.saturating_add(radius).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text.get(s..e).unwrap_or("").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("the budget was cut", "budget"));
        assert!(contains_word("budget.", "budget"));
        assert!(!contains_word("the Budget was cut", "budget"));
        assert!(!contains_word("budgetary rules", "budget"));
        assert!(!contains_word("pre-budget talks", "budget"));
        assert!(!contains_word("", "budget"));
    }

    #[test]
    fn only_filters_on_the_article_row_make_the_count_join_articles() {
        let reads =
            |req: AttributionRequest| attribution_where(&req, false, None).unwrap().reads_articles;
        assert!(!reads(AttributionRequest::default()));
        assert!(!reads(AttributionRequest {
            speaker: Some(3),
            about: Some(4),
            kind: Some("direct".into()),
            ..Default::default()
        }));
        assert!(reads(AttributionRequest {
            outlet: Some("Reuters".into()),
            ..Default::default()
        }));
        assert!(reads(AttributionRequest {
            q: Some("tax".into()),
            ..Default::default()
        }));
        assert!(reads(AttributionRequest {
            from: Some("2005-01-01".into()),
            ..Default::default()
        }));
        // Every clause that names the article row was added as such.
        let all = AttributionRequest {
            speaker: Some(1),
            speaker_name: Some("blair".into()),
            kind: Some("direct".into()),
            about: Some(2),
            article: Some(5),
            ..Default::default()
        };
        let w = attribution_where(&all, false, None).unwrap();
        assert!(
            !w.sql().contains(" a.") && !w.sql().contains("(a."),
            "{}",
            w.sql()
        );
    }
}
