//! Averaged-perceptron training (greedy decoding on the model's own predictions, so training sees
//! the same previous-tag and history features as tagging), with the epoch chosen on a dev set.

use rustc_hash::FxHashMap;

use super::conll::{Chunk, Document, Score};
use super::features::{
    history_features, is_headline, static_features, tag_of, token_infos, transition_features,
    DocCase, History, Resources, TokenInfo, TAG_COUNT, TAG_O, TYPES,
};
use super::{viterbi, NerModel, Weights};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 1,
            min_count: 2,
        }
    }
}

/// splitmix64: small, seedable, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
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

/// Token infos, static feature hashes per token, gold tags.
type HashedSentence = (Vec<TokenInfo>, Vec<Vec<u64>>, Vec<u8>);

struct PreSentence {
    infos: Vec<TokenInfo>,
    rows: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

/// Scores a model on gold documents (GPE counts as LOC and NORP as MISC, as CoNLL has them).
pub fn evaluate(model: &NerModel, docs: &[Document]) -> Score {
    let mut score = Score::default();
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let predicted = model.tag_document(&sentences);
        for (s, pred) in doc.sentences.iter().zip(predicted) {
            let pred: Vec<Chunk> = pred
                .iter()
                .map(|m| Chunk {
                    start: m.start,
                    end: m.end,
                    label: conll_label(m.label).to_string(),
                })
                .collect();
            let gold: Vec<Chunk> = s
                .chunks
                .iter()
                .map(|c| Chunk {
                    label: if TYPES.contains(&c.label.as_str()) {
                        c.label.clone()
                    } else {
                        "MISC".into()
                    },
                    ..c.clone()
                })
                .collect();
            score.add(&gold, &pred, s.tokens.len());
        }
    }
    score
}

/// The CoNLL type of an output label.
pub fn conll_label(label: &str) -> &str {
    match label {
        "GPE" => "LOC",
        "NORP" => "MISC",
        other => other,
    }
}

