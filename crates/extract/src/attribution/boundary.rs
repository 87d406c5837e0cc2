//! A learned choice of content boundaries: the rules find an attribution and a content span; this
//! model then picks the content's first and last word among the words near the rules' edges.
//!
//! Annotated corpora draw content edges where our rules do not: PolNeAR leaves out a preposed
//! "As the Post observed," and the particle of "pointed out", keeps the object of an accusation
//! ("criticised X for *doing Y*"), ends a content before ", and now …" or "; that's …", and runs a
//! quote on past a mid-quote cue. Each candidate edge (a word within a fixed window of the rules'
//! edge, in the same paragraph, not inside a neighbouring attribution) gets hashed features of the
//! words and token classes around it, where it stands against the cue, the rules' own edge and the
//! commas, sentence ends and quotation marks between the two; a linear scorer (an averaged
//! perceptron over the candidates of one edge) takes the best, and the rules' edge wins ties.
//!
//! The weights are trained by `newsgraph train attribution --boundaries --polnear DIR` (crate
//! `newsgraph-eval`) on the PolNeAR train split only and embedded from
//! `data/attribution-boundaries.tsv`: bucket weights, no text. Training gets its candidates and
//! features from [`boundary_cases`], the same function inference uses.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use newsgraph_model::{AttributionKind, Span};
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;

use super::cue_model::{bucket, hash_str, lexicon_class, suffix, word_class};
use super::doc::{Doc, TokKind};
use super::Found;

const MODEL_TSV: &str = include_str!("../../data/attribution-boundaries.tsv");

/// How far (in tokens) before and after the rules' first word a start may move.
const START_WINDOW: usize = 15;
/// How far before and after the rules' last word an end may move.
const END_BACK: usize = 25;
const END_AHEAD: usize = 12;

static MODEL: Lazy<BoundaryModel> = Lazy::new(|| BoundaryModel::parse(MODEL_TSV));
static OVERRIDE: OnceLock<BoundaryModel> = OnceLock::new();
static ENABLED: AtomicBool = AtomicBool::new(true);

/// Uses the boundary model file `tsv` instead of the embedded one for the rest of the process;
/// false when a model was already set.
pub fn use_boundary_model(tsv: &str) -> bool {
    OVERRIDE.set(BoundaryModel::parse(tsv)).is_ok()
}

/// Switches the learned content boundaries on (the product's default) or off (the rules' edges),
/// for the whole process: an evaluation switch.
pub fn set_boundary_model(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

fn model() -> Option<&'static BoundaryModel> {
    let m = OVERRIDE.get().unwrap_or(&MODEL);
    (ENABLED.load(Ordering::Relaxed) && !m.weights.is_empty()).then_some(m)
}

/// The weights of the hashed boundary features.
pub struct BoundaryModel {
    weights: FxHashMap<u32, f32>,
    /// An edge moves off the rules' only when another candidate scores this much higher.
    margin: f32,
}

impl BoundaryModel {
    /// Parses `#` comments, `margin <f32>` and `<bucket> <weight>` lines; other lines are
    /// skipped.
    pub fn parse(tsv: &str) -> BoundaryModel {
        let mut weights = FxHashMap::default();
        let mut margin = 0.0;
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut it = line.split_whitespace();
            let (Some(key), Some(Ok(w))) = (it.next(), it.next().map(str::parse::<f32>)) else {
                continue;
            };
            if key == "margin" {
                margin = w;
            } else if let Ok(k) = key.parse::<u32>() {
                weights.insert(k, w);
            }
        }
        BoundaryModel { weights, margin }
    }

    /// How many buckets carry a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when no bucket carries a weight.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn score(&self, features: &[u32]) -> f32 {
        features
            .iter()
            .map(|f| self.weights.get(f).copied().unwrap_or(0.0))
            .sum()
    }
}

/// The embedded boundary model (for tests and reports).
pub fn embedded_boundary_model() -> &'static BoundaryModel {
    &MODEL
}

/// One candidate edge: the word's byte span and its feature buckets.
#[derive(Debug, Clone)]
pub struct BoundaryCandidate {
    /// Byte span of the candidate word.
    pub span: Span,
    /// Hashed features of the word as this edge.
    pub features: Vec<u32>,
    /// The rules' own edge.
    pub rule: bool,
}

