//! Numbers with their hedges, units and what they count.
//!
//! A figure is a number written in digits ("150,000", "1.5", "1-1/8") or words ("seven",
//! "twenty-five", "a dozen", "half a million"), scaled ("15 mln", "$2.5bn", "three billion"), with
//! the hedge before it ("about", "more than", "nearly", "up to"), its currency or unit ("US$",
//! "£", "NT$", "pct", "per cent", "dlrs", "tonnes") or the noun phrase it counts ("Tajik
//! families"), and a type: money, percentage, casualties, age, count, ratio, proportion, measure.
//! Vague quantities ("dozens of", "tens of thousands") get the lower bound they imply and the
//! hedge "vague". Dates, years, durations and times are the temporal stage's, not figures.
//!
//! The scanner walks the [`lexer`](crate::temporal::lexer) tokens once, left to right. At each
//! token it tries, in order, a vague quantity, a fraction, a "-fold" word, then a number with the
//! currency before it ([`money`]) and its scale ([`numbers`]), and reads what follows: a percentage
//! ([`percent`]), a currency word, an age, a ratio or a unit of measure ([`measures`]), else the
//! noun phrase it counts ([`counts`]). Each rule looks at most a few tokens around the number
//! (hyphenated words and digit groups aside, which the figure then covers), and the scan resumes
//! after the figure, so the work is linear in the text. Two passes over the figures then share
//! units within ranges ("between 20 and 30%") and comparisons ("76.9 mln dlrs ... from 73.1 mln").

mod counts;
mod measures;
mod money;
mod numbers;
mod percent;
mod tokens;

use std::ops::ControlFlow;

use newsgraph_model::{Figure, Span};
use newsgraph_nlp::lexicon;
use newsgraph_nlp::lexicon::WordSet;
use once_cell::sync::Lazy;

use crate::temporal::expression_mask;
use crate::temporal::lexer::{lex, Kind};
use counts::{counted_noun, is_stop, type_of};
use measures::{age_after, fold_word, measure_after, measure_unit, ratio_after, Suffix};
use money::{currency_after, currency_before};
use numbers::{fraction_here, hedge_before, number_here, scale_of, vague_here, Number};
use percent::percent_after;
use tokens::{at, glued_punct, is_at, is_ordinal_suffix, prev, Toks};

static COMPARISON_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("comparison_words.txt")));
static RANGE_SEPARATORS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("range_separators.txt")));

/// Longest gap (bytes) between a bare number and the money or percentage figure it is compared
/// with; also what bounds the work of [`inherit_units`].
const MAX_COMPARISON_GAP: usize = 200;

/// The type of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureKind {
    Money,
    Percentage,
    Casualties,
    Age,
    Count,
    Ratio,
    Proportion,
    Measure,
}

impl FigureKind {
    fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percentage => "percentage",
            FigureKind::Casualties => "casualties",
            FigureKind::Age => "age",
            FigureKind::Count => "count",
            FigureKind::Ratio => "ratio",
            FigureKind::Proportion => "proportion",
            FigureKind::Measure => "measure",
        }
    }
}

/// Where a figure starts: its first token and the hedge that opens it, if any.
#[derive(Debug, Clone, Copy)]
struct Lead {
    start: usize,
    hedge: Option<&'static str>,
}

impl Lead {
    /// The figure whose number is at `i`, opened by the hedge right before it.
    fn at(toks: Toks, i: usize) -> Self {
        match hedge_before(toks, i) {
            Some(h) => Lead {
                start: h.start,
                hedge: Some(h.canonical),
            },
            None => Lead {
                start: i,
                hedge: None,
            },
        }
    }
}

/// A figure read, before it becomes a [`Figure`] with its text.
#[derive(Debug, Clone)]
struct Reading {
    lead: Lead,
    /// The token after the figure.
    end: usize,
    value: f64,
    unit: Option<String>,
    kind: Option<FigureKind>,
}

