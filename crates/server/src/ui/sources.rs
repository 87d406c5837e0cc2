//! The sources dashboard: how much of the corpus rests on anonymous sources, per outlet and per
//! article; the most quoted voices; who declined to comment.

use std::collections::BTreeMap;

use axum::extract::State;
use maud::html;
use newsgraph_store::{AttributionRequest, AttributionRow, SourcingStats};

use super::charts::share_bar;
use super::entity::quote_list;
use super::*;

/// Most attributions read to compute per-article shares (newest articles first).
const PER_ARTICLE_ROWS: usize = 2000;
const ARTICLES_SHOWN: usize = 50;

#[derive(Debug, Default, Clone, PartialEq)]
struct ArticleShare {
    seq: i64,
    title: Option<String>,
    statements: i64,
    anonymous: i64,
    non_responses: i64,
}

impl ArticleShare {
    fn share(&self) -> f64 {
        if self.statements > 0 {
            self.anonymous as f64 / self.statements as f64
        } else {
            0.0
        }
    }
}

/// Statements, anonymous statements and non-responses per article, most anonymous first.
fn per_article(rows: &[AttributionRow]) -> Vec<ArticleShare> {
    let mut by_seq: BTreeMap<i64, ArticleShare> = BTreeMap::new();
    for r in rows {
        let a = by_seq.entry(r.article_seq).or_insert_with(|| ArticleShare {
            seq: r.article_seq,
            title: r.title.clone(),
            ..Default::default()
        });
        match r.kind.as_str() {
            "direct" | "reported" => {
                a.statements += 1;
                if r.speaker_kind.as_deref().is_some_and(is_anonymous_kind) {
                    a.anonymous += 1;
                }
            }
            "non_response" => a.non_responses += 1,
            _ => {}
        }
    }
    let mut list: Vec<ArticleShare> = by_seq
        .into_values()
        .filter(|a| a.statements > 0 || a.non_responses > 0)
        .collect();
    list.sort_by(|a, b| {
        b.share()
            .total_cmp(&a.share())
            .then(b.statements.cmp(&a.statements))
            .then(a.seq.cmp(&b.seq))
    });
    list
}

/// Everything the sources page shows, read in one store call.
struct SourcesData {
    stats: SourcingStats,
    /// Articles by anonymous share, at most `ARTICLES_SHOWN`.
    articles: Vec<ArticleShare>,
    /// Whether the per-article table saw only the newest `PER_ARTICLE_ROWS` attributions.
    capped: bool,
    declined: Vec<AttributionRow>,
    titles: HashMap<i64, String>,
}

fn load(st: &Store) -> Result<SourcesData, StoreError> {
    let stats = st.sourcing_stats()?;
    let mut rows = Vec::new();
    while rows.len() < PER_ARTICLE_ROWS {
        let batch = st.attributions(&AttributionRequest {
            offset: rows.len(),
            limit: Some(200),
            ..Default::default()
        })?;
        let n = batch.len();
        rows.extend(batch);
        if n < 200 {
            break;
        }
    }
    let capped = rows.len() >= PER_ARTICLE_ROWS;
    let mut articles = per_article(&rows);
    articles.truncate(ARTICLES_SHOWN);
    let declined = st.attributions(&AttributionRequest {
        kind: Some("non_response".into()),
        limit: Some(50),
        ..Default::default()
    })?;
    let titles = fill_titles(
        st,
        articles
            .iter()
            .map(|a| (a.seq, a.title.clone()))
            .chain(declined.iter().map(|d| (d.article_seq, d.title.clone()))),
    )?;
    Ok(SourcesData {
        stats,
        articles,
        capped,
        declined,
        titles,
    })
}

pub(crate) async fn page(State(state): State<AppState>) -> UiResult {
    let data = store_call(&state, load).await?;
    let stats = &data.stats;
    let body = html! {
        h1 { "Sources" }
        (totals(stats))
        div.dash-grid {
            (outlet_section(stats))
            (voices_section(stats))
            (kinds_section(stats))
        }
        (articles_section(&data))
        (declined_section(&data))
    };
    Ok(layout("Sources", Nav::Sources, body))
}

/// The headline counts and the overall anonymous share.
fn totals(stats: &SourcingStats) -> Markup {
    html! {
    dl.counts.big {
        div { dt { "articles" } dd { (stats.articles) } }
        div { dt { "attributed statements" } dd { (stats.attributions) } }
        div { dt { "from named sources" } dd { (stats.named) } }
        div { dt { "from anonymous sources" } dd { (stats.anonymous) } }
        div { dt { "declined / no reply" } dd { (stats.non_responses) } }
    }
    p.share {
        strong { (percent(stats.share_anonymous)) } " of attributed statements come from anonymous sources; "
        (stats.articles_with_anonymous_sources) " of " (stats.articles) " articles use at least one. "
        (share_bar(stats.share_anonymous, &format!("{} anonymous overall", percent(stats.share_anonymous))))
    }
    }
}

