//! Averaged-perceptron training (greedy decoding on the model's own predictions, so training sees
//! the same previous-tag and history features as tagging), with the epoch chosen on a dev set.
//!
//! Compiled only with the `train` feature: the product ships the trained model, not the trainer.
//! Reading corpora, scoring and the seeded document order are the caller's (`newsgraph-eval`), so
//! this module holds the learning algorithm alone.

use rustc_hash::FxHashMap;

use super::features::{
    history_features, is_headline, static_features, tag_of, tagging_order, token_infos,
    transition_features, DocCase, History, Resources, TokenInfo, TAG_COUNT, TAG_O, TYPES,
};
use super::{viterbi, NerModel, Weights};

/// A labelled chunk over token indices `[start, end)` of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type (`PER`, `ORG`, `LOC`, `MISC`).
    pub label: String,
}

/// One sentence: its tokens and the chunks over them.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// The labelled chunks.
    pub chunks: Vec<Chunk>,
}

/// A document: sentences that share document-level context.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Independent runs (each its own document orders, its best epoch on dev) whose weights are
    /// averaged: parameter mixing lowers the variance one document order gives.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            min_count: 2,
            runs: 1,
        }
    }
}

/// What the caller supplies to a training run.
pub struct TrainHooks<'a> {
    /// Reorders the document indices before each epoch (a seeded shuffle makes runs reproducible).
    pub shuffle: &'a mut dyn FnMut(&mut [usize]),
    /// Scores a model on the dev set (entity F1); the best epoch is kept. `None`: the last epoch.
    pub dev_f1: Option<&'a mut dyn FnMut(&NerModel) -> f64>,
    /// Receives progress lines.
    pub log: &'a mut dyn FnMut(String),
}

/// BILOU tags of a sentence from its chunks (labels outside the four types count as MISC).
pub fn gold_tags(len: usize, chunks: &[Chunk]) -> Vec<u8> {
    let mut tags = vec![TAG_O; len];
    for c in chunks {
        let ty = TYPES.iter().position(|t| *t == c.label).unwrap_or(3);
        if c.end > len || c.start >= c.end {
            continue;
        }
        if c.end - c.start == 1 {
            tags[c.start] = tag_of(ty, 3);
        } else {
            tags[c.start] = tag_of(ty, 0);
            for t in &mut tags[c.start + 1..c.end - 1] {
                *t = tag_of(ty, 1);
            }
            tags[c.end - 1] = tag_of(ty, 2);
        }
    }
    tags
}

/// A training sentence with its static features hashed (before the feature index exists).
struct HashedSentence {
    infos: Vec<TokenInfo>,
    features: Vec<Vec<u64>>,
    gold: Vec<u8>,
}

/// A training sentence with its static features as rows of the weight matrix.
struct IndexedSentence {
    infos: Vec<TokenInfo>,
    rows: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

/// Trains a model. `hooks.dev_f1` (when given) picks the best epoch.
pub fn train(
    train_docs: &[Document],
    resources: Resources,
    opts: &TrainOptions,
    hooks: TrainHooks<'_>,
) -> NerModel {
    let (index, docs) = prepare(train_docs, &resources, opts.min_count, hooks.log);
    let mut model = NerModel {
        index,
        weights: Vec::new(),
        resources,
        meta: String::new(),
        cache_key: super::next_cache_key(),
    };
    let mut dev_f1 = hooks.dev_f1;
    let runs = opts.runs.max(1);
    let mut mixed: Vec<f32> = Vec::new();
    let mut notes = Vec::new();
    for run in 1..=runs {
        if runs > 1 {
            (hooks.log)(format!("run {run} of {runs}"));
        }
        let (weights, note) = run_epochs(
            &mut model,
            &docs,
            opts.epochs,
            hooks.shuffle,
            &mut dev_f1,
            hooks.log,
        );
        if mixed.is_empty() {
            mixed = weights;
        } else {
            for (m, w) in mixed.iter_mut().zip(&weights) {
                *m += w;
            }
        }
        notes.push(note);
    }
    for m in &mut mixed {
        *m /= runs as f32;
    }
    model.weights = mixed;
    model.meta = notes.join("; ");
    if runs > 1 {
        if let Some(score) = dev_f1.as_mut() {
            let f1 = score(&model);
            (hooks.log)(format!("mean of {runs} runs: dev F1 {f1:.2}"));
            model.meta = format!("mean of {runs} runs ({}), dev F1 {f1:.2}", model.meta);
        }
    }
    prune(&mut model);
    model
}

/// One perceptron trained for `epochs` passes over `docs`; returns the averaged weights of the
/// best epoch on dev (the last without a dev scorer) and a note saying which it was.
fn run_epochs(
    model: &mut NerModel,
    docs: &[Vec<IndexedSentence>],
    epochs: usize,
    shuffle: &mut dyn FnMut(&mut [usize]),
    dev_f1: &mut Option<&mut dyn FnMut(&NerModel) -> f64>,
    log: &mut dyn FnMut(String),
) -> (Vec<f32>, String) {
    let mut perceptron = Perceptron::new(model.index.len());
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(f64, usize, Vec<f32>)> = None;
    for epoch in 1..=epochs {
        shuffle(&mut order);
        let (errors, tokens) = perceptron.epoch(&model.index, docs, &order);
        model.weights = perceptron.averaged();
        let mut line = format!(
            "epoch {epoch}: train token errors {:.2}%",
            100.0 * errors as f64 / tokens.max(1) as f64
        );
        if let Some(score) = dev_f1.as_mut() {
            let f1 = score(model);
            line.push_str(&format!(", dev F1 {f1:.2}"));
            if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
                best = Some((f1, epoch, model.weights.clone()));
            }
        }
        log(line);
    }
    match best {
        Some((f1, epoch, w)) => (w, format!("best epoch {epoch} of {epochs}, dev F1 {f1:.2}")),
        None => (
            std::mem::take(&mut model.weights),
            format!("{epochs} epochs"),
        ),
    }
}

