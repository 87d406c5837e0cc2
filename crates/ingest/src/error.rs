//! Errors of the readers. Every variant names the file and, where it applies, the byte and line.
//!
//! Display conventions: a variant that shows an inner error in its message does not also expose
//! it as `source()`, so `anyhow`'s `{:#}` (which prints the whole chain) prints it once.

use std::path::PathBuf;

/// Why an input (or part of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The operating system refused to open or read the file.
    #[error("{file}: cannot read: {error}")]
    Io {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// What the operating system said.
        error: std::io::Error,
    },

    /// The input is not a regular file (a FIFO would block forever, a device never end).
    #[error("{file}: not a regular file (it is a {kind}); give files or directories")]
    NotAFile {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// What it is instead ("FIFO (named pipe)", "socket", "device").
        kind: &'static str,
    },

    /// Invalid UTF-8 and `lossy` not set.
    #[error(
        "{file}: invalid UTF-8 at byte {byte} (line {line}); use --lossy to replace invalid bytes"
    )]
    InvalidUtf8 {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Byte offset in the input where the problem starts.
        byte: usize,
        /// 1-based line number in the input.
        line: usize,
    },

    /// A NUL byte in text: the file is binary data, not news text.
    #[error("{file}: looks like a binary file (NUL byte at byte {byte}); not news text")]
    Binary {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Byte offset in the input where the problem starts.
        byte: usize,
    },

    /// Nothing but whitespace.
    #[error("{file}: empty file (no text)")]
    Empty {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
    },

    /// One line (one paragraph in one-paragraph-a-line text) over the limit; `len` is its real
    /// length, measured to its end even when that is far past the limit.
    #[error("{file}: line {line} (from byte {byte}) is {len} bytes long, over the {limit}-byte limit for one paragraph")]
    LineTooLong {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// 1-based line number in the input.
        line: usize,
        /// Byte offset in the input where the problem starts.
        byte: usize,
        /// The real length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },

    /// A paragraph of hard-wrapped lines over the limit (each line was short).
    #[error("{file}: the paragraph from line {line} (byte {byte}) is {len} bytes long, over the {limit}-byte limit for one paragraph")]
    ParagraphTooLong {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// 1-based line number in the input.
        line: usize,
        /// Byte offset in the input where the problem starts.
        byte: usize,
        /// The real length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },

    /// One bad record (a JSONL line); the rest of the file is still read.
    #[error("{file}: line {line}: {message}")]
    Record {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// 1-based line number in the input.
        line: usize,
        /// What went wrong, in words.
        message: String,
    },

    /// A problem met while walking a directory.
    #[error("{path}: {message}")]
    Walk {
        /// The path being walked.
        path: PathBuf,
        /// What went wrong, in words.
        message: String,
    },

    /// The file's content cannot be read as its format (corrupt gzip, a passed size limit, …).
    #[error("{file}: {message}")]
    Format {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// What went wrong, in words.
        message: String,
    },

    /// An article over the analysis budget: too large to analyse within the per-article work
    /// budget, or its analysis ran past the time budget. It is skipped; the rest goes on.
    #[error("{file}: the article at lines {first_line}-{last_line} {message}; skipped")]
    OverBudget {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// First input line of the article.
        first_line: usize,
        /// Last input line of the article.
        last_line: usize,
        /// Which budget it passed, with the figures ("is 10,020,572 bytes, over the …").
        message: String,
    },

    /// An error of the HTML, WARC and feed readers.
    #[error(transparent)]
    Web(#[from] crate::web::WebError),
}
