//! Named-entity recogniser: a greedy left-to-right averaged perceptron over BILOU tags.
//!
//! Why this model: a linear tagger with rich features (word forms, shapes, affixes, word clusters
//! learnt from unlabelled news and clusters of pretrained word vectors, gazetteers, document-level history) is the published fast path to
//! CoNLL F1 in the high 80s, and tags hundreds of thousands of words per second on one core.
//! The four CoNLL types are refined at output: nationalities and groups (MISC or untagged
//! demonyms) become NORP, and locations found in the place gazetteer become GPE.

pub mod features;
pub mod gazetteer;
mod hearer_glue;
pub mod model_file;
mod names;
#[cfg(feature = "train")]
pub mod train;
mod word_rows;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use newsgraph_model::Entity;
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;

use features::{
    is_headline, normalize, split_tag, tagging_order, transition_bias_feature, DocCase, History,
    Resources, TAG_COUNT, TAG_O, TYPES,
};
use gazetteer::{Gazetteer, CONTINENT, DEMONYM, GPE, ORG, REGION};
use word_rows::{history_types, WordCache};

/// The committed gazetteer (derived from GeoNames and countryinfo).
pub const GAZETTEER_TSV: &str = include_str!("../../data/gazetteer.tsv");
/// The committed model weights (flate2-compressed, see [`model_file`]).
static MODEL_BYTES: &[u8] = include_bytes!("../../data/ner-model.bin.gz");

/// Errors loading a model.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// The file is not a newsgraph NER model, or it is damaged (the message says where).
    #[error("model file: {0}")]
    Format(String),
    /// The file could not be read.
    #[error("model file: {0}")]
    Io(#[from] std::io::Error),
}

/// A mention found by the tagger: token range in its sentence, label, confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token of the mention, an index into the sentence's tokens.
    pub start: usize,
    /// One past the last token of the mention.
    pub end: usize,
    /// PER, ORG, LOC, MISC, GPE / NORP where the gazetteer refines a LOC, ORG or MISC, or
    /// EVENT / LAW for a named event or law found by its form (`names`).
    pub label: &'static str,
    /// Mean over the mention's tokens of the tag's softmax confidence, in `[0, 1]`.
    pub confidence: f32,
}

/// The named-entity recogniser.
pub struct NerModel {
    pub(crate) index: FxHashMap<u64, u32>,
    /// Row-major: one row of TAG_COUNT weights per feature.
    pub(crate) weights: Vec<f32>,
    /// Not changed after the model is built: the per-thread word cache keeps rows found from
    /// the index and the clusters under [`NerModel::cache_key`].
    pub(crate) resources: Resources,
    /// Free-form training notes (data, seed, epochs, dev F1).
    pub meta: String,
    /// Names this model's index and clusters for the per-thread word cache ([`word_rows`]);
    /// a new one ([`next_cache_key`]) whenever either changes.
    pub(crate) cache_key: u64,
}

/// A key no model had before.
pub(crate) fn next_cache_key() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

static EMBEDDED: Lazy<NerModel> = Lazy::new(|| {
    let gazetteer = Gazetteer::parse(GAZETTEER_TSV);
    match model_file::read(MODEL_BYTES, gazetteer) {
        Ok(m) => m,
        // An unreadable embedded model is a build defect; tag nothing rather than crash.
        Err(_) => NerModel::empty(Gazetteer::parse(GAZETTEER_TSV)),
    }
});

/// Temperature turning perceptron scores into softmax confidences.
const CONFIDENCE_SCALE: f32 = 0.15;

