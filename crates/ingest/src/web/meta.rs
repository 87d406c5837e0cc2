//! Page metadata from the page's own signals: JSON-LD (`NewsArticle` & co.), `<meta>` (Open Graph,
//! Dublin Core, article:*, parsely, sailthru, …), `<link rel=canonical>`, `<html lang>`, `<time>`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use once_cell::sync::Lazy;
use serde_json::Value;
use trafilatura::dom::{Document, NodeId};

use super::byline::{after_byline_label, ends_in_role, is_particle, split_names, visible_byline};
use super::elements::ElementIndex;
use super::meta_rank::{
    choose, date_candidates, date_model, inline_data_candidate, title_candidates, title_model,
    DateSource, DateSources, TitleSources,
};
use super::rank::Candidate;
use super::script_date;
use super::text::collapse_whitespace;

/// What the page says about itself. Every field is as declared, cleaned but not guessed.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    /// ISO 8601 date or timestamp.
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub page_type: Option<String>,
    /// JSON-LD `isAccessibleForFree: false`: the body is likely cut by a paywall.
    pub paywalled: bool,
    /// A raw date string we could not read as ISO 8601.
    pub published_raw: Option<String>,
    /// The publication day the date ranker chose among the declared dates, the URL's and the
    /// dates written around the headline ([`super::meta_rank`]); used before trafilatura's guess.
    pub chosen_date: Option<String>,
    /// The chosen date was found only in the page's text (no declared date or URL names that day).
    pub date_from_text: bool,
    /// The candidate titles with their features (for training the title ranker).
    pub title_candidates: Vec<Candidate>,
    /// The candidate publication days with their features (for training the date ranker).
    pub date_candidates: Vec<Candidate>,
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
];

/// Whether a `<meta>` name of a site's own says publication date or time, and not an update
/// ("w-published-date", "article_publish_time").
fn names_publication_date(name: &str) -> bool {
    (name.contains("publish") || name.contains("pub_date") || name.contains("pub-date"))
        && (name.contains("date") || name.contains("time"))
        && !name.contains("modif")
        && !name.contains("updat")
}

/// `<meta>` names of the publication date, most trusted first.
const PUBLISHED_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "citation_publication_date",
    "article.published",
    "originalpublicationdate",
];

/// Where a visible byline sits, most specific first (read only when the page declares no author).
const BYLINE_SELECTORS: &[&str] = &[
    "[rel=author]",
    "[itemprop=author] [itemprop=name]",
    "[itemprop=author]",
    ".author-name",
    ".byline-name",
    ".byline a",
    ".byline",
];

/// An element's text: its descendant text nodes, whitespace collapsed.
fn element_text(doc: &Document, id: NodeId) -> String {
    collapse_whitespace(&doc.text_content(id))
}

/// The page's declared signals, read once: the `<meta>` map and the JSON-LD article object.
struct Signals<'a> {
    page: ElementIndex<'a>,
    /// The page as decoded, script text included (the parsed `doc` has none but JSON-LD's).
    raw: &'a str,
    metas: HashMap<String, String>,
    ld: Option<serde_json::Map<String, Value>>,
    /// The canonical URL, looked up once (the title, the date and the page all want it).
    canonical: std::cell::OnceCell<Option<String>>,
}

