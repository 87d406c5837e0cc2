//! Explore views: the entity graph (server-side layout, drawn as SVG with a link on every node)
//! and the corpus timeline of dated statements.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{RawQuery, State};
use axum::response::Redirect;
use maud::{html, Markup};
use newsgraph_model::timex_label;
use newsgraph_store::{EntitySummary, Graph, GraphRequest, TimelineEvent, TimelineRequest};

use super::charts::{histogram, Column};
use super::*;

pub(crate) async fn index() -> Redirect {
    Redirect::to("/explore/graph")
}

/// Entities for the "centre on" / "filter by" choosers, by name: the most mentioned that look
/// like names (common words the tagger took for names are left out).
fn entity_choices(store: &Store) -> Result<Vec<EntitySummary>, StoreError> {
    let mut list = store.name_candidates(200)?;
    list.sort_by_key(|e| e.name.to_lowercase());
    Ok(list)
}

/// Makes sure the chosen entity is among the choices, naming it from the store if needed.
fn with_chosen(
    store: &Store,
    mut list: Vec<EntitySummary>,
    chosen: Option<i64>,
) -> Result<Vec<EntitySummary>, StoreError> {
    if let Some(id) = chosen {
        if !list.iter().any(|e| e.id == id) {
            if let Some(p) = store.entity(id)? {
                list.insert(0, p.entity);
            }
        }
    }
    Ok(list)
}

fn entity_select(
    id: &str,
    name: &str,
    label: &str,
    none: &str,
    choices: &[EntitySummary],
    chosen: Option<i64>,
) -> Markup {
    html! {
        div {
            label for=(id) { (label) }
            select id=(id) name=(name) {
                option value="" { (none) }
                @for e in choices {
                    option value=(e.id) selected[Some(e.id) == chosen] { (e.name) " (" (e.kind) ")" }
                }
            }
        }
    }
}

const GRAPH_W: f64 = 960.0;
const GRAPH_H: f64 = 640.0;
const MARGIN: f64 = 40.0;
/// Pull towards the centre per pixel of distance, relative to the repulsion between nodes.
const GRAVITY: f64 = 1.5;

/// Fruchterman–Reingold force layout, deterministic: the same graph always gets the same picture.
/// `edges` are (a, b, weight) over node indexes; `pinned` stays in the centre.
pub(crate) fn force_layout(
    n: usize,
    edges: &[(usize, usize, f64)],
    pinned: Option<usize>,
) -> Vec<(f64, f64)> {
    let (w, h) = (GRAPH_W - 2.0 * MARGIN, GRAPH_H - 2.0 * MARGIN);
    let (cx, cy) = (w / 2.0, h / 2.0);
    // Start on a golden-angle spiral, first (most connected) nodes near the middle.
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5).sqrt() / (n as f64).sqrt().max(1.0) * w.min(h) * 0.45;
            let a = i as f64 * 2.399_963;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    if n == 0 {
        return pos;
    }
    let k = ((w * h) / n as f64).sqrt() * 0.75;
    let iterations = 250;
    let mut temp = w / 8.0;
    let cool = temp / iterations as f64;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, weight) in edges {
            if a >= n || b >= n || a == b {
                continue;
            }
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let f = d / k * (1.0 + weight.max(1.0).ln());
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // Gravity keeps unconnected nodes in a ring around the rest instead of far away; the
            // picture is fitted to the canvas at the end, so nothing is clamped to its edges.
            disp[i].0 += (cx - pos[i].0) * GRAVITY;
            disp[i].1 += (cy - pos[i].1) * GRAVITY;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 && len.is_finite() {
                let step = len.min(temp);
                pos[i].0 += disp[i].0 / len * step;
                pos[i].1 += disp[i].1 / len * step;
            }
        }
        if let Some(p) = pinned.filter(|p| *p < n) {
            pos[p] = (cx, cy);
        }
        temp = (temp - cool).max(0.5);
    }
    // An ego view keeps its centre in the middle: scale around it.
    if let Some(p) = pinned.filter(|p| *p < n) {
        let (px, py) = pos[p];
        let reach_x = pos.iter().map(|q| (q.0 - px).abs()).fold(1.0, f64::max);
        let reach_y = pos.iter().map(|q| (q.1 - py).abs()).fold(1.0, f64::max);
        let (sx, sy) = (cx / reach_x, cy / reach_y);
        return pos
            .iter()
            .map(|&(x, y)| (cx + (x - px) * sx + MARGIN, cy + (y - py) * sy + MARGIN))
            .collect();
    }
    // Scale to fill the canvas.
    let (min_x, max_x) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let sx = if max_x - min_x > 1.0 {
        w / (max_x - min_x)
    } else {
        1.0
    };
    let sy = if max_y - min_y > 1.0 {
        h / (max_y - min_y)
    } else {
        1.0
    };
    pos.iter()
        .map(|&(x, y)| {
            let x = if max_x - min_x > 1.0 {
                (x - min_x) * sx
            } else {
                cx
            };
            let y = if max_y - min_y > 1.0 {
                (y - min_y) * sy
            } else {
                cy
            };
            (x + MARGIN, y + MARGIN)
        })
        .collect()
}

