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
            cue_class: None,
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
            cue_class: None,
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
    assert_eq!(v["total"], 1, "{v}");
    let id = v["items"][0]["id"].as_i64().unwrap();
    assert_eq!(v["items"][0]["name"], "Tony Blair");
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
    assert_eq!(v["quotes_by_total"], 8);
    assert_eq!(v["quotes_about_total"], 0);
    assert_eq!(v["mentions_total"], 16);
    assert_eq!(v["events_total"], 8);
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
    assert_eq!(v["items"].as_array().unwrap().len(), 8);
    assert_eq!(v["total"], 8);
    assert_eq!(v["items"][0]["outlet"], "BBC");
    let (s, v) = get(&app, &format!("/api/attributions?speaker={id}&kind=direct")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"].as_array().unwrap().len(), 8);
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
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    assert_eq!(v["total"], 2);
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
        ("/api/graph?type=PERSON", StatusCode::BAD_REQUEST),
        ("/api/graph?edges=friends", StatusCode::BAD_REQUEST),
        ("/api/entities?type=people", StatusCode::BAD_REQUEST),
        ("/api/attributions?kind=quote", StatusCode::BAD_REQUEST),
        (
            "/api/attributions?speaker_kind=direct",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/attributions?from=notadate", StatusCode::BAD_REQUEST),
        ("/api/attributions?sort=random", StatusCode::BAD_REQUEST),
        ("/api/timeline?sort=random", StatusCode::BAD_REQUEST),
        ("/api/search?anonymous=maybe", StatusCode::BAD_REQUEST),
        (
            "/api/search?type=PER&entity_type=PER",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
        // An "exists" query on a text field is a schema error inside tantivy: a 400, not a 500.
        ("/api/search?q=text:*", StatusCode::BAD_REQUEST),
        // offset + limit must not wrap around past the paging bound.
        (
            "/api/search?offset=18446744073709551615",
            StatusCode::BAD_REQUEST,
        ),
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
    assert!(v["items"].as_array().unwrap().len() <= 200);
    assert_eq!(v["limit"], 200);
    // A huge query string is refused.
    let long = "a".repeat(5000);
    let (s, _) = get(&app, &format!("/api/search?q={long}")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn error_messages_are_plain_words_not_rust_types() {
    let (app, _dir) = app();
    for uri in [
        "/api/entities/abc",
        "/api/search?limit=abc",
        "/api/search?has_anonymous=maybe",
        "/api/search?anonymous=maybe",
        "/api/search?type=PER&entity_type=PER",
        "/api/attributions?kind=quote",
        "/api/attributions?speaker=abc",
        "/api/search?entity=1,x",
        "/api/graph?entity=abc",
    ] {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
        let m = v["error"]["message"].as_str().unwrap();
        for rust in [
            "i64",
            "u64",
            "usize",
            "bool",
            "Cannot parse",
            "untagged",
            "enum",
        ] {
            assert!(!m.contains(rust), "{uri}: {m}");
        }
    }
    let (_, v) = get(&app, "/api/search?limit=abc").await;
    let m = v["error"]["message"].as_str().unwrap();
    assert!(m.contains("`limit`") && m.contains("whole number"), "{m}");
}

/// Pages through `uri` (which has no `offset`) `limit` rows at a time; returns every row seen
/// and the `total` the first page announced.
async fn page_through(
    app: &axum::Router,
    uri: &str,
    limit: usize,
) -> (Vec<serde_json::Value>, u64) {
    let sep = if uri.contains('?') { '&' } else { '?' };
    let (s, first) = get(app, &format!("{uri}{sep}limit={limit}")).await;
    assert_eq!(s, StatusCode::OK, "{uri}: {first}");
    let total = first["total"].as_u64().unwrap();
    let mut rows = Vec::new();
    let mut offset = 0;
    while (offset as u64) < total {
        let (s, v) = get(app, &format!("{uri}{sep}limit={limit}&offset={offset}")).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {v}");
        assert_eq!(v["total"], total, "{uri}: the total changed while paging");
        assert_eq!(v["offset"], offset as u64);
        let items = v["items"].as_array().unwrap();
        assert!(
            !items.is_empty(),
            "{uri}: empty page at {offset} of {total}"
        );
        rows.extend(items.iter().cloned());
        offset += limit;
    }
    (rows, total)
}

#[tokio::test]
async fn every_list_has_a_total_that_paging_reaches() {
    let (app, _dir) = app();
    for (uri, want) in [
        ("/api/entities", 3),
        ("/api/entities?type=GPE", 2),
        ("/api/attributions", 16),
        (
            "/api/attributions?kind=direct,reported&speaker_kind=anonymous_person",
            8,
        ),
        ("/api/attributions?q=budget+agree", 8),
        ("/api/attributions?q=tense&from=2005-03-02&to=2005-03-04", 3),
        ("/api/attributions?outlet=BBC&sort=oldest", 16),
        ("/api/timeline", 8),
    ] {
        let (rows, total) = page_through(&app, uri, 3).await;
        assert_eq!(total, want, "{uri}");
        assert_eq!(rows.len() as u64, total, "{uri}");
    }
    // Newest first by default, oldest first when asked.
    let (newest, _) = page_through(&app, "/api/attributions", 5).await;
    let (oldest, _) = page_through(&app, "/api/attributions?sort=oldest", 5).await;
    let day = |r: &serde_json::Value| r["published"].as_str().unwrap_or("").to_string();
    assert!(newest.windows(2).all(|w| day(&w[0]) >= day(&w[1])));
    assert!(oldest.windows(2).all(|w| day(&w[0]) <= day(&w[1])));
    // The sourcing totals are the totals of the statement lists they name.
    let (_, stats) = get(&app, "/api/sourcing").await;
    for (field, uri) in [
        ("attributions", "/api/attributions?kind=direct,reported"),
        (
            "named",
            "/api/attributions?kind=direct,reported&speaker_kind=named_person,named_org",
        ),
        (
            "anonymous",
            "/api/attributions?kind=direct,reported&speaker_kind=anonymous_person,anonymous_group",
        ),
        ("non_responses", "/api/attributions?kind=non_response"),
    ] {
        let (_, v) = get(&app, uri).await;
        assert_eq!(v["total"], stats[field], "{field} vs {uri}");
    }
}

#[tokio::test]
async fn ui_and_api_share_parameter_names() {
    let (app, _dir) = app();
    let total = |v: &serde_json::Value| v["total"].as_u64().unwrap();
    let (_, old) = get(
        &app,
        "/api/search?q=talks&entity_type=PER&has_anonymous=true",
    )
    .await;
    let (_, new) = get(&app, "/api/search?q=talks&type=PER&anonymous=yes").await;
    assert_eq!(total(&old), 8);
    assert_eq!(total(&new), 8);
    // `type` is honoured: no article mentions an organisation.
    let (_, none) = get(&app, "/api/search?q=talks&type=ORG").await;
    assert_eq!(total(&none), 0, "{none}");
    let (_, none) = get(&app, "/api/search?q=talks&anonymous=no").await;
    assert_eq!(total(&none), 0, "{none}");
    // Search sorts by date when asked.
    let days = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["published"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, newest) = get(&app, "/api/search?q=talks&sort=newest&limit=8").await;
    let (_, oldest) = get(&app, "/api/search?q=talks&sort=oldest&limit=8").await;
    let (n, o) = (days(&newest), days(&oldest));
    assert_eq!(n.len(), 8);
    assert!(n.windows(2).all(|w| w[0] >= w[1]), "{n:?}");
    assert!(o.windows(2).all(|w| w[0] <= w[1]), "{o:?}");
    let (s, _) = get(&app, "/api/search?q=talks&sort=loudest").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The speaker kind has the same name on search and on statements.
    let (_, a) = get(&app, "/api/attributions?source_kind=anonymous_person").await;
    assert_eq!(total(&a), 8);
    let (_, a) = get(&app, "/api/search?speaker_kind=anonymous_person").await;
    assert_eq!(total(&a), 8);
}

#[tokio::test]
async fn graph_type_filter_runs_before_the_limit() {
    let (app, _dir) = app();
    // Tony Blair is in the most articles with Paris and France: a limit of 2 with type=GPE must
    // still give two places, not the top two entities filtered down to one.
    let (s, v) = get(&app, "/api/graph?type=GPE&limit=2&min_weight=1").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 2, "{v}");
    assert!(nodes.iter().all(|n| n["type"] == "GPE"), "{v}");
    let (_, all) = get(&app, "/api/entities?type=PER").await;
    let blair = all["items"][0]["id"].as_i64().unwrap();
    let (_, v) = get(&app, &format!("/api/graph?entity={blair}&type=GPE&limit=2")).await;
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["id"], blair, "the centre comes first: {v}");
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[1]["type"], "GPE");
    // A period: the entities of its articles, linked by its articles only.
    let (s, v) = get(
        &app,
        "/api/graph?from=2005-03-01&to=2005-03-02&min_weight=1",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let co: Vec<i64> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "co_occurrence")
        .map(|e| e["weight"].as_i64().unwrap())
        .collect();
    assert!(!co.is_empty() && co.iter().all(|w| *w == 2), "{v}");
    let (_, v) = get(
        &app,
        &format!("/api/graph?entity={blair}&from=2005-03-08&min_weight=1"),
    )
    .await;
    assert_eq!(v["nodes"].as_array().unwrap().len(), 3, "{v}");
    let (_, v) = get(&app, "/api/graph?from=2099").await;
    assert!(v["nodes"].as_array().unwrap().is_empty(), "{v}");
    let (s, _) = get(&app, "/api/graph?from=someday").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The UI's link filter is the API's too.
    let (_, v) = get(&app, "/api/graph?min_weight=1&edges=quotes_about").await;
    assert!(
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "quotes_about"),
        "{v}"
    );
    let (_, v) = get(&app, "/api/graph?min_weight=1&edges=co_occurrence").await;
    assert!(!v["edges"].as_array().unwrap().is_empty());
    assert!(
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "co_occurrence"),
        "{v}"
    );
}

