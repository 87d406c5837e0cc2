//! Entity pages: the list of canonical entities and one entity's profile (aliases, descriptors,
//! quotes by and about it, co-occurring entities, timeline).

use axum::extract::{Path, RawQuery, State};
use maud::{html, Markup};
use newsgraph_model::timex_label;
use newsgraph_store::{AttributionRow, EntityListRequest, EntityProfile, EntitySummary};

use super::charts::{histogram, Column};
use super::*;

const PAGE_SIZE: usize = 50;

pub(crate) async fn list_page(State(state): State<AppState>, raw: RawQuery) -> UiResult {
    let p = Params::from_raw(raw);
    let q = p.string("q").unwrap_or_default();
    let kind = p.first(&["type", "entity_type"]).unwrap_or_default();
    let offset = p.offset();
    let req = EntityListRequest {
        q: Some(q.clone()).filter(|s| !s.is_empty()),
        kind: Some(kind.clone()).filter(|s| !s.is_empty()),
        offset,
        limit: Some(PAGE_SIZE),
    };
    let page = store_call(&state, move |st| st.entities_page(&req)).await?;
    let list = &page.items;
    let body = html! {
        h1 { "Entities" }
        form.inline-form action="/entities" method="get" role="search" {
            label for="eq" { "Name" }
            input #eq type="search" name="q" value=(q) autocomplete="off" maxlength="200";
            label for="et" { "Type" }
            select #et name="type" {
                option value="" { "any" }
                @for t in ["PER", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW", "MISC"] {
                    option value=(t) selected[kind == t] { (t) " – " (type_label(t)) }
                }
            }
            button type="submit" { "Find" }
        }
        p #entities-count role="status" { (page.total) @if page.total == 1 { " entity" } @else { " entities" } ", most mentioned first" }
        @if list.is_empty() {
            p.empty { "No entity matches." }
        } @else {
            div.table-wrap {
                table.entities {
                    caption.visually-hidden { "Entities, most mentioned first" }
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Type" } th.num scope="col" { "Mentions" }
                        th.num scope="col" { "Articles" } th scope="col" { "First – last seen" } } }
                    tbody {
                        @for e in list {
                            tr {
                                th scope="row" { a href=(entity_url(e.id)) { (e.name) } }
                                td { (type_badge(&e.kind)) }
                                td.num { (e.mentions) }
                                td.num { (e.articles) }
                                td { (e.first_published.as_deref().unwrap_or("?")) " – " (e.last_published.as_deref().unwrap_or("?")) }
                            }
                        }
                    }
                }
            }
        }
        (pager(offset, PAGE_SIZE, list.len(), Some(page.total), |o| url("/entities", &[
            ("q", q.clone()), ("type", kind.clone()), ("offset", o.to_string())])))
    };
    Ok(layout("Entities", Nav::Entities, body))
}

pub(crate) async fn page(State(state): State<AppState>, Path(id): Path<String>) -> UiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| UiError::not_found("Entity ids are numbers."))?;
    let (profile, titles) = store_call(&state, move |st| {
        let Some(p) = st.entity(id)? else {
            return Ok(None);
        };
        let seqs = p
            .quotes_by
            .iter()
            .chain(&p.quotes_about)
            .map(|q| (q.article_seq, q.title.clone()))
            .chain(p.mentions.iter().map(|m| (m.article_seq, m.title.clone())))
            .chain(p.events.iter().map(|e| (e.article_seq, e.title.clone())));
        let titles = fill_titles(st, seqs)?;
        Ok(Some((p, titles)))
    })
    .await?
    .ok_or_else(|| UiError::not_found(format!("There is no entity {id}.")))?;
    let name = profile.entity.name.clone();
    Ok(layout(
        &name,
        Nav::Entities,
        profile_body(&profile, &titles),
    ))
}

fn profile_body(p: &EntityProfile, titles: &HashMap<i64, String>) -> Markup {
    html! {
        (profile_head(&p.entity))
        div.entity-layout {
            div.entity-main {
                (statements_sections(p, titles))
                (timeline_section(p, titles))
                (mentions_section(p, titles))
            }
            aside.entity-side {
                (profile_side(p))
            }
        }
    }
}

