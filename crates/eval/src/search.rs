//! Store ingest and query latency: the corpus the search benchmark loads, replicas that grow it
//! to a target size, and latency percentiles over a fixed query list through the call the API
//! makes (search, facets and snippets).

use std::time::Instant;

use newsgraph_model::{AnalyzedArticle, Article};
use newsgraph_store::{AttributionRequest, SearchRequest, Store, StoreError};

use crate::bench::percentile;
use crate::corpus::{bbc, reuters};
use crate::DataDir;

/// The built-in query list (`data/search_queries.txt`).
pub const DEFAULT_QUERIES: &str = include_str!("../data/search_queries.txt");

/// A Reuters-21578 story as ingest hands it on (see [`reuters::ReutersDoc::to_article`]).
pub fn reuters_article(doc: &reuters::ReutersDoc, file: &str) -> Article {
    doc.to_article(file)
}

/// Every BBC article and every Reuters-21578 story with a body, as articles.
pub fn corpus_articles(data: &DataDir, bbc: bool, reuters: bool) -> std::io::Result<Vec<Article>> {
    let mut out = Vec::new();
    if bbc {
        out.extend(
            bbc::read_all(&data.bbc())?
                .iter()
                .map(bbc::BbcArticle::to_article),
        );
    }
    if reuters {
        for f in reuters::files(&data.reuters())? {
            let name = f.display().to_string();
            out.extend(
                reuters::read_file(&f)?
                    .iter()
                    .map(|d| reuters_article(d, &name))
                    .filter(|a| !a.text.is_empty()),
            );
        }
    }
    Ok(out)
}

/// A copy of an analysed article with new content: a marker paragraph after the text keeps every
/// span's offsets valid while giving the copy its own id.
pub fn replica(a: &AnalyzedArticle, copy: usize) -> AnalyzedArticle {
    let mut r = a.clone();
    r.article.text.push_str(&format!("\n[replica {copy}]"));
    r.article.paragraphs = newsgraph_model::paragraph_spans(&r.article.text);
    r.article.id = newsgraph_model::content_id(&r.article.text);
    r
}

