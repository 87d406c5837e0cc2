//! One HTML page → one [`Article`]: main content and metadata.
//!
//! The body comes from two boilerplate removers, the `trafilatura` crate (recall-oriented
//! settings) and the Readability engine it ships with (`libreadability`): per page, a learned
//! selector ([`super::select`], weights in `crates/ingest/data/html-selector.json`, made by
//! `newsgraph train html` on the tune parts of both development sets) picks trafilatura's
//! paragraphs, Readability's, or one of the two paragraph votes (`text::vote`), and falls back to
//! a non-empty one; `meta.extractor` says which won. On held-back WCXB pages this scores word F1
//! 0.953 where trafilatura alone scores 0.921, Readability alone 0.937 and the former fixed vote
//! 0.934; the 181-page benchmark stays at shingle F1 0.974 (`newsgraph eval html --set wcxb|aeb`).
//!
//! Metadata comes from the page's own signals first (JSON-LD, `<meta>`, canonical link, `<html
//! lang>`, `<time>`), then from trafilatura's heuristics, then from the transport (WARC headers).
//! The title and the publication day are each chosen among the page's candidates (headline
//! sources and their parts; declared, URL and written dates) by a learned ranker
//! ([`super::rank`], weights in `crates/ingest/data/{title,date}-ranker.json`, made by `newsgraph
//! train meta` on the WCXB tune part); `meta.published_source` says "page text" when the chosen
//! day is written on the page and declared nowhere.

use std::io::Read;
use std::path::Path;

use newsgraph_model::{Article, Published, PublishedFrom, Source};
use serde_json::{json, Value};
use trafilatura::dom::Document;

use super::byline::split_names;
use super::markup::{
    cap_markup, separate_br_runs, space_between_blocks, strip_script_text, MarkupLimits,
};
use super::meta::{normalize_date, normalize_language, page_meta, PageMeta};
use super::rank::Candidate;
use super::select;
use super::text::{html_paragraphs, respace, tidy_body, vote, vote_sides, Side};
use super::{decode_html, WebError};

/// Pages larger than this (decompressed) are refused: no news article needs 32 MiB of HTML.
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// What the transport knows about a page (WARC / HTTP headers); all optional.
#[derive(Debug, Clone, Default)]
pub struct PageContext {
    /// The URL the page was fetched from (used when the page has no canonical URL).
    pub url: Option<String>,
    /// The crawl date (ISO 8601), used as `published` only when the page names none.
    pub fetched: Option<String>,
    /// Charset declared by the transport (`Content-Type: text/html; charset=…`).
    pub charset: Option<String>,
}

/// Which extractor produces the body (the default is [`Extractor::Selected`]; the others are
/// here so the evaluation can show what the choice buys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extractor {
    /// Per page, the vote, trafilatura or Readability, as the learned selector
    /// ([`super::select`]) scores them; never empty while one of them has text.
    #[default]
    Selected,
    /// trafilatura and Readability, paragraphs kept by agreement.
    Agreement,
    /// The trafilatura crate alone (recall-oriented settings, no fallback).
    Trafilatura,
    /// The Readability engine alone.
    Readability,
}

/// Extracts the article of one page (bytes already gunzipped). `file` names the page in errors and
/// in `source.file`.
///
/// The text is the body paragraphs joined by `\n`; title, outlet, canonical url, language,
/// published (`from: metadata`) and `credits.byline` are filled from the page; description, image,
/// section, keywords, modification date, page type and host go to `meta`. Errors only for pages
/// with no body text ([`WebError::NoContent`]) or over [`MAX_PAGE_BYTES`]; never panics on
/// malformed markup.
pub fn extract_article(html: &[u8], file: &str) -> Result<Article, WebError> {
    extract_page(html, file, &PageContext::default(), Extractor::Selected)
}

/// Reads an `.html` / `.htm` page, gunzipping it when it is gzip (by magic bytes; streamed, never
/// more than [`MAX_PAGE_BYTES`] inflated), and extracts its article. FIFOs and other non-regular
/// files are refused rather than waited on.
pub fn read_html_file(path: &Path) -> Result<Article, WebError> {
    let file = path.display().to_string();
    let bytes = read_page_bytes(path, &file)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(WebError::TooLarge {
            file,
            size: bytes.len() as u64,
            limit: MAX_PAGE_BYTES,
        });
    }
    extract_article(&bytes, &file)
}

