//! What the store answers: the JSON shapes of the API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Most rows any one list answer carries.
pub const MAX_LIMIT: usize = 200;
/// Deepest page a search may ask for (offset + limit).
pub const MAX_OFFSET: usize = 10_000;

/// Where counting the statements that hold some words stops: each one is matched in its
/// article's text, and counting all of them took 4.5 s for `q=said` at 250k articles.
pub const MAX_COUNTED_QUOTES: usize = 1_000;

/// One page of a list: how many rows match in all, and the rows from `offset` on. Paging with
/// `offset += limit` while `offset < total` reaches every row (up to [`MAX_OFFSET`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    /// Rows matching the request in all (at least this many when `total_is_lower_bound`).
    pub total: usize,
    /// Counting stopped early: at least `total` rows match, perhaps more. Only a statement
    /// search by words (`q`) stops: at [`MAX_COUNTED_QUOTES`], as a search engine counts
    /// "1,000+", or, with other filters too, once it has read 20,000 of the articles holding the
    /// words. The field is left out of the JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total_is_lower_bound: bool,
    /// Rows skipped.
    pub offset: usize,
    /// Most rows in this page.
    pub limit: usize,
    /// The rows.
    pub items: Vec<T>,
}

/// A search request. Dates are ISO `YYYY-MM-DD` (a shorter prefix means its first/last day).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query text: words, "phrases", -exclusions, field:title.
    pub q: String,
    /// Canonical entity ids every hit must mention (comma-separated in a query string).
    #[serde(deserialize_with = "ids_from_list")]
    pub entity: Vec<i64>,
    /// PER, ORG, LOC, GPE, NORP, EVENT, LAW, MISC: the hit must mention an entity of that type. In a query
    /// string `type` (the UI's name, also used by the entity list and the graph) or `entity_type`.
    #[serde(alias = "type")]
    pub entity_type: Option<String>,
    /// Only articles of this outlet.
    pub outlet: Option<String>,
    /// Published on or after this date.
    pub from: Option<String>,
    /// Published on or before this date.
    pub to: Option<String>,
    /// A speaker kind at least one attribution of the hit has: named_person, anonymous_person, …
    /// (`speaker_kind` in a query string is the same).
    #[serde(alias = "speaker_kind")]
    pub source_kind: Option<String>,
    /// Only articles with (true) or without (false) anonymous sources. In a query string
    /// `anonymous` or `has_anonymous`, each taking true/false or yes/no.
    #[serde(alias = "anonymous", deserialize_with = "yes_no")]
    pub has_anonymous: Option<bool>,
    /// Hits to skip (offset + limit at most [`MAX_OFFSET`]).
    pub offset: usize,
    /// Hits per page, at most 200 (default 10).
    pub limit: Option<usize>,
    /// Compute facet counts (default true).
    pub facets: Option<bool>,
    /// `relevance` (default), `newest` or `oldest` (by publication date).
    pub sort: Option<String>,
}

/// An optional flag written `true`/`false` (JSON, the API) or `yes`/`no` (the UI's forms).
fn yes_no<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    match Option::<Flag>::deserialize(d)? {
        None => Ok(None),
        Some(Flag::Bool(b)) => Ok(Some(b)),
        Some(Flag::Text(t)) => match t.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "true" | "yes" | "1" => Ok(Some(true)),
            "false" | "no" | "0" => Ok(Some(false)),
            _ => Err(serde::de::Error::custom(
                "expected true or false (or yes or no)",
            )),
        },
    }
}

fn ids_from_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ids {
        One(i64),
        Many(Vec<i64>),
        Text(String),
    }
    Ok(match Option::<Ids>::deserialize(d)? {
        None => Vec::new(),
        Some(Ids::One(i)) => vec![i],
        Some(Ids::Many(v)) => v,
        Some(Ids::Text(s)) => s
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().parse::<i64>().map_err(serde::de::Error::custom))
            .collect::<Result<_, _>>()?,
    })
}

