//! Web formats: HTML pages, WARC archives, RSS/Atom feeds.
//!
//! - [`html::extract_article`] turns one page into one [`newsgraph_model::Article`] (main content
//!   chosen per page among two extractors and their votes by [`select`], metadata from the page's
//!   own signals).
//! - [`warc::WarcReader`] streams `.warc` / `.warc.gz` archives record by record.
//! - [`feed::parse_feed`] turns an RSS 2.0 / Atom / RSS 1.0 / JSON feed into one article per item.
//! - [`sniff`] tells which of these a file is, so `--format auto` can dispatch.

use std::path::Path;

mod byline;
mod elements;
pub mod feed;
pub mod html;
pub mod markup;
mod meta;
pub mod meta_rank;
pub mod rank;
mod script_date;
pub mod select;
mod text;
pub mod warc;

pub use text::html_paragraphs;

/// Errors of the web readers. Each names the file and, where there is one, the byte offset of the
/// record it concerns; none of the readers panics on malformed input.
///
/// A variant that shows an inner error in its message does not expose it as `source()` too, so
/// `anyhow`'s `{:#}` prints it once.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The operating system refused to open or read the file.
    #[error("{file}: {error}")]
    Io {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The gzip stream is cut short or damaged; `offset` is where the record being read starts.
    #[error("{file}: truncated or corrupt gzip data in the record at byte {offset}: {message}")]
    Gzip {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Byte offset of the record in the (compressed) archive.
        offset: String,
        /// What went wrong, in words.
        message: String,
    },
    /// The archive ends inside a record; everything before it was read.
    #[error("{file}: archive truncated inside the record at byte {offset} ({message})")]
    Truncated {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Byte offset of the record in the (compressed) archive.
        offset: String,
        /// What went wrong, in words.
        message: String,
    },
    /// A WARC record whose header cannot be read.
    #[error("{file}: corrupt WARC record at byte {offset}: {message}")]
    CorruptRecord {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Byte offset of the record in the (compressed) archive.
        offset: String,
        /// What went wrong, in words.
        message: String,
    },
    /// The page has no text an extractor would call an article body.
    #[error("{file}: no article text found")]
    NoContent {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
    },
    /// The feed cannot be parsed, or is over the size limit for a feed.
    #[error("{file}: not a readable feed: {message}")]
    Feed {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// What went wrong, in words.
        message: String,
    },
    /// A page over the size limit for one page.
    #[error("{file}: input of {size} bytes is over the {limit}-byte limit for one page")]
    TooLarge {
        /// The input as the user named it (a path, `-`, or `archive#offset`).
        file: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An HTML record of a WARC archive over the page limit: skipped, and reported so the loss is
    /// visible (`record` is `archive#offset`).
    #[error("{record}: WARC record of {size} bytes is over the {limit}-byte page limit; skipped")]
    RecordTooLarge {
        /// The record as `archive#offset`.
        record: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A feed item whose text is over the limit for one item (`item` is `feed#item-N`); skipped.
    #[error(
        "{item}: feed item of {size} bytes is over the {limit}-byte limit for one item; skipped"
    )]
    ItemTooLarge {
        /// The item as `feed#item-N`.
        item: String,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

/// Fails unless `path` is a regular file: a FIFO given as an input would block forever.
pub(crate) fn check_regular_file(path: &Path) -> Result<(), WebError> {
    crate::decompress::check_regular_file(path).map_err(|e| match e {
        crate::IngestError::Io { file, error } => WebError::Io { file, error },
        crate::IngestError::NotAFile { file, kind } => WebError::Io {
            file,
            error: std::io::Error::other(format!("not a regular file (it is a {kind})")),
        },
        other => WebError::Io {
            file: path.display().to_string(),
            error: std::io::Error::other(other.to_string()),
        },
    })
}

/// Which web reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebFormat {
    /// An HTML page.
    Html,
    /// A WARC archive.
    Warc,
    /// An RSS or Atom feed.
    Feed,
}

/// How many leading bytes [`sniff`] wants to see (it works with fewer).
pub const SNIFF_BYTES: usize = 4096;

/// The web format of `path` from its name (`.html`, `.htm`, `.xhtml`, `.warc`, `.rss`, `.atom`,
/// `.rdf`, each optionally `.gz`) and, failing that, from its first bytes `head` (gzip-compressed
/// heads are inflated first). `.xml` files count as feeds only when their content says so.
/// Returns `None` for anything else (plain text, JSON Lines, …).
pub fn sniff(path: &Path, head: &[u8]) -> Option<WebFormat> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name.strip_suffix(".gz").unwrap_or(&name);
    let by_ext = if stem.ends_with(".warc") || stem.ends_with(".arc") {
        Some(WebFormat::Warc)
    } else if stem.ends_with(".html") || stem.ends_with(".htm") || stem.ends_with(".xhtml") {
        Some(WebFormat::Html)
    } else if stem.ends_with(".rss") || stem.ends_with(".atom") || stem.ends_with(".rdf") {
        Some(WebFormat::Feed)
    } else {
        None
    };
    if by_ext.is_some() {
        return by_ext;
    }
    let inflated;
    let head = if head.starts_with(&[0x1f, 0x8b]) {
        inflated = inflate_prefix(head);
        &inflated[..]
    } else {
        head
    };
    sniff_content(head)
}