pub(crate) async fn graph_page(State(state): State<AppState>, raw: RawQuery) -> UiResult {
    let p = Params::from_raw(raw);
    let centre = p.int("entity");
    let kind = p.first(&["type", "entity_type"]).unwrap_or_default();
    if !kind.is_empty() && !ENTITY_TYPES.contains(&kind.as_str()) {
        return Err(UiError::bad_request(format!(
            "type must be one of {}",
            ENTITY_TYPES.join(", ")
        )));
    }
    let edge_kind = match p.get("edges") {
        Some(k @ ("co_occurrence" | "quotes_about")) => k.to_string(),
        _ => "all".to_string(),
    };
    let limit = p.int("limit").unwrap_or(40).clamp(5, 150) as usize;
    let kind_asked = Some(kind.clone()).filter(|k| !k.is_empty());
    let from = p.string("from").unwrap_or_default();
    let to = p.string("to").unwrap_or_default();
    let (from_asked, to_asked) = (
        Some(from.clone()).filter(|s| !s.is_empty()),
        Some(to.clone()).filter(|s| !s.is_empty()),
    );
    let asked_weight = p.int("min_weight").map(|w| w.clamp(1, 1000));
    let cache = state.cache.clone();
    let result = store_call(&state, move |st| {
        let choices = with_chosen(st, entity_choices(st)?, centre)?;
        // The type filter runs in the store, before the limit: `limit` entities of that type.
        let req = GraphRequest {
            entity: centre,
            kind: kind_asked,
            limit: Some(limit),
            min_weight: Some(asked_weight.unwrap_or(1)),
            edges: None,
            from: from_asked,
            to: to_asked,
        };
        let graph = cache.get_or_compute(&crate::graph_key(&req), || st.graph(&req))?;
        Ok((choices, graph))
    })
    .await;
    let (choices, graph) = match result {
        Ok(v) => v,
        Err(e) if e.status == StatusCode::BAD_REQUEST && e.message.starts_with("no entity") => {
            return Err(UiError::not_found(e.message));
        }
        Err(e) => return Err(e),
    };
    let graph = filter_graph(graph, &kind, &edge_kind, centre);
    // Unless asked, keep only the strongest links so that a big corpus is not a hairball.
    let (graph, min_weight_shown) = match asked_weight {
        Some(w) => (graph, w),
        None => strongest_links(graph, EDGES_PER_NODE, centre),
    };
    let centre_name = centre.and_then(|id| {
        graph
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.name.clone())
    });
    let title = match &centre_name {
        Some(n) => format!("Graph around {n}"),
        None => "Entity graph".to_string(),
    };
    let body = html! {
        h1 { (title) }
        form.filter-bar action="/explore/graph" method="get" {
            (entity_select("g-entity", "entity", "Centre on", "the most mentioned entities", &choices, centre))
            div {
                label for="g-type" { "Show types" }
                select #g-type name="type" {
                    option value="" { "all types" }
                    @for t in ENTITY_TYPES {
                        option value=(t) selected[kind == *t] { (t) " – " (type_label(t)) }
                    }
                }
            }
            div {
                label for="g-edges" { "Links" }
                select #g-edges name="edges" {
                    option value="all" selected[edge_kind == "all"] { "all links" }
                    option value="co_occurrence" selected[edge_kind == "co_occurrence"] { "appear in the same article" }
                    option value="quotes_about" selected[edge_kind == "quotes_about"] { "quoted about" }
                }
            }
            div {
                label for="g-from" { "Published from" }
                input #g-from name="from" value=(from) pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" inputmode="numeric" maxlength="10" placeholder="YYYY-MM-DD";
            }
            div {
                label for="g-to" { "to" }
                input #g-to name="to" value=(to) pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" inputmode="numeric" maxlength="10" placeholder="YYYY-MM-DD";
            }
            div {
                label for="g-weight" { "Shared articles at least" }
                input #g-weight type="number" name="min_weight" min="1" max="1000" value=(min_weight_shown);
            }
            div {
                label for="g-limit" { "Entities" }
                input #g-limit type="number" name="limit" min="5" max="150" value=(limit);
            }
            div { button type="submit" { "Show" } }
        }
        @if asked_weight.is_none() && min_weight_shown > 1 {
            p.note { "Showing the strongest links: entities sharing at least " (min_weight_shown) " articles." }
        }
        @if graph.nodes.is_empty() {
            p.empty { "No entities to show." }
        } @else {
            (graph_svg(&graph, centre))
            (graph_legend(&graph, centre_name.as_deref()))
            (graph_table(&graph))
        }
    };
    Ok(layout(&title, Nav::Graph, body))
}

