//! Writing analysed articles: one transaction per batch, idempotent by content hash.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use newsgraph_model::{AnalyzedArticle, AttributionKind, Span};

use crate::aliases::clean_descriptor;
use crate::mention_spans::PackedMention;
use crate::names::{class_of, person_name};
use crate::resolve::{local_entities, refresh_type, resolve};
use crate::search::{IndexDoc, SearchIndex};
use crate::sql::{col, Db, Val};
use crate::{day_number, Store, StoreError};

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Articles written.
    pub added: usize,
    /// Articles already in the store (same content hash), left as they were.
    pub skipped: usize,
}

fn json_str<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

impl Store {
    /// Writes a batch of analysed articles in one transaction: all of it or none of it is stored.
    /// Articles whose content hash is already stored are skipped.
    pub fn ingest_batch(&self, batch: &[AnalyzedArticle]) -> Result<IngestStats, StoreError> {
        let mut db = self.writer()?;
        db.begin()?;
        if db.dialect() == crate::sql::Dialect::Postgres {
            // Ingesters sharing a server take turns, so two never create the same entity at once.
            if let Err(e) = db.execute("SELECT pg_advisory_xact_lock(7316827)", &[]) {
                let _ = db.rollback();
                return Err(e);
            }
        }
        let mut stats = IngestStats::default();
        let mut range: Option<(i64, i64)> = None;
        let result = (|| -> Result<(), StoreError> {
            for a in batch {
                match insert_article(db.as_mut(), a)? {
                    Some(seq) => {
                        stats.added += 1;
                        range = Some(match range {
                            None => (seq, seq),
                            Some((lo, hi)) => (lo.min(seq), hi.max(seq)),
                        });
                    }
                    None => stats.skipped += 1,
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => db.commit()?,
            Err(e) => {
                let _ = db.rollback();
                return Err(e);
            }
        }
        drop(db);
        if let (Some(_), Some((lo, hi))) = (&self.index, range) {
            self.index_range(lo - 1, hi)?;
        }
        Ok(stats)
    }

    /// Adds the articles with `lo < seq <= hi` to the search index (not committed).
    pub(crate) fn index_range(&self, lo: i64, hi: i64) -> Result<(), StoreError> {
        match &self.index {
            Some(index) => self.index_range_into(index, lo, hi, &|_| {}).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Adds the articles with `lo < seq <= hi` to `index` (not committed), in chunks of 2,000,
    /// calling `added` with the running count after each. Returns the articles added.
    pub(crate) fn index_range_into(
        &self,
        index: &SearchIndex,
        lo: i64,
        hi: i64,
        added: &dyn Fn(u64),
    ) -> Result<u64, StoreError> {
        const CHUNK: i64 = 2000;
        let (mut from, mut done) = (lo, 0u64);
        while from < hi {
            let to = (from + CHUNK).min(hi);
            let docs = self.index_docs(from, to)?;
            index.add(&docs)?;
            done += docs.len() as u64;
            added(done);
            from = to;
        }
        Ok(done)
    }

    fn index_docs(&self, lo: i64, hi: i64) -> Result<Vec<IndexDoc>, StoreError> {
        let mut db = self.reader()?;
        let range = [Val::Int(lo), Val::Int(hi)];
        let rows = db.query(
            "SELECT seq, title, text, text_packed, outlet, published_day, anonymous_sources FROM articles \
             WHERE seq > $1 AND seq <= $2 ORDER BY seq",
            &range,
        )?;
        let mut docs: Vec<IndexDoc> = Vec::with_capacity(rows.len());
        let mut slot: HashMap<i64, usize> = HashMap::new();
        for r in rows {
            let seq = col(&r, 0).int();
            slot.insert(seq, docs.len());
            docs.push(IndexDoc {
                seq,
                title: col(&r, 1).text(),
                text: crate::packed::article_text(&r, 2)?,
                outlet: col(&r, 4).opt_text(),
                day: col(&r, 5).opt_int(),
                has_anonymous: col(&r, 6).int() > 0,
                ..Default::default()
            });
        }
        for r in db.query(
            "SELECT ae.article_seq, ae.entity_id, e.type FROM article_entities ae \
             JOIN entities e ON e.entity_id = ae.entity_id \
             WHERE ae.article_seq > $1 AND ae.article_seq <= $2",
            &range,
        )? {
            if let Some(d) = slot.get(&col(&r, 0).int()).and_then(|&i| docs.get_mut(i)) {
                d.entity_ids.push(col(&r, 1).int());
                let t = col(&r, 2).text();
                if !d.entity_types.contains(&t) {
                    d.entity_types.push(t);
                }
            }
        }
        for r in db.query(
            "SELECT DISTINCT article_seq, speaker_kind FROM attributions \
             WHERE article_seq > $1 AND article_seq <= $2 AND speaker_kind IS NOT NULL \
             AND kind IN ('direct', 'reported')",
            &range,
        )? {
            if let Some(d) = slot.get(&col(&r, 0).int()).and_then(|&i| docs.get_mut(i)) {
                d.source_kinds.push(col(&r, 1).text());
            }
        }
        for r in db.query(
            "SELECT article_seq, content, content_start, content_end FROM attributions \
             WHERE article_seq > $1 AND article_seq <= $2 ORDER BY article_seq, idx",
            &range,
        )? {
            if let Some(d) = slot.get(&col(&r, 0).int()).and_then(|&i| docs.get_mut(i)) {
                let content = crate::packed::span_text(
                    col(&r, 1).text(),
                    &d.text,
                    col(&r, 2).int(),
                    col(&r, 3).int(),
                );
                d.quotes.push_str(&content);
                d.quotes.push('\n');
            }
        }
        Ok(docs)
    }
}

/// Inserts one article and everything found in it; `None` if its content hash is stored already.
fn insert_article(db: &mut dyn Db, a: &AnalyzedArticle) -> Result<Option<i64>, StoreError> {
    let published_day = a
        .article
        .published
        .as_ref()
        .and_then(|p| day_number(&p.value, false));
    let Some(seq) = insert_article_row(db, a, published_day)? else {
        return Ok(None);
    };
    let resolved = insert_entities(db, a, seq, published_day)?;
    insert_mentions(db, a, seq, &resolved.mention_entity)?;
    refresh_types(db, a, &resolved)?;
    insert_attributions(db, a, seq, &resolved)?;
    insert_events(db, a, seq, &resolved.mention_entity)?;
    insert_credits(db, a, seq)?;
    Ok(Some(seq))
}

/// The article's entities grouped within it and resolved to canonical ids.
pub(crate) struct ResolvedEntities {
    pub(crate) locals: Vec<crate::resolve::LocalEntity>,
    /// Canonical id of each of `locals`.
    pub(crate) ids: Vec<i64>,
    /// Canonical id of each entity mention of the article, by index.
    pub(crate) mention_entity: Vec<Option<i64>>,
}

/// The `articles` row; its `seq`, or `None` when the content hash is stored already.
fn insert_article_row(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    published_day: Option<i64>,
) -> Result<Option<i64>, StoreError> {
    let art = &a.article;
    let doc = crate::packed::pack_analysis(a)?;
    let title = art.title.clone().or_else(|| {
        // Untitled text: the first paragraph stands in, cut at a word boundary.
        art.paragraphs.first().map(|p| {
            let first = p.slice(&art.text);
            let mut end = first.len().min(120);
            while !first.is_char_boundary(end) {
                end -= 1;
            }
            first[..end].to_string()
        })
    });
    let s = &a.sourcing;
    let (text_plain, text_packed) = match db.dialect() {
        crate::sql::Dialect::Sqlite => (Val::from(""), Val::Bytes(crate::packed::pack(&art.text))),
        crate::sql::Dialect::Postgres => (Val::from(&art.text), Val::Null),
    };
    let row = db.query_one(
        "INSERT INTO articles (id, title, outlet, url, language, published, published_from, \
         published_day, source_file, word_count, truncated, cluster_id, attributions, \
         named_sources, anonymous_sources, non_responses, text, text_packed, doc, doc_packed, \
         date_count, figure_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
         $21, $22) \
         ON CONFLICT (id) DO NOTHING RETURNING seq",
        &[
            Val::from(&art.id),
            Val::from(title),
            Val::from(art.outlet.clone()),
            Val::from(art.url.clone()),
            Val::from(art.language.clone()),
            Val::from(art.published.as_ref().map(|p| p.value.clone())),
            Val::from(art.published.as_ref().and_then(|p| json_str(&p.from))),
            Val::from(published_day),
            Val::from(&art.source.file),
            Val::from(art.word_count()),
            Val::from(art.truncated),
            Val::from(art.cluster.as_ref().map(|c| c.id.clone())),
            Val::from(s.attributions),
            Val::from(s.named),
            Val::from(s.anonymous),
            Val::from(s.non_responses),
            // SQLite keeps the text deflated; PostgreSQL generates its search column from the plain
            // text and compresses it itself (see `crate::packed`).
            text_plain,
            text_packed,
            // The analysis is read whole or not at all, so it is kept packed (see `crate::packed`).
            Val::from(""),
            Val::Bytes(doc),
            Val::from(a.dates.len()),
            Val::from(a.figures.len()),
        ],
    )?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(col(&row, 0).int()))
}

/// Resolves the article's entities to canonical ones and updates their counts, aliases and titles.
pub(crate) fn insert_entities(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    published_day: Option<i64>,
) -> Result<ResolvedEntities, StoreError> {
    // Entities: group in the article, resolve across articles.
    let locals = local_entities(a);
    let ids = resolve(db, &locals)?;
    let mut mention_entity: Vec<Option<i64>> = vec![None; a.entities.len()];
    for (le, &id) in locals.iter().zip(&ids) {
        for &m in &le.mentions {
            if let Some(slot) = mention_entity.get_mut(m) {
                *slot = Some(id);
            }
        }
        db.execute(
            "UPDATE entities SET mentions = mentions + $1, articles = articles + 1, \
             first_published = CASE WHEN first_published IS NULL OR first_published > $2 THEN $2 ELSE first_published END, \
             last_published = CASE WHEN last_published IS NULL OR last_published < $2 THEN $2 ELSE last_published END \
             WHERE entity_id = $3",
            &[
                Val::from(le.mentions.len()),
                Val::from(published_day),
                Val::Int(id),
            ],
        )?;
        db.execute(
            "INSERT INTO article_entities (article_seq, entity_id, mentions, published_day) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (article_seq, entity_id) DO UPDATE SET mentions = article_entities.mentions + excluded.mentions",
            &[
                Val::Int(seq),
                Val::Int(id),
                Val::from(le.mentions.len()),
                Val::from(published_day),
            ],
        )?;
        for (alias, norm) in le.aliases.iter().zip(&le.alias_keys) {
            db.execute(
                "INSERT INTO entity_aliases (entity_id, alias, norm, count) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT (entity_id, alias) DO UPDATE SET count = entity_aliases.count + 1",
                &[Val::Int(id), Val::from(alias), Val::from(norm)],
            )?;
        }
        for t in &le.titles {
            add_descriptor(db, id, "title", t)?;
        }
    }
    Ok(ResolvedEntities {
        locals,
        ids,
        mention_entity,
    })
}

/// Re-decides the type of the non-person entities an article touched (see [`refresh_type`]),
/// where this article's mentions bring a label other than the entity's type (otherwise the vote
/// cannot change).
pub(crate) fn refresh_types(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    resolved: &ResolvedEntities,
) -> Result<(), StoreError> {
    let mut done: Vec<i64> = Vec::new();
    for (le, &id) in resolved.locals.iter().zip(&resolved.ids) {
        if le.class == "PER" || done.contains(&id) {
            continue;
        }
        done.push(id);
        let labels: Vec<&str> = le
            .mentions
            .iter()
            .filter_map(|&m| a.entities.get(m))
            .map(|e| e.label.as_str())
            .collect();
        refresh_type(db, id, &labels)?;
    }
    Ok(())
}

/// Each entity's mentions in the article, packed into its `article_entities` row (see
/// `crate::mention_spans`), which [`insert_entities`] made for every id in `mention_entity`.
pub(crate) fn insert_mentions(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    mention_entity: &[Option<i64>],
) -> Result<(), StoreError> {
    let mut by_entity: BTreeMap<i64, Vec<PackedMention>> = BTreeMap::new();
    for (i, e) in a.entities.iter().enumerate() {
        if let Some(Some(id)) = mention_entity.get(i) {
            by_entity.entry(*id).or_default().push(PackedMention {
                idx: i,
                start: e.start,
                end: e.end,
                label: e.label.clone(),
            });
        }
    }
    for (id, mentions) in by_entity {
        crate::mention_spans::write(db, seq, id, &mentions)?;
    }
    Ok(())
}

/// Attributions, their speakers' entities and descriptors, and the entities each quote is about.
fn insert_attributions(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    resolved: &ResolvedEntities,
) -> Result<(), StoreError> {
    for (i, at) in a.attributions.iter().enumerate() {
        let speaker_entity = at.speaker.as_ref().and_then(|sp| {
            speaker_entity(
                a,
                &resolved.locals,
                &resolved.ids,
                &resolved.mention_entity,
                sp,
            )
        });
        let sp = at.speaker.as_ref();
        db.execute(
            "INSERT INTO attributions (article_seq, idx, kind, content_start, content_end, content, cue, \
             speaker_start, speaker_end, speaker_text, speaker_name, speaker_kind, speaker_entity_id, \
             descriptor, anonymity_reason, response) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            &[
                Val::Int(seq),
                Val::from(i),
                Val::from(json_str(&at.kind)),
                Val::from(at.content.start),
                Val::from(at.content.end),
                span_col(
                    db,
                    &a.article.text,
                    at.content.start,
                    at.content.end,
                    &at.content.text,
                ),
                Val::from(at.cue.as_ref().map(|c| c.text.clone())),
                Val::from(sp.map(|s| s.start)),
                Val::from(sp.map(|s| s.end)),
                Val::from(sp.map(|s| s.text.clone())),
                Val::from(sp.and_then(|s| s.name.clone())),
                Val::from(sp.and_then(|s| s.kind).and_then(|k| json_str(&k))),
                Val::from(speaker_entity),
                Val::from(sp.and_then(|s| s.descriptor.clone())),
                Val::from(sp.and_then(|s| s.anonymity_reason.clone())),
                Val::from(at.response.and_then(|r| json_str(&r))),
            ],
        )?;
        attribution_entities(db, a, seq, i, speaker_entity, &resolved.mention_entity)?;
    }
    Ok(())
}

/// The speaker's descriptor and the entities a quote is about: the rows of an attribution that
/// depend on entity resolution (re-made by `reindex`).
pub(crate) fn attribution_entities(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    i: usize,
    speaker_entity: Option<i64>,
    mention_entity: &[Option<i64>],
) -> Result<(), StoreError> {
    let Some(at) = a.attributions.get(i) else {
        return Ok(());
    };
    let sp = at.speaker.as_ref();
    if let (Some(id), Some(d)) = (speaker_entity, sp.and_then(|s| s.descriptor.as_deref())) {
        let d = d.trim();
        if !d.is_empty() && d.len() <= 200 {
            add_descriptor(db, id, "descriptor", d)?;
        }
    }
    if at.kind != AttributionKind::Scare {
        insert_attribution_about(db, a, seq, i, at, speaker_entity, mention_entity)?;
    }
    Ok(())
}

/// The entities mentioned inside a quote's content (other than its speaker).
fn insert_attribution_about(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    i: usize,
    at: &newsgraph_model::Attribution,
    speaker_entity: Option<i64>,
    mention_entity: &[Option<i64>],
) -> Result<(), StoreError> {
    let content = at.content.span();
    let about: BTreeSet<i64> = a
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| content.contains(&Span::new(e.start, e.end.max(e.start))))
        .filter_map(|(j, _)| mention_entity.get(j).copied().flatten())
        .filter(|id| Some(*id) != speaker_entity)
        .collect();
    for id in about {
        db.execute(
            "INSERT INTO attribution_about (article_seq, attribution_idx, entity_id, published_day) \
             VALUES ($1, $2, $3, (SELECT published_day FROM articles WHERE seq = $1)) \
             ON CONFLICT DO NOTHING",
            &[Val::Int(seq), Val::from(i), Val::Int(id)],
        )?;
    }
    Ok(())
}

/// What a span row's text column holds. SQLite stores nothing when the text is the article's
/// own slice (read back by [`crate::packed::span_text`]; 580 bytes an article on BBC News);
/// PostgreSQL keeps it for those who query the tables directly, as it keeps the article text.
fn span_col(db: &dyn Db, article_text: &str, start: usize, end: usize, text: &str) -> Val {
    let is_slice = article_text.get(start..end) == Some(text);
    match db.dialect() {
        crate::sql::Dialect::Sqlite if is_slice => Val::from(""),
        _ => Val::from(text),
    }
}

/// Dated events and the canonical entities each involves.
fn insert_events(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    mention_entity: &[Option<i64>],
) -> Result<(), StoreError> {
    for (i, ev) in a.events.iter().enumerate() {
        db.execute(
            "INSERT INTO events (article_seq, idx, date, date_index, sentence_start, sentence_end, sentence) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                Val::Int(seq),
                Val::from(i),
                Val::from(&ev.date),
                Val::from(ev.date_index),
                Val::from(ev.sentence.start),
                Val::from(ev.sentence.end),
                span_col(
                    db,
                    &a.article.text,
                    ev.sentence.start,
                    ev.sentence.end,
                    &ev.sentence.text,
                ),
            ],
        )?;
    }
    event_entities(db, a, seq, mention_entity)
}