/// Decompresses as much of a gzip prefix as is there (a cut-off stream still yields its start):
/// the member header is skipped by hand and the raw deflate data inflated without asking for its end.
fn inflate_prefix(head: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(SNIFF_BYTES * 4);
    let Some(data) = gzip_payload(head) else {
        return out;
    };
    let mut inflater = flate2::Decompress::new(false);
    let _ = inflater.decompress_vec(data, &mut out, flate2::FlushDecompress::Sync);
    out
}

/// The deflate data after a gzip member header (RFC 1952), if the header is complete.
fn gzip_payload(gz: &[u8]) -> Option<&[u8]> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    let flags = *gz.get(3)?;
    let mut pos = 10usize;
    if flags & FEXTRA != 0 {
        let len = usize::from(*gz.get(pos)?) | (usize::from(*gz.get(pos + 1)?) << 8);
        pos += 2 + len;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            pos += gz.get(pos..)?.iter().position(|b| *b == 0)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        pos += 2;
    }
    gz.get(pos..)
}

fn sniff_content(head: &[u8]) -> Option<WebFormat> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let body = head.get(start..).unwrap_or(&[]);
    if body.starts_with(b"WARC/") {
        return Some(WebFormat::Warc);
    }
    let lower: Vec<u8> = body
        .iter()
        .take(SNIFF_BYTES)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    if has(b"<rss") || has(b"<rdf:rdf") || (has(b"<feed") && has(b"atom")) {
        return Some(WebFormat::Feed);
    }
    if lower.starts_with(b"<!doctype html")
        || has(b"<html")
        || (lower.starts_with(b"<") && (has(b"<head") || has(b"<body")))
    {
        return Some(WebFormat::Html);
    }
    None
}

