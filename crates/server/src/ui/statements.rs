//! The statements page: every attributed statement, searchable by words, speaker, kind, kind of
//! source, outlet and publication date, newest or oldest first, each with its citation to copy.
//!
//! It is `/api/attributions` as a page: the same parameters, the same query and the same total,
//! so every count elsewhere in the UI that links here equals the rows one can page through.

use axum::extract::{RawQuery, State};
use maud::{html, Markup};
use newsgraph_store::{AttributionRequest, AttributionRow, Page};

use super::*;

const PAGE_SIZE: usize = 25;

const KINDS: &[(&str, &str)] = &[
    ("direct,reported", "statements (direct or reported)"),
    ("direct", "direct quotes"),
    ("reported", "reported speech"),
    ("non_response", "non-responses (declined, no reply)"),
    ("scare", "scare quotes"),
];

const SPEAKER_KINDS: &[(&str, &str)] = &[
    ("named_person,named_org", "named sources"),
    ("anonymous_person,anonymous_group", "anonymous sources"),
    ("named_person", "named person"),
    ("named_org", "named organisation"),
    ("anonymous_person", "anonymous person"),
    ("anonymous_group", "anonymous group"),
    ("unnamed_institution", "unnamed institution"),
    ("document", "document (report, poll, filing)"),
    ("writer", "the writer (first person)"),
];

/// The page's filters, read from the query string under the API's names (and its aliases).
#[derive(Debug, Clone, Default)]
pub(crate) struct Filters {
    pub(crate) speaker: Option<i64>,
    pub(crate) about: Option<i64>,
    pub(crate) speaker_name: String,
    pub(crate) kind: String,
    pub(crate) speaker_kind: String,
    pub(crate) q: String,
    pub(crate) outlet: String,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) sort: String,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

