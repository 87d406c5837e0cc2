//! Every UI page over the analysed seed shard, checked as HTML (no browser needed): status codes,
//! headers, escaping, and the content each page must show.

mod ui_support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use newsgraph_store::Store;
use tower::ServiceExt;
use ui_support::*;

struct Page {
    status: StatusCode,
    content_type: String,
    csp: String,
    body: String,
}

async fn get(store: &Arc<Store>, uri: &str) -> Page {
    let resp = newsgraph_server::app(store.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let h = |name| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let content_type = h(header::CONTENT_TYPE);
    let csp = h(header::CONTENT_SECURITY_POLICY);
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 26)
        .await
        .unwrap();
    Page {
        status,
        content_type,
        csp,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// The `href` of the first link whose text contains `text` (enough HTML parsing for our pages).
fn link_containing(html: &str, text: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<a ") {
        let open = from + at;
        let tag_end = open + html[open..].find('>')?;
        let close = tag_end + html[tag_end..].find("</a>")?;
        from = tag_end;
        // The link's text without the markup inside it.
        let mut inner = String::new();
        let mut in_tag = false;
        for c in html[tag_end + 1..close].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => inner.push(c),
                _ => {}
            }
        }
        if inner.contains(text) {
            let tag = &html[open..tag_end];
            let href_at = tag.find("href=\"")? + 6;
            let href_end = href_at + tag[href_at..].find('"')?;
            return Some(tag[href_at..href_end].replace("&amp;", "&"));
        }
    }
    None
}

fn store() -> Option<(tempfile::TempDir, Arc<Store>)> {
    let shard = seed_shard()?;
    let dir = tempfile::tempdir().unwrap();
    let store = build_store(dir.path(), &shard);
    Some((dir, store))
}

