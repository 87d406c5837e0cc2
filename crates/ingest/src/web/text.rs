//! HTML fragments to paragraphs, and the paragraph vote that combines two extractors.

use std::collections::HashMap;
use std::hash::Hasher;

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::markup::{cap_markup, MarkupLimits};

/// Elements that start a new paragraph.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "figure"
            | "figcaption"
            | "main"
            | "form"
            | "address"
            | "hr"
            | "br"
            | "head"
            | "body"
            | "html"
            | "center"
            | "details"
            | "summary"
    )
}

fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "head" | "title"
    )
}

/// The paragraphs of an HTML fragment: text of each block element, whitespace collapsed, empty
/// blocks dropped. Iterative (no recursion), so deep markup cannot overflow the stack; depth and
/// attributes are capped first ([`cap_markup`]) so hostile markup parses in linear time.
pub fn html_paragraphs(fragment: &str) -> Vec<String> {
    let (fragment, _) = cap_markup(fragment, MarkupLimits::default());
    let doc = Html::parse_fragment(&fragment);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut skip_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag = el.name();
                    if skip_depth > 0 || is_skipped(tag) {
                        skip_depth += 1;
                    } else if is_block(tag) {
                        flush(&mut current, &mut out);
                    }
                }
                Node::Text(t) if skip_depth == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if is_block(el.name()) {
                        flush(&mut current, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let collapsed = collapse_whitespace(current);
    if !collapsed.is_empty() {
        out.push(collapsed);
    }
    current.clear();
}

/// Whitespace as [`collapse_whitespace`] counts it.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}'
}

/// `paragraphs` with a space put back wherever `reference`, the same text laid out otherwise,
/// has whitespace between two characters that the paragraphs run together. The trafilatura
/// crate's HTML output trims the text before an inline element ("walls can <em>really" comes out
/// "can<em>really") while its plain text keeps the space. When the two texts differ in anything
/// but whitespace the paragraphs come back as they were.
pub(crate) fn respace(paragraphs: Vec<String>, reference: &str) -> Vec<String> {
    let mut rest = reference.chars().peekable();
    let mut out = Vec::with_capacity(paragraphs.len());
    for p in &paragraphs {
        let mut fixed = String::with_capacity(p.len() + 16);
        for c in p.chars() {
            if is_space(c) {
                fixed.push(c);
                continue;
            }
            let mut gap = false;
            while rest.next_if(|&r| is_space(r)).is_some() {
                gap = true;
            }
            if rest.next() != Some(c) {
                return paragraphs;
            }
            if gap && !fixed.is_empty() && !fixed.ends_with(is_space) {
                fixed.push(' ');
            }
            fixed.push(c);
        }
        out.push(fixed);
    }
    out
}

