//! Plain-text shards: one paragraph a line (or hard-wrapped paragraphs separated by blank lines or
//! indentation), articles concatenated with no separator.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

pub use encoding_rs::Encoding;
use newsgraph_model::{Article, Source, Span};

use crate::credits::{credit_role, inline_sign_off, parse_credit_line};
use crate::decompress::read_error;
use crate::error::IngestError;
use crate::normalize::{normalize, OffsetMap};
use crate::segment::{is_headline, segment_layout, SplitMode};

/// Options for reading text.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Read the input in this encoding instead of detecting it (`--encoding NAME`).
    pub encoding: Option<&'static Encoding>,
    /// Whether a text is split into articles (`--split`).
    pub split: SplitMode,
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
            encoding: None,
            split: SplitMode::Auto,
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
    /// The encoding the input was read in, when it was not UTF-8.
    pub encoding: Option<&'static Encoding>,
}

/// The encoding a label names ("latin1", "windows-1252", "utf-16le", …; WHATWG labels), for
/// `--encoding`.
pub fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding '{label}' (a WHATWG label: utf-8, windows-1252, latin1, utf-16le, shift_jis, …)"))
}

/// Input bytes decoded to text.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The decoded text (borrowed when the input was clean UTF-8).
    pub text: Cow<'a, str>,
    /// Translates offsets of `text` back to input bytes (identity for clean UTF-8).
    pub map: OffsetMap,
    /// Invalid sequences replaced by U+FFFD (with `lossy`).
    pub replaced: usize,
    /// The encoding the bytes were read in, when it is not UTF-8.
    pub encoding: Option<&'static Encoding>,
}

/// How much of the input the encoding detector reads: enough to see the non-ASCII bytes of any news
/// text, while keeping detection cheap on huge files.
const DETECT_BYTES: usize = 256 << 10;
/// Below this many non-ASCII bytes the detector's choice among single-byte encodings is a guess.
const THIN_EVIDENCE_BYTES: usize = 16;
/// Share of control characters above which decoded "text" is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Decodes input bytes to text.
///
/// * A byte-order mark, or `forced` (`--encoding`), names the encoding.
/// * Otherwise valid UTF-8 is taken as is. Bytes that are not UTF-8 but hold no valid multi-byte
///   UTF-8 sequence either are a legacy encoding (Windows-1252, Latin-1, …): `chardetng` names it and
///   `encoding_rs` decodes it. UTF-8 with a few broken sequences is corrupt UTF-8, not a legacy file:
///   an error, or U+FFFD replacements with `lossy`.
/// * NUL bytes (outside UTF-16) or many control characters: binary data, rejected.
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    lossy: bool,
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, IngestError> {
    let bom = Encoding::for_bom(bytes);
    let declared = forced.or(bom.map(|(e, _)| e).filter(|&e| e != encoding_rs::UTF_8));
    let decoded = match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let skip = bom.filter(|&(e, _)| e == enc).map_or(0, |(_, n)| n);
            decode_legacy(file, bytes, enc, skip, lossy)?
        }
        _ => {
            if let Some(byte) = memchr::memchr(0, bytes) {
                return Err(IngestError::Binary {
                    file: file.to_string(),
                    byte,
                });
            }
            match std::str::from_utf8(bytes) {
                Ok(s) => Decoded {
                    text: Cow::Borrowed(s),
                    map: OffsetMap::default(),
                    replaced: 0,
                    encoding: None,
                },
                Err(e) if declared.is_some() || has_multibyte_utf8(bytes) => {
                    if !lossy {
                        let byte = e.valid_up_to();
                        let line = memchr::memchr_iter(b'\n', &bytes[..byte]).count() + 1;
                        return Err(IngestError::InvalidUtf8 {
                            file: file.to_string(),
                            byte,
                            line,
                        });
                    }
                    lossy_utf8(bytes)
                }
                Err(_) => decode_legacy(file, bytes, legacy_encoding(bytes), 0, lossy)?,
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    Ok(decoded)
}

/// The legacy encoding of bytes that are not UTF-8, as `chardetng` guesses it from their start.
pub(crate) fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    // A handful of non-ASCII bytes ("£600m" once) is too little evidence to tell the single-byte
    // encodings apart (chardetng picks Ł of windows-1250 for it); news text in English is then
    // far likelier windows-1252 (Latin-1's superset).
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < THIN_EVIDENCE_BYTES && enc.is_single_byte() {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    }
}

