//! Finding inputs (files, directories) and dispatching each to the reader for its format.
//!
//! Every reader streams: text in chunks cut at line ends, JSON Lines a record at a time (a record
//! over the limit is measured and skipped without being held), WARC record by record; gzip is
//! inflated as a stream under [`Limits`], so neither a huge file nor a decompression bomb can
//! take memory in proportion to its size. Only feeds are parsed whole, under a size cap.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use newsgraph_model::Article;

use crate::decompress::{check_regular_file, open_input, read_capped, read_error, Limits};
use crate::error::IngestError;
use crate::jsonl::read_jsonl_stream;
use crate::text::{read_shard, read_text_stream, ShardReport, TextOptions};

/// Input formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide per file by extension and content.
    #[default]
    Auto,
    /// Plain text: one paragraph a line or blank-line paragraphs, articles segmented.
    Text,
    /// JSON Lines: one article record a line.
    Jsonl,
    /// One HTML page a file.
    Html,
    /// A WARC archive (plain or gzipped), HTML responses taken as pages.
    Warc,
    /// An RSS or Atom feed, one article an item.
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
    /// The format of every file, or [`InputFormat::Auto`] to detect it per file.
    pub format: InputFormat,
    /// Decoding and size limits, for text and JSON Lines, and how far gzip may expand.
    pub text: TextOptions,
}

/// What reading one file produced besides articles.
#[derive(Debug, Default)]
pub struct FileReport {
    /// The file as given.
    pub file: String,
    /// The format it was read as.
    pub format: Option<InputFormat>,
    /// Articles handed to the sink.
    pub articles: usize,
    /// Record-level problems (a bad JSONL line, a corrupt or over-size WARC record, an over-size
    /// feed item); the rest of the file was read. When a JSON Lines file breaks off after some
    /// records (corrupt gzip, a passed limit), the error that ended it comes last.
    pub errors: Vec<IngestError>,
    /// Records skipped on purpose (non-HTML WARC records, …).
    pub skipped: usize,
    /// For text: the separators between articles and the bytes replaced (with `lossy`).
    pub shard: Option<ShardReport>,
}