/// Name, type, counts and links to the entity's other views.
fn profile_head(e: &EntitySummary) -> Markup {
    html! {
    header.entity-head {
        p.kicker { (type_badge(&e.kind)) " " (type_label(&e.kind)) }
        h1 { (e.name) }
        p.meta {
            (e.mentions) " mentions in "
            a #articles-count href=(url("/", &[("entity", e.id.to_string())])) data-total=(e.articles) {
                (e.articles) @if e.articles == 1 { " article" } @else { " articles" }
            }
            @if let (Some(f), Some(l)) = (&e.first_published, &e.last_published) {
                ", " (f) " – " (l)
            }
        }
        p.actions {
            a href=(url("/", &[("entity", e.id.to_string())])) { "Articles mentioning " (e.name) }
            " · " a href=(url("/explore/graph", &[("entity", e.id.to_string())])) { "Graph around " (e.name) }
            " · " a href=(url("/explore/timeline", &[("entity", e.id.to_string())])) { "Timeline" }
            " · " a href=(format!("/api/entities/{}", e.id)) { "JSON" }
        }
    }
    }
}

/// Statements by the entity and statements about it: the first page of each list on
/// `/statements`, with the count of the whole list and a link to page through it.
fn statements_sections(p: &EntityProfile, titles: &HashMap<i64, String>) -> Markup {
    let e = &p.entity;
    let by = StatementSection {
        key: "by",
        filter: "speaker",
        heading: format!("Statements by {}", e.name),
        none: format!("No statement is attributed to {}.", e.name),
        what: format!("statements by {}", e.name),
        about: false,
    };
    let about = StatementSection {
        key: "about",
        filter: "about",
        heading: format!("Statements about {}", e.name),
        none: format!("No statement mentions {}.", e.name),
        what: format!("statements about {}", e.name),
        about: true,
    };
    html! {
        (by.render(e.id, &p.quotes_by, p.quotes_by_total, titles))
        (about.render(e.id, &p.quotes_about, p.quotes_about_total, titles))
    }
}

/// One of the entity page's statement lists ("by" or "about"), with its full count and a link
/// to page through all of them on /statements.
struct StatementSection {
    key: &'static str,
    /// The /statements parameter that selects the same rows.
    filter: &'static str,
    heading: String,
    none: String,
    what: String,
    about: bool,
}

impl StatementSection {
    fn render(
        &self,
        entity: i64,
        rows: &[AttributionRow],
        total: i64,
        titles: &HashMap<i64, String>,
    ) -> Markup {
        let heading_id = format!("{}-heading", self.key);
        let href = url("/statements", &[(self.filter, entity.to_string())]);
        html! {
            section aria-labelledby=(heading_id) {
                h2 id=(heading_id) { (self.heading) " " span.total data-total=(total) { "(" (total) ")" } }
                @if rows.is_empty() {
                    p.empty { (self.none) }
                } @else {
                    (quote_list(rows, titles, self.about))
                    (all_link(&format!("{}-all", self.key), &href, rows.len(), total, &self.what))
                }
            }
        }
    }
}

/// "Showing the newest 50 of 263 · All 263 statements by X →": a count and where to page
/// through exactly that many.
fn all_link(id: &str, href: &str, shown: usize, total: i64, what: &str) -> Markup {
    html! {
        p.all-line {
            @if (shown as i64) < total { "Showing the newest " (shown) " of " (total) ". " }
            a.all-link id=(id) href=(href) data-total=(total) { "All " (total) " " (what) " →" }
        }
    }
}

/// Articles per month and the dated statements mentioning the entity.
fn timeline_section(p: &EntityProfile, titles: &HashMap<i64, String>) -> Markup {
    let e = &p.entity;
    let undated: i64 = p
        .timeline
        .iter()
        .filter(|t| t.period == "unknown")
        .map(|t| t.articles)
        .sum();
    let columns: Vec<Column> = p
        .timeline
        .iter()
        .filter(|t| t.period != "unknown")
        .map(|t| Column {
            label: t.period.clone(),
            value: t.articles,
            href: Some(url(
                "/",
                &[
                    ("entity", e.id.to_string()),
                    ("from", t.period.clone()),
                    ("to", t.period.clone()),
                ],
            )),
        })
        .collect();
    html! {
    section aria-labelledby="tl-heading" {
        h2 #tl-heading { "Timeline" }
        @if !columns.is_empty() {
            (histogram(&columns, &format!("Articles mentioning {} per month of publication", e.name)))
        }
        @if undated > 0 {
            p.note { (undated) @if undated == 1 { " article has" } @else { " articles have" } " no publication date." }
        }
        @if !p.events.is_empty() {
            h3 { "Dated statements " span.total data-total=(p.events_total) { "(" (p.events_total) ")" } }
            ol.events {
                @for ev in &p.events {
                    li {
                        time { (timex_label(&ev.date)) } " "
                        (ev.sentence) " "
                        a.source href=(article_url(ev.article_seq)) { (title_of(titles, ev.article_seq)) }
                    }
                }
            }
            (all_link("events-all", &url("/explore/timeline", &[("entity", e.id.to_string()), ("sort", "oldest".into())]),
                p.events.len(), p.events_total, "dated statements"))
        }
    }
    }
}

