//! `newsgraph ingest`, `serve`, `demo`, `export`, `bench search`.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_model::{AnalyzedArticle, Article, Published, PublishedFrom, Source};
use newsgraph_store::export::{ExportFormat, ExportWhat};
use newsgraph_store::{Location, OpenMode, SearchRequest, Store};
use rayon::prelude::*;

/// Where the store is: a directory (SQLite + search index) or `postgres://…`.
#[derive(Debug, Clone, Args)]
pub struct DbArg {
    /// Store location: a directory (created if needed) or a postgres:// URL.
    /// Default: newsgraph/store in the user's data directory.
    /// The environment variable NEWSGRAPH_DB is read when the flag is absent.
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
}

impl DbArg {
    fn location(&self) -> Location {
        self.db
            .clone()
            .or_else(|| std::env::var("NEWSGRAPH_DB").ok().filter(|s| !s.is_empty()))
            .as_deref()
            .map_or_else(Location::default_embedded, Location::parse)
    }
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: crate::cmd_analyze::InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per committed batch.
    #[arg(long, default_value_t = 256)]
    pub batch_size: usize,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on (loopback by default: use 0.0.0.0 to serve others, at your risk).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Store for the demo (default: newsgraph/demo in the user's data directory).
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Ingest only; do not serve.
    #[arg(long)]
    pub no_serve: bool,
    /// Also ingest the BBC News set from ../shared/data/news/bbc when present (research licence:
    /// read in place, never copied).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub bbc: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// jsonl, csv or gexf (GEXF is for the graph; Gephi opens it).
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// articles, entities, attributions or graph (default: graph for gexf, else articles).
    #[arg(long)]
    pub what: Option<String>,
    /// Output file (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Nodes in a graph export: the entities in most articles.
    #[arg(long, default_value_t = 500)]
    pub graph_nodes: usize,
}

#[derive(Debug, Args)]
pub struct BenchSearchArgs {
    /// A fresh store directory for the benchmark (must not exist or be empty).
    #[arg(long)]
    pub db: PathBuf,
    /// BBC News directory (default ../shared/data/news/bbc).
    #[arg(long)]
    pub bbc: Option<PathBuf>,
    /// Reuters-21578 directory with reut2-*.sgm (default ../shared/data/news/reuters21578).
    #[arg(long)]
    pub reuters: Option<PathBuf>,
    /// Replicate the corpus until the store holds at least this many documents (0: no replication).
    #[arg(long, default_value_t = 0)]
    pub replicate_to: usize,
    /// Query list, one query per line (default: a fixed built-in list).
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

fn open(location: &Location, mode: OpenMode) -> anyhow::Result<Store> {
    Store::open(location, mode)
        .with_context(|| format!("opening the store at {}", location.describe()))
}

fn progress(total: u64) -> ProgressBar {
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Analyses `articles` in parallel and writes them in batches; returns (added, skipped).
/// Articles already stored are not analysed again.
fn analyse_and_store(
    store: &Store,
    articles: Vec<Article>,
    batch_size: usize,
    totals: &mut (usize, usize),
    since_flush: &mut Instant,
) -> anyhow::Result<()> {
    for chunk in articles.chunks(batch_size.max(1)) {
        let fresh: Vec<&Article> = chunk
            .iter()
            .filter(|a| !store.contains(&a.id).unwrap_or(false))
            .collect();
        totals.1 += chunk.len() - fresh.len();
        let analysed: Vec<AnalyzedArticle> = fresh
            .into_par_iter()
            .map(|a| newsgraph_extract::pipeline::analyze(a.clone()))
            .collect();
        let s = store.ingest_batch(&analysed)?;
        totals.0 += s.added;
        totals.1 += s.skipped;
        // The search index commits every few seconds; a crash re-indexes from the database.
        if since_flush.elapsed() > Duration::from_secs(10) {
            store.flush()?;
            *since_flush = Instant::now();
        }
    }
    Ok(())
}

pub fn ingest(args: &IngestArgs) -> anyhow::Result<()> {
    let location = args.db.location();
    let store = open(&location, OpenMode::ReadWrite)?;
    let started = Instant::now();
    let mut since_flush = Instant::now();
    let (mut added, mut skipped) = (0usize, 0usize);
    let mut batch: Vec<AnalyzedArticle> = Vec::with_capacity(args.batch_size);
    let mut write = |batch: &mut Vec<AnalyzedArticle>| -> anyhow::Result<()> {
        let s = store.ingest_batch(batch)?;
        added += s.added;
        skipped += s.skipped;
        batch.clear();
        // The search index commits every few seconds; after a crash it is rebuilt from the
        // database, which commits every batch.
        if since_flush.elapsed() > Duration::from_secs(10) {
            store.flush()?;
            since_flush = Instant::now();
        }
        Ok(())
    };
    crate::cmd_analyze::for_each_analyzed(&args.input, |a| {
        batch.push(a);
        if batch.len() >= args.batch_size.max(1) {
            write(&mut batch)?;
        }
        Ok(())
    })?;
    write(&mut batch)?;
    store.flush()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "newsgraph: {added} new article(s), {skipped} already stored, in {secs:.1}s ({:.1} docs/s) into {}",
        (added + skipped) as f64 / secs.max(1e-9),
        location.describe()
    );
    Ok(())
}

fn run_server(store: Store, host: IpAddr, port: u16) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let addr = SocketAddr::new(host, port);
    rt.block_on(newsgraph_server::serve(Arc::new(store), addr, |bound| {
        eprintln!("newsgraph: serving on http://{bound}/  (API: http://{bound}/api/openapi.json; Ctrl-C stops)");
    }))
    .with_context(|| format!("serving on {addr}"))
}

pub fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let location = args.db.location();
    if let Location::Embedded(dir) = &location {
        if !dir.join("newsgraph.sqlite").exists() {
            bail!(
                "no store at {} (run `newsgraph ingest … --db {}` or `newsgraph demo`)",
                dir.display(),
                dir.display()
            );
        }
    }
    let store = open(&location, OpenMode::ReadOnly)?;
    run_server(store, args.host, args.port)
}

