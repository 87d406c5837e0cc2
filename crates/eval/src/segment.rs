//! Article segmentation measured on synthetic shards built from real articles.
//!
//! * BBC: articles from `news/bbc/<section>/NNN.txt`, title line dropped, paragraphs one a line,
//!   order shuffled with a fixed seed.
//! * Reuters-21578: `<BODY>` texts, hard wrapping undone (a paragraph starts at an indented line),
//!   optionally without the "Reuter" sign-off or with it glued to the last paragraph, order shuffled
//!   with a fixed seed.
//! * Single-article files (PolNeAR texts, BBC files one per file): read as a user would, each file
//!   should come out as one article.
//!
//! A boundary is the gap after a paragraph; the end of a shard is not counted (it always is one).
//! [`fit`] refits the segmenter's topic-shift weights on labelled gaps.

use std::io;
use std::path::{Path, PathBuf};

use newsgraph_ingest::segment::{
    labelled_gaps, segment_layout, segment_with, GapFeatures, Segment, SplitMode, THRESHOLD,
    WEIGHTS,
};
use newsgraph_ingest::TextOptions;

use crate::corpus::{bbc, reuters};
use crate::metrics::Counts;
use crate::rng::SplitMix64;

/// An article as paragraphs.
pub type Paragraphs = Vec<String>;

/// A shard with known article boundaries.
#[derive(Debug, Clone, Default)]
pub struct SyntheticShard {
    /// One paragraph a line.
    pub paragraphs: Vec<String>,
    /// `boundary_after[i]`: paragraph `i` is the last of its article.
    pub boundary_after: Vec<bool>,
    /// Articles in the shard.
    pub articles: usize,
}

impl SyntheticShard {
    /// The articles concatenated in the given order (empty ones left out).
    pub fn from_articles(articles: Vec<Paragraphs>) -> Self {
        let mut s = SyntheticShard::default();
        for a in articles.into_iter().filter(|a| !a.is_empty()) {
            let n = a.len();
            for (i, p) in a.into_iter().enumerate() {
                s.paragraphs.push(p);
                s.boundary_after.push(i + 1 == n);
            }
            s.articles += 1;
        }
        s
    }

    /// The shard as a text file: one paragraph a line.
    pub fn to_text(&self) -> String {
        let mut t = self.paragraphs.join("\n");
        t.push('\n');
        t
    }
}

/// BBC articles (title dropped) from `bbc_dir`, keeping files whose number satisfies `keep`.
pub fn bbc_articles(bbc_dir: &Path, keep: &dyn Fn(usize) -> bool) -> io::Result<Vec<Paragraphs>> {
    Ok(bbc::read_all(bbc_dir)?
        .iter()
        .filter(|a| keep(a.number))
        .map(|a| a.paragraphs().into_iter().map(str::to_string).collect())
        .filter(|p: &Paragraphs| !p.is_empty())
        .collect())
}

/// Reuters-21578 bodies from the `reut2-*.sgm` files in `dir`, as paragraphs. Tables of figures
/// are not prose: only bodies with a paragraph of 12 or more words are kept.
pub fn reuters_articles(dir: &Path, with_sign_off: bool) -> io::Result<Vec<Paragraphs>> {
    Ok(reuters::read_dir(dir)?
        .iter()
        .map(|d| {
            if with_sign_off {
                d.paragraphs()
            } else {
                d.paragraphs_without_sign_off()
            }
        })
        .filter(|p| p.iter().any(|p| p.split_whitespace().count() >= 12))
        .collect())
}

/// Reuters-21578 bodies with the closing "Reuter" glued to the last paragraph ("… said. Reuter"), as
/// scraped wire text often has it.
pub fn reuters_articles_inline_sign_off(dir: &Path) -> io::Result<Vec<Paragraphs>> {
    let mut bodies = reuters_articles(dir, true)?;
    for paras in bodies.iter_mut() {
        let signed = paras.len() >= 2
            && paras
                .last()
                .is_some_and(|p| p.trim_end_matches('.').eq_ignore_ascii_case("reuter"));
        if signed {
            if let (Some(sign_off), Some(last)) = (paras.pop(), paras.last_mut()) {
                last.push(' ');
                last.push_str(&sign_off);
            }
        }
    }
    Ok(bodies)
}

