//! Driving the pipeline over input files: read (ingest), assign near-duplicate clusters in input
//! order, analyse in bounded parallel batches, and hand the results on in input order.
//!
//! Bad inputs never cost good work: with `keep_going`, every unreadable file or record is reported
//! to the [`StreamObserver`] and counted in the [`StreamReport`], and every article read before and
//! after it is analysed and handed to the sink; the caller decides the exit status from
//! [`StreamReport::failures`] after committing what it wrote. Without `keep_going` the first bad
//! input stops the run, after the articles already read have been handed on.

use std::path::PathBuf;

use chrono::NaiveDate;
use newsgraph_ingest::dedup::{DedupConfig, Deduper};
use newsgraph_ingest::{expand_inputs, read_path, Article, IngestError, ReadOptions};
use newsgraph_model::{AnalyzedArticle, Published, PublishedFrom, Source};

use crate::pipeline::Pipeline;

/// How many articles are analysed together in parallel by default; bounds memory on huge inputs.
pub const DEFAULT_BATCH: usize = 512;

/// How to read and batch a stream of input files.
pub struct StreamOptions<'a> {
    /// Reader settings (format, lossy decoding, …).
    pub read: ReadOptions,
    /// Publication date for articles whose input carries none.
    pub published: Option<NaiveDate>,
    /// Report bad files and records and go on with the rest.
    pub keep_going: bool,
    /// Near-duplicate clustering settings.
    pub dedup: DedupConfig,
    /// Articles analysed together in parallel.
    pub batch_size: usize,
    /// Articles for which this returns true are not analysed (e.g. already stored); they are
    /// counted in [`StreamReport::skipped`].
    pub skip: Option<&'a dyn Fn(&Article) -> bool>,
}

impl Default for StreamOptions<'_> {
    fn default() -> Self {
        StreamOptions {
            read: ReadOptions::default(),
            published: None,
            keep_going: false,
            dedup: DedupConfig::default(),
            batch_size: DEFAULT_BATCH,
            skip: None,
        }
    }
}

/// Hears what happens during a run (progress bars, error lines). Every method does nothing by
/// default.
pub trait StreamObserver {
    /// The input files found.
    fn started(&mut self, _files: usize) {}
    /// A file or record could not be read (with `keep_going`; otherwise the run returns it).
    fn error(&mut self, _error: &IngestError) {}
    /// One more file was read; `articles` read so far.
    fn file_done(&mut self, _articles: usize) {}
}