impl Signals<'_> {
    /// The first non-empty `<meta>` value among `keys`, whitespace collapsed.
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .filter_map(|k| self.metas.get(*k))
            .map(|v| collapse_whitespace(v))
            .find(|v| !v.is_empty())
    }

    /// A JSON-LD field of the article object.
    fn ld(&self, key: &str) -> Option<&Value> {
        self.ld.as_ref().and_then(|o| o.get(key))
    }

    /// A JSON-LD field as text.
    fn ld_str(&self, key: &str) -> Option<String> {
        self.ld(key).and_then(string_of)
    }

    /// The page's title strings: JSON-LD headline, `<meta>` title, `<title>`, the first two
    /// `<h1>`s and a markup headline (entities left by double escaping, "&#8217;", decoded), with
    /// the site's name as declared or, failing that, as its headings show it
    /// ([`site_name_from_headings`]).
    fn title_sources(&self) -> TitleSources {
        let decoded = |t: Option<String>| t.map(|t| repair_mojibake(&decode_entities(&t)));
        let mut sources = self.title_strings(decoded);
        if sources.site_name.is_none() {
            sources.site_name = site_name_from_headings(&self.page, &sources);
        }
        sources
    }

    /// The title strings as the page declares and writes them.
    fn title_strings(&self, decoded: impl Fn(Option<String>) -> Option<String>) -> TitleSources {
        TitleSources {
            ld_headline: decoded(self.ld_str("headline")),
            meta_title: decoded(self.meta(&[
                "og:title",
                "twitter:title",
                "dc.title",
                "parsely-title",
                "sailthru.title",
                "headline",
            ])),
            title_tag: decoded(first_text(&self.page, "title")),
            h1s: texts(&self.page, "h1", 5, heading_text)
                .iter()
                .map(|h| repair_mojibake(&decode_entities(h)))
                .filter(|h| !lower_words(h).is_empty())
                .take(2)
                .collect(),
            markup_headline: decoded(first_text(&self.page, MARKUP_HEADLINE)),
            site_name: self.site_name(),
            url: self.canonical_url(),
        }
    }

    fn site_name(&self) -> Option<String> {
        self.meta(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
            "cre",
        ])
        .or_else(|| self.ld("publisher").and_then(name_of))
    }

    fn canonical_url(&self) -> Option<String> {
        self.canonical
            .get_or_init(|| {
                first_attr(&self.page, "link[rel=canonical]", "href")
                    .or_else(|| self.meta(&["og:url", "twitter:url", "parsely-link"]))
                    .or_else(|| self.ld_str("url"))
                    .or_else(|| self.ld("mainEntityOfPage").and_then(id_of))
            })
            .clone()
    }

    fn language(&self) -> Option<String> {
        first_attr(&self.page, "html", "lang")
            .or_else(|| first_attr(&self.page, "html", "xml:lang"))
            .or_else(|| self.meta(&["content-language", "dc.language", "language", "og:locale"]))
            .or_else(|| self.ld_str("inLanguage"))
            .and_then(|l| normalize_language(&l))
    }

    /// The first candidate date that reads as ISO 8601, and the first raw one when one did not.
    fn published(&self) -> (Option<String>, Option<String>) {
        let candidates = [
            self.ld_str("datePublished"),
            self.meta(PUBLISHED_META_KEYS),
            self.ld_str("dateCreated"),
            first_attr(&self.page, "time[pubdate]", "datetime"),
            first_attr(&self.page, "article time[datetime]", "datetime"),
        ];
        let mut raw_first = None;
        for raw in candidates.into_iter().flatten() {
            if let Some(iso) = normalize_date(&raw) {
                return (Some(iso), raw_first);
            }
            raw_first.get_or_insert(raw);
        }
        if let Some(iso) = raw_first.as_deref().and_then(date_in_words) {
            return (Some(iso), raw_first);
        }
        (None, raw_first)
    }

    fn modified(&self) -> Option<String> {
        self.ld_str("dateModified")
            .or_else(|| {
                self.meta(&[
                    "article:modified_time",
                    "og:article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "dcterms.modified",
                ])
            })
            .and_then(|d| normalize_date(&d))
    }

    /// Every declared date that reads as ISO 8601, by source, and the text around the headline.
    fn date_sources(&self) -> DateSources {
        let iso = |v: Option<String>| v.and_then(|d| normalize_date(&d));
        let mut declared = vec![
            (DateSource::LdPublished, iso(self.ld_str("datePublished"))),
            (DateSource::MetaPublished, self.meta_published()),
            (DateSource::LdCreated, iso(self.ld_str("dateCreated"))),
            (
                DateSource::TimeMarkup,
                iso(first_attr(&self.page, "time[pubdate]", "datetime")),
            ),
            (
                DateSource::TimeMarkup,
                iso(first_attr(&self.page, "article time[datetime]", "datetime")),
            ),
            (DateSource::LdModified, iso(self.ld_str("dateModified"))),
            (
                DateSource::MetaModified,
                iso(self.meta(&[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "dcterms.modified",
                ])),
            ),
        ];
        declared.extend(
            texts_attr(&self.page, "time[datetime]", "datetime", TIME_ELEMENTS)
                .into_iter()
                .map(|d| (DateSource::TimeElement, normalize_date(&d))),
        );
        let declared = declared
            .drain(..)
            .filter_map(|(s, v)| v.map(|v| (s, v)))
            .collect();
        let (before_headline, after_headline) = text_around_headline(&self.page);
        DateSources {
            declared,
            dated_elements: dated_elements(&self.page),
            url: self.canonical_url(),
            after_headline,
            before_headline,
        }
    }

    /// The first publication `<meta>` that reads as a date (ISO 8601 or written in words); failing
    /// the usual names, one under a name of the site's own ("w-published-date").
    fn meta_published(&self) -> Option<String> {
        let read = |v: &String| {
            let v = collapse_whitespace(v);
            normalize_date(&v).or_else(|| date_in_words(&v))
        };
        PUBLISHED_META_KEYS
            .iter()
            .filter_map(|k| self.metas.get(*k))
            .find_map(read)
            .or_else(|| {
                let mut own: Vec<&String> = self
                    .metas
                    .keys()
                    .filter(|k| names_publication_date(k))
                    .collect();
                own.sort();
                own.into_iter()
                    .filter_map(|k| self.metas.get(k))
                    .find_map(read)
            })
    }

    /// JSON-LD authors, else the first author `<meta>` that names someone, else `rel=author`.
    fn authors(&self) -> Vec<String> {
        let mut authors = Vec::new();
        let mut orgs = Vec::new();
        if let Some(a) = self.ld("author") {
            collect_names(a, &mut authors, &mut orgs);
        }
        const AUTHOR_KEYS: &[&str] = &[
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "byl",
            "citation_author",
        ];
        for key in AUTHOR_KEYS {
            if !authors.is_empty() {
                break;
            }
            if let Some(v) = self.metas.get(*key) {
                authors.extend(split_names(v));
            }
        }
        // The visible byline, when the page declares none.
        for css in BYLINE_SELECTORS {
            if !authors.is_empty() {
                break;
            }
            if let Some(text) = first_text(&self.page, css) {
                authors.extend(split_names(visible_byline(&text)));
            }
        }
        if authors.is_empty() {
            authors.extend(
                author_link(&self.page)
                    .map(|n| split_names(&n))
                    .unwrap_or_default(),
            );
        }
        if authors.is_empty() {
            authors = orgs;
        }
        if authors.is_empty() {
            authors.extend(
                labelled_byline(&self.page)
                    .map(|n| split_names(&n))
                    .unwrap_or_default(),
            );
        }
        dedupe(authors)
    }

    fn keywords(&self) -> Vec<String> {
        self.meta(&["keywords", "news_keywords", "parsely-tags", "sailthru.tags"])
            .map(|k| {
                k.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn page_type(&self) -> Option<String> {
        self.ld("@type")
            .and_then(type_names)
            .and_then(|t| t.into_iter().next())
            .or_else(|| self.meta(&["og:type"]))
    }

    /// JSON-LD `isAccessibleForFree: false` (boolean or string).
    fn paywalled(&self) -> bool {
        self.ld("isAccessibleForFree").is_some_and(|v| {
            v == &Value::Bool(false) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("false"))
        })
    }
}

/// The text of the first link to an author's archive whose address ends in that text's slug
/// (`<a href="/blog/author/moses-kim">Moses Kim</a>`, `/authors/shannon-grilli`): a byline the
/// page shows without marking it as one. The slug must spell the text, so "View all posts" or a
/// numeric archive id is never taken for a name.
fn author_link(page: &ElementIndex) -> Option<String> {
    let doc = page.doc();
    page.matching("a[href]").find_map(|el| {
        let href = doc.get_attribute(el, "href")?;
        let path = href.split(['?', '#']).next()?.trim_end_matches('/');
        let (dir, slug) = path.rsplit_once('/')?;
        let archive = dir.ends_with("/author") || dir.ends_with("/authors");
        if !archive || slug.is_empty() {
            return None;
        }
        let text = element_text(doc, el);
        (!text.is_empty() && slug_of(&text) == slug.to_ascii_lowercase()).then_some(text)
    })
}

/// The first element whose whole text is a byline label and a name ("By Sofia Gonzalez",
/// "Written by: Elise Nass"), or a label alone followed by an element holding only a name
/// ("<p>Written by</p><p>Edzel Tabing</p>"): a byline the page writes without marking it up.
/// The element's own edges bound the name, so no neighbouring text runs into it.
fn labelled_byline(page: &ElementIndex) -> Option<String> {
    let doc = page.doc();
    let mut label_alone = false;
    // A byline is a small element ("<span>By <a>Jane Doe</a></span>"); reading the text of
    // every container on the page would cost more than the rest of the metadata.
    for el in page.small_body_elements(4) {
        let text = first_line(doc, el);
        if text.is_empty() || text.len() > 80 {
            continue;
        }
        if label_alone {
            if let Some(name) = name_words(&text) {
                return Some(name);
            }
            label_alone = false;
        }
        match after_byline_label(&text) {
            // Its name is in the next element with text (the label's own children have none).
            Some("") => label_alone = true,
            Some(rest) => {
                if let Some(name) = name_words(rest).or_else(|| name_before_role(rest)) {
                    return Some(name);
                }
            }
            None => {}
        }
    }
    None
}

/// The site's name on a page that declares none, read from its headings: old blog and news
/// themes make the site's name the `<h1>` and each story's title an `<h2>` (WordPress's default
/// theme of 2005-2010: "<title>Pie contest at the county fair « Small Town Notes</title>",
/// `<h1>Small Town Notes</h1>`, `<h2>Pie contest at the county fair</h2>`). When the first
/// `<h1>` is one segment of the `<title>` and a longer segment is an `<h2>`, the `<h1>` is the
/// site's name, and the title ranker weighs it as such.
fn site_name_from_headings(page: &ElementIndex, sources: &TitleSources) -> Option<String> {
    let h1 = sources.h1s.first()?;
    let parts = super::meta_rank::segments(sources.title_tag.as_deref()?);
    let same = |a: &str, b: &str| {
        let a = lower_words(a);
        !a.is_empty() && a == lower_words(b)
    };
    let site = parts.iter().position(|p| same(p, h1))?;
    let words = |s: &str| lower_words(s).split(' ').count();
    let subheads = texts(page, "h2", 8, element_text);
    // The story's title is the longer: a page whose `<h1>` is its headline and whose footer has
    // the site's name in an `<h2>` keeps its headline.
    let story_in_subhead = parts
        .iter()
        .enumerate()
        .any(|(i, p)| i != site && words(p) > words(h1) && subheads.iter().any(|h| same(p, h)));
    story_in_subhead.then(|| h1.clone())
}

/// The text of a small element up to its first `<br>` when that line holds more than a byline
/// label, else all of it, whitespace collapsed. Old layouts put the byline and the date in one
/// `<font>` a line break apart ("By José Martínez, Staff Writer<br>Published: …"), and the
/// element's text runs them together with no space ("WriterPublished").
fn first_line(doc: &Document, el: NodeId) -> String {
    let mut line = doc.text(el);
    for child in doc.children(el) {
        if doc.tag_name(child) == "br" {
            let first = collapse_whitespace(&line);
            if after_byline_label(&first).is_none_or(|rest| !rest.is_empty()) && !first.is_empty() {
                return first;
            }
            line.push(' ');
        } else {
            line.push_str(&doc.text_content(child));
        }
        line.push_str(&doc.tail(child));
    }
    collapse_whitespace(&line)
}

/// The name of a byline that goes on with a role or a date in the same element, as old layouts
/// write it in one `<font>` with line breaks ("José Martínez, Staff Writer Published: Wednesday,
/// March 11, 2009" → "José Martínez"): the text before the date or update note, then before a
/// comma when everything after it is role words.
fn name_before_role(rest: &str) -> Option<String> {
    let cut = visible_byline(rest).trim();
    let mut parts = cut.split(',');
    let name = parts.next()?;
    let mut roles = parts.map(str::trim).filter(|p| !p.is_empty()).peekable();
    let only_roles = roles.peek().is_none() || roles.all(ends_in_role);
    // Something was cut (else `name_words` has already judged the whole text).
    if only_roles && name.trim().len() < rest.trim().len() {
        name_words(name)
    } else {
        None
    }
}

/// Words run together without spaces ("FacebookTweetPin", share buttons): two capitals or more
/// after the first letter, in a word not written in capitals ("McIntyre" has one).
fn glued(word: &str) -> bool {
    let inner = word.chars().skip(1).filter(|c| c.is_uppercase()).count();
    inner >= 2 && word.chars().any(char::is_lowercase)
}

/// `text` when it is a name and nothing else: two to four capitalised words (with the particles
/// of names: "van", "de", "and"), no digits; not a button's words ("By clicking Subscribe").
fn name_words(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let particle = |w: &str| is_particle(w) || matches!(w, "and" | "&");
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Two words at least: one capitalised word after "By" is too often a filter or a label
    // ("By Role", "By State"); a label word inside is another label ("Posted By").
    let name = (2..=4).contains(&words.len())
        && words.first().is_some_and(|w| capital(w))
        && words.iter().all(|w| capital(w) || particle(w))
        && !words
            .iter()
            .any(|w| matches!(w.to_ascii_lowercase().as_str(), "by" | "posted" | "written"))
        && !words.iter().any(|w| glued(w))
        && !text.chars().any(|c| c.is_ascii_digit());
    let first = words.first()?.to_lowercase();
    (name && !first.ends_with("ing")).then(|| words.join(" "))
}

/// A name as archive addresses spell it: lower case, runs of other characters as one hyphen.
fn slug_of(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// How much page text after the first `<h1>` is searched for a written date (bytes).
const VISIBLE_DATE_WINDOW: usize = 5000;
/// How much page text just before the first `<h1>` is searched when none follows it (bytes): the
/// kicker or dateline some layouts put above the headline.
const BEFORE_HEADLINE_WINDOW: usize = 200;

/// The page's text from its first `<h1>` on (from the start when it has none), scripts and
/// styles skipped, whitespace collapsed, at most about [`VISIBLE_DATE_WINDOW`] bytes: where a
/// byline's date is written; and the last [`BEFORE_HEADLINE_WINDOW`] bytes of text before it.
fn text_around_headline(page: &ElementIndex) -> (String, String) {
    let doc = page.doc();
    let mut started = page.first("h1").is_none();
    let mut skip = 0usize;
    let mut before = String::new();
    let mut text = String::new();
    // Depth first, in document order: each element is pushed again to be closed after its
    // children (no recursion, so deep markup cannot overflow the stack).
    let mut stack = vec![(doc.root(), false)];
    while let Some((id, closing)) = stack.pop() {
        if closing {
            skip = skip.saturating_sub(1);
            continue;
        }
        if doc.is_text(id) {
            if skip > 0 {
                continue;
            }
            let t = doc.text_content(id);
            if !started {
                before.push_str(&t);
                before.push(' ');
                if before.len() > 8 * BEFORE_HEADLINE_WINDOW {
                    let cut = floor_boundary(&before, before.len() - 2 * BEFORE_HEADLINE_WINDOW);
                    before.drain(..cut);
                }
            } else {
                text.push_str(&t);
                text.push(' ');
                if text.len() > 2 * VISIBLE_DATE_WINDOW {
                    break;
                }
            }
            continue;
        }
        if doc.is_element(id) {
            let name = doc.tag_name(id);
            if skip > 0 || matches!(name, "script" | "style" | "noscript" | "template") {
                skip += 1;
                stack.push((id, true));
            }
            if name == "h1" {
                started = true;
            }
        }
        stack.extend(doc.child_nodes(id).into_iter().rev().map(|c| (c, false)));
    }
    let before = collapse_whitespace(&before);
    let start = floor_boundary(&before, before.len().saturating_sub(BEFORE_HEADLINE_WINDOW));
    let text = collapse_whitespace(&text);
    let end = floor_boundary(&text, text.len().min(VISIBLE_DATE_WINDOW));
    (
        before.get(start..).unwrap_or("").to_string(),
        text.get(..end).unwrap_or("").to_string(),
    )
}

/// Elements whose class or id names a date line offered to the date ranker (the first ones:
/// the byline's comes before the related-story lists).
const DATED_ELEMENTS: usize = 6;
/// Longer texts are containers of a date line, not the line itself (bytes).
const DATED_ELEMENT_TEXT: usize = 160;

static DATE_CLASS_HINTS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("date_class_hints.txt")).collect()
});
static UPDATE_CLASS_HINTS: [&str; 2] = ["updat", "modif"];
/// Labels that open a publication date line (`date_line_labels.txt`), lower-cased words.
static PUBLISHED_LINE_LABELS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("date_line_labels.txt")).collect()
});

