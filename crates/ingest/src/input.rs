//! Finding inputs (files, directories) and dispatching each to the reader for its format.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use newsgraph_model::Article;

use crate::error::IngestError;
use crate::jsonl::parse_record;
use crate::text::{read_shard, ShardReport, TextOptions};

/// Input formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide per file by extension and content.
    #[default]
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
    Feed,
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "auto" => InputFormat::Auto,
            "text" | "txt" => InputFormat::Text,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "html" => InputFormat::Html,
            "warc" => InputFormat::Warc,
            "feed" | "rss" | "atom" => InputFormat::Feed,
            other => {
                return Err(format!(
                    "unknown format '{other}' (auto, text, jsonl, html, warc, feed)"
                ))
            }
        })
    }
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: InputFormat,
    pub text: TextOptions,
}

/// What reading one file produced besides articles.
#[derive(Debug, Default)]
pub struct FileReport {
    pub file: String,
    pub format: Option<InputFormat>,
    pub articles: usize,
    /// Record-level problems (a bad JSONL line, a corrupt WARC record); the rest of the file was read.
    pub errors: Vec<IngestError>,
    /// Records skipped on purpose (non-HTML WARC records, …).
    pub skipped: usize,
    pub shard: Option<ShardReport>,
}

/// Expands paths: files as given, directories walked recursively (sorted, hidden entries skipped,
/// symlinks followed with loop detection). Problems are returned beside the files found.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(IngestError::Io {
                file: p.display().to_string(),
                source: e,
            }),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                    });
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                        Ok(_) => {}
                        Err(e) => {
                            let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                            let message = if e.loop_ancestor().is_some() {
                                "symbolic link loop; skipped".to_string()
                            } else {
                                e.to_string()
                            };
                            errors.push(IngestError::Walk { path, message });
                        }
                    }
                }
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    (files, errors)
}

fn lower_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The format of a file from its name and first bytes.
pub fn detect_format(path: &Path, head: &[u8]) -> InputFormat {
    let name = lower_name(path);
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        return InputFormat::Jsonl;
    }
    if name.ends_with(".txt") || name.ends_with(".text") {
        return InputFormat::Text;
    }
    if let Some(web) = crate::web::sniff(path, head) {
        return match web {
            crate::web::WebFormat::Html => InputFormat::Html,
            crate::web::WebFormat::Warc => InputFormat::Warc,
            crate::web::WebFormat::Feed => InputFormat::Feed,
        };
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &head[i..])
        .unwrap_or(&[]);
    if start.starts_with(b"{") {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

fn read_all(path: &Path) -> Result<Vec<u8>, IngestError> {
    let file = path.display().to_string();
    let io = |source| IngestError::Io {
        file: file.clone(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let gz = lower_name(path).ends_with(".gz") || bytes.starts_with(&[0x1f, 0x8b]);
    if gz && !lower_name(path).contains(".warc") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| IngestError::Format {
                file: file.clone(),
                message: format!("bad gzip data after {} bytes: {e}", out.len()),
            })?;
        return Ok(out);
    }
    Ok(bytes)
}

fn is_gzip(path: &Path) -> Result<bool, IngestError> {
    let mut magic = [0u8; 2];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .map_err(|source| IngestError::Io {
            file: path.display().to_string(),
            source,
        })?;
    Ok(n == 2 && magic == [0x1f, 0x8b])
}

/// Whether the file opens with a UTF-16 byte-order mark.
fn is_utf16(path: &Path) -> Result<bool, IngestError> {
    let mut magic = [0u8; 2];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .map_err(|source| IngestError::Io {
            file: path.display().to_string(),
            source,
        })?;
    Ok(n == 2 && (magic == [0xFF, 0xFE] || magic == [0xFE, 0xFF]))
}

fn read_text_chunked(
    path: &Path,
    opts: &TextOptions,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) -> Result<ShardReport, IngestError> {
    let file = path.display().to_string();
    let io = |source| IngestError::Io {
        file: file.clone(),
        source,
    };
    let mut reader = std::fs::File::open(path).map_err(io)?;
    let mut total = ShardReport::default();
    let mut chunk_opts = opts.clone();
    let mut carry: Vec<u8> = Vec::new();
    let (mut base_byte, mut base_line) = (0usize, 0usize);
    let mut eof = false;
    let mut any_text = false;
    while !eof {
        let mut buf = std::mem::take(&mut carry);
        let want = opts.chunk_bytes.max(opts.max_line_bytes + 1);
        let start_len = buf.len();
        buf.resize(start_len + want, 0);
        let mut filled = start_len;
        while filled < buf.len() {
            let n = reader.read(&mut buf[filled..]).map_err(io)?;
            if n == 0 {
                eof = true;
                break;
            }
            filled += n;
        }
        buf.truncate(filled);
        // Cut after the last line end; the rest starts the next chunk.
        let cut = if eof {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(buf.len(), |i| i + 1)
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
                report.articles += 1;
                sink(a);
            }
        }
        base_line += memchr::memchr_iter(b'\n', &buf).count();
        base_byte += buf.len();
    }
    if !any_text {
        return Err(IngestError::Empty { file });
    }
    Ok(total)
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
        other => other,
    }
}

