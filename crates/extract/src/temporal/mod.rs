//! Temporal expressions normalised against the publication date, and datelines.
//!
//! A small hand-written grammar ([`grammar`]) finds expressions in running text: absolute dates
//! ("Jan. 3", "March 22, 2024", "22 March 2024", "2024-07-23"), years and decades ("in 2016",
//! "fiscal 1986/87", "the 1990s"), quarters and halves, relative references ("last month", "on
//! Friday", "two weeks ago"), anaphoric ones ("a year earlier", "the previous year"), durations
//! ("30 years", "the past two years"), times ("14:02 GMT") and fuzzy parts ("late March",
//! "mid-2022", "the end of the month"). [`resolve`] turns each into a TIMEX3-style value, a
//! granularity and an interval, inferring missing years from the clause's tense: "the Olympics
//! that begin on Friday" is the coming Friday, "killed on Jan. 3" the past January.
//!
//! The `interim` crate was measured as an alternative resolver (tests/gold/temporal/GUIDE.md: 0.558
//! value accuracy on the gold strings cut out for it): it parses whole strings only, has no
//! granularity, fuzzy parts, quarters, decades or anaphora, and reads a bare month in the current
//! year, so the tense-aware grammar here does both finding and resolving.

mod grammar;
pub(crate) mod lexer;
mod resolve;
pub(crate) mod words;

use chrono::{Datelike, NaiveDate};
use newsgraph_model::{DateMention, Span};
use once_cell::sync::Lazy;
use regex::Regex;

pub(crate) use grammar::{month_of, number_word};
use grammar::{Sem, YearSpec};
use newsgraph_nlp::lexicon;
use newsgraph_nlp::lexicon::WordSet;
use resolve::{Context, Gran, Period, Tense};
use rustc_hash::FxHashMap;

static APPROXIMATION_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("approximation_words.txt")));

/// Sentence number of every token (a cheap split: full stops before capitals, `;`, `!`, `?`,
/// line breaks), used to find the reference of "a year earlier".
fn sentence_ids(toks: &[lexer::Tok]) -> Vec<usize> {
    let mut ids = Vec::with_capacity(toks.len());
    let mut id = 0;
    let mut pending = false;
    for (k, t) in toks.iter().enumerate() {
        if pending || (t.newline_before && k > 0) {
            id += 1;
            pending = false;
        }
        ids.push(id);
        if t.is_punct(';') || t.is_punct('!') || t.is_punct('?') {
            pending = true;
        } else if t.is_punct('.') {
            pending = toks
                .get(k + 1)
                .is_some_and(|n| n.space_before && n.is_capitalized());
        }
    }
    ids
}

/// Whether resolving `sem` depends on the tense of its clause.
fn needs_tense(sem: &Sem) -> bool {
    match sem {
        Sem::Day { year, .. }
        | Sem::Month { year, .. }
        | Sem::Season { year, .. }
        | Sem::Quarter { year, .. }
        | Sem::Half { year, .. }
        | Sem::Holiday { year, .. } => matches!(year, YearSpec::Infer | YearSpec::YearBefore),
        Sem::Weekday { .. } | Sem::Weekend(None) => true,
        Sem::OnDay { day, .. } => needs_tense(day),
        _ => false,
    }
}

/// Whether `sem` is a weekday (bare, or with a time or a part of the day).
fn is_weekday(sem: &Sem) -> bool {
    match sem {
        Sem::Weekday { .. } => true,
        Sem::OnDay { day, .. } => is_weekday(day),
        _ => false,
    }
}

/// What later expressions may refer back to: the periods the text has resolved so far. Each
/// lookup is O(1), so resolving a document stays linear in its number of expressions.
#[derive(Default)]
struct Anchors {
    /// The latest resolved period.
    latest: Option<Period>,
    /// The first quarter the text resolved: the quarter a quarterly report is about, which
    /// "the quarter", "the year-earlier period" and "the 1988 period" refer to even after the
    /// text has named another ("after a flat second quarter").
    topic_quarter: Option<Period>,
    /// The first period of the latest sentence that has one: (sentence, period).
    first_of_sentence: Option<(usize, Period)>,
    /// The latest period of each granularity.
    latest_by_gran: FxHashMap<Gran, Period>,
    /// The year given to each month (1-12) last named without a written year: a later bare
    /// mention of the same month ("the May date") is the same month.
    month_years: [Option<i32>; 13],
}

impl Anchors {
    fn push(&mut self, sentence: usize, period: Period) {
        self.latest = Some(period);
        if period.gran == Gran::Quarter && self.topic_quarter.is_none() {
            self.topic_quarter = Some(period);
        }
        if self.first_of_sentence.is_none_or(|(s, _)| s != sentence) {
            self.first_of_sentence = Some((sentence, period));
        }
        self.latest_by_gran.insert(period.gran, period);
    }

    /// The period "a year earlier" (keeping granularity) shifts: the first of its own sentence,
    /// else the latest before it.
    fn for_same_sentence(&self, sentence: usize) -> Option<Period> {
        match self.first_of_sentence {
            Some((s, p)) if s == sentence => Some(p),
            _ => self.latest,
        }
    }

    fn month_year(&self, month: u32) -> Option<i32> {
        self.month_years.get(month as usize).copied().flatten()
    }

    fn set_month_year(&mut self, month: u32, year: i32) {
        if let Some(slot) = self.month_years.get_mut(month as usize) {
            *slot = Some(year);
        }
    }

    /// The period an expression refers back to, if it needs one.
    fn reference(&self, sem: &Sem, sentence: usize) -> Option<Period> {
        match *sem {
            Sem::Anaphoric {
                keep_gran: true, ..
            } => self.for_same_sentence(sentence),
            Sem::Anaphoric { .. } => self.latest,
            // "profit rose in the third quarter from a year ago": the quarter a year before; in a
            // quarterly report, "a year ago" alone compares with the quarter the report is about.
            Sem::Ago {
                unit: grammar::Unit::Year,
                n,
            } => match self.first_of_sentence {
                Some((s, p)) if s == sentence && matches!(p.gran, Gran::Quarter | Gran::Month) => {
                    Some(p)
                }
                _ if (n - 1.0).abs() < f64::EPSILON => self.topic_quarter,
                _ => None,
            },
            // "the quarter", "the year-earlier quarter": the quarter the report is about.
            Sem::Definite(grammar::Unit::Quarter) | Sem::YearBefore(grammar::Unit::Quarter) => {
                self.topic_quarter
            }
            // "the end of the month": the one the text last named.
            Sem::Definite(unit) | Sem::Latest(unit) | Sem::YearBefore(unit) => {
                self.latest_by_gran.get(&resolve::unit_gran(unit)).copied()
            }
            Sem::PeriodInYear(_) => self.topic_quarter,
            _ => None,
        }
    }
}