/// The canonical entities each dated event involves (re-made by `reindex`).
pub(crate) fn event_entities(
    db: &mut dyn Db,
    a: &AnalyzedArticle,
    seq: i64,
    mention_entity: &[Option<i64>],
) -> Result<(), StoreError> {
    for (i, ev) in a.events.iter().enumerate() {
        let ents: BTreeSet<i64> = ev
            .entities
            .iter()
            .filter_map(|&j| mention_entity.get(j).copied().flatten())
            .collect();
        for id in ents {
            db.execute(
                "INSERT INTO event_entities (article_seq, event_idx, entity_id, date) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
                &[Val::Int(seq), Val::from(i), Val::Int(id), Val::from(&ev.date)],
            )?;
        }
    }
    Ok(())
}

/// Byline and other credit names, by role.
fn insert_credits(db: &mut dyn Db, a: &AnalyzedArticle, seq: i64) -> Result<(), StoreError> {
    let c = &a.article.credits;
    for (role, names) in [
        ("byline", &c.byline),
        ("illustration", &c.illustration),
        ("additional_reporting", &c.additional_reporting),
        ("editing", &c.editing),
    ] {
        for name in names {
            db.execute(
                "INSERT INTO credits (article_seq, role, name) VALUES ($1, $2, $3)",
                &[Val::Int(seq), Val::from(role), Val::from(name)],
            )?;
        }
    }
    Ok(())
}