/// The text of the first elements of the body whose class or id names a date line
/// (`date_class_hints.txt`), each with whether the attribute names an update instead; then
/// [`labelled_date_lines`].
fn dated_elements(page: &ElementIndex) -> Vec<(String, bool)> {
    let doc = page.doc();
    let mut found: Vec<(String, bool)> = Vec::new();
    for (el, class) in page.body_elements() {
        if found.len() >= DATED_ELEMENTS {
            break;
        }
        if is_hidden_text_element(doc.tag_name(el)) {
            continue;
        }
        let id = doc.get_attribute(el, "id").unwrap_or_default();
        // Most elements name no date: test the attributes as they are (lower-cased only when
        // they have capitals), and build nothing for them.
        let (class, id) = (ascii_lower(class), ascii_lower(&id));
        let names = |hints: &[&str]| hints.iter().any(|h| class.contains(h) || id.contains(h));
        if !names(&DATE_CLASS_HINTS) {
            continue;
        }
        let text = element_text(doc, el);
        if text.is_empty()
            || text.len() > DATED_ELEMENT_TEXT
            || !text.bytes().any(|b| b.is_ascii_digit())
            || found.iter().any(|(t, _)| *t == text)
        {
            continue;
        }
        let updated = names(&UPDATE_CLASS_HINTS);
        found.push((text, updated));
    }
    let labelled = labelled_date_lines(page, &found);
    found.extend(labelled.into_iter().map(|t| (t, false)));
    found
}

/// `s` in ASCII lower case, borrowed when it has no capitals.
fn ascii_lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Elements whose text no reader sees.
fn is_hidden_text_element(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "noscript" | "template")
}

