//! The grammar of temporal expressions over [`lexer`](super::lexer) tokens: what counts as a date,
//! a relative reference, a duration or a time, and what it means before it is resolved against the
//! publication date (see [`super::resolve`]).

use chrono::Weekday;
use newsgraph_nlp::lexicon;
use newsgraph_nlp::lexicon::{entries, WordSet};
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet};

use super::lexer::{Kind, Tok};
use super::resolve::duration_value;
use super::words::{numbers, table, words, Table};

/// Calendar units, from seconds to centuries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// How a date's year is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    /// Written out ("March 22, 2024").
    Explicit(i32),
    /// Relative to the publication year ("May this year" = 0, "last year's first quarter" = -1).
    Offset(i32),
    /// To be inferred from the tense of the clause.
    Infer,
    /// "last March": the most recent one strictly before the current period.
    Last,
    /// "next March": the first one strictly after the current period.
    Next,
    /// "this March": the one of the publication year.
    This,
    /// "the year-ago third quarter": the year before the one [`YearSpec::Infer`] would give.
    YearBefore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// What an expression means before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    Day {
        year: YearSpec,
        month: u32,
        day: u32,
        /// Last day of a range ("April 16-21").
        end_day: Option<u32>,
    },
    Month {
        year: YearSpec,
        month: u32,
    },
    Year {
        year: i32,
        /// Last year of a range ("1982-86").
        end: Option<i32>,
    },
    /// First year of the decade (1990 for "the 1990s").
    Decade(i32),
    /// TIMEX century number (18 for "the 19th century").
    Century(i32),
    Quarter {
        year: YearSpec,
        quarter: u32,
    },
    Half {
        year: YearSpec,
        half: u32,
    },
    Season {
        year: YearSpec,
        season: Season,
    },
    Weekday {
        weekday: Weekday,
        spec: YearSpec,
    },
    /// A weekend relative to the publication week (-1 last, 0 this / tense, +1 next).
    Weekend(Option<i64>),
    /// Days from publication: today 0, yesterday -1, tomorrow 1.
    DayOffset(i64),
    /// The unit containing the publication date, shifted ("last month" = Month, -1).
    Relative {
        unit: Unit,
        offset: i64,
    },
    /// "the month" in "the end of the month": the latest period of that unit the text named, else
    /// the current one.
    Definite(Unit),
    /// "the latest quarter": the quarter the text named, else the last one that ended.
    Latest(Unit),
    /// "the year-earlier quarter": the quarter (month) the text last named, a year before.
    YearBefore(Unit),
    /// "the 1988 period": the quarter the text last named, in that year (the year without one).
    PeriodInYear(i32),
    /// "two weeks ago": publication date minus `n` units, at that unit's granularity.
    Ago {
        unit: Unit,
        n: f64,
    },
    /// "a year earlier", "the previous year": a shift of the date the text was just talking about.
    Anaphoric {
        unit: Unit,
        n: i64,
        /// "a year earlier" keeps the referent's granularity and refers to the first date of its
        /// sentence; "the previous year" is a year, counted from the latest date before it.
        keep_gran: bool,
    },
    /// "30 years" (`None` = an unspecified number: "a few weeks").
    Duration {
        n: Option<f64>,
        unit: Unit,
    },
    Time {
        hour: u32,
        minute: u32,
    },
    /// "this time last year".
    SameDayYearOffset(i32),
    /// TimeML's PRESENT_REF, PAST_REF or FUTURE_REF ("now", "the past", "the future").
    Reference(&'static str),
    /// A regular recurrence (TimeML SET) and its value ("daily" P1D, "every Monday" XXXX-WXX-1).
    Set(String),
    /// A holiday: "Thanksgiving", "last Christmas", "Easter 1998".
    Holiday {
        holiday: Holiday,
        year: YearSpec,
    },
    /// An elapsed time written as a clock, as race results are ("won in 2:05:38"): hours,
    /// minutes, seconds.
    Elapsed(u32, u32, u32),
    /// A time on a day: "Friday night", "9 a.m. Tuesday", "last night".
    OnDay {
        day: Box<Sem>,
        time: DayTime,
    },
}

/// A holiday's calendar rule (`holidays.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Fixed {
        month: u32,
        day: u32,
    },
    /// The `n`th `weekday` of `month` (-1: the last).
    NthWeekday {
        n: i8,
        weekday: Weekday,
        month: u32,
    },
    /// Days after Western Easter Sunday.
    Easter(i64),
    /// The Tuesday after the first Monday of November.
    Election,
}

/// Parses a `holidays.txt` rule.
fn parse_holiday(rule: &str) -> Option<Holiday> {
    let mut parts = rule.split_whitespace();
    match parts.next()? {
        "fixed" => {
            let (m, d) = parts.next()?.split_once('-')?;
            Some(Holiday::Fixed {
                month: m.parse().ok()?,
                day: d.parse().ok()?,
            })
        }
        "weekday" => Some(Holiday::NthWeekday {
            n: parts.next()?.parse().ok()?,
            weekday: parts.next()?.parse().ok()?,
            month: parts.next()?.parse().ok()?,
        }),
        "easter" => Some(Holiday::Easter(parts.next()?.parse().ok()?)),
        "election" => Some(Holiday::Election),
        _ => None,
    }
}

/// The time an [`Sem::OnDay`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayTime {
    /// A part of the day, as its TimeML code (MO, AF, EV, NI).
    Part(&'static str),
    /// A clock time.
    Clock { hour: u32, minute: u32 },
}

/// A matched expression: tokens `[start, end)`, its meaning and fuzzy modifier.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

type Toks<'t, 'a> = &'t [Tok<'a>];

fn at<'t, 'a>(toks: Toks<'t, 'a>, i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i)
}
/// The token before `i`, if any.
fn before<'t, 'a>(toks: Toks<'t, 'a>, i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i.checked_sub(1)?)
}
fn is_at(toks: Toks, i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is(w))
}
fn punct_at(toks: Toks, i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is_punct(c))
}
fn glued_punct_at(toks: Toks, i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is_punct(c) && t.glued())
}
fn is_dash(t: &Tok) -> bool {
    t.is_punct('-') || t.is_punct('–') || t.is_punct('—')
}
pub(crate) fn is_apostrophe(t: &Tok) -> bool {
    t.is_punct('\'') || t.is_punct('’')
}

/// Month names and abbreviations (lowercase) to month number: `months.txt` gives the names in
/// calendar order, and each abbreviation is the start of exactly one name.
static MONTHS: Lazy<FxHashMap<String, u32>> = Lazy::new(|| {
    let names: Vec<String> = entries(lexicon!("months.txt"))
        .map(str::to_ascii_lowercase)
        .collect();
    let mut months: FxHashMap<String, u32> = names.iter().cloned().zip(1..).collect();
    for abbreviation in entries(lexicon!("month_abbreviations.txt")) {
        if let Some(m) = names.iter().position(|n| n.starts_with(abbreviation)) {
            months.insert(abbreviation.to_string(), m as u32 + 1);
        }
    }
    months
});

/// Day names (lowercase) in `weekdays.txt` order, Monday first.
static WEEKDAYS: Lazy<FxHashMap<String, Weekday>> = Lazy::new(|| {
    const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    entries(lexicon!("weekdays.txt"))
        .map(str::to_ascii_lowercase)
        .zip(WEEK)
        .collect()
});

static NUMBER_WORDS: Lazy<Table<f64>> = Lazy::new(|| numbers(lexicon!("number_words.txt")));
static ORDINAL_WORDS: Lazy<Table<u32>> = Lazy::new(|| numbers(lexicon!("ordinal_words.txt")));
static DECADE_WORDS: Lazy<Table<i32>> = Lazy::new(|| numbers(lexicon!("decade_words.txt")));
static TIME_UNITS: Lazy<Table<(Unit, f64)>> =
    Lazy::new(|| table(lexicon!("time_units.txt"), parse_unit));
static SEASONS: Lazy<Table<Season>> = Lazy::new(|| {
    table(lexicon!("seasons.txt"), |name| match name {
        "spring" => Some(Season::Spring),
        "summer" => Some(Season::Summer),
        "autumn" => Some(Season::Autumn),
        "winter" => Some(Season::Winter),
        _ => None,
    })
});
static YEAR_QUANTITY_CUES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("year_quantity_cues.txt")));
static QUANTITY_UNITS: Lazy<WordSet> = Lazy::new(|| WordSet::parse(lexicon!("quantity_units.txt")));
static YEAR_PREPOSITIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("year_prepositions.txt")));
static MONTH_CONTEXT_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("month_context_words.txt")));
static AMBIGUOUS_MONTH_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("ambiguous_month_names.txt")));
static TIME_ZONES: Lazy<WordSet> = Lazy::new(|| WordSet::parse(lexicon!("time_zones.txt")));
static DURATION_FRAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("duration_frames.txt")));
static DURATION_FRAME_ADJECTIVES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("duration_frame_adjectives.txt")));

static REFERENCES: Lazy<Table<&'static str>> =
    Lazy::new(|| words(lexicon!("temporal_references.txt")));
/// The first words of [`REFERENCES`], to try a phrase only where one may begin.
static REFERENCE_FIRST_WORDS: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    REFERENCES
        .keys()
        .filter_map(|k| k.split(' ').next())
        .collect()
});
static HOLIDAYS: Lazy<Table<Holiday>> =
    Lazy::new(|| table(lexicon!("holidays.txt"), parse_holiday));
static SET_WORDS: Lazy<Table<&'static str>> = Lazy::new(|| words(lexicon!("set_words.txt")));
static DAY_PARTS: Lazy<Table<&'static str>> = Lazy::new(|| words(lexicon!("day_parts.txt")));
static DAY_KIND_WORDS: Lazy<WordSet> = Lazy::new(|| WordSet::parse(lexicon!("day_kind_words.txt")));
static NON_TEMPORAL_CURRENT_NOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("non_temporal_current_nouns.txt")));
static SOMEDAY_MODALS: Lazy<WordSet> = Lazy::new(|| WordSet::parse(lexicon!("someday_modals.txt")));
static YEAR_REACH_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("year_reach_words.txt")));
static YEAR_PART_NOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("year_part_nouns.txt")));
static GENERIC_TODAY_NOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("generic_today_nouns.txt")));
static VAGUE_DURATION_FRAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("vague_duration_frames.txt")));
static SET_QUANTIFIERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("set_quantifiers.txt")));
static FREQUENCY_WORDS: Lazy<Table<u32>> = Lazy::new(|| numbers(lexicon!("frequency_words.txt")));
static FREQUENCY_PERIODS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("frequency_periods.txt")));

/// Every word that may begin an expression: month, weekday and number words and
/// `temporal_start_words.txt`, in one set so the filter costs one lookup per word.
static START_WORDS: Lazy<FxHashSet<String>> = Lazy::new(|| {
    let start_words = entries(lexicon!("temporal_start_words.txt"))
        .chain(entries(lexicon!("set_quantifiers.txt")))
        .chain(REFERENCE_FIRST_WORDS.iter().copied())
        .chain(SET_WORDS.keys().copied())
        .chain(FREQUENCY_WORDS.keys().copied())
        .chain(HOLIDAYS.keys().filter_map(|k| k.split(' ').next()))
        // Bare plural units: "for years".
        .chain(TIME_UNITS.keys().copied().filter(|u| u.ends_with('s')))
        .map(str::to_string);
    // "Mondays": a weekday in the plural recurs.
    let plural_weekdays = WEEKDAYS.keys().map(|w| format!("{w}s"));
    MONTHS
        .keys()
        .chain(WEEKDAYS.keys())
        .cloned()
        .chain(plural_weekdays)
        .chain(NUMBER_WORDS.keys().map(|w| w.to_string()))
        .chain(start_words)
        .collect()
});

