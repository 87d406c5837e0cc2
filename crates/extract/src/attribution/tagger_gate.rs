//! The tagger's second stage: which of its contents become attributions.
//!
//! The sequence tagger (see `tagger.rs`) proposes contents the rules missed; about half of them
//! are attributions in PolNeAR's annotation, and fewer still come with the right speaker. A hand
//! filter (three tokens, a verb, off quotations, a source in the cue's sentence) kept the safest
//! few. This gate replaces it with a logistic regression over what is known of each candidate:
//! its length and shape, the tagger's confidence, its cue word and class, whether a source was
//! tagged and resolved and where, the words around it and what the rules found in its sentence.
//!
//! The weights are learned from the tagger's *held-out* candidates: `newsgraph train attribution
//! --gate` (crate `newsgraph-eval`) reads candidates the trainer logged ([`log_gate_candidates`])
//! while a tagger fitted on nine tenths of PolNeAR train tagged the tenth it never saw, labelled
//! against the gold (a candidate is good when it overlaps a gold content and its speaker is
//! right), so the gate learns how the tagger errs on unseen text, not on its own training data.
//! Embedded from `data/attribution-gate.tsv`: feature buckets and weights, no text.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use newsgraph_model::Span;
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;

use super::cue_model::{bucket, hash_str, lexicon_class, word_class};
use super::doc::{Doc, TokKind};
use super::range::TokenRange;
use super::speaker::SpeakerRef;

const MODEL_TSV: &str = include_str!("../../data/attribution-gate.tsv");

/// The embedded gate, parsed on first use.
static MODEL: Lazy<GateModel> = Lazy::new(|| GateModel::parse(MODEL_TSV));

/// A gate loaded in place of the embedded one (an evaluation switch, set once).
static OVERRIDE: OnceLock<GateModel> = OnceLock::new();

/// Whether the gate decides (an evaluation switch; off: the hand filter decides).
static ENABLED: AtomicBool = AtomicBool::new(true);

thread_local! {
    /// The candidates seen on this thread since logging was switched on (for the trainer).
    static LOG: RefCell<Option<Vec<GateCandidate>>> = const { RefCell::new(None) };
}

/// Loads a gate file in place of the embedded one; false when one was loaded before.
pub fn use_gate_model(tsv: &str) -> bool {
    OVERRIDE.set(GateModel::parse(tsv)).is_ok()
}

/// Whether the gate (on) or the hand filter `tagger::DEFAULT_FILTER` (off) chooses the tagger's
/// contents.
pub fn set_gate_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// The gate in use, when it is switched on and has weights.
pub(super) fn active_gate() -> Option<&'static GateModel> {
    let gate = OVERRIDE.get().unwrap_or(&MODEL);
    (ENABLED.load(Ordering::Relaxed) && !gate.is_empty()).then_some(gate)
}

/// Starts (or stops) logging every candidate the tagger proposes on this thread, with its
/// features: the trainer's view of the gate's input.
pub fn log_gate_candidates(on: bool) {
    LOG.with(|log| *log.borrow_mut() = on.then(Vec::new));
}

/// The candidates logged on this thread since the last call (logging stays on).
pub fn take_gate_candidates() -> Vec<GateCandidate> {
    LOG.with(|log| log.borrow_mut().as_mut().map(std::mem::take))
        .unwrap_or_default()
}

/// Whether candidates are being logged on this thread.
pub(super) fn logging() -> bool {
    LOG.with(|log| log.borrow().is_some())
}

/// Records a candidate when logging is on.
pub(super) fn record(candidate: impl FnOnce() -> GateCandidate) {
    LOG.with(|log| {
        if let Some(log) = log.borrow_mut().as_mut() {
            log.push(candidate());
        }
    });
}

/// A logged candidate: where it is, who would speak it, and the gate's features.
#[derive(Debug, Clone)]
pub struct GateCandidate {
    /// Byte span of the content in the article text.
    pub content: Span,
    /// Byte span of the speaker's mention, when one was resolved.
    pub speaker: Option<Span>,
    /// The speaker's name (or mention text); empty when none.
    pub speaker_name: String,
    /// The feature buckets.
    pub features: Vec<u32>,
    /// Whether the hand filter would keep it.
    pub hand_filter: bool,
}

/// A logistic regression over hashed candidate features, with the probability it must reach.
#[derive(Debug, Clone, Default)]
pub struct GateModel {
    weights: FxHashMap<u32, f32>,
    bias: f32,
    threshold: f32,
}

