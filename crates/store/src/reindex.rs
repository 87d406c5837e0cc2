//! Re-resolving a store's entities from its articles (`newsgraph reindex --entities`).
//!
//! Ingest resolves each article against what the store holds at that moment, so a bare "Mr
//! Blair" read before any article naming "Tony Blair" could not join him. Reindexing clears every
//! entity-derived row and resolves the stored articles again in two passes — first every full
//! name of every article, then the surnames and acronyms against all of them — so the result
//! does not depend on the order articles arrived in beyond that. It is a function of the stored
//! articles alone: running it twice gives the same entities (on SQLite, the same ids too).

use newsgraph_model::AnalyzedArticle;

use crate::ingest::{
    attribution_entities, event_entities, insert_entities, insert_mentions, refresh_types,
    speaker_entity,
};
use crate::resolve::{local_entities, resolve, NameKind};
use crate::sql::{col, Db, Dialect, Val};
use crate::{Store, StoreError};

/// What a reindex did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReindexStats {
    /// Articles whose entities were resolved again.
    pub articles: usize,
    /// Stored entities after the reindex.
    pub entities: i64,
    /// Stored entity mentions after the reindex.
    pub mentions: i64,
}

/// Rows derived from entity resolution, cleared before resolving again (children first).
const CLEAR: [&str; 6] = [
    "DELETE FROM attribution_about",
    "DELETE FROM event_entities",
    "DELETE FROM article_entities",
    "DELETE FROM entity_descriptors",
    "DELETE FROM entity_aliases",
    "UPDATE attributions SET speaker_entity_id = NULL WHERE speaker_entity_id IS NOT NULL",
];

/// Articles loaded at a time.
const PAGE: i64 = 256;

impl Store {
    /// Clears the store's entities and resolves every stored article's mentions again (see the
    /// module documentation), in one transaction; then rebuilds the search index, whose entity
    /// facets name entity ids.
    pub fn reindex_entities(&self) -> Result<ReindexStats, StoreError> {
        let mut db = self.writer()?;
        db.begin()?;
        let result = (|| {
            if db.dialect() == Dialect::Postgres {
                db.execute("SELECT pg_advisory_xact_lock(7316827)", &[])?;
            }
            reindex(db.as_mut())
        })();
        let stats = match result {
            Ok(stats) => {
                db.commit()?;
                stats
            }
            Err(e) => {
                let _ = db.rollback();
                return Err(e);
            }
        };
        let max_seq = db.query_int("SELECT COALESCE(MAX(seq), 0) FROM articles", &[])?;
        drop(db);
        if let Some(index) = &self.index {
            // The clearing is committed on its own: documents added in the same commit as a
            // delete-all were sometimes lost with it.
            index.clear()?;
            index.commit(0)?;
            self.index_range(0, max_seq)?;
            index.commit(max_seq)?;
        }
        Ok(stats)
    }
}

fn reindex(db: &mut dyn Db) -> Result<ReindexStats, StoreError> {
    for sql in CLEAR {
        db.execute(sql, &[])?;
    }
    db.execute("DELETE FROM entities", &[])?;
    // Pass 1: the full names of every article, so that pass 2 sees them all, with the articles
    // they are in (the context a bare surname is judged by).
    for_each_article(db, &mut |db, seq, a, day| {
        let fulls: Vec<_> = local_entities(a)
            .into_iter()
            .filter(|le| le.kind == NameKind::Full)
            .collect();
        let ids = resolve(db, &fulls)?;
        for (le, id) in fulls.iter().zip(ids) {
            db.execute(
                "INSERT INTO article_entities (article_seq, entity_id, mentions, published_day) \
                 VALUES ($1, $2, 0, $3) ON CONFLICT (article_seq, entity_id) DO NOTHING",
                &[Val::Int(seq), Val::Int(id), Val::from(day)],
            )?;
            for (alias, norm) in le.aliases.iter().zip(&le.alias_keys) {
                db.execute(
                    "INSERT INTO entity_aliases (entity_id, alias, norm, count) VALUES ($1, $2, $3, 0) \
                     ON CONFLICT (entity_id, alias) DO NOTHING",
                    &[Val::Int(id), Val::from(alias), Val::from(norm)],
                )?;
            }
        }
        Ok(())
    })?;
    // Pass 2: every mention, with counts, aliases, descriptors and the rows that name entities.
    let mut articles = 0;
    for_each_article(db, &mut |db, seq, a, day| {
        articles += 1;
        let resolved = insert_entities(db, a, seq, day)?;
        insert_mentions(db, a, seq, &resolved.mention_entity)?;
        refresh_types(db, a, &resolved)?;
        for (i, at) in a.attributions.iter().enumerate() {
            let speaker = at.speaker.as_ref().and_then(|sp| {
                speaker_entity(
                    a,
                    &resolved.locals,
                    &resolved.ids,
                    &resolved.mention_entity,
                    sp,
                )
            });
            if let Some(id) = speaker {
                db.execute(
                    "UPDATE attributions SET speaker_entity_id = $1 WHERE article_seq = $2 AND idx = $3",
                    &[Val::Int(id), Val::Int(seq), Val::from(i)],
                )?;
            }
            attribution_entities(db, a, seq, i, speaker, &resolved.mention_entity)?;
        }
        event_entities(db, a, seq, &resolved.mention_entity)
    })?;
    // Full names of pass 1 that pass 2 resolved elsewhere.
    db.execute("DELETE FROM entity_aliases WHERE count = 0", &[])?;
    db.execute("DELETE FROM article_entities WHERE mentions = 0", &[])?;
    db.execute("DELETE FROM entities WHERE mentions = 0", &[])?;
    Ok(ReindexStats {
        articles,
        entities: db.query_int("SELECT COUNT(*) FROM entities", &[])?,
        mentions: db.query_int(
            "SELECT CAST(COALESCE(SUM(mentions), 0) AS BIGINT) FROM article_entities",
            &[],
        )?,
    })
}

