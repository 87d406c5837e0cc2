//! Synthetic shards built from real articles, to measure article segmentation.
//!
//! * BBC: articles from `data/news/bbc/<category>/NNN.txt`, title line dropped, paragraphs one a line,
//!   order shuffled with a fixed seed.
//! * Reuters-21578: `<BODY>` texts, hard wrapping undone (a paragraph starts at an indented line),
//!   optionally without the "Reuter" sign-off or with it glued to the last paragraph, order shuffled
//!   with a fixed seed.
//! * Single-article files (PolNeAR texts, BBC files one per file): read as a user would, each file
//!   should come out as one article.

use std::path::{Path, PathBuf};

use crate::segment::{labelled_gaps, segment_with, GapFeatures, THRESHOLD, WEIGHTS};

/// A shard with known article boundaries.
#[derive(Debug, Clone, Default)]
pub struct SyntheticShard {
    pub paragraphs: Vec<String>,
    /// `boundary_after[i]`: paragraph `i` is the last of its article.
    pub boundary_after: Vec<bool>,
    pub articles: usize,
}

impl SyntheticShard {
    pub fn from_articles(articles: Vec<Vec<String>>) -> Self {
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

/// A small deterministic PRNG (SplitMix64), so shards are the same on every machine.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// BBC articles (title dropped) from `bbc_dir`, keeping files whose number satisfies `keep`.
pub fn bbc_articles(
    bbc_dir: &Path,
    keep: &dyn Fn(usize) -> bool,
) -> std::io::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut cats: Vec<_> = std::fs::read_dir(bbc_dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cats.sort();
    for cat in cats {
        let mut files: Vec<_> = std::fs::read_dir(&cat)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let num = f
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0);
            if !keep(num) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let Ok(decoded) = crate::text::decode(&f.display().to_string(), &bytes, false, None)
            else {
                continue;
            };
            let text = decoded.text;
            let paras: Vec<String> = text
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            if !paras.is_empty() {
                out.push(paras);
            }
        }
    }
    Ok(out)
}

fn unescape_sgml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#3;", "")
        .replace("&#22;", "")
}

/// Reuters-21578 bodies from the `reut2-*.sgm` files in `dir`, as paragraphs.
pub fn reuters_bodies(dir: &Path, with_sign_off: bool) -> std::io::Result<Vec<Vec<String>>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f)?;
        let text = crate::text::decode(&f.display().to_string(), &bytes, true, None)
            .map(|d| d.text.into_owned())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        for chunk in text.split("<BODY>").skip(1) {
            let Some(end) = chunk.find("</BODY>") else {
                continue;
            };
            let body = unescape_sgml(&chunk[..end]);
            let mut paras: Vec<String> = Vec::new();
            for line in body.lines() {
                let indented = line.starts_with(' ') || line.starts_with('\t');
                let t = line.trim();
                if t.is_empty() {
                    continue;
                }
                match paras.last_mut() {
                    Some(p) if !indented => {
                        p.push(' ');
                        p.push_str(t);
                    }
                    _ => paras.push(t.to_string()),
                }
            }
            if !with_sign_off {
                while paras
                    .last()
                    .is_some_and(|p| matches!(p.as_str(), "Reuter" | "REUTER" | "Reuters"))
                {
                    paras.pop();
                }
            }
            // Tables of figures are not prose; keep bodies with at least one sentence-like paragraph.
            if paras.iter().any(|p| p.split_whitespace().count() >= 12) {
                out.push(paras);
            }
        }
    }
    Ok(out)
}

/// Reuters-21578 bodies with the closing "Reuter" glued to the last paragraph ("… said. Reuter"), as
/// scraped wire text often has it.
pub fn reuters_bodies_inline_sign_off(dir: &Path) -> std::io::Result<Vec<Vec<String>>> {
    let mut bodies = reuters_bodies(dir, true)?;
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
    pub files: usize,
    pub whole: usize,
    /// Files cut into pieces: the path and the reason of each boundary placed.
    pub split: Vec<(PathBuf, Vec<String>)>,
    /// Files that could not be read at all.
    pub failed: Vec<(PathBuf, String)>,
}

impl WholeFiles {
    pub fn share(&self) -> f64 {
        self.whole as f64 / self.files.max(1) as f64
    }
}

/// Reads every `.txt` file of `dir` (not recursing) as a text shard with `opts` and counts those that
/// come out as exactly one article.
pub fn whole_files(dir: &Path, opts: &crate::text::TextOptions) -> std::io::Result<WholeFiles> {
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
        match crate::text::read_shard(&f.display().to_string(), &bytes, opts) {
            Ok((articles, _)) if articles.len() == 1 => out.whole += 1,
            Ok((articles, _)) => {
                let reasons = articles
                    .iter()
                    .skip(1)
                    .map(|a| {
                        let seg = a.segment.as_ref();
                        let reason = seg.map_or("?", |s| s.reason.as_str());
                        match seg.and_then(|s| s.score) {
                            Some(p) => format!("{reason} {p:.2} @{}", a.source.lines[0]),
                            None => format!("{reason} @{}", a.source.lines[0]),
                        }
                    })
                    .collect();
                out.split.push((f, reasons));
            }
            Err(e) => out.failed.push((f, e.to_string())),
        }
    }
    Ok(out)
}

/// Builds a shuffled shard of at most `max_articles` articles.
pub fn shard(mut articles: Vec<Vec<String>>, seed: u64, max_articles: usize) -> SyntheticShard {
    SplitMix64::new(seed).shuffle(&mut articles);
    articles.truncate(max_articles);
    SyntheticShard::from_articles(articles)
}

/// Boundary precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BoundaryScore {
    pub true_positives: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl BoundaryScore {
    pub fn precision(&self) -> f64 {
        self.true_positives as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.true_positives as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        newsgraph_model::metrics::f1(self.precision(), self.recall())
    }
}

/// Scores the segmenter on a shard. A boundary is the gap after a paragraph; the end of the shard is
/// not counted (it is always a boundary).
pub fn score(
    shard: &SyntheticShard,
    weights: &[f32; GapFeatures::COUNT],
    threshold: f32,
) -> BoundaryScore {
    let refs: Vec<&str> = shard.paragraphs.iter().map(String::as_str).collect();
    let n = refs.len();
    let predicted: Vec<usize> = segment_with(&refs, weights, threshold)
        .iter()
        .map(|s| s.end - 1)
        .filter(|&e| e + 1 < n)
        .collect();
    let gold: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| shard.boundary_after[i])
        .collect();
    let tp = predicted
        .iter()
        .filter(|p| gold.binary_search(p).is_ok())
        .count();
    BoundaryScore {
        true_positives: tp,
        predicted: predicted.len(),
        gold: gold.len(),
    }
}

/// Scores with the built-in weights.
pub fn score_default(shard: &SyntheticShard) -> BoundaryScore {
    score(shard, &WEIGHTS, THRESHOLD)
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
            let cw = if *y > 0.5 {
                0.5 / positives
            } else {
                0.5 / negatives
            };
            for k in 0..GapFeatures::COUNT {
                grad[k] += cw * (p - y) * x[k];
            }
        }
        for k in 0..GapFeatures::COUNT {
            let l2 = if k == 0 { 0.0 } else { 1e-3 * w[k] };
            w[k] -= lr * (grad[k] + l2);
        }
    }
    w
}
