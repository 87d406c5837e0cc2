//! What the store answers: the JSON shapes of the API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Most rows any one list answer carries.
pub const MAX_LIMIT: usize = 200;
/// Deepest page a search may ask for (offset + limit).
pub const MAX_OFFSET: usize = 10_000;

/// A search request. Dates are ISO `YYYY-MM-DD` (a shorter prefix means its first/last day).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
pub struct SearchRequest {
    /// Query text: words, "phrases", -exclusions, field:title.
    pub q: String,
    /// Canonical entity ids every hit must mention (comma-separated in a query string).
    #[serde(deserialize_with = "ids_from_list")]
    #[param(value_type = Option<String>)]
    pub entity: Vec<i64>,
    /// PER, ORG, LOC, GPE, NORP, MISC: the hit must mention an entity of that type.
    pub entity_type: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// A speaker kind at least one attribution of the hit has: named_person, anonymous_person, …
    pub source_kind: Option<String>,
    pub has_anonymous: Option<bool>,
    pub offset: usize,
    /// Hits per page, at most 200 (default 10).
    pub limit: Option<usize>,
    /// Compute facet counts (default true).
    pub facets: Option<bool>,
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

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Snippet {
    /// Plain text of the fragment.
    pub text: String,
    /// Byte ranges of `text` that match the query.
    pub highlights: Vec<[usize; 2]>,
    /// The fragment as HTML, matches in `<b>`, everything else escaped.
    pub html: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub seq: i64,
    /// Content hash of the article.
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub score: f32,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    /// Display label (the entity's name for entity facets).
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub took_ms: f64,
    pub hits: Vec<SearchHit>,
    /// Groups: outlet, entity_type, source_kind, entity, anonymous.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntityRef {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// An article with everything found in it, and the canonical entity of every mention.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleView {
    pub seq: i64,
    /// The analysed article exactly as `analyze --json` prints it.
    #[schema(value_type = Object)]
    pub article: serde_json::Value,
    /// Canonical entity id of each of `article.entities`, by index.
    pub mention_entities: Vec<Option<i64>>,
    /// Canonical entity id of each attribution's speaker, by index.
    pub speaker_entities: Vec<Option<i64>>,
    pub entities: Vec<EntityRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntitySummary {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mentions: i64,
    pub articles: i64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NamedCount {
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MentionRow {
    pub article_seq: i64,
    pub article_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub start: i64,
    pub end: i64,
    pub text: String,
    /// The sentence-ish context around the mention.
    pub context: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttributionRow {
    pub article_seq: i64,
    pub article_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub idx: i64,
    /// direct, reported, non_response, scare.
    pub kind: String,
    pub content: String,
    pub cue: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_kind: Option<String>,
    pub speaker_entity: Option<i64>,
    pub descriptor: Option<String>,
    pub anonymity_reason: Option<String>,
    pub response: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoEntity {
    pub entity: EntityRef,
    /// Articles mentioning both.
    pub articles: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimePoint {
    /// `YYYY-MM` (or `unknown`).
    pub period: String,
    pub articles: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimelineEvent {
    pub article_seq: i64,
    pub article_id: String,
    pub title: Option<String>,
    /// TIMEX3-style value of the statement's date.
    pub date: String,
    pub sentence: String,
    pub entities: Vec<EntityRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntityProfile {
    pub entity: EntitySummary,
    pub aliases: Vec<NamedCount>,
    pub titles: Vec<NamedCount>,
    pub descriptors: Vec<NamedCount>,
    pub mentions: Vec<MentionRow>,
    pub quotes_by: Vec<AttributionRow>,
    pub quotes_about: Vec<AttributionRow>,
    pub co_occurring: Vec<CoEntity>,
    /// Articles mentioning the entity per month of publication.
    pub timeline: Vec<TimePoint>,
    /// Dated statements that mention the entity.
    pub events: Vec<TimelineEvent>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
pub struct EntityListRequest {
    /// Name prefix or substring (case-insensitive).
    pub q: Option<String>,
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    pub offset: usize,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
pub struct AttributionRequest {
    /// Canonical entity id of the speaker.
    pub speaker: Option<i64>,
    /// Speaker name or text contains this (case-insensitive).
    pub speaker_name: Option<String>,
    /// direct, reported, non_response, scare.
    pub kind: Option<String>,
    /// named_person, anonymous_person, anonymous_group, named_org, unnamed_institution.
    pub speaker_kind: Option<String>,
    /// Canonical entity id the quote mentions.
    pub about: Option<i64>,
    pub article: Option<i64>,
    pub offset: usize,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OutletSourcing {
    pub outlet: String,
    pub articles: i64,
    pub attributions: i64,
    pub anonymous: i64,
    pub share_anonymous: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SourcingStats {
    pub articles: i64,
    pub articles_with_anonymous_sources: i64,
    pub attributions: i64,
    pub named: i64,
    pub anonymous: i64,
    pub non_responses: i64,
    pub share_anonymous: f64,
    pub by_speaker_kind: BTreeMap<String, i64>,
    pub by_attribution_kind: BTreeMap<String, i64>,
    pub by_outlet: Vec<OutletSourcing>,
    pub top_named_sources: Vec<CoEntity>,
    pub anonymity_reasons: Vec<NamedCount>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
pub struct GraphRequest {
    /// Centre the graph on this entity (its neighbours and their links).
    pub entity: Option<i64>,
    /// Most nodes (default 50, at most 200).
    pub limit: Option<usize>,
    /// Fewest shared articles for a co-occurrence edge (default 2).
    pub min_weight: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GraphNode {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mentions: i64,
    pub articles: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GraphEdge {
    pub source: i64,
    pub target: i64,
    /// co_occurrence (undirected: articles mentioning both) or quotes_about (source quoted about target).
    pub kind: String,
    pub weight: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
pub struct TimelineRequest {
    pub entity: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: usize,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StoreStats {
    pub backend: String,
    pub location: String,
    pub schema_version: i64,
    pub articles: i64,
    pub entities: i64,
    pub mentions: i64,
    pub attributions: i64,
    pub dates: i64,
    pub figures: i64,
    pub events: i64,
    /// Documents in the search index (SQLite backend).
    pub index_docs: Option<u64>,
}

/// Result of a consistency check: every count the crash test compares.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consistency {
    pub articles: i64,
    pub distinct_ids: i64,
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