/// The short elements of the body whose own text opens with a publication label ("Post time:
/// 01-04-2024", "Published on March 3, 2025"), whatever their class: date lines of sites whose
/// markup names nothing (a bare `<div>`), often after the body, beyond the headline's window.
/// Only an element's first text node is read, so the scan costs one look per element.
fn labelled_date_lines(page: &ElementIndex, found: &[(String, bool)]) -> Vec<String> {
    let doc = page.doc();
    let mut lines: Vec<String> = Vec::new();
    for (el, _) in page.body_elements() {
        if lines.len() + found.len() >= DATED_ELEMENTS {
            break;
        }
        if is_hidden_text_element(doc.tag_name(el)) {
            continue;
        }
        let Some(first) = doc
            .child_nodes(el)
            .into_iter()
            .filter(|c| doc.is_text(*c))
            .map(|c| doc.text_content(c))
            .find(|t| t.chars().any(is_word_char))
        else {
            continue;
        };
        if !opens_with_date_label(&first) {
            continue;
        }
        let text = element_text(doc, el);
        if text.len() <= DATED_ELEMENT_TEXT
            && text.bytes().any(|b| b.is_ascii_digit())
            && !found.iter().any(|(t, _)| *t == text)
            && !lines.contains(&text)
        {
            lines.push(text);
        }
    }
    lines
}

/// Whether `text`'s words open with a publication label. The first letter is checked before
/// the words are lower-cased: almost no text node passes it, and the scan sees them all.
fn opens_with_date_label(text: &str) -> bool {
    let Some(initial) = text.chars().find(|c| is_word_char(*c)) else {
        return false;
    };
    let initial = initial.to_lowercase().next().unwrap_or(initial);
    if !PUBLISHED_LINE_LABELS.iter().any(|l| l.starts_with(initial)) {
        return false;
    }
    let first = lower_words(text);
    PUBLISHED_LINE_LABELS.iter().any(|l| {
        first
            .strip_prefix(l)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    })
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// The word boundaries of the date forms are ASCII ones (`(?-u:\b)`): a Unicode `\b` keeps the
// regex engine off its DFA on any page with a non-ASCII character, and the byte-by-byte
// backtracking it falls back to cost about 2 % of the whole extraction.
static MONTH: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
/// "December 17, 2025", "Dec. 17th 2025".
static MONTH_DAY_YEAR: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .ok()
});
/// "23.07.2025": day, month, year with dots (the European numeric form; US dates use slashes);
/// two-digit day and month, so version numbers ("1.2.2025") are not read as dates.
static DOTTED_DAY_MONTH_YEAR: Lazy<Option<regex::Regex>> =
    Lazy::new(|| regex::Regex::new(r"(?-u:\b)(\d{2})\.(\d{2})\.((?:19|20)\d{2})(?-u:\b)").ok());
/// "2025-12-17" written in the page's text (a byline's machine-style date), also as the start of
/// a timestamp ("2022-11-23T08:10+02:00").
static ISO_DAY: Lazy<Option<regex::Regex>> =
    Lazy::new(|| regex::Regex::new(r"(?-u:\b)((?:19|20)\d{2})-(\d{2})-(\d{2})(?:T|(?-u:\b))").ok());
/// "2025.12.17", "2025/12/17", "2025/1/5": year first with dots or slashes (East Asian and
/// Central European bylines and `<meta>` values write dates so). Only years 19xx/20xx, so that
/// version numbers ("3.2.1") are not read; dotted month and day take two digits, as a dotted
/// version ("2024.1.3") often has one, while slashes are a date's alone.
static YEAR_FIRST: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(
        r"(?-u:\b)((?:19|20)\d{2})(?:\.(\d{2})\.(\d{2})|/(\d{1,2})/(\d{1,2}))(?-u:\b)",
    )
    .ok()
});
/// "17 December 2025", "17th Dec, 2025".
static DAY_MONTH_YEAR: Lazy<Option<regex::Regex>> = Lazy::new(|| {
    regex::Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})(?-u:\b)"
    ))
    .ok()
});

/// The first date written in words in `text` ("December 17, 2025", "17 Dec 2025"), as
/// `YYYY-MM-DD`.
pub(crate) fn date_in_words(text: &str) -> Option<String> {
    written_dates(text)
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(_, d)| d.format("%Y-%m-%d").to_string())
}

/// Every valid date written in `text` in one of the forms above, with its byte offset.
pub(super) fn written_dates(text: &str) -> Vec<(usize, NaiveDate)> {
    let month = |m: &str| {
        const NAMES: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let m = m.to_ascii_lowercase();
        NAMES
            .iter()
            .position(|n| m.starts_with(n))
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let number = |s: &str| s.parse::<u32>().ok();
    // Per form: the regex and the capture groups of year, month, day.
    let forms = [
        (MONTH_DAY_YEAR.as_ref(), 3, 1, 2),
        (DAY_MONTH_YEAR.as_ref(), 3, 2, 1),
        (DOTTED_DAY_MONTH_YEAR.as_ref(), 3, 2, 1),
        (ISO_DAY.as_ref(), 1, 2, 3),
    ];
    let mut found = year_first_dates(text);
    for (re, y, m, d) in forms {
        let Some(re) = re else { continue };
        for c in re.captures_iter(text) {
            let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(y), c.get(m), c.get(d))
            else {
                continue;
            };
            let m = number(m.as_str()).or_else(|| month(m.as_str()));
            let date = match (y.as_str().parse::<i32>().ok(), m, number(d.as_str())) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            };
            if let Some(date) = date {
                found.push((all.start(), date));
            }
        }
    }
    found
}

/// The dates of `text` written year first with dots or slashes ([`YEAR_FIRST`]).
fn year_first_dates(text: &str) -> Vec<(usize, NaiveDate)> {
    let Some(re) = YEAR_FIRST.as_ref() else {
        return Vec::new();
    };
    let number = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    re.captures_iter(text)
        .filter_map(|c| {
            let year = c.get(1)?.as_str().parse::<i32>().ok()?;
            // Dotted (groups 2, 3) or slashed (groups 4, 5).
            let month = number(c.get(2)).or_else(|| number(c.get(4)))?;
            let day = number(c.get(3)).or_else(|| number(c.get(5)))?;
            Some((
                c.get(0)?.start(),
                NaiveDate::from_ymd_opt(year, month, day)?,
            ))
        })
        .collect()
}

/// Reads the metadata of a parsed page: each field from its own list of signals, in order of
/// trust (JSON-LD, then `<meta>`, then markup).
pub(crate) fn page_meta(doc: &Document, raw: &str) -> PageMeta {
    let page = ElementIndex::new(doc);
    let signals = Signals {
        metas: meta_tags(&page),
        ld: json_ld_article(&page),
        page,
        raw,
        canonical: std::cell::OnceCell::new(),
    };
    let (published, published_raw) = signals.published();
    let title_sources = signals.title_sources();
    let titles = title_candidates(&title_sources);
    let title = choose(title_model(), &titles)
        .and_then(|i| titles.get(i))
        .map(|c| c.value.clone());
    let mut dates = date_candidates(&signals.date_sources());
    // Only a page that declares and writes no date is searched for one in its inline data.
    let inline = dates.is_empty();
    if inline {
        let titled: Vec<String> = title_sources
            .h1s
            .iter()
            .cloned()
            .chain(title_sources.meta_title.clone())
            .collect();
        let found = script_date::date_beside_title(signals.raw, &titled);
        if let Some(value) = found.and_then(|d| normalize_date(&d)) {
            dates = inline_data_candidate(&value);
        }
    }
    let chosen = choose(date_model(), &dates).and_then(|i| dates.get(i));
    // Features 0..=6 are the declared sources and the URL (see DATE_FEATURES); the inline
    // data's date is none of them but is declared, not read from the text.
    let date_from_text =
        !inline && chosen.is_some_and(|c| c.features.iter().take(7).all(|v| *v == 0.0));
    let chosen_date = chosen.map(|c| c.value.clone());
    PageMeta {
        title,
        site_name: signals.site_name(),
        canonical_url: signals.canonical_url(),
        language: signals.language(),
        modified: signals.modified(),
        authors: signals.authors(),
        description: signals.meta(&[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
        ]),
        image: signals
            .meta(&["og:image", "twitter:image"])
            .or_else(|| signals.ld("image").and_then(image_of)),
        section: signals
            .meta(&["article:section", "section", "parsely-section"])
            .or_else(|| signals.ld_str("articleSection")),
        keywords: signals.keywords(),
        page_type: signals.page_type(),
        paywalled: signals.paywalled(),
        published,
        published_raw,
        chosen_date,
        date_from_text,
        title_candidates: titles,
        date_candidates: dates,
    }
}