/// Hashes every token's features in gold context, keeps those seen `min_count` times, and turns
/// the training set into weight-matrix rows.
fn prepare(
    train_docs: &[Document],
    resources: &Resources,
    min_count: u32,
    log: &mut dyn FnMut(String),
) -> (FxHashMap<u64, u32>, Vec<Vec<IndexedSentence>>) {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let hashed: Vec<Vec<HashedSentence>> = train_docs
        .iter()
        .map(|doc| hash_document(doc, resources, &mut counts))
        .collect();
    let mut kept: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&h, _)| h)
        .collect();
    kept.sort_unstable();
    let index: FxHashMap<u64, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    drop(counts);
    log(format!(
        "{} features kept (min count {min_count})",
        index.len()
    ));
    let docs = hashed
        .into_iter()
        .map(|d| {
            d.into_iter()
                .map(|s| IndexedSentence {
                    rows: s
                        .features
                        .iter()
                        .map(|fs| fs.iter().filter_map(|f| index.get(f).copied()).collect())
                        .collect(),
                    infos: s.infos,
                    gold: s.gold,
                })
                .collect()
        })
        .collect();
    (index, docs)
}

/// Static features of every token of `doc`; every feature (static, history, transition) seen in
/// gold context is counted in `counts`.
fn hash_document(
    doc: &Document,
    resources: &Resources,
    counts: &mut FxHashMap<u64, u32>,
) -> Vec<HashedSentence> {
    let token_refs: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let mut doc_case = DocCase::default();
    for s in &token_refs {
        doc_case.add_sentence(s);
    }
    let mut history = History::default();
    let mut feats = Vec::with_capacity(64);
    let mut out = Vec::with_capacity(doc.sentences.len());
    // The sentences in tagging order, so that training sees the history features tagging gives.
    let order = tagging_order(token_refs.iter().map(|t| is_headline(t)));
    for (s, toks) in order
        .iter()
        .filter_map(|&i| Some((doc.sentences.get(i)?, token_refs.get(i)?)))
    {
        let infos = token_infos(toks, resources);
        let gold = gold_tags(toks.len(), &s.chunks);
        let headline = is_headline(toks);
        let mut features = Vec::with_capacity(toks.len());
        for i in 0..toks.len() {
            feats.clear();
            static_features(&infos, i, headline, &doc_case, &mut feats);
            let static_len = feats.len();
            let prev = if i >= 1 { gold[i - 1] } else { TAG_O };
            history_features(&infos, i, &history, &mut feats);
            transition_features(&infos, i, prev, &mut feats);
            for f in &feats {
                *counts.entry(*f).or_insert(0) += 1;
            }
            features.push(feats[..static_len].to_vec());
        }
        history.record(&infos, &gold);
        out.push(HashedSentence {
            infos,
            features,
            gold,
        });
    }
    out
}

/// The perceptron's weights with the lazily updated sums that averaging needs.
struct Perceptron {
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
    feats: Vec<u64>,
}

impl Perceptron {
    fn new(features: usize) -> Self {
        let n = features * TAG_COUNT;
        Perceptron {
            weights: vec![0f32; n],
            totals: vec![0f64; n],
            stamps: vec![0u32; n],
            step: 0,
            feats: Vec::with_capacity(64),
        }
    }

    /// One pass over the documents in `order`; returns (token errors, tokens).
    fn epoch(
        &mut self,
        index: &FxHashMap<u64, u32>,
        docs: &[Vec<IndexedSentence>],
        order: &[usize],
    ) -> (usize, usize) {
        let (mut errors, mut tokens) = (0usize, 0usize);
        for &d in order {
            let mut history = History::default();
            for s in &docs[d] {
                let hist_rows = self.history_rows(index, s, &history);
                let pred = self.decode(index, s, &hist_rows);
                self.step += 1;
                tokens += s.gold.len();
                if pred != s.gold {
                    errors += self.update(index, s, &hist_rows, &pred);
                }
                history.record(&s.infos, &pred);
            }
        }
        (errors, tokens)
    }

