//! `newsgraph analyze`, and the input plumbing other commands share ([`InputArgs`],
//! [`for_each_analyzed`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_extract::{
    Budget, Pipeline, PipelineOptions, StreamError, StreamObserver, StreamOptions, StreamReport,
};
use newsgraph_ingest::segment::SplitMode;
use newsgraph_ingest::{IngestError, InputFormat, ReadOptions, TextOptions};
use newsgraph_model::{AnalyzedArticle, Article, Attribution, AttributionKind};

/// Inputs and how to read them: shared by analyze, timeline and ingest.
#[derive(Debug, Clone, Args)]
pub(crate) struct InputArgs {
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
    /// A NER model file (from `newsgraph train ner`) instead of the embedded model.
    #[arg(long, value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
    /// Largest article analysed, in bytes of text; a larger one is reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = Budget::default().max_article_bytes)]
    pub max_article_bytes: usize,
    /// Seconds one article's analysis may take (checked between stages); past it the article is
    /// reported and skipped.
    #[arg(long, value_name = "SECONDS", default_value_t = Budget::default().max_article_time.as_secs_f64(), value_parser = parse_seconds)]
    pub article_seconds: f64,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err("expected a number of seconds, 0 or more".to_string()),
    }
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

/// A progress bar over input files that prints bad inputs above itself.
#[derive(Default)]
struct Progress {
    bar: Option<ProgressBar>,
}

impl StreamObserver for Progress {
    fn started(&mut self, files: usize) {
        self.bar = Some(progress(files));
    }
    fn error(&mut self, error: &IngestError) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("newsgraph: {error}")),
            None => eprintln!("newsgraph: {error}"),
        }
    }
    fn file_done(&mut self, articles: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(format!("{articles} articles"));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl InputArgs {
    /// The stream settings these flags describe.
    pub(crate) fn stream_options(&self) -> StreamOptions<'static> {
        StreamOptions {
            read: ReadOptions {
                format: self.format,
                text: TextOptions {
                    lossy: self.lossy,
                    encoding: self.encoding,
                    split: self.split,
                    ..Default::default()
                },
            },
            published: self.published,
            keep_going: self.keep_going,
            ..Default::default()
        }
    }
}

/// Reads every input, runs the pipeline in parallel batches and hands the results to `f` in input
/// order, with a progress bar. Bad inputs stop the run unless `--keep-going`: then they are
/// reported on stderr, everything else is processed, and the caller gets the count in
/// [`StreamReport::failures`] to fail with after committing its output ([`failures_error`]).
pub(crate) fn for_each_analyzed(
    input: &InputArgs,
    options: StreamOptions<'_>,
    mut f: impl FnMut(AnalyzedArticle) -> anyhow::Result<()>,
) -> anyhow::Result<StreamReport> {
    let pipeline = Pipeline::new(&PipelineOptions {
        ner_model: input.ner_model.clone(),
        budget: Budget {
            max_article_bytes: input.max_article_bytes,
            max_article_time: std::time::Duration::from_secs_f64(input.article_seconds),
        },
    })?;
    let mut observer = Progress::default();
    match pipeline.run_files(&input.paths, &options, &mut observer, &mut f) {
        Ok(report) => Ok(report),
        Err(StreamError::Sink(e)) => Err(e),
        Err(StreamError::Input(e)) => Err(anyhow::Error::new(e)
            .context("(use --keep-going to report bad inputs and go on with the rest)")),
    }
}