/// Runs of whitespace (including non-breaking spaces) become one space; ends trimmed.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Word tokens as the benchmark counts them (`\w+`): runs of alphanumerics and `_`.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// A word's hash (FxHash of its bytes): the vote and the selector compare words and 4-grams by
/// 64-bit hashes, not by strings, so a page's paragraphs are split and hashed once.
pub(crate) fn word_hash(w: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

/// One key for four consecutive word hashes.
fn shingle_key(w: &[u64]) -> u64 {
    w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &x| {
        (acc.rotate_left(23) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// One extractor's paragraphs, split into hashed words once, with the bag of their words and
/// 4-grams (for coverage tests by the other side).
pub(crate) struct Side<'a> {
    /// The paragraphs.
    pub(crate) paragraphs: &'a [String],
    /// Per paragraph, the hashes of its `\w+` words.
    pub(crate) hashes: Vec<Vec<u64>>,
    words: FxHashSet<u64>,
    /// Each 4-gram and the paragraph it first appears in (to place paragraphs the other side
    /// lacks).
    shingle_home: FxHashMap<u64, usize>,
}

impl<'a> Side<'a> {
    /// Splits and hashes `paragraphs`.
    pub(crate) fn new(paragraphs: &'a [String]) -> Self {
        let hashes: Vec<Vec<u64>> = paragraphs
            .iter()
            .map(|p| words(p).map(word_hash).collect())
            .collect();
        let mut words_set = FxHashSet::default();
        let mut shingle_home = FxHashMap::default();
        for (i, ws) in hashes.iter().enumerate() {
            words_set.extend(ws.iter().copied());
            for w in ws.windows(4) {
                shingle_home.entry(shingle_key(w)).or_insert(i);
            }
        }
        Side {
            paragraphs,
            hashes,
            words: words_set,
            shingle_home,
        }
    }

    /// Share of the paragraph's 4-grams (of its words, when it has fewer than four) found here.
    fn coverage(&self, ws: &[u64]) -> f64 {
        if ws.len() < 4 {
            if ws.is_empty() {
                return 1.0;
            }
            let found = ws.iter().filter(|w| self.words.contains(*w)).count();
            return found as f64 / ws.len() as f64;
        }
        let total = ws.len() - 3;
        let found = ws
            .windows(4)
            .filter(|w| self.shingle_home.contains_key(&shingle_key(w)))
            .count();
        found as f64 / total as f64
    }

    /// The paragraph here that shares the first of the paragraph's 4-grams, if any.
    fn home_of(&self, ws: &[u64]) -> Option<usize> {
        ws.windows(4)
            .find_map(|w| self.shingle_home.get(&shingle_key(w)).copied())
    }
}

/// A paragraph both extractors agree on covers at least this share of its 4-grams in the other.
const AGREEMENT: f64 = 0.5;
/// A paragraph only the second extractor found is still kept when it is prose this long (words).
const LONE_PROSE_WORDS: usize = 50;
/// A paragraph only one extractor found is kept when it is prose this long (words) and sits where
/// an article's text goes: just before the first paragraph both found (the lead) or between two
/// they both found.
const NEIGHBOUR_PROSE_WORDS: usize = 25;

/// Combines the paragraphs of two extractors: every paragraph of `primary` that `secondary` also
/// found (by 4-gram coverage), plus paragraphs only `secondary` found when they are long prose
/// (≥ 50 words ending like a sentence), placed after the paragraph they follow there. Prose only
/// one side found is also kept, at ≥ 25 words, when it is the lead (just before the first
/// paragraph both found) or lies between two paragraphs both found. When one side found nothing,
/// the other is taken whole.
///
/// Why: on the article-extraction benchmark the two engines err on different boilerplate, so
/// their agreement is far more precise than either, and long prose is rarely boilerplate. The
/// neighbour rule is for old layouts, where one engine drops a lead written as bare text before
/// a `<br>` ("WASHINGTON (Aug. 13) -- …") and the vote lost it.
pub(crate) fn vote(primary: &[String], secondary: &[String]) -> Vec<String> {
    vote_sides(&Side::new(primary), &Side::new(secondary))
}

/// [`vote`] over paragraphs already split and hashed (the selector votes both ways on the same
/// two sides).
pub(crate) fn vote_sides(primary: &Side<'_>, secondary: &Side<'_>) -> Vec<String> {
    if primary.paragraphs.is_empty() {
        return secondary.paragraphs.to_vec();
    }
    if secondary.paragraphs.is_empty() {
        return primary.paragraphs.to_vec();
    }
    let keep = with_neighbours(primary, &agreement(primary, secondary));
    let secondary_agreed = agreement(secondary, primary);
    let secondary_neighbours = with_neighbours(secondary, &secondary_agreed);
    // Paragraphs to insert after primary[i] (key i + 1), or before everything (key 0).
    let mut inserts: HashMap<usize, Vec<&String>> = HashMap::new();
    let mut anchor = 0usize;
    for (j, (p, ws)) in secondary
        .paragraphs
        .iter()
        .zip(&secondary.hashes)
        .enumerate()
    {
        if secondary_agreed[j] {
            if let Some(home) = primary.home_of(ws) {
                anchor = home + 1;
            }
        } else if secondary_neighbours[j] || is_long_prose(p, ws.len()) {
            inserts.entry(anchor).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for (i, p) in primary.paragraphs.iter().enumerate() {
        if let Some(list) = inserts.remove(&i) {
            out.extend(list.into_iter().cloned());
        }
        if keep.get(i).copied().unwrap_or(false) {
            out.push(p.clone());
        }
    }
    if let Some(list) = inserts.remove(&primary.paragraphs.len()) {
        out.extend(list.into_iter().cloned());
    }
    out
}

/// Per paragraph of `side`: does `other` cover at least [`AGREEMENT`] of its 4-grams?
fn agreement(side: &Side<'_>, other: &Side<'_>) -> Vec<bool> {
    side.hashes
        .iter()
        .map(|ws| other.coverage(ws) >= AGREEMENT)
        .collect()
}

/// `agreed`, plus the paragraphs of `side` the neighbour rule of [`vote`] keeps: prose of at
/// least [`NEIGHBOUR_PROSE_WORDS`] words just before the first agreed paragraph or between two.
fn with_neighbours(side: &Side<'_>, agreed: &[bool]) -> Vec<bool> {
    let first_agreed = agreed.iter().position(|&a| a);
    (0..agreed.len())
        .map(|i| {
            if agreed[i] {
                return true;
            }
            let next_agreed = agreed.get(i + 1).copied().unwrap_or(false);
            let lead = next_agreed && first_agreed == Some(i + 1);
            let between = next_agreed && i > 0 && agreed[i - 1];
            (lead || between) && is_prose(&side.paragraphs[i], side.hashes[i].len())
        })
        .collect()
}

/// The fewest " | "-separated items of a navigation bar ("Home | Video | World | U.S. | Africa").
const MENU_ITEMS: usize = 5;
/// The most words of one item of a navigation bar.
const MENU_ITEM_WORDS: usize = 3;

/// The items of `p` when it reads as a bar of links: at least [`MENU_ITEMS`] non-empty items
/// between " | ", each a short label without digits. A table row has that shape too, and is told
/// apart by its neighbours ([`drop_menu_bars`]).
fn menu_items(p: &str) -> Option<usize> {
    let p = p.trim();
    if p.starts_with('|') || p.ends_with('|') {
        return None;
    }
    let items: Vec<&str> = p.split(" | ").map(str::trim).collect();
    let labels = items.iter().all(|s| {
        !s.is_empty()
            && s.split_whitespace().count() <= MENU_ITEM_WORDS
            && !s.chars().any(|c| c.is_ascii_digit())
    });
    (items.len() >= MENU_ITEMS && labels).then_some(items.len())
}

/// `paragraphs` without the navigation bars an extractor let in at a page's foot (a 2013 CNN
/// page: "Home | Video | World | U.S. | Africa | …"). A bar next to a paragraph of as many
/// " | " items is a table's header or row, and stays.
pub(crate) fn drop_menu_bars(paragraphs: Vec<String>) -> Vec<String> {
    let pipes = |p: &String| p.matches(" | ").count();
    let keep: Vec<bool> = (0..paragraphs.len())
        .map(|i| {
            let Some(n) = menu_items(&paragraphs[i]) else {
                return true;
            };
            let same = |j: usize| paragraphs.get(j).is_some_and(|q| pipes(q) + 1 == n);
            (i > 0 && same(i - 1)) || same(i + 1)
        })
        .collect();
    paragraphs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Paragraphs that are page furniture when they stand alone (`boilerplate_lines.txt`).
static BOILERPLATE_LINES: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("boilerplate_lines.txt")).collect()
});

/// Headings of a list of other stories (`related_story_headers.txt`).
static RELATED_HEADERS: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    newsgraph_nlp::lexicon::entries(newsgraph_nlp::lexicon!("related_story_headers.txt")).collect()
});

/// A paragraph after a related-stories heading this long (in words) is prose of the story, and
/// the body is not cut there.
const RELATED_LIST_ITEM_WORDS: usize = 15;

/// A paragraph's lower-cased words joined by single spaces, as the word lists are written.
fn line_key(p: &str) -> String {
    words(p)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The body an extractor returned, tidied: navigation bars ([`drop_menu_bars`]) and lone page
/// furniture ("Advertisement", "Read more", "Share this article") left out, and a list of other
/// stories after a heading such as "You might also like" cut off ([`related_tail_start`]).
pub(crate) fn tidy_body(paragraphs: Vec<String>) -> Vec<String> {
    let paragraphs = drop_menu_bars(paragraphs);
    let keys: Vec<String> = paragraphs.iter().map(|p| line_key(p)).collect();
    let end = related_tail_start(&paragraphs, &keys);
    paragraphs
        .into_iter()
        .zip(keys)
        .take(end)
        .filter_map(|(p, k)| (!BOILERPLATE_LINES.contains(k.as_str())).then_some(p))
        .collect()
}

/// Where `paragraphs` (with their [`line_key`]s) end: at a related-stories heading in their
/// second half after which nothing is a sentence of [`RELATED_LIST_ITEM_WORDS`] words or more
/// (what follows is a list of links); their length otherwise.
fn related_tail_start(paragraphs: &[String], keys: &[String]) -> usize {
    let heading = keys
        .iter()
        .position(|k| RELATED_HEADERS.contains(k.as_str()));
    let is_list_after = |i: usize| {
        paragraphs
            .iter()
            .skip(i + 1)
            .all(|p| words(p).count() < RELATED_LIST_ITEM_WORDS)
    };
    match heading {
        Some(i) if 2 * i >= paragraphs.len() && is_list_after(i) => i,
        _ => paragraphs.len(),
    }
}

fn is_long_prose(p: &str, word_count: usize) -> bool {
    word_count >= LONE_PROSE_WORDS && ends_like_a_sentence(p)
}

fn is_prose(p: &str, word_count: usize) -> bool {
    word_count >= NEIGHBOUR_PROSE_WORDS && ends_like_a_sentence(p)
}

fn ends_like_a_sentence(p: &str) -> bool {
    p.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Only bars go: what stays is the input in order, and a paragraph without five
        /// " | " items always stays.
        #[test]
        fn menu_bars_leave_a_subsequence(
            paragraphs in proptest::collection::vec("([A-Za-z1 ]{0,6}( \\| )?){0,7}", 0..6)
        ) {
            let kept = drop_menu_bars(paragraphs.clone());
            let mut rest = paragraphs.iter();
            for k in &kept {
                proptest::prop_assert!(rest.any(|p| p == k));
            }
            for p in &paragraphs {
                if p.matches(" | ").count() < MENU_ITEMS - 1 {
                    proptest::prop_assert!(kept.contains(p));
                }
            }
        }
    }

    #[test]
    fn page_furniture_and_related_lists_go() {
        let story: Vec<String> = [
            "The council approved the budget on Tuesday after a long and heated debate.",
            "Advertisement - Continue Reading Below",
            "The vote was 7 to 2, and the mayor said she would sign it this week.",
            "Read more",
            "Opponents said the plan cut too deeply into the parks department's money.",
            "You might also like",
            "Five parks to visit this summer",
            "Why the library closed early",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let tidy = tidy_body(story.clone());
        assert_eq!(
            tidy,
            vec![story[0].clone(), story[2].clone(), story[4].clone()]
        );
        // A heading followed by prose is a section of the story; a sentence that mentions
        // "read more" is text.
        let kept = vec![
            story[0].clone(),
            "More stories".to_string(),
            "The related measure passed last year with the support of every member of the council."
                .to_string(),
            "Residents can read more about it on the city's website.".to_string(),
        ];
        assert_eq!(tidy_body(kept.clone()), kept);
    }

    #[test]
    fn menu_bars_go_and_tables_stay() {
        let bar = "Home | Video | World | U.S. | Africa | Asia | Europe".to_string();
        let prose = "The storm passed overnight.".to_string();
        assert_eq!(
            drop_menu_bars(vec![prose.clone(), bar.clone()]),
            vec![prose.clone()]
        );
        let header = "Week | Monday | Tuesday | Wednesday | Thursday".to_string();
        let row = "One | rest | run | rest | run".to_string();
        let table = vec![header, row];
        assert_eq!(drop_menu_bars(table.clone()), table);
        // A sentence with a pipe or two, or items with figures, is not a bar.
        let kept = vec!["Scores: 3 | 4 | 5 | 6 | 7".to_string(), "A | B".to_string()];
        assert_eq!(drop_menu_bars(kept.clone()), kept);
    }

    #[test]
    fn respace_puts_back_what_the_html_trimmed() {
        let glued = vec![
            "Pro tip: The walls canreally, really matter.".to_string(),
            "Next".into(),
        ];
        let reference = "Pro tip: The walls can really, really matter. Next";
        assert_eq!(
            respace(glued, reference),
            vec!["Pro tip: The walls can really, really matter.", "Next"]
        );
        // Texts that differ beyond whitespace are left as they were.
        let ours = vec!["canreally".to_string()];
        assert_eq!(respace(ours.clone(), "can truly"), ours);
        assert_eq!(respace(ours.clone(), "can"), ours);
    }

    #[test]
    fn paragraphs_follow_blocks_and_skip_scripts() {
        let p = html_paragraphs(
            "<div><h1>Title</h1><p>One &amp; <b>two</b>\n three.</p><script>x()</script>tail<br>next<ul><li>a</li><li>b</li></ul></div>",
        );
        assert_eq!(
            p,
            vec!["Title", "One & two three.", "tail", "next", "a", "b"]
        );
    }

    #[test]
    fn deep_markup_does_not_overflow() {
        let deep = "<div>".repeat(20_000) + "deep text" + &"</div>".repeat(20_000);
        let p = html_paragraphs(&deep);
        assert_eq!(p.last().map(String::as_str), Some("deep text"));
    }

    #[test]
    fn vote_keeps_agreement_and_long_prose() {
        let body =
            "The minister said the plan would cut costs for families across the country this year.";
        let long = format!("{} {}", "word ".repeat(60).trim(), "end.");
        let a = vec![
            "Subscribe to our newsletter for the latest news and offers today".to_string(),
            body.to_string(),
        ];
        let b = vec![body.to_string(), long.clone(), "Share this".to_string()];
        let v = vote(&a, &b);
        assert_eq!(v, vec![body.to_string(), long]);
        assert_eq!(vote(&[], &b), b);
    }

    /// The lead of an old AOL News page (2010), which one engine lost because it was bare text
    /// before a `<br>`: kept by the neighbour rule from either side; a short line in the same
    /// place is not.
    #[test]
    fn vote_keeps_a_lead_only_one_side_found() {
        let lead =
            "WASHINGTON (Aug. 13) -- Declaring \"the maritime soul of the Marine Corps\" is at \
                    stake, Defense Secretary Robert Gates has ordered a review of the seaborne \
                    service that since 9/11 has functioned more like a \"second land army.\"";
        let second =
            "In a speech in San Francisco, Gates spoke of anxiety over the future role of \
                      the service after nearly a decade of fighting on land.";
        let third = "Gates did not say Thursday whether the force structure review will result in \
                     the few becoming fewer.";
        let with_lead: Vec<String> = [lead, second, third].map(String::from).to_vec();
        let without: Vec<String> = [second, third].map(String::from).to_vec();
        assert_eq!(vote(&with_lead, &without), with_lead);
        assert_eq!(vote(&without, &with_lead), with_lead);
        let menu = "Text Size: large font, small font.";
        let with_menu: Vec<String> = [menu, second, third].map(String::from).to_vec();
        assert_eq!(vote(&with_menu, &without), without);
        // Between two agreed paragraphs too.
        let middle: Vec<String> = [second, lead, third].map(String::from).to_vec();
        assert_eq!(vote(&without, &middle), middle);
        // After the last agreed paragraph it is no lead: comments and teasers go there.
        let after: Vec<String> = [second, third, lead].map(String::from).to_vec();
        assert_eq!(vote(&after, &without), without);
    }
}
