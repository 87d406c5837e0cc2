//! Dated statements: each sentence carrying a resolved date becomes a timeline [`Event`].

use newsgraph_model::{DateMention, Entity, Event, Figure, Span, TextSpan};

/// Whether a date value places a statement on the calendar (durations such as "P30Y" and
/// unresolved mentions do not).
fn is_calendar_value(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_digit())
}

/// The events of one article: one per (sentence, resolved calendar date) pair, in text order. A
/// sentence naming the same date twice gives one event. Dates outside every sentence span are
/// placed in the smallest span around them, so no dated statement is lost to a sentence splitter
/// that skipped a line.
pub fn events(
    text: &str,
    sentences: &[Span],
    dates: &[DateMention],
    entities: &[Entity],
    figures: &[Figure],
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let Some(value) = d.value.as_deref().filter(|v| is_calendar_value(v)) else {
            continue;
        };
        let ds = Span::new(d.start, d.end);
        let Some(sentence) = sentences
            .iter()
            .filter(|s| s.contains(&ds) || s.overlaps(&ds))
            .min_by_key(|s| s.len())
        else {
            continue;
        };
        if out
            .iter()
            .any(|e| e.date == value && e.sentence.span() == *sentence)
        {
            continue;
        }
        let inside =
            |start: usize, end: usize| sentence.contains(&Span::new(start, end.max(start)));
        out.push(Event {
            date: value.to_string(),
            date_index: i,
            sentence: TextSpan::from_span(*sentence, text),
            entities: entities
                .iter()
                .enumerate()
                .filter(|(_, e)| inside(e.start, e.end))
                .map(|(k, _)| k)
                .collect(),
            figures: figures
                .iter()
                .enumerate()
                .filter(|(_, f)| inside(f.start, f.end))
                .map(|(k, _)| k)
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract_figures;
    use crate::temporal::extract_dates;

    #[test]
    fn one_event_per_sentence_and_calendar_date() {
        let text = "On Jan. 3 about 100 people were killed. He ruled for 30 years. Jan. 3 and Jan. 3 again.";
        let sentences = vec![
            Span::new(0, 39),
            Span::new(40, 62),
            Span::new(63, text.len()),
        ];
        let dates = extract_dates(text, chrono::NaiveDate::from_ymd_opt(2024, 7, 23));
        let figures = extract_figures(text);
        let ev = events(text, &sentences, &dates, &[], &figures);
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!(ev[0].date, "2024-01-03");
        assert_eq!(ev[0].figures.len(), 1);
        assert_eq!(ev[1].sentence.start, 63);
    }
}
