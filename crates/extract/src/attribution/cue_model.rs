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

use std::cell::OnceCell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use newsgraph_model::Span;
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};

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
    /// The buckets that carry a weight (a few tens of thousands of the 2^20): a map stays small
    /// in the cache where a dense array would take 4 MB.
    weights: FxHashMap<u32, f32>,
    bias: f32,
    threshold: f32,
    /// The words the model scores: those annotated as a cue often enough in training. Any other
    /// word is no cue for the model (and costs one look-up).
    vocabulary: FxHashSet<String>,
}

impl CueModel {
    /// Parses the model file: `#` comments, `bias <f32>`, `threshold <f32>`, `word <word>` for
    /// each word of the vocabulary, then one `<bucket> <weight>` per line. Lines that do not parse are skipped; a file without
    /// weights gives a model that accepts nothing.
    pub fn parse(tsv: &str) -> CueModel {
        let mut model = CueModel {
            weights: FxHashMap::default(),
            bias: 0.0,
            threshold: f32::INFINITY,
            vocabulary: FxHashSet::default(),
        };
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut it = line.split_whitespace();
            let (Some(key), Some(value)) = (it.next(), it.next()) else {
                continue;
            };
            if key == "word" {
                model.vocabulary.insert(value.to_string());
                continue;
            }
            let Ok(value) = value.parse::<f32>() else {
                continue;
            };
            match key {
                "bias" => model.bias = value,
                "threshold" => model.threshold = value,
                _ => {
                    if let Some(k) = key.parse::<u32>().ok().filter(|&k| u64::from(k) <= MASK) {
                        model.weights.insert(k, value);
                    }
                }
            }
        }
        model
    }

    /// How many buckets carry a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when no bucket carries a weight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn score(&self, features: &[u32]) -> f32 {
        self.bias
            + features
                .iter()
                .map(|f| self.weights.get(f).copied().unwrap_or(0.0))
                .sum::<f32>()
    }
}

/// The embedded model's weights (for tests and reports).
pub fn embedded_model() -> &'static CueModel {
    &MODEL
}

/// How many features [`SentenceFeatures::features`] gives each token.
const N_FEATURES: usize = 30;

/// How far before and after a token the features look for a reporting verb.
const CUE_WINDOW: usize = 30;

/// One sentence as the model's features see it: running counts of reporting verbs and quoted
/// tokens, so that each token's features cost the same whatever the sentence length.
pub(super) struct SentenceFeatures {
    sentence: TokenRange,
    /// `reporting[k]`: reporting verbs among the sentence's first `k` tokens.
    reporting: Vec<u32>,
    /// `quoted[k]`: tokens inside quotation marks among the first `k`.
    quoted: Vec<u32>,
    /// Each token's hashed word as a neighbour ([`neighbour`]) and class ([`class`]), computed
    /// when a scored token first looks at it.
    tokens: Vec<OnceCell<(u64, &'static str)>>,
}

impl SentenceFeatures {
    pub(super) fn new(doc: &Doc, sentence: TokenRange) -> Self {
        let n = sentence.len();
        let (mut reporting, mut quoted) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        let (mut r, mut q) = (0u32, 0u32);
        reporting.push(0);
        quoted.push(0);
        for k in sentence.start..sentence.end {
            r += u32::from(lexicon::is_reporting_verb(doc.lower(k)));
            q += u32::from(doc.tok(k).is_some_and(|t| t.quote.is_some()));
            reporting.push(r);
            quoted.push(q);
        }
        Self {
            sentence,
            reporting,
            quoted,
            tokens: vec![OnceCell::new(); n],
        }
    }

    /// Count of `counts` over document tokens `a..b` (clamped to the sentence).
    fn count(&self, counts: &[u32], a: usize, b: usize) -> u32 {
        let at = |k: usize| {
            let k = k.clamp(self.sentence.start, self.sentence.end) - self.sentence.start;
            counts.get(k).copied().unwrap_or(0)
        };
        at(b).saturating_sub(at(a))
    }