/// The page bytes, inflated when gzip, at most one byte past [`MAX_PAGE_BYTES`] (so an over-size
/// page is noticed without reading it all).
fn read_page_bytes(path: &Path, file: &str) -> Result<Vec<u8>, WebError> {
    use crate::decompress::{open_input, Limits};
    let limits = Limits {
        max_bytes: u64::MAX,
        ..Limits::default()
    };
    super::check_regular_file(path)?;
    let mut reader = open_input(path, limits).map_err(|e| match e {
        crate::IngestError::Io { file, error } => WebError::Io { file, error },
        other => WebError::Io {
            file: file.to_string(),
            error: std::io::Error::other(other.to_string()),
        },
    })?;
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::InvalidInput
            | std::io::ErrorKind::UnexpectedEof => WebError::Gzip {
                file: file.to_string(),
                offset: "0".into(),
                message: e.to_string(),
            },
            _ => WebError::Io {
                file: file.to_string(),
                error: e,
            },
        })?;
    Ok(bytes)
}

/// [`extract_article`] with transport context and a choice of extractor.
pub fn extract_page(
    html: &[u8],
    file: &str,
    ctx: &PageContext,
    extractor: Extractor,
) -> Result<Article, WebError> {
    if html.len() as u64 > MAX_PAGE_BYTES {
        return Err(WebError::TooLarge {
            file: file.to_string(),
            size: html.len() as u64,
            limit: MAX_PAGE_BYTES,
        });
    }
    let decoded = decode_html(html, ctx.charset.as_deref());
    // Script and style text is dropped by every parser below: not tokenizing it three times is
    // about a fifth of the time on modern pages.
    let stripped = strip_script_text(&decoded);
    // Deep or attribute-laden markup makes the parsers below superlinear: flatten it first.
    let (page, capped) = cap_markup(&stripped, MarkupLimits::default());
    // The extractors are third-party code run on hostile input: a panic in them costs this page,
    // never the run.
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_body(&page, &decoded, extractor)
    }));
    let body = guarded.map_err(|_| WebError::NoContent {
        file: file.to_string(),
    })?;
    if body.paragraphs.is_empty() {
        return Err(WebError::NoContent {
            file: file.to_string(),
        });
    }
    let text = body.paragraphs.join("\n");
    let source = Source {
        file: file.to_string(),
        lines: [1, decoded.lines().count().max(1)],
        bytes: [0, html.len()],
    };
    let mut article = Article::new(text, source);
    fill_metadata(&mut article, body.meta, body.fallback.as_ref(), ctx);
    if let Some(chosen) = body.chosen {
        article.meta.insert("extractor".into(), json!(chosen));
    }
    if capped.changed() {
        article.meta.insert(
            "markup_capped".into(),
            json!({"dropped_tags": capped.dropped_tags, "dropped_attributes": capped.dropped_attributes}),
        );
    }
    Ok(article)
}

/// The body paragraphs, the page's own metadata, and trafilatura's metadata guesses (used when the
/// page declares none).
struct Body {
    paragraphs: Vec<String>,
    meta: PageMeta,
    fallback: Option<trafilatura::Metadata>,
    /// Which candidate the selector returned (only for [`Extractor::Selected`]).
    chosen: Option<&'static str>,
}

/// trafilatura on a page already parsed (the metadata reader shares the parse). Its date guess
/// is only used when our ranker found none (`want_date`); skipping it otherwise saves a tree
/// walk that was 2.7 % of a WCXB page's instructions, with the same output.
fn trafilatura_run(dom: Document, want_date: bool) -> Option<trafilatura::ExtractResult> {
    let date_mode = if want_date {
        // Meta, JSON-LD, URL and markup dates only: the whole-page scans end in copyright years.
        trafilatura::HtmlDateMode::Fast
    } else {
        trafilatura::HtmlDateMode::Disabled
    };
    let options = trafilatura::Options::default()
        .with_focus(trafilatura::ExtractionFocus::FavorRecall)
        .with_exclude_comments(true)
        .with_html_date_mode(date_mode);
    trafilatura::extract_document(dom, &options).ok()
}

