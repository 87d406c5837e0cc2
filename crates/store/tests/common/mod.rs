//! Synthetic analysed articles with every field filled, for store tests.
#![allow(dead_code)]

use newsgraph_model::*;

/// People, organisations and places the synthetic articles talk about.
pub(crate) const PEOPLE: &[&str] = &[
    "Tony Blair",
    "Gordon Brown",
    "Craig Brown",
    "Angela Merkel",
    "Kofi Annan",
];
pub(crate) const ORGS: &[&str] = &[
    "Islamic State of Iraq and Syria",
    "United Nations",
    "Labour Party",
    "Scottish Football Association",
];
pub(crate) const PLACES: &[&str] = &["London", "Paris", "Glasgow", "Berlin"];

fn find_all(text: &str, needle: &str, label: &str, out: &mut Vec<Entity>) {
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        // Skip a match inside a longer mention already taken.
        if !out.iter().any(|e| e.start < end && start < e.end) {
            out.push(Entity {
                start,
                end,
                text: needle.to_string(),
                label: label.to_string(),
                entity: None,
                confidence: 0.9,
            });
        }
        from = end;
    }
}

/// Entity mentions of the known names (full names first, then surnames and acronyms).
pub(crate) fn tag(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    for p in PEOPLE {
        find_all(text, p, "PER", &mut out);
    }
    for o in ORGS {
        find_all(text, o, "ORG", &mut out);
    }
    for p in PLACES {
        find_all(text, p, "GPE", &mut out);
    }
    for s in ["Mr Blair", "Mr Brown", "Brown", "Blair", "Merkel"] {
        find_all(text, s, "PER", &mut out);
    }
    for a in ["ISIS", "UN", "SFA"] {
        find_all(text, a, "ORG", &mut out);
    }
    out.sort_by_key(|e| e.start);
    out
}

/// Article `i` of a deterministic synthetic corpus: politics (even) or football (odd).
pub(crate) fn article(i: usize) -> AnalyzedArticle {
    let day = 1 + (i % 28);
    let month = 1 + (i / 28) % 12;
    let published = format!("2005-{month:02}-{day:02}");
    let (title, text) = if i.is_multiple_of(2) {
        (
            format!("Blair and Brown on budget {i}"),
            format!(
                "Tony Blair met Gordon Brown and Kofi Annan in London on Monday to discuss budget plan {i}.\n\
                 \"We will cut taxes by 3% and the United Nations agrees,\" Mr Blair said of the ISIS talks.\n\
                 Gordon Brown said the Labour Party would win. A senior official, who declined to be named, said the plan was late.\n\
                 The UN did not respond to a request for comment. Reporting by Jane Doe."
            ),
        )
    } else {
        (
            format!("Brown names Scotland squad {i}"),
            format!(
                "Craig Brown named his squad in Glasgow for match {i} on Saturday.\n\
                 \"The Scottish Football Association backs us,\" Brown said.\n\
                 The SFA said about 40,000 fans would travel to Berlin."
            ),
        )
    };
    let mut a = Article::new(
        text,
        Source {
            file: format!("synthetic/{i}.txt"),
            lines: [1, 4],
            bytes: [0, 0],
        },
    );
    a.title = Some(title);
    a.outlet = Some(if i.is_multiple_of(3) {
        "BBC".into()
    } else {
        "Reuters".into()
    });
    a.published = Some(Published {
        value: published.clone(),
        from: PublishedFrom::Metadata,
    });
    if i.is_multiple_of(2) {
        a.credits.additional_reporting.push("Jane Doe".into());
        if let Some(p) = a.text.find("Reporting by Jane Doe.") {
            a.credit_spans
                .push(Span::new(p, p + "Reporting by Jane Doe.".len()));
        }
    }
    let text = a.text.clone();
    let span_of = |needle: &str| -> TextSpan {
        let s = text.find(needle).unwrap_or(0);
        TextSpan::from_span(Span::new(s, s + needle.len()), &text)
    };
    let entities = tag(&text);
    let attributions = synthetic_attributions(i, &span_of);
    let (dates, figures, events) = synthetic_dated_facts(i, &published, &text, &entities, &span_of);
    let sourcing = Sourcing::from_attributions(&attributions);
    AnalyzedArticle {
        article: a,
        entities,
        attributions,
        sourcing,
        dates,
        figures,
        events,
    }
}

