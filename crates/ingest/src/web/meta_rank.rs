//! Candidate titles and publication days of a page, with the features the rankers
//! ([`super::rank`]) score them by. Candidates are the page's own strings (JSON-LD headline,
//! `<meta>` title, `<title>`, the first two `<h1>`s, a markup headline) and their parts split on
//! the usual separators; days are the declared dates (JSON-LD, `<meta>`, `<time>`), a date in the
//! URL path, the dates written around the headline (in words, ISO or numeric), and those of the
//! first elements whose class names a date line (`post-date`, `byline`). Which one wins is learned
//! (`newsgraph train meta`), not written here.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;

use super::meta::{lower_words, strip_site_suffix, written_dates, TITLE_SEPARATORS};
use super::rank::{self, Candidate, RankModel};

/// Names of the title features, in order (the model file repeats them and is refused if they
/// differ).
pub const TITLE_FEATURES: [&str; 32] = [
    "raw_ld_headline",
    "raw_meta_title",
    "raw_title_tag",
    "raw_h1_first",
    "raw_h1_second",
    "raw_markup_headline",
    "part_ld_headline",
    "part_meta_title",
    "part_title_tag",
    "part_h1",
    "raw_sources",
    "all_sources",
    "site_suffix_stripped",
    "first_segment",
    "last_segment",
    "log_words",
    "short",
    "has_site_name",
    "is_site_name",
    "has_separator",
    "inside_other_sources",
    "url_words_share",
    "url_slug_covered",
    "h1_jaccard",
    "max_jaccard_other_source",
    "starts_other_source",
    "words_in_other_sources",
    "h1_words_in_other_sources",
    "h1_log_words",
    "h1_has_site_name",
    "h1_shares_no_word",
    "log_words_vs_headlines",
];

/// Names of the date features, in order.
pub const DATE_FEATURES: [&str; 32] = [
    "ld_published",
    "meta_published",
    "ld_created",
    "time_markup",
    "ld_modified",
    "meta_modified",
    "url_path",
    "text_first",
    "text_later",
    "text_before_headline",
    "sources",
    "label_updated",
    "label_published",
    "in_text",
    "text_rank",
    "latest",
    "earliest",
    "after_declared",
    "before_declared",
    "no_declared",
    "years_before_latest",
    "only_candidate",
    "time_element",
    "text_slashed",
    "modified_in_text",
    "published_in_text",
    "url_in_text",
    "day_next_to_declared",
    "element_first",
    "element_later",
    "element_updated",
    "before_1995",
];

static TITLE_MODEL: Lazy<Option<RankModel>> = Lazy::new(|| {
    rank::load(
        include_str!("../../data/title-ranker.json"),
        &TITLE_FEATURES,
    )
});
static DATE_MODEL: Lazy<Option<RankModel>> =
    Lazy::new(|| rank::load(include_str!("../../data/date-ranker.json"), &DATE_FEATURES));

/// The shipped title ranker (None when the file is missing its features: the first candidate,
/// the most trusted source, is then taken).
pub(crate) fn title_model() -> Option<&'static RankModel> {
    TITLE_MODEL.as_ref()
}

/// The shipped date ranker.
pub(crate) fn date_model() -> Option<&'static RankModel> {
    DATE_MODEL.as_ref()
}

/// The page's title strings, as found (entities decoded, whitespace collapsed).
#[derive(Debug, Default, Clone)]
pub(crate) struct TitleSources {
    pub ld_headline: Option<String>,
    pub meta_title: Option<String>,
    pub title_tag: Option<String>,
    /// The first two non-empty `<h1>`s.
    pub h1s: Vec<String>,
    /// `[itemprop=headline]`, `.entry-title` and the like.
    pub markup_headline: Option<String>,
    pub site_name: Option<String>,
    /// Canonical (or Open Graph) URL.
    pub url: Option<String>,
}

/// Source slots of the title features: (raw feature, part feature).
const SLOT_LD: (usize, usize) = (0, 6);
const SLOT_META: (usize, usize) = (1, 7);
const SLOT_TITLE: (usize, usize) = (2, 8);
const SLOT_H1A: (usize, usize) = (3, 9);
const SLOT_H1B: (usize, usize) = (4, 9);
const SLOT_MARKUP: (usize, usize) = (5, 9);

