//! Errors of the readers. Every variant names the file and, where it applies, the byte and line.

use std::path::PathBuf;

/// Why an input (or part of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },

    #[error(
        "{file}: invalid UTF-8 at byte {byte} (line {line}); use --lossy to replace invalid bytes"
    )]
    InvalidUtf8 {
        file: String,
        byte: usize,
        line: usize,
    },

    #[error("{file}: looks like a binary file (NUL byte at byte {byte}); not news text")]
    Binary { file: String, byte: usize },

    #[error("{file}: empty file (no text)")]
    Empty { file: String },

    #[error("{file}: line {line} (from byte {byte}) is {len} bytes long, over the {limit}-byte limit for one paragraph")]
    LineTooLong {
        file: String,
        line: usize,
        byte: usize,
        len: usize,
        limit: usize,
    },

    #[error("{file}: line {line}: {message}")]
    Record {
        file: String,
        line: usize,
        message: String,
    },

    #[error("{path}: {message}")]
    Walk { path: PathBuf, message: String },

    #[error("{file}: {message}")]
    Format { file: String, message: String },

    #[error(transparent)]
    Web(#[from] crate::web::WebError),
}

impl IngestError {
    /// Whether the rest of the same file can still be read after this error (a bad JSONL record, a
    /// corrupt WARC record) as opposed to the whole file being unusable.
    pub fn is_record_level(&self) -> bool {
        matches!(self, IngestError::Record { .. } | IngestError::Web(_))
    }
}
