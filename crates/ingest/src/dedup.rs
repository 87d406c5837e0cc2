//! Near-duplicate clustering (MinHash + LSH) and exact duplicates by content hash.
//!
//! [`Deduper::assign`] is streaming: each article is compared with the *first article* of every
//! cluster seen so far (its representative) and joins the most similar one whose estimated
//! Jaccard similarity over word shingles reaches the threshold; otherwise it founds a cluster of
//! its own (id = its content hash, similarity 1.0). Exact copies (same content hash as a
//! representative) join without hashing.
//!
//! Memory is bounded: only representatives are indexed (a 128 × u32 signature and their band
//! keys, about 1 KiB each), plus one 16-byte hash prefix → cluster entry per article (~60 bytes)
//! so exact copies land where their first copy did. Both live in two generations; when the newer
//! one holds half of [`DedupConfig::max_representatives`] representatives (or twice that many
//! hash entries), the older is dropped. Near-duplicate news appears close together in time, so
//! the window is what matters.
//!
//! Signatures: text lowercased, split into alphanumeric words; every run of `shingle_words` words
//! is hashed to 64 bits; each of the 128 hash functions is `(a·x + b) >> 32` with odd random `a`
//! (multiply-shift); the signature keeps each function's minimum. LSH splits it into `bands`
//! bands; two texts become candidates when a whole band agrees, and candidates are verified on
//! the full signature.

use std::collections::HashMap;

use newsgraph_model::{content_id, Article, Cluster};

/// Hash functions per signature.
pub const NUM_HASHES: usize = 128;

/// Tuning of the clustering.
#[derive(Debug, Clone)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle_words: usize,
    /// Minimum estimated Jaccard similarity to join a cluster.
    pub threshold: f64,
    /// LSH bands (rows per band = `NUM_HASHES / bands`).
    pub bands: usize,
    /// Representatives kept (over two generations) before the oldest are forgotten.
    pub max_representatives: usize,
    /// Representatives one bucket may hold; more are not indexed there (boilerplate-heavy buckets
    /// would otherwise make every lookup slow).
    pub max_bucket: usize,
    /// Seed of the hash functions (a fixed default keeps cluster ids reproducible).
    pub seed: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle_words: 4,
            threshold: 0.4,
            bands: 42,
            max_representatives: 200_000,
            max_bucket: 64,
            seed: 0x6e65_7773_6772_6170,
        }
    }
}

/// SplitMix64: the seed expander and final mixer.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A MinHash signature.
pub type Signature = [u32; NUM_HASHES];

/// Computes signatures for one configuration.
#[derive(Debug, Clone)]
pub struct MinHasher {
    mul: [u64; NUM_HASHES],
    add: [u64; NUM_HASHES],
    shingle_words: usize,
}

impl MinHasher {
    /// A hasher over shingles of `shingle_words` words, its hash functions drawn from `seed`.
    pub fn new(shingle_words: usize, seed: u64) -> Self {
        let mut mul = [0u64; NUM_HASHES];
        let mut add = [0u64; NUM_HASHES];
        let mut state = seed;
        for (m, a) in mul.iter_mut().zip(add.iter_mut()) {
            state = splitmix(state);
            *m = state | 1;
            state = splitmix(state);
            *a = state;
        }
        MinHasher {
            mul,
            add,
            shingle_words: shingle_words.max(1),
        }
    }

    /// The signature of `text`, or None when it has no words.
    pub fn signature(&self, text: &str) -> Option<Signature> {
        let words = word_hashes(text);
        if words.is_empty() {
            return None;
        }
        let k = self.shingle_words.min(words.len());
        let mut sig = [u32::MAX; NUM_HASHES];
        for window in words.windows(k) {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for w in window {
                h = (h.rotate_left(23) ^ w).wrapping_mul(0x0000_0100_0000_01b3);
            }
            let x = splitmix(h);
            for ((s, m), a) in sig.iter_mut().zip(self.mul.iter()).zip(self.add.iter()) {
                let v = (m.wrapping_mul(x).wrapping_add(*a) >> 32) as u32;
                if v < *s {
                    *s = v;
                }
            }
        }
        Some(sig)
    }
}