/// Decodes page bytes to text: BOM, then the charset the transport declared (`declared`, e.g. from
/// an HTTP `Content-Type`), then `<meta charset>` / `http-equiv` in the first 4 KiB, then UTF-8
/// (invalid sequences replaced, never an error), or a legacy encoding `chardetng` names when the
/// page holds no UTF-8 beyond ASCII at all. A page declared in a legacy encoding whose bytes are
/// valid UTF-8, multi-byte sequences included, is read as UTF-8: it was re-saved after its
/// declaration was written (archives, "save page as"), since text in GBK, Shift_JIS or
/// windows-1252 is almost never valid UTF-8 by chance.
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or(&[]);
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    let label = declared
        .and_then(|d| encoding_rs::Encoding::for_label(d.trim().as_bytes()))
        .or_else(|| meta_charset(bytes).and_then(|l| encoding_rs::Encoding::for_label(&l)));
    match label {
        // Pages that declare Latin-1 are almost always windows-1252, which encoding_rs maps for us;
        // a declared UTF-16 inside an ASCII-compatible page is a lie browsers ignore too.
        Some(enc)
            if enc != encoding_rs::UTF_8
                && enc != encoding_rs::UTF_16LE
                && enc != encoding_rs::UTF_16BE
                && !is_multibyte_utf8(bytes) =>
        {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        // Undeclared: UTF-8 when it is (broken sequences replaced); bytes with no valid
        // multi-byte sequence at all are a legacy page (old sites served windows-1252 and named it
        // only in an HTTP header we no longer have), so its quotes and dashes are not lost.
        _ if std::str::from_utf8(bytes).is_err() && !crate::text::has_multibyte_utf8(bytes) => {
            let enc = crate::text::legacy_encoding(bytes);
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Valid UTF-8 throughout, with at least one multi-byte sequence.
fn is_multibyte_utf8(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| !text.is_ascii())
}

/// The charset named by `<meta charset=…>` or `<meta http-equiv content="…; charset=…">`.
fn meta_charset(bytes: &[u8]) -> Option<Vec<u8>> {
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(rel) = memchr::memmem::find(head.get(from..)?, b"charset") {
        let mut i = from + rel + "charset".len();
        from = i;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while head
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = head
            .get(i..)?
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(head.len(), |p| i + p);
        let label = head.get(i..end)?.to_vec();
        if !label.is_empty() {
            return Some(label);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_extension_and_content() {
        assert_eq!(sniff(Path::new("a/b.html.gz"), b""), Some(WebFormat::Html));
        assert_eq!(sniff(Path::new("x.warc.gz"), b""), Some(WebFormat::Warc));
        assert_eq!(sniff(Path::new("x.atom"), b""), Some(WebFormat::Feed));
        assert_eq!(
            sniff(
                Path::new("x.xml"),
                b"<?xml version='1.0'?><rss version='2.0'>"
            ),
            Some(WebFormat::Feed)
        );
        assert_eq!(
            sniff(Path::new("sitemap.xml"), b"<?xml version='1.0'?><urlset>"),
            None
        );
        assert_eq!(
            sniff(Path::new("page"), b"  <!DOCTYPE html><html>"),
            Some(WebFormat::Html)
        );
        assert_eq!(
            sniff(Path::new("dump"), b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"),
            Some(WebFormat::Warc)
        );
        assert_eq!(
            sniff(Path::new("shard.txt"), b"PARIS, July 23 (Reuters) -"),
            None
        );
    }

    #[test]
    fn sniffs_gzipped_content_even_when_cut() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"WARC/1.0\r\nWARC-Type: response\r\n")
            .unwrap();
        enc.write_all(&[b'x'; 10000]).unwrap();
        let gz = enc.finish().unwrap();
        let cut = &gz[..gz.len().min(120)];
        assert_eq!(sniff(Path::new("noext"), cut), Some(WebFormat::Warc));
    }

    #[test]
    fn decodes_declared_charsets() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(latin, None).contains("café"));
        assert!(decode_html(b"caf\xe9", Some("windows-1252")).contains("café"));
        assert!(decode_html("café".as_bytes(), None).contains("café"));
        let bad = b"<meta charset=\"utf-8\">ok \xff\xfe here";
        assert!(decode_html(bad, None).contains("ok"));
        // GBK bytes as declared stay GBK ("中文" is d6 d0 ce c4, not valid UTF-8).
        let gbk = b"<meta charset=\"gb2312\"><p>\xd6\xd0\xce\xc4</p>";
        assert!(decode_html(gbk, None).contains("中文"));
    }

    #[test]
    fn a_page_resaved_as_utf8_is_read_as_utf8_whatever_it_declares() {
        // Mozilla Readability's `qq` test page: a Tencent article saved as UTF-8 that still says
        // gb2312, which made "谷歌" of it "璋锋瓕"; a stale HTTP header does the same in archives.
        let page = "<meta charset=\"gb2312\"><p>谷歌在2014年收购的人工智能公司 café</p>";
        assert!(decode_html(page.as_bytes(), None).contains("谷歌在2014年收购"));
        assert!(decode_html(page.as_bytes(), Some("windows-1252")).contains("公司 café"));
        // Plain ASCII reads the same either way; a legacy page with one stray byte stays legacy.
        assert!(decode_html(b"<meta charset=\"gb2312\"><p>plain</p>", None).contains("plain"));
        let latin = b"<meta charset=\"windows-1252\"><p>caf\xe9 \x93ok\x94</p>";
        assert!(decode_html(latin, None).contains("café \u{201c}ok\u{201d}"));
    }

    #[test]
    fn undeclared_legacy_pages_keep_their_quotes() {
        // windows-1252 curly quotes and dash, no charset anywhere (old sites named it only in
        // the HTTP header): lossy UTF-8 made each of them U+FFFD.
        let page = b"<html><body><p>WASHINGTON (AP) \x97 a \x93stopgap\x94 bill, caf\xe9.</p></body></html>";
        let text = decode_html(page, None);
        assert!(
            text.contains("(AP) \u{2014} a \u{201c}stopgap\u{201d} bill, caf\u{e9}."),
            "{text}"
        );
        // UTF-8 with one broken byte stays UTF-8.
        let utf8 = "<p>caf\u{e9} \u{201c}ok\u{201d} ".as_bytes().to_vec();
        let text = decode_html(&[utf8, vec![0xff], b"</p>".to_vec()].concat(), None);
        assert!(
            text.contains("caf\u{e9} \u{201c}ok\u{201d} \u{fffd}"),
            "{text}"
        );
    }
}