/// The month of a day or month named without a written year, and how its year is given.
fn month_without_year(sem: &Sem) -> Option<(u32, YearSpec)> {
    match *sem {
        Sem::Month { year, month } | Sem::Day { year, month, .. }
            if !matches!(year, YearSpec::Explicit(_)) =>
        {
            Some((month, year))
        }
        _ => None,
    }
}

/// Gives a month named without any year cue (`mention`, from [`month_without_year`]) the year of
/// its previous mention, unless the clause's tense says otherwise: "to pay the loan by February"
/// (1990) and then "since KKR bought RJR in February" in a 1989 article is February 1989.
fn carry_month_year(
    sem: &mut Sem,
    mention: Option<(u32, YearSpec)>,
    anchors: &Anchors,
    published: Option<NaiveDate>,
    tense: Tense,
) {
    let Some((month, YearSpec::Infer)) = mention else {
        return;
    };
    if let Some(y) = anchors.month_year(month) {
        let this_year = published.map(|p| p.year());
        let contradicts = this_year
            .is_some_and(|p| tense == Tense::Past && y > p || tense == Tense::Future && y < p);
        if contradicts {
            return;
        }
        if let Sem::Month { year, .. } | Sem::Day { year, .. } = sem {
            *year = YearSpec::Explicit(y);
        }
    }
}

/// "roughly a decade ago", "about two weeks": an approximate amount takes the word before it
/// into its span, with the modifier "approx".
fn approximation_before<'t, 'a>(
    toks: &'t [lexer::Tok<'a>],
    raw: &grammar::Raw,
) -> Option<&'t lexer::Tok<'a>> {
    if !matches!(raw.sem, Sem::Ago { .. } | Sem::Duration { .. }) || raw.modifier.is_some() {
        return None;
    }
    let p = toks.get(raw.start.checked_sub(1)?)?;
    APPROXIMATION_WORDS.contains(&p.lower).then_some(p)
}

/// Every temporal expression in `text`, normalised against `published` when known.
///
/// Expressions whose value needs the publication date (relative ones, months without a year) have
/// `value: None` when `published` is `None`; absolute ones, durations and anaphoric ones resolved
/// from an earlier absolute date keep theirs.
pub fn extract_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let toks = lexer::lex(text);
    let raws = grammar::scan(&toks);
    if raws.is_empty() {
        return Vec::new();
    }
    let sentences = sentence_ids(&toks);
    let mut anchors = Anchors::default();
    let mut out = Vec::with_capacity(raws.len());
    for mut raw in raws {
        let mention_month = month_without_year(&raw.sem);
        let (Some(first), Some(last)) = (
            toks.get(raw.start),
            raw.end.checked_sub(1).and_then(|e| toks.get(e)),
        ) else {
            continue;
        };
        let sentence = sentences.get(raw.start).copied().unwrap_or(0);
        let tense = if needs_tense(&raw.sem) {
            if is_weekday(&raw.sem) {
                resolve::weekday_tense(&toks, raw.start, raw.end)
            } else {
                resolve::tense_around(&toks, raw.start, raw.end)
            }
        } else {
            Tense::Unknown
        };
        carry_month_year(&mut raw.sem, mention_month, &anchors, published, tense);
        let context = Context {
            published,
            tense,
            reference: anchors.reference(&raw.sem, sentence),
        };
        let r = resolve::resolve(&raw.sem, &context);
        let interval = r.period.as_ref().and_then(resolve::bounds).map(|b| {
            let (s, e) = resolve::narrow(b, raw.modifier);
            [
                s.format("%Y-%m-%d").to_string(),
                e.format("%Y-%m-%d").to_string(),
            ]
        });
        // A "year-earlier quarter" (or "a year ago" beside a quarter, or "the 1988 period") is a
        // comparison, not the period the text goes on about.
        let comparison = matches!(
            raw.sem,
            Sem::YearBefore(_)
                | Sem::PeriodInYear(_)
                | Sem::Quarter {
                    year: YearSpec::YearBefore,
                    ..
                }
        ) || matches!(raw.sem, Sem::Ago { .. }) && context.reference.is_some();
        if let Some(p) = r.period.filter(|_| !comparison) {
            anchors.push(sentence, p);
            if let Some((month, _)) = mention_month {
                anchors.set_month_year(month, p.start.year());
            }
        }
        let approximation = approximation_before(&toks, &raw);
        let first = approximation.unwrap_or(first);
        let modifier = if approximation.is_some() {
            Some("approx")
        } else {
            raw.modifier
        };
        let span = Span::new(first.start, last.end);
        out.push(DateMention {
            start: span.start,
            end: span.end,
            text: span.slice(text).to_string(),
            value: r.value,
            granularity: r.gran.as_str().to_string(),
            modifier: modifier.map(str::to_string),
            interval,
        });
    }
    out
}

/// For each token, whether it lies in a temporal expression (no resolution): what figures must
/// not count. One scan and one pass over the tokens.
pub(crate) fn expression_mask(toks: &[lexer::Tok]) -> Vec<bool> {
    let mut inside = vec![false; toks.len()];
    for raw in grammar::scan(toks) {
        if let Some(tokens) = inside.get_mut(raw.start..raw.end) {
            tokens.fill(true);
        }
    }
    inside
}

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        ^[\ \t]*
        (?:[A-Z][A-Za-z.'’\-]*(?:[\ ][A-Za-z.'’\-]+){0,3}      # city
           (?:,[\ ][A-Z][A-Za-z.]*(?:[\ ][A-Z][A-Za-z.]*){0,2})?  # region / country
           ,[\ ]+)
        (?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?
        [\ ]+(?P<day>\d{1,2})
        (?:,?[\ ]+(?P<year>\d{4}))?
        [\ ]*(?:\([A-Za-z][A-Za-z.\ ]{0,30}\)[\ ]*)?
        [-–—]",
    )
    .expect("dateline pattern is valid")
});