/// What the scanner does at a token.
enum Step {
    /// A figure, and the token after it.
    Figure(Figure, usize),
    /// No figure, but resume at this token: "737-800" is a code, not two numbers.
    Skip(usize),
}

/// Every figure in `text`.
pub fn extract_figures(text: &str) -> Vec<Figure> {
    let toks = lex(text);
    let in_date = expression_mask(&toks);
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match figure_at(text, &toks, i, &in_date) {
            Some(Step::Figure(fig, end)) => {
                out.push(fig);
                i = end.max(i + 1);
            }
            Some(Step::Skip(end)) => i = end.max(i + 1),
            None => i += 1,
        }
    }
    distribute_range_units(&mut out, text);
    inherit_units(&mut out, text);
    out
}

/// "76.9 mln dlrs … from 73.1 mln", "10.15 pct against 9.66": a bare number compared with a
/// money or percentage figure earlier in the same sentence takes its unit. One pass, remembering
/// the latest such figure; each gap examined is under [`MAX_COMPARISON_GAP`] bytes.
fn inherit_units(figs: &mut [Figure], text: &str) {
    let priced = |f: &Figure| matches!(f.kind.as_deref(), Some("money") | Some("percentage"));
    let mut latest_priced: Option<usize> = None;
    for k in 0..figs.len() {
        if let Some(p) = latest_priced {
            let (before, rest) = figs.split_at_mut(k);
            if let (Some(prev), Some(cur)) = (before.get(p), rest.first_mut()) {
                inherit_unit(prev, cur, text);
            }
        }
        if figs.get(k).is_some_and(priced) {
            latest_priced = Some(k);
        }
    }
}

/// Gives `cur` the unit and kind of `prev` when it is a bare number compared with it.
fn inherit_unit(prev: &Figure, cur: &mut Figure, text: &str) {
    if cur.unit.is_some() || cur.kind.is_some() || cur.hedge.as_deref() == Some("vague") {
        return;
    }
    let between = text.get(prev.end..cur.start).unwrap_or("");
    if between.len() >= MAX_COMPARISON_GAP {
        return;
    }
    let same_sentence =
        !between.contains(". ") && !between.contains('\n') && !between.contains(';');
    let compared = between
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| COMPARISON_WORDS.contains(w.trim_matches(|c: char| !c.is_alphanumeric())));
    if same_sentence && compared {
        cur.unit = prev.unit.clone();
        cur.kind = prev.kind.clone();
    }
}

/// "between 20 and 30%", "30 to 60 billion baht", "$24-$26": the first number takes the unit and
/// scale of the second when it has none.
fn distribute_range_units(figs: &mut [Figure], text: &str) {
    for k in 1..figs.len() {
        let (a, b) = figs.split_at_mut(k);
        let (Some(first), Some(second)) = (a.last_mut(), b.first()) else {
            continue;
        };
        let gap = text.get(first.end..second.start).unwrap_or("").trim();
        if !RANGE_SEPARATORS.contains(gap) || first.unit.is_some() || second.unit.is_none() {
            continue;
        }
        if let (Some(v1), Some(_)) = (first.value, second.value) {
            // The second's scale: "30 to 60 billion" → 30 billion.
            let scale = scale_in(second.text.as_str());
            if scale > 1.0 && v1 < scale {
                first.value = Some(v1 * scale);
            }
        }
        first.unit = second.unit.clone();
        first.kind = second.kind.clone();
    }
}

fn scale_in(figure_text: &str) -> f64 {
    let toks = lex(figure_text);
    toks.iter()
        .filter(|t| t.kind == Kind::Word)
        .filter_map(|t| scale_of(&t.lower))
        .fold(1.0, f64::max)
}