/// Links kept per node when the user sets no threshold.
const EDGES_PER_NODE: usize = 3;

/// The graph with only its `per_node × nodes` heaviest co-occurrence links (ties kept), and the
/// threshold that amounts to; and at most one "quoted about" link per node.
fn strongest_links(mut graph: Graph, per_node: usize, centre: Option<i64>) -> (Graph, i64) {
    let budget = graph.nodes.len().max(1) * per_node;
    let mut weights: Vec<i64> = graph
        .edges
        .iter()
        .filter(|e| e.kind == "co_occurrence")
        .map(|e| e.weight)
        .collect();
    weights.sort_unstable_by(|a, b| b.cmp(a));
    let threshold = weights
        .get(budget.saturating_sub(1))
        .copied()
        .unwrap_or(1)
        .max(1);
    // Ties at the threshold could still exceed the budget a lot: then step one up.
    let at_least = |t: i64| weights.iter().filter(|w| **w >= t).count();
    let threshold = if at_least(threshold) > budget * 2 {
        threshold + 1
    } else {
        threshold
    };
    // Links of the centre stay: an ego view shows how each neighbour relates to it.
    let touches_centre =
        |e: &newsgraph_store::GraphEdge| centre.is_some_and(|c| e.source == c || e.target == c);
    graph
        .edges
        .retain(|e| e.kind != "co_occurrence" || e.weight >= threshold || touches_centre(e));
    // "Quoted about" links: the heaviest, one per node (arrows are busier than lines).
    let budget = graph.nodes.len().max(1);
    let mut quoted: Vec<i64> = graph
        .edges
        .iter()
        .filter(|e| e.kind == "quotes_about")
        .map(|e| e.weight)
        .collect();
    quoted.sort_unstable_by(|a, b| b.cmp(a));
    if let Some(&min_quoted) = quoted.get(budget.saturating_sub(1)) {
        let mut room = budget;
        graph.edges.retain(|e| {
            if e.kind != "quotes_about" {
                return true;
            }
            let keep = e.weight > min_quoted || (e.weight == min_quoted && room > 0);
            if keep {
                room = room.saturating_sub(1);
            }
            keep
        });
    }
    (graph, threshold)
}