/// The page parsed for trafilatura and the metadata reader, list items and cells spaced apart
/// ([`space_between_blocks`]) so that neither runs their words together.
fn parse_page(page: &str) -> Document {
    Document::parse(&space_between_blocks(page))
}

/// The page's metadata ([`page_meta`]; `raw` is the page with its script text); a panic in it
/// costs the metadata, not the page.
fn read_meta(dom: &Document, raw: &str) -> PageMeta {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page_meta(dom, raw)))
        .unwrap_or_default()
}

fn extract_body(page: &str, raw: &str, extractor: Extractor) -> Body {
    // One parse serves the metadata reader and then trafilatura, which takes the tree over (it
    // was a third of the page's parsing: the metadata reader parsed the page on its own).
    let dom = parse_page(page);
    let meta = read_meta(&dom, raw);
    let traf = match extractor {
        Extractor::Readability => None,
        _ => trafilatura_run(dom, meta.chosen_date.is_none()),
    };
    let traf_paragraphs = traf
        .as_ref()
        .map(|r| respace(html_paragraphs(&r.content_html), &r.content_text))
        .unwrap_or_default();
    let fallback = traf.map(|r| r.metadata);
    let mut chosen = None;
    let paragraphs = match extractor {
        Extractor::Trafilatura => traf_paragraphs,
        Extractor::Readability => readability_paragraphs(page),
        Extractor::Agreement => vote(&traf_paragraphs, &readability_paragraphs(page)),
        Extractor::Selected => {
            let read = readability_paragraphs(page);
            let (voted, voted_read) = both_votes(&traf_paragraphs, &read);
            let x = select::features(&traf_paragraphs, &read, &voted, &voted_read);
            let mut candidates = [voted, traf_paragraphs, read, voted_read];
            match select::choose(select::MODEL.as_ref(), &candidates, &x) {
                Some(i) => {
                    chosen = select::CANDIDATES.get(i).copied();
                    candidates
                        .get_mut(i)
                        .map(std::mem::take)
                        .unwrap_or_default()
                }
                None => {
                    let text = page_text_fallback(page);
                    if !text.is_empty() {
                        chosen = Some("page_text");
                    }
                    text
                }
            }
        }
    };
    Body {
        paragraphs: tidy_body(paragraphs),
        meta,
        fallback,
        chosen,
    }
}

/// The candidate bodies of one page (in [`select::CANDIDATES`] order) and the selector's
/// features, for training and analysing the selector. Never panics; a page the extractors fail
/// on has empty candidates.
pub fn page_candidates(html: &[u8]) -> (Vec<Vec<String>>, Vec<f64>) {
    let decoded = decode_html(html, None);
    let stripped = strip_script_text(&decoded);
    let (page, _) = cap_markup(&stripped, MarkupLimits::default());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let traf = trafilatura_run(parse_page(&page), false)
            .map(|r| respace(html_paragraphs(&r.content_html), &r.content_text))
            .unwrap_or_default();
        let read = readability_paragraphs(&page);
        let (voted, voted_read) = both_votes(&traf, &read);
        let x = select::features(&traf, &read, &voted, &voted_read);
        (vec![voted, traf, read, voted_read], x)
    }))
    .unwrap_or_else(|_| {
        let empty: [Vec<String>; 4] = Default::default();
        let x = select::features(&[], &[], &[], &[]);
        (empty.to_vec(), x)
    })
}

/// The candidate titles and publication days of one page with their features, as the metadata
/// rankers see them ([`super::rank`]), for training and analysing the rankers. Never panics.
pub fn metadata_candidates(html: &[u8]) -> (Vec<Candidate>, Vec<Candidate>) {
    let decoded = decode_html(html, None);
    let stripped = strip_script_text(&decoded);
    let (page, _) = cap_markup(&stripped, MarkupLimits::default());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let meta = page_meta(&parse_page(&page), &decoded);
        (meta.title_candidates, meta.date_candidates)
    }))
    .unwrap_or_default()
}

/// The vote with trafilatura first and with Readability first, each side split and hashed once.
fn both_votes(traf: &[String], read: &[String]) -> (Vec<String>, Vec<String>) {
    let (t, r) = (Side::new(traf), Side::new(read));
    (vote_sides(&t, &r), vote_sides(&r, &t))
}