/// Whether the bytes hold at least one valid multi-byte UTF-8 sequence.
pub(crate) fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|c| !c.valid().is_ascii())
}

/// UTF-8 with every invalid sequence replaced by U+FFFD (`--lossy`), with the offset map back.
pub fn lossy_utf8(bytes: &[u8]) -> Decoded<'static> {
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
    Decoded {
        text: Cow::Owned(out),
        map: OffsetMap::from_checkpoints(checkpoints),
        replaced,
        encoding: None,
    }
}

/// Decodes `bytes[skip..]` (past a byte-order mark) from a non-UTF-8 encoding, mapping offsets back.
fn decode_legacy(
    file: &str,
    bytes: &[u8],
    enc: &'static Encoding,
    skip: usize,
    lossy: bool,
) -> Result<Decoded<'static>, IngestError> {
    let input = &bytes[skip..];
    let (text, had_errors) = enc.decode_without_bom_handling(input);
    if had_errors && !lossy {
        return Err(IngestError::Format {
            file: file.to_string(),
            message: format!(
                "not valid {} text (use --lossy to replace invalid bytes, --encoding to name another encoding)",
                enc.name()
            ),
        });
    }
    let text = text.into_owned();
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    if text.contains('\0') || controls as f64 > MAX_CONTROL_SHARE * text.len().max(1) as f64 {
        let byte = memchr::memchr(0, bytes).unwrap_or(skip);
        return Err(IngestError::Binary {
            file: file.to_string(),
            byte,
        });
    }
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    let map = legacy_offsets(&text, input, enc, skip);
    Ok(Decoded {
        text: Cow::Owned(text),
        map,
        replaced,
        encoding: Some(enc),
    })
}

/// Offsets of the decoded text back to input bytes: a checkpoint after every character whose UTF-8
/// length differs from its length in the input encoding.
fn legacy_offsets(text: &str, input: &[u8], enc: &'static Encoding, skip: usize) -> OffsetMap {
    let utf16 = enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE;
    if !enc.is_single_byte() && !utf16 {
        return multibyte_offsets(input, enc, skip);
    }
    let mut checkpoints = Vec::new();
    if skip > 0 {
        checkpoints.push((0, skip));
    }
    let (mut out, mut pos) = (0usize, skip);
    for c in text.chars() {
        let input_len = if utf16 { 2 * c.len_utf16() } else { 1 };
        out += c.len_utf8();
        pos += input_len;
        if input_len != c.len_utf8() {
            checkpoints.push((out, pos));
        }
    }
    OffsetMap::from_checkpoints(checkpoints)
}

