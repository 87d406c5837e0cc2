//! The embedded store end to end: ingest, idempotence, search, entities, exports.

mod common;

use newsgraph_store::export::{ExportFormat, ExportWhat};
use newsgraph_store::*;

fn open(dir: &std::path::Path) -> Store {
    Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadWrite).unwrap()
}

#[test]
fn ingest_is_idempotent_and_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let corpus = common::corpus(20);
    let s = store.ingest_batch(&corpus).unwrap();
    assert_eq!((s.added, s.skipped), (20, 0));
    // The same articles again, and a batch holding one article twice: nothing doubles.
    let s = store.ingest_batch(&corpus[..5]).unwrap();
    assert_eq!((s.added, s.skipped), (0, 5));
    let twice = vec![common::article(20), common::article(20)];
    let s = store.ingest_batch(&twice).unwrap();
    assert_eq!((s.added, s.skipped), (1, 1));
    store.flush().unwrap();
    let st = store.stats().unwrap();
    assert_eq!(st.articles, 21);
    assert_eq!(st.index_docs, Some(21));
    assert_eq!(st.schema_version, schema::SCHEMA_VERSION);
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);

    // The stored document is the analysed article, field for field.
    let view = store.article(&corpus[3].article.id).unwrap().unwrap();
    let back: newsgraph_model::AnalyzedArticle =
        serde_json::from_value(view.article.clone()).unwrap();
    assert_eq!(back, corpus[3]);
    assert!(view.mention_entities.iter().all(Option::is_some));
    assert_eq!(view.speaker_entities.len(), corpus[3].attributions.len());
    assert!(store.article("no-such-article").unwrap().is_none());
}

#[test]
fn entities_resolve_across_articles_without_merging_namesakes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.ingest_batch(&common::corpus(12)).unwrap();
    let find = |q: &str| {
        store
            .entities(&EntityListRequest {
                q: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
    };
    let gordon = find("gordon brown");
    assert_eq!(gordon.len(), 1, "{gordon:?}");
    let craig = find("craig brown");
    assert_eq!(craig.len(), 1, "{craig:?}");
    assert_ne!(gordon[0].id, craig[0].id);
    // Every football article's bare "Brown" is Craig's: 6 articles, two mentions each.
    assert_eq!(craig[0].articles, 6);
    assert_eq!(craig[0].mentions, 12);
    let blair = find("tony blair");
    assert_eq!(blair.len(), 1);
    assert_eq!(blair[0].articles, 6);
    assert_eq!(
        blair[0].mentions, 12,
        "Tony Blair + Mr Blair in each politics article"
    );
    // The acronym is the organisation's.
    let sfa = find("scottish football association");
    assert_eq!(sfa.len(), 1);
    assert_eq!(sfa[0].mentions, 12);

    let profile = store.entity(blair[0].id).unwrap().unwrap();
    assert!(profile.aliases.iter().any(|a| a.name == "Mr Blair"));
    assert!(profile
        .descriptors
        .iter()
        .any(|d| d.name == "Prime Minister"));
    assert_eq!(profile.quotes_by.len(), 6);
    assert!(profile
        .co_occurring
        .iter()
        .any(|c| c.entity.name == "Gordon Brown"));
    assert!(!profile.timeline.is_empty());
    assert!(!profile.events.is_empty());
    assert!(!profile.mentions.is_empty());
    let un = find("united nations");
    let about = store.entity(un[0].id).unwrap().unwrap();
    assert_eq!(about.quotes_about.len(), 6, "Blair's quote names the UN");
    assert!(store.entity(999_999).unwrap().is_none());
}

#[test]
fn search_filters_facets_snippets_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.ingest_batch(&common::corpus(30)).unwrap();
    store.flush().unwrap();
    let search = |r: SearchRequest| store.search(&r).unwrap();
    let r = search(SearchRequest {
        q: "squad".into(),
        ..Default::default()
    });
    assert_eq!(r.total, 15);
    assert_eq!(r.hits.len(), 10);
    let hit = &r.hits[0];
    assert!(
        hit.snippet.html.contains("<b>squad</b>"),
        "{}",
        hit.snippet.html
    );
    for [s, e] in &hit.snippet.highlights {
        assert_eq!(hit.snippet.text[*s..*e].to_lowercase(), "squad");
    }
    let page2 = search(SearchRequest {
        q: "squad".into(),
        offset: 10,
        ..Default::default()
    });
    assert_eq!(page2.hits.len(), 5);
    assert!(page2
        .hits
        .iter()
        .all(|h| r.hits.iter().all(|g| g.seq != h.seq)));
    // Facets.
    let outlets = &r.facets["outlet"];
    assert_eq!(outlets.iter().map(|f| f.count).sum::<u64>(), 15);
    assert!(r.facets["entity"].iter().any(|f| f.label == "Craig Brown"));
    // Filters.
    let anon = search(SearchRequest {
        has_anonymous: Some(true),
        ..Default::default()
    });
    assert_eq!(anon.total, 15);
    let kind = search(SearchRequest {
        source_kind: Some("anonymous_person".into()),
        ..Default::default()
    });
    assert_eq!(kind.total, 15);
    let bbc = search(SearchRequest {
        q: "budget".into(),
        outlet: Some("BBC".into()),
        ..Default::default()
    });
    assert!(bbc.hits.iter().all(|h| h.outlet.as_deref() == Some("BBC")));
    assert_eq!(bbc.total, 5);
    let craig = store
        .entities(&EntityListRequest {
            q: Some("craig brown".into()),
            ..Default::default()
        })
        .unwrap();
    let by_entity = search(SearchRequest {
        entity: vec![craig[0].id],
        ..Default::default()
    });
    assert_eq!(by_entity.total, 15);
    let jan = search(SearchRequest {
        from: Some("2005-01-01".into()),
        to: Some("2005-01-10".into()),
        ..Default::default()
    });
    assert_eq!(jan.total, 10);
    let per = search(SearchRequest {
        q: "budget".into(),
        entity_type: Some("PER".into()),
        ..Default::default()
    });
    assert_eq!(per.total, 15);
    // Bad input is an error, never a panic.
    assert!(store
        .search(&SearchRequest {
            from: Some("yesterday".into()),
            ..Default::default()
        })
        .is_err());
    assert!(store
        .search(&SearchRequest {
            offset: 1_000_000,
            ..Default::default()
        })
        .is_err());
    let odd = search(SearchRequest {
        q: "\"unbalanced AND ( title:".into(),
        ..Default::default()
    });
    assert!(odd.total <= 30);
}