/// 64-bit hashes of the lowercased alphanumeric words of `text` (FNV-1a over chars, then mixed).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut h = 0u64;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                h = 0xcbf2_9ce4_8422_2325;
                in_word = true;
            }
            for l in c.to_lowercase() {
                h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0000_0100_0000_01b3);
            }
        } else if in_word {
            out.push(splitmix(h));
            in_word = false;
        }
    }
    if in_word {
        out.push(splitmix(h));
    }
    out
}

/// Share of equal positions: the MinHash estimate of Jaccard similarity.
pub fn estimated_jaccard(a: &Signature, b: &Signature) -> f64 {
    let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    same as f64 / NUM_HASHES as f64
}

/// One generation of representatives and their LSH buckets.
#[derive(Default)]
struct Generation {
    signatures: Vec<Signature>,
    ids: Vec<[u8; 32]>,
    /// Bucket key → (first chain entry, entries).
    heads: HashMap<u32, (u32, u32)>,
    /// Chain entries: (representative, next entry or u32::MAX).
    chain: Vec<(u32, u32)>,
    /// Content-hash prefix of every article assigned while this generation was current → its
    /// cluster id and similarity, so exact copies always land where their first copy did.
    exact: HashMap<u128, ([u8; 32], f32)>,
}

impl Generation {
    fn len(&self) -> usize {
        self.ids.len()
    }

    fn approx_bytes(&self) -> usize {
        self.signatures.capacity() * std::mem::size_of::<Signature>()
            + self.ids.capacity() * 32
            + self.heads.capacity() * 13
            + self.chain.capacity() * 8
            + self.exact.capacity() * 53
    }
}

/// Streaming near-duplicate clustering; see the module documentation.
pub struct Deduper {
    config: DedupConfig,
    hasher: MinHasher,
    rows: usize,
    current: Generation,
    previous: Generation,
    clusters: usize,
    candidates: Vec<(u8, u32)>,
}

impl Deduper {
    /// A deduper with `config`; the band count is clamped to the number of hashes.
    pub fn new(config: DedupConfig) -> Self {
        let bands = config.bands.clamp(1, NUM_HASHES);
        let rows = NUM_HASHES / bands;
        let hasher = MinHasher::new(config.shingle_words, config.seed);
        Deduper {
            config: DedupConfig { bands, ..config },
            hasher,
            rows,
            current: Generation::default(),
            previous: Generation::default(),
            clusters: 0,
            candidates: Vec::new(),
        }
    }

    /// The configuration in use (after clamping).
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Clusters founded so far (including forgotten ones).
    pub fn clusters_created(&self) -> usize {
        self.clusters
    }

    /// Approximate heap bytes held by the index.
    pub fn approx_memory_bytes(&self) -> usize {
        self.current.approx_bytes() + self.previous.approx_bytes()
    }

    /// Sets `article.cluster`: the cluster of the most similar representative at or above the
    /// threshold, or a new cluster founded by this article (its own content hash, similarity 1.0).
    pub fn assign(&mut self, article: &mut Article) {
        let id = id_bytes(article);
        let prefix = u128::from_be_bytes(
            id.get(..16)
                .and_then(|s| s.try_into().ok())
                .unwrap_or([0; 16]),
        );
        for generation in [&self.current, &self.previous] {
            if let Some(&(cluster, similarity)) = generation.exact.get(&prefix) {
                article.cluster = Some(Cluster {
                    id: hex::encode(cluster),
                    similarity: f64::from(similarity),
                });
                return;
            }
        }
        let signature = self.hasher.signature(&article.text);
        if let Some(sig) = &signature {
            if let Some((rep_id, similarity)) = self.best_match(sig) {
                article.cluster = Some(Cluster {
                    id: hex::encode(rep_id),
                    similarity,
                });
                self.remember_exact(prefix, rep_id, similarity);
                return;
            }
        }
        article.cluster = Some(Cluster {
            id: hex::encode(id),
            similarity: 1.0,
        });
        self.clusters += 1;
        self.insert(id, signature);
        self.remember_exact(prefix, id, 1.0);
    }