/// A `time_units.txt` value: "unit multiple" ("week 2" for a fortnight).
fn parse_unit(value: &str) -> Option<(Unit, f64)> {
    let (name, multiple) = value.split_once(' ')?;
    let unit = match name {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    };
    Some((unit, multiple.trim().parse().ok()?))
}

/// Month number of a lowercase month name or abbreviation.
pub(crate) fn month_of(lower: &str) -> Option<u32> {
    MONTHS.get(lower).copied()
}

fn weekday_of(lower: &str) -> Option<Weekday> {
    WEEKDAYS.get(lower).copied()
}

/// Cardinal number words up to ninety-nine (hyphenated compounds are read by [`number_at`]).
pub(crate) fn number_word(lower: &str) -> Option<f64> {
    NUMBER_WORDS.get(lower).copied()
}

fn ordinal_word(lower: &str) -> Option<u32> {
    ORDINAL_WORDS.get(lower).copied()
}

fn unit_of(lower: &str) -> Option<(Unit, f64)> {
    TIME_UNITS.get(lower).copied()
}

/// A number written in digits ("30", "1.5") or words ("two", "twenty-five") at `i`: value and end.
pub(crate) fn number_at(toks: Toks, i: usize) -> Option<(f64, usize)> {
    let t = at(toks, i)?;
    if t.is_num() {
        // Digits with an optional glued decimal part; a glued thousands separator is not a small count.
        if glued_punct_at(toks, i + 1, ',')
            && at(toks, i + 2).is_some_and(|n| n.is_num() && n.glued())
        {
            return None;
        }
        if glued_punct_at(toks, i + 1, '.') {
            if let Some(frac) = at(toks, i + 2).filter(|n| n.is_num() && n.glued()) {
                let v: f64 = format!("{}.{}", t.text, frac.text).parse().ok()?;
                return Some((v, i + 3));
            }
        }
        return Some((t.text.parse().ok()?, i + 1));
    }
    let v = number_word(&t.lower)?;
    // "twenty-five"
    if v >= 20.0 && glued_punct_at(toks, i + 1, '-') {
        if let Some(unit) = at(toks, i + 2)
            .filter(|n| n.glued())
            .and_then(|n| number_word(&n.lower))
        {
            if unit < 10.0 {
                return Some((v + unit, i + 3));
            }
        }
    }
    Some((v, i + 1))
}

/// Day of month at `i` ("3", "3rd"): day and end.
fn day_at(toks: Toks, i: usize) -> Option<(u32, usize)> {
    let t = at(toks, i)?;
    if !t.is_num() || t.text.len() > 2 {
        return None;
    }
    let d: u32 = t.text.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut end = i + 1;
    if let Some(s) = at(toks, end) {
        let decimal_or_thousands = (s.is_punct('.') || s.is_punct(','))
            && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued());
        if s.glued() && matches!(s.lower.as_ref(), "st" | "nd" | "rd" | "th") {
            end += 1;
        } else if s.glued() && (s.is_punct('%') || decimal_or_thousands) {
            return None;
        } else if s.glued()
            && s.is_punct(':')
            && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued())
        {
            // "25:30" is a clock or a score; "April 25: The court ..." still a date.
            return None;
        }
    }
    Some((d, end))
}

/// Words after which a number is a quantity, not a year.
fn is_quantity_context(lower: &str) -> bool {
    YEAR_QUANTITY_CUES.contains(lower)
}

/// Words after a number that make it a quantity.
fn is_unit_after(lower: &str) -> bool {
    QUANTITY_UNITS.contains(lower)
}

/// A four-digit year at `i` (`lenient` after a temporal preposition), or `None`.
fn year_at(toks: Toks, i: usize, lenient: bool) -> Option<i32> {
    let t = at(toks, i)?;
    if !t.is_num() || t.text.len() != 4 {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    let range = if lenient { 1000..=2100 } else { 1800..=2100 };
    if !range.contains(&y) {
        return None;
    }
    if let Some(p) = before(toks, i) {
        if t.glued() && (p.is_punct('$') || p.is_punct('£') || p.is_punct('€') || p.is_punct('¥'))
        {
            return None;
        }
        if t.glued() && (p.is_punct('.') || p.is_punct(',')) {
            return None;
        }
        // "from 1991 to 1997": a year after a year is one too; so is "dating to 1994".
        let after_year = p.is("to")
            && i.checked_sub(2).and_then(|q| at(toks, q)).is_some_and(|q| {
                q.is_num() && q.text.len() == 4 || YEAR_REACH_WORDS.contains(&q.lower)
            });
        if !lenient && !after_year && is_quantity_context(&p.lower) {
            return None;
        }
    }
    if let Some(n) = at(toks, i + 1) {
        if n.glued() && (n.is_punct('%') || n.is_punct(':') || n.kind == Kind::Word && !n.is("s")) {
            return None;
        }
        if n.glued()
            && (n.is_punct(',') || n.is_punct('.'))
            && at(toks, i + 2).is_some_and(|d| d.is_num() && d.glued())
        {
            return None;
        }
        if is_unit_after(&n.lower) || TIME_ZONES.contains(n.text) {
            return None;
        }
    }
    Some(y)
}

fn is_year_preposition(lower: &str) -> bool {
    YEAR_PREPOSITIONS.contains(lower)
}

/// A month name at `i` (capitalised; "May" only where it cannot be the verb), with a glued
/// abbreviation point consumed: month and end.
fn month_at(toks: Toks, i: usize) -> Option<(u32, usize)> {
    let t = at(toks, i)?;
    if !t.is_word() || !t.is_capitalized() {
        return None;
    }
    let m = month_of(&t.lower)?;
    let short = t.text.len() <= 4 && !t.is("june") && !t.is("july") && !t.is("may");
    let mut end = i + 1;
    if glued_punct_at(toks, end, '.') && (short || t.is("sept")) {
        end += 1;
    }
    Some((m, end))
}

/// Whether a bare month name at `i..end` is really a month (guards "May" the verb, "April" the name).
fn bare_month_ok(toks: Toks, i: usize, end: usize) -> bool {
    let Some(t) = at(toks, i) else { return false };
    let prev = before(toks, i);
    let prev_temporal = prev
        .is_some_and(|p| MONTH_CONTEXT_WORDS.contains(&p.lower) || month_of(&p.lower).is_some());
    if AMBIGUOUS_MONTH_NAMES.contains(&t.lower) {
        if !prev_temporal {
            return false;
        }
        // "June Smith": a capitalised word after makes a first name more likely.
        if at(toks, end)
            .is_some_and(|n| n.is_word() && n.is_capitalized() && month_of(&n.lower).is_none())
        {
            return false;
        }
    }
    // A long abbreviation-free name is a month anywhere except as the first token of a title-cased
    // name ("March Madness" is rare enough to ignore).
    true
}

/// Year written after a month or day: ", 2024", " 2024", " of 2024", or "this/last/next year".
fn year_tail(toks: Toks, i: usize) -> Option<(YearSpec, usize)> {
    let mut j = i;
    if punct_at(toks, j, ',') || is_at(toks, j, "of") {
        j += 1;
    }
    if let Some(y) = year_at(toks, j, true) {
        return Some((YearSpec::Explicit(y), j + 1));
    }
    if let Some((y, end)) = spoken_year(toks, j) {
        return Some((YearSpec::Explicit(y), end));
    }
    let i = if punct_at(toks, i, ',') { i + 1 } else { i };
    let relative = is_at(toks, i, "this") || is_at(toks, i, "last") || is_at(toks, i, "next");
    if relative && is_at(toks, i + 1, "year") && !is_apostrophe_s(toks, i + 2) {
        {
            let off = match at(toks, i)?.lower.as_ref() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return Some((YearSpec::Offset(off), i + 2));
        }
    }
    None
}

fn is_apostrophe_s(toks: Toks, i: usize) -> bool {
    at(toks, i).is_some_and(is_apostrophe) && is_at(toks, i + 1, "s")
}

/// Month-based dates: "March 22, 2024", "Jan. 3", "April 16-21", "March 2024", "May this year",
/// "last June 18", "March".
fn month_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (rel, mi) = match at(toks, i)?.lower.as_ref() {
        "last" => (YearSpec::Last, i + 1),
        "next" => (YearSpec::Next, i + 1),
        "this" => (YearSpec::This, i + 1),
        _ => (YearSpec::Infer, i),
    };
    let (month, after_month) = month_at(toks, mi)?;
    if let Some((day, after_day)) = day_at(toks, after_month) {
        // A range "April 16-21" or "April 16 to 21".
        let mut end = after_day;
        let mut end_day = None;
        if at(toks, end).is_some_and(is_dash) || is_at(toks, end, "to") {
            if let Some((d2, e2)) = day_at(toks, end + 1) {
                if d2 > day {
                    end_day = Some(d2);
                    end = e2;
                }
            }
        }
        let (year, end) = match year_tail(toks, end) {
            Some((YearSpec::Explicit(y), e)) => (YearSpec::Explicit(y), e),
            Some((YearSpec::Offset(o), e)) if rel == YearSpec::Infer => (YearSpec::Offset(o), e),
            _ => (rel, end),
        };
        // "March 1,000" or "May 5" followed by units is not a date.
        if at(toks, end).is_some_and(|n| is_unit_after(&n.lower) && !n.is("m")) {
            return None;
        }
        return Some((
            end,
            Sem::Day {
                year,
                month,
                day,
                end_day,
            },
        ));
    }
    if let Some((year, end)) = year_tail(toks, after_month) {
        let year = match (year, rel) {
            (YearSpec::Explicit(y), _) => YearSpec::Explicit(y),
            (YearSpec::Offset(o), YearSpec::Infer) => YearSpec::Offset(o),
            _ => rel,
        };
        return Some((end, Sem::Month { year, month }));
    }
    if rel == YearSpec::Infer && !bare_month_ok(toks, mi, after_month) {
        return None;
    }
    Some((after_month, Sem::Month { year: rel, month }))
}

/// Day-first dates: "22 March 2024", "3rd of July", "22 March".
fn day_month_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (day, mut j) = day_at(toks, i)?;
    if is_at(toks, j, "of") {
        j += 1;
    }
    let (month, after) = month_at(toks, j)?;
    let (year, end) = match year_tail(toks, after) {
        Some((y, e)) => (y, e),
        None => (YearSpec::Infer, after),
    };
    Some((
        end,
        Sem::Day {
            year,
            month,
            day,
            end_day: None,
        },
    ))
}