/// Numbers that are part of names or codes: "Group 24", "G7", "Boeing 737-800", "COVID-19".
fn is_name_number(toks: Toks, i: usize) -> bool {
    let (Some(t), Some(p)) = (at(toks, i), prev(toks, i, 1)) else {
        return false;
    };
    if t.glued() && p.kind == Kind::Word {
        return true;
    }
    if t.glued()
        && p.is_punct('-')
        && prev(toks, i, 2).is_some_and(|q| q.kind == Kind::Word && q.glued())
    {
        return true;
    }
    // "No. 1", "Article 5", "Boeing 737": a capitalised word right before (not a sentence start,
    // not a month, not a hedge such as "Some 30", not an acronym).
    if p.kind == Kind::Word
        && p.is_capitalized()
        && !p.newline_before
        && prev(toks, i, 2)
            .is_some_and(|q| !q.is_punct('.') && !q.is_punct('"') && !q.is_punct('“'))
        && crate::temporal::month_of(&p.lower).is_none()
        && hedge_before(toks, i).is_none()
        && !p.text.chars().all(|c| c.is_ascii_uppercase())
    {
        return true;
    }
    p.is("no") && glued_punct(toks, i - 1, '.')
}

/// The figure starting at token `i`, or where to resume when `i` starts a number that is no
/// figure. `in_date[k]`: token `k` lies in a temporal expression.
fn figure_at(text: &str, toks: Toks, i: usize, in_date: &[bool]) -> Option<Step> {
    let t = at(toks, i)?;
    if in_date.get(i).copied().unwrap_or(false) {
        return None;
    }
    let mut lead = Lead::at(toks, i);
    if let Some(step) = vague_figure(text, toks, i, lead) {
        return Some(step);
    }
    if let ControlFlow::Break(step) = fraction_figure(text, toks, i, lead, in_date) {
        return step;
    }
    if let Some(value) = fold_word(&t.lower) {
        let ratio = Reading {
            lead,
            end: i + 1,
            value,
            unit: Some("times".into()),
            kind: Some(FigureKind::Ratio),
        };
        return Some(finish(text, toks, ratio));
    }
    let currency = currency_before(toks, i).map(|c| {
        lead = currency_lead(toks, i - c.tokens, lead);
        c.code
    });
    let mut number = number_here(toks, i)?;
    if let ControlFlow::Break(step) = not_a_figure(toks, i, &number, currency.is_some()) {
        return step;
    }
    apply_scale(toks, &mut number);
    let mut reading = unit_of_number(toks, lead, &number, currency);
    if reading.kind.is_none() {
        let suffix = age_after(
            toks,
            lead.start,
            i,
            number.end,
            number.value,
            number.in_words,
        )
        .or_else(|| ratio_after(toks, number.end, number.value, number.in_words));
        if let Some(s) = suffix {
            return Some(finish(text, toks, with_suffix(reading, s)));
        }
        if let Some(s) = measure_after(toks, number.end) {
            reading = with_suffix(reading, s);
        }
    }
    Some(finish(text, toks, counted(toks, reading)))
}

/// A vague quantity at `i` ("dozens of", "tens of thousands of"), with what it counts.
fn vague_figure(text: &str, toks: Toks, i: usize, lead: Lead) -> Option<Step> {
    let amount = vague_here(toks, i)?;
    let noun = is_at(toks, amount.end, "of")
        .then(|| counted_noun(toks, amount.end + 1))
        .flatten();
    let (unit, end) = match noun {
        Some(n) => (Some(n.words), n.end),
        None => (None, amount.end),
    };
    let found = unit.as_ref().map(|_| FigureKind::Count);
    let kind = type_of(toks, lead.start, end, unit.as_deref(), found);
    let lead = Lead {
        hedge: Some("vague"),
        ..lead
    };
    Some(finish(
        text,
        toks,
        Reading {
            lead,
            end,
            value: amount.value,
            unit,
            kind,
        },
    ))
}

