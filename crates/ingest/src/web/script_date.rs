//! A publication date in a page's inline application data: headless CMS and single-page sites
//! (Next.js, Nuxt, WordPress REST) ship the article as a JSON object inside a `<script>`, and
//! often write the visible date nowhere near the headline. The object that holds the article's
//! title holds its date too; related posts' dates sit in other objects, further away, so only a
//! date key within a few bytes of the title string counts. The raw page is searched (script
//! text is dropped before parsing, [`super::markup::strip_script_text`]), which also finds the
//! data in a JavaScript assignment or in a JSON string inside one (`\"date\":\"…\"`).

use once_cell::sync::Lazy;

/// Bytes on either side of the title string searched for a date key: an article object's
/// fields ("title", "slug", "date", "status") sit within a line of each other; a related post's
/// date, a few hundred bytes on, belongs to another object.
const WINDOW: usize = 200;
/// Title prefix searched for (long enough to be the article's own, short enough to survive a
/// site suffix or a truncated teaser).
const TITLE_PREFIX_CHARS: usize = 60;
const MIN_TITLE_CHARS: usize = 12;
/// Places where the title is written that are looked at (its `<h1>`, `<title>` and `<meta>`
/// copies come first on most pages; the data blocks follow).
const MAX_OCCURRENCES: usize = 16;

/// `"key": "2024-04-08…"`: a JSON string field holding an ISO date.
static DATE_FIELD: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(
        r#""([A-Za-z_]{3,32})\\?"\s*:\s*\\?"((?:19|20)\d{2}-\d{2}-\d{2}[0-9T:.+\-Z ]{0,20})\\?""#,
    )
    .ok()
});

/// Whether a JSON key names a publication or creation date, not an update.
fn names_publication(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    let dated = k == "date"
        || k == "date_gmt"
        || k.contains("publish")
        || k.contains("pubdate")
        || k.starts_with("created");
    dated && !k.contains("modif") && !k.contains("updat") && !k.contains("expir")
}

/// The date (raw, as written) of the publication key nearest to one of `titles` in the page's
/// inline data (`html` is the whole page as decoded).
pub(super) fn date_beside_title(html: &str, titles: &[String]) -> Option<String> {
    titles
        .iter()
        .filter(|t| t.chars().count() >= MIN_TITLE_CHARS)
        .map(|t| json_escaped_prefix(t))
        .find_map(|needle| {
            html.match_indices(needle.as_str())
                .take(MAX_OCCURRENCES)
                .find_map(|(at, _)| nearest_date(html, at, needle.len()))
        })
}

/// The title's first characters as a JSON string would spell them (quotes, backslashes and
/// slashes escaped the way serializers do).
fn json_escaped_prefix(title: &str) -> String {
    let prefix: String = title.chars().take(TITLE_PREFIX_CHARS).collect();
    let quoted = serde_json::to_string(&prefix).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_default()
        .to_string()
}

/// The publication-date field nearest to the title found at `at` (`len` bytes) in `body`,
/// within [`WINDOW`] bytes of it.
fn nearest_date(body: &str, at: usize, len: usize) -> Option<String> {
    let re = DATE_FIELD.as_ref()?;
    let mut start = at.saturating_sub(WINDOW);
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + WINDOW).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    re.captures_iter(body.get(start..end)?)
        .filter(|c| c.get(1).is_some_and(|k| names_publication(k.as_str())))
        .filter_map(|c| {
            let value = c.get(2)?;
            Some((
                (start + value.start()).abs_diff(at),
                value.as_str().to_string(),
            ))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(script: &str) -> String {
        format!("<html><head><script>{script}</script></head><body><h1>x</h1></body></html>")
    }

    fn found(html: &str, title: &str) -> Option<String> {
        date_beside_title(html, &[title.to_string()])
    }

    #[test]
    fn the_date_in_the_title_object_wins_over_related_posts() {
        let html = page(concat!(
            r#"window.__DATA__={"post":{"slug":"how-apps","title":"How Are Mobile Apps Created? A Guide","#,
            r#""date":"2024-04-08T06:59:34","status":"publish"},"related":[{"title":"Other","date":"2025-01-01"}]}"#
        ));
        assert_eq!(
            found(&html, "How Are Mobile Apps Created? A Guide").as_deref(),
            Some("2024-04-08T06:59:34")
        );
    }

    #[test]
    fn the_visible_headline_is_passed_over_for_the_data() {
        let html = format!(
            "<h1>A long enough title here</h1><p>{}</p><script>{}</script>",
            "words ".repeat(80),
            r#"self.push("{\"title\":\"A long enough title here\",\"publishedAt\":\"2023-02-01\"}")"#
        );
        assert_eq!(
            found(&html, "A long enough title here").as_deref(),
            Some("2023-02-01")
        );
    }

    #[test]
    fn updates_distant_dates_and_short_titles_are_not_read() {
        let title = "A long enough title here";
        let updated = page(r#"{"title":"A long enough title here","modifiedAt":"2024-04-08"}"#);
        assert_eq!(found(&updated, title), None);
        let far = page(&format!(
            r#"{{"title":"A long enough title here","body":"{}","date":"2024-04-08"}}"#,
            "x".repeat(400)
        ));
        assert_eq!(found(&far, title), None);
        let short = page(r#"{"title":"Home","date":"2024-04-08"}"#);
        assert_eq!(found(&short, "Home"), None);
    }

    #[test]
    fn quotes_in_titles_are_matched_escaped() {
        let html = page(
            r#"{"title":"Why \"cheap\" apps cost more","publishedAt":"2023-02-01T10:00:00Z"}"#,
        );
        assert_eq!(
            found(&html, r#"Why "cheap" apps cost more"#).as_deref(),
            Some("2023-02-01T10:00:00Z")
        );
    }
}