/// One attribution the rules found, with the candidates for its content's first and last word.
#[derive(Debug, Clone)]
pub struct BoundaryCase {
    /// The rules' content span (bytes).
    pub content: Span,
    /// A direct quote.
    pub direct: bool,
    /// Candidate first words.
    pub starts: Vec<BoundaryCandidate>,
    /// Candidate last words.
    pub ends: Vec<BoundaryCandidate>,
}

/// Every direct and reported attribution the rules find in `text` (no entities) with its
/// boundary candidates: the trainer's view of the article.
pub fn boundary_cases(text: &str, paragraphs: &[Span]) -> Vec<BoundaryCase> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, paragraphs);
    let found = super::rule_findings(&doc, &mut super::Resolver::new(&doc, &[]));
    let mut out = Vec::new();
    for i in 0..found.len() {
        let (lo, hi) = limits(&doc, &found, i);
        let Some(frame) = Frame::new(&doc, &found[i]) else {
            continue;
        };
        let cands = |toks: Vec<(usize, Vec<u32>)>, rule: usize| {
            toks.into_iter()
                .filter_map(|(k, features)| {
                    let t = doc.tok(k)?;
                    Some(BoundaryCandidate {
                        span: Span::new(t.start, t.end),
                        features,
                        rule: k == rule,
                    })
                })
                .collect()
        };
        out.push(BoundaryCase {
            content: found[i].content,
            direct: frame.direct,
            starts: cands(frame.starts(lo, hi), frame.rs),
            ends: cands(frame.ends(lo, hi), frame.re),
        });
    }
    out
}

/// Moves the content edges of each direct and reported finding to the model's choice (when the
/// model is on and has weights).
pub(super) fn refine(doc: &Doc, found: &mut [Found]) {
    let Some(model) = model() else { return };
    for i in 0..found.len() {
        let (lo, hi) = limits(doc, found, i);
        let Some(frame) = Frame::new(doc, &found[i]) else {
            continue;
        };
        // The rules' edge, unless another candidate beats it by the model's margin.
        let best = |cands: Vec<(usize, Vec<u32>)>, rule: usize, min: usize| {
            let scored: Vec<(usize, f32)> = cands
                .iter()
                .filter(|c| c.0 >= min)
                .map(|(k, f)| (*k, model.score(f)))
                .collect();
            let bar = scored
                .iter()
                .find(|c| c.0 == rule)
                .map_or(f32::NEG_INFINITY, |c| c.1 + model.margin);
            scored
                .iter()
                .filter(|c| c.1 > bar)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(rule, |c| c.0)
        };
        let start = best(frame.starts(lo, hi), frame.rs, 0);
        let end = best(frame.ends(lo, hi), frame.re, start);
        if end < start {
            continue;
        }
        let f = &mut found[i];
        let (Some(s), Some(e)) = (doc.tok(start), doc.tok(end)) else {
            continue;
        };
        if start != frame.rs {
            f.content.start = s.start;
            f.first_tok = start;
        }
        if end != frame.re {
            f.content.end = e.end;
        }
    }
}

/// The token bounds a content of finding `i` may not cross: past the end of the previous finding
/// and before the start of the next (findings are in text order).
fn limits(doc: &Doc, found: &[Found], i: usize) -> (usize, usize) {
    let Some(f) = found.get(i) else {
        return (0, usize::MAX);
    };
    let first = first_token_at(doc, f.content.start);
    let last = doc.last_token_ending_by(f.content.end).unwrap_or(first);
    let lo = i
        .checked_sub(1)
        .and_then(|p| found.get(p))
        .and_then(|p| doc.last_token_ending_by(p.content.end))
        .filter(|&pl| pl < first)
        .map_or(0, |pl| pl + 1);
    let hi = found
        .get(i + 1)
        .map(|n| first_token_at(doc, n.content.start))
        .filter(|&nf| nf > last)
        .map_or(usize::MAX, |nf| nf - 1);
    // A content before its cue never runs over it ("Clinton continues to lead | in | polls").
    match f.cue.map(|c| first_token_at(doc, c.start)) {
        Some(a) if a > last => (lo, hi.min(a - 1)),
        _ => (lo, hi),
    }
}

