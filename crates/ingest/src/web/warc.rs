//! WARC archives (`.warc`, `.warc.gz`, Common Crawl News layout), read record by record.
//!
//! Streaming with constant memory: a record is never held whole unless it is an HTML page under
//! the page limit; everything else is skipped as it streams by, and counted. `.warc.gz` files are
//! read gzip member by member (Common Crawl compresses each record on its own), so a record's
//! offset is the compressed offset of its member, the number a CDX index gives. A record that does
//! not start a member (a whole-file gzip) is named `member+offset-within-member`.
//!
//! A truncated or corrupt archive yields one error naming the record's offset and ends the
//! iteration; every record before it has been yielded. A record with an unreadable WARC header is
//! reported and reading resumes at the next `WARC/` line.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use newsgraph_model::Article;

use super::html::{extract_page, Extractor, PageContext};
use super::WebError;

/// Pages larger than this (after HTTP decoding) are skipped and counted, not read.
pub const DEFAULT_MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_BYTES: usize = 256 * 1024;
const IO_BUFFER: usize = 64 * 1024;

/// Why a record gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// `warcinfo`, `request`, `metadata`, `revisit`, … (the WARC-Type is given).
    NotResponse(String),
    /// An HTTP response or resource that is not HTML (the Content-Type is given).
    NotHtml(String),
    /// A non-2xx HTTP status (redirects, errors).
    HttpStatus(u16),
    /// The payload is over the page limit (its size is given).
    TooLarge(u64),
    /// A content or transfer encoding we do not decode (e.g. `br`), or a broken one.
    Encoding(String),
    /// The page has no article text.
    NoText,
}

/// A record that yielded no article.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// `archive#offset`, as an article's `source.file` would be.
    pub record: String,
    /// The record's `WARC-Target-URI`, when it has one.
    pub target_uri: Option<String>,
    /// Why the record gave no article.
    pub reason: SkipReason,
}

/// One item of a [`WarcReader`].
#[derive(Debug)]
pub enum WarcItem {
    /// An article extracted from an HTML response.
    Article(Box<Article>),
    /// A record that gave no article, and why.
    Skipped(Skipped),
}

/// Record counts so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcCounts {
    /// Records read.
    pub records: usize,
    /// Articles produced.
    pub articles: usize,
    /// Records that are not responses or resources (warcinfo, request, …).
    pub not_response: usize,
    /// Responses that are not HTML.
    pub not_html: usize,
    /// Responses with a non-2xx HTTP status.
    pub http_status: usize,
    /// Payloads over the page limit.
    pub too_large: usize,
    /// Payloads in an encoding we do not decode.
    pub encoding: usize,
    /// Pages with no article text.
    pub no_text: usize,
    /// Corrupt records and the final truncation/gzip error, if any.
    pub errors: usize,
}

impl WarcCounts {
    /// All records skipped on purpose (everything but articles and errors).
    pub fn skipped(&self) -> usize {
        self.not_response
            + self.not_html
            + self.http_status
            + self.too_large
            + self.encoding
            + self.no_text
    }

    fn count(&mut self, reason: &SkipReason) {
        match reason {
            SkipReason::NotResponse(_) => self.not_response += 1,
            SkipReason::NotHtml(_) => self.not_html += 1,
            SkipReason::HttpStatus(_) => self.http_status += 1,
            SkipReason::TooLarge(_) => self.too_large += 1,
            SkipReason::Encoding(_) => self.encoding += 1,
            SkipReason::NoText => self.no_text += 1,
        }
    }
}

/// An HTML payload of a WARC record, not yet extracted (so callers can extract in parallel).
#[derive(Debug, Clone)]
pub struct HtmlPage {
    /// `archive#offset`.
    pub record: String,
    /// Decoded HTTP body (chunking and gzip/deflate undone).
    pub html: Vec<u8>,
    /// Target URI, WARC-Date and declared charset.
    pub context: PageContext,
    /// Record start and end in the archive file (compressed offsets for `.warc.gz`; the end is the
    /// start when the record's member end is not known yet).
    pub bytes: [usize; 2],
}

