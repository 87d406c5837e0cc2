//! Word clusters learnt from unlabelled news, a cheap stand-in for Brown clusters.
//!
//! Each frequent word gets a vector of positive PMI with its left and right neighbours (among the
//! most frequent words), randomly projected to a few dozen dimensions; spherical k-means groups the
//! words into fine clusters, and k-means over the fine centroids gives the coarser levels. All
//! randomness comes from the seed, so the same corpus and seed give the same clusters.

use rustc_hash::FxHashMap;

use crate::rng::SplitMix64 as Rng;
use newsgraph_nlp::ner::features::{normalize, Clusters, CLUSTER_LEVELS, NO_CLUSTER};

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Fewest occurrences for a word to be clustered.
    pub min_count: u32,
    /// Most words clustered (the most frequent).
    pub max_vocab: usize,
    /// The most frequent words used as context features.
    pub context_words: usize,
    /// Dimensions of the random projection of the PPMI vectors.
    pub dims: usize,
    /// Cluster counts from coarse to fine.
    pub levels: [usize; 3],
    /// k-means iterations per level.
    pub iterations: usize,
    /// Seed of the projection and of the k-means start.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 3,
            max_vocab: 60_000,
            context_words: 2_000,
            dims: 80,
            levels: [32, 128, 640],
            iterations: 10,
            seed: 1,
        }
    }
}

/// Marks a paragraph boundary in the token id sequence.
const EDGE: u32 = u32::MAX;

/// The corpus as word ids, with the vocabulary and each word's frequency.
struct TokenCorpus {
    words: Vec<String>,
    freq: Vec<u32>,
    /// Word ids; [`EDGE`] between paragraphs.
    ids: Vec<u32>,
}

/// Learns clusters from `texts` (each a document; lines are paragraphs).
pub fn build<'a>(
    texts: impl Iterator<Item = &'a str>,
    opts: &ClusterOptions,
    log: &mut dyn FnMut(String),
) -> Clusters {
    let corpus = token_corpus(texts);
    log(format!(
        "cluster corpus: {} tokens, {} types",
        corpus.ids.len(),
        corpus.words.len()
    ));
    let cooc = Cooccurrence::count(&corpus, opts);
    let mut rng = Rng::new(opts.seed);
    let vectors = cooc.projected_ppmi(opts.dims, &mut rng);
    log(format!("clustering {} words", cooc.vocab.len()));
    let levels = cluster_levels(&vectors, opts, cooc.vocab.len(), &mut rng);
    let map = cooc
        .vocab
        .iter()
        .enumerate()
        .map(|(slot, &w)| {
            let mut ids = [NO_CLUSTER; CLUSTER_LEVELS];
            ids[..3].copy_from_slice(&levels(slot));
            (corpus.words[w as usize].clone(), ids)
        })
        .collect();
    Clusters { map }
}

fn token_corpus<'a>(texts: impl Iterator<Item = &'a str>) -> TokenCorpus {
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut c = TokenCorpus {
        words: Vec::new(),
        freq: Vec::new(),
        ids: Vec::new(),
    };
    for text in texts {
        for line in text.lines() {
            c.ids.push(EDGE);
            for tok in newsgraph_nlp::tokenize(line) {
                let w = normalize(tok.text(line));
                let id = match index.get(w.as_ref()) {
                    Some(&id) => id,
                    None => {
                        let id = c.words.len() as u32;
                        index.insert(w.to_string(), id);
                        c.words.push(w.to_string());
                        c.freq.push(0);
                        id
                    }
                };
                c.freq[id as usize] += 1;
                c.ids.push(id);
            }
        }
    }
    c.ids.push(EDGE);
    c
}

/// Left and right neighbour counts of the vocabulary words.
struct Cooccurrence {
    /// Word ids of the clustered vocabulary, most frequent first.
    vocab: Vec<u32>,
    /// Per vocabulary slot: feature (side * context dimension + context word) → count.
    counts: Vec<FxHashMap<u32, u32>>,
    feature_totals: Vec<f64>,
}

impl Cooccurrence {
    fn count(corpus: &TokenCorpus, opts: &ClusterOptions) -> Self {
        let (freq, words) = (&corpus.freq, &corpus.words);
        // Vocabulary and context words by frequency (ties by word for reproducibility).
        let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
        by_freq.sort_by(|&a, &b| {
            freq[b as usize]
                .cmp(&freq[a as usize])
                .then(words[a as usize].cmp(&words[b as usize]))
        });
        let vocab: Vec<u32> = by_freq
            .iter()
            .copied()
            .filter(|&w| freq[w as usize] >= opts.min_count)
            .take(opts.max_vocab)
            .collect();
        let mut vocab_slot = vec![u32::MAX; words.len()];
        for (k, &w) in vocab.iter().enumerate() {
            vocab_slot[w as usize] = k as u32;
        }
        let mut context_slot = vec![u32::MAX; words.len()];
        for (k, &w) in by_freq.iter().take(opts.context_words).enumerate() {
            context_slot[w as usize] = k as u32;
        }
        let ctx_dim = opts.context_words + 2; // + boundary + other
        let ctx_of = |id: u32| -> usize {
            match id {
                EDGE => opts.context_words,
                _ => match context_slot[id as usize] {
                    u32::MAX => opts.context_words + 1,
                    s => s as usize,
                },
            }
        };
        let mut counts: Vec<FxHashMap<u32, u32>> = vec![FxHashMap::default(); vocab.len()];
        let mut feature_totals = vec![0f64; 2 * ctx_dim];
        let ids = &corpus.ids;
        for k in 1..ids.len().saturating_sub(1) {
            let id = ids[k];
            if id == EDGE || vocab_slot[id as usize] == u32::MAX {
                continue;
            }
            let slot = vocab_slot[id as usize] as usize;
            for f in [ctx_of(ids[k - 1]), ctx_dim + ctx_of(ids[k + 1])] {
                *counts[slot].entry(f as u32).or_insert(0) += 1;
                feature_totals[f] += 1.0;
            }
        }
        Cooccurrence {
            vocab,
            counts,
            feature_totals,
        }
    }