/// Splits `s` on every title separator: the segments, trimmed, non-empty.
pub(super) fn segments(s: &str) -> Vec<String> {
    let mut marked = s.to_string();
    for sep in TITLE_SEPARATORS {
        marked = marked.replace(sep, "\u{1f}");
    }
    marked
        .split('\u{1f}')
        .map(str::trim)
        .filter(|p| !lower_words(p).is_empty())
        .map(str::to_string)
        .collect()
}

/// The site's name as the `<title>` ends with it ("Headline » Local » Ultima Hora Mallorca"):
/// its last segment, when it has more than one.
fn title_tag_site(src: &TitleSources) -> Option<String> {
    let segs = segments(src.title_tag.as_deref()?);
    (segs.len() > 1).then(|| segs.last().cloned()).flatten()
}

/// The fewest words of a site's name that [`strip_glued_site`] cuts off a heading: a one-word
/// name ends headlines too ("Why we love Apple").
const GLUED_SITE_WORDS: usize = 2;

/// A heading that ends with the site's name without a separator (`<h1><span>Headline</span><a>
/// Ultima Hora Mallorca</a></h1>`), less that name; `None` when it does not end so.
fn strip_glued_site(heading: &str, site: Option<&str>) -> Option<String> {
    let site = lower_words(site?);
    let n = site.split(' ').count();
    if n < GLUED_SITE_WORDS {
        return None;
    }
    let tokens: Vec<&str> = heading.split_whitespace().collect();
    let head_len = tokens.len().checked_sub(n).filter(|&k| k > 0)?;
    let tail = tokens.get(head_len..)?.join(" ");
    let head = tokens.get(..head_len)?.join(" ");
    // A separator before the name ("Spiral - How Small Languages Die") makes it a segment of
    // the headline, not a name set beside it.
    let glued = head.chars().last().is_some_and(char::is_alphanumeric);
    (glued && lower_words(&tail) == site).then_some(head)
}

/// Words of a URL's path ("/news/2025/budget-passes-after-debate.html" → budget passes after
/// debate …), and those of its last segment (the slug).
fn url_words(url: &str) -> (Vec<String>, Vec<String>) {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let words = |s: &str| -> Vec<String> {
        lower_words(s)
            .split(' ')
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !matches!(*w, "html" | "htm" | "php" | "aspx" | "amp"))
            .map(str::to_string)
            .collect()
    };
    let slug = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    (words(path), words(slug))
}

fn share(part: &[&str], whole: &[String]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.iter()
        .filter(|w| whole.iter().any(|x| x == *w))
        .count() as f64
        / part.len() as f64
}

struct TitleEntry {
    value: String,
    key: String,
    x: Vec<f64>,
}

/// A source longer than this is not a headline but a photo caption or a paragraph set as an
/// `<h1>` (Yahoo's slideshow captions run to 70 words): it is no candidate while a shorter source
/// exists. The longest of the 793 WCXB dev titles has 24 words.
const MAX_TITLE_WORDS: usize = 40;