fn add_descriptor(db: &mut dyn Db, id: i64, kind: &str, text: &str) -> Result<(), StoreError> {
    let Some(text) = clean_descriptor(text) else {
        return Ok(());
    };
    db.execute(
        "INSERT INTO entity_descriptors (entity_id, kind, descriptor, count) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (entity_id, kind, descriptor) DO UPDATE SET count = entity_descriptors.count + 1",
        &[Val::Int(id), Val::from(kind), Val::from(&text)],
    )?;
    Ok(())
}

/// The canonical entity of a speaker: an entity mention overlapping the speaker's words, else a
/// person of the article whose name (or surname) is the speaker's resolved name.
pub(crate) fn speaker_entity(
    a: &AnalyzedArticle,
    locals: &[crate::resolve::LocalEntity],
    ids: &[i64],
    mention_entity: &[Option<i64>],
    sp: &newsgraph_model::Speaker,
) -> Option<i64> {
    let span = Span::new(sp.start, sp.end.max(sp.start));
    let overlapping = a
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| span.overlaps(&Span::new(e.start, e.end.max(e.start))))
        .find_map(|(j, _)| mention_entity.get(j).copied().flatten());
    if overlapping.is_some() {
        return overlapping;
    }
    let name = sp.name.as_deref().unwrap_or(&sp.text);
    let norm = person_name(name).norm;
    if norm.is_empty() {
        return None;
    }
    let wanted_person = matches!(
        sp.kind,
        Some(newsgraph_model::SpeakerKind::NamedPerson) | None
    );
    locals
        .iter()
        .zip(ids)
        .find(|(le, _)| {
            let same = le.norm == norm
                || (le.class == "PER" && crate::names::surname(&le.norm) == Some(norm.as_str()));
            same && (le.class == "PER") == wanted_person
                || (le.norm == norm && class_of(&le.label) != "PER" && !wanted_person)
        })
        .map(|(_, &id)| id)
}
