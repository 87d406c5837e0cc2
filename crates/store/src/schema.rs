//! Versioned schema migrations. A migration, once released, is never edited: add a new one.

use crate::sql::{col, Db, Dialect, Val};
use crate::StoreError;

/// Tables common to both backends; `{ID}` is the auto-numbered primary key, `{REAL}` a float.
const V1_TABLES: &str = r#"
CREATE TABLE articles (
    seq {ID},
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT,
    url TEXT,
    language TEXT,
    published TEXT,
    published_from TEXT,
    published_day BIGINT,
    source_file TEXT,
    word_count BIGINT NOT NULL,
    truncated BIGINT NOT NULL,
    cluster_id TEXT,
    attributions BIGINT NOT NULL,
    named_sources BIGINT NOT NULL,
    anonymous_sources BIGINT NOT NULL,
    non_responses BIGINT NOT NULL,
    text TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_day);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE TABLE entities (
    entity_id {ID},
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    norm TEXT NOT NULL,
    surname TEXT,
    acronym TEXT,
    mentions BIGINT NOT NULL DEFAULT 0,
    articles BIGINT NOT NULL DEFAULT 0,
    first_published BIGINT,
    last_published BIGINT
);
CREATE INDEX entities_norm ON entities(norm);
CREATE INDEX entities_surname ON entities(surname);
CREATE INDEX entities_acronym ON entities(acronym);
CREATE INDEX entities_mentions ON entities(mentions);
CREATE TABLE entity_aliases (
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_norm ON entity_aliases(norm);
CREATE TABLE entity_descriptors (
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    kind TEXT NOT NULL,
    descriptor TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (entity_id, kind, descriptor)
);
CREATE TABLE mentions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    confidence {REAL} NOT NULL,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_seq);
CREATE TABLE article_entities (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    mentions BIGINT NOT NULL,
    PRIMARY KEY (article_seq, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_seq);
CREATE TABLE attributions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL,
    content_start BIGINT NOT NULL,
    content_end BIGINT NOT NULL,
    content TEXT NOT NULL,
    cue TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_kind TEXT,
    speaker_entity_id BIGINT REFERENCES entities(entity_id),
    descriptor TEXT,
    anonymity_reason TEXT,
    response TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX attributions_speaker ON attributions(speaker_entity_id);
CREATE INDEX attributions_kind ON attributions(kind, speaker_kind);
CREATE TABLE attribution_about (
    article_seq BIGINT NOT NULL,
    attribution_idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    PRIMARY KEY (article_seq, attribution_idx, entity_id)
);
CREATE INDEX attribution_about_entity ON attribution_about(entity_id);
CREATE TABLE dates (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    modifier TEXT,
    interval_start TEXT,
    interval_end TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE figures (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    value {REAL},
    hedge TEXT,
    unit TEXT,
    kind TEXT,
    PRIMARY KEY (article_seq, idx)
);
CREATE TABLE events (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    date TEXT NOT NULL,
    date_index BIGINT NOT NULL,
    sentence_start BIGINT NOT NULL,
    sentence_end BIGINT NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (article_seq, idx)
);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_entities (
    article_seq BIGINT NOT NULL,
    event_idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    PRIMARY KEY (article_seq, event_idx, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities(entity_id);
CREATE TABLE credits (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    role TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX credits_article ON credits(article_seq);
"#;

/// PostgreSQL keeps its own full-text index next to the rows (see the crate docs for why).
const V1_PG_SEARCH: &str = r#"
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', text), 'B')) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
"#;

fn v1(dialect: Dialect) -> String {
    let (id, real) = match dialect {
        Dialect::Sqlite => ("INTEGER PRIMARY KEY", "REAL"),
        Dialect::Postgres => (
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            "DOUBLE PRECISION",
        ),
    };
    let mut sql = V1_TABLES.replace("{ID}", id).replace("{REAL}", real);
    if dialect == Dialect::Postgres {
        sql.push_str(V1_PG_SEARCH);
    }
    sql
}

/// Version 2: the analysis JSON is stored deflated (see `crate::packed`).
fn v2(dialect: Dialect) -> String {
    let blob = match dialect {
        Dialect::Sqlite => "BLOB",
        Dialect::Postgres => "BYTEA",
    };
    format!("ALTER TABLE articles ADD COLUMN doc_packed {blob};")
}

/// Version 3, SQLite: the link and per-mention tables become `WITHOUT ROWID` tables clustered on
/// their primary key. As rowid tables each kept its rows twice, once in the table and once in
/// the primary key's automatic index (2.2 of the 15 KB a BBC article took; the mentions' key index
/// alone 0.4 KB). Attributions and events keep their rowids: their rows carry sentences, and
/// SQLite advises clustering only small rows.
const V3_SQLITE_CLUSTERED: &str = r#"
CREATE TABLE v3_entity_aliases (
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
INSERT INTO v3_entity_aliases SELECT entity_id, alias, norm, count FROM entity_aliases;
DROP TABLE entity_aliases;
ALTER TABLE v3_entity_aliases RENAME TO entity_aliases;
CREATE INDEX entity_aliases_norm ON entity_aliases(norm);
CREATE TABLE v3_entity_descriptors (
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    kind TEXT NOT NULL,
    descriptor TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (entity_id, kind, descriptor)
) WITHOUT ROWID;
INSERT INTO v3_entity_descriptors SELECT entity_id, kind, descriptor, count FROM entity_descriptors;
DROP TABLE entity_descriptors;
ALTER TABLE v3_entity_descriptors RENAME TO entity_descriptors;
CREATE TABLE v3_mentions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
INSERT INTO v3_mentions SELECT article_seq, idx, entity_id, start_byte, end_byte, text, label, confidence FROM mentions;
DROP TABLE mentions;
ALTER TABLE v3_mentions RENAME TO mentions;
CREATE INDEX mentions_entity ON mentions(entity_id, article_seq);
CREATE TABLE v3_article_entities (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    mentions BIGINT NOT NULL,
    PRIMARY KEY (article_seq, entity_id)
) WITHOUT ROWID;
INSERT INTO v3_article_entities SELECT article_seq, entity_id, mentions FROM article_entities;
DROP TABLE article_entities;
ALTER TABLE v3_article_entities RENAME TO article_entities;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_seq);
CREATE TABLE v3_attribution_about (
    article_seq BIGINT NOT NULL,
    attribution_idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    PRIMARY KEY (article_seq, attribution_idx, entity_id)
) WITHOUT ROWID;
INSERT INTO v3_attribution_about SELECT article_seq, attribution_idx, entity_id FROM attribution_about;
DROP TABLE attribution_about;
ALTER TABLE v3_attribution_about RENAME TO attribution_about;
CREATE INDEX attribution_about_entity ON attribution_about(entity_id);
CREATE TABLE v3_dates (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    modifier TEXT,
    interval_start TEXT,
    interval_end TEXT,
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
INSERT INTO v3_dates SELECT article_seq, idx, start_byte, end_byte, text, value, granularity, modifier, interval_start, interval_end FROM dates;
DROP TABLE dates;
ALTER TABLE v3_dates RENAME TO dates;
CREATE TABLE v3_figures (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    hedge TEXT,
    unit TEXT,
    kind TEXT,
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
INSERT INTO v3_figures SELECT article_seq, idx, start_byte, end_byte, text, value, hedge, unit, kind FROM figures;
DROP TABLE figures;
ALTER TABLE v3_figures RENAME TO figures;
CREATE TABLE v3_event_entities (
    article_seq BIGINT NOT NULL,
    event_idx BIGINT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(entity_id),
    PRIMARY KEY (article_seq, event_idx, entity_id)
) WITHOUT ROWID;
INSERT INTO v3_event_entities SELECT article_seq, event_idx, entity_id FROM event_entities;
DROP TABLE event_entities;
ALTER TABLE v3_event_entities RENAME TO event_entities;
CREATE INDEX event_entities_entity ON event_entities(entity_id);
"#;

/// Version 3: the article text may be stored deflated (`text_packed`, written by SQLite stores;
/// see `crate::packed`), and SQLite clusters its small tables on their keys.
fn v3(dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite => {
            format!("ALTER TABLE articles ADD COLUMN text_packed BLOB;{V3_SQLITE_CLUSTERED}")
        }
        Dialect::Postgres => "ALTER TABLE articles ADD COLUMN text_packed BYTEA;".into(),
    }
}

/// Version 4, SQLite: attributions become a `WITHOUT ROWID` table clustered on their key, now
/// that their rows no longer carry the quoted words (an attribution's `content` is stored empty
/// when it is the article's own slice, read back through `ng_span`, see `crate::packed`); the
/// rowid table kept each key twice (115 bytes an article on BBC News).
const V4_SQLITE_ATTRIBUTIONS: &str = r#"
CREATE TABLE v4_attributions (
    article_seq BIGINT NOT NULL REFERENCES articles(seq),
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL,
    content_start BIGINT NOT NULL,
    content_end BIGINT NOT NULL,
    content TEXT NOT NULL,
    cue TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_kind TEXT,
    speaker_entity_id BIGINT REFERENCES entities(entity_id),
    descriptor TEXT,
    anonymity_reason TEXT,
    response TEXT,
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
INSERT INTO v4_attributions SELECT article_seq, idx, kind, content_start, content_end, content, cue,
    speaker_start, speaker_end, speaker_text, speaker_name, speaker_kind, speaker_entity_id,
    descriptor, anonymity_reason, response FROM attributions;
DROP TABLE attributions;
ALTER TABLE v4_attributions RENAME TO attributions;
CREATE INDEX attributions_speaker ON attributions(speaker_entity_id);
CREATE INDEX attributions_kind ON attributions(kind, speaker_kind);
"#;

/// `ng_span` for PostgreSQL, which keeps every span's text (see `crate::ingest::span_col`): the
/// stored text, or the byte slice of the article text when a row has none.
const V4_PG_SPAN: &str = r#"
CREATE OR REPLACE FUNCTION ng_span(stored text, txt text, packed bytea, s bigint, e bigint)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN stored IS NULL OR stored <> '' THEN stored
        ELSE convert_from(substring(convert_to(txt, 'UTF8') FROM (s + 1)::int FOR (e - s)::int), 'UTF8') END
$$;
"#;

/// Version 4, both backends: the `dates` and `figures` tables give way to counts on the article
/// row. Nothing read their rows (the article page, export and the timeline read the stored
/// analysis and `events`), and they took 528 bytes an article on BBC News. The counts are
/// indexed so that `stats` sums them without reading the article rows (3 s cold at 1M articles).
const V4_COUNTS: &str = r#"
ALTER TABLE articles ADD COLUMN date_count BIGINT;
ALTER TABLE articles ADD COLUMN figure_count BIGINT;
UPDATE articles SET
    date_count = (SELECT COUNT(*) FROM dates d WHERE d.article_seq = articles.seq),
    figure_count = (SELECT COUNT(*) FROM figures f WHERE f.article_seq = articles.seq);
DROP TABLE dates;
DROP TABLE figures;
CREATE INDEX articles_counts ON articles(date_count, figure_count);
"#;

/// Version 4, both backends: an (article, entity) row carries the article's publication day, so
/// an entity's timeline and newest mentions read one index instead of joining every article of
/// the entity (0.6 and 0.4 s for "United States" in a 1M-article store).
const V4_ENTITY_DAYS: &str = r#"
ALTER TABLE article_entities ADD COLUMN published_day BIGINT;
UPDATE article_entities SET published_day =
    (SELECT a.published_day FROM articles a WHERE a.seq = article_entities.article_seq);
CREATE INDEX article_entities_day ON article_entities(entity_id, published_day, article_seq);
"#;

/// Version 4: dates and figures are counted on the article row, entity mentions move into
/// `article_entities.spans` (see `crate::mention_spans`; [`pack_mention_rows`] moves the old
/// rows and drops the table), and attribution contents are read through `ng_span`.
fn v4(dialect: Dialect) -> String {
    let blob = match dialect {
        Dialect::Sqlite => "BLOB",
        Dialect::Postgres => "BYTEA",
    };
    let common =
        format!("{V4_COUNTS}ALTER TABLE article_entities ADD COLUMN spans {blob};{V4_ENTITY_DAYS}");
    match dialect {
        Dialect::Sqlite => format!("{common}{V4_SQLITE_ATTRIBUTIONS}"),
        Dialect::Postgres => format!("{common}{V4_PG_SPAN}"),
    }
}

/// Articles whose mention rows are packed at a time by [`pack_mention_rows`].
const MENTION_PAGE: i64 = 5_000;

/// Version 4's data step: each (article, entity)'s `mentions` rows become its `spans`, then the
/// table goes. Page by page, so a large store is not read into memory at once.
fn pack_mention_rows(db: &mut dyn Db) -> Result<(), StoreError> {
    let last = db.query_int("SELECT COALESCE(MAX(article_seq), 0) FROM mentions", &[])?;
    let mut from = 0;
    while from < last {
        let rows = db.query(
            "SELECT article_seq, entity_id, idx, start_byte, end_byte, label FROM mentions \
             WHERE article_seq > $1 AND article_seq <= $2 ORDER BY article_seq, entity_id, idx",
            &[Val::Int(from), Val::Int(from + MENTION_PAGE)],
        )?;
        let mut group: Option<(i64, i64)> = None;
        let mut spans = Vec::new();
        for r in &rows {
            let key = (col(r, 0).int(), col(r, 1).int());
            if group.is_some_and(|g| g != key) {
                write_spans(db, group, &spans)?;
                spans.clear();
            }
            group = Some(key);
            let at = |i| usize::try_from(col(r, i).int()).unwrap_or(0);
            spans.push(crate::mention_spans::PackedMention {
                idx: at(2),
                start: at(3),
                end: at(4),
                label: col(r, 5).text(),
            });
        }
        write_spans(db, group, &spans)?;
        from += MENTION_PAGE;
    }
    db.batch("DROP TABLE mentions")
}

fn write_spans(
    db: &mut dyn Db,
    group: Option<(i64, i64)>,
    spans: &[crate::mention_spans::PackedMention],
) -> Result<(), StoreError> {
    match group {
        Some((seq, entity)) => crate::mention_spans::write(db, seq, entity, spans),
        None => Ok(()),
    }
}

/// Version 5, both backends: an (event, entity) row carries the event's date, and a (statement,
/// entity it is about) row its article's publication day, each in an index ordered like the
/// pages, so a page of an entity's events or of the statements about it is read from the index
/// instead of sorting all of them (34k events of "United States" at 250k articles: 52 ms
/// sorted; 16k statements about "Labour Party" at 1M: 45-215 ms). The indexes on `entity_id`
/// alone are their prefixes, so they go.
const V5_EVENT_DATES: &str = r#"
ALTER TABLE attribution_about ADD COLUMN published_day BIGINT;
UPDATE attribution_about SET published_day =
    (SELECT a.published_day FROM articles a WHERE a.seq = attribution_about.article_seq);
CREATE INDEX attribution_about_day ON attribution_about(entity_id, published_day, article_seq, attribution_idx);
DROP INDEX attribution_about_entity;
ALTER TABLE event_entities ADD COLUMN date TEXT;
UPDATE event_entities SET date =
    (SELECT v.date FROM events v WHERE v.article_seq = event_entities.article_seq AND v.idx = event_entities.event_idx);
CREATE INDEX event_entities_date ON event_entities(entity_id, date, article_seq, event_idx);
DROP INDEX event_entities_entity;
"#;

fn v5(_dialect: Dialect) -> String {
    V5_EVENT_DATES.to_string()
}

/// A migration: the SQL for a dialect.
type Migration = fn(Dialect) -> String;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction per migration.
pub fn migrate(db: &mut dyn Db) -> Result<(), StoreError> {
    // Up to date already: no write transaction (readers must not queue behind an ingest).
    if let Ok(v) = version(db) {
        if v == SCHEMA_VERSION {
            return Ok(());
        }
    }
    db.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    if db.dialect() == Dialect::Postgres {
        // Two processes opening a fresh database must not both run the migration.
        db.batch("BEGIN; LOCK TABLE schema_migrations IN EXCLUSIVE MODE")?;
    } else {
        db.begin()?;
    }
    let result = apply_pending(db);
    match result {
        Ok(()) => db.commit(),
        Err(e) => {
            let _ = db.rollback();
            Err(e)
        }
    }
}

fn apply_pending(db: &mut dyn Db) -> Result<(), StoreError> {
    let current = db.query_int(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        &[],
    )?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "the store has schema version {current}, newer than this build's {SCHEMA_VERSION}: upgrade newsgraph"
        )));
    }
    let migrations: [(i64, Migration); 5] = [(1, v1), (2, v2), (3, v3), (4, v4), (5, v5)];
    for (version, sql) in migrations {
        if version <= current {
            continue;
        }
        let dialect = db.dialect();
        db.batch(&sql(dialect))?;
        if version == 4 {
            pack_mention_rows(db)?;
        }
        db.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            &[Val::Int(version), Val::Text(now_utc())],
        )?;
    }
    Ok(())
}

fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("unix:{secs}")
}

/// The schema version a store is at.
pub fn version(db: &mut dyn Db) -> Result<i64, StoreError> {
    db.query_int(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::{col, SqliteDb};

    /// A store written by version 2 keeps every row through the table rebuilds of versions 3 and 4.
    #[test]
    fn a_version_two_store_migrates_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = SqliteDb::open(&dir.path().join("v2.sqlite")).unwrap();
        db.batch(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .unwrap();
        db.batch(&v1(Dialect::Sqlite)).unwrap();
        db.batch(&v2(Dialect::Sqlite)).unwrap();
        db.batch(
            "INSERT INTO schema_migrations VALUES (1, 'then'), (2, 'then');
             INSERT INTO articles (id, word_count, truncated, attributions, named_sources,
                 anonymous_sources, non_responses, text, doc) VALUES ('a1', 3, 0, 0, 0, 0, 0, 'Tony Blair spoke.', '{}');
             INSERT INTO entities (name, type, norm) VALUES ('Tony Blair', 'PER', 'tony blair');
             INSERT INTO entity_aliases VALUES (1, 'Tony Blair', 'tony blair', 1);
             INSERT INTO entity_descriptors VALUES (1, 'title', 'Prime Minister', 1);
             INSERT INTO mentions VALUES (1, 0, 1, 0, 10, 'Tony Blair', 'PER', 0.9);
             INSERT INTO article_entities VALUES (1, 1, 1);
             INSERT INTO attribution_about VALUES (1, 0, 1);
             INSERT INTO dates VALUES (1, 0, 0, 4, 'May', 'XXXX-05', 'month', NULL, NULL, NULL);
             INSERT INTO figures VALUES (1, 0, 0, 3, '5 %', 5.0, NULL, 'percent', 'share');
             INSERT INTO events VALUES (1, 0, '2005-05', 0, 0, 17, 'Tony Blair spoke.');
             INSERT INTO event_entities VALUES (1, 0, 1);
             INSERT INTO attributions (article_seq, idx, kind, content_start, content_end, content)
                 VALUES (1, 0, 'indirect', 0, 10, 'Tony Blair');",
        )
        .unwrap();
        migrate(&mut db).unwrap();
        assert_eq!(version(&mut db).unwrap(), SCHEMA_VERSION);
        // Version 5 copied the event's date onto its entity rows.
        let dated = db
            .query_one("SELECT date FROM event_entities", &[])
            .unwrap()
            .unwrap();
        assert_eq!(col(&dated, 0).text(), "2005-05");
        for table in [
            "entity_aliases",
            "entity_descriptors",
            "article_entities",
            "attribution_about",
            "event_entities",
            "attributions",
        ] {
            let n = db
                .query_int(&format!("SELECT COUNT(*) FROM {table}"), &[])
                .unwrap();
            assert_eq!(n, 1, "{table}");
            let ddl = db
                .query_one(
                    "SELECT sql FROM sqlite_schema WHERE name = $1",
                    &[Val::from(table)],
                )
                .unwrap()
                .map(|r| col(&r, 0).text())
                .unwrap_or_default();
            assert!(ddl.contains("WITHOUT ROWID"), "{table}: {ddl}");
        }
        // The mention row became the (article, entity) row's spans.
        let ae = db
            .query_one(
                "SELECT entity_id, spans FROM article_entities WHERE article_seq = 1",
                &[],
            )
            .unwrap()
            .unwrap();
        let Val::Bytes(spans) = col(&ae, 1) else {
            panic!("no spans: {ae:?}")
        };
        let m = crate::mention_spans::decode(spans).unwrap();
        assert_eq!(col(&ae, 0).int(), 1);
        assert_eq!(
            (m.len(), m[0].start, m[0].end, m[0].label.as_str()),
            (1, 0, 10, "PER")
        );
        let tables = db
            .query_int(
                "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'mentions'",
                &[],
            )
            .unwrap();
        assert_eq!(tables, 0);
        // Its date and figure rows became counts.
        let counts = db
            .query_one(
                "SELECT date_count, figure_count FROM articles WHERE seq = 1",
                &[],
            )
            .unwrap()
            .unwrap();
        assert_eq!((col(&counts, 0).int(), col(&counts, 1).int()), (1, 1));
        // The version-2 row keeps its plain text and no packed copy.
        let a = db
            .query_one("SELECT text, text_packed FROM articles WHERE seq = 1", &[])
            .unwrap()
            .unwrap();
        assert_eq!(
            crate::packed::article_text(&a, 0).unwrap(),
            "Tony Blair spoke."
        );
        // The secondary indexes were rebuilt.
        let indexes = db
            .query_int(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name IN \
                 ('article_entities_entity', 'entity_aliases_norm', \
                  'attribution_about_day', 'event_entities_date', 'attributions_speaker', \
                  'attributions_kind', 'article_entities_day', 'articles_counts')",
                &[],
            )
            .unwrap();
        assert_eq!(indexes, 8);
    }
}