/// Every candidate title of a page with its features; the first is the most trusted source's.
pub(crate) fn title_candidates(src: &TitleSources) -> Vec<Candidate> {
    let site = src
        .site_name
        .as_deref()
        .map(lower_words)
        .filter(|s| !s.is_empty());
    // An <h1> that ends with the site's name, set beside the headline without a separator, is
    // read without it.
    let site_guess = src.site_name.clone().or_else(|| title_tag_site(src));
    let h1s: Vec<String> = src
        .h1s
        .iter()
        .take(2)
        .map(|h| strip_glued_site(h, site_guess.as_deref()).unwrap_or_else(|| h.clone()))
        .collect();
    let mut slots: Vec<(&str, (usize, usize))> = Vec::new();
    for (i, h) in h1s.iter().enumerate() {
        slots.push((h, if i == 0 { SLOT_H1A } else { SLOT_H1B }));
    }
    for (s, slot) in [
        (&src.ld_headline, SLOT_LD),
        (&src.meta_title, SLOT_META),
        (&src.title_tag, SLOT_TITLE),
        (&src.markup_headline, SLOT_MARKUP),
    ] {
        if let Some(s) = s {
            slots.push((s, slot));
        }
    }
    let word_count = |t: &str| t.split_whitespace().count();
    if slots.iter().any(|(t, _)| word_count(t) <= MAX_TITLE_WORDS) {
        slots.retain(|(t, _)| word_count(t) <= MAX_TITLE_WORDS);
    }
    let mut entries: Vec<TitleEntry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add = |text: &str, set: &[usize]| {
        let key = lower_words(text);
        if key.is_empty() {
            return;
        }
        let i = *index.entry(key.clone()).or_insert_with(|| {
            entries.push(TitleEntry {
                value: text.trim().to_string(),
                key,
                x: vec![0.0; TITLE_FEATURES.len()],
            });
            entries.len() - 1
        });
        if let Some(e) = entries.get_mut(i) {
            for &f in set {
                if let Some(v) = e.x.get_mut(f) {
                    *v = 1.0;
                }
            }
        }
    };
    for (text, (raw, part)) in &slots {
        add(text, &[*raw]);
        let stripped = strip_site_suffix(text, src.site_name.as_deref());
        if lower_words(&stripped) != lower_words(text) {
            add(&stripped, &[*part, 12]);
        }
        let segs = segments(text);
        if segs.len() > 1 {
            let last = segs.len() - 1;
            for (k, s) in segs.iter().enumerate() {
                let mut set = vec![*part];
                if k == 0 {
                    set.push(13);
                }
                if k == last {
                    set.push(14);
                }
                add(s, &set);
            }
        }
    }
    let raw_keys: Vec<String> = slots.iter().map(|(t, _)| lower_words(t)).collect();
    let h1_key = src.h1s.first().map(|h| lower_words(h));
    let (url_all, url_slug) = src.url.as_deref().map(url_words).unwrap_or_default();
    let mut candidates: Vec<Candidate> = entries
        .into_iter()
        .map(|mut e| {
            title_features(
                &mut e,
                &raw_keys,
                site.as_deref(),
                h1_key.as_deref(),
                (&url_all, &url_slug),
            );
            Candidate {
                value: e.value,
                features: e.x,
            }
        })
        .collect();
    relative_length(&mut candidates);
    candidates
}

/// Feature indices read by [`relative_length`] (see [`TITLE_FEATURES`]).
const F_LOG_WORDS: usize = 15;
const F_HAS_SITE: usize = 17;
const F_IS_SITE: usize = 18;
const F_SEPARATOR: usize = 19;
const F_RELATIVE_LENGTH: usize = 31;

/// `log_words_vs_headlines`: for a headline-like candidate (no separator, no site name), its
/// ln(1 + words) less the mean over the page's headline-like candidates; 0 for the others.
/// Where the `<h1>` and the SEO title disagree, the WCXB tune truth takes the fuller of the two
/// more often than not (h1 right on 63 of 96 tune pages where it is the longer, on 31 of 84
/// where it is not), and the absolute length alone cannot say which is the fuller on a page.
fn relative_length(candidates: &mut [Candidate]) {
    let is_headline = |c: &Candidate| {
        [F_HAS_SITE, F_IS_SITE, F_SEPARATOR]
            .iter()
            .all(|&i| c.features.get(i).copied().unwrap_or(0.0) == 0.0)
    };
    let logs: Vec<f64> = candidates
        .iter()
        .filter(|c| is_headline(c))
        .filter_map(|c| c.features.get(F_LOG_WORDS).copied())
        .collect();
    if logs.is_empty() {
        return;
    }
    let mean = logs.iter().sum::<f64>() / logs.len() as f64;
    for c in candidates.iter_mut() {
        if !is_headline(c) {
            continue;
        }
        let log_words = c.features.get(F_LOG_WORDS).copied().unwrap_or(0.0);
        if let Some(v) = c.features.get_mut(F_RELATIVE_LENGTH) {
            *v = log_words - mean;
        }
    }
}

