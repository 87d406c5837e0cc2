//! The web UI: server-rendered HTML pages (maud, escaped by default) beside the JSON API.
//!
//! Pages: search (`/`), article reader (`/articles/{key}`), entities (`/entities`,
//! `/entities/{id}`), statements (`/statements`), explore views (`/explore/graph`, `/explore/timeline`) and the sources
//! dashboard (`/sources`). The stylesheet and the small script are compiled into the binary
//! (`include_str!`), so the UI works offline; no page loads anything from another origin, and the
//! Content-Security-Policy forbids inline scripts, so text from articles can never run as code.

mod annotate;
mod article;
mod charts;
mod entity;
mod explore;
mod search;
mod sources;
mod statements;

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use newsgraph_store::{Store, StoreError};

use crate::{ApiError, AppState};

const APP_CSS: &str = include_str!("../../assets/app.css");
const APP_JS: &str = include_str!("../../assets/app.js");

/// The UI's routes; `lib.rs` merges them beside `/api`. The graph and sources pages sit behind
/// the expensive-request limit, as their API endpoints do.
pub fn router(gates: &crate::Gates) -> Router<AppState> {
    Router::new()
        .route("/", get(search::page))
        .route("/search", get(search::page))
        .route("/articles/{key}", get(article::page))
        .route("/entities", get(entity::list_page))
        .route("/entities/{id}", get(entity::page))
        .route("/statements", get(statements::page))
        .route("/explore", get(explore::index))
        .route("/explore/graph", gates.expensive(get(explore::graph_page)))
        .route("/explore/timeline", get(explore::timeline_page))
        .route("/sources", gates.expensive(get(sources::page)))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
        .route("/favicon.ico", get(favicon))
        .fallback(not_found)
}

/// A UI failure, shown as an HTML page with its status code.
#[derive(Debug)]
pub(crate) struct UiError {
    status: StatusCode,
    message: String,
}

impl UiError {
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        UiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        UiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> Self {
        let status = match &e {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        UiError {
            status,
            message: e.to_string(),
        }
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let heading = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "That request could not be understood",
            StatusCode::SERVICE_UNAVAILABLE => "The store is busy",
            _ => "Something went wrong",
        };
        let body = html! {
            h1 { (heading) }
            p.error role="alert" { (self.message) }
            p { a href="/" { "Back to search" } }
        };
        let mut resp = layout(heading, Nav::None, body);
        *resp.status_mut() = self.status;
        resp
    }
}

pub(crate) type UiResult = Result<Response, UiError>;

/// Runs a store call on the blocking pool, as the API does.
pub(crate) async fn store_call<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, UiError> {
    crate::blocking(state, f).await.map_err(UiError::from)
}

/// Which navigation entry a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Search,
    Entities,
    Statements,
    Graph,
    Timeline,
    Sources,
    None,
}

const NAV_ITEMS: &[(Nav, &str, &str)] = &[
    (Nav::Search, "/", "Search"),
    (Nav::Entities, "/entities", "Entities"),
    (Nav::Statements, "/statements", "Statements"),
    (Nav::Graph, "/explore/graph", "Graph"),
    (Nav::Timeline, "/explore/timeline", "Timeline"),
    (Nav::Sources, "/sources", "Sources"),
];

/// A whole page around `main`, with the headers every UI page carries.
pub(crate) fn layout(title: &str, active: Nav, main: Markup) -> Response {
    let (css_v, js_v) = asset_versions();
    let doc = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) " · newsgraph" }
                link rel="stylesheet" href={ "/assets/app.css?v=" (css_v) };
                script src={ "/assets/app.js?v=" (js_v) } defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    nav aria-label="Main" {
                        a.brand href="/" { "newsgraph" }
                        ul {
                            @for (nav, href, label) in NAV_ITEMS {
                                li {
                                    a href=(href) aria-current=[(*nav == active).then_some("page")] { (label) }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p {
                        "newsgraph: who is in the news, who said what, on whose authority. "
                        "The same data as JSON: " a href="/api/openapi.json" { "the API" } "."
                    }
                }
            }
        }
    };
    html_response(doc.into_string())
}

fn html_response(body: String) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    security_headers(h);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// Only our own stylesheet and script may load; inline scripts never run.
fn security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// Content hashes of the assets, used to bust caches when they change.
fn asset_versions() -> &'static (String, String) {
    static VERSIONS: OnceLock<(String, String)> = OnceLock::new();
    VERSIONS.get_or_init(|| (short_hash(APP_CSS), short_hash(APP_JS)))
}

/// FNV-1a, enough to tell asset versions apart.
fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

fn asset(body: &'static str, content_type: &'static str, version: &str) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{version}\"")) {
        h.insert(header::ETAG, etag);
    }
    security_headers(h);
    resp
}

async fn css() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8", &asset_versions().0)
}