/// Keeps nodes of `kind` (and the centre) and edges of `edge_kind` between kept nodes.
fn filter_graph(graph: Graph, kind: &str, edge_kind: &str, centre: Option<i64>) -> Graph {
    let nodes: Vec<_> = graph
        .nodes
        .into_iter()
        .filter(|n| kind.is_empty() || n.kind == kind || Some(n.id) == centre)
        .collect();
    let ids: std::collections::HashSet<i64> = nodes.iter().map(|n| n.id).collect();
    let edges = graph
        .edges
        .into_iter()
        .filter(|e| edge_kind == "all" || e.kind == edge_kind)
        .filter(|e| ids.contains(&e.source) && ids.contains(&e.target) && e.source != e.target)
        .collect();
    Graph { nodes, edges }
}

fn graph_svg(graph: &Graph, centre: Option<i64>) -> Markup {
    let index: HashMap<i64, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let edges: Vec<(usize, usize, f64)> = graph
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                *index.get(&e.source)?,
                *index.get(&e.target)?,
                e.weight as f64,
            ))
        })
        .collect();
    let pinned = centre.and_then(|c| index.get(&c).copied());
    let pos = force_layout(graph.nodes.len(), &edges, pinned);
    let max_articles = graph
        .nodes
        .iter()
        .map(|n| n.articles)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let radius = |articles: i64| 5.0 + 13.0 * (articles.max(0) as f64 / max_articles).sqrt();
    let radii: Vec<f64> = graph.nodes.iter().map(|n| radius(n.articles)).collect();
    let labels = place_labels(graph, &pos, &radii, centre);
    let f = |v: f64| format!("{v:.1}");
    html! {
        figure.graph {
            svg #entity-graph viewBox={ "0 0 " (GRAPH_W) " " (GRAPH_H) } role="group"
                aria-label={ "Entity graph: " (graph.nodes.len()) " entities, " (graph.edges.len()) " links" } {
                defs {
                    marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse" {
                        path d="M 0 0 L 10 5 L 0 10 z" {}
                    }
                }
                g.edges {
                    @for e in &graph.edges {
                        @if let (Some(&a), Some(&b)) = (index.get(&e.source), index.get(&e.target)) {
                            @let (x1, y1) = pos[a];
                            @let (x2, y2) = pos[b];
                            // Arrows stop at the target's rim.
                            @let d = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
                            @let rb = radius(graph.nodes[b].articles) + 2.0;
                            @let (ex, ey) = if e.kind == "quotes_about" { (x2 - (x2 - x1) / d * rb, y2 - (y2 - y1) / d * rb) } else { (x2, y2) };
                            line class={ "edge " @if e.kind == "quotes_about" { "e-qa" } @else { "e-co" } }
                                x1=(f(x1)) y1=(f(y1)) x2=(f(ex)) y2=(f(ey))
                                stroke-width=(f((1.0 + (e.weight.max(1) as f64).log2()).min(6.0)))
                                marker-end=[(e.kind == "quotes_about").then_some("url(#arrow)")]
                                data-s=(e.source) data-t=(e.target) {
                                title { (graph.nodes[a].name) @if e.kind == "quotes_about" { " quoted about " } @else { " and " } (graph.nodes[b].name) ": " (e.weight) }
                            }
                        }
                    }
                }
                g.nodes {
                    @for (i, n) in graph.nodes.iter().enumerate() {
                        @let (x, y) = pos[i];
                        @let r = radius(n.articles);
                        a class={ "node t-" (css_token(&n.kind)) @if Some(n.id) == centre { " centre" } } href=(entity_url(n.id)) data-id=(n.id) data-articles=(n.articles)
                            aria-label={ (n.name) ", " (type_label(&n.kind)) ", " (n.articles) " articles" } {
                            circle cx=(f(x)) cy=(f(y)) r=(f(r)) {}
                            title { (n.name) " (" (n.kind) "): " (n.articles) " articles" }
                        }
                    }
                }
                // Labels above every circle, so that no node hides a label placed for another.
                g.labels aria-hidden="true" {
                    @for (i, n) in graph.nodes.iter().enumerate() {
                        @if let Some(Some((tx, ty, anchor))) = labels.get(i) {
                            text x=(f(*tx)) y=(f(*ty)) text-anchor=(anchor) data-id=(n.id)
                                class=[(Some(n.id) == centre).then_some("centre")] { (n.name) }
                        }
                    }
                }
            }
        }
    }
}