/// "Friday", "last Friday", "Friday, March 4", "Friday morning".
fn weekday_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (spec, wi) = match at(toks, i)?.lower.as_ref() {
        "last" => (YearSpec::Last, i + 1),
        "next" | "coming" => (YearSpec::Next, i + 1),
        "this" => (YearSpec::This, i + 1),
        // "down 4.5% from the previous Friday"
        "the"
            if at(toks, i + 1)
                .is_some_and(|w| matches!(w.lower.as_ref(), "previous" | "preceding")) =>
        {
            (YearSpec::Last, i + 2)
        }
        _ => (YearSpec::Infer, i),
    };
    let t = at(toks, wi)?;
    if !t.is_capitalized() {
        return None;
    }
    let weekday = weekday_of(&t.lower)?;
    let end = wi + 1;
    // An explicit date after the weekday wins.
    let k = if punct_at(toks, end, ',') {
        end + 1
    } else {
        end
    };
    if let Some((e, sem)) = month_date(toks, k).or_else(|| day_month_date(toks, k)) {
        if matches!(sem, Sem::Day { .. }) {
            return Some((e, sem));
        }
    }
    let day = Sem::Weekday { weekday, spec };
    if let Some(code) = at(toks, end).and_then(|n| day_part(&n.lower)) {
        return Some((end + 1, on_day(day, DayTime::Part(code))));
    }
    Some((end, day))
}

/// "Q1", "Q1 2024", "the first quarter", "fourth quarter of 1986", "the first qtr of 1986",
/// "the second half of 1987", "first-half".
fn quarter_or_half(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let mut j = i;
    if is_at(toks, j, "the") {
        j += 1;
    }
    // "Q1" / "H1"
    if let Some(t) = at(toks, j) {
        if (t.text == "Q" || t.text == "H")
            && at(toks, j + 1).is_some_and(|n| n.glued() && n.is_num())
        {
            let n: u32 = at(toks, j + 1)?.text.parse().ok()?;
            let mut end = j + 2;
            let mut year = YearSpec::Infer;
            if let Some(y) = year_at(toks, end, true) {
                year = YearSpec::Explicit(y);
                end += 1;
            }
            return match (t.text, n) {
                ("Q", 1..=4) => Some((end, Sem::Quarter { year, quarter: n })),
                ("H", 1..=2) if year != YearSpec::Infer => Some((end, Sem::Half { year, half: n })),
                _ => None,
            };
        }
    }
    let ord_tok = at(toks, j)?;
    let the_last = ord_tok.is("last") && j > i;
    let ord = match ord_tok.lower.as_ref() {
        "final" => 4,
        // "the last quarter of 2004" (without a year "last quarter" is relative: see relative_date)
        "last" if the_last => 4,
        w => match ordinal_word(w) {
            Some(o) => o,
            None => {
                let (n, e) = (ord_tok.int()?, j + 1);
                if !at(toks, e).is_some_and(|s| {
                    s.glued() && matches!(s.lower.as_ref(), "st" | "nd" | "rd" | "th")
                }) {
                    return None;
                }
                j += 1;
                u32::try_from(n).ok()?
            }
        },
    };
    let mut k = j + 1;
    if glued_punct_at(toks, k, '-') {
        k += 1;
    }
    let what = at(toks, k)?;
    let is_quarter = matches!(what.lower.as_ref(), "quarter" | "qtr");
    let is_half = what.is("half");
    if !is_quarter && !is_half {
        return None;
    }
    let mut end = k + 1;
    let mut year = YearSpec::Infer;
    if is_at(toks, end, "of") || punct_at(toks, end, ',') {
        if let Some(y) = year_at(toks, end + 1, true) {
            year = YearSpec::Explicit(y);
            end += 2;
        } else if is_at(toks, end, "of") && is_at(toks, end + 2, "year") {
            let off = match at(toks, end + 1)?.lower.as_ref() {
                "this" | "the" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(off) = off {
                year = YearSpec::Offset(off);
                end += 3;
            }
        }
    } else if let Some(y) = year_at(toks, end, true) {
        year = YearSpec::Explicit(y);
        end += 1;
    }
    if the_last && !matches!(year, YearSpec::Explicit(_)) {
        return None;
    }
    let ord = if the_last && is_half { 2 } else { ord };
    if is_quarter && (1..=4).contains(&ord) {
        return Some((end, Sem::Quarter { year, quarter: ord }));
    }
    // A half without a year is a match half in sports reports far too often.
    if is_half && (1..=2).contains(&ord) && year != YearSpec::Infer {
        return Some((end, Sem::Half { year, half: ord }));
    }
    None
}

/// Quarter or half after a possessive year: "1986's fourth quarter", "last year's first quarter".
fn possessive_period(toks: Toks, after_year: usize, year: YearSpec) -> Option<(usize, Sem)> {
    if !is_apostrophe_s(toks, after_year) {
        return None;
    }
    let (end, sem) = quarter_or_half(toks, after_year + 2)?;
    match sem {
        Sem::Quarter {
            year: YearSpec::Infer,
            quarter,
        } => Some((end, Sem::Quarter { year, quarter })),
        Sem::Half { .. } => None,
        _ => None,
    }
    .or_else(|| {
        // "first half" needs the possessive year as its year.
        let mut j = after_year + 2;
        let ord = ordinal_word(&at(toks, j)?.lower)?;
        j += 1;
        if glued_punct_at(toks, j, '-') {
            j += 1;
        }
        (is_at(toks, j, "half") && (1..=2).contains(&ord))
            .then_some((j + 1, Sem::Half { year, half: ord }))
    })
}

/// Years and decades: "2016", "fiscal 1986", "1986/87", "1982-86", "the 1990s", "'90s", "FY2024",
/// "1986's fourth quarter".
fn year_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let mut j = i;
    let mut lenient = before(toks, i).is_some_and(|p| is_year_preposition(&p.lower));
    if is_at(toks, j, "the") {
        j += 1;
    }
    if is_at(toks, j, "fiscal") {
        j += 1;
        if is_at(toks, j, "year") {
            if j == i + 2 && (is_at(toks, j + 1, "ended") || is_at(toks, j + 1, "ending")) {
                // "the fiscal year ended June 30": a reporting year (see `anaphoric`).
                let sem = Sem::Duration {
                    n: Some(1.0),
                    unit: Unit::Year,
                };
                return Some((j + 1, sem));
            }
            j += 1;
        }
        lenient = true;
    } else if at(toks, j).is_some_and(|t| t.text == "FY") {
        j += 1;
        lenient = true;
    }
    if let Some(found) = decade_or_century(toks, i, j) {
        return Some(found);
    }
    if let Some((y, end)) = spoken_year(toks, j) {
        return Some((end, Sem::Year { year: y, end: None }));
    }
    // "the year 2000", "the year two thousand".
    if j == i + 1 && is_at(toks, i, "the") && is_at(toks, j, "year") {
        let y = year_at(toks, j + 1, true).map(|y| (y, j + 2));
        if let Some((y, end)) = y
            .or_else(|| spoken_year(toks, j + 1))
            .or_else(|| thousands_year(toks, j + 1))
        {
            return Some((end, Sem::Year { year: y, end: None }));
        }
    }
    let y = year_at(toks, j, lenient)?;
    let end = j + 1;
    if j == i + 1 && is_at(toks, i, "the") {
        // "the 1988 period" is one expression; in "the 1992 protests" the year alone is (TimeML
        // leaves out the article of the noun a year modifies): the scan finds it at `j`.
        return period_of_year(toks, end, y);
    }
    if let Some(found) = year_range(toks, end, y) {
        return Some(found);
    }
    if let Some(r) = possessive_period(toks, end, YearSpec::Explicit(y)) {
        return Some(r);
    }
    if let Some(found) = iso_date(toks, end, y) {
        return Some(found);
    }
    let determiner = if j > i {
        is_at(toks, i, "the")
    } else {
        before(toks, i).is_some_and(|p| p.is("the"))
    };
    if determiner && !lenient {
        // "the 2000 people": a determiner before a bare number is not enough for a year.
        if at(toks, end).is_some_and(|n| n.is_word() && !n.is_capitalized()) && y < 1900 {
            return None;
        }
    }
    Some((end, Sem::Year { year: y, end: None }))
}

/// A year said in words, as broadcast transcripts write it: "nineteen ninety-one",
/// "nineteen eighty", "eighteen twelve" (centuries 17 to 20 only: "twelve thirty" is a time). Returns the year and the token after it.
fn spoken_year(toks: Toks, j: usize) -> Option<(i32, usize)> {
    let century = number_word(&at(toks, j)?.lower)?;
    if !(17.0..=20.0).contains(&century) {
        return None;
    }
    let tens = number_word(&at(toks, j + 1)?.lower)?;
    // "nineteen ninety", "nineteen fifteen" (not "nineteen two": a year never says "oh" so
    // rarely that a count of two is likelier).
    if !(10.0..=90.0).contains(&tens) || tens >= 20.0 && tens % 10.0 != 0.0 {
        return None;
    }
    let mut end = j + 2;
    let mut units = 0.0;
    if tens >= 20.0 && glued_punct_at(toks, end, '-') {
        if let Some(u) = at(toks, end + 1)
            .filter(|u| u.glued())
            .and_then(|u| number_word(&u.lower))
            .filter(|u| (1.0..=9.0).contains(u))
        {
            units = u;
            end += 2;
        }
    }
    Some(((century * 100.0 + tens + units) as i32, end))
}

/// "two thousand", "two thousand and one", "two thousand five": a year of this millennium said
/// in words; only after "the year", since "two thousand" alone is mostly a count.
fn thousands_year(toks: Toks, j: usize) -> Option<(i32, usize)> {
    if !(is_at(toks, j, "two") && is_at(toks, j + 1, "thousand")) {
        return None;
    }
    let mut k = j + 2;
    if is_at(toks, k, "and") {
        k += 1;
    }
    match at(toks, k)
        .and_then(|t| number_word(&t.lower))
        .filter(|n| (1.0..=19.0).contains(n))
    {
        Some(n) => Some((2000 + n as i32, k + 1)),
        None => Some((2000, j + 2)),
    }
}

/// "the 1988 second quarter", "the 1988 period", "the 1989 quarter": a quarter of the year `y`
/// (ending before `end`), its number written or that of the quarter the text is about.
fn period_of_year(toks: Toks, end: usize, y: i32) -> Option<(usize, Sem)> {
    let next = at(toks, end)?;
    if next.is("period") || next.is("quarter") {
        return Some((end + 1, Sem::PeriodInYear(y)));
    }
    let ord = ordinal_word(&next.lower)?;
    let k = if glued_punct_at(toks, end + 1, '-') {
        end + 2
    } else {
        end + 1
    };
    (is_at(toks, k, "quarter") && (1..=4).contains(&ord)).then_some((
        k + 1,
        Sem::Quarter {
            year: YearSpec::Explicit(y),
            quarter: ord,
        },
    ))
}

/// Decades and centuries at `j` ("1990s", "'90s", "the sixties", "the 19th century"); `i` is
/// where the expression starts (before a "the" at `j - 1`).
fn decade_or_century(toks: Toks, i: usize, j: usize) -> Option<(usize, Sem)> {
    let t = at(toks, j)?;
    // Decades: "1990s", "'90s".
    if t.is_num()
        && t.text.len() == 4
        && t.text.ends_with('0')
        && at(toks, j + 1).is_some_and(|s| s.glued() && s.is("s"))
    {
        let y: i32 = t.text.parse().ok()?;
        if (1000..=2090).contains(&y) {
            return Some((j + 2, Sem::Decade(y)));
        }
    }
    if is_apostrophe(t)
        && at(toks, j + 1)
            .is_some_and(|n| n.glued() && n.is_num() && n.text.len() == 2 && n.text.ends_with('0'))
        && at(toks, j + 2).is_some_and(|s| s.glued() && s.is("s"))
    {
        let yy: i32 = at(toks, j + 1)?.text.parse().ok()?;
        let y = if yy <= 20 { 2000 + yy } else { 1900 + yy };
        return Some((j + 3, Sem::Decade(y)));
    }
    if let Some(w) = decade_word(&t.lower) {
        if j > i {
            return Some((j + 1, Sem::Decade(w)));
        }
    }
    // Centuries: "the 19th century", "the nineteenth century", "21st-century".
    if let Some((c, e)) = century_at(toks, j) {
        return Some((e, Sem::Century(c)));
    }
    None
}

