//! The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark,
//! `evaluate.py`): per page, word 4-gram shingles of the prediction against the ground truth,
//! counted as a multiset, TP/FP/FN normalised by their sum; precision averaged over pages with
//! TP+FP > 0, recall over pages with TP+FN > 0; F1 from the two averages.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use newsgraph_ingest::web::html::{extract_page, Extractor, PageContext};

use crate::metrics::f1;
use crate::EvalError;

/// Word tokens as the benchmark counts them (`\w+`): runs of alphanumerics and `_`.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Normalised (tp, fp, fn) of one page, as `string_shingle_matching` computes them.
pub fn shingle_match(truth: &str, prediction: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fn_ += tc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc) as f64;
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Word 4-grams with counts; a text of fewer than four words is one shingle of all its words.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = words(text).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens).or_insert(0) += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

fn precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

/// Scores over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Shingle precision, averaged over pages.
    pub precision: f64,
    /// Shingle recall, averaged over pages.
    pub recall: f64,
    /// Shingle F1, averaged over pages.
    pub f1: f64,
    /// Pages scored.
    pub pages: usize,
}

/// Averages per-page (tp, fp, fn) the way `metrics_from_tp_fp_fns` does.
pub fn scores(matches: &[(f64, f64, f64)]) -> Scores {
    let ps: Vec<f64> = matches
        .iter()
        .filter(|m| m.0 + m.1 > 0.0)
        .map(|m| precision(m.0, m.1, m.2))
        .collect();
    let rs: Vec<f64> = matches
        .iter()
        .filter(|m| m.0 + m.2 > 0.0)
        .map(|m| recall(m.0, m.1, m.2))
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = f1(p, r);
    Scores {
        precision: p,
        recall: r,
        f1,
        pages: matches.len(),
    }
}

/// One benchmark page: id, gunzipped HTML and ground-truth body.
pub struct BenchmarkPage {
    /// The page's id in the benchmark (its file stem).
    pub id: String,
    /// The page, gunzipped.
    pub html: Vec<u8>,
    /// The ground-truth article body.
    pub truth: String,
}

/// Loads the benchmark directory (`ground-truth.json` + `html/<id>.html.gz`), sorted by id.
pub fn load_benchmark(dir: &Path) -> Result<Vec<BenchmarkPage>, EvalError> {
    let truth_path = dir.join("ground-truth.json");
    let raw = std::fs::read(&truth_path).map_err(|e| EvalError::io(&truth_path, e))?;
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&raw).map_err(|e| EvalError::parse(&truth_path, e))?;
    let mut pages = Vec::new();
    for (id, item) in truth {
        let body = item
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path).map_err(|e| EvalError::io(&path, e))?;
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(&gz[..])
            .read_to_end(&mut html)
            .map_err(|e| EvalError::io(&path, e))?;
        pages.push(BenchmarkPage {
            id,
            html,
            truth: body,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The result of running one extractor over the benchmark.
#[derive(Debug, Clone)]
pub struct HtmlEvaluation {
    /// Averaged shingle scores.
    pub scores: Scores,
    /// Per page: id, precision, recall (for error analysis).
    pub per_page: Vec<(String, f64, f64)>,
    /// Extraction time (decode + extract + metadata), excluding file reading.
    pub seconds: f64,
    /// Pages whose metadata carried each field.
    pub with_title: usize,
    /// Pages with a publication date.
    pub with_date: usize,
    /// Pages with a byline.
    pub with_byline: usize,
    /// Pages with an outlet name.
    pub with_outlet: usize,
    /// Pages with a language.
    pub with_language: usize,
}

/// Runs `extractor` over the pages, single-threaded, and scores it.
pub fn evaluate_html(pages: &[BenchmarkPage], extractor: Extractor) -> HtmlEvaluation {
    let mut matches = Vec::with_capacity(pages.len());
    let mut per_page = Vec::with_capacity(pages.len());
    let mut seconds = 0.0;
    let mut eval = HtmlEvaluation {
        scores: Scores::default(),
        per_page: Vec::new(),
        seconds: 0.0,
        with_title: 0,
        with_date: 0,
        with_byline: 0,
        with_outlet: 0,
        with_language: 0,
    };
    for page in pages {
        let start = Instant::now();
        let article = extract_page(&page.html, &page.id, &PageContext::default(), extractor).ok();
        seconds += start.elapsed().as_secs_f64();
        let predicted = article.as_ref().map(|a| a.text.as_str()).unwrap_or("");
        let m = shingle_match(&page.truth, predicted);
        per_page.push((
            page.id.clone(),
            precision(m.0, m.1, m.2),
            recall(m.0, m.1, m.2),
        ));
        matches.push(m);
        if let Some(a) = &article {
            eval.with_title += usize::from(a.title.is_some());
            eval.with_date += usize::from(a.published.is_some());
            eval.with_byline += usize::from(!a.credits.byline.is_empty());
            eval.with_outlet += usize::from(a.outlet.is_some());
            eval.with_language += usize::from(a.language.is_some());
        }
    }
    eval.scores = scores(&matches);
    eval.per_page = per_page;
    eval.seconds = seconds;
    eval
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_metric() {
        let (tp, fp, fn_) = shingle_match("a b c d e", "a b c d e");
        assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
        // truth 4-grams: abcd, bcde; prediction: abcd, bcdx → tp 1, fp 1, fn 1.
        let m = shingle_match("a b c d e", "a b c d x");
        assert!((m.0 - 1.0 / 3.0).abs() < 1e-9 && (m.1 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(shingle_match("", ""), (0.0, 0.0, 0.0));
        let s = scores(&[(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]);
        // Page 2 has no prediction: it counts for recall (0) but not precision.
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        // Short texts are one shingle, case matters, punctuation does not.
        assert_eq!(shingle_match("Hi, there!", "Hi there"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_match("Hi there", "hi there").0, 0.0);
    }
}