#[tokio::test]
async fn every_page_renders_escaped_html() {
    let Some((_dir, store)) = store() else { return };

    // Search: the Reuters article is found by "Tajik", with highlighted snippets and facets.
    let search = get(&store, "/?q=Tajik").await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.content_type.starts_with("text/html"));
    assert!(search.csp.contains("script-src 'self'"), "{}", search.csp);
    assert!(search.body.contains("<mark>Tajik"), "no highlight");
    assert!(search.body.contains("Refine"), "no facets");
    let article_href = link_containing(&search.body, "Temur Varki").expect("Reuters hit");
    assert!(article_href.starts_with("/articles/"), "{article_href}");

    // Article: quotes with speakers, the sourcing panel, credits.
    let article = get(&store, &article_href).await;
    assert_eq!(article.status, StatusCode::OK);
    assert!(article.body.contains("know any jihadists"));
    assert!(article.body.contains("data-speaker=\"Temur Varki\""));
    assert!(article.body.contains("role=\"tooltip\""));
    assert!(article
        .body
        .contains("Declined to comment or did not respond"));
    assert!(article.body.contains("Pravin Char"), "credits missing");
    assert!(
        !article.body.contains("Teaser only."),
        "the Reuters article is whole"
    );

    // Entity page: Edward Lemon and his statements.
    let lemon_href = link_containing(&article.body, "Edward Lemon").expect("Lemon link");
    let lemon = get(&store, &lemon_href).await;
    assert_eq!(lemon.status, StatusCode::OK);
    assert!(
        lemon.body.contains("<h1>Edward Lemon</h1>"),
        "{}",
        &lemon.body[..2000.min(lemon.body.len())]
    );
    assert!(lemon.body.contains("best oversight of Central Asian"));
    assert!(lemon.body.contains("Tajikistan expert"));

    // A teaser is marked as truncated.
    let teaser_search = get(&store, "/?q=Labubu").await;
    let teaser_href = link_containing(&teaser_search.body, "Labubu").expect("teaser hit");
    let teaser = get(&store, &teaser_href).await;
    assert!(teaser.body.contains("Teaser only."));
    assert!(teaser.body.contains("truncated teaser"));
    assert!(
        !teaser.body.contains("(teaser cut)"),
        "internal tag in the banner"
    );

    // Hostile markup is text, everywhere it appears.
    let hostile_search = get(&store, &format!("/?q={XSS_WORD}")).await;
    assert!(
        !hostile_search.body.contains("<img src=x"),
        "title not escaped in search"
    );
    let hostile_href = link_containing(&hostile_search.body, "minutes").expect("hostile hit");
    let hostile = get(&store, &hostile_href).await;
    assert_eq!(hostile.status, StatusCode::OK);
    for raw in [
        "<script>window",
        "<img src=x",
        "<b>that</b>",
        "javascript:alert",
        "<Outlet>",
    ] {
        assert!(!hostile.body.contains(raw), "unescaped {raw:?}");
    }
    assert!(hostile.body.contains("&lt;script&gt;window.__xss"));
    assert!(hostile.body.contains("&lt;/script&gt;"));
    assert!(hostile.body.contains("&lt;img src=x onerror="));

    // Explore views and the dashboard.
    let graph = get(&store, "/explore/graph").await;
    assert_eq!(graph.status, StatusCode::OK);
    assert!(graph.body.contains("id=\"entity-graph\""));
    assert!(graph.body.matches("class=\"node ").count() >= 2);
    let per_only = get(&store, "/explore/graph?type=PER").await;
    assert!(
        !per_only.body.contains("class=\"node t-GPE"),
        "type filter ignored"
    );
    let timeline = get(&store, "/explore/timeline").await;
    assert_eq!(timeline.status, StatusCode::OK);
    assert!(timeline.body.contains("class=\"timeline\""));
    let sources = get(&store, "/sources").await;
    assert_eq!(sources.status, StatusCode::OK);
    assert!(sources
        .body
        .contains("Articles relying most on anonymous sources"));
    assert!(
        !sources.body.contains("Computed over the newest"),
        "a capped table"
    );
    assert!(sources.body.contains("Most quoted voices"));
    assert!(sources.body.contains("declined to comment"));
    let entities = get(&store, "/entities?q=lemon").await;
    assert!(entities.body.contains("Edward Lemon"));

    // Statements: searchable by words and speaker, each with a citation to copy.
    let statements = get(&store, "/statements?q=jihadists&speaker_name=varki").await;
    assert_eq!(statements.status, StatusCode::OK);
    assert!(
        statements.body.contains("1 statement matches"),
        "statements count"
    );
    assert!(statements.body.contains("know any jihadists"));
    assert!(statements.body.contains("class=\"copy-cite\""));
    assert!(statements.body.contains("data-cite=\"“"), "citation text");
    let none = get(&store, "/statements?q=jihadists&kind=non_response").await;
    assert!(none.body.contains("0 statements match"));
}

