//! Evaluation of [`extract_dates`] and [`extract_figures`] against the hand-made gold in
//! `tests/gold/temporal/gold.json` (format and annotation rules in `GUIDE.md` beside it).
//!
//! Articles are read from the shared corpora (Reuters-21578 SGML, BBC text files), whitespace is
//! collapsed to single spaces, gold items are located by their text in order, and a system mention
//! matches a gold item when their spans overlap (one to one, in order). Reported: detection
//! precision / recall / F1, value accuracy over matched items (the TempEval measure HeidelTime's
//! 0.876 and TIMEN's 0.89 refer to), and strict value accuracy over all gold items.
//!
//! The stage functions are called directly rather than through the whole pipeline because the
//! gold fixes each document's anchor (its `published` date, or none for `anchor_free` documents);
//! the pipeline's one addition, a dateline taken as the publication date, is what such a document
//! is annotated without.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use newsgraph_extract::figures::extract_figures;
use newsgraph_extract::temporal::extract_dates;
use newsgraph_model::{DateMention, Figure};
use serde::Deserialize;

use crate::corpus::{bbc, reuters};
use crate::metrics::{f1, ratio};
use crate::EvalError;

/// A temporal gold file (tests/gold/temporal/*.json).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    /// The annotated documents.
    pub documents: Vec<GoldDoc>,
}

/// Where a gold document's text comes from.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSource {
    /// The corpus ("reuters21578", "bbc", …).
    pub corpus: String,
    /// The corpus file.
    pub file: String,
    /// The Reuters NEWID, for Reuters documents.
    #[serde(default)]
    pub newid: Option<u64>,
}

/// One annotated document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Its id in the gold file.
    pub id: String,
    /// dev or test.
    pub split: String,
    /// Where its text comes from.
    pub source: GoldSource,
    /// The publication date dates are resolved against, when known.
    pub published: Option<String>,
    /// "all", or "anchor_free": only expressions resolvable without a publication date are annotated.
    pub dates_scope: String,
    /// Which layers are annotated ("dates", "figures").
    pub layers: Vec<String>,
    /// Gold date expressions.
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    /// Gold figures.
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
}

/// One gold date expression.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDate {
    /// The expression as written.
    pub text: String,
    /// Its resolved value (TIMEX3 style).
    pub value: String,
    /// day, week, month, quarter, year, …
    pub granularity: String,
    /// APPROX, START, MID, END, … when the expression has one.
    #[serde(default)]
    pub modifier: Option<String>,
}

/// One gold figure.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFigure {
    /// The figure as written.
    pub text: String,
    /// Its value, scaled.
    pub value: f64,
    /// "about", "more than", … when hedged.
    pub hedge: Option<String>,
    /// "people", "percent", "USD", … when it has a unit.
    pub unit: Option<String>,
    /// casualties, money, percentage, count, age, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Loads a gold file.
pub fn load_gold(path: &Path) -> Result<GoldFile, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&raw).map_err(|e| EvalError::parse(path, e))
}

/// Collapses every run of whitespace to one space (the gold is located in this form).
pub fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the article a gold document names, from `news_dir` (the folder holding `bbc/` and
/// `reuters21578/`), whitespace collapsed. Reuters files are cached per file in `cache`.
fn load_text(
    doc: &GoldDoc,
    news_dir: &Path,
    cache: &mut HashMap<String, Vec<reuters::ReutersDoc>>,
) -> Result<String, EvalError> {
    let s = &doc.source;
    match s.corpus.as_str() {
        "reuters21578" => {
            if !cache.contains_key(&s.file) {
                let path = news_dir.join("reuters21578").join(&s.file);
                let docs = reuters::read_file(&path).map_err(|e| EvalError::io(&path, e))?;
                cache.insert(s.file.clone(), docs);
            }
            let id = s
                .newid
                .ok_or_else(|| EvalError::Gold(format!("{}: no newid", doc.id)))?;
            cache
                .get(&s.file)
                .and_then(|docs| docs.iter().find(|d| d.new_id == Some(id)))
                .map(|d| normalize_space(&d.body))
                .ok_or_else(|| EvalError::Gold(format!("{}: record not found", doc.id)))
        }
        "bbc" => {
            let path = news_dir.join("bbc").join(&s.file);
            let article = bbc::read_file(&path, "").map_err(|e| EvalError::io(&path, e))?;
            Ok(normalize_space(&article.raw))
        }
        other => Err(EvalError::Gold(format!(
            "{}: unknown corpus {other}",
            doc.id
        ))),
    }
}

/// Byte spans of the gold items, located in order by their text.
fn locate<'g>(
    doc_id: &str,
    text: &str,
    items: impl Iterator<Item = &'g str>,
) -> Result<Vec<(usize, usize)>, EvalError> {
    let mut pos = 0;
    let mut out = Vec::new();
    for t in items {
        let found = text
            .get(pos..)
            .and_then(|rest| rest.find(t))
            .map(|i| i + pos);
        let start = found.ok_or_else(|| {
            EvalError::Gold(format!("{doc_id}: gold text {t:?} not found in order"))
        })?;
        out.push((start, start + t.len()));
        pos = start + t.len();
    }
    Ok(out)
}

