//! The newsgraph HTTP server: the JSON API under `/api/…` and the web UI beside it.
//!
//! [`app_with`] builds the whole application: [`api_router`] nested at `/api`, merged with
//! [`ui::router`], inside the protective layers of [`guard`] (request log, security headers,
//! Host allow-list, optional bearer token) and two concurrency limits:
//!
//! - **global**: `limits.concurrency` requests at once, `limits.queue` more waiting, 503 +
//!   `Retry-After` past that (tower `load_shed` → `buffer` → `concurrency_limit`);
//! - **expensive** (graph, sourcing statistics and their pages, each about a CPU-second on a few
//!   thousand articles): `limits.expensive_concurrency` at once across all of them, so they can
//!   never occupy every store reader and stall searches.
//!
//! Every store call runs on the blocking pool under a cancellation flag ([`CancelFlag`]) that is
//! raised when the request is abandoned, so an abandoned query stops inside SQLite. Every error is
//! a JSON body `{"error": {"status": 400, "message": "…"}}` in plain words; server faults and
//! panics are logged in full and answered generically. [`serve_listener`] accepts connections
//! with a header-read timeout that also closes idle keep-alive connections (no slowloris).

#![warn(missing_docs)]

pub mod cache;
pub mod config;
pub mod guard;
pub mod openapi;
pub mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use newsgraph_store::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::sync::Semaphore;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::{BoxError, ServiceBuilder, ServiceExt};
use utoipa::OpenApi;

pub use config::{ConfigError, Limits, ServerConfig};
use openapi::schema;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The store every handler reads.
    pub store: Arc<Store>,
    /// Recent answers of the expensive endpoints.
    pub cache: Arc<cache::AnswerCache>,
}

impl AppState {
    /// State over `store` with an empty answer cache.
    pub fn new(store: Arc<Store>) -> Self {
        AppState {
            store,
            cache: Arc::default(),
        }
    }
}

/// Largest request body accepted (the API takes no bodies; this bounds abuse).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A failed request, by the HTTP status it maps to; the text is shown to the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// 404: nothing there.
    #[error("{0}")]
    NotFound(String),
    /// 503: try again later.
    #[error("{0}")]
    Unavailable(String),
    /// 500: the server failed (the detail is logged, never sent).
    #[error("{0}")]
    Internal(String),
}

/// The JSON body of every error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// Status and message of an error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status code, repeated.
    pub status: u16,
    /// A plain-words explanation.
    pub message: String,
}

/// A JSON error response: `{"error": {"status": …, "message": …}}`.
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
            StoreError::Cancelled => ApiError::Unavailable("the request was cancelled".into()),
            e => internal(e),
        }
    }
}

