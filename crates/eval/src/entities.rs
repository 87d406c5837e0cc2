//! Corpus-level entity evaluation: are the mentions of one real-world entity one stored entity?
//!
//! The gold (`tests/gold/entities/`, see its GUIDE.md) lists mentions of BBC News politics
//! articles — file, byte offsets into the article text as [`BbcArticle::to_article`] builds it,
//! the words — each with the id of the real-world entity it names. The system side is a store:
//! either a fresh one holding only the gold articles, analysed and ingested by the shipped
//! pipeline ([`system_from_fresh_store`]), or an existing store such as the demo's
//! ([`system_from_store`]). Scores:
//!
//! - **B-cubed** precision, recall and F1 over the gold mentions (Bagga and Baldwin, 1998): for
//!   each gold mention, the share of its system cluster that is in its gold cluster (precision)
//!   and of its gold cluster that is in its system cluster (recall). A gold mention the system
//!   did not store (no stored mention on the same span, or overlapping it) is its own singleton
//!   system cluster.
//! - **stored entities per real-world entity**: for each gold cluster, the number of distinct
//!   stored entities its mentions landed in (1 is the goal).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use newsgraph_store::reindex::StoredMention;
use newsgraph_store::{Location, OpenMode, Store};

use crate::corpus::bbc::BbcArticle;

/// One gold mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// `section/NNN.txt`.
    pub file: String,
    /// Byte offset of the mention in the article text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The words, as a check.
    pub text: String,
    /// The real-world entity (a readable id: "Tony Blair", "Labour Party").
    pub cluster: String,
}

/// Errors reading a gold file.
pub type GoldError = crate::corpus::standoff::StandoffError;

/// Reads a gold file: tab-separated `file start end text cluster`, `#` comments.
pub fn load_gold(path: &Path) -> Result<Vec<GoldMention>, GoldError> {
    Ok(crate::corpus::standoff::read(path)?
        .into_iter()
        .map(|l| GoldMention {
            file: l.file,
            start: l.start,
            end: l.end,
            text: l.text,
            cluster: l.tag,
        })
        .collect())
}

/// The gold's files, in order of first appearance.
pub fn gold_files(gold: &[GoldMention]) -> Vec<String> {
    let mut seen = HashSet::new();
    gold.iter()
        .filter(|g| seen.insert(g.file.clone()))
        .map(|g| g.file.clone())
        .collect()
}

/// Stored mentions of the gold's files in an existing store, keyed by gold file name.
pub fn system_from_store(
    store: &Store,
    files: &[String],
) -> Result<HashMap<String, Vec<StoredMention>>, newsgraph_store::StoreError> {
    let mut out: HashMap<String, Vec<StoredMention>> = HashMap::new();
    for m in store.mention_entities("")? {
        if let Some(f) = files.iter().find(|f| m.file.ends_with(&format!("/{f}"))) {
            out.entry(f.clone()).or_default().push(m);
        }
    }
    Ok(out)
}

/// Analyses and ingests `articles` into a new store under `dir` (which must not hold one), in
/// the order given; with `reindex`, re-resolves it afterwards.
pub fn fresh_store(articles: &[BbcArticle], dir: &Path, reindex: bool) -> anyhow::Result<Store> {
    let store = Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadWrite)?;
    let pipeline = newsgraph_extract::Pipeline::default();
    let analysed = pipeline.analyze_batch(articles.iter().map(BbcArticle::to_article).collect());
    store.ingest_batch(&analysed)?;
    if reindex {
        store.reindex_entities()?;
    }
    store.flush()?;
    Ok(store)
}

/// B-cubed and fragmentation figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Gold mentions scored.
    pub mentions: usize,
    /// Gold mentions with a stored mention on or over their span.
    pub matched: usize,
    /// Real-world entities (gold clusters).
    pub clusters: usize,
    /// B-cubed precision.
    pub precision: f64,
    /// B-cubed recall.
    pub recall: f64,
    /// B-cubed F1.
    pub f1: f64,
    /// Mean number of stored entities per gold cluster (matched mentions only).
    pub entities_per_cluster: f64,
    /// Gold clusters whose matched mentions are all in one stored entity.
    pub one_entity_clusters: usize,
    /// The most fragmented clusters: (cluster, stored entities, mentions).
    pub worst: Vec<(String, usize, usize)>,
}

impl Report {
    /// The report as printed by `newsgraph eval entities`.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "gold mentions {} ({} matched by a stored mention), real-world entities {}\n\
             B-cubed P {:.4} R {:.4} F1 {:.4}\n\
             stored entities per real-world entity {:.3}; {} of {} entities are one stored entity\n",
            self.mentions,
            self.matched,
            self.clusters,
            self.precision,
            self.recall,
            self.f1,
            self.entities_per_cluster,
            self.one_entity_clusters,
            self.clusters
        );
        for (c, n, m) in &self.worst {
            s.push_str(&format!(
                "  split: {c}: {n} stored entities over {m} mentions\n"
            ));
        }
        s
    }
}