fn first_token_at(doc: &Doc, byte: usize) -> usize {
    doc.toks.partition_point(|t| t.start < byte)
}

/// A token that can open or close a content: a word (names, numbers and "’s" included).
fn is_edge_word(doc: &Doc, k: usize) -> bool {
    doc.tok(k)
        .is_some_and(|t| matches!(t.kind, TokKind::Word | TokKind::Poss))
}

/// One finding as the features see it.
struct Frame<'d, 'a> {
    doc: &'d Doc<'a>,
    direct: bool,
    /// First and last token of the cue.
    cue: Option<(usize, usize)>,
    /// The rules' first and last word.
    rs: usize,
    re: usize,
    /// Hashed cue head (its last word) or "<none>".
    head: u64,
}

impl<'d, 'a> Frame<'d, 'a> {
    fn new(doc: &'d Doc<'a>, f: &Found) -> Option<Self> {
        if !matches!(f.kind, AttributionKind::Direct | AttributionKind::Reported) {
            return None;
        }
        let first = first_token_at(doc, f.content.start);
        let last = doc.last_token_ending_by(f.content.end)?;
        let rs = (first..=last).find(|&k| is_edge_word(doc, k))?;
        let re = (rs..=last).rev().find(|&k| is_edge_word(doc, k))?;
        let cue = f.cue.and_then(|c| {
            let a = first_token_at(doc, c.start);
            let b = doc.last_token_ending_by(c.end)?;
            (a <= b).then_some((a, b))
        });
        let head = hash_str(cue.map_or("<none>", |(_, b)| doc.lower(b)));
        Some(Frame {
            doc,
            direct: f.kind == AttributionKind::Direct,
            cue,
            rs,
            re,
            head,
        })
    }

    /// The hashed word at `k` ("<q>" for a quotation mark, "<e>" off the paragraph of `at`).
    fn w(&self, k: Option<usize>, at: usize) -> u64 {
        let para = self.doc.tok(at).map(|t| t.para);
        match k.and_then(|k| self.doc.tok(k)) {
            Some(t) if Some(t.para) == para => match t.kind {
                TokKind::QuoteMark => hash_str("<q>"),
                _ => hash_str(&t.lower),
            },
            _ => hash_str("<e>"),
        }
    }

    /// The class of token `k` ("EDGE" off the paragraph of `at`).
    fn c(&self, k: Option<usize>, at: usize) -> u64 {
        let para = self.doc.tok(at).map(|t| t.para);
        let class = match k.and_then(|k| self.doc.tok(k)) {
            Some(t) if Some(t.para) == para => match t.kind {
                TokKind::QuoteMark => "Q",
                TokKind::Poss => "POSS",
                TokKind::Punct(',') => ",",
                TokKind::Punct(':') => ":",
                TokKind::Punct(';') => ";",
                TokKind::Punct('.' | '!' | '?') => ".",
                TokKind::Punct('—' | '–' | '-') => "DASH",
                TokKind::Punct('(' | ')') => "PAR",
                TokKind::Punct(_) => "P",
                TokKind::Word => word_class(&t.lower, t.cap),
            },
            _ => "EDGE",
        };
        hash_str(class)
    }

    /// The lexicon's class and the last two letters of word `k` ("<e>" off the paragraph of
    /// `at`, "<p>" for punctuation): what a verb, a participle or a noun looks like without a
    /// tagger ("and *chided* him", "*leaving* their children").
    fn shape(&self, k: Option<usize>, at: usize) -> u64 {
        let para = self.doc.tok(at).map(|t| t.para);
        match k.and_then(|k| self.doc.tok(k)) {
            Some(t) if Some(t.para) == para && t.kind == TokKind::Word => {
                hash_str(lexicon_class(&t.lower)) ^ hash_str(suffix(&t.lower, 2)).rotate_left(7)
            }
            Some(t) if Some(t.para) == para => hash_str("<p>"),
            _ => hash_str("<e>"),
        }
    }

