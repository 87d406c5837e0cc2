//! A linear pre-pass over HTML that caps element depth and attributes per element before any
//! parser sees the page.
//!
//! Why: html5ever walks the stack of open elements for many start tags (`in_scope`), and
//! Readability walks ancestors for every node, so 20,000 nested `<div>`s take minutes (growth about
//! n^2.8); html5ever also checks each new attribute against the element's others, so 100,000
//! attributes on one element take over a minute. No real page is deeper than a few dozen elements
//! or carries more than a few dozen attributes on one element, so the caps below only ever touch
//! hostile or broken markup.
//!
//! How: one scan of the text, a tokenizer just good enough to find tags (comments, doctypes and
//! the raw text of `<script>`, `<style>`, `<textarea>`, … are copied untouched), and a model of the
//! open-element stack (void elements never open; a `<p>` is closed by the next block, an `<li>` by
//! the next `<li>`, a cell by the next cell or row; an end tag closes up to its match). A start tag
//! that would open past [`MarkupLimits::max_depth`] is dropped with its matching end tag, so its
//! content joins its parent (the page is *flattened*, no text is lost); attributes past
//! [`MarkupLimits::max_attributes`] are dropped from their tag. The model over-estimates depth for
//! markup it does not understand, which only makes the cap act earlier. Cost: O(n × max_depth) in
//! the worst case (an end tag searches the capped stack), O(n) on real pages.

use std::borrow::Cow;
use std::collections::HashMap;

/// The caps applied by [`cap_markup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkupLimits {
    /// Open elements at most (deeper start tags are dropped, their content kept).
    pub max_depth: usize,
    /// Attributes per element at most (later ones are dropped).
    pub max_attributes: usize,
}

impl Default for MarkupLimits {
    fn default() -> Self {
        MarkupLimits {
            max_depth: 256,
            max_attributes: 64,
        }
    }
}

/// What [`cap_markup`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkupReport {
    /// Start tags (with their end tags) dropped for depth.
    pub dropped_tags: usize,
    /// Attributes dropped for the per-element cap.
    pub dropped_attributes: usize,
}

impl MarkupReport {
    /// Whether the page was changed at all.
    pub fn changed(&self) -> bool {
        self.dropped_tags > 0 || self.dropped_attributes > 0
    }
}

/// The page with the text of its `<script>` and `<style>` elements and the content of its inline
/// `<svg>` drawings and `<noscript>` elements removed (the elements stay, empty), JSON-LD scripts
/// kept whole: the three parsers that read a page (trafilatura, Readability, the metadata reader)
/// drop that text, so it only costs tokenizing (icon paths are a tenth of a modern page's
/// markup). `<noscript>` is worse than a cost: a parser with scripting on reads its content as
/// text, and Readability returned a 2010 page's tracking pixel as the words `<a href=…><img …>`.
/// Comments are skipped so a `<script>` inside one is not taken for a real one; an element left
/// unclosed is left as it is. Cut points are ASCII bytes, so the result is valid UTF-8 with the same text.
pub fn strip_script_text(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = Splice::new(html);
    let mut i = 0usize;
    while let Some(rel) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        let lt = i + rel;
        if bytes.get(lt + 1..lt + 4) == Some(b"!--") {
            match bytes
                .get(lt + 4..)
                .and_then(|b| memchr::memmem::find(b, b"-->"))
            {
                Some(end) => {
                    i = lt + 4 + end + 3;
                    continue;
                }
                None => break,
            }
        }
        let kind: &[u8] = if tag_named(bytes, lt + 1, b"script") {
            b"script"
        } else if tag_named(bytes, lt + 1, b"style") {
            b"style"
        } else if tag_named(bytes, lt + 1, b"svg") {
            b"svg"
        } else if tag_named(bytes, lt + 1, b"noscript") {
            b"noscript"
        } else {
            i = lt + 1;
            continue;
        };
        let Some(open_end) = tag_end(bytes, lt) else {
            break;
        };
        // `<svg/>` is complete as it stands (foreign elements honour the self-closing slash):
        // searching for its end tag would swallow the text up to the next drawing's.
        if kind == b"svg" && bytes.get(open_end.saturating_sub(2)) == Some(&b'/') {
            i = open_end;
            continue;
        }
        let Some(close) = find_end_tag(bytes, open_end, kind) else {
            break;
        };
        let json_ld = kind == b"script"
            && html
                .get(lt..open_end)
                .is_some_and(|tag| tag.to_ascii_lowercase().contains("ld+json"));
        if !json_ld && close > open_end {
            out.edit(open_end, "", close);
        }
        i = close + 2;
    }
    out.finish()
}

