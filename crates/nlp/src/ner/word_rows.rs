//! The weight rows of each distinct word's features, looked up once and kept per thread.
//!
//! Why: most of a token's ~50 features hash one word's own values (its form, shape, affixes and
//! clusters, as the token or as a neighbour), and looking each feature up in the index cost a cache
//! miss a feature: it was most of the tagger's time. A word's rows are found once and kept (per
//! thread, for a bounded number of words), so tagging a token reads the cached rows and looks up
//! only the features of its context (shape pairs, bigrams). The rows are added in exactly the order
//! of [`static_features`](super::features::static_features) then
//! [`history_features`](super::features::history_features), so the scores are bit for bit those
//! of summing the hashed features.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::features::{
    boundary_feature, context_feature, gazetteer_value, normalize, prev_shape_feature,
    prev_word_feature, word_feature_hashes, word_info, word_slot, DocCase, History, Resources,
    CLUSTER_LEVELS, TAG_COUNT,
};
use super::gazetteer::CATEGORY_COUNT;
use super::{PrevRows, Weights, NO_ROW};

/// Words kept per thread. A document starts by forgetting them all when there are more: at this
/// size 95 % of the tokens of BBC News are found cached, and a thread's cache stays under 15 MB
/// (~420 bytes a word).
const MAX_WORDS: usize = 1 << 15;

/// What the tagger needs of one word.
pub(crate) struct WordEntry {
    /// The lower-case form (digits as 0), the key of the document's history and case counts.
    pub lower: Box<str>,
    lower_h: u64,
    shape_h: u64,
    /// The word starts with a capital letter.
    pub capitalised: bool,
    /// Every letter of the word is a capital.
    pub all_caps: bool,
    /// Rows of the word's features, in [`word_slot`] order ([`NO_ROW`] where it has none).
    rows: [u32; word_slot::COUNT],
    /// Rows of the previous-tag features with the word, for every previous tag.
    prev_word_rows: PrevRows,
    /// Rows of the previous-tag features with the word's shape, for every previous tag.
    prev_shape_rows: PrevRows,
}

/// Rows of the features that do not hash a word: the bias, sentence boundaries, gazetteer
/// matches, document case and history, by value.
struct ContextRows {
    bias: u32,
    /// Indexed by [`word_slot`] (only the neighbour slots are filled).
    boundary: [u32; word_slot::SHAPE_NEXT + 1],
    gazetteer: [u32; 4 * CATEGORY_COUNT + 1],
    gazetteer_prev: [u32; 256],
    gazetteer_next: [u32; 256],
    /// `[code - 1][headline]`.
    doc_case: [[u32; 2]; 3],
    history: [u32; 5],
    history_prev: [u32; 5],
    history_next: [u32; 5],
}

impl ContextRows {
    fn new(weights: &Weights<'_>) -> Self {
        use context_feature as f;
        let row = |h: u64| weights.row(h);
        ContextRows {
            bias: row(f::bias()),
            boundary: std::array::from_fn(|slot| {
                if slot >= word_slot::LOWER_AT {
                    row(boundary_feature(slot))
                } else {
                    NO_ROW
                }
            }),
            gazetteer: std::array::from_fn(|v| row(f::gazetteer(v as u64))),
            gazetteer_prev: std::array::from_fn(|c| row(f::gazetteer_prev(c as u8))),
            gazetteer_next: std::array::from_fn(|c| row(f::gazetteer_next(c as u8))),
            doc_case: std::array::from_fn(|code| {
                [false, true].map(|headline| row(f::doc_case(code as u64 + 1, headline)))
            }),
            history: std::array::from_fn(|ty| row(f::history(ty as u64))),
            history_prev: std::array::from_fn(|ty| row(f::history_prev(ty as u64))),
            history_next: std::array::from_fn(|ty| row(f::history_next(ty as u64))),
        }
    }
}

/// The cached words of one model.
pub(crate) struct WordCache {
    /// The [`NerModel::cache_key`](super::NerModel) the rows were found in.
    model_key: u64,
    /// Token text (as the tokenizer gives it) to its entry.
    ids: FxHashMap<Box<str>, u32>,
    entries: Vec<WordEntry>,
    context: ContextRows,
}

thread_local! {
    static CACHE: RefCell<Option<WordCache>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's cache for the model `model_key` (emptied first when it belonged
/// to another model or holds more than [`MAX_WORDS`] words).
pub(crate) fn with_cache<R>(
    model_key: u64,
    weights: &Weights<'_>,
    f: impl FnOnce(&mut WordCache) -> R,
) -> R {
    let fresh = || WordCache {
        model_key,
        ids: FxHashMap::default(),
        entries: Vec::new(),
        context: ContextRows::new(weights),
    };
    CACHE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => {
            let cache = match slot.take() {
                Some(c) if c.model_key == model_key && c.entries.len() <= MAX_WORDS => c,
                _ => fresh(),
            };
            let cache = slot.insert(cache);
            f(cache)
        }
        // Tagging from inside tagging on one thread: a cache of its own.
        Err(_) => f(&mut fresh()),
    })
}