impl Filters {
    fn from_params(p: &Params) -> Result<Filters, UiError> {
        let id = |name: &str| -> Result<Option<i64>, UiError> {
            match p.get(name) {
                None => Ok(None),
                Some(v) => v.parse().map(Some).map_err(|_| {
                    UiError::bad_request(format!("{name} must be an entity id (a whole number)"))
                }),
            }
        };
        let limit = match p.get("limit") {
            None => PAGE_SIZE,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=newsgraph_store::MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    UiError::bad_request("limit must be a whole number from 1 to 200")
                })?,
        };
        Ok(Filters {
            speaker: id("speaker")?,
            about: id("about")?,
            speaker_name: p.string("speaker_name").unwrap_or_default(),
            kind: p.string("kind").unwrap_or_default(),
            speaker_kind: p
                .first(&["speaker_kind", "source_kind"])
                .unwrap_or_default(),
            q: p.string("q").unwrap_or_default(),
            outlet: p.string("outlet").unwrap_or_default(),
            from: p.string("from").unwrap_or_default(),
            to: p.string("to").unwrap_or_default(),
            sort: p.string("sort").unwrap_or_default(),
            limit,
            offset: p.offset(),
        })
    }

    fn request(&self) -> AttributionRequest {
        let some = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        AttributionRequest {
            speaker: self.speaker,
            speaker_name: some(&self.speaker_name),
            kind: some(&self.kind),
            speaker_kind: some(&self.speaker_kind),
            about: self.about,
            article: None,
            q: some(&self.q),
            outlet: some(&self.outlet),
            from: some(&self.from),
            to: some(&self.to),
            sort: some(&self.sort),
            offset: self.offset,
            limit: Some(self.limit),
        }
    }

    /// This page's address at `offset`.
    fn link(&self, offset: usize) -> String {
        let id = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
        url(
            "/statements",
            &[
                ("q", self.q.clone()),
                ("speaker", id(self.speaker)),
                ("about", id(self.about)),
                ("speaker_name", self.speaker_name.clone()),
                ("kind", self.kind.clone()),
                ("speaker_kind", self.speaker_kind.clone()),
                ("outlet", self.outlet.clone()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("sort", self.sort.clone()),
                (
                    "limit",
                    if self.limit == PAGE_SIZE {
                        String::new()
                    } else {
                        self.limit.to_string()
                    },
                ),
                (
                    "offset",
                    if offset > 0 {
                        offset.to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        )
    }
}

pub(crate) async fn page(State(state): State<AppState>, raw: RawQuery) -> UiResult {
    let filters = Filters::from_params(&Params::from_raw(raw))?;
    let req = filters.request();
    let (speaker, about) = (filters.speaker, filters.about);
    let (page, titles, names) = store_call(&state, move |st| {
        let page = st.attributions_page(&req)?;
        let titles = fill_titles(
            st,
            page.items.iter().map(|r| (r.article_seq, r.title.clone())),
        )?;
        let mut names = HashMap::new();
        for id in [speaker, about].into_iter().flatten() {
            if let Some(p) = st.entity(id)? {
                names.insert(id, p.entity.name);
            }
        }
        Ok((page, titles, names))
    })
    .await?;
    let name = |id: Option<i64>| {
        id.map(|i| {
            names
                .get(&i)
                .cloned()
                .unwrap_or_else(|| format!("entity {i}"))
        })
    };
    let mut title = "Statements".to_string();
    if let Some(n) = name(speaker) {
        title = format!("{title} by {n}");
    }
    if let Some(n) = name(about) {
        title = format!("{title} about {n}");
    }
    let body = html! {
        h1 { (title) }
        (filter_form(&filters, name(speaker), name(about)))
        p #statements-count role="status" {
            @if page.total_is_lower_bound {
                "At least " (page.total) " statements match (counting stopped there; the list goes on)"
            } @else {
                (page.total) @if page.total == 1 { " statement matches" } @else { " statements match" }
            }
            @if page.total > newsgraph_store::MAX_OFFSET { " (narrow the filters to page past " (newsgraph_store::MAX_OFFSET) ")" }
        }
        @if page.items.is_empty() {
            p.empty { "No statement matches these filters." }
        } @else {
            (statement_list(&page, &titles))
            (pager(page.offset, filters.limit, page.items.len(), (!page.total_is_lower_bound).then_some(page.total), |o| filters.link(o)))
        }
        p.note { "The same list as JSON: " a href=(filters.link(filters.offset).replacen("/statements", "/api/attributions", 1)) { "/api/attributions" } "." }
    };
    Ok(layout(&title, Nav::Statements, body))
}

fn filter_form(f: &Filters, speaker: Option<String>, about: Option<String>) -> Markup {
    html! {
        form.filter-bar.statements-form action="/statements" method="get" role="search" {
            @if let (Some(id), Some(n)) = (f.speaker, &speaker) {
                input type="hidden" name="speaker" value=(id);
                p.chosen { "Speaker: " strong { (n) } " " a.remove href=(Filters { speaker: None, ..f.clone() }.link(0)) aria-label="Remove the speaker filter" { "×" } }
            }
            @if let (Some(id), Some(n)) = (f.about, &about) {
                input type="hidden" name="about" value=(id);
                p.chosen { "About: " strong { (n) } " " a.remove href=(Filters { about: None, ..f.clone() }.link(0)) aria-label="Remove the about filter" { "×" } }
            }
            div {
                label for="s-q" { "Words" }
                input #s-q type="search" name="q" value=(f.q) maxlength="1000" autocomplete="off";
            }
            div {
                label for="s-speaker" { "Speaker name" }
                input #s-speaker type="search" name="speaker_name" value=(f.speaker_name) maxlength="200" autocomplete="off";
            }
            div {
                label for="s-kind" { "Kind" }
                select #s-kind name="kind" {
                    option value="" { "any kind" }
                    @for (v, l) in KINDS { option value=(v) selected[f.kind == *v] { (l) } }
                }
            }
            div {
                label for="s-sk" { "Source" }
                select #s-sk name="speaker_kind" {
                    option value="" { "any source" }
                    @for (v, l) in SPEAKER_KINDS { option value=(v) selected[f.speaker_kind == *v] { (l) } }
                }
            }
            div {
                label for="s-outlet" { "Outlet" }
                input #s-outlet name="outlet" value=(f.outlet) maxlength="200";
            }
            div {
                label for="s-from" { "Published from" }
                input #s-from type="date" name="from" value=(f.from);
            }
            div {
                label for="s-to" { "to" }
                input #s-to type="date" name="to" value=(f.to);
            }
            div {
                label for="s-sort" { "Order" }
                select #s-sort name="sort" {
                    option value="newest" selected[f.sort != "oldest"] { "newest first" }
                    option value="oldest" selected[f.sort == "oldest"] { "oldest first" }
                }
            }
            div { button type="submit" { "Show" } }
        }
    }
}

/// The citation of a statement, as copied: the words, who said them, the outlet and the date.
/// The link is added by the script (it knows the page's address).
pub(crate) fn citation(r: &AttributionRow, title: &str) -> String {
    let who = r
        .speaker_name
        .clone()
        .or_else(|| r.speaker_text.clone())
        .unwrap_or_else(|| "unnamed speaker".into());
    let words = if r.kind == "direct" {
        format!("“{}”", r.content.trim())
    } else {
        r.content.trim().to_string()
    };
    let mut cite = format!("{words} — {who}");
    if let Some(d) = r.descriptor.as_deref().filter(|d| !d.is_empty()) {
        cite.push_str(&format!(" ({d})"));
    }
    cite.push_str(&format!(", in “{title}”"));
    if let Some(o) = r.outlet.as_deref().filter(|o| !o.is_empty()) {
        cite.push_str(&format!(", {o}"));
    }
    if let Some(p) = r.published.as_deref().filter(|p| !p.is_empty()) {
        cite.push_str(&format!(", {}", p.get(..10).unwrap_or(p)));
    }
    cite
}

