//! Training the metadata rankers ([`newsgraph_ingest::web::rank`]): per page, the candidate titles
//! and publication days the product sees, labelled by the WCXB ground truth of the tune part, and
//! a conditional logit (softmax over a page's candidates) fitted by full-batch gradient descent.
//!
//! A title candidate is right when it has the truth's words in the truth's order (the scorer's
//! [`same_words`](crate::html_sets) rule); a day candidate when its first ten characters are the
//! truth's day. Pages where no candidate is right, or every one is, teach nothing and are left
//! out of the fit (they still count in the figures).

use newsgraph_ingest::web::html::metadata_candidates;
use newsgraph_ingest::web::rank::{Candidate, RankModel};

use crate::html_sets::{same_words, Page};

/// The candidates of one page and which of them are right.
pub struct RankExample {
    /// The page's id.
    pub id: String,
    /// The candidates, in the product's order.
    pub candidates: Vec<Candidate>,
    /// Per candidate: true when it matches the truth.
    pub right: Vec<bool>,
}

/// The title ranker's L2 penalty: the best of 0.01, 0.03, 0.1, 0.3 and 1 by 5-fold
/// cross-validation on the WCXB tune part (`newsgraph train meta --cv`).
pub const TITLE_L2: f64 = 0.3;
/// The date ranker's L2 penalty (among 0.003 … 0.3; within one page of 0.01 by 5-fold CV).
pub const DATE_L2: f64 = 0.03;
/// Full-batch gradient steps of both rankers.
pub const EPOCHS: usize = 2000;

/// The title and date examples of `pages` (pages without that truth are skipped), in parallel.
pub fn meta_examples(pages: &[&Page]) -> (Vec<RankExample>, Vec<RankExample>) {
    use rayon::prelude::*;
    let both: Vec<(Option<RankExample>, Option<RankExample>)> = pages
        .par_iter()
        .map(|p| {
            let (titles, dates) = metadata_candidates(&p.html);
            let title = p.title.as_ref().map(|t| RankExample {
                id: p.id.clone(),
                right: titles.iter().map(|c| same_words(t, &c.value)).collect(),
                candidates: titles,
            });
            let date = p.date.as_ref().map(|t| {
                let day = t.get(..10).unwrap_or(t);
                RankExample {
                    id: p.id.clone(),
                    right: dates
                        .iter()
                        .map(|c| c.value.get(..10).unwrap_or(&c.value) == day)
                        .collect(),
                    candidates: dates,
                }
            });
            (title, date)
        })
        .collect();
    let (t, d): (Vec<_>, Vec<_>) = both.into_iter().unzip();
    (
        t.into_iter().flatten().collect(),
        d.into_iter().flatten().collect(),
    )
}

/// Per-feature mean and standard deviation over every candidate.
fn standardisation(examples: &[RankExample], n: usize) -> (Vec<f64>, Vec<f64>) {
    let rows: Vec<&Vec<f64>> = examples
        .iter()
        .flat_map(|e| e.candidates.iter().map(|c| &c.features))
        .collect();
    let m = rows.len().max(1) as f64;
    let mut mean = vec![0.0; n];
    for r in &rows {
        for (a, b) in mean.iter_mut().zip(r.iter()) {
            *a += b / m;
        }
    }
    let mut var = vec![0.0; n];
    for r in &rows {
        for ((v, x), mu) in var.iter_mut().zip(r.iter()).zip(&mean) {
            *v += (x - mu).powi(2) / m;
        }
    }
    let std = var.iter().map(|v| v.sqrt().max(1e-6)).collect();
    (mean, std)
}