/// A fragment of an article around the query's matches.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snippet {
    /// Plain text of the fragment.
    pub text: String,
    /// Byte ranges of `text` that match the query.
    pub highlights: Vec<[usize; 2]>,
    /// The fragment as HTML, matches in `<b>`, everything else escaped.
    pub html: String,
}

/// One search hit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article's number in the store.
    pub seq: i64,
    /// Content hash of the article.
    pub id: String,
    /// Headline, if known.
    pub title: Option<String>,
    /// Publishing outlet, if known.
    pub outlet: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// BM25 relevance (0 for PostgreSQL searches without text).
    pub score: f32,
    /// The best-matching fragment.
    pub snippet: Snippet,
}

/// One facet value and how many hits have it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value to filter by.
    pub value: String,
    /// Display label (the entity's name for entity facets).
    pub label: String,
    /// Hits with this value.
    pub count: u64,
}

/// A page of search hits with facet counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResponse {
    /// Hits in all.
    pub total: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Page size used.
    pub limit: usize,
    /// Time the search took, in milliseconds.
    pub took_ms: f64,
    /// This page of hits.
    pub hits: Vec<SearchHit>,
    /// Groups: outlet, entity_type, source_kind, entity, anonymous.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// An entity by id, name and type.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityRef {
    /// Canonical entity id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
    #[serde(rename = "type")]
    pub kind: String,
}

/// An article with everything found in it, and the canonical entity of every mention.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleView {
    /// The article's number in the store.
    pub seq: i64,
    /// The analysed article exactly as `analyze --json` prints it.
    pub article: serde_json::Value,
    /// Canonical entity id of each of `article.entities`, by index.
    pub mention_entities: Vec<Option<i64>>,
    /// Canonical entity id of each attribution's speaker, by index.
    pub speaker_entities: Vec<Option<i64>>,
    /// Canonical entities of the article, most mentioned first.
    pub entities: Vec<EntityRef>,
}

/// A canonical entity with its counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntitySummary {
    /// Canonical entity id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Mentions across the store.
    pub mentions: i64,
    /// Articles mentioning it.
    pub articles: i64,
    /// Earliest publication date of those articles.
    pub first_published: Option<String>,
    /// Latest publication date of those articles.
    pub last_published: Option<String>,
}

/// A name and how often it occurs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NamedCount {
    /// The name.
    pub name: String,
    /// How often.
    pub count: i64,
}

/// One mention of an entity, in context.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MentionRow {
    /// The article's number in the store.
    pub article_seq: i64,
    /// Content hash of the article.
    pub article_id: String,
    /// Headline of the article.
    pub title: Option<String>,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Byte offset of the mention in the article text.
    pub start: i64,
    /// Byte offset just past the mention.
    pub end: i64,
    /// The mention as written.
    pub text: String,
    /// The sentence-ish context around the mention.
    pub context: String,
}

/// One attributed statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttributionRow {
    /// The article's number in the store.
    pub article_seq: i64,
    /// Content hash of the article.
    pub article_id: String,
    /// Headline of the article.
    pub title: Option<String>,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Outlet of the article.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Address of the article where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// Index of the attribution within its article.
    pub idx: i64,
    /// direct, reported, non_response, scare.
    pub kind: String,
    /// What was said.
    pub content: String,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<String>,
    /// The speaker as written.
    pub speaker_text: Option<String>,
    /// The speaker's resolved name.
    pub speaker_name: Option<String>,
    /// named_person, anonymous_person, anonymous_group, named_org, unnamed_institution, document, writer.
    pub speaker_kind: Option<String>,
    /// Canonical entity id of the speaker.
    pub speaker_entity: Option<i64>,
    /// How the speaker is described ("a senior official").
    pub descriptor: Option<String>,
    /// Why an anonymous source was granted anonymity.
    pub anonymity_reason: Option<String>,
    /// For non-responses: declined, did not respond, …
    pub response: Option<String>,
}

/// An entity and the articles it shares with another.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CoEntity {
    /// The other entity.
    pub entity: EntityRef,
    /// Articles mentioning both.
    pub articles: i64,
}