/// How many single-article files a reader keeps whole.
#[derive(Debug, Clone, Default)]
pub struct WholeFiles {
    /// Files read.
    pub files: usize,
    /// Files that came out as exactly one article.
    pub whole: usize,
    /// Files cut into pieces: the path and the reason of each boundary placed.
    pub split: Vec<(PathBuf, Vec<String>)>,
    /// Files that could not be read at all.
    pub failed: Vec<(PathBuf, String)>,
}

impl WholeFiles {
    /// The share of files kept whole.
    pub fn share(&self) -> f64 {
        self.whole as f64 / self.files.max(1) as f64
    }
}

/// Reads every `.txt` file of `dir` (not recursing) as a text shard with `opts`, as a user's
/// `newsgraph analyze FILE` would, and counts those that come out as exactly one article.
pub fn whole_files(dir: &Path, opts: &TextOptions) -> io::Result<WholeFiles> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = WholeFiles::default();
    for f in files {
        let bytes = std::fs::read(&f)?;
        out.files += 1;
        match newsgraph_ingest::read_shard(&f.display().to_string(), &bytes, opts) {
            Ok((articles, _)) if articles.len() == 1 => out.whole += 1,
            Ok((articles, _)) => {
                let reasons = articles.iter().skip(1).map(boundary_reason).collect();
                out.split.push((f, reasons));
            }
            Err(e) => out.failed.push((f, e.to_string())),
        }
    }
    Ok(out)
}

/// "topic_shift 0.83 @12": why an article starts where it does, and at which input line.
fn boundary_reason(a: &newsgraph_model::Article) -> String {
    let seg = a.segment.as_ref();
    let reason = seg.map_or("?", |s| s.reason.as_str());
    match seg.and_then(|s| s.score) {
        Some(p) => format!("{reason} {p:.2} @{}", a.source.lines[0]),
        None => format!("{reason} @{}", a.source.lines[0]),
    }
}

/// Shuffles `articles` with `seed` and cuts them into shards of `per_shard` articles.
pub fn shards(mut articles: Vec<Paragraphs>, seed: u64, per_shard: usize) -> Vec<SyntheticShard> {
    SplitMix64::new(seed).shuffle(&mut articles);
    articles
        .chunks(per_shard.max(2))
        .map(|c| SyntheticShard::from_articles(c.to_vec()))
        .collect()
}

/// One shuffled shard of at most `max_articles` articles.
pub fn shard(mut articles: Vec<Paragraphs>, seed: u64, max_articles: usize) -> SyntheticShard {
    SplitMix64::new(seed).shuffle(&mut articles);
    articles.truncate(max_articles);
    SyntheticShard::from_articles(articles)
}

/// Boundary counts of the segmenter with `weights` and `threshold` on one shard.
pub fn score(
    shard: &SyntheticShard,
    weights: &[f32; GapFeatures::COUNT],
    threshold: f32,
) -> Counts {
    let refs: Vec<&str> = shard.paragraphs.iter().map(String::as_str).collect();
    count_boundaries(shard, &segment_with(&refs, weights, threshold))
}

/// Boundary counts on one shard written with a blank line between its articles (one paragraph a
/// line otherwise), segmented as a user's file is (`--split auto`, the layout read from the text).
pub fn score_blank_separated(shard: &SyntheticShard) -> Counts {
    let refs: Vec<&str> = shard.paragraphs.iter().map(String::as_str).collect();
    let blank_after = &shard.boundary_after[..refs.len().saturating_sub(1)];
    count_boundaries(shard, &segment_layout(&refs, blank_after, SplitMode::Auto))
}

