//! The search page: query box, facets, snippets with highlights, paging.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use maud::{html, Markup};
use newsgraph_store::{FacetCount, SearchRequest, SearchResponse, Snippet};

use super::*;

const PAGE_SIZE: usize = 10;

const ENTITY_TYPES: &[&str] = &["PER", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "MISC"];
const SOURCE_KINDS: &[&str] = &newsgraph_store::SPEAKER_KINDS;

/// What the search form holds; every link on the page is this with one thing changed.
#[derive(Debug, Clone, Default)]
struct Form {
    q: String,
    entities: Vec<i64>,
    entity_type: String,
    outlet: String,
    from: String,
    to: String,
    source_kind: String,
    anonymous: String,
    sort: String,
    offset: usize,
}

impl Form {
    fn from_params(p: &Params) -> Form {
        let entities = p
            .get("entity")
            .map(|list| {
                list.split(',')
                    .filter_map(|x| x.trim().parse::<i64>().ok())
                    .take(16)
                    .collect()
            })
            .unwrap_or_default();
        Form {
            q: p.string("q").unwrap_or_default(),
            entities,
            entity_type: p.first(&["type", "entity_type"]).unwrap_or_default(),
            outlet: p.string("outlet").unwrap_or_default(),
            from: p.string("from").unwrap_or_default(),
            to: p.string("to").unwrap_or_default(),
            source_kind: p
                .first(&["source_kind", "speaker_kind"])
                .unwrap_or_default(),
            anonymous: match p.first(&["anonymous", "has_anonymous"]).as_deref() {
                Some("yes" | "true") => "yes",
                Some("no" | "false") => "no",
                _ => "",
            }
            .to_string(),
            sort: p.string("sort").unwrap_or_default(),
            offset: p.offset(),
        }
    }

    fn request(&self) -> SearchRequest {
        SearchRequest {
            q: self.q.clone(),
            entity: self.entities.clone(),
            entity_type: Some(self.entity_type.clone()).filter(|s| !s.is_empty()),
            outlet: Some(self.outlet.clone()).filter(|s| !s.is_empty()),
            from: Some(self.from.clone()).filter(|s| !s.is_empty()),
            to: Some(self.to.clone()).filter(|s| !s.is_empty()),
            source_kind: Some(self.source_kind.clone()).filter(|s| !s.is_empty()),
            has_anonymous: match self.anonymous.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            offset: self.offset,
            limit: Some(PAGE_SIZE),
            facets: Some(true),
            sort: Some(self.sort.clone()).filter(|s| !s.is_empty()),
        }
    }