/// A fraction at `i` ("two-thirds of", "nearly half"): `Break` with the figure, or with `None`
/// when the token is no figure at all ("half of the year", a bare "half"); `Continue` to read a
/// number ("half a million").
fn fraction_figure(
    text: &str,
    toks: Toks,
    i: usize,
    lead: Lead,
    in_date: &[bool],
) -> ControlFlow<Option<Step>> {
    let (Some(t), Some(amount)) = (at(toks, i), fraction_here(toks, i)) else {
        return ControlFlow::Continue(());
    };
    let counts_something = is_at(toks, amount.end, "of") || lead.hedge.is_some();
    let last = amount.end.saturating_sub(1);
    // A fraction that runs into a date falls through to the rules below.
    if counts_something && !in_date.get(last).copied().unwrap_or(false) {
        if is_at(toks, amount.end, "of")
            && is_at(toks, amount.end + 1, "the")
            && at(toks, amount.end + 2)
                .is_some_and(|n| matches!(n.lower.as_ref(), "year" | "century" | "decade"))
        {
            return ControlFlow::Break(None);
        }
        let fraction = Reading {
            lead,
            end: amount.end,
            value: amount.value,
            unit: Some("fraction".into()),
            kind: Some(FigureKind::Proportion),
        };
        return ControlFlow::Break(Some(finish(text, toks, fraction)));
    }
    // "half a million" is a number, read below.
    if t.is("half") && !is_at(toks, i + 1, "a") {
        return ControlFlow::Break(None);
    }
    ControlFlow::Continue(())
}

/// The lead of a figure whose currency starts at `currency_start`: the hedge before the
/// currency ("about $5"), or the currency itself.
fn currency_lead(toks: Toks, currency_start: usize, lead: Lead) -> Lead {
    if lead.hedge.is_some() {
        return Lead {
            start: lead.start.min(currency_start),
            ..lead
        };
    }
    match hedge_before(toks, currency_start) {
        Some(h) => Lead {
            start: h.start,
            hedge: Some(h.canonical),
        },
        None => Lead {
            start: currency_start,
            hedge: None,
        },
    }
}

/// Numbers that are no figure: `Break(None)` for names, ordinals, times, codes and pronouns;
/// `Break(Some(Skip))` past a code like "737-800"; `Continue` for a figure.
fn not_a_figure(
    toks: Toks,
    i: usize,
    number: &Number,
    has_currency: bool,
) -> ControlFlow<Option<Step>> {
    let reject = ControlFlow::Break(None);
    let (Some(t), end, words) = (at(toks, i), number.end, number.in_words) else {
        return reject;
    };
    if !words && !has_currency && is_name_number(toks, i) {
        return reject;
    }
    // Ordinals ("18th") and times ("14:02").
    if at(toks, end).is_some_and(|n| n.glued() && (is_ordinal_suffix(&n.lower) || n.is_punct(':')))
    {
        return reject;
    }
    if !words
        && !has_currency
        && glued_punct(toks, end, '-')
        && at(toks, end + 1).is_some_and(|n| n.glued() && n.is_num())
    {
        if let Some(after) = code_end(toks, end) {
            return ControlFlow::Break(Some(Step::Skip(after)));
        }
    }
    // "the Six Nations", "Channel Four": a capitalised number word inside a sentence is a name.
    if words
        && t.is_capitalized()
        && !t.newline_before
        && prev(toks, i, 1).is_some_and(|p| p.kind == Kind::Word)
    {
        return reject;
    }
    if !words && is_code_suffix(toks, end) {
        return reject;
    }
    // "one" needs something to count ("one of them" is a pronoun).
    if words
        && t.is("one")
        && (is_at(toks, end, "of")
            || at(toks, end).is_none_or(|n| n.kind != Kind::Word || is_stop(&n.lower)))
    {
        return reject;
    }
    ControlFlow::Continue(())
}

/// "737-800" or "2-1" (a number, a glued hyphen at `hyphen`, a number): the token after it, unless
/// a unit follows and makes it a range ("1,050-1,125 rupees").
fn code_end(toks: Toks, hyphen: usize) -> Option<usize> {
    let after = number_here(toks, hyphen + 1).map_or(hyphen + 2, |n| n.end);
    let has_unit = at(toks, after).is_some_and(|u| {
        currency_after(toks, after).is_some() || u.is_punct('%') || u.is("pct") || u.is("percent")
    });
    (!has_unit).then_some(after)
}

