//! Plain-text shards: one paragraph a line (or hard-wrapped paragraphs separated by blank lines or
//! indentation), articles concatenated with no separator.

use std::borrow::Cow;

use newsgraph_model::{Article, Source};

use crate::credits::{credit_role, parse_credit_line};
use crate::error::IngestError;
use crate::normalize::{normalize, OffsetMap};
use crate::segment::segment;

/// Options for reading text.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// A single paragraph longer than this is an error (a 100 MB "line" is not news text).
    pub max_line_bytes: usize,
    /// Text files are read in chunks of about this size, cut at a line end, so memory stays bounded
    /// whatever the file size. Segmentation sees one chunk at a time, so a chunk edge is an article
    /// boundary (one forced boundary per chunk).
    pub chunk_bytes: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            lossy: false,
            max_line_bytes: 4 << 20,
            chunk_bytes: 32 << 20,
        }
    }
}

/// What reading one shard found besides its articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShardReport {
    /// Byte ranges of the input that belong to no article: only whitespace between articles.
    pub separators: Vec<[usize; 2]>,
    /// Invalid UTF-8 sequences replaced (with `lossy`).
    pub replaced_invalid: usize,
}

/// Decodes input bytes to text, rejecting binary data and (unless `lossy`) invalid UTF-8. The map
/// translates offsets of the decoded text back to input bytes (identity unless bytes were replaced).
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    lossy: bool,
) -> Result<(Cow<'a, str>, OffsetMap, usize), IngestError> {
    if let Some(byte) = memchr::memchr(0, bytes) {
        return Err(IngestError::Binary {
            file: file.to_string(),
            byte,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if s.trim().is_empty() {
                return Err(IngestError::Empty {
                    file: file.to_string(),
                });
            }
            Ok((Cow::Borrowed(s), OffsetMap::default(), 0))
        }
        Err(e) if !lossy => {
            let byte = e.valid_up_to();
            let line = memchr::memchr_iter(b'\n', &bytes[..byte]).count() + 1;
            Err(IngestError::InvalidUtf8 {
                file: file.to_string(),
                byte,
                line,
            })
        }
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut checkpoints = Vec::new();
            let mut replaced = 0;
            let mut pos = 0;
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                pos += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    out.push('\u{FFFD}');
                    pos += chunk.invalid().len();
                    replaced += 1;
                    checkpoints.push((out.len(), pos));
                }
            }
            if out.trim().is_empty() {
                return Err(IngestError::Empty {
                    file: file.to_string(),
                });
            }
            Ok((
                Cow::Owned(out),
                OffsetMap::from_checkpoints(checkpoints),
                replaced,
            ))
        }
    }
}

/// One paragraph of the decoded text.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    first_line: usize,
    last_line: usize,
}

struct Line {
    start: usize,
    end: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        let end = if nl > start && text.as_bytes().get(nl - 1) == Some(&b'\r') {
            nl - 1
        } else {
            nl
        };
        out.push(Line { start, end });
        start = nl + 1;
    }
    out
}

/// Hard-wrapped text (most lines short and ending mid-sentence) has paragraphs that span lines.
fn is_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    let full: Vec<&str> = lines
        .iter()
        .map(|l| &text[l.start..l.end])
        .filter(|l| !l.trim().is_empty())
        .collect();
    if full.len() < 8 {
        return false;
    }
    let wrapped = full
        .iter()
        .filter(|l| {
            l.len() <= 100
                && l.trim_end()
                    .ends_with(|c: char| c.is_alphanumeric() || c == ',')
        })
        .count();
    wrapped * 2 > full.len()
}