    fn entity_list(&self) -> String {
        self.entities
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    fn link(&self) -> String {
        url(
            "/",
            &[
                ("q", self.q.clone()),
                ("entity", self.entity_list()),
                ("type", self.entity_type.clone()),
                ("outlet", self.outlet.clone()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("source_kind", self.source_kind.clone()),
                ("anonymous", self.anonymous.clone()),
                ("sort", self.sort.clone()),
                (
                    "offset",
                    if self.offset > 0 {
                        self.offset.to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        )
    }

    /// This form with `change` applied and paging reset.
    fn with(&self, change: impl FnOnce(&mut Form)) -> String {
        let mut f = self.clone();
        f.offset = 0;
        change(&mut f);
        f.link()
    }

    fn is_empty(&self) -> bool {
        self.q.is_empty()
            && self.entities.is_empty()
            && self.entity_type.is_empty()
            && self.outlet.is_empty()
            && self.from.is_empty()
            && self.to.is_empty()
            && self.source_kind.is_empty()
            && self.anonymous.is_empty()
    }
}

pub(crate) async fn page(State(state): State<AppState>, raw: RawQuery) -> UiResult {
    let form = Form::from_params(&Params::from_raw(raw));
    let req = form.request();
    let result = store_call(&state, move |st| {
        let resp = st.search(&req)?;
        let titles = fill_titles(st, resp.hits.iter().map(|h| (h.seq, h.title.clone())))?;
        Ok((resp, titles))
    })
    .await;
    let (resp, titles, error) = match result {
        Ok((resp, titles)) => (Some(resp), titles, None),
        Err(e) if e.status == StatusCode::BAD_REQUEST => (None, HashMap::new(), Some(e.message)),
        Err(e) => return Err(e),
    };
    let title = if form.q.is_empty() {
        "Search".to_string()
    } else {
        format!("{} – search", form.q)
    };
    let bad_request = error.is_some();
    let body = html! {
        h1.visually-hidden { "Search the articles" }
        (search_form(&form, resp.as_ref()))
        @if let Some(message) = &error {
            p.error role="alert" { (message) }
        }
        @if let Some(resp) = &resp {
            div.search-layout {
                (results(&form, resp, &titles))
                (facets(&form, resp))
            }
        }
    };
    let mut page = layout(&title, Nav::Search, body);
    if bad_request {
        // The form stays usable, but the status says the request was not understood.
        *page.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(page)
}

fn search_form(form: &Form, resp: Option<&SearchResponse>) -> Markup {
    let outlets: Vec<&FacetCount> = resp
        .and_then(|r| r.facets.get("outlet"))
        .map(|l| l.iter().collect())
        .unwrap_or_default();
    html! {
        form.search role="search" action="/" method="get" {
            div.searchbox {
                label for="q" { "Search" }
                input #q type="search" name="q" value=(form.q) placeholder="words, \"a phrase\", -exclude"
                    autocomplete="off" maxlength="1000";
                button type="submit" { "Search" }
            }
            @if !form.entities.is_empty() {
                input type="hidden" name="entity" value=(form.entity_list());
            }
            details.filters open[!form.entity_type.is_empty() || !form.outlet.is_empty() || !form.from.is_empty() || !form.sort.is_empty()
                || !form.to.is_empty() || !form.source_kind.is_empty() || !form.anonymous.is_empty()] {
                summary { "Filters" }
                div.filter-grid {
                    div {
                        label for="f-type" { "Mentions an entity of type" }
                        select #f-type name="type" {
                            option value="" { "any type" }
                            @for t in ENTITY_TYPES {
                                option value=(t) selected[form.entity_type == *t] { (t) " – " (type_label(t)) }
                            }
                        }
                    }
                    div {
                        label for="f-outlet" { "Outlet" }
                        input #f-outlet name="outlet" value=(form.outlet) list="outlets" autocomplete="off";
                        datalist #outlets {
                            @for o in &outlets { option value=(o.value) {} }
                        }
                    }
                    div {
                        label for="f-from" { "Published from" }
                        input #f-from type="date" name="from" value=(form.from);
                    }
                    div {
                        label for="f-to" { "Published to" }
                        input #f-to type="date" name="to" value=(form.to);
                    }
                    div {
                        label for="f-source" { "Quotes a source that is" }
                        select #f-source name="source_kind" {
                            option value="" { "any kind" }
                            @for k in SOURCE_KINDS {
                                option value=(k) selected[form.source_kind == *k] { (speaker_kind_label(k)) }
                            }
                        }
                    }
                    div {
                        label for="f-anon" { "Anonymous sources" }
                        select #f-anon name="anonymous" {
                            option value="" { "either" }
                            option value="yes" selected[form.anonymous == "yes"] { "has anonymous sources" }
                            option value="no" selected[form.anonymous == "no"] { "no anonymous sources" }
                        }
                    }
                    div {
                        label for="f-sort" { "Order" }
                        select #f-sort name="sort" {
                            option value="" { "best match first" }
                            option value="newest" selected[form.sort == "newest"] { "newest first" }
                            option value="oldest" selected[form.sort == "oldest"] { "oldest first" }
                        }
                    }
                }
                p { button type="submit" { "Apply filters" } " " a href="/" { "Clear all" } }
            }
        }
    }
}

fn results(form: &Form, resp: &SearchResponse, titles: &HashMap<i64, String>) -> Markup {
    let entity_names: HashMap<String, String> = resp
        .facets
        .get("entity")
        .map(|l| {
            l.iter()
                .map(|f| (f.value.clone(), f.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    html! {
        section.results aria-labelledby="results-heading" {
            h2 #results-heading {
                @if resp.total == 1 { "1 article" } @else { (resp.total) " articles" }
                @if !form.q.is_empty() { " for “" (form.q) "”" }
            }
            @if !form.is_empty() {
                ul.chips aria-label="Active filters" {
                    @for id in &form.entities {
                        @let name = entity_names.get(&id.to_string()).cloned().unwrap_or_else(|| format!("entity {id}"));
                        li { "mentions " a href=(entity_url(*id)) { (name) } " "
                            a.remove href=(form.with(|f| f.entities.retain(|e| e != id))) aria-label={ "Remove filter " (name) } { "×" } }
                    }
                    @if !form.entity_type.is_empty() {
                        li { "type " (form.entity_type) " " a.remove href=(form.with(|f| f.entity_type.clear())) aria-label="Remove type filter" { "×" } }
                    }
                    @if !form.outlet.is_empty() {
                        li { "outlet " (form.outlet) " " a.remove href=(form.with(|f| f.outlet.clear())) aria-label="Remove outlet filter" { "×" } }
                    }
                    @if !form.from.is_empty() {
                        li { "from " (form.from) " " a.remove href=(form.with(|f| f.from.clear())) aria-label="Remove start date" { "×" } }
                    }
                    @if !form.to.is_empty() {
                        li { "to " (form.to) " " a.remove href=(form.with(|f| f.to.clear())) aria-label="Remove end date" { "×" } }
                    }
                    @if !form.source_kind.is_empty() {
                        li { "source: " (speaker_kind_label(&form.source_kind)) " " a.remove href=(form.with(|f| f.source_kind.clear())) aria-label="Remove source kind filter" { "×" } }
                    }
                    @if !form.anonymous.is_empty() {
                        li { "anonymous sources: " (form.anonymous) " " a.remove href=(form.with(|f| f.anonymous.clear())) aria-label="Remove anonymous filter" { "×" } }
                    }
                }
            }
            @if resp.hits.is_empty() {
                p.empty { "No article matches. Try fewer words or remove a filter." }
            } @else {
                ol.hits start=(resp.offset + 1) {
                    @for hit in &resp.hits {
                        li.hit {
                            h3 { a href=(article_url(hit.seq)) { (title_of(titles, hit.seq)) } }
                            p.meta {
                                (hit.outlet.as_deref().unwrap_or("outlet unknown"))
                                " · "
                                (hit.published.as_deref().map(|p| p.get(..10).unwrap_or(p)).unwrap_or("date unknown"))
                            }
                            p.snippet { (snippet(&hit.snippet)) }
                        }
                    }
                }
            }
            (pager(resp.offset, PAGE_SIZE, resp.hits.len(), Some(resp.total), |o| {
                let mut f = form.clone();
                f.offset = o;
                f.link()
            }))
        }
    }
}

/// The snippet text with its matches in `<mark>`; all text escaped.
fn snippet(s: &Snippet) -> Markup {
    let mut ranges: Vec<[usize; 2]> = s
        .highlights
        .iter()
        .copied()
        .filter(|[a, b]| a < b && s.text.get(*a..*b).is_some())
        .collect();
    ranges.sort();
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut pos = 0;
    for [a, b] in ranges {
        if a < pos {
            continue;
        }
        parts.push((s.text.get(pos..a).unwrap_or(""), false));
        parts.push((s.text.get(a..b).unwrap_or(""), true));
        pos = b;
    }
    parts.push((s.text.get(pos..).unwrap_or(""), false));
    html! {
        "…"
        @for (text, hit) in parts {
            @if hit { mark { (text) } } @else { (text) }
        }
        "…"
    }
}

fn facets(form: &Form, resp: &SearchResponse) -> Markup {
    let group = |key: &str| resp.facets.get(key).cloned().unwrap_or_default();
    let entities = group("entity");
    let types = group("entity_type");
    let outlets = group("outlet");
    let kinds = group("source_kind");
    let anonymous = group("anonymous");
    html! {
        aside.facets aria-label="Refine" {
            h2 { "Refine" }
            @if !entities.is_empty() {
                section {
                    h3 { "Entities" }
                    ul {
                        @for f in &entities {
                            @let id = f.value.parse::<i64>().unwrap_or(0);
                            @let on = form.entities.contains(&id);
                            li {
                                a href=(form.with(|x| if on { x.entities.retain(|e| *e != id) } else { x.entities.push(id) }))
                                    aria-pressed=(on) .on[on] { (f.label) }
                                " " span.count { (f.count) }
                            }
                        }
                    }
                }
            }
            @if !types.is_empty() {
                section {
                    h3 { "Entity types" }
                    ul {
                        @for f in &types {
                            @let on = form.entity_type == f.value;
                            li {
                                a href=(form.with(|x| x.entity_type = if on { String::new() } else { f.value.clone() }))
                                    aria-pressed=(on) .on[on] title=(type_label(&f.value)) { (f.value) }
                                " " span.count { (f.count) }
                            }
                        }
                    }
                }
            }
            @if !outlets.is_empty() {
                section {
                    h3 { "Outlets" }
                    ul {
                        @for f in &outlets {
                            @let on = form.outlet == f.value;
                            li {
                                a href=(form.with(|x| x.outlet = if on { String::new() } else { f.value.clone() }))
                                    aria-pressed=(on) .on[on] { (f.label) }
                                " " span.count { (f.count) }
                            }
                        }
                    }
                }
            }
            @if !kinds.is_empty() {
                section {
                    h3 { "Source kinds" }
                    ul {
                        @for f in &kinds {
                            @let on = form.source_kind == f.value;
                            li {
                                a href=(form.with(|x| x.source_kind = if on { String::new() } else { f.value.clone() }))
                                    aria-pressed=(on) .on[on] { (speaker_kind_label(&f.value)) }
                                " " span.count { (f.count) }
                            }
                        }
                    }
                }
            }
            @if !anonymous.is_empty() {
                section {
                    h3 { "Anonymous sources" }
                    ul {
                        @for f in &anonymous {
                            @let on = form.anonymous == f.value;
                            li {
                                a href=(form.with(|x| x.anonymous = if on { String::new() } else { f.value.clone() }))
                                    aria-pressed=(on) .on[on] {
                                    @if f.value == "yes" { "has anonymous sources" } @else { "none" }
                                }
                                " " span.count { (f.count) }
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
    fn snippets_mark_matches_and_escape() {
        let s = Snippet {
            text: "a <b>Tajik</b> man".into(),
            highlights: vec![[5, 10], [100, 200], [3, 2]],
            html: String::new(),
        };
        let out = snippet(&s).into_string();
        assert_eq!(out, "…a &lt;b&gt;<mark>Tajik</mark>&lt;/b&gt; man…");
    }

    #[test]
    fn form_links_round_trip() {
        let p = Params::from_raw(RawQuery(Some(
            "q=tajik&entity=3,4&anonymous=maybe&offset=20".into(),
        )));
        let f = Form::from_params(&p);
        assert_eq!(f.entities, vec![3, 4]);
        assert_eq!(f.anonymous, "");
        assert_eq!(f.link(), "/?q=tajik&entity=3%2C4&offset=20");
        assert_eq!(f.with(|x| x.entities.clear()), "/?q=tajik");
    }
}
