//! Ages ("18-year-old", "45 years old", "aged 30", "Smith, 45,"), ratios ("16.2 times",
//! "fivefold", "10-fold") and units of measure ("1,000 tonnes", "5 km").

use newsgraph_nlp::lexicon;
use once_cell::sync::Lazy;

use super::tokens::{at, glued_punct, is_at, prev, Toks};
use super::FigureKind;
use crate::temporal::lexer::Kind;
use crate::temporal::number_word;
use crate::temporal::words::{words, Table};

static MEASURE_UNITS: Lazy<Table<&'static str>> =
    Lazy::new(|| words(lexicon!("measure_units.txt")));

/// The unit of measure a lowercase word names ("tons" → "tonnes").
pub(super) fn measure_unit(lower: &str) -> Option<&'static str> {
    MEASURE_UNITS.get(lower).copied()
}

/// A figure's unit and kind read after its number, and the token after them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Suffix {
    pub unit: &'static str,
    pub kind: FigureKind,
    pub end: usize,
}

/// A multiple written as one word at `i`: "fivefold", "tenfold", "hundredfold".
pub(super) fn fold_word(lower: &str) -> Option<f64> {
    let stem = lower.strip_suffix("fold")?;
    if stem == "hundred" {
        Some(100.0)
    } else {
        number_word(stem)
    }
}

/// The number that ends before `end` (starting at token `i`, written in words or not, with its
/// figure starting at `start`) is an age: "18-year-old", "45 years old", "aged 30", "Smith, 45,".
pub(super) fn age_after(
    toks: Toks,
    start: usize,
    i: usize,
    end: usize,
    value: f64,
    in_words: bool,
) -> Option<Suffix> {
    let age = |end| {
        Some(Suffix {
            unit: "years",
            kind: FigureKind::Age,
            end,
        })
    };
    if glued_punct(toks, end, '-')
        && is_at(toks, end + 1, "year")
        && glued_punct(toks, end + 2, '-')
        && is_at(toks, end + 3, "old")
    {
        return age(end + 4);
    }
    if is_at(toks, end, "years") && is_at(toks, end + 1, "old") {
        return age(end + 2);
    }
    let aged = prev(toks, start, 1).is_some_and(|p| p.is("aged"));
    let appositive = !in_words
        && prev(toks, i, 1).is_some_and(|p| p.is_punct(','))
        && prev(toks, i, 2).is_some_and(|p| p.kind == Kind::Word && p.is_capitalized())
        && at(toks, end).is_some_and(|n| n.is_punct(','))
        && (1.0..=110.0).contains(&value)
        && value.fract() == 0.0;
    if aged || appositive {
        return age(end);
    }
    None
}

/// A ratio after the number ending before `end`: "16.2 times", "three times" (from two up), "10-fold".
pub(super) fn ratio_after(toks: Toks, end: usize, value: f64, in_words: bool) -> Option<Suffix> {
    let ratio = |end| {
        Some(Suffix {
            unit: "times",
            kind: FigureKind::Ratio,
            end,
        })
    };
    if is_at(toks, end, "times") && (!in_words || value >= 2.0) {
        return ratio(end + 1);
    }
    if glued_punct(toks, end, '-') && is_at(toks, end + 1, "fold") {
        return ratio(end + 2);
    }
    None
}

/// A unit of measure at `end`; "kilowatt hours" and "kilowatt-hours" are one unit.
pub(super) fn measure_after(toks: Toks, end: usize) -> Option<Suffix> {
    let unit = at(toks, end).and_then(|n| measure_unit(&n.lower))?;
    let mut end = end + 1;
    if unit == "kilowatt-hours" {
        while at(toks, end).is_some_and(|n| n.is("hours") || n.is_punct('-')) {
            end += 1;
        }
    }
    Some(Suffix {
        unit,
        kind: FigureKind::Measure,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::words::entry_count;

    #[test]
    fn every_unit_line_parses() {
        assert_eq!(
            MEASURE_UNITS.len(),
            entry_count(lexicon!("measure_units.txt"))
        );
        assert_eq!(measure_unit("tons"), Some("tonnes"));
        assert_eq!(fold_word("fivefold"), Some(5.0));
    }
}
