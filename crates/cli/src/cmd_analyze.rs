//! `newsgraph analyze`, `newsgraph eval segment`, `newsgraph bench ingest`, and the input plumbing
//! other commands share ([`InputArgs`], [`for_each_analyzed`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_extract::pipeline::analyze as analyze_article;
use newsgraph_ingest::dedup::{DedupConfig, Deduper};
use newsgraph_ingest::segment::SplitMode;
use newsgraph_ingest::{expand_inputs, read_path, Article, InputFormat, ReadOptions, TextOptions};
use newsgraph_model::{AnalyzedArticle, AttributionKind, Published, PublishedFrom};
use rayon::prelude::*;

/// Inputs and how to read them: shared by analyze, timeline and ingest.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Input format; `auto` decides per file from its name and content.
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub format: InputFormat,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Report bad inputs and records, and go on with the rest.
    #[arg(long)]
    pub keep_going: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the file.
    #[arg(long)]
    pub lossy: bool,
    /// Read plain text in this encoding instead of detecting it (latin1, windows-1252, utf-16le, …).
    #[arg(long, value_parser = newsgraph_ingest::text::parse_encoding)]
    pub encoding: Option<&'static newsgraph_ingest::text::Encoding>,
    /// Split text into articles: `auto` keeps a file laid out as one article whole, `never` makes
    /// each file one article, `always` splits wherever a boundary is found (records too).
    #[arg(long, default_value = "auto", value_parser = parse_split)]
    pub split: SplitMode,
}