static UPDATED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[ \t]*(?:last[ ]+)?(?:updated|published|posted)[ \t]*(?:on|at)?[ \t]*:?[ \t]*(?P<rest>[^\n]{1,80})")
        .expect("updated pattern is valid")
});

/// A dateline at the start of an article ("PARIS, July 23 (Reuters) -", "Updated 14:02 GMT"), if
/// any, resolved with the help of `hint` (a date near publication, for the year) when the dateline
/// has no year. Without a year and without a hint there is no date to give: `None`.
pub fn find_dateline(text: &str, hint: Option<NaiveDate>) -> Option<(NaiveDate, Span)> {
    // Only the first lines of an article carry a dateline.
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(3) {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(c) = DATELINE.captures(body) {
            let whole = c.get(0)?;
            let month = grammar::month_of(&c.name("mon")?.as_str().to_ascii_lowercase())?;
            let day: u32 = c.name("day")?.as_str().parse().ok()?;
            let date = match c.name("year").and_then(|y| y.as_str().parse::<i32>().ok()) {
                Some(y) => NaiveDate::from_ymd_opt(y, month, day)?,
                None => nearest_year(hint?, month, day)?,
            };
            return Some((
                date,
                Span::new(offset + whole.start(), offset + whole.end()),
            ));
        }
        if let Some(c) = UPDATED.captures(body) {
            let rest = c.name("rest")?;
            let whole = c.get(0)?;
            let span = Span::new(offset + whole.start(), offset + whole.end());
            let mentions = extract_dates(rest.as_str(), hint);
            let day = mentions.iter().find_map(|m| {
                let v = m.value.as_deref()?;
                NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
            });
            if let Some(d) = day {
                return Some((d, span));
            }
        }
        offset += line.len();
    }
    None
}

