//! Turns an article's text and its overlapping spans (paragraphs, quotes, speakers, cues,
//! entities, dates, figures) into properly nested HTML.
//!
//! Spans from different stages may cross each other. They are made laminar first (every two spans
//! either nest or are disjoint) by splitting the inner-layer span at the outer span's edge, then
//! turned into a tree and rendered. Text is always escaped by maud; nothing here builds markup from
//! strings.

use maud::{html, Markup};

/// What a span marks. Indexes point into the article's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    Paragraph { credit: bool },
    Quote(usize),
    Speaker(usize),
    Cue(usize),
    Entity(usize),
    Date(usize),
    Figure(usize),
}

impl MarkKind {
    /// Outer layers first: a paragraph holds quotes, which hold speakers and entities.
    fn layer(self) -> u8 {
        match self {
            MarkKind::Paragraph { .. } => 0,
            MarkKind::Quote(_) => 1,
            MarkKind::Speaker(_) | MarkKind::Cue(_) => 2,
            MarkKind::Entity(_) => 3,
            MarkKind::Date(_) | MarkKind::Figure(_) => 4,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
    /// Which piece this is when the span had to be split (0 for the first).
    pub piece: usize,
}

impl Mark {
    pub(super) fn new(start: usize, end: usize, kind: MarkKind) -> Mark {
        Mark {
            start,
            end,
            kind,
            piece: 0,
        }
    }
}

/// Most spans one article is rendered with; the rest is shown as plain text.
const MAX_MARKS: usize = 20_000;

/// Drops spans that do not fit `text` and splits crossing ones so that all nest.
pub(super) fn make_laminar(text: &str, marks: Vec<Mark>) -> Vec<Mark> {
    let mut marks: Vec<Mark> = marks
        .into_iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .take(MAX_MARKS)
        .collect();
    marks.sort_by_key(|m| (m.kind.layer(), m.start, std::cmp::Reverse(m.end)));
    let mut accepted: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        let mut pieces = vec![(m.start, m.end)];
        // Split at every edge of an accepted span that falls strictly inside a piece it crosses.
        for a in &accepted {
            let mut next = Vec::with_capacity(pieces.len() + 1);
            for (s, e) in pieces {
                let crosses_start = s < a.start && a.start < e && e < a.end;
                let crosses_end = a.start < s && s < a.end && a.end < e;
                if crosses_start {
                    next.push((s, a.start));
                    next.push((a.start, e));
                } else if crosses_end {
                    next.push((s, a.end));
                    next.push((a.end, e));
                } else {
                    next.push((s, e));
                }
            }
            pieces = next;
        }
        let mut piece_no = 0;
        for (s, e) in pieces {
            // Leave out pieces that are only whitespace or punctuation.
            let covered = text.get(s..e).unwrap_or("");
            if !covered.chars().any(char::is_alphanumeric) {
                continue;
            }
            accepted.push(Mark {
                start: s,
                end: e,
                kind: m.kind,
                piece: piece_no,
            });
            piece_no += 1;
        }
    }
    // Identical ranges: the outer layer first, so it becomes the parent.
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.kind.layer()));
    accepted
}

/// A node of the rendered tree.
#[derive(Debug)]
pub(super) enum Node {
    Text { start: usize, end: usize },
    Mark { mark: Mark, children: Vec<Node> },
}

