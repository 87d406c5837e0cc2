//! Dated statements: each sentence carrying a resolved date becomes a timeline [`Event`].

use newsgraph_model::{DateMention, Entity, Event, Figure, Span, TextSpan};

/// The events of one article: one per (sentence, resolved date) pair, in text order.
pub fn events(
    text: &str,
    sentences: &[Span],
    dates: &[DateMention],
    entities: &[Entity],
    figures: &[Figure],
) -> Vec<Event> {
    let mut out = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let Some(value) = d.value.clone() else {
            continue;
        };
        let ds = Span::new(d.start, d.end);
        let Some(sentence) = sentences.iter().find(|s| s.contains(&ds)) else {
            continue;
        };
        out.push(Event {
            date: value,
            date_index: i,
            sentence: TextSpan::from_span(*sentence, text),
            entities: (0..entities.len())
                .filter(|&k| sentence.contains(&Span::new(entities[k].start, entities[k].end)))
                .collect(),
            figures: (0..figures.len())
                .filter(|&k| sentence.contains(&Span::new(figures[k].start, figures[k].end)))
                .collect(),
        });
    }
    out
}
