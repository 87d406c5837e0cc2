//! Training the attribution sequence tagger on the PolNeAR train split.
//!
//! Each article goes through the shipped reader (as in [`crate::polnear`]); the attribution
//! stage's paragraphs come from [`tagger_sequences`] with their tokens' hashed features, and each
//! token takes the tag of the annotated `Source`, `Cue` or `Content` span it lies in (B on a
//! span's first token, I after it, O outside). A structured averaged perceptron (Collins 2002)
//! with constrained Viterbi decoding is fitted for a fixed number of shuffled passes with a fixed
//! seed. The dev split is never read here.

use std::path::Path;

use newsgraph_extract::attribution::{
    tagger_sequences, viterbi, TaggerModel, FEATURE_BITS, N_TAGS, TAGS,
};

use crate::polnear::{
    char_index, map_split, other_annotations, read_article, read_shipped, CharMapper,
};
use crate::rng::SplitMix64;

/// One paragraph: its tokens' feature buckets and gold tags.
#[derive(Debug, Clone)]
pub struct TaggedParagraph {
    /// Each token's hashed feature buckets.
    pub features: Vec<Vec<u32>>,
    /// Each token's annotated tag (an index into `TAGS`).
    pub gold: Vec<usize>,
}

/// The paragraphs of every article of `split`, one list per article. With `every_annotator`, an
/// article that two annotators marked up gives its paragraphs once per annotation file (the
/// second annotator's after the first's, in the same list, so a tenth keeps both or neither).
pub fn load_paragraphs(
    root: &Path,
    split: &str,
    every_annotator: bool,
) -> anyhow::Result<Vec<Vec<TaggedParagraph>>> {
    let mut per_article = map_split(root, split, |path, text, ann| {
        article_paragraphs(path, text, &role_spans(ann))
    })?;
    if every_annotator {
        for (k, text_path, ann_path) in other_annotations(root, split)? {
            let (text, ann) = read_article(&text_path, &ann_path)?;
            if let Some(article) = per_article.get_mut(k) {
                article.extend(article_paragraphs(&text_path, &text, &role_spans(&ann))?);
            }
        }
    }
    Ok(per_article)
}

/// The B tag of a cue span in [`role_spans`].
pub const CUE_TAG: usize = 3;

/// The character spans of the `Source` (1), `Cue` (3) and `Content` (5) annotations of a brat
/// file, each part of a discontinuous span apart, with the B tag of its kind.
pub fn role_spans(ann: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let Some(typed) = line.split('\t').nth(1) else {
            continue;
        };
        let Some((kind, offsets)) = typed.split_once(' ') else {
            continue;
        };
        let tag = match kind {
            "Source" => 1,
            "Cue" => CUE_TAG,
            "Content" | "Content2" => 5,
            _ => continue,
        };
        for part in offsets.split(';') {
            let mut it = part.split_whitespace().map(str::parse::<usize>);
            if let (Some(Ok(s)), Some(Ok(e))) = (it.next(), it.next()) {
                out.push((s, e, tag));
            }
        }
    }
    out
}

fn article_paragraphs(
    path: &Path,
    text: &str,
    spans: &[(usize, usize, usize)],
) -> anyhow::Result<Vec<TaggedParagraph>> {
    let read = read_shipped(path)?;
    let char_at = char_index(text);
    let mut out = Vec::new();
    for article in &read {
        let mapper = CharMapper::new(&char_at, article);
        let to_char = |b: usize| mapper.char_of(b);
        let paragraphs: Vec<_> = article.body_paragraphs().collect();
        for seq in tagger_sequences(&article.text, &paragraphs) {
            let mut gold = Vec::with_capacity(seq.spans.len());
            let mut prev_span: Option<usize> = None;
            for sp in &seq.spans {
                let (s, e) = (to_char(sp.start), to_char(sp.end));
                let hit = spans.iter().position(|&(gs, ge, _)| gs <= s && e <= ge);
                gold.push(match hit {
                    None => 0,
                    Some(k) if prev_span == Some(k) => spans[k].2 + 1,
                    Some(k) => spans[k].2,
                });
                prev_span = hit;
            }
            out.push(TaggedParagraph {
                features: seq.features,
                gold,
            });
        }
    }
    Ok(out)
}

/// Dense perceptron weights (`bucket * N_TAGS + tag`) and transitions, with the running sums the
/// average is taken from.
struct Perceptron {
    w: Vec<f32>,
    w_sum: Vec<f32>,
    tr: [[f32; N_TAGS]; N_TAGS],
    tr_sum: [[f32; N_TAGS]; N_TAGS],
    step: f32,
}

