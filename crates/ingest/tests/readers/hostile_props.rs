//! Property tests for every reader (issue 12): none panics on arbitrary bytes, and the budgets
//! hold — the markup pre-pass bounds the depth the parsers see, a JSON Lines record over the limit
//! is never held whole, and a capped gzip stream never yields more than its cap.

use std::io::Read;

use crate::util::{gzip, Scratch};
use newsgraph_ingest::decompress::{capped_gzip, Limits};
use newsgraph_ingest::web::feed::parse_feed;
use newsgraph_ingest::web::html::extract_article;
use newsgraph_ingest::web::markup::{cap_markup, MarkupLimits};
use newsgraph_ingest::web::warc::{WarcPages, WarcReader};
use newsgraph_ingest::{read_path, InputFormat, ReadOptions, TextOptions};
use proptest::prelude::*;
use scraper::Html;

/// Tag soup: start and end tags of common (and formatting, and table) elements, attributes, words.
fn tag_soup() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("div"),
        Just("span"),
        Just("p"),
        Just("li"),
        Just("ul"),
        Just("b"),
        Just("i"),
        Just("a"),
        Just("section"),
        Just("td"),
        Just("table"),
        Just("font"),
    ];
    let token = prop_oneof![
        (tag.clone(), 0..3usize).prop_map(|(t, n)| {
            let attrs: String = (0..n).map(|i| format!(" x{i}=\"{i}\"")).collect();
            format!("<{t}{attrs}>")
        }),
        tag.prop_map(|t| format!("</{t}>")),
        "[a-z]{1,8}".prop_map(|w| format!("{w} ")),
        Just("<br>".to_string()),
        Just("<!-- c -->".to_string()),
    ];
    prop::collection::vec(token, 0..400).prop_map(|v| v.concat())
}

/// The deepest element of a parsed document (html = 1).
fn depth(doc: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        for child in node.children() {
            stack.push((child, d + usize::from(child.value().is_element())));
        }
    }
    deepest
}

fn words(doc: &Html) -> Vec<String> {
    let mut w: Vec<String> = doc
        .root_element()
        .text()
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    w.sort();
    w
}

/// Reads `bytes` as a file named `name` with `format`; must not panic, whatever the result.
fn read_as(name: &str, bytes: &[u8], format: InputFormat) {
    let f = Scratch::file(name, bytes);
    let opts = ReadOptions {
        format,
        text: TextOptions {
            max_line_bytes: 64,
            chunk_bytes: 128,
            ..Default::default()
        },
    };
    let _ = read_path(&f.0, &opts, &mut |_| {});
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn markup_cap_bounds_parsed_depth_and_keeps_words(soup in tag_soup()) {
        let limits = MarkupLimits { max_depth: 12, max_attributes: 1 };
        let (capped, _) = cap_markup(&soup, limits);
        let before = Html::parse_document(&soup);
        let after = Html::parse_document(&capped);
        // The pre-pass models the parser's stack from the tags alone; misnested formatting and
        // foster-parented table content can put a few levels past its count, never a number that
        // grows with the input: bounded by twice the cap (plus html, body, tbody, tr).
        prop_assert!(depth(&after) <= 2 * limits.max_depth + 4, "depth {} for {soup}", depth(&after));
        prop_assert_eq!(words(&before), words(&after));
        // Pages under the caps come through byte for byte.
        let loose = MarkupLimits { max_depth: usize::MAX, max_attributes: usize::MAX };
        let (same, _) = cap_markup(&soup, loose);
        prop_assert_eq!(same.as_ref(), soup.as_str());
    }

    #[test]
    fn html_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..800), soup in tag_soup()) {
        let _ = extract_article(&bytes, "prop.html");
        let _ = extract_article(soup.as_bytes(), "soup.html");
    }

    #[test]
    fn warc_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..800), cut in 0..400usize) {
        let _ = WarcPages::new(&bytes[..], "prop.warc", false).count();
        let _ = WarcPages::new(&bytes[..], "prop.warc.gz", true).count();
        // A valid-looking record, cut anywhere.
        let record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>a</p>\r\n\r\n";
        let cut = cut.min(record.len());
        let _ = WarcReader::new(&record[..cut], "cut.warc", false).count();
        let gz = gzip(record);
        let _ = WarcReader::new(&gz[..cut.min(gz.len())], "cut.warc.gz", true).count();
    }

    #[test]
    fn feeds_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..800), soup in tag_soup()) {
        let _ = parse_feed(&bytes, "prop.rss");
        let rss = format!("<rss version=\"2.0\"><channel><item><description><![CDATA[{soup}]]></description></item></channel></rss>");
        let _ = parse_feed(rss.as_bytes(), "soup.rss");
    }

    #[test]
    fn file_readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..800)) {
        read_as("p.txt", &bytes, InputFormat::Text);
        read_as("p.jsonl", &bytes, InputFormat::Jsonl);
        read_as("p.txt.gz", &gzip(&bytes), InputFormat::Auto);
        read_as("p.jsonl.gz", &gzip(&bytes), InputFormat::Jsonl);
        read_as("p.rss", &bytes, InputFormat::Feed);
        read_as("p.html", &bytes, InputFormat::Html);
        read_as("p.warc", &bytes, InputFormat::Warc);
    }

    #[test]
    fn jsonl_records_are_each_reported_once(lines in prop::collection::vec(
        prop_oneof![
            Just("{\"text\":\"A fine record.\"}".to_string()),
            "\\{[a-z\":, ]{0,40}",
            "[a-z]{100,200}",
            Just("{\"text\":\"nul \u{0} here\"}".to_string()),
        ], 0..20)) {
        let data = lines.join("\n");
        let f = Scratch::file("p.jsonl", data.as_bytes());
        let opts = ReadOptions {
            text: TextOptions { max_line_bytes: 80, ..Default::default() },
            ..Default::default()
        };
        let mut articles = 0;
        if let Ok(report) = read_path(&f.0, &opts, &mut |_| articles += 1) {
            // Every non-blank line is an article or an error, never both, never lost.
            let non_blank = lines.iter().filter(|l| !l.trim().is_empty()).count();
            prop_assert_eq!(articles + report.errors.len(), non_blank);
        }
    }

    #[test]
    fn capped_gzip_never_yields_past_its_cap(len in 0..200_000usize, cap in 1..50_000u64) {
        let data: Vec<u8> = (0..len).map(|i| (i % 7) as u8 + b'a').collect();
        let limits = Limits { max_bytes: cap, ..Limits::default() };
        let mut reader = capped_gzip(std::io::Cursor::new(gzip(&data)), limits);
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        let result = loop {
            match reader.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => break Err(e),
            }
        };
        prop_assert!(out.len() as u64 <= cap);
        prop_assert_eq!(result.is_ok(), len as u64 <= cap);
    }
}
