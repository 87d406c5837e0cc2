//! Dated statements: each sentence carrying a resolved date becomes a timeline [`Event`].
//!
//! Sentences, entities and figures arrive in text order from the pipeline, so each date finds its
//! sentence, and each sentence its entities and figures, by binary search; an article with `n`
//! dates takes `O(n log n)` time plus the size of what it returns. Unsorted input (not from the
//! pipeline) is handled by a plain scan, with the same result.

use newsgraph_model::{DateMention, Entity, Event, Figure, Span, TextSpan};
use rustc_hash::FxHashSet;

/// Whether a date value places a statement on the calendar (durations such as "P30Y" and
/// unresolved mentions do not).
fn is_calendar_value(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_digit())
}

/// Well-formed spans in text order that do not overlap (each ends before the next starts).
fn is_ordered_and_disjoint(spans: &[Span]) -> bool {
    spans.iter().all(|s| s.start <= s.end) && spans.windows(2).all(|w| w[0].end <= w[1].start)
}

/// The smallest sentence that contains or overlaps `ds` (the first of equal ones).
fn sentence_of(sentences: &[Span], ordered: bool, ds: Span) -> Option<Span> {
    let candidates = if ordered && !ds.is_empty() {
        // Ordered, disjoint sentences overlapping a non-empty span form one run.
        let lo = sentences.partition_point(|s| s.end <= ds.start);
        let hi = sentences.partition_point(|s| s.start < ds.end);
        sentences.get(lo..hi.max(lo)).unwrap_or(&[])
    } else {
        sentences
    };
    candidates
        .iter()
        .filter(|s| s.contains(&ds) || s.overlaps(&ds))
        .min_by_key(|s| s.len())
        .copied()
}

/// Indices of the items (given by their start, end) that lie inside `sentence`, in order.
/// `starts_sorted`: the items are in order of their start.
fn indices_inside(sentence: Span, items: &[(usize, usize)], starts_sorted: bool) -> Vec<usize> {
    let inside =
        |&(start, end): &(usize, usize)| sentence.contains(&Span::new(start, end.max(start)));
    let (from, to) = if starts_sorted {
        (
            items.partition_point(|(start, _)| *start < sentence.start),
            items.partition_point(|(start, _)| *start <= sentence.end),
        )
    } else {
        (0, items.len())
    };
    (from..to.max(from))
        .filter(|&k| items.get(k).is_some_and(inside))
        .collect()
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
    let ordered = is_ordered_and_disjoint(sentences);
    let entity_spans: Vec<(usize, usize)> = entities.iter().map(|e| (e.start, e.end)).collect();
    let figure_spans: Vec<(usize, usize)> = figures.iter().map(|f| (f.start, f.end)).collect();
    let entities_sorted = entity_spans.windows(2).all(|w| w[0].0 <= w[1].0);
    let figures_sorted = figure_spans.windows(2).all(|w| w[0].0 <= w[1].0);
    let mut seen: FxHashSet<(&str, Span)> = FxHashSet::default();
    let mut out: Vec<Event> = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        let Some(value) = d.value.as_deref().filter(|v| is_calendar_value(v)) else {
            continue;
        };
        let Some(sentence) = sentence_of(sentences, ordered, Span::new(d.start, d.end)) else {
            continue;
        };
        if !seen.insert((value, sentence)) {
            continue;
        }
        out.push(Event {
            date: value.to_string(),
            date_index: i,
            sentence: TextSpan::from_span(sentence, text),
            entities: indices_inside(sentence, &entity_spans, entities_sorted),
            figures: indices_inside(sentence, &figure_spans, figures_sorted),
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

    #[test]
    fn sentence_order_does_not_change_events() {
        let text = "On Jan. 3 about 100 people were killed. He ruled for 30 years. Jan. 3 and May 5, 2020.";
        let sentences = vec![
            Span::new(0, 39),
            Span::new(40, 62),
            Span::new(63, text.len()),
        ];
        let reversed: Vec<Span> = sentences.iter().rev().copied().collect();
        let dates = extract_dates(text, chrono::NaiveDate::from_ymd_opt(2024, 7, 23));
        let figures = extract_figures(text);
        let searched = events(text, &sentences, &dates, &[], &figures);
        let scanned = events(text, &reversed, &dates, &[], &figures);
        assert_eq!(searched.len(), 3, "{searched:?}");
        assert_eq!(searched, scanned);
    }
}
