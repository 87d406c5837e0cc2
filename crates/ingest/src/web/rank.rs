//! Choosing one of a page's candidate values (titles, publication days) with a linear scorer over
//! per-candidate features: a conditional logit, the candidate with the highest score wins. The
//! weights are data (`crates/ingest/data/title-ranker.json`, `crates/ingest/data/date-ranker.json`),
//! made by `newsgraph train meta` on the tune part of the WCXB development set; nothing here is
//! fitted by hand.

use serde::{Deserialize, Serialize};

/// One candidate value and its features (in the order of the model's feature names).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The value as the page gives it (a title, or an ISO 8601 date or timestamp).
    pub value: String,
    /// One number per feature of the ranker.
    pub features: Vec<f64>,
}

/// A linear scorer over standardised candidate features.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RankModel {
    /// Feature names, in the order of `weights`.
    pub features: Vec<String>,
    /// Per-feature mean used to standardise (from the training candidates).
    pub mean: Vec<f64>,
    /// Per-feature standard deviation used to standardise.
    pub std: Vec<f64>,
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// How the weights were made (command, data, split, figures): provenance, not read.
    #[serde(default)]
    pub provenance: serde_json::Value,
}

impl RankModel {
    /// True when the model's feature names are `names`, in order, and the shapes agree.
    pub fn matches(&self, names: &[&str]) -> bool {
        let n = names.len();
        self.features
            .iter()
            .map(String::as_str)
            .eq(names.iter().copied())
            && self.mean.len() == n
            && self.std.len() == n
            && self.weights.len() == n
    }

    /// The standardised feature vector.
    pub fn standardise(&self, x: &[f64]) -> Vec<f64> {
        x.iter()
            .enumerate()
            .map(|(i, v)| {
                let s = self.std.get(i).copied().unwrap_or(1.0);
                (v - self.mean.get(i).copied().unwrap_or(0.0)) / if s > 1e-9 { s } else { 1.0 }
            })
            .collect()
    }

    /// The score of one candidate (higher is better).
    pub fn score(&self, x: &[f64]) -> f64 {
        self.standardise(x)
            .iter()
            .zip(&self.weights)
            .map(|(a, b)| a * b)
            .sum()
    }

    /// The index of the best candidate; the first one wins ties. None when there are none.
    pub fn pick(&self, candidates: &[Candidate]) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(&c.features);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// Reads a shipped model; None when it does not parse or its features are not `names`.
pub(crate) fn load(json: &str, names: &[&str]) -> Option<RankModel> {
    serde_json::from_str::<RankModel>(json)
        .ok()
        .filter(|m| m.matches(names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_highest_score_and_refuses_other_features() {
        let m = RankModel {
            features: vec!["a".into(), "b".into()],
            mean: vec![0.0, 1.0],
            std: vec![1.0, 2.0],
            weights: vec![1.0, -1.0],
            provenance: serde_json::Value::Null,
        };
        let c = |a: f64, b: f64| Candidate {
            value: String::new(),
            features: vec![a, b],
        };
        assert_eq!(m.pick(&[c(0.0, 0.0), c(1.0, 5.0), c(1.0, 1.0)]), Some(2));
        assert_eq!(m.pick(&[]), None);
        assert!(m.matches(&["a", "b"]));
        assert!(!m.matches(&["a", "c"]));
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert!(load(&json, &["a", "b"]).is_some());
        assert!(load(&json, &["a"]).is_none());
    }
}
