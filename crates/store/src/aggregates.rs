//! Corpus aggregates on the definitions the Spark job (`deploy/spark/`) computes from the
//! analysis JSON, so that a distributed run can be checked against the store row for row.
//!
//! They key on what each article's analysis carries — an entity mention's surface `text` and
//! `label`, a speaker's `name` (else its `text`) and `kind` — not on the store's cross-article
//! entity ids, which resolution may merge differently as it improves. The definitions are written
//! out in `deploy/spark/README.md`; each table here is one `GROUP BY` over the stored rows:
//!
//! The mention tables read every mention the analysis found (a temporary `analysed_mentions`
//! table filled from each article's stored analysis), not the store's `mentions` table, which
//! keeps only what entity resolution accepts as a story entity (no credit lines, no junk names).
//!
//! - `entities`: mentions by (`name` = mention text, `label`): `mentions`, `articles`,
//!   `first_seen` / `last_seen` (the least and greatest `published` value of those articles).
//! - `speakers`: attributions with a speaker by (`speaker`, `speaker_kind`, `kind`): `statements`,
//!   `articles`.
//! - `anonymous_share`: articles by (`outlet`, `month` = first 7 characters of `published`):
//!   `articles`, `attributions`, `anonymous` (the articles' sourcing counts), `share`.
//! - `cooccurrence`: pairs of distinct (text, label) mention keys in one article, the smaller key
//!   first (byte order): `articles`.
//! - `quoted_about`: (`speaker`, `speaker_kind`, `name`, `label`) for every mention inside the
//!   content of a non-scare attribution with a speaker: `statements`.

use std::io::Write;

use serde_json::{json, Map, Value};

use crate::sql::{col, Dialect, Row, Val};
use crate::{Store, StoreError};

/// One aggregate table: its name, its columns and the query that computes it.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    sql: &'static str,
}

const TABLES: &[Table] = &[
    Table {
        name: "entities",
        columns: &[
            "name",
            "label",
            "mentions",
            "articles",
            "first_seen",
            "last_seen",
        ],
        sql: "SELECT m.text, m.label, COUNT(*), COUNT(DISTINCT m.article_seq), MIN(a.published), \
              MAX(a.published) FROM analysed_mentions m JOIN articles a ON a.seq = m.article_seq \
              GROUP BY m.text, m.label",
    },
    Table {
        name: "speakers",
        columns: &["speaker", "speaker_kind", "kind", "statements", "articles"],
        sql: "SELECT COALESCE(speaker_name, speaker_text), speaker_kind, kind, COUNT(*), \
              COUNT(DISTINCT article_seq) FROM attributions WHERE speaker_text IS NOT NULL \
              GROUP BY COALESCE(speaker_name, speaker_text), speaker_kind, kind",
    },
    Table {
        name: "anonymous_share",
        columns: &["outlet", "month", "articles", "attributions", "anonymous"],
        sql: "SELECT outlet, CASE WHEN LENGTH(published) >= 7 THEN SUBSTR(published, 1, 7) END, \
              COUNT(*), SUM(attributions), SUM(anonymous_sources) FROM articles \
              GROUP BY outlet, CASE WHEN LENGTH(published) >= 7 THEN SUBSTR(published, 1, 7) END",
    },
    Table {
        name: "cooccurrence",
        columns: &["name_a", "label_a", "name_b", "label_b", "articles"],
        sql: "SELECT x.text, x.label, y.text, y.label, COUNT(*) FROM \
              (SELECT DISTINCT article_seq, text, label FROM analysed_mentions) x JOIN \
              (SELECT DISTINCT article_seq, text, label FROM analysed_mentions) y \
              ON x.article_seq = y.article_seq AND (x.text {C} < y.text {C} OR \
              (x.text = y.text AND x.label {C} < y.label {C})) \
              GROUP BY x.text, x.label, y.text, y.label",
    },
    Table {
        name: "quoted_about",
        columns: &["speaker", "speaker_kind", "name", "label", "statements"],
        sql: "SELECT speaker, speaker_kind, text, label, COUNT(*) FROM \
              (SELECT DISTINCT at.article_seq, at.idx, \
               COALESCE(at.speaker_name, at.speaker_text) AS speaker, at.speaker_kind, m.text, m.label \
               FROM attributions at JOIN analysed_mentions m ON m.article_seq = at.article_seq \
               AND m.start_byte >= at.content_start AND m.end_byte <= at.content_end \
               WHERE at.kind <> 'scare' AND at.speaker_text IS NOT NULL) q \
              GROUP BY speaker, speaker_kind, text, label",
    },
];

