//! A synthetic near-duplicate set built from Reuters-21578 and BBC News, with a fixed seed.
//!
//! Distinct stories are drawn from both corpora (stories that are already near-copies of an
//! earlier drawn story, exact 5-gram Jaccard ≥ 0.5, are left out: Reuters-21578 repeats some
//! wires, and those pairs have no clean label). About half the stories get one to three copies,
//! each made by one edit:
//! `exact` (same text), `rewrapped` (paragraphs joined and re-broken at ~70 columns), `trimmed`
//! (first or last paragraphs cut, ≤ 20% of the words), `edited` (≈3% of the words replaced,
//! dropped or doubled, a number changed), `boilerplate` (site header and/or footer added), and
//! `combined` (trimmed + edited + boilerplate). A copy's true cluster is its story. Hard
//! negatives are the many different stories of one topic (the same BBC section, the same first
//! Reuters topic, including templated earnings wires), which must stay apart.

use std::collections::HashMap;
use std::io;

use newsgraph_ingest::dedup::{pair_scores, DedupConfig, Deduper, PairScores};
use newsgraph_model::{Article, Source};

use crate::corpus::{bbc, reuters};
use crate::rng::SplitMix64;
use crate::DataDir;

/// A story of the corpora.
#[derive(Debug, Clone)]
pub struct Story {
    /// Paragraphs joined by `\n`.
    pub text: String,
    /// BBC section or first Reuters topic (`none` when it has none).
    pub topic: String,
    /// Which corpus the story came from ("bbc" or "reuters").
    pub origin: &'static str,
}

/// Every story of Reuters-21578 (`news/reuters21578/reut2-*.sgm`, sign-off dropped) and BBC
/// (`news/bbc/*/*.txt`, title dropped) with at least 50 words.
pub fn load_corpora(data: &DataDir) -> io::Result<Vec<Story>> {
    let mut stories: Vec<Story> = reuters::read_dir(&data.reuters())?
        .iter()
        .map(|d| Story {
            text: d.paragraphs_without_sign_off().join("\n"),
            topic: d.first_topic().to_string(),
            origin: "reuters",
        })
        .collect();
    stories.extend(bbc::read_all(&data.bbc())?.iter().map(|a| Story {
        text: a.paragraphs().join("\n"),
        topic: a.section.clone(),
        origin: "bbc",
    }));
    stories.retain(|s| s.text.split_whitespace().count() >= 50);
    if stories.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no stories under {}", data.root().display()),
        ));
    }
    Ok(stories)
}

/// The edits copies are made with.
pub const EDITS: &[&str] = &[
    "exact",
    "rewrapped",
    "trimmed",
    "edited",
    "boilerplate",
    "combined",
];

const HEADERS: &[&str] = &[
    "By Staff Reporter | Published 3 hours ago | Updated 1 hour ago",
    "Home > News > World > Business",
    "Share this article: Facebook Twitter WhatsApp Email Print",
    "ADVERTISEMENT - story continues below",
    "From our correspondents. Listen to this article (4 min)",
];
const FOOTERS: &[&str] = &[
    "Copyright 2024 Example Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our free daily newsletter to get the top stories delivered to your inbox every morning.",
    "Related coverage: Markets wrap | Most read today | Editor's picks",
    "Reporting by our newsroom; editing by the desk. Follow us on social media for more updates.",
    "Comments are closed. Read our community guidelines before you post.",
];
const REPLACEMENTS: &[&str] = &[
    "also",
    "however",
    "reportedly",
    "new",
    "major",
    "further",
    "local",
    "said",
    "the",
    "still",
];

/// One document of a synthetic set.
#[derive(Debug, Clone)]
pub struct SyntheticDoc {
    /// The document text (the original story or an edited copy).
    pub text: String,
    /// Index of the story it is (a copy of); the gold cluster.
    pub family: usize,
    /// `original` or one of [`EDITS`].
    pub edit: &'static str,
    /// The story's topic, for the same-topic false-merge count.
    pub topic: String,
}

impl SyntheticDoc {
    /// The document as an article (`source.file` = `synthetic#family`).
    pub fn article(&self) -> Article {
        Article::new(
            self.text.clone(),
            Source {
                file: format!("synthetic#{}", self.family),
                ..Default::default()
            },
        )
    }
}

