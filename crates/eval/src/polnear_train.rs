//! Training the attribution cue detector on the PolNeAR train split.
//!
//! Each article goes through the shipped reader (as in [`crate::polnear`]); the attribution
//! stage's tokens come from [`cue_candidates`] with their hashed features, and a token is a
//! positive example when it overlaps an annotated `Cue` span and is not an auxiliary ("has" of
//! "has said"). A logistic regression (AdaGrad, a fixed number of passes, a fixed seed) is fitted
//! on nine articles in ten; the threshold is chosen on the tenth (every article whose index is
//! 9 mod 10) as the one that maximises token F1 of "rules or model"; the model is then refitted on
//! every train article and written with that threshold. The dev split is never read here.

use std::path::Path;

use newsgraph_extract::attribution::{cue_candidates, FEATURE_BITS};

use crate::polnear::{char_index, map_split, read_shipped, CharMapper};
use crate::rng::SplitMix64;

/// One candidate token: its feature buckets, whether the rules take it, whether it is a gold cue.
#[derive(Debug, Clone)]
pub struct Example {
    /// The token, lower case.
    pub word: String,
    /// Its hashed feature buckets.
    pub features: Vec<u32>,
    /// The rules take it for a cue.
    pub rule: bool,
    /// PolNeAR annotates it as a cue.
    pub gold: bool,
}

/// The candidate tokens of every article of `split`, one list per article.
pub fn load_examples(root: &Path, split: &str) -> anyhow::Result<Vec<Vec<Example>>> {
    map_split(root, split, |path, text, ann| {
        article_examples(path, text, &cue_spans(ann))
    })
}

/// The character spans of the `Cue` annotations of a brat file (discontinuous parts apart).
pub fn cue_spans(ann: &str) -> Vec<(usize, usize)> {
    crate::polnear_tagger::role_spans(ann)
        .into_iter()
        .filter(|&(_, _, tag)| tag == crate::polnear_tagger::CUE_TAG)
        .map(|(s, e, _)| (s, e))
        .collect()
}

fn article_examples(
    path: &Path,
    text: &str,
    cues: &[(usize, usize)],
) -> anyhow::Result<Vec<Example>> {
    let read = read_shipped(path)?;
    let char_at = char_index(text);
    let mut out = Vec::new();
    for article in &read {
        let mapper = CharMapper::new(&char_at, article);
        let to_char = |b: usize| mapper.char_of(b);
        let paragraphs: Vec<_> = article.body_paragraphs().collect();
        for c in cue_candidates(&article.text, &paragraphs) {
            let (s, e) = (to_char(c.span.start), to_char(c.span.end));
            let in_cue = cues.iter().any(|&(cs, ce)| s < ce && cs < e);
            out.push(Example {
                word: c.word,
                features: c.features,
                rule: c.rule,
                gold: in_cue && !c.auxiliary,
            });
        }
    }
    Ok(out)
}

/// The words annotated as (part of) a cue at least `min` times in `examples`, sorted.
pub fn cue_vocabulary(examples: &[&Example], min: usize) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for ex in examples.iter().filter(|e| e.gold) {
        *counts.entry(ex.word.as_str()).or_default() += 1;
    }
    let mut words: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(w, _)| w.to_string())
        .collect();
    words.sort();
    words
}

/// The examples whose word is in `vocabulary` (sorted): the only ones the model scores.
pub fn in_vocabulary<'a>(examples: &[&'a Example], vocabulary: &[String]) -> Vec<&'a Example> {
    examples
        .iter()
        .copied()
        .filter(|e| vocabulary.binary_search(&e.word).is_ok())
        .collect()
}

/// A fitted logistic regression over the hashed buckets and the words it scores.
pub struct Fitted {
    /// One weight per feature bucket.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// The words the model scores, sorted.
    pub vocabulary: Vec<String>,
}

impl Fitted {
    /// The model's decision on `e` at `threshold`: a word of its vocabulary scoring above it.
    pub fn says(&self, e: &Example, threshold: f32) -> bool {
        self.vocabulary.binary_search(&e.word).is_ok() && self.score(&e.features) > threshold
    }

    /// The model's logit for a token with these feature buckets.
    pub fn score(&self, features: &[u32]) -> f32 {
        self.bias
            + features
                .iter()
                .map(|&f| self.weights.get(f as usize).copied().unwrap_or(0.0))
                .sum::<f32>()
    }
}