/// Builds the tree of laminar, sorted `marks` over `text[0..len]`.
pub(super) fn build_tree(len: usize, marks: &[Mark]) -> Vec<Node> {
    struct Open {
        mark: Option<Mark>,
        children: Vec<Node>,
        pos: usize,
        end: usize,
    }
    let mut stack = vec![Open {
        mark: None,
        children: Vec::new(),
        pos: 0,
        end: len,
    }];
    fn close(stack: &mut Vec<Open>) {
        if stack.len() < 2 {
            return;
        }
        if let Some(mut top) = stack.pop() {
            if top.pos < top.end {
                top.children.push(Node::Text {
                    start: top.pos,
                    end: top.end,
                });
            }
            let end = top.end;
            if let (Some(mark), Some(parent)) = (top.mark, stack.last_mut()) {
                parent.children.push(Node::Mark {
                    mark,
                    children: top.children,
                });
                parent.pos = end;
            }
        }
    }
    for m in marks {
        while stack.len() > 1 && stack.last().is_some_and(|t| t.end <= m.start) {
            close(&mut stack);
        }
        let Some(top) = stack.last_mut() else { break };
        // A mark that does not nest in the open one (make_laminar prevents this) is skipped.
        if m.start < top.pos || m.end > top.end {
            continue;
        }
        if top.pos < m.start {
            top.children.push(Node::Text {
                start: top.pos,
                end: m.start,
            });
        }
        top.pos = m.start;
        stack.push(Open {
            mark: Some(*m),
            children: Vec::new(),
            pos: m.start,
            end: m.end,
        });
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    let mut root = stack.pop().map(|r| (r.children, r.pos)).unwrap_or_default();
    if root.1 < len {
        root.0.push(Node::Text {
            start: root.1,
            end: len,
        });
    }
    root.0
}

/// How each kind of mark is drawn; the reader implements it with the article's data.
pub(super) trait MarkRenderer {
    /// Wraps `inner` (already rendered children) for `mark`. `in_link` tells whether an ancestor
    /// is a link, so that links are never nested.
    fn wrap(&self, mark: &Mark, inner: Markup, in_link: bool) -> Markup;
    /// Whether `mark` renders as a link.
    fn is_link(&self, mark: &Mark) -> bool;
}

pub(super) fn render(text: &str, nodes: &[Node], r: &dyn MarkRenderer, in_link: bool) -> Markup {
    html! {
        @for node in nodes {
            @match node {
                Node::Text { start, end } => { (text.get(*start..*end).unwrap_or("")) }
                Node::Mark { mark, children } => {
                    @let link = in_link || r.is_link(mark);
                    (r.wrap(mark, render(text, children, r, link), in_link))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Brackets;
    impl MarkRenderer for Brackets {
        fn wrap(&self, mark: &Mark, inner: Markup, _in_link: bool) -> Markup {
            let tag = match mark.kind {
                MarkKind::Paragraph { .. } => "p",
                MarkKind::Quote(_) => "q",
                MarkKind::Speaker(_) => "s",
                MarkKind::Cue(_) => "c",
                MarkKind::Entity(_) => "e",
                MarkKind::Date(_) => "d",
                MarkKind::Figure(_) => "f",
            };
            html! { "[" (tag) (mark.piece) ":" (inner) "]" }
        }
        fn is_link(&self, _mark: &Mark) -> bool {
            false
        }
    }

    fn show(text: &str, marks: Vec<Mark>) -> String {
        let marks = make_laminar(text, marks);
        let tree = build_tree(text.len(), &marks);
        render(text, &tree, &Brackets, false).into_string()
    }

    #[test]
    fn nests_quotes_speakers_and_entities() {
        let text = "\"We agree,\" Mr Blair said.";
        let out = show(
            text,
            vec![
                Mark::new(0, text.len(), MarkKind::Paragraph { credit: false }),
                Mark::new(1, 9, MarkKind::Quote(0)),
                Mark::new(12, 20, MarkKind::Speaker(0)),
                Mark::new(15, 20, MarkKind::Entity(0)),
                Mark::new(21, 25, MarkKind::Cue(0)),
            ],
        );
        assert_eq!(
            out,
            "[p0:&quot;[q0:We agree],&quot; [s0:Mr [e0:Blair]] [c0:said].]"
        );
    }

    #[test]
    fn crossing_spans_are_split_not_dropped() {
        let text = "alpha beta gamma delta";
        // The entity "beta gamma" crosses the end of the quote "alpha beta".
        let out = show(
            text,
            vec![
                Mark::new(0, 10, MarkKind::Quote(0)),
                Mark::new(6, 16, MarkKind::Entity(0)),
            ],
        );
        assert_eq!(out, "[q0:alpha [e0:beta]][e1: gamma] delta");
    }

    #[test]
    fn identical_ranges_put_the_outer_layer_outside() {
        let text = "Varki said";
        let out = show(
            text,
            vec![
                Mark::new(0, 5, MarkKind::Entity(0)),
                Mark::new(0, 5, MarkKind::Speaker(0)),
            ],
        );
        assert_eq!(out, "[s0:[e0:Varki]] said");
    }

    #[test]
    fn bad_spans_are_ignored_and_text_is_escaped() {
        let text = "é <script>alert(1)</script>";
        let out = show(
            text,
            vec![
                Mark::new(1, 2, MarkKind::Entity(0)), // inside "é"
                Mark::new(5, 500, MarkKind::Quote(0)),
                Mark::new(9, 3, MarkKind::Quote(1)),
            ],
        );
        assert_eq!(out, "é &lt;script&gt;alert(1)&lt;/script&gt;");
    }

    #[test]
    fn every_byte_of_text_is_rendered_once() {
        // Many random-ish overlapping spans: the text content must survive unchanged.
        let text =
            "Gordon Brown said the Labour Party would win, officials in London said on Monday.";
        let mut marks = Vec::new();
        for i in 0..40usize {
            let s = (i * 7) % text.len();
            let e = (s + 3 + (i * 13) % 25).min(text.len());
            let kind = match i % 5 {
                0 => MarkKind::Quote(i),
                1 => MarkKind::Speaker(i),
                2 => MarkKind::Entity(i),
                3 => MarkKind::Date(i),
                _ => MarkKind::Figure(i),
            };
            marks.push(Mark::new(s, e, kind));
        }
        let laminar = make_laminar(text, marks);
        for a in &laminar {
            for b in &laminar {
                let nest = (a.start <= b.start && b.end <= a.end)
                    || (b.start <= a.start && a.end <= b.end);
                let disjoint = a.end <= b.start || b.end <= a.start;
                assert!(nest || disjoint, "{a:?} crosses {b:?}");
            }
        }
        let tree = build_tree(text.len(), &laminar);
        fn collect(text: &str, nodes: &[Node], out: &mut String) {
            for n in nodes {
                match n {
                    Node::Text { start, end } => out.push_str(&text[*start..*end]),
                    Node::Mark { children, .. } => collect(text, children, out),
                }
            }
        }
        let mut back = String::new();
        collect(text, &tree, &mut back);
        assert_eq!(back, text);
    }
}