#[test]
fn attributions_stats_graph_timeline_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.ingest_batch(&common::corpus(10)).unwrap();
    let direct = store
        .attributions(&AttributionRequest {
            kind: Some("direct".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(direct.len(), 10);
    let by_name = store
        .attributions(&AttributionRequest {
            speaker_name: Some("craig".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_name.len(), 5);
    let anon = store
        .attributions(&AttributionRequest {
            speaker_kind: Some("anonymous_person".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(anon
        .iter()
        .all(|a| a.anonymity_reason.as_deref() == Some("declined to be named")));
    let stats = store.sourcing_stats().unwrap();
    assert_eq!(stats.articles, 10);
    assert_eq!(stats.anonymous, 5);
    assert_eq!(stats.non_responses, 5);
    assert_eq!(stats.articles_with_anonymous_sources, 5);
    let g = store.graph(&GraphRequest::default()).unwrap();
    assert!(!g.nodes.is_empty());
    assert!(g.edges.iter().any(|e| e.kind == "co_occurrence"));
    assert!(g.edges.iter().any(|e| e.kind == "quotes_about"));
    let t = store
        .timeline(&TimelineRequest {
            from: Some("2005-01-03".into()),
            to: Some("2005-01-05".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.len(), 3);
    assert!(t.windows(2).all(|w| w[0].date <= w[1].date));
    // SQLite stores span texts that repeat the article text as empty and reads them back from
    // it: the event's sentence and every mention's text are whole again.
    assert!(t.iter().all(|e| !e.sentence.is_empty()), "{t:?}");
    let craig = store
        .entities(&EntityListRequest {
            q: Some("craig brown".into()),
            ..Default::default()
        })
        .unwrap();
    let profile = store.entity(craig[0].id).unwrap().unwrap();
    assert!(!profile.mentions.is_empty());
    assert!(
        profile
            .mentions
            .iter()
            .all(|m| ["Craig Brown", "Brown"].contains(&m.text.as_str())
                && m.context.contains(&m.text)),
        "{:?}",
        profile.mentions
    );

    for (what, format) in [
        (ExportWhat::Articles, ExportFormat::Jsonl),
        (ExportWhat::Articles, ExportFormat::Csv),
        (ExportWhat::Entities, ExportFormat::Jsonl),
        (ExportWhat::Entities, ExportFormat::Csv),
        (ExportWhat::Attributions, ExportFormat::Jsonl),
        (ExportWhat::Attributions, ExportFormat::Csv),
        (ExportWhat::Graph, ExportFormat::Gexf),
        (ExportWhat::Graph, ExportFormat::Csv),
    ] {
        let mut out = Vec::new();
        let n = store.export(what, format, 100, &mut out).unwrap();
        assert!(n > 0, "{what:?} {format:?}");
        let text = String::from_utf8(out).unwrap();
        if format == ExportFormat::Jsonl {
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line).unwrap();
            }
        }
        if what == ExportWhat::Articles && format == ExportFormat::Jsonl {
            assert_eq!(text.lines().count(), 10);
            // The export is the `analyze --json` contract: every line reads back as the article.
            let first: newsgraph_model::AnalyzedArticle =
                serde_json::from_str(text.lines().next().unwrap()).unwrap();
            assert_eq!(first, common::article(0));
        }
        if format == ExportFormat::Gexf {
            assert!(text.contains("<gexf") && text.contains("</gexf>") && text.contains("<edge "));
        }
    }
    assert!(store
        .export(
            ExportWhat::Articles,
            ExportFormat::Gexf,
            10,
            &mut Vec::new()
        )
        .is_err());
}

#[test]
fn a_read_only_store_serves_while_another_writes() {
    let dir = tempfile::tempdir().unwrap();
    let writer = open(dir.path());
    writer.ingest_batch(&common::corpus(4)).unwrap();
    writer.flush().unwrap();
    let reader = Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadOnly,
    )
    .unwrap();
    assert_eq!(reader.stats().unwrap().articles, 4);
    assert!(reader.ingest_batch(&common::corpus(1)).is_err());
    // A second writer is refused while the first holds the index.
    assert!(Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadWrite
    )
    .is_err());
}

#[test]
fn quote_search_matches_whole_words_of_the_quotes_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.ingest_batch(&common::corpus(10)).unwrap();
    store.flush().unwrap();
    let total = |q: &str| {
        let page = store
            .attributions_page(&AttributionRequest {
                q: Some(q.into()),
                ..Default::default()
            })
            .unwrap();
        assert!(page.items.iter().all(|a| {
            let content = a.content.to_lowercase();
            q.split_whitespace()
                .all(|w| content.contains(&w.to_lowercase()))
        }));
        page.total
    };
    // "We will cut taxes …" is quoted in the five budget stories.
    assert_eq!(total("taxes"), 5);
    assert_eq!(total("TAXES united"), 5);
    // Words, as the search box reads them: "tax" is not "taxes".
    assert_eq!(total("tax"), 0);
    // Both words must be in one quote, not one in each story kind.
    assert_eq!(total("taxes scottish"), 0);
    // Words the stories hold outside their quotes find no quote.
    assert_eq!(total("squad"), 0);
    assert_eq!(total("berlin"), 0);
    assert_eq!(total("scottish backs"), 5);
    // Articles stored but not yet in the search index are matched too.
    store.ingest_batch(&common::corpus(14)[10..]).unwrap();
    assert_eq!(total("taxes"), 7);
}

/// Every statement matching `req` without its words, page after page, in page order.
fn all_statements(store: &Store, req: &AttributionRequest) -> Vec<AttributionRow> {
    let mut all = Vec::new();
    loop {
        let page = store
            .attributions_page(&AttributionRequest {
                q: None,
                offset: all.len(),
                limit: Some(MAX_LIMIT),
                ..req.clone()
            })
            .unwrap();
        let n = page.items.len();
        all.extend(page.items);
        if n < MAX_LIMIT {
            return all;
        }
    }
}

#[test]
fn a_filtered_quote_search_reads_the_articles_holding_its_words_in_page_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // 601 stories on 336 days (so that days repeat, and `seq` breaks their ties, also between
    // two chunks of the walk), two outlets.
    store.ingest_batch(&common::corpus(601)).unwrap();
    store.flush().unwrap();
    let requests = [
        ("the", Some("direct"), None, None, None),
        ("the", None, Some("anonymous_person"), None, None),
        ("the", None, None, Some("BBC"), Some("oldest")),
        ("the plan", Some("reported"), None, Some("Reuters"), None),
        ("backs us", Some("direct"), None, None, Some("oldest")),
        ("taxes", Some("non_response"), None, None, None),
    ];
    for (q, kind, speaker_kind, outlet, sort) in requests {
        let req = AttributionRequest {
            q: Some(q.into()),
            kind: kind.map(Into::into),
            speaker_kind: speaker_kind.map(Into::into),
            outlet: outlet.map(Into::into),
            sort: sort.map(Into::into),
            from: (q == "the").then(|| "2005-03".into()),
            to: (q == "the").then(|| "2005-09-14".into()),
            ..Default::default()
        };
        // The oracle: the same filters without the words, then the words checked here.
        let expected: Vec<(i64, i64)> = all_statements(&store, &req)
            .iter()
            .filter(|a| {
                let content = a.content.to_lowercase();
                q.split_whitespace().all(|w| content.contains(w))
            })
            .map(|a| (a.article_seq, a.idx))
            .collect();
        for offset in [0, 37, 150] {
            let page = store
                .attributions_page(&AttributionRequest {
                    offset,
                    limit: Some(40),
                    ..req.clone()
                })
                .unwrap();
            let keys: Vec<(i64, i64)> = page.items.iter().map(|a| (a.article_seq, a.idx)).collect();
            let want: Vec<(i64, i64)> = expected.iter().skip(offset).take(40).copied().collect();
            assert_eq!(
                keys, want,
                "{q:?} {kind:?} {speaker_kind:?} {outlet:?} {sort:?} from {offset}"
            );
            assert_eq!(
                (page.total, page.total_is_lower_bound),
                (expected.len(), false),
                "{q:?}"
            );
        }
        // One row a page: which rows a page holds depends on the walk's order alone (the
        // rows found are sorted again), so every offset checks it.
        for (offset, want) in expected.iter().enumerate() {
            let page = store
                .attributions_page(&AttributionRequest {
                    offset,
                    limit: Some(1),
                    ..req.clone()
                })
                .unwrap();
            let keys: Vec<(i64, i64)> = page.items.iter().map(|a| (a.article_seq, a.idx)).collect();
            assert_eq!(
                keys,
                vec![*want],
                "{q:?} {kind:?} {outlet:?} {sort:?} row {offset}"
            );
        }
    }
}

#[test]
fn a_quote_search_stops_counting_but_not_listing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // 1,002 budget stories quote "We will cut taxes …", 1,002 squad stories do not.
    store.ingest_batch(&common::corpus(2_004)).unwrap();
    store.flush().unwrap();
    let page = |q: &str, offset: usize| {
        store
            .attributions_page(&AttributionRequest {
                q: Some(q.into()),
                offset,
                limit: Some(20),
                ..Default::default()
            })
            .unwrap()
    };
    let first = page("taxes", 0);
    assert_eq!(
        (first.total, first.total_is_lower_bound),
        (MAX_COUNTED_QUOTES, true)
    );
    // The words alone walk the date index, probing the articles that hold them; with another
    // filter (here one every statement passes) the matches are sorted: the same page either way.
    let sorted = store
        .attributions_page(&AttributionRequest {
            q: Some("taxes".into()),
            kind: Some("direct,reported,non_response,scare".into()),
            limit: Some(20),
            ..Default::default()
        })
        .unwrap();
    let keys = |p: &Page<AttributionRow>| {
        p.items
            .iter()
            .map(|a| (a.article_seq, a.idx))
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&first), keys(&sorted));
    // Oldest first the walk goes up the date index; a page deep in the list too.
    for offset in [0, 990] {
        let oldest = |kind: Option<&str>| {
            store
                .attributions_page(&AttributionRequest {
                    q: Some("taxes".into()),
                    kind: kind.map(Into::into),
                    sort: Some("oldest".into()),
                    offset,
                    limit: Some(20),
                    ..Default::default()
                })
                .unwrap()
        };
        let walked = oldest(None);
        assert!(!walked.items.is_empty());
        assert_eq!(
            keys(&walked),
            keys(&oldest(Some("direct,reported,non_response,scare")))
        );
    }
    // Rows past the count are still listed.
    assert_eq!(page("taxes", 990).items.len(), 12);
    assert!(first.items.iter().all(|a| a.content.contains("taxes")));
    // Without words the count is never cut (under the limit it is exact: the test above).
    let all = store
        .attributions_page(&AttributionRequest::default())
        .unwrap();
    assert!(
        !all.total_is_lower_bound && all.total > MAX_COUNTED_QUOTES,
        "{} {}",
        all.total,
        all.total_is_lower_bound
    );
}

#[test]
fn rebuilding_the_search_index_keeps_every_search_answer() {
    let dir = tempfile::tempdir().unwrap();
    let answers = |store: &Store| {
        let quotes = ["taxes", "scottish backs", "squad"].map(|q| {
            store
                .attributions_page(&AttributionRequest {
                    q: Some(q.into()),
                    ..Default::default()
                })
                .unwrap()
                .total
        });
        let hits = store.search(&SearchRequest::default()).unwrap().total;
        (quotes, hits)
    };
    let store = open(dir.path());
    store.ingest_batch(&common::corpus(12)).unwrap();
    store.flush().unwrap();
    let before = answers(&store);
    assert_eq!(before, ([6, 6, 0], 12));
    assert!(store.search_index_is_current());
    drop(store);
    // Twice: a rebuild over a rebuilt index is the same.
    for _ in 0..2 {
        assert_eq!(
            open(dir.path()).rebuild_search_index(&|_, _| {}).unwrap(),
            12
        );
        assert_eq!(answers(&open(dir.path())), before);
    }
    assert!(!dir.path().join("index.rebuild").exists() && !dir.path().join("index.old").exists());
}