/// Fits the model with AdaGrad for `epochs` shuffled passes (`seed`), learning rate `rate`;
/// buckets seen in fewer than `min_count` examples keep weight 0 (rare words would only be
/// remembered, and they would fill the file).
pub fn fit(examples: &[&Example], epochs: usize, rate: f32, seed: u64, min_count: u32) -> Fitted {
    let n = 1usize << FEATURE_BITS;
    let mut count = vec![0u32; n];
    for ex in examples {
        for &f in &ex.features {
            count[f as usize & (n - 1)] += 1;
        }
    }
    let mut w = vec![0f32; n];
    let mut g2 = vec![1e-6f32; n];
    let (mut bias, mut bias_g2) = (0f32, 1e-6f32);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64::new(seed);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let ex = examples[k];
            let z = bias
                + ex.features
                    .iter()
                    .map(|&f| w[f as usize & (n - 1)])
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - f32::from(u8::from(ex.gold));
            for &f in &ex.features {
                let f = f as usize & (n - 1);
                if count[f] < min_count {
                    continue;
                }
                g2[f] += g * g;
                w[f] -= rate * g / g2[f].sqrt();
            }
            bias_g2 += g * g;
            bias -= rate * g / bias_g2.sqrt();
        }
    }
    Fitted {
        weights: w,
        bias,
        vocabulary: Vec::new(),
    }
}

/// Token precision, recall and F1 (percent) of a decision over `examples`.
pub fn token_prf(examples: &[&Example], decide: impl Fn(&Example) -> bool) -> (f64, f64, f64) {
    let (mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize);
    for ex in examples {
        let d = decide(ex);
        tp += usize::from(d && ex.gold);
        pred += usize::from(d);
        gold += usize::from(ex.gold);
    }
    let p = crate::metrics::ratio(tp, pred);
    let r = crate::metrics::ratio(tp, gold);
    (100.0 * p, 100.0 * r, 100.0 * crate::metrics::f1(p, r))
}

/// The threshold in `candidates` with the best token F1 of "rules or model" on `tune`.
pub fn best_threshold(model: &Fitted, tune: &[&Example], candidates: &[f32]) -> (f32, f64) {
    let scores: Vec<f32> = tune
        .iter()
        .map(|e| {
            if model.vocabulary.binary_search(&e.word).is_ok() {
                model.score(&e.features)
            } else {
                f32::NEG_INFINITY
            }
        })
        .collect();
    let mut best = (f32::INFINITY, -1.0);
    for &t in candidates {
        let (mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize);
        for (ex, &s) in tune.iter().zip(&scores) {
            let d = ex.rule || s > t;
            tp += usize::from(d && ex.gold);
            pred += usize::from(d);
            gold += usize::from(ex.gold);
        }
        let f = crate::metrics::f1(
            crate::metrics::ratio(tp, pred),
            crate::metrics::ratio(tp, gold),
        );
        if f > best.1 {
            best = (t, f);
        }
    }
    (best.0, 100.0 * best.1)
}

/// The model file: a provenance header, bias, threshold and the buckets whose weight is at least
/// `prune` in magnitude.
pub fn model_file(model: &Fitted, threshold: f32, prune: f32, header: &[String]) -> String {
    let mut out = String::new();
    for h in header {
        out.push_str("# ");
        out.push_str(h);
        out.push('\n');
    }
    out.push_str(&format!(
        "bias {:.4}\nthreshold {:.4}\n",
        model.bias, threshold
    ));
    for w in &model.vocabulary {
        out.push_str(&format!("word {w}\n"));
    }
    for (k, w) in model.weights.iter().enumerate() {
        if w.abs() >= prune {
            out.push_str(&format!("{k} {w:.3}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_spans_keep_discontinuous_parts() {
        let ann = "T1\tSource 0 3\tBob\nT2\tCue 4 8;12 15\tsaid out\nT3\tContent 16 20\tfine\n";
        assert_eq!(cue_spans(ann), vec![(4, 8), (12, 15)]);
    }

    #[test]
    fn fitting_separates_a_feature() {
        let pos = Example {
            word: "x".into(),
            features: vec![1, 2],
            rule: false,
            gold: true,
        };
        let neg = Example {
            word: "y".into(),
            features: vec![3, 2],
            rule: false,
            gold: false,
        };
        let data: Vec<&Example> = [&pos, &neg].repeat(20);
        let mut m = fit(&data, 5, 0.5, 7, 1);
        m.vocabulary = cue_vocabulary(&data, 1);
        assert_eq!(m.vocabulary, vec!["x".to_string()]);
        assert!(m.score(&[1, 2]) > 0.0);
        assert!(m.score(&[3, 2]) < 0.0);
        let (t, f) = best_threshold(&m, &data, &[-1.0, 0.0, 1.0]);
        assert!(f > 99.0, "threshold {t} F1 {f}");
    }
}