impl NerModel {
    /// The model embedded in the binary (loaded once, on first use).
    pub fn embedded() -> &'static NerModel {
        &EMBEDDED
    }

    /// A model with no weights (tags only gazetteer demonyms).
    pub fn empty(gazetteer: Gazetteer) -> NerModel {
        NerModel {
            index: FxHashMap::default(),
            weights: Vec::new(),
            resources: Resources {
                gazetteer,
                clusters: Default::default(),
            },
            meta: String::new(),
            cache_key: next_cache_key(),
        }
    }

    /// Reads a model file written by [`NerModel::to_bytes`], with the committed gazetteer.
    pub fn from_bytes(gz: &[u8]) -> Result<NerModel, NerError> {
        model_file::read(gz, Gazetteer::parse(GAZETTEER_TSV))
    }

    /// The model file bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, NerError> {
        model_file::write(self)
    }

    /// The word clusters the model's features use.
    pub fn clusters(&self) -> &features::Clusters {
        &self.resources.clusters
    }

    /// Number of weighted features.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// Entity mentions in `text` (byte offsets into `text`), one document.
    pub fn tag(&self, text: &str) -> Vec<Entity> {
        let tokens = crate::tokenize(text);
        let sentences = crate::split_sentences_with_tokens(text, &tokens);
        // Group token texts by sentence.
        let mut groups: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
        let mut k = 0;
        for s in &sentences {
            while k < tokens.len() && tokens[k].span.start < s.start {
                k += 1;
            }
            let first = k;
            while k < tokens.len() && tokens[k].span.end <= s.end {
                k += 1;
            }
            if k > first {
                groups.push((first, k));
            }
        }
        let sentence_tokens: Vec<Vec<&str>> = groups
            .iter()
            .map(|&(a, b)| tokens[a..b].iter().map(|t| t.text(text)).collect())
            .collect();
        let mentions = self.tag_document(&sentence_tokens);
        let mut out = Vec::new();
        for (&(first, _), sent) in groups.iter().zip(mentions) {
            for m in sent {
                let (Some(a), Some(b)) =
                    (tokens.get(first + m.start), tokens.get(first + m.end - 1))
                else {
                    continue;
                };
                let end = without_possessive(text, a.span.start, b.span.end);
                out.push(Entity {
                    start: a.span.start,
                    end,
                    text: text.get(a.span.start..end).unwrap_or("").to_string(),
                    label: m.label.to_string(),
                    entity: None,
                    confidence: m.confidence.clamp(0.0, 1.0),
                });
            }
        }
        out
    }

    /// Mentions per sentence of a document given as tokens, with the output labels
    /// (PER, ORG, LOC, GPE, MISC, NORP).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Mention>> {
        let mut doc_case = DocCase::default();
        for s in sentences {
            doc_case.add_sentence(s);
        }
        let weights = Weights {
            index: &self.index,
            weights: &self.weights,
        };
        // Scores of the previous tag alone, the same for every token.
        let prev_bias: Vec<[f32; TAG_COUNT]> = (0..TAG_COUNT as u8)
            .map(|prev| {
                let mut scores = [0f32; TAG_COUNT];
                weights.add(&[transition_bias_feature(prev)], &mut scores);
                scores
            })
            .collect();
        word_rows::with_cache(self.cache_key, &weights, |cache| {
            let mut doc = DocumentState {
                cache,
                weights: &weights,
                doc_case: &doc_case,
                prev_bias: &prev_bias,
                history: History::default(),
                rows: Vec::with_capacity(96),
            };
            let mut tagged: Vec<Vec<Mention>> = vec![Vec::new(); sentences.len()];
            for i in tagging_order(sentences.iter().map(|s| is_headline(s))) {
                if let (Some(s), Some(slot)) = (sentences.get(i), tagged.get_mut(i)) {
                    *slot = self.tag_sentence(s, &mut doc);
                }
            }
            names::people_by_full_name(sentences, &mut tagged);
            tagged
        })
    }

    /// Mentions of one sentence of a document; records its tags in the document's history.
    fn tag_sentence(&self, tokens: &[&str], doc: &mut DocumentState<'_, '_>) -> Vec<Mention> {
        let normalized: Vec<Cow<'_, str>> = tokens.iter().map(|t| normalize(t)).collect();
        let refs: Vec<&str> = normalized.iter().map(|c| c.as_ref()).collect();
        let matches = self.resources.gazetteer.matches(&refs);
        let (weights, cache) = (doc.weights, &mut *doc.cache);
        let words = cache.sentence(
            tokens,
            &matches,
            is_headline(tokens),
            &self.resources,
            weights,
        );
        let types = history_types(cache, &words, &doc.history);
        let unary = cache.unary_scores(&words, doc.doc_case, &types, weights, &mut doc.rows);
        // The same sums in the same order as `transition_features` gives them.
        let (tags, confidences) = viterbi(&unary, |i, prev, scores| {
            if let Some(bias) = doc.prev_bias.get(prev as usize) {
                for (s, b) in scores.iter_mut().zip(bias) {
                    *s += b;
                }
            }
            cache.add_transition_words(&words, i, prev, weights, scores);
        });
        let mut all_caps = Vec::with_capacity(tokens.len());
        for (&id, &tag) in words.ids.iter().zip(&tags) {
            let word = cache.entry(id);
            doc.history.remember(word.capitalised, &word.lower, tag);
            all_caps.push(word.all_caps);
        }
        let tagged = TaggedSentence {
            tokens,
            normalized: &refs,
            matches: &matches,
            all_caps: &all_caps,
        };
        self.mentions(&tagged, &tags, &confidences)
    }

    /// Chunks of a tagged sentence with output labels, plus demonyms the tagger left untagged.
    fn mentions(&self, sentence: &TaggedSentence<'_>, tags: &[u8], conf: &[f32]) -> Vec<Mention> {
        let tokens = sentence.tokens;
        let gaz = &self.resources.gazetteer;
        let mut out = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            let Some((ty, pos)) = split_tag(tags[i]) else {
                i += 1;
                continue;
            };
            let start = i;
            let mut end = i + 1;
            if pos == 0 || pos == 1 {
                while end < tags.len() {
                    match split_tag(tags[end]) {
                        Some((t2, p2)) if t2 == ty && (p2 == 1 || p2 == 2) => {
                            end += 1;
                            if p2 == 2 {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
            }
            let confidence = conf[start..end].iter().sum::<f32>() / (end - start) as f32;
            let words = sentence.normalized.get(start..end).unwrap_or_default();
            let bits = gaz.lookup(words.iter().copied());
            let label = match TYPES[ty] {
                // Names the gazetteer lists as nationalities or groups ("Central Asians").
                "ORG" | "LOC" | "MISC" if bits & DEMONYM != 0 => "NORP",
                // Countries, states and cities, unless the name is also a region ("Khorasan").
                "LOC" if bits & GPE != 0 && bits & (REGION | CONTINENT) == 0 => "GPE",
                // A place name after a preposition is the place, not a team named after it.
                "ORG"
                    if bits & GPE != 0
                        && bits & gazetteer::ORG == 0
                        && after_place_preposition(tokens, start) =>
                {
                    "GPE"
                }
                other => other,
            };
            out.push(Mention {
                start,
                end,
                label,
                confidence,
            });
            i = end;
        }
        let matches = sentence.matches;
        let mut i = 0;
        while i < tokens.len() {
            // Well-known organisations ("Islamic State", "ISIS-K") override what the tagger found
            // inside them; capitalised demonyms the tagger missed ("Tajiks") are added.
            let org = longest_match(matches, i, ORG);
            let demonym = longest_match(matches, i, DEMONYM);
            let Some((len, label)) = org.map(|l| (l, "ORG")).or(demonym.map(|l| (l, "NORP")))
            else {
                i += 1;
                continue;
            };
            let end = i + len;
            let overlapping: Vec<usize> = (0..out.len())
                .filter(|&k| out[k].start < end && i < out[k].end)
                .collect();
            let inside = overlapping
                .iter()
                .all(|&k| out[k].start >= i && out[k].end <= end);
            if !sentence.all_caps.get(i).copied().unwrap_or(false) || label == "ORG" {
                if overlapping.is_empty() {
                    out.push(Mention {
                        start: i,
                        end,
                        label,
                        confidence: 0.7,
                    });
                } else if label == "ORG" && inside {
                    let confidence = overlapping
                        .iter()
                        .map(|&k| out[k].confidence)
                        .fold(0.7, f32::max);
                    for &k in overlapping.iter().rev() {
                        out.remove(k);
                    }
                    out.push(Mention {
                        start: i,
                        end,
                        label,
                        confidence,
                    });
                }
            }
            i = end;
        }
        // Named events and laws ("Second World War", "Human Rights Act"); sorts `out`.
        names::apply(sentence.normalized, &mut out);
        hearer_glue::split(tokens, matches, &mut out);
        credited_people(tokens, &mut out);
        out
    }
}

/// What the sentences of a document being tagged share.
struct DocumentState<'a, 'c> {
    cache: &'c mut WordCache,
    weights: &'a Weights<'a>,
    doc_case: &'a DocCase,
    /// Scores of each previous tag alone.
    prev_bias: &'a [[f32; TAG_COUNT]],
    history: History,
    /// The rows of one token's features (reused).
    rows: Vec<u32>,
}

/// A sentence with what its tagging found, for reading mentions off its tags.
struct TaggedSentence<'a> {
    tokens: &'a [&'a str],
    /// The tokens normalised ([`features::normalize`]).
    normalized: &'a [&'a str],
    /// Gazetteer matches over `normalized`.
    matches: &'a [Vec<(u8, u8)>],
    /// Whether each token is in capitals.
    all_caps: &'a [bool],
}