/// Logs a server fault in full and returns an error that reveals none of it (SQL, paths).
fn internal(detail: impl std::fmt::Display) -> ApiError {
    tracing::error!(%detail, "request failed");
    ApiError::Internal("internal error; the server log has the details".into())
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

/// A query-string error in plain words: which parameter, and what it should be (never the
/// Rust type it failed to parse into).
fn query_rejection_message(e: QueryRejection) -> String {
    let text = e.body_text();
    let detail = text
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(&text);
    match detail.split_once(": ") {
        Some((param, reason)) if !param.contains(' ') => {
            format!(
                "bad value for the query parameter `{param}`: {}",
                plain_reason(reason)
            )
        }
        _ => format!("bad query string: {}", plain_reason(detail)),
    }
}

/// What a serde parse failure means to someone who never saw the Rust code.
fn plain_reason(reason: &str) -> &'static str {
    if reason.contains("invalid digit") || reason.contains("number too large") {
        "expected a whole number"
    } else if reason.contains("true` or `false")
        || reason.contains("bool")
        || reason.contains("expected true or false")
    {
        "expected true or false (or yes or no)"
    } else if reason.contains("duplicate field") {
        "it is given twice (perhaps under its two names, such as type and entity_type)"
    } else if reason.contains("untagged enum") {
        "expected comma-separated whole numbers"
    } else if reason.contains("cannot parse integer from empty string") {
        "expected a whole number, got nothing"
    } else {
        "it could not be read"
    }
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

/// A path error in plain words (never the Rust type it failed to parse into).
fn path_rejection_message(e: PathRejection) -> String {
    use axum::extract::path::ErrorKind;
    match &e {
        PathRejection::FailedToDeserializePathParams(inner) => match inner.kind() {
            ErrorKind::ParseErrorAtKey {
                value,
                expected_type,
                ..
            }
            | ErrorKind::ParseErrorAtIndex {
                value,
                expected_type,
                ..
            }
            | ErrorKind::ParseError {
                value,
                expected_type,
            } => {
                let what = if expected_type.contains("i64") || expected_type.contains("u64") {
                    "a whole number"
                } else {
                    "a valid value"
                };
                format!("bad path: `{value}` is not {what}")
            }
            _ => "bad path".into(),
        },
        _ => "bad path".into(),
    }
}

/// Runs a store call on the blocking pool, cancelled when the request is abandoned.
/// Every handler reaches the store through this.
///
/// The call runs under a [`CancelFlag`]; a guard held by this future raises it when the future
/// is dropped (client gone, timeout), so the store stops at its next check instead of holding a
/// reader connection and a CPU for a response nobody will read.
pub async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = state.store.clone();
    let flag = CancelFlag::new();
    let cancel_on_drop = flag.cancel_on_drop();
    let joined = tokio::task::spawn_blocking(move || {
        let _scope = flag.scope();
        f(&store)
    })
    .await;
    cancel_on_drop.disarm();
    match joined {
        Ok(result) => result.map_err(ApiError::from),
        // A panic in the store call: logged in full, answered generically.
        Err(e) => Err(internal(e)),
    }
}

/// Health and liveness.
#[utoipa::path(get, path = "/api/health", responses((status = 200, description = "ok", body = schema::Health)))]
async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// What the store holds.
#[utoipa::path(get, path = "/api/stats", responses((status = 200, description = "ok", body = schema::StoreStats), (status = 500, description = "internal error (logged server-side)", body = ErrorBody)))]
async fn stats(State(s): State<AppState>) -> Result<Json<StoreStats>, ApiError> {
    Ok(Json(blocking(&s, |st| st.stats()).await?))
}

/// Full-text search (BM25 over title and text) with filters, facets, snippets and paging.
#[utoipa::path(get, path = "/api/search", params(schema::SearchRequest),
    responses((status = 200, description = "ok", body = schema::SearchResponse), (status = 400, description = "bad request: the message names the parameter", body = ErrorBody)))]
async fn search(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<SearchRequest>,
) -> Result<Json<SearchResponse>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.search(&req)).await?))
}

/// An article with its text and every span found in it, by `seq` or content hash.
#[utoipa::path(get, path = "/api/articles/{key}", params(("key" = String, Path, description = "seq or content hash")),
    responses((status = 200, description = "ok", body = schema::ArticleView), (status = 404, description = "not found", body = ErrorBody)))]
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
#[utoipa::path(get, path = "/api/entities", params(schema::EntityListRequest),
    responses((status = 200, description = "a page of entities and how many match in all (`total`)", body = schema::EntityPage), (status = 400, description = "bad request: the message names the parameter", body = ErrorBody)))]
async fn entities(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<EntityListRequest>,
) -> Result<Json<Page<EntitySummary>>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.entities_page(&req)).await?))
}

/// An entity's profile: aliases, titles, descriptors, mentions, quotes by and about it,
/// co-occurring entities and its timeline.
#[utoipa::path(get, path = "/api/entities/{id}", params(("id" = i64, Path, description = "entity id")),
    responses((status = 200, description = "ok", body = schema::EntityProfile), (status = 404, description = "not found", body = ErrorBody)))]
