//! The sources dashboard: how much of the corpus rests on anonymous sources, per outlet and per
//! article; the most quoted voices; who declined to comment.

use axum::extract::State;
use maud::html;
use newsgraph_store::{ArticleSourcing, AttributionRequest, AttributionRow, Page, SourcingStats};

use super::charts::share_bar;
use super::entity::quote_list;
use super::*;
use crate::cache::AnswerCache;

const ARTICLES_SHOWN: usize = 50;
const DECLINED_SHOWN: usize = 50;

/// Direct and reported statements: what every statement count on this page counts.
const STATEMENTS: &str = "direct,reported";
const NAMED: &str = "named_person,named_org";
const ANONYMOUS: &str = "anonymous_person,anonymous_group";

fn share(a: &ArticleSourcing) -> f64 {
    if a.statements > 0 {
        a.anonymous as f64 / a.statements as f64
    } else {
        0.0
    }
}

/// The statements page listing what a count on this page counts.
fn statements(pairs: &[(&str, &str)]) -> String {
    let owned: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
    url("/statements", &owned)
}

/// Everything the sources page shows, read in one store call.
struct SourcesData {
    stats: SourcingStats,
    /// Articles by anonymous share, at most `ARTICLES_SHOWN`.
    articles: Vec<ArticleSourcing>,
    declined: Page<AttributionRow>,
    titles: HashMap<i64, String>,
}

fn load(st: &Store, cache: &AnswerCache) -> Result<SourcesData, StoreError> {
    let stats = cache.get_or_compute("sourcing", || st.sourcing_stats())?;
    let articles = st.articles_by_anonymous_share(ARTICLES_SHOWN)?;
    let declined = st.attributions_page(&AttributionRequest {
        kind: Some("non_response".into()),
        limit: Some(DECLINED_SHOWN),
        ..Default::default()
    })?;
    let titles = fill_titles(
        st,
        articles.iter().map(|a| (a.seq, a.title.clone())).chain(
            declined
                .items
                .iter()
                .map(|d| (d.article_seq, d.title.clone())),
        ),
    )?;
    Ok(SourcesData {
        stats,
        articles,
        declined,
        titles,
    })
}