/// Fits a ranker over the features `names`: maximises, per page, the log of the softmax
/// probability mass on the right candidates, with L2 penalty `l2`, by `epochs` full-batch steps.
pub fn train_ranker(examples: &[RankExample], names: &[&str], l2: f64, epochs: usize) -> RankModel {
    let n = names.len();
    let (mean, std) = standardisation(examples, n);
    let mut model = RankModel {
        features: names.iter().map(|s| s.to_string()).collect(),
        mean,
        std,
        weights: vec![0.0; n],
        provenance: serde_json::Value::Null,
    };
    let pages: Vec<(Vec<Vec<f64>>, &Vec<bool>)> = examples
        .iter()
        .filter(|e| e.right.iter().any(|r| *r) && !e.right.iter().all(|r| *r))
        .map(|e| {
            let z = e
                .candidates
                .iter()
                .map(|c| model.standardise(&c.features))
                .collect();
            (z, &e.right)
        })
        .collect();
    let total = pages.len().max(1) as f64;
    let rate = 0.5;
    for _ in 0..epochs {
        let mut grad = vec![0.0; n];
        for (z, right) in &pages {
            let s: Vec<f64> = z
                .iter()
                .map(|x| x.iter().zip(&model.weights).map(|(a, b)| a * b).sum())
                .collect();
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = s.iter().map(|v| (v - max).exp()).collect();
            let sum: f64 = e.iter().sum();
            let right_sum: f64 = e
                .iter()
                .zip(right.iter())
                .filter(|(_, r)| **r)
                .map(|(v, _)| v)
                .sum();
            for ((x, ei), r) in z.iter().zip(&e).zip(right.iter()) {
                let p = ei / sum;
                let q = if *r { ei / right_sum.max(1e-300) } else { 0.0 };
                for (g, xi) in grad.iter_mut().zip(x) {
                    *g += (p - q) * xi / total;
                }
            }
        }
        for (w, g) in model.weights.iter_mut().zip(&grad) {
            *w -= rate * (g + l2 * *w);
        }
    }
    model
}

/// Accuracy of `model` over `examples` (every page counts; a page with no right candidate is
/// wrong), of taking the first candidate (the most trusted source), and of an oracle.
pub fn ranker_figures(model: &RankModel, examples: &[RankExample]) -> serde_json::Value {
    let m = examples.len().max(1) as f64;
    let count = |f: &dyn Fn(&RankExample) -> bool| examples.iter().filter(|e| f(e)).count();
    let picked = count(&|e| {
        model
            .pick(&e.candidates)
            .and_then(|i| e.right.get(i).copied())
            .unwrap_or(false)
    });
    let first = count(&|e| e.right.first().copied().unwrap_or(false));
    let oracle = count(&|e| e.right.iter().any(|r| *r));
    let round = |v: usize| (10000.0 * v as f64 / m).round() / 10000.0;
    serde_json::json!({
        "pages": examples.len(),
        "ranker": round(picked),
        "first_candidate": round(first),
        "oracle": round(oracle),
    })
}

/// Accuracy of rankers fitted with `l2` and `epochs` on all but one of `folds` parts of
/// `examples` and scored on that part (parts by position, pages are in id order), pooled: the
/// figure to choose `l2` by without scoring a model on its own training pages.
pub fn cross_validated(
    examples: &[RankExample],
    names: &[&str],
    l2: f64,
    epochs: usize,
    folds: usize,
) -> f64 {
    let folds = folds.max(2);
    let mut right = 0usize;
    for f in 0..folds {
        let in_fold = |i: usize| i % folds == f;
        let test: Vec<&RankExample> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| in_fold(*i))
            .map(|(_, e)| e)
            .collect();
        let train: Vec<RankExample> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| !in_fold(*i))
            .map(|(_, e)| RankExample {
                id: e.id.clone(),
                candidates: e.candidates.clone(),
                right: e.right.clone(),
            })
            .collect();
        let model = train_ranker(&train, names, l2, epochs);
        right += test
            .iter()
            .filter(|e| {
                model
                    .pick(&e.candidates)
                    .and_then(|i| e.right.get(i).copied())
                    .unwrap_or(false)
            })
            .count();
    }
    right as f64 / examples.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(value: &str, features: Vec<f64>) -> Candidate {
        Candidate {
            value: value.into(),
            features,
        }
    }

    #[test]
    fn ranker_learns_the_feature_that_marks_the_right_candidate() {
        // Feature 0 marks the right candidate; feature 1 is noise that favours the wrong one.
        let examples: Vec<RankExample> = (0..40)
            .map(|i| {
                let noise = f64::from(i % 3);
                RankExample {
                    id: i.to_string(),
                    candidates: vec![
                        cand("wrong", vec![0.0, noise + 1.0]),
                        cand("right", vec![1.0, noise]),
                    ],
                    right: vec![false, true],
                }
            })
            .collect();
        let model = train_ranker(&examples, &["mark", "noise"], 0.001, 300);
        assert!(model.weights[0] > 0.0, "{:?}", model.weights);
        let fig = ranker_figures(&model, &examples);
        assert_eq!(fig["ranker"], serde_json::json!(1.0));
        assert_eq!(fig["first_candidate"], serde_json::json!(0.0));
    }
}
