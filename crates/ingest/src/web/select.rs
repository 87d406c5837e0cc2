//! The per-page choice of body: the paragraph vote of the two extractors, trafilatura alone, or
//! Readability alone, picked by a linear model over page features (how much the two agree, how long
//! each is, how fragmented). The weights are data (`crates/ingest/data/html-selector.json`), made
//! by `newsgraph train html` on the tune parts of the development sets; nothing here is fitted by
//! hand.

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

use rustc_hash::FxHashSet;

use super::text::{word_hash, words};

/// The candidate bodies, in the order of the model's weight rows.
/// `vote` keeps trafilatura's paragraphs that Readability also found (plus Readability's long
/// prose); `vote_readability` is the same with the roles swapped.
pub const CANDIDATES: [&str; 4] = ["vote", "trafilatura", "readability", "vote_readability"];

/// Names of the features, in order (the model file repeats them and is refused if they differ).
pub const FEATURES: [&str; 15] = [
    "bias",
    "log_words_trafilatura",
    "log_words_readability",
    "log_words_vote",
    "log_ratio_readability_trafilatura",
    "trafilatura_empty",
    "readability_empty",
    "word_jaccard",
    "trafilatura_words_in_readability",
    "readability_words_in_trafilatura",
    "short_paragraph_share_trafilatura",
    "short_paragraph_share_readability",
    "log_mean_paragraph_words_trafilatura",
    "log_mean_paragraph_words_readability",
    "log_words_vote_readability",
];

/// A paragraph of fewer words than this counts as short (menus, bylines, captions).
const SHORT_PARAGRAPH_WORDS: usize = 6;

/// A linear scorer per candidate over standardised features.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SelectorModel {
    /// Feature names, in the order of each weight row.
    pub features: Vec<String>,
    /// Candidate extractor names, one weight row each.
    pub candidates: Vec<String>,
    /// Per-feature mean used to standardise features (from the training set).
    pub mean: Vec<f64>,
    /// Per-feature standard deviation used to standardise features.
    pub std: Vec<f64>,
    /// One row per candidate, one weight per feature.
    pub weights: Vec<Vec<f64>>,
    /// Added to each candidate's score after the weights (none when empty): a prior on a
    /// candidate chosen by cross-validation, not fitted with the weights. The shipped one makes
    /// the trafilatura-crate body beat the others by a margin: on 2008–2012 markup it is the
    /// choice that goes wrong (see `newsgraph train html --help`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offsets: Vec<f64>,
    /// How the weights were made (command, data, split, figures): provenance, not read.
    #[serde(default)]
    pub provenance: serde_json::Value,
}

impl SelectorModel {
    /// True when the shapes match [`FEATURES`] and [`CANDIDATES`].
    pub fn is_valid(&self) -> bool {
        let n = FEATURES.len();
        self.features.iter().map(String::as_str).eq(FEATURES)
            && self.candidates.iter().map(String::as_str).eq(CANDIDATES)
            && self.mean.len() == n
            && self.std.len() == n
            && self.weights.len() == CANDIDATES.len()
            && self.weights.iter().all(|w| w.len() == n)
            && (self.offsets.is_empty() || self.offsets.len() == CANDIDATES.len())
    }

    /// The standardised feature vector (bias kept at 1).
    pub fn standardise(&self, x: &[f64]) -> Vec<f64> {
        x.iter()
            .enumerate()
            .map(|(i, v)| {
                if i == 0 {
                    1.0
                } else {
                    let s = self.std.get(i).copied().unwrap_or(1.0);
                    (v - self.mean.get(i).copied().unwrap_or(0.0)) / if s > 1e-9 { s } else { 1.0 }
                }
            })
            .collect()
    }

    /// One score per candidate (higher is better).
    pub fn scores(&self, x: &[f64]) -> Vec<f64> {
        let z = self.standardise(x);
        self.weights
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let offset = self.offsets.get(c).copied().unwrap_or(0.0);
                w.iter().zip(&z).map(|(a, b)| a * b).sum::<f64>() + offset
            })
            .collect()
    }
}

const MODEL_JSON: &str = include_str!("../../data/html-selector.json");

/// The shipped model; `None` when the file does not parse or has the wrong shape (the vote is
/// then used).
pub static MODEL: Lazy<Option<SelectorModel>> = Lazy::new(|| {
    serde_json::from_str::<SelectorModel>(MODEL_JSON)
        .ok()
        .filter(SelectorModel::is_valid)
});

/// The set of lower-cased word hashes of `paragraphs` and their word count.
fn word_set(paragraphs: &[String]) -> (FxHashSet<u64>, usize) {
    let mut set = FxHashSet::default();
    let mut total = 0;
    for p in paragraphs {
        for w in words(p) {
            total += 1;
            if w.chars().any(char::is_uppercase) {
                set.insert(word_hash(&w.to_lowercase()));
            } else {
                set.insert(word_hash(w));
            }
        }
    }
    (set, total)
}

