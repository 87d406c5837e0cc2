//! The elements of a parsed page, walked once, and the few CSS selectors the metadata reader
//! asks for, matched against that list.
//!
//! The metadata reader looks a page up some twenty times (`<meta>`, `<title>`, `<h1>`, canonical
//! link, `<time>`, headline and byline markup, date lines). Through the parser's CSS engine each
//! lookup was a walk of the whole tree that compiled its selector again and, for `body *`, climbed
//! every element's ancestors: a tenth of a modern page's extraction time. One walk that notes each
//! element's parent, class and id serves them all.
//!
//! The selector language is the subset those lookups use: a comma list of one or two compound
//! selectors joined by the descendant combinator, each compound made of an optional tag name,
//! `.class` and `[attr]` / `[attr=value]` tests, or `*`. Anything else does not parse.

use trafilatura::dom::{Document, NodeId};

/// One element: where it sits and the attributes compound selectors test most.
struct Element {
    id: NodeId,
    /// Index of the nearest element ancestor in [`ElementIndex::elements`].
    parent: Option<usize>,
    class: String,
    in_body: bool,
}

/// Every element of a document in document order.
pub(crate) struct ElementIndex<'d> {
    doc: &'d Document,
    elements: Vec<Element>,
}

/// Walks deeper than this are cut (the parser's own queries stop at the same depth).
const MAX_DEPTH: usize = 500;

impl<'d> ElementIndex<'d> {
    /// Walks `doc` once (iteratively: deep markup cannot overflow the stack).
    pub(crate) fn new(doc: &'d Document) -> Self {
        let mut elements = Vec::new();
        // (node, nearest element ancestor's index, inside <body>, depth)
        let mut stack = vec![(doc.root(), None, false, 0usize)];
        while let Some((id, parent, in_body, depth)) = stack.pop() {
            let (mut parent_of_children, mut body_below) = (parent, in_body);
            if doc.is_element(id) {
                let index = elements.len();
                elements.push(Element {
                    id,
                    parent,
                    class: doc.class_name(id),
                    in_body,
                });
                parent_of_children = Some(index);
                body_below = in_body || doc.tag_name(id) == "body";
            }
            if depth + 1 >= MAX_DEPTH {
                continue;
            }
            let children = doc.children(id);
            stack.extend(
                children
                    .into_iter()
                    .rev()
                    .map(|c| (c, parent_of_children, body_below, depth + 1)),
            );
        }
        ElementIndex { doc, elements }
    }

    /// The document the index was made of.
    pub(crate) fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The elements matching `css`, lazily in document order; none when `css` is outside the
    /// subset.
    pub(crate) fn matching(&self, css: &str) -> impl Iterator<Item = NodeId> + '_ {
        let selector = Selector::parse(css);
        (0..self.elements.len())
            .filter(move |&i| selector.as_ref().is_some_and(|s| s.matches(self, i)))
            .filter_map(|i| self.elements.get(i).map(|e| e.id))
    }

    /// The elements matching `css`, in document order.
    pub(crate) fn select(&self, css: &str) -> Vec<NodeId> {
        self.matching(css).collect()
    }

    /// The first element matching `css`.
    pub(crate) fn first(&self, css: &str) -> Option<NodeId> {
        self.matching(css).next()
    }

    /// The elements inside `<body>` with at most `max` element descendants, in document order:
    /// the small elements a byline or label is, whose text is cheap to read.
    pub(crate) fn small_body_elements(&self, max: usize) -> Vec<NodeId> {
        let mut descendants = vec![0usize; self.elements.len()];
        // A parent comes before its children in document order, so one backward pass sums them.
        for i in (0..self.elements.len()).rev() {
            if let Some(p) = self.elements[i].parent {
                descendants[p] += descendants[i] + 1;
            }
        }
        self.elements
            .iter()
            .zip(&descendants)
            .filter(|&(e, &n)| e.in_body && n <= max)
            .map(|(e, _)| e.id)
            .collect()
    }

    /// The elements inside `<body>` (`body *`) with their class attribute (empty when none),
    /// in document order.
    pub(crate) fn body_elements(&self) -> impl Iterator<Item = (NodeId, &str)> + '_ {
        self.elements
            .iter()
            .filter(|e| e.in_body)
            .map(|e| (e.id, e.class.as_str()))
    }

    fn compound_matches(&self, c: &Compound, i: usize) -> bool {
        let Some(e) = self.elements.get(i) else {
            return false;
        };
        if c.tag
            .as_deref()
            .is_some_and(|t| self.doc.tag_name(e.id) != t)
        {
            return false;
        }
        if !c
            .classes
            .iter()
            // The substring test rejects almost every element before the split.
            .all(|k| {
                e.class.contains(k.as_str()) && e.class.split_ascii_whitespace().any(|w| w == k)
            })
        {
            return false;
        }
        c.attributes.iter().all(|(name, value)| {
            let Some(found) = self.doc.get_attribute(e.id, name) else {
                return false;
            };
            // HTML matches these attribute values case-insensitively (`rel`, `type`, …);
            // the lookups here never depend on case, so every value is compared that way.
            value
                .as_deref()
                .is_none_or(|v| found.eq_ignore_ascii_case(v))
        })
    }
}

/// One compound selector: `tag.class[attr=value]`, every part optional but one, or `*`.
#[derive(Debug, Default)]
struct Compound {
    tag: Option<String>,
    classes: Vec<String>,
    attributes: Vec<(String, Option<String>)>,
}

/// A comma list of alternatives, each a chain of compounds joined by descendant combinators.
#[derive(Debug)]
struct Selector {
    alternatives: Vec<Vec<Compound>>,
}