fn title_features(
    e: &mut TitleEntry,
    raw_keys: &[String],
    site: Option<&str>,
    h1: Option<&str>,
    (url_all, url_slug): (&[String], &[String]),
) {
    let words: Vec<&str> = e.key.split(' ').collect();
    let padded = format!(" {} ", e.key);
    let raw_sources = (0..6).filter(|&i| e.x[i] > 0.0).count() as f64;
    let all_sources = raw_sources + (6..10).filter(|&i| e.x[i] > 0.0).count() as f64;
    let inside = raw_keys
        .iter()
        .filter(|k| **k != e.key && format!(" {k} ").contains(&padded))
        .count() as f64;
    let jaccard_with = |h: &str| {
        let a: std::collections::HashSet<&str> = h.split(' ').collect();
        let b: std::collections::HashSet<&str> = words.iter().copied().collect();
        a.intersection(&b).count() as f64 / a.union(&b).count().max(1) as f64
    };
    let jaccard = h1.map_or(0.0, jaccard_with);
    let others = raw_keys.iter().filter(|k| **k != e.key);
    let max_other = others.clone().map(|k| jaccard_with(k)).fold(0.0, f64::max);
    let starts = others
        .clone()
        .any(|k| k.starts_with(&format!("{} ", e.key)));
    let other_words: Vec<String> = others
        .flat_map(|k| k.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    // Another source with the same text agrees on every word.
    let in_others = if raw_sources >= 2.0 {
        1.0
    } else {
        share(&words, &other_words)
    };
    let any_other = raw_keys.iter().any(|k| *k != e.key);
    let is_h1 = f64::from(u8::from(e.x[3] > 0.0 || e.x[4] > 0.0));
    let has_site = f64::from(u8::from(
        site.is_some_and(|s| padded.contains(&format!(" {s} "))),
    ));
    let slug: Vec<&str> = url_slug.iter().map(String::as_str).collect();
    let cand_words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    let values = [
        (10, raw_sources),
        (11, all_sources),
        (15, (words.len() as f64).ln_1p()),
        (16, f64::from(u8::from(words.len() <= 2))),
        (17, has_site),
        (18, f64::from(u8::from(site == Some(e.key.as_str())))),
        (
            19,
            f64::from(u8::from(
                TITLE_SEPARATORS.iter().any(|s| e.value.contains(s)),
            )),
        ),
        (20, inside),
        (21, share(&words, url_all)),
        (22, share(&slug, &cand_words)),
        (23, jaccard),
        (24, max_other),
        (25, f64::from(u8::from(starts))),
        (26, in_others),
        (27, is_h1 * in_others),
        (28, is_h1 * (words.len() as f64).ln_1p()),
        (29, is_h1 * has_site),
        (
            30,
            is_h1 * f64::from(u8::from(any_other && in_others == 0.0)),
        ),
    ];
    for (i, v) in values {
        if let Some(slot) = e.x.get_mut(i) {
            *slot = v;
        }
    }
}

/// Where a candidate date was found (index of its feature in [`DATE_FEATURES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateSource {
    LdPublished = 0,
    MetaPublished = 1,
    LdCreated = 2,
    TimeMarkup = 3,
    LdModified = 4,
    MetaModified = 5,
    /// Any `<time datetime>` of the page (the first few).
    TimeElement = 22,
}

/// The page's date signals: declared ones (already ISO 8601) and the text around the headline.
#[derive(Debug, Default, Clone)]
pub(crate) struct DateSources {
    pub declared: Vec<(DateSource, String)>,
    /// The text of the elements whose class or id names a date line, each with whether the
    /// attribute names an update (first ones first).
    pub dated_elements: Vec<(String, bool)>,
    pub url: Option<String>,
    /// Text from the first `<h1>` on (about 5,000 bytes).
    pub after_headline: String,
    /// The last ~200 bytes of text before the first `<h1>`.
    pub before_headline: String,
}

/// Written dates after the headline considered (the byline's and its update note come first).
const TEXT_DATES: usize = 6;
/// Bytes before a written date searched for its label ("Updated", "Published on").
const LABEL_WINDOW: usize = 40;

static UPDATED_LABELS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("date_updated_labels.txt")).collect()
});
static PUBLISHED_LABELS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("date_published_labels.txt")).collect()
});

/// A date in a URL path: /2025/08/19/, /2025-08-19-, /20250819/.
static URL_DATE: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(
        r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/\-_.]|$)",
    )
    .ok()
});

/// "3/4/2025", "10/31/2024", "01-04-2024": month first (the US form), day first when the month
/// would be over 12; marked by its own feature so the ranker can weigh the ambiguity. ASCII word
/// boundaries, as in [`super::meta`]'s date forms.
static SLASHED_DATE: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(r"(?-u:\b)(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?-u:\b)").ok()
});

fn slashed_dates(text: &str) -> Vec<(usize, NaiveDate)> {
    let Some(re) = SLASHED_DATE.as_ref() else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|c| {
            let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let (a, b, y) = (n(1)?, n(2)?, i32::try_from(n(3)?).ok()?);
            let day =
                NaiveDate::from_ymd_opt(y, a, b).or_else(|| NaiveDate::from_ymd_opt(y, b, a))?;
            Some((c.get(0)?.start(), day))
        })
        .collect()
}