/// The `month`/`day` nearest to `hint`, in its year or the one before or after.
fn nearest_year(hint: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    [hint.year(), hint.year() - 1, hint.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - hint).num_days().abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPU seconds of this thread (not wall time, which other tests on a loaded machine
    /// inflate) for the best of three runs of both temporal scanners (dates and figures) on `text`.
    fn best_seconds(text: &str) -> f64 {
        (0..3)
            .map(|_| {
                let start = cpu_time::ThreadTime::now();
                let dates = extract_dates(text, Some(d("2024-07-23")));
                let figures = crate::figures::extract_figures(text);
                std::hint::black_box((dates, figures));
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// Hostile inputs for the temporal scanners: a run of thousands groups that ends as an
    /// ordinal (re-read from every group), dates between figures (each figure checked against the
    /// dates), bare numbers after one money figure (compared with it), anaphora and bare months
    /// (looked up in what came before), and a long hyphenated noun.
    fn hostile(kind: usize, n: usize) -> String {
        match kind {
            0 => format!("1{}th", ",000".repeat(n)),
            1 => "On Jan. 3, 5 people died and 7 were hurt. ".repeat(n),
            2 => format!("It cost $5 mln {}", "and 7 ".repeat(n)),
            3 => "In 2019 sales rose in the first quarter; a year earlier, at the end of the quarter, in May it fell. ".repeat(n),
            _ => format!("5 A-{}b", "b-".repeat(n)),
        }
    }

    #[test]
    fn scanning_time_grows_linearly() {
        // A linear scan does 8 times the work on 8 times the input; a quadratic one 64 times.
        // The bound leaves room for timer noise on a shared machine, not for a quadratic term.
        const GROWTH: usize = 8;
        const BOUND: f64 = 24.0;
        // Repetitions per input, sized so the small run takes milliseconds, above timer noise.
        const SIZES: [usize; 5] = [50_000, 1_500, 10_000, 1_500, 30_000];
        for (kind, n) in SIZES.into_iter().enumerate() {
            let small = hostile(kind, n);
            let large = hostile(kind, n * GROWTH);
            // Other tests running in parallel can slow one measurement; a quadratic scan fails
            // all three attempts.
            let mut ratio = f64::INFINITY;
            for _ in 0..3 {
                ratio = best_seconds(&large) / best_seconds(&small).max(1e-6);
                if ratio < BOUND {
                    break;
                }
            }
            assert!(
                ratio < BOUND,
                "input {kind}: {GROWTH}x the text took {ratio:.1}x the time"
            );
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn values(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        extract_dates(text, Some(d(published)))
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect()
    }

    #[test]
    fn seed_style_sentences() {
        let v = values(
            "A double suicide bombing in Iran on Jan. 3 killed about 100 people. Ahead of the Paris Olympics that begin on Friday, police said. Last year, German authorities arrested seven men.",
            "2024-07-23",
        );
        assert_eq!(v[0], ("Jan. 3".into(), Some("2024-01-03".into())));
        assert_eq!(v[1], ("Friday".into(), Some("2024-07-26".into())));
        assert_eq!(v[2], ("Last year".into(), Some("2023".into())));
    }

    fn typed(text: &str, published: &str) -> Vec<(String, Option<String>, String)> {
        extract_dates(text, Some(d(published)))
            .into_iter()
            .map(|m| {
                let kind = m.timex_type().to_string();
                (m.text, m.value, kind)
            })
            .collect()
    }

    fn triple(text: &str, value: &str, kind: &str) -> (String, Option<String>, String) {
        (text.into(), Some(value.into()), kind.into())
    }

    #[test]
    fn timeml_references_sets_and_vague_durations() {
        let v = typed(
            "Prices are now higher than in the past, and recently fell for weeks. The paper \
             appears daily and every Monday night, each July and annually.",
            "2024-07-23",
        );
        assert_eq!(
            v,
            [
                triple("now", "PRESENT_REF", "DATE"),
                triple("the past", "PAST_REF", "DATE"),
                triple("recently", "PAST_REF", "DATE"),
                triple("weeks", "PXW", "DURATION"),
                triple("daily", "P1D", "SET"),
                triple("every Monday night", "XXXX-WXX-1TNI", "SET"),
                triple("each July", "XXXX-07", "SET"),
                triple("annually", "P1Y", "SET"),
            ]
        );
        // "now-defunct" is an adjective.
        assert!(typed("the now-defunct agency", "2024-07-23").is_empty());
    }

    #[test]
    fn a_newspaper_called_a_daily_is_no_set() {
        let text = "The Communist Party daily Granma said so, as did the Israeli weekly Haaretz and the daily. \
                    Flights run daily between the cities; the daily commute grows.";
        let v = typed(text, "2024-07-23");
        assert_eq!(
            v,
            [triple("daily", "P1D", "SET"), triple("daily", "P1D", "SET")]
        );
    }

    #[test]
    fn parts_of_day_and_times_on_a_day() {
        // 2024-07-23 is a Tuesday.
        let v = typed(
            "Police said on Sunday night that the raid began at 15:00 GMT Saturday; \
             more arrests followed last night and this morning.",
            "2024-07-23",
        );
        assert_eq!(
            v,
            [
                triple("Sunday night", "2024-07-21TNI", "TIME"),
                triple("15:00 GMT Saturday", "2024-07-20T15:00", "TIME"),
                triple("last night", "2024-07-22TNI", "TIME"),
                triple("this morning", "2024-07-23TMO", "TIME"),
            ]
        );
    }

    #[test]
    fn race_times_are_durations_and_clock_seconds_stay_in_their_time() {
        let v = typed(
            "She won the marathon in 2:22:10 and he finished in 3:07:35. The bomb went off at \
             10:35:12 a.m. on Sunday.",
            "2024-07-23",
        );
        assert_eq!(
            v,
            [
                triple("2:22:10", "PT2H22M10S", "DURATION"),
                triple("3:07:35", "PT3H7M35S", "DURATION"),
                triple("10:35:12 a.m.", "2024-07-21T10:35", "TIME"),
                triple("Sunday", "2024-07-21", "DATE"),
            ]
        );
    }

    #[test]
    fn clock_times_are_never_years_and_ranges_are_two_years() {
        let v = values(
            "The vote closed at 1130 GMT. It airs from 0930 to 1015 GMT. He served in 2009-2010 \
             and 1957-58.",
            "2024-07-23",
        );
        assert_eq!(
            v,
            [
                ("1130 GMT".into(), Some("2024-07-23T11:30".into())),
                ("0930".into(), Some("2024-07-23T09:30".into())),
                ("1015 GMT".into(), Some("2024-07-23T10:15".into())),
                ("2009".into(), Some("2009".into())),
                ("2010".into(), Some("2010".into())),
                ("1957".into(), Some("1957".into())),
                ("58".into(), Some("1958".into())),
            ]
        );
    }

    #[test]
    fn a_clock_time_takes_the_day_named_after_or_inside_its_bracketed_aside() {
        // 1998-08-08 is a Saturday.
        let v = values(
            "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.",
            "1998-08-08",
        );
        assert_eq!(v[0], ("10:35 a.m.".into(), Some("1998-08-07T10:35".into())));
        let v = values(
            "He will leave at 4 in the morning (4 a.m. EDT Thursday), Castro said.",
            "2000-04-05",
        );
        assert_eq!(
            v[0],
            ("4 in the morning".into(), Some("2000-04-06T04:00".into()))
        );
    }

    #[test]
    fn a_weekday_in_the_plural_recurs() {
        let v = values(
            "The shop is closed on Mondays and the club meets Tuesday nights.",
            "2013-03-22",
        );
        assert_eq!(
            v,
            [
                ("Mondays".into(), Some("XXXX-WXX-1".into())),
                ("Tuesday nights".into(), Some("XXXX-WXX-2TNI".into())),
            ]
        );
    }

    #[test]
    fn counted_recurrences_are_sets_and_rates_are_not() {
        let v = typed(
            "The board meets twice a year, the nurses visit three times per week and the line \
             runs 24 hours a day. Tickets cost $5 a day and prices rose 3 percent a year.",
            "2013-03-22",
        );
        assert_eq!(
            v,
            [
                triple("twice a year", "P1Y", "SET"),
                triple("three times per week", "P1W", "SET"),
                triple("24 hours a day", "P1D", "SET"),
            ]
        );
    }

    #[test]
    fn a_clock_time_on_a_named_day_is_on_that_day() {
        // 2013-03-15 is a Friday.
        let v = values(
            "The blast happened at 10:30 a.m. on Tuesday. Polls close at 8 p.m. local time on \
             March 20.",
            "2013-03-15",
        );
        assert_eq!(
            v,
            [
                ("10:30 a.m.".into(), Some("2013-03-12T10:30".into())),
                ("Tuesday".into(), Some("2013-03-12".into())),
                ("8 p.m.".into(), Some("2013-03-20T20:00".into())),
                ("March 20".into(), Some("2013-03-20".into())),
            ]
        );
    }

    #[test]
    fn at_the_time_alone_looks_back() {
        let v = values(
            "He said at the time he was willing to withdraw troops.",
            "1998-03-01",
        );
        assert_eq!(v, [("the time".into(), Some("PAST_REF".into()))]);
        for text in [
            "There were 12 members at the time of its founding.",
            "They were turned away, at least for the time being.",
        ] {
            assert!(values(text, "1998-03-01").is_empty(), "{text}");
        }
    }

    #[test]
    fn the_second_day_of_a_coordinated_pair_is_its_own_date() {
        let v = values(
            "The summit is on April 24 and 25 in Washington.",
            "1999-02-10",
        );
        assert_eq!(
            v,
            [
                ("April 24".into(), Some("1999-04-24".into())),
                ("25".into(), Some("1999-04-25".into())),
            ]
        );
        // Not days: a figure after "and", a later day-first date.
        let v = values("Sales rose on May 5 and 6 percent later.", "1999-02-10");
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn a_weekday_in_a_future_clause_on_that_weekday_is_that_day() {
        // 2024-07-26 is a Friday.
        let v = values("The Olympics will begin on Friday.", "2024-07-26");
        assert_eq!(v[0], ("Friday".into(), Some("2024-07-26".into())));
    }

    #[test]
    fn a_year_ago_beside_a_quarter_is_that_quarter_a_year_before() {
        let v = values(
            "Profit rose in the third quarter from a year ago.",
            "1989-11-02",
        );
        assert_eq!(v[1], ("a year ago".into(), Some("1988-Q3".into())));
        let v = values("The deal was signed a year ago.", "1989-11-02");
        assert_eq!(v[0], ("a year ago".into(), Some("1988".into())));
    }

    #[test]
    fn a_year_ago_ordinal_quarter_is_that_quarter_a_year_before() {
        let v = values(
            "Net fell to $5 million from $8 million in the year-ago third quarter.",
            "1989-10-26",
        );
        assert!(v.contains(&("year-ago third quarter".into(), Some("1988-Q3".into()))));
        // A January report on the fourth quarter compares with the fourth quarter two years back.
        let v = values(
            "Sales rose from the year-earlier fourth quarter.",
            "1990-01-20",
        );
        assert!(v.contains(&("year-earlier fourth quarter".into(), Some("1988-Q4".into()))));
    }

    #[test]
    fn business_quarters_as_durations_but_fractions_are_not() {
        let t = typed(
            "Profit fell in the past two quarters, after several quarters of losses. Iraq imports about three-quarters of its food and three quarters of its oil.",
            "1989-10-30",
        );
        assert_eq!(t[0], triple("the past two quarters", "P2Q", "DURATION"));
        assert_eq!(t[1], triple("several quarters", "PXQ", "DURATION"));
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn singular_unit_long_adjectives_are_one_unit() {
        let t = typed(
            "A day-long strike and a year-long inquiry ended a decades-long feud.",
            "2000-04-03",
        );
        assert_eq!(t[0], triple("day-long", "P1D", "DURATION"));
        assert_eq!(t[1], triple("year-long", "P1Y", "DURATION"));
        assert_eq!(t[2], triple("decades-long", "PXDE", "DURATION"));
    }

    #[test]
    fn the_year_after_for_or_in_is_the_year_in_question() {
        let v = values(
            "For the year, pet food volume was flat. Herbicide use was delayed earlier in the year by heavy rains.",
            "1989-11-02",
        );
        assert_eq!(v[0], ("the year".into(), Some("1989".into())));
        assert_eq!(v[1], ("the year".into(), Some("1989".into())));
        // "the year ended June 30" is a fiscal year's span, "the year 2000" a named year.
        let v = values(
            "Net rose in the year ended June 30. In the year 2000, it will merge.",
            "1989-11-02",
        );
        assert_eq!(v[0], ("the year".into(), Some("P1Y".into())));
        assert_eq!(v[2], ("the year 2000".into(), Some("2000".into())));
    }

    #[test]
    fn a_carried_month_year_yields_to_the_clause_tense() {
        let v = values(
            "RJR must pay down the loan by February. Since KKR bought RJR in February, it has agreed to sell assets.",
            "1989-10-30",
        );
        assert_eq!(v[0], ("February".into(), Some("1990-02".into())));
        assert_eq!(v[1], ("February".into(), Some("1989-02".into())));
        // "effective Feb. 1" takes effect ahead, whatever verb came before.
        let v = values(
            "Mr. Schwarz will succeed him Feb. 1. The bank created an office of the chairman, effective Feb. 1.",
            "1989-10-26",
        );
        assert_eq!(v[1], ("Feb. 1".into(), Some("1990-02-01".into())));
    }

    #[test]
    fn and_a_half_counts_and_titles_are_no_spans() {
        let t = typed(
            "The spacewalk lasted a minute and a half. He spent two and a half years in jail, and the flight took an hour and a half. He told 60 Minutes about it.",
            "1998-01-14",
        );
        assert_eq!(t[0], triple("a minute and a half", "PT1M30S", "DURATION"));
        assert_eq!(t[1], triple("two and a half years", "P2Y6M", "DURATION"));
        assert_eq!(t[2], triple("an hour and a half", "PT1H30M", "DURATION"));
        assert_eq!(t.len(), 3, "{t:?}");
    }

    #[test]
    fn a_plan_reported_in_the_past_looks_ahead() {
        // 2000-01-07 is a Friday.
        let v = values(
            "Protesters planned a large demonstration in Little Havana on Saturday and were planning to drive around the airport.",
            "2000-01-07",
        );
        assert_eq!(v[0], ("Saturday".into(), Some("2000-01-08".into())));
    }

    #[test]
    fn as_early_as_a_weekday_looks_ahead() {
        // 2000-04-03 is a Monday.
        let v = values(
            "His father could come from Cuba as early as Tuesday.",
            "2000-04-03",
        );
        assert_eq!(v[0], ("Tuesday".into(), Some("2000-04-04".into())));
    }

    #[test]
    fn todays_present_age_is_no_date_and_a_june_agreement_is_june() {
        let v = values(
            "The case is for today's youth what the blockade was. The offer ran in today's editions. It sells itself under a June agreement with shareholders, June Carter said.",
            "1989-10-27",
        );
        assert_eq!(v[0], ("today".into(), Some("1989-10-27".into())));
        assert_eq!(v[1], ("June".into(), Some("1989-06".into())));
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn one_day_after_a_modal_is_some_day_ahead() {
        let t = typed(
            "Islam will one day be the second largest religion. He had only been in the job one day.",
            "1998-03-03",
        );
        assert_eq!(t[0], triple("one day", "FUTURE_REF", "DATE"));
        assert_eq!(t[1], triple("one day", "P1D", "DURATION"));
    }

    #[test]
    fn a_year_reached_back_to_is_a_year() {
        let v = values(
            "Sniper shootings of doctors in western New York dating to 1994. Sales rose to 1994 units.",
            "1998-10-25",
        );
        assert_eq!(v, vec![("1994".into(), Some("1994".into()))]);
    }

    #[test]
    fn high_noon_is_no_clock_time() {
        let v = values(
            "The poster showed Gary Cooper from the film High Noon. For Poland, high noon comes today. Talks resume at noon Thursday.",
            "1999-03-12",
        );
        assert_eq!(v[0], ("today".into(), Some("1999-03-12".into())));
        assert_eq!(v[1].0, "noon Thursday");
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn quarterly_reports_compare_with_the_quarter_they_are_about() {
        let text = "Net income rose 5% in the third quarter. Sales were flat from a year ago. \
            Year-earlier profit was lower. Results for the 1988 period included a gain. \
            The latest period was weak. In the 1988 second quarter it lost money.";
        let v = values(text, "1989-11-02");
        let got = |t: &str| v.iter().find(|(x, _)| x == t).and_then(|(_, v)| v.clone());
        assert_eq!(got("the third quarter").as_deref(), Some("1989-Q3"));
        assert_eq!(got("a year ago").as_deref(), Some("1988-Q3"), "{v:?}");
        assert_eq!(got("Year-earlier").as_deref(), Some("1988-Q3"), "{v:?}");
        assert_eq!(got("the 1988 period").as_deref(), Some("1988-Q3"), "{v:?}");
        assert_eq!(
            got("The latest period").as_deref(),
            Some("1989-Q3"),
            "{v:?}"
        );
        assert_eq!(
            got("the 1988 second quarter").as_deref(),
            Some("1988-Q2"),
            "{v:?}"
        );
        // Without a quarter in the text "a year ago" stays a year.
        let v = values("Sales were flat from a year ago.", "1989-11-02");
        assert_eq!(v[0], ("a year ago".into(), Some("1988".into())));
        // A reporting year is the duration P1Y.
        let v = typed(
            "Net was $5 million in the fiscal year ended June 30.",
            "1989-11-02",
        );
        assert_eq!(v[0], triple("the fiscal year", "P1Y", "DURATION"));
    }

    #[test]
    fn spoken_years_holidays_noon_and_a_sentence_opening_now() {
        let v = values(
            "In nineteen ninety-one prices fell. By the year two thousand they rose.",
            "1998-01-15",
        );
        assert_eq!(v[0], ("nineteen ninety-one".into(), Some("1991".into())));
        assert_eq!(v[1], ("the year two thousand".into(), Some("2000".into())));
        // "twelve thirty" is a time of day, not a year.
        assert!(values("We met at twelve thirty.", "1998-01-15").is_empty());
        let v = values(
            "He arrived last Thanksgiving and left on Christmas Eve. Easter 1998 was quiet.",
            "2000-02-10",
        );
        assert_eq!(
            v[0],
            ("last Thanksgiving".into(), Some("1999-11-25".into()))
        );
        assert_eq!(v[1], ("Christmas Eve".into(), Some("1999-12-24".into())));
        assert_eq!(v[2], ("Easter 1998".into(), Some("1998-04-12".into())));
        let v = values("Voters went to the polls on Election Day.", "1998-11-05");
        assert_eq!(v[0], ("Election Day".into(), Some("1998-11-03".into())));
        let v = values("The talks will end at noon Thursday.", "1998-02-11");
        assert_eq!(
            v[0],
            ("noon Thursday".into(), Some("1998-02-12T12:00".into()))
        );
        // "Now, he says, …" opens a sentence and moves the story on; "is now" is a time.
        let v = values("Now, he says, it is now over.", "1998-02-11");
        assert_eq!(v, vec![("now".into(), Some("PRESENT_REF".into()))]);
        let v = typed("It was a decades-long feud.", "1998-02-11");
        assert_eq!(v[0], triple("decades-long", "PXDE", "DURATION"));
    }

    #[test]
    fn dates_of_the_publication_year_keep_it_within_the_tense_slack() {
        // A past-tense cue before a date weeks after publication: news style would have written
        // the year of any other year.
        let v = values("The dividend was declared payable Dec. 15.", "1989-11-02");
        assert_eq!(v[0], ("Dec. 15".into(), Some("1989-12-15".into())));
        let v = values("He was killed on Dec. 15.", "1989-07-02");
        assert_eq!(v[0], ("Dec. 15".into(), Some("1988-12-15".into())));
    }

    #[test]
    fn durations_with_halves_and_couples() {
        let v = values(
            "It lasted 2 1/2 years, then a couple of years more.",
            "2024-07-23",
        );
        assert_eq!(v[0], ("2 1/2 years".into(), Some("P2Y6M".into())));
        assert_eq!(v[1], ("a couple of years".into(), Some("P2Y".into())));
        let v = values(
            "Sales fell. A month earlier they rose, and a year earlier too.",
            "2024-07-23",
        );
        assert_eq!(v[0], ("A month".into(), Some("P1M".into())));
        assert_eq!(v[1].0, "a year earlier");
    }

    #[test]
    fn fuzzy_parts_carry_modifier_and_interval() {
        let m = extract_dates("the arrest in late May of a man", Some(d("2024-07-23")));
        assert_eq!(m[0].value.as_deref(), Some("2024-05"));
        assert_eq!(m[0].modifier.as_deref(), Some("end"));
        assert_eq!(
            m[0].interval,
            Some(["2024-05-21".to_string(), "2024-05-31".to_string()])
        );
    }

    #[test]
    fn relative_values_need_a_publication_date() {
        let m = extract_dates("last month and in 2016", None);
        assert_eq!(m[0].value, None);
        assert_eq!(m[1].value.as_deref(), Some("2016"));
    }

    #[test]
    fn anaphora_shift_the_sentence_reference() {
        let v = values(
            "Output fell in January from 112 in December and 105 a year earlier.",
            "1987-03-09",
        );
        assert_eq!(v[2], ("a year earlier".into(), Some("1986-01".into())));
    }

    #[test]
    fn never_panics_and_spans_stay_on_char_boundaries() {
        // A deterministic soup of the grammar's trigger words, digits, punctuation and multi-byte
        // characters.
        let pieces = [
            "Jan.",
            "3",
            "May",
            "late",
            "mid-",
            "the",
            "end",
            "of",
            "1990s",
            "’90s",
            "2024-07-23",
            "14:02",
            "GMT",
            "a",
            "year",
            "earlier",
            "ago",
            "Friday",
            "last",
            "next",
            "£",
            "US$",
            "150,000",
            "1-1/8",
            "pct",
            "é",
            "—",
            "“",
            "”",
            "\n",
            ",",
            ".",
            "-",
            "/",
            "first",
            "quarter",
            "of",
            "half",
            "dozen",
            "tens",
            "thousands",
            "killed",
            "about",
            "more",
            "than",
            "18-year-old",
            "Q4",
            "FY",
            "’s",
            "99",
            "0",
            "31",
            "32",
            "9999",
            "999999999999999 days ago",
            "88888888888 weeks",
            "fiscal",
            "1986/87",
            "1982-86",
            "this",
            "time",
            "week",
            "weekend",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let piece = pieces[(state % pieces.len() as u64) as usize];
                text.push_str(piece);
                if !state.is_multiple_of(3) {
                    text.push(' ');
                }
            }
            for pub_date in [None, Some(d("2024-02-29")), Some(d("1987-12-31"))] {
                for m in extract_dates(&text, pub_date) {
                    assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    assert_eq!(&text[m.start..m.end], m.text);
                }
            }
            for f in crate::figures::extract_figures(&text) {
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                assert_eq!(&text[f.start..f.end], f.text);
            }
            let _ = find_dateline(&text, Some(d("2024-07-01")));
        }
    }

    #[test]
    fn clock_times_on_days_midnight_and_parts_of_day() {
        // Thursday 1989-11-02.
        let v = typed(
            "The offer expires at 5 p.m. EST, Nov. 6, and the old one ran until midnight Friday. \
             Trading halted in mid-afternoon yesterday. He will leave at 4 in the morning.",
            "1989-11-02",
        );
        assert_eq!(
            v,
            [
                triple("5 p.m. EST, Nov. 6", "1989-11-06T17:00", "TIME"),
                triple("midnight Friday", "1989-10-27T24:00", "TIME"),
                triple("afternoon yesterday", "1989-11-01TAF", "TIME"),
                triple("4 in the morning", "1989-11-02T04:00", "TIME"),
            ]
        );
    }

    #[test]
    fn a_colon_after_a_day_is_no_clock() {
        let v = values(
            "The paper said in an editorial on Saturday, April 25: The court erred. \
             The score was 25:30.",
            "1998-04-24",
        );
        assert_eq!(
            v,
            [("Saturday, April 25".into(), Some("1998-04-25".into()))]
        );
    }

    #[test]
    fn intent_and_schedules_look_ahead() {
        let v = values(
            "The bank announced an agreement to acquire the Peoria holding company in January. \
             It agreed to sell the unit in February. The dividend is payable Jan. 2. \
             He could leave as soon as Tuesday. Soon after the attack on Monday, police came.",
            "1989-11-01",
        );
        assert_eq!(
            v,
            [
                ("January".into(), Some("1990-01".into())),
                ("February".into(), Some("1990-02".into())),
                ("Jan. 2".into(), Some("1990-01-02".into())),
                ("Tuesday".into(), Some("1989-11-07".into())),
                ("Monday".into(), Some("1989-10-30".into())),
            ]
        );
    }

    #[test]
    fn a_quarterly_report_keeps_its_quarter() {
        // The report is about the third quarter; "a flat second quarter" is background.
        let v = values(
            "The company posted a 20% gain in third-quarter net income. Profit rose from a year \
             ago. After a flat second quarter, sales recovered. Charges were taken in the \
             year-earlier period. In the 1989 period also, interest expense was lower.",
            "1989-11-01",
        );
        let of = |t: &str| v.iter().find(|(x, _)| x == t).and_then(|(_, v)| v.clone());
        assert_eq!(of("third-quarter").as_deref(), Some("1989-Q3"));
        assert_eq!(of("a year ago").as_deref(), Some("1988-Q3"));
        assert_eq!(
            of("a flat second quarter")
                .or(of("second quarter"))
                .as_deref(),
            Some("1989-Q2")
        );
        assert_eq!(of("the year-earlier period").as_deref(), Some("1988-Q3"));
        assert_eq!(of("the 1989 period").as_deref(), Some("1989-Q3"));
    }

    #[test]
    fn year_end_and_year_after_year() {
        let v = values(
            "The deal should close by year-end, and the cuts by year's end. He was arrested \
             twice from 1991 to 1997. Shares rose to 1995 points.",
            "1989-10-30",
        );
        assert_eq!(
            v,
            [
                ("year-end".into(), Some("1989".into())),
                ("year's end".into(), Some("1989".into())),
                ("1991".into(), Some("1991".into())),
                ("1997".into(), Some("1997".into())),
            ]
        );
        let m = extract_dates("by year-end", Some(d("1989-10-30")));
        assert_eq!(m.first().and_then(|m| m.modifier.as_deref()), Some("end"));
    }

    #[test]
    fn weekdays_follow_their_verb_group_and_possessives_are_past() {
        // Published on Friday 2000-01-07.
        let v = values(
            "Trading in the shares is to resume in Paris Tuesday. The protesters were planning \
             to drive around the airport on Monday. Relatives will look for ways to get \
             around Wednesday's ruling.",
            "2000-01-07",
        );
        assert_eq!(
            v,
            [
                ("Tuesday".into(), Some("2000-01-11".into())),
                ("Monday".into(), Some("2000-01-10".into())),
                ("Wednesday".into(), Some("2000-01-05".into())),
            ]
        );
    }

    #[test]
    fn a_scheduled_meeting_or_visit_in_the_present_lies_ahead() {
        // VOA, published on Friday 1998-05-01: the present of a scheduled meeting, visit or
        // resumption is its future; the past form keeps the latest such weekday.
        let v = values(
            "He and Yasser Arafat meet separately Monday with the envoy. Officials say talks \
             resume Sunday. The king met Bush on Wednesday.",
            "1998-05-01",
        );
        assert_eq!(
            v,
            [
                ("Monday".into(), Some("1998-05-04".into())),
                ("Sunday".into(), Some("1998-05-03".into())),
                ("Wednesday".into(), Some("1998-04-29".into())),
            ]
        );
    }

    #[test]
    fn tense_cues_of_until_set_could_and_adjectives() {
        let v = values(
            "Until Thursday, they had not called him a suspect. The vote is set for Tuesday.",
            "1999-05-07",
        );
        assert_eq!(v[0], ("Thursday".into(), Some("1999-05-06".into())));
        assert_eq!(v[1], ("Tuesday".into(), Some("1999-05-11".into())));
        let v = values(
            "His grandparents could not be located Wednesday. The meeting will be held Wednesday.",
            "2000-01-06",
        );
        assert_eq!(v[0], ("Wednesday".into(), Some("2000-01-05".into())));
        assert_eq!(v[1], ("Wednesday".into(), Some("2000-01-12".into())));
        let v = values(
            "The index is within 70 points of its record high set on Aug. 6.",
            "1998-02-06",
        );
        assert_eq!(v[0], ("Aug. 6".into(), Some("1997-08-06".into())));
        let v = values(
            "The split would be paid on a still unspecified date in January.",
            "1989-11-10",
        );
        assert_eq!(v[0], ("January".into(), Some("1990-01".into())));
    }

    #[test]
    fn current_vague_ago_and_the_quarter_a_year_ago() {
        let v = typed(
            "The current slump widened the current account deficit. It began several years \
             ago. Net rose 5% in the third quarter, against a loss in the quarter a year ago. \
             Prices fell from the previous Friday.",
            "1989-10-27",
        );
        assert_eq!(
            v,
            [
                triple("current", "PRESENT_REF", "DATE"),
                triple("several years ago", "PAST_REF", "DATE"),
                triple("the third quarter", "1989-Q3", "DATE"),
                triple("the quarter a year ago", "1988-Q3", "DATE"),
                triple("the previous Friday", "1989-10-20", "DATE"),
            ]
        );
    }

    #[test]
    fn durations_with_frames_and_seasons_after_prepositions() {
        let v = typed(
            "The appeal could take as long as a month or two. It came barely a month after the \
             cuts. Eight trading days later prices fell. Growth slows over the next couple of \
             years. The last-minute rush ended. Sales rose this past spring and should hold \
             well into the summer.",
            "1989-10-20",
        );
        assert_eq!(
            v,
            [
                triple("a month", "P1M", "DURATION"),
                triple("a month", "P1M", "DURATION"),
                triple("Eight trading days", "P8D", "DURATION"),
                triple("the next couple of years", "P2Y", "DURATION"),
                triple("this past spring", "1989-SP", "DATE"),
                triple("the summer", "1989-SU", "DATE"),
            ]
        );
    }

    #[test]
    fn a_noun_of_what_lies_ahead_after_a_determiner_looks_ahead() {
        // "set" alone would put March 31 in the past; "a deadline" is nearer and looks ahead.
        let v = values(
            "The company set a deadline of March 31 for the bids.",
            "1989-10-30",
        );
        assert_eq!(v, [("March 31".into(), Some("1990-03-31".into()))]);
        let v = values(
            "The board cut the outlook for the fourth quarter ended Dec. 31.",
            "1990-01-15",
        );
        assert_eq!(v[1], ("Dec. 31".into(), Some("1989-12-31".into())));
        // Without a determiner the word gives no cue: "set" decides.
        let v = values(
            "The company set deadlines of March 31 for the bids.",
            "1989-10-30",
        );
        assert_eq!(v, [("March 31".into(), Some("1989-03-31".into()))]);
    }

    #[test]
    fn the_year_after_a_part_of_it_is_the_publication_year() {
        let v = values(
            "Revenue fell 4% through the first nine months of the year.",
            "1989-10-30",
        );
        assert_eq!(
            v,
            [
                ("nine months".into(), Some("P9M".into())),
                ("the year".into(), Some("1989".into())),
            ]
        );
        // A named quarter or half takes "of the year" into its own span.
        let v = values("Sales fell in the second half of the year.", "1989-10-30");
        assert_eq!(
            v,
            [("the second half of the year".into(), Some("1989-H2".into()))]
        );
        // "the end of the year" is the year's end, not a year after a part.
        assert!(values("The weeks of the year-end rush.", "1989-10-30")
            .iter()
            .all(|(t, _)| t != "the year"));
    }

    #[test]
    fn a_name_initial_does_not_end_the_clause_for_its_tense() {
        // The full stop of "P." is no sentence end: "will" still gives the tense.
        let v = values(
            "The company will name Daniel P. Davison chairman on June 5.",
            "1989-10-26",
        );
        assert_eq!(v, [("June 5".into(), Some("1990-06-05".into()))]);
        // A real sentence end still stops the search.
        let v = values(
            "The company will grow. Davison left on June 5.",
            "1989-10-26",
        );
        assert_eq!(v, [("June 5".into(), Some("1989-06-05".into()))]);
    }

    #[test]
    fn future_and_past_spans_of_quarters_and_years_are_references() {
        let v = typed(
            "Tax credits will cut payments in future quarters. It bodes ill for coming quarters. \
             In past years the firm grew; in future years it may shrink.",
            "1989-10-30",
        );
        assert_eq!(
            v,
            [
                triple("future quarters", "FUTURE_REF", "DATE"),
                triple("coming quarters", "FUTURE_REF", "DATE"),
                triple("past years", "PAST_REF", "DATE"),
                triple("future years", "FUTURE_REF", "DATE"),
            ]
        );
    }

    #[test]
    fn datelines() {
        let (date, span) = find_dateline(
            "PARIS, July 23 (Reuters) - French police said",
            Some(d("2024-07-01")),
        )
        .unwrap();
        assert_eq!(date, d("2024-07-23"));
        assert_eq!(span.start, 0);
        assert_eq!(find_dateline("PARIS, July 23 (Reuters) - x", None), None);
        let (date, _) = find_dateline("NEW YORK, March 5, 1987 - Stocks rose", None).unwrap();
        assert_eq!(date, d("1987-03-05"));
        let (date, _) = find_dateline("Updated 14:02 GMT\nText", Some(d("2024-07-23"))).unwrap();
        assert_eq!(date, d("2024-07-23"));
        let (date, _) = find_dateline("Published: 23 July 2024\nText", None).unwrap();
        assert_eq!(date, d("2024-07-23"));
        assert_eq!(
            find_dateline(
                "Tajik journalist Temur Varki received a call in late March.",
                None
            ),
            None
        );
    }
}