/// The bundled demo corpus (`data/demo`), found beside the binary's source tree or the working
/// directory.
fn demo_dir() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("data/demo"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo"),
    ];
    candidates.into_iter().find(|p| p.is_dir())
}

fn shared_dir(rel: &str) -> Option<PathBuf> {
    [
        PathBuf::from("../shared").join(rel),
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared")
            .join(rel),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

pub fn demo(args: &DemoArgs) -> anyhow::Result<()> {
    let location = match &args.db {
        Some(db) => Location::parse(db),
        None => match Location::default_embedded() {
            Location::Embedded(p) => Location::Embedded(p.with_file_name("demo")),
            other => other,
        },
    };
    let store = open(&location, OpenMode::ReadWrite)?;
    let Some(dir) = demo_dir() else {
        bail!("the bundled sample corpus (data/demo) was not found: run from the repository root");
    };
    eprintln!(
        "newsgraph: ingesting the sample corpus from {} into {}",
        dir.display(),
        location.describe()
    );
    let (files, _) = newsgraph_ingest::expand_inputs(&[dir]);
    let opts = newsgraph_ingest::ReadOptions {
        text: newsgraph_ingest::TextOptions {
            lossy: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut articles = Vec::new();
    for f in &files {
        if let Err(e) = newsgraph_ingest::read_path(f, &opts, &mut |a| articles.push(a)) {
            eprintln!("newsgraph: {e}");
        }
    }
    if args.bbc {
        match shared_dir("data/news/bbc") {
            Some(bbc) => {
                eprintln!(
                    "newsgraph: adding BBC News (politics, 2004-05) from {}",
                    bbc.display()
                );
                articles.extend(read_bbc(&bbc, &["politics"])?);
            }
            None => eprintln!(
                "newsgraph: ../shared/data/news/bbc not present: serving the bundled sample only"
            ),
        }
    }
    let pb = progress(articles.len() as u64);
    let mut totals = (0, 0);
    let mut since_flush = Instant::now();
    for chunk in articles.chunks(128) {
        analyse_and_store(&store, chunk.to_vec(), 128, &mut totals, &mut since_flush)?;
        pb.inc(chunk.len() as u64);
    }
    store.flush()?;
    pb.finish_and_clear();
    let stats = store.stats()?;
    eprintln!(
        "newsgraph: the demo store holds {} articles, {} entities, {} attributions",
        stats.articles, stats.entities, stats.attributions
    );
    if args.no_serve {
        return Ok(());
    }
    run_server(store, args.host, args.port)
}

pub fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let format = match args.format.as_str() {
        "jsonl" => ExportFormat::Jsonl,
        "csv" => ExportFormat::Csv,
        "gexf" => ExportFormat::Gexf,
        f => bail!("unknown export format {f:?} (jsonl, csv, gexf)"),
    };
    let what = match args.what.as_deref() {
        None if format == ExportFormat::Gexf => ExportWhat::Graph,
        None | Some("articles") => ExportWhat::Articles,
        Some("entities") => ExportWhat::Entities,
        Some("attributions") => ExportWhat::Attributions,
        Some("graph") => ExportWhat::Graph,
        Some(w) => bail!("unknown export {w:?} (articles, entities, attributions, graph)"),
    };
    let store = open(&args.db.location(), OpenMode::ReadOnly)?;
    let n = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let n = store.export(what, format, args.graph_nodes, &mut w)?;
            w.flush()?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let n = store.export(what, format, args.graph_nodes, &mut w)?;
            w.flush()?;
            n
        }
    };
    eprintln!("newsgraph: exported {n} record(s)");
    Ok(())
}

/// BBC News files: title on line 1, one paragraph a line.
fn read_bbc(dir: &Path, categories: &[&str]) -> anyhow::Result<Vec<Article>> {
    let mut out = Vec::new();
    for cat in categories {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(cat))
            .with_context(|| format!("reading {}", dir.join(cat).display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let raw = std::fs::read(&f)?;
            // Through the ingest decoder: the Latin-1 files keep their "£" (no U+FFFD).
            let file = f.display().to_string();
            let text = newsgraph_ingest::text::decode(&file, &raw, true, None)?
                .text
                .replace("\r\n", "\n");
            let mut lines = text.lines();
            let title = lines.next().unwrap_or("").trim().to_string();
            let body: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
            let mut a = Article::new(
                body.join("\n"),
                Source {
                    file: f.display().to_string(),
                    ..Default::default()
                },
            );
            a.title = Some(title).filter(|t| !t.is_empty());
            a.outlet = Some("BBC".into());
            a.language = Some("en".into());
            out.push(a);
        }
    }
    Ok(out)
}

/// Reuters-21578 SGML: one article per `<REUTERS>` with a `<BODY>`.
fn read_reuters(dir: &Path) -> anyhow::Result<Vec<Article>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let tag = |s: &str, name: &str| -> Option<String> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = s.find(&open)? + open.len();
        let end = s[start..].find(&close)? + start;
        Some(s[start..end].to_string())
    };
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&#3;", "")
    };
    let months = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read(&f)?;
        let text = newsgraph_ingest::text::decode(&f.display().to_string(), &raw, true, None)?.text;
        for rec in text.split("<REUTERS").skip(1) {
            let Some(body) = tag(rec, "BODY") else {
                continue;
            };
            let body = unescape(&body);
            let paragraphs: Vec<String> = body
                .split("\n    ")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty() && p != "Reuter")
                .collect();
            if paragraphs.is_empty() {
                continue;
            }
            let mut a = Article::new(
                paragraphs.join("\n"),
                Source {
                    file: f.display().to_string(),
                    ..Default::default()
                },
            );
            a.title = tag(rec, "TITLE").map(|t| unescape(&t));
            a.outlet = Some("Reuters".into());
            a.language = Some("en".into());
            // "26-FEB-1987 15:01:01.79"
            if let Some(d) = tag(rec, "DATE") {
                let parts: Vec<&str> = d.trim().split(['-', ' ']).collect();
                if let [day, mon, year, ..] = parts[..] {
                    if let (Ok(day), Some(m), Ok(year)) = (
                        day.parse::<u32>(),
                        months.iter().position(|x| *x == mon),
                        year.parse::<u32>(),
                    ) {
                        a.published = Some(Published {
                            value: format!("{year:04}-{:02}-{day:02}", m + 1),
                            from: PublishedFrom::Metadata,
                        });
                    }
                }
            }
            out.push(a);
        }
    }
    Ok(out)
}