async fn js() -> Response {
    asset(
        APP_JS,
        "text/javascript; charset=utf-8",
        &asset_versions().1,
    )
}

async fn favicon() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

async fn not_found() -> Response {
    UiError::not_found("There is no page at this address.").into_response()
}

/// The query string as name → last non-empty value; never rejects a request.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(HashMap<String, String>);

impl Params {
    pub(crate) fn from_raw(raw: RawQuery) -> Params {
        let pairs: Vec<(String, String)> = raw
            .0
            .as_deref()
            .and_then(|q| serde_urlencoded::from_str(q).ok())
            .unwrap_or_default();
        let mut map = HashMap::new();
        for (k, v) in pairs {
            let v = v.trim().to_string();
            if !v.is_empty() {
                map.insert(k, v);
            }
        }
        Params(map)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    pub(crate) fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    /// The value of the first of `names` present (a parameter's name and its aliases).
    pub(crate) fn first(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| self.string(n))
    }

    pub(crate) fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    pub(crate) fn offset(&self) -> usize {
        self.get("offset")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(newsgraph_store::MAX_OFFSET)
    }
}

/// `path?k=v&…` with the empty values left out, every value URL-encoded.
pub(crate) fn url(path: &str, pairs: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    match serde_urlencoded::to_string(&kept) {
        Ok(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_string(),
    }
}

pub(crate) fn entity_url(id: i64) -> String {
    format!("/entities/{id}")
}

pub(crate) fn article_url(seq: i64) -> String {
    format!("/articles/{seq}")
}

/// A readable name for an entity type label.
pub(crate) fn type_label(kind: &str) -> &str {
    match kind {
        "PER" => "person",
        "ORG" => "organisation",
        "GPE" => "country, city or state",
        "LOC" => "place",
        "NORP" => "nationality, religious or political group",
        "EVENT" => "named event",
        "LAW" => "law, bill or treaty",
        "MISC" => "other",
        other => other,
    }
}

/// A readable name for a speaker kind.
pub(crate) fn speaker_kind_label(kind: &str) -> &str {
    match kind {
        "named_person" => "named person",
        "anonymous_person" => "anonymous person",
        "anonymous_group" => "anonymous group",
        "named_org" => "named organisation",
        "unnamed_institution" => "unnamed institution",
        "document" => "document",
        "writer" => "the writer",
        other => other,
    }
}

/// A readable name for an attribution kind.
pub(crate) fn attribution_kind_label(kind: &str) -> &str {
    match kind {
        "direct" => "direct quote",
        "reported" => "reported speech",
        "non_response" => "non-response",
        "scare" => "scare quotes",
        other => other,
    }
}

pub(crate) fn response_label(kind: &str) -> &str {
    match kind {
        "declined" => "declined to comment",
        "no_response" => "did not respond",
        "referred" => "referred questions elsewhere",
        "unreachable" => "could not be reached",
        other => other,
    }
}

/// Whether a speaker kind hides who the source is.
pub(crate) fn is_anonymous_kind(kind: &str) -> bool {
    matches!(kind, "anonymous_person" | "anonymous_group")
}

/// `0.3658` as `37%`.
pub(crate) fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", (share * 100.0).clamp(0.0, 100.0))
    } else {
        "–".to_string()
    }
}