/// One-to-one matching of system spans to gold spans by overlap, in text order.
fn match_spans(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut used = vec![false; system.len()];
    gold.iter()
        .map(|&(gs, ge)| {
            let k = system
                .iter()
                .enumerate()
                .find(|(k, (ss, se))| {
                    !used.get(*k).copied().unwrap_or(true) && *ss < ge && gs < *se
                })
                .map(|(k, _)| k)?;
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
            Some(k)
        })
        .collect()
}

/// Counts for one layer.
#[derive(Debug, Clone, Default)]
pub struct LayerScore {
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
    /// System items matching a gold item's span.
    pub matched: usize,
    /// Matched items with the right value.
    pub value_correct: usize,
    /// Attribute agreement over matched items (figures: hedge, unit, type; dates: granularity).
    pub attributes: Vec<(String, usize)>,
    /// Examples of errors, for the report.
    pub errors: Vec<String>,
}

impl LayerScore {
    /// Matched over system items.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.system)
    }
    /// Matched over gold items.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// Correct values over matched items.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.matched)
    }
    /// Correct values over all gold items.
    pub fn strict_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.gold)
    }
    fn bump(&mut self, attr: &str, ok: bool) {
        match self.attributes.iter_mut().find(|(a, _)| a == attr) {
            Some(a) => a.1 += usize::from(ok),
            None => self.attributes.push((attr.to_string(), usize::from(ok))),
        }
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Scores of the date layer.
    pub dates: LayerScore,
    /// Scores of the figure layer.
    pub figures: LayerScore,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4 * b.abs().max(1.0)
}

fn unit_head(u: &str) -> String {
    u.rsplit(' ').next().unwrap_or(u).to_lowercase()
}

fn score_dates(
    doc: &GoldDoc,
    text: &str,
    system: &[DateMention],
    s: &mut LayerScore,
) -> Result<(), EvalError> {
    let gold = locate(&doc.id, text, doc.dates.iter().map(|d| d.text.as_str()))?;
    // Without an anchor only resolved system mentions are claims to score.
    let anchor_free = doc.dates_scope == "anchor_free";
    let sys: Vec<&DateMention> = system.iter().collect();
    let spans: Vec<(usize, usize)> = sys.iter().map(|m| (m.start, m.end)).collect();
    let matches = match_spans(&gold, &spans);
    let mut matched_sys = vec![false; sys.len()];
    s.gold += gold.len();
    for (g, m) in doc.dates.iter().zip(&matches) {
        let Some(k) = *m else {
            s.errors
                .push(format!("{}: missed {:?} = {}", doc.id, g.text, g.value));
            continue;
        };
        if let Some(f) = matched_sys.get_mut(k) {
            *f = true;
        }
        let Some(m) = sys.get(k) else { continue };
        s.matched += 1;
        if m.value.as_deref() == Some(g.value.as_str()) {
            s.value_correct += 1;
        } else {
            s.errors.push(format!(
                "{}: {:?} gold {} got {:?} (system span {:?})",
                doc.id, g.text, g.value, m.value, m.text
            ));
        }
        s.bump("granularity", m.granularity == g.granularity);
        s.bump("modifier", m.modifier == g.modifier);
    }
    for (k, m) in sys.iter().enumerate() {
        if matched_sys.get(k).copied().unwrap_or(false) || anchor_free && m.value.is_none() {
            continue;
        }
        s.system += 1;
        s.errors
            .push(format!("{}: spurious {:?} = {:?}", doc.id, m.text, m.value));
    }
    s.system += s.matched_in(&matches);
    Ok(())
}