fn parse_split(s: &str) -> Result<SplitMode, String> {
    s.parse()
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// How many articles are analysed together in parallel; bounds memory on huge inputs.
const BATCH: usize = 512;

fn progress(files: usize) -> ProgressBar {
    let pb =
        ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files, {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Reads every input, runs the analysis pipeline in parallel and hands the results to `f` in input
/// order. Errors stop the run unless `--keep-going`, in which case they are reported on stderr and the
/// run fails at the end with their count.
pub fn for_each_analyzed(
    input: &InputArgs,
    mut f: impl FnMut(AnalyzedArticle) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (files, walk_errors) = expand_inputs(&input.paths);
    let mut failures = 0usize;
    for e in walk_errors {
        if !input.keep_going {
            return Err(e.into());
        }
        eprintln!("newsgraph: {e}");
        failures += 1;
    }
    let opts = ReadOptions {
        format: input.format,
        text: TextOptions {
            lossy: input.lossy,
            encoding: input.encoding,
            split: input.split,
            ..Default::default()
        },
    };
    let pb = progress(files.len());
    let mut deduper = Deduper::new(DedupConfig::default());
    let mut done = 0usize;
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Article>,
                 f: &mut dyn FnMut(AnalyzedArticle) -> anyhow::Result<()>|
     -> anyhow::Result<()> {
        let analyzed: Vec<AnalyzedArticle> = std::mem::take(batch)
            .into_par_iter()
            .map(analyze_article)
            .collect();
        for a in analyzed {
            f(a)?;
        }
        Ok(())
    };
    for file in &files {
        let mut pending_error: Option<anyhow::Error> = None;
        let result = read_path(file, &opts, &mut |mut article| {
            if article.published.is_none() {
                if let Some(d) = input.published {
                    article.published = Some(Published {
                        value: d.to_string(),
                        from: PublishedFrom::Cli,
                    });
                }
            }
            // Clusters depend on input order, so they are assigned here, before the parallel stages.
            deduper.assign(&mut article);
            batch.push(article);
            if batch.len() >= BATCH && pending_error.is_none() {
                if let Err(e) = flush(&mut batch, &mut f) {
                    pending_error = Some(e);
                }
            }
        });
        if let Some(e) = pending_error {
            return Err(e);
        }
        match result {
            Ok(report) => {
                done += report.articles;
                for e in report.errors {
                    if !input.keep_going {
                        return Err(
                            anyhow::Error::new(e).context("(use --keep-going to skip bad records)")
                        );
                    }
                    eprintln!("newsgraph: {e}");
                    failures += 1;
                }
            }
            Err(e) => {
                if !input.keep_going {
                    return Err(e.into());
                }
                pb.suspend(|| eprintln!("newsgraph: {e}"));
                failures += 1;
            }
        }
        pb.inc(1);
        pb.set_message(format!("{done} articles"));
        if batch.len() >= BATCH {
            flush(&mut batch, &mut f)?;
        }
    }
    flush(&mut batch, &mut f)?;
    pb.finish_and_clear();
    if failures > 0 {
        anyhow::bail!("{failures} input(s) or record(s) could not be read (see above); the rest was processed");
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print JSON Lines (the contract in OUTPUT.md) instead of a human summary.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output (written whole or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn analyze(args: &AnalyzeArgs) -> anyhow::Result<()> {
    let mut sink = OutputSink::open(args.out.as_deref())?;
    for_each_analyzed(&args.input, |a| {
        if args.json {
            serde_json::to_writer(&mut sink, &a)?;
            sink.write_all(b"\n")?;
        } else {
            write_summary(&mut sink, &a)?;
        }
        Ok(())
    })?;
    sink.commit()
}

/// Standard output, or a temporary file renamed over `--out` only when everything was written.
pub struct OutputSink {
    inner: Box<dyn Write>,
    target: Option<(PathBuf, PathBuf)>,
}

impl OutputSink {
    pub fn open(out: Option<&Path>) -> anyhow::Result<Self> {
        match out {
            None => Ok(OutputSink {
                inner: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
                target: None,
            }),
            Some(path) => {
                let tmp = path.with_extension("partial");
                let file = std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                Ok(OutputSink {
                    inner: Box::new(std::io::BufWriter::new(file)),
                    target: Some((tmp, path.to_path_buf())),
                })
            }
        }
    }
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.inner.flush()?;
        if let Some((tmp, path)) = self.target.take() {
            // Close the file before renaming it into place.
            drop(std::mem::replace(
                &mut self.inner,
                Box::new(std::io::sink()),
            ));
            std::fs::rename(&tmp, &path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

impl Write for OutputSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for OutputSink {
    fn drop(&mut self) {
        if let Some((tmp, _)) = &self.target {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn write_summary(w: &mut dyn Write, a: &AnalyzedArticle) -> anyhow::Result<()> {
    let art = &a.article;
    writeln!(
        w,
        "━━ article {} — {} lines {}–{}, {} words",
        &art.id[..12],
        art.source.file,
        art.source.lines[0],
        art.source.lines[1],
        art.word_count()
    )?;
    if let Some(t) = &art.title {
        writeln!(w, "   title: {t}")?;
    }
    for (k, v) in [
        ("outlet", &art.outlet),
        ("url", &art.url),
        ("language", &art.language),
    ] {
        if let Some(v) = v {
            writeln!(w, "   {k}: {v}")?;
        }
    }
    if let Some(p) = &art.published {
        writeln!(w, "   published: {} (from {:?})", p.value, p.from)?;
    }
    writeln!(
        w,
        "   opens: {}",
        clip(
            art.paragraphs
                .first()
                .map(|p| p.slice(&art.text))
                .unwrap_or(""),
            100
        )
    )?;
    if art.truncated {
        writeln!(
            w,
            "   TRUNCATED: {}",
            art.truncation_reason.as_deref().unwrap_or("cut")
        )?;
    }
    let c = &art.credits;
    for (k, v) in [
        ("byline", &c.byline),
        ("illustration", &c.illustration),
        ("additional reporting", &c.additional_reporting),
        ("editing", &c.editing),
    ] {
        if !v.is_empty() {
            writeln!(w, "   {k}: {}", v.join(", "))?;
        }
    }
    if !a.entities.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for e in &a.entities {
            let s = format!("{} [{}]", e.text, e.label);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        writeln!(
            w,
            "   entities ({}): {}",
            a.entities.len(),
            clip(&seen.join(", "), 400)
        )?;
    }
    if !a.attributions.is_empty() {
        writeln!(w, "   attributions:")?;
        for at in &a.attributions {
            let kind = match at.kind {
                AttributionKind::Direct => "direct",
                AttributionKind::Reported => "reported",
                AttributionKind::NonResponse => "non-response",
                AttributionKind::Scare => "scare quote",
            };
            let who = match &at.speaker {
                Some(s) => {
                    let mut who = s.name.clone().unwrap_or_else(|| s.text.clone());
                    if let Some(k) = s.kind {
                        who.push_str(&format!(
                            " ({})",
                            serde_json::to_value(k)?.as_str().unwrap_or("")
                        ));
                    }
                    if let Some(d) = &s.descriptor {
                        who.push_str(&format!(" — {d}"));
                    }
                    if let Some(r) = &s.anonymity_reason {
                        who.push_str(&format!(" [anonymous: {r}]"));
                    }
                    who
                }
                None => "—".to_string(),
            };
            let resp = at.response.map(|r| format!(" {r:?}")).unwrap_or_default();
            writeln!(
                w,
                "     {kind:<12}{resp} {who}: “{}”",
                clip(&at.content.text, 90)
            )?;
        }
        let s = &a.sourcing;
        writeln!(
            w,
            "   sourcing: {} attributions, {} named, {} anonymous ({:.0}%), {} non-responses{}",
            s.attributions,
            s.named,
            s.anonymous,
            100.0 * s.share_anonymous,
            s.non_responses,
            if s.declined.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.declined.join("; "))
            }
        )?;
        if !s.named_voices.is_empty() {
            writeln!(w, "   named voices: {}", s.named_voices.join(", "))?;
        }
    }
    if !a.dates.is_empty() {
        let d: Vec<String> = a
            .dates
            .iter()
            .map(|d| format!("{} → {}", d.text, d.value.as_deref().unwrap_or("?")))
            .collect();
        writeln!(w, "   dates: {}", clip(&d.join("; "), 400))?;
    }
    if !a.figures.is_empty() {
        let f: Vec<String> = a.figures.iter().map(|f| f.text.clone()).collect();
        writeln!(w, "   figures: {}", clip(&f.join("; "), 400))?;
    }
    writeln!(w)?;
    Ok(())
}

#[derive(Debug, Args)]
pub struct EvalSegmentArgs {
    /// The shared data directory (with news/bbc and news/reuters21578).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Shuffle seed.
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Articles per synthetic shard.
    #[arg(long, default_value_t = 50)]
    pub shard_articles: usize,
    /// Fit the topic-shift weights on the dev half (even-numbered BBC files) and print them.
    #[arg(long)]
    pub fit: bool,
}

pub fn eval_segment(args: &EvalSegmentArgs) -> anyhow::Result<()> {
    use newsgraph_ingest::segment::{THRESHOLD, WEIGHTS};
    use newsgraph_ingest::segment_eval::{
        bbc_articles, fit, reuters_bodies, reuters_bodies_inline_sign_off, score, BoundaryScore,
        SplitMix64, SyntheticShard,
    };
    let bbc_dir = args.data.join("news/bbc");
    let reuters_dir = args.data.join("news/reuters21578");
    let chunk = |mut arts: Vec<Vec<String>>, seed: u64| -> Vec<SyntheticShard> {
        SplitMix64::new(seed).shuffle(&mut arts);
        arts.chunks(args.shard_articles.max(2))
            .map(|c| SyntheticShard::from_articles(c.to_vec()))
            .collect()
    };
    let total = |shards: &[SyntheticShard], w| {
        shards.iter().fold(BoundaryScore::default(), |acc, s| {
            let r = score(s, w, THRESHOLD);
            BoundaryScore {
                true_positives: acc.true_positives + r.true_positives,
                predicted: acc.predicted + r.predicted,
                gold: acc.gold + r.gold,
            }
        })
    };
    let mut weights = WEIGHTS;
    if args.fit {
        let dev = chunk(
            bbc_articles(&bbc_dir, &|n| n % 2 == 0).context("reading BBC")?,
            args.seed,
        );
        weights = fit(&dev, 3000);
        println!("fitted weights (dev = even-numbered BBC files): {weights:?}");
        let s = total(&dev, &weights);
        println!(
            "bbc dev    P {:.3} R {:.3} F1 {:.3}",
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    let report = |name: &str, shards: &[SyntheticShard], w| {
        let s = total(shards, w);
        let paras: usize = shards.iter().map(|s| s.paragraphs.len()).sum();
        let arts: usize = shards.iter().map(|s| s.articles).sum();
        println!(
            "{name:<34} {arts:>6} articles {paras:>7} paragraphs  boundaries {:>6}  P {:.3} R {:.3} F1 {:.3}",
            s.gold,
            s.precision(),
            s.recall(),
            s.f1()
        );
    };
    let bbc_test = chunk(
        bbc_articles(&bbc_dir, &|n| n % 2 == 1).context("reading BBC")?,
        args.seed,
    );
    report("bbc (title-less, odd files, test)", &bbc_test, &weights);
    let reuters = chunk(
        reuters_bodies(&reuters_dir, true).context("reading Reuters-21578")?,
        args.seed,
    );
    report("reuters-21578 (with sign-off)", &reuters, &weights);
    let reuters_bare = chunk(reuters_bodies(&reuters_dir, false)?, args.seed);
    report("reuters-21578 (sign-off removed)", &reuters_bare, &weights);
    let reuters_inline = chunk(reuters_bodies_inline_sign_off(&reuters_dir)?, args.seed);
    report("reuters-21578 (sign-off inline)", &reuters_inline, &weights);
    report_whole_files(&args.data)
}

/// Single-article files read as a user would (`--split auto`): the share kept whole.
fn report_whole_files(data: &Path) -> anyhow::Result<()> {
    use newsgraph_ingest::segment_eval::whole_files;
    let polnear = data.join("attribution/polnear/data");
    let mut sets: Vec<(String, PathBuf)> = ["train", "dev"]
        .iter()
        .map(|s| {
            (
                format!("polnear {s} (one file each)"),
                polnear.join(s).join("text"),
            )
        })
        .collect();
    for cat in ["business", "entertainment", "politics", "sport", "tech"] {
        sets.push((
            format!("bbc {cat} (one file each)"),
            data.join("news/bbc").join(cat),
        ));
    }
    for (name, dir) in sets.iter().filter(|(_, d)| d.is_dir()) {
        let r = whole_files(dir, &TextOptions::default())?;
        println!(
            "{name:<34} {:>6} files kept whole {:>6}  {:.1}%  unreadable {}",
            r.files,
            r.whole,
            100.0 * r.share(),
            r.failed.len()
        );
        for (f, reasons) in r.split.iter().take(3) {
            println!("    split: {} ({})", f.display(), reasons.join(", "));
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct BenchIngestArgs {
    /// The shared data directory (with news/bbc and news/reuters21578).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Repeat each shard this many times (to measure on more bytes).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

/// Peak resident set size of this process, from /proc (Linux); 0 elsewhere.
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

pub fn bench_ingest(args: &BenchIngestArgs) -> anyhow::Result<()> {
    use newsgraph_ingest::segment_eval::{bbc_articles, reuters_bodies, shard};
    let sets = [
        (
            "bbc",
            shard(
                bbc_articles(&args.data.join("news/bbc"), &|_| true)?,
                1,
                usize::MAX,
            ),
        ),
        (
            "reuters-21578",
            shard(
                reuters_bodies(&args.data.join("news/reuters21578"), true)?,
                1,
                usize::MAX,
            ),
        ),
    ];
    println!(
        "read + normalise + segment, one core (shard text built in memory; no disk I/O timed)"
    );
    for (name, s) in sets {
        let text = s.to_text().repeat(args.repeat.max(1));
        let mb = text.len() as f64 / 1e6;
        let words = text.split_whitespace().count() as f64;
        let t = std::time::Instant::now();
        let (articles, _) =
            newsgraph_ingest::read_shard(name, text.as_bytes(), &TextOptions::default())?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name:<14} {mb:>7.1} MB {:>8} articles  {:>7.1} MB/s  {:>10.0} words/s  {:>8.0} docs/s",
            articles.len(),
            mb / secs,
            words / secs,
            articles.len() as f64 / secs
        );
    }
    println!("peak RSS {:.1} MB", peak_rss_bytes() as f64 / 1e6);
    Ok(())
}
