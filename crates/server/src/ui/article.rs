//! The article reader: the text with entities, quotes and attributions highlighted by kind, a
//! tooltip on every quote (speaker, source kind, descriptor), and a sourcing panel.

use std::collections::HashSet;

use axum::extract::{Path, State};
use maud::{html, Markup};
use newsgraph_model::{Attribution, AttributionKind, DateMention, Entity, Figure, Span};
use newsgraph_store::{ArticleView, EntityRef};
use serde::Deserialize;

use super::annotate::{build_tree, make_laminar, render, Mark, MarkKind, MarkRenderer, Node};
use super::*;

/// The parts of a stored article document the reader shows. Lenient: a missing field is empty,
/// and an item that does not parse is skipped without shifting the others' indexes.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Doc {
    text: String,
    paragraphs: Vec<Span>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<serde_json::Value>,
    truncated: bool,
    truncation_reason: Option<String>,
    credits: CreditsView,
    credit_spans: Vec<Span>,
    sourcing: SourcingView,
    entities: Vec<serde_json::Value>,
    attributions: Vec<serde_json::Value>,
    dates: Vec<serde_json::Value>,
    figures: Vec<serde_json::Value>,
}

/// The analysis' own sourcing counts, so the panel agrees with the dashboard.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SourcingView {
    attributions: usize,
    named: usize,
    anonymous: usize,
    non_responses: usize,
    share_anonymous: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreditsView {
    byline: Vec<String>,
    illustration: Vec<String>,
    additional_reporting: Vec<String>,
    editing: Vec<String>,
}

/// The article with every list parsed item by item.
struct Reader {
    seq: i64,
    text: String,
    paragraphs: Vec<Span>,
    credit_spans: Vec<Span>,
    entities: Vec<Option<Entity>>,
    attributions: Vec<Option<Attribution>>,
    dates: Vec<Option<DateMention>>,
    figures: Vec<Option<Figure>>,
    mention_entities: Vec<Option<i64>>,
    speaker_entities: Vec<Option<i64>>,
}

fn parse_items<T: serde::de::DeserializeOwned>(items: Vec<serde_json::Value>) -> Vec<Option<T>> {
    items
        .into_iter()
        .map(|v| serde_json::from_value(v).ok())
        .collect()
}

pub(crate) async fn page(State(state): State<AppState>, Path(key): Path<String>) -> UiResult {
    if key.len() > 128 {
        return Err(UiError::not_found("No article has such a long key."));
    }
    let k = key.clone();
    let view = store_call(&state, move |st| st.article(&k))
        .await?
        .ok_or_else(|| UiError::not_found(format!("There is no article {key}.")))?;
    Ok(render_page(view))
}

fn render_page(view: ArticleView) -> Response {
    let ArticleView {
        seq,
        article,
        mention_entities,
        speaker_entities,
        entities: article_entities,
    } = view;
    let doc: Doc = serde_json::from_value(article).unwrap_or_default();
    let published = doc
        .published
        .as_ref()
        .and_then(|p| p.get("value"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let (title, derived_title) = match doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => (t.to_string(), false),
        None => (headline_from_text(&doc.text), true),
    };
    let title = if title.is_empty() {
        format!("Article {seq}")
    } else {
        title
    };
    let safe_url = doc
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let reader = Reader {
        seq,
        paragraphs: doc.paragraphs,
        credit_spans: doc.credit_spans,
        entities: parse_items(doc.entities),
        attributions: parse_items(doc.attributions),
        dates: parse_items(doc.dates),
        figures: parse_items(doc.figures),
        mention_entities,
        speaker_entities,
        text: doc.text,
    };
    let words = reader.text.split_whitespace().count();
    let body = html! {
        article.reader aria-labelledby="title" {
            header.article-head {
                p.kicker { "Article " (seq) }
                h1 #title { (title) }
                @if derived_title {
                    p.note { "No headline came with this text: its first words are shown instead." }
                }
                p.meta {
                    (doc.outlet.as_deref().unwrap_or("outlet unknown"))
                    " · " (published.as_deref().unwrap_or("date unknown"))
                    " · " (words) " words"
                    @if let Some(u) = safe_url {
                        " · " a href=(u) rel="noopener noreferrer nofollow" { "original" }
                    }
                }
                @if doc.truncated {
                    p.truncated role="note" {
                        strong { "Teaser only. " }
                        (truncation_note(doc.truncation_reason.as_deref()))
                    }
                }
            }
            div.reader-layout {
                div.text-col {
                    (legend())
                    div.article-text #article-text {
                        (reader.annotated_text())
                    }
                    @if doc.truncated {
                        p.truncated-end role="note" { "[…] The text ends here: this is a truncated teaser." }
                    }
                }
                (reader.sourcing_panel(&doc.sourcing, &doc.credits, &article_entities))
            }
        }
    };
    layout(&title, Nav::None, body)
}

