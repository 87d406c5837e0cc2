//! The analysis pipeline: every stage after ingest, configured once.
//!
//! A [`Pipeline`] is built from plain [`PipelineOptions`] (what the command line or a config says)
//! and owns what the stages need (the NER model). It analyses one article
//! ([`Pipeline::analyze`]), a batch in parallel ([`Pipeline::analyze_batch`]), or a stream of
//! input files in bounded batches ([`Pipeline::run_files`], in [`crate::stream`]). The CLI's
//! `analyze`, `timeline` and `ingest`, the demo and the evaluations all go through it, so an
//! evaluation measures exactly what ships.
//!
//! ```
//! use newsgraph_extract::Pipeline;
//! use newsgraph_model::{Article, Source};
//! let pipeline = Pipeline::default();
//! let text = "\"We will appeal,\" said Jane Smith, a lawyer for the company.".to_string();
//! let analysed = pipeline.analyze(Article::new(text, Source::default()));
//! assert_eq!(analysed.attributions.len(), 1);
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use newsgraph_model::{
    AnalyzedArticle, Article, Entity, Published, PublishedFrom, Source, Sourcing, Span,
};
use newsgraph_nlp::{split_sentences, NerModel};
use rayon::prelude::*;

use crate::{attribution, figures, temporal, timeline};

/// How to build a [`Pipeline`]: plain data, defaults for everything.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// A NER model file to use instead of the embedded model.
    pub ner_model: Option<PathBuf>,
    /// What one article may cost.
    pub budget: Budget,
}

/// What the analysis of one article may cost. Every stage is linear in the text, so the size cap
/// bounds the work; the time limit is the backstop for what no cap foresaw (a starved machine, a
/// pathological input). An article over either is reported and skipped by [`crate::stream`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Largest article text analysed, in bytes. The longest news stories are ~200 KB; the default
    /// (1 MiB) analyses in about 3 s on one slow core.
    pub max_article_bytes: usize,
    /// Wall time one article may take, checked between stages.
    pub max_article_time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_article_bytes: 1 << 20,
            max_article_time: Duration::from_secs(10),
        }
    }
}

/// An article whose analysis passed the time budget: the stage after which it was stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "took {seconds:.1} s by the end of {stage}, over the {limit:.0}-second budget for one article"
)]
pub struct OverTime {
    /// The last stage that ran ("named entities", "attribution", …).
    pub stage: &'static str,
    /// Seconds spent when it was stopped.
    pub seconds: f64,
    /// The budget in seconds.
    pub limit: f64,
}

/// Checks the time budget between stages.
struct Clock {
    start: Instant,
    limit: Duration,
}

impl Clock {
    fn check(&self, stage: &'static str) -> Result<(), OverTime> {
        let spent = self.start.elapsed();
        if spent <= self.limit {
            return Ok(());
        }
        Err(OverTime {
            stage,
            seconds: spent.as_secs_f64(),
            limit: self.limit.as_secs_f64(),
        })
    }
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The NER model file could not be read or is not a model.
    #[error("cannot load the NER model {path}")]
    NerModel {
        /// The model file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: newsgraph_nlp::ner::NerError,
    },
}

/// The NER model a pipeline tags with.
enum Ner {
    Embedded,
    Loaded(Box<NerModel>),
}

/// Every analysis stage after ingest, with its models loaded.
pub struct Pipeline {
    ner: Ner,
    budget: Budget,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ner = match self.ner {
            Ner::Embedded => "embedded",
            Ner::Loaded(_) => "loaded from a file",
        };
        f.debug_struct("Pipeline").field("ner", &ner).finish()
    }
}

impl Default for Pipeline {
    /// The pipeline with the embedded models.
    fn default() -> Self {
        Pipeline {
            ner: Ner::Embedded,
            budget: Budget::default(),
        }
    }
}

impl Pipeline {
    /// Builds a pipeline, loading any model files the options name.
    pub fn new(options: &PipelineOptions) -> Result<Self, PipelineError> {
        let ner = match &options.ner_model {
            None => Ner::Embedded,
            Some(path) => {
                let err = |source| PipelineError::NerModel {
                    path: path.clone(),
                    source,
                };
                let bytes =
                    std::fs::read(path).map_err(|e| err(newsgraph_nlp::ner::NerError::Io(e)))?;
                Ner::Loaded(Box::new(NerModel::from_bytes(&bytes).map_err(err)?))
            }
        };
        Ok(Pipeline {
            ner,
            budget: options.budget,
        })
    }

    /// What one article may cost.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The NER model the pipeline tags with.
    pub fn ner(&self) -> &NerModel {
        match &self.ner {
            Ner::Embedded => NerModel::embedded(),
            Ner::Loaded(model) => model,
        }
    }

    /// Runs tokenisation, NER, attribution, temporal and figure extraction and the timeline on
    /// `article`, with no time budget (the caller trusts its input).
    pub fn analyze(&self, article: Article) -> AnalyzedArticle {
        // No clock: the stages run to the end, so the result cannot be an error.
        match self.analyze_timed(article, &|_| Ok::<(), std::convert::Infallible>(())) {
            Ok(analysed) => analysed,
            Err(never) => match never {},
        }
    }

    /// [`Pipeline::analyze`] under the time budget: stopped between stages once it is spent.
    pub fn analyze_within_budget(&self, article: Article) -> Result<AnalyzedArticle, OverTime> {
        let clock = Clock {
            start: Instant::now(),
            limit: self.budget.max_article_time,
        };
        self.analyze_timed(article, &|stage| clock.check(stage))
    }