    /// The weight rows of each token's history features.
    fn history_rows(
        &mut self,
        index: &FxHashMap<u64, u32>,
        s: &IndexedSentence,
        history: &History,
    ) -> Vec<Vec<u32>> {
        (0..s.gold.len())
            .map(|i| {
                self.feats.clear();
                history_features(&s.infos, i, history, &mut self.feats);
                self.feats
                    .iter()
                    .filter_map(|f| index.get(f).copied())
                    .collect()
            })
            .collect()
    }

    /// The best tag sequence under the current weights.
    fn decode(
        &mut self,
        index: &FxHashMap<u64, u32>,
        s: &IndexedSentence,
        hist_rows: &[Vec<u32>],
    ) -> Vec<u8> {
        let weights = &self.weights;
        let unary: Vec<[f32; TAG_COUNT]> = (0..s.gold.len())
            .map(|i| {
                let mut scores = [0f32; TAG_COUNT];
                for &r in s.rows[i].iter().chain(&hist_rows[i]) {
                    let base = r as usize * TAG_COUNT;
                    for (sc, w) in scores.iter_mut().zip(&weights[base..base + TAG_COUNT]) {
                        *sc += w;
                    }
                }
                scores
            })
            .collect();
        let w = Weights { index, weights };
        let feats = &mut self.feats;
        let (pred, _) = viterbi(&unary, |i, prev, scores| {
            feats.clear();
            transition_features(&s.infos, i, prev, feats);
            w.add(feats, scores);
        });
        pred
    }

    /// Rewards the gold tags and penalises the predicted ones where they differ; returns the
    /// number of wrong tokens.
    fn update(
        &mut self,
        index: &FxHashMap<u64, u32>,
        s: &IndexedSentence,
        hist_rows: &[Vec<u32>],
        pred: &[u8],
    ) -> usize {
        let mut errors = 0;
        let mut transition_rows: Vec<u32> = Vec::with_capacity(8);
        for i in 0..s.gold.len() {
            let (g, p) = (s.gold[i], pred[i]);
            let gp = if i == 0 { TAG_O } else { s.gold[i - 1] };
            let pp = if i == 0 { TAG_O } else { pred[i - 1] };
            if g != p {
                errors += 1;
                self.bump(&s.rows[i], g, 1.0);
                self.bump(&s.rows[i], p, -1.0);
                self.bump(&hist_rows[i], g, 1.0);
                self.bump(&hist_rows[i], p, -1.0);
            }
            if g != p || gp != pp {
                for (prev, tag, delta) in [(gp, g, 1.0), (pp, p, -1.0)] {
                    self.feats.clear();
                    transition_features(&s.infos, i, prev, &mut self.feats);
                    transition_rows.clear();
                    transition_rows.extend(self.feats.iter().filter_map(|f| index.get(f).copied()));
                    self.bump(&transition_rows, tag, delta);
                }
            }
        }
        errors
    }

    /// Adds `delta` to the weight of `tag` in each row, settling the running sums first.
    fn bump(&mut self, rows: &[u32], tag: u8, delta: f32) {
        for &r in rows {
            let k = r as usize * TAG_COUNT + tag as usize;
            self.totals[k] += (self.step - self.stamps[k]) as f64 * self.weights[k] as f64;
            self.stamps[k] = self.step;
            self.weights[k] += delta;
        }
    }

    /// The weights averaged over every step so far.
    fn averaged(&self) -> Vec<f32> {
        let step = self.step;
        self.weights
            .iter()
            .zip(&self.totals)
            .zip(&self.stamps)
            .map(|((&w, &t), &s)| ((t + (step - s) as f64 * w as f64) / step.max(1) as f64) as f32)
            .collect()
    }
}

/// Drops features whose averaged weights are all (nearly) zero.
fn prune(model: &mut NerModel) {
    let max = model.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let floor = max / i16::MAX as f32;
    let mut entries: Vec<(u64, u32)> = model.index.iter().map(|(&h, &r)| (h, r)).collect();
    entries.sort_unstable();
    let mut index = FxHashMap::default();
    let mut weights = Vec::new();
    for (h, r) in entries {
        let base = r as usize * TAG_COUNT;
        let Some(row) = model.weights.get(base..base + TAG_COUNT) else {
            continue;
        };
        if row.iter().any(|w| w.abs() >= floor) {
            index.insert(h, (weights.len() / TAG_COUNT) as u32);
            weights.extend_from_slice(row);
        }
    }
    model.index = index;
    model.weights = weights;
    model.cache_key = super::next_cache_key();
}