#[tokio::test]
async fn json_answers_carry_security_headers() {
    let (app, _dir) = app();
    for uri in ["/api/health", "/api/nothing-here", "/api/search?limit=abc"] {
        let resp = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let h = resp.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert!(h.contains_key("content-security-policy"), "{uri}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{uri}");
    }
}

/// Resolves a `$ref` (or returns the schema itself).
fn resolve<'a>(doc: &'a serde_json::Value, schema: &'a serde_json::Value) -> &'a serde_json::Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// Every key of `value` is a property of `schema`, recursively through objects and arrays;
/// returns the paths that are not.
fn undeclared(
    doc: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let schema = resolve(doc, schema);
    // `oneOf: [null, X]` (an Option) — check against the non-null branch.
    if let Some(branches) = schema["oneOf"].as_array() {
        if let Some(b) = branches.iter().find(|b| b["type"] != "null") {
            return undeclared(doc, b, value, path, out);
        }
    }
    match value {
        serde_json::Value::Object(map) => {
            if let Some(props) = schema["properties"].as_object() {
                for (k, v) in map {
                    match props.get(k) {
                        Some(p) => undeclared(doc, p, v, &format!("{path}.{k}"), out),
                        None => out.push(format!("{path}.{k}")),
                    }
                }
            } else if schema["additionalProperties"].is_object() {
                for (k, v) in map {
                    undeclared(
                        doc,
                        &schema["additionalProperties"],
                        v,
                        &format!("{path}.{k}"),
                        out,
                    );
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate().take(3) {
                undeclared(doc, &schema["items"], v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_describes_what_the_api_answers() {
    let (app, _dir) = app();
    let (_, doc) = get(&app, "/api/openapi.json").await;
    // Query parameters are in the query and optional; only path parameters are required.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for p in item["get"]["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            if path.contains(&format!("{{{name}}}")) {
                assert_eq!(p["in"], "path", "{path} {name}");
                assert_eq!(p["required"], true, "{path} {name}");
            } else {
                assert_eq!(p["in"], "query", "{path} {name}");
                assert_ne!(p["required"], true, "{path} {name}");
            }
        }
    }
    // Every key of every real answer is declared by its schema (the mirror types cannot drift).
    let (_, entities) = get(&app, "/api/entities").await;
    let id = entities["items"][0]["id"].as_i64().unwrap();
    let mut missing = Vec::new();
    for (path, uri) in [
        ("/api/stats", "/api/stats".to_string()),
        ("/api/search", "/api/search?q=budget".into()),
        ("/api/articles/{key}", "/api/articles/1".into()),
        ("/api/entities", "/api/entities".into()),
        ("/api/entities/{id}", format!("/api/entities/{id}")),
        ("/api/attributions", "/api/attributions".into()),
        ("/api/sourcing", "/api/sourcing".into()),
        ("/api/graph", "/api/graph?min_weight=1".into()),
        ("/api/timeline", "/api/timeline".into()),
        ("/api/health", "/api/health".into()),
    ] {
        let (s, value) = get(&app, &uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        let schema =
            &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(schema.is_object(), "{path} has no 200 schema");
        undeclared(&doc, schema, &value, path, &mut missing);
    }
    assert!(
        missing.is_empty(),
        "keys the OpenAPI schemas do not declare: {missing:?}"
    );
}

/// The reference validator (`pip install openapi-spec-validator`) accepts the document. Skipped,
/// with a note, where Python or the validator is not installed.
#[tokio::test]
async fn the_openapi_document_passes_the_reference_validator() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with openapi-spec-validator is not installed");
        return;
    }
    let (app, dir) = app();
    let (_, doc) = get(&app, "/api/openapi.json").await;
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
