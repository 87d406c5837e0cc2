//! Training the tagger's gate (`crates/extract/src/attribution/tagger_gate.rs`): a logistic
//! regression over the hashed features of the tagger's candidates, fitted on candidates a tagger
//! proposed on PolNeAR train articles it was not fitted on (see `eval attribution --gate-log`).
//!
//! A candidate is a good one when it overlaps a gold content and its speaker is that content's
//! source (or the gold has none): a content with the wrong speaker tells a reader something
//! false, so it counts as a miss here even though the overlap score would take it.

use std::path::Path;

use anyhow::Context;
use newsgraph_extract::attribution::{GateModel, FEATURE_BITS};

use crate::polnear::LabelledCandidate;
use crate::rng::SplitMix64;

/// A candidate worth adding.
pub fn good(c: &LabelledCandidate) -> bool {
    c.overlap && (c.speaker_ok || !c.has_source)
}

/// Writes labelled candidates, one per line: `overlap exact has_source speaker_ok hand_filter`
/// as 0/1, a tab, the feature buckets.
pub fn write_log(path: &Path, candidates: &[LabelledCandidate]) -> anyhow::Result<()> {
    let mut out = String::new();
    for c in candidates {
        let flags = [
            c.overlap,
            c.exact,
            c.has_source,
            c.speaker_ok,
            c.hand_filter,
        ]
        .map(|b| if b { "1" } else { "0" })
        .join(" ");
        let features: Vec<String> = c.features.iter().map(u32::to_string).collect();
        out.push_str(&format!("{flags}\t{}\n", features.join(" ")));
    }
    std::fs::write(path, out).with_context(|| path.display().to_string())
}

/// Reads a file [`write_log`] wrote.
pub fn read_log(path: &Path) -> anyhow::Result<Vec<LabelledCandidate>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let (flags, features) = line
            .split_once('\t')
            .with_context(|| format!("{}:{}: no tab", path.display(), n + 1))?;
        let flags: Vec<bool> = flags.split(' ').map(|f| f == "1").collect();
        anyhow::ensure!(
            flags.len() == 5,
            "{}:{}: five flags expected",
            path.display(),
            n + 1
        );
        let features = features
            .split(' ')
            .filter(|f| !f.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<u32>, _>>()
            .with_context(|| format!("{}:{}: a bad feature", path.display(), n + 1))?;
        out.push(LabelledCandidate {
            overlap: flags[0],
            exact: flags[1],
            has_source: flags[2],
            speaker_ok: flags[3],
            hand_filter: flags[4],
            features,
        });
    }
    Ok(out)
}

/// Fitting settings.
#[derive(Debug, Clone, Copy)]
pub struct GateFit {
    /// Passes over the candidates.
    pub epochs: usize,
    /// Learning rate.
    pub rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// Shuffling seed.
    pub seed: u64,
}

/// Fits the regression by stochastic gradient descent with averaged weights (steadier than the
/// last iterate on a few thousand examples): dense weights over the hashed buckets and a bias.
pub fn fit(candidates: &[&LabelledCandidate], s: GateFit) -> (Vec<f32>, f32) {
    let n = 1usize << FEATURE_BITS;
    let (mut w, mut sum) = (vec![0f32; n], vec![0f64; n]);
    let (mut b, mut bsum) = (0f32, 0f64);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let mut rng = SplitMix64::new(s.seed);
    let mut steps = 0f64;
    for _ in 0..s.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let c = candidates[i];
            let z = b + c.features.iter().map(|&f| w[f as usize]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - f32::from(u8::from(good(c)));
            for &f in &c.features {
                let f = f as usize;
                let before = w[f];
                w[f] -= s.rate * (g + s.l2 * before);
                sum[f] += f64::from(w[f] - before) * steps;
            }
            let before = b;
            b -= s.rate * g;
            bsum += f64::from(b - before) * steps;
            steps += 1.0;
        }
    }
    // Averaged weights by the lazy trick: w_avg = w - sum / steps.
    let avg: Vec<f32> = w
        .iter()
        .zip(&sum)
        .map(|(&w, &s)| w - (s / steps.max(1.0)) as f32)
        .collect();
    (avg, b - (bsum / steps.max(1.0)) as f32)
}

/// The probability [`GateModel`] gives each candidate with these weights.
pub fn probabilities(model: &GateModel, candidates: &[&LabelledCandidate]) -> Vec<f32> {
    candidates
        .iter()
        .map(|c| model.probability(&c.features))
        .collect()
}

/// What keeping the candidates at or above a threshold (or the hand filter's) adds: kept,
/// overlapping a gold content, with the exact span, good (overlap and speaker).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Candidates kept.
    pub kept: usize,
    /// Of them, overlapping a gold content.
    pub overlap: usize,
    /// Of them, with the exact span.
    pub exact: usize,
    /// Of them, overlapping with the right speaker (or a gold without source).
    pub good: usize,
    /// Of the overlapping ones, those whose gold has a source.
    pub with_source: usize,
}

/// Tallies the candidates `kept` accepts.
pub fn tally<'a>(
    candidates: impl IntoIterator<Item = &'a LabelledCandidate>,
    kept: impl Fn(&LabelledCandidate) -> bool,
) -> Added {
    let mut a = Added::default();
    for c in candidates.into_iter().filter(|c| kept(c)) {
        a.kept += 1;
        a.overlap += usize::from(c.overlap);
        a.exact += usize::from(c.exact);
        a.good += usize::from(good(c));
        a.with_source += usize::from(c.overlap && c.has_source);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(good: bool, features: Vec<u32>) -> LabelledCandidate {
        LabelledCandidate {
            overlap: good,
            exact: false,
            has_source: true,
            speaker_ok: good,
            hand_filter: false,
            features,
        }
    }

    #[test]
    fn the_fit_separates_a_separable_set() {
        let set: Vec<LabelledCandidate> = (0..40)
            .map(|k| cand(k % 2 == 0, vec![7, if k % 2 == 0 { 11 } else { 13 }]))
            .collect();
        let refs: Vec<&LabelledCandidate> = set.iter().collect();
        let fit_settings = GateFit {
            epochs: 10,
            rate: 0.1,
            l2: 0.0,
            seed: 1,
        };
        let (w, b) = fit(&refs, fit_settings);
        let model = GateModel::from_dense(&w, b, 0.5, 0.0);
        assert!(model.keeps(&[7, 11]));
        assert!(!model.keeps(&[7, 13]));
    }

    #[test]
    fn logs_round_trip() {
        let path = std::env::temp_dir().join(format!("gate-log-{}.tsv", std::process::id()));
        let set = vec![cand(true, vec![1, 2]), cand(false, vec![])];
        write_log(&path, &set).expect("written");
        let back = read_log(&path).expect("read");
        std::fs::remove_file(&path).ok();
        assert_eq!(back, set);
    }

    #[test]
    fn a_wrong_speaker_is_no_good() {
        let mut c = cand(true, vec![]);
        c.speaker_ok = false;
        assert!(!good(&c));
        c.has_source = false;
        assert!(good(&c));
    }
}