const ENTITY_TYPES: &[&str] = &["PER", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "MISC"];

/// What the colours, lines and sizes of the graph mean.
fn graph_legend(graph: &Graph, centre: Option<&str>) -> Markup {
    let present: Vec<&str> = ENTITY_TYPES
        .iter()
        .copied()
        .filter(|t| graph.nodes.iter().any(|n| n.kind == *t))
        .collect();
    html! {
        ul.graph-legend aria-label="Legend" {
            @for t in &present {
                li { svg.sw-dot width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" {
                        circle class={ "node-dot t-" (css_token(t)) } cx="7" cy="7" r="6" {} }
                    " " (type_label(t)) }
            }
            li { span.sw.e-co { "—" } " in the same articles (thicker: more)" }
            li { span.sw.e-qa { "→" } " quoted about" }
            li { "circle size: articles mentioning it" }
            @if let Some(c) = centre { li { "thick ring: " strong { (c) } ", the centre" } }
            li { "labels: the " (LABELLED_TOP) " biggest and any that fit; every circle opens its entity" }
        }
    }
}

/// Nodes that always carry a label (biggest first), besides the centre.
const LABELLED_TOP: usize = 10;

/// Which nodes get a visible label, and where: `(x, y, anchor)` of the text. The centre and the
/// [`LABELLED_TOP`] biggest nodes always get one, at the first of eight spots around the node
/// that overlaps no label placed before (over other circles if need be); the rest get one only
/// where it covers neither a label nor a circle (the node keeps its tooltip and accessible name).
fn place_labels(
    graph: &Graph,
    pos: &[(f64, f64)],
    radii: &[f64],
    centre: Option<i64>,
) -> Vec<Option<(f64, f64, &'static str)>> {
    const CHAR_W: f64 = 6.8;
    const LINE_H: f64 = 14.0;
    let mut order: Vec<usize> = (0..graph.nodes.len()).collect();
    order.sort_by_key(|&i| {
        (
            Some(graph.nodes[i].id) != centre,
            std::cmp::Reverse(graph.nodes[i].articles),
            i,
        )
    });
    let mut placed: Vec<[f64; 4]> = Vec::new();
    let mut out = vec![None; graph.nodes.len()];
    let overlaps =
        |a: &[f64; 4], b: &[f64; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    for (rank, i) in order.into_iter().enumerate() {
        let (Some(&(x, y)), Some(&r)) = (pos.get(i), radii.get(i)) else {
            continue;
        };
        let must = rank < LABELLED_TOP + usize::from(centre.is_some());
        let width = graph.nodes[i].name.chars().count().min(40) as f64 * CHAR_W;
        // Text spots: right, left, above, below, then the four diagonals a line further out.
        let spots = [
            (x + r + 3.0, y + 4.0, "start"),
            (x - r - 3.0, y + 4.0, "end"),
            (x, y - r - 4.0, "middle"),
            (x, y + r + LINE_H, "middle"),
            (x + r, y - r - LINE_H / 2.0, "start"),
            (x - r, y - r - LINE_H / 2.0, "end"),
            (x + r, y + r + LINE_H, "start"),
            (x - r, y + r + LINE_H, "end"),
        ];
        let boxed = |&(tx, ty, anchor): &(f64, f64, &str)| {
            let left = match anchor {
                "start" => tx,
                "end" => tx - width,
                _ => tx - width / 2.0,
            };
            [left, ty - LINE_H + 3.0, left + width, ty + 3.0]
        };
        let on_canvas =
            |b: &[f64; 4]| b[0] >= 0.0 && b[2] <= GRAPH_W && b[1] >= 0.0 && b[3] <= GRAPH_H;
        let clear_of_labels = |b: &[f64; 4]| !placed.iter().any(|p| overlaps(p, b));
        let clear_of_nodes = |b: &[f64; 4]| {
            !pos.iter()
                .zip(radii)
                .enumerate()
                .any(|(j, (&(nx, ny), &nr))| {
                    j != i && overlaps(&[nx - nr, ny - nr, nx + nr, ny + nr], b)
                })
        };
        let pick = spots
            .iter()
            .find(|s| {
                let b = boxed(s);
                on_canvas(&b) && clear_of_labels(&b) && clear_of_nodes(&b)
            })
            .or_else(|| {
                must.then(|| {
                    spots.iter().find(|s| {
                        let b = boxed(s);
                        on_canvas(&b) && clear_of_labels(&b)
                    })
                })
                .flatten()
            });
        if let Some(spot) = pick {
            placed.push(boxed(spot));
            out[i] = Some(*spot);
        }
    }
    out
}

fn graph_table(graph: &Graph) -> Markup {
    let names: HashMap<i64, &str> = graph
        .nodes
        .iter()
        .map(|n| (n.id, n.name.as_str()))
        .collect();
    html! {
        details.graph-table {
            summary { "The graph as a list" }
            div.table-wrap {
                table {
                    caption { "Links between entities" }
                    thead { tr { th scope="col" { "From" } th scope="col" { "Link" } th scope="col" { "To" } th.num scope="col" { "Weight" } } }
                    tbody {
                        @for e in &graph.edges {
                            tr {
                                td { a href=(entity_url(e.source)) { (names.get(&e.source).copied().unwrap_or("?")) } }
                                td { @if e.kind == "quotes_about" { "quoted about" } @else { "same article" } }
                                td { a href=(entity_url(e.target)) { (names.get(&e.target).copied().unwrap_or("?")) } }
                                td.num { (e.weight) }
                            }
                        }
                    }
                }
            }
        }
    }
}

const TIMELINE_PAGE: usize = 50;
/// Most statements read to draw the histogram.
const HISTOGRAM_EVENTS: usize = 1000;

pub(crate) async fn timeline_page(State(state): State<AppState>, raw: RawQuery) -> UiResult {
    let p = Params::from_raw(raw);
    let entity = p.int("entity");
    let from = p.string("from").unwrap_or_default();
    let to = p.string("to").unwrap_or_default();
    let offset = p.offset();
    // Newest first unless asked: a newsroom looks at what happened last.
    let sort = match p.get("sort") {
        None | Some("newest") => "newest".to_string(),
        Some("oldest") => "oldest".to_string(),
        Some(_) => return Err(UiError::bad_request("sort must be newest or oldest")),
    };
    let (f2, t2, s2) = (from.clone(), to.clone(), sort.clone());
    let (choices, page, all, titles) = store_call(&state, move |st| {
        let choices = with_chosen(st, entity_choices(st)?, entity)?;
        let req = |offset: usize, limit: usize, from: &str, to: &str| TimelineRequest {
            entity,
            from: Some(from.to_string()).filter(|s| !s.is_empty()),
            to: Some(to.to_string()).filter(|s| !s.is_empty()),
            sort: Some(s2.clone()),
            offset,
            limit: Some(limit),
        };
        let page = st.timeline_page(&req(offset, TIMELINE_PAGE, &f2, &t2))?;
        // The histogram shows the whole filtered corpus, not just this page.
        let mut all = Vec::new();
        while all.len() < HISTOGRAM_EVENTS {
            let batch = st.timeline(&req(all.len(), 200, &f2, &t2))?;
            let n = batch.len();
            all.extend(batch);
            if n < 200 {
                break;
            }
        }
        let titles = fill_titles(
            st,
            page.items.iter().map(|e| (e.article_seq, e.title.clone())),
        )?;
        Ok((choices, page, all, titles))
    })
    .await?;
    let entity_name =
        entity.and_then(|id| choices.iter().find(|e| e.id == id).map(|e| e.name.clone()));
    let title = match &entity_name {
        Some(n) => format!("Timeline: {n}"),
        None => "Timeline".to_string(),
    };
    let columns = period_columns(&all, entity);
    let body = html! {
        h1 { (title) }
        form.filter-bar action="/explore/timeline" method="get" {
            (entity_select("t-entity", "entity", "Statements mentioning", "any entity", &choices, entity))
            div {
                label for="t-from" { "From (YYYY, YYYY-MM or date)" }
                input #t-from name="from" value=(from) pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" inputmode="numeric" maxlength="10";
            }
            div {
                label for="t-to" { "To" }
                input #t-to name="to" value=(to) pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" inputmode="numeric" maxlength="10";
            }
            div {
                label for="t-sort" { "Order" }
                select #t-sort name="sort" {
                    option value="newest" selected[sort == "newest"] { "newest first" }
                    option value="oldest" selected[sort == "oldest"] { "oldest first" }
                }
            }
            div { button type="submit" { "Show" } }
        }
        @if all.is_empty() {
            p.empty { "No dated statements." }
        } @else {
            (histogram(&columns, &format!("Dated statements per year{}{}",
                entity_name.as_deref().map(|n| format!(" mentioning {n}")).unwrap_or_default(),
                if all.len() >= HISTOGRAM_EVENTS { format!(" (first {HISTOGRAM_EVENTS})") } else { String::new() })))
            p.note #timeline-count { (page.total) " dated statements" }
            (event_list(&page.items, &titles))
            (pager(offset, TIMELINE_PAGE, page.items.len(), Some(page.total), |o| url("/explore/timeline", &[
                ("entity", entity.map(|e| e.to_string()).unwrap_or_default()),
                ("from", from.clone()), ("to", to.clone()),
                ("sort", if sort == "newest" { String::new() } else { sort.clone() }),
                ("offset", o.to_string())])))
        }
    };
    Ok(layout(&title, Nav::Timeline, body))
}