    fn remember_exact(&mut self, prefix: u128, cluster: [u8; 32], similarity: f64) {
        if self.current.exact.len() >= self.config.max_representatives.max(2) * 2 {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current
            .exact
            .insert(prefix, (cluster, similarity as f32));
    }

    fn band_key(&self, sig: &Signature, band: usize) -> u32 {
        let start = band * self.rows;
        let mut h = splitmix(band as u64 ^ 0x5bd1_e995);
        for v in sig.get(start..start + self.rows).unwrap_or(&[]) {
            h = splitmix(h ^ u64::from(*v));
        }
        h as u32
    }

    fn best_match(&mut self, sig: &Signature) -> Option<([u8; 32], f64)> {
        self.candidates.clear();
        for band in 0..self.config.bands {
            let key = self.band_key(sig, band);
            for (g, generation) in [&self.current, &self.previous].into_iter().enumerate() {
                let Some(&(mut entry, _)) = generation.heads.get(&key) else {
                    continue;
                };
                while let Some(&(rep, next)) = generation.chain.get(entry as usize) {
                    self.candidates.push((g as u8, rep));
                    entry = next;
                }
            }
        }
        self.candidates.sort_unstable();
        self.candidates.dedup();
        let mut best: Option<([u8; 32], f64)> = None;
        for &(g, rep) in &self.candidates {
            let generation = if g == 0 {
                &self.current
            } else {
                &self.previous
            };
            let (Some(other), Some(id)) = (
                generation.signatures.get(rep as usize),
                generation.ids.get(rep as usize),
            ) else {
                continue;
            };
            let similarity = estimated_jaccard(sig, other);
            if similarity >= self.config.threshold
                && best.as_ref().is_none_or(|(_, s)| similarity > *s)
            {
                best = Some((*id, similarity));
            }
        }
        best
    }

    fn insert(&mut self, id: [u8; 32], signature: Option<Signature>) {
        if self.current.len() >= (self.config.max_representatives / 2).max(1) {
            self.previous = std::mem::take(&mut self.current);
        }
        let rep = self.current.len() as u32;
        self.current.ids.push(id);
        let sig = signature.unwrap_or([u32::MAX; NUM_HASHES]);
        if signature.is_some() {
            for band in 0..self.config.bands {
                let key = self.band_key(&sig, band);
                let next_entry = self.current.chain.len() as u32;
                let head = self.current.heads.entry(key).or_insert((u32::MAX, 0));
                if head.1 as usize >= self.config.max_bucket {
                    continue;
                }
                self.current.chain.push((rep, head.0));
                *head = (next_entry, head.1 + 1);
            }
        }
        self.current.signatures.push(sig);
    }
}

/// The article's content hash as bytes (its `id`, or the hash of its text if `id` is not hex).
fn id_bytes(article: &Article) -> [u8; 32] {
    let mut out = [0u8; 32];
    if hex::decode_to_slice(&article.id, &mut out).is_ok() {
        return out;
    }
    let _ = hex::decode_to_slice(content_id(&article.text), &mut out);
    out
}

/// Pair-level precision and recall of a clustering against gold groups.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairScores {
    /// Share of predicted same-cluster pairs that are gold pairs.
    pub precision: f64,
    /// Share of gold pairs that were predicted.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Pairs of items in the same gold group.
    pub gold_pairs: u64,
    /// Pairs of items in the same predicted cluster.
    pub predicted_pairs: u64,
    /// Predicted pairs that are also gold pairs.
    pub true_pairs_found: u64,
}