/// The page with a zero-width space between the tags of every run of `<br>`s (tags separated only
/// by whitespace). Readability turns such a run into a `<p>` that takes the inline elements after
/// it, and on old table-and-`<font>` layouts (`…2009</font><br><br><font>SPRINGFIELD …`) that
/// `<p>` is then dropped with the run, gluing the words either side ("2009SPRINGFIELD"). A run
/// with text between its tags is no run for Readability, so every `<br>` stays, and each still
/// ends a paragraph when the extraction is read back ([`super::text`]), where the zero-width
/// space counts as whitespace. (A no-break space would not do: Readability takes it for
/// whitespace and makes the run all the same.) Cut points are ASCII bytes, so the result is valid UTF-8.
pub fn separate_br_runs(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = Splice::new(html);
    // The end of the last `<br>` tag, while only whitespace has followed it.
    let mut after_br: Option<usize> = None;
    let mut i = 0usize;
    while let Some(rel) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        let lt = i + rel;
        let gap_is_blank = after_br
            .and_then(|end| bytes.get(end..lt))
            .is_some_and(|gap| gap.iter().all(u8::is_ascii_whitespace));
        if !tag_named(bytes, lt + 1, b"br") {
            after_br = None;
            i = lt + 1;
            continue;
        }
        let Some(end) = tag_end(bytes, lt) else {
            break;
        };
        if gap_is_blank {
            out.edit(lt, "&#8203;", lt);
        }
        after_br = Some(end);
        i = end;
    }
    out.finish()
}

/// The list items and cells whose end tag [`space_between_blocks`] follows with a space. Not
/// every block: spacing `</div><div>` and `</p><p>` too fixed no more glued words on WCXB (52 of
/// 61 left either way) and cost the trafilatura crate one page whole (0119: word F1 0.95 -> 0.12,
/// its text density read differently).
const SPACED_BLOCKS: &[&[u8]] = &[b"li", b"dt", b"dd", b"td", b"th"];

/// The page with a space after every end tag of a list item or cell that another tag follows at
/// once (`…Rent A Car</a></li><li><a …>Alamo Rent a Car`). The trafilatura crate flattens some
/// containers, a table of contents among them, into one text without separators ("Advantage Rent
/// A CarAlamo Rent a Car"); the space is whitespace between blocks, which no renderer shows, so
/// nothing else changes. Cut points are ASCII bytes, so the result is valid UTF-8.
pub fn space_between_blocks(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = Splice::new(html);
    let mut i = 0usize;
    while let Some(rel) = bytes.get(i..).and_then(|b| memchr::memmem::find(b, b"</")) {
        let lt = i + rel;
        i = lt + 2;
        if !SPACED_BLOCKS
            .iter()
            .any(|name| tag_named(bytes, lt + 2, name))
        {
            continue;
        }
        let Some(end) = tag_end(bytes, lt) else {
            break;
        };
        if bytes.get(end) == Some(&b'<') {
            out.edit(end, " ", end);
        }
        i = end;
    }
    out.finish()
}

/// A copy of a page with pieces cut out or text put in, made only once there is an edit (the
/// page is borrowed otherwise). Edits come in page order; cut points are ASCII bytes, so the
/// copy is valid UTF-8.
struct Splice<'a> {
    html: &'a str,
    out: Option<String>,
    /// Where the page's copy resumes.
    copied: usize,
}

impl<'a> Splice<'a> {
    fn new(html: &'a str) -> Self {
        Splice {
            html,
            out: None,
            copied: 0,
        }
    }

    /// Copies the page up to `at`, then `text`, and resumes at `resume` (past `at`: a cut).
    fn edit(&mut self, at: usize, text: &str, resume: usize) {
        let (html, copied) = (self.html, self.copied);
        let buf = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len() + 64));
        buf.push_str(html.get(copied..at).unwrap_or(""));
        buf.push_str(text);
        self.copied = resume;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut buf) => {
                buf.push_str(self.html.get(self.copied..).unwrap_or(""));
                Cow::Owned(buf)
            }
        }
    }
}