/// An observer that ignores everything.
impl StreamObserver for () {}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamReport {
    /// Input files found.
    pub files: usize,
    /// Articles read.
    pub articles: usize,
    /// Articles analysed and handed to the sink.
    pub analysed: usize,
    /// Articles left out by [`StreamOptions::skip`].
    pub skipped: usize,
    /// Files and records that could not be read (reported to the observer).
    pub failures: usize,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum StreamError<E> {
    /// An input could not be read (and `keep_going` was off).
    #[error(transparent)]
    Input(IngestError),
    /// The sink failed; the run stops whatever `keep_going` says.
    #[error("{0}")]
    Sink(E),
}

/// The articles read but not yet analysed, and the sink they go to.
struct Batcher<'p, 's, E> {
    pipeline: &'p Pipeline,
    skip: Option<&'s dyn Fn(&Article) -> bool>,
    size: usize,
    pending: Vec<Article>,
    sink: &'s mut dyn FnMut(AnalyzedArticle) -> Result<(), E>,
    report: StreamReport,
    /// Articles over the budget since the caller last looked, to report as failures.
    over_budget: Vec<IngestError>,
}

/// The failure an article over the budget is reported as.
fn over_budget(source: &Source, message: String) -> IngestError {
    IngestError::OverBudget {
        file: source.file.clone(),
        first_line: source.lines[0],
        last_line: source.lines[1],
        message,
    }
}

impl<E> Batcher<'_, '_, E> {
    fn push(&mut self, article: Article) -> Result<(), E> {
        let limit = self.pipeline.budget().max_article_bytes;
        if article.text.len() > limit {
            let message = format!(
                "is {} bytes long, over the {limit}-byte budget for one article",
                article.text.len()
            );
            self.over_budget.push(over_budget(&article.source, message));
            return Ok(());
        }
        self.pending.push(article);
        if self.pending.len() >= self.size {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        let mut batch = std::mem::take(&mut self.pending);
        if let Some(skip) = self.skip {
            let before = batch.len();
            batch.retain(|a| !skip(a));
            self.report.skipped += before - batch.len();
        }
        for result in self.pipeline.analyze_batch_within_budget(batch) {
            match result {
                Ok(analysed) => {
                    self.report.analysed += 1;
                    (self.sink)(analysed)?;
                }
                Err((source, e)) => self.over_budget.push(over_budget(&source, e.to_string())),
            }
        }
        Ok(())
    }
}

impl Pipeline {
    /// Reads every input path (directories walked), runs the pipeline in bounded parallel batches
    /// and hands the results to `sink` in input order. See the [module docs](crate::stream) for
    /// what happens to bad inputs.
    pub fn run_files<E>(
        &self,
        paths: &[PathBuf],
        options: &StreamOptions<'_>,
        observer: &mut dyn StreamObserver,
        sink: &mut dyn FnMut(AnalyzedArticle) -> Result<(), E>,
    ) -> Result<StreamReport, StreamError<E>> {
        let (files, walk_errors) = expand_inputs(paths);
        observer.started(files.len());
        let mut batcher = Batcher {
            pipeline: self,
            skip: options.skip,
            size: options.batch_size.max(1),
            pending: Vec::with_capacity(options.batch_size.max(1)),
            sink,
            report: StreamReport {
                files: files.len(),
                ..Default::default()
            },
            over_budget: Vec::new(),
        };
        let mut deduper = Deduper::new(options.dedup.clone());
        let mut stop: Option<IngestError> = None;
        let keep_going = options.keep_going;
        for e in walk_errors {
            stop = stop.or(failure(e, keep_going, observer, &mut batcher.report));
        }
        for file in &files {
            if stop.is_some() {
                break;
            }
            let mut sink_error: Option<E> = None;
            let result = read_path(file, &options.read, &mut |mut article| {
                if sink_error.is_some() {
                    return;
                }
                set_published(&mut article, options.published);
                // Clusters depend on input order, so they are assigned here, before the parallel stages.
                deduper.assign(&mut article);
                batcher.report.articles += 1;
                if let Err(e) = batcher.push(article) {
                    sink_error = Some(e);
                }
            });
            if let Some(e) = sink_error {
                return Err(StreamError::Sink(e));
            }
            let errors = match result {
                Ok(file_report) => file_report.errors,
                Err(e) => vec![e],
            };
            let over = std::mem::take(&mut batcher.over_budget);
            for e in over.into_iter().chain(errors) {
                stop = stop.or(failure(e, keep_going, observer, &mut batcher.report));
            }
            observer.file_done(batcher.report.articles);
        }
        // What was read before a failure is handed on too: nothing read is lost.
        batcher.flush().map_err(StreamError::Sink)?;
        for e in std::mem::take(&mut batcher.over_budget) {
            stop = stop.or(failure(e, keep_going, observer, &mut batcher.report));
        }
        match stop {
            Some(e) => Err(StreamError::Input(e)),
            None => Ok(batcher.report),
        }
    }
}

/// Reports and counts a failure when going on past it; otherwise returns it to stop the run.
fn failure(
    error: IngestError,
    keep_going: bool,
    observer: &mut dyn StreamObserver,
    report: &mut StreamReport,
) -> Option<IngestError> {
    if keep_going {
        observer.error(&error);
        report.failures += 1;
        None
    } else {
        Some(error)
    }
}

fn set_published(article: &mut Article, published: Option<NaiveDate>) {
    if article.published.is_none() {
        if let Some(d) = published {
            article.published = Some(Published {
                value: d.to_string(),
                from: PublishedFrom::Cli,
            });
        }
    }
}