/// A synthetic set: stories and their copies, shuffled.
#[derive(Debug, Clone)]
pub struct SyntheticSet {
    /// The documents, originals and copies, shuffled.
    pub docs: Vec<SyntheticDoc>,
    /// Distinct stories in it.
    pub stories: usize,
}

impl SyntheticSet {
    /// Per edit kind: (kind, copies, copies that share their story's original's cluster).
    pub fn kinds_summary(&self, clusters: &[String]) -> Vec<(String, usize, usize)> {
        let mut original_cluster: HashMap<usize, &str> = HashMap::new();
        for (d, c) in self.docs.iter().zip(clusters) {
            if d.edit == "original" {
                original_cluster.insert(d.family, c.as_str());
            }
        }
        EDITS
            .iter()
            .map(|kind| {
                let copies: Vec<(&SyntheticDoc, &String)> = self
                    .docs
                    .iter()
                    .zip(clusters)
                    .filter(|(d, _)| d.edit == *kind)
                    .collect();
                let joined = copies
                    .iter()
                    .filter(|(d, c)| {
                        original_cluster
                            .get(&d.family)
                            .is_some_and(|o| *o == c.as_str())
                    })
                    .count();
                (kind.to_string(), copies.len(), joined)
            })
            .collect()
    }
}

/// Pairs of different stories of one topic, and how many of them share a predicted cluster.
pub fn hard_negative_errors(set: &SyntheticSet, clusters: &[String]) -> (u64, u64) {
    let mut by_topic: HashMap<&str, HashMap<usize, u64>> = HashMap::new();
    let mut by_cluster: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for (d, c) in set.docs.iter().zip(clusters) {
        *by_topic
            .entry(d.topic.as_str())
            .or_default()
            .entry(d.family)
            .or_default() += 1;
        by_cluster
            .entry(c.as_str())
            .or_default()
            .push((d.family, d.topic.as_str()));
    }
    let mut same_topic_pairs = 0u64;
    for families in by_topic.values() {
        let total: u64 = families.values().sum();
        let within: u64 = families.values().map(|n| n * n.saturating_sub(1) / 2).sum();
        same_topic_pairs += total * total.saturating_sub(1) / 2 - within;
    }
    let mut merged = 0u64;
    for members in by_cluster.values() {
        for (i, a) in members.iter().enumerate() {
            for b in members.iter().skip(i + 1) {
                if a.0 != b.0 && a.1 == b.1 {
                    merged += 1;
                }
            }
        }
    }
    (same_topic_pairs, merged)
}

/// The evaluation set: `stories` distinct stories (seeded draw), about half with 1-3 copies.
pub fn build_eval_set(corpus: &[Story], stories: usize, seed: u64) -> SyntheticSet {
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..corpus.len()).collect();
    rng.shuffle(&mut order);
    let chosen = distinct_stories(corpus, &order, stories);
    let mut docs = Vec::new();
    for (family, &i) in chosen.iter().enumerate() {
        let Some(story) = corpus.get(i) else { continue };
        docs.push(SyntheticDoc {
            text: story.text.clone(),
            family,
            edit: "original",
            topic: story.topic.clone(),
        });
        if rng.chance(0.5) {
            for _ in 0..1 + rng.below(3) {
                let edit = EDITS
                    .get(rng.below(EDITS.len()))
                    .copied()
                    .unwrap_or("exact");
                docs.push(SyntheticDoc {
                    text: make_copy(&story.text, edit, &mut rng),
                    family,
                    edit,
                    topic: story.topic.clone(),
                });
            }
        }
    }
    // Copies usually arrive after their original, but not always.
    shuffle_nearby(&mut docs, &mut rng);
    SyntheticSet {
        stories: chosen.len(),
        docs,
    }
}

