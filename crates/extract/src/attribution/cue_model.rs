//! A learned cue detector: logistic regression over hashed features of a token and its context.
//!
//! The lexicons of reporting verbs miss the long tail of cue words ("conceded", "boasted",
//! "predicted", "signalled" …). This model scores each candidate token — a lower-case word of
//! three letters or more outside quotation marks — from its form (word, suffixes), its neighbours
//! (words and classes: pronoun, capitalised, quote mark, "that", "to", punctuation), what the
//! lexicons say about it, and where it stands in its sentence. A token scoring above the model's
//! threshold becomes a verb cue that the rules then parse like any other (speaker, content,
//! speaker resolution).
//!
//! The weights are trained by `newsgraph train attribution --polnear DIR` (crate `newsgraph-eval`)
//! on the PolNeAR train split only and embedded from `data/attribution-cues.tsv`: feature buckets
//! and weights, no text. Features are hashed (FNV-1a) into [`FEATURE_BITS`]-bit buckets; the
//! trainer gets the very same buckets from [`cue_candidates`], so training and inference share one
//! feature function.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use newsgraph_model::Span;
use once_cell::sync::Lazy;

use super::cues::{find_cues_by, CueKind};
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;

/// Buckets of the hashed feature space: `2^FEATURE_BITS`.
pub const FEATURE_BITS: u32 = 20;
const MASK: u64 = (1 << FEATURE_BITS) - 1;

const MODEL_TSV: &str = include_str!("../../data/attribution-cues.tsv");

/// The embedded model, parsed on first use.
static MODEL: Lazy<CueModel> = Lazy::new(|| CueModel::parse(MODEL_TSV));

/// A model loaded in place of the embedded one (an evaluation switch, set once).
static OVERRIDE: OnceLock<CueModel> = OnceLock::new();

/// Uses the model file `tsv` instead of the embedded one for the rest of the process; false when
/// a model was already set.
pub fn use_cue_model(tsv: &str) -> bool {
    OVERRIDE.set(CueModel::parse(tsv)).is_ok()
}

fn model() -> &'static CueModel {
    OVERRIDE.get().unwrap_or(&MODEL)
}

/// Which cue detector decides which words are verb cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueMode {
    /// The lexicons and their rules alone.
    Rules,
    /// The learned model alone (the "according to", phrasal and non-response rules stay).
    Model,
    /// A word is a cue when the rules or the model say so (the default).
    Both,
}

static MODE: AtomicU8 = AtomicU8::new(2);

/// Sets the cue detector for the whole process (an evaluation switch; the product uses
/// [`CueMode::Both`]).
pub fn set_cue_mode(mode: CueMode) {
    let v = match mode {
        CueMode::Rules => 0,
        CueMode::Model => 1,
        CueMode::Both => 2,
    };
    MODE.store(v, Ordering::Relaxed);
}

/// The cue detector in use.
pub fn cue_mode() -> CueMode {
    match MODE.load(Ordering::Relaxed) {
        0 => CueMode::Rules,
        1 => CueMode::Model,
        _ => CueMode::Both,
    }
}

/// Weights of the hashed features, a bias and the decision threshold (on the raw score).
pub struct CueModel {
    weights: Vec<f32>,
    bias: f32,
    threshold: f32,
}

impl CueModel {
    /// Parses the model file: `#` comments, `bias <f32>`, `threshold <f32>`, then one
    /// `<bucket> <weight>` per line. Lines that do not parse are skipped; a file without
    /// weights gives a model that accepts nothing.
    pub fn parse(tsv: &str) -> CueModel {
        let mut model = CueModel {
            weights: vec![0.0; 1 << FEATURE_BITS],
            bias: 0.0,
            threshold: f32::INFINITY,
        };
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut it = line.split_whitespace();
            let (Some(key), Some(value)) = (it.next(), it.next()) else {
                continue;
            };
            let Ok(value) = value.parse::<f32>() else {
                continue;
            };
            match key {
                "bias" => model.bias = value,
                "threshold" => model.threshold = value,
                _ => {
                    if let Some(w) = key
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| model.weights.get_mut(k))
                    {
                        *w = value;
                    }
                }
            }
        }
        model
    }

    /// How many buckets carry a weight.
    pub fn len(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn score(&self, features: &[u32]) -> f32 {
        self.bias
            + features
                .iter()
                .map(|&f| self.weights.get(f as usize).copied().unwrap_or(0.0))
                .sum::<f32>()
    }
}

/// The embedded model's weights (for tests and reports).
pub fn embedded_model() -> &'static CueModel {
    &MODEL
}

