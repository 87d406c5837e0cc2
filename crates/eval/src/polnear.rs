//! Attribution on PolNeAR (Newell, Margolin and Ruths, LREC 2018): political news from seven US
//! publishers, annotated by others with source / cue / content spans in brat standoff.
//!
//! The scores are the product owner's (`shared/tools/polnear_eval.py`), computed the same way so
//! the two agree to the last match: each article's text file goes through the shipped reader
//! ([`read_path`], segmentation included) and [`Pipeline::analyze`]; predicted byte spans are
//! mapped back through `source.bytes` and the normaliser's `offset_map` to character offsets of
//! the file. Gold: the lexicographically first `.ann` file of an article; discontinuous spans and
//! `Content` + `Content2` merge into one `[min start, max end)`. Matching is one-to-one and greedy
//! by overlap / max(len) ≥ 0.3 (`overlap`); `exact` and `begin` compare content spans trimmed of
//! whitespace, quotation marks and edge punctuation; `direct` counts gold contents holding a
//! double quotation mark against predictions of kind direct (and `direct_two_apostrophes` counts
//! the New York Times archive's `''…''` quotation marks too, which the shared scorer's gold test
//! leaves out, so its direct quotes there count as false positives); a speaker is right when its span
//! overlaps the gold source or its name shares a content word (≥ 3 letters) with it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::Context;
use newsgraph_extract::Pipeline;
use newsgraph_ingest::{read_path, Article, InputFormat, ReadOptions};
use newsgraph_model::{Attribution, AttributionKind};
use serde::Serialize;

use crate::metrics::{f1, ratio};

/// One gold attribution: character spans into the article file.
#[derive(Debug, Clone)]
pub struct GoldAttribution {
    /// Character span of the content.
    pub content: (usize, usize),
    /// The content holds a double quotation mark (the scorer's "direct").
    pub quote: bool,
    /// The content holds a double quotation mark or the two apostrophes the New York Times
    /// archive writes for one (`''…''`).
    pub quote_or_apostrophes: bool,
    /// Character span of the source, when annotated.
    pub source: Option<(usize, usize)>,
    /// The source's text ("" when absent).
    pub source_text: String,
    /// The cue as annotated ("said", "according to"), lower case; empty when absent.
    pub cue: String,
}

/// One predicted attribution, in character offsets of the article file.
#[derive(Debug, Clone)]
struct Predicted {
    direct: bool,
    content: (usize, usize),
    speaker: Option<(usize, usize)>,
    name: String,
    /// The cue's text, lower case (for the error listing).
    cue: String,
}

/// Precision, recall and F1 in percent, with the counts behind them.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    /// Precision, in percent.
    pub p: f64,
    /// Recall, in percent.
    pub r: f64,
    /// F1, in percent.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// Predictions.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    fn new(tp: usize, pred: usize, gold: usize) -> Prf {
        let (p, r) = (ratio(tp, pred), ratio(tp, gold));
        let pct = |x: f64| (x * 10_000.0).round() / 100.0;
        Prf {
            p: pct(p),
            r: pct(r),
            f1: pct(f1(p, r)),
            tp,
            pred,
            gold,
        }
    }
}