/// Split and ranged years after the year `y` (ending before `end`).
fn year_range(toks: Toks, end: usize, y: i32) -> Option<(usize, Sem)> {
    // Split and ranged years: "1986/87", "1987/1988", "1982-86", "2000-2003".
    if let Some(sep) = at(toks, end) {
        if sep.glued() && (sep.is_punct('/') || is_dash(sep)) {
            if let Some(n) = at(toks, end + 1).filter(|n| n.glued() && n.is_num()) {
                let second: Option<i32> = match n.text.len() {
                    2 => n.text.parse::<i32>().ok().map(|yy| y - y % 100 + yy),
                    4 => n.text.parse().ok(),
                    _ => None,
                };
                if let Some(second) = second.filter(|s| *s > y && *s - y < 100) {
                    return Some((
                        end + 2,
                        Sem::Year {
                            year: y,
                            end: if sep.is_punct('/') {
                                None
                            } else {
                                Some(second)
                            },
                        },
                    ));
                }
            }
        }
    }
    None
}

/// An ISO date after the year `y` (ending before `end`).
fn iso_date(toks: Toks, end: usize, y: i32) -> Option<(usize, Sem)> {
    // "2024-07-23"
    if glued_punct_at(toks, end, '-') {
        if let (Some(m), Some(d)) = (at(toks, end + 1), at(toks, end + 3)) {
            if m.glued()
                && m.is_num()
                && m.text.len() == 2
                && glued_punct_at(toks, end + 2, '-')
                && d.glued()
                && d.is_num()
                && d.text.len() == 2
            {
                let month: u32 = m.text.parse().ok()?;
                let day: u32 = d.text.parse().ok()?;
                if (1..=12).contains(&month) && (1..=31).contains(&day) {
                    return Some((
                        end + 4,
                        Sem::Day {
                            year: YearSpec::Explicit(y),
                            month,
                            day,
                            end_day: None,
                        },
                    ));
                }
            }
        }
    }
    None
}

fn decade_word(lower: &str) -> Option<i32> {
    DECADE_WORDS.get(lower).copied()
}

fn century_at(toks: Toks, j: usize) -> Option<(i32, usize)> {
    let t = at(toks, j)?;
    let (n, mut k) = if let Some(o) = ordinal_word(&t.lower) {
        (o as i32, j + 1)
    } else if t.is("twenty") && glued_punct_at(toks, j + 1, '-') && is_at(toks, j + 2, "first") {
        (21, j + 3)
    } else if t.is_num() && t.text.len() <= 2 {
        let s = at(toks, j + 1)?;
        if !(s.glued() && matches!(s.lower.as_ref(), "st" | "nd" | "rd" | "th")) {
            return None;
        }
        (t.text.parse().ok()?, j + 2)
    } else {
        return None;
    };
    if glued_punct_at(toks, k, '-') {
        k += 1;
    }
    if is_at(toks, k, "century") && (1..=30).contains(&n) {
        Some((n - 1, k + 1))
    } else {
        None
    }
}

/// The TimeML code of a part of a day ("night" NI), from `day_parts.txt`.
fn day_part(lower: &str) -> Option<&'static str> {
    DAY_PARTS.get(lower).copied()
}

fn on_day(day: Sem, time: DayTime) -> Sem {
    Sem::OnDay {
        day: Box::new(day),
        time,
    }
}

/// today, yesterday, tonight, this/last/next week|month|year|quarter|weekend, last night,
/// this morning, the weekend, this time last year.
fn relative_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let t = at(toks, i)?;
    let part_at = |k: usize| at(toks, k).and_then(|n| day_part(&n.lower));
    let offset_day = match t.lower.as_ref() {
        // "today's youth", "in today's world": the present age, not a day.
        "today"
            if is_apostrophe_s(toks, i + 1)
                && at(toks, i + 3).is_some_and(|n| GENERIC_TODAY_NOUNS.contains(&n.lower)) =>
        {
            return None
        }
        "today" => Some(0),
        "tonight" => return Some((i + 1, on_day(Sem::DayOffset(0), DayTime::Part("NI")))),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(n) = offset_day {
        return Some(match part_at(i + 1) {
            Some(code) => (i + 2, on_day(Sem::DayOffset(n), DayTime::Part(code))),
            None => (i + 1, Sem::DayOffset(n)),
        });
    }
    // "this time last year"
    if t.is("this") && is_at(toks, i + 1, "time") && is_at(toks, i + 3, "year") {
        match at(toks, i + 2)?.lower.as_ref() {
            "last" => return Some((i + 4, Sem::SameDayYearOffset(-1))),
            "next" => return Some((i + 4, Sem::SameDayYearOffset(1))),
            _ => {}
        }
    }
    if t.is("the") && is_at(toks, i + 1, "weekend") {
        return Some((i + 2, Sem::Weekend(None)));
    }
    // "the full year": the year the text is about.
    if t.is("the") && is_at(toks, i + 1, "full") && is_at(toks, i + 2, "year") {
        return Some((i + 3, Sem::Definite(Unit::Year)));
    }
    if the_year_in_question(toks, i) {
        return Some((i + 2, Sem::Definite(Unit::Year)));
    }
    if the_year_of_its_part(toks, i) {
        return Some((
            i + 2,
            Sem::Relative {
                unit: Unit::Year,
                offset: 0,
            },
        ));
    }
    if t.is("the") && is_at(toks, i + 1, "current") {
        let ui = if is_at(toks, i + 2, "fiscal") {
            i + 3
        } else {
            i + 2
        };
        if let Some((unit, _)) = at(toks, ui).and_then(|u| unit_or_period(&u.lower)) {
            return Some((ui + 1, Sem::Relative { unit, offset: 0 }));
        }
    }
    // "the quarter", "the latest quarter": the quarter the text is about.
    if t.is("the") {
        let latest = is_at(toks, i + 1, "latest");
        let k = if latest { i + 2 } else { i + 1 };
        // "the latest period" of a quarterly report is its latest quarter.
        if (is_at(toks, k, "quarter") || latest && is_at(toks, k, "period"))
            && !glued_punct_at(toks, k + 1, '-')
            && !is_at(toks, k + 1, "of")
        {
            let sem = if latest {
                Sem::Latest(Unit::Quarter)
            } else {
                Sem::Definite(Unit::Quarter)
            };
            return Some((k + 1, sem));
        }
    }
    let offset = match t.lower.as_ref() {
        "this" => 0,
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    let u = at(toks, i + 1)?;
    if t.is("last") && u.is("night") {
        return Some((i + 2, on_day(Sem::DayOffset(-1), DayTime::Part("NI"))));
    }
    if t.is("this") && !u.is("night") {
        if let Some(code) = day_part(&u.lower) {
            return Some((i + 2, on_day(Sem::DayOffset(0), DayTime::Part(code))));
        }
    }
    if u.is("weekend") {
        return Some((i + 2, Sem::Weekend(Some(offset))));
    }
    // "this fiscal year"
    let ui = if u.is("fiscal") && is_at(toks, i + 2, "year") {
        i + 2
    } else {
        i + 1
    };
    let u = at(toks, ui)?;
    let (unit, _) = unit_or_period(&u.lower)?;
    if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day)
        || u.lower.ends_with('s')
    {
        return None;
    }
    let end = ui + 1;
    if let Some(r) =
        possessive_period(toks, end, YearSpec::Offset(offset as i32)).filter(|_| unit == Unit::Year)
    {
        return Some(r);
    }
    Some((end, Sem::Relative { unit, offset }))
}

/// "For the year, volume was flat", "delayed earlier in the year": after "for", "in", "during"
/// or "throughout", "the year" is the year the text is about; "the year ended June 30" (a
/// fiscal year's span), "the year before", "the year 2000" and "the year-earlier quarter" are not.
fn the_year_in_question(toks: Toks, i: usize) -> bool {
    let framed = before(toks, i)
        .is_some_and(|p| matches!(p.lower.as_ref(), "for" | "in" | "during" | "throughout"));
    if !framed || !is_at(toks, i, "the") || !is_at(toks, i + 1, "year") {
        return false;
    }
    match at(toks, i + 2) {
        None => true,
        Some(n) if n.is_num() || n.glued() && is_dash(n) => false,
        Some(n) => !matches!(
            n.lower.as_ref(),
            "ended"
                | "ending"
                | "end"
                | "to"
                | "before"
                | "after"
                | "earlier"
                | "ago"
                | "that"
                | "when"
                | "in"
                | "of"
                | "since"
                | "through"
                | "'"
                | "’"
        ),
    }
}

/// "the first nine months of the year", "the second half of the year": after a part of a year
/// and "of", "the year" is the one the text is in, the publication year (as TimeML values it);
/// "the year's", "the year-end" are left to other rules.
fn the_year_of_its_part(toks: Toks, i: usize) -> bool {
    i >= 2
        && is_at(toks, i, "the")
        && is_at(toks, i + 1, "year")
        && is_at(toks, i - 1, "of")
        && at(toks, i - 2).is_some_and(|n| YEAR_PART_NOUNS.contains(&n.lower))
        && !at(toks, i + 2)
            .is_some_and(|n| n.is_num() || n.glued() && is_dash(n) || is_apostrophe(n))
}

fn unit_or_period(lower: &str) -> Option<(Unit, f64)> {
    match lower {
        "quarter" => Some((Unit::Quarter, 1.0)),
        _ => unit_of(lower),
    }
}

/// Seasons: "this summer", "last winter", "the summer of 2022", "spring 2023", "in the autumn".
fn season_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (spec, si) = match at(toks, i)?.lower.as_ref() {
        // "this past spring"
        "this" if is_at(toks, i + 1, "past") => (YearSpec::Last, i + 2),
        "this" => (YearSpec::This, i + 1),
        "last" => (YearSpec::Last, i + 1),
        "next" => (YearSpec::Next, i + 1),
        "the" => (YearSpec::Infer, i + 1),
        _ => (YearSpec::Infer, i),
    };
    let t = at(toks, si)?;
    let season = *SEASONS.get(t.lower.as_ref())?;
    if let Some((YearSpec::Explicit(y), e)) = year_tail(toks, si + 1) {
        return Some((
            e,
            Sem::Season {
                year: YearSpec::Explicit(y),
                season,
            },
        ));
    }
    if spec == YearSpec::Infer {
        // A bare season needs "in (the)" before it, and "fall" is a verb too often.
        let ok = before(toks, if si > i { i } else { si }).is_some_and(|p| {
            matches!(
                p.lower.as_ref(),
                "in" | "during" | "over" | "into" | "until" | "through" | "since" | "by"
            )
        });
        if !ok || season == Season::Autumn && t.is("fall") {
            return None;
        }
        if at(toks, si + 1).is_some_and(|n| n.is_word() && !n.is("of"))
            && !at(toks, si + 1).is_some_and(|n| n.is_punct(','))
        {
            // "the summer Olympics", "winter sports"
            if at(toks, si + 1).is_some_and(|n| n.is_word()) {
                return None;
            }
        }
    }
    Some((si + 1, Sem::Season { year: spec, season }))
}