/// "3D", "4x4": letters glued to digits that are no scale, unit or currency make a code.
fn is_code_suffix(toks: Toks, end: usize) -> bool {
    at(toks, end)
        .filter(|n| n.glued() && n.kind == Kind::Word)
        .is_some_and(|n| {
            scale_of(&n.lower).is_none()
                && measure_unit(&n.lower).is_none()
                && currency_after(toks, end).is_none()
                && !is_ordinal_suffix(&n.lower)
                && !matches!(n.lower.as_ref(), "s" | "pct")
        })
}

/// Scale words after the number: "15 mln", "2.5bn", "three billion", "1.5 million", "three
/// hundred thousand". A single letter ("m", "b", "k") counts only glued to the digits.
fn apply_scale(toks: Toks, number: &mut Number) {
    let Some((scale, n)) = at(toks, number.end).and_then(|n| Some((scale_of(&n.lower)?, n))) else {
        return;
    };
    let single_letter = matches!(n.lower.as_ref(), "m" | "b" | "k");
    if single_letter && !n.glued() {
        return;
    }
    number.value *= scale;
    number.end += 1;
    if let Some(s2) = at(toks, number.end)
        .filter(|n| n.lower.len() != 1)
        .and_then(|n| scale_of(&n.lower))
        .filter(|s2| *s2 > scale)
    {
        number.value *= s2;
        number.end += 1;
    }
}

/// The number with a percentage or a currency (before it or as a word after it).
fn unit_of_number(
    toks: Toks,
    lead: Lead,
    number: &Number,
    currency: Option<&'static str>,
) -> Reading {
    let mut reading = Reading {
        lead,
        end: number.end,
        value: number.value,
        unit: currency.map(str::to_string),
        kind: None,
    };
    if let Some(p) = percent_after(toks, number.end) {
        // "$5 percentage points" is read as percent.
        let unit = if currency.is_some() {
            "percent"
        } else {
            p.unit
        };
        reading.unit = Some(unit.to_string());
        reading.kind = Some(FigureKind::Percentage);
        reading.end += p.tokens;
        return reading;
    }
    let mut factor = 1.0;
    if currency.is_none() {
        if let Some(c) = currency_after(toks, number.end) {
            reading.unit = Some(c.code.to_string());
            factor = c.factor;
            reading.end += c.tokens;
        }
    }
    if reading.unit.is_some() {
        reading.kind = Some(FigureKind::Money);
        reading.value *= factor;
    }
    reading
}

fn with_suffix(reading: Reading, suffix: Suffix) -> Reading {
    Reading {
        end: suffix.end,
        unit: Some(suffix.unit.to_string()),
        kind: Some(suffix.kind),
        ..reading
    }
}

/// A figure without a unit counts the noun phrase after it; counts near a casualty word are
/// casualties.
fn counted(toks: Toks, mut reading: Reading) -> Reading {
    let mut noun_end = reading.end;
    if reading.kind.is_none() {
        if let Some(noun) = counted_noun(toks, reading.end) {
            reading.unit = Some(noun.words);
            noun_end = noun.end;
            reading.kind = Some(FigureKind::Count);
        }
    }
    if matches!(reading.kind, Some(FigureKind::Count) | None) {
        reading.kind = type_of(
            toks,
            reading.lead.start,
            noun_end,
            reading.unit.as_deref(),
            reading.kind,
        );
    }
    if matches!(
        reading.kind,
        Some(FigureKind::Count) | Some(FigureKind::Casualties)
    ) {
        reading.end = noun_end;
    }
    reading
}