impl Selector {
    fn parse(css: &str) -> Option<Selector> {
        let alternatives = css
            .split(',')
            .map(|alt| alt.split_whitespace().map(Compound::parse).collect())
            .collect::<Option<Vec<Vec<Compound>>>>()?;
        (!alternatives.iter().any(Vec::is_empty)).then_some(Selector { alternatives })
    }

    fn matches(&self, index: &ElementIndex, i: usize) -> bool {
        self.alternatives.iter().any(|chain| {
            let Some((last, outer)) = chain.split_last() else {
                return false;
            };
            index.compound_matches(last, i) && ancestors_match(index, outer, i)
        })
    }
}

/// Whether the ancestors of element `i` match `outer` in order, innermost last (the
/// descendant combinator: any ancestor may match each compound).
fn ancestors_match(index: &ElementIndex, outer: &[Compound], i: usize) -> bool {
    let mut remaining = outer;
    let mut at = index.elements.get(i).and_then(|e| e.parent);
    while let Some((want, rest)) = remaining.split_last() {
        loop {
            let Some(a) = at else {
                return false;
            };
            at = index.elements.get(a).and_then(|e| e.parent);
            if index.compound_matches(want, a) {
                break;
            }
        }
        remaining = rest;
    }
    true
}

impl Compound {
    fn parse(s: &str) -> Option<Compound> {
        let mut c = Compound::default();
        if s == "*" {
            return Some(c);
        }
        let name_end = s.find(['.', '[']).unwrap_or(s.len());
        let tag = s.get(..name_end)?;
        if !tag.is_empty() {
            if !tag
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            {
                return None;
            }
            c.tag = Some(tag.to_ascii_lowercase());
        }
        let mut rest = s.get(name_end..)?;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let class = r.get(..end)?;
                if class.is_empty() {
                    return None;
                }
                c.classes.push(class.to_string());
                rest = r.get(end..)?;
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']')?;
                let inside = r.get(..end)?;
                let (name, value) = match inside.split_once('=') {
                    Some((n, v)) => (n, Some(v.trim_matches(['"', '\'']).to_string())),
                    None => (inside, None),
                };
                if name.is_empty() || name.contains(['~', '|', '^', '$', '*']) {
                    return None;
                }
                c.attributes.push((name.to_string(), value));
                rest = r.get(end + 1..)?;
            } else {
                return None;
            }
        }
        (c.tag.is_some() || !c.classes.is_empty() || !c.attributes.is_empty()).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>T | Site</title>
        <meta property="og:title" content="T"><link rel="Canonical" href="https://x.test/a">
        <script type="application/ld+json">{}</script></head>
        <body><header class="site"><h1 class="headline big">Budget passes</h1></header>
        <article><div class="byline">By <a href="/a" rel="author">Ann Lee</a></div>
        <time datetime="2024-03-01" pubdate>March 1</time>
        <span itemprop="author"><span itemprop="name">Ann Lee</span></span>
        <p class="entry-title">x</p><p>Text <time datetime="2024-03-02">later</time></p></article>
        <footer><time datetime="2020-01-01">old</time></footer></body></html>"#;

    /// The selectors the metadata reader uses, each matched by the parser's CSS engine and by
    /// the index: the same elements in the same order.
    #[test]
    fn index_agrees_with_the_css_engine() {
        let doc = Document::parse(PAGE);
        let index = ElementIndex::new(&doc);
        for css in [
            "meta",
            "title",
            "h1",
            "html",
            "link[rel=canonical]",
            "time[pubdate]",
            "article time[datetime]",
            "time[datetime]",
            "script[type]",
            "[itemprop=datePublished]",
            "[itemprop=headline], .entry-title, .post-title, .article-title, .headline",
            "[rel=author]",
            "[itemprop=author] [itemprop=name]",
            "[itemprop=author]",
            ".byline a",
            ".byline",
            "body [class], body [id]",
            "body *",
        ] {
            assert_eq!(
                index.select(css),
                doc.query_selector_all(doc.root(), css),
                "{css}"
            );
            assert_eq!(
                index.first(css),
                doc.query_selector(doc.root(), css),
                "{css}"
            );
        }
    }

    #[test]
    fn small_elements_are_those_with_few_descendants() {
        let html = "<html><body><div><p>By <a>Jane Doe</a></p><ul><li>a</li><li>b</li></ul></div></body></html>";
        let doc = Document::parse(html);
        let index = ElementIndex::new(&doc);
        let tags = |max| {
            index
                .small_body_elements(max)
                .into_iter()
                .map(|id| doc.tag_name(id).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(tags(0), ["a", "li", "li"]);
        assert_eq!(tags(2), ["p", "a", "ul", "li", "li"]);
        assert_eq!(tags(6), ["div", "p", "a", "ul", "li", "li"]);
    }

    #[test]
    fn body_elements_and_classes() {
        let doc = Document::parse(PAGE);
        let index = ElementIndex::new(&doc);
        let body: Vec<(&str, &str)> = index
            .body_elements()
            .map(|(id, class)| (doc.tag_name(id), class))
            .collect();
        assert_eq!(body.first(), Some(&("header", "site")));
        assert!(body.contains(&("h1", "headline big")));
        assert!(!body
            .iter()
            .any(|(tag, _)| *tag == "title" || *tag == "body"));
    }

    #[test]
    fn selectors_outside_the_subset_match_nothing() {
        let doc = Document::parse(PAGE);
        let index = ElementIndex::new(&doc);
        for css in ["", "p > a", "a:hover", "[href^=http]", "..x", "p,"] {
            assert!(index.select(css).is_empty(), "{css}");
        }
    }
}