impl HtmlPage {
    /// Extracts the page's article; `source.file` is the record name, `source.bytes` its extent.
    pub fn extract(&self) -> Result<Article, WebError> {
        let mut article =
            extract_page(&self.html, &self.record, &self.context, Extractor::Selected)?;
        article.source.bytes = self.bytes;
        Ok(article)
    }
}

/// One item of [`WarcPages`].
#[derive(Debug)]
pub enum WarcPage {
    /// An HTML page, not yet extracted.
    Page(HtmlPage),
    /// A record that gave no page, and why.
    Skipped(Skipped),
}

/// Bytes consumed from the underlying file.
struct Counting<R> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

type Member<R> = BufReader<flate2::bufread::GzDecoder<Counting<R>>>;

fn new_member<R: Read>(raw: Counting<R>) -> Box<Member<R>> {
    Box::new(BufReader::with_capacity(
        IO_BUFFER,
        flate2::bufread::GzDecoder::new(raw),
    ))
}

/// A position in the archive: file offset, plus the offset inside a gzip member when the record
/// does not start one.
type Position = (u64, Option<u64>);

/// The decompressed byte stream, with the position of what has been consumed.
enum Input<R: Read> {
    Plain(Counting<R>),
    Gzip {
        /// None once the last member is done.
        member: Option<Box<Member<R>>>,
        /// Compressed offset where the current member starts.
        member_start: u64,
        /// Decompressed bytes consumed in the current member.
        in_member: u64,
    },
}

impl<R: Read> Input<R> {
    fn new(reader: R, gzipped: bool) -> Self {
        let counting = Counting {
            inner: BufReader::with_capacity(IO_BUFFER, reader),
            pos: 0,
        };
        if gzipped {
            Input::Gzip {
                member: Some(new_member(counting)),
                member_start: 0,
                in_member: 0,
            }
        } else {
            Input::Plain(counting)
        }
    }

    /// Buffered bytes; moves on to the next gzip member when the current one is done.
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Input::Plain(r) => r.fill_buf(),
            Input::Gzip {
                member,
                member_start,
                in_member,
            } => {
                loop {
                    let Some(m) = member.as_mut() else {
                        return Ok(&[]);
                    };
                    if !m.fill_buf()?.is_empty() {
                        break;
                    }
                    let Some(done) = member.take() else {
                        return Ok(&[]);
                    };
                    let mut raw = done.into_inner().into_inner();
                    if raw.fill_buf()?.is_empty() {
                        return Ok(&[]);
                    }
                    *member_start = raw.pos;
                    *in_member = 0;
                    *member = Some(new_member(raw));
                }
                match member.as_mut() {
                    Some(m) => m.fill_buf(),
                    None => Ok(&[]),
                }
            }
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Input::Plain(r) => r.consume(n),
            Input::Gzip {
                member, in_member, ..
            } => {
                if let Some(m) = member.as_mut() {
                    m.consume(n);
                    *in_member += n as u64;
                }
            }
        }
    }

    /// The current position: (file offset, offset inside the gzip member when not at its start).
    fn position(&self) -> Position {
        match self {
            Input::Plain(r) => (r.pos, None),
            Input::Gzip {
                member_start,
                in_member,
                ..
            } => (*member_start, (*in_member > 0).then_some(*in_member)),
        }
    }
}

/// Streams the HTML pages of a WARC archive without extracting them (see [`WarcReader`] for
/// articles). Items are pages or skips; an `Err` is the archive's end (truncated or corrupt) or a
/// corrupt record after which reading resumed.
pub struct WarcPages<R: Read> {
    file: String,
    input: Input<R>,
    counts: WarcCounts,
    max_page_bytes: usize,
    done: bool,
    /// A `WARC/` line found while resynchronising, with its offset.
    pending_version: Option<(Position, Vec<u8>)>,
}

