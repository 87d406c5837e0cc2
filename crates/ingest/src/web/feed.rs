//! RSS 2.0 / RSS 1.0 / Atom / JSON Feed → one [`Article`] per item (via `feed-rs`).
//!
//! The text is the item's full content when the feed carries it, else its summary. Summary-only
//! items are teasers of the linked page: they are flagged `truncated` with the reason, like the
//! op-ed teasers of a text shard.

use newsgraph_model::{Article, Published, PublishedFrom, Source};
use serde_json::json;

use super::meta::normalize_language;
use super::text::{collapse_whitespace, html_paragraphs, words};
use super::WebError;

/// A summary of fewer words than this, with no full content beside it, is a teaser.
const TEASER_MAX_WORDS: usize = 150;

/// A feed larger than this is refused before parsing: the parser holds the whole document and
/// its items in memory, and no real feed comes near it.
pub const MAX_FEED_BYTES: u64 = 32 << 20;

/// An item whose text (content or summary markup) is longer than this is skipped and reported:
/// the same limit as one JSON Lines record.
pub const MAX_ITEM_BYTES: usize = 4 << 20;

/// Parses a feed document; `file` names it in errors and in each article's `source.file`
/// (`file#item-N`, N counted from 1). Items without any text are skipped, and so are items over
/// [`MAX_ITEM_BYTES`] (use [`parse_feed_items`] to have those reported).
pub fn parse_feed(bytes: &[u8], file: &str) -> Result<Vec<Article>, WebError> {
    parse_feed_items(bytes, file).map(|(articles, _)| articles)
}

/// [`parse_feed`], with the items skipped for size returned beside the articles
/// ([`WebError::ItemTooLarge`], one per item). Fails for a document over [`MAX_FEED_BYTES`].
pub fn parse_feed_items(
    bytes: &[u8],
    file: &str,
) -> Result<(Vec<Article>, Vec<WebError>), WebError> {
    if bytes.len() as u64 > MAX_FEED_BYTES {
        return Err(WebError::Feed {
            file: file.to_string(),
            message: format!(
                "{} bytes is over the {MAX_FEED_BYTES}-byte limit for one feed",
                bytes.len()
            ),
        });
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| WebError::Feed {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| collapse_whitespace(&t.content))
        .filter(|t| !t.is_empty());
    let feed_language = feed.language.as_deref().and_then(normalize_language);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        let item = format!("{file}#item-{}", index + 1);
        let size = item_markup_bytes(entry);
        if size > MAX_ITEM_BYTES {
            errors.push(WebError::ItemTooLarge {
                item,
                size,
                limit: MAX_ITEM_BYTES,
            });
            continue;
        }
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(markup_paragraphs);
        let summary = entry
            .summary
            .as_ref()
            .map(|s| markup_paragraphs(&s.content));
        let has_content = content.as_ref().is_some_and(|p| !p.is_empty());
        let paragraphs = if has_content {
            content.unwrap_or_default()
        } else {
            summary.unwrap_or_default()
        };
        if paragraphs.is_empty() {
            continue;
        }
        let text = paragraphs.join("\n");
        let source = Source {
            file: item,
            lines: [0, 0],
            bytes: [0, 0],
        };
        let mut article = Article::new(text, source);
        article.title = entry
            .title
            .as_ref()
            .map(|t| collapse_whitespace(&t.content))
            .filter(|t| !t.is_empty());
        article.url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_string());
        article.outlet = feed_title.clone();
        article.language = entry
            .language
            .as_deref()
            .and_then(normalize_language)
            .or_else(|| feed_language.clone());
        article.published = entry.published.or(entry.updated).map(|d| Published {
            value: d.to_rfc3339(),
            from: PublishedFrom::Metadata,
        });
        article.credits.byline = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().and_then(person_name))
            .collect();
        if let Some(reason) = teaser_reason(&article.text, has_content) {
            article.truncated = true;
            article.truncation_reason = Some(reason);
        }
        if !entry.id.is_empty() {
            article.meta.insert("guid".into(), json!(entry.id));
        }
        let categories: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        if !categories.is_empty() {
            article.meta.insert("categories".into(), json!(categories));
        }
        article.meta.insert("feed_item".into(), json!(index + 1));
        out.push(article);
    }
    Ok((out, errors))
}

/// The bytes of markup an item would hand to the HTML parser (content and summary).
fn item_markup_bytes(entry: &feed_rs::model::Entry) -> usize {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref())
        .map_or(0, String::len);
    let summary = entry.summary.as_ref().map_or(0, |s| s.content.len());
    content.max(summary)
}

/// "Jane Doe", or the name in RSS's "jane@example.com (Jane Doe)"; bare addresses are not names.
fn person_name(raw: &str) -> Option<String> {
    let raw = collapse_whitespace(raw);
    if let (Some(open), Some(close)) = (raw.find('('), raw.rfind(')')) {
        if open < close {
            let inner = collapse_whitespace(raw.get(open + 1..close).unwrap_or(""));
            if !inner.is_empty() && !inner.contains('@') {
                return Some(inner);
            }
        }
    }
    (!raw.is_empty() && !raw.contains('@')).then_some(raw)
}

/// Feed text may be HTML (escaped or CDATA) or plain; both become paragraphs.
fn markup_paragraphs(raw: &str) -> Vec<String> {
    if raw.contains('<') {
        html_paragraphs(raw)
    } else {
        raw.split("\n\n")
            .map(collapse_whitespace)
            .filter(|p| !p.is_empty())
            .collect()
    }
}

const CUT_MARKS: &[&str] = &["...", "…", "[…]", "[...]", "[…", "(…)"];
const CUT_PHRASES: &[&str] = &[
    "read more",
    "continue reading",
    "read full story",
    "read the full story",
    "read the full article",
    "full story",
];

/// Why an item's text is believed to be a teaser, or None.
fn teaser_reason(text: &str, has_content: bool) -> Option<String> {
    let trimmed = text.trim_end();
    if let Some(mark) = CUT_MARKS.iter().find(|m| trimmed.ends_with(*m)) {
        return Some(format!("feed text ends with a cut mark ('{mark}')"));
    }
    let tail: String = trimmed
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_lowercase();
    let tail = tail.trim_end_matches(|c: char| {
        matches!(c, '.' | ')' | ']' | ' ' | '»' | '›' | '>' | ':' | '→')
    });
    if let Some(phrase) = CUT_PHRASES.iter().find(|p| tail.ends_with(*p)) {
        return Some(format!("feed text ends with a cut mark ('{phrase}')"));
    }
    if has_content {
        return None;
    }
    let n = words(text).count();
    if n < TEASER_MAX_WORDS {
        return Some(format!(
            "feed item carries only a {n}-word summary of the linked article"
        ));
    }
    let ends_sentence = text
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '’'));
    (!ends_sentence).then(|| format!("feed summary of {n} words ends mid-sentence"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teasers_are_flagged() {
        assert!(teaser_reason("A short summary of the story…", false)
            .unwrap()
            .contains("cut mark"));
        assert!(teaser_reason("Officials said on Monday.", false)
            .unwrap()
            .contains("summary"));
        let full = "word ".repeat(200) + "end.";
        assert_eq!(teaser_reason(&full, true), None);
        assert_eq!(teaser_reason(&full, false), None);
        let cut = "word ".repeat(200) + "and then";
        assert!(teaser_reason(&cut, false).unwrap().contains("mid-sentence"));
    }
}