/// The scores of one split, the shape of the shared scorer's last line.
#[derive(Debug, Default, Serialize)]
pub struct PolnearScores {
    /// Articles scored.
    pub articles: usize,
    /// Direct quotes (contents with a double quotation mark), overlap match.
    pub direct: Prf,
    /// Direct quotes with `''…''` counted as quotation marks on the gold side too (not a figure
    /// of the shared scorer).
    pub direct_two_apostrophes: Prf,
    /// All attributions, content spans overlapping.
    pub all: Prf,
    /// All attributions, content spans equal after trimming.
    pub all_exact: Prf,
    /// All attributions, content spans starting at the same place.
    pub all_begin: Prf,
    /// Right speakers over overlap-matched attributions with a gold source, in percent.
    pub speaker_acc: f64,
    /// Matched attributions with the right speaker.
    pub speaker_correct: usize,
    /// Matched attributions with a gold source.
    pub speaker_n: usize,
    /// Recall of the overlap match per annotated cue word (the 25 most frequent).
    pub recall_by_cue: Vec<(String, usize, usize)>,
    /// Recall per class of gold attribution (the error classes: quotes whole or partial,
    /// the `''…''` quotes of the New York Times archive, and unquoted contents by the class of
    /// their cue): class, overlap matches, exact matches, gold.
    pub recall_by_class: Vec<(String, usize, usize, usize)>,
    /// Remarks for the report (files that could not be read, …).
    #[serde(skip)]
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Tally {
    direct: (usize, usize, usize),
    direct_two_apostrophes: (usize, usize, usize),
    all: (usize, usize, usize),
    exact: usize,
    begin: usize,
    speaker: (usize, usize),
    by_cue: HashMap<String, (usize, usize)>,
    /// Per gold class ([`gold_class`]): matched by overlap, matched exactly, gold.
    by_class: BTreeMap<&'static str, (usize, usize, usize)>,
}

/// The text file and every annotation file of each article of `split` under `root`
/// (`root/data/<split>/{text,attributions}`), articles sorted by name and each one's annotation
/// files in name order (the first is the one the scorers read).
fn annotated_articles(root: &Path, split: &str) -> anyhow::Result<Vec<(PathBuf, Vec<PathBuf>)>> {
    let text_dir = root.join("data").join(split).join("text");
    let ann_dir = root.join("data").join(split).join("attributions");
    let mut anns: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&ann_dir).with_context(|| format!("{}", ann_dir.display()))? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some((stem, _)) = name.strip_suffix(".ann").and_then(|s| s.rsplit_once('_')) {
            anns.entry(stem.to_string()).or_default().push(path.clone());
        }
    }
    let mut out = Vec::new();
    for (stem, mut files) in anns {
        let text = text_dir.join(format!("{stem}.txt"));
        if text.is_file() {
            files.sort();
            out.push((text, files));
        }
    }
    Ok(out)
}

/// The text file and first annotation file of each article of `split`, sorted by name.
pub fn articles(root: &Path, split: &str) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    Ok(annotated_articles(root, split)?
        .into_iter()
        .filter_map(|(text, files)| files.into_iter().next().map(|first| (text, first)))
        .collect())
}

/// Every annotation but the first of each article of `split` (PolNeAR train has 79 articles
/// marked up by a second annotator): the article's index in [`articles`], its text file and the
/// annotation file.
pub fn other_annotations(
    root: &Path,
    split: &str,
) -> anyhow::Result<Vec<(usize, PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for (k, (text, files)) in annotated_articles(root, split)?.into_iter().enumerate() {
        out.extend(files.into_iter().skip(1).map(|ann| (k, text.clone(), ann)));
    }
    Ok(out)
}

/// An article's text (invalid UTF-8 replaced, as the scorer reads it) and annotation file.
pub(crate) fn read_article(text_path: &Path, ann_path: &Path) -> anyhow::Result<(String, String)> {
    let raw = std::fs::read(text_path).with_context(|| text_path.display().to_string())?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let ann = std::fs::read_to_string(ann_path).with_context(|| ann_path.display().to_string())?;
    Ok((text, ann))
}

/// How `--tenth K` splits a PolNeAR split into ten parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Folds {
    /// Every article whose index (in name order) is `K` mod 10: neighbouring articles of one
    /// publisher, often follow-ups of the same story, fall in different tenths.
    Interleaved,
    /// Ten blocks of consecutive publication dates (from the file names), as dev and the held-out
    /// split follow train in time: a tenth then holds stories the other nine never saw.
    Dated,
}

/// The tenth (0..10) of each article of `split`, in the order of [`articles`].
pub fn fold_of_articles(root: &Path, split: &str, folds: Folds) -> anyhow::Result<Vec<usize>> {
    let names: Vec<String> = articles(root, split)?
        .iter()
        .map(|(text, _)| {
            text.file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned())
        })
        .collect();
    Ok(fold_of_names(&names, folds))
}

/// [`fold_of_articles`] over article names `<publisher>_<yyyy-mm-dd>_<slug>`.
pub fn fold_of_names(names: &[String], folds: Folds) -> Vec<usize> {
    let n = names.len();
    match folds {
        Folds::Interleaved => (0..n).map(|k| k % 10).collect(),
        Folds::Dated => {
            let date = |k: usize| names[k].split('_').nth(1).unwrap_or("");
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| date(a).cmp(date(b)).then(names[a].cmp(&names[b])));
            let mut fold = vec![0; n];
            for (rank, &k) in order.iter().enumerate() {
                fold[k] = rank * 10 / n.max(1);
            }
            fold
        }
    }
}

