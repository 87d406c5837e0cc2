//! Training the attribution content boundary model on the PolNeAR train split.
//!
//! Each article goes through the shipped reader (as in [`crate::polnear`]) and the attribution
//! rules ([`boundary_cases`]); each rule finding is paired with the annotated attribution its
//! content overlaps best (overlap / longer length ≥ 0.3, the scorer's match), and each of its two
//! edges becomes one decision among its candidate words: the gold candidate is the one whose
//! trimmed edge (the scorer's trimming) is the annotated one. Decisions whose annotated edge is
//! not among the candidates are left out. An averaged perceptron over the candidates' hashed
//! features (a fixed number of shuffled passes, a fixed seed) is fitted; the rules' edge wins
//! ties, so a model without weights is the rules. The dev split is never read here.

use std::path::Path;

use newsgraph_extract::attribution::{boundary_cases, FEATURE_BITS};

use crate::polnear::{char_index, map_split, parse_ann, read_shipped, trimmed, CharMapper};
use crate::rng::SplitMix64;

/// One edge decision: the candidates' feature buckets, the rules' choice and the annotated one.
#[derive(Debug, Clone)]
pub struct EdgeDecision {
    /// Feature buckets of each candidate.
    pub candidates: Vec<Vec<u32>>,
    /// Index of the rules' edge.
    pub rule: usize,
    /// Index of the annotated edge.
    pub gold: usize,
}

/// How the rules' edges stand against the annotated ones, over the paired findings.
#[derive(Debug, Clone, Default)]
pub struct EdgeClasses {
    /// Findings paired with an annotated attribution.
    pub paired: usize,
    /// The rules' start before / on / after the annotated one.
    pub start: [usize; 3],
    /// The rules' end before / on / after the annotated one.
    pub end: [usize; 3],
    /// Annotated edge among the candidates (start, end).
    pub reachable: [usize; 2],
}

impl EdgeClasses {
    fn add(&mut self, o: &EdgeClasses) {
        self.paired += o.paired;
        for k in 0..3 {
            self.start[k] += o.start[k];
            self.end[k] += o.end[k];
        }
        self.reachable[0] += o.reachable[0];
        self.reachable[1] += o.reachable[1];
    }
}

/// The edge decisions of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleEdges {
    /// Start decisions whose annotated edge is a candidate.
    pub starts: Vec<EdgeDecision>,
    /// End decisions whose annotated edge is a candidate.
    pub ends: Vec<EdgeDecision>,
    /// Where the rules' edges stand.
    pub classes: EdgeClasses,
}

/// The edge decisions of every article of `split`.
pub fn load_edges(root: &Path, split: &str) -> anyhow::Result<Vec<ArticleEdges>> {
    map_split(root, split, article_edges)
}

fn article_edges(path: &Path, text: &str, ann: &str) -> anyhow::Result<ArticleEdges> {
    let read = read_shipped(path)?;
    let gold = parse_ann(ann);
    let chars: Vec<char> = text.chars().collect();
    let char_at = char_index(text);
    let mut out = ArticleEdges::default();
    for article in &read {
        let mapper = CharMapper::new(&char_at, article);
        let to_char = |b: usize| mapper.char_of(b);
        let paragraphs: Vec<_> = article.body_paragraphs().collect();
        for case in boundary_cases(&article.text, &paragraphs) {
            let (cs, ce) = (to_char(case.content.start), to_char(case.content.end));
            let Some(g) = best_gold(&gold, (cs, ce)) else {
                continue;
            };
            let (gs, ge) = trimmed(&chars, g);
            let (rs, re) = trimmed(&chars, (cs, ce));
            let c = &mut out.classes;
            c.paired += 1;
            c.start[side(rs.cmp(&gs))] += 1;
            c.end[side(re.cmp(&ge))] += 1;
            let start_of = |k: usize| {
                let s = if case.starts[k].rule {
                    cs
                } else {
                    to_char(case.starts[k].span.start)
                };
                trimmed(&chars, (s, ce)).0
            };
            let end_of = |k: usize| {
                let e = if case.ends[k].rule {
                    ce
                } else {
                    to_char(case.ends[k].span.end)
                };
                trimmed(&chars, (cs, e)).1
            };
            if let Some(d) = decision(&case.starts, |k| start_of(k) == gs) {
                out.classes.reachable[0] += 1;
                out.starts.push(d);
            }
            if let Some(d) = decision(&case.ends, |k| end_of(k) == ge) {
                out.classes.reachable[1] += 1;
                out.ends.push(d);
            }
        }
    }
    Ok(out)
}

/// 0 before the annotated edge, 1 on it, 2 after it.
fn side(o: std::cmp::Ordering) -> usize {
    match o {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => 1,
        std::cmp::Ordering::Greater => 2,
    }
}

