//! Opening inputs safely: regular files only, gzip inflated as a stream, and a cap on what the
//! stream may expand to.
//!
//! A gzip member can expand about a thousandfold (3 MB of gzip is 3 GB of zeros), so no reader
//! inflates a file whole. Every compressed reader reads through [`Capped`], which counts the
//! compressed bytes it has consumed and the bytes it has produced and fails, with an error that
//! says why, as soon as either
//!
//! - the output passes [`Limits::max_bytes`] (an absolute cap: no news file needs more), or
//! - past a floor of [`Limits::ratio_floor`] bytes of output, the output is more than
//!   [`Limits::max_ratio`] times the compressed input consumed so far (real text deflates 3–10×,
//!   a bomb 100–1,000×).
//!
//! The ratio is checked against the input consumed *so far*, not the file size, so a bomb is
//! caught within its first megabytes whatever its total size, and memory never depends on it.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use crate::error::IngestError;

/// How far a compressed input may expand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Decompressed bytes one file may produce.
    pub max_bytes: u64,
    /// Decompressed bytes per compressed byte consumed, checked once past `ratio_floor`.
    pub max_ratio: u64,
    /// Output below this size is never a bomb, whatever its ratio (a small file of blank lines).
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 << 30,
            max_ratio: 100,
            ratio_floor: 8 << 20,
        }
    }
}

/// The error a [`Capped`] reader fails with; carried inside an `io::Error` of kind `InvalidData`.
#[derive(Debug, thiserror::Error)]
pub enum LimitExceeded {
    /// The decompressed stream passed the absolute cap.
    #[error("data (decompressed) passes the {limit}-byte limit for this input")]
    Size {
        /// The cap in bytes.
        limit: u64,
    },
    /// The stream expands more than any real text does.
    #[error(
        "gzip data expands more than {ratio}x ({produced} bytes from {consumed}): a decompression bomb"
    )]
    Ratio {
        /// The largest expansion ratio allowed.
        ratio: u64,
        /// Decompressed bytes produced so far.
        produced: u64,
        /// Compressed bytes consumed so far.
        consumed: u64,
    },
}

/// Counts the bytes read through it into a shared cell (the decoder owns the reader itself).
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// A decompressing reader that fails once its output passes the [`Limits`].
pub struct Capped<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
    produced: u64,
    limits: Limits,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.produced += n as u64;
        let consumed = self.consumed.get().max(1);
        let exceeded = if self.produced > self.limits.max_bytes {
            Some(LimitExceeded::Size {
                limit: self.limits.max_bytes,
            })
        } else if self.produced > self.limits.ratio_floor
            && self.produced / consumed > self.limits.max_ratio
        {
            Some(LimitExceeded::Ratio {
                ratio: self.limits.max_ratio,
                produced: self.produced,
                consumed,
            })
        } else {
            None
        };
        match exceeded {
            Some(e) => Err(io::Error::new(io::ErrorKind::InvalidData, e)),
            None => Ok(n),
        }
    }
}

/// Wraps `raw` (gzip data) in a streaming, capped multi-member gzip decoder.
pub fn capped_gzip<R: Read + 'static>(raw: R, limits: Limits) -> Capped<Box<dyn Read>> {
    let consumed = Rc::new(Cell::new(0));
    let counting = Counting {
        inner: raw,
        count: Rc::clone(&consumed),
    };
    let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(counting));
    Capped {
        inner: Box::new(decoder),
        consumed,
        produced: 0,
        limits,
    }
}

/// Fails unless `path` is a regular file (after following links): a FIFO or a character device
/// would block or never end, and a directory is not an input.
pub fn check_regular_file(path: &Path) -> Result<(), IngestError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|error| IngestError::Io {
        file: file.clone(),
        error,
    })?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(IngestError::NotAFile {
            file,
            kind: file_kind(&meta),
        })
    }
}

/// "directory", "FIFO", … for error messages.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO (named pipe)";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
    }
    if meta.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Whether the file starts with the gzip magic bytes.
pub fn is_gzip(path: &Path) -> Result<bool, IngestError> {
    let mut magic = [0u8; 2];
    let mut f = open(path)?;
    let mut n = 0;
    while n < 2 {
        match f.read(&mut magic[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => {
                return Err(IngestError::Io {
                    file: path.display().to_string(),
                    error,
                })
            }
        }
    }
    Ok(n == 2 && magic == [0x1f, 0x8b])
}

fn open(path: &Path) -> Result<std::fs::File, IngestError> {
    check_regular_file(path)?;
    std::fs::File::open(path).map_err(|error| IngestError::Io {
        file: path.display().to_string(),
        error,
    })
}

/// Opens a regular file for reading, inflating it when it is gzip (by magic bytes), capped by
/// `limits`. Errors from the returned reader are `io::Error`s; turn them into [`IngestError`]s
/// with [`read_error`].
pub fn open_input(path: &Path, limits: Limits) -> Result<Box<dyn BufRead>, IngestError> {
    let gz = is_gzip(path)?;
    let raw = open(path)?;
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            64 * 1024,
            capped_gzip(raw, limits),
        ))
    } else {
        Box::new(BufReader::with_capacity(64 * 1024, raw))
    })
}

/// An `io::Error` met while reading `file` as the [`IngestError`] that explains it: a passed limit
/// or corrupt gzip data is a format problem of the file, anything else an I/O error.
pub fn read_error(file: &str, error: io::Error) -> IngestError {
    if let Some(limit) = error
        .get_ref()
        .and_then(|e| e.downcast_ref::<LimitExceeded>())
    {
        return IngestError::Format {
            file: file.to_string(),
            message: format!("rejected: {limit}"),
        };
    }
    match error.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof => {
            IngestError::Format {
                file: file.to_string(),
                message: format!("bad gzip data: {error}"),
            }
        }
        _ => IngestError::Io {
            file: file.to_string(),
            error,
        },
    }
}

/// Reads all of `reader` up to `limit` bytes; more is an error of kind `InvalidData` carrying
/// [`LimitExceeded::Size`] (for formats that must be parsed whole, such as feeds).
pub fn read_capped(reader: &mut dyn Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            LimitExceeded::Size { limit },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_bomb_fails_early_on_ratio() {
        let bomb = gzip(&vec![b'a'; 64 << 20]);
        let mut r = capped_gzip(std::io::Cursor::new(bomb), Limits::default());
        let mut sink = vec![0u8; 1 << 16];
        let mut total = 0u64;
        let err = loop {
            match r.read(&mut sink) {
                Ok(0) => panic!("bomb read to the end"),
                Ok(n) => total += n as u64,
                Err(e) => break e,
            }
        };
        assert!(total <= Limits::default().ratio_floor + (1 << 16));
        assert!(err.to_string().contains("decompression bomb"), "{err}");
    }

    #[test]
    fn ordinary_text_passes_and_size_cap_holds() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("word{} ", i * 7919 % 10007).into_bytes())
            .collect();
        let mut r = capped_gzip(std::io::Cursor::new(gzip(&text)), Limits::default());
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, text);
        let small = Limits {
            max_bytes: 1000,
            ..Limits::default()
        };
        let mut r = capped_gzip(std::io::Cursor::new(gzip(&text)), small);
        let err = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("1000-byte limit"), "{err}");
        let err = read_capped(&mut &text[..], 10).unwrap_err();
        assert!(read_error("f.rss", err).to_string().contains("f.rss"));
    }
}
