//! The OpenAPI document of `/api`, owned by the server (the store knows nothing of HTTP).
//!
//! The store's answer types are plain serde structs; this module describes their JSON shapes for
//! utoipa with mirror types (`schema::*`: never built, only derived). A test in `tests/api.rs`
//! checks every key of every real answer against these schemas, so a field added to a store type
//! but not here fails the build's tests instead of drifting silently. Query parameters are
//! described as `in: query` and optional (serde fills defaults), path parameters as `in: path`.

use utoipa::OpenApi;

/// The API description served at `/api/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "newsgraph API",
        description = "Who is in the news, who said what, on whose authority, when, and how many.\n\nErrors are JSON: {\"error\": {\"status\": 400, \"message\": \"…\"}}. Every list is paged the same way: `limit` rows (at most 200) from `offset` (at most 10000), and the answer says how many match in all (`total`): `{\"total\", \"offset\", \"limit\", \"items\"}` (search: `hits` instead of `items`). /api/entities, /api/attributions and /api/timeline answered a bare array before this shape; the array is now `items`. Parameter names are the web UI's: `type` for an entity type, `anonymous` (true/false or yes/no) for anonymous sources; the older `entity_type` and `has_anonymous` are still accepted. A busy server answers 503 with Retry-After."
    ),
    paths(
        crate::health,
        crate::stats,
        crate::search,
        crate::article,
        crate::entities,
        crate::entity,
        crate::attributions,
        crate::sourcing,
        crate::graph,
        crate::timeline
    ),
    components(schemas(crate::ErrorBody, crate::ErrorDetail))
)]
pub struct ApiDoc;

/// Mirror types describing the JSON the store's answer types serialise to.
#[allow(dead_code)] // never constructed: they exist for their derived schemas
pub mod schema {
    use std::collections::BTreeMap;

    use utoipa::{IntoParams, ToSchema};

    /// Search parameters. Dates are ISO `YYYY-MM-DD` (a shorter prefix means its first/last day).
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    pub struct SearchRequest {
        /// Query text: words, "phrases", -exclusions, field:title.
        q: Option<String>,
        /// Canonical entity ids every hit must mention, comma-separated.
        entity: Option<String>,
        /// PER, ORG, LOC, GPE, NORP, EVENT, LAW, MISC: the hit must mention an entity of that type.
        #[param(rename = "type")]
        kind: Option<String>,
        /// The older name of `type`.
        #[deprecated]
        entity_type: Option<String>,
        /// Only articles of this outlet.
        outlet: Option<String>,
        /// Published on or after this date.
        from: Option<String>,
        /// Published on or before this date.
        to: Option<String>,
        /// A speaker kind at least one attribution of the hit has: named_person, anonymous_person, …
        source_kind: Option<String>,
        /// Only articles with (true, yes) or without (false, no) anonymous sources.
        anonymous: Option<String>,
        /// The older name of `anonymous`.
        #[deprecated]
        has_anonymous: Option<bool>,
        /// Hits to skip (offset + limit at most 10000).
        #[param(minimum = 0)]
        offset: Option<u64>,
        /// Hits per page, at most 200 (default 10).
        #[param(minimum = 1, maximum = 200)]
        limit: Option<u64>,
        /// Compute facet counts (default true).
        facets: Option<bool>,
        /// relevance (default), newest or oldest: by publication date.
        sort: Option<String>,
    }

    /// A matching fragment of an article.
    #[derive(ToSchema)]
    pub struct Snippet {
        /// Plain text of the fragment.
        text: String,
        /// Byte ranges `[start, end)` of `text` that match the query.
        highlights: Vec<[u64; 2]>,
        /// The fragment as HTML, matches in `<b>`, everything else escaped.
        html: String,
    }

    /// One search hit.
    #[derive(ToSchema)]
    pub struct SearchHit {
        /// The article's number in the store.
        seq: i64,
        /// Content hash of the article.
        id: String,
        title: Option<String>,
        outlet: Option<String>,
        published: Option<String>,
        /// BM25 relevance.
        score: f32,
        snippet: Snippet,
    }

    /// One facet value and how many hits have it.
    #[derive(ToSchema)]
    pub struct FacetCount {
        value: String,
        /// Display label (the entity's name for entity facets).
        label: String,
        count: u64,
    }

    /// A page of search hits with facet counts.
    #[derive(ToSchema)]
    pub struct SearchResponse {
        /// Hits in all.
        total: u64,
        offset: u64,
        limit: u64,
        took_ms: f64,
        hits: Vec<SearchHit>,
        /// Groups: outlet, entity_type, source_kind, entity, anonymous.
        facets: BTreeMap<String, Vec<FacetCount>>,
    }

    /// An entity by id, name and type.
    #[derive(ToSchema)]
    pub struct EntityRef {
        id: i64,
        name: String,
        /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
        #[schema(rename = "type")]
        kind: String,
    }

