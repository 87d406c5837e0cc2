//! `newsgraph ingest`, `serve`, `demo`, `export`.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_extract::{Pipeline, StreamObserver, StreamOptions};
use newsgraph_ingest::reuters::{self, ReutersDoc};
use newsgraph_model::{AnalyzedArticle, Article, Source};
use newsgraph_store::export::{ExportFormat, ExportWhat};
use newsgraph_store::{Location, OpenMode, Store};

/// Where the store is: a directory (SQLite + search index) or `postgres://…`.
#[derive(Debug, Clone, Args)]
pub(crate) struct DbArg {
    /// Store location: a directory (created if needed) or a postgres:// URL.
    /// Default: newsgraph/store in the user's data directory.
    /// The environment variable NEWSGRAPH_DB is read when the flag is absent.
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
}

impl DbArg {
    pub(crate) fn location(&self) -> Location {
        self.db
            .clone()
            .or_else(|| std::env::var("NEWSGRAPH_DB").ok().filter(|s| !s.is_empty()))
            .as_deref()
            .map_or_else(Location::default_embedded, Location::parse)
    }
}

#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    pub input: crate::cmd_analyze::InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per committed batch.
    #[arg(long, default_value_t = 256)]
    pub batch_size: usize,
    /// The inputs are analyses (JSON Lines from `analyze --json` or the Spark job; files or
    /// directories of part files, gzip or not): store them without running NLP again.
    #[arg(long)]
    pub analyzed: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on (loopback by default; any other address requires --token).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Host name the server answers for besides localhost (repeatable; `*` for any, which turns
    /// DNS-rebinding protection off). Needed when users reach it by a domain name.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Bearer token every request must carry (default: $NEWSGRAPH_TOKEN); required when --host
    /// is not loopback. Browsers log in with any user name and the token as password.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Requests handled at once; more wait in a queue, and past it get 503 + Retry-After.
    #[arg(long, default_value_t = newsgraph_server::Limits::default().concurrency)]
    pub max_concurrent: usize,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
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
    /// Also ingest a dated wire set from ../shared/data/news/reuters21578 when present: every
    /// story whose NEWID is a multiple of 50 with a title and at least 80 words (239 stories of
    /// 1987), each dated by its `<DATE>` (read in place, never copied).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub reuters: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ReindexArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Clear the stored entities and resolve every stored article's mentions again (after an
    /// upgrade of the alias tables or resolution rules). Idempotent.
    #[arg(long)]
    pub entities: bool,
    /// Build the search index again from the stored articles, with this version's fields (an
    /// index from before statements were indexed narrows quote searches by article text only).
    /// Needs no ingest running; the old index is replaced when the new one is complete.
    #[arg(long)]
    pub search: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// jsonl, csv or gexf (GEXF is for the graph; Gephi opens it).
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// articles, entities, attributions or graph (default: graph for gexf, else articles); or
    /// aggregates (JSON Lines only): the corpus aggregates the Spark job computes, on its
    /// definitions (deploy/spark/README.md), to compare a distributed run with the store.
    #[arg(long)]
    pub what: Option<String>,
    /// Output file (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Nodes in a graph export: the entities in most articles.
    #[arg(long, default_value_t = 500)]
    pub graph_nodes: usize,
}

pub(crate) fn open(location: &Location, mode: OpenMode) -> anyhow::Result<Store> {
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

/// Writes analysed articles to the store in committed batches; the search index is committed
/// every few seconds and at the end (after a crash it is rebuilt from the database, which commits
/// every batch).
pub(crate) struct StoreWriter<'s> {
    store: &'s Store,
    batch: Vec<AnalyzedArticle>,
    batch_size: usize,
    since_flush: Instant,
    added: usize,
    skipped: usize,
}

impl<'s> StoreWriter<'s> {
    pub(crate) fn new(store: &'s Store, batch_size: usize) -> Self {
        StoreWriter {
            store,
            batch: Vec::with_capacity(batch_size.max(1)),
            batch_size: batch_size.max(1),
            since_flush: Instant::now(),
            added: 0,
            skipped: 0,
        }
    }