/// The gold attributions of one brat standoff file.
pub fn parse_ann(ann: &str) -> Vec<GoldAttribution> {
    let mut spans: HashMap<&str, (usize, usize, &str)> = HashMap::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(typed), Some(text)) = (f.first(), f.get(1), f.get(2)) else {
            continue;
        };
        let Some((_, offsets)) = typed.split_once(' ') else {
            continue;
        };
        let pairs: Vec<(usize, usize)> = offsets
            .split(';')
            .filter_map(|p| {
                let mut it = p.split_whitespace().map(str::parse::<usize>);
                Some((it.next()?.ok()?, it.next()?.ok()?))
            })
            .collect();
        let (Some(s), Some(e)) = (
            pairs.iter().map(|p| p.0).min(),
            pairs.iter().map(|p| p.1).max(),
        ) else {
            continue;
        };
        spans.insert(id, (s, e, text));
    }
    let mut gold = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else {
            continue;
        };
        let roles: Vec<(&str, &str)> = args
            .split_whitespace()
            .skip(1)
            .filter_map(|a| a.split_once(':'))
            .collect();
        let content: Vec<&(usize, usize, &str)> = roles
            .iter()
            .filter(|(r, _)| r.starts_with("Content"))
            .filter_map(|(_, t)| spans.get(t))
            .collect();
        let (Some(s), Some(e)) = (
            content.iter().map(|c| c.0).min(),
            content.iter().map(|c| c.1).max(),
        ) else {
            continue;
        };
        let role = |name: &str| {
            roles
                .iter()
                .find(|(r, _)| *r == name)
                .and_then(|(_, t)| spans.get(t))
        };
        let text: String = content.iter().map(|c| c.2).collect::<Vec<_>>().join(" ");
        gold.push(GoldAttribution {
            content: (s, e),
            quote: text.contains(['“', '”', '"']),
            quote_or_apostrophes: text.contains(['“', '”', '"']) || text.contains("''"),
            source: role("Source").map(|x| (x.0, x.1)),
            source_text: role("Source").map(|x| x.2.to_string()).unwrap_or_default(),
            cue: role("Cue").map(|x| x.2.to_lowercase()).unwrap_or_default(),
        });
    }
    gold
}

/// Scores the shipped pipeline on every article of `split`.
pub fn evaluate(
    pipeline: &Pipeline,
    root: &Path,
    split: &str,
    verbose: bool,
) -> anyhow::Result<PolnearScores> {
    evaluate_some(pipeline, root, split, verbose, |_| true)
}

/// [`evaluate`] on the articles of `split` whose index (in name order) `keep` accepts.
pub fn evaluate_some(
    pipeline: &Pipeline,
    root: &Path,
    split: &str,
    verbose: bool,
    keep: impl Fn(usize) -> bool,
) -> anyhow::Result<PolnearScores> {
    let files: Vec<(PathBuf, PathBuf)> = articles(root, split)?
        .into_iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .map(|(_, f)| f)
        .collect();
    anyhow::ensure!(
        !files.is_empty(),
        "no PolNeAR articles under {}/data/{split}",
        root.display()
    );
    let mut tally = Tally::default();
    let mut notes = Vec::new();
    for (text_path, ann_path) in &files {
        let raw = std::fs::read(text_path).with_context(|| text_path.display().to_string())?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let ann = std::fs::read_to_string(ann_path)?;
        let gold = parse_ann(&ann);
        let preds = predict(pipeline, text_path, &text)?;
        score_article(
            &text,
            &gold,
            &preds,
            &mut tally,
            verbose.then_some(&mut notes),
        );
    }
    Ok(finish(files.len(), tally, notes))
}

/// The articles the shipped text reader finds in one PolNeAR file (segmentation included), as
/// `analyze` would read it.
pub(crate) fn read_shipped(path: &Path) -> anyhow::Result<Vec<Article>> {
    let opts = ReadOptions {
        format: InputFormat::Text,
        ..Default::default()
    };
    let mut articles: Vec<Article> = Vec::new();
    read_path(path, &opts, &mut |a| articles.push(a))
        .with_context(|| path.display().to_string())?;
    Ok(articles)
}