/// The end of a mention without a possessive "'s" the tokenizer left on its last word
/// ("BBC Radio 4's" is "BBC Radio 4"). An "'s" written apart is a token of its own that the
/// tagger took into the name ("Lord 's", the cricket ground, "McDonald 's" in CoNLL-2003's
/// tokens), and stays.
fn without_possessive(text: &str, start: usize, end: usize) -> usize {
    let Some(mention) = text.get(start..end) else {
        return end;
    };
    for clitic in ["'s", "’s"] {
        if let Some(stem) = mention.strip_suffix(clitic) {
            if !stem.is_empty() && !stem.ends_with(char::is_whitespace) {
                return start + stem.len();
            }
        }
    }
    end
}

/// In a credit line ("Additional reporting by Zhifan Liu in Paris; editing by Pravin Char") the
/// names after "by", "and" or a comma are people with a role, whatever the tagger made of an
/// unfamiliar name; the places after "in" keep their labels.
fn credited_people(tokens: &[&str], mentions: &mut [Mention]) {
    let is_credit_cue = |k: usize| {
        tokens
            .get(k + 1)
            .is_some_and(|t| t.eq_ignore_ascii_case("by"))
            && tokens.get(k).is_some_and(|t| {
                ["reporting", "editing", "writing"]
                    .iter()
                    .any(|cue| t.eq_ignore_ascii_case(cue))
            })
    };
    // The line starts with a cue, after "Additional" at most.
    if !(is_credit_cue(0) || is_credit_cue(1)) {
        return;
    }
    for m in mentions.iter_mut() {
        let before = m.start.checked_sub(1).and_then(|k| tokens.get(k));
        if before.is_some_and(|t| matches!(*t, "by" | "and" | "," | "&")) {
            m.label = "PER";
        }
    }
}