/// "This text ends mid-sentence after 100 words; the full article is not in the corpus.": the
/// segmenter's reason in a sentence, without its internal tag.
fn truncation_note(reason: Option<&str>) -> String {
    let reason = reason
        .map(|r| r.trim().trim_end_matches("(teaser cut)").trim())
        .filter(|r| !r.is_empty());
    match reason {
        Some(r) if r.starts_with("ends") => {
            format!("This text {r}; the full article is not in the corpus.")
        }
        Some(r) => format!("This text is cut off ({r}); the full article is not in the corpus."),
        None => "This text is cut off; the full article is not in the corpus.".to_string(),
    }
}

/// Whether an anonymity reason only repeats the descriptor shown above it.
fn repeats(reason: &str, descriptor: Option<&str>) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches(['.', ',']).to_lowercase();
    descriptor.is_some_and(|d| {
        let (r, d) = (norm(reason), norm(d));
        !r.is_empty() && (d == r || d.contains(&r))
    })
}

/// Checkboxes that switch highlight kinds on and off (CSS only, no script needed).
fn legend() -> Markup {
    html! {
        fieldset.legend {
            legend { "Highlight" }
            label { input #show-ent type="checkbox" checked; " " span.sw.ent { "entities" } }
            label { input #show-q type="checkbox" checked; " " span.sw.q.q-direct { "quotes" } " / " span.sw.q.q-reported { "reported" } }
            label { input #show-nr type="checkbox" checked; " " span.sw.q.q-non_response { "non-responses" } }
            label { input #show-spk type="checkbox" checked; " " span.sw.spk { "speakers" } }
            span.legend-note { span.sw.anon { "double purple underline" } ": from an anonymous source" }
            label { input #show-dates type="checkbox" checked; " " span.sw.date { "dates" } " & " span.sw.fig { "figures" } }
        }
    }
}

/// Distinct people or bodies quoted, in first-seen order, with how often and their quotes.
struct Voice {
    name: String,
    entity: Option<i64>,
    kind: String,
    descriptor: Option<String>,
    reason: Option<String>,
    quotes: Vec<usize>,
}

fn kind_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Reader {
    fn marks(&self) -> Vec<Mark> {
        let mut marks = Vec::new();
        for p in &self.paragraphs {
            let credit = self.credit_spans.iter().any(|c| c.overlaps(p));
            marks.push(Mark::new(p.start, p.end, MarkKind::Paragraph { credit }));
        }
        let mut speaker_spans = HashSet::new();
        let mut cue_spans = HashSet::new();
        for (i, a) in self.attributions.iter().enumerate() {
            let Some(a) = a else { continue };
            marks.push(Mark::new(
                a.content.start,
                a.content.end,
                MarkKind::Quote(i),
            ));
            if let Some(s) = &a.speaker {
                // A pronoun may speak several quotes: mark its span once.
                if speaker_spans.insert((s.start, s.end)) {
                    marks.push(Mark::new(s.start, s.end, MarkKind::Speaker(i)));
                }
            }
            if let Some(c) = &a.cue {
                if cue_spans.insert((c.start, c.end)) {
                    marks.push(Mark::new(c.start, c.end, MarkKind::Cue(i)));
                }
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            if let Some(e) = e {
                marks.push(Mark::new(e.start, e.end, MarkKind::Entity(i)));
            }
        }
        for (i, d) in self.dates.iter().enumerate() {
            if let Some(d) = d {
                marks.push(Mark::new(d.start, d.end, MarkKind::Date(i)));
            }
        }
        for (i, f) in self.figures.iter().enumerate() {
            if let Some(f) = f {
                marks.push(Mark::new(f.start, f.end, MarkKind::Figure(i)));
            }
        }
        marks
    }

    fn annotated_text(&self) -> Markup {
        let marks = make_laminar(&self.text, self.marks());
        let tree = build_tree(self.text.len(), &marks);
        html! {
            @for node in &tree {
                @match node {
                    // Text outside every paragraph (line breaks between them) is layout only.
                    Node::Text { start, end } => {
                        @let t = self.text.get(*start..*end).unwrap_or("");
                        @if !t.trim().is_empty() { p { (t) } }
                    }
                    Node::Mark { .. } => { (render(&self.text, std::slice::from_ref(node), self, false)) }
                }
            }
        }
    }

    fn speaker_name(&self, i: usize) -> Option<String> {
        let a = self.attributions.get(i)?.as_ref()?;
        let s = a.speaker.as_ref()?;
        Some(s.name.clone().unwrap_or_else(|| s.text.clone()))
    }

    fn tooltip(&self, i: usize, a: &Attribution, id: &str) -> Markup {
        let kind = kind_str(&a.kind);
        html! {
            span.tip role="tooltip" id=(id) {
                strong { (attribution_kind_label(&kind)) }
                @if let Some(r) = a.response {
                    " (" (response_label(&kind_str(&r))) ")"
                }
                @match &a.speaker {
                    Some(s) => {
                        span.tip-row {
                            @if a.kind == AttributionKind::NonResponse { "Who: " } @else { "Speaker: " }
                            b.tip-speaker { (self.speaker_name(i).unwrap_or_default()) }
                            @if s.name.as_deref().is_some_and(|n| n != s.text) {
                                " (“" (s.text) "” in the text)"
                            }
                        }
                        @if let Some(k) = s.kind {
                            span.tip-row { "Source kind: " (speaker_kind_label(&kind_str(&k))) }
                        }
                        @if let Some(d) = &s.descriptor {
                            span.tip-row { "Descriptor: " (d) }
                        }
                        @if let Some(r) = s.anonymity_reason.as_ref().filter(|r| !repeats(r, s.descriptor.as_deref())) {
                            span.tip-row { "Why anonymous: " (r) }
                        }
                    }
                    None => {
                        @if a.kind == AttributionKind::Scare {
                            span.tip-row { "A term in quotation marks, attributed to no one." }
                        } @else {
                            span.tip-row { "Speaker unknown." }
                        }
                    }
                }
                @if let Some(c) = &a.cue {
                    span.tip-row { "Cue: " (c.text) }
                }
            }
        }
    }

    fn voices(&self) -> (Vec<Voice>, Vec<Voice>, Vec<Voice>) {
        let mut named: Vec<Voice> = Vec::new();
        let mut anonymous: Vec<Voice> = Vec::new();
        let mut institutions: Vec<Voice> = Vec::new();
        for (i, a) in self.attributions.iter().enumerate() {
            let Some(a) = a else { continue };
            if !matches!(a.kind, AttributionKind::Direct | AttributionKind::Reported) {
                continue;
            }
            let Some(s) = &a.speaker else { continue };
            let kind = s.kind.map(|k| kind_str(&k)).unwrap_or_default();
            let list = if is_anonymous_kind(&kind) {
                &mut anonymous
            } else if matches!(kind.as_str(), "unnamed_institution" | "document" | "writer")
                || kind.is_empty()
            {
                &mut institutions
            } else {
                &mut named
            };
            let name = s.name.clone().unwrap_or_else(|| s.text.clone());
            let entity = self.speaker_entities.get(i).copied().flatten();
            match list.iter_mut().find(|v| v.name.eq_ignore_ascii_case(&name)) {
                Some(v) => {
                    v.quotes.push(i);
                    v.entity = v.entity.or(entity);
                    if v.descriptor.is_none() {
                        v.descriptor = s.descriptor.clone();
                    }
                    if v.reason.is_none() {
                        v.reason = s.anonymity_reason.clone();
                    }
                }
                None => list.push(Voice {
                    name,
                    entity,
                    kind,
                    descriptor: s.descriptor.clone(),
                    reason: s.anonymity_reason.clone(),
                    quotes: vec![i],
                }),
            }
        }
        named.sort_by_key(|v| std::cmp::Reverse(v.quotes.len()));
        (named, anonymous, institutions)
    }

    fn sourcing_panel(
        &self,
        counts: &SourcingView,
        credits: &CreditsView,
        entities: &[EntityRef],
    ) -> Markup {
        let (named, anonymous, institutions) = self.voices();
        let share = counts.share_anonymous;
        let non_responses: Vec<(usize, &Attribution)> = self
            .attributions
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (i, a)))
            .filter(|(_, a)| a.kind == AttributionKind::NonResponse)
            .collect();
        let voice_list = |voices: &[Voice]| {
            html! {
                ul.voices {
                    @for v in voices {
                        li {
                            @if let Some(id) = v.entity {
                                a href=(entity_url(id)) { (v.name) }
                            } @else {
                                b { (v.name) }
                            }
                            @if v.kind == "named_org" { " " span.badge { "organisation" } }
                            @if let Some(d) = &v.descriptor { span.desc { ", " (d) } }
                            @if let Some(r) = &v.reason { span.reason { " – anonymous because: " (r) } }
                            " "
                            span.quote-links {
                                "("
                                @for (n, q) in v.quotes.iter().enumerate() {
                                    @if n > 0 { ", " }
                                    a href={ "#q-" (q) } aria-label={ "statement " (n + 1) " by " (v.name) } { (n + 1) }
                                }
                                ")"
                            }
                        }
                    }
                }
            }
        };
        html! {
            aside.sourcing #sourcing aria-labelledby="sourcing-heading" {
                h2 #sourcing-heading { "Sourcing" }
                @if counts.attributions == 0 && named.is_empty() && anonymous.is_empty()
                    && institutions.is_empty() && non_responses.is_empty() {
                    p { "No attributed statements were found in this text." }
                } @else {
                    dl.counts {
                        div { dt { "statements" } dd { (counts.attributions) } }
                        div { dt { "named" } dd { (counts.named) } }
                        div { dt { "anonymous" } dd { (counts.anonymous) } }
                        div { dt { "declined / no reply" } dd { (counts.non_responses.max(non_responses.len())) } }
                    }
                    p.share {
                        (percent(share)) " of statements come from anonymous sources."
                        (charts::share_bar(share, &format!("{} anonymous", percent(share))))
                    }
                    @if !named.is_empty() {
                        h3 { "Named sources" }
                        (voice_list(&named))
                    }
                    @if !anonymous.is_empty() {
                        h3 { "Anonymous sources" }
                        (voice_list(&anonymous))
                    }
                    @if !institutions.is_empty() {
                        h3 { "Unnamed institutions" }
                        (voice_list(&institutions))
                    }
                    @if !non_responses.is_empty() {
                        h3 { "Declined to comment or did not respond" }
                        ul.declined {
                            @for (i, a) in &non_responses {
                                li {
                                    @match self.speaker_entities.get(*i).copied().flatten() {
                                        Some(id) => { a href=(entity_url(id)) { (self.speaker_name(*i).unwrap_or_default()) } }
                                        None => { b { (self.speaker_name(*i).unwrap_or_else(|| "someone".into())) } }
                                    }
                                    ": " a href={ "#q-" (i) } { (a.content.text) }
                                }
                            }
                        }
                    }
                }
                @if !(credits.byline.is_empty() && credits.illustration.is_empty()
                    && credits.additional_reporting.is_empty() && credits.editing.is_empty()) {
                    h3 { "Credits" }
                    dl.credits {
                        @for (label, names) in [("By", &credits.byline), ("Illustration", &credits.illustration),
                            ("Additional reporting", &credits.additional_reporting), ("Editing", &credits.editing)] {
                            @if !names.is_empty() {
                                div { dt { (label) } dd { (names.join(", ")) } }
                            }
                        }
                    }
                }
                @if !entities.is_empty() {
                    h3 { "In this article" }
                    ul.entity-list {
                        @for e in entities.iter().take(40) {
                            li { (type_badge(&e.kind)) " " a href=(entity_url(e.id)) { (e.name) } }
                        }
                    }
                }
                p { a href=(url("/sources", &[])) { "Sourcing across the corpus" } " · "
                    a href=(format!("/api/articles/{}", self.seq)) { "this article as JSON" } }
            }
        }
    }
}

impl MarkRenderer for Reader {
    fn is_link(&self, mark: &Mark) -> bool {
        match mark.kind {
            MarkKind::Entity(i) => self.mention_entities.get(i).copied().flatten().is_some(),
            MarkKind::Speaker(i) => self.speaker_entities.get(i).copied().flatten().is_some(),
            _ => false,
        }
    }

    fn wrap(&self, mark: &Mark, inner: Markup, in_link: bool) -> Markup {
        match mark.kind {
            MarkKind::Paragraph { credit } => html! {
                p class=[credit.then_some("credit")] { (inner) }
            },
            MarkKind::Quote(i) => {
                let Some(Some(a)) = self.attributions.get(i) else {
                    return inner;
                };
                let kind = kind_str(&a.kind);
                let tip_id = format!("tip-{i}-{}", mark.piece);
                let anchor = (mark.piece == 0).then(|| format!("q-{i}"));
                let speaker_kind = a
                    .speaker
                    .as_ref()
                    .and_then(|s| s.kind)
                    .map(|k| kind_str(&k))
                    .unwrap_or_default();
                html! {
                    span id=[anchor] class={ "q q-" (css_token(&kind)) " sk-" (css_token(&speaker_kind)) }
                        tabindex="0" aria-describedby=(tip_id) data-speaker=[self.speaker_name(i)] {
                        (inner)
                        (self.tooltip(i, a, &tip_id))
                    }
                }
            }
            MarkKind::Speaker(i) => match self.speaker_entities.get(i).copied().flatten() {
                Some(id) if !in_link => html! { a.spk href=(entity_url(id)) { (inner) } },
                _ => html! { span.spk { (inner) } },
            },
            MarkKind::Cue(_) => html! { span.cue { (inner) } },
            MarkKind::Entity(i) => {
                let label = self
                    .entities
                    .get(i)
                    .and_then(|e| e.as_ref())
                    .map(|e| e.label.clone())
                    .unwrap_or_default();
                let class = format!("ent e-{}", css_token(&label));
                match self.mention_entities.get(i).copied().flatten() {
                    Some(id) if !in_link => html! {
                        a class=(class) href=(entity_url(id)) title=(type_label(&label)) { (inner) }
                    },
                    _ => html! { span class=(class) title=(type_label(&label)) { (inner) } },
                }
            }
            MarkKind::Date(i) => {
                let title = self
                    .dates
                    .get(i)
                    .and_then(|d| d.as_ref())
                    .map(|d| {
                        format!(
                            "date: {} ({})",
                            d.label().as_deref().unwrap_or("unresolved"),
                            d.granularity
                        )
                    })
                    .unwrap_or_default();
                html! { span.date title=(title) { (inner) } }
            }
            MarkKind::Figure(i) => {
                let title = self
                    .figures
                    .get(i)
                    .and_then(|f| f.as_ref())
                    .map(|f| {
                        let mut t = String::from("figure");
                        if let Some(v) = f.value {
                            t.push_str(&format!(": {v}"));
                        }
                        if let Some(u) = &f.unit {
                            t.push_str(&format!(" {u}"));
                        }
                        if let Some(h) = &f.hedge {
                            t.push_str(&format!(" (hedge: {h})"));
                        }
                        if let Some(k) = &f.kind {
                            t.push_str(&format!(" [{k}]"));
                        }
                        t
                    })
                    .unwrap_or_default();
                html! { span.fig title=(title) { (inner) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaser_notes_read_as_sentences() {
        assert_eq!(
            truncation_note(Some("ends mid-sentence after 100 words (teaser cut)")),
            "This text ends mid-sentence after 100 words; the full article is not in the corpus."
        );
        assert!(truncation_note(None).starts_with("This text is cut off;"));
        assert!(truncation_note(Some("feed summary")).contains("(feed summary)"));
    }

    #[test]
    fn reasons_that_repeat_the_descriptor_are_dropped() {
        assert!(repeats(
            "not authorised to speak publicly",
            Some("an official not authorised to speak publicly")
        ));
        assert!(!repeats(
            "not authorised to speak",
            Some("a senior official")
        ));
        assert!(!repeats("not authorised", None));
    }
    use newsgraph_model::*;

    fn view(text: &str) -> ArticleView {
        let mut a = AnalyzedArticle::from(Article::new(text.to_string(), Source::default()));
        let find = |s: &str| text.find(s).unwrap();
        let q = find("We agree");
        let sp = find("Mr Blair");
        a.entities.push(Entity {
            start: sp + 3,
            end: sp + 8,
            text: "Blair".into(),
            label: "PER".into(),
            entity: None,
            confidence: 1.0,
        });
        a.attributions.push(Attribution {
            kind: AttributionKind::Direct,
            content: TextSpan::from_span(Span::new(q, q + 8), text),
            cue: None,
            speaker: Some(Speaker {
                start: sp,
                end: sp + 8,
                text: "Mr Blair".into(),
                name: Some("Tony Blair".into()),
                kind: Some(SpeakerKind::NamedPerson),
                descriptor: Some("Prime <i>Minister</i>".into()),
                anonymity_reason: None,
            }),
            response: None,
            cue_class: None,
        });
        a.sourcing = Sourcing::from_attributions(&a.attributions);
        a.article.truncated = true;
        ArticleView {
            seq: 7,
            article: serde_json::to_value(&a).unwrap(),
            mention_entities: vec![Some(3)],
            speaker_entities: vec![Some(3)],
            entities: vec![],
        }
    }

    fn body(resp: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(axum::body::to_bytes(resp.into_body(), 1 << 24))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn quotes_get_tooltips_and_speakers_link_once() {
        let html = body(render_page(view(
            "<script>alert(1)</script> \"We agree,\" Mr Blair said.",
        )));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("class=\"q q-direct sk-named_person\""));
        assert!(html.contains("Tony Blair"));
        assert!(html.contains("Prime &lt;i&gt;Minister&lt;/i&gt;"));
        // The entity inside the linked speaker is not a second, nested link.
        assert_eq!(html.matches("href=\"/entities/3\"").count(), 2, "{html}");
        assert!(html.contains("Teaser only."));
    }

    #[test]
    fn broken_documents_still_render() {
        let v = ArticleView {
            seq: 1,
            article: serde_json::json!({"text": "Plain text.", "attributions": [{"kind": "bogus"}], "entities": "x"}),
            mention_entities: vec![],
            speaker_entities: vec![],
            entities: vec![],
        };
        let html = body(render_page(v));
        assert!(html.contains("Article 1"), "{html}");
    }
}