/// The attributions of synthetic article `i` (a quote, an anonymous source and a non-response in
/// the politics articles; a quote in the football ones).
fn synthetic_attributions(i: usize, span_of: &dyn Fn(&str) -> TextSpan) -> Vec<Attribution> {
    let mut attributions = Vec::new();
    if i.is_multiple_of(2) {
        let sp = span_of("Mr Blair");
        attributions.push(Attribution {
            kind: AttributionKind::Direct,
            content: span_of("We will cut taxes by 3% and the United Nations agrees,"),
            cue: Some(span_of("said")),
            speaker: Some(Speaker {
                start: sp.start,
                end: sp.end,
                text: sp.text,
                name: Some("Tony Blair".into()),
                kind: Some(SpeakerKind::NamedPerson),
                descriptor: Some("Prime Minister".into()),
                anonymity_reason: None,
            }),
            response: None,
            cue_class: None,
        });
        let sp = span_of("A senior official");
        attributions.push(Attribution {
            kind: AttributionKind::Reported,
            content: span_of("the plan was late"),
            cue: Some(span_of("said the plan")),
            speaker: Some(Speaker {
                start: sp.start,
                end: sp.end,
                text: sp.text,
                name: None,
                kind: Some(SpeakerKind::AnonymousPerson),
                descriptor: Some("senior official".into()),
                anonymity_reason: Some("declined to be named".into()),
            }),
            response: None,
            cue_class: None,
        });
        let sp = span_of("The UN");
        attributions.push(Attribution {
            kind: AttributionKind::NonResponse,
            content: span_of("did not respond to a request for comment"),
            cue: None,
            speaker: Some(Speaker {
                start: sp.start,
                end: sp.end,
                text: sp.text,
                name: Some("UN".into()),
                kind: Some(SpeakerKind::NamedOrg),
                descriptor: None,
                anonymity_reason: None,
            }),
            response: Some(ResponseKind::NoResponse),
            cue_class: None,
        });
    } else {
        let sp = span_of("Brown said");
        attributions.push(Attribution {
            kind: AttributionKind::Direct,
            content: span_of("The Scottish Football Association backs us,"),
            cue: Some(span_of("said")),
            speaker: Some(Speaker {
                start: sp.start,
                end: sp.start + 5,
                text: "Brown".into(),
                name: Some("Craig Brown".into()),
                kind: Some(SpeakerKind::NamedPerson),
                descriptor: Some("Scotland manager".into()),
                anonymity_reason: None,
            }),
            response: None,
            cue_class: None,
        });
    }
    attributions
}

/// The date mention, the figure and the dated event of synthetic article `i`.
fn synthetic_dated_facts(
    i: usize,
    published: &str,
    text: &str,
    entities: &[Entity],
    span_of: &dyn Fn(&str) -> TextSpan,
) -> (Vec<DateMention>, Vec<Figure>, Vec<Event>) {
    let day_span = span_of(if i.is_multiple_of(2) {
        "Monday"
    } else {
        "Saturday"
    });
    let dates = vec![DateMention {
        start: day_span.start,
        end: day_span.end,
        text: day_span.text.clone(),
        value: Some(published.to_string()),
        granularity: "day".into(),
        modifier: None,
        interval: Some([published.to_string(), published.to_string()]),
    }];
    let fig = span_of(if i.is_multiple_of(2) {
        "3%"
    } else {
        "about 40,000 fans"
    });
    let figures = vec![Figure {
        start: fig.start,
        end: fig.end,
        text: fig.text.clone(),
        value: Some(if i.is_multiple_of(2) { 3.0 } else { 40000.0 }),
        hedge: if i.is_multiple_of(2) {
            None
        } else {
            Some("about".into())
        },
        unit: Some(if i.is_multiple_of(2) {
            "percent".into()
        } else {
            "people".into()
        }),
        kind: Some("count".into()),
    }];
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let events = vec![Event {
        date: published.to_string(),
        date_index: 0,
        sentence: TextSpan::from_span(Span::new(0, first_line_end), text),
        entities: entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.end <= first_line_end)
            .map(|(k, _)| k)
            .collect(),
        figures: vec![],
    }];
    (dates, figures, events)
}

pub(crate) fn corpus(n: usize) -> Vec<AnalyzedArticle> {
    (0..n).map(article).collect()
}