/// Expands paths: files as given, directories walked recursively (sorted, hidden entries skipped,
/// symlinks followed with loop detection). Problems are returned beside the files found; a path
/// that is neither a directory nor a regular file (a FIFO, a device) is one of them, since reading
/// it would block or never end.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == Path::new(crate::stdin::STDIN_PATH) {
            files.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Err(error) => errors.push(IngestError::Io {
                file: p.display().to_string(),
                error,
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
            Ok(m) if m.is_file() => files.push(p.clone()),
            Ok(_) => errors.extend(check_regular_file(p).err()),
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

/// Reads one file, handing each article to `sink` in input order. Only regular files are read
/// (a FIFO or device is refused with [`IngestError::NotAFile`] instead of blocking).
pub fn read_path(
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<FileReport, IngestError> {
    if path == Path::new(crate::stdin::STDIN_PATH) {
        return crate::stdin::read_stdin(opts, sink);
    }
    check_regular_file(path)?;
    let file = path.display().to_string();
    let mut report = FileReport {
        file: file.clone(),
        ..Default::default()
    };
    let format = match opts.format {
        InputFormat::Auto => {
            let mut head = Vec::with_capacity(4096);
            std::fs::File::open(path)
                .and_then(|f| f.take(4096).read_to_end(&mut head))
                .map_err(|error| IngestError::Io {
                    file: file.clone(),
                    error,
                })?;
            detect_format(path, &head)
        }
        f => f,
    };
    report.format = Some(format);
    // A record is one article unless the user asks for records to be split too.
    let always = opts.text.split == crate::segment::SplitMode::Always;
    match format {
        // UTF-16 cannot be cut at a '\n' byte, so it is read whole (under the line limit's
        // budget of one chunk).
        InputFormat::Text | InputFormat::Auto if is_utf16(path)? => {
            let bytes = read_bounded(path, opts.text.chunk_bytes)?;
            let (articles, shard) = read_shard(&file, &bytes, &opts.text)?;
            report.articles += articles.len();
            articles.into_iter().for_each(&mut *sink);
            report.shard = Some(shard);
        }
        InputFormat::Text | InputFormat::Auto => {
            let mut reader = open_input(path, opts.text.gzip)?;
            let mut counting = |a| {
                report.articles += 1;
                sink(a);
            };
            let shard = read_text_stream(&mut *reader, &file, &opts.text, &mut counting)?;
            report.shard = Some(shard);
        }
        InputFormat::Jsonl => {
            let mut reader = open_input(path, opts.text.gzip)?;
            let errors = read_jsonl_stream(&mut *reader, &file, &opts.text, &mut |a| {
                hand_on(a, always, &mut report, sink)
            })?;
            report.errors = errors;
        }
        InputFormat::Html | InputFormat::Warc | InputFormat::Feed => {
            let mut web_report = FileReport::default();
            read_web(path, format, opts.text.gzip, &mut web_report, &mut |a| {
                hand_on(a, always, &mut report, sink)
            })?;
            report.errors = web_report.errors;
            report.skipped = web_report.skipped;
        }
    }
    Ok(report)
}

/// Hands a record's article on, split into articles only with `--split always`.
fn hand_on(a: Article, always: bool, report: &mut FileReport, sink: &mut dyn FnMut(Article)) {
    let pieces = if always {
        crate::segment::split_record(a)
    } else {
        vec![a]
    };
    for piece in pieces {
        report.articles += 1;
        sink(piece);
    }
}

/// Whether the file opens with a UTF-16 byte-order mark.
fn is_utf16(path: &Path) -> Result<bool, IngestError> {
    let mut magic = [0u8; 2];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .map_err(|error| IngestError::Io {
            file: path.display().to_string(),
            error,
        })?;
    Ok(n == 2 && (magic == [0xFF, 0xFE] || magic == [0xFE, 0xFF]))
}

/// The whole file, refused when it is larger than `limit` bytes.
fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, IngestError> {
    let file = path.display().to_string();
    let io = |error| IngestError::Io {
        file: file.clone(),
        error,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        return Err(IngestError::Format {
            file,
            message: format!("a UTF-16 text file over {limit} bytes is not read"),
        });
    }
    Ok(bytes)
}

/// HTML pages, WARC archives and feeds.
fn read_web(
    path: &Path,
    format: InputFormat,
    limits: Limits,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) -> Result<(), IngestError> {
    use crate::web::{feed, html, warc};
    let file = path.display().to_string();
    match format {
        InputFormat::Html => {
            let article = html::read_html_file(path)?;
            report.articles = 1;
            sink(article);
        }
        InputFormat::Feed => {
            // Feeds are parsed whole: read (and inflate) at most the feed limit.
            let limits = Limits {
                max_bytes: limits.max_bytes.min(feed::MAX_FEED_BYTES),
                ..limits
            };
            let mut reader = open_input(path, limits)?;
            read_feed(&mut reader, &file, report, sink)?;
        }
        _ => drain_warc(warc::WarcReader::open(path)?, report, sink),
    }
    Ok(())
}

/// A feed read whole (at most the feed limit) and parsed into its items.
pub(crate) fn read_feed(
    reader: &mut dyn Read,
    file: &str,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) -> Result<(), IngestError> {
    use crate::web::feed;
    let bytes = read_capped(reader, feed::MAX_FEED_BYTES).map_err(|e| read_error(file, e))?;
    let (articles, errors) = feed::parse_feed_items(&bytes, file)?;
    report.articles += articles.len();
    report
        .errors
        .extend(errors.into_iter().map(IngestError::Web));
    articles.into_iter().for_each(sink);
    Ok(())
}

/// Every page of a WARC archive to `sink`; pages too large to read and corrupt records are
/// reported, other skipped records counted.
pub(crate) fn drain_warc<R: Read>(
    reader: crate::web::warc::WarcReader<R>,
    report: &mut FileReport,
    sink: &mut dyn FnMut(Article),
) {
    use crate::web::{warc, WebError};
    for item in reader {
        match item {
            Ok(warc::WarcItem::Article(a)) => {
                report.articles += 1;
                sink(*a);
            }
            // A page too large to read is lost data, not a choice: report it.
            Ok(warc::WarcItem::Skipped(warc::Skipped {
                record,
                reason: warc::SkipReason::TooLarge(size),
                ..
            })) => report
                .errors
                .push(IngestError::Web(WebError::RecordTooLarge {
                    record,
                    size,
                    limit: warc::DEFAULT_MAX_PAGE_BYTES as u64,
                })),
            Ok(warc::WarcItem::Skipped(_)) => report.skipped += 1,
            // Corrupt records and a truncated tail: keep what was read, report the rest.
            Err(e) => report.errors.push(IngestError::Web(e)),
        }
    }
}