/// A part of a day before its day: "afternoon yesterday" (of "mid-afternoon yesterday"),
/// "morning Friday".
fn part_then_day(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let code = day_part(&at(toks, i)?.lower)?;
    let (end, day) = weekday_date(toks, i + 1)
        .or_else(|| relative_date(toks, i + 1))
        .filter(|(_, d)| matches!(d, Sem::Weekday { .. } | Sem::DayOffset(_)))?;
    Some((end, on_day(day, DayTime::Part(code))))
}

/// Times of day: "14:02 GMT", "8 p.m.", "10am".
fn time_of_day(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (end, hour, minute) = clock_at(toks, i)?;
    let time = DayTime::Clock { hour, minute };
    // "9 a.m. Tuesday", "15:00 GMT Saturday", "10 p.m. yesterday", "5 p.m. EST, Nov. 6": the
    // time of that day.
    let k = if punct_at(toks, end, ',') {
        end + 1
    } else {
        end
    };
    let day = weekday_date(toks, k)
        .or_else(|| relative_date(toks, k))
        .or_else(|| month_date(toks, k))
        .or_else(|| day_month_date(toks, k))
        .filter(|(_, d)| matches!(d, Sem::Weekday { .. } | Sem::DayOffset(_) | Sem::Day { .. }))
        .filter(|(_, d)| k == end || matches!(d, Sem::Day { .. }));
    Some(match day {
        Some((e, d)) => (e, on_day(d, time)),
        None => match day_of_aside(toks, end).or_else(|| day_after_on(toks, end)) {
            // The span stays the clock time: the aside or the day is its own expression.
            Some(d) => (end, on_day(d, time)),
            None => (end, Sem::Time { hour, minute }),
        },
    })
}

/// The day a bracketed aside after a clock time names: "10:35 a.m. (0735 GMT) Friday" (the day
/// after the aside), "4 in the morning (4 a.m. EDT Thursday)" (the day closing it). Wires give
/// the local time with GMT in brackets and the day once, for both.
fn day_of_aside(toks: Toks, open: usize) -> Option<Sem> {
    const MAX_ASIDE: usize = 8;
    if !punct_at(toks, open, '(') {
        return None;
    }
    let close = (open + 1..=open + MAX_ASIDE + 1).find(|&k| punct_at(toks, k, ')'))?;
    let is_day = |d: &Sem| matches!(d, Sem::Weekday { .. } | Sem::DayOffset(_));
    let after = weekday_date(toks, close + 1)
        .or_else(|| relative_date(toks, close + 1))
        .filter(|(_, d)| is_day(d));
    if let Some((_, d)) = after {
        return Some(d);
    }
    (open + 1..close)
        .filter_map(|k| weekday_date(toks, k).or_else(|| relative_date(toks, k)))
        .find(|(e, d)| *e == close && is_day(d))
        .map(|(_, d)| d)
}

/// The day "on" names right after a clock time: "at 10:30 a.m. on Tuesday", "at 3 p.m. local
/// time on March 4". TimeML tags the two apart, but the time is on that day, not on the day of
/// publication.
fn day_after_on(toks: Toks, end: usize) -> Option<Sem> {
    let local_time = is_at(toks, end, "local") && is_at(toks, end + 1, "time");
    let on = if local_time { end + 2 } else { end };
    if !is_at(toks, on, "on") {
        return None;
    }
    weekday_date(toks, on + 1)
        .or_else(|| month_date(toks, on + 1))
        .or_else(|| day_month_date(toks, on + 1))
        .map(|(_, d)| d)
        .filter(|d| matches!(d, Sem::Weekday { .. } | Sem::Day { .. }))
}

/// "1130 GMT": four digits and a time zone, a clock time the wires write without a colon; the
/// zone may close a range instead ("from 1130 to 1215 GMT": both are clock times, never a year).
fn military_clock(toks: Toks, i: usize) -> Option<(usize, u32, u32)> {
    let t = at(toks, i)?;
    let zone = at(toks, i + 1).is_some_and(|z| TIME_ZONES.contains(z.text));
    if !t.is_num() || t.text.len() != 4 {
        return None;
    }
    let hour: u32 = t.text.get(..2)?.parse().ok()?;
    let minute: u32 = t.text.get(2..)?.parse().ok()?;
    if hour > 23 || minute > 59 {
        return None;
    }
    if zone {
        return Some((i + 2, hour, minute));
    }
    let range_word = at(toks, i + 1)
        .is_some_and(|w| w.is("to") || w.is("until") || w.is("till") || w.is("-") || w.is("–"));
    (range_word && military_clock(toks, i + 2).is_some()).then_some((i + 1, hour, minute))
}

/// A clock time at `i`: end, hour (0-23) and minute.
fn clock_at(toks: Toks, i: usize) -> Option<(usize, u32, u32)> {
    if let Some(found) = military_clock(toks, i) {
        return Some(found);
    }
    let t = at(toks, i)?;
    // "noon Thursday", "midday": twelve o'clock; "midnight Friday": the end of Friday (TimeML T24).
    if t.is("noon") || t.is("midday") {
        // "High Noon" (the film), "high noon comes today" (a decisive moment): no clock time.
        let high = before(toks, i).is_some_and(|p| p.is("high"));
        return (!high).then_some((i + 1, 12, 0));
    }
    if t.is("midnight") {
        return Some((i + 1, 24, 0));
    }
    if !t.is_num() || t.text.len() > 2 {
        return None;
    }
    let hour: u32 = t.text.parse().ok()?;
    let mut end = i + 1;
    let mut minute = 0;
    let mut has_minutes = false;
    let sep_dot = glued_punct_at(toks, end, '.');
    if glued_punct_at(toks, end, ':') || sep_dot {
        if let Some(m) = at(toks, end + 1).filter(|m| m.glued() && m.is_num() && m.text.len() == 2)
        {
            minute = m.text.parse().ok()?;
            end += 2;
            has_minutes = true;
            // "10:35:12 a.m.": the seconds belong to the clock time (the value keeps minutes).
            if !sep_dot
                && glued_punct_at(toks, end, ':')
                && at(toks, end + 1).is_some_and(|s| s.glued() && s.is_num() && s.text.len() == 2)
            {
                end += 2;
            }
        }
    }
    let mut ampm = None;
    if let Some(s) = at(toks, end) {
        match s.lower.as_ref() {
            "am" | "pm" => {
                ampm = Some(s.is("pm"));
                end += 1;
            }
            "a" | "p" if glued_punct_at(toks, end + 1, '.') && is_at(toks, end + 2, "m") => {
                ampm = Some(s.is("p"));
                end += 3;
                if glued_punct_at(toks, end, '.') {
                    end += 1;
                }
            }
            _ => {}
        }
    }
    // "4 in the morning", "8 in the evening": the part of the day says a.m. or p.m.
    if ampm.is_none() && is_at(toks, end, "in") && is_at(toks, end + 1, "the") {
        if let Some(code) = at(toks, end + 2).and_then(|p| day_part(&p.lower)) {
            ampm = Some(code != "MO" && !(code == "NI" && hour < 6));
            end += 3;
        }
    }
    let zone = at(toks, end).is_some_and(|z| TIME_ZONES.contains(z.text));
    if zone {
        end += 1;
    }
    if !has_minutes && ampm.is_none() {
        return None;
    }
    // "9.25 dlrs": a dot separates hours and minutes only before am/pm.
    if sep_dot && ampm.is_none() {
        return None;
    }
    if has_minutes && ampm.is_none() && !zone {
        // "14:02" alone is also a score or a ratio; need a clue.
        let prev_at = before(toks, i).is_some_and(|p| p.is("at") || p.is("updated"));
        if !prev_at {
            return None;
        }
    }
    let hour = match ampm {
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    };
    if hour > 23 || minute > 59 {
        return None;
    }
    Some((end, hour, minute))
}

/// "2:05:38", "3:07:35": hours, minutes and seconds of an elapsed time (a race result), not a
/// time of day, unless "at" or a.m./p.m. make it one.
fn elapsed_time(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let h = at(toks, i).filter(|h| h.is_num() && h.text.len() <= 2)?;
    let two_digits = |k: usize| {
        at(toks, k)
            .filter(|m| m.glued() && m.is_num() && m.text.len() == 2)
            .and_then(|m| m.text.parse::<u32>().ok())
            .filter(|v| *v <= 59)
    };
    if !glued_punct_at(toks, i + 1, ':') || !glued_punct_at(toks, i + 3, ':') {
        return None;
    }
    let (minutes, seconds) = (two_digits(i + 2)?, two_digits(i + 4)?);
    // "12:30:05" followed by a further ":" or "." digit group is a timestamp or a score list.
    if glued_punct_at(toks, i + 5, ':')
        || glued_punct_at(toks, i + 5, '.')
            && at(toks, i + 6).is_some_and(|d| d.glued() && d.is_num())
    {
        return None;
    }
    let at_clock = before(toks, i).is_some_and(|p| p.is("at"))
        || at(toks, i + 5).is_some_and(|n| matches!(n.lower.as_ref(), "am" | "pm" | "a" | "p"));
    let hours: u32 = h.text.parse().ok()?;
    (!at_clock).then_some((i + 5, Sem::Elapsed(hours, minutes, seconds)))
}

/// Whether token `i` opens a sentence (or a quotation that does).
fn opens_sentence(toks: Toks, i: usize) -> bool {
    let Some(t) = at(toks, i) else { return false };
    if i == 0 || t.newline_before {
        return true;
    }
    at(toks, i - 1).is_some_and(|p| {
        p.kind == Kind::Punct && matches!(p.text, "." | "!" | "?" | "\"" | "`" | "“" | "'" | ":")
    })
}

/// "now", "currently", "the past", "the near future", "recent weeks": the longest phrase of
/// `temporal_references.txt` at `i`.
fn reference_at(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let first = at(toks, i)?;
    if !REFERENCE_FIRST_WORDS.contains(first.lower.as_ref()) {
        return None;
    }
    let mut key = String::new();
    let mut best = None;
    for k in 0..4 {
        let Some(t) = at(toks, i + k).filter(|t| t.is_word() && (k == 0 || t.space_before)) else {
            break;
        };
        if k > 0 {
            key.push(' ');
        }
        key.push_str(&t.lower);
        if let Some(v) = REFERENCES.get(key.as_str()) {
            best = Some((i + k + 1, *v));
        }
    }
    let (end, value) = best?;
    // "the current account deficit" is a term, not a time.
    if first.is("current")
        && at(toks, end).is_some_and(|n| NON_TEMPORAL_CURRENT_NOUNS.contains(&n.lower))
    {
        return None;
    }
    // "Now, he says, …", "Now critics are …": opening a sentence, "now" is a discourse marker
    // that moves the story on, not a time (TimeML leaves it unmarked).
    if first.text == "Now" && end == i + 1 && opens_sentence(toks, i) {
        return None;
    }
    // "now-defunct": an attached hyphen makes an adjective of it.
    if glued_punct_at(toks, end, '-') {
        return None;
    }
    // "at the time" alone looks back; "the time of its founding", "for the time being", "the
    // time it takes" are no reference.
    if at(toks, i + 1).is_some_and(|t| t.is("time")) && end == i + 2 {
        let after_at = before(toks, i).is_some_and(|p| p.is("at"));
        let qualified = at(toks, end).is_some_and(|n| n.is("of") || n.is("being"));
        if !after_at || qualified {
            return None;
        }
    }
    if value.ends_with("_REF") {
        return Some((end, Sem::Reference(value)));
    }
    let unit = match value {
        "PXD" => Unit::Day,
        "PXW" => Unit::Week,
        "PXM" => Unit::Month,
        "PXY" => Unit::Year,
        _ => return None,
    };
    Some((end, Sem::Duration { n: None, unit }))
}