/// The error a run ends with when `--keep-going` went past bad inputs (exit code 1).
pub(crate) fn failures_error(report: &StreamReport) -> anyhow::Result<()> {
    if report.failures > 0 {
        anyhow::bail!(
            "{} input(s) or record(s) could not be read (see above); the other {} article(s) were processed",
            report.failures,
            report.analysed
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print JSON Lines (the contract in OUTPUT.md) instead of a human summary.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output (written whole or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub(crate) fn analyze(args: &AnalyzeArgs) -> anyhow::Result<()> {
    let mut sink = OutputSink::open(args.out.as_deref())?;
    let report = for_each_analyzed(&args.input, args.input.stream_options(), |a| {
        if args.json {
            serde_json::to_writer(&mut sink, &a)?;
            sink.write_all(b"\n")?;
        } else {
            write_summary(&mut sink, &a)?;
        }
        Ok(())
    })?;
    // Everything that could be read is written, even when some inputs could not be.
    sink.commit()?;
    failures_error(&report)
}

/// Standard output, or a temporary file renamed over `--out` only when everything was written.
pub(crate) struct OutputSink {
    inner: Box<dyn Write>,
    target: Option<(PathBuf, PathBuf)>,
}

impl OutputSink {
    pub(crate) fn open(out: Option<&Path>) -> anyhow::Result<Self> {
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
    pub(crate) fn commit(mut self) -> anyhow::Result<()> {
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

/// The human-readable summary of one article.
fn write_summary(w: &mut dyn Write, a: &AnalyzedArticle) -> anyhow::Result<()> {
    write_header(w, &a.article)?;
    write_entities(w, a)?;
    write_attributions(w, a)?;
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

/// Where the article came from, its metadata, opening and credits.
fn write_header(w: &mut dyn Write, art: &Article) -> anyhow::Result<()> {
    writeln!(
        w,
        "━━ article {} — {} lines {}–{}, {} words",
        art.id.get(..12).unwrap_or(&art.id),
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
    let opening = art.paragraphs.first().map(|p| p.slice(&art.text));
    writeln!(w, "   opens: {}", clip(opening.unwrap_or(""), 100))?;
    if art.truncated {
        let reason = art.truncation_reason.as_deref().unwrap_or("cut");
        writeln!(w, "   TRUNCATED: {reason}")?;
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
    Ok(())
}

/// Distinct entities with their labels, and how many mentions there are.
fn write_entities(w: &mut dyn Write, a: &AnalyzedArticle) -> anyhow::Result<()> {
    if a.entities.is_empty() {
        return Ok(());
    }
    let mut seen: Vec<String> = Vec::new();
    for e in &a.entities {
        let s = format!("{} [{}]", e.text, e.label);
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    writeln!(
        w,
        "   entities ({} distinct, {} mentions): {}",
        seen.len(),
        a.entities.len(),
        clip(&seen.join(", "), 400)
    )?;
    Ok(())
}

/// Who said what, then the sourcing profile.
fn write_attributions(w: &mut dyn Write, a: &AnalyzedArticle) -> anyhow::Result<()> {
    if a.attributions.is_empty() {
        return Ok(());
    }
    writeln!(w, "   attributions:")?;
    for at in &a.attributions {
        let kind = match at.kind {
            AttributionKind::Direct => "direct",
            AttributionKind::Reported => "reported",
            AttributionKind::NonResponse => "non-response",
            AttributionKind::Scare => "scare quote",
        };
        let resp = at.response.map(|r| format!(" {r:?}")).unwrap_or_default();
        writeln!(
            w,
            "     {kind:<12}{resp} {}: “{}”",
            speaker_label(at)?,
            clip(&at.content.text, 90)
        )?;
    }
    let s = &a.sourcing;
    let declined = if s.declined.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.declined.join("; "))
    };
    writeln!(
        w,
        "   sourcing: {} attributions, {} named, {} anonymous ({:.0}%), {} non-responses{declined}",
        s.attributions,
        s.named,
        s.anonymous,
        100.0 * s.share_anonymous,
        s.non_responses,
    )?;
    if !s.named_voices.is_empty() {
        writeln!(w, "   named voices: {}", s.named_voices.join(", "))?;
    }
    Ok(())
}

/// "Name (kind) — descriptor [anonymous: reason]", or "—" when nobody is credited.
fn speaker_label(at: &Attribution) -> anyhow::Result<String> {
    let Some(s) = &at.speaker else {
        return Ok("—".to_string());
    };
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
    Ok(who)
}
