//! [`extract_dates`] against TimeML gold (TBAQ-cleaned, the TempEval-3 training data), scored as
//! TempEval-3 scores Task A and as the shared `tools/tempeval_eval.py` does: per document, a
//! one-to-one greedy matching (identical spans first, then larger overlap, then text order);
//! strict detection = identical spans, relaxed = any overlap; value accuracy over relaxed-matched
//! gold, value F1 = relaxed F1 × value accuracy; one matching, then counted per group (gold items
//! by gold type, predictions by predicted type).
//!
//! Each document is read as the scorer's `jsonl` input: the `<TEXT>` content stripped of
//! surrounding whitespace, one article, its creation time as the publication date.
//!
//! **Split.** TBAQ-cleaned has no dev set, so it is split here by file name: a document is `dev`
//! when the 64-bit FNV-1a hash of its file name (`wsj_0127.tml`) is divisible by 5 (48 of 256
//! documents), else `train` (208). Rules are tuned on train; dev is the held-out figure.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use newsgraph_extract::temporal::extract_dates;
use newsgraph_model::DateMention;

use crate::corpus::files_under;
use crate::corpus::timeml::{self, TimemlDoc};
use crate::metrics::{f1, ratio};
use crate::EvalError;

/// The groups reported, in order: DATE+TIME (the headline of the shared scorer), every type (the
/// figure comparable with published TempEval-3 results), then each type.
pub const GROUPS: [&str; 6] = ["date_time", "all", "DATE", "TIME", "DURATION", "SET"];

fn in_group(group: &str, kind: &str) -> bool {
    match group {
        "all" => true,
        "date_time" => kind == "DATE" || kind == "TIME",
        g => g == kind,
    }
}

/// FNV-1a, 64 bits: the split hash (stable across platforms and Rust versions).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `dev` or `train`, from the file name (`<stem>.tml`).
pub fn split_of(stem: &str) -> &'static str {
    if fnv1a(format!("{stem}.tml").as_bytes()).is_multiple_of(5) {
        "dev"
    } else {
        "train"
    }
}

/// Every `.tml` document under `dir`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<TimemlDoc>, EvalError> {
    let mut files = Vec::new();
    files_under(dir, &["tml"], &mut files).map_err(|e| EvalError::io(dir, e))?;
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        if let Some(d) = timeml::read_file(&f).map_err(|e| EvalError::io(&f, e))? {
            docs.push(d);
        }
    }
    if docs.is_empty() {
        return Err(EvalError::Gold(format!(
            "no TimeML documents under {}",
            dir.display()
        )));
    }
    Ok(docs)
}

/// The counts of one group.
#[derive(Debug, Clone, Copy, Default)]
pub struct GroupCounts {
    /// Gold TIMEX3s.
    pub gold: usize,
    /// Predicted expressions.
    pub pred: usize,
    /// Gold TIMEX3s matched exactly.
    pub strict_gold: usize,
    /// Predictions matching a gold TIMEX3 exactly.
    pub strict_pred: usize,
    /// Gold TIMEX3s overlapped by a prediction.
    pub relaxed_gold: usize,
    /// Predictions overlapping a gold TIMEX3.
    pub relaxed_pred: usize,
    /// Overlap-matched gold TIMEX3s with the right value.
    pub value_ok: usize,
    /// Overlap-matched gold TIMEX3s with the right type.
    pub type_ok: usize,
}

impl GroupCounts {
    /// Relaxed precision, recall and F1.
    pub fn relaxed(&self) -> (f64, f64, f64) {
        let (p, r) = (
            ratio(self.relaxed_pred, self.pred),
            ratio(self.relaxed_gold, self.gold),
        );
        (p, r, f1(p, r))
    }
    /// Strict precision, recall and F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        let (p, r) = (
            ratio(self.strict_pred, self.pred),
            ratio(self.strict_gold, self.gold),
        );
        (p, r, f1(p, r))
    }
    /// Correct values over relaxed-matched gold.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.relaxed_gold)
    }
    /// Relaxed F1 × value accuracy (TempEval-3's attribute F1).
    pub fn value_f1(&self) -> f64 {
        self.relaxed().2 * self.value_accuracy()
    }
    /// Relaxed F1 × type accuracy.
    pub fn type_f1(&self) -> f64 {
        self.relaxed().2 * ratio(self.type_ok, self.relaxed_gold)
    }
}

