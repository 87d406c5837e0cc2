//! The analysis pipeline: every stage after ingest, run on one article.

use chrono::NaiveDate;
use newsgraph_model::{AnalyzedArticle, Article, Entity, Published, PublishedFrom, Sourcing, Span};
use newsgraph_nlp::{split_sentences, NerModel};

use crate::{attribution, figures, temporal, timeline};

/// The publication date of `article` as a calendar date, if its `published` value starts with one.
pub fn published_date(article: &Article) -> Option<NaiveDate> {
    let v = article.published.as_ref()?;
    NaiveDate::parse_from_str(v.value.get(..10)?, "%Y-%m-%d").ok()
}

/// Runs tokenisation, NER, attribution, temporal and figure extraction and the timeline on `article`.
pub fn analyze(mut article: Article) -> AnalyzedArticle {
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
    let entities = NerModel::embedded().tag(text);
    // Credit lines ("Illustration: Yusha", "Reporting by …") are not part of the story: nobody in
    // them speaks, and a name there must not become the antecedent of a "he".
    let in_credits = |s: &Span| article.credit_spans.iter().any(|c| c.overlaps(s));
    let body: Vec<Span> = article.body_paragraphs().collect();
    let body_sentences: Vec<Span> = sentences
        .iter()
        .copied()
        .filter(|s| !in_credits(s))
        .collect();
    let body_entities: Vec<Entity> = entities
        .iter()
        .filter(|e| !in_credits(&Span::new(e.start, e.end)))
        .cloned()
        .collect();
    let attributions =
        attribution::extract_attributions(text, &body, &body_sentences, &body_entities);
    let dates = temporal::extract_dates(text, published);
    let figures = figures::extract_figures(text);
    let events = timeline::events(text, &sentences, &dates, &entities, &figures);
    let sourcing = Sourcing::from_attributions(&attributions);
    AnalyzedArticle {
        article,
        entities,
        attributions,
        sourcing,
        dates,
        figures,
        events,
    }
}