/// Mentions in context.
fn mentions_section(p: &EntityProfile, titles: &HashMap<i64, String>) -> Markup {
    html! {
    section aria-labelledby="mentions-heading" {
        h2 #mentions-heading { "Mentions" }
        @if (p.mentions.len() as i64) < p.mentions_total {
            p.note { "The newest " (p.mentions.len()) " of " (p.mentions_total) " mentions, in context." }
        }
        @if p.mentions.is_empty() {
            p.empty { "No mentions." }
        } @else {
            ul.mentions {
                @for m in &p.mentions {
                    li {
                        (mention_context(&m.context, &m.text))
                        " " a.source href=(article_url(m.article_seq)) { (title_of(titles, m.article_seq)) }
                    }
                }
            }
        }
    }
    }
}

/// Aliases, titles, descriptors and co-occurring entities.
fn profile_side(p: &EntityProfile) -> Markup {
    let e = &p.entity;
    let other_aliases: Vec<_> = p.aliases.iter().filter(|a| a.name != e.name).collect();
    html! {
    @if !other_aliases.is_empty() {
        section {
            h2 { "Also called" }
            ul.tags { @for a in &other_aliases { li { (a.name) " " span.count { (a.count) } } } }
        }
    }
    @if !p.titles.is_empty() {
        section {
            h2 { "Titles" }
            ul.tags { @for t in &p.titles { li { (t.name) " " span.count { (t.count) } } } }
        }
    }
    @if !p.descriptors.is_empty() {
        section {
            h2 { "Described as" }
            ul.plain { @for d in &p.descriptors { li { (d.name) " " span.count { (d.count) } } } }
        }
    }
    @if !p.co_occurring.is_empty() {
        section {
            h2 { "Appears with" }
            p.note {
                "Entities in the most articles with " (e.name) ", with the number of articles in common"
                @if e.articles > newsgraph_store::CO_OCCURRENCE_ARTICLES as i64 {
                    " (in its latest " (newsgraph_store::CO_OCCURRENCE_ARTICLES) " articles)"
                }
                "."
            }
            ul.plain {
                @for c in &p.co_occurring {
                    li { (type_badge(&c.entity.kind)) " " a href=(entity_url(c.entity.id)) { (c.entity.name) }
                        " " span.count title="articles in common" { (c.articles) } }
                }
            }
        }
    }
    }
}

/// The context with the first occurrence of the mention emphasised.
fn mention_context(context: &str, mention: &str) -> Markup {
    match context.find(mention).filter(|_| !mention.is_empty()) {
        Some(at) => {
            let before = context.get(..at).unwrap_or("");
            let hit = context.get(at..at + mention.len()).unwrap_or("");
            let after = context.get(at + mention.len()..).unwrap_or("");
            html! { "…" (before) mark { (hit) } (after) "…" }
        }
        None => html! { "…" (context) "…" },
    }
}

/// Attribution rows as a list of statements with their speakers and articles.
pub(crate) fn quote_list(
    rows: &[AttributionRow],
    titles: &HashMap<i64, String>,
    show_speaker: bool,
) -> Markup {
    html! {
        ul.statements {
            @for q in rows {
                li class={ "statement k-" (css_token(&q.kind)) } {
                    @if show_speaker {
                        span.who {
                            @let who = q.speaker_name.clone().or(q.speaker_text.clone()).unwrap_or_else(|| "unknown speaker".into());
                            @match q.speaker_entity {
                                Some(id) => { a href=(entity_url(id)) { (who) } }
                                None => { (who) }
                            }
                            @if let Some(k) = &q.speaker_kind { " (" (speaker_kind_label(k)) ")" }
                            ": "
                        }
                    }
                    @if q.kind == "direct" {
                        q.content { (q.content) }
                    } @else {
                        span.content { (q.content) }
                    }
                    span.about {
                        " – " (attribution_kind_label(&q.kind))
                        @if let Some(r) = &q.response { ", " (response_label(r)) }
                        @if let Some(c) = &q.cue { ", “" (c) "”" }
                        @if let Some(d) = &q.descriptor { "; " (d) }
                        @if let Some(r) = &q.anonymity_reason { "; anonymous because " (r) }
                    }
                    " "
                    a.source href={ (article_url(q.article_seq)) "#q-" (q.idx) } { (title_of(titles, q.article_seq)) }
                    @if let Some(p) = &q.published { " " span.date-small { (p.get(..10).unwrap_or(p)) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_context_marks_the_mention_and_escapes() {
        let out = mention_context("said <Lemon> today", "<Lemon>").into_string();
        assert_eq!(out, "…said <mark>&lt;Lemon&gt;</mark> today…");
        let out = mention_context("é context", "z").into_string();
        assert_eq!(out, "…é context…");
    }
}