/// Scores predicted cluster labels against gold group labels, over all pairs of items: a pair is
/// predicted when both items share a cluster, true when both share a gold group.
pub fn pair_scores<C: std::hash::Hash + Eq, G: std::hash::Hash + Eq>(
    predicted: &[C],
    gold: &[G],
) -> PairScores {
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut by_pred: HashMap<&C, u64> = HashMap::new();
    let mut by_gold: HashMap<&G, u64> = HashMap::new();
    let mut by_both: HashMap<(&C, &G), u64> = HashMap::new();
    for (c, g) in predicted.iter().zip(gold.iter()) {
        *by_pred.entry(c).or_default() += 1;
        *by_gold.entry(g).or_default() += 1;
        *by_both.entry((c, g)).or_default() += 1;
    }
    let predicted_pairs: u64 = by_pred.values().map(|&n| pairs(n)).sum();
    let gold_pairs: u64 = by_gold.values().map(|&n| pairs(n)).sum();
    let found: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let precision = if predicted_pairs == 0 {
        1.0
    } else {
        found as f64 / predicted_pairs as f64
    };
    let recall = if gold_pairs == 0 {
        1.0
    } else {
        found as f64 / gold_pairs as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    PairScores {
        precision,
        recall,
        f1,
        gold_pairs,
        predicted_pairs,
        true_pairs_found: found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::Source;

    fn article(text: &str) -> Article {
        Article::new(text.to_string(), Source::default())
    }

    const STORY: &str = "The central bank raised its key interest rate by a quarter point on Wednesday, \
        the third increase this year, saying inflation remained too high even as growth slowed. \
        Officials signalled that further moves would depend on data in the coming months, and markets \
        rallied after the announcement as investors had expected a larger rise.";

    #[test]
    fn near_copies_join_and_others_do_not() {
        let mut d = Deduper::new(DedupConfig::default());
        let mut first = article(STORY);
        d.assign(&mut first);
        let first_cluster = first.cluster.clone().unwrap();
        assert_eq!(first_cluster.id, first.id);
        assert_eq!(first_cluster.similarity, 1.0);

        let mut exact = article(STORY);
        d.assign(&mut exact);
        assert_eq!(exact.cluster, Some(first_cluster.clone()));

        let edited =
            STORY.replace("Wednesday", "Thursday").replace('\n', " ") + " Share this story.";
        let mut near = article(&edited);
        d.assign(&mut near);
        let c = near.cluster.unwrap();
        assert_eq!(c.id, first_cluster.id);
        assert!(c.similarity > 0.6 && c.similarity < 1.0, "{}", c.similarity);

        let mut other = article("The football club signed a new striker from Brazil for a record fee on Monday, the manager said.");
        d.assign(&mut other);
        assert_eq!(other.cluster.unwrap().id, other.id);
        assert_eq!(d.clusters_created(), 2);
    }

    #[test]
    fn empty_and_tiny_texts_do_not_panic() {
        let mut d = Deduper::new(DedupConfig::default());
        for t in ["", "  ", "a", "a b", "é!"] {
            let mut a = article(t);
            d.assign(&mut a);
            assert!(a.cluster.is_some());
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let cfg = DedupConfig {
            max_representatives: 100,
            ..Default::default()
        };
        let mut d = Deduper::new(cfg);
        for i in 0..1000 {
            let mut a = article(&format!(
                "story number {i} about topic {} with words {}",
                i * 7,
                i * 13
            ));
            d.assign(&mut a);
        }
        assert!(d.current.len() + d.previous.len() <= 100);
    }

    #[test]
    fn signature_estimates_jaccard() {
        let h = MinHasher::new(1, 7);
        let a: String = (0..100).map(|i| format!("w{i} ")).collect();
        let b: String = (50..150).map(|i| format!("w{i} ")).collect();
        let j = estimated_jaccard(&h.signature(&a).unwrap(), &h.signature(&b).unwrap());
        assert!((j - 1.0 / 3.0).abs() < 0.12, "{j}");
    }

    #[test]
    fn pair_scores_count_pairs() {
        let s = pair_scores(&["a", "a", "a", "b"], &[1, 1, 2, 2]);
        assert_eq!(s.predicted_pairs, 3);
        assert_eq!(s.gold_pairs, 2);
        assert_eq!(s.true_pairs_found, 1);
    }
}