/// The [`Figure`] for a reading, with its text from `text`.
fn finish(text: &str, toks: Toks, reading: Reading) -> Step {
    let s = at(toks, reading.lead.start).map(|t| t.start).unwrap_or(0);
    let e = reading
        .end
        .checked_sub(1)
        .and_then(|k| at(toks, k))
        .map(|t| t.end)
        .unwrap_or(s);
    let span = Span::new(s, e.max(s));
    let figure = Figure {
        start: span.start,
        end: span.end,
        text: span.slice(text).to_string(),
        value: Some(reading.value),
        hedge: reading.lead.hedge.map(str::to_string),
        unit: reading.unit,
        kind: reading.kind.map(|k| k.as_str().to_string()),
    };
    Step::Figure(figure, reading.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (
        String,
        Option<f64>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn figs(text: &str) -> Vec<Row> {
        extract_figures(text)
            .into_iter()
            .map(|f| (f.text, f.value, f.hedge, f.unit, f.kind))
            .collect()
    }

    #[test]
    fn casualties_with_hedges() {
        let v = figs("A bombing on Jan. 3 killed about 100 people, while gunmen killed more than 130 people.");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].1, Some(100.0));
        assert_eq!(v[0].2.as_deref(), Some("about"));
        assert_eq!(v[0].3.as_deref(), Some("people"));
        assert_eq!(v[0].4.as_deref(), Some("casualties"));
        assert_eq!(v[1].2.as_deref(), Some("more than"));
    }

    #[test]
    fn money_and_percent() {
        let v = figs("fetched a whopping US$150,000 at an auction; shares rallied 178 percent and 15.2 mln dlrs and £3.5bn and NT$20 billion");
        assert_eq!(v[0].1, Some(150000.0));
        assert_eq!(v[0].3.as_deref(), Some("USD"));
        assert_eq!(v[1].1, Some(178.0));
        assert_eq!(v[1].4.as_deref(), Some("percentage"));
        assert_eq!(v[2].1, Some(15.2e6));
        assert_eq!(v[3].3.as_deref(), Some("GBP"));
        assert_eq!(v[3].1, Some(3.5e9));
        assert_eq!(v[4].3.as_deref(), Some("TWD"));
    }

    #[test]
    fn vague_counts_ages_and_exclusions() {
        let v = figs("tens of thousands of Tajiks, an 18-year-old Chechen man, more than a dozen people, in 2016, Group 24, for 30 years, about 30 Tajik families living here");
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "tens of thousands of Tajiks",
                "18-year-old",
                "more than a dozen people",
                "about 30 Tajik families"
            ],
            "{v:?}"
        );
        assert_eq!(v[0].1, Some(20000.0));
        assert_eq!(v[1].4.as_deref(), Some("age"));
        assert_eq!(v[2].1, Some(12.0));
        assert_eq!(v[3].3.as_deref(), Some("Tajik families"));
    }

    #[test]
    fn words_scales_and_ages() {
        let v = figs("half a million people, €5bn, 10 per cent, 2.5 percentage points, John Smith, 45, said; aged 30, twenty-five TV channels, 75 cts, Group 24 and a G7 summit");
        type Brief<'a> = (&'a str, Option<f64>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Brief> = v
            .iter()
            .map(|x| (x.0.as_str(), x.1, x.3.as_deref(), x.4.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "half a million people",
                    Some(500_000.0),
                    Some("people"),
                    Some("count")
                ),
                ("€5bn", Some(5e9), Some("EUR"), Some("money")),
                (
                    "10 per cent",
                    Some(10.0),
                    Some("percent"),
                    Some("percentage")
                ),
                (
                    "2.5 percentage points",
                    Some(2.5),
                    Some("percentage points"),
                    Some("percentage")
                ),
                ("45", Some(45.0), Some("years"), Some("age")),
                ("30", Some(30.0), Some("years"), Some("age")),
                (
                    "twenty-five TV channels",
                    Some(25.0),
                    Some("TV channels"),
                    Some("count")
                ),
                ("75 cts", Some(0.75), Some("USD"), Some("money")),
            ]
        );
    }

    #[test]
    fn ranges_share_units() {
        let v = figs("between 50 and 60% and 30 to 60 billion baht");
        assert_eq!(v[0].3.as_deref(), Some("percent"));
        assert_eq!(v[2].1, Some(30e9));
        assert_eq!(v[2].3.as_deref(), Some("THB"));
    }
}