const DEFAULT_QUERIES: &[&str] = &[
    "election",
    "prime minister",
    "\"interest rates\"",
    "oil prices",
    "football",
    "Blair Brown",
    "music award",
    "mobile phone",
    "bank shares",
    "trade deficit",
    "wheat exports",
    "coffee",
    "strike",
    "court ruling",
    "chancellor budget",
    "film festival",
    "champions league",
    "broadband",
    "merger acquisition",
    "dollar yen",
    "tax cuts",
    "government spending",
    "\"said on Monday\"",
    "profit rose",
    "games console",
    "england rugby",
    "labour party",
    "europe",
    "china",
    "unemployment",
    "president reagan",
    "opec",
    "iran iraq",
    "computer virus",
    "record sales",
    "injury",
    "gold",
    "grain",
    "the",
    "sugar cocoa",
    "tory",
    "-football match",
    "title:oil",
    "net loss",
    "dividend",
    "film",
    "album",
    "tennis",
    "search engine",
    "website",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

pub fn bench_search(args: &BenchSearchArgs) -> anyhow::Result<()> {
    if args.query_only {
        let store = open(&Location::Embedded(args.db.clone()), OpenMode::ReadOnly)?;
        return measure_queries(&store, args);
    }
    if args.db.exists() && std::fs::read_dir(&args.db)?.next().is_some() {
        bail!(
            "{} is not empty: the benchmark needs a fresh store",
            args.db.display()
        );
    }
    let bbc = args.bbc.clone().or_else(|| shared_dir("data/news/bbc"));
    let reuters = args
        .reuters
        .clone()
        .or_else(|| shared_dir("data/news/reuters21578"));
    let mut articles = Vec::new();
    if let Some(d) = &bbc {
        articles.extend(read_bbc(
            d,
            &["business", "entertainment", "politics", "sport", "tech"],
        )?);
    }
    if let Some(d) = &reuters {
        articles.extend(read_reuters(d)?);
    }
    if articles.is_empty() {
        bail!("no corpus: pass --bbc and/or --reuters");
    }
    eprintln!(
        "bench search: {} source articles (BBC: {}, Reuters: {})",
        articles.len(),
        bbc.is_some(),
        reuters.is_some()
    );
    let location = Location::Embedded(args.db.clone());
    let store = open(&location, OpenMode::ReadWrite)?;

    // 1. The whole pipeline on the real corpus (or its cached analysis).
    let cached: Option<Vec<AnalyzedArticle>> = match &args.analysis_cache {
        Some(p) if p.exists() => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            Some(
                text.lines()
                    .map(serde_json::from_str)
                    .collect::<Result<_, _>>()
                    .context("parsing the analysis cache")?,
            )
        }
        _ => None,
    };
    let from_cache = cached.is_some();
    let started = Instant::now();
    let mut analysed_all: Vec<AnalyzedArticle> = Vec::with_capacity(articles.len());
    let mut stored = 0usize;
    match cached {
        Some(all) => {
            for chunk in all.chunks(512) {
                stored += store.ingest_batch(chunk)?.added;
            }
            analysed_all = all;
        }
        None => {
            for chunk in articles.chunks(512) {
                let analysed: Vec<AnalyzedArticle> = chunk
                    .par_iter()
                    .map(|a| newsgraph_extract::pipeline::analyze(a.clone()))
                    .collect();
                stored += store.ingest_batch(&analysed)?.added;
                analysed_all.extend(analysed);
            }
        }
    }
    store.flush()?;
    let pipeline_secs = started.elapsed().as_secs_f64();
    eprintln!(
        "ingest ({}), {} articles ({} new): {:.1}s, {:.0} docs/s",
        if from_cache {
            "store + index; analysis from cache"
        } else {
            "analyse + store + index"
        },
        analysed_all.len(),
        stored,
        pipeline_secs,
        analysed_all.len() as f64 / pipeline_secs
    );
    if let (Some(p), false) = (&args.analysis_cache, from_cache) {
        let mut w = std::io::BufWriter::new(std::fs::File::create(p)?);
        for a in &analysed_all {
            serde_json::to_writer(&mut w, a)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }

    // 2. Replicas: same analysis, new content (a replica marker paragraph), to reach the target.
    if args.replicate_to > stored {
        let started = Instant::now();
        let mut copy = 1usize;
        let mut total = stored;
        'outer: loop {
            for chunk in analysed_all.chunks(1024) {
                let batch: Vec<AnalyzedArticle> = chunk
                    .par_iter()
                    .map(|a| {
                        let mut r = a.clone();
                        // A marker paragraph after the text keeps every span's offsets valid.
                        r.article.text.push_str(&format!("\n[replica {copy}]"));
                        r.article.paragraphs = newsgraph_model::paragraph_spans(&r.article.text);
                        r.article.id = newsgraph_model::content_id(&r.article.text);
                        if !args.replicate_analysed {
                            r = newsgraph_extract::pipeline::analyze(r.article);
                        }
                        r
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
        let added = total - stored;
        eprintln!(
            "replicated to {total} documents: {added} stored in {secs:.1}s, {:.0} docs/s (store + index{})",
            added as f64 / secs,
            if args.replicate_analysed { ", analysis reused" } else { ", with analysis" }
        );
    }
    drop(store);
    let store = open(&location, OpenMode::ReadOnly)?;
    measure_queries(&store, args)
}

/// Query latency over a fixed list, through the call the API makes (search, facets, snippets).
fn measure_queries(store: &Store, args: &BenchSearchArgs) -> anyhow::Result<()> {
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
    // 3. Query latency over a fixed list, through the same call the API makes (search + facets + snippets).
    let queries: Vec<String> = match &args.queries {
        Some(p) => std::fs::read_to_string(p)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        None => DEFAULT_QUERIES.iter().map(|s| s.to_string()).collect(),
    };
    let mut requests: Vec<SearchRequest> = queries
        .iter()
        .map(|q| SearchRequest {
            q: q.clone(),
            ..Default::default()
        })
        .collect();
    // Filtered variants: outlet, anonymous sources, date range, page 3.
    for q in queries.iter().take(10) {
        requests.push(SearchRequest {
            q: q.clone(),
            outlet: Some("Reuters".into()),
            from: Some("1987-03-01".into()),
            to: Some("1987-03-31".into()),
            ..Default::default()
        });
        requests.push(SearchRequest {
            q: q.clone(),
            has_anonymous: Some(false),
            offset: 20,
            ..Default::default()
        });
    }
    for r in &requests {
        store.search(r)?; // warm-up
    }
    let mut times = Vec::new();
    for _ in 0..args.runs.max(1) {
        for r in &requests {
            let t = Instant::now();
            let resp = store.search(r)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(resp);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    eprintln!(
        "query latency over {} queries x {} runs ({} docs): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        requests.len(), args.runs.max(1), st.articles, percentile(&times, 50.0), percentile(&times, 99.0), times.last().copied().unwrap_or(0.0)
    );
    Ok(())
}