/// Whether the embedded model takes token `i` of `sentence` for a cue.
pub(super) fn model_says_cue(doc: &Doc, sentence: TokenRange, i: usize) -> bool {
    if !is_candidate(doc, i) {
        return false;
    }
    let mut features = Vec::with_capacity(40);
    token_features(doc, sentence, i, &mut features);
    let model = model();
    model.score(&features) > model.threshold
}

/// A candidate token for training: its text and its feature buckets.
#[derive(Debug, Clone)]
pub struct CueCandidate {
    pub span: Span,
    pub features: Vec<u32>,
    /// The rules take this token for a verb cue.
    pub rule: bool,
    /// An auxiliary or verb-group filler ("has", "also"): part of an annotated cue phrase, never
    /// its head.
    pub auxiliary: bool,
}

/// Every candidate token of `text` (as the attribution stage tokenises it, with `paragraphs`) and
/// its features: the trainer's view of the article.
pub fn cue_candidates(text: &str, paragraphs: &[Span]) -> Vec<CueCandidate> {
    let doc = Doc::new(text, paragraphs);
    let mut out = Vec::new();
    for sentence in doc.sentence_ranges() {
        let rule_cues: Vec<usize> = find_cues_by(&doc, sentence, CueMode::Rules)
            .iter()
            .filter(|c| c.kind == CueKind::Verb)
            .map(|c| c.tokens.start)
            .collect();
        for i in sentence.start..sentence.end {
            let Some(t) = doc.tok(i) else { break };
            if t.quote.is_some() || !is_candidate(&doc, i) {
                continue;
            }
            let mut features = Vec::with_capacity(40);
            token_features(&doc, sentence, i, &mut features);
            out.push(CueCandidate {
                span: Span::new(t.start, t.end),
                features,
                rule: rule_cues.contains(&i),
                auxiliary: lexicon::is_auxiliary(&t.lower)
                    || lexicon::is_verb_group_filler(&t.lower),
            });
        }
    }
    out
}

/// A lower-case word of three letters or more (cue words are verbs and nouns, never names).
fn is_candidate(doc: &Doc, i: usize) -> bool {
    doc.tok(i).is_some_and(|t| {
        t.is_word()
            && !t.cap
            && t.lower.len() >= 3
            && t.lower.chars().all(|c| c.is_alphabetic() || c == '-')
    })
}

/// FNV-1a over a feature's template name and parts, folded into the bucket space.
fn bucket(template: &str, parts: &[&str]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(template.as_bytes());
    for p in parts {
        eat(&[0xff]);
        eat(p.as_bytes());
    }
    // The fold keeps the high bits in play; the result fits FEATURE_BITS bits.
    ((h ^ (h >> 32)) & MASK) as u32
}

/// The class of token `k` as a neighbour inside `sentence`.
fn class(doc: &Doc, sentence: TokenRange, k: Option<usize>) -> &'static str {
    let Some(k) = k.filter(|&k| k >= sentence.start && k < sentence.end) else {
        return "EDGE";
    };
    let Some(t) = doc.tok(k) else { return "EDGE" };
    match t.kind {
        TokKind::QuoteMark => "Q",
        TokKind::Poss => "POSS",
        TokKind::Punct(',') => ",",
        TokKind::Punct(':') => ":",
        TokKind::Punct('.' | '!' | '?') => ".",
        TokKind::Punct('—' | '–' | '-') => "DASH",
        TokKind::Punct(_) => "P",
        TokKind::Word => word_class(&t.lower, t.cap),
    }
}

fn word_class(lower: &str, cap: bool) -> &'static str {
    if lexicon::is_speaker_pronoun(lower) || matches!(lower, "i" | "we" | "you") {
        "PRON"
    } else if lower == "that" {
        "THAT"
    } else if lower == "to" {
        "TO"
    } else if cap {
        "CAP"
    } else if lexicon::is_auxiliary(lower) {
        "AUX"
    } else if lexicon::is_determiner(lower) {
        "DET"
    } else if lexicon::is_preposition(lower) {
        "PREP"
    } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
        "NUM"
    } else {
        "w"
    }
}

/// What the lexicons say about a word.
fn lexicon_class(lower: &str) -> &'static str {
    if lexicon::is_reporting_verb(lower) {
        "rep"
    } else if lexicon::is_that_clause_cue(lower) {
        "that-cue"
    } else if lexicon::is_object_cue(lower) {
        "obj-cue"
    } else if lexicon::is_auxiliary(lower) {
        "aux"
    } else if lexicon::speaker_noun(lower).is_some() {
        "speaker-noun"
    } else {
        "-"
    }
}

/// The last `n` characters of `s`.
fn suffix(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n - 1)
        .map(|(i, _)| i)
        .unwrap_or(0);
    s.get(cut..).unwrap_or(s)
}