/// `per_article(text path, text, annotation)` over every article of `split`, in order: the
/// loading loop of the trainers.
pub(crate) fn map_split<T>(
    root: &Path,
    split: &str,
    mut per_article: impl FnMut(&Path, &str, &str) -> anyhow::Result<T>,
) -> anyhow::Result<Vec<T>> {
    let files = articles(root, split)?;
    anyhow::ensure!(
        !files.is_empty(),
        "no PolNeAR articles under {}/data/{split}",
        root.display()
    );
    let mut out = Vec::with_capacity(files.len());
    for (text_path, ann_path) in &files {
        let (text, ann) = read_article(text_path, ann_path)?;
        out.push(per_article(text_path, &text, &ann)?);
    }
    Ok(out)
}

/// The pipeline's direct and reported attributions for one file, in characters of `text`.
fn predict(pipeline: &Pipeline, path: &Path, text: &str) -> anyhow::Result<Vec<Predicted>> {
    let articles = read_shipped(path)?;
    let char_at = char_index(text);
    let mut out = Vec::new();
    for article in pipeline.analyze_batch(articles) {
        let mapper = CharMapper::new(&char_at, &article.article);
        let to_char = |b: usize| mapper.char_of(b);
        for a in article.attributions.iter().filter(|a| counted(a)) {
            let speaker = a.speaker.as_ref();
            out.push(Predicted {
                direct: a.kind == AttributionKind::Direct,
                content: (to_char(a.content.start), to_char(a.content.end)),
                speaker: speaker
                    .filter(|s| s.end > 0)
                    .map(|s| (to_char(s.start), to_char(s.end))),
                name: speaker
                    .map(|s| s.name.clone().unwrap_or_else(|| s.text.clone()))
                    .unwrap_or_default(),
                cue: a
                    .cue
                    .as_ref()
                    .map(|c| c.text.to_lowercase())
                    .unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

fn counted(a: &Attribution) -> bool {
    matches!(a.kind, AttributionKind::Direct | AttributionKind::Reported)
}

/// For each byte of `text` (and one past the end), the index of the character it belongs to.
pub(crate) fn char_index(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    for (i, ch) in text.chars().enumerate() {
        out.extend(std::iter::repeat_n(i, ch.len_utf8()));
    }
    out.push(text.chars().count());
    out
}

/// From byte offsets in an article our reader made back to character offsets of the file's text,
/// where PolNeAR's annotations point (through the normaliser's offset map and the article's place
/// in the file).
pub(crate) struct CharMapper<'a> {
    char_at: &'a [usize],
    map: Vec<(usize, usize)>,
    base: usize,
}

impl<'a> CharMapper<'a> {
    /// `char_at`: [`char_index`] of the file's text.
    pub(crate) fn new(char_at: &'a [usize], article: &Article) -> Self {
        CharMapper {
            char_at,
            map: offset_map(article),
            base: article.source.bytes[0],
        }
    }

    /// The file character of the article's byte `b`.
    pub(crate) fn char_of(&self, b: usize) -> usize {
        let file_byte = self.base + original_offset(&self.map, b);
        self.char_at[file_byte.min(self.char_at.len() - 1)]
    }
}

/// The normaliser's checkpoints `(normalised offset, original offset)`, sorted.
fn offset_map(article: &Article) -> Vec<(usize, usize)> {
    let mut map: Vec<(usize, usize)> = article
        .meta
        .get("offset_map")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    map.sort_unstable();
    map
}

fn original_offset(map: &[(usize, usize)], b: usize) -> usize {
    match map.partition_point(|c| c.0 <= b) {
        0 => b,
        k => map[k - 1].1 + (b - map[k - 1].0),
    }
}

fn score_article(
    text: &str,
    gold: &[GoldAttribution],
    preds: &[Predicted],
    tally: &mut Tally,
    notes: Option<&mut Vec<String>>,
) {
    let chars: Vec<char> = text.chars().collect();
    let pairs = greedy_match(gold, preds);
    tally.all.0 += pairs.len();
    tally.all.1 += preds.len();
    tally.all.2 += gold.len();
    let matched: HashSet<usize> = pairs.iter().map(|&(g, _)| g).collect();
    for (gi, g) in gold.iter().enumerate() {
        let e = tally.by_cue.entry(g.cue.clone()).or_default();
        e.0 += usize::from(matched.contains(&gi));
        e.1 += 1;
    }
    let predicted_keys: HashSet<(usize, usize)> =
        preds.iter().map(|p| trimmed(&chars, p.content)).collect();
    for (gi, g) in gold.iter().enumerate() {
        let e = tally.by_class.entry(gold_class(&chars, g)).or_default();
        e.0 += usize::from(matched.contains(&gi));
        e.1 += usize::from(predicted_keys.contains(&trimmed(&chars, g.content)));
        e.2 += 1;
    }
    for &(gi, pi) in &pairs {
        if gold[gi].source.is_some() {
            tally.speaker.1 += 1;
            tally.speaker.0 += usize::from(speaker_ok(&gold[gi], &preds[pi]));
        }
    }
    let gd: Vec<GoldAttribution> = gold.iter().filter(|g| g.quote).cloned().collect();
    let pd: Vec<Predicted> = preds.iter().filter(|p| p.direct).cloned().collect();
    let direct_pairs = greedy_match(&gd, &pd);
    tally.direct.0 += direct_pairs.len();
    tally.direct.1 += pd.len();
    tally.direct.2 += gd.len();
    let gd2: Vec<GoldAttribution> = gold
        .iter()
        .filter(|g| g.quote_or_apostrophes)
        .cloned()
        .collect();
    tally.direct_two_apostrophes.0 += greedy_match(&gd2, &pd).len();
    tally.direct_two_apostrophes.1 += pd.len();
    tally.direct_two_apostrophes.2 += gd2.len();
    tally.exact += strict_matches(&chars, gold, preds, false);
    tally.begin += strict_matches(&chars, gold, preds, true);
    if let Some(notes) = notes {
        let slice = |(s, e): (usize, usize)| {
            chars[s.min(e)..e.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        for (gi, g) in gold.iter().enumerate() {
            if !matched.contains(&gi) {
                notes.push(format!("MISSED [{}] {:?}", g.cue, slice(g.content)));
            }
        }
        for &(gi, pi) in &pairs {
            if gold[gi].source.is_some() && !speaker_ok(&gold[gi], &preds[pi]) {
                let content = slice(trimmed(&chars, gold[gi].content));
                let mention = preds[pi].speaker.map(slice).unwrap_or_default();
                notes.push(format!(
                    "SPEAKER [{}] gold {:?} | predicted {:?} at {:?} by [{}] | {:?}",
                    gold[gi].cue,
                    gold[gi].source_text,
                    preds[pi].name,
                    mention,
                    preds[pi].cue,
                    content.chars().take(80).collect::<String>()
                ));
                notes.push(format!(
                    "  context {:?}",
                    slice(speaker_context(
                        gold[gi].source,
                        preds[pi].speaker,
                        gold[gi].content
                    ))
                ));
            }
            let (g, p) = (
                trimmed(&chars, gold[gi].content),
                trimmed(&chars, preds[pi].content),
            );
            if g != p {
                notes.push(format!(
                    "BOUNDARY [{}] gold {:?} | predicted {:?}",
                    gold[gi].cue,
                    slice(g),
                    slice(p)
                ));
            }
        }
        let direct_used: HashSet<usize> = direct_pairs.iter().map(|&(_, p)| p).collect();
        for (pi, p) in pd.iter().enumerate() {
            if !direct_used.contains(&pi) {
                notes.push(format!("DIRECT-EXTRA {:?}", slice(p.content)));
            }
        }
        let used: HashSet<usize> = pairs.iter().map(|&(_, p)| p).collect();
        for (pi, p) in preds.iter().enumerate() {
            if !used.contains(&pi) {
                notes.push(format!("EXTRA [{}] {:?}", p.cue, slice(p.content)));
            }
        }
    }
}

/// One of the tagger's candidates on a PolNeAR article, labelled against the gold: the gate
/// trainer's example.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledCandidate {
    /// It overlaps a gold content (overlap / max(len) ≥ 0.3, as the scorer matches).
    pub overlap: bool,
    /// Its trimmed span equals a gold content's.
    pub exact: bool,
    /// The gold it overlaps most has a source.
    pub has_source: bool,
    /// Its speaker is that source (see the scorer's speaker test).
    pub speaker_ok: bool,
    /// The hand filter would keep it.
    pub hand_filter: bool,
    /// The gate's feature buckets.
    pub features: Vec<u32>,
}

/// The tagger's candidates on every article of `split` whose index `keep` accepts, labelled
/// against the gold. The articles are analysed one by one on this thread: the candidate log is
/// the thread's.
pub fn gate_candidates(
    pipeline: &Pipeline,
    root: &Path,
    split: &str,
    keep: impl Fn(usize) -> bool,
) -> anyhow::Result<Vec<LabelledCandidate>> {
    let mut out = Vec::new();
    for (k, (text_path, ann_path)) in articles(root, split)?.iter().enumerate() {
        if !keep(k) {
            continue;
        }
        let raw = std::fs::read(text_path).with_context(|| text_path.display().to_string())?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let ann = std::fs::read_to_string(ann_path)?;
        let gold = parse_ann(&ann);
        let chars: Vec<char> = text.chars().collect();
        let char_at = char_index(&text);
        for article in read_shipped(text_path)? {
            newsgraph_extract::attribution::log_gate_candidates(true);
            let analysed = pipeline.analyze(article);
            let logged = newsgraph_extract::attribution::take_gate_candidates();
            newsgraph_extract::attribution::log_gate_candidates(false);
            let mapper = CharMapper::new(&char_at, &analysed.article);
            let to_char = |b: usize| mapper.char_of(b);
            for c in logged {
                let p = Predicted {
                    direct: false,
                    content: (to_char(c.content.start), to_char(c.content.end)),
                    speaker: c.speaker.map(|s| (to_char(s.start), to_char(s.end))),
                    name: c.speaker_name,
                    cue: String::new(),
                };
                out.push(label(&chars, &gold, &p, c.hand_filter, c.features));
            }
        }
    }
    Ok(out)
}

/// Labels one candidate against an article's gold.
fn label(
    chars: &[char],
    gold: &[GoldAttribution],
    p: &Predicted,
    hand_filter: bool,
    features: Vec<u32>,
) -> LabelledCandidate {
    let best = greedy_match(gold, std::slice::from_ref(p))
        .first()
        .map(|&(g, _)| &gold[g]);
    let key = trimmed(chars, p.content);
    LabelledCandidate {
        overlap: best.is_some(),
        exact: gold.iter().any(|g| trimmed(chars, g.content) == key),
        has_source: best.is_some_and(|g| g.source.is_some()),
        speaker_ok: best.is_some_and(|g| speaker_ok(g, p)),
        hand_filter,
        features,
    }
}

/// The class of a gold attribution for the error report: a quotation (whole: the content opens
/// with its mark; partial: a quoted phrase inside reported speech), with the archive's `''`
/// marks counted apart, or an unquoted content by its cue's class ("no cue" without one).
fn gold_class(chars: &[char], g: &GoldAttribution) -> &'static str {
    let (s, _) = trimmed(chars, g.content);
    let (raw_s, _) = g.content;
    let opens = chars
        .get(raw_s..s.max(raw_s))
        .is_some_and(|edge| edge.iter().any(|c| matches!(c, '"' | '“' | '\'')));
    if g.quote {
        return if opens {
            "quote, whole"
        } else {
            "quote, partial"
        };
    }
    if g.quote_or_apostrophes {
        return "quote in ''…''";
    }
    if g.cue.trim().is_empty() {
        return "no quote, no cue";
    }
    match newsgraph_extract::attribution::cue_class_of(&g.cue) {
        Some(newsgraph_model::CueClass::Speech) => "no quote, speech cue",
        Some(newsgraph_model::CueClass::Thought) => "no quote, thought cue",
        Some(newsgraph_model::CueClass::Document) => "no quote, document cue",
        Some(newsgraph_model::CueClass::Accusation) => "no quote, accusation cue",
        Some(newsgraph_model::CueClass::Stance) => "no quote, stance cue",
        _ => "no quote, unlisted cue",
    }
}

/// One-to-one greedy matching by overlap / max(len) ≥ 0.3, best first: (gold, prediction) pairs.
fn greedy_match(gold: &[GoldAttribution], preds: &[Predicted]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            let ((gs, ge), (ps, pe)) = (g.content, p.content);
            let ov = ge.min(pe).saturating_sub(gs.max(ps));
            let longest = (ge - gs).max(pe.saturating_sub(ps));
            if ov > 0 && ov as f64 / longest as f64 >= 0.3 {
                cands.push((ov as f64 / longest as f64, gi, pi));
            }
        }
    }
    // Best score first; ties in gold, then prediction order, as the shared scorer sorts them.
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut used_p, mut pairs) = (HashSet::new(), HashSet::new(), Vec::new());
    for (_, gi, pi) in cands {
        if !used_g.contains(&gi) && !used_p.contains(&pi) {
            used_g.insert(gi);
            used_p.insert(pi);
            pairs.push((gi, pi));
        }
    }
    pairs
}

const EDGE: &str = " \t\n\"“”‘’'.,;:!?()[]—–-";

pub(crate) fn trimmed(chars: &[char], (mut s, mut e): (usize, usize)) -> (usize, usize) {
    e = e.min(chars.len());
    while s < e && EDGE.contains(chars[s]) {
        s += 1;
    }
    while e > s && EDGE.contains(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// One-to-one matches whose trimmed content spans are equal (`begin_only`: start together).
fn strict_matches(
    chars: &[char],
    gold: &[GoldAttribution],
    preds: &[Predicted],
    begin_only: bool,
) -> usize {
    let key = |span| {
        let (s, e) = trimmed(chars, span);
        if begin_only {
            (s, 0)
        } else {
            (s, e)
        }
    };
    let mut pool: HashMap<(usize, usize), usize> = HashMap::new();
    for p in preds {
        *pool.entry(key(p.content)).or_default() += 1;
    }
    let mut n = 0;
    for g in gold {
        if let Some(left) = pool.get_mut(&key(g.content)).filter(|n| **n > 0) {
            *left -= 1;
            n += 1;
        }
    }
    n
}

const STOP: &str = "the and for with who whom whose which that this these those said says say \
    saying told tell according his her hers him she they them their its was were are has have had \
    from also not but our you your one some all any mrs";

fn content_words(s: &str) -> HashSet<String> {
    static STOP_WORDS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| STOP.split_whitespace().collect());
    let stop = &*STOP_WORDS;
    s.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3 && !stop.contains(w))
        .map(str::to_string)
        .collect()
}

/// The text from a little before the earliest of the gold source, the predicted speaker and the
/// content, up to the latest of them (bounded), for reading a wrong speaker in its place.
fn speaker_context(
    gold: Option<(usize, usize)>,
    predicted: Option<(usize, usize)>,
    content: (usize, usize),
) -> (usize, usize) {
    let spans = [gold, predicted, Some(content)];
    let start = spans
        .iter()
        .flatten()
        .map(|s| s.0)
        .min()
        .unwrap_or(content.0);
    let end = spans
        .iter()
        .flatten()
        .map(|s| s.1)
        .max()
        .unwrap_or(content.1);
    (start.saturating_sub(200), end.min(start + 600))
}

fn speaker_ok(g: &GoldAttribution, p: &Predicted) -> bool {
    if let (Some((gs, ge)), Some((ps, pe))) = (g.source, p.speaker) {
        if ge.min(pe) > gs.max(ps) {
            return true;
        }
    }
    !content_words(&p.name).is_disjoint(&content_words(&g.source_text))
}

fn finish(articles: usize, t: Tally, notes: Vec<String>) -> PolnearScores {
    let mut by_cue: Vec<(String, usize, usize)> = t
        .by_cue
        .into_iter()
        .map(|(c, (hit, n))| (c, hit, n))
        .collect();
    by_cue.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    by_cue.truncate(25);
    PolnearScores {
        articles,
        direct: Prf::new(t.direct.0, t.direct.1, t.direct.2),
        direct_two_apostrophes: {
            let d = t.direct_two_apostrophes;
            Prf::new(d.0, d.1, d.2)
        },
        all: Prf::new(t.all.0, t.all.1, t.all.2),
        all_exact: Prf::new(t.exact, t.all.1, t.all.2),
        all_begin: Prf::new(t.begin, t.all.1, t.all.2),
        speaker_acc: (ratio(t.speaker.0, t.speaker.1) * 10_000.0).round() / 100.0,
        speaker_correct: t.speaker.0,
        speaker_n: t.speaker.1,
        recall_by_cue: by_cue,
        recall_by_class: t
            .by_class
            .into_iter()
            .map(|(c, (hit, exact, n))| (c.to_string(), hit, exact, n))
            .collect(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str =
        "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 14;20 25\tit is fine\n\
                       E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";

    #[test]
    fn dated_folds_are_blocks_of_consecutive_dates() {
        let names: Vec<String> = (0..20)
            .map(|k| {
                format!(
                    "{}_2016-{:02}-01_story",
                    ["nyt", "politico"][k % 2],
                    1 + k / 2
                )
            })
            .collect();
        let dated = fold_of_names(&names, Folds::Dated);
        // Two articles per month: each tenth is one month, whatever the publisher.
        assert!((0..20).all(|k| dated[k] == k / 2));
        let interleaved = fold_of_names(&names, Folds::Interleaved);
        assert_eq!(interleaved[13], 3);
    }

    #[test]
    fn gold_classes_follow_quotes_then_cues() {
        let text = "He said “we will win.” She called it “a farce” in a speech. They believe it. \
                    Bob pounded the plan.";
        let chars: Vec<char> = text.chars().collect();
        let at = |needle: &str, cue: &str| {
            let start = text.find(needle).expect("in the text");
            let s = text[..start].chars().count();
            let content = (s, s + needle.chars().count());
            GoldAttribution {
                content,
                quote: needle.contains('“'),
                quote_or_apostrophes: needle.contains('“'),
                source: None,
                source_text: String::new(),
                cue: cue.to_string(),
            }
        };
        assert_eq!(
            gold_class(&chars, &at("“we will win.”", "said")),
            "quote, whole"
        );
        assert_eq!(
            gold_class(&chars, &at("it “a farce”", "called")),
            "quote, partial"
        );
        assert_eq!(
            gold_class(&chars, &at("it.", "believe")),
            "no quote, thought cue"
        );
        assert_eq!(
            gold_class(&chars, &at("the plan", "pounded")),
            "no quote, unlisted cue"
        );
    }

    #[test]
    fn discontinuous_content_merges_and_roles_are_kept() {
        let g = parse_ann(ANN);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].content, (9, 25));
        assert_eq!(g[0].source, Some((0, 3)));
        assert_eq!(g[0].source_text, "Bob");
        assert_eq!(g[0].cue, "said");
        assert!(!g[0].quote);
        assert!(!g[0].quote_or_apostrophes);
    }

    #[test]
    fn two_apostrophes_count_only_in_the_second_direct_figure() {
        let ann = "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 23\t''It is fine''\n\
                   E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let g = parse_ann(ann);
        assert!(!g[0].quote, "the shared scorer's gold test");
        assert!(g[0].quote_or_apostrophes);
    }

    #[test]
    fn matching_is_one_to_one_by_overlap() {
        let gold = parse_ann(ANN);
        let p = |s, e| Predicted {
            direct: false,
            content: (s, e),
            speaker: None,
            name: "Bob Smith".into(),
            cue: "said".into(),
        };
        // Gold is [9, 25): an overlap of 4 of 16 (0.25) is no match, 6 of 16 (0.375) is.
        assert!(greedy_match(&gold, &[p(21, 25)]).is_empty());
        assert_eq!(greedy_match(&gold, &[p(19, 25)]), vec![(0, 0)]);
        // One-to-one: the exact span wins and the partial one stays unmatched.
        assert_eq!(greedy_match(&gold, &[p(9, 19), p(9, 25)]), vec![(0, 1)]);
        assert!(speaker_ok(&gold[0], &p(9, 25)));
    }

    #[test]
    fn trimming_drops_quotes_and_edge_punctuation() {
        let chars: Vec<char> = "“It is fine,” he said.".chars().collect();
        assert_eq!(trimmed(&chars, (0, 13)), (1, 11));
    }
}