fn after_place_preposition(tokens: &[&str], start: usize) -> bool {
    start > 0
        && tokens.get(start - 1).is_some_and(|p| {
            matches!(
                *p,
                "in" | "of"
                    | "from"
                    | "to"
                    | "near"
                    | "across"
                    | "outside"
                    | "into"
                    | "via"
                    | "throughout"
            )
        })
}

/// Length of the longest gazetteer name with a category in `mask` starting at token `i`.
fn longest_match(matches: &[Vec<(u8, u8)>], i: usize, mask: u8) -> Option<usize> {
    let here = matches.get(i)?;
    let mut best = None;
    if here.iter().any(|(b, p)| b & mask != 0 && *p == 0) {
        best = Some(1);
    }
    if here.iter().any(|(b, p)| b & mask != 0 && *p == 1) {
        // The phrase ends at the first following token marked last (3) for this category.
        let mut j = i + 1;
        while let Some(m) = matches.get(j) {
            if m.iter().any(|(b, p)| b & mask != 0 && *p == 3) {
                best = Some(j - i + 1);
            }
            if !m.iter().any(|(b, p)| b & mask != 0 && (*p == 2 || *p == 3)) {
                break;
            }
            j += 1;
        }
    }
    best
}

/// No row: the feature has no weights.
const NO_ROW: u32 = u32::MAX;

/// The row of one previous-tag feature for each previous tag ([`NO_ROW`] where it has none).
type PrevRows = [u32; TAG_COUNT];

/// Feature weights: a row of TAG_COUNT weights per feature.
pub(crate) struct Weights<'a> {
    pub index: &'a FxHashMap<u64, u32>,
    pub weights: &'a [f32],
}