    /// An article with everything found in it, and the canonical entity of every mention.
    #[derive(ToSchema)]
    pub struct ArticleView {
        seq: i64,
        /// The analysed article exactly as `analyze --json` prints it.
        #[schema(value_type = Object)]
        article: serde_json::Value,
        /// Canonical entity id of each of `article.entities`, by index.
        mention_entities: Vec<Option<i64>>,
        /// Canonical entity id of each attribution's speaker, by index.
        speaker_entities: Vec<Option<i64>>,
        entities: Vec<EntityRef>,
    }

    /// A canonical entity with its counts.
    #[derive(ToSchema)]
    pub struct EntitySummary {
        id: i64,
        name: String,
        #[schema(rename = "type")]
        kind: String,
        mentions: i64,
        articles: i64,
        first_published: Option<String>,
        last_published: Option<String>,
    }

    /// A name and how often it occurs.
    #[derive(ToSchema)]
    pub struct NamedCount {
        name: String,
        count: i64,
    }

    /// One mention of an entity, in context.
    #[derive(ToSchema)]
    pub struct MentionRow {
        article_seq: i64,
        article_id: String,
        title: Option<String>,
        published: Option<String>,
        start: i64,
        end: i64,
        text: String,
        /// The sentence-ish context around the mention.
        context: String,
    }

    /// One attributed statement.
    #[derive(ToSchema)]
    pub struct AttributionRow {
        article_seq: i64,
        article_id: String,
        title: Option<String>,
        published: Option<String>,
        /// Outlet of the article.
        outlet: Option<String>,
        /// Where the article was published.
        url: Option<String>,
        idx: i64,
        /// direct, reported, non_response, scare.
        kind: String,
        content: String,
        cue: Option<String>,
        speaker_text: Option<String>,
        speaker_name: Option<String>,
        speaker_kind: Option<String>,
        speaker_entity: Option<i64>,
        descriptor: Option<String>,
        anonymity_reason: Option<String>,
        response: Option<String>,
    }

    /// An entity and the articles it shares with another.
    #[derive(ToSchema)]
    pub struct CoEntity {
        entity: EntityRef,
        /// Articles mentioning both.
        articles: i64,
    }

    /// Articles in one month.
    #[derive(ToSchema)]
    pub struct TimePoint {
        /// `YYYY-MM` (or `unknown`).
        period: String,
        articles: i64,
    }

    /// A dated statement.
    #[derive(ToSchema)]
    pub struct TimelineEvent {
        article_seq: i64,
        article_id: String,
        title: Option<String>,
        /// TIMEX3-style value of the statement's date.
        date: String,
        sentence: String,
        entities: Vec<EntityRef>,
    }

    /// Everything known of one entity.
    #[derive(ToSchema)]
    pub struct EntityProfile {
        entity: EntitySummary,
        aliases: Vec<NamedCount>,
        titles: Vec<NamedCount>,
        descriptors: Vec<NamedCount>,
        mentions: Vec<MentionRow>,
        quotes_by: Vec<AttributionRow>,
        quotes_about: Vec<AttributionRow>,
        /// Entities in most articles with it, counted over its latest 2,000 articles.
        co_occurring: Vec<CoEntity>,
        /// Articles mentioning the entity per month of publication.
        timeline: Vec<TimePoint>,
        /// Dated statements that mention the entity.
        events: Vec<TimelineEvent>,
        /// Mentions in all (`mentions` holds the newest 50).
        mentions_total: i64,
        /// Statements by the entity in all (`quotes_by` holds the newest 50); `/api/attributions?speaker={id}` pages through them.
        quotes_by_total: i64,
        /// Statements about the entity in all; `/api/attributions?about={id}` pages through them.
        quotes_about_total: i64,
        /// Dated statements in all; `/api/timeline?entity={id}` pages through them.
        events_total: i64,
    }

    /// A page of entities.
    #[derive(ToSchema)]
    pub struct EntityPage {
        /// Entities matching in all.
        total: u64,
        offset: u64,
        limit: u64,
        items: Vec<EntitySummary>,
    }

    /// A page of attributed statements.
    #[derive(ToSchema)]
    pub struct AttributionPage {
        /// Statements matching in all (at least this many when `total_is_lower_bound`).
        total: u64,
        /// Present and true when a search by words (`q`) stopped counting at 1,000: more
        /// statements match than `total`.
        total_is_lower_bound: Option<bool>,
        offset: u64,
        limit: u64,
        items: Vec<AttributionRow>,
    }

    /// A page of dated statements.
    #[derive(ToSchema)]
    pub struct TimelinePage {
        /// Dated statements matching in all.
        total: u64,
        offset: u64,
        limit: u64,
        items: Vec<TimelineEvent>,
    }