async fn entity(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<EntityProfile>, ApiError> {
    blocking(&s, move |st| st.entity(id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no entity {id}")))
}

/// Attributed statements filtered by speaker, kind, speaker kind, words, outlet, publication
/// date, the entity quoted about or article; newest first (`sort=oldest` for the reverse).
#[utoipa::path(get, path = "/api/attributions", params(schema::AttributionRequest),
    responses((status = 200, description = "a page of statements and how many match in all (`total`)", body = schema::AttributionPage), (status = 400, description = "bad request: the message names the parameter", body = ErrorBody)))]
async fn attributions(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<AttributionRequest>,
) -> Result<Json<Page<AttributionRow>>, ApiError> {
    Ok(Json(
        blocking(&s, move |st| st.attributions_page(&req)).await?,
    ))
}

/// Sourcing statistics: named and anonymous sources, non-responses, by outlet and speaker kind.
#[utoipa::path(get, path = "/api/sourcing", responses((status = 200, description = "ok", body = schema::SourcingStats)))]
async fn sourcing(State(s): State<AppState>) -> Result<Json<SourcingStats>, ApiError> {
    let cache = s.cache.clone();
    Ok(Json(
        blocking(&s, move |st| {
            cache.get_or_compute("sourcing", || st.sourcing_stats())
        })
        .await?,
    ))
}

/// The entity graph: co-occurrence and "quotes about" edges.
#[utoipa::path(get, path = "/api/graph", params(schema::GraphRequest),
    responses((status = 200, description = "ok", body = schema::Graph), (status = 400, description = "bad request: the message names the parameter", body = ErrorBody)))]
async fn graph(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<GraphRequest>,
) -> Result<Json<Graph>, ApiError> {
    let cache = s.cache.clone();
    let key = graph_key(&req);
    Ok(Json(
        blocking(&s, move |st| cache.get_or_compute(&key, || st.graph(&req))).await?,
    ))
}

/// The answer-cache key of a graph request: its parameters as JSON.
pub fn graph_key(req: &GraphRequest) -> String {
    format!("graph:{}", serde_json::to_string(req).unwrap_or_default())
}

/// Dated statements in date order (`sort=newest` for the newest first).
#[utoipa::path(get, path = "/api/timeline", params(schema::TimelineRequest),
    responses((status = 200, description = "a page of dated statements and how many match in all (`total`)", body = schema::TimelinePage), (status = 400, description = "bad request: the message names the parameter", body = ErrorBody)))]
async fn timeline(
    State(s): State<AppState>,
    ApiQuery(req): ApiQuery<TimelineRequest>,
) -> Result<Json<Page<TimelineEvent>>, ApiError> {
    Ok(Json(blocking(&s, move |st| st.timeline_page(&req)).await?))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi::ApiDoc::openapi())
}

async fn api_not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "no such API endpoint; see /api/openapi.json",
    )
}

/// The JSON API, to be nested at `/api`; expensive endpoints behind `gates`.
pub fn api_router(gates: &Gates) -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/stats", get(stats))
        .route("/search", get(search))
        .route("/articles/{key}", get(article))
        .route("/entities", get(entities))
        .route("/entities/{id}", get(entity))
        .route("/attributions", get(attributions))
        .route("/sourcing", gates.expensive(get(sourcing)))
        .route("/graph", gates.expensive(get(graph)))
        .route("/timeline", get(timeline))
        .route("/openapi.json", get(openapi))
        .fallback(api_not_found)
}

/// The concurrency limits shared by every route of one application.
#[derive(Clone)]
pub struct Gates {
    limits: Limits,
    /// Slots for expensive requests, shared by all expensive routes (API and UI).
    expensive: Arc<Semaphore>,
}

impl Gates {
    /// Fresh gates for `limits`.
    pub fn new(limits: Limits) -> Self {
        Gates {
            limits,
            expensive: Arc::new(Semaphore::new(limits.expensive_concurrency.max(1))),
        }
    }