impl WarcPages<File> {
    /// Opens an archive; gzip is detected from the magic bytes, not the name.
    /// Fails for a FIFO or device, which would block or never end.
    pub fn open(path: &Path) -> Result<Self, WebError> {
        let file = path.display().to_string();
        super::check_regular_file(path)?;
        let io = |error| WebError::Io {
            file: file.clone(),
            error,
        };
        let mut f = File::open(path).map_err(io)?;
        let mut magic = [0u8; 2];
        let n = read_up_to(&mut f, &mut magic).map_err(io)?;
        let f = File::open(path).map_err(io)?;
        Ok(WarcPages::new(f, &file, n == 2 && magic == [0x1f, 0x8b]))
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(buf.get_mut(n..).unwrap_or(&mut [])) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

impl<R: Read> WarcPages<R> {
    /// Reads `reader` as a WARC archive (`gzipped`: a `.warc.gz`); `file` names it in records.
    pub fn new(reader: R, file: &str, gzipped: bool) -> Self {
        WarcPages {
            file: file.to_string(),
            input: Input::new(reader, gzipped),
            counts: WarcCounts::default(),
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
            done: false,
            pending_version: None,
        }
    }

    /// Pages over `bytes` are skipped (default [`DEFAULT_MAX_PAGE_BYTES`]).
    pub fn with_max_page_bytes(mut self, bytes: usize) -> Self {
        self.max_page_bytes = bytes;
        self
    }

    /// Record counts so far.
    pub fn counts(&self) -> &WarcCounts {
        &self.counts
    }

    fn record_name(&self, pos: Position) -> String {
        format!("{}#{}", self.file, offset_label(pos))
    }

    /// Skips the blank lines between records; false at the end of the archive.
    fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if blank == 0 {
                return Ok(true);
            }
            self.input.consume(blank);
        }
    }