/// Multi-byte legacy encodings (Big5, Shift_JIS, GBK, …): the input is decoded again a byte at a
/// time, so each character's input length is what the decoder consumed for it. (Re-encoding the
/// decoded text is not exact: decoders accept characters the encoders do not produce, such as
/// Big5-HKSCS, which then come back as `&#…;` references of the wrong length.)
fn multibyte_offsets(input: &[u8], enc: &'static Encoding, skip: usize) -> OffsetMap {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut checkpoints = Vec::new();
    if skip > 0 {
        checkpoints.push((0, skip));
    }
    let mut out = 0usize;
    let mut shift = skip as isize;
    let mut buf = [0u8; 64];
    for (i, &b) in input.iter().enumerate() {
        let last = i + 1 == input.len();
        let (_, _, written, _) = decoder.decode_to_utf8(&[b], &mut buf, last);
        if written == 0 {
            continue;
        }
        out += written;
        let pos = skip + i + 1;
        let now = pos as isize - out as isize;
        if now != shift {
            checkpoints.push((out, pos));
            shift = now;
        }
    }
    OffsetMap::from_checkpoints(checkpoints)
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
    let decoded = decode(file, bytes, opts.lossy, opts.encoding)?;
    let text = &decoded.text;
    let (units, wrapped) = units_of(file, text, opts)?;
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
    // A blank line follows a paragraph when the next one starts more than one line further down.
    let blank_after: Vec<bool> = units
        .windows(2)
        .map(|w| w[1].first_line > w[0].last_line + 1)
        .collect();
    let mut report = ShardReport {
        replaced_invalid: decoded.replaced,
        encoding: decoded.encoding,
        ..Default::default()
    };
    let mut articles = Vec::new();
    let mut covered_to = 0usize;
    for seg in segment_layout(&refs, &blank_after, opts.split) {
        let (first, last) = (&units[seg.start], &units[seg.end - 1]);
        let mut raw = text[first.start..last.end].to_string();
        if wrapped {
            // Line breaks inside a paragraph become spaces (same length: offsets do not move);
            // breaks between paragraphs stay.
            raw = join_wrapped_lines(&raw, &units[seg.start..seg.end], first.start);
        }
        let (byte_start, byte_end) = (
            decoded.map.to_original(first.start),
            decoded.map.to_original(last.end),
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
        let mut article = shard_article(&raw, source, &decoded);
        // A first short line without sentence punctuation, set off by a blank line, is the headline.
        let headed =
            seg.end - seg.start > 1 && blank_after.get(seg.start).copied().unwrap_or(false);
        if headed && is_headline(refs[seg.start]) {
            article.title = Some(normalize(refs[seg.start]).text.trim().to_string());
        }
        article.segment = Some(seg.reason.info());
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

/// An article over one segment's raw text: normalised, with what decoding did recorded in `meta`.
fn shard_article(raw: &str, source: Source, decoded: &Decoded) -> Article {
    let normalized = normalize(raw);
    let mut article = Article::new(normalized.text, source);
    if !normalized.map.is_identity() {
        article.meta.insert(
            "offset_map".into(),
            serde_json::json!(normalized.map.checkpoints()),
        );
    }
    if decoded.replaced > 0 {
        article
            .meta
            .insert("lossy_decoding".into(), serde_json::json!(true));
    }
    if let Some(enc) = decoded.encoding {
        article
            .meta
            .insert("encoding".into(), serde_json::json!(enc.name()));
    }
    article
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
    let mut chunk_opts = text_opts.clone();
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
            let (articles, shard) = read_shard(&file, &buf, &chunk_opts).map_err(located)?;
            // The first chunk's encoding is the file's: later chunks are read in it, not guessed anew.
            chunk_opts.encoding = chunk_opts.encoding.or(shard.encoding);
            total.encoding = total.encoding.or(shard.encoding);
            let chunk_edge = any_text;
            any_text = true;
            total.replaced_invalid += shard.replaced_invalid;
            total.separators.extend(
                shard
                    .separators
                    .iter()
                    .map(|s| [s[0] + base_byte, s[1] + base_byte]),
            );
            for (k, mut a) in articles.into_iter().enumerate() {
                if k == 0 && chunk_edge {
                    if let Some(seg) = a.segment.as_mut().filter(|s| s.reason == "start") {
                        seg.reason = "chunk_edge".into();
                    }
                }
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
    // `read_to_end` grows the buffer with the data: zero-filling a whole 32 MB chunk up front
    // cost every small file a 32 MB memset, its page faults and an munmap (issue 18's
    // "~1.4 ms/article of munmap": 80 % of ingest time on BBC-sized files).
    let want = u64::try_from(want).unwrap_or(u64::MAX);
    reader.take(want).read_to_end(buf)
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
    crate::jsonl::read_line_capped(reader, &mut Vec::new(), 0).map(|(len, _)| len)
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

/// Finds credit lines among the article's paragraphs, and sign-offs glued to the end of its last
/// paragraph, and fills `credits` and `credit_spans`.
pub fn apply_credits(article: &mut Article) {
    let mut last_body = None;
    for (i, p) in article.paragraphs.clone().into_iter().enumerate() {
        let s = p.slice(&article.text);
        if credit_role(s).is_some() {
            parse_credit_line(s, &mut article.credits);
            article.credit_spans.push(p);
        } else {
            last_body = Some(i);
        }
    }
    // Only the last body paragraph can end with a glued sign-off.
    if let Some(p) = last_body.and_then(|i| article.paragraphs.get(i).copied()) {
        let s = p.slice(&article.text);
        {
            if let Some(at) = inline_sign_off(s) {
                let tail = Span::new(p.start + at, p.start + s.trim_end().len());
                parse_credit_line(tail.slice(&article.text), &mut article.credits);
                article.credit_spans.push(tail);
                article.credit_spans.sort_by_key(|span| span.start);
            }
        }
    }
}