    /// What lies between tokens `a` and `b` (either order, ends excluded): commas, sentence ends,
    /// quotation marks, cue tokens, as a small code; and how many words (0, 1, 2, 3+).
    fn between(&self, a: usize, b: usize) -> (u64, u64) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (mut code, mut words) = (0u64, 0u64);
        for k in lo + 1..hi {
            let Some(t) = self.doc.tok(k) else { break };
            code |= match t.kind {
                TokKind::Punct(',') => 1,
                TokKind::Punct('.' | '!' | '?') => 2,
                TokKind::QuoteMark => 4,
                TokKind::Punct(';' | ':' | '—' | '–') => 8,
                _ => 0,
            };
            if self.cue.is_some_and(|(ca, cb)| (ca..=cb).contains(&k)) {
                code |= 16;
            }
            words += u64::from(t.kind == TokKind::Word);
        }
        (code, words.min(3))
    }

    fn in_quote(&self, k: usize) -> u64 {
        u64::from(self.doc.tok(k).is_some_and(|t| t.quote.is_some())) + 1
    }

    /// Where a candidate word stands against the cue: 0 no cue, 1 before it, 2 inside, 3 after;
    /// and the words between the two (0–3+).
    fn against_cue(&self, k: usize) -> (u64, u64) {
        match self.cue {
            None => (0, 0),
            Some((a, _)) if k < a => (1, self.between(k, a).1),
            Some((_, b)) if k > b => (3, self.between(b, k).1),
            Some(_) => (2, 0),
        }
    }

    /// The token next to `k` (`side` −1 before, +1 after) is punctuation or a quotation mark:
    /// a content shrinks by more than two words only to such a break ("As the Post observed,
    /// *Republicans …*"), never to a word inside a clause ("told MPs care was needed to ensure
    /// *that* …").
    fn after_break(&self, k: usize, side: isize) -> bool {
        k.checked_add_signed(side)
            .and_then(|n| self.doc.tok(n))
            .is_some_and(|t| matches!(t.kind, TokKind::Punct(_) | TokKind::QuoteMark))
    }

    /// The cue's first and last token when the rules' content runs across it ("A, according
    /// to X, B"; "“A,” she said, “B.”"): the annotation merges the two parts into one content,
    /// so neither edge may move to the cue's other side.
    fn spanned_cue(&self) -> Option<(usize, usize)> {
        self.cue.filter(|&(a, b)| self.rs < a && b < self.re)
    }

    /// Candidate first words with their features.
    fn starts(&self, lo: usize, hi: usize) -> Vec<(usize, Vec<u32>)> {
        let para = self.doc.tok(self.rs).map(|t| t.para);
        let from = self.rs.saturating_sub(START_WINDOW).max(lo);
        let to = (self.rs + START_WINDOW).min(self.re).min(hi);
        let to = self
            .spanned_cue()
            .map_or(to, |(a, _)| to.min(a.saturating_sub(1)));
        (from..=to)
            .filter(|&k| is_edge_word(self.doc, k) && self.doc.tok(k).map(|t| t.para) == para)
            .filter(|&k| k <= self.rs + 2 || self.after_break(k, -1))
            .map(|k| (k, self.start_features(k)))
            .collect()
    }

    /// Candidate last words with their features.
    fn ends(&self, lo: usize, hi: usize) -> Vec<(usize, Vec<u32>)> {
        let para = self.doc.tok(self.re).map(|t| t.para);
        let from = self.re.saturating_sub(END_BACK).max(self.rs).max(lo);
        let from = self.spanned_cue().map_or(from, |(_, b)| from.max(b + 1));
        let to = (self.re + END_AHEAD).min(hi);
        (from..=to)
            .filter(|&k| is_edge_word(self.doc, k) && self.doc.tok(k).map(|t| t.para) == para)
            .filter(|&k| k + 2 >= self.re || self.after_break(k, 1))
            .map(|k| (k, self.end_features(k)))
            .collect()
    }

    fn start_features(&self, k: usize) -> Vec<u32> {
        let at = |d: isize| k.checked_add_signed(d);
        let (w0, w1, w2, wn) = (
            self.w(Some(k), k),
            self.w(at(-1), k),
            self.w(at(-2), k),
            self.w(at(1), k),
        );
        let (c0, c1, c2) = (self.c(Some(k), k), self.c(at(-1), k), self.c(at(-2), k));
        let d = k as i64 - self.rs as i64;
        let off = d.clamp(-(START_WINDOW as i64), START_WINDOW as i64) as u64;
        let sign = (d.signum() + 1) as u64;
        let (cross, words) = self.between(k, self.rs);
        let (rel, gap) = self.against_cue(k);
        let rule_word = self.w(Some(self.rs), self.rs);
        let rule_prev = self.c(self.rs.checked_sub(1), self.rs);
        let kind = u64::from(self.direct);
        let quoted = (self.in_quote(k), self.in_quote(k.saturating_sub(1)));
        let s0 = self.shape(Some(k), k);
        let parts: [&[u64]; 30] = [
            &[self.head, w1],
            &[s0],
            &[w1, s0],
            &[c1, s0],
            &[rel, w1],
            &[kind, quoted.0, quoted.1, c1],
            &[off],
            &[kind, off],
            &[w0],
            &[w1],
            &[w1, w0],
            &[w2, w1],
            &[c1],
            &[c1, c0],
            &[c2, c1],
            &[wn],
            &[rel, gap],
            &[rel, gap, c1],
            &[rel, w0],
            &[self.head, w0],
            &[self.head, sign],
            &[self.head, rel, gap],
            &[quoted.0, quoted.1, sign],
            &[sign, cross, words],
            &[sign, cross, c1],
            &[rule_word, off],
            &[rule_word, w0],
            &[rule_prev, sign],
            &[w1, sign],
            &[c0, sign],
        ];
        hashed(parts, 0)
    }

    fn end_features(&self, k: usize) -> Vec<u32> {
        let at = |d: isize| k.checked_add_signed(d);
        let (w0, n1, n2, p1) = (
            self.w(Some(k), k),
            self.w(at(1), k),
            self.w(at(2), k),
            self.w(at(-1), k),
        );
        let (c0, cn1, cn2, cn3) = (
            self.c(Some(k), k),
            self.c(at(1), k),
            self.c(at(2), k),
            self.c(at(3), k),
        );
        let d = k as i64 - self.re as i64;
        let off = d.clamp(-(END_BACK as i64), END_AHEAD as i64) as u64;
        let sign = (d.signum() + 1) as u64;
        let (cross, words) = self.between(k, self.re);
        let (rel, gap) = self.against_cue(k);
        let rule_next = self.c(Some(self.re + 1), self.re);
        let rule_word = self.w(Some(self.re), self.re);
        let kind = u64::from(self.direct);
        let quoted = (self.in_quote(k), self.in_quote(k + 1));
        let (s0, sn2) = (self.shape(Some(k), k), self.shape(at(2), k));
        let parts: [&[u64]; 30] = [
            &[n1, sn2],
            &[cn1, sn2],
            &[self.head, n1],
            &[s0, n1],
            &[kind, quoted.0, quoted.1, cn1],
            &[rel, n1],
            &[off],
            &[kind, off],
            &[w0],
            &[n1],
            &[n1, n2],
            &[w0, n1],
            &[cn1],
            &[cn1, cn2],
            &[cn1, cn2, cn3],
            &[cn1, n2],
            &[c0, cn1],
            &[p1, w0],
            &[rel, gap],
            &[rel, gap, cn1],
            &[self.head, sign],
            &[self.head, rel, gap],
            &[quoted.0, quoted.1, sign],
            &[sign, cross, words],
            &[sign, cross, cn1],
            &[rule_word, off],
            &[rule_next, sign],
            &[rule_next, cross, sign],
            &[kind, cn1, cn2],
            &[n1, sign],
        ];
        hashed(parts, 100)
    }
}

/// The buckets of feature templates `base + i` over their hashed parts.
fn hashed<const N: usize>(parts: [&[u64]; N], base: usize) -> Vec<u32> {
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| bucket(base + i, p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_weights_has_none() {
        let m = BoundaryModel::parse("# header\nnot a weight\n12 0.5\n");
        assert_eq!(m.len(), 1);
        assert!((m.score(&[12, 13]) - 0.5).abs() < 1e-6);
    }
}