    /// Whether the process's model takes token `i` for a cue (call [`may_be_cue`] first).
    pub(super) fn says_cue(&self, doc: &Doc, i: usize) -> bool {
        let model = model();
        model.score(&self.features(doc, i)) > model.threshold
    }
}

/// Whether token `i` is a word the process's model scores at all: a candidate in its
/// vocabulary, and no belief or document verb ("thinks", "shows"), which opens an attribution only
/// before "that" — the rules decide those ("He thinks the world of her" is none).
pub(super) fn may_be_cue(doc: &Doc, i: usize) -> bool {
    let lower = doc.lower(i);
    is_candidate(doc, i)
        && !lexicon::is_that_clause_cue(lower)
        && model().vocabulary.contains(lower)
}

/// A candidate token for training: its text and its feature buckets.
#[derive(Debug, Clone)]
pub struct CueCandidate {
    /// Byte span of the token in the text.
    pub span: Span,
    /// The word, lower case.
    pub word: String,
    /// The hashed feature buckets of the token in its context.
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
        let context = SentenceFeatures::new(&doc, sentence);
        for i in sentence.start..sentence.end {
            let Some(t) = doc.tok(i) else { break };
            if t.quote.is_some() || !is_candidate(&doc, i) {
                continue;
            }
            out.push(CueCandidate {
                span: Span::new(t.start, t.end),
                word: t.lower.clone(),
                features: context.features(&doc, i).to_vec(),
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

/// FNV-1a of a string: the hash of one feature part.
pub(super) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The bucket of feature template `template` (its index) with the hashed `parts`.
pub(super) fn bucket(template: usize, parts: &[u64]) -> u32 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 29;
    // The result fits FEATURE_BITS bits.
    (h & MASK) as u32
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

pub(super) fn word_class(lower: &str, cap: bool) -> &'static str {
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
pub(super) fn lexicon_class(lower: &str) -> &'static str {
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
pub(super) fn suffix(s: &str, n: usize) -> &str {
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

impl SentenceFeatures {
    /// The feature buckets of token `i` of the sentence.
    fn features(&self, doc: &Doc, i: usize) -> [u32; N_FEATURES] {
        token_features(doc, self, i)
    }
}

impl SentenceFeatures {
    /// The hashed word and the class of token `k` (`None` outside the sentence).
    fn token(&self, doc: &Doc, k: Option<usize>) -> Option<(u64, &'static str)> {
        let k = k.filter(|&k| k >= self.sentence.start)?;
        let cell = self.tokens.get(k - self.sentence.start)?;
        let sentence = self.sentence;
        Some(*cell.get_or_init(|| {
            (
                hash_str(neighbour(doc, sentence, Some(k))),
                class(doc, sentence, Some(k)),
            )
        }))
    }

    /// The hashed word of token `k` as a neighbour ("<s>" outside the sentence).
    fn word_at(&self, doc: &Doc, k: Option<usize>) -> u64 {
        self.token(doc, k)
            .map(|t| t.0)
            .unwrap_or_else(|| hash_str("<s>"))
    }

    /// The class of token `k` ("EDGE" outside the sentence).
    fn class_at(&self, doc: &Doc, k: Option<usize>) -> &'static str {
        self.token(doc, k).map(|t| t.1).unwrap_or("EDGE")
    }
}

fn token_features(doc: &Doc, ctx: &SentenceFeatures, i: usize) -> [u32; N_FEATURES] {
    let sentence = ctx.sentence;
    let lower = doc.lower(i);
    let at = |d: isize| i.checked_add_signed(d);
    let w = ctx.word_at(doc, Some(i));
    let (s2, s3) = (hash_str(suffix(lower, 2)), hash_str(suffix(lower, 3)));
    let (p1, p2, n1, n2) = (
        ctx.word_at(doc, at(-1)),
        ctx.word_at(doc, at(-2)),
        ctx.word_at(doc, at(1)),
        ctx.word_at(doc, at(2)),
    );
    let h = |s: &'static str| hash_str(s);
    let (pc1, pc2, nc1, nc2) = (
        h(ctx.class_at(doc, at(-1))),
        h(ctx.class_at(doc, at(-2))),
        h(ctx.class_at(doc, at(1))),
        h(ctx.class_at(doc, at(2))),
    );
    let lex = h(lexicon_class(lower));
    let pos = h(match i - sentence.start {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    });
    let from = i.saturating_sub(4).max(sentence.start);
    let subject_near = (from..i).any(|k| matches!(ctx.class_at(doc, Some(k)), "PRON" | "CAP"));
    let that_near = (i + 1..(i + 4).min(sentence.end)).any(|k| doc.lower(k) == "that");
    let quote_before = ctx.count(&ctx.quoted, sentence.start, i) > 0;
    let quote_after = ctx.count(&ctx.quoted, i + 1, sentence.end) > 0;
    // A reporting verb near before or after (bounded window): a cue inside another's content is
    // not annotated (PolNeAR is univocal): "…, making them less likely to want to flag risky
    // individuals, he added".
    let cue_before = ctx.count(&ctx.reporting, i.saturating_sub(CUE_WINDOW), i) > 0;
    let cue_after = ctx.count(&ctx.reporting, i + 1, i + 1 + CUE_WINDOW) > 0;
    let yes = |b: bool| u64::from(b) + 1;
    let parts: [&[u64]; N_FEATURES] = [
        &[yes(cue_after), lex],
        &[yes(cue_before), yes(cue_after), s2],
        &[yes(cue_before), lex],
        &[yes(cue_before), w],
        &[w],
        &[s2],
        &[s3],
        &[p1],
        &[p2],
        &[n1],
        &[n2],
        &[pc1],
        &[pc2],
        &[nc1],
        &[nc2],
        &[w, nc1],
        &[pc1, w],
        &[s3, nc1],
        &[pc1, s3],
        &[pc1, s2, nc1],
        &[lex],
        &[lex, nc1],
        &[pc1, lex],
        &[pos],
        &[pos, lex],
        &[yes(subject_near), lex],
        &[yes(that_near), s2],
        &[yes(quote_before), yes(quote_after)],
        &[yes(quote_before), yes(quote_after), lex],
        &[w, n1],
    ];
    let mut out = [0u32; N_FEATURES];
    for (k, (slot, p)) in out.iter_mut().zip(parts).enumerate() {
        *slot = bucket(k, p);
    }
    out
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
