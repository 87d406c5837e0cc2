//! Plain-text shards: one paragraph a line (or hard-wrapped paragraphs separated by blank lines or
//! indentation), articles concatenated with no separator.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use newsgraph_model::{Article, Source};

use crate::credits::{credit_role, parse_credit_line};
use crate::decompress::read_error;
use crate::error::IngestError;
use crate::normalize::{normalize, OffsetMap};
use crate::segment::segment;

/// Options for reading text.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// A single line, or paragraph of hard-wrapped lines, longer than this is an error (a 100 MB
    /// "line" is not news text); also the limit for one JSON Lines record.
    pub max_line_bytes: usize,
    /// Text files are read in chunks of about this size, cut at a line end, so memory stays bounded
    /// whatever the file size. Segmentation sees one chunk at a time, so a chunk edge is an article
    /// boundary (one forced boundary per chunk).
    pub chunk_bytes: usize,
    /// How far a gzip-compressed input may expand (every compressed reader streams under it).
    pub gzip: crate::decompress::Limits,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            lossy: false,
            max_line_bytes: 4 << 20,
            chunk_bytes: 32 << 20,
            gzip: crate::decompress::Limits::default(),
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
    // Hard-wrapped lines join into paragraphs: cap those too, or one 100 MB "paragraph" of short
    // lines would reach the later stages whole.
    if let Some(u) = units.iter().find(|u| u.end - u.start > opts.max_line_bytes) {
        return Err(IngestError::ParagraphTooLong {
            file: file.to_string(),
            line: u.first_line,
            byte: u.start,
            len: u.end - u.start,
            limit: opts.max_line_bytes,
        });
    }
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

/// Reads a text stream (`file` names it in errors and sources) chunk by chunk: each chunk is cut
/// after its last line end and read as a shard on its own ([`read_shard`]), so memory stays
/// bounded whatever the size. A line with no end within `max_line_bytes` is measured to its real
/// end without being held, and reported. Articles go to `sink` in input order, with file offsets.
pub fn read_text_stream(
    reader: &mut dyn BufRead,
    file: &str,
    text_opts: &TextOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<ShardReport, IngestError> {
    let file = file.to_string();
    let mut total = ShardReport::default();
    let mut carry: Vec<u8> = Vec::new();
    let (mut base_byte, mut base_line) = (0usize, 0usize);
    let mut eof = false;
    let mut any_text = false;
    while !eof {
        let mut buf = std::mem::take(&mut carry);
        let want = text_opts.chunk_bytes.max(text_opts.max_line_bytes + 1);
        let filled = fill(reader, &mut buf, want).map_err(|e| read_error(&file, e))?;
        eof = filled < want;
        // Cut after the last line end; the rest starts the next chunk.
        let cut = if eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1)
        };
        carry = buf.split_off(cut);
        if buf.iter().all(u8::is_ascii_whitespace) {
            if !buf.is_empty() {
                total.separators.push([base_byte, base_byte + buf.len()]);
            }
        } else {
            let located = |e: IngestError| shift_error(e, base_byte, base_line);
            let (articles, shard) = read_shard(&file, &buf, text_opts).map_err(located)?;
            any_text = true;
            total.replaced_invalid += shard.replaced_invalid;
            total.separators.extend(
                shard
                    .separators
                    .iter()
                    .map(|s| [s[0] + base_byte, s[1] + base_byte]),
            );
            for mut a in articles {
                a.source.bytes = [a.source.bytes[0] + base_byte, a.source.bytes[1] + base_byte];
                a.source.lines = [a.source.lines[0] + base_line, a.source.lines[1] + base_line];
                sink(a);
            }
        }
        base_line += memchr::memchr_iter(b'\n', &buf).count();
        base_byte += buf.len();
        if carry.len() > text_opts.max_line_bytes {
            let limit = text_opts.max_line_bytes;
            return Err(overlong_line(
                &file, &carry, reader, base_byte, base_line, limit,
            ));
        }
    }
    if !any_text {
        return Err(IngestError::Empty { file });
    }
    Ok(total)
}

/// Appends up to `want` bytes from `reader` to `buf`; returns how many came (fewer only at the end).
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let start = buf.len();
    buf.resize(start + want, 0);
    let mut filled = 0;
    while filled < want {
        match reader.read(&mut buf[start + filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(start + filled);
                return Err(e);
            }
        }
    }
    buf.truncate(start + filled);
    Ok(filled)
}

/// The error for a line that has no end within the limit (`head` is its start, at file byte
/// `byte` on line `line + 1`): binary data if it holds a NUL, else the line measured to its real
/// end by reading on without keeping the bytes.
fn overlong_line(
    file: &str,
    head: &[u8],
    reader: &mut dyn BufRead,
    byte: usize,
    line: usize,
    limit: usize,
) -> IngestError {
    if let Some(nul) = memchr::memchr(0, head) {
        return IngestError::Binary {
            file: file.to_string(),
            byte: byte + nul,
        };
    }
    let rest = match skip_line(reader) {
        Ok(n) => n,
        Err(e) => return read_error(file, e),
    };
    IngestError::LineTooLong {
        file: file.to_string(),
        line: line + 1,
        byte,
        len: head.len() + rest,
        limit,
    }
}

/// Reads and discards up to the next `\n` (not counted) or the end; returns the bytes skipped.
fn skip_line(reader: &mut dyn BufRead) -> io::Result<usize> {
    let mut skipped = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n;
            }
        }
    }
}

/// Moves the position an error reports from chunk-relative to file-relative.
fn shift_error(e: IngestError, base_byte: usize, base_line: usize) -> IngestError {
    match e {
        IngestError::InvalidUtf8 { file, byte, line } => IngestError::InvalidUtf8 {
            file,
            byte: byte + base_byte,
            line: line + base_line,
        },
        IngestError::Binary { file, byte } => IngestError::Binary {
            file,
            byte: byte + base_byte,
        },
        IngestError::LineTooLong {
            file,
            line,
            byte,
            len,
            limit,
        } => IngestError::LineTooLong {
            file,
            line: line + base_line,
            byte: byte + base_byte,
            len,
            limit,
        },
        IngestError::ParagraphTooLong {
            file,
            line,
            byte,
            len,
            limit,
        } => IngestError::ParagraphTooLong {
            file,
            line: line + base_line,
            byte: byte + base_byte,
            len,
            limit,
        },
        other => other,
    }
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