impl Perceptron {
    fn new() -> Self {
        let n = (1usize << FEATURE_BITS) * N_TAGS;
        Perceptron {
            w: vec![0.0; n],
            w_sum: vec![0.0; n],
            tr: [[0.0; N_TAGS]; N_TAGS],
            tr_sum: [[0.0; N_TAGS]; N_TAGS],
            step: 1.0,
        }
    }

    fn decode(&self, p: &TaggedParagraph) -> Vec<usize> {
        let emissions: Vec<[f32; N_TAGS]> = p
            .features
            .iter()
            .map(|fs| {
                let mut e = [0.0; N_TAGS];
                for &f in fs {
                    let row = &self.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (x, w) in e.iter_mut().zip(row) {
                        *x += w;
                    }
                }
                e
            })
            .collect();
        viterbi(&emissions, &self.tr)
    }

    /// One perceptron update towards `gold` and away from `predicted`.
    fn update(&mut self, p: &TaggedParagraph, predicted: &[usize]) {
        let c = self.step;
        for (i, (&g, &y)) in p.gold.iter().zip(predicted).enumerate() {
            if g != y {
                for &f in &p.features[i] {
                    let k = f as usize * N_TAGS;
                    self.w[k + g] += 1.0;
                    self.w[k + y] -= 1.0;
                    self.w_sum[k + g] += c;
                    self.w_sum[k + y] -= c;
                }
            }
            if i > 0 && (p.gold[i - 1], g) != (predicted[i - 1], y) {
                self.tr[p.gold[i - 1]][g] += 1.0;
                self.tr[predicted[i - 1]][y] -= 1.0;
                self.tr_sum[p.gold[i - 1]][g] += c;
                self.tr_sum[predicted[i - 1]][y] -= c;
            }
        }
    }

    /// The averaged model, buckets with a weight below `prune` left out.
    fn averaged(&self, prune: f32) -> TaggerModel {
        let c = self.step;
        let w: Vec<f32> = self
            .w
            .iter()
            .zip(&self.w_sum)
            .map(|(w, s)| w - s / c)
            .collect();
        let mut tr = self.tr;
        for (row, sums) in tr.iter_mut().zip(&self.tr_sum) {
            for (x, s) in row.iter_mut().zip(sums) {
                *x -= s / c;
            }
        }
        TaggerModel::from_dense(&w, tr, prune)
    }
}

/// Fits the tagger: `epochs` shuffled passes (seeded) of the structured perceptron; returns the
/// averaged model and the share of paragraphs decoded wrong in each pass.
pub fn fit(
    paragraphs: &[&TaggedParagraph],
    epochs: usize,
    seed: u64,
    prune: f32,
) -> (TaggerModel, Vec<f64>) {
    let mut p = Perceptron::new();
    let mut order: Vec<usize> = (0..paragraphs.len()).collect();
    let mut rng = SplitMix64::new(seed);
    let mut errors = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        let mut wrong = 0usize;
        for &k in &order {
            let para = paragraphs[k];
            let predicted = p.decode(para);
            if predicted != para.gold {
                wrong += 1;
                p.update(para, &predicted);
            }
            p.step += 1.0;
        }
        errors.push(wrong as f64 / paragraphs.len().max(1) as f64);
    }
    (p.averaged(prune), errors)
}

/// Token accuracy and content-token F1 of `model` on `paragraphs` (a training-time check).
pub fn token_scores(model: &TaggerModel, paragraphs: &[&TaggedParagraph]) -> (f64, f64) {
    let (mut right, mut all, mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize, 0, 0);
    let content = |t: usize| TAGS[t].ends_with("CON");
    for p in paragraphs {
        let y = model.decode(&p.features);
        for (&g, &t) in p.gold.iter().zip(&y) {
            all += 1;
            right += usize::from(g == t);
            tp += usize::from(content(g) && content(t));
            pred += usize::from(content(t));
            gold += usize::from(content(g));
        }
    }
    let f1 = 200.0 * tp as f64 / (pred + gold).max(1) as f64;
    (100.0 * right as f64 / all.max(1) as f64, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_spans_keep_kinds_and_parts() {
        let ann = "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx y\n";
        assert_eq!(
            role_spans(ann),
            vec![(0, 5, 1), (6, 10, 3), (11, 20, 5), (25, 30, 5)]
        );
    }

    #[test]
    fn fitting_learns_a_separable_tagging() {
        // Feature 1 marks content tokens, feature 2 the rest.
        let para = TaggedParagraph {
            features: vec![vec![2], vec![1], vec![1], vec![2]],
            gold: vec![0, 5, 6, 0],
        };
        let (model, _) = fit(&[&para], 5, 1, 0.0);
        assert_eq!(model.decode(&para.features), para.gold);
    }
}