    /// One line including its `\n` (None at end of input), at most `limit` bytes.
    fn read_line(
        &mut self,
        limit: usize,
        remaining: Option<&mut u64>,
    ) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let mut budget = remaining.as_ref().map_or(u64::MAX, |r| **r);
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let window = buf
                .get(..buf.len().min(usize::try_from(budget).unwrap_or(usize::MAX)))
                .unwrap_or(&[]);
            if window.is_empty() {
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', window) {
                Some(i) => (i + 1, true),
                None => (window.len(), false),
            };
            line.extend_from_slice(window.get(..take).unwrap_or(&[]));
            self.input.consume(take);
            budget -= take as u64;
            if done {
                break;
            }
            if line.len() > limit {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "header line too long",
                ));
            }
        }
        if let Some(r) = remaining {
            *r = budget;
        }
        Ok((!line.is_empty()).then_some(line))
    }

    /// Discards `n` bytes; UnexpectedEof if the input ends first.
    fn discard(&mut self, mut n: u64) -> io::Result<()> {
        while n > 0 {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("{n} bytes of the record missing"),
                ));
            }
            let take = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
            self.input.consume(take);
            n -= take as u64;
        }
        Ok(())
    }

    /// Appends exactly `n` bytes to `out`.
    fn read_into(&mut self, mut n: u64, out: &mut Vec<u8>) -> io::Result<()> {
        while n > 0 {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("{n} bytes of the record missing"),
                ));
            }
            let take = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
            out.extend_from_slice(buf.get(..take).unwrap_or(&[]));
            self.input.consume(take);
            n -= take as u64;
        }
        Ok(())
    }

    fn fatal(&mut self, e: io::Error, start: Position) -> WebError {
        self.done = true;
        self.counts.errors += 1;
        let file = self.file.clone();
        let offset = offset_label(start);
        match e.kind() {
            io::ErrorKind::UnexpectedEof => WebError::Truncated {
                file,
                offset,
                message: e.to_string(),
            },
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::Other
                if matches!(self.input, Input::Gzip { .. }) =>
            {
                WebError::Gzip {
                    file,
                    offset,
                    message: e.to_string(),
                }
            }
            io::ErrorKind::InvalidData => WebError::CorruptRecord {
                file,
                offset,
                message: e.to_string(),
            },
            _ => WebError::Io {
                file: format!("{file}#{offset}"),
                error: e,
            },
        }
    }

    /// Finds the next line that starts a record, for resuming after a corrupt header.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            let pos = self.input.position();
            match self.read_line(MAX_HEADER_LINE, None) {
                Ok(Some(line)) if line.starts_with(b"WARC/") => {
                    self.pending_version = Some((pos, line));
                    return Ok(());
                }
                Ok(Some(_)) => {}
                Ok(None) => return Ok(()),
                // An over-long line of garbage: keep scanning.
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn next_item(&mut self) -> Option<Result<WarcPage, WebError>> {
        if self.done {
            return None;
        }
        let (start, version) = match self.pending_version.take() {
            Some(p) => p,
            None => {
                match self.skip_blank() {
                    Ok(true) => {}
                    Ok(false) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => {
                        let at = self.input.position();
                        return Some(Err(self.fatal(e, at)));
                    }
                }
                let start = self.input.position();
                match self.read_line(MAX_HEADER_LINE, None) {
                    Ok(Some(line)) => (start, line),
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                        return Some(Err(
                            self.corrupt(start, "first line is not a WARC version line")
                        ));
                    }
                    Err(e) => return Some(Err(self.fatal(e, start))),
                }
            }
        };
        if !version.starts_with(b"WARC/") {
            return Some(Err(
                self.corrupt(start, "first line is not a WARC version line")
            ));
        }
        self.counts.records += 1;
        let headers = match self.read_headers(None) {
            Ok(h) => h,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Some(Err(self.corrupt(start, &e.to_string())))
            }
            Err(e) => return Some(Err(self.fatal(e, start))),
        };
        let Some(length) =
            header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return Some(Err(
                self.corrupt(start, "missing or unreadable Content-Length")
            ));
        };
        match self.read_block(start, &headers, length) {
            Ok(page) => {
                if let WarcPage::Skipped(s) = &page {
                    self.counts.count(&s.reason);
                }
                Some(Ok(page))
            }
            Err(e) => Some(Err(self.fatal(e, start))),
        }
    }

    fn corrupt(&mut self, start: Position, message: &str) -> WebError {
        self.counts.errors += 1;
        let err = WebError::CorruptRecord {
            file: self.file.clone(),
            offset: offset_label(start),
            message: message.to_string(),
        };
        if let Err(e) = self.resync() {
            // The archive broke while looking for the next record: this error ends it.
            self.done = true;
            if e.kind() != io::ErrorKind::UnexpectedEof {
                return WebError::Gzip {
                    file: self.file.clone(),
                    offset: offset_label(start),
                    message: e.to_string(),
                };
            }
        }
        err
    }

    /// Header lines up to the blank line, as (lowercased name, value).
    fn read_headers(
        &mut self,
        mut remaining: Option<&mut u64>,
    ) -> io::Result<Vec<(String, String)>> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = 0usize;
        loop {
            let line = match remaining.as_deref_mut() {
                Some(r) => self.read_line(MAX_HEADER_LINE, Some(r))?,
                None => self.read_line(MAX_HEADER_LINE, None)?,
            };
            let Some(line) = line else {
                if remaining.is_some() {
                    // An HTTP head that fills the whole block: no body.
                    return Ok(headers);
                }
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "archive ends inside a record header",
                ));
            };
            total += line.len();
            if total > MAX_HEADER_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "record header too large",
                ));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(headers);
            }
            if text.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            if headers.is_empty() && remaining.is_some() && text.starts_with("HTTP/") {
                headers.push((":status".into(), text.trim().to_string()));
            } else if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            } else {
                headers.push((text.trim().to_ascii_lowercase(), String::new()));
            }
        }
    }

    fn read_block(
        &mut self,
        start: Position,
        warc: &[(String, String)],
        length: u64,
    ) -> io::Result<WarcPage> {
        let record = self.record_name(start);
        let warc_type = header(warc, "warc-type").unwrap_or("").to_ascii_lowercase();
        let target_uri =
            header(warc, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let skip = |reason: SkipReason| Skipped {
            record: record.clone(),
            target_uri: target_uri.clone(),
            reason,
        };
        let block_type = header(warc, "content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut remaining = length;
        let (http, payload_type) = match warc_type.as_str() {
            "response" if block_type.is_empty() || block_type.contains("application/http") => {
                let head = self.read_headers(Some(&mut remaining))?;
                let content_type = header(&head, "content-type")
                    .unwrap_or("")
                    .to_ascii_lowercase();
                (Some(head), content_type)
            }
            "resource" | "conversion" => (None, block_type.clone()),
            _ => {
                self.discard(remaining)?;
                return Ok(WarcPage::Skipped(skip(SkipReason::NotResponse(warc_type))));
            }
        };
        if let Some(head) = &http {
            let status = header(head, ":status")
                .and_then(|s| s.split_whitespace().nth(1))
                .and_then(|c| c.parse::<u16>().ok())
                .unwrap_or(0);
            if !(200..300).contains(&status) {
                self.discard(remaining)?;
                return Ok(WarcPage::Skipped(skip(SkipReason::HttpStatus(status))));
            }
        }
        let identified = header(warc, "warc-identified-payload-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let is_html = |t: &str| t.contains("text/html") || t.contains("application/xhtml");
        if !(is_html(&payload_type) || (payload_type.is_empty() && is_html(&identified))) {
            self.discard(remaining)?;
            let shown = if payload_type.is_empty() {
                "none".to_string()
            } else {
                payload_type
            };
            return Ok(WarcPage::Skipped(skip(SkipReason::NotHtml(shown))));
        }
        if remaining > self.max_page_bytes as u64 {
            self.discard(remaining)?;
            return Ok(WarcPage::Skipped(skip(SkipReason::TooLarge(length))));
        }
        let mut body = Vec::with_capacity(usize::try_from(remaining).unwrap_or(0));
        self.read_into(remaining, &mut body)?;
        let end = self.record_end(start);
        let head = http.unwrap_or_default();
        let body = match decode_http_body(body, &head, self.max_page_bytes) {
            Ok(b) => b,
            Err(reason) => return Ok(WarcPage::Skipped(skip(reason))),
        };
        let charset = charset_of(&payload_type);
        let fetched = header(warc, "warc-date").map(str::to_string);
        let start_byte = usize::try_from(start.0).unwrap_or(usize::MAX);
        Ok(WarcPage::Page(HtmlPage {
            record,
            html: body,
            context: PageContext {
                url: target_uri,
                fetched,
                charset,
            },
            bytes: [start_byte, end.unwrap_or(start_byte)],
        }))
    }

    /// The file offset where a record that started at `start` ends, when known: the plain
    /// position, or the next member's start once the record's own member is done.
    fn record_end(&mut self, start: Position) -> Option<usize> {
        // Swallow the record trailer so a finished member is noticed.
        let _ = self.skip_blank();
        match self.input.position() {
            (pos, None) if matches!(self.input, Input::Plain(_)) => usize::try_from(pos).ok(),
            (member, None) if member > start.0 => usize::try_from(member).ok(),
            _ => None,
        }
    }
}

impl<R: Read> Iterator for WarcPages<R> {
    type Item = Result<WarcPage, WebError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_item()
    }
}

fn offset_label(pos: Position) -> String {
    match pos {
        (start, None) => start.to_string(),
        (member, Some(inner)) => format!("{member}+{inner}"),
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// Undoes `Transfer-Encoding: chunked` and `Content-Encoding: gzip|deflate`.
fn decode_http_body(
    body: Vec<u8>,
    head: &[(String, String)],
    limit: usize,
) -> Result<Vec<u8>, SkipReason> {
    let transfer = header(head, "transfer-encoding")
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = if transfer.contains("chunked") {
        dechunk(&body).unwrap_or(body)
    } else {
        body
    };
    let encoding = header(head, "content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let compressed_gzip = body.starts_with(&[0x1f, 0x8b]);
    match encoding.as_str() {
        "" | "identity" | "none" | "utf-8" => {}
        "gzip" | "x-gzip" if compressed_gzip => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|e| SkipReason::Encoding(format!("gzip: {e}")))?;
            body = out;
        }
        "gzip" | "x-gzip" => {} // already decoded by the crawler
        "deflate" => {
            let mut out = Vec::new();
            let zlib = flate2::read::ZlibDecoder::new(&body[..])
                .take(limit as u64 + 1)
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..])
                    .take(limit as u64 + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| SkipReason::Encoding(format!("deflate: {e}")))?;
            }
            body = out;
        }
        other if body.iter().take(512).any(|b| *b == b'<') && !compressed_gzip => {
            // Declared an encoding but the bytes are plainly markup: the crawler decoded it.
            let _ = other;
        }
        other => return Err(SkipReason::Encoding(other.to_string())),
    }
    if body.len() > limit {
        return Err(SkipReason::TooLarge(body.len() as u64));
    }
    Ok(body)
}

