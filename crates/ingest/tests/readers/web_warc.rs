//! WARC reading, on archives written by the small writer below from the benchmark's pages.

use std::io::{Read, Write};
use std::path::PathBuf;

use newsgraph_ingest::web::warc::{SkipReason, WarcItem, WarcReader};
use newsgraph_ingest::web::WebError;

/// Writes WARC/1.0 records the way Common Crawl does: optionally one gzip member per record.
struct WarcWriter {
    out: Vec<u8>,
    gzip: bool,
    /// Offset of each record written.
    offsets: Vec<usize>,
}

impl WarcWriter {
    fn new(gzip: bool) -> Self {
        WarcWriter {
            out: Vec::new(),
            gzip,
            offsets: Vec::new(),
        }
    }

    fn record(&mut self, warc_type: &str, uri: Option<&str>, content_type: &str, block: &[u8]) {
        let mut rec = Vec::new();
        write!(rec, "WARC/1.0\r\nWARC-Type: {warc_type}\r\n").unwrap();
        write!(
            rec,
            "WARC-Record-ID: <urn:uuid:{:08}>\r\nWARC-Date: 2019-11-20T10:00:00Z\r\n",
            self.offsets.len()
        )
        .unwrap();
        if let Some(u) = uri {
            write!(rec, "WARC-Target-URI: {u}\r\n").unwrap();
        }
        write!(
            rec,
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .unwrap();
        rec.extend_from_slice(block);
        rec.extend_from_slice(b"\r\n\r\n");
        self.offsets.push(self.out.len());
        if self.gzip {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(&rec).unwrap();
            self.out.extend(enc.finish().unwrap());
        } else {
            self.out.extend(rec);
        }
    }

    fn response(&mut self, uri: &str, status: &str, content_type: &str, body: &[u8]) {
        let mut block = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        block.extend_from_slice(body);
        self.record(
            "response",
            Some(uri),
            "application/http; msgtype=response",
            &block,
        );
    }
}

fn benchmark_pages(n: usize) -> Option<Vec<Vec<u8>>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/html/article-extraction-benchmark/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; skipping", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    Some(
        paths
            .iter()
            .take(n)
            .map(|p| {
                let mut html = Vec::new();
                flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
                    .read_to_end(&mut html)
                    .unwrap();
                html
            })
            .collect(),
    )
}

/// warcinfo, then per page: request, response; plus an image, a redirect and a 404.
fn build(gzip: bool, pages: &[Vec<u8>]) -> WarcWriter {
    let mut w = WarcWriter::new(gzip);
    w.record(
        "warcinfo",
        None,
        "application/warc-fields",
        b"software: newsgraph-test\r\n",
    );
    for (i, html) in pages.iter().enumerate() {
        let uri = format!("https://news.example.com/story-{i}");
        w.record(
            "request",
            Some(&uri),
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        );
        w.response(&uri, "200 OK", "text/html; charset=utf-8", html);
    }
    w.response(
        "https://news.example.com/logo.png",
        "200 OK",
        "image/png",
        &[0x89, b'P', b'N', b'G', 0, 1, 2],
    );
    w.response(
        "https://news.example.com/old",
        "301 Moved Permanently",
        "text/html",
        b"<a href=/new>moved</a>",
    );
    w.response(
        "https://news.example.com/gone",
        "404 Not Found",
        "text/html",
        b"<h1>Not found</h1>",
    );
    w
}

#[test]
fn reads_plain_and_gzipped_archives() {
    let Some(pages) = benchmark_pages(4) else {
        return;
    };
    for gzip in [false, true] {
        let w = build(gzip, &pages);
        let name = if gzip { "crawl.warc.gz" } else { "crawl.warc" };
        let mut reader = WarcReader::new(&w.out[..], name, gzip);
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for item in reader.by_ref() {
            match item.unwrap() {
                WarcItem::Article(a) => articles.push(a),
                WarcItem::Skipped(s) => skipped.push(s),
            }
        }
        assert_eq!(articles.len(), 4, "gzip={gzip}");
        let counts = reader.counts().clone();
        assert_eq!(counts.records, 1 + 4 * 2 + 3);
        assert_eq!(counts.articles, 4);
        assert_eq!(counts.not_response, 5);
        assert_eq!(counts.not_html, 1);
        assert_eq!(counts.http_status, 2);
        assert_eq!(counts.skipped(), skipped.len());
        assert!(skipped
            .iter()
            .any(|s| s.reason == SkipReason::HttpStatus(404)));
        for (i, a) in articles.iter().enumerate() {
            // Responses are records 2, 4, 6, 8 (0-based): after warcinfo and each request.
            let offset = w.offsets[2 + 2 * i];
            assert_eq!(a.source.file, format!("{name}#{offset}"));
            assert_eq!(a.source.bytes[0], offset);
            assert!(a.source.bytes[1] > offset);
            assert!(a.url.is_some());
            assert!(a.word_count() > 50);
            assert!(a.published.is_some());
        }
    }
}

