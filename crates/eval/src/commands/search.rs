//! `newsgraph bench search`: ingest a real corpus (optionally replicated to a target size) into a
//! fresh store, then measure query latency.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Args;
use newsgraph_extract::Pipeline;
use newsgraph_model::{AnalyzedArticle, Article};
use newsgraph_store::{Location, OpenMode, Store};
use rayon::prelude::*;

use crate::search::{
    corpus_articles, measure, measure_quotes, parse_queries, quote_requests, replica, requests,
    Latency, DEFAULT_QUERIES,
};
use crate::DataDir;

/// `newsgraph bench search`.
#[derive(Debug, Args)]
pub struct BenchSearchArgs {
    /// A fresh store directory for the benchmark (must not exist or be empty).
    #[arg(long)]
    pub db: PathBuf,
    /// The shared data directory (news/bbc, news/reuters21578); default: ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Leave BBC News out.
    #[arg(long)]
    pub no_bbc: bool,
    /// Leave Reuters-21578 out.
    #[arg(long)]
    pub no_reuters: bool,
    /// Replicate the corpus until the store holds at least this many documents (0: no replication).
    #[arg(long, default_value_t = 0)]
    pub replicate_to: usize,
    /// Query list, one query per line (default: the built-in list).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Times each query is run.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// JSON Lines file of analysed articles: read instead of analysing when it exists, written
    /// after analysing when it does not (so repeated runs measure the store alone).
    #[arg(long)]
    pub analysis_cache: Option<PathBuf>,
    /// Only measure query latency, on the existing store at --db (no ingest).
    #[arg(long)]
    pub query_only: bool,
    /// Skip the pipeline for replicas: store copies of already analysed articles.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub replicate_analysed: bool,
}

fn open(db: &std::path::Path, mode: OpenMode) -> anyhow::Result<Store> {
    Store::open(&Location::Embedded(db.to_path_buf()), mode)
        .with_context(|| format!("opening the store at {}", db.display()))
}

/// Runs the benchmark.
pub(super) fn bench_search(args: &BenchSearchArgs) -> anyhow::Result<()> {
    if !args.query_only {
        if args.db.exists() && std::fs::read_dir(&args.db)?.next().is_some() {
            bail!(
                "{} is not empty: the benchmark needs a fresh store",
                args.db.display()
            );
        }
        let store = open(&args.db, OpenMode::ReadWrite)?;
        let analysed = load_corpus(&store, args)?;
        replicate(&store, &analysed, args)?;
    }
    let store = open(&args.db, OpenMode::ReadOnly)?;
    report_queries(&store, args)
}

/// Step 1: the whole pipeline on the real corpus (or its cached analysis), stored and indexed.
fn load_corpus(store: &Store, args: &BenchSearchArgs) -> anyhow::Result<Vec<AnalyzedArticle>> {
    let data = DataDir::resolve(args.data.as_deref());
    let cached = match &args.analysis_cache {
        Some(p) if p.exists() => Some(read_cache(p)?),
        _ => None,
    };
    let from_cache = cached.is_some();
    let started = Instant::now();
    let mut stored = 0usize;
    let analysed = match cached {
        Some(all) => all,
        None => {
            let articles: Vec<Article> = corpus_articles(&data, !args.no_bbc, !args.no_reuters)
                .with_context(|| format!("reading the corpora under {}", data.root().display()))?;
            if articles.is_empty() {
                bail!("no corpus: both BBC and Reuters-21578 were left out");
            }
            eprintln!("bench search: {} source articles", articles.len());
            let pipeline = Pipeline::default();
            articles
                .par_iter()
                .map(|a| pipeline.analyze(a.clone()))
                .collect()
        }
    };
    for chunk in analysed.chunks(512) {
        stored += store.ingest_batch(chunk)?.added;
    }
    store.flush()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "ingest ({}), {} articles ({stored} new): {secs:.1}s, {:.0} docs/s",
        if from_cache {
            "store + index; analysis from cache"
        } else {
            "analyse + store + index"
        },
        analysed.len(),
        analysed.len() as f64 / secs.max(1e-9)
    );
    if let (Some(p), false) = (&args.analysis_cache, from_cache) {
        write_cache(p, &analysed)?;
    }
    Ok(analysed)
}

fn read_cache(path: &std::path::Path) -> anyhow::Result<Vec<AnalyzedArticle>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .context("parsing the analysis cache")
}

fn write_cache(path: &std::path::Path, analysed: &[AnalyzedArticle]) -> anyhow::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in analysed {
        serde_json::to_writer(&mut w, a)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// Step 2: replicas (same analysis, new content) until the store holds `--replicate-to`.
fn replicate(
    store: &Store,
    analysed: &[AnalyzedArticle],
    args: &BenchSearchArgs,
) -> anyhow::Result<()> {
    let mut total = usize::try_from(store.stats()?.articles).unwrap_or(0);
    if args.replicate_to <= total || analysed.is_empty() {
        return Ok(());
    }
    let (started, before) = (Instant::now(), total);
    let pipeline = Pipeline::default();
    let mut copy = 1usize;
    'outer: loop {
        for chunk in analysed.chunks(1024) {
            let batch: Vec<AnalyzedArticle> = chunk
                .par_iter()
                .map(|a| {
                    let r = replica(a, copy);
                    if args.replicate_analysed {
                        r
                    } else {
                        pipeline.analyze(r.article)
                    }
                })
                .collect();
            total += store.ingest_batch(&batch)?.added;
            if total >= args.replicate_to {
                break 'outer;
            }
        }
        copy += 1;
        store.flush()?;
    }
    store.flush()?;
    let secs = started.elapsed().as_secs_f64();
    let added = total - before;
    eprintln!(
        "replicated to {total} documents: {added} stored in {secs:.1}s, {:.0} docs/s (store + index{})",
        added as f64 / secs.max(1e-9),
        if args.replicate_analysed { ", analysis reused" } else { ", with analysis" }
    );
    Ok(())
}

/// One latency line (percentiles over `runs` timed runs of each request), then the slowest.
fn report_latency(what: &str, runs: usize, docs: i64, l: &Latency) {
    eprintln!(
        "{what} x {} runs ({docs} docs): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        runs.max(1),
        l.p50_ms,
        l.p99_ms,
        l.max_ms
    );
    for (ms, r) in &l.slowest {
        eprintln!("  slow: {ms:7.2} ms median  {r}");
    }
}

/// Step 3: store size and query latency.
fn report_queries(store: &Store, args: &BenchSearchArgs) -> anyhow::Result<()> {
    let (db_bytes, index_bytes) = store.disk_usage();
    let st = store.stats()?;
    eprintln!(
        "store: {} articles, {} entities, {} mentions; database {:.1} MiB, search index {:.1} MiB",
        st.articles,
        st.entities,
        st.mentions,
        db_bytes as f64 / 1048576.0,
        index_bytes as f64 / 1048576.0
    );
    let queries = match &args.queries {
        Some(p) => parse_queries(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        ),
        None => parse_queries(DEFAULT_QUERIES),
    };
    let requests = requests(&queries);
    let what = format!("query latency over {} queries", requests.len());
    report_latency(
        &what,
        args.runs,
        st.articles,
        &measure(store, &requests, args.runs)?,
    );
    let quotes = quote_requests();
    let what = format!("statement search latency over {} searches", quotes.len());
    report_latency(
        &what,
        args.runs,
        st.articles,
        &measure_quotes(store, &quotes, args.runs)?,
    );
    Ok(())
}