/// `<meta>` name/property/itemprop/http-equiv (lowercased) → content; the first value wins.
fn meta_tags(page: &ElementIndex) -> HashMap<String, String> {
    let doc = page.doc();
    let mut map = HashMap::new();
    for el in page.select("meta") {
        let Some(content) = doc
            .get_attribute(el, "content")
            .or_else(|| doc.get_attribute(el, "value"))
        else {
            continue;
        };
        for key_attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = doc.get_attribute(el, key_attr) {
                map.entry(key.trim().to_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    if let Some(el) = page.first("[itemprop=datePublished]") {
        if let Some(d) = doc
            .get_attribute(el, "datetime")
            .or_else(|| doc.get_attribute(el, "content"))
        {
            map.entry("datepublished".to_string()).or_insert(d);
        }
    }
    map
}

/// The first non-empty text of the elements matching `css`.
fn first_text(page: &ElementIndex, css: &str) -> Option<String> {
    let doc = page.doc();
    page.matching(css)
        .map(|el| element_text(doc, el))
        .find(|t| !t.is_empty())
}

/// The first `limit` non-empty texts of the elements matching `css`, each as `read` gives it
/// ([`element_text`], or [`heading_text`] for headings).
fn texts(
    page: &ElementIndex,
    css: &str,
    limit: usize,
    read: fn(&Document, NodeId) -> String,
) -> Vec<String> {
    let doc = page.doc();
    page.matching(css)
        .map(|el| read(doc, el))
        .filter(|t| !t.is_empty())
        .take(limit)
        .collect()
}

/// A heading's text with a space where two of its elements meet a lower-case word to a capital
/// one: layouts set the headline and the site's name side by side in one `<h1>`
/// (`<span>… la Infanta</span><a>Ultima Hora Mallorca</a>`), which read "InfantaUltima".
fn heading_text(doc: &Document, el: NodeId) -> String {
    let mut text = doc.text(el);
    for child in doc.children(el) {
        let part = doc.text_content(child);
        let glued = text.chars().last().is_some_and(char::is_lowercase)
            && part.chars().next().is_some_and(char::is_uppercase);
        if glued {
            text.push(' ');
        }
        text.push_str(&part);
        text.push_str(&doc.tail(child));
    }
    collapse_whitespace(&text)
}

/// A character of a `\w+` word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Lower-cased `\w+` words joined by spaces (for comparing titles).
pub(super) fn lower_words(s: &str) -> String {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements that mark the headline in markup (microdata, WordPress and CMS class names).
const MARKUP_HEADLINE: &str =
    "[itemprop=headline], .entry-title, .post-title, .article-title, .headline";

/// Separators between a headline and the site's name in `<title>`s.
pub(super) const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " » ", " « ", " · ", " :: ", " : ",
];
/// A trailing title segment this short (in words) is taken for a site or section name.
const SITE_SEGMENT_WORDS: usize = 4;

/// `title` less trailing segments that name the site (equal to `site`, or short), e.g.
/// "Budget passes | The Daily Planet" → "Budget passes". The headline part is never dropped.
pub(super) fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let site = site.map(lower_words).filter(|s| !s.is_empty());
    let mut end = title.len();
    loop {
        let head = title.get(..end).unwrap_or(title);
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| head.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|(i, _)| *i);
        let Some((i, len)) = cut.filter(|(i, _)| *i > 0) else {
            break;
        };
        let tail = lower_words(head.get(i + len..).unwrap_or(""));
        let is_site =
            site.as_deref() == Some(tail.as_str()) || tail.split(' ').count() <= SITE_SEGMENT_WORDS;
        if !is_site || lower_words(head.get(..i).unwrap_or("")).is_empty() {
            break;
        }
        end = i;
    }
    title.get(..end).unwrap_or(title).trim().to_string()
}

/// `<time datetime>` elements offered to the date ranker (the first ones: bylines come early).
const TIME_ELEMENTS: usize = 3;

/// The first `limit` non-empty values of `attr` on the elements matching `css`.
fn texts_attr(page: &ElementIndex, css: &str, attr: &str, limit: usize) -> Vec<String> {
    let doc = page.doc();
    page.matching(css)
        .filter_map(|el| doc.get_attribute(el, attr))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .take(limit)
        .collect()
}

/// The first non-empty value of `attr` on the elements matching `css`.
fn first_attr(page: &ElementIndex, css: &str, attr: &str) -> Option<String> {
    texts_attr(page, css, attr, 1).pop()
}

/// The first JSON-LD object typed as an article (searched through `@graph` and arrays).
fn json_ld_article(page: &ElementIndex) -> Option<serde_json::Map<String, Value>> {
    let doc = page.doc();
    let mut fallback = None;
    for el in page.select("script[type]") {
        let ty = doc
            .get_attribute(el, "type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !ty.contains("ld+json") {
            continue;
        }
        let raw = doc.text_content(el);
        let Some(value) = parse_lenient_json(&raw) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(obj) => {
                    let types = obj.get("@type").and_then(type_names).unwrap_or_default();
                    if types
                        .iter()
                        .any(|t| ARTICLE_TYPES.contains(&t.to_lowercase().as_str()))
                    {
                        return Some(obj.clone());
                    }
                    if fallback.is_none() && types.iter().any(|t| t.eq_ignore_ascii_case("webpage"))
                    {
                        fallback = Some(obj.clone());
                    }
                    if let Some(g) = obj.get("@graph") {
                        stack.push(g);
                    }
                    if let Some(main) = obj.get("mainEntity") {
                        stack.push(main);
                    }
                }
                _ => {}
            }
        }
    }
    fallback
}

/// JSON-LD as found in the wild: CDATA wrappers, HTML comments, trailing semicolons, raw newlines
/// inside strings.
fn parse_lenient_json(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("]]>")
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    let cleaned: String = trimmed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&cleaned).ok()
}

fn type_names(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
        ),
        _ => None,
    }
}

/// `s` without one pair of double quotes around all of it: some sites' JSON-LD templates quote
/// values twice (`"name":"\"David Kim\""`, `"datePublished":"\"2025-12-17T13:22:47Z\""`,
/// WCXB page 0426), which no name, date or headline means.
fn unquoted(s: &str) -> &str {
    let t = s.trim();
    match t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner,
        _ => t,
    }
}

fn string_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => collapse_whitespace(unquoted(s)),
        Value::Array(a) => return a.iter().find_map(string_of),
        Value::Object(o) => {
            return o
                .get("@value")
                .or_else(|| o.get("name"))
                .and_then(string_of)
        }
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o.get("name").and_then(string_of),
        Value::Array(a) => a.iter().find_map(name_of),
        Value::String(s) if !unquoted(s).is_empty() && !s.contains("://") => {
            Some(unquoted(s).to_string())
        }
        _ => None,
    }
}

fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.contains("://") => Some(s.trim().to_string()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(id_of),
        _ => None,
    }
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => o.get("url").and_then(image_of),
        Value::Array(a) => a.iter().find_map(image_of),
        _ => None,
    }
}

/// JSON-LD author names; an author typed as an organisation goes to `orgs` (used only when no
/// person is named: "USA TODAY" is the publisher, not the byline).
fn collect_names(v: &Value, out: &mut Vec<String>, orgs: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_names(x, out, orgs)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(string_of) {
                let is_org = o.get("@type").and_then(type_names).is_some_and(|t| {
                    t.iter().any(|t| {
                        let t = t.to_lowercase();
                        t.contains("organization") || t == "corporation"
                    })
                });
                if is_org {
                    orgs.extend(split_names(&n));
                } else {
                    out.extend(split_names(&n));
                }
            }
        }
        Value::String(s) => out.extend(split_names(s)),
        _ => {}
    }
}

/// HTML entities left in names and titles by double escaping (`&amp;#8217;` in the markup):
/// numeric ones and the common named ones; anything else is kept as written.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("quot", '"'),
        ("apos", '\''),
        ("lt", '<'),
        ("gt", '>'),
        ("nbsp", ' '),
        ("ndash", '\u{2013}'),
        ("mdash", '\u{2014}'),
        ("lsquo", '\u{2018}'),
        ("rsquo", '\u{2019}'),
        ("ldquo", '\u{201c}'),
        ("rdquo", '\u{201d}'),
        ("hellip", '\u{2026}'),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = after.get(..end)?;
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse::<u32>().ok()?,
                };
                char::from_u32(code)?
            } else {
                NAMED.iter().find(|(n, _)| *n == name)?.1
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// UTF-8 that was read as Windows-1252 or Latin-1 and encoded again ("Itâ€™s", "JosÃ© MartÃ­n"),
/// as some sites' templates emit titles and bylines: the text read back as the bytes it came
/// from. Kept as written unless every character maps back to one byte and those bytes are valid
/// UTF-8, which real Latin-1 text ("Café", "naïve") almost never is.
pub(super) fn repair_mojibake(s: &str) -> String {
    // Lead bytes of two- and three-byte UTF-8 sequences as Windows-1252 shows them.
    if !s.chars().any(|c| matches!(c, '\u{c2}'..='\u{ef}')) {
        return s.to_string();
    }
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        if let Ok(b) = u8::try_from(u32::from(c)) {
            // ASCII, Latin-1, and the C1 controls a Latin-1 reading leaves ("â\u{80}\u{99}").
            bytes.push(b);
            continue;
        }
        let mut one = [0u8; 4];
        let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut one));
        match &encoded[..] {
            [b] if !unmappable => bytes.push(*b),
            _ => return s.to_string(),
        }
    }
    match String::from_utf8(bytes) {
        Ok(repaired) if repaired.chars().count() < s.chars().count() => repaired,
        _ => s.to_string(),
    }
}

fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .filter(|n| seen.insert(n.to_lowercase()))
        .collect()
}