impl GateModel {
    /// Reads a gate file: `# ` comment lines, `bias W`, `threshold P` and `BUCKET W` lines.
    /// Malformed lines are skipped; a file without weights keeps nothing.
    pub fn parse(tsv: &str) -> GateModel {
        let mut m = GateModel {
            threshold: 0.5,
            ..Default::default()
        };
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split_whitespace();
            let (Some(key), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let Ok(value) = value.parse::<f32>() else {
                continue;
            };
            match key {
                "bias" => m.bias = value,
                "threshold" => m.threshold = value,
                _ => {
                    if let Ok(k) = key.parse::<u32>() {
                        m.weights.insert(k, value);
                    }
                }
            }
        }
        m
    }

    /// A gate from dense weights (`weights[bucket]`), keeping those of at least `prune` in
    /// magnitude.
    pub fn from_dense(weights: &[f32], bias: f32, threshold: f32, prune: f32) -> Self {
        let weights = weights
            .iter()
            .enumerate()
            .filter(|(_, w)| w.abs() >= prune && **w != 0.0)
            .map(|(k, &w)| (k as u32, w))
            .collect();
        GateModel {
            weights,
            bias,
            threshold,
        }
    }

    /// The gate file (see [`GateModel::parse`]), buckets in order, after a `header`.
    pub fn to_file(&self, header: &[String]) -> String {
        let mut out: String = header.iter().map(|h| format!("# {h}\n")).collect();
        out.push_str(&format!(
            "bias {:.4}\nthreshold {:.3}\n",
            self.bias, self.threshold
        ));
        let mut keys: Vec<&u32> = self.weights.keys().collect();
        keys.sort_unstable();
        for k in keys {
            out.push_str(&format!("{k} {:.4}\n", self.weights[k]));
        }
        out
    }