fn url_date(url: &str) -> Option<NaiveDate> {
    let c = URL_DATE.as_ref()?.captures(url)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(n(1)?).ok()?, n(2)?, n(3)?)
}

/// The label of a written date at byte `at` of `text`: (updated, published).
fn label_before(text: &str, at: usize) -> (bool, bool) {
    let mut start = at.saturating_sub(LABEL_WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = format!(" {} ", lower_words(text.get(start..at).unwrap_or("")));
    let has = |labels: &[&str]| labels.iter().any(|l| before.contains(&format!(" {l} ")));
    (has(&UPDATED_LABELS), has(&PUBLISHED_LABELS))
}

struct DayEntry {
    value: String,
    day: NaiveDate,
    x: Vec<f64>,
    text_rank: Option<usize>,
}

/// Every candidate publication day of a page with its features; the first is the most trusted
/// source's (declared before written).
pub(crate) fn date_candidates(src: &DateSources) -> Vec<Candidate> {
    let mut days: Vec<DayEntry> = Vec::new();
    let mut declared_pub = None;
    for (source, value) in &src.declared {
        let Some(day) = value
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if matches!(source, DateSource::LdPublished | DateSource::MetaPublished) {
            declared_pub.get_or_insert(day);
        }
        add_day(&mut days, value.clone(), day, *source as usize);
    }
    if let Some(day) = src.url.as_deref().and_then(url_date) {
        add_day(&mut days, day.format("%Y-%m-%d").to_string(), day, 6);
    }
    let mut written: Vec<(usize, NaiveDate, bool)> = written_dates(&src.after_headline)
        .into_iter()
        .map(|(at, d)| (at, d, false))
        .chain(
            slashed_dates(&src.after_headline)
                .into_iter()
                .map(|(at, d)| (at, d, true)),
        )
        .collect();
    written.sort_by_key(|(at, _, _)| *at);
    for (rank, (at, day, slashed)) in written.into_iter().take(TEXT_DATES).enumerate() {
        let feature = if rank == 0 { 7 } else { 8 };
        let i = add_day(&mut days, day.format("%Y-%m-%d").to_string(), day, feature);
        let (updated, published) = label_before(&src.after_headline, at);
        if let Some(d) = days.get_mut(i) {
            if slashed {
                d.x[23] = 1.0;
            }
            d.text_rank.get_or_insert(rank);
            d.x[11] = d.x[11].max(f64::from(u8::from(updated)));
            d.x[12] = d.x[12].max(f64::from(u8::from(published)));
        }
    }
    element_days(&mut days, &src.dated_elements);
    if let Some((_, day)) = written_dates(&src.before_headline)
        .into_iter()
        .max_by_key(|(at, _)| *at)
    {
        add_day(&mut days, day.format("%Y-%m-%d").to_string(), day, 9);
    }
    into_candidates(days, declared_pub)
}

fn into_candidates(mut days: Vec<DayEntry>, declared: Option<NaiveDate>) -> Vec<Candidate> {
    day_features(&mut days, declared);
    days.into_iter()
        .map(|d| Candidate {
            value: d.value,
            features: d.x,
        })
        .collect()
}

/// The days written in the page's date-line elements: the first element's marked
/// `element_first`, later ones' `element_later`, and `element_updated` when the element's class
/// or the words just before the date say it is an update (`label_published` when they say
/// published).
fn element_days(days: &mut Vec<DayEntry>, elements: &[(String, bool)]) {
    for (rank, (text, class_updated)) in elements.iter().enumerate() {
        let written = written_dates(text)
            .into_iter()
            .map(|(at, d)| (at, d, false));
        let slashed = slashed_dates(text).into_iter().map(|(at, d)| (at, d, true));
        for (at, day, is_slashed) in written.chain(slashed) {
            let feature = if rank == 0 { 28 } else { 29 };
            let i = add_day(days, day.format("%Y-%m-%d").to_string(), day, feature);
            let (updated, published) = label_before(text, at);
            if let Some(d) = days.get_mut(i) {
                if *class_updated || updated {
                    d.x[30] = 1.0;
                }
                if is_slashed {
                    d.x[23] = 1.0;
                }
                d.x[12] = d.x[12].max(f64::from(u8::from(published)));
            }
        }
    }
}

/// The last-resort candidate of a page with no other (see [`date_candidates`]): a date beside
/// the title in its inline JSON data ([`super::script_date`], ISO 8601). It marks no source
/// feature: it is found on few pages (3 of 478 tune pages with a truth) and the ranker, which
/// does not choose among one, was not fit on it.
pub(crate) fn inline_data_candidate(value: &str) -> Vec<Candidate> {
    let Some(day) = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return Vec::new();
    };
    let entry = DayEntry {
        value: value.to_string(),
        day,
        x: vec![0.0; DATE_FEATURES.len()],
        text_rank: None,
    };
    into_candidates(vec![entry], None)
}