/// One sentence's tokens as cache entries, with the gazetteer matches over them.
pub(crate) struct SentenceWords<'a> {
    /// The entry of each token.
    pub ids: Vec<u32>,
    /// The gazetteer matches of each token ([`Gazetteer::matches`](super::gazetteer::Gazetteer::matches)).
    pub matches: &'a [Vec<(u8, u8)>],
    /// Union of the categories of each token's matches.
    gazetteer_categories: Vec<u8>,
    /// Whether most of the sentence's words are in capitals.
    pub headline: bool,
}

impl WordCache {
    /// The entry id of `token` (as the tokenizer gives it), found first if it is new.
    pub(crate) fn id(&mut self, token: &str, res: &Resources, weights: &Weights<'_>) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.entries.len() as u32;
        self.entries.push(entry(token, res, weights));
        self.ids.insert(token.into(), id);
        id
    }

    /// The entry of `id` (from [`WordCache::id`]).
    pub(crate) fn entry(&self, id: u32) -> &WordEntry {
        &self.entries[id as usize]
    }

    /// A sentence's tokens as entries.
    pub(crate) fn sentence<'a>(
        &mut self,
        tokens: &[&str],
        matches: &'a [Vec<(u8, u8)>],
        headline: bool,
        res: &Resources,
        weights: &Weights<'_>,
    ) -> SentenceWords<'a> {
        let ids = tokens.iter().map(|t| self.id(t, res, weights)).collect();
        let gazetteer_categories = matches
            .iter()
            .map(|m| m.iter().fold(0, |cats, &(bits, _)| cats | bits))
            .collect();
        SentenceWords {
            ids,
            matches,
            gazetteer_categories,
            headline,
        }
    }

    /// The scores of each token's static and history features (`rows`: reused scratch space).
    pub(crate) fn unary_scores(
        &self,
        s: &SentenceWords<'_>,
        doc: &DocCase,
        types: &[u64],
        weights: &Weights<'_>,
        rows: &mut Vec<u32>,
    ) -> Vec<[f32; TAG_COUNT]> {
        (0..s.ids.len())
            .map(|i| {
                rows.clear();
                self.token_rows(s, i, doc, types, weights, rows);
                let mut scores = [0f32; TAG_COUNT];
                for &row in rows.iter() {
                    weights.add_row(row, &mut scores);
                }
                scores
            })
            .collect()
    }

    /// Adds the scores of the previous tag `prev` with token `i`'s word and with its shape
    /// ([`transition_word_features`](super::features::transition_word_features), in its order).
    #[inline]
    pub(crate) fn add_transition_words(
        &self,
        s: &SentenceWords<'_>,
        i: usize,
        prev: u8,
        weights: &Weights<'_>,
        scores: &mut [f32; TAG_COUNT],
    ) {
        if let Some(&id) = s.ids.get(i) {
            let word = self.entry(id);
            let p = prev as usize;
            weights.add_row(
                word.prev_word_rows.get(p).copied().unwrap_or(NO_ROW),
                scores,
            );
            weights.add_row(
                word.prev_shape_rows.get(p).copied().unwrap_or(NO_ROW),
                scores,
            );
        }
    }

    /// The rows of token `i`'s static and history features, in the order
    /// [`static_features`](super::features::static_features) and
    /// [`history_features`](super::features::history_features) list the features.
    pub(crate) fn token_rows(
        &self,
        s: &SentenceWords<'_>,
        i: usize,
        doc: &DocCase,
        types: &[u64],
        weights: &Weights<'_>,
        rows: &mut Vec<u32>,
    ) {
        use context_feature as f;
        use word_slot::*;
        let at = |k: isize| -> Option<&WordEntry> {
            let j = usize::try_from(i as isize + k).ok()?;
            s.ids.get(j).map(|&id| self.entry(id))
        };
        let Some(t) = at(0) else { return };
        let (prev, next) = (at(-1), at(1));
        let c = &self.context;
        let neighbour = |x: Option<&WordEntry>, slot: usize| {
            x.map_or(c.boundary[slot], |x: &WordEntry| x.rows[slot])
        };
        rows.extend([c.bias, t.rows[FORM], t.rows[LOWER]]);
        for (n, k) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            rows.push(neighbour(at(k), LOWER_AT + n));
        }
        rows.extend([neighbour(prev, FORM_PREV), neighbour(next, FORM_NEXT)]);
        rows.extend([
            t.rows[SHAPE],
            neighbour(prev, SHAPE_PREV),
            neighbour(next, SHAPE_NEXT),
        ]);
        let shape_prev = prev.map_or(f::OUTSIDE, |x| x.shape_h);
        let shape_next = next.map_or(f::OUTSIDE, |x| x.shape_h);
        rows.push(weights.row(f::shape_pair_left(shape_prev, t.shape_h)));
        rows.push(weights.row(f::shape_pair_right(t.shape_h, shape_next)));
        rows.extend_from_slice(&t.rows[AFFIX..AFFIX + 8]);
        let lower_prev = prev.map_or(f::OUTSIDE, |x| x.lower_h);
        let lower_next = next.map_or(f::OUTSIDE, |x| x.lower_h);
        rows.push(weights.row(f::bigram_left(lower_prev, t.lower_h)));
        rows.push(weights.row(f::bigram_right(t.lower_h, lower_next)));
        for (position, x) in [Some(t), prev, next].into_iter().enumerate() {
            if let Some(x) = x {
                let first = CLUSTER + position * CLUSTER_LEVELS;
                rows.extend_from_slice(&x.rows[first..first + CLUSTER_LEVELS]);
            }
        }
        self.gazetteer_rows(s, i, weights, rows);
        if s.headline {
            rows.push(t.rows[HEADLINE_SHAPE]);
        }
        if i == 0 {
            rows.push(t.rows[FIRST_SHAPE]);
        }
        if t.capitalised && (s.headline || i == 0 || t.all_caps) {
            let code = doc.code(&t.lower);
            let row = (code as usize)
                .checked_sub(1)
                .and_then(|k| c.doc_case.get(k));
            let row = row.map(|r| r[s.headline as usize]);
            rows.push(row.unwrap_or_else(|| weights.row(f::doc_case(code, s.headline))));
        }
        rows.push(t.rows[LEN]);
        if t.capitalised && doc.topic != 0 {
            let cats = s.gazetteer_categories.get(i).copied().unwrap_or(0);
            rows.push(weights.row(f::topic(doc.topic)));
            rows.push(weights.row(f::topic_gazetteer(doc.topic, cats)));
        }
        history_rows(c, t, i, types, rows);
    }

    /// Rows of the gazetteer features of token `i`: its matches, then its neighbours' categories.
    fn gazetteer_rows(
        &self,
        s: &SentenceWords<'_>,
        i: usize,
        weights: &Weights<'_>,
        rows: &mut Vec<u32>,
    ) {
        let c = &self.context;
        for &(bits, pos) in s.matches.get(i).map_or(&[][..], |m| m.as_slice()) {
            for b in (0..CATEGORY_COUNT).filter(|b| bits & (1 << b) != 0) {
                let value = gazetteer_value(b, pos);
                let row = c.gazetteer.get(value as usize).copied();
                rows.push(row.unwrap_or_else(|| weights.row(context_feature::gazetteer(value))));
            }
        }
        let cats = |j: Option<usize>| j.and_then(|j| s.gazetteer_categories.get(j)).copied();
        if let Some(prev) = cats(i.checked_sub(1)).filter(|&c| c != 0) {
            rows.push(c.gazetteer_prev[prev as usize]);
        }
        if let Some(next) = cats(Some(i + 1)).filter(|&c| c != 0) {
            rows.push(c.gazetteer_next[next as usize]);
        }
    }
}