/// A headline for an article that has none: the start of its first sentence, cut at a word.
pub(crate) fn headline_from_text(text: &str) -> String {
    const MAX: usize = 110;
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first_line = first_line.trim();
    let mut end = first_line.len();
    for (i, c) in first_line.char_indices() {
        if matches!(c, '.' | '?' | '!') && i >= 20 {
            let next = first_line.get(i + c.len_utf8()..).unwrap_or("");
            if next.is_empty() || next.starts_with(' ') {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    let sentence = first_line.get(..end).unwrap_or(first_line);
    if sentence.len() <= MAX {
        return sentence.to_string();
    }
    let mut cut = MAX;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = sentence.get(..cut).unwrap_or("");
    let head = match head.rfind(' ') {
        Some(space) if space > MAX / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

/// A stand-in title that was cut mid-word (the store uses the first ~120 bytes of untitled
/// texts) is cut back to the last whole word and marked with an ellipsis.
pub(crate) fn tidy_title(title: &str) -> String {
    let t = title.trim();
    let looks_cut = t.len() >= 100 && !t.ends_with(['.', '?', '!', '"', '”', '…', ')']);
    match t.rfind(' ') {
        Some(space) if looks_cut && space > t.len() / 2 => {
            format!("{}…", t[..space].trim_end_matches([',', ';', ':']))
        }
        _ => t.to_string(),
    }
}

/// Display titles for untitled articles, looked up once per page (at most `MAX_LOOKUPS`).
pub(crate) fn fill_titles(
    store: &Store,
    wanted: impl IntoIterator<Item = (i64, Option<String>)>,
) -> Result<HashMap<i64, String>, StoreError> {
    const MAX_LOOKUPS: usize = 60;
    let mut out = HashMap::new();
    let mut lookups = 0;
    for (seq, title) in wanted {
        if out.contains_key(&seq) {
            continue;
        }
        let shown = match title.filter(|t| !t.trim().is_empty()) {
            Some(t) => tidy_title(&t),
            None if lookups < MAX_LOOKUPS => {
                lookups += 1;
                store
                    .article(&seq.to_string())?
                    .and_then(|v| {
                        v.article
                            .get("text")
                            .and_then(|t| t.as_str())
                            .map(headline_from_text)
                    })
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| format!("Article {seq}"))
            }
            None => format!("Article {seq}"),
        };
        out.insert(seq, shown);
    }
    Ok(out)
}

/// The title shown for article `seq`, from a [`fill_titles`] map.
pub(crate) fn title_of(titles: &HashMap<i64, String>, seq: i64) -> String {
    titles
        .get(&seq)
        .cloned()
        .unwrap_or_else(|| format!("Article {seq}"))
}

/// Links to the previous and next page of a list.
pub(crate) fn pager(
    offset: usize,
    page_size: usize,
    shown: usize,
    total: Option<usize>,
    link: impl Fn(usize) -> String,
) -> Markup {
    let has_prev = offset > 0;
    let has_next = match total {
        Some(t) => offset + shown < t,
        None => shown >= page_size,
    } && offset + page_size < newsgraph_store::MAX_OFFSET;
    html! {
        @if has_prev || has_next {
            nav.pager aria-label="Pages" {
                @if has_prev {
                    a rel="prev" href=(link(offset.saturating_sub(page_size))) { "← Previous" }
                } @else {
                    span.disabled aria-hidden="true" { "← Previous" }
                }
                @if let Some(t) = total {
                    span.range { (offset + 1) "–" (offset + shown) " of " (t) }
                } @else if shown > 0 {
                    span.range { (offset + 1) "–" (offset + shown) }
                }
                @if has_next {
                    a rel="next" href=(link(offset + page_size)) { "Next →" }
                } @else {
                    span.disabled aria-hidden="true" { "Next →" }
                }
            }
        }
    }
}

/// A small inline marker for an entity type.
pub(crate) fn type_badge(kind: &str) -> Markup {
    html! {
        abbr class={ "badge t-" (css_token(kind)) } title=(type_label(kind)) { (kind) }
    }
}

/// A class-name-safe version of a label.
pub(crate) fn css_token(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_cut_at_sentence_or_word() {
        assert_eq!(
            headline_from_text("Short first sentence here. Then more."),
            "Short first sentence here."
        );
        let long = "Tajik journalist Temur Varki received a disquieting call from Paris police in late March, days after Islamic State militants from his homeland allegedly carried out a massacre in Moscow.\nNext";
        let h = headline_from_text(long);
        assert!(h.ends_with('…'), "{h}");
        assert!(h.len() <= 115, "{h}");
        assert!(h.starts_with("Tajik journalist Temur Varki"));
        assert_eq!(headline_from_text(""), "");
        // Multi-byte characters at the cut never panic.
        let wide = "é".repeat(200);
        assert!(headline_from_text(&wide).ends_with('…'));
    }

    #[test]
    fn cut_titles_end_on_a_word() {
        let cut = "Tajik journalist Temur Varki received a disquieting call from Paris police in late March, days after Islamic State milit";
        assert_eq!(
            tidy_title(cut),
            "Tajik journalist Temur Varki received a disquieting call from Paris police in late March, days after Islamic State…"
        );
        assert_eq!(tidy_title("A short headline"), "A short headline");
    }

    #[test]
    fn urls_encode_and_skip_empty_values() {
        assert_eq!(
            url("/", &[("q", "a b&c".into()), ("type", String::new())]),
            "/?q=a+b%26c"
        );
        assert_eq!(url("/x", &[]), "/x");
    }

    #[test]
    fn params_keep_last_non_empty_value() {
        let p = Params::from_raw(RawQuery(Some("q=one&q=two&offset=abc&e=".into())));
        assert_eq!(p.get("q"), Some("two"));
        assert_eq!(p.offset(), 0);
        assert_eq!(p.get("e"), None);
        let bad = Params::from_raw(RawQuery(Some("%%%".into())));
        assert_eq!(bad.get("q"), None);
    }

    #[test]
    fn percentages_are_clamped() {
        assert_eq!(percent(0.36585), "37%");
        assert_eq!(percent(f64::NAN), "–");
        assert_eq!(percent(2.0), "100%");
    }

    #[test]
    fn css_tokens_drop_markup() {
        assert_eq!(css_token("PER\"><script>"), "PERscript");
    }
}