/// Trains a model; `dev` (may be empty) picks the best epoch. `log` receives progress lines.
pub fn train(
    train_docs: &[Document],
    dev_docs: &[Document],
    resources: Resources,
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> NerModel {
    // 1. Static features of every token, and counts of all features in gold context.
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut hashed: Vec<Vec<HashedSentence>> = Vec::with_capacity(train_docs.len());
    let mut feats = Vec::with_capacity(64);
    for doc in train_docs {
        let mut doc_case = DocCase::default();
        let token_refs: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        for s in &token_refs {
            doc_case.add_sentence(s);
        }
        let mut history = History::default();
        let mut out = Vec::with_capacity(doc.sentences.len());
        for (s, toks) in doc.sentences.iter().zip(&token_refs) {
            let infos = token_infos(toks, &resources);
            let gold = gold_tags(toks.len(), &s.chunks);
            let headline = is_headline(toks);
            let mut per_token = Vec::with_capacity(toks.len());
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
                per_token.push(feats[..static_len].to_vec());
            }
            history.record(&infos, &gold);
            out.push((infos, per_token, gold));
        }
        hashed.push(out);
    }
    let mut kept: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= opts.min_count)
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
        "{} features kept (min count {})",
        index.len(),
        opts.min_count
    ));
    let docs: Vec<Vec<PreSentence>> = hashed
        .into_iter()
        .map(|d| {
            d.into_iter()
                .map(|(infos, per_token, gold)| PreSentence {
                    rows: per_token
                        .iter()
                        .map(|fs| fs.iter().filter_map(|f| index.get(f).copied()).collect())
                        .collect(),
                    infos,
                    gold,
                })
                .collect()
        })
        .collect();

    // 2. Perceptron epochs.
    let n = index.len() * TAG_COUNT;
    let mut weights = vec![0f32; n];
    let mut totals = vec![0f64; n];
    let mut stamps = vec![0u32; n];
    let mut step: u32 = 0;
    let mut model = NerModel {
        index,
        weights: Vec::new(),
        resources,
        meta: String::new(),
    };
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(f64, usize, Vec<f32>)> = None;
    let mut hist_rows: Vec<Vec<u32>> = Vec::new();
    let mut gold_rows: Vec<u32> = Vec::with_capacity(8);
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &d in &order {
            let mut history = History::default();
            for s in &docs[d] {
                let n = s.gold.len();
                hist_rows.clear();
                for i in 0..n {
                    feats.clear();
                    history_features(&s.infos, i, &history, &mut feats);
                    hist_rows.push(
                        feats
                            .iter()
                            .filter_map(|f| model.index.get(f).copied())
                            .collect(),
                    );
                }
                let unary: Vec<[f32; TAG_COUNT]> = (0..n)
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
                let w = Weights {
                    index: &model.index,
                    weights: &weights,
                };
                let (pred, _) = viterbi(&unary, |i, prev, scores| {
                    feats.clear();
                    transition_features(&s.infos, i, prev, &mut feats);
                    w.add(&feats, scores);
                });
                step += 1;
                tokens += n;
                if pred != s.gold {
                    let mut update = |rows: &[u32], tag: u8, delta: f32| {
                        for &r in rows {
                            let k = r as usize * TAG_COUNT + tag as usize;
                            totals[k] += (step - stamps[k]) as f64 * weights[k] as f64;
                            stamps[k] = step;
                            weights[k] += delta;
                        }
                    };
                    for i in 0..n {
                        let (g, p) = (s.gold[i], pred[i]);
                        let gp = if i == 0 { TAG_O } else { s.gold[i - 1] };
                        let pp = if i == 0 { TAG_O } else { pred[i - 1] };
                        if g != p {
                            errors += 1;
                            update(&s.rows[i], g, 1.0);
                            update(&s.rows[i], p, -1.0);
                            update(&hist_rows[i], g, 1.0);
                            update(&hist_rows[i], p, -1.0);
                        }
                        if g != p || gp != pp {
                            for (prev, tag, delta) in [(gp, g, 1.0), (pp, p, -1.0)] {
                                feats.clear();
                                transition_features(&s.infos, i, prev, &mut feats);
                                gold_rows.clear();
                                gold_rows.extend(
                                    feats.iter().filter_map(|f| model.index.get(f).copied()),
                                );
                                update(&gold_rows, tag, delta);
                            }
                        }
                    }
                }
                history.record(&s.infos, &pred);
            }
        }
        model.weights = weights
            .iter()
            .zip(&totals)
            .zip(&stamps)
            .map(|((&w, &t), &s)| ((t + (step - s) as f64 * w as f64) / step.max(1) as f64) as f32)
            .collect();
        let mut line = format!(
            "epoch {epoch}: train token errors {:.2}%",
            100.0 * errors as f64 / tokens.max(1) as f64
        );
        if !dev_docs.is_empty() {
            let f1 = evaluate(&model, dev_docs).overall().f1;
            line.push_str(&format!(", dev F1 {f1:.2}"));
            if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
                best = Some((f1, epoch, model.weights.clone()));
            }
        }
        log(line);
    }
    if let Some((f1, epoch, w)) = best {
        model.weights = w;
        model.meta = format!("best epoch {epoch} of {}, dev F1 {f1:.2}", opts.epochs);
    } else {
        model.meta = format!("{} epochs", opts.epochs);
    }
    prune(&mut model);
    model
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
}

#[cfg(test)]
mod tests {
    use super::super::conll;
    use super::super::gazetteer::Gazetteer;
    use super::*;

    #[test]
    fn learns_a_toy_set_reproducibly() {
        let mut text = String::new();
        for name in ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"] {
            text.push_str(&format!(
                "-DOCSTART- O\n\nMr O\n{name} I-PER\nvisited O\nParis I-LOC\n. O\n\nAcme I-ORG\nCorp I-ORG\nhired O\n{name} I-PER\n. O\n\n"
            ));
        }
        let docs = conll::parse(&text, 20);
        let res = || Resources {
            gazetteer: Gazetteer::parse("Paris\tcity\n"),
            clusters: Default::default(),
        };
        let opts = TrainOptions {
            epochs: 5,
            seed: 7,
            min_count: 1,
        };
        let m1 = train(&docs, &docs, res(), &opts, &mut |_| {});
        let m2 = train(&docs, &docs, res(), &opts, &mut |_| {});
        assert_eq!(m1.weights, m2.weights);
        let f1 = evaluate(&m1, &docs).overall().f1;
        assert!(f1 > 90.0, "toy F1 {f1}");
        let tagged = m1.tag_document(&[vec!["Mr", "Smith", "visited", "Paris", "."]]);
        let labels: Vec<&str> = tagged[0].iter().map(|m| m.label).collect();
        assert_eq!(labels, vec!["PER", "GPE"]);
    }
}
