//! `-` as an input: standard input read as a stream, so that any engine (a shell pipe, a Spark
//! `pipe()`, a queue consumer) can drive newsgraph without temporary files. Text, JSON Lines and
//! WARC are read incrementally (memory stays bounded by one chunk, one record or one WARC page);
//! an HTML page or a feed is read whole under the same caps as a file. `auto` sniffs the first
//! bytes the way files are sniffed.

use std::io::{BufRead, BufReader, Read};

use newsgraph_model::Article;

use crate::decompress::{read_capped, read_error};
use crate::error::IngestError;
use crate::input::{detect_format, drain_warc, read_feed, FileReport, InputFormat, ReadOptions};
use crate::jsonl::read_jsonl_stream;
use crate::text::read_text_stream;
use crate::web::{html, warc};

/// The path that names standard input.
pub const STDIN_PATH: &str = "-";

/// How standard input is named in articles' `source.file` and in errors.
const STDIN_NAME: &str = "<stdin>";

/// Reads standard input as one input file.
pub fn read_stdin(
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<FileReport, IngestError> {
    read_stream(std::io::stdin().lock(), opts, sink)
}

/// Reads `input` as one input named `<stdin>`; the reader behind [`read_stdin`].
pub fn read_stream(
    input: impl Read,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Article),
) -> Result<FileReport, IngestError> {
    let file = STDIN_NAME.to_string();
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let head = reader
        .fill_buf()
        .map_err(|e| read_error(&file, e))?
        .to_vec();
    if head.is_empty() {
        return Err(IngestError::Empty { file });
    }
    let gzipped = head.starts_with(&[0x1f, 0x8b]);
    let format = match opts.format {
        InputFormat::Auto => detect_format(std::path::Path::new(STDIN_PATH), &head),
        f => f,
    };
    let mut report = FileReport {
        file: file.clone(),
        format: Some(format),
        ..Default::default()
    };
    if gzipped && format != InputFormat::Warc {
        return Err(IngestError::Format {
            file,
            message: "compressed standard input is read only as WARC; pipe it through `gzip -dc`"
                .into(),
        });
    }
    let mut articles = 0usize;
    let mut counting = |a: Article| {
        articles += 1;
        sink(a);
    };
    match format {
        InputFormat::Text | InputFormat::Auto => {
            let shard = read_text_stream(&mut reader, &file, &opts.text, &mut counting)?;
            report.shard = Some(shard);
        }
        InputFormat::Jsonl => {
            report.errors = read_jsonl_stream(&mut reader, &file, &opts.text, &mut counting)?;
        }
        InputFormat::Html => {
            let bytes =
                read_capped(&mut reader, html::MAX_PAGE_BYTES).map_err(|e| read_error(&file, e))?;
            counting(html::extract_article(&bytes, &file)?);
        }
        // These two count into the report themselves.
        InputFormat::Feed => read_feed(&mut reader, &file, &mut report, sink)?,
        InputFormat::Warc => drain_warc(
            warc::WarcReader::new(reader, &file, gzipped),
            &mut report,
            sink,
        ),
    }
    report.articles += articles;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], format: InputFormat) -> Result<(FileReport, Vec<Article>), IngestError> {
        let opts = ReadOptions {
            format,
            ..Default::default()
        };
        let mut out = Vec::new();
        let report = read_stream(input, &opts, &mut |a| out.push(a))?;
        Ok((report, out))
    }

    #[test]
    fn text_is_sniffed_and_read_as_a_shard() {
        let (report, arts) =
            read(b"Mr Smith said the plan was fine.\n", InputFormat::Auto).unwrap();
        assert_eq!(report.format, Some(InputFormat::Text));
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].source.file, "<stdin>");
    }

    #[test]
    fn json_lines_stream_record_by_record() {
        let input = b"{\"text\": \"One story here.\"}\n{\"text\": \"Another story there.\"}\n";
        let (report, arts) = read(input, InputFormat::Auto).unwrap();
        assert_eq!(report.format, Some(InputFormat::Jsonl));
        assert_eq!(arts.len(), 2);
        assert_eq!(report.articles, 2);
    }

    #[test]
    fn a_warc_archive_is_read_page_by_page() {
        let story: String = (0..6)
            .map(|i| format!("<p>Paragraph {i} says the council voted on Tuesday to approve the new budget, which officials said would fund schools.</p>"))
            .collect();
        let body = format!("<html><body><article>{story}</article></body></html>");
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://ex.com/a\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let (report, arts) = read(record.as_bytes(), InputFormat::Auto).unwrap();
        assert_eq!(report.format, Some(InputFormat::Warc));
        assert_eq!(arts.len(), 1, "{report:?}");
        assert!(arts[0].text.contains("council voted"));
    }

    #[test]
    fn empty_and_compressed_text_input_are_clear_errors() {
        assert!(matches!(
            read(b"", InputFormat::Auto),
            Err(IngestError::Empty { .. })
        ));
        let gz = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0];
        let err = read(&gz, InputFormat::Text).unwrap_err().to_string();
        assert!(err.contains("gzip -dc"), "{err}");
    }
}