#[test]
fn truncated_archive_keeps_what_was_read() {
    let Some(pages) = benchmark_pages(3) else {
        return;
    };
    for gzip in [false, true] {
        let w = build(gzip, &pages);
        // Cut inside the third response (record 6).
        let cut_record = w.offsets[6];
        let cut = cut_record + (w.offsets[7] - cut_record) / 2;
        let items: Vec<_> = WarcReader::new(&w.out[..cut], "cut.warc", gzip).collect();
        let articles = items
            .iter()
            .filter(|i| matches!(i, Ok(WarcItem::Article(_))))
            .count();
        assert_eq!(articles, 2, "gzip={gzip}");
        let last = items.last().unwrap();
        match last {
            Err(WebError::Truncated { offset, .. }) | Err(WebError::Gzip { offset, .. }) => {
                assert_eq!(offset, &cut_record.to_string(), "gzip={gzip}")
            }
            other => panic!("expected a truncation error, got {other:?}"),
        }
        assert!(last.as_ref().unwrap_err().to_string().contains("cut.warc"));
    }
}

#[test]
fn corrupt_record_is_reported_and_reading_resumes() {
    let mut w = WarcWriter::new(false);
    let page = b"<html><head><title>T</title></head><body><article><p>The mayor said on Monday that the city would open three new libraries next year, funded by a bond approved by voters in the spring election.</p><p>Construction is expected to begin in March, officials said, and the first branch should open by the end of the year.</p></article></body></html>";
    w.response("https://a.example/1", "200 OK", "text/html", page);
    let bad_at = w.out.len();
    w.out.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\ngarbage\r\n\r\n",
    );
    w.response("https://a.example/2", "200 OK", "text/html", page);
    let items: Vec<_> = WarcReader::new(&w.out[..], "bad.warc", false).collect();
    assert_eq!(items.len(), 3);
    assert!(matches!(items[0], Ok(WarcItem::Article(_))));
    match &items[1] {
        Err(WebError::CorruptRecord { offset, .. }) => assert_eq!(offset, &bad_at.to_string()),
        other => panic!("expected a corrupt record, got {other:?}"),
    }
    assert!(matches!(items[2], Ok(WarcItem::Article(_))));
}

/// A response record whose payload is generated on the fly: 200 MB that are never held in memory.
struct HugeRecord {
    head: Vec<u8>,
    pos: usize,
    total: usize,
}

impl Read for HugeRecord {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.total {
            return Ok(0);
        }
        let n = buf.len().min(self.total - self.pos);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            let at = self.pos + i;
            *b = if at < self.head.len() {
                self.head[at]
            } else {
                b'x'
            };
        }
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn oversized_and_non_html_payloads_stream_past() {
    let body_len: usize = 200 * 1024 * 1024;
    let http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: {body_len}\r\n\r\n");
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}",
        http.len() + body_len
    );
    let total = head.len() + body_len;
    let mut reader = WarcReader::new(
        HugeRecord {
            head: head.into_bytes(),
            pos: 0,
            total,
        },
        "big.warc",
        false,
    );
    let item = reader.next().unwrap().unwrap();
    assert!(matches!(item, WarcItem::Skipped(ref s) if matches!(s.reason, SkipReason::NotHtml(_))));
    assert!(reader.next().is_none());

    let html_http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{html_http}",
        html_http.len() + body_len
    );
    let total = head.len() + body_len;
    let mut reader = WarcReader::new(
        HugeRecord {
            head: head.into_bytes(),
            pos: 0,
            total,
        },
        "big.warc",
        false,
    );
    let item = reader.next().unwrap().unwrap();
    assert!(
        matches!(item, WarcItem::Skipped(ref s) if matches!(s.reason, SkipReason::TooLarge(_)))
    );
    assert_eq!(reader.counts().too_large, 1);
}

#[test]
fn whole_file_gzip_names_records_inside_the_member() {
    let Some(pages) = benchmark_pages(2) else {
        return;
    };
    let plain = build(false, &pages);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&plain.out).unwrap();
    let gz = enc.finish().unwrap();
    let articles: Vec<_> = WarcReader::new(&gz[..], "one.warc.gz", true)
        .filter_map(|i| match i.unwrap() {
            WarcItem::Article(a) => Some(a),
            WarcItem::Skipped(_) => None,
        })
        .collect();
    assert_eq!(articles.len(), 2);
    assert_eq!(
        articles[0].source.file,
        format!("one.warc.gz#0+{}", plain.offsets[2])
    );
}