/// Decodes a chunked body; None when it is not well-formed chunking.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0usize;
    loop {
        let line_end = pos + memchr::memchr(b'\n', body.get(pos..)?)?;
        let size_text = std::str::from_utf8(body.get(pos..line_end)?).ok()?;
        let size_text = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        pos = line_end + 1;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(pos..pos.checked_add(size)?)?);
        pos += size;
        while matches!(body.get(pos), Some(b'\r' | b'\n')) {
            pos += 1;
        }
    }
}

/// Streams the articles of a WARC archive: each HTML response becomes an [`Article`] with
/// `source.file = "archive.warc.gz#offset"`, `url` from the page or `WARC-Target-URI`, and
/// `published` from the page or else `WARC-Date`. Other records are yielded as
/// [`WarcItem::Skipped`] and counted in [`WarcReader::counts`].
pub struct WarcReader<R: Read> {
    pages: WarcPages<R>,
    threads: usize,
    /// Items extracted ahead, in archive order.
    ready: VecDeque<Result<WarcItem, WebError>>,
}

/// Pages extracted together hold at most this many HTML bytes (bounds memory with threads).
const BATCH_BYTES: usize = 64 * 1024 * 1024;

fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

impl WarcReader<File> {
    /// Opens `.warc` or `.warc.gz` (gzip detected from the content).
    pub fn open(path: &Path) -> Result<Self, WebError> {
        Ok(WarcReader::from_pages(WarcPages::open(path)?))
    }
}