fn count_boundaries(shard: &SyntheticShard, segments: &[Segment]) -> Counts {
    let n = shard.paragraphs.len();
    let predicted: Vec<usize> = segments
        .iter()
        .map(|s| s.end - 1)
        .filter(|&e| e + 1 < n)
        .collect();
    let gold: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| shard.boundary_after[i])
        .collect();
    let true_positives = predicted
        .iter()
        .filter(|p| gold.binary_search(p).is_ok())
        .count();
    Counts {
        true_positives,
        predicted: predicted.len(),
        gold: gold.len(),
    }
}

/// Boundary counts summed over shards, with the shipped weights.
pub fn score_all(shards: &[SyntheticShard]) -> Counts {
    score_all_with(shards, &WEIGHTS)
}

/// Boundary counts summed over shards, with the given weights.
pub fn score_all_with(shards: &[SyntheticShard], weights: &[f32; GapFeatures::COUNT]) -> Counts {
    shards
        .iter()
        .map(|s| score(s, weights, THRESHOLD))
        .fold(Counts::default(), |a, b| a + b)
}

/// Fits logistic-regression weights on the undecided gaps of `shards` (batch gradient descent with
/// class balancing and light L2), starting from the built-in weights. Deterministic.
pub fn fit(shards: &[SyntheticShard], epochs: usize) -> [f32; GapFeatures::COUNT] {
    let mut data: Vec<([f32; GapFeatures::COUNT], f32)> = Vec::new();
    for s in shards {
        let refs: Vec<&str> = s.paragraphs.iter().map(String::as_str).collect();
        for (f, label) in labelled_gaps(&refs, &s.boundary_after) {
            data.push((f.to_vec(), label as u8 as f32));
        }
    }
    let positives = data.iter().filter(|d| d.1 > 0.5).count().max(1) as f32;
    let negatives = (data.len() as f32 - positives).max(1.0);
    let mut w = WEIGHTS;
    let lr = 0.5;
    for _ in 0..epochs {
        let mut grad = [0f32; GapFeatures::COUNT];
        for (x, y) in &data {
            let z: f32 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            // Boundaries are rare: weigh each class to half of the loss.
            let class_weight = if *y > 0.5 {
                0.5 / positives
            } else {
                0.5 / negatives
            };
            for k in 0..GapFeatures::COUNT {
                grad[k] += class_weight * (p - y) * x[k];
            }
        }
        for k in 0..GapFeatures::COUNT {
            let l2 = if k == 0 { 0.0 } else { 1e-3 * w[k] };
            w[k] -= lr * (grad[k] + l2);
        }
    }
    w
}

/// One line of the segmentation report.
#[derive(Debug, Clone)]
pub struct SegmentRow {
    /// What was measured.
    pub name: String,
    /// Articles over all shards.
    pub articles: usize,
    /// Paragraphs over all shards.
    pub paragraphs: usize,
    /// Boundary counts.
    pub counts: Counts,
}

impl SegmentRow {
    /// Scores `shards` with `weights` under `name`.
    pub fn measure(
        name: &str,
        shards: &[SyntheticShard],
        weights: &[f32; GapFeatures::COUNT],
    ) -> Self {
        Self::with_counts(name, shards, score_all_with(shards, weights))
    }

    /// Scores `shards` written with a blank line between articles (see [`score_blank_separated`]).
    pub fn measure_blank_separated(name: &str, shards: &[SyntheticShard]) -> Self {
        let counts = shards
            .iter()
            .map(score_blank_separated)
            .fold(Counts::default(), |a, b| a + b);
        Self::with_counts(name, shards, counts)
    }

    fn with_counts(name: &str, shards: &[SyntheticShard], counts: Counts) -> Self {
        SegmentRow {
            name: name.to_string(),
            articles: shards.iter().map(|s| s.articles).sum(),
            paragraphs: shards.iter().map(|s| s.paragraphs.len()).sum(),
            counts,
        }
    }
}

impl std::fmt::Display for SegmentRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.counts;
        write!(
            f,
            "{:<34} {:>6} articles {:>7} paragraphs  boundaries {:>6}  P {:.3} R {:.3} F1 {:.3}",
            self.name,
            self.articles,
            self.paragraphs,
            c.gold,
            c.precision(),
            c.recall(),
            c.f1()
        )
    }
}