/// A paragraph of the last-resort body must have this many words (menus and labels have fewer).
const FALLBACK_PARAGRAPH_WORDS: usize = 8;

/// The last resort when both extractors return nothing (old table layouts, pages of one long
/// `<font>` run): the page's own blocks of at least [`FALLBACK_PARAGRAPH_WORDS`] words, else all
/// of its text blocks. Boilerplate may come with it, but a page with text is never empty.
fn page_text_fallback(page: &str) -> Vec<String> {
    let all = html_paragraphs(page);
    let long: Vec<String> = all
        .iter()
        .filter(|p| super::text::words(p).count() >= FALLBACK_PARAGRAPH_WORDS)
        .cloned()
        .collect();
    if long.is_empty() {
        all
    } else {
        long
    }
}

fn readability_paragraphs(page: &str) -> Vec<String> {
    libreadability::Parser::new()
        .parse(&separate_br_runs(page), None)
        .map(|a| html_paragraphs(&a.content))
        .unwrap_or_default()
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn fill_metadata(
    article: &mut Article,
    meta: PageMeta,
    guess: Option<&trafilatura::Metadata>,
    ctx: &PageContext,
) {
    article.title = meta
        .title
        .clone()
        .or_else(|| guess.and_then(|g| non_empty(&g.title)));
    let url = meta
        .canonical_url
        .as_deref()
        .and_then(|c| absolute_url(c, ctx.url.as_deref()))
        .or_else(|| ctx.url.clone())
        .or_else(|| guess.and_then(|g| non_empty(&g.url)));
    let host = url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        });
    article.outlet = meta
        .site_name
        .clone()
        .or_else(|| guess.and_then(|g| non_empty(&g.sitename)))
        .or_else(|| host.clone());
    article.url = url;

    let declared = meta
        .language
        .clone()
        .or_else(|| guess.and_then(|g| normalize_language(&g.language)));
    article.language = choose_language(declared.as_deref(), &article.text, &mut article.meta);

    let guessed = guess
        .and_then(|g| g.date)
        .map(|d| d.format("%Y-%m-%d").to_string());
    let source = match (&meta.chosen_date, &guessed) {
        (Some(_), _) if meta.date_from_text => Some("page text"),
        (Some(_), _) | (None, Some(_)) => None,
        (None, None) => ctx.fetched.as_ref().map(|_| "crawl date"),
    };
    let published = meta
        .chosen_date
        .clone()
        .or(guessed)
        .or_else(|| ctx.fetched.as_deref().and_then(normalize_date));
    if let (Some(source), Some(_)) = (source, &published) {
        article
            .meta
            .insert("published_source".into(), json!(source));
    }
    article.published = published.map(|value| Published {
        value,
        from: PublishedFrom::Metadata,
    });

    let mut byline = meta.authors.clone();
    if byline.is_empty() {
        if let Some(g) = guess {
            byline = split_names(&g.author);
        }
    }
    article.credits.byline = byline;

    if meta.paywalled {
        article.truncated = true;
        article.truncation_reason =
            Some("page marks its article as not free (isAccessibleForFree: false)".into());
    }
    let m = &mut article.meta;
    let mut put = |key: &str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(key.to_string(), Value::String(v));
        }
    };
    put("description", meta.description);
    put("image", meta.image);
    put("section", meta.section);
    put("modified", meta.modified);
    put("page_type", meta.page_type);
    put(
        "published_raw",
        meta.published_raw.filter(|_| meta.published.is_none()),
    );
    put("host", host);
    if !meta.keywords.is_empty() {
        m.insert("keywords".into(), json!(meta.keywords));
    }
    if let Some(g) = guess {
        if !g.categories.is_empty() {
            m.insert("categories".into(), json!(g.categories));
        }
    }
}

/// Resolves a canonical URL that may be relative against the fetch URL.
fn absolute_url(candidate: &str, base: Option<&str>) -> Option<String> {
    if let Ok(u) = url::Url::parse(candidate) {
        return matches!(u.scheme(), "http" | "https").then(|| u.to_string());
    }
    let base = url::Url::parse(base?).ok()?;
    base.join(candidate).ok().map(|u| u.to_string())
}