/// Where the citation points: the article as published when its address is a web address,
/// else the statement in this UI (made absolute by the script).
fn citation_link(r: &AttributionRow) -> String {
    match r.url.as_deref() {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => u.to_string(),
        _ => format!("{}#q-{}", article_url(r.article_seq), r.idx),
    }
}

fn statement_list(page: &Page<AttributionRow>, titles: &HashMap<i64, String>) -> Markup {
    html! {
        ol.statements.statement-list start=(page.offset + 1) {
            @for r in &page.items {
                @let title = title_of(titles, r.article_seq);
                li class={ "statement k-" (css_token(&r.kind)) } {
                    span.who {
                        @let who = r.speaker_name.clone().or(r.speaker_text.clone()).unwrap_or_else(|| "unknown speaker".into());
                        @match r.speaker_entity {
                            Some(id) => { a href=(entity_url(id)) { (who) } }
                            None => { (who) }
                        }
                        @if let Some(k) = &r.speaker_kind { " (" (speaker_kind_label(k)) ")" }
                        ": "
                    }
                    @if r.kind == "direct" { q.content { (r.content) } } @else { span.content { (r.content) } }
                    span.about {
                        " – " (attribution_kind_label(&r.kind))
                        @if let Some(x) = &r.response { ", " (response_label(x)) }
                        @if let Some(d) = &r.descriptor { "; " (d) }
                        @if let Some(x) = &r.anonymity_reason { "; anonymous because " (x) }
                    }
                    span.cite-line {
                        a.source href={ (article_url(r.article_seq)) "#q-" (r.idx) } { (title) }
                        @if let Some(o) = &r.outlet { " · " (o) }
                        @if let Some(p) = &r.published { " · " time { (p.get(..10).unwrap_or(p)) } }
                        " "
                        button.copy-cite type="button" hidden data-cite=(citation(r, &title)) data-link=(citation_link(r)) { "Copy with citation" }
                        output.copied aria-live="polite" {}
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> AttributionRow {
        AttributionRow {
            article_seq: 7,
            article_id: "x".into(),
            title: Some("T".into()),
            published: Some("2024-03-05T10:00:00Z".into()),
            outlet: Some("Reuters".into()),
            url: Some("javascript:alert(1)".into()),
            idx: 2,
            kind: "direct".into(),
            content: " We will go. ".into(),
            cue: Some("said".into()),
            speaker_text: Some("the minister".into()),
            speaker_name: Some("Ann Lee".into()),
            speaker_kind: Some("named_person".into()),
            speaker_entity: Some(3),
            descriptor: Some("the foreign minister".into()),
            anonymity_reason: None,
            response: None,
        }
    }

    #[test]
    fn citations_name_speaker_outlet_and_date() {
        assert_eq!(
            citation(&row(), "Talks resume"),
            "“We will go.” — Ann Lee (the foreign minister), in “Talks resume”, Reuters, 2024-03-05"
        );
        let mut reported = row();
        reported.kind = "reported".into();
        reported.speaker_name = None;
        reported.descriptor = None;
        reported.outlet = None;
        assert_eq!(
            citation(&reported, "T"),
            "We will go. — the minister, in “T”, 2024-03-05"
        );
    }

    #[test]
    fn only_web_addresses_are_cited() {
        assert_eq!(citation_link(&row()), "/articles/7#q-2");
        let mut r = row();
        r.url = Some("https://example.org/a".into());
        assert_eq!(citation_link(&r), "https://example.org/a");
    }

    #[test]
    fn bad_ids_and_limits_are_refused() {
        let p = |q: &str| Params::from_raw(RawQuery(Some(q.into())));
        assert!(Filters::from_params(&p("speaker=abc")).is_err());
        assert!(Filters::from_params(&p("limit=0")).is_err());
        assert!(Filters::from_params(&p("limit=201")).is_err());
        let f = Filters::from_params(&p("source_kind=named_org&limit=5&offset=10")).unwrap();
        assert_eq!(f.speaker_kind, "named_org");
        assert_eq!(
            f.link(15),
            "/statements?speaker_kind=named_org&limit=5&offset=15"
        );
    }
}