    pub(crate) fn push(&mut self, article: AnalyzedArticle) -> anyhow::Result<()> {
        self.batch.push(article);
        if self.batch.len() >= self.batch_size {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> anyhow::Result<()> {
        let s = self.store.ingest_batch(&self.batch)?;
        self.added += s.added;
        self.skipped += s.skipped;
        self.batch.clear();
        if self.since_flush.elapsed() > Duration::from_secs(10) {
            self.store.flush()?;
            self.since_flush = Instant::now();
        }
        Ok(())
    }

    /// Writes the last batch and commits the index.
    pub(crate) fn finish(mut self) -> anyhow::Result<(usize, usize)> {
        self.write_batch()?;
        self.store.flush()?;
        Ok((self.added, self.skipped))
    }
}

pub(crate) fn ingest(args: &IngestArgs) -> anyhow::Result<()> {
    if args.analyzed {
        return crate::cmd_load::ingest_analyzed(args);
    }
    let location = args.db.location();
    let store = open(&location, OpenMode::ReadWrite)?;
    let started = Instant::now();
    // Articles already stored are not analysed again: re-running an ingest is cheap and idempotent.
    let already_stored = |a: &Article| store.contains(&a.id).unwrap_or(false);
    let options = StreamOptions {
        skip: Some(&already_stored),
        ..args.input.stream_options()
    };
    let mut writer = StoreWriter::new(&store, args.batch_size);
    let run = crate::cmd_analyze::for_each_analyzed(&args.input, options, |a| writer.push(a));
    // Whatever happened, what was analysed is written and indexed before reporting.
    let (added, skipped) = writer.finish()?;
    let report = run?;
    let skipped = skipped + report.skipped;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "newsgraph: {added} new article(s), {skipped} already stored, in {secs:.1}s ({:.1} docs/s) into {}",
        (added + skipped) as f64 / secs.max(1e-9),
        location.describe()
    );
    crate::cmd_analyze::failures_error(&report)
}

fn run_server(store: Store, host: IpAddr, port: u16) -> anyhow::Result<()> {
    if !store.search_index_is_current() {
        eprintln!(
            "newsgraph: note: this store's search index was made by an earlier version; quote \
             searches for common words are slower until `newsgraph reindex --search` rebuilds it"
        );
    }
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

pub(crate) fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let location = args.db.location();
    if let Location::Embedded(dir) = &location {
        if dir.exists() && !dir.is_dir() {
            bail!(
                "{} is a file, not a newsgraph store (a store is a directory)",
                dir.display()
            );
        }
        if !dir.join("newsgraph.sqlite").exists() {
            bail!(
                "no store at {} (run `newsgraph ingest … --db {}` or `newsgraph demo`)",
                dir.display(),
                dir.display()
            );
        }
    }
    let config = newsgraph_server::ServerConfig {
        addr: SocketAddr::new(args.host, args.port),
        allowed_hosts: args.allow_host.clone(),
        token: args
            .token
            .clone()
            .or_else(|| std::env::var("NEWSGRAPH_TOKEN").ok())
            .filter(|t| !t.is_empty()),
        limits: newsgraph_server::Limits {
            concurrency: args.max_concurrent,
            ..Default::default()
        },
    };
    // Checked before opening the store: an unsafe bind is refused at once.
    config.validate()?;
    newsgraph_server::init_logging();
    // Read-only opens repair an index a crash left behind unless an ingest holds it.
    let store = open(&location, OpenMode::ReadOnly)?;
    let status = store.index_status()?;
    if status.lag() > 0 {
        eprintln!(
            "newsgraph: warning: {} of {} stored articles are not searchable yet ({}); search \
             results are incomplete until it commits",
            status.lag(),
            status.articles,
            if status.ingest_running == Some(true) {
                "an ingest is running"
            } else {
                "run `newsgraph ingest` on this store to repair the index"
            }
        );
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(newsgraph_server::serve_with(Arc::new(store), &config, |bound| {
        eprintln!("newsgraph: serving on http://{bound}/  (API: http://{bound}/api/openapi.json; Ctrl-C stops)");
    }))
    .with_context(|| format!("serving on {}", config.addr))
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

/// The demo corpus's metadata, beside its inputs: one JSON record per input file that carries no
/// publication date of its own, `{"file": "seed-shard.txt", "published": "2024-07-23"}`.
const DEMO_METADATA: &str = "published.jsonl";

#[derive(serde::Deserialize)]
struct DemoRecord {
    file: String,
    published: NaiveDate,
}

/// The demo inputs: every entry of `dir` but the metadata file, sorted, each with the
/// publication date the metadata gives it.
fn demo_inputs(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Option<NaiveDate>)>> {
    let mut dates = std::collections::HashMap::new();
    let meta = dir.join(DEMO_METADATA);
    if meta.is_file() {
        let text = std::fs::read_to_string(&meta)
            .with_context(|| format!("reading {}", meta.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record: DemoRecord = serde_json::from_str(line)
                .with_context(|| format!("{} line {}", meta.display(), n + 1))?;
            dates.insert(record.file, record.published);
        }
    }
    let mut inputs = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name != DEMO_METADATA {
            let published = dates.get(name).copied();
            inputs.push((path, published));
        }
    }
    inputs.sort();
    Ok(inputs)
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

pub(crate) fn demo(args: &DemoArgs) -> anyhow::Result<()> {
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
    let pipeline = Pipeline::default();
    let mut writer = StoreWriter::new(&store, 128);
    let already_stored = |a: &Article| store.contains(&a.id).unwrap_or(false);
    for (input, published) in demo_inputs(&dir)? {
        let options = StreamOptions {
            keep_going: true,
            skip: Some(&already_stored),
            published,
            ..Default::default()
        };
        pipeline
            .run_files(&[input], &options, &mut PrintErrors, &mut |a| {
                writer.push(a)
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    if args.bbc {
        add_bbc_politics(&pipeline, &mut writer, &already_stored)?;
    }
    if args.reuters {
        add_reuters_wire(&pipeline, &mut writer, &already_stored)?;
    }
    writer.finish()?;
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

pub(crate) fn reindex(args: &ReindexArgs) -> anyhow::Result<()> {
    if !args.entities && !args.search {
        bail!("say what to rebuild: `newsgraph reindex --entities` and/or `--search`");
    }
    let location = args.db.location();
    let store = open(&location, OpenMode::ReadWrite)?;
    if args.entities {
        reindex_entities(&store, &location)?;
    }
    if args.search {
        let started = Instant::now();
        let pb = progress(0);
        let n = store
            .rebuild_search_index(&|done, total| {
                pb.set_length(total);
                pb.set_position(done);
            })
            .with_context(|| format!("rebuilding the search index of {}", location.describe()))?;
        pb.finish_and_clear();
        eprintln!(
            "newsgraph: search index rebuilt over {n} article(s) in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn reindex_entities(store: &Store, location: &Location) -> anyhow::Result<()> {
    let started = Instant::now();
    let stats = store
        .reindex_entities()
        .with_context(|| format!("re-resolving the entities of {}", location.describe()))?;
    eprintln!(
        "newsgraph: {} article(s) re-resolved into {} entities ({} mentions) in {:.1}s",
        stats.articles,
        stats.entities,
        stats.mentions,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub(crate) fn export(args: &ExportArgs) -> anyhow::Result<()> {
    if args.what.as_deref() == Some("aggregates") {
        return export_aggregates(args);
    }
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

/// `export --what aggregates`: the corpus aggregates as JSON Lines.
fn export_aggregates(args: &ExportArgs) -> anyhow::Result<()> {
    if args.format != "jsonl" {
        bail!("the aggregates export is JSON Lines only (--format jsonl)");
    }
    let store = open(&args.db.location(), OpenMode::ReadOnly)?;
    let mut w: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = store.write_aggregates(&mut w)?;
    w.flush()?;
    eprintln!("newsgraph: exported {n} aggregate row(s)");
    Ok(())
}

/// Prints bad inputs and goes on.
struct PrintErrors;

impl StreamObserver for PrintErrors {
    fn error(&mut self, error: &newsgraph_ingest::IngestError) {
        eprintln!("newsgraph: {error}");
    }
}

/// Adds the BBC News politics section from ../shared when it is there (research licence: read in
/// place, never copied).
fn add_bbc_politics(
    pipeline: &Pipeline,
    writer: &mut StoreWriter<'_>,
    already_stored: &dyn Fn(&Article) -> bool,
) -> anyhow::Result<()> {
    let Some(bbc) = shared_dir("data/news/bbc") else {
        eprintln!(
            "newsgraph: ../shared/data/news/bbc not present: serving the bundled sample only"
        );
        return Ok(());
    };
    eprintln!(
        "newsgraph: adding BBC News (politics, 2004-05) from {}",
        bbc.display()
    );
    let articles = read_bbc(&bbc, &["politics"])?;
    let pb = progress(articles.len() as u64);
    for chunk in articles.chunks(128) {
        let fresh: Vec<Article> = chunk
            .iter()
            .filter(|a| !already_stored(a))
            .cloned()
            .collect();
        for analysed in pipeline.analyze_batch(fresh) {
            writer.push(analysed)?;
        }
        pb.inc(chunk.len() as u64);
    }
    pb.finish_and_clear();
    Ok(())
}

/// Which Reuters-21578 stories the demo takes: a fixed rule, so every demo store holds the same
/// few hundred dated stories spread over the collection's months.
fn in_demo_wire_set(doc: &ReutersDoc) -> bool {
    const EVERY: u64 = 50;
    const MIN_WORDS: usize = 80;
    doc.new_id.is_some_and(|id| id % EVERY == 0)
        && doc.date.is_some()
        && doc.title.is_some()
        && doc.body.split_whitespace().count() >= MIN_WORDS
}

/// Adds the demo's dated wire set (see [`in_demo_wire_set`]) from ../shared when it is there,
/// each story dated by its `<DATE>`, so the timeline, date facets and sorting by date have
/// dates to show.
fn add_reuters_wire(
    pipeline: &Pipeline,
    writer: &mut StoreWriter<'_>,
    already_stored: &dyn Fn(&Article) -> bool,
) -> anyhow::Result<()> {
    let Some(dir) = shared_dir("data/news/reuters21578") else {
        eprintln!("newsgraph: ../shared/data/news/reuters21578 not present: no dated wire set");
        return Ok(());
    };
    let articles = read_reuters_wire(&dir)?;
    eprintln!(
        "newsgraph: adding {} dated Reuters stories (1987) from {}",
        articles.len(),
        dir.display()
    );
    let fresh: Vec<Article> = articles
        .into_iter()
        .filter(|a| !already_stored(a))
        .collect();
    for chunk in fresh.chunks(128) {
        for analysed in pipeline.analyze_batch(chunk.to_vec()) {
            writer.push(analysed)?;
        }
    }
    Ok(())
}

/// The demo's wire set from the collection in `dir`, as articles, in file order.
fn read_reuters_wire(dir: &Path) -> anyhow::Result<Vec<Article>> {
    let mut out = Vec::new();
    for f in reuters::files(dir).with_context(|| format!("reading {}", dir.display()))? {
        let docs = reuters::read_file(&f).with_context(|| format!("reading {}", f.display()))?;
        let file = f.display().to_string();
        out.extend(
            docs.iter()
                .filter(|d| in_demo_wire_set(d))
                .map(|d| d.to_article(&file)),
        );
    }
    Ok(out)
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

#[cfg(test)]
mod demo_tests {
    use super::*;

    #[test]
    fn the_seed_shard_carries_its_publication_date() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
        let inputs = demo_inputs(&dir).unwrap();
        let seed = inputs
            .iter()
            .find(|(p, _)| p.ends_with("seed-shard.txt"))
            .expect("the seed shard is an input");
        assert_eq!(seed.1, NaiveDate::from_ymd_opt(2024, 7, 23));
        assert!(inputs.iter().all(|(p, _)| !p.ends_with(DEMO_METADATA)));
    }
}