/// Statements per year (the first four characters of the TIMEX value: "2024", "199X").
fn period_columns(events: &[TimelineEvent], entity: Option<i64>) -> Vec<Column> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for e in events {
        let year: String = e.date.chars().take(4).collect();
        if year.len() == 4 {
            *counts.entry(year).or_default() += 1;
        }
    }
    // Every year between the first and the last gets a column (empty ones too), so that the
    // axis is evenly spaced in time; years written with X ("199X") keep their own column.
    let years: Vec<i64> = counts.keys().filter_map(|y| y.parse().ok()).collect();
    if let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) {
        if last - first <= 80 {
            for y in first..=last {
                counts.entry(format!("{y:04}")).or_default();
            }
        }
    }
    counts
        .into_iter()
        .map(|(year, value)| {
            let exact = year.chars().all(|c| c.is_ascii_digit());
            Column {
                href: exact.then(|| {
                    url(
                        "/explore/timeline",
                        &[
                            ("entity", entity.map(|e| e.to_string()).unwrap_or_default()),
                            ("from", year.clone()),
                            ("to", year.clone()),
                        ],
                    )
                }),
                label: year,
                value,
            }
        })
        .collect()
}

fn event_list(events: &[TimelineEvent], titles: &HashMap<i64, String>) -> Markup {
    // Group consecutive statements with the same date.
    let mut groups: Vec<(&str, Vec<&TimelineEvent>)> = Vec::new();
    for e in events {
        match groups.last_mut() {
            Some((d, list)) if *d == e.date => list.push(e),
            _ => groups.push((e.date.as_str(), vec![e])),
        }
    }
    html! {
        ol.timeline {
            @for (date, list) in &groups {
                li {
                    h2.tl-date { time { (timex_label(date)) } }
                    ul {
                        @for e in list {
                            li {
                                p.tl-sentence { (e.sentence) }
                                p.tl-meta {
                                    @for (n, ent) in e.entities.iter().enumerate() {
                                        @if n > 0 { ", " }
                                        a href=(url("/explore/timeline", &[("entity", ent.id.to_string())])) { (ent.name) }
                                    }
                                    @if !e.entities.is_empty() { " · " }
                                    a.source href=(article_url(e.article_seq)) { (title_of(titles, e.article_seq)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_writes_centuries_and_decades_as_people_do() {
        let event = |date: &str| TimelineEvent {
            article_seq: 1,
            article_id: "a".into(),
            title: Some("T".into()),
            date: date.into(),
            sentence: "In the 20th century …".into(),
            entities: Vec::new(),
        };
        let html = event_list(
            &[event("19"), event("199X"), event("1987-03-02")],
            &HashMap::new(),
        )
        .into_string();
        assert!(html.contains("<time>20th century</time>"), "{html}");
        assert!(html.contains("<time>1990s</time>"), "{html}");
        assert!(html.contains("<time>1987-03-02</time>"), "{html}");
        assert!(!html.contains("<time>19</time>"), "{html}");
    }

    #[test]
    fn layout_is_deterministic_and_on_canvas() {
        let edges = vec![(0, 1, 3.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0)];
        let a = force_layout(6, &edges, Some(0));
        let b = force_layout(6, &edges, Some(0));
        assert_eq!(a, b);
        for (x, y) in &a {
            assert!(x.is_finite() && y.is_finite());
            assert!(
                (0.0..=GRAPH_W).contains(x) && (0.0..=GRAPH_H).contains(y),
                "{x},{y}"
            );
        }
        // Connected nodes end up closer than the unconnected node 5 is to node 0, on average.
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 5) || d(0, 1) < d(3, 5), "{a:?}");
        // The pinned node is the middle of the canvas.
        let (x, y) = a[0];
        assert!(
            (x - GRAPH_W / 2.0).abs() < 0.5 && (y - GRAPH_H / 2.0).abs() < 0.5,
            "{a:?}"
        );
        assert!(force_layout(0, &[], None).is_empty());
        assert_eq!(force_layout(1, &[(0, 5, 1.0)], None).len(), 1);
    }

    #[test]
    fn strongest_links_keep_the_budget() {
        use newsgraph_store::{GraphEdge, GraphNode};
        let node = |id| GraphNode {
            id,
            name: format!("n{id}"),
            kind: "PER".into(),
            mentions: 1,
            articles: 1,
        };
        let edge = |s, t, w, kind: &str| GraphEdge {
            source: s,
            target: t,
            kind: kind.into(),
            weight: w,
        };
        let graph = Graph {
            nodes: vec![node(1), node(2), node(3)],
            edges: vec![
                edge(1, 2, 9, "co_occurrence"),
                edge(1, 3, 5, "co_occurrence"),
                edge(2, 3, 1, "co_occurrence"),
                edge(2, 1, 1, "quotes_about"),
            ],
        };
        let (kept, threshold) = strongest_links(graph, 1, None);
        assert_eq!(threshold, 1);
        assert_eq!(kept.edges.len(), 4);
        let graph = Graph {
            nodes: vec![node(1), node(2)],
            edges: vec![
                edge(1, 2, 9, "co_occurrence"),
                edge(1, 3, 5, "co_occurrence"),
                edge(2, 3, 1, "co_occurrence"),
                edge(2, 1, 1, "quotes_about"),
            ],
        };
        let (kept, threshold) = strongest_links(graph, 1, None);
        assert_eq!(threshold, 5);
        let weights: Vec<i64> = kept.edges.iter().map(|e| e.weight).collect();
        assert_eq!(weights, vec![9, 5, 1]);
    }

    #[test]
    fn years_group_and_link() {
        let ev = |date: &str| TimelineEvent {
            article_seq: 1,
            article_id: "x".into(),
            title: None,
            date: date.into(),
            sentence: "s".into(),
            entities: vec![],
        };
        let cols = period_columns(
            &[
                ev("199X"),
                ev("2022"),
                ev("2022-03-01"),
                ev("P2Y"),
                ev("2024"),
            ],
            Some(4),
        );
        let got: Vec<(String, i64)> = cols.iter().map(|c| (c.label.clone(), c.value)).collect();
        assert_eq!(
            got,
            vec![
                ("199X".to_string(), 1),
                ("2022".to_string(), 2),
                ("2023".to_string(), 0),
                ("2024".to_string(), 1)
            ]
        );
        assert!(cols[0].href.is_none());
        assert_eq!(
            cols[1].href.as_deref(),
            Some("/explore/timeline?entity=4&from=2022&to=2022")
        );
    }
}