/// Adds `day` (found as `value`) to `days`, or marks `feature` on the entry it already has.
fn add_day(days: &mut Vec<DayEntry>, value: String, day: NaiveDate, feature: usize) -> usize {
    let i = days.iter().position(|d| d.day == day).unwrap_or_else(|| {
        days.push(DayEntry {
            value,
            day,
            x: vec![0.0; DATE_FEATURES.len()],
            text_rank: None,
        });
        days.len() - 1
    });
    if let Some(v) = days.get_mut(i).and_then(|d| d.x.get_mut(feature)) {
        *v = 1.0;
    }
    i
}

fn and(a: f64, b: f64) -> f64 {
    f64::from(u8::from(a > 0.0 && b > 0.0))
}

fn day_features(days: &mut [DayEntry], declared: Option<NaiveDate>) {
    let latest = days.iter().map(|d| d.day).max();
    let earliest = days.iter().map(|d| d.day).min();
    let only = days.len() == 1;
    for d in days.iter_mut() {
        let sources = d.x.iter().take(10).sum::<f64>() + d.x[22];
        let in_text = f64::from(u8::from(d.text_rank.is_some()));
        let years = latest.map_or(0.0, |l| ((l - d.day).num_days() as f64 / 365.0).min(5.0));
        let values = [
            (10, sources),
            (13, f64::from(u8::from(d.text_rank.is_some()))),
            (14, d.text_rank.map_or(0.0, |r| (r as f64).ln_1p())),
            (15, f64::from(u8::from(latest == Some(d.day)))),
            (16, f64::from(u8::from(earliest == Some(d.day)))),
            (17, f64::from(u8::from(declared.is_some_and(|p| d.day > p)))),
            (18, f64::from(u8::from(declared.is_some_and(|p| d.day < p)))),
            (19, f64::from(u8::from(declared.is_none()))),
            (20, years),
            (21, f64::from(u8::from(only))),
            // A year before the web: a founding year, a historical date or a placeholder
            // ("1970-01-01"), almost never the publication day of a page crawled in 2025.
            (31, f64::from(u8::from(d.day.year() < 1995))),
            (24, and(d.x[4].max(d.x[5]), in_text)),
            (25, and(d.x[0].max(d.x[1]), in_text)),
            (26, and(d.x[6], in_text)),
            (
                27,
                f64::from(u8::from(
                    declared.is_some_and(|p| (d.day - p).num_days().abs() == 1),
                )),
            ),
        ];
        for (i, v) in values {
            if let Some(slot) = d.x.get_mut(i) {
                *slot = v;
            }
        }
    }
}