/// The offset just past the `>` that closes the tag opening at `lt`.
fn tag_end(bytes: &[u8], lt: usize) -> Option<usize> {
    bytes
        .get(lt..)
        .and_then(|b| memchr::memchr(b'>', b))
        .map(|gt| lt + gt + 1)
}

/// Whether the tag name at `at` is `name` (ASCII case-insensitive) and ends there.
fn tag_named(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes
        .get(at..at + name.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(name))
        && bytes
            .get(at + name.len())
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// The offset of the first `</name` at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let lt = i + memchr::memmem::find(bytes.get(i..)?, b"</")?;
        if tag_named(bytes, lt + 2, name) {
            return Some(lt);
        }
        i = lt + 2;
    }
}

/// Elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

/// Elements whose content is raw text, up to their own end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

/// Start tags that close an open `<p>` (HTML's "close a p element in button scope").
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "ul"
            | "ol"
            | "dl"
            | "li"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "blockquote"
            | "pre"
            | "form"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "fieldset"
            | "menu"
            | "hgroup"
            | "dialog"
            | "search"
    )
}

/// Open elements a start tag `name` closes implicitly, when they are on top of the stack.
fn implicitly_closed(name: &str) -> &'static [&'static str] {
    match name {
        "li" => &["li"],
        "dd" | "dt" => &["dd", "dt"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        "tbody" | "thead" | "tfoot" => &["td", "th", "tr", "tbody", "thead", "tfoot"],
        "option" => &["option"],
        "optgroup" => &["option", "optgroup"],
        "a" => &["a"],
        "nobr" => &["nobr"],
        _ => &[],
    }
}

/// Elements html5ever keeps on its list of active formatting elements: when one is closed
/// implicitly (by an ancestor's end tag) it is re-opened at the next content, so it still counts.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements that end the adoption agency's search for a "furthest block" (HTML's special
/// category, the part that matters here).
fn is_special(name: &str) -> bool {
    closes_p(name)
        || is_marker(name)
        || matches!(
            name,
            "p" | "li"
                | "tr"
                | "tbody"
                | "thead"
                | "tfoot"
                | "button"
                | "select"
                | "iframe"
                | "textarea"
                | "body"
                | "html"
        )
}

/// Elements that bound HTML's "in scope" search: an end tag does not reach past them.
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements that put a marker on the formatting list: closing them forgets the formatting
/// elements opened inside them.
fn is_marker(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "caption" | "applet" | "object" | "marquee" | "template"
    )
}

/// A parsed start or end tag.
struct Tag {
    /// Lowercased element name.
    name: String,
    /// Byte just past the closing `>` (or the end of input).
    end: usize,
    /// `/>` at the end.
    self_closing: bool,
    /// Where the first attribute over the cap starts, and how many were over.
    cut: Option<(usize, usize)>,
}

/// The open-element model and the output being built.
struct Capper<'a> {
    html: &'a str,
    out: String,
    stack: Vec<String>,
    /// Formatting elements closed implicitly, which the parser will re-open (see [`is_formatting`]).
    lingering: Vec<String>,
    /// `lingering.len()` when each open marker element (see [`is_marker`]) was opened.
    markers: Vec<usize>,
    /// Start tags dropped for depth and not yet closed, by name.
    dropped: HashMap<String, usize>,
    /// Open `svg` / `math` elements: inside them `/>` really closes an element.
    foreign: usize,
    limits: MarkupLimits,
    report: MarkupReport,
}

/// Applies the caps of `limits` to `html`; borrowed back unchanged when nothing was over them.
pub fn cap_markup(html: &str, limits: MarkupLimits) -> (Cow<'_, str>, MarkupReport) {
    let mut capper = Capper {
        html,
        out: String::with_capacity(html.len()),
        stack: Vec::new(),
        lingering: Vec::new(),
        markers: Vec::new(),
        dropped: HashMap::new(),
        foreign: 0,
        limits,
        report: MarkupReport::default(),
    };
    capper.run();
    if capper.report.changed() {
        (Cow::Owned(capper.out), capper.report)
    } else {
        (Cow::Borrowed(html), capper.report)
    }
}