    /// Puts a route behind the expensive-request limit: a few at once (shared across every
    /// expensive route), a short queue per route, 503 + `Retry-After` past it.
    pub fn expensive(&self, route: MethodRouter<AppState>) -> MethodRouter<AppState> {
        let retry = self.limits.retry_after_secs;
        route.layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(move |_: BoxError| async move {
                    guard::overloaded(retry)
                }))
                .load_shed()
                .buffer::<axum::extract::Request>(self.limits.expensive_queue.max(1))
                .layer(GlobalConcurrencyLimitLayer::with_semaphore(
                    self.expensive.clone(),
                )),
        )
    }
}

/// The whole application with the default (loopback) configuration.
pub fn app(store: Arc<Store>) -> Router {
    app_with(store, &ServerConfig::default())
}

/// The whole application: the API under `/api`, the UI at the root, behind the protective
/// layers of [`protect`].
///
/// Must be called inside a Tokio runtime (the request queues run as tasks).
pub fn app_with(store: Arc<Store>, config: &ServerConfig) -> Router {
    let gates = Gates::new(config.limits);
    let routes = Router::new()
        .nest("/api", api_router(&gates))
        .merge(ui::router(&gates))
        .with_state(AppState::new(store));
    protect(routes, config)
}

/// Wraps `routes` in every protective layer, innermost first: panic catcher, body limit, the
/// global concurrency limit with its queue, the request timeout, the Host allow-list and token
/// check, the security headers and the request log (see [`guard`]).
///
/// Must be called inside a Tokio runtime (the request queue runs as a task).
pub fn protect(routes: Router, config: &ServerConfig) -> Router {
    let limits = config.limits;
    let routes = routes.layer(DefaultBodyLimit::max(MAX_BODY_BYTES)).layer(
        tower_http::catch_panic::CatchPanicLayer::custom(guard::panic_response),
    );
    let retry = limits.retry_after_secs;
    // One queue and one limit in front of every route: `Router::layer` would give each route
    // its own, so the stack wraps the router as a single fallback service.
    let limited = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(move |_: BoxError| async move {
            guard::overloaded(retry)
        }))
        .load_shed()
        .buffer::<axum::extract::Request>(limits.queue.max(1))
        .concurrency_limit(limits.concurrency.max(1))
        .service(routes);
    let [nosniff, referrer, frame, csp] = guard::security_header_layers();
    Router::new()
        .fallback_service(limited)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            guard::Access::new(config),
            guard::check_access,
        ))
        .layer(nosniff)
        .layer(referrer)
        .layer(frame)
        .layer(csp)
        .layer(guard::trace_layer())
}

/// Serves the store on `addr` with the default limits until Ctrl-C. `on_ready` is called with
/// the bound address.
pub async fn serve(
    store: Arc<Store>,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let config = ServerConfig {
        addr,
        ..Default::default()
    };
    serve_with(store, &config, on_ready).await
}

/// Serves the store as `config` says until Ctrl-C; refuses an unsafe configuration (see
/// [`ServerConfig::validate`]).
pub async fn serve_with(
    store: Arc<Store>,
    config: &ServerConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    config
        .validate()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    on_ready(listener.local_addr()?);
    let app = app_with(store, config);
    serve_listener(listener, app, &config.limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Accepts connections on `listener` until `shutdown` completes, then lets open requests finish
/// (up to the request timeout).
///
/// Each connection is HTTP/1.1 with a header-read timeout that also bounds an idle keep-alive
/// connection: a client that opens a socket and sends nothing (slowloris) is disconnected after
/// `limits.header_timeout`. At most `limits.max_connections` are open at once.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = connections.clone().acquire_owned() => p.map_err(std::io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service =
            app.clone()
                .map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(remote));
                    req
                });
        let conn = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(client = %remote, error = %e, "connection closed");
            }
            drop(permit);
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.request_timeout) => {}
    }
    Ok(())
}

/// Installs a `tracing` subscriber that writes one line per event to stderr, filtered by
/// `RUST_LOG` (default: `info`). Idempotent: a second call does nothing.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