/// Holidays (`holidays.txt`): "Thanksgiving Day", "last Christmas", "Easter 1998",
/// "New Year's Eve". The name is capitalised; the longest name of at most four words wins.
fn holiday_at(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let (spec, hi) = match at(toks, i)?.lower.as_ref() {
        "last" => (YearSpec::Last, i + 1),
        "next" => (YearSpec::Next, i + 1),
        "this" => (YearSpec::This, i + 1),
        _ => (YearSpec::Infer, i),
    };
    if !at(toks, hi)?.is_capitalized() {
        return None;
    }
    let mut key = String::new();
    let mut best = None;
    let mut k = hi;
    for _ in 0..4 {
        let Some(t) = at(toks, k) else { break };
        if is_apostrophe_s(toks, k) {
            // "New Year's Day": the possessive glued to the word before it.
            key.push_str("'s");
            k += 2;
        } else if t.is_word() {
            if k > hi {
                key.push(' ');
            }
            key.push_str(&t.lower);
            k += 1;
        } else {
            break;
        }
        if let Some(h) = HOLIDAYS.get(key.as_str()) {
            best = Some((k, *h));
        }
    }
    let (end, holiday) = best?;
    let (year, end) = match year_tail(toks, end) {
        Some((YearSpec::Explicit(y), e)) if spec == YearSpec::Infer => (YearSpec::Explicit(y), e),
        _ => (spec, end),
    };
    Some((end, Sem::Holiday { holiday, year }))
}

/// "the Communist Party daily Granma", "the Israeli weekly Haaretz", "as did the daily.": a
/// newspaper, not a recurrence. A lower-case set word before a capitalised name, or after "the"
/// at a clause's end.
fn periodical_noun(toks: Toks, i: usize) -> bool {
    let Some(t) = at(toks, i) else { return false };
    if t.is_capitalized() {
        return false;
    }
    let next = at(toks, i + 1);
    if next.is_some_and(|n| n.is_word() && n.is_capitalized()) {
        return true;
    }
    let after_the = i > 0 && at(toks, i - 1).is_some_and(|p| p.is("the"));
    after_the && next.is_none_or(|n| !n.is_word() && !n.is_num())
}

/// Sets: "daily", "annually", "every Monday", "each July", "every morning", "each year",
/// "twice a year".
fn set_at(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let t = at(toks, i)?;
    if let Some(v) = SET_WORDS.get(t.lower.as_ref()) {
        return (!periodical_noun(toks, i)).then(|| (i + 1, Sem::Set((*v).to_string())));
    }
    if let Some(found) = plural_weekday(toks, i).or_else(|| frequency_set(toks, i)) {
        return Some(found);
    }
    if !SET_QUANTIFIERS.contains(&t.lower) {
        return None;
    }
    let u = at(toks, i + 1)?;
    if let Some(wd) = weekday_of(&u.lower).filter(|_| u.is_capitalized()) {
        let mut value = format!("XXXX-WXX-{}", wd.number_from_monday());
        let mut end = i + 2;
        if let Some(code) = at(toks, end).and_then(|p| day_part(&p.lower)) {
            value.push('T');
            value.push_str(code);
            end += 1;
        }
        return Some((end, Sem::Set(value)));
    }
    if let Some((m, end)) = month_at(toks, i + 1) {
        return Some((end, Sem::Set(format!("XXXX-{m:02}"))));
    }
    if let Some(code) = day_part(&u.lower) {
        return Some((i + 2, Sem::Set(format!("XXXX-XX-XXT{code}"))));
    }
    let (unit, multiple) = unit_or_period(&u.lower)?;
    if u.lower.ends_with('s') {
        return None;
    }
    Some((i + 2, Sem::Set(duration_value(Some(multiple), unit))))
}

/// Frequencies: "twice a year", "once a week", "three times a day", "five days a week" — a set
/// over the period after "a", "per", "each" or "every" (TimeML SET `P1Y`; the count becomes
/// `freq`). A count of anything else ("$5 a day", "3 percent a year") is a rate, no set.
fn frequency_set(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let t = at(toks, i)?;
    let j = if FREQUENCY_WORDS.contains_key(t.lower.as_ref()) {
        i + 1
    } else {
        let (_, k) = number_at(toks, i)?;
        let counted = at(toks, k)?;
        let smaller_unit = unit_of(&counted.lower).is_some() && counted.lower.ends_with('s');
        if !(counted.is("times") || smaller_unit) {
            return None;
        }
        k + 1
    };
    if !at(toks, j).is_some_and(|p| FREQUENCY_PERIODS.contains(&p.lower)) {
        return None;
    }
    let period = at(toks, j + 1)?;
    let (unit, multiple) = unit_or_period(&period.lower)?;
    if period.lower.ends_with('s') {
        return None;
    }
    Some((j + 2, Sem::Set(duration_value(Some(multiple), unit))))
}

/// "on Mondays", "Tuesday nights", "Sunday mornings": a weekday that recurs (TimeML SET
/// `XXXX-WXX-1`, `XXXX-WXX-2TNI`). The plural is on the weekday or on the part of the day after it.
fn plural_weekday(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let t = at(toks, i).filter(|t| t.is_capitalized())?;
    let (wd, plural_day) = match weekday_of(&t.lower) {
        Some(wd) => (wd, false),
        None => (weekday_of(t.lower.strip_suffix('s')?)?, true),
    };
    let mut value = format!("XXXX-WXX-{}", wd.number_from_monday());
    let part = at(toks, i + 1).and_then(|p| {
        let singular = p.lower.strip_suffix('s')?;
        day_part(singular).map(|code| (code, true))
    });
    let part = part.or_else(|| {
        at(toks, i + 1)
            .and_then(|p| day_part(&p.lower))
            .map(|code| (code, false))
    });
    let mut end = i + 1;
    let mut plural = plural_day;
    if let Some((code, plural_part)) = part {
        value.push('T');
        value.push_str(code);
        end += 1;
        plural |= plural_part;
    }
    plural.then_some((end, Sem::Set(value)))
}

/// A bare plural unit after a frame word: "for years" PXY, "within days" PXD.
fn bare_plural_unit(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let t = at(toks, i)?;
    if !t.is_word() {
        return None;
    }
    let (unit, multiple) = unit_of(&t.lower)?;
    let plural = t.lower.ends_with('s');
    // "decades-long", "months-long": a vague span that long; "a day-long strike", "a year-long
    // inquiry": one unit.
    if glued_punct_at(toks, i + 1, '-')
        && at(toks, i + 2).is_some_and(|l| l.glued() && l.is("long"))
    {
        let n = (!plural).then_some(multiple);
        return Some((i + 3, Sem::Duration { n, unit }));
    }
    if !plural {
        return None;
    }
    let prev = before(toks, i)?;
    if !VAGUE_DURATION_FRAMES.contains(&prev.lower) || glued_punct_at(toks, i + 1, '-') {
        return None;
    }
    Some((i + 1, Sem::Duration { n: None, unit }))
}

/// "7/23/2024" (month first unless the first number cannot be a month).
fn numeric_date(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let a = at(toks, i)?;
    if !a.is_num() || a.text.len() > 2 || !glued_punct_at(toks, i + 1, '/') {
        return None;
    }
    let b = at(toks, i + 2).filter(|b| b.glued() && b.is_num() && b.text.len() <= 2)?;
    if !glued_punct_at(toks, i + 3, '/') {
        return None;
    }
    let y = at(toks, i + 4).filter(|y| y.glued() && y.is_num() && y.text.len() == 4)?;
    let (a, b, y): (u32, u32, i32) = (
        a.text.parse().ok()?,
        b.text.parse().ok()?,
        y.text.parse().ok()?,
    );
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((
        i + 5,
        Sem::Day {
            year: YearSpec::Explicit(y),
            month,
            day,
            end_day: None,
        },
    ))
}

/// A number of calendar units as matched, before it is read as a duration or a point in time.
struct TimeQuantity {
    /// "the past/last/next/coming N units".
    framed: bool,
    /// Whether the count is "a"/"an".
    a_or_an: bool,
    /// The count (`None` = unspecified: "a few", "several").
    n: Option<f64>,
    /// Token where the count starts and the one after it ("the past year" has none: equal).
    count_start: usize,
    count_end: usize,
    /// "10-year": the unit is glued to the count with a hyphen.
    hyphenated: bool,
    unit: Unit,
    /// Units per written unit (2 for "fortnight").
    multiple: f64,
    plural: bool,
    /// "two and a half years", "a minute and a half": a half added to the count.
    and_a_half: bool,
    /// Token after the unit.
    end: usize,
}

/// The count before a unit of time at `j`: value (`None` for "a few", "several") and end.
fn count_of_time(toks: Toks, j: usize, framed: bool) -> Option<(Option<f64>, usize)> {
    let t = at(toks, j)?;
    if t.is("a") || t.is("an") {
        // "a couple of years" = two (TimeML P2Y).
        if is_at(toks, j + 1, "couple") {
            let k = if is_at(toks, j + 2, "of") {
                j + 3
            } else {
                j + 2
            };
            return Some((Some(2.0), k));
        }
        if is_at(toks, j + 1, "few") {
            let k = if is_at(toks, j + 2, "of") {
                j + 3
            } else {
                j + 2
            };
            return Some((None, k));
        }
        return Some((Some(1.0), j + 1));
    }
    if matches!(t.lower.as_ref(), "several" | "few") {
        return Some((None, j + 1));
    }
    if let Some((v, e)) = number_at(toks, j) {
        if t.is_num() && e == j + 1 && t.text.len() > 4 {
            return None;
        }
        // "2 1/2 years"
        let half = is_at(toks, e, "1")
            && glued_punct_at(toks, e + 1, '/')
            && at(toks, e + 2).is_some_and(|d| d.glued() && d.is("2"));
        if half && t.is_num() {
            return Some((Some(v + 0.5), e + 3));
        }
        return Some((Some(v), e));
    }
    // "the next couple of years"
    if framed && t.is("couple") {
        let k = if is_at(toks, j + 1, "of") {
            j + 2
        } else {
            j + 1
        };
        return Some((Some(2.0), k));
    }
    // "the last-minute rush" is no duration.
    if framed && t.is_word() && !matches!(at(toks, j - 1)?.lower.as_ref(), "previous" | "following")
    {
        // "the past year" (but "the previous year" is anaphoric)
        return Some((Some(1.0), j));
    }
    None
}