    /// Entity list parameters.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    pub struct EntityListRequest {
        /// Name prefix or substring (case-insensitive).
        q: Option<String>,
        /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
        #[param(rename = "type")]
        kind: Option<String>,
        #[param(minimum = 0)]
        offset: Option<u64>,
        /// Rows, at most 200 (default 20).
        #[param(minimum = 1, maximum = 200)]
        limit: Option<u64>,
    }

    /// Attribution filters.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    pub struct AttributionRequest {
        /// Canonical entity id of the speaker.
        speaker: Option<i64>,
        /// Speaker name or text contains this (case-insensitive).
        speaker_name: Option<String>,
        /// direct, reported, non_response, scare; several comma-separated.
        kind: Option<String>,
        /// named_person, anonymous_person, anonymous_group, named_org, unnamed_institution, document, writer;
        /// several comma-separated (`source_kind` is accepted too, as on search).
        speaker_kind: Option<String>,
        /// Canonical entity id the quote mentions.
        about: Option<i64>,
        /// Only statements of this article (`seq`).
        article: Option<i64>,
        /// Words the statement contains (case-insensitive; every word must occur, and on an embedded store occur in the article as a whole word, as search reads words). The count stops at 1,000, or, with other filters, after 20,000 articles holding the words have been read (`total_is_lower_bound`).
        q: Option<String>,
        /// Only statements in articles of this outlet.
        outlet: Option<String>,
        /// Articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
        from: Option<String>,
        /// Articles published on or before this date.
        to: Option<String>,
        /// newest (default) or oldest: by the article's publication date.
        sort: Option<String>,
        #[param(minimum = 0)]
        offset: Option<u64>,
        /// Rows, at most 200 (default 20).
        #[param(minimum = 1, maximum = 200)]
        limit: Option<u64>,
    }

    /// Sourcing of one outlet.
    #[derive(ToSchema)]
    pub struct OutletSourcing {
        outlet: String,
        articles: i64,
        attributions: i64,
        anonymous: i64,
        share_anonymous: f64,
    }

    /// Who the corpus quotes, how often anonymously, by outlet.
    #[derive(ToSchema)]
    pub struct SourcingStats {
        articles: i64,
        articles_with_anonymous_sources: i64,
        attributions: i64,
        named: i64,
        anonymous: i64,
        non_responses: i64,
        share_anonymous: f64,
        by_speaker_kind: BTreeMap<String, i64>,
        by_attribution_kind: BTreeMap<String, i64>,
        by_outlet: Vec<OutletSourcing>,
        top_named_sources: Vec<CoEntity>,
        anonymity_reasons: Vec<NamedCount>,
    }

    /// Graph parameters.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    pub struct GraphRequest {
        /// Centre the graph on this entity (its neighbours and their links).
        entity: Option<i64>,
        /// Only entities of this type (PER, ORG, GPE, LOC, NORP, EVENT, LAW, MISC), chosen before the limit.
        #[param(rename = "type")]
        kind: Option<String>,
        /// Most nodes (default 50, at most 200).
        #[param(minimum = 1, maximum = 200)]
        limit: Option<u64>,
        /// Fewest shared articles for a co-occurrence edge (default 2).
        min_weight: Option<i64>,
        /// Only links of this kind: co_occurrence, quotes_about or all (default).
        edges: Option<String>,
        /// Only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY): the
        /// entities in most of them, linked by them.
        from: Option<String>,
        /// Only articles published on or before this date.
        to: Option<String>,
    }

    /// An entity as a graph node.
    #[derive(ToSchema)]
    pub struct GraphNode {
        id: i64,
        name: String,
        #[schema(rename = "type")]
        kind: String,
        mentions: i64,
        articles: i64,
    }

    /// A link between two entities.
    #[derive(ToSchema)]
    pub struct GraphEdge {
        source: i64,
        target: i64,
        /// co_occurrence (undirected: articles mentioning both) or quotes_about (source quoted about target).
        kind: String,
        weight: i64,
    }

    /// Entities and their links.
    #[derive(ToSchema)]
    pub struct Graph {
        nodes: Vec<GraphNode>,
        edges: Vec<GraphEdge>,
    }

    /// Timeline parameters.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    pub struct TimelineRequest {
        /// Only statements mentioning this entity.
        entity: Option<i64>,
        /// Dates from this TIMEX value on.
        from: Option<String>,
        /// Dates up to this TIMEX value (prefix match).
        to: Option<String>,
        /// oldest (default) or newest.
        sort: Option<String>,
        #[param(minimum = 0)]
        offset: Option<u64>,
        /// Rows, at most 200 (default 100).
        #[param(minimum = 1, maximum = 200)]
        limit: Option<u64>,
    }

    /// What the store holds.
    #[derive(ToSchema)]
    pub struct StoreStats {
        /// `sqlite+tantivy` or `postgresql`.
        backend: String,
        location: String,
        schema_version: i64,
        articles: i64,
        entities: i64,
        mentions: i64,
        attributions: i64,
        dates: i64,
        figures: i64,
        events: i64,
        /// Documents in the search index (SQLite backend), as of its latest commit.
        index_docs: Option<u64>,
        /// Whether an ingest is writing to the store now (SQLite backend).
        ingest_running: Option<bool>,
    }

    /// `{"status": "ok"}`.
    #[derive(ToSchema)]
    pub struct Health {
        status: String,
    }
}