/// Rows of the history features of token `i` (`types`: the type given earlier to each token of
/// the sentence, [`History::type_of`]).
fn history_rows(c: &ContextRows, t: &WordEntry, i: usize, types: &[u64], rows: &mut Vec<u32>) {
    let ty = |j: usize| types.get(j).copied().unwrap_or(0) as usize;
    let own = ty(i);
    rows.push(c.history.get(own).copied().unwrap_or(NO_ROW));
    if own != 0 {
        rows.push(t.rows[word_slot::HISTORY_SHAPE + own - 1]);
    }
    if i > 0 {
        rows.push(c.history_prev.get(ty(i - 1)).copied().unwrap_or(NO_ROW));
    }
    if i + 1 < types.len() {
        rows.push(c.history_next.get(ty(i + 1)).copied().unwrap_or(NO_ROW));
    }
}

/// The type given earlier to each token of a sentence.
pub(crate) fn history_types(
    cache: &WordCache,
    s: &SentenceWords<'_>,
    history: &History,
) -> Vec<u64> {
    s.ids
        .iter()
        .map(|&id| {
            let e = cache.entry(id);
            history.type_of(e.capitalised, &e.lower)
        })
        .collect()
}

/// Finds the rows of a new word.
fn entry(token: &str, res: &Resources, weights: &Weights<'_>) -> WordEntry {
    let normalized = normalize(token);
    let info = word_info(&normalized, &res.clusters);
    let hashes = word_feature_hashes(&info);
    let (lower_h, shape_h) = info.transition_keys();
    WordEntry {
        rows: hashes.map(|h| h.map_or(NO_ROW, |h| weights.row(h))),
        prev_word_rows: weights.prev_rows(|p| prev_word_feature(p, lower_h)),
        prev_shape_rows: weights.prev_rows(|p| prev_shape_feature(p, shape_h)),
        lower: info.lower.into_boxed_str(),
        lower_h,
        shape_h,
        capitalised: info.capitalised,
        all_caps: info.all_caps,
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::{
        history_features, is_headline, static_features, token_infos, transition_word_features,
    };
    use super::super::{viterbi, NerModel};
    use super::*;

    /// Sentences with headlines, sentence starts, capitals, digits, curly quotes, gazetteer names
    /// and names repeated (so the history features fire).
    const TEXT: &str = "BRUSSELS SUMMIT ENDS IN ROW OVER 2024 BUDGET\n\n\
        Prime Minister Jane Doe met the French president in Paris on Tuesday, aides said.\n\
        “We will not accept it,” Doe told the BBC’s Today programme.\n\
        The Liberal Democrats and the Conservative Party voted against the bill in 1997.\n\
        Doe later flew to New York, where the United Nations and NATO officials were waiting.\n\
        Central Asians from Tajikistan — about 3,000 of them — protested outside the UN.";

    fn shared_politics() -> Vec<String> {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/news/bbc/politics");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        paths
            .iter()
            .take(40)
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    fn sentences(text: &str) -> Vec<Vec<&str>> {
        let tokens = crate::tokenize(text);
        crate::split_sentences_with_tokens(text, &tokens)
            .iter()
            .map(|s| {
                tokens
                    .iter()
                    .filter(|t| t.span.start >= s.start && t.span.end <= s.end)
                    .map(|t| t.text(text))
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The cached rows give bit for bit the scores of summing the hashed features.
    #[test]
    fn cached_rows_score_as_the_hashed_features() {
        let model = NerModel::embedded();
        let weights = Weights {
            index: &model.index,
            weights: &model.weights,
        };
        let mut texts = vec![TEXT.to_string()];
        texts.extend(shared_politics());
        let mut compared = 0;
        for text in &texts {
            let sents = sentences(text);
            let mut doc_case = DocCase::default();
            for s in &sents {
                doc_case.add_sentence(s);
            }
            let mut history = History::default();
            with_cache(model.cache_key, &weights, |cache| {
                for s in &sents {
                    let infos = token_infos(s, &model.resources);
                    let headline = is_headline(s);
                    let reference: Vec<[f32; TAG_COUNT]> = (0..s.len())
                        .map(|i| {
                            let mut feats = Vec::new();
                            static_features(&infos, i, headline, &doc_case, &mut feats);
                            history_features(&infos, i, &history, &mut feats);
                            let mut scores = [0f32; TAG_COUNT];
                            weights.add(&feats, &mut scores);
                            scores
                        })
                        .collect();
                    let normalized: Vec<_> = s.iter().map(|t| normalize(t)).collect();
                    let refs: Vec<&str> = normalized.iter().map(|c| c.as_ref()).collect();
                    let matches = model.resources.gazetteer.matches(&refs);
                    let words = cache.sentence(s, &matches, headline, &model.resources, &weights);
                    for (info, &id) in infos.iter().zip(&words.ids) {
                        let e = cache.entry(id);
                        assert_eq!(*e.lower, info.lower);
                        assert_eq!(
                            (e.capitalised, e.all_caps),
                            (info.capitalised, info.all_caps)
                        );
                    }
                    let types = history_types(cache, &words, &history);
                    let mut rows = Vec::new();
                    let fast = cache.unary_scores(&words, &doc_case, &types, &weights, &mut rows);
                    let bits = |v: &[[f32; TAG_COUNT]]| -> Vec<Vec<u32>> {
                        v.iter()
                            .map(|r| r.iter().map(|x| x.to_bits()).collect())
                            .collect()
                    };
                    assert_eq!(bits(&fast), bits(&reference), "{s:?}");
                    for (i, unary) in reference.iter().enumerate() {
                        for prev in 0..TAG_COUNT as u8 {
                            let mut feats = Vec::new();
                            transition_word_features(&infos, i, prev, &mut feats);
                            let (mut a, mut b) = (*unary, *unary);
                            weights.add(&feats, &mut a);
                            cache.add_transition_words(&words, i, prev, &weights, &mut b);
                            assert_eq!(a.map(f32::to_bits), b.map(f32::to_bits));
                        }
                    }
                    let (tags, _) = viterbi(&reference, |_, _, _| {});
                    history.record(&infos, &tags);
                    compared += s.len();
                }
            });
        }
        assert!(compared > 50);
    }
}