    /// Positive-PMI vectors randomly projected to `dims` dimensions, unit length, row-major.
    fn projected_ppmi(&self, dims: usize, rng: &mut Rng) -> Vec<f32> {
        let total: f64 = self.feature_totals.iter().sum();
        let projection: Vec<f32> = (0..self.feature_totals.len() * dims)
            .map(|_| if rng.next_u64() & 1 == 0 { 1.0 } else { -1.0 })
            .collect();
        let mut vectors = vec![0f32; self.vocab.len() * dims];
        for (slot, counts) in self.counts.iter().enumerate() {
            let word_total: f64 = counts.values().map(|&c| c as f64).sum();
            let v = &mut vectors[slot * dims..(slot + 1) * dims];
            let mut entries: Vec<(&u32, &u32)> = counts.iter().collect();
            entries.sort();
            for (&f, &c) in entries {
                let pmi =
                    ((c as f64 * total) / (word_total * self.feature_totals[f as usize])).ln();
                if pmi > 0.0 {
                    let r = &projection[f as usize * dims..(f as usize + 1) * dims];
                    for (x, p) in v.iter_mut().zip(r) {
                        *x += pmi as f32 * p;
                    }
                }
            }
            normalize_vec(v);
        }
        vectors
    }
}

/// Fine clusters by k-means over the word vectors, then mid and coarse ones over the centroids;
/// returns each vocabulary slot's `[coarse, mid, fine]` cluster.
fn cluster_levels(
    vectors: &[f32],
    opts: &ClusterOptions,
    vocab_len: usize,
    rng: &mut Rng,
) -> impl Fn(usize) -> [u16; 3] {
    let dims = opts.dims;
    let fine = opts.levels[2].min(vocab_len.max(1));
    let (fine_assign, fine_centroids) = kmeans(vectors, dims, fine, opts.iterations, rng);
    let mid = opts.levels[1].min(fine);
    let (mid_assign, mid_centroids) = kmeans(&fine_centroids, dims, mid, opts.iterations * 2, rng);
    let coarse = opts.levels[0].min(mid);
    let (coarse_assign, _) = kmeans(&mid_centroids, dims, coarse, opts.iterations * 2, rng);
    move |slot| {
        let f = fine_assign[slot] as usize;
        let m = mid_assign.get(f).copied().unwrap_or(0) as usize;
        let c = coarse_assign.get(m).copied().unwrap_or(0);
        [c, m as u16, f as u16]
    }
}

fn normalize_vec(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

/// Spherical k-means; returns assignments and unit centroids.
fn kmeans(
    points: &[f32],
    dims: usize,
    k: usize,
    iterations: usize,
    rng: &mut Rng,
) -> (Vec<u16>, Vec<f32>) {
    let n = points.len() / dims.max(1);
    if n == 0 || k == 0 {
        return (vec![0; n], Vec::new());
    }
    let k = k.min(n);
    let mut chosen: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut chosen);
    let mut centroids: Vec<f32> = chosen[..k]
        .iter()
        .flat_map(|&i| points[i * dims..(i + 1) * dims].iter().copied())
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iterations {
        for (i, a) in assign.iter_mut().enumerate() {
            let p = &points[i * dims..(i + 1) * dims];
            let mut best = 0;
            let mut best_sim = f32::NEG_INFINITY;
            for c in 0..k {
                let q = &centroids[c * dims..(c + 1) * dims];
                let sim: f32 = p.iter().zip(q).map(|(x, y)| x * y).sum();
                if sim > best_sim {
                    best_sim = sim;
                    best = c;
                }
            }
            *a = best as u16;
        }
        let mut sums = vec![0f32; k * dims];
        let mut sizes = vec![0usize; k];
        for (i, &a) in assign.iter().enumerate() {
            sizes[a as usize] += 1;
            for (s, x) in sums[a as usize * dims..(a as usize + 1) * dims]
                .iter_mut()
                .zip(&points[i * dims..(i + 1) * dims])
            {
                *s += x;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                // Re-seed an empty cluster with a random point.
                let i = rng.below(n);
                sums[c * dims..(c + 1) * dims].copy_from_slice(&points[i * dims..(i + 1) * dims]);
            }
            normalize_vec(&mut sums[c * dims..(c + 1) * dims]);
        }
        centroids = sums;
    }
    (assign, centroids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_clusters() {
        let mut text = String::new();
        for day in ["Monday", "Tuesday", "Friday"] {
            for _ in 0..5 {
                text.push_str(&format!("He said on {day} that it rose .\n"));
            }
        }
        for city in ["Paris", "London", "Berlin"] {
            for _ in 0..5 {
                text.push_str(&format!("She lives in {city} with friends .\n"));
            }
        }
        let opts = ClusterOptions {
            min_count: 2,
            context_words: 20,
            dims: 16,
            levels: [2, 2, 2],
            iterations: 10,
            ..Default::default()
        };
        let c = build(std::iter::once(text.as_str()), &opts, &mut |_| {});
        let id = |w: &str| c.map.get(w).map(|x| x[2]);
        assert_eq!(id("Monday"), id("Friday"));
        assert_eq!(id("Paris"), id("Berlin"));
    }
}