/// The names of the aggregate tables, in the order they are written.
pub const AGGREGATE_TABLES: &[&str] = &[
    "entities",
    "speakers",
    "anonymous_share",
    "cooccurrence",
    "quoted_about",
];

fn value(v: &Val) -> Value {
    match v {
        Val::Null => Value::Null,
        Val::Int(i) => json!(i),
        Val::Real(f) => json!(f),
        Val::Text(t) => json!(t),
        Val::Bytes(_) => json!(v.text()),
    }
}

/// One row as a JSON object with a `table` field.
fn row_object(table: &Table, row: &Row) -> Map<String, Value> {
    let mut obj = Map::new();
    obj.insert("table".into(), json!(table.name));
    for (i, name) in table.columns.iter().enumerate() {
        obj.insert((*name).into(), value(col(row, i)));
    }
    if table.name == "anonymous_share" {
        // The share of the attributions that are anonymous; null when there are none.
        let attributions = col(row, 3).int();
        let share = (attributions > 0).then(|| col(row, 4).int() as f64 / attributions as f64);
        obj.insert("share".into(), json!(share));
    }
    obj
}

/// The entity mentions of one stored analysis (the rest of the document is not parsed).
#[derive(serde::Deserialize)]
struct DocMentions {
    #[serde(default)]
    entities: Vec<newsgraph_model::Entity>,
}

/// Articles whose analyses are read at once while filling `analysed_mentions`.
const DOC_PAGE: i64 = 500;

/// Fills the temporary table `analysed_mentions` with every mention of every stored analysis.
fn fill_analysed_mentions(db: &mut dyn crate::sql::Db) -> Result<(), StoreError> {
    db.batch(
        "DROP TABLE IF EXISTS analysed_mentions; CREATE TEMP TABLE analysed_mentions \
         (article_seq BIGINT NOT NULL, start_byte BIGINT NOT NULL, end_byte BIGINT NOT NULL, \
         text TEXT NOT NULL, label TEXT NOT NULL)",
    )?;
    db.batch("BEGIN")?;
    let mut after = i64::MIN;
    loop {
        let page = db.query(
            "SELECT seq, doc, doc_packed, text, text_packed FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[Val::Int(after), Val::Int(DOC_PAGE)],
        )?;
        let Some(last) = page.last() else { break };
        after = col(last, 0).int();
        for row in &page {
            let seq = col(row, 0).int();
            let doc = crate::query::document(
                &crate::packed::doc_json(row, 1)?,
                crate::packed::article_text(row, 3)?,
            )?;
            let doc: DocMentions = serde_json::from_value(doc)?;
            for e in doc.entities {
                db.execute(
                    "INSERT INTO analysed_mentions VALUES ($1, $2, $3, $4, $5)",
                    &[
                        Val::Int(seq),
                        Val::Int(e.start as i64),
                        Val::Int(e.end as i64),
                        Val::Text(e.text),
                        Val::Text(e.label),
                    ],
                )?;
            }
        }
    }
    db.batch("COMMIT")
}

impl Store {
    /// Writes the corpus aggregates (see the module docs) as JSON Lines, one object a row with
    /// its `table`; returns the number of rows. Rows are sorted within each table.
    pub fn write_aggregates(&self, out: &mut dyn Write) -> Result<usize, StoreError> {
        let mut db = self.reader()?;
        // PostgreSQL compares text by the database's locale; the definition is byte order.
        let collate = match db.dialect() {
            Dialect::Postgres => "COLLATE \"C\"",
            Dialect::Sqlite => "",
        };
        fill_analysed_mentions(db.as_mut())?;
        let mut n = 0;
        for table in TABLES {
            let sql = table.sql.replace("{C}", collate);
            let mut rows: Vec<Map<String, Value>> = db
                .query(&sql, &[])?
                .iter()
                .map(|r| row_object(table, r))
                .collect();
            rows.sort_by_cached_key(|r| Value::Object(r.clone()).to_string());
            for r in rows {
                serde_json::to_writer(&mut *out, &r)?;
                out.write_all(b"\n")?;
                n += 1;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_listed_once_with_distinct_columns() {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        assert_eq!(names, AGGREGATE_TABLES);
        for t in TABLES {
            let mut cols = t.columns.to_vec();
            cols.sort_unstable();
            cols.dedup();
            assert_eq!(cols.len(), t.columns.len(), "{}", t.name);
        }
    }
}
