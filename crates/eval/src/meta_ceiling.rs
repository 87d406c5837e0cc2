//! How far a metadata extractor could go on a set: the share of pages whose true title or day is
//! among the candidates our rankers choose from (the rankers' oracle), and the share whose true
//! day is written in the page at all, in a common form. The WCXB truth takes some days from
//! outside the page (sitemaps, feeds): a day that the page does not write and that none of our
//! sources yields either (URL path, structured data) is out of reach, for us and for the peers.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::html_sets::Page;
use crate::meta_rank::meta_examples;

/// Counts over the pages of one part that have a true title or date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataCeiling {
    /// Pages with a true title.
    pub titles: usize,
    /// Of those, pages where one of our title candidates has the truth's words.
    pub title_among_candidates: usize,
    /// Pages with a true day (a full `YYYY-MM-DD`; a month alone is never right).
    pub dates: usize,
    /// Of those, pages where one of our date candidates is the true day.
    pub date_among_candidates: usize,
    /// Of those, pages whose markup writes the true day in a common form ([`day_forms`]).
    pub date_written: usize,
    /// Of those, pages where either holds: the true day is among our candidates or written.
    pub date_reachable: usize,
}

impl MetadataCeiling {
    /// The counts as JSON, with the shares rounded to 4 places.
    pub fn to_json(&self) -> serde_json::Value {
        let share = |a: usize, b: usize| (10000.0 * a as f64 / b.max(1) as f64).round() / 10000.0;
        serde_json::json!({
            "titles": self.titles,
            "title_among_candidates": share(self.title_among_candidates, self.titles),
            "dates": self.dates,
            "date_among_candidates": share(self.date_among_candidates, self.dates),
            "date_written_in_page": share(self.date_written, self.dates),
            "date_reachable": share(self.date_reachable, self.dates),
        })
    }
}

/// What is within reach on one page: per kind of truth the page has, whether it is among our
/// candidates, and for the day whether the page writes it.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageReach {
    /// The true title is among our candidates (`None`: no true title).
    pub title: Option<bool>,
    /// The true day is among our candidates, and is written in the page (`None`: no true day).
    pub date: Option<(bool, bool)>,
}

/// The reach of each page of `pages`, by page id: computed once and summed over any part
/// ([`MetadataCeiling::of`]), so that a page in several parts is parsed once.
pub fn page_reach(pages: &[&Page]) -> HashMap<String, PageReach> {
    let (titles, dates) = meta_examples(pages);
    let found = |right: &[bool]| right.iter().any(|r| *r);
    let mut reach: HashMap<String, PageReach> = HashMap::new();
    for e in &titles {
        reach.entry(e.id.clone()).or_default().title = Some(found(&e.right));
    }
    let candidate_days: HashSet<&str> = dates
        .iter()
        .filter(|e| found(&e.right))
        .map(|e| e.id.as_str())
        .collect();
    for page in pages {
        if let Some(truth) = page.date.as_deref() {
            let among = candidate_days.contains(page.id.as_str());
            reach.entry(page.id.clone()).or_default().date =
                Some((among, day_written(&page.html, truth)));
        }
    }
    reach
}

impl MetadataCeiling {
    /// The counts over `pages`, read from their [`page_reach`] (a page missing there counts as
    /// having no metadata truth).
    pub fn of(reach: &HashMap<String, PageReach>, pages: &[&Page]) -> Self {
        let mut c = MetadataCeiling::default();
        for r in pages.iter().filter_map(|p| reach.get(&p.id)) {
            if let Some(among) = r.title {
                c.titles += 1;
                c.title_among_candidates += usize::from(among);
            }
            if let Some((among, written)) = r.date {
                c.dates += 1;
                c.date_among_candidates += usize::from(among);
                c.date_written += usize::from(written);
                c.date_reachable += usize::from(among || written);
            }
        }
        c
    }
}

/// The ceilings of `pages` (pages without metadata truth are skipped).
pub fn metadata_ceiling(pages: &[&Page]) -> MetadataCeiling {
    MetadataCeiling::of(&page_reach(pages), pages)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The lower-cased ways pages write `day`: ISO and other numeric orders (zero-padded or not,
/// with `-`, `/` or `.`), and the month's name or its three-letter abbreviation before or after
/// the day, with or without an ordinal suffix, comma or dot.
pub fn day_forms(day: NaiveDate) -> Vec<String> {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let Some(name) = MONTHS.get(m as usize - 1) else {
        return Vec::new();
    };
    let abbr = &name[..3];
    let suffix = match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let mut forms = vec![
        format!("{y}-{m:02}-{d:02}"),
        format!("{y}/{m:02}/{d:02}"),
        format!("{y}/{m}/{d}"),
        format!("{y}.{m:02}.{d:02}"),
        format!("{m:02}/{d:02}/{y}"),
        format!("{m}/{d}/{y}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{d}/{m}/{y}"),
        format!("{d:02}.{m:02}.{y}"),
        format!("{d}.{m}.{y}"),
        format!("{y}年{m}月{d}日"),
    ];
    for month in [*name, abbr, &format!("{abbr}.")] {
        for dd in [format!("{d}"), format!("{d:02}"), format!("{d}{suffix}")] {
            forms.push(format!("{month} {dd}, {y}"));
            forms.push(format!("{month} {dd} {y}"));
            forms.push(format!("{dd} {month} {y}"));
            forms.push(format!("{dd} {month}, {y}"));
            forms.push(format!("{dd}. {month} {y}"));
            forms.push(format!("{dd} of {month} {y}"));
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// True when the page's markup (script text and attributes included, lower-cased, runs of
/// whitespace and `&nbsp;` read as one space) writes `truth`'s day in one of [`day_forms`].
pub fn day_written(html: &[u8], truth: &str) -> bool {
    let Some(day) = truth
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return false;
    };
    let lower = String::from_utf8_lossy(html)
        .to_lowercase()
        .replace("&nbsp;", " ")
        .replace('\u{a0}', " ");
    let page = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    day_forms(day).iter().any(|f| contains_whole(&page, f))
}

/// True when `needle` occurs in `text` with no letter or digit glued before it and no digit after
/// it ("8/4/2021" is not in "18/4/2021"; "2021-08-04" is in "2021-08-04t09:00").
fn contains_whole(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_found_in_the_forms_pages_write_it() {
        let cases = [
            "<time>2021-08-04</time>",
            "<span>Posted Aug. 4, 2021</span>",
            "<p>4th&nbsp;August 2021</p>",
            "<p>August\n  4th, 2021</p>",
            "<p>04.08.2021</p>",
            "<p>8/4/2021</p>",
            r#"<meta content="2021-08-04T09:00:00+00:00">"#,
        ];
        for html in cases {
            assert!(day_written(html.as_bytes(), "2021-08-04"), "{html}");
        }
    }

    #[test]
    fn another_day_or_a_partial_truth_is_not_found() {
        let page = b"<p>August 14, 2021, 2021-08-05 and 18/4/2021</p>";
        assert!(!day_written(page, "2021-08-04"));
        assert!(
            !day_written(page, "2021-04-08"),
            "8/4/2021 is inside 18/4/2021"
        );
        assert!(!day_written(page, "2021-08"));
        assert!(!day_written(page, "not a date"));
    }

    #[test]
    fn ordinal_suffixes_follow_the_day() {
        let forms = day_forms(NaiveDate::from_ymd_opt(2025, 11, 22).unwrap());
        assert!(forms.contains(&"november 22nd, 2025".to_string()));
        assert!(!forms.iter().any(|f| f.contains("22th")));
    }
}
