//! JSON Lines: one article per line, `text` plus optional title / url / published / outlet; every
//! other field is kept in `meta`.

use std::io::{self, BufRead};

use newsgraph_model::{Article, Published, PublishedFrom, Source};
use serde_json::{Map, Value};

use crate::decompress::read_error;
use crate::error::IngestError;
use crate::normalize::normalize;
use crate::text::{apply_credits, TextOptions};

const TEXT_KEYS: &[&str] = &[
    "text",
    "body",
    "content",
    "articleBody",
    "article",
    "maintext",
    "full_text",
];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "uri"];
const PUBLISHED_KEYS: &[&str] = &[
    "published",
    "date",
    "published_at",
    "publish_date",
    "pubDate",
    "datePublished",
    "date_publish",
    "timestamp",
];
const OUTLET_KEYS: &[&str] = &[
    "outlet",
    "source",
    "site",
    "site_name",
    "publisher",
    "domain",
];
const LANGUAGE_KEYS: &[&str] = &["language", "lang"];

fn take_string(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for k in keys {
        if let Some(Value::String(s)) = obj.get(*k) {
            if !s.trim().is_empty() {
                let s = s.trim().to_string();
                obj.remove(*k);
                return Some(s);
            }
        }
    }
    None
}

/// An ISO 8601 form of a date string in any common format; `None` if it cannot be read.
pub fn iso_date(raw: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let raw = raw.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(raw) {
        return Some(d.to_rfc3339());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(raw) {
        return Some(d.to_rfc3339());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(raw, f) {
            return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    for f in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d %B %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d-%b-%Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(raw, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// Parses one JSONL record (line `line` of `file`, starting at byte `byte`).
pub fn parse_record(
    file: &str,
    line: usize,
    byte: usize,
    raw: &str,
    opts: &TextOptions,
) -> Result<Article, IngestError> {
    let err = |message: String| IngestError::Record {
        file: file.to_string(),
        line,
        message,
    };
    if raw.len() > opts.max_line_bytes {
        return Err(err(format!(
            "record is {} bytes, over the {}-byte limit",
            raw.len(),
            opts.max_line_bytes
        )));
    }
    let value: Value = serde_json::from_str(raw).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(err("expected a JSON object".into()));
    };
    let text = take_string(&mut obj, TEXT_KEYS)
        .ok_or_else(|| err(format!("no text (looked for {})", TEXT_KEYS.join(", "))))?;
    let normalized = normalize(&text);
    let source = Source {
        file: file.to_string(),
        lines: [line, line],
        bytes: [byte, byte + raw.len()],
    };
    let mut article = Article::new(normalized.text, source);
    article.title = take_string(&mut obj, TITLE_KEYS);
    article.url = take_string(&mut obj, URL_KEYS);
    article.outlet = take_string(&mut obj, OUTLET_KEYS);
    article.language = take_string(&mut obj, LANGUAGE_KEYS);
    if let Some(p) = take_string(&mut obj, PUBLISHED_KEYS) {
        match iso_date(&p) {
            Some(v) => {
                article.published = Some(Published {
                    value: v,
                    from: PublishedFrom::Metadata,
                })
            }
            None => {
                obj.insert("published_unparsed".into(), Value::String(p));
            }
        }
    }
    if !normalized.map.is_identity() {
        obj.insert(
            "offset_map".into(),
            serde_json::json!(normalized.map.checkpoints()),
        );
    }
    article.meta = obj;
    apply_credits(&mut article);
    Ok(article)
}

/// Reads every record of a JSON Lines file. Bad records are returned as errors beside the articles,
/// so the caller decides whether to go on.
pub fn read_jsonl(file: &str, text: &str, opts: &TextOptions) -> (Vec<Article>, Vec<IngestError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut byte = 0;
    for (n, raw) in text.split('\n').enumerate() {
        let line_len = raw.len() + 1;
        let raw_trim = raw.trim_end_matches('\r');
        if !raw_trim.trim().is_empty() {
            match parse_record(file, n + 1, byte, raw_trim, opts) {
                Ok(a) => articles.push(a),
                Err(e) => errors.push(e),
            }
        }
        byte += line_len;
    }
    (articles, errors)
}

/// Reads one line through its `\n` into `line`, keeping at most `limit + 1` bytes of it (enough
/// to tell it is over `limit`); the rest of a longer line is read and dropped. Returns the line's
/// full length without its `\n` and whether it had one (`(0, false)` at the end of input).
pub(crate) fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((total, false));
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = (limit + 1).saturating_sub(line.len()).min(take);
        line.extend_from_slice(buf.get(..room).unwrap_or(&[]));
        reader.consume(take);
        if done {
            return Ok((total + take - 1, true));
        }
        total += take;
    }
}

/// Reads a JSON Lines stream (`file` names it) record by record, so memory does not grow with
/// the input: a record over `max_line_bytes` is measured and reported without being held. Bad
/// records (invalid JSON or UTF-8, a NUL byte, over the limit) are returned as errors and reading
/// goes on; an error that ends the stream early (corrupt gzip, a passed limit) comes last, keeping
/// everything read before it — unless nothing was, when it is the `Err`.
pub fn read_jsonl_stream(
    reader: &mut dyn BufRead,
    file: &str,
    text_opts: &TextOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<Vec<IngestError>, IngestError> {
    let file = file.to_string();
    let limit = text_opts.max_line_bytes;
    let mut errors = Vec::new();
    let mut line = Vec::new();
    let (mut n, mut byte, mut any, mut articles) = (0usize, 0usize, false, 0usize);
    loop {
        line.clear();
        let (len, newline) = match read_line_capped(reader, &mut line, limit) {
            Ok(read) => read,
            Err(e) => {
                let e = read_error(&file, e);
                if articles == 0 && errors.is_empty() {
                    return Err(e);
                }
                errors.push(e);
                return Ok(errors);
            }
        };
        let read = len + usize::from(newline);
        if read == 0 {
            break;
        }
        n += 1;
        if n == 1 && line.starts_with(&[0xEF, 0xBB, 0xBF]) {
            line.drain(..3);
        }
        let record_error = |message: String| IngestError::Record {
            file: file.clone(),
            line: n,
            message,
        };
        if len > limit {
            errors.push(record_error(format!(
                "record is {len} bytes, over the {limit}-byte limit"
            )));
            byte += read;
            continue;
        }
        if let Some(nul) = memchr::memchr(0, &line) {
            errors.push(record_error(format!(
                "NUL byte at byte {}: binary data, not a JSON record",
                byte + nul
            )));
            byte += read;
            continue;
        }
        let record = match std::str::from_utf8(&line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) if text_opts.lossy => crate::text::lossy_utf8(&line).text,
            Err(e) => {
                errors.push(record_error(format!(
                    "invalid UTF-8 at byte {} (use --lossy to replace it)",
                    byte + e.valid_up_to()
                )));
                byte += read;
                continue;
            }
        };
        let record = record.trim_end_matches(['\n', '\r']);
        if !record.trim().is_empty() {
            any = true;
            match parse_record(&file, n, byte, record, text_opts) {
                Ok(a) => {
                    articles += 1;
                    sink(a);
                }
                Err(e) => errors.push(e),
            }
        }
        byte += read;
    }
    if !any && errors.is_empty() {
        return Err(IngestError::Empty { file });
    }
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_and_meta() {
        let raw = r#"{"text":"Hello world.\nSecond para.","title":"T","url":"http://x","published":"2024-07-23","outlet":"Reuters","tags":["a"]}"#;
        let a = parse_record("f.jsonl", 3, 100, raw, &TextOptions::default()).unwrap();
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.published.as_ref().unwrap().value, "2024-07-23");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.meta.get("tags"), Some(&serde_json::json!(["a"])));
        assert_eq!(a.source.lines, [3, 3]);
    }

    #[test]
    fn bad_records_are_reported_with_their_line() {
        let (arts, errs) = read_jsonl(
            "f.jsonl",
            "{\"text\":\"ok.\"}\n{bad\n[1]\n{\"x\":1}\n",
            &TextOptions::default(),
        );
        assert_eq!(arts.len(), 1);
        assert_eq!(errs.len(), 3);
        assert!(errs[0].to_string().contains("f.jsonl: line 2"));
    }

    #[test]
    fn dates_in_common_formats() {
        assert_eq!(iso_date("2024-07-23").as_deref(), Some("2024-07-23"));
        assert_eq!(iso_date("July 23, 2024").as_deref(), Some("2024-07-23"));
        assert!(iso_date("Tue, 23 Jul 2024 10:00:00 +0000")
            .unwrap()
            .starts_with("2024-07-23"));
        assert_eq!(iso_date("yesterday"), None);
    }
}