/// A count and a unit of time at `i`, with an optional frame before ("the past two years").
fn time_quantity_at(toks: Toks, i: usize) -> Option<TimeQuantity> {
    let framed = is_at(toks, i, "the")
        && at(toks, i + 1).is_some_and(|t| DURATION_FRAME_ADJECTIVES.contains(&t.lower));
    let j = if framed { i + 2 } else { i };
    let a_or_an = at(toks, j).is_some_and(|t| t.is("a") || t.is("an"));
    let (mut n, mut count_end) = count_of_time(toks, j, framed)?;
    let half_at =
        |k: usize| is_at(toks, k, "and") && is_at(toks, k + 1, "a") && is_at(toks, k + 2, "half");
    // "two and a half years"
    let half_before = n.is_some() && half_at(count_end);
    if half_before {
        count_end += 3;
    }
    let mut k = count_end;
    let hyphenated = glued_punct_at(toks, k, '-');
    if hyphenated {
        k += 1;
    }
    if is_at(toks, k, "more") || is_at(toks, k, "further") || is_at(toks, k, "additional") {
        k += 1;
    }
    // "eight trading days"
    if at(toks, k).is_some_and(|w| DAY_KIND_WORDS.contains(&w.lower))
        && at(toks, k + 1).is_some_and(|u| u.is("days") || u.is("day"))
    {
        k += 1;
    }
    let u = at(toks, k)?;
    let (unit, multiple) = unit_of(&u.lower)?;
    // "60 Minutes", "48 Hours": a capitalised unit after digits is a title, not a span.
    if u.is_capitalized() && at(toks, j).is_some_and(|c| c.is_num()) {
        return None;
    }
    // "a minute and a half", "an hour and a half"
    let half_after = n.is_some() && !half_before && half_at(k + 1);
    let and_a_half = half_before || half_after;
    if and_a_half {
        n = n.map(|v| v + 0.5);
    }
    let end = if half_after { k + 4 } else { k + 1 };
    Some(TimeQuantity {
        framed,
        a_or_an,
        n,
        count_start: j,
        count_end,
        hyphenated,
        unit,
        multiple,
        plural: u.lower.ends_with('s') && u.lower != "hours" || u.is("hours") || u.is("centuries"),
        and_a_half,
        end,
    })
}

/// Ages are figures, not durations: "18-year-old", "45 years old", "aged 30 years".
fn is_age(toks: Toks, i: usize, end: usize) -> bool {
    glued_punct_at(toks, end, '-') && is_at(toks, end + 1, "old")
        || is_at(toks, end, "old")
        || before(toks, i).is_some_and(|p| p.is("aged"))
}

/// "three quarters of its food", "about three-quarters": a fraction, not three business quarters
/// ("several quarters of losses" has no number and is a span).
fn is_fraction_of(toks: Toks, q: &TimeQuantity) -> bool {
    q.unit == Unit::Quarter && (q.hyphenated || q.n.is_some() && is_at(toks, q.end, "of"))
}

/// A quantity followed by "ago", "earlier" or "later": a point counted back or forward.
fn counted_point(toks: Toks, q: &TimeQuantity) -> Option<(usize, Sem)> {
    let w = at(toks, q.end)?;
    match w.lower.as_ref() {
        "ago" => Some((
            q.end + 1,
            match q.n {
                Some(v) => Sem::Ago {
                    unit: q.unit,
                    n: v * q.multiple,
                },
                // "several years ago": some time before (TimeML PAST_REF).
                None => Sem::Reference("PAST_REF"),
            },
        )),
        // "a month earlier", "three days later": TimeML marks the duration ("a month", P1M) and
        // leaves "earlier" a signal; years and longer stay dates ("a year earlier" = 1988).
        "earlier" | "later"
            if q.n.is_some()
                && !q.hyphenated
                && matches!(
                    q.unit,
                    Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week | Unit::Month
                ) =>
        {
            Some((
                q.end,
                Sem::Duration {
                    n: q.n.map(|v| v * q.multiple),
                    unit: q.unit,
                },
            ))
        }
        "earlier" | "later" if q.n.is_some() && !q.hyphenated => {
            let sign = if w.is("earlier") { -1 } else { 1 };
            let steps = (q.n.unwrap_or(1.0) * q.multiple).round() as i64;
            Some((
                q.end + 1,
                Sem::Anaphoric {
                    unit: q.unit,
                    n: sign * steps,
                    keep_gran: true,
                },
            ))
        }
        _ => None,
    }
}

/// "a year" after a quantity is a rate ("700 mln dlrs a year"): a duration needs a frame word
/// before it ("within a week"), no hyphen and a singular unit.
fn is_rate_or_attribute(toks: Toks, i: usize, q: &TimeQuantity) -> bool {
    let framed_by_word = before(toks, i).is_some_and(|p| DURATION_FRAMES.contains(&p.lower));
    !framed_by_word || q.hyphenated || q.plural
}

/// Quantities of time: durations ("30 years", "the past two years", "a 10-year bond", "within a
/// week"), and points counted from now or from the text's reference ("two weeks ago", "a year
/// earlier").
fn quantity_of_time(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let q = time_quantity_at(toks, i)?;
    if is_age(toks, i, q.end) || is_fraction_of(toks, &q) {
        return None;
    }
    if !q.framed {
        if let Some(point) = counted_point(toks, &q) {
            return Some(point);
        }
    }
    // "Islam will one day be the largest religion": some day ahead, not a span.
    let someday = q.unit == Unit::Day
        && is_at(toks, q.count_start, "one")
        && q.end == q.count_start + 2
        && before(toks, i).is_some_and(|p| SOMEDAY_MODALS.contains(&p.lower));
    if someday {
        return Some((q.end, Sem::Reference("FUTURE_REF")));
    }
    // "a year" (not "a couple of years") after a quantity may be a rate.
    let bare_a = q.a_or_an && q.count_end == q.count_start + 1;
    if bare_a && q.n.is_some() && !q.and_a_half && is_rate_or_attribute(toks, i, &q) {
        return None;
    }
    if q.n.is_none() && !q.plural {
        return None;
    }
    if q.framed && q.n == Some(1.0) && q.plural && q.count_end == q.count_start {
        return None;
    }
    Some((
        q.end,
        Sem::Duration {
            n: q.n.map(|v| v * q.multiple),
            unit: q.unit,
        },
    ))
}

/// "year-earlier" / "year-ago" before a noun other than a period ("year-earlier profit"): the
/// year before, or the quarter a year before when the report is about a quarter.
fn year_earlier_adjective(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    if !is_at(toks, i, "year") || !glued_punct_at(toks, i + 1, '-') {
        return None;
    }
    if !at(toks, i + 2).is_some_and(|w| w.glued() && (w.is("earlier") || w.is("ago"))) {
        return None;
    }
    // "the year-ago third quarter": that quarter, a year before the one the report is about.
    if let Some((end, Sem::Quarter { year, quarter })) = quarter_or_half(toks, i + 3) {
        if year == YearSpec::Infer {
            let year = YearSpec::YearBefore;
            return Some((end, Sem::Quarter { year, quarter }));
        }
    }
    match at(toks, i + 3).map(|w| w.lower.as_ref()) {
        Some("quarter" | "period") => Some((i + 4, Sem::YearBefore(Unit::Quarter))),
        Some("month") => Some((i + 4, Sem::YearBefore(Unit::Month))),
        _ => Some((
            i + 3,
            Sem::Ago {
                unit: Unit::Year,
                n: 1.0,
            },
        )),
    }
}

/// "the previous year", "the year before", "the following month", "the prior year", "that year".
fn anaphoric(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    if let Some(found) = year_earlier_adjective(toks, i) {
        return Some(found);
    }
    // "that year", "that month": the one the text was just talking about.
    if is_at(toks, i, "that") {
        let unit = match at(toks, i + 1)?.lower.as_ref() {
            "year" => Unit::Year,
            "month" => Unit::Month,
            _ => return None,
        };
        return Some((
            i + 2,
            Sem::Anaphoric {
                unit,
                n: 0,
                keep_gran: false,
            },
        ));
    }
    if !is_at(toks, i, "the") {
        return None;
    }
    let a = at(toks, i + 1)?;
    // "the quarter a year ago", "the period a year earlier": one expression, a year before
    if matches!(a.lower.as_ref(), "quarter" | "period" | "month")
        && is_at(toks, i + 2, "a")
        && is_at(toks, i + 3, "year")
        && at(toks, i + 4).is_some_and(|w| w.is("ago") || w.is("earlier"))
    {
        let unit = if a.is("month") {
            Unit::Month
        } else {
            Unit::Quarter
        };
        return Some((i + 5, Sem::YearBefore(unit)));
    }
    let step = match a.lower.as_ref() {
        "previous" | "prior" | "preceding" => Some(-1),
        "following" => Some(1),
        _ => None,
    };
    if let Some(step) = step {
        let (unit, _) = at(toks, i + 2).and_then(|u| unit_or_period(&u.lower))?;
        if at(toks, i + 2)?.lower.ends_with('s') {
            return None;
        }
        return Some((
            i + 3,
            Sem::Anaphoric {
                unit,
                n: step,
                keep_gran: false,
            },
        ));
    }
    let (unit, _) = unit_or_period(&a.lower)?;
    if unit == Unit::Year {
        let k = if glued_punct_at(toks, i + 2, '-') {
            i + 3
        } else {
            i + 2
        };
        if at(toks, k).is_some_and(|w| matches!(w.lower.as_ref(), "earlier" | "ago")) {
            match at(toks, k + 1).map(|w| w.lower.as_ref()) {
                Some("quarter" | "period") => return Some((k + 2, Sem::YearBefore(Unit::Quarter))),
                Some("month") => return Some((k + 2, Sem::YearBefore(Unit::Month))),
                _ => {}
            }
        }
        // "the year ended Sept. 30", "the fiscal year ending June 30": a reporting year, which
        // TimeML marks as the duration P1Y.
        if is_at(toks, i + 2, "ended") || is_at(toks, i + 2, "ending") {
            return Some((
                i + 2,
                Sem::Duration {
                    n: Some(1.0),
                    unit: Unit::Year,
                },
            ));
        }
    }
    // "the day before" (but "the weeks before" is no day the text can point at)
    if is_at(toks, i + 2, "before")
        && !a.lower.ends_with('s')
        && !at(toks, i + 3).is_some_and(|n| n.is_word() && !n.is("and") && !n.is("the"))
    {
        return Some((
            i + 3,
            Sem::Anaphoric {
                unit,
                n: -1,
                keep_gran: false,
            },
        ));
    }
    None
}

/// "the first three months (of the year / of 1987)" = Q1, "the first six months" = H1.
fn first_months(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    if !(is_at(toks, i, "the") && is_at(toks, i + 1, "first") && is_at(toks, i + 3, "months")) {
        return None;
    }
    let n = number_at(toks, i + 2).filter(|(_, e)| *e == i + 3)?.0;
    let mut end = i + 4;
    let mut year = YearSpec::Infer;
    if is_at(toks, end, "of") {
        if let Some(y) = year_at(toks, end + 1, true) {
            year = YearSpec::Explicit(y);
            end += 2;
        } else if is_at(toks, end + 2, "year") {
            let off = match at(toks, end + 1)?.lower.as_ref() {
                "the" | "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(o) = off {
                year = YearSpec::Offset(o);
                end += 3;
            }
        }
    }
    if n == 3.0 {
        Some((end, Sem::Quarter { year, quarter: 1 }))
    } else if n == 6.0 {
        Some((end, Sem::Half { year, half: 1 }))
    } else {
        None
    }
}