type ArticleFn<'a> =
    dyn FnMut(&mut dyn Db, i64, &AnalyzedArticle, Option<i64>) -> Result<(), StoreError> + 'a;

/// Calls `f` on every stored article in `seq` order with its `seq` and publication day.
fn for_each_article(db: &mut dyn Db, f: &mut ArticleFn<'_>) -> Result<(), StoreError> {
    let mut after = 0i64;
    loop {
        let rows = db.query(
            "SELECT seq, doc, doc_packed, text, text_packed, published_day FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[Val::Int(after), Val::Int(PAGE)],
        )?;
        if rows.is_empty() {
            return Ok(());
        }
        for r in &rows {
            let seq = col(r, 0).int();
            after = seq;
            let doc = crate::query::document(
                &crate::packed::doc_json(r, 1)?,
                crate::packed::article_text(r, 3)?,
            )?;
            let a: AnalyzedArticle = serde_json::from_value(doc)?;
            f(db, seq, &a, col(r, 5).opt_int())?;
        }
    }
}

/// One stored mention and the entity it resolved to (for evaluations and exports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMention {
    /// The article's `source.file`.
    pub file: String,
    /// Byte offset of the mention's start in the article text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// The tagger's label of this mention.
    pub label: String,
    /// The stored entity it resolved to.
    pub entity_id: i64,
    /// That entity's display name.
    pub entity_name: String,
    /// The stored entity's type (decided over all its mentions).
    pub entity_type: String,
}

impl Store {
    /// Every stored mention whose article's source file ends with `file_suffix` ("" for all),
    /// with its entity.
    pub fn mention_entities(&self, file_suffix: &str) -> Result<Vec<StoredMention>, StoreError> {
        let mut db = self.reader()?;
        let rows = db.query(
            "SELECT a.source_file, ae.spans, ae.entity_id, e.name, e.type, ae.article_seq, a.text, a.text_packed \
             FROM article_entities ae JOIN articles a ON a.seq = ae.article_seq \
             JOIN entities e ON e.entity_id = ae.entity_id ORDER BY ae.article_seq",
            &[],
        )?;
        // Rows come by article: each article's text is inflated once, for its mentions.
        let mut text: (i64, String) = (i64::MIN, String::new());
        let mut out: Vec<(i64, usize, StoredMention)> = Vec::new();
        for r in rows
            .iter()
            .filter(|r| col(r, 0).text().ends_with(file_suffix))
        {
            let seq = col(r, 5).int();
            if seq != text.0 {
                text = (seq, crate::packed::article_text(r, 6)?);
            }
            let Val::Bytes(spans) = col(r, 1) else {
                continue;
            };
            for m in crate::mention_spans::decode(spans)? {
                let mention = StoredMention {
                    file: col(r, 0).text(),
                    start: m.start,
                    end: m.end,
                    text: text.1.get(m.start..m.end).unwrap_or_default().to_string(),
                    label: m.label,
                    entity_id: col(r, 2).int(),
                    entity_name: col(r, 3).text(),
                    entity_type: col(r, 4).text(),
                };
                out.push((seq, m.idx, mention));
            }
        }
        // In text order within each article, as the analysis lists them.
        out.sort_by_key(|(seq, idx, _)| (*seq, *idx));
        Ok(out.into_iter().map(|(_, _, m)| m).collect())
    }
}