/// The system cluster of each gold mention: the stored entity of the mention on the same span,
/// else of one overlapping it, else a singleton of its own.
fn system_clusters(
    gold: &[GoldMention],
    system: &HashMap<String, Vec<StoredMention>>,
) -> (Vec<Option<i64>>, usize) {
    let mut matched = 0;
    let ids = gold
        .iter()
        .map(|g| {
            let ms = system.get(&g.file)?;
            let id = ms
                .iter()
                .find(|m| m.start == g.start && m.end == g.end)
                .or_else(|| ms.iter().find(|m| m.start < g.end && g.start < m.end))
                .map(|m| m.entity_id);
            if id.is_some() {
                matched += 1;
            }
            id
        })
        .collect();
    (ids, matched)
}

/// Scores the system's clusters against the gold.
pub fn evaluate(gold: &[GoldMention], system: &HashMap<String, Vec<StoredMention>>) -> Report {
    let (sys, matched) = system_clusters(gold, system);
    // Cluster keys: gold by id, system by entity id (a miss is a singleton).
    let sys_key: Vec<String> = sys
        .iter()
        .enumerate()
        .map(|(i, id)| id.map_or_else(|| format!("miss:{i}"), |id| format!("e:{id}")))
        .collect();
    let mut by_gold: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_sys: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in gold.iter().enumerate() {
        by_gold.entry(g.cluster.as_str()).or_default().push(i);
        by_sys.entry(sys_key[i].as_str()).or_default().push(i);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (i, g) in gold.iter().enumerate() {
        let gc = &by_gold[g.cluster.as_str()];
        let sc = &by_sys[sys_key[i].as_str()];
        let both = sc.iter().filter(|&&j| gold[j].cluster == g.cluster).count() as f64;
        p += both / sc.len() as f64;
        r += both / gc.len() as f64;
    }
    let n = gold.len().max(1) as f64;
    let (precision, recall) = (p / n, r / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let mut per: BTreeMap<&str, (HashSet<i64>, usize)> = BTreeMap::new();
    for (i, g) in gold.iter().enumerate() {
        let e = per.entry(g.cluster.as_str()).or_default();
        e.1 += 1;
        if let Some(id) = sys[i] {
            e.0.insert(id);
        }
    }
    let with_any: Vec<_> = per.iter().filter(|(_, (ids, _))| !ids.is_empty()).collect();
    let entities_per_cluster = with_any
        .iter()
        .map(|(_, (ids, _))| ids.len())
        .sum::<usize>() as f64
        / with_any.len().max(1) as f64;
    let mut worst: Vec<(String, usize, usize)> = per
        .iter()
        .filter(|(_, (ids, _))| ids.len() > 1)
        .map(|(c, (ids, m))| (c.to_string(), ids.len(), *m))
        .collect();
    worst.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    worst.truncate(15);
    Report {
        mentions: gold.len(),
        matched,
        clusters: per.len(),
        precision,
        recall,
        f1,
        entities_per_cluster,
        one_entity_clusters: with_any
            .iter()
            .filter(|(_, (ids, _))| ids.len() == 1)
            .count(),
        worst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(file: &str, start: usize, cluster: &str) -> GoldMention {
        GoldMention {
            file: file.into(),
            start,
            end: start + 3,
            text: "x".into(),
            cluster: cluster.into(),
        }
    }

    fn s(start: usize, id: i64) -> StoredMention {
        StoredMention {
            file: "x/politics/001.txt".into(),
            start,
            end: start + 3,
            text: "x".into(),
            label: "ORG".into(),
            entity_id: id,
            entity_name: "x".into(),
            entity_type: "ORG".into(),
        }
    }

    #[test]
    fn b_cubed_rewards_one_entity_per_cluster_and_punishes_splits_and_merges() {
        let gold = vec![
            g("politics/001.txt", 0, "A"),
            g("politics/001.txt", 10, "A"),
            g("politics/001.txt", 20, "B"),
        ];
        let mut sys = HashMap::new();
        sys.insert(
            "politics/001.txt".to_string(),
            vec![s(0, 1), s(10, 1), s(20, 2)],
        );
        let r = evaluate(&gold, &sys);
        assert!((r.f1 - 1.0).abs() < 1e-9);
        assert_eq!(r.one_entity_clusters, 2);
        // A split: A in two entities.
        sys.insert(
            "politics/001.txt".to_string(),
            vec![s(0, 1), s(10, 3), s(20, 2)],
        );
        let r = evaluate(&gold, &sys);
        assert!((r.precision - 1.0).abs() < 1e-9);
        assert!((r.recall - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-9);
        assert_eq!(r.worst, vec![("A".to_string(), 2, 2)]);
        // A merge: everything one entity; an unmatched mention is a singleton.
        sys.insert(
            "politics/001.txt".to_string(),
            vec![s(0, 1), s(11, 1), s(20, 1)],
        );
        let r = evaluate(&gold, &sys);
        assert!((r.precision - (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert_eq!(r.matched, 3);
    }
}