impl Capper<'_> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut pos = 0;
        while let Some(rel) = memchr::memchr(b'<', bytes.get(pos..).unwrap_or(&[])) {
            let lt = pos + rel;
            self.copy(pos, lt);
            pos = self.markup_at(lt);
        }
        self.copy(pos, self.html.len());
    }

    fn copy(&mut self, from: usize, to: usize) {
        if let Some(s) = self.html.get(from..to) {
            self.out.push_str(s);
        }
    }

    /// Handles the markup starting at `<` (byte `lt`); returns where to go on.
    fn markup_at(&mut self, lt: usize) -> usize {
        let rest = self.html.get(lt..).unwrap_or("");
        let next = rest.as_bytes().get(1).copied().unwrap_or(0);
        if rest.starts_with("<!--") {
            let end = rest
                .get(4..)
                .and_then(|r| r.find("-->"))
                .map_or(self.html.len(), |i| lt + 4 + i + 3);
            self.copy(lt, end);
            end
        } else if next == b'!' || next == b'?' {
            let end = memchr::memchr(b'>', rest.as_bytes()).map_or(self.html.len(), |i| lt + i + 1);
            self.copy(lt, end);
            end
        } else if next == b'/' && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) {
            self.end_tag(lt)
        } else if next.is_ascii_alphabetic() {
            self.start_tag(lt)
        } else {
            // A lone `<` is text.
            self.copy(lt, lt + 1);
            lt + 1
        }
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let tag = self.parse_tag(lt + 2);
        if let Some(n) = self.dropped.get_mut(&tag.name).filter(|n| **n > 0) {
            // The innermost open element of this name is one we dropped: drop its end tag too.
            *n -= 1;
            return tag.end;
        }
        let in_scope = self
            .stack
            .iter()
            .rposition(|open| *open == tag.name)
            .filter(|&i| {
                // The parser ignores an end tag whose element is outside the current scope
                // (`</td>` inside a nested `<table>`).
                !self
                    .stack
                    .get(i + 1..)
                    .is_some_and(|above| above.iter().any(|t| is_scope_boundary(t)))
            });
        if let Some(i) = in_scope {
            let misnested = is_formatting(&tag.name)
                && self
                    .stack
                    .get(i + 1..)
                    .is_some_and(|above| above.iter().any(|t| is_special(t)));
            // A misnested formatting end tag (`<b><div></b>`) runs the adoption agency: the
            // blocks above stay open and a clone of the element goes inside them, so the
            // parser's depth does not drop; keeping the stack as it is over-counts safely.
            if !misnested {
                self.pop_to(i);
            }
        } else if self.stack.contains(&tag.name) {
            // Out of scope: ignored by the parser, so nothing closes.
        } else if let Some(i) = self.lingering.iter().rposition(|l| *l == tag.name) {
            // Ends a formatting element the parser would otherwise re-open.
            self.lingering.remove(i);
        }
        self.copy(lt, tag.end);
        tag.end
    }

    /// Closes the open elements from stack index `i` up, as an end tag for `stack[i]` does.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            let Some(closed) = self.stack.pop() else {
                break;
            };
            if closed == "svg" || closed == "math" {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if is_marker(&closed) {
                let keep = self.markers.pop().unwrap_or(0);
                self.lingering.truncate(keep);
            } else if self.stack.len() > i && is_formatting(&closed) {
                self.lingering.push(closed);
            }
        }
    }

    /// Depth as the parser will see it: open elements plus formatting elements it will re-open.
    fn depth(&self) -> usize {
        self.stack.len() + self.lingering.len()
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let tag = self.parse_tag(lt + 1);
        let closes_itself = tag.self_closing && self.foreign > 0;
        // Rows and cells outside any table are ignored by the parser.
        let stray_cell = matches!(
            tag.name.as_str(),
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption"
        ) && !self.stack.iter().any(|t| t == "table");
        let opens = !(is_void(&tag.name) || closes_itself || stray_cell);
        if opens {
            self.close_implied(&tag.name);
            self.open_implied(&tag.name);
            if self.depth() >= self.limits.max_depth {
                self.report.dropped_tags += 1;
                *self.dropped.entry(tag.name).or_default() += 1;
                return tag.end;
            }
        }
        match tag.cut {
            Some((cut, over)) => {
                self.report.dropped_attributes += over;
                let kept = self.html.get(lt..cut).unwrap_or("").trim_end();
                self.out.push_str(kept);
                self.out.push_str(if tag.self_closing { "/>" } else { ">" });
            }
            None => self.copy(lt, tag.end),
        }
        if is_raw_text(&tag.name) {
            return self.raw_text(&tag.name, tag.end);
        }
        if opens {
            if tag.name == "svg" || tag.name == "math" {
                self.foreign += 1;
            }
            if is_marker(&tag.name) {
                self.markers.push(self.lingering.len());
            }
            self.stack.push(tag.name);
        }
        tag.end
    }

    /// Pops the open elements a start tag `name` closes by HTML's implied-end rules.
    fn close_implied(&mut self, name: &str) {
        if closes_p(name) && self.stack.last().is_some_and(|t| t == "p") {
            self.pop_to(self.stack.len() - 1);
        }
        let closed = implicitly_closed(name);
        while self
            .stack
            .last()
            .is_some_and(|t| closed.contains(&t.as_str()))
        {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// Pushes the table sections and rows the parser inserts around a bare row or cell (they
    /// count towards the depth like any element).
    fn open_implied(&mut self, name: &str) {
        if matches!(name, "tr" | "td" | "th") && self.top() == Some("table") {
            self.stack.push("tbody".to_string());
        }
        if matches!(name, "td" | "th") && matches!(self.top(), Some("tbody" | "thead" | "tfoot")) {
            self.stack.push("tr".to_string());
        }
    }

    /// The innermost open element.
    fn top(&self) -> Option<&str> {
        self.stack.last().map(String::as_str)
    }

    /// Copies the raw text of `<script>` & co. up to (not including) its end tag.
    fn raw_text(&mut self, name: &str, from: usize) -> usize {
        if name == "plaintext" {
            self.copy(from, self.html.len());
            return self.html.len();
        }
        let bytes = self.html.as_bytes();
        let mut pos = from;
        while let Some(rel) = memchr::memchr(b'<', bytes.get(pos..).unwrap_or(&[])) {
            let lt = pos + rel;
            let candidate = bytes.get(lt + 2..lt + 2 + name.len()).unwrap_or(&[]);
            if bytes.get(lt + 1) == Some(&b'/') && candidate.eq_ignore_ascii_case(name.as_bytes()) {
                self.copy(from, lt);
                return lt;
            }
            pos = lt + 1;
        }
        self.copy(from, self.html.len());
        self.html.len()
    }

    /// Reads a tag whose name starts at `name_start`: its name, attributes and end, as the HTML
    /// tokenizer would (quoted values may hold `>`).
    fn parse_tag(&self, name_start: usize) -> Tag {
        let bytes = self.html.as_bytes();
        let len = bytes.len();
        let mut i = name_start;
        while i < len
            && !matches!(
                bytes[i],
                b'\t' | b'\n' | b'\x0c' | b' ' | b'\r' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let name = self
            .html
            .get(name_start..i)
            .unwrap_or("")
            .to_ascii_lowercase();
        let (mut count, mut cut, mut self_closing) = (0usize, None, false);
        loop {
            while i < len && matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b' ' | b'\r') {
                i += 1;
            }
            match bytes.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    self_closing = bytes.get(i + 1) == Some(&b'>');
                    i += 1;
                    continue;
                }
                Some(_) => {}
            }
            self_closing = false;
            count += 1;
            if count == self.limits.max_attributes.saturating_add(1) {
                cut = Some(i);
            }
            i = skip_attribute(bytes, i);
        }
        let over = count.saturating_sub(self.limits.max_attributes);
        Tag {
            name,
            end: i.min(len),
            self_closing,
            cut: cut.map(|c| (c, over)),
        }
    }
}