/// Anonymous share per outlet.
fn outlet_section(stats: &SourcingStats) -> Markup {
    html! {
    section.wide aria-labelledby="outlet-heading" {
        h2 #outlet-heading { "Anonymous share by outlet" }
        @if stats.by_outlet.is_empty() {
            p.empty { "No articles yet." }
        } @else {
            div.table-wrap {
                table {
                    thead { tr { th scope="col" { "Outlet" } th.num scope="col" { "Articles" } th.num scope="col" { "Statements" }
                        th.num scope="col" { "Anonymous" } th scope="col" { "Share" } } }
                    tbody {
                        @for o in &stats.by_outlet {
                            tr {
                                th scope="row" {
                                    @if o.outlet == "unknown" { "outlet unknown" }
                                    @else { a href=(url("/", &[("outlet", o.outlet.clone())])) { (o.outlet) } }
                                }
                                td.num { (o.articles) }
                                td.num { (o.attributions) }
                                td.num { (o.anonymous) }
                                td.share-cell { span.pct { (percent(o.share_anonymous)) } (share_bar(o.share_anonymous, &percent(o.share_anonymous))) }
                            }
                        }
                    }
                }
            }
        }
    }
    }
}

/// The named sources quoted most.
fn voices_section(stats: &SourcingStats) -> Markup {
    html! {
    section aria-labelledby="voices-heading" {
        h2 #voices-heading { "Most quoted voices" }
        @if stats.top_named_sources.is_empty() {
            p.empty { "No named source has been resolved to an entity yet." }
        } @else {
            ol.voices-top {
                @for v in &stats.top_named_sources {
                    li { a href=(entity_url(v.entity.id)) { (v.entity.name) } " " (type_badge(&v.entity.kind))
                        " " span.count title="statements" { (v.articles) } }
                }
            }
        }
    }
    }
}

/// Statements by kind of source, and why anonymity was granted.
fn kinds_section(stats: &SourcingStats) -> Markup {
    let max_kind = stats
        .by_speaker_kind
        .values()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    html! {
    section aria-labelledby="kinds-heading" {
        h2 #kinds-heading { "Statements by kind of source" }
        @if stats.by_speaker_kind.is_empty() {
            p.empty { "No statements." }
        } @else {
            table.kinds {
                tbody {
                    @for (k, n) in &stats.by_speaker_kind {
                        tr {
                            th scope="row" { a href=(url("/", &[("source_kind", k.clone())])) { (speaker_kind_label(k)) } }
                            td.num { (n) }
                            td.share-cell { (share_bar(*n as f64 / max_kind, &format!("{n} statements"))) }
                        }
                    }
                }
            }
        }
        @if !stats.anonymity_reasons.is_empty() {
            h3 { "Why sources were granted anonymity" }
            ul.plain {
                @for r in &stats.anonymity_reasons { li { (r.name) " " span.count { (r.count) } } }
            }
        }
    }
    }
}

/// Anonymous share per article.
fn articles_section(data: &SourcesData) -> Markup {
    let (articles, capped, titles) = (&data.articles, data.capped, &data.titles);
    html! {
    section aria-labelledby="articles-heading" {
        h2 #articles-heading { "Anonymous share per article" }
        @if articles.is_empty() {
            p.empty { "No article has attributed statements." }
        } @else {
            @if capped {
                p.note { "Computed over the newest " (PER_ARTICLE_ROWS) " attributions." }
            }
            div.table-wrap {
                table {
                    thead { tr { th scope="col" { "Article" } th.num scope="col" { "Statements" } th.num scope="col" { "Anonymous" }
                        th.num scope="col" { "Declined" } th scope="col" { "Share anonymous" } } }
                    tbody {
                        @for a in articles {
                            tr {
                                th scope="row" { a href={ (article_url(a.seq)) "#sourcing" } { (title_of(titles, a.seq)) } }
                                td.num { (a.statements) }
                                td.num { (a.anonymous) }
                                td.num { (a.non_responses) }
                                td.share-cell { span.pct { (percent(a.share())) } (share_bar(a.share(), &percent(a.share()))) }
                            }
                        }
                    }
                }
            }
        }
    }
    }
}

/// Statements declining to comment.
fn declined_section(data: &SourcesData) -> Markup {
    let (declined, titles) = (&data.declined, &data.titles);
    html! {
    section aria-labelledby="declined-heading" {
        h2 #declined-heading { "Non-responses" }
        @if declined.is_empty() {
            p.empty { "Nobody declined to comment." }
        } @else {
            (quote_list(declined, titles, true))
        }
    }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: i64, kind: &str, speaker_kind: Option<&str>) -> AttributionRow {
        AttributionRow {
            article_seq: seq,
            article_id: String::new(),
            title: None,
            published: None,
            idx: 0,
            kind: kind.into(),
            content: String::new(),
            cue: None,
            speaker_text: None,
            speaker_name: None,
            speaker_kind: speaker_kind.map(str::to_string),
            speaker_entity: None,
            descriptor: None,
            anonymity_reason: None,
            response: None,
            cue_class: None,
        }
    }

    #[test]
    fn shares_per_article_count_statements_only() {
        let rows = vec![
            row(1, "direct", Some("named_person")),
            row(1, "reported", Some("anonymous_person")),
            row(1, "non_response", Some("named_org")),
            row(1, "scare", None),
            row(2, "reported", Some("anonymous_group")),
            row(3, "scare", None),
        ];
        let list = per_article(&rows);
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].seq, list[0].statements, list[0].anonymous),
            (2, 1, 1)
        );
        assert_eq!(
            (
                list[1].seq,
                list[1].statements,
                list[1].anonymous,
                list[1].non_responses
            ),
            (1, 2, 1, 1)
        );
        assert!((list[1].share() - 0.5).abs() < 1e-9);
    }
}