/// Reads JSON Lines record by record (gzip or not), so memory does not grow with the file.
fn read_jsonl_streaming(
    path: &Path,
    opts: &TextOptions,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) -> Result<(), IngestError> {
    use std::io::BufRead;
    let file = path.display().to_string();
    let io = |source| IngestError::Io {
        file: file.clone(),
        source,
    };
    let raw = std::fs::File::open(path).map_err(io)?;
    let mut reader: Box<dyn BufRead> = if is_gzip(path)? {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            raw,
        )))
    } else {
        Box::new(std::io::BufReader::new(raw))
    };
    let mut line = Vec::new();
    let (mut n, mut byte, mut any) = (0usize, 0usize, false);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).map_err(io)?;
        if read == 0 {
            break;
        }
        n += 1;
        if n == 1 && line.starts_with(&[0xEF, 0xBB, 0xBF]) {
            line.drain(..3);
        }
        if memchr::memchr(0, &line).is_some() {
            return Err(IngestError::Binary {
                file,
                byte: byte + memchr::memchr(0, &line).unwrap_or(0),
            });
        }
        let record = match std::str::from_utf8(&line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) if opts.lossy => crate::text::lossy_utf8(&line).text,
            Err(e) => {
                let message = format!(
                    "invalid UTF-8 at byte {} (use --lossy to replace it)",
                    byte + e.valid_up_to()
                );
                report.errors.push(IngestError::Record {
                    file: file.clone(),
                    line: n,
                    message,
                });
                byte += read;
                continue;
            }
        };
        let record = record.trim_end_matches(['\n', '\r']);
        if !record.trim().is_empty() {
            any = true;
            match parse_record(&file, n, byte, record, opts) {
                Ok(a) => {
                    report.articles += 1;
                    sink(a);
                }
                Err(e) => report.errors.push(e),
            }
        }
        byte += read;
    }
    if !any && report.errors.is_empty() {
        return Err(IngestError::Empty { file });
    }
    Ok(())
}

/// Reads one file, handing each article to `sink` in input order.
pub fn read_path(
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<FileReport, IngestError> {
    let file = path.display().to_string();
    let mut report = FileReport {
        file: file.clone(),
        ..Default::default()
    };
    let format = match opts.format {
        InputFormat::Auto => {
            let mut head = [0u8; 4096];
            let n = std::fs::File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .map_err(|source| IngestError::Io {
                    file: file.clone(),
                    source,
                })?;
            detect_format(path, &head[..n])
        }
        f => f,
    };
    report.format = Some(format);
    match format {
        // UTF-16 cannot be cut at a '\n' byte, so it is read whole, like gzip.
        InputFormat::Text | InputFormat::Auto if !is_gzip(path)? && !is_utf16(path)? => {
            let shard = read_text_chunked(path, &opts.text, &mut report, sink)?;
            report.shard = Some(shard);
        }
        InputFormat::Text | InputFormat::Auto => {
            let bytes = read_all(path)?;
            let (articles, shard) = read_shard(&file, &bytes, &opts.text)?;
            report.articles = articles.len();
            report.shard = Some(shard);
            articles.into_iter().for_each(&mut *sink);
        }
        InputFormat::Jsonl | InputFormat::Html | InputFormat::Warc | InputFormat::Feed => {
            // A record is one article unless the user asks for records to be split too.
            let always = opts.text.split == crate::segment::SplitMode::Always;
            let mut each = |a: Article| {
                if always {
                    crate::segment::split_record(a)
                        .into_iter()
                        .for_each(&mut *sink)
                } else {
                    sink(a)
                }
            };
            if format == InputFormat::Jsonl {
                read_jsonl_streaming(path, &opts.text, &mut report, &mut each)?;
            } else {
                read_web(path, format, &mut report, &mut each)?;
            }
        }
    }
    Ok(report)
}

/// HTML pages, WARC archives and feeds.
fn read_web(
    path: &Path,
    format: InputFormat,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) -> Result<(), IngestError> {
    use crate::web::{feed, html, warc};
    match format {
        InputFormat::Html => {
            let article = html::read_html_file(path)?;
            report.articles = 1;
            sink(article);
        }
        InputFormat::Feed => {
            let bytes = read_all(path)?;
            let articles = feed::parse_feed(&bytes, &path.display().to_string())?;
            report.articles = articles.len();
            articles.into_iter().for_each(&mut *sink);
        }
        _ => {
            let mut reader = warc::WarcReader::open(path)?;
            for item in reader.by_ref() {
                match item {
                    Ok(warc::WarcItem::Article(a)) => {
                        report.articles += 1;
                        sink(*a);
                    }
                    Ok(warc::WarcItem::Skipped(_)) => report.skipped += 1,
                    // Corrupt records and a truncated tail: keep what was read, report the rest.
                    Err(e) => report.errors.push(IngestError::Web(e)),
                }
            }
        }
    }
    Ok(())
}