/// Skips one attribute (`name`, `name=value`, `name="value"`) starting at `i`; returns the byte
/// after it.
fn skip_attribute(bytes: &[u8], mut i: usize) -> usize {
    let len = bytes.len();
    // The first character may be `=` (the tokenizer takes it into the name).
    i += 1;
    while i < len
        && !matches!(
            bytes[i],
            b'\t' | b'\n' | b'\x0c' | b' ' | b'\r' | b'/' | b'>' | b'='
        )
    {
        i += 1;
    }
    let mut j = i;
    while j < len && matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b' ' | b'\r') {
        j += 1;
    }
    if bytes.get(j) != Some(&b'=') {
        return i;
    }
    j += 1;
    while j < len && matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b' ' | b'\r') {
        j += 1;
    }
    match bytes.get(j) {
        Some(&q) if q == b'"' || q == b'\'' => {
            memchr::memchr(q, bytes.get(j + 1..).unwrap_or(&[])).map_or(len, |k| j + 1 + k + 1)
        }
        _ => {
            while j < len && !matches!(bytes[j], b'\t' | b'\n' | b'\x0c' | b' ' | b'\r' | b'>') {
                j += 1;
            }
            j
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(depth: usize, attrs: usize) -> MarkupLimits {
        MarkupLimits {
            max_depth: depth,
            max_attributes: attrs,
        }
    }

    #[test]
    fn ordinary_pages_are_untouched() {
        let page =
            "<!DOCTYPE html><html><head><title>a<b></title><script>if (a<b) x('</div>')</script>\
                    </head><body><p>one<p>two<ul><li>a<li>b</ul><br><img src=x alt='a>b'>\
                    <table><tr><td>1<td>2<tr><td>3</table><!-- <div><div> --></body></html>";
        let (out, report) = cap_markup(page, limits(6, 3));
        assert!(!report.changed(), "{report:?}");
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let deep = "<div>".repeat(1000) + "deep text" + &"</div>".repeat(1000) + "<p>after</p>";
        let (out, report) = cap_markup(&deep, limits(100, 64));
        assert_eq!(report.dropped_tags, 900);
        assert_eq!(out.matches("<div>").count(), 100);
        assert_eq!(out.matches("</div>").count(), 100);
        assert!(out.contains("deep text</div>"));
        assert!(out.ends_with("<p>after</p>"));
    }

    #[test]
    fn self_closing_divs_still_count_as_open() {
        let page = "<div/>".repeat(50);
        assert_eq!(cap_markup(&page, limits(10, 64)).1.dropped_tags, 40);
        let svg = format!("<svg>{}</svg>", "<path/>".repeat(50));
        assert!(!cap_markup(&svg, limits(10, 64)).1.changed());
    }

    #[test]
    fn implicitly_closed_formatting_still_counts() {
        // Each `</div>` closes a `<b>` the parser re-opens at the next text: they nest.
        let page: String = (0..100).map(|i| format!("<div><b id={i}></div>")).collect();
        assert_eq!(
            cap_markup(&page, limits(10, 64)).1.dropped_tags,
            100 - 10 + 1
        );
        // Inside table cells the formatting list is cleared with the cell.
        let cells: String = (0..100).map(|i| format!("<td><b id={i}></td>")).collect();
        let table = format!("<table><tr>{cells}</tr></table>");
        assert!(!cap_markup(&table, limits(10, 64)).1.changed());
    }

    #[test]
    fn misnested_formatting_still_counts() {
        // `</b>` with a block open inside it keeps the block open (adoption agency): the
        // parser nests deeper with every repetition.
        let page = "<b><div></b>x".repeat(100);
        let (out, report) = cap_markup(&page, limits(20, 64));
        assert!(report.dropped_tags > 0);
        assert!(depth_of(&out) <= 24, "{}", depth_of(&out));
    }

    fn depth_of(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        let mut deepest = 0;
        let mut stack = vec![(doc.tree.root(), 0usize)];
        while let Some((node, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(node.children().map(|c| (c, d + 1)));
        }
        deepest
    }

    #[test]
    fn excess_attributes_are_dropped() {
        let attrs: String = (0..100).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let page = format!("<p{attrs}>text</p>");
        let (out, report) = cap_markup(&page, limits(10, 5));
        assert_eq!(report.dropped_attributes, 95);
        assert_eq!(
            out,
            "<p a0=\"v>0\" a1=\"v>1\" a2=\"v>2\" a3=\"v>3\" a4=\"v>4\">text</p>"
        );
    }

    #[test]
    fn unlimited_caps_do_not_overflow() {
        let page = "<div x0=\"0\"><p>a</p></div>";
        let (out, report) = cap_markup(page, limits(usize::MAX, usize::MAX));
        assert!(!report.changed());
        assert_eq!(out, page);
    }

    #[test]
    fn script_text_is_dropped_but_json_ld_kept() {
        let page = "<head><SCRIPT src=a.js></SCRIPT><script>if (a < b) { x('</p>'); }</script>\
                    <style>p { color: red }</style>\
                    <script type=\"application/ld+json\">{\"headline\": \"H\"}</script></head>\
                    <body><!-- <script> --><p>text é</p><script>y()</script></body>";
        let out = strip_script_text(page);
        assert_eq!(
            out,
            "<head><SCRIPT src=a.js></SCRIPT><script></script><style></style>\
             <script type=\"application/ld+json\">{\"headline\": \"H\"}</script></head>\
             <body><!-- <script> --><p>text é</p><script></script></body>"
        );
        assert!(matches!(
            strip_script_text("<p>no scripts</p>"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            strip_script_text(
                "<p>a<svg viewBox=\"0 0 9 9\"><title>x</title><path d=\"M0 0\"/></svg> b\
                 <svg/><p>kept</p><svg class=i></svg></p>"
            ),
            "<p>a<svg viewBox=\"0 0 9 9\"></svg> b<svg/><p>kept</p><svg class=i></svg></p>"
        );
        // A 2010 page's tracking pixel, which Readability returned as words.
        assert_eq!(
            strip_script_text(
                "<noscript>\n<a href=\"http://q.example/p\"><img src=\"p.gif\"/></a>\n</noscript><p>Story</p>"
            ),
            "<noscript></noscript><p>Story</p>"
        );
        for broken in [
            "<script>never closed",
            "<script",
            "<!-- <script>",
            "<style>a</sty",
        ] {
            assert_eq!(strip_script_text(broken), broken);
        }
    }

    #[test]
    fn br_runs_are_kept_apart_for_readability() {
        let zw = "&#8203;";
        assert_eq!(
            separate_br_runs("2009</font><br><BR />\n<font>SPRINGFIELD"),
            format!("2009</font><br>{zw}<BR />\n<font>SPRINGFIELD")
        );
        assert_eq!(
            separate_br_runs("a<br> <br/>\t<br>b"),
            format!("a<br> {zw}<br/>\t{zw}<br>b")
        );
        // A lone line break, text or another tag between two, and look-alike tags stay.
        for page in [
            "a<br>b",
            "a<br>x<br>b",
            "a<br><i></i><br>b",
            "<brand><br>",
            "<br",
            "a<br><br",
        ] {
            assert!(matches!(separate_br_runs(page), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn list_items_and_cells_are_spaced_apart() {
        assert_eq!(
            space_between_blocks("<li>Avis</li><li>Hertz</LI><td>a</td>\n<td>b</td><p>x</p><p>y"),
            "<li>Avis</li> <li>Hertz</LI> <td>a</td>\n<td>b</td> <p>x</p><p>y"
        );
        for page in [
            "<li>a</li>",
            "<li>a</li> <li>b",
            "</lix><a>",
            "</li",
            "</li>x<a>",
        ] {
            assert!(
                matches!(space_between_blocks(page), Cow::Borrowed(_)),
                "{page}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn br_runs_only_gain_zero_width_spaces(page in "([a-z ]|<br>|<BR/>|</?p>|\\s|é|<){0,40}") {
            let out = separate_br_runs(&page);
            proptest::prop_assert_eq!(out.replace("&#8203;", ""), page);
        }

        #[test]
        fn blocks_only_gain_spaces(page in "([a-z ]|</?li>|</TD>|</?p>|é|<|>){0,40}") {
            let out = space_between_blocks(&page);
            proptest::prop_assert_eq!(out.len() - page.len(), out.matches("> <").count() - page.matches("> <").count());
            proptest::prop_assert_eq!(out.replace("> <", "><"), page.replace("> <", "><"));
        }
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for page in [
            "<",
            "<div",
            "<div a='",
            "<!--",
            "</",
            "</div",
            "<script>x",
            "é<é>",
        ] {
            let _ = cap_markup(page, limits(1, 1));
        }
    }
}
