//! The newsgraph HTTP server: the JSON API under `/api/…` and the web UI beside it.
//!
//! [`app`] builds the whole router: [`api_router`] nested at `/api`, merged with
//! [`ui::router`]. Every store call runs on the blocking pool; every error is a JSON body
//! `{"error": {"status": 400, "message": "…"}}` with its status code, panics included.

pub mod ui;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use newsgraph_store::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::OpenApi;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
}

/// Largest request body accepted (the API takes no bodies; this bounds abuse).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest a request may run.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Internal(String),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub message: String,
}

pub fn error_response(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            status: status.as_u16(),
            message: message.into(),
        },
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        error_response(status, self.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(m) => ApiError::BadRequest(m),
            StoreError::Busy(m) => ApiError::Unavailable(m),
            e => ApiError::Internal(e.to_string()),
        }
    }
}

/// Query-string extractor whose rejection is a JSON 400.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(q) => Ok(ApiQuery(q.0)),
            Err(e) => Err(ApiError::BadRequest(query_rejection_message(e))),
        }
    }
}

fn query_rejection_message(e: QueryRejection) -> String {
    format!("bad query string: {}", e.body_text())
}

/// Path extractor whose rejection is a JSON 400.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(p) => Ok(ApiPath(p.0)),
            Err(e) => Err(ApiError::BadRequest(path_rejection_message(e))),
        }
    }
}

fn path_rejection_message(e: PathRejection) -> String {
    format!("bad path: {}", e.body_text())
}

/// Runs a store call on the blocking pool.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| ApiError::Internal(format!("request task failed: {e}")))?
        .map_err(ApiError::from)
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "newsgraph API",
        description = "Who is in the news, who said what, on whose authority, when, and how many.\n\nErrors are JSON: {\"error\": {\"status\": 400, \"message\": \"…\"}}. Lists return at most 200 rows; searches may page up to offset + limit = 10000."
    ),
    paths(
        health,
        stats,
        search,
        article,
        entities,
        entity,
        attributions,
        sourcing,
        graph,
        timeline
    ),
    components(schemas(ErrorBody, ErrorDetail))
)]
pub struct ApiDoc;

/// Health and liveness.
#[utoipa::path(get, path = "/api/health", responses((status = 200, description = "ok")))]
async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// What the store holds.
#[utoipa::path(get, path = "/api/stats", responses((status = 200, body = StoreStats), (status = 500, body = ErrorBody)))]
async fn stats(State(s): State<AppState>) -> Result<Json<StoreStats>, ApiError> {
    Ok(Json(blocking(&s, |st| st.stats()).await?))
}

/// Full-text search (BM25 over title and text) with filters, facets, snippets and paging.
#[utoipa::path(get, path = "/api/search", params(SearchRequest),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
async fn search(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<SearchRequest>,
) -> Result<Json<SearchResponse>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.search(&req)).await?))
}

/// An article with its text and every span found in it, by `seq` or content hash.
#[utoipa::path(get, path = "/api/articles/{key}", params(("key" = String, Path, description = "seq or content hash")),
    responses((status = 200, body = ArticleView), (status = 404, body = ErrorBody)))]
async fn article(
    State(s): State<AppState>,
    ApiPath(key): ApiPath<String>,
) -> Result<Json<ArticleView>, ApiError> {
    if key.len() > 128 {
        return Err(ApiError::BadRequest("article key too long".into()));
    }
    let k = key.clone();
    blocking(&s, move |st| st.article(&k))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no article {key}")))
}

/// Canonical entities, most mentioned first; `q` matches any alias.
#[utoipa::path(get, path = "/api/entities", params(EntityListRequest),
    responses((status = 200, body = Vec<EntitySummary>), (status = 400, body = ErrorBody)))]
async fn entities(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<EntityListRequest>,
) -> Result<Json<Vec<EntitySummary>>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.entities(&req)).await?))
}

/// An entity's profile: aliases, titles, descriptors, mentions, quotes by and about it,
/// co-occurring entities and its timeline.
#[utoipa::path(get, path = "/api/entities/{id}", params(("id" = i64, Path, description = "entity id")),
    responses((status = 200, body = EntityProfile), (status = 404, body = ErrorBody)))]
async fn entity(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<EntityProfile>, ApiError> {
    blocking(&s, move |st| st.entity(id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no entity {id}")))
}

/// Attributions filtered by speaker, kind, speaker kind, the entity quoted about, article.
#[utoipa::path(get, path = "/api/attributions", params(AttributionRequest),
    responses((status = 200, body = Vec<AttributionRow>), (status = 400, body = ErrorBody)))]
async fn attributions(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<AttributionRequest>,
) -> Result<Json<Vec<AttributionRow>>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.attributions(&req)).await?))
}

/// Sourcing statistics: named and anonymous sources, non-responses, by outlet and speaker kind.
#[utoipa::path(get, path = "/api/sourcing", responses((status = 200, body = SourcingStats)))]
async fn sourcing(State(s): State<AppState>) -> Result<Json<SourcingStats>, ApiError> {
    Ok(Json(blocking(&s, |st| st.sourcing_stats()).await?))
}

/// The entity graph: co-occurrence and "quotes about" edges.
#[utoipa::path(get, path = "/api/graph", params(GraphRequest),
    responses((status = 200, body = Graph), (status = 400, body = ErrorBody)))]
async fn graph(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<GraphRequest>,
) -> Result<Json<Graph>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.graph(&req)).await?))
}

/// Dated statements in date order.
#[utoipa::path(get, path = "/api/timeline", params(TimelineRequest),
    responses((status = 200, body = Vec<TimelineEvent>), (status = 400, body = ErrorBody)))]
async fn timeline(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<TimelineRequest>,
) -> Result<Json<Vec<TimelineEvent>>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.timeline(&req)).await?))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn api_not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "no such API endpoint; see /api/openapi.json",
    )
}

/// The JSON API, to be nested at `/api`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/stats", get(stats))
        .route("/search", get(search))
        .route("/articles/{key}", get(article))
        .route("/entities", get(entities))
        .route("/entities/{id}", get(entity))
        .route("/attributions", get(attributions))
        .route("/sourcing", get(sourcing))
        .route("/graph", get(graph))
        .route("/timeline", get(timeline))
        .route("/openapi.json", get(openapi))
        .fallback(api_not_found)
}

fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown".into());
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("internal error: {detail}"),
    )
}

/// The whole application: the API under `/api`, the UI at the root.
pub fn app(store: Arc<Store>) -> Router {
    let state = AppState { store };
    Router::new()
        .nest("/api", api_router())
        .merge(ui::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .with_state(state)
}

/// Serves the store until Ctrl-C. `on_ready` is called with the bound address.
pub async fn serve(
    store: Arc<Store>,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, app(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