pub(crate) async fn page(State(state): State<AppState>) -> UiResult {
    let cache = state.cache.clone();
    let data = store_call(&state, move |st| load(st, &cache)).await?;
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

/// The headline counts and the overall anonymous share; each count opens the list it counts.
fn totals(stats: &SourcingStats) -> Markup {
    html! {
    dl.counts.big {
        div { dt { "articles" } dd { a #count-articles href="/" data-total=(stats.articles) { (stats.articles) } } }
        div { dt { "statements (direct or reported)" } dd { a #count-statements href=(statements(&[("kind", STATEMENTS)])) data-total=(stats.attributions) { (stats.attributions) } } }
        div { dt { "from named sources" } dd { a #count-named href=(statements(&[("kind", STATEMENTS), ("speaker_kind", NAMED)])) data-total=(stats.named) { (stats.named) } } }
        div { dt { "from anonymous sources" } dd { a #count-anonymous href=(statements(&[("kind", STATEMENTS), ("speaker_kind", ANONYMOUS)])) data-total=(stats.anonymous) { (stats.anonymous) } } }
        div { dt { "non-responses (declined, no reply)" } dd { a #count-declined href=(statements(&[("kind", "non_response")])) data-total=(stats.non_responses) { (stats.non_responses) } } }
    }
    p.share {
        strong { (percent(stats.share_anonymous)) } " of direct or reported statements come from anonymous sources; "
        (stats.articles_with_anonymous_sources) " of " (stats.articles) " articles use at least one. "
        "Scare quotes and non-responses are not statements and are not counted in the share. "
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
                table.stack {
                    thead { tr { th scope="col" { "Outlet" } th.num scope="col" { "Articles" } th.num scope="col" { "Statements" }
                        th.num scope="col" { "Anonymous" } th scope="col" { "Share" } } }
                    tbody {
                        @for o in &stats.by_outlet {
                            tr {
                                th scope="row" {
                                    @if o.outlet == "unknown" { "outlet unknown" }
                                    @else { a href=(url("/", &[("outlet", o.outlet.clone())])) { (o.outlet) } }
                                }
                                td.num data-label="articles" { @if o.outlet == "unknown" { (o.articles) } @else { a href=(url("/", &[("outlet", o.outlet.clone())])) { (o.articles) } } }
                                td.num data-label="statements" { @if o.outlet == "unknown" { (o.attributions) } @else { a href=(statements(&[("kind", STATEMENTS), ("outlet", &o.outlet)])) { (o.attributions) } } }
                                td.num data-label="anonymous" { @if o.outlet == "unknown" { (o.anonymous) } @else { a href=(statements(&[("kind", STATEMENTS), ("speaker_kind", ANONYMOUS), ("outlet", &o.outlet)])) { (o.anonymous) } } }
                                td.share-cell data-label="share" { span.pct { (percent(o.share_anonymous)) } (share_bar(o.share_anonymous, &percent(o.share_anonymous))) }
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
                        " " a.count title="statements (direct or reported)" href=(statements(&[("speaker", &v.entity.id.to_string()), ("kind", STATEMENTS)])) { (v.articles) } }
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
        h2 #kinds-heading { "Statements (direct or reported) by kind of source" }
        @if stats.by_speaker_kind.is_empty() {
            p.empty { "No statements." }
        } @else {
            table.kinds {
                tbody {
                    @for (k, n) in &stats.by_speaker_kind {
                        tr {
                            th scope="row" { (speaker_kind_label(k)) }
                            td.num { a href=(statements(&[("kind", STATEMENTS), ("speaker_kind", k)])) { (n) } }
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

/// Anonymous share per article, over every article.
fn articles_section(data: &SourcesData) -> Markup {
    let (articles, titles) = (&data.articles, &data.titles);
    html! {
    section aria-labelledby="articles-heading" {
        h2 #articles-heading { "Articles relying most on anonymous sources" }
        @if articles.is_empty() {
            p.empty { "No article has attributed statements." }
        } @else {
            div.table-wrap {
                table.per-article.stack {
                    thead { tr { th scope="col" { "Article" } th.num scope="col" { "Statements" } th.num scope="col" { "Anonymous" }
                        th.num scope="col" { "Declined" } th scope="col" { "Share" } } }
                    tbody {
                        @for a in articles {
                            tr {
                                th scope="row" { a href={ (article_url(a.seq)) "#sourcing" } { (title_of(titles, a.seq)) } }
                                td.num data-label="statements" { (a.statements) }
                                td.num data-label="anonymous" { (a.anonymous) }
                                td.num data-label="declined" { (a.non_responses) }
                                td.share-cell data-label="share" { span.pct { (percent(share(a))) } (share_bar(share(a), &percent(share(a)))) }
                            }
                        }
                    }
                }
            }
        }
    }
    }
}

/// Statements declining to comment: the newest, and a link to all of them.
fn declined_section(data: &SourcesData) -> Markup {
    let (declined, titles) = (&data.declined, &data.titles);
    html! {
    section aria-labelledby="declined-heading" {
        h2 #declined-heading { "Non-responses" }
        @if declined.items.is_empty() {
            p.empty { "Nobody declined to comment." }
        } @else {
            (quote_list(&declined.items, titles, true))
            p.all-line {
                @if declined.items.len() < declined.total { "Showing the newest " (declined.items.len()) " of " (declined.total) ". " }
                a.all-link #declined-all href=(statements(&[("kind", "non_response")])) data-total=(declined.total) { "All " (declined.total) " non-responses →" }
            }
        }
    }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_guard_against_no_statements() {
        let a = ArticleSourcing {
            statements: 4,
            anonymous: 1,
            ..Default::default()
        };
        assert!((share(&a) - 0.25).abs() < 1e-9);
        assert_eq!(share(&ArticleSourcing::default()), 0.0);
    }

    #[test]
    fn count_links_name_what_they_count() {
        assert_eq!(
            statements(&[("kind", STATEMENTS), ("speaker_kind", ANONYMOUS)]),
            "/statements?kind=direct%2Creported&speaker_kind=anonymous_person%2Canonymous_group"
        );
    }
}