/// The word at `k` inside `sentence`, or a marker at its edges and for non-words.
fn neighbour<'d>(doc: &'d Doc, sentence: TokenRange, k: Option<usize>) -> &'d str {
    match k.filter(|&k| k >= sentence.start && k < sentence.end) {
        Some(k) => match doc.tok(k).map(|t| t.kind) {
            Some(TokKind::QuoteMark) => "<q>",
            _ => doc.lower(k),
        },
        None => "<s>",
    }
}

/// The feature buckets of token `i` of `sentence`, appended to `out`.
fn token_features(doc: &Doc, sentence: TokenRange, i: usize, out: &mut Vec<u32>) {
    let w = doc.lower(i);
    let (s2, s3) = (suffix(w, 2), suffix(w, 3));
    let at = |d: isize| i.checked_add_signed(d);
    let (p1, p2, n1, n2) = (
        neighbour(doc, sentence, at(-1)),
        neighbour(doc, sentence, at(-2)),
        neighbour(doc, sentence, at(1)),
        neighbour(doc, sentence, at(2)),
    );
    let (pc1, pc2, nc1, nc2) = (
        class(doc, sentence, at(-1)),
        class(doc, sentence, at(-2)),
        class(doc, sentence, at(1)),
        class(doc, sentence, at(2)),
    );
    let lex = lexicon_class(w);
    let pos = match i - sentence.start {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    };
    let from = i.saturating_sub(4).max(sentence.start);
    let subject_near = (from..i).any(|k| matches!(class(doc, sentence, Some(k)), "PRON" | "CAP"));
    let that_near = (i + 1..(i + 4).min(sentence.end)).any(|k| doc.lower(k) == "that");
    let quote_before = (sentence.start..i).any(|k| doc.tok(k).is_some_and(|t| t.quote.is_some()));
    let quote_after = (i + 1..sentence.end).any(|k| doc.tok(k).is_some_and(|t| t.quote.is_some()));
    // A reporting verb earlier in the sentence (bounded look-back): a cue inside another's
    // content is not annotated (PolNeAR is univocal).
    let cue_before = (i.saturating_sub(30).max(sentence.start)..i)
        .any(|k| lexicon::is_reporting_verb(doc.lower(k)));
    // … and after it: "…, making them less likely to want to flag risky individuals, he added".
    let cue_after =
        (i + 1..(i + 31).min(sentence.end)).any(|k| lexicon::is_reporting_verb(doc.lower(k)));
    let yes = |b: bool| if b { "y" } else { "n" };
    let plain: [(&str, &[&str]); 30] = [
        ("cue-after", &[yes(cue_after), lex]),
        ("cue-around", &[yes(cue_before), yes(cue_after), s2]),
        ("cue-before", &[yes(cue_before), lex]),
        ("cue-before-w", &[yes(cue_before), w]),
        ("w", &[w]),
        ("s2", &[s2]),
        ("s3", &[s3]),
        ("p1", &[p1]),
        ("p2", &[p2]),
        ("n1", &[n1]),
        ("n2", &[n2]),
        ("pc1", &[pc1]),
        ("pc2", &[pc2]),
        ("nc1", &[nc1]),
        ("nc2", &[nc2]),
        ("w-nc1", &[w, nc1]),
        ("pc1-w", &[pc1, w]),
        ("s3-nc1", &[s3, nc1]),
        ("pc1-s3", &[pc1, s3]),
        ("pc1-s2-nc1", &[pc1, s2, nc1]),
        ("lex", &[lex]),
        ("lex-nc1", &[lex, nc1]),
        ("pc1-lex", &[pc1, lex]),
        ("pos", &[pos]),
        ("pos-lex", &[pos, lex]),
        ("subj", &[yes(subject_near), lex]),
        ("that3", &[yes(that_near), s2]),
        ("quotes", &[yes(quote_before), yes(quote_after)]),
        ("quotes-lex", &[yes(quote_before), yes(quote_after), lex]),
        ("w-n1", &[w, n1]),
    ];
    out.extend(plain.iter().map(|(t, parts)| bucket(t, parts)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_respect_characters() {
        assert_eq!(suffix("said", 2), "id");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(suffix("café", 3), "afé");
    }

    #[test]
    fn a_file_without_weights_accepts_nothing() {
        let m = CueModel::parse("# nothing\nbias 1.0\n");
        assert!(m.is_empty());
        assert!(m.score(&[1, 2, 3]) <= m.threshold);
    }

    #[test]
    fn the_embedded_model_has_weights() {
        assert!(embedded_model().len() > 1000, "{}", embedded_model().len());
    }
}