/// The queries of a query list: one per line, `#` comments and blank lines ignored.
pub fn parse_queries(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The requests measured: each query alone, and the first ten with filters (outlet and date
/// range; anonymous sources and a later page).
pub fn requests(queries: &[String]) -> Vec<SearchRequest> {
    let mut requests: Vec<SearchRequest> = queries
        .iter()
        .map(|q| SearchRequest {
            q: q.clone(),
            ..Default::default()
        })
        .collect();
    for q in queries.iter().take(10) {
        requests.push(SearchRequest {
            q: q.clone(),
            outlet: Some("Reuters".into()),
            from: Some("1987-03-01".into()),
            to: Some("1987-03-31".into()),
            ..Default::default()
        });
        requests.push(SearchRequest {
            q: q.clone(),
            has_anonymous: Some(false),
            offset: 20,
            ..Default::default()
        });
    }
    requests
}

/// Query latency percentiles in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Latency {
    /// Requests timed (requests × runs).
    pub samples: usize,
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
    /// The requests with the highest median time, slowest first: (median ms, request).
    pub slowest: Vec<(f64, String)>,
}

/// How many of the slowest requests [`measure`] names.
const SLOWEST_NAMED: usize = 5;

/// A request as one line: its query and the filters it sets.
fn describe(r: &SearchRequest) -> String {
    let mut s = format!("{:?}", r.q);
    if let Some(o) = &r.outlet {
        s.push_str(&format!(" outlet={o}"));
    }
    if r.from.is_some() || r.to.is_some() {
        s.push_str(&format!(
            " dates={}..{}",
            r.from.as_deref().unwrap_or(""),
            r.to.as_deref().unwrap_or("")
        ));
    }
    if let Some(a) = r.has_anonymous {
        s.push_str(&format!(" anonymous={a}"));
    }
    if r.offset > 0 {
        s.push_str(&format!(" offset={}", r.offset));
    }
    s
}

/// Words of the statement searches [`quote_requests`] measures: common words ("said", "the",
/// "government"), a phrase, and rare words.
const QUOTE_WORDS: [&str; 8] = [
    "said",
    "we will",
    "tax",
    "minister said",
    "taxes",
    "Tajik",
    "the",
    "government",
];

/// Statement searches (`/api/attributions?q=…`) of every word of [`QUOTE_WORDS`] in seven
/// shapes: alone, oldest first, a deep page, and with a kind, a source kind or an outlet filter.
pub fn quote_requests() -> Vec<AttributionRequest> {
    let base = |q: &str| AttributionRequest {
        q: Some(q.into()),
        limit: Some(20),
        ..Default::default()
    };
    QUOTE_WORDS
        .iter()
        .flat_map(|q| {
            [
                base(q),
                AttributionRequest {
                    sort: Some("oldest".into()),
                    ..base(q)
                },
                AttributionRequest {
                    offset: 900,
                    limit: Some(50),
                    ..base(q)
                },
                AttributionRequest {
                    kind: Some("direct".into()),
                    ..base(q)
                },
                AttributionRequest {
                    speaker_kind: Some("anonymous_person".into()),
                    ..base(q)
                },
                AttributionRequest {
                    offset: 200,
                    ..base(q)
                },
                AttributionRequest {
                    outlet: Some("Reuters".into()),
                    limit: Some(10),
                    ..base(q)
                },
            ]
        })
        .collect()
}

/// A statement search as one line: its words and the options it sets.
fn describe_quotes(r: &AttributionRequest) -> String {
    let mut s = format!("{:?}", r.q.as_deref().unwrap_or(""));
    for (name, value) in [
        ("sort", &r.sort),
        ("kind", &r.kind),
        ("speaker_kind", &r.speaker_kind),
        ("outlet", &r.outlet),
    ] {
        if let Some(v) = value {
            s.push_str(&format!(" {name}={v}"));
        }
    }
    if r.offset > 0 {
        s.push_str(&format!(" offset={}", r.offset));
    }
    s
}

/// Runs every request once to warm caches, then `runs` times timed.
pub fn measure(
    store: &Store,
    requests: &[SearchRequest],
    runs: usize,
) -> Result<Latency, StoreError> {
    measure_with(requests, runs, |r| store.search(r).map(|_| ()), describe)
}

/// [`measure`] for statement searches ([`quote_requests`]).
pub fn measure_quotes(
    store: &Store,
    requests: &[AttributionRequest],
    runs: usize,
) -> Result<Latency, StoreError> {
    measure_with(
        requests,
        runs,
        |r| store.attributions_page(r).map(|_| ()),
        describe_quotes,
    )
}

/// Runs every request once to warm caches, then `runs` times timed, each through `run`.
fn measure_with<R>(
    requests: &[R],
    runs: usize,
    run: impl Fn(&R) -> Result<(), StoreError>,
    describe: impl Fn(&R) -> String,
) -> Result<Latency, StoreError> {
    for r in requests {
        run(r)?;
    }
    let mut per_request = vec![Vec::new(); requests.len()];
    for _ in 0..runs.max(1) {
        for (r, mine) in requests.iter().zip(per_request.iter_mut()) {
            let t = Instant::now();
            run(r)?;
            mine.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let mut slowest: Vec<(f64, String)> = per_request
        .iter_mut()
        .zip(requests)
        .map(|(t, r)| {
            t.sort_by(|a, b| a.total_cmp(b));
            (percentile(t, 50.0), describe(r))
        })
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.truncate(SLOWEST_NAMED);
    let mut times: Vec<f64> = per_request.into_iter().flatten().collect();
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(Latency {
        samples: times.len(),
        p50_ms: percentile(&times, 50.0),
        p99_ms: percentile(&times, 99.0),
        max_ms: times.last().copied().unwrap_or(0.0),
        slowest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_list_has_fifty_queries_and_no_comments() {
        let q = parse_queries(DEFAULT_QUERIES);
        assert_eq!(q.len(), 50);
        assert!(q.iter().all(|q| !q.starts_with('#')));
        assert_eq!(requests(&q).len(), 70);
        assert_eq!(quote_requests().len(), 56);
    }
}
