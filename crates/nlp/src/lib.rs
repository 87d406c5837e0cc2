//! Linguistic core: tokenizer, sentence splitter and named-entity recogniser.
//!
//! All positions are byte offsets into the text given.

use newsgraph_model::{Entity, Span};

/// A token: its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Splits `text` into tokens. (Initial whitespace/punctuation splitter; replaced by the news tokenizer.)
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(Token {
                    span: Span::new(s, i),
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    span: Span::new(i, i + c.len_utf8()),
                });
            }
        }
    }
    if let Some(s) = start {
        out.push(Token {
            span: Span::new(s, text.len()),
        });
    }
    out
}

/// Splits `text` into sentence spans. (Initial splitter; replaced by the news sentence splitter.)
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = b == b'\n'
            || ((b == b'.' || b == b'?' || b == b'!')
                && bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\n'));
        if end_here {
            let e = if b == b'\n' { i } else { i + 1 };
            push_trimmed(text, start, e, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(Span::new(s + lead, s + lead + t.len()));
    }
}

/// The named-entity recogniser.
pub struct NerModel {
    _private: (),
}

impl NerModel {
    /// The model embedded in the binary.
    pub fn embedded() -> &'static NerModel {
        static M: NerModel = NerModel { _private: () };
        &M
    }

    /// Entity mentions in `text`.
    pub fn tag(&self, _text: &str) -> Vec<Entity> {
        Vec::new()
    }
}