/// The scores of a set of documents, with the errors by class.
#[derive(Debug, Clone, Default)]
pub struct TimemlReport {
    /// Documents scored.
    pub documents: usize,
    /// Counts per group (all, DATE, TIME, DURATION, SET).
    pub groups: BTreeMap<&'static str, GroupCounts>,
    /// Error class ("missed DATE PRESENT_REF", "wrong: gold day -> pred week") to examples.
    pub errors: BTreeMap<String, Vec<String>>,
}

/// A value in the shared scorer's canonical notation: upper case; "199X" = "199"; decades,
/// centuries and quarters as years and months; ":00" seconds and minutes of a whole hour dropped;
/// week numbers unpadded.
pub fn canonical(value: &str) -> String {
    let v = value.trim().to_ascii_uppercase();
    let b = v.as_bytes();
    if b.len() == 4 && b[3] == b'X' && b[..3].iter().all(u8::is_ascii_digit) {
        return v[..3].to_string();
    }
    for (suffix, factor, unit) in [("DE", 10.0, "Y"), ("CE", 100.0, "Y"), ("Q", 3.0, "M")] {
        let Some(n) = v
            .strip_prefix('P')
            .and_then(|r| r.strip_suffix(suffix))
            .and_then(|n| n.parse::<f64>().ok())
        else {
            continue;
        };
        let m = n * factor;
        return if m.fract() == 0.0 {
            format!("P{}{unit}", m as i64)
        } else {
            format!("P{m}{unit}")
        };
    }
    let mut v = v;
    if let Some(t) = v.find('T') {
        let time = &v[t + 1..];
        let tb = time.as_bytes();
        let clock = |s: &[u8]| s.iter().all(|c| c.is_ascii_digit() || *c == b':');
        if tb.len() == 8 && clock(tb) && time.ends_with(":00") {
            v.truncate(v.len() - 3);
        }
        let time = &v[t + 1..];
        if time.len() == 5 && clock(time.as_bytes()) && time.ends_with(":00") {
            v.truncate(v.len() - 3);
        }
    }
    if let Some(w) = v.find("-W0") {
        let digit = v.as_bytes().get(w + 3).is_some_and(u8::is_ascii_digit);
        let after = v.as_bytes().get(w + 4);
        if digit && after.is_none_or(|c| *c == b'-') {
            v.remove(w + 2);
        }
    }
    v
}

/// A coarse class of a value, for grouping errors (as the shared scorer's `shape`).
fn shape(value: &str) -> &'static str {
    let v = value.to_ascii_uppercase();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    match v.as_str() {
        "" => "null",
        "PRESENT_REF" => "PRESENT_REF",
        "PAST_REF" => "PAST_REF",
        "FUTURE_REF" => "FUTURE_REF",
        _ if v.starts_with('P') && v.contains('X') => "vague duration",
        _ if v.starts_with('P') => "duration",
        _ if v.contains('T') => "time",
        _ if v.len() == 3 && digits(&v) => "decade",
        _ if v.contains('X') => "underspecified",
        _ if v.len() == 4 && digits(&v) => "year",
        _ if v.len() == 2 && digits(&v) => "century",
        _ if v.len() == 7 && digits(&v[5..]) => "month",
        _ if v.len() == 10 => "day",
        _ if v.contains("-WE") => "weekend",
        _ if v.contains("-W") => "week",
        _ if v.contains("-Q") => "quarter",
        _ if v.contains("-H") => "half",
        _ => "season or other",
    }
}