/// A speed set of `docs` documents: every story once (in seeded order), then copies.
pub fn build_bench_set(corpus: &[Story], docs: usize, seed: u64) -> SyntheticSet {
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..corpus.len()).collect();
    rng.shuffle(&mut order);
    let mut out: Vec<SyntheticDoc> = Vec::with_capacity(docs);
    for (family, &i) in order.iter().enumerate().take(docs) {
        if let Some(s) = corpus.get(i) {
            out.push(SyntheticDoc {
                text: s.text.clone(),
                family,
                edit: "original",
                topic: s.topic.clone(),
            });
        }
    }
    let stories = out.len();
    while out.len() < docs && stories > 0 {
        let family = rng.below(stories);
        let Some(story) = order.get(family).and_then(|&i| corpus.get(i)) else {
            break;
        };
        let edit = EDITS
            .get(rng.below(EDITS.len()))
            .copied()
            .unwrap_or("exact");
        out.push(SyntheticDoc {
            text: make_copy(&story.text, edit, &mut rng),
            family,
            edit,
            topic: story.topic.clone(),
        });
    }
    SyntheticSet { docs: out, stories }
}

/// Moves each document a few places at random, so some copies precede their original.
fn shuffle_nearby(docs: &mut [SyntheticDoc], rng: &mut SplitMix64) {
    for i in 0..docs.len() {
        let j = (i + rng.below(8)).min(docs.len().saturating_sub(1));
        docs.swap(i, j);
    }
}