/// "en-US", "en_gb", "EN" → "en"; anything that is not a language tag → None.
pub(crate) fn normalize_language(raw: &str) -> Option<String> {
    let primary = raw
        .trim()
        .split(['-', '_', ',', ';'])
        .next()?
        .trim()
        .to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

/// A date string in any of the common web forms → ISO 8601 (`2024-07-23` or an RFC 3339
/// timestamp). None when it cannot be read.
pub(crate) fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.to_rfc3339());
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let date_formats = [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%b. %d, %Y",
        "%A, %B %d, %Y",
        // Highwire's citation_publication_date: "2023 Jan 7".
        "%Y %b %d",
        "%Y %B %d",
    ];
    for fmt in date_formats {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    // A leading ISO date followed by something we cannot read ("2019-11-19T14:33:00.000 EST").
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_of_two_elements_keeps_its_words_apart() {
        // newspaper4k's test page of Ultima Hora (2014): headline and site name in one <h1>.
        let html = "<h1>\n<span class=\"define\">Anticorrupción decidirá en Madrid si recurre la \
                    imputación de la Infanta</span><a href=\"/mallorca.html\">Ultima Hora \
                    Mallorca</a></h1><h2>It's <b>iPhone</b>day <i>again</i></h2>";
        let dom = Document::parse(html);
        let page = ElementIndex::new(&dom);
        let doc = page.doc();
        let h1 = page.matching("h1").next().map(|el| heading_text(doc, el));
        assert_eq!(
            h1.as_deref(),
            Some("Anticorrupción decidirá en Madrid si recurre la imputación de la Infanta Ultima Hora Mallorca")
        );
        // Only a lower-case end meeting a capital is split.
        let h2 = page.matching("h2").next().map(|el| heading_text(doc, el));
        assert_eq!(h2.as_deref(), Some("It's iPhoneday again"));
    }

    #[test]
    fn reads_json_ld_and_meta() {
        let html = r#"<html lang="en-GB"><head>
            <title>Ignored | Site</title>
            <link rel="canonical" href="https://ex.com/a">
            <meta property="og:site_name" content="Example News">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"x"},
              {"@type":["NewsArticle"],"headline":"Big Story","datePublished":"2024-07-23T09:30:00Z",
               "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
               "isAccessibleForFree":"False","publisher":{"name":"Example"}}]}</script>
            </head><body><h1>Big Story</h1></body></html>"#;
        let m = page_meta(&Document::parse(html), html);
        assert_eq!(m.title.as_deref(), Some("Big Story"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://ex.com/a"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.published.as_deref(), Some("2024-07-23T09:30:00+00:00"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert!(m.paywalled);
    }

    #[test]
    fn json_ld_values_quoted_twice_are_read_without_the_quotes() {
        // WCXB page 0426 (2025): a template that wraps every JSON-LD value in literal quotes.
        let html = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"BlogPosting","headline":"\"Git in practice\"","datePublished":"\"2025-12-17T13:22:47Z\"",
            "author":{"@type":"Person","name":"\"David Kim\""}}</script></head><body></body></html>"#;
        let m = page_meta(&Document::parse(html), html);
        assert_eq!(m.authors, vec!["David Kim"]);
        assert_eq!(m.published.as_deref(), Some("2025-12-17T13:22:47+00:00"));
        assert_eq!(m.title.as_deref(), Some("Git in practice"));
        // A quotation inside a value is the value's own.
        assert_eq!(unquoted(r#""No" vote wins"#), r#""No" vote wins"#);
        assert_eq!(unquoted(r#"  "Jane Doe"  "#), "Jane Doe");
    }

    #[test]
    fn meta_fallbacks_and_bad_json() {
        let html = r#"<html><head><script type="application/ld+json">{not json</script>
            <meta name="author" content="By Ann Lee and Bo Chan">
            <meta property="article:published_time" content="November 19, 2019">
            <meta property="og:title" content="T"></head><body></body></html>"#;
        let m = page_meta(&Document::parse(html), html);
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(m.published.as_deref(), Some("2019-11-19"));
        assert_eq!(m.title.as_deref(), Some("T"));
    }

    #[test]
    fn an_author_archive_link_names_the_author_when_nothing_else_does() {
        let authors = |body: &str| {
            let html = format!("<html><head><title>T</title></head><body>{body}</body></html>");
            page_meta(&Document::parse(&html), &html).authors
        };
        assert_eq!(
            authors(
                r#"<p><a href="/blog/author/moses-kim-and-kate-shokurova/">Moses Kim and Kate Shokurova</a></p>"#
            ),
            vec!["Moses Kim", "Kate Shokurova"]
        );
        // The address must spell the text: an archive's own link is no name.
        assert!(authors(r#"<a href="/author/jane-doe">View all posts</a>"#).is_empty());
        assert!(authors(r#"<a href="/authors/1234">Jane Doe</a>"#).is_empty());
    }

    #[test]
    fn a_written_byline_is_read_within_its_element() {
        let authors = |body: &str| {
            let html = format!("<html><head><title>T</title></head><body>{body}</body></html>");
            page_meta(&Document::parse(&html), &html).authors
        };
        assert_eq!(
            authors("<h1>T</h1><span>By Sofia Gonzalez</span><p>Text.</p>"),
            vec!["Sofia Gonzalez"]
        );
        assert_eq!(
            authors("<h1>T</h1><p>Written by</p><p>Edzel Tabing</p><p>Published March 3</p>"),
            vec!["Edzel Tabing"]
        );
        // Old layouts: byline, role and date in one element, a line break apart.
        assert_eq!(
            authors("<font>By José Martínez, Staff Writer<br>Published: March 11, 2009</font>"),
            vec!["José Martínez"]
        );
        assert_eq!(
            authors("<p><i>By ANDREW TAYLOR, Associated Press Writer</i></p>"),
            vec!["ANDREW TAYLOR"]
        );
        assert_eq!(
            authors("<span>By Jane Doe Published: March 11, 2009</span>"),
            vec!["Jane Doe"]
        );
        assert_eq!(
            authors("<p>By<br>Jane Doe</p><p>Text of the story.</p>"),
            vec!["Jane Doe"]
        );
        // Buttons, filters, share links and labels are no names.
        assert!(authors("<p>By clicking Subscribe you agree</p>").is_empty());
        assert!(authors("<a>By State</a><a>Posted By</a>").is_empty());
        assert!(authors("<p>By Jane Doe FacebookTweetPin</p>").is_empty());
        assert!(authors("<p>by the time the polls closed</p>").is_empty());
    }

    #[test]
    fn old_blog_themes_title_the_post_not_the_blog() {
        let title = |head: &str, body: &str| {
            let html =
                format!("<html><head><title>{head}</title></head><body>{body}</body></html>");
            page_meta(&Document::parse(&html), &html).title
        };
        let post = "<p>I spent last weekend at the county fair and the pie contest was the best in years.</p>";
        assert_eq!(
            title(
                "Pie contest at the county fair « Small Town Notes",
                &format!("<h1>Small Town Notes</h1><h2>Pie contest at the county fair</h2>{post}<h2>Archives</h2>")
            )
            .as_deref(),
            Some("Pie contest at the county fair")
        );
        // A headline in the <h1> stays the title, whatever the footer's <h2> says.
        assert_eq!(
            title(
                "Council passes the budget after a long debate | Daily Planet",
                &format!("<h1>Council passes the budget after a long debate</h1>{post}<h2>Daily Planet</h2>")
            )
            .as_deref(),
            Some("Council passes the budget after a long debate")
        );
    }

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(
            strip_site_suffix("Budget passes after long debate | The Daily Planet", None),
            "Budget passes after long debate"
        );
        assert_eq!(
            strip_site_suffix("Budget passes - Politics - Daily Planet", None),
            "Budget passes"
        );
        assert_eq!(
            strip_site_suffix(
                "Budget passes | The Daily Planet of the Whole Wide World",
                Some("The Daily Planet of the Whole Wide World")
            ),
            "Budget passes"
        );
        // A long tail is part of the headline; a title that is all "site" is kept.
        let long = "Council votes - and the city finally gets its new hospital wing";
        assert_eq!(strip_site_suffix(long, None), long);
        assert_eq!(strip_site_suffix("Home", None), "Home");
        let doc = Document::parse(
            "<html><head><title>Budget passes | Planet</title><meta property=\"og:title\" content=\"Budget passes | Planet\"></head><body><h1>Budget passes</h1></body></html>",
        );
        assert_eq!(page_meta(&doc, "").title.as_deref(), Some("Budget passes"));
    }

    #[test]
    fn double_encoded_utf8_is_repaired_and_latin1_kept() {
        assert_eq!(
            repair_mojibake("It\u{e2}\u{20ac}\u{2122}s over"),
            "It\u{2019}s over"
        );
        assert_eq!(
            repair_mojibake("Jos\u{c3}\u{a9} Mart\u{c3}\u{ad}n"),
            "Jos\u{e9} Mart\u{ed}n"
        );
        assert_eq!(
            repair_mojibake("Caf\u{e9} na\u{ef}ve"),
            "Caf\u{e9} na\u{ef}ve"
        );
        assert_eq!(repair_mojibake("S\u{c3}O PAULO"), "S\u{c3}O PAULO");
        assert_eq!(repair_mojibake("Plain title"), "Plain title");
        assert_eq!(
            repair_mojibake("Investor\u{e2}\u{80}\u{99}s Guide"),
            "Investor\u{2019}s Guide"
        );
        assert_eq!(
            split_names("By Fran\u{c3}\u{a7}ois Dupont"),
            vec!["Fran\u{e7}ois Dupont".to_string()]
        );
    }

    #[test]
    fn entities_and_headlines() {
        assert_eq!(
            decode_entities("Learn &#8211; Rates &amp;#38; more &#x27;x&#x27; &bogus; & co"),
            "Learn \u{2013} Rates &#38; more 'x' &bogus; & co"
        );
        // The title ranker (crates/ingest/data/title-ranker.json): the headline the <h1> and the
        // <title> agree on, without the site's name; a site-name <h1> is not the headline.
        let doc = Document::parse(
            "<html><head><title>Budget passes after long debate | Daily Planet</title>\
             <meta property=\"og:site_name\" content=\"Daily Planet\"></head><body>\
             <h1>Daily Planet</h1><h1>Budget passes after long debate</h1></body></html>",
        );
        let m = page_meta(&doc, "");
        assert_eq!(m.title.as_deref(), Some("Budget passes after long debate"));
        let values: Vec<&str> = m
            .title_candidates
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        assert_eq!(
            values,
            vec![
                "Daily Planet",
                "Budget passes after long debate",
                "Budget passes after long debate | Daily Planet"
            ]
        );
        // An <h1> that shares no word with the declared title and the <title>, which agree, is
        // page furniture.
        let doc = Document::parse(
            "<html><head><meta property=\"og:title\" content=\"Budget passes after a long debate\">\
             <title>Budget passes after a long debate</title></head>\
             <body><h1>Welcome to the Daily Planet newsroom</h1></body></html>",
        );
        assert_eq!(
            page_meta(&doc, "").title.as_deref(),
            Some("Budget passes after a long debate")
        );
    }

    #[test]
    fn dated_elements_of_the_body() {
        let doc = Document::parse(
            "<html><head><title>Budget passes</title></head><body>\
             <nav class=\"menu\">Home 2025</nav>\
             <header><h2>Budget passes</h2>\
             <div class=\"Post_publishDate__x1\">Dec. 19, 2025 &middot; Ann Lee</div>\
             <p class=\"date\"><span class=\"date\">Dec. 19, 2025 &middot; Ann Lee</span></p>\
             <span class=\"updated-date\">Updated 2025-12-20</span>\
             <span class=\"date\">no digits here</span></header>\
             <div id=\"post-date-wrap\">The council voted on the budget after a debate that \
             ran through the night, with members arguing over every line of the plan until the \
             early hours of 20 December 2025.</div></body></html>",
        );
        assert_eq!(
            dated_elements(&ElementIndex::new(&doc)),
            vec![
                ("Dec. 19, 2025 · Ann Lee".to_string(), false),
                ("Updated 2025-12-20".to_string(), true)
            ]
        );
        // The date line is the only signal: the ranker takes it.
        assert_eq!(
            page_meta(&doc, "").chosen_date.as_deref(),
            Some("2025-12-19")
        );
        assert_eq!(
            date_in_words("Posted 2025-07-23 by Ann").as_deref(),
            Some("2025-07-23")
        );
        assert_eq!(
            date_in_words("Ann Lee 2022-11-23T08:10+02:00").as_deref(),
            Some("2022-11-23")
        );
        assert_eq!(date_in_words("v2022-11-230"), None);
    }

    #[test]
    fn publication_dates_under_other_meta_names() {
        let meta = |head: &str| {
            let page = format!("<html><head>{head}</head><body><p>Text.</p></body></html>");
            page_meta(&Document::parse(&page), &page).chosen_date
        };
        assert_eq!(
            meta(r#"<meta name="citation_publication_date" content="2023 Jan 7">"#).as_deref(),
            Some("2023-01-07")
        );
        assert_eq!(
            meta(r#"<meta name="w-published-date" content="2025-05-27T06:03:43.274Z">"#)
                .map(|d| d[..10].to_string())
                .as_deref(),
            Some("2025-05-27")
        );
        assert_eq!(
            meta(r#"<meta name="w-published-date-updated" content="2025-05-27">"#),
            None
        );
        assert_eq!(
            meta(r#"<meta property="article:published_time" content="2025.12.17">"#).as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            meta(r#"<meta name="w-published-date" content="2025/12/17 09:30">"#).as_deref(),
            Some("2025-12-17")
        );
        let doc = Document::parse(
            "<html><body><h1>Story</h1><p>Ann Lee · 2025.07.02</p><p>Text.</p></body></html>",
        );
        assert_eq!(
            page_meta(&doc, "").chosen_date.as_deref(),
            Some("2025-07-02")
        );
        assert!(names_publication_date("article_publish_time"));
        assert!(!names_publication_date("publisher"));
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(
            date_in_words("By Ann Lee · Dec. 17th, 2025 · 3 min").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            date_in_words("Published 5 March 2024, updated June 1, 2024").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(date_in_words("February 30, 2024"), None);
        // Non-ASCII text around the date (the ASCII word boundaries of the forms).
        assert_eq!(
            date_in_words("Zoë Müller — 17 décembre · 17 December 2025 · 3 min").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            date_in_words("Elliot Raba 23.07.2025 · 6 min read").as_deref(),
            Some("2025-07-23")
        );
        assert_eq!(date_in_words("version 1.2.2025 and 31.02.2024"), None);
        // Year first, dotted or slashed (bylines of East Asian and Central European sites).
        assert_eq!(
            date_in_words("기자 · 2025.12.17 09:30").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            date_in_words("Posted 2025/1/5 by admin").as_deref(),
            Some("2025-01-05")
        );
        assert_eq!(
            date_in_words("Updated: 2024/12/03.").as_deref(),
            Some("2024-12-03")
        );
        // Versions and impossible days are not dates.
        assert_eq!(date_in_words("release 2024.1.3 and 2025.02.30"), None);
        assert_eq!(date_in_words("ref 2025/13/01 and 1887/02/03"), None);
        assert_eq!(date_in_words("summary 12 2020"), None);
        // The byline's date right after the headline wins over a date further down; the
        // written one is flagged as found only in the text.
        let doc = Document::parse(
            "<html><body><h1>Story</h1><p>By Ann Lee, <span>July 2, 2025</span></p>\
             <p>Text.</p><p>In an interview on January 1, 2001 she said so.</p></body></html>",
        );
        let m = page_meta(&doc, "");
        assert_eq!(m.published, None);
        assert_eq!(m.chosen_date.as_deref(), Some("2025-07-02"));
        assert!(m.date_from_text);
        let days: Vec<&str> = m.date_candidates.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(days, vec!["2025-07-02", "2001-01-01"]);
        // A kicker date just above the headline is a candidate when none follows it; one far
        // above is not.
        let kicker = |filler: &str| {
            let doc = Document::parse(&format!(
                "<html><body><p>January 1, 2001</p><p>{filler}</p><h5>March 4, 2025</h5>\
                 <h1>Story</h1><p>Text.</p></body></html>"
            ));
            page_meta(&doc, "").chosen_date
        };
        assert_eq!(kicker("").as_deref(), Some("2025-03-04"));
        let doc = Document::parse(&format!(
            "<html><body><p>January 1, 2001</p><p>{}</p><h1>Story</h1><p>Text.</p></body></html>",
            "Menu item. ".repeat(40)
        ));
        assert_eq!(page_meta(&doc, "").chosen_date, None);
    }

    #[test]
    fn inline_data_dates_only_when_the_page_has_no_other() {
        // A single-page site: the date is only in the application data beside the title.
        let data =
            r#"{"post":{"title":"How apps are made, a guide","date":"2024-04-08T06:59:34"}}"#;
        let bare = format!(
            "<html><body><h1>How apps are made, a guide</h1><p>Text.</p>\
             <script type=\"application/json\">{data}</script></body></html>"
        );
        let stripped = super::super::markup::strip_script_text(&bare);
        let m = page_meta(&Document::parse(&stripped), &bare);
        assert_eq!(m.chosen_date.as_deref(), Some("2024-04-08T06:59:34"));
        assert!(!m.date_from_text);
        let declared = bare.replace(
            "<html>",
            "<html><head><meta property=\"article:published_time\" content=\"2025-01-02\"></head>",
        );
        let m = page_meta(&Document::parse(&declared), &declared);
        assert_eq!(m.chosen_date.as_deref(), Some("2025-01-02"));
        assert_eq!(m.date_candidates.len(), 1);
    }

    #[test]
    fn labelled_date_lines_anywhere_in_the_body() {
        // A bare `<div>` after a long body, beyond the headline's window, is a candidate when
        // its text opens with a publication label; one that only mentions a date is not.
        let body = "<p>Long text of the story goes on here.</p>".repeat(200);
        let page = format!(
            "<html><body><h1>Story</h1>{body}<div>In 2023-02-01 we moved.</div>\
             <div style=\"x\">Post time: 01-04-2024</div></body></html>"
        );
        let m = page_meta(&Document::parse(&page), &page);
        let days: Vec<&str> = m.date_candidates.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(days, vec!["2024-01-04"]);
        assert_eq!(m.chosen_date.as_deref(), Some("2024-01-04"));
        let doc = Document::parse(
            "<html><body><span>Published on <b>March 3, 2025</b></span><p>Postedited 2020-01-01</p></body></html>",
        );
        let lines: Vec<String> = dated_elements(&ElementIndex::new(&doc))
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(lines, vec!["Published on March 3, 2025".to_string()]);
    }

    #[test]
    fn dates_normalise() {
        assert_eq!(
            normalize_date("Tue, 19 Nov 2019 14:33:00 GMT").as_deref(),
            Some("2019-11-19T14:33:00+00:00")
        );
        assert_eq!(
            normalize_date("2019-11-19 14:33:00").as_deref(),
            Some("2019-11-19T14:33:00")
        );
        assert_eq!(normalize_date("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize_date("2025.12.17").as_deref(), Some("2025-12-17"));
        assert_eq!(normalize_date("2025/12/17").as_deref(), Some("2025-12-17"));
        assert_eq!(
            normalize_date("2019-11-19T14:33:00.000 EST").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date("é"), None);
    }
}
