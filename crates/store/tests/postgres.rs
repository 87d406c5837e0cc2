//! The PostgreSQL backend against a real server: set NEWSGRAPH_TEST_PG (`. .ci/postgres.sh`).
//! Each test works in a database of its own, dropped at the end.

mod common;

use newsgraph_store::export::{ExportFormat, ExportWhat};
use newsgraph_store::*;

struct TempDb {
    admin: String,
    name: String,
    url: String,
}

impl TempDb {
    fn new(tag: &str) -> Option<TempDb> {
        let Ok(admin) = std::env::var("NEWSGRAPH_TEST_PG") else {
            eprintln!("skipping: NEWSGRAPH_TEST_PG is not set (source .ci/postgres.sh to run the PostgreSQL tests)");
            return None;
        };
        let name = format!("newsgraph_t_{}_{tag}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap();
        let url = format!("{base}/{name}");
        Some(TempDb { admin, name, url })
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

#[test]
fn postgres_backend_end_to_end() {
    let Some(db) = TempDb::new("e2e") else { return };
    let corpus = common::corpus(30);
    let store = ingest_and_reopen(&db.url, &corpus);
    let craig = namesakes_apart(&store);
    full_text_search(&store, craig);
    let anonymous = attributions_and_graph(&store);
    paged_queries(&store, craig, anonymous);
}

/// Ingests the corpus twice (the second time adds nothing), checks it, and reopens the store:
/// migrations are not re-run and an article reads back whole.
fn ingest_and_reopen(url: &str, corpus: &[newsgraph_model::AnalyzedArticle]) -> Store {
    let location = Location::parse(url);
    let store = Store::open(&location, OpenMode::ReadWrite).unwrap();
    assert_eq!(store.backend_name(), "postgresql");
    let s = store.ingest_batch(corpus).unwrap();
    assert_eq!((s.added, s.skipped), (30, 0));
    let s = store.ingest_batch(&corpus[..10]).unwrap();
    assert_eq!((s.added, s.skipped), (0, 10));
    let st = store.stats().unwrap();
    assert_eq!(st.articles, 30);
    assert_eq!(st.schema_version, schema::SCHEMA_VERSION);
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    drop(store);

    // Reopen: migrations are not re-run, the data is there.
    let store = Store::open(&location, OpenMode::ReadWrite).unwrap();
    let view = store.article(&corpus[4].article.id).unwrap().unwrap();
    let back: newsgraph_model::AnalyzedArticle = serde_json::from_value(view.article).unwrap();
    assert_eq!(back, corpus[4]);

    store
}

/// Entities: namesakes stay apart, surnames and acronyms join. Returns Craig Brown's id.
fn namesakes_apart(store: &Store) -> i64 {
    let find = |q: &str| {
        store
            .entities(&EntityListRequest {
                q: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
    };
    let craig = find("craig brown");
    let gordon = find("gordon brown");
    assert_eq!((craig.len(), gordon.len()), (1, 1));
    assert_ne!(craig[0].id, gordon[0].id);
    assert_eq!(craig[0].mentions, 30);
    let profile = store.entity(find("tony blair")[0].id).unwrap().unwrap();
    assert_eq!(profile.quotes_by.len(), 15);
    assert!(profile.aliases.iter().any(|a| a.name == "Mr Blair"));

    craig[0].id
}

/// PostgreSQL full-text search: stemming, filters, facets, snippets, paging.
fn full_text_search(store: &Store, craig: i64) {
    let r = store
        .search(&SearchRequest {
            q: "squads".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 15);
    assert_eq!(r.hits.len(), 10);
    assert!(
        r.hits[0].snippet.html.contains("<b>squad</b>"),
        "{}",
        r.hits[0].snippet.html
    );
    let page = store
        .search(&SearchRequest {
            q: "squad".into(),
            offset: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.hits.len(), 5);
    assert!(r.facets["entity"].iter().any(|f| f.label == "Craig Brown"));
    assert_eq!(r.facets["outlet"].iter().map(|f| f.count).sum::<u64>(), 15);
    let f = store
        .search(&SearchRequest {
            has_anonymous: Some(true),
            source_kind: Some("anonymous_person".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.total, 15);
    let f = store
        .search(&SearchRequest {
            entity: vec![craig],
            from: Some("2005-01".into()),
            to: Some("2005-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.total, 14);
    let f = store
        .search(&SearchRequest {
            q: "budget".into(),
            outlet: Some("BBC".into()),
            entity_type: Some("PER".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.total, 5);
    let odd = store
        .search(&SearchRequest {
            q: "\"unbalanced -( or:".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(odd.total <= 30);
}

/// Attributions by speaker, sourcing stats and the graph; returns the anonymous-source count.
fn attributions_and_graph(store: &Store) -> i64 {
    assert_eq!(
        store
            .attributions(&AttributionRequest {
                speaker_name: Some("craig".into()),
                ..Default::default()
            })
            .unwrap()
            .len(),
        15
    );
    let stats = store.sourcing_stats().unwrap();
    assert_eq!((stats.anonymous, stats.non_responses), (15, 15));
    let g = store.graph(&GraphRequest::default()).unwrap();
    assert!(g.edges.iter().any(|e| e.kind == "quotes_about"));
    stats.anonymous
}

/// Issue 17's queries on PostgreSQL, the timeline and the exports.
fn paged_queries(store: &Store, craig: i64, anonymous: i64) {
    // Pages with totals, comma lists, words, dates, sorting, the graph's type filter, ego view
    // and period, search by date, per-article shares.
    let page = store
        .attributions_page(&AttributionRequest {
            kind: Some("direct,reported".into()),
            speaker_kind: Some("anonymous_person,anonymous_group".into()),
            from: Some("2005".into()),
            sort: Some("oldest".into()),
            limit: Some(4),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((page.total, page.items.len()), (anonymous as usize, 4));
    let newest = store
        .attributions_page(&AttributionRequest {
            q: Some("squad".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(newest
        .items
        .windows(2)
        .all(|w| w[0].published >= w[1].published));
    let people = store
        .entities_page(&EntityListRequest {
            kind: Some("PER".into()),
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert!(people.total >= 2 && people.items.iter().all(|e| e.kind == "PER"));
    let per = store
        .graph(&GraphRequest {
            kind: Some("PER".into()),
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(per.nodes.len(), 2);
    let ego = store
        .graph(&GraphRequest {
            entity: Some(craig),
            from: Some("2005-01".into()),
            to: Some("2005-12".into()),
            min_weight: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ego.nodes[0].id, craig);
    let period = store
        .graph(&GraphRequest {
            from: Some("2005".into()),
            kind: Some("PER".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(!period.nodes.is_empty());
    let by_date = store
        .search(&SearchRequest {
            q: "squad".into(),
            sort: Some("newest".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(by_date
        .hits
        .windows(2)
        .all(|w| w[0].published >= w[1].published));
    assert!(!store.articles_by_anonymous_share(5).unwrap().is_empty());
    assert!(!store.name_candidates(20).unwrap().is_empty());
    let t_page = store
        .timeline_page(&TimelineRequest {
            sort: Some("newest".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t_page.total, t_page.items.len());
    let t = store
        .timeline(&TimelineRequest {
            from: Some("2005-01-03".into()),
            to: Some("2005-01-05".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.len(), 3);
    let mut out = Vec::new();
    assert_eq!(
        store
            .export(ExportWhat::Articles, ExportFormat::Jsonl, 0, &mut out)
            .unwrap(),
        30
    );
    let mut out = Vec::new();
    assert!(
        store
            .export(ExportWhat::Graph, ExportFormat::Gexf, 50, &mut out)
            .unwrap()
            > 0
    );
}

#[test]
fn postgres_batches_are_atomic() {
    let Some(db) = TempDb::new("atomic") else {
        return;
    };
    let store = Store::open(&Location::parse(&db.url), OpenMode::ReadWrite).unwrap();
    store.ingest_batch(&common::corpus(3)).unwrap();
    // A batch that fails midway (an offset past the end of the text is still stored; a NUL byte
    // in text is refused by PostgreSQL) leaves nothing of itself behind.
    let mut bad = common::corpus(6)[3..].to_vec();
    bad[1].article.text.push('\0');
    bad[1].article.id = newsgraph_model::content_id(&bad[1].article.text);
    assert!(store.ingest_batch(&bad).is_err());
    assert_eq!(store.stats().unwrap().articles, 3);
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    // The connection is usable again after the rollback.
    let s = store.ingest_batch(&common::corpus(5)).unwrap();
    assert_eq!((s.added, s.skipped), (2, 3));
}