    /// Whether the gate has any weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The probability that a candidate with these features is a right attribution.
    pub fn probability(&self, features: &[u32]) -> f32 {
        let z: f32 = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Whether a candidate with these features passes.
    pub fn keeps(&self, features: &[u32]) -> bool {
        self.probability(features) >= self.threshold
    }
}

/// What the tagger and the resolver know of one tagged content, for the gate and the filter.
pub(super) struct Candidate {
    /// The tokens as tagged.
    pub tagged: TokenRange,
    /// The tokens the attribution would have (the end moved on to the clause's end).
    pub tokens: TokenRange,
    /// The paragraph's tokens.
    pub paragraph: TokenRange,
    /// The nearest tagged cue.
    pub cue: Option<TokenRange>,
    /// The nearest tagged source to the cue (or to the content without one).
    pub source: Option<TokenRange>,
    /// No sentence ends between the source and the cue.
    pub source_in_sentence: bool,
    /// The tagged content ends where its clause does.
    pub clause_ended: bool,
    /// The source resolved to a speaker.
    pub speaker: Option<SpeakerRef>,
    /// Where the speaker came from (see `tagger::candidate_speaker`).
    pub speaker_origin: u8,
    /// The content holds an auxiliary, a finite verb of the lexicon or an "-ed" word.
    pub has_verb: bool,
    /// The content holds a quotation mark.
    pub has_quote_mark: bool,
    /// The content holds a quoted word.
    pub has_quoted_word: bool,
    /// The content overlaps a scare quote of the rules.
    pub over_scare_quote: bool,
    /// Mean over the content's tokens of the tagger's score for its tag over "O".
    pub margin: f32,
}

/// Length classes: 1, 2, 3–4, 5–7, 8–12, 13–20, more.
fn length_class(n: usize) -> u64 {
    match n {
        0..=2 => n as u64,
        3..=4 => 3,
        5..=7 => 4,
        8..=12 => 5,
        13..=20 => 6,
        _ => 7,
    }
}

/// The gate's feature buckets for a candidate; `roles` are the rules' token roles.
pub(super) fn gate_features(doc: &Doc, roles: &[u8], c: &Candidate) -> Vec<u32> {
    let lower = |k: Option<usize>| k.map_or(hash_str("<edge>"), |k| hash_str(doc.lower(k)));
    let class = |k: Option<usize>| {
        let name = k.and_then(|k| doc.tok(k)).map_or("EDGE", |t| match t.kind {
            TokKind::QuoteMark => "Q",
            TokKind::Punct(',') => ",",
            TokKind::Punct('.' | '!' | '?') => ".",
            TokKind::Punct(_) => "P",
            TokKind::Poss => "POSS",
            TokKind::Word => word_class(&t.lower, t.cap),
        });
        hash_str(name)
    };
    let inside = |k: usize| k >= c.paragraph.start && k < c.paragraph.end;
    let before = c.tokens.start.checked_sub(1).filter(|&k| inside(k));
    let after = Some(c.tokens.end).filter(|&k| inside(k));
    let len = length_class(c.tokens.len());
    let margin = (c.margin / 2.0).floor().clamp(-3.0, 8.0) as i64 as u64;
    let moved = u64::from(c.tokens.end != c.tagged.end);
    let (has_source, has_speaker) = (
        u64::from(c.source.is_some()),
        u64::from(c.speaker.is_some()),
    );
    let mut f = vec![
        bucket(200, &[len]),
        bucket(201, &[moved, u64::from(c.has_verb)]),
        bucket(
            202,
            &[u64::from(c.has_quote_mark), u64::from(c.has_quoted_word)],
        ),
        bucket(203, &[u64::from(c.over_scare_quote)]),
        bucket(204, &[margin]),
        bucket(205, &[margin, len]),
        bucket(206, &[lower(Some(c.tokens.start))]),
        bucket(207, &[lower(before)]),
        bucket(208, &[class(before), class(Some(c.tokens.start))]),
        bucket(209, &[class(after)]),
        bucket(
            210,
            &[has_source, u64::from(c.source_in_sentence), has_speaker],
        ),
        bucket(211, &[(c.tokens.start - c.paragraph.start).min(3) as u64]),
        bucket(
            212,
            &[sentence_has_rule_finding(doc, roles, c.tokens.start)],
        ),
    ];
    if let Some(s) = &c.speaker {
        f.push(bucket(213, &[s.kind as u64, u64::from(c.speaker_origin)]));
    }
    f.push(bucket(220, &[u64::from(c.speaker_origin)]));
    if let Some(s) = c.source {
        f.push(bucket(214, &[class(Some(s.start)), class(Some(s.end - 1))]));
    }
    match c.cue {
        None => f.push(bucket(215, &[has_speaker])),
        Some(cue) => {
            // The cue's head: its first word ("said", "according", "told").
            let head = (cue.start..cue.end)
                .find(|&k| doc.tok(k).is_some_and(|t| t.kind == TokKind::Word))
                .unwrap_or(cue.start);
            let word = doc.lower(head);
            let side = u64::from(cue.start >= c.tokens.end);
            let gap = if side == 1 {
                cue.start - c.tokens.end
            } else {
                c.tokens.start.saturating_sub(cue.end)
            };
            f.push(bucket(216, &[hash_str(word)]));
            f.push(bucket(217, &[hash_str(lexicon_class(word)), side]));
            f.push(bucket(218, &[side, gap.min(4) as u64]));
            f.push(bucket(219, &[hash_str(word), has_speaker]));
        }
    }
    f
}

/// 1 when a rule finding claims a token of the sentence holding token `k`.
fn sentence_has_rule_finding(doc: &Doc, roles: &[u8], k: usize) -> u64 {
    let sentence = doc
        .sentence_index(k)
        .and_then(|i| doc.sentences.get(i))
        .map_or(0..0, |&(start, end)| start..end);
    u64::from(
        roles
            .get(sentence)
            .is_some_and(|r| r.iter().any(|&role| role != 0)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_files_round_trip() {
        let m = GateModel::from_dense(&[0.0, 1.5, -0.25, 0.001], -0.5, 0.45, 0.01);
        let back = GateModel::parse(&m.to_file(&["made by a test".to_string()]));
        assert_eq!(back.weights.len(), 2);
        assert!((back.bias + 0.5).abs() < 1e-6);
        assert!((back.threshold - 0.45).abs() < 1e-6);
        assert!(back.keeps(&[1]));
        assert!(!back.keeps(&[2]));
        assert!(!back.keeps(&[]));
    }

    #[test]
    fn the_embedded_gate_parses() {
        assert!(!MODEL.is_empty());
        assert!(MODEL.threshold > 0.0 && MODEL.threshold < 1.0);
    }

    #[test]
    fn an_empty_gate_is_empty() {
        assert!(GateModel::parse("# nothing\nbias 1\n").is_empty());
    }

    #[test]
    fn the_log_collects_only_while_on() {
        let candidate = || GateCandidate {
            content: Span::new(0, 1),
            speaker: None,
            speaker_name: String::new(),
            features: vec![1],
            hand_filter: false,
        };
        record(candidate);
        assert!(take_gate_candidates().is_empty());
        log_gate_candidates(true);
        record(candidate);
        assert_eq!(take_gate_candidates().len(), 1);
        assert!(take_gate_candidates().is_empty());
        log_gate_candidates(false);
    }
}