/// Articles in one month.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimePoint {
    /// `YYYY-MM` (or `unknown`).
    pub period: String,
    /// Articles published in that period.
    pub articles: i64,
}

/// A dated statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// The article's number in the store.
    pub article_seq: i64,
    /// Content hash of the article.
    pub article_id: String,
    /// Headline of the article.
    pub title: Option<String>,
    /// TIMEX3-style value of the statement's date.
    pub date: String,
    /// The sentence that carries the date.
    pub sentence: String,
    /// Canonical entities the sentence mentions.
    pub entities: Vec<EntityRef>,
}

/// Everything known of one entity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityProfile {
    /// The entity and its counts.
    pub entity: EntitySummary,
    /// Names it goes by, most frequent first.
    pub aliases: Vec<NamedCount>,
    /// Titles it carries ("Prime Minister").
    pub titles: Vec<NamedCount>,
    /// How it is described when quoted.
    pub descriptors: Vec<NamedCount>,
    /// Its newest mentions, in context.
    pub mentions: Vec<MentionRow>,
    /// Its newest statements.
    pub quotes_by: Vec<AttributionRow>,
    /// The newest statements that mention it.
    pub quotes_about: Vec<AttributionRow>,
    /// Entities in most articles with it, counted over its latest
    /// [`crate::CO_OCCURRENCE_ARTICLES`] articles.
    pub co_occurring: Vec<CoEntity>,
    /// Articles mentioning the entity per month of publication.
    pub timeline: Vec<TimePoint>,
    /// Dated statements that mention the entity.
    pub events: Vec<TimelineEvent>,
    /// Mentions in all (`mentions` holds the newest 50); equals `entity.mentions`.
    #[serde(default)]
    pub mentions_total: i64,
    /// Statements by the entity in all (`quotes_by` holds the newest 50); `/api/attributions?speaker=`
    /// pages through exactly these.
    #[serde(default)]
    pub quotes_by_total: i64,
    /// Statements about the entity in all; `/api/attributions?about=` pages through them.
    #[serde(default)]
    pub quotes_about_total: i64,
    /// Dated statements mentioning the entity in all; `/api/timeline?entity=` pages through them.
    #[serde(default)]
    pub events_total: i64,
}

/// Parameters of an entity list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityListRequest {
    /// Name prefix or substring (case-insensitive).
    pub q: Option<String>,
    /// Only entities of this type (PER, ORG, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Rows to skip.
    pub offset: usize,
    /// Rows, at most [`MAX_LIMIT`] (default 20).
    pub limit: Option<usize>,
}

/// Filters of an attribution list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AttributionRequest {
    /// Canonical entity id of the speaker.
    pub speaker: Option<i64>,
    /// Speaker name or text contains this (case-insensitive).
    pub speaker_name: Option<String>,
    /// direct, reported, non_response, scare; several comma-separated.
    pub kind: Option<String>,
    /// named_person, anonymous_person, anonymous_group, named_org, unnamed_institution, document, writer; several
    /// comma-separated (`source_kind` in a query string is the same, as on search).
    #[serde(alias = "source_kind")]
    pub speaker_kind: Option<String>,
    /// Words the statement contains (case-insensitive, every word). On an embedded store the
    /// article must also hold each as a whole word, as the search box reads words. The count
    /// of such a search stops at [`MAX_COUNTED_QUOTES`] (`total_is_lower_bound`).
    pub q: Option<String>,
    /// Only statements in articles of this outlet.
    pub outlet: Option<String>,
    /// Only statements in articles published on or after this date (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    /// Only statements in articles published on or before this date.
    pub to: Option<String>,
    /// `newest` (default: by the article's publication date, newest first) or `oldest`.
    pub sort: Option<String>,
    /// Canonical entity id the quote mentions.
    pub about: Option<i64>,
    /// Only statements of this article (`seq`).
    pub article: Option<i64>,
    /// Rows to skip.
    pub offset: usize,
    /// Rows, at most [`MAX_LIMIT`] (default 20).
    pub limit: Option<usize>,
}