/// The ranker's choice among `candidates`, else the first (the most trusted source's).
pub(crate) fn choose(model: Option<&RankModel>, candidates: &[Candidate]) -> Option<usize> {
    if candidates.is_empty() {
        return None;
    }
    Some(model.and_then(|m| m.pick(candidates)).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(c: &Candidate, names: &[&str], name: &str) -> f64 {
        names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| c.features.get(i).copied())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn shipped_models_match_the_features() {
        assert!(title_model().is_some(), "data/title-ranker.json");
        assert!(date_model().is_some(), "data/date-ranker.json");
    }

    #[test]
    fn a_site_name_glued_to_the_heading_is_cut() {
        let src = TitleSources {
            title_tag: Some("Anticorrupción recurre » Local » Ultima Hora Mallorca".into()),
            h1s: vec!["Anticorrupción recurre Ultima Hora Mallorca".into()],
            ..TitleSources::default()
        };
        let c = title_candidates(&src);
        let head = c.iter().find(|c| c.value == "Anticorrupción recurre");
        let head = head.unwrap_or_else(|| panic!("{c:?}"));
        // The <h1> is read without the name, and agrees with the <title>'s first segment.
        assert_eq!(feature(head, &TITLE_FEATURES, "raw_h1_first"), 1.0);
        assert_eq!(feature(head, &TITLE_FEATURES, "part_title_tag"), 1.0);
        let name = "Ultima Hora Mallorca";
        assert_eq!(strip_glued_site(name, Some(name)), None);
        assert_eq!(strip_glued_site("Budget passes", None), None);
        // A one-word name, or one after a separator, belongs to the headline.
        assert_eq!(strip_glued_site("Why we love Apple", Some("Apple")), None);
        let segment = "Death Spiral - How Small Languages Die";
        assert_eq!(
            strip_glued_site(segment, Some("How Small Languages Die")),
            None
        );
    }

    #[test]
    fn a_caption_set_as_heading_is_no_title() {
        // Mozilla Readability's `yahoo-2` test page: the story's <h1>, then a slideshow caption
        // of 70 words in a second <h1>.
        let caption = "In this photo dated Tuesday the rocket booster is installed on a launch pad. \
                       The unmanned Russian cargo space ship broke up in the atmosphere over \
                       Siberia on Thursday just minutes after the launch en route to the \
                       International Space Station due to an unspecified malfunction, the agency said.";
        let headline = "Russia: Space ship malfunctions, breaks up over Siberia";
        let src = TitleSources {
            title_tag: Some(headline.into()),
            h1s: vec![headline.into(), caption.into()],
            ..TitleSources::default()
        };
        let c = title_candidates(&src);
        assert!(c.iter().all(|c| c.value != caption), "{c:?}");
        assert!(c.iter().any(|c| c.value == headline));
        // A long heading that is the page's only source stays a candidate.
        let alone = TitleSources {
            h1s: vec![caption.into()],
            ..TitleSources::default()
        };
        assert_eq!(title_candidates(&alone).len(), 1);
    }

    #[test]
    fn title_candidates_split_and_agree() {
        let src = TitleSources {
            meta_title: Some("Budget passes - Politics - Daily Planet".into()),
            title_tag: Some("Budget passes | Daily Planet".into()),
            h1s: vec!["Budget passes".into()],
            site_name: Some("Daily Planet".into()),
            url: Some("https://planet.example/politics/2025/budget-passes.html".into()),
            ..TitleSources::default()
        };
        let c = title_candidates(&src);
        let values: Vec<&str> = c.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            vec![
                "Budget passes",
                "Budget passes - Politics - Daily Planet",
                "Politics",
                "Daily Planet",
                "Budget passes | Daily Planet"
            ]
        );
        let f = |i: usize, name: &str| feature(&c[i], &TITLE_FEATURES, name);
        // The headline: the <h1>, and a part of both declared titles.
        assert_eq!(f(0, "raw_h1_first"), 1.0);
        assert_eq!(f(0, "part_meta_title"), 1.0);
        assert_eq!(f(0, "part_title_tag"), 1.0);
        assert_eq!(f(0, "all_sources"), 3.0);
        assert_eq!(f(0, "url_slug_covered"), 1.0);
        assert_eq!(f(3, "is_site_name"), 1.0);
        assert_eq!(f(3, "last_segment"), 1.0);
        assert_eq!(f(1, "has_separator"), 1.0);
        assert_eq!(f(1, "has_site_name"), 1.0);
        // The shipped ranker takes the agreed headline.
        let i = choose(title_model(), &c);
        assert_eq!(i, Some(0));
    }

    #[test]
    fn relative_length_compares_headlines_only() {
        // The <h1> is fuller than the SEO title; the site-suffixed <title> is no headline.
        let src = TitleSources {
            meta_title: Some("Budget passes".into()),
            title_tag: Some("Budget passes | Daily Planet".into()),
            h1s: vec!["Budget passes after a long night of debate".into()],
            site_name: Some("Daily Planet".into()),
            ..TitleSources::default()
        };
        let c = title_candidates(&src);
        let value = |v: &str| {
            c.iter()
                .find(|c| c.value == v)
                .map(|c| feature(c, &TITLE_FEATURES, "log_words_vs_headlines"))
                .unwrap_or(f64::NAN)
        };
        let (long, short) = (8f64.ln_1p(), 2f64.ln_1p());
        let mean = (long + short) / 2.0;
        assert!((value("Budget passes after a long night of debate") - (long - mean)).abs() < 1e-9);
        assert!((value("Budget passes") - (short - mean)).abs() < 1e-9);
        assert_eq!(value("Budget passes | Daily Planet"), 0.0);
        assert_eq!(value("Daily Planet"), 0.0);
    }

    #[test]
    fn date_candidates_merge_days_and_read_labels() {
        let src = DateSources {
            declared: vec![
                (DateSource::LdPublished, "2024-03-05T10:00:00+00:00".into()),
                (DateSource::LdModified, "2025-06-01T08:00:00+00:00".into()),
            ],
            url: Some("https://x.example/2024/03/05/story/".into()),
            after_headline: "Story By Ann Lee Published March 5, 2024 Updated 6/1/2025 Text".into(),
            before_headline: String::new(),
            ..DateSources::default()
        };
        let c = date_candidates(&src);
        let values: Vec<&str> = c.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            vec!["2024-03-05T10:00:00+00:00", "2025-06-01T08:00:00+00:00"]
        );
        let f = |i: usize, name: &str| feature(&c[i], &DATE_FEATURES, name);
        assert_eq!(f(0, "sources"), 3.0);
        assert_eq!(f(0, "url_path"), 1.0);
        assert_eq!(f(0, "label_published"), 1.0);
        assert_eq!(f(0, "published_in_text"), 1.0);
        assert_eq!(f(0, "earliest"), 1.0);
        assert_eq!(f(1, "label_updated"), 1.0);
        assert_eq!(f(1, "text_slashed"), 1.0);
        assert_eq!(f(1, "modified_in_text"), 1.0);
        assert_eq!(f(1, "after_declared"), 1.0);
        assert!(choose(date_model(), &[]).is_none());
    }

    #[test]
    fn dates_before_the_web_are_marked() {
        let src = DateSources {
            declared: vec![(DateSource::LdPublished, "1970-01-01T00:00:00+00:00".into())],
            after_headline: "Story By Ann Lee March 5, 2024 Founded in 1994.12.01".into(),
            ..DateSources::default()
        };
        let c = date_candidates(&src);
        let values: Vec<&str> = c.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            vec!["1970-01-01T00:00:00+00:00", "2024-03-05", "1994-12-01"]
        );
        let f = |i: usize| feature(&c[i], &DATE_FEATURES, "before_1995");
        assert_eq!((f(0), f(1), f(2)), (1.0, 0.0, 1.0));
        // The shipped ranker passes over the placeholder epoch for the byline's day.
        assert_eq!(choose(date_model(), &c), Some(1));
    }

    #[test]
    fn dates_in_urls_and_slashes() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(url_date("https://a.example/2025/08/19/x"), d(2025, 8, 19));
        assert_eq!(
            url_date("https://a.example/news/2025-08-19-x"),
            d(2025, 8, 19)
        );
        assert_eq!(url_date("https://a.example/2025/08/x"), None);
        assert_eq!(url_date("https://a.example/2025/13/19/x"), None);
        let s: Vec<Option<NaiveDate>> = slashed_dates("on 3/4/2025 and 31/10/2024 not 99/99/2024")
            .into_iter()
            .map(|(_, d)| Some(d))
            .collect();
        assert_eq!(s, vec![d(2025, 3, 4), d(2024, 10, 31)]);
        let s: Vec<Option<NaiveDate>> = slashed_dates("Post time: 01-04-2024")
            .into_iter()
            .map(|(_, d)| Some(d))
            .collect();
        assert_eq!(s, vec![d(2024, 1, 4)]);
    }

    #[test]
    fn date_line_elements_are_candidates() {
        // A date line found only in a dated element (no declared date, none near a headline),
        // and a later element with an update date.
        let src = DateSources {
            dated_elements: vec![
                ("Mar. 4, 2025 · Ann Lee".into(), false),
                ("Published 2025-03-04. Updated: April 2, 2025".into(), false),
                ("May 1, 2025".into(), true),
            ],
            ..DateSources::default()
        };
        let c = date_candidates(&src);
        let values: Vec<&str> = c.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, vec!["2025-03-04", "2025-04-02", "2025-05-01"]);
        let f = |i: usize, name: &str| feature(&c[i], &DATE_FEATURES, name);
        assert_eq!(f(0, "element_first"), 1.0);
        assert_eq!(f(0, "element_later"), 1.0);
        assert_eq!(f(0, "label_published"), 1.0);
        assert_eq!(f(0, "element_updated"), 0.0);
        assert_eq!(f(1, "element_first"), 0.0);
        assert_eq!(f(1, "element_updated"), 1.0);
        assert_eq!(f(2, "element_updated"), 1.0);
    }
}