fn shingle_set(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = words
        .windows(5.min(words.len().max(1)))
        .map(|w| {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for b in w.join(" ").bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The first `want` stories of `order` whose exact 5-gram Jaccard with every earlier chosen story
/// stays below 0.5 (an inverted index finds the overlaps; shingles shared by 200+ stories are
/// stock phrases and are not indexed).
fn distinct_stories(corpus: &[Story], order: &[usize], want: usize) -> Vec<usize> {
    let mut chosen = Vec::new();
    let mut sets: Vec<Vec<u64>> = Vec::new();
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for &i in order {
        if chosen.len() >= want {
            break;
        }
        let Some(story) = corpus.get(i) else { continue };
        let set = shingle_set(&story.text);
        let mut overlap: HashMap<u32, u32> = HashMap::new();
        for h in &set {
            if let Some(post) = index.get(h) {
                if post.len() < 200 {
                    for &s in post {
                        *overlap.entry(s).or_default() += 1;
                    }
                }
            }
        }
        let duplicate = overlap.iter().any(|(&s, &n)| {
            let other = sets.get(s as usize).map_or(0, Vec::len);
            let union = set.len() + other - n as usize;
            union > 0 && n as f64 / union as f64 >= 0.5
        });
        if duplicate {
            continue;
        }
        let slot = sets.len() as u32;
        for h in &set {
            index.entry(*h).or_default().push(slot);
        }
        sets.push(set);
        chosen.push(i);
    }
    chosen
}

/// A copy of `text` made by `edit` (see the module documentation).
pub fn make_copy(text: &str, edit: &str, rng: &mut SplitMix64) -> String {
    match edit {
        "exact" => text.to_string(),
        "rewrapped" => rewrap(text, rng),
        "trimmed" => trim(text, rng),
        "edited" => light_edit(text, rng),
        "boilerplate" => add_boilerplate(text, rng),
        _ => add_boilerplate(&light_edit(&trim(text, rng), rng), rng),
    }
}

fn rewrap(text: &str, rng: &mut SplitMix64) -> String {
    let width = 60 + rng.below(20);
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut line = 0usize;
    for word in text.split_whitespace() {
        if line > 0 && line + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

fn trim(text: &str, rng: &mut SplitMix64) -> String {
    let paragraphs: Vec<&str> = text.lines().collect();
    let total = text.split_whitespace().count();
    let budget = total / 5;
    let mut kept: Vec<&str> = paragraphs.clone();
    let mut cut = 0usize;
    let from_end = rng.chance(0.7);
    while kept.len() > 1 {
        let next = if from_end { kept.last() } else { kept.first() };
        let n = next.map_or(0, |p| p.split_whitespace().count());
        if cut + n > budget {
            break;
        }
        cut += n;
        if from_end {
            kept.pop();
        } else {
            kept.remove(0);
        }
    }
    if cut == 0 {
        // One long paragraph: cut its last sentence-sized tail instead.
        let words: Vec<&str> = text.split_whitespace().collect();
        let keep = words.len() - budget.min(words.len() / 5);
        return words.get(..keep).unwrap_or(&words).join(" ");
    }
    kept.join("\n")
}

fn light_edit(text: &str, rng: &mut SplitMix64) -> String {
    let numbers = text
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    // One figure corrected, as a later edition would.
    let changed_number = (numbers > 0).then(|| rng.below(numbers));
    let mut numbers_seen = 0usize;
    let mut out: Vec<String> = Vec::new();
    for (p, paragraph) in text.lines().enumerate() {
        let mut words: Vec<String> = Vec::new();
        for word in paragraph.split_whitespace() {
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                if changed_number == Some(numbers_seen) {
                    words.push(format!("{}", rng.below(100)));
                } else {
                    words.push(word.to_string());
                }
                numbers_seen += 1;
                continue;
            }
            if rng.chance(0.03) {
                match rng.below(3) {
                    0 => words.push(
                        REPLACEMENTS
                            .get(rng.below(REPLACEMENTS.len()))
                            .unwrap_or(&"the")
                            .to_string(),
                    ),
                    1 => {}
                    _ => {
                        words.push(word.to_string());
                        words.push(word.to_string());
                    }
                }
            } else {
                words.push(word.to_string());
            }
        }
        if !words.is_empty() || p == 0 {
            out.push(words.join(" "));
        }
    }
    out.join("\n")
}

fn add_boilerplate(text: &str, rng: &mut SplitMix64) -> String {
    let header = HEADERS.get(rng.below(HEADERS.len())).copied().unwrap_or("");
    let footer = FOOTERS.get(rng.below(FOOTERS.len())).copied().unwrap_or("");
    let long = text.split_whitespace().count() >= 200;
    match (long, rng.below(3)) {
        (true, _) => format!("{header}\n{text}\n{footer}"),
        (false, 0) => format!("{header}\n{text}"),
        _ => format!("{text}\n{footer}"),
    }
}

/// The figures of one clustering run over a synthetic set.
#[derive(Debug, Clone)]
pub struct DedupEvaluation {
    /// Documents clustered.
    pub docs: usize,
    /// Distinct stories among them (gold clusters).
    pub stories: usize,
    /// Pair precision, recall and F1 against the gold clusters.
    pub scores: PairScores,
    /// Pairs of different stories of one topic, and how many were wrongly merged.
    pub same_topic_pairs: u64,
    /// How many of `same_topic_pairs` were merged.
    pub same_topic_merged: u64,
    /// Per edit: (edit, copies, copies that joined their story's original).
    pub by_edit: Vec<(String, usize, usize)>,
    /// Time spent in [`Deduper::assign`] (hashing + lookup), one thread.
    pub seconds: f64,
}

/// Clusters the set in its order with a fresh [`Deduper`] and scores the result.
pub fn evaluate(set: &SyntheticSet, config: DedupConfig) -> DedupEvaluation {
    let mut deduper = Deduper::new(config);
    let mut clusters = Vec::with_capacity(set.docs.len());
    let mut seconds = 0.0;
    for doc in &set.docs {
        let mut article = doc.article();
        let start = std::time::Instant::now();
        deduper.assign(&mut article);
        seconds += start.elapsed().as_secs_f64();
        clusters.push(article.cluster.map(|c| c.id).unwrap_or_default());
    }
    let families: Vec<usize> = set.docs.iter().map(|d| d.family).collect();
    let (same_topic_pairs, same_topic_merged) = hard_negative_errors(set, &clusters);
    DedupEvaluation {
        docs: set.docs.len(),
        stories: set.stories,
        scores: pair_scores(&clusters, &families),
        same_topic_pairs,
        same_topic_merged,
        by_edit: set.kinds_summary(&clusters),
        seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_deterministic_and_similar() {
        let text = (0..12)
            .map(|p| {
                (0..25)
                    .map(|w| format!("w{p}x{w}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        for edit in EDITS {
            let a = make_copy(&text, edit, &mut SplitMix64::new(3));
            let b = make_copy(&text, edit, &mut SplitMix64::new(3));
            assert_eq!(a, b, "{edit}");
            let sa = shingle_set(&a);
            let st = shingle_set(&text);
            let common = sa.iter().filter(|h| st.binary_search(h).is_ok()).count();
            let j = common as f64 / (sa.len() + st.len() - common) as f64;
            assert!(j > 0.5, "{edit}: {j}");
        }
    }
}