/// Sourcing of one outlet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutletSourcing {
    /// Outlet name (`unknown` when not known).
    pub outlet: String,
    /// Articles of the outlet.
    pub articles: i64,
    /// Attributed statements in them.
    pub attributions: i64,
    /// Statements from anonymous sources.
    pub anonymous: i64,
    /// `anonymous / attributions` (0 without statements).
    pub share_anonymous: f64,
}

/// The sourcing of one article, from its stored counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleSourcing {
    /// The article's number in the store.
    pub seq: i64,
    /// Headline of the article.
    pub title: Option<String>,
    /// Direct and reported statements.
    pub statements: i64,
    /// Of them, from anonymous sources.
    pub anonymous: i64,
    /// Non-responses (declined, no reply).
    pub non_responses: i64,
}

/// Who the corpus quotes, how often anonymously, by outlet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourcingStats {
    /// Articles in the store.
    pub articles: i64,
    /// Articles with at least one anonymous source.
    pub articles_with_anonymous_sources: i64,
    /// Attributed statements.
    pub attributions: i64,
    /// Statements from named sources.
    pub named: i64,
    /// Statements from anonymous sources.
    pub anonymous: i64,
    /// Declined to comment / did not respond.
    pub non_responses: i64,
    /// `anonymous / attributions` (0 without statements).
    pub share_anonymous: f64,
    /// Direct and reported statements per speaker kind.
    pub by_speaker_kind: BTreeMap<String, i64>,
    /// Statements per attribution kind.
    pub by_attribution_kind: BTreeMap<String, i64>,
    /// Per outlet, most articles first (at most 50).
    pub by_outlet: Vec<OutletSourcing>,
    /// Entities quoted most (at most 25; `articles` counts statements).
    pub top_named_sources: Vec<CoEntity>,
    /// Reasons given for anonymity, most frequent first.
    pub anonymity_reasons: Vec<NamedCount>,
}

/// Parameters of the entity graph.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphRequest {
    /// Centre the graph on this entity (its neighbours and their links).
    pub entity: Option<i64>,
    /// Only entities of this type (PER, ORG, …), chosen before the limit; the centre is kept.
    #[serde(rename = "type", alias = "entity_type")]
    pub kind: Option<String>,
    /// Most nodes (default 50, at most 200).
    pub limit: Option<usize>,
    /// Fewest shared articles for a co-occurrence edge (default 2).
    pub min_weight: Option<i64>,
    /// Only links of this kind: `co_occurrence` or `quotes_about` (default: both, or `all`).
    pub edges: Option<String>,
    /// Only articles published on or after this date (`YYYY[-MM[-DD]]`): the entities in most
    /// of them, linked by them.
    pub from: Option<String>,
    /// Only articles published on or before this date.
    pub to: Option<String>,
}

/// An entity as a graph node.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphNode {
    /// Canonical entity id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Mentions across the store.
    pub mentions: i64,
    /// Articles mentioning it.
    pub articles: i64,
}

/// A link between two entities.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GraphEdge {
    /// Entity id at one end (the speaker for quotes_about).
    pub source: i64,
    /// Entity id at the other end.
    pub target: i64,
    /// co_occurrence (undirected: articles mentioning both) or quotes_about (source quoted about target).
    pub kind: String,
    /// Articles (co_occurrence) or statements (quotes_about).
    pub weight: i64,
}

/// Entities and their links.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Graph {
    /// The entities.
    pub nodes: Vec<GraphNode>,
    /// Links among them.
    pub edges: Vec<GraphEdge>,
}

/// Parameters of the timeline.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineRequest {
    /// Only statements mentioning this entity.
    pub entity: Option<i64>,
    /// Dates from this TIMEX value on.
    pub from: Option<String>,
    /// Dates up to this TIMEX value (prefix match).
    pub to: Option<String>,
    /// `oldest` (default: by the statement's date) or `newest`.
    pub sort: Option<String>,
    /// Rows to skip.
    pub offset: usize,
    /// Rows, at most [`MAX_LIMIT`] (default 100).
    pub limit: Option<usize>,
}

