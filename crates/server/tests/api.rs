//! The JSON API over a small store: every endpoint answers JSON, errors included.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use newsgraph_model::*;
use newsgraph_store::{Location, OpenMode, Store};
use tower::ServiceExt;

fn article(i: usize) -> AnalyzedArticle {
    let text = format!(
        "Tony Blair visited Paris on Monday for talks {i}.\n\"We agree on the budget,\" Mr Blair said of France.\nAn official, who asked not to be named, said talks were tense."
    );
    let mut a = Article::new(text.clone(), Source::default());
    a.title = Some(format!("Blair in Paris {i}"));
    a.outlet = Some("BBC".into());
    a.published = Some(Published {
        value: format!("2005-03-{:02}", 1 + i % 28),
        from: PublishedFrom::Metadata,
    });
    let find = |s: &str| {
        let p = text.find(s).unwrap();
        (p, p + s.len())
    };
    let ent = |s: &str, label: &str| {
        let (start, end) = find(s);
        Entity {
            start,
            end,
            text: s.into(),
            label: label.into(),
            entity: None,
            confidence: 1.0,
        }
    };
    let entities = vec![
        ent("Tony Blair", "PER"),
        ent("Paris", "GPE"),
        ent("Mr Blair", "PER"),
        ent("France", "GPE"),
    ];
    let (cs, ce) = find("We agree on the budget,");
    let (ss, se) = find("Mr Blair");
    let (ds, de) = find("Monday");
    let (as_, ae) = find("An official");
    let (rs, re) = find("talks were tense");
    let attributions = vec![
        Attribution {
            kind: AttributionKind::Direct,
            content: TextSpan {
                start: cs,
                end: ce,
                text: text[cs..ce].into(),
            },
            cue: None,
            speaker: Some(Speaker {
                start: ss,
                end: se,
                text: "Mr Blair".into(),
                name: Some("Tony Blair".into()),
                kind: Some(SpeakerKind::NamedPerson),
                descriptor: Some("Prime Minister".into()),
                anonymity_reason: None,
            }),
            response: None,
        },
        Attribution {
            kind: AttributionKind::Reported,
            content: TextSpan {
                start: rs,
                end: re,
                text: text[rs..re].into(),
            },
            cue: None,
            speaker: Some(Speaker {
                start: as_,
                end: ae,
                text: "An official".into(),
                name: None,
                kind: Some(SpeakerKind::AnonymousPerson),
                descriptor: Some("official".into()),
                anonymity_reason: Some("asked not to be named".into()),
            }),
            response: None,
        },
    ];
    let sourcing = Sourcing::from_attributions(&attributions);
    let date = a.published.as_ref().unwrap().value.clone();
    let dates = vec![DateMention {
        start: ds,
        end: de,
        text: "Monday".into(),
        value: Some(date.clone()),
        granularity: "day".into(),
        modifier: None,
        interval: None,
    }];
    let first = text.find('\n').unwrap();
    let events = vec![Event {
        date,
        date_index: 0,
        sentence: TextSpan {
            start: 0,
            end: first,
            text: text[..first].into(),
        },
        entities: vec![0, 1],
        figures: vec![],
    }];
    AnalyzedArticle {
        article: a,
        entities,
        attributions,
        sourcing,
        dates,
        figures: vec![],
        events,
    }
}

fn app() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadWrite,
    )
    .unwrap();
    let batch: Vec<_> = (0..8).map(article).collect();
    store.ingest_batch(&batch).unwrap();
    store.flush().unwrap();
    (newsgraph_server::app(Arc::new(store)), dir)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let resp = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20)
        .await
        .unwrap();
    assert!(
        ctype.starts_with("application/json"),
        "{uri}: content-type {ctype:?}"
    );
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn every_endpoint_answers() {
    let (app, _dir) = app();
    let (s, v) = get(&app, "/api/search?q=budget&limit=5").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 8);
    assert_eq!(v["hits"].as_array().unwrap().len(), 5);
    assert!(v["hits"][0]["snippet"]["html"]
        .as_str()
        .unwrap()
        .contains("<b>budget</b>"));
    assert!(v["facets"]["entity"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["label"] == "Tony Blair"));

    let (s, v) = get(&app, "/api/entities?q=blair").await;
    assert_eq!(s, StatusCode::OK);
    let id = v[0]["id"].as_i64().unwrap();
    assert_eq!(v[0]["name"], "Tony Blair");
    let (s, v) = get(
        &app,
        &format!("/api/search?entity={id}&has_anonymous=true&from=2005-03-01&to=2005-03-31"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 8);

    let (s, v) = get(&app, &format!("/api/entities/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["quotes_by"].as_array().unwrap().len(), 8);
    assert!(v["co_occurring"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["entity"]["name"] == "Paris"));
    assert!(v["descriptors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "Prime Minister"));
    assert!(!v["timeline"].as_array().unwrap().is_empty());
    assert!(!v["events"].as_array().unwrap().is_empty());

    let (s, v) = get(&app, "/api/articles/1").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["article"]["attributions"].as_array().unwrap().len(), 2);
    assert_eq!(v["mention_entities"][0], id);
    let hash = v["article"]["id"].as_str().unwrap().to_string();
    let (s, _) = get(&app, &format!("/api/articles/{hash}")).await;
    assert_eq!(s, StatusCode::OK);

    let (s, v) = get(&app, "/api/attributions?speaker_kind=anonymous_person").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 8);
    let (s, v) = get(&app, &format!("/api/attributions?speaker={id}&kind=direct")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 8);
    let (s, v) = get(&app, "/api/sourcing").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["anonymous"], 8);
    let (s, v) = get(&app, "/api/graph?min_weight=1").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!v["edges"].as_array().unwrap().is_empty());
    let (s, v) = get(&app, &format!("/api/graph?entity={id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = get(&app, "/api/timeline?from=2005-03-02&to=2005-03-03").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 2);
    let (s, v) = get(&app, "/api/stats").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["articles"], 8);
    let (s, v) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["paths"]["/api/search"].is_object());
    assert!(v["paths"]["/api/entities/{id}"].is_object());
}

#[tokio::test]
async fn errors_are_json_with_a_status() {
    let (app, _dir) = app();
    for (uri, want) in [
        ("/api/entities/999999", StatusCode::NOT_FOUND),
        ("/api/entities/not-a-number", StatusCode::BAD_REQUEST),
        ("/api/articles/nope", StatusCode::NOT_FOUND),
        ("/api/search?limit=abc", StatusCode::BAD_REQUEST),
        ("/api/search?from=yesterday", StatusCode::BAD_REQUEST),
        ("/api/search?offset=999999", StatusCode::BAD_REQUEST),
        ("/api/search?entity=1,x", StatusCode::BAD_REQUEST),
        ("/api/graph?entity=424242", StatusCode::BAD_REQUEST),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, want, "{uri}: {v}");
        assert_eq!(v["error"]["status"], want.as_u16(), "{uri}");
        assert!(v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    // Oversized limits are clamped, not errors.
    let (s, v) = get(&app, "/api/attributions?limit=100000").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().unwrap().len() <= 200);
    // A huge query string is refused.
    let long = "a".repeat(5000);
    let (s, _) = get(&app, &format!("/api/search?q={long}")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}