impl<R: Read> WarcReader<R> {
    /// Reads `reader` as a WARC archive (`gzipped`: a `.warc.gz`); `file` names it in records.
    pub fn new(reader: R, file: &str, gzipped: bool) -> Self {
        WarcReader::from_pages(WarcPages::new(reader, file, gzipped))
    }

    fn from_pages(pages: WarcPages<R>) -> Self {
        WarcReader {
            pages,
            threads: default_threads(),
            ready: VecDeque::new(),
        }
    }

    /// Pages over `bytes` are skipped (default [`DEFAULT_MAX_PAGE_BYTES`]).
    pub fn with_max_page_bytes(mut self, bytes: usize) -> Self {
        self.pages = self.pages.with_max_page_bytes(bytes);
        self
    }

    /// Record counts so far.
    pub fn counts(&self) -> &WarcCounts {
        self.pages.counts()
    }

    /// Reads the next batch of records and extracts its pages.
    fn fill(&mut self) {
        enum Slot {
            Done(Result<WarcItem, WebError>),
            Page(HtmlPage),
        }
        let mut slots = Vec::new();
        let (mut pages, mut bytes) = (0usize, 0usize);
        while pages < self.threads * 4 && bytes < BATCH_BYTES {
            match self.pages.next() {
                None => break,
                Some(Ok(WarcPage::Page(p))) => {
                    pages += 1;
                    bytes += p.html.len();
                    slots.push(Slot::Page(p));
                }
                Some(Ok(WarcPage::Skipped(s))) => slots.push(Slot::Done(Ok(WarcItem::Skipped(s)))),
                Some(Err(e)) => slots.push(Slot::Done(Err(e))),
            }
        }
        let to_extract: Vec<&HtmlPage> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Page(p) => Some(p),
                Slot::Done(_) => None,
            })
            .collect();
        let mut extracted = extract_all(&to_extract, self.threads).into_iter();
        for slot in slots {
            let item = match slot {
                Slot::Done(item) => item,
                Slot::Page(page) => {
                    let result = extracted.next().unwrap_or(Err(WebError::NoContent {
                        file: page.record.clone(),
                    }));
                    Ok(self.item_for(&page, result))
                }
            };
            self.ready.push_back(item);
        }
    }

    fn item_for(&mut self, page: &HtmlPage, result: Result<Article, WebError>) -> WarcItem {
        let skipped = |reason| Skipped {
            record: page.record.clone(),
            target_uri: page.context.url.clone(),
            reason,
        };
        match result {
            Ok(article) => {
                self.pages.counts.articles += 1;
                WarcItem::Article(Box::new(article))
            }
            Err(WebError::TooLarge { size, .. }) => {
                self.pages.counts.too_large += 1;
                WarcItem::Skipped(skipped(SkipReason::TooLarge(size)))
            }
            Err(_) => {
                self.pages.counts.no_text += 1;
                WarcItem::Skipped(skipped(SkipReason::NoText))
            }
        }
    }
}

