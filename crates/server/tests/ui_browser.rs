//! The UI in a real browser: headless Chromium driven through chromedriver (WebDriver).
//!
//! Skips with a note when chromium or chromedriver is absent (`.ci/browser.sh` installs both), or
//! when `../shared` is absent. Set `NEWSGRAPH_CHROMIUM` / `NEWSGRAPH_CHROMEDRIVER` to use other
//! binaries. A screenshot of every page is written to `target/ui-screenshots/`.

mod ui_support;
mod webdriver;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ui_support::*;
use webdriver::{Client, Locator};

type Check = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($msg)+));
        }
    };
}

fn find_binary(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

/// Kills chromedriver (and with it the browser it started) however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("ui-screenshots")
}

async fn shoot(c: &Client, name: &str) -> Check {
    let png = c
        .screenshot()
        .await
        .map_err(|e| format!("screenshot {name}: {e}"))?;
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(format!("{name}.png")), png).map_err(|e| e.to_string())
}

async fn js(c: &Client, script: &str, args: Vec<Value>) -> Result<Value, String> {
    c.execute(script, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

async fn text_of(c: &Client, css: &str) -> Result<String, String> {
    c.wait_for_element(Locator::Css(css), Duration::from_secs(10))
        .await
        .map_err(|e| format!("no {css}: {e}"))?
        .text()
        .await
        .map_err(|e| e.to_string())
}

/// Opens the first link whose visible text contains `text`.
async fn follow_link(c: &Client, text: &str) -> Check {
    let xpath = format!("//a[contains(normalize-space(.), {})]", xpath_literal(text));
    let link = c
        .find(Locator::XPath(&xpath))
        .await
        .map_err(|e| format!("no link with {text:?}: {e}"))?;
    let href = link
        .attr("href")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let before = c.current_url().await.map_err(|e| e.to_string())?;
    link.click()
        .await
        .map_err(|e| format!("click {text:?}: {e}"))?;
    wait_until(c, "navigation", |url| {
        url != before.as_str() || href.starts_with('#')
    })
    .await
}

async fn wait_until(c: &Client, what: &str, done: impl Fn(&str) -> bool) -> Check {
    let started = Instant::now();
    loop {
        let url = c
            .current_url()
            .await
            .map_err(|e| e.to_string())?
            .to_string();
        let ready = js(c, "return document.readyState", vec![]).await?;
        if done(&url) && ready == "complete" {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("timed out waiting for {what} (at {url})"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

/// Layout shift accumulated since the page started loading (Chromium's Layout Instability API).
async fn layout_shift(c: &Client) -> Result<f64, String> {
    let v = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; let cls = 0;
             new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
               .observe({type: 'layout-shift', buffered: true});
             setTimeout(() => done(cls), 300);",
            vec![],
        )
        .await
        .map_err(|e| format!("layout shift: {e}"))?;
    Ok(v.as_f64().unwrap_or(f64::MAX))
}

async fn no_horizontal_scroll(c: &Client, page: &str) -> Check {
    let v = js(
        c,
        "return [document.documentElement.scrollWidth, window.innerWidth]",
        vec![],
    )
    .await?;
    let (scroll, width) = (v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0));
    ensure!(
        scroll <= width + 1.0,
        "{page} scrolls sideways at {width}px: {scroll}px wide"
    );
    Ok(())
}

async fn steps(c: Client, base: String) -> Check {
    reader_steps(&c, &base).await?;
    article_steps(&c).await?;
    teaser_and_hostile_steps(&c, &base).await?;
    explore_steps(&c, &base).await?;
    sources_and_narrow_steps(&c, &base).await?;
    counts_equal_paging(&c, &base).await?;
    graph_labels_and_filters(&c, &base).await?;
    statements_page(&c, &base).await
}

/// Search finds the Reuters article by "Tajik", with highlights, without layout shift.
async fn reader_steps(c: &Client, base: &str) -> Check {
    // 1. Search finds the Reuters article by "Tajik".
    c.goto(&format!("{base}/"))
        .await
        .map_err(|e| e.to_string())?;
    let q = c.find(Locator::Id("q")).await.map_err(|e| e.to_string())?;
    q.send_keys("Tajik").await.map_err(|e| e.to_string())?;
    q.send_keys("\u{E007}").await.map_err(|e| e.to_string())?; // Enter
    wait_until(c, "search results", |u| u.contains("q=Tajik")).await?;
    let heading = text_of(c, "#results-heading").await?;
    ensure!(heading.contains("Tajik"), "results heading {heading:?}");
    let hits = text_of(c, "ol.hits").await?;
    ensure!(
        hits.contains("Temur Varki"),
        "the Reuters article is not among the hits: {hits}"
    );
    let marks = c
        .find_all(Locator::Css("ol.hits mark"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(!marks.is_empty(), "no highlighted snippet");
    ensure!(
        layout_shift(c).await? < 0.05,
        "the search page shifts while loading"
    );
    shoot(c, "search").await?;

    Ok(())
}

/// The article reader: the Varki quote with its speaker on hover and focus, the sourcing panel,
/// 320 px; then the entity page of Edward Lemon.
async fn article_steps(c: &Client) -> Check {
    // 2. The article shows the Varki quote with its speaker, on hover/focus.
    follow_link(c, "Temur Varki").await?;
    // Keyboard: the first Tab stop is the skip link, which becomes visible.
    let body = c
        .find(Locator::Css("body"))
        .await
        .map_err(|e| e.to_string())?;
    body.send_keys("\u{E004}")
        .await
        .map_err(|e| e.to_string())?;
    let active = c.active_element().await.map_err(|e| e.to_string())?;
    let class = active.attr("class").await.map_err(|e| e.to_string())?;
    ensure!(
        class.as_deref() == Some("skip"),
        "first Tab stop has class {class:?}"
    );
    let top = active.rectangle().await.map_err(|e| e.to_string())?.1;
    ensure!(
        top >= 0.0,
        "the focused skip link is off screen (y = {top})"
    );
    let quote = c
        .find(Locator::XPath("//span[contains(concat(' ', @class, ' '), ' q ') and contains(., 'know any jihadists')]"))
        .await
        .map_err(|e| format!("no Varki quote: {e}"))?;
    let speaker = quote
        .attr("data-speaker")
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        speaker.as_deref() == Some("Temur Varki"),
        "speaker {speaker:?}"
    );
    let tip_id = quote
        .attr("aria-describedby")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let tip = c
        .find(Locator::Id(&tip_id))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        !tip.is_displayed().await.map_err(|e| e.to_string())?,
        "tooltip shown before focus"
    );
    js(
        c,
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();",
        vec![quote.to_json()],
    )
    .await?;
    ensure!(
        tip.is_displayed().await.map_err(|e| e.to_string())?,
        "focusing the quote shows no tooltip"
    );
    let tip_text = tip.text().await.map_err(|e| e.to_string())?;
    ensure!(
        tip_text.contains("Temur Varki")
            && tip_text.contains("named person")
            && tip_text.contains("refugee"),
        "tooltip text {tip_text:?}"
    );
    shoot(c, "article").await?;
    // Escape dismisses the tooltip.
    quote
        .send_keys("\u{E00C}")
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        !tip.is_displayed().await.map_err(|e| e.to_string())?,
        "Escape leaves the tooltip"
    );
    let panel = text_of(c, "#sourcing").await?;
    ensure!(
        panel.contains("Declined to comment"),
        "sourcing panel: {panel}"
    );
    ensure!(
        panel.contains("Anonymous sources") && panel.contains("Named sources"),
        "sourcing panel: {panel}"
    );
    ensure!(panel.contains("Pravin Char"), "credits not shown");
    ensure!(
        layout_shift(c).await? < 0.05,
        "the article page shifts while loading"
    );
    // Narrow screens: readable at 320 px, nothing scrolls sideways.
    c.set_window_size(320, 800)
        .await
        .map_err(|e| e.to_string())?;
    let width = js(c, "return window.innerWidth", vec![]).await?;
    if width.as_f64().unwrap_or(0.0) <= 400.0 {
        no_horizontal_scroll(c, "the article").await?;
        shoot(c, "article-320px").await?;
    } else {
        eprintln!("note: the browser window cannot be made 320 px wide (got {width}); narrow check skipped");
    }
    c.set_window_size(1280, 900)
        .await
        .map_err(|e| e.to_string())?;

    // 3. The entity page for Edward Lemon lists his statements.
    follow_link(c, "Edward Lemon").await?;
    let h1 = text_of(c, "h1").await?;
    ensure!(h1 == "Edward Lemon", "entity page heading {h1:?}");
    let by = text_of(c, "#by-heading + ul.statements").await?;
    ensure!(
        by.contains("best oversight of Central Asian"),
        "Lemon's statements: {by}"
    );
    shoot(c, "entity").await?;

    Ok(())
}

/// Teasers are marked; markup inside an article is text.
async fn teaser_and_hostile_steps(c: &Client, base: &str) -> Check {
    // 4. A truncated teaser is clearly marked.
    c.goto(&format!("{base}/?q=Labubu"))
        .await
        .map_err(|e| e.to_string())?;
    follow_link(c, "Labubu").await?;
    let banner = text_of(c, ".truncated").await?;
    ensure!(banner.contains("Teaser only"), "teaser banner {banner:?}");
    shoot(c, "teaser").await?;

    // 5. Markup inside an article is shown as text and never runs.
    c.goto(&format!("{base}/?q={XSS_WORD}"))
        .await
        .map_err(|e| e.to_string())?;
    shoot(c, "search-hostile").await?;
    follow_link(c, "minutes").await?;
    let text = text_of(c, "#article-text").await?;
    ensure!(
        text.contains(XSS_SCRIPT),
        "script tag not shown as text: {text}"
    );
    ensure!(
        text.contains("<img src=x onerror="),
        "img tag not shown as text: {text}"
    );
    let h1 = text_of(c, "h1").await?;
    ensure!(
        h1.contains("<img src=x onerror=alert(1)>"),
        "title not shown as text: {h1}"
    );
    let state = js(
        c,
        "return [typeof window.__xss, document.querySelectorAll('main img, main script').length]",
        vec![],
    )
    .await?;
    ensure!(
        state == json!(["undefined", 0]),
        "hostile markup ran or was parsed: {state}"
    );
    ensure!(c.get_alert_text().await.is_err(), "an alert is open");
    shoot(c, "hostile-article").await?;

    Ok(())
}

/// The graph (filter, hover, node links) and the timeline.
async fn explore_steps(c: &Client, base: &str) -> Check {
    // 6. The entity graph is drawn, filterable, and its nodes open entity pages.
    c.goto(&format!("{base}/explore/graph"))
        .await
        .map_err(|e| e.to_string())?;
    let nodes = c
        .find_all(Locator::Css("#entity-graph a.node"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(nodes.len() >= 2, "graph has {} nodes", nodes.len());
    shoot(c, "graph").await?;
    let select = c
        .find(Locator::Id("g-type"))
        .await
        .map_err(|e| e.to_string())?;
    select
        .select_by_value("PER")
        .await
        .map_err(|e| e.to_string())?;
    c.find(Locator::Css(".filter-bar button"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    wait_until(c, "graph filter", |u| u.contains("type=PER")).await?;
    let kinds = js(
        c,
        "return Array.from(document.querySelectorAll('#entity-graph a.node')).map(n => n.getAttribute('class'))",
        vec![],
    )
    .await?;
    let kinds: Vec<String> = serde_json::from_value(kinds).map_err(|e| e.to_string())?;
    ensure!(
        !kinds.is_empty() && kinds.iter().all(|k| k.contains("t-PER")),
        "type filter: {kinds:?}"
    );
    let node = c
        .find(Locator::Css("#entity-graph a.node"))
        .await
        .map_err(|e| e.to_string())?;
    // Hovering a node brings its links forward.
    c.move_mouse_to(&node)
        .await
        .map_err(|e| format!("hover: {e}"))?;
    let hot = js(
        c,
        "return document.getElementById('entity-graph').classList.contains('focusing')",
        vec![],
    )
    .await?;
    ensure!(
        hot == json!(true),
        "hovering a node does not highlight its links"
    );
    let href = node
        .attr("href")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    c.goto(&format!("{base}{href}"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        c.current_url()
            .await
            .map_err(|e| e.to_string())?
            .path()
            .starts_with("/entities/"),
        "node link"
    );
    text_of(c, "#by-heading").await?;

    // 7. The corpus timeline, filterable by entity.
    c.goto(&format!("{base}/explore/timeline"))
        .await
        .map_err(|e| e.to_string())?;
    let items = c
        .find_all(Locator::Css("ol.timeline > li"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(!items.is_empty(), "the timeline is empty");
    shoot(c, "timeline").await?;
    let first_entity = c
        .find(Locator::Css(".tl-meta a"))
        .await
        .map_err(|e| e.to_string())?;
    let name = first_entity.text().await.map_err(|e| e.to_string())?;
    first_entity.click().await.map_err(|e| e.to_string())?;
    wait_until(c, "timeline filter", |u| u.contains("entity=")).await?;
    let heading = text_of(c, "h1").await?;
    ensure!(
        heading.contains(&name),
        "filtered timeline heading {heading:?} lacks {name:?}"
    );

    Ok(())
}

/// The sources dashboard, then every page at 320 px.
async fn sources_and_narrow_steps(c: &Client, base: &str) -> Check {
    // 8. The sources dashboard.
    c.goto(&format!("{base}/sources"))
        .await
        .map_err(|e| e.to_string())?;
    let per_article = text_of(c, "#articles-heading + div table").await?;
    ensure!(
        per_article.contains("Temur Varki") && per_article.contains('%'),
        "per-article shares: {per_article}"
    );
    let voices = text_of(c, "ol.voices-top").await?;
    ensure!(
        voices.contains("Temur Varki"),
        "most quoted voices: {voices}"
    );
    let declined = text_of(c, "#declined-heading + ul").await?;
    ensure!(
        declined.contains("declined to comment"),
        "non-responses: {declined}"
    );
    ensure!(
        layout_shift(c).await? < 0.05,
        "the dashboard shifts while loading"
    );
    shoot(c, "sources").await?;
    c.set_window_size(320, 800)
        .await
        .map_err(|e| e.to_string())?;
    if js(c, "return window.innerWidth", vec![])
        .await?
        .as_f64()
        .unwrap_or(0.0)
        <= 400.0
    {
        for (path, name) in [
            ("/sources", "sources-320px"),
            ("/?q=Tajik", "search-320px"),
            ("/explore/graph", "graph-320px"),
            ("/statements", "statements-320px"),
            ("/explore/timeline", "timeline-320px"),
            ("/entities", "entities-320px"),
        ] {
            c.goto(&format!("{base}{path}"))
                .await
                .map_err(|e| e.to_string())?;
            no_horizontal_scroll(c, path).await?;
            if path == "/sources" {
                // The tables fit too: no column (the share) hides behind a scroll bar.
                let clipped = js(
                    c,
                    "return Array.from(document.querySelectorAll('.table-wrap')).filter(w => w.scrollWidth > w.clientWidth + 1).length",
                    vec![],
                )
                .await?;
                ensure!(
                    clipped == json!(0),
                    "{clipped} tables on /sources scroll sideways at 320 px"
                );
            }
            shoot(c, name).await?;
        }
        c.goto(&format!("{base}/entities?q=lemon"))
            .await
            .map_err(|e| e.to_string())?;
        follow_link(c, "Edward Lemon").await?;
        no_horizontal_scroll(c, "the entity page").await?;
        shoot(c, "entity-320px").await?;
    }
    c.set_window_size(1280, 900)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Follows "Next" links from the current page, counting `row_css` rows on every page.
async fn rows_by_paging(c: &Client, row_css: &str) -> Result<usize, String> {
    let mut rows = 0;
    for _ in 0..500 {
        rows += c
            .find_all(Locator::Css(row_css))
            .await
            .map_err(|e| e.to_string())?
            .len();
        let next = c
            .find_all(Locator::Css("nav.pager a[rel=next]"))
            .await
            .map_err(|e| e.to_string())?;
        let Some(next) = next.first() else {
            return Ok(rows);
        };
        let href = next
            .attr("href")
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        next.click().await.map_err(|e| e.to_string())?;
        let want = href.clone();
        wait_until(c, "next page", move |u| u.ends_with(&want)).await?;
    }
    Err("more than 500 pages".into())
}

/// The count behind `#id` (its `data-total`) equals the rows reached by paging its link three
/// rows at a time.
async fn count_matches_paging(c: &Client, base: &str, page: &str, id: &str) -> Check {
    c.goto(&format!("{base}{page}"))
        .await
        .map_err(|e| e.to_string())?;
    let link = c
        .find(Locator::Id(id))
        .await
        .map_err(|e| format!("{page}: no #{id}: {e}"))?;
    let shown: usize = link
        .attr("data-total")
        .await
        .map_err(|e| e.to_string())?
        .and_then(|t| t.parse().ok())
        .ok_or(format!("{page}: #{id} has no count"))?;
    let text = link.text().await.map_err(|e| e.to_string())?;
    ensure!(
        text.contains(&shown.to_string()),
        "{page}: #{id} reads {text:?}, counts {shown}"
    );
    let href = link
        .attr("href")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let sep = if href.contains('?') { '&' } else { '?' };
    c.goto(&format!("{base}{href}{sep}limit=3"))
        .await
        .map_err(|e| e.to_string())?;
    let reached = rows_by_paging(c, "ol.statement-list > li").await?;
    ensure!(
        reached == shown,
        "{page}: #{id} says {shown}, paging {href} reaches {reached}"
    );
    Ok(())
}

async fn counts_equal_paging(c: &Client, base: &str) -> Check {
    for id in [
        "count-statements",
        "count-named",
        "count-anonymous",
        "count-declined",
    ] {
        count_matches_paging(c, base, "/sources", id).await?;
    }
    c.goto(&format!("{base}/entities?q=lemon"))
        .await
        .map_err(|e| e.to_string())?;
    follow_link(c, "Edward Lemon").await?;
    let entity = c
        .current_url()
        .await
        .map_err(|e| e.to_string())?
        .path()
        .to_string();
    count_matches_paging(c, base, &entity, "by-all").await?;
    // The entity list says how many entities there are, and paging shows that many.
    c.goto(&format!("{base}/entities"))
        .await
        .map_err(|e| e.to_string())?;
    let said = text_of(c, "#entities-count").await?;
    let said: usize = said
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or(format!("entity count {said:?}"))?;
    let reached = rows_by_paging(c, "table.entities tbody tr").await?;
    ensure!(
        said == reached,
        "/entities says {said}, paging reaches {reached}"
    );
    // The heading's number is the same count.
    c.goto(&format!("{base}{entity}"))
        .await
        .map_err(|e| e.to_string())?;
    let heading = text_of(c, "#by-heading").await?;
    let all = c
        .find(Locator::Id("by-all"))
        .await
        .map_err(|e| e.to_string())?;
    let total = all
        .attr("data-total")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    ensure!(
        heading.contains(&format!("({total})")),
        "heading {heading:?} vs {total}"
    );
    Ok(())
}

async fn graph_labels_and_filters(c: &Client, base: &str) -> Check {
    c.goto(&format!("{base}/explore/graph"))
        .await
        .map_err(|e| e.to_string())?;
    // The ten biggest nodes (ties in page order, as the server ranks them) carry a visible
    // label, and no two labels overlap.
    let report = js(
        c,
        "const nodes = Array.from(document.querySelectorAll('#entity-graph a.node'));
         const ranked = nodes.map((n, i) => [n, i]).sort((a, b) =>
             (+b[0].dataset.articles - +a[0].dataset.articles) || (a[1] - b[1])).map(p => p[0]);
         const top = ranked.slice(0, 10);
         const missing = [];
         const boxes = [];
         for (const n of top) {
           const t = Array.from(document.querySelectorAll('#entity-graph g.labels text')).find(x => x.dataset.id === n.dataset.id);
           const r = t && t.getBoundingClientRect();
           if (!t || !r.width || !r.height || getComputedStyle(t).visibility === 'hidden') missing.push(n.getAttribute('aria-label'));
           else boxes.push([t.textContent, r]);
         }
         const all = Array.from(document.querySelectorAll('#entity-graph g.labels text')).map(t => [t.textContent, t.getBoundingClientRect()]);
         const clash = [];
         for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
           const a = all[i][1], b = all[j][1];
           if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) clash.push(all[i][0] + ' / ' + all[j][0]);
         }
         return {top: top.length, missing, clash, legend: !!document.querySelector('ul.graph-legend')};",
        vec![],
    )
    .await?;
    ensure!(report["top"].as_u64().unwrap_or(0) >= 2, "graph: {report}");
    ensure!(
        report["missing"] == json!([]),
        "unlabelled top nodes: {report}"
    );
    ensure!(report["clash"] == json!([]), "overlapping labels: {report}");
    ensure!(report["legend"] == json!(true), "no legend: {report}");
    // A type filter gives as many nodes of that type as asked, when the store has them.
    c.goto(&format!("{base}/api/entities?type=PER&limit=1"))
        .await
        .map_err(|e| e.to_string())?;
    let body = text_of(c, "body").await?;
    let people: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
    let want = people["total"].as_u64().unwrap_or(0).min(12);
    ensure!(want >= 5, "the seed store has {want} people");
    c.goto(&format!("{base}/explore/graph?type=PER&limit={want}"))
        .await
        .map_err(|e| e.to_string())?;
    let kinds = js(
        c,
        "return Array.from(document.querySelectorAll('#entity-graph a.node')).map(n => n.getAttribute('class'))",
        vec![],
    )
    .await?;
    let kinds: Vec<String> = serde_json::from_value(kinds).map_err(|e| e.to_string())?;
    ensure!(
        kinds.len() as u64 == want && kinds.iter().all(|k| k.contains("t-PER")),
        "type=PER&limit={want} drew {kinds:?}"
    );
    shoot(c, "graph-people").await?;
    // An ego view: the centre is labelled, in bold, and first in the title.
    let first = c
        .find(Locator::Css("#entity-graph a.node"))
        .await
        .map_err(|e| e.to_string())?;
    let id = first
        .attr("data-id")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    c.goto(&format!("{base}/explore/graph?entity={id}"))
        .await
        .map_err(|e| e.to_string())?;
    let centre = js(
        c,
        "const t = document.querySelector('#entity-graph g.labels text.centre');
         const c = document.querySelector('#entity-graph a.node.centre circle');
         const middle = c && Math.abs(+c.getAttribute('cx') - 480) < 1 && Math.abs(+c.getAttribute('cy') - 320) < 1;
         return t ? [t.textContent, t.getBoundingClientRect().width > 0, middle] : null;",
        vec![],
    )
    .await?;
    let h1 = text_of(c, "h1").await?;
    ensure!(
        centre[1] == json!(true)
            && centre[2] == json!(true)
            && centre[0].as_str().is_some_and(|n| h1.contains(n)),
        "ego view centre label {centre} under {h1:?}"
    );
    shoot(c, "graph-ego").await?;
    Ok(())
}

async fn statements_page(c: &Client, base: &str) -> Check {
    c.goto(&format!("{base}/statements"))
        .await
        .map_err(|e| e.to_string())?;
    let q = c
        .find(Locator::Id("s-q"))
        .await
        .map_err(|e| e.to_string())?;
    q.send_keys("jihadists").await.map_err(|e| e.to_string())?;
    c.find(Locator::Id("s-sort"))
        .await
        .map_err(|e| e.to_string())?
        .select_by_value("oldest")
        .await
        .map_err(|e| e.to_string())?;
    c.find(Locator::Css(".statements-form button[type=submit]"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    wait_until(c, "statement search", |u| u.contains("q=jihadists")).await?;
    let count = text_of(c, "#statements-count").await?;
    ensure!(
        count.starts_with("1 statement"),
        "statements count {count:?}"
    );
    let list = text_of(c, "ol.statement-list").await?;
    ensure!(list.contains("Temur Varki"), "statement list {list}");
    let button = c
        .find(Locator::Css("button.copy-cite"))
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        button.is_displayed().await.map_err(|e| e.to_string())?,
        "the copy button stays hidden"
    );
    button.click().await.map_err(|e| e.to_string())?;
    let started = Instant::now();
    let copied = loop {
        let v = js(
            c,
            "return document.querySelector('button.copy-cite').dataset.copied || ''",
            vec![],
        )
        .await?;
        let v = v.as_str().unwrap_or("").to_string();
        if !v.is_empty() || started.elapsed() > Duration::from_secs(5) {
            break v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    ensure!(
        copied.contains("know any jihadists")
            && copied.contains("Temur Varki")
            && copied.contains("Tajik journalist")
            && copied.contains(&format!("{base}/articles/")),
        "copied citation {copied:?}"
    );
    let shown = text_of(c, "output.copied").await?;
    ensure!(shown.contains("Temur Varki"), "no confirmation: {shown:?}");
    shoot(c, "statements").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ui_works_in_a_real_browser() {
    let Some(chromium) = find_binary(
        "NEWSGRAPH_CHROMIUM",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ],
    ) else {
        eprintln!("note: chromium is not installed (apt-get install chromium chromium-driver): browser test skipped");
        return;
    };
    let Some(chromedriver) = find_binary("NEWSGRAPH_CHROMEDRIVER", &["/usr/bin/chromedriver"])
    else {
        eprintln!("note: chromedriver is not installed (apt-get install chromium-driver): browser test skipped");
        return;
    };
    let Some(shard) = seed_shard() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = build_store(dir.path(), &shard);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, newsgraph_server::app(store)).await;
    });

    let port = free_port();
    let driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let profile = tempfile::tempdir().unwrap();
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"binary": chromium.display().to_string(), "args": args}),
    );
    let client = Client::connect(&format!("http://127.0.0.1:{port}"), caps)
        .await
        .expect("start a chromium session");

    // Run the steps in their own task so that a panic still lets us close the browser.
    let outcome = tokio::spawn(steps(client.clone(), format!("http://{addr}"))).await;
    let _ = client.close().await;
    drop(driver);
    server.abort();
    match outcome {
        Ok(Ok(())) => eprintln!("screenshots written to {}", screenshot_dir().display()),
        Ok(Err(message)) => panic!("browser check failed: {message}"),
        Err(e) => panic!("browser steps panicked: {e}"),
    }
}