impl Weights<'_> {
    /// The row of one feature ([`NO_ROW`] where it has no weights).
    #[inline]
    pub(crate) fn row(&self, feature: u64) -> u32 {
        self.index.get(&feature).copied().unwrap_or(NO_ROW)
    }

    /// The rows of `feature(prev)` for every previous tag.
    pub(crate) fn prev_rows(&self, feature: impl Fn(u8) -> u64) -> PrevRows {
        let mut rows = [NO_ROW; TAG_COUNT];
        for (prev, row) in rows.iter_mut().enumerate() {
            *row = self
                .index
                .get(&feature(prev as u8))
                .copied()
                .unwrap_or(NO_ROW);
        }
        rows
    }

    /// Adds one row's weights ([`Weights::add`] for a feature already looked up).
    #[inline]
    pub(crate) fn add_row(&self, row: u32, scores: &mut [f32; TAG_COUNT]) {
        if row == NO_ROW {
            return;
        }
        let base = row as usize * TAG_COUNT;
        let row: Option<&[f32; TAG_COUNT]> = self
            .weights
            .get(base..base + TAG_COUNT)
            .and_then(|w| w.try_into().ok());
        if let Some(w) = row {
            add_lanes(scores, w);
        }
    }

    /// Adds the rows of `feats`, in their order. The rows are looked up first and added after,
    /// so that the independent lookups of a batch overlap in memory.
    pub(crate) fn add(&self, feats: &[u64], scores: &mut [f32; TAG_COUNT]) {
        let mut rows = [NO_ROW; 64];
        for batch in feats.chunks(rows.len()) {
            let mut n = 0;
            for f in batch {
                if let Some(&row) = self.index.get(f) {
                    rows[n] = row;
                    n += 1;
                }
            }
            for &row in &rows[..n] {
                self.add_row(row, scores);
            }
        }
    }
}

/// `scores += w`, lane by lane; written over fixed-size arrays so that it compiles to vector adds
/// (each lane's sum is the same as one scalar add).
#[inline(always)]
fn add_lanes(scores: &mut [f32; TAG_COUNT], w: &[f32; TAG_COUNT]) {
    let (head, tail) = scores.split_at_mut(TAG_COUNT / 4 * 4);
    for (s, x) in head.chunks_exact_mut(4).zip(w.chunks_exact(4)) {
        let sum = [s[0] + x[0], s[1] + x[1], s[2] + x[2], s[3] + x[3]];
        s.copy_from_slice(&sum);
    }
    for (s, x) in tail.iter_mut().zip(&w[TAG_COUNT / 4 * 4..]) {
        *s += x;
    }
}

/// Best BILOU sequence under first-order transitions. `transition(i, prev, scores)` adds the
/// scores of token `i`'s tags given the previous tag. Returns tags and per-token confidences
/// (softmax over the tags allowed after the chosen previous tag).
pub(crate) fn viterbi(
    unary: &[[f32; TAG_COUNT]],
    mut transition: impl FnMut(usize, u8, &mut [f32; TAG_COUNT]),
) -> (Vec<u8>, Vec<f32>) {
    let n = unary.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let table = &*ALLOWED;
    let mut delta = vec![[f32::NEG_INFINITY; TAG_COUNT]; n];
    let mut back = vec![[0u8; TAG_COUNT]; n];
    for i in 0..n {
        let allowed_here = &table[usize::from(i + 1 == n)];
        for prev in 0..TAG_COUNT as u8 {
            let base = if i == 0 {
                if prev != TAG_O {
                    continue;
                }
                0.0
            } else {
                delta[i - 1][prev as usize]
            };
            if base == f32::NEG_INFINITY {
                continue;
            }
            let mut scores = unary[i];
            transition(i, prev, &mut scores);
            let ok = &allowed_here[prev as usize];
            for tag in 0..TAG_COUNT {
                if !ok[tag] {
                    continue;
                }
                let total = base + scores[tag];
                if total > delta[i][tag] {
                    delta[i][tag] = total;
                    back[i][tag] = prev;
                }
            }
        }
    }
    let mut best = TAG_O;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &d) in delta[n - 1].iter().enumerate() {
        if d > best_score {
            best_score = d;
            best = t as u8;
        }
    }
    let mut tags = vec![TAG_O; n];
    let mut cur = best;
    for i in (0..n).rev() {
        tags[i] = cur;
        cur = back[i][cur as usize];
    }
    // Confidence: softmax over the tags allowed after the chosen previous tag.
    let mut conf = Vec::with_capacity(n);
    for i in 0..n {
        let prev = if i == 0 { TAG_O } else { tags[i - 1] };
        let mut scores = unary[i];
        transition(i, prev, &mut scores);
        let chosen = scores[tags[i] as usize];
        let ok = &table[usize::from(i + 1 == n)][prev as usize];
        let mut z = 0f32;
        for (t, &sc) in scores.iter().enumerate() {
            if ok[t] {
                z += ((sc - chosen) * CONFIDENCE_SCALE).exp();
            }
        }
        conf.push(if z > 0.0 && z.is_finite() {
            (1.0 / z).min(1.0)
        } else {
            0.5
        });
    }
    (tags, conf)
}