/// What the store holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoreStats {
    /// `sqlite+tantivy` or `postgresql`.
    pub backend: String,
    /// Where the store lives (passwords redacted).
    pub location: String,
    /// Version of the database schema.
    pub schema_version: i64,
    /// Articles.
    pub articles: i64,
    /// Canonical entities.
    pub entities: i64,
    /// Entity mentions.
    pub mentions: i64,
    /// Attributed statements.
    pub attributions: i64,
    /// Date expressions.
    pub dates: i64,
    /// Figures (numbers with units).
    pub figures: i64,
    /// Dated events.
    pub events: i64,
    /// Documents in the search index (SQLite backend), as of the latest index commit.
    pub index_docs: Option<u64>,
    /// Whether an ingest holds the store's index now (SQLite backend): while one runs, counts
    /// grow and the index may trail the database by up to one batch.
    pub ingest_running: Option<bool>,
}

/// How far the search index trails the database (see [`crate::Store::index_status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStatus {
    /// Articles in the database.
    pub articles: i64,
    /// Documents in the search index (`None` for PostgreSQL, which has no separate index).
    pub index_docs: Option<u64>,
    /// Whether another process (an ingest) holds the index writer now.
    pub ingest_running: Option<bool>,
}

impl IndexStatus {
    /// Articles stored but not yet searchable.
    pub fn lag(&self) -> i64 {
        self.index_docs.map_or(0, |n| {
            self.articles
                .saturating_sub(i64::try_from(n).unwrap_or(i64::MAX))
        })
    }
}

/// Result of a consistency check: every count the crash test compares.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consistency {
    /// Article rows.
    pub articles: i64,
    /// Distinct content hashes among them.
    pub distinct_ids: i64,
    /// Documents in the search index.
    pub index_docs: Option<u64>,
    /// Rows whose article is missing, or articles whose span rows do not match their document.
    pub problems: Vec<String>,
}

/// A limit clamped to `1..=MAX_LIMIT`.
pub fn clamp_limit(limit: Option<usize>, default: usize) -> usize {
    limit.unwrap_or(default).clamp(1, MAX_LIMIT)
}

/// `YYYY[-MM[-DD]]` as `yyyymmdd`, rounding a partial date down (`end = false`) or up.
pub fn day_number(date: &str, end: bool) -> Option<i64> {
    let date = date.get(..10.min(date.len()))?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&y) {
        return None;
    }
    let m: Option<i64> = parts.next().and_then(|p| p.parse().ok());
    let d: Option<i64> = parts.next().and_then(|p| p.parse().ok());
    let (m, d) = match (m, d) {
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => (m, d),
        (Some(m), _) if (1..=12).contains(&m) => (m, if end { 31 } else { 1 }),
        _ => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
    };
    Some(y * 10000 + m * 100 + d)
}

/// `yyyymmdd` back to `YYYY-MM-DD`.
pub fn day_string(day: i64) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day / 10000,
        (day / 100) % 100,
        day % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("2024-07-23", false), Some(20240723));
        assert_eq!(day_number("2024-07-23T10:00:00Z", false), Some(20240723));
        assert_eq!(day_number("2024-07", true), Some(20240731));
        assert_eq!(day_number("2024", false), Some(20240101));
        assert_eq!(day_number("garbage", false), None);
        assert_eq!(day_string(20240723), "2024-07-23");
    }

    #[test]
    fn entity_lists_parse_from_query_strings() {
        let r: SearchRequest = serde_json::from_str(r#"{"entity":"1, 2"}"#).unwrap();
        assert_eq!(r.entity, vec![1, 2]);
        let r: SearchRequest = serde_json::from_str(r#"{"entity":[3]}"#).unwrap();
        assert_eq!(r.entity, vec![3]);
    }
}
