//! The newsgraph document model.
//!
//! Every stage of the pipeline (ingest → nlp → extract → store → server/cli) passes these types on.
//! All offsets are **byte offsets into the owning article's `text`**, end exclusive, and always lie on
//! UTF-8 character boundaries. Line numbers are 1-based and inclusive, counted in the input file.
//!
//! The JSON shape of [`AnalyzedArticle`] is the public contract described in `OUTPUT.md`: field names
//! here are part of that contract and must not be renamed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod analysis;
pub use analysis::*;

/// A half-open byte range `[start, end)` into an article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The range `[start, end)`; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }
    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the range covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    /// The slice of `text` this span covers; empty if the span does not fit (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// True when `other` lies wholly inside this range.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two ranges share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A span together with the text it covers, as written in the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextSpan {
    /// First byte of the span in the article text.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
    /// The covered text, copied so the JSON reads on its own.
    pub text: String,
}

impl TextSpan {
    /// The span with the text it covers in `text` (empty if it does not fit).
    pub fn from_span(span: Span, text: &str) -> Self {
        TextSpan {
            start: span.start,
            end: span.end,
            text: span.slice(text).to_string(),
        }
    }
    /// The bare byte range.
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// Where an article came from in its input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    /// The path as the user gave it (or a path inside an archive, `archive.warc.gz#record-offset`).
    pub file: String,
    /// First and last 1-based input line, inclusive.
    pub lines: [usize; 2],
    /// Byte range in the input file, end exclusive.
    pub bytes: [usize; 2],
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// `--published` on the command line.
    Cli,
    /// A field of the input record (JSONL, HTML meta, feed item, WARC header).
    Metadata,
    /// A dateline in the text ("PARIS, July 23 (Reuters) -").
    Dateline,
}

/// The publication date, ISO 8601 (`2024-07-23`, or a full timestamp when known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The date or timestamp, ISO 8601.
    pub value: String,
    /// Which evidence gave the date.
    pub from: PublishedFrom,
}

/// People credited by the article's sign-off lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Credits {
    /// Reporters named in "Reporting by …" / "By …" lines.
    pub byline: Vec<String>,
    /// Illustrators and graphics credits ("Illustration by …").
    pub illustration: Vec<String>,
    /// "Additional reporting by …" names.
    pub additional_reporting: Vec<String>,
    /// Editors ("Editing by …").
    pub editing: Vec<String>,
}

impl Credits {
    /// True when no credit line named anyone.
    pub fn is_empty(&self) -> bool {
        self.byline.is_empty()
            && self.illustration.is_empty()
            && self.additional_reporting.is_empty()
            && self.editing.is_empty()
    }
}

/// Why the segmenter started an article where it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SegmentInfo {
    /// `start` (first article of the input), `sign_off`, `byline`, `dateline`, `teaser_cut`,
    /// `headline`, `topic_shift`, or `chunk_edge` (a forced cut between read chunks of a huge file).
    pub reason: String,
    /// For `topic_shift`: the boundary probability of the topic-shift model.
    pub score: Option<f64>,
}

/// Near-duplicate cluster membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Content hash of the cluster's first article.
    pub id: String,
    /// Estimated Jaccard similarity to that first article (1.0 for the first article itself).
    pub similarity: f64,
}

/// One article, as produced by ingest. Later stages never change `text`; they add spans over it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable id: hex SHA-256 of the normalised text (see [`content_id`]).
    pub id: String,
    /// Where the article sits in its input file.
    pub source: Source,
    /// The normalised article text; paragraphs are separated by `\n`.
    pub text: String,
    /// Paragraph spans into `text` (credit lines included, as they are text of the article).
    pub paragraphs: Vec<Span>,
    /// Headline, when the input carries one (record field, HTML title, headline line).
    pub title: Option<String>,
    /// Publisher or agency, from metadata or the dateline ("Reuters").
    pub outlet: Option<String>,
    /// Canonical URL of the page or record, when known.
    pub url: Option<String>,
    /// Language code of the text ("en").
    pub language: Option<String>,
    /// Publication date, with where it came from.
    pub published: Option<Published>,
    /// True when the article looks cut short (a teaser); see `truncation_reason`.
    pub truncated: bool,
    /// Why the article is believed to be cut ("ends mid-sentence after ~100 words", …).
    pub truncation_reason: Option<String>,
    /// Why the article starts where it does, for articles cut out of a text shard; `None` for records
    /// that arrive as one article (JSON Lines, HTML, WARC, feeds).
    #[serde(default)]
    pub segment: Option<SegmentInfo>,
    /// People credited by sign-off lines.
    pub credits: Credits,
    /// Spans of `text` that are credit / sign-off lines rather than body text.
    pub credit_spans: Vec<Span>,
    /// Near-duplicate cluster this article belongs to, after dedup.
    pub cluster: Option<Cluster>,
    /// Input fields newsgraph has no slot for, kept as given.
    pub meta: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    /// A new article over `text` with its id computed and paragraphs split at `\n`.
    pub fn new(text: String, source: Source) -> Self {
        let paragraphs = paragraph_spans(&text);
        Article {
            id: content_id(&text),
            source,
            text,
            paragraphs,
            ..Default::default()
        }
    }

    /// The body paragraphs: every paragraph that is not a credit line.
    pub fn body_paragraphs(&self) -> impl Iterator<Item = Span> + '_ {
        self.paragraphs
            .iter()
            .copied()
            .filter(|p| !self.credit_spans.iter().any(|c| c.overlaps(p)))
    }

    /// Whitespace-separated words in the text.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Spans of the non-empty `\n`-separated paragraphs of `text`, trimmed of surrounding whitespace.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + lead;
            out.push(Span::new(start, start + trimmed.len()));
        }
        pos += line.len() + 1;
    }
    out
}

/// The stable content id of an article: hex SHA-256 of its text.
pub fn content_id(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_trimmed_and_skip_blank_lines() {
        let t = "  a b \n\nc\n";
        let p = paragraph_spans(t);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].slice(t), "a b");
        assert_eq!(p[1].slice(t), "c");
    }

    #[test]
    fn span_slice_never_panics() {
        assert_eq!(Span::new(3, 10).slice("ab"), "");
        assert_eq!(Span::new(1, 2).slice("é"), "");
    }

    #[test]
    fn content_id_is_stable() {
        assert_eq!(content_id("x"), content_id("x"));
        assert_ne!(content_id("x"), content_id("y"));
        assert_eq!(content_id("").len(), 64);
    }
}