fn units_of(file: &str, text: &str, opts: &TextOptions) -> Result<(Vec<Unit>, bool), IngestError> {
    let lines = lines_of(text);
    for (n, l) in lines.iter().enumerate() {
        if l.end - l.start > opts.max_line_bytes {
            return Err(IngestError::LineTooLong {
                file: file.to_string(),
                line: n + 1,
                byte: l.start,
                len: l.end - l.start,
                limit: opts.max_line_bytes,
            });
        }
    }
    let wrapped = is_hard_wrapped(text, &lines);
    let mut units: Vec<Unit> = Vec::new();
    let mut open: Option<Unit> = None;
    for (n, l) in lines.iter().enumerate() {
        let s = &text[l.start..l.end];
        let trimmed = s.trim();
        if trimmed.is_empty() {
            units.extend(open.take());
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let start = l.start + lead;
        let end = start + trimmed.len();
        let indented = lead > 0;
        match open.as_mut() {
            Some(u) if wrapped && !indented => {
                u.end = end;
                u.last_line = n + 1;
            }
            _ => {
                units.extend(open.take());
                open = Some(Unit {
                    start,
                    end,
                    first_line: n + 1,
                    last_line: n + 1,
                });
            }
        }
        if !wrapped {
            units.extend(open.take());
        }
    }
    units.extend(open);
    Ok((units, wrapped))
}

/// Reads a text shard into articles: decode, split into paragraphs, segment, normalise, parse credits.
pub fn read_shard(
    file: &str,
    bytes: &[u8],
    opts: &TextOptions,
) -> Result<(Vec<Article>, ShardReport), IngestError> {
    let (text, file_map, replaced) = decode(file, bytes, opts.lossy)?;
    let (units, wrapped) = units_of(file, &text, opts)?;
    // Paragraph text as the segmenter reads it: hard-wrapped lines joined by spaces.
    let unit_texts: Vec<Cow<str>> = units
        .iter()
        .map(|u| {
            let s = &text[u.start..u.end];
            if wrapped && s.contains('\n') {
                Cow::Owned(s.replace("\r\n", "  ").replace('\n', " "))
            } else {
                Cow::Borrowed(s)
            }
        })
        .collect();
    let refs: Vec<&str> = unit_texts.iter().map(|c| c.as_ref()).collect();
    let mut report = ShardReport {
        replaced_invalid: replaced,
        ..Default::default()
    };
    let mut articles = Vec::new();
    let mut covered_to = 0usize;
    for seg in segment(&refs) {
        let (first, last) = (&units[seg.start], &units[seg.end - 1]);
        let mut raw = text[first.start..last.end].to_string();
        if wrapped {
            // Line breaks inside a paragraph become spaces (same length: offsets do not move);
            // breaks between paragraphs stay.
            raw = join_wrapped_lines(&raw, &units[seg.start..seg.end], first.start);
        }
        let normalized = normalize(&raw);
        let (byte_start, byte_end) = (
            file_map.to_original(first.start),
            file_map.to_original(last.end),
        );
        if byte_start > covered_to {
            report.separators.push([covered_to, byte_start]);
        }
        covered_to = byte_end;
        let source = Source {
            file: file.to_string(),
            lines: [first.first_line, last.last_line],
            bytes: [byte_start, byte_end],
        };
        let mut article = Article::new(normalized.text, source);
        if !normalized.map.is_identity() {
            article.meta.insert(
                "offset_map".into(),
                serde_json::json!(normalized.map.checkpoints()),
            );
        }
        if replaced > 0 {
            article
                .meta
                .insert("lossy_decoding".into(), serde_json::json!(true));
        }
        article.truncated = seg.truncated.is_some();
        article.truncation_reason = seg.truncated;
        apply_credits(&mut article);
        articles.push(article);
    }
    if covered_to < bytes.len() {
        report.separators.push([covered_to, bytes.len()]);
    }
    Ok((articles, report))
}

fn join_wrapped_lines(raw: &str, units: &[Unit], base: usize) -> String {
    let mut bytes = raw.as_bytes().to_vec();
    for u in units {
        for b in bytes.iter_mut().take(u.end - base).skip(u.start - base) {
            if *b == b'\n' || *b == b'\r' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Finds credit lines among the article's paragraphs, fills `credits` and `credit_spans`.
pub fn apply_credits(article: &mut Article) {
    for p in article.paragraphs.clone() {
        let s = p.slice(&article.text);
        if credit_role(s).is_some() {
            parse_credit_line(s, &mut article.credits);
            article.credit_spans.push(p);
        }
    }
}