/// The start/mid/end modifier at `i` ("late", "mid-", "the end of") and where its target begins.
fn modifier_at(toks: Toks, i: usize) -> Option<(&'static str, usize)> {
    let t = at(toks, i)?;
    match t.lower.as_ref() {
        "early" => return Some(("start", i + 1)),
        "late" => return Some(("end", i + 1)),
        "mid" => {
            let k = if glued_punct_at(toks, i + 1, '-') {
                i + 2
            } else {
                i + 1
            };
            return Some(("mid", k));
        }
        "end" | "start" | "beginning" | "middle" if glued_punct_at(toks, i + 1, '-') => {
            let m = if t.is("middle") {
                "mid"
            } else if t.is("end") {
                "end"
            } else {
                "start"
            };
            return Some((m, i + 2));
        }
        _ => {}
    }
    let mut j = i;
    if is_at(toks, j, "the") {
        j += 1;
    }
    // "the back-end of"
    if is_at(toks, j, "back")
        && glued_punct_at(toks, j + 1, '-')
        && is_at(toks, j + 2, "end")
        && is_at(toks, j + 3, "of")
    {
        return Some(("end", j + 4));
    }
    let m = match at(toks, j)?.lower.as_ref() {
        "end" | "close" => "end",
        "beginning" | "start" => "start",
        "middle" => "mid",
        _ => return None,
    };
    if is_at(toks, j + 1, "of") {
        Some((m, j + 2))
    } else {
        None
    }
}

/// Whether a token can begin a temporal expression (a cheap filter before trying the grammar).
fn may_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Punct => is_apostrophe(t),
        Kind::Word => START_WORDS.contains(t.lower.as_ref()),
    }
}

/// The longest expression starting at token `i` (without a modifier).
fn core_at(toks: Toks, i: usize) -> Option<(usize, Sem)> {
    let candidates = [
        weekday_date(toks, i),
        month_date(toks, i),
        day_month_date(toks, i),
        quarter_or_half(toks, i),
        relative_date(toks, i),
        season_date(toks, i),
        time_of_day(toks, i),
        elapsed_time(toks, i),
        part_then_day(toks, i),
        numeric_date(toks, i),
        anaphoric(toks, i),
        first_months(toks, i),
        quantity_of_time(toks, i),
        year_date(toks, i),
        reference_at(toks, i),
        set_at(toks, i),
        bare_plural_unit(toks, i),
        holiday_at(toks, i),
    ];
    candidates.into_iter().flatten().max_by_key(|(end, _)| *end)
}

/// "year-end", "year end", "year's end": the end of the current year (not of a year the text
/// named before: "the close of 1969 ... since year-end" is not 1969).
fn year_end(toks: Toks, i: usize) -> Option<Raw> {
    if !is_at(toks, i, "year") {
        return None;
    }
    let k = if is_apostrophe_s(toks, i + 1) {
        i + 3
    } else if glued_punct_at(toks, i + 1, '-') {
        i + 2
    } else {
        i + 1
    };
    // "year-end results", "year-end bonus" are as much the end of the year; "year-ended" is not.
    if !is_at(toks, k, "end") {
        return None;
    }
    Some(Raw {
        start: i,
        end: k + 1,
        sem: Sem::Relative {
            unit: Unit::Year,
            offset: 0,
        },
        modifier: Some("end"),
    })
}

/// A modified expression: "late March", "mid-2022", "the end of the month", "early last year".
fn modified_at(toks: Toks, i: usize) -> Option<Raw> {
    if let Some(raw) = year_end(toks, i) {
        return Some(raw);
    }
    let (modifier, j) = modifier_at(toks, i)?;
    // "the end of the month/year/week/quarter" = of the current one.
    let mut k = j;
    if is_at(toks, k, "the") {
        if let Some((unit, _)) = at(toks, k + 1).and_then(|u| unit_or_period(&u.lower)) {
            if matches!(
                unit,
                Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade
            ) && !at(toks, k + 1)?.lower.ends_with('s')
            {
                return Some(Raw {
                    start: i,
                    end: k + 2,
                    sem: Sem::Definite(unit),
                    modifier: Some(modifier),
                });
            }
        }
        k = j;
    }
    let (end, sem) = core_at(toks, k)?;
    let ok = matches!(
        sem,
        Sem::Month { .. }
            | Sem::Year { end: None, .. }
            | Sem::Decade(_)
            | Sem::Century(_)
            | Sem::Quarter { .. }
            | Sem::Half { .. }
            | Sem::Season { .. }
    ) || matches!(sem, Sem::Relative { unit, .. } if !matches!(unit, Unit::Day | Unit::Hour | Unit::Minute | Unit::Second));
    // "late May" needs no guard for the verb: the modifier already makes it a month.
    if !ok {
        return None;
    }
    Some(Raw {
        start: i,
        end,
        sem,
        modifier: Some(modifier),
    })
}

/// Pushes `raw`, a year range ("1982-86", "2009-2010") as its two years, as TimeML marks them.
fn push_split_range(toks: Toks, raw: Raw, out: &mut Vec<Raw>) {
    if let Sem::Year {
        year,
        end: Some(last),
    } = raw.sem
    {
        let dash = (raw.start + 1..raw.end).find(|&k| toks.get(k).is_some_and(is_dash));
        if let (Some(k), None) = (dash, raw.modifier) {
            let first = Raw {
                start: raw.start,
                end: k,
                sem: Sem::Year { year, end: None },
                modifier: None,
            };
            let second = Raw {
                start: k + 1,
                end: raw.end,
                sem: Sem::Year {
                    year: last,
                    end: None,
                },
                modifier: None,
            };
            out.push(first);
            out.push(second);
            return;
        }
    }
    out.push(raw);
}

/// The second day of "April 24 and 25" or "March 3 or 4": a day of the same month, its own
/// expression (TimeML annotates the bare "25" as 1999-04-25).
fn coordinated_day(toks: Toks, first: &Raw) -> Option<Raw> {
    let Sem::Day {
        year,
        month,
        day,
        end_day: None,
    } = first.sem
    else {
        return None;
    };
    if first.modifier.is_some() || !(is_at(toks, first.end, "and") || is_at(toks, first.end, "or"))
    {
        return None;
    }
    let start = first.end + 1;
    let (second, end) = day_at(toks, start)?;
    // "April 24 and 25 April": the next date is whole; "May 5 and 6 percent": not days.
    let next = at(toks, end);
    let not_a_day = next.is_some_and(|n| {
        month_of(&n.lower).is_some() || is_unit_after(&n.lower) || n.is_punct('%')
    });
    if second <= day || not_a_day {
        return None;
    }
    Some(Raw {
        start,
        end,
        sem: Sem::Day {
            year,
            month,
            day: second,
            end_day: None,
        },
        modifier: None,
    })
}

/// Every temporal expression in `toks`, in order, non-overlapping (longest match first).
pub(crate) fn scan(toks: Toks) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        // The "000" of "10,000" or the "5" of "2.5" starts nothing.
        let inside_number = t.is_num()
            && t.glued()
            && before(toks, i).is_some_and(|p| p.is_punct(',') || p.is_punct('.'))
            && i.checked_sub(2)
                .and_then(|p| toks.get(p))
                .is_some_and(|p| p.is_num());
        if inside_number || !may_start(t) {
            i += 1;
            continue;
        }
        let found = modified_at(toks, i).or_else(|| {
            core_at(toks, i).map(|(end, sem)| Raw {
                start: i,
                end,
                sem,
                modifier: None,
            })
        });
        match found {
            Some(raw) if raw.end > i => {
                i = raw.end;
                let second = coordinated_day(toks, &raw);
                push_split_range(toks, raw, &mut out);
                if let Some(second) = second {
                    i = second.end;
                    out.push(second);
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;

    fn sems(text: &str) -> Vec<(String, Sem, Option<&'static str>)> {
        let toks = lex(text);
        scan(&toks)
            .into_iter()
            .map(|r| {
                let s = toks[r.start].start;
                let e = toks[r.end - 1].end;
                (text[s..e].to_string(), r.sem, r.modifier)
            })
            .collect()
    }

    #[test]
    fn lexicon_tables_parse_every_line() {
        use super::super::words::entry_count;
        assert_eq!(
            NUMBER_WORDS.len(),
            entry_count(lexicon!("number_words.txt"))
        );
        assert_eq!(
            ORDINAL_WORDS.len(),
            entry_count(lexicon!("ordinal_words.txt"))
        );
        assert_eq!(
            DECADE_WORDS.len(),
            entry_count(lexicon!("decade_words.txt"))
        );
        assert_eq!(TIME_UNITS.len(), entry_count(lexicon!("time_units.txt")));
        assert_eq!(SEASONS.len(), entry_count(lexicon!("seasons.txt")));
        assert_eq!(HOLIDAYS.len(), entry_count(lexicon!("holidays.txt")));
        assert_eq!(
            FREQUENCY_WORDS.len(),
            entry_count(lexicon!("frequency_words.txt"))
        );
        assert_eq!(
            MONTHS.len(),
            12 + entry_count(lexicon!("month_abbreviations.txt"))
        );
        assert_eq!(WEEKDAYS.len(), 7);
        let months: Vec<Option<u32>> = ["jan", "march", "may", "jun", "sept", "sep", "dec"]
            .into_iter()
            .map(month_of)
            .collect();
        assert_eq!(
            months,
            [
                Some(1),
                Some(3),
                Some(5),
                Some(6),
                Some(9),
                Some(9),
                Some(12)
            ]
        );
        assert_eq!(weekday_of("sunday"), Some(Weekday::Sun));
        assert_eq!(unit_of("fortnight"), Some((Unit::Week, 2.0)));
        assert_eq!(number_word("ninety"), Some(90.0));
    }

    #[test]
    fn month_day_forms() {
        let v = sems("on Jan. 3 and on March 22, 2024 and 22 March 2024");
        assert_eq!(v.len(), 3, "{v:?}");
        assert_eq!(v[0].0, "Jan. 3");
        assert_eq!(
            v[1].1,
            Sem::Day {
                year: YearSpec::Explicit(2024),
                month: 3,
                day: 22,
                end_day: None
            }
        );
        assert_eq!(v[2].0, "22 March 2024");
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(sems("It May rain. They may go.").is_empty());
        assert_eq!(sems("in May they left")[0].0, "May");
    }

    #[test]
    fn modifiers_and_durations() {
        let v = sems("in late March, mid-April, the end of the month, for 30 years, a 10-year bond, an 18-year-old man");
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "late March",
                "mid-April",
                "the end of the month",
                "30 years",
                "10-year"
            ]
        );
        assert_eq!(v[0].2, Some("end"));
    }

    #[test]
    fn years_and_quantities() {
        let v = sems("in 2016 about 2000 people and 1986/87 and the 1990s and 1,987 tonnes");
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, ["2016", "1986/87", "the 1990s"]);
    }

    #[test]
    fn a_year_modifying_a_noun_leaves_its_article_out() {
        let v =
            sems("the 1992 protests and the 2009-2010 season, but the 1990s and the 2000 people");
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, ["1992", "2009", "2010", "the 1990s"]);
    }

    #[test]
    fn rates_are_not_durations() {
        assert!(sems("700 mln dlrs a year").is_empty());
        assert_eq!(sems("within a week")[0].0, "a week");
    }
}