    /// Every stage, with `check` called after each expensive one (it may stop the analysis).
    fn analyze_timed<E>(
        &self,
        mut article: Article,
        check: &dyn Fn(&'static str) -> Result<(), E>,
    ) -> Result<AnalyzedArticle, E> {
        // A dateline in the text is evidence of the publication date only when no metadata gave one.
        if article.published.is_none() {
            if let Some((date, _)) = temporal::find_dateline(&article.text, None) {
                article.published = Some(Published {
                    value: date.to_string(),
                    from: PublishedFrom::Dateline,
                });
            }
        }
        let published = published_date(&article);
        let text = article.text.as_str();
        let sentences = split_sentences(text);
        let entities = credited_people(&article, self.ner().tag(text));
        check("named entities")?;
        let attributions = {
            let story = StoryParts::new(&article, &sentences, &entities);
            attribution::extract_attributions(
                text,
                &story.paragraphs,
                &story.sentences,
                &story.entities,
            )
        };
        check("attribution")?;
        let dates = temporal::extract_dates(text, published);
        let figures = figures::extract_figures(text);
        check("dates and figures")?;
        let events = timeline::events(text, &sentences, &dates, &entities, &figures);
        let sourcing = Sourcing::from_attributions(&attributions);
        Ok(AnalyzedArticle {
            article,
            entities,
            attributions,
            sourcing,
            dates,
            figures,
            events,
        })
    }

    /// Analyses `articles` in parallel (rayon), results in input order.
    pub fn analyze_batch(&self, articles: Vec<Article>) -> Vec<AnalyzedArticle> {
        articles.into_par_iter().map(|a| self.analyze(a)).collect()
    }

    /// Analyses `articles` in parallel under the time budget; an article over it comes back as
    /// its source (for the report) with the stage it passed the budget in.
    pub fn analyze_batch_within_budget(
        &self,
        articles: Vec<Article>,
    ) -> Vec<Result<AnalyzedArticle, (Source, OverTime)>> {
        articles
            .into_par_iter()
            .map(|a| {
                let source = a.source.clone();
                self.analyze_within_budget(a).map_err(|e| (source, e))
            })
            .collect()
    }
}

/// The parts of an article that are story text: credit lines ("Illustration: Yusha", "Reporting
/// by …") are not — nobody in them speaks, and a name there must not become the antecedent of a
/// "he".
struct StoryParts {
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    entities: Vec<Entity>,
}

impl StoryParts {
    fn new(article: &Article, sentences: &[Span], entities: &[Entity]) -> Self {
        let in_credits = |s: &Span| article.credit_spans.iter().any(|c| c.overlaps(s));
        StoryParts {
            paragraphs: article.body_paragraphs().collect(),
            sentences: sentences
                .iter()
                .copied()
                .filter(|s| !in_credits(s))
                .collect(),
            entities: entities
                .iter()
                .filter(|e| !in_credits(&Span::new(e.start, e.end)))
                .cloned()
                .collect(),
        }
    }
}

/// Credit lines name people with a role ("Illustration: Yusha", "Editing by Pravin Char"): a
/// mention inside a credit line that is (part of) a credited name is a person whatever the
/// tagger said (it took the illustrator "Yusha" for an organisation).
fn credited_people(article: &Article, mut entities: Vec<Entity>) -> Vec<Entity> {
    if article.credit_spans.is_empty() {
        return entities;
    }
    let c = &article.credits;
    let names: Vec<&str> = [
        &c.byline,
        &c.illustration,
        &c.additional_reporting,
        &c.editing,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    for e in &mut entities {
        let in_credits = article
            .credit_spans
            .iter()
            .any(|s| s.overlaps(&Span::new(e.start, e.end)));
        if in_credits && names.iter().any(|n| n.contains(e.text.as_str())) {
            e.label = "PER".to_string();
        }
    }
    entities
}

/// The publication date of `article` as a calendar date, if its `published` value starts with one.
pub fn published_date(article: &Article) -> Option<NaiveDate> {
    let v = article.published.as_ref()?;
    NaiveDate::parse_from_str(v.value.get(..10)?, "%Y-%m-%d").ok()
}

/// [`Pipeline::analyze`] with the embedded models.
pub fn analyze(article: Article) -> AnalyzedArticle {
    Pipeline::default().analyze(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::Source;

    fn mention(text: &str, start: usize, label: &str) -> Entity {
        Entity {
            start,
            end: start + text.len(),
            text: text.to_string(),
            label: label.to_string(),
            entity: None,
            confidence: 0.9,
        }
    }

    #[test]
    fn a_credited_name_is_a_person_and_the_story_keeps_its_labels() {
        let text = "Acme Corp hired Yusha.\nIllustration: Yusha";
        let mut article = Article::new(text.to_string(), Source::default());
        let credit = text.find("Illustration").unwrap();
        article.credit_spans.push(Span::new(credit, text.len()));
        article.credits.illustration.push("Yusha".into());
        let story_yusha = text.find("Yusha").unwrap();
        let entities = vec![
            mention("Acme Corp", 0, "ORG"),
            mention("Yusha", story_yusha, "ORG"),
            mention("Yusha", text.rfind("Yusha").unwrap(), "ORG"),
        ];
        let out = credited_people(&article, entities);
        let labels: Vec<&str> = out.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["ORG", "ORG", "PER"]);
    }
}