/// Extracts pages on up to `threads` scoped threads; results in input order.
fn extract_all(pages: &[&HtmlPage], threads: usize) -> Vec<Result<Article, WebError>> {
    if threads <= 1 || pages.len() <= 1 {
        return pages.iter().map(|p| p.extract()).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| p.extract()).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(pages.len());
        for (handle, part) in handles.into_iter().zip(pages.chunks(chunk)) {
            match handle.join() {
                Ok(results) => out.extend(results),
                // An extractor panic stays confined to its pages.
                Err(_) => out.extend(part.iter().map(|p| {
                    Err(WebError::NoContent {
                        file: p.record.clone(),
                    })
                })),
            }
        }
        out
    })
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<WarcItem, WebError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            self.fill();
        }
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"zz\r\nhello").is_none());
        assert!(dechunk(b"ff\r\nshort").is_none());
    }

    #[test]
    fn charset_from_content_type() {
        assert_eq!(
            charset_of("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_of("text/html"), None);
    }

    #[test]
    fn garbage_is_reported_not_panicked() {
        let junk: Vec<u8> = (0..20_000u32).map(|i| (i * 31 % 256) as u8).collect();
        let items: Vec<_> = WarcPages::new(&junk[..], "junk.warc", false).collect();
        assert!(items.iter().all(|i| i.is_err()));
        let items: Vec<_> = WarcPages::new(&junk[..], "junk.warc.gz", true).collect();
        assert_eq!(items.len(), 1);
        assert!(matches!(items.first(), Some(Err(WebError::Gzip { .. }))));
    }
}