impl LayerScore {
    fn matched_in(&self, matches: &[Option<usize>]) -> usize {
        matches.iter().filter(|m| m.is_some()).count()
    }
}

fn score_figures(
    doc: &GoldDoc,
    text: &str,
    system: &[Figure],
    s: &mut LayerScore,
) -> Result<(), EvalError> {
    let gold = locate(&doc.id, text, doc.figures.iter().map(|d| d.text.as_str()))?;
    let spans: Vec<(usize, usize)> = system.iter().map(|m| (m.start, m.end)).collect();
    let matches = match_spans(&gold, &spans);
    let mut matched_sys = vec![false; system.len()];
    s.gold += gold.len();
    for (g, m) in doc.figures.iter().zip(&matches) {
        let Some(k) = *m else {
            s.errors
                .push(format!("{}: missed {:?} = {}", doc.id, g.text, g.value));
            continue;
        };
        if let Some(f) = matched_sys.get_mut(k) {
            *f = true;
        }
        let Some(f) = system.get(k) else { continue };
        s.matched += 1;
        if f.value.is_some_and(|v| same_value(v, g.value)) {
            s.value_correct += 1;
        } else {
            s.errors.push(format!(
                "{}: {:?} gold {} got {:?} (system span {:?})",
                doc.id, g.text, g.value, f.value, f.text
            ));
        }
        s.bump("hedge", f.hedge == g.hedge);
        s.bump(
            "unit",
            f.unit.as_deref().map(unit_head) == g.unit.as_deref().map(unit_head),
        );
        s.bump("type", f.kind == g.kind);
        if f.kind != g.kind || f.hedge != g.hedge {
            s.errors.push(format!(
                "{}: {:?} attrs gold ({:?},{:?},{:?}) got ({:?},{:?},{:?})",
                doc.id, g.text, g.hedge, g.unit, g.kind, f.hedge, f.unit, f.kind
            ));
        }
    }
    for (k, f) in system.iter().enumerate() {
        if !matched_sys.get(k).copied().unwrap_or(false) {
            s.system += 1;
            s.errors
                .push(format!("{}: spurious {:?} = {:?}", doc.id, f.text, f.value));
        }
    }
    s.system += s.matched_in(&matches);
    Ok(())
}

/// Evaluates the documents of `split` ("dev", "test" or "all") against the corpora in `news_dir`.
pub fn evaluate(gold: &GoldFile, news_dir: &Path, split: &str) -> Result<Report, EvalError> {
    let mut report = Report::default();
    let mut cache = HashMap::new();
    for doc in gold
        .documents
        .iter()
        .filter(|d| split == "all" || d.split == split)
    {
        let text = load_text(doc, news_dir, &mut cache)?;
        let published = doc
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        report.documents += 1;
        if doc.layers.iter().any(|l| l == "dates") {
            let system = extract_dates(&text, published);
            score_dates(doc, &text, &system, &mut report.dates)?;
        }
        if doc.layers.iter().any(|l| l == "figures") {
            let system = extract_figures(&text);
            score_figures(doc, &text, &system, &mut report.figures)?;
        }
    }
    Ok(report)
}

impl Report {
    /// A human-readable summary.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "documents: {}", self.documents);
        for (name, l) in [("dates", &self.dates), ("figures", &self.figures)] {
            let _ = writeln!(
                s,
                "{name:8} gold {:4} system {:4} matched {:4}  P {:.3} R {:.3} F1 {:.3}  value acc (matched) {:.3}  value acc (all gold) {:.3}",
                l.gold,
                l.system,
                l.matched,
                l.precision(),
                l.recall(),
                l.f1(),
                l.value_accuracy(),
                l.strict_accuracy()
            );
            let attrs: Vec<String> = l
                .attributes
                .iter()
                .map(|(a, n)| format!("{a} {:.3}", ratio(*n, l.matched)))
                .collect();
            if !attrs.is_empty() {
                let _ = writeln!(
                    s,
                    "{:8} attribute agreement over matched: {}",
                    "",
                    attrs.join(", ")
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_matching_is_one_to_one() {
        let m = match_spans(&[(0, 5), (3, 8)], &[(2, 6)]);
        assert_eq!(m, vec![Some(0), None]);
    }
}