/// One-to-one greedy matching of gold and predicted spans: identical spans first, then larger
/// overlap, then text order. Pairs (gold index, prediction index).
pub fn match_spans(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let overlap = g.1.min(p.1).saturating_sub(g.0.max(p.0));
            if overlap > 0 {
                candidates.push((g != p, std::cmp::Reverse(overlap), g.0, p.0, gi, pi));
            }
        }
    }
    candidates.sort();
    let (mut used_g, mut used_p) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut pairs = Vec::new();
    for (.., gi, pi) in candidates {
        if !used_g[gi] && !used_p[pi] {
            used_g[gi] = true;
            used_p[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// The predictions for one document, spans in its text: the text stripped of surrounding
/// whitespace is the article, its creation time the publication date.
pub fn predict(doc: &TimemlDoc) -> Vec<DateMention> {
    let body = doc.text.trim();
    let lead = doc.text.len() - doc.text.trim_start().len();
    let mut dates = extract_dates(body, doc.dct);
    for d in &mut dates {
        d.start += lead;
        d.end += lead;
    }
    dates
}

fn note(errors: &mut BTreeMap<String, Vec<String>>, class: String, example: String) {
    errors.entry(class).or_default().push(example);
}

/// Up to 60 bytes of text either side of `start..end`, the span in brackets, on one line: the
/// context an error study needs (the verb's tense for a weekday, the clause around a "now").
fn context(text: &str, start: usize, end: usize) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    let (s, e) = (floor(start.min(text.len())), ceil(end));
    let (a, b) = (floor(s.saturating_sub(60)), ceil(e + 60));
    let line = format!("{}[[{}]]{}", &text[a..s], &text[s..e], &text[e..b]);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one document into `report`.
fn score_doc(doc: &TimemlDoc, report: &mut TimemlReport) {
    let pred = predict(doc);
    let gold_spans: Vec<(usize, usize)> = doc.timexes.iter().map(|t| (t.start, t.end)).collect();
    let pred_spans: Vec<(usize, usize)> = pred.iter().map(|p| (p.start, p.end)).collect();
    let pairs = match_spans(&gold_spans, &pred_spans);
    let value_of = |p: &DateMention| canonical(p.value.as_deref().unwrap_or(""));
    for group in GROUPS {
        let c = report.groups.entry(group).or_default();
        c.gold += doc
            .timexes
            .iter()
            .filter(|g| in_group(group, &g.kind))
            .count();
        c.pred += pred
            .iter()
            .filter(|p| in_group(group, p.timex_type()))
            .count();
        for &(gi, pi) in &pairs {
            let (g, p) = (&doc.timexes[gi], &pred[pi]);
            let exact = (g.start, g.end) == (p.start, p.end);
            if in_group(group, &g.kind) {
                c.relaxed_gold += 1;
                c.strict_gold += usize::from(exact);
                c.value_ok += usize::from(canonical(&g.value) == value_of(p));
                c.type_ok += usize::from(g.kind == p.timex_type());
            }
            if in_group(group, p.timex_type()) {
                c.relaxed_pred += 1;
                c.strict_pred += usize::from(exact);
            }
        }
    }
    let text = |s: usize, e: usize| doc.text.get(s..e).unwrap_or("").to_string();
    let who = match doc.dct {
        Some(d) => format!("{} ({})", doc.stem, d.format("%Y-%m-%d %a")),
        None => doc.stem.clone(),
    };
    let mut gold_matched = vec![None; doc.timexes.len()];
    let mut pred_matched = vec![false; pred.len()];
    for &(gi, pi) in &pairs {
        gold_matched[gi] = Some(pi);
        pred_matched[pi] = true;
    }
    for (g, m) in doc.timexes.iter().zip(&gold_matched) {
        let gt = text(g.start, g.end);
        match m.and_then(|pi| pred.get(pi)) {
            None => note(
                &mut report.errors,
                format!("missed {} {}", g.kind, shape(&g.value)),
                format!(
                    "{}: {gt:?} = {} | {}",
                    who,
                    g.value,
                    context(&doc.text, g.start, g.end)
                ),
            ),
            Some(p) if canonical(&g.value) != value_of(p) => {
                let pv = p.value.as_deref().unwrap_or("");
                note(
                    &mut report.errors,
                    format!("wrong: gold {} -> pred {}", shape(&g.value), shape(pv)),
                    format!(
                        "{}: {gt:?} gold {} ({}), got {pv} for {:?} | {}",
                        who,
                        g.value,
                        g.kind,
                        p.text,
                        context(&doc.text, g.start, g.end)
                    ),
                );
            }
            Some(_) => {}
        }
    }
    for (p, matched) in pred.iter().zip(&pred_matched) {
        if !matched {
            let pv = p.value.as_deref().unwrap_or("");
            note(
                &mut report.errors,
                format!("spurious {} {}", p.timex_type(), shape(pv)),
                format!(
                    "{}: {:?} = {pv} | {}",
                    who,
                    p.text,
                    context(&doc.text, p.start, p.end)
                ),
            );
        }
    }
}

/// Scores the documents of `split` (`train`, `dev` or `all`).
pub fn evaluate(docs: &[TimemlDoc], split: &str) -> TimemlReport {
    let mut report = TimemlReport::default();
    for doc in docs
        .iter()
        .filter(|d| split == "all" || split_of(&d.stem) == split)
    {
        report.documents += 1;
        score_doc(doc, &mut report);
    }
    report
}

impl TimemlReport {
    /// A table of the groups (percentages) and the `max_classes` most common error classes.
    pub fn summary(&self, max_classes: usize) -> String {
        let mut s = String::new();
        let pct = |x: f64| 100.0 * x;
        let _ = writeln!(
            s,
            "{:10} {:>4} {:>4} | {:>20} | {:>20} | {:>7} {:>6} | {:>7}",
            "group",
            "gold",
            "pred",
            "strict P/R/F1",
            "relaxed P/R/F1",
            "val acc",
            "val F1",
            "type F1"
        );
        for g in GROUPS {
            let c = self.groups.get(g).copied().unwrap_or_default();
            let (sp, sr, sf) = c.strict();
            let (rp, rr, rf) = c.relaxed();
            let _ = writeln!(
                s,
                "{g:10} {:4} {:4} | {:6.2} {:6.2} {:6.2} | {:6.2} {:6.2} {:6.2} | {:7.2} {:6.2} | {:7.2}",
                c.gold,
                c.pred,
                pct(sp),
                pct(sr),
                pct(sf),
                pct(rp),
                pct(rr),
                pct(rf),
                pct(c.value_accuracy()),
                pct(c.value_f1()),
                pct(c.type_f1())
            );
        }
        let mut classes: Vec<(&String, &Vec<String>)> = self.errors.iter().collect();
        classes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let total: usize = classes.iter().map(|(_, v)| v.len()).sum();
        let _ = writeln!(s, "errors ({total}):");
        for (class, examples) in classes.into_iter().take(max_classes) {
            let first = examples.first().map(String::as_str).unwrap_or("");
            let _ = writeln!(s, "  {:4}  {class}   e.g. {first}", examples.len());
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_values_follow_the_shared_scorer() {
        assert_eq!(canonical("199X"), "199");
        assert_eq!(canonical("P1DE"), "P10Y");
        assert_eq!(canonical("P2Q"), "P6M");
        assert_eq!(canonical("1998-01-08T20:00"), "1998-01-08T20");
        assert_eq!(canonical("1998-01-08T10:35:00"), "1998-01-08T10:35");
        assert_eq!(canonical("2013-W02"), "2013-W2");
        assert_eq!(canonical("2013-W02-WE"), "2013-W2-WE");
        assert_eq!(canonical(" present_ref "), "PRESENT_REF");
        assert_eq!(canonical("1998-01-08TNI"), "1998-01-08TNI");
    }

    #[test]
    fn matching_prefers_exact_then_larger_overlap() {
        let gold = [(0, 10), (20, 25)];
        let pred = [(2, 8), (0, 10), (21, 30), (22, 24)];
        let pairs = match_spans(&gold, &pred);
        assert_eq!(pairs, [(0, 1), (1, 2)]);
    }

    #[test]
    fn split_is_stable_and_about_a_fifth() {
        let names: Vec<String> = (0..1000).map(|i| format!("doc{i}")).collect();
        let dev = names.iter().filter(|n| split_of(n) == "dev").count();
        assert!((150..250).contains(&dev), "{dev}");
        assert_eq!(split_of("wsj_0127"), split_of("wsj_0127"));
    }

    #[test]
    fn scores_a_small_document() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>
Sales rose <TIMEX3 tid="t1" type="DATE" value="1997">last year</TIMEX3> and in <TIMEX3 tid="t2" type="DATE" value="1995">1994</TIMEX3>.
</TEXT></TimeML>"#;
        let doc = timeml::parse("a", xml).unwrap();
        let mut r = TimemlReport::default();
        score_doc(&doc, &mut r);
        let all = r.groups["all"];
        assert_eq!((all.gold, all.relaxed_gold, all.value_ok), (2, 2, 1));
        assert!(r.errors.contains_key("wrong: gold year -> pred year"));
    }
}