/// The declared language, unless the text is long enough for a reliable guess that disagrees
/// (templates often say `lang="en"` on every page); the declared one then goes to `meta`.
fn choose_language(
    declared: Option<&str>,
    text: &str,
    meta: &mut serde_json::Map<String, Value>,
) -> Option<String> {
    let detected = if text.len() >= 200 {
        let sample = text.get(..floor_char_boundary(text, 4000)).unwrap_or(text);
        whatlang::detect(sample)
            .filter(|i| i.is_reliable())
            .map(|i| iso639_1(i.lang()))
    } else {
        None
    };
    match (declared, detected) {
        (Some(d), Some(g)) if d != g => {
            meta.insert("declared_language".into(), json!(d));
            Some(g)
        }
        (Some(d), _) => Some(d.to_string()),
        (None, g) => g,
    }
}

/// The largest char boundary of `s` at or before `index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    (0..=index)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// whatlang's ISO 639-3 code → ISO 639-1 where one exists.
fn iso639_1(lang: whatlang::Lang) -> String {
    const TWO_LETTER: &[(&str, &str)] = &[
        ("eng", "en"),
        ("fra", "fr"),
        ("deu", "de"),
        ("spa", "es"),
        ("por", "pt"),
        ("ita", "it"),
        ("nld", "nl"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("pol", "pl"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "nb"),
        ("fin", "fi"),
        ("est", "et"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("hun", "hu"),
        ("ron", "ro"),
        ("bul", "bg"),
        ("srp", "sr"),
        ("hrv", "hr"),
        ("slv", "sl"),
        ("ell", "el"),
        ("tur", "tr"),
        ("ara", "ar"),
        ("heb", "he"),
        ("pes", "fa"),
        ("urd", "ur"),
        ("hin", "hi"),
        ("ben", "bn"),
        ("tam", "ta"),
        ("tel", "te"),
        ("mar", "mr"),
        ("guj", "gu"),
        ("kan", "kn"),
        ("mal", "ml"),
        ("pan", "pa"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("vie", "vi"),
        ("tha", "th"),
        ("ind", "id"),
        ("tgl", "tl"),
        ("cat", "ca"),
        ("bel", "be"),
        ("kat", "ka"),
        ("hye", "hy"),
        ("aze", "az"),
        ("kaz", "kk"),
        ("uzb", "uz"),
        ("afr", "af"),
        ("epo", "eo"),
        ("lat", "la"),
        ("yid", "yi"),
        ("zul", "zu"),
        ("amh", "am"),
        ("nep", "ne"),
        ("sin", "si"),
        ("khm", "km"),
        ("mya", "my"),
        ("jav", "jv"),
        ("sna", "sn"),
        ("aka", "ak"),
        ("ori", "or"),
        ("tuk", "tk"),
        ("mkd", "mk"),
        ("cym", "cy"),
    ];
    let code = lang.code();
    TWO_LETTER
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| *two)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str, head: &str) -> Vec<u8> {
        format!("<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>")
            .into_bytes()
    }

    fn story() -> String {
        let para = |i: usize| {
            format!(
                "<p>Paragraph {i} of the story says that the council voted on Tuesday to approve the new budget, \
                 which officials said would fund schools, roads and the hospital expansion for years.</p>"
            )
        };
        let paras: String = (0..8).map(para).collect();
        format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
             <article><h1>Council approves budget</h1>{paras}</article>\
             <footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>"
        )
    }

    #[test]
    fn extracts_body_and_metadata() {
        let head = r#"<title>Council approves budget - Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2024-07-23T08:00:00Z">
            <meta name="author" content="Jane Doe">
            <link rel="canonical" href="/2024/07/budget">"#;
        let ctx = PageContext {
            url: Some("https://example.com/x?utm=1".into()),
            ..Default::default()
        };
        let a = extract_page(&page(&story(), head), "p.html", &ctx, Extractor::Agreement).unwrap();
        assert!(a.text.contains("Paragraph 3 of the story"), "{}", a.text);
        assert!(!a.text.contains("Copyright"));
        assert!(!a.text.contains("Sport"));
        assert!(a.paragraphs.len() >= 8);
        assert_eq!(a.outlet.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/2024/07/budget"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(
            a.published.as_ref().map(|p| p.value.as_str()),
            Some("2024-07-23T08:00:00+00:00")
        );
        assert_eq!(a.credits.byline, vec!["Jane Doe"]);
        assert_eq!(a.source.file, "p.html");
    }

    #[test]
    fn crawl_date_is_last_resort() {
        let ctx = PageContext {
            fetched: Some("2024-01-02T03:04:05Z".into()),
            ..Default::default()
        };
        let a = extract_page(&page(&story(), ""), "p.html", &ctx, Extractor::Agreement).unwrap();
        assert_eq!(
            a.published.map(|p| p.value),
            Some("2024-01-02T03:04:05+00:00".into())
        );
    }

    /// A 2008-style page: layout tables, `<font>`, `<br>`-separated text, no `<article>`, no
    /// JSON-LD, the date only in the byline.
    fn old_style_page() -> String {
        let para = |i: usize| {
            format!(
                "The county board met on Monday night and agreed, after {i} hours of debate, \
                 to repair the bridge on Mill Road before the winter storms arrive.<br><br>"
            )
        };
        let body: String = (0..6).map(para).collect();
        format!(
            "<html><head><title>Board votes to fix bridge - The Valley Gazette</title></head>\
             <body bgcolor=white><table width=100%><tr><td width=150><font size=1>\
             <a href=/>Home</a><br><a href=/news>News</a><br><a href=/sports>Sports</a></font></td>\
             <td><font face=Arial size=4><b>Board votes to fix bridge</b></font><br>\
             <font size=2>By Tom Smith, Staff Writer<br>March 3, 2009</font><br><br>\
             <font face=Arial size=2>{body}</font></td></tr></table>\
             <center><font size=1>Copyright 2009 The Valley Gazette</font></center></body></html>"
        )
    }

    #[test]
    fn old_style_pages_keep_their_text_and_date() {
        let a = extract_article(old_style_page().as_bytes(), "old.html").unwrap();
        assert!(
            a.text.contains("repair the bridge on Mill Road"),
            "{}",
            a.text
        );
        assert_eq!(
            a.published.as_ref().map(|p| p.value.as_str()),
            Some("2009-03-03")
        );
        assert_eq!(a.title.as_deref(), Some("Board votes to fix bridge"));
        assert_eq!(a.credits.byline, vec!["Tom Smith"]);
        // Readability made a `<p>` of the `<br><br>` after the date's `<font>` and lost it with
        // the run, gluing the date to the story ("2009The county board").
        let read = extract_page(
            old_style_page().as_bytes(),
            "old.html",
            &PageContext::default(),
            Extractor::Readability,
        )
        .unwrap();
        assert!(read.text.contains("The county board"), "{}", read.text);
        assert!(!read.text.contains("2009The"), "{}", read.text);
        // Scripts between the text do not change the body.
        let scripted = old_style_page().replace(
            "<br><br>",
            "<br><script>var x = '<p>not text</p>';</script><style>p{}</style><br>",
        );
        let b = extract_article(scripted.as_bytes(), "old2.html").unwrap();
        assert!(!b.text.contains("not text"));
        assert!(b.text.contains("repair the bridge on Mill Road"));
    }

    #[test]
    fn text_only_in_a_font_run_is_not_lost() {
        // No blocks at all: one run of text in <font>; whatever the extractors make of it, the
        // page has text, so the article is not empty.
        let page = format!(
            "<html><body><font>{}</font></body></html>",
            "The mayor said the new park would open in the spring after years of delays. "
                .repeat(3)
        );
        let a = extract_article(page.as_bytes(), "font.html").unwrap();
        assert!(a.text.contains("new park"), "{}", a.text);
    }

    #[test]
    fn malformed_and_empty_pages_do_not_panic() {
        assert!(matches!(
            extract_article(b"", "e.html"),
            Err(WebError::NoContent { .. })
        ));
        assert!(matches!(
            extract_article(b"<html><body><div></body>", "e.html"),
            Err(WebError::NoContent { .. })
        ));
        let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let _ = extract_article(&junk, "junk.html");
        let unclosed = "<p>".repeat(3000) + "text <b><i>never closed";
        let _ = extract_article(unclosed.as_bytes(), "u.html");
    }
}