/// `ALLOWED[last][prev][tag]`: the BILOU constraints as a table.
static ALLOWED: Lazy<[[[bool; TAG_COUNT]; TAG_COUNT]; 2]> = Lazy::new(|| {
    let mut t = [[[false; TAG_COUNT]; TAG_COUNT]; 2];
    for (last, table) in t.iter_mut().enumerate() {
        for (prev, row) in table.iter_mut().enumerate() {
            for (tag, cell) in row.iter_mut().enumerate() {
                *cell = allowed(prev as u8, tag as u8, last == 1);
            }
        }
    }
    t
});

/// Whether `tag` may follow `prev` in BILOU (and may end a sentence when `last`).
pub(crate) fn allowed(prev: u8, tag: u8, last: bool) -> bool {
    let open = |t: u8| matches!(split_tag(t), Some((_, 0)) | Some((_, 1)));
    match (split_tag(prev), split_tag(tag)) {
        (Some((pt, pp)), cur) if pp == 0 || pp == 1 => {
            matches!(cur, Some((t, p)) if t == pt && (p == 1 || p == 2)) && !(last && open(tag))
        }
        (_, Some((_, p))) => (p == 0 && !last) || p == 3,
        (_, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::features::tag_of;
    use super::*;

    #[test]
    fn bilou_constraints() {
        let b_per = tag_of(0, 0);
        let i_per = tag_of(0, 1);
        let l_per = tag_of(0, 2);
        let u_org = tag_of(1, 3);
        assert!(allowed(TAG_O, b_per, false));
        assert!(!allowed(TAG_O, b_per, true));
        assert!(!allowed(TAG_O, i_per, false));
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(b_per, TAG_O, false));
        assert!(!allowed(b_per, i_per, true));
        assert!(allowed(l_per, u_org, false));
        // Viterbi prefers a valid U-ORG over an I-PER that cannot start.
        let mut unary = vec![[0f32; TAG_COUNT]; 2];
        unary[0][i_per as usize] = 5.0;
        unary[0][u_org as usize] = 1.0;
        let (tags, conf) = viterbi(&unary, |_, _, _| {});
        assert_eq!(tags[0], u_org);
        assert!(conf.iter().all(|p| *p > 0.0 && *p <= 1.0));
        // B-PER then L-PER beats two single tokens when the pair scores higher.
        let mut unary = vec![[0f32; TAG_COUNT]; 2];
        unary[0][b_per as usize] = 2.0;
        unary[1][l_per as usize] = 2.0;
        unary[0][u_org as usize] = 3.0;
        let (tags, _) = viterbi(&unary, |_, _, _| {});
        assert_eq!(tags, vec![b_per, l_per]);
    }

    #[test]
    fn names_in_credit_lines_are_people() {
        let tokens = [
            "Additional",
            "reporting",
            "by",
            "Zhifan",
            "Liu",
            "in",
            "Paris",
            ";",
            "editing",
            "by",
            "Pravin",
            "Char",
            ".",
        ];
        let mention = |start, end, label| Mention {
            start,
            end,
            label,
            confidence: 0.9,
        };
        let mut found = vec![
            mention(3, 5, "ORG"),
            mention(6, 7, "GPE"),
            mention(10, 12, "MISC"),
        ];
        credited_people(&tokens, &mut found);
        let labels: Vec<&str> = found.iter().map(|m| m.label).collect();
        assert_eq!(labels, ["PER", "GPE", "PER"]);
        // Not a credit line: "by" alone changes nothing.
        let tokens = ["It", "was", "bought", "by", "Google", "."];
        let mut found = vec![mention(4, 5, "ORG")];
        credited_people(&tokens, &mut found);
        assert_eq!(found[0].label, "ORG");
    }

    #[test]
    fn possessives_are_cut_from_mentions() {
        assert_eq!(without_possessive("Radio 4's show", 0, 9), 7);
        assert_eq!(without_possessive("Radio 4’s show", 0, 11), 7);
        assert_eq!(without_possessive("'s", 0, 2), 2);
        assert_eq!(without_possessive("Blair", 0, 5), 5);
        assert_eq!(without_possessive("Lord 's ground", 0, 7), 7);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let m = NerModel::embedded();
        for text in [
            "",
            " ",
            "\n\n",
            "“",
            "Tajiks",
            "a\u{0301}\u{200b} é. É.\n\"",
            "...",
        ] {
            let ents = m.tag(text);
            for e in ents {
                assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                assert!((0.0..=1.0).contains(&e.confidence));
            }
        }
    }
}