/// Every count the entity page and the sources page show links to a list whose total, read
/// from the same query by the API, is that count.
#[tokio::test]
async fn counts_link_to_lists_of_that_many() {
    let Some((_dir, store)) = store() else { return };
    let total_of = |html: &str, id: &str| -> (u64, String) {
        let at = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no #{id}"));
        let tag_start = html[..at].rfind('<').unwrap();
        let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
        let attr = |name: &str| {
            let a = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            tag[a..a + tag[a..].find('"').unwrap()].replace("&amp;", "&")
        };
        (attr("data-total").parse().unwrap(), attr("href"))
    };
    let api_total = |href: &str| {
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let api = match path {
            "/statements" => "/api/attributions",
            "/" => "/api/search",
            other => panic!("count links to {other}"),
        };
        format!("{api}?{query}")
    };
    let sources = get(&store, "/sources").await;
    let lemon = get(&store, "/entities?q=lemon").await;
    let lemon_href = link_containing(&lemon.body, "Edward Lemon").unwrap();
    let lemon = get(&store, &lemon_href).await;
    let mut checked = 0;
    for (page, id) in [
        (&sources.body, "count-articles"),
        (&sources.body, "count-statements"),
        (&sources.body, "count-named"),
        (&sources.body, "count-anonymous"),
        (&sources.body, "count-declined"),
        (&lemon.body, "by-all"),
        (&lemon.body, "articles-count"),
    ] {
        let (count, href) = total_of(page, id);
        let api = get(&store, &api_total(&href)).await;
        let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(
            v["total"].as_u64(),
            Some(count),
            "#{id} says {count}, {href} has {v}"
        );
        // The page the count links to says the same.
        let listed = get(&store, &href).await;
        assert_eq!(listed.status, StatusCode::OK, "{href}");
        if href.starts_with("/statements") {
            let want = format!("{count} statement");
            assert!(listed.body.contains(&want), "{href} does not say {want:?}");
        }
        checked += 1;
    }
    assert_eq!(checked, 7);
    // Every other number on /sources that links to statements (per outlet, per kind of source,
    // per voice) is the total of that list too.
    let mut numbers = 0;
    let mut rest = sources.body.as_str();
    while let Some(at) = rest.find("href=\"/statements?") {
        let href_start = at + 6;
        let href_end = href_start + rest[href_start..].find('"').unwrap();
        let href = rest[href_start..href_end].replace("&amp;", "&");
        let text_start = href_end + rest[href_end..].find('>').unwrap() + 1;
        let text_end = text_start + rest[text_start..].find("</a>").unwrap();
        let text = rest[text_start..text_end].trim().to_string();
        rest = &rest[text_end..];
        let Ok(count) = text.parse::<u64>() else {
            continue;
        };
        let api = get(&store, &api_total(&href)).await;
        let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(
            v["total"].as_u64(),
            Some(count),
            "{href} is labelled {count}"
        );
        numbers += 1;
    }
    assert!(numbers >= 10, "only {numbers} numbers link to statements");
}

#[tokio::test]
async fn bad_requests_get_html_pages_and_the_api_keeps_json() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(
        Store::open(
            &newsgraph_store::Location::Embedded(dir.path().to_path_buf()),
            newsgraph_store::OpenMode::ReadWrite,
        )
        .unwrap(),
    );
    store.ingest_batch(&[hostile_article()]).unwrap();
    store.flush().unwrap();

    let missing = get(&store, "/articles/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("text/html"));
    let no_entity = get(&store, "/entities/not-a-number").await;
    assert_eq!(no_entity.status, StatusCode::NOT_FOUND);
    let nowhere = get(&store, "/no/such/page").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(nowhere.content_type.starts_with("text/html"));
    let api = get(&store, "/api/no-such-endpoint").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(
        api.content_type.starts_with("application/json"),
        "{}",
        api.content_type
    );

    // A bad date is reported on the search page, with the form, as a 400.
    for uri in [
        "/?q=x&from=yesterday",
        "/?from=notadate",
        "/?q=minutes&offset=99999999",
    ] {
        let bad = get(&store, uri).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(bad.body.contains("role=\"alert\""), "{uri}");
        assert!(
            bad.body.contains("role=\"search\""),
            "{uri}: no form to fix it in"
        );
    }
    for uri in [
        "/statements?from=notadate",
        "/statements?speaker=abc",
        "/statements?kind=quote",
        "/statements?limit=0",
        "/explore/graph?type=people",
        "/explore/graph?from=notadate",
        "/explore/timeline?sort=sideways",
        "/entities?type=people",
    ] {
        let bad = get(&store, uri).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(bad.content_type.starts_with("text/html"), "{uri}");
    }
    // Odd entity lists are harmless.
    let odd = get(&store, "/?q=minutes&entity=abc,1").await;
    assert_eq!(odd.status, StatusCode::OK);
    let graph = get(&store, "/explore/graph?entity=424242").await;
    assert_eq!(graph.status, StatusCode::NOT_FOUND);
    let empty_timeline = get(&store, "/explore/timeline?from=2999").await;
    assert_eq!(empty_timeline.status, StatusCode::OK);

    // Assets are embedded and versioned.
    let css = get(&store, "/assets/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css"));
    let js = get(&store, "/assets/app.js").await;
    assert!(js.content_type.starts_with("text/javascript"));
    assert!(
        !js.body.contains("innerHTML"),
        "the script must not build markup"
    );
}