fn paragraph_shape(paragraphs: &[String], total_words: usize) -> (f64, f64) {
    if paragraphs.is_empty() {
        return (0.0, 0.0);
    }
    let short = paragraphs
        .iter()
        .filter(|p| words(p).count() < SHORT_PARAGRAPH_WORDS)
        .count();
    let n = paragraphs.len() as f64;
    (short as f64 / n, (1.0 + total_words as f64 / n).ln())
}

/// The features of one page from the paragraphs of the two extractors and of their votes.
pub fn features(
    traf: &[String],
    read: &[String],
    voted: &[String],
    voted_read: &[String],
) -> Vec<f64> {
    let (ts, tn) = word_set(traf);
    let (rs, rn) = word_set(read);
    let vn: usize = voted.iter().map(|p| words(p).count()).sum();
    let vrn: usize = voted_read.iter().map(|p| words(p).count()).sum();
    let common = ts.intersection(&rs).count() as f64;
    let union = ts.union(&rs).count() as f64;
    let share = |a: f64, b: usize| if b == 0 { 0.0 } else { a / b as f64 };
    let (t_short, t_mean) = paragraph_shape(traf, tn);
    let (r_short, r_mean) = paragraph_shape(read, rn);
    vec![
        1.0,
        (1.0 + tn as f64).ln(),
        (1.0 + rn as f64).ln(),
        (1.0 + vn as f64).ln(),
        ((1.0 + rn as f64) / (1.0 + tn as f64)).ln(),
        f64::from(u8::from(tn == 0)),
        f64::from(u8::from(rn == 0)),
        if union == 0.0 { 0.0 } else { common / union },
        share(common, ts.len()),
        share(common, rs.len()),
        t_short,
        r_short,
        t_mean,
        r_mean,
        (1.0 + vrn as f64).ln(),
    ]
}

/// The index into [`CANDIDATES`] of the body to return: the best-scored non-empty candidate under
/// `model` (the vote when there is no model). `None` only when all are empty.
pub fn choose(
    model: Option<&SelectorModel>,
    candidates: &[Vec<String>],
    x: &[f64],
) -> Option<usize> {
    let scores = model.map_or_else(|| vec![1.0, 0.0, 0.0, 0.0], |m| m.scores(x));
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let sa = scores.get(a).copied().unwrap_or(f64::MIN);
        let sb = scores.get(b).copied().unwrap_or(f64::MIN);
        sb.total_cmp(&sa)
    });
    order
        .into_iter()
        .find(|&i| candidates.get(i).is_some_and(|c| !c.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads() {
        assert!(
            MODEL.is_some(),
            "data/html-selector.json must parse and match FEATURES"
        );
    }

    #[test]
    fn features_and_fallback() {
        let a = vec!["The council approved the budget on Tuesday after a long debate.".to_string()];
        let x = features(&a, &[], &a, &a);
        assert_eq!(x.len(), FEATURES.len());
        assert_eq!(x[6], 1.0);
        assert_eq!(x[5], 0.0);
        // Whatever the scores, an empty candidate is never chosen while another has text.
        let model = SelectorModel {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            candidates: CANDIDATES.iter().map(|s| s.to_string()).collect(),
            mean: vec![0.0; FEATURES.len()],
            std: vec![1.0; FEATURES.len()],
            weights: vec![
                vec![0.0; FEATURES.len()],
                vec![0.0; FEATURES.len()],
                {
                    let mut w = vec![0.0; FEATURES.len()];
                    w[0] = 5.0;
                    w
                },
                vec![0.0; FEATURES.len()],
            ],
            offsets: Vec::new(),
            provenance: serde_json::Value::Null,
        };
        assert!(model.is_valid());
        let cands = vec![a.clone(), a.clone(), Vec::new(), a.clone()];
        assert_ne!(choose(Some(&model), &cands, &x), Some(2));
        assert_eq!(
            choose(Some(&model), &[vec![], vec![], vec![], vec![]], &x),
            None
        );
        // An offset moves the choice: Readability's lead of 5 is beaten by 6 for the vote.
        let all = vec![a.clone(), a.clone(), a.clone(), a.clone()];
        assert_eq!(choose(Some(&model), &all, &x), Some(2));
        let offsets = Some(SelectorModel {
            offsets: vec![6.0, 0.0, 0.0, 0.0],
            ..model.clone()
        });
        assert_eq!(choose(offsets.as_ref(), &all, &x), Some(0));
        let wrong_length = SelectorModel {
            offsets: vec![1.0],
            ..model
        };
        assert!(!wrong_length.is_valid());
    }

    #[test]
    fn the_shipped_selector_holds_the_trafilatura_margin() {
        let model = MODEL.as_ref().expect("shipped selector");
        assert_eq!(model.offsets.len(), CANDIDATES.len());
        assert!(model.offsets[1] < 0.0, "{:?}", model.offsets);
    }
}