fn decision(
    cands: &[newsgraph_extract::attribution::BoundaryCandidate],
    is_gold: impl Fn(usize) -> bool,
) -> Option<EdgeDecision> {
    let rule = cands.iter().position(|c| c.rule)?;
    let gold = (0..cands.len()).find(|&k| is_gold(k))?;
    Some(EdgeDecision {
        candidates: cands.iter().map(|c| c.features.clone()).collect(),
        rule,
        gold,
    })
}

/// The annotated content that overlaps `(s, e)` best, when overlap / longer length ≥ 0.3.
fn best_gold(
    gold: &[crate::polnear::GoldAttribution],
    (s, e): (usize, usize),
) -> Option<(usize, usize)> {
    let mut best: Option<((usize, usize), f64)> = None;
    for g in gold {
        let (gs, ge) = g.content;
        let ov = ge.min(e).saturating_sub(gs.max(s));
        let longest = (ge - gs).max(e.saturating_sub(s));
        if ov == 0 || longest == 0 {
            continue;
        }
        let r = ov as f64 / longest as f64;
        if r >= 0.3 && best.is_none_or(|b| r > b.1) {
            best = Some((g.content, r));
        }
    }
    best.map(|b| b.0)
}

/// Sums the edge classes of `articles`.
pub fn classes(articles: &[&ArticleEdges]) -> EdgeClasses {
    let mut c = EdgeClasses::default();
    for a in articles {
        c.add(&a.classes);
    }
    c
}

/// The candidate the weights `w` choose: the best score, the rules' edge on a tie.
pub fn choose(w: &[f32], d: &EdgeDecision) -> usize {
    let score = |f: &[u32]| -> f32 {
        f.iter()
            .map(|&b| w.get(b as usize).copied().unwrap_or(0.0))
            .sum()
    };
    let mut best = (d.rule, d.candidates.get(d.rule).map_or(0.0, |f| score(f)));
    for (k, f) in d.candidates.iter().enumerate() {
        let s = score(f);
        if s > best.1 {
            best = (k, s);
        }
    }
    best.0
}

/// Fits an averaged perceptron on `decisions` for `epochs` shuffled passes (`seed`).
pub fn fit(decisions: &[&EdgeDecision], epochs: usize, seed: u64) -> Vec<f32> {
    let n = 1usize << FEATURE_BITS;
    let (mut w, mut u) = (vec![0f32; n], vec![0f32; n]);
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..decisions.len()).collect();
    let mut rng = SplitMix64::new(seed);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let d = decisions[k];
            let pred = choose(&w, d);
            if pred != d.gold {
                for (cand, sign) in [(d.gold, 1f32), (pred, -1f32)] {
                    for &f in &d.candidates[cand] {
                        let f = f as usize & (n - 1);
                        w[f] += sign;
                        u[f] += sign * c;
                    }
                }
            }
            c += 1.0;
        }
    }
    w.iter().zip(&u).map(|(w, u)| w - u / c).collect()
}

/// Accuracy (percent) of the rules' edge and of the weights' choice on `decisions`.
pub fn accuracy(w: &[f32], decisions: &[&EdgeDecision]) -> (f64, f64) {
    let n = decisions.len().max(1) as f64;
    let rule = decisions.iter().filter(|d| d.rule == d.gold).count() as f64;
    let model = decisions.iter().filter(|d| choose(w, d) == d.gold).count() as f64;
    (100.0 * rule / n, 100.0 * model / n)
}

/// The model file: a provenance header, the margin an edge must win by, and `<bucket> <weight>`
/// for weights of magnitude ≥ `prune`.
pub fn model_file(w: &[f32], prune: f32, margin: f32, header: &[String]) -> String {
    let mut out = String::new();
    for h in header {
        out.push_str("# ");
        out.push_str(h);
        out.push('\n');
    }
    out.push_str(&format!("margin {margin}\n"));
    for (k, w) in w.iter().enumerate() {
        if w.abs() >= prune {
            out.push_str(&format!("{k} {w:.2}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perceptron_learns_to_leave_the_rules_edge() {
        // The rules take candidate 0; the annotated edge is the candidate with feature 7.
        let d = |gold_first: bool| EdgeDecision {
            candidates: if gold_first {
                vec![vec![1, 7], vec![2, 8]]
            } else {
                vec![vec![1, 8], vec![2, 7]]
            },
            rule: 0,
            gold: usize::from(!gold_first),
        };
        let data = [d(true), d(false)];
        let refs: Vec<&EdgeDecision> = data.iter().cycle().take(40).collect();
        let w = fit(&refs, 3, 1);
        let (rule, model) = accuracy(&w, &refs);
        assert!((rule - 50.0).abs() < 1e-9, "{rule}");
        assert!((model - 100.0).abs() < 1e-9, "{model}");
        let file = model_file(&w, 0.01, 0.0, &["x".into()]);
        assert!(file.starts_with("# x\n") && file.lines().count() > 1);
    }
}
