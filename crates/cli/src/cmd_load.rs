//! `newsgraph ingest --analyzed`: bulk load of precomputed analyses (the JSON Lines `analyze
//! --json` or the Spark job in `deploy/spark/` writes) into the store, without running NLP again.
//!
//! Each line is one [`AnalyzedArticle`]. The store gets exactly what a normal ingest of the same
//! input would give it: the same content-hash ids (checked against the text), the same entity
//! resolution (done by the store at write time, in input order), and articles already stored are
//! skipped, so loading twice adds nothing. A line that is not a valid analysis is reported as
//! `file:line: why`; with `--keep-going` the rest is loaded and the command exits 1 at the end.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use newsgraph_ingest::decompress::{open_input, read_error, Limits};
use newsgraph_model::{content_id, AnalyzedArticle};

use crate::cmd_store::{IngestArgs, StoreWriter};

/// The longest line read as one analysis (an article of several MB and its spans).
const MAX_LINE_BYTES: usize = 256 * 1024 * 1024;

/// The files to load: files as given, directories walked (sorted), skipping the `_SUCCESS`,
/// `.crc` and other hidden or underscore-prefixed files Spark and Hadoop leave beside their
/// part files.
fn analysis_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Why a parsed analysis cannot be stored as it is, if it cannot: an id that is not the hash of
/// its text, or a span that does not lie on character boundaries of the text.
fn check(a: &AnalyzedArticle) -> Result<(), String> {
    let text = &a.article.text;
    if a.article.id != content_id(text) {
        return Err(format!(
            "id {:?} is not the content hash of its text (the text was changed after analysis?)",
            a.article.id
        ));
    }
    let fits = |start: usize, end: usize| {
        start <= end && text.is_char_boundary(start) && text.is_char_boundary(end)
    };
    let mut spans: Vec<(&str, usize, usize)> = Vec::new();
    spans.extend(a.entities.iter().map(|e| ("entity", e.start, e.end)));
    spans.extend(a.dates.iter().map(|d| ("date", d.start, d.end)));
    spans.extend(a.figures.iter().map(|f| ("figure", f.start, f.end)));
    spans.extend(
        a.article
            .paragraphs
            .iter()
            .map(|p| ("paragraph", p.start, p.end)),
    );
    for at in &a.attributions {
        spans.push(("attribution content", at.content.start, at.content.end));
        if let Some(c) = &at.cue {
            spans.push(("cue", c.start, c.end));
        }
        if let Some(s) = &at.speaker {
            spans.push(("speaker", s.start, s.end));
        }
    }
    for e in &a.events {
        spans.push(("event sentence", e.sentence.start, e.sentence.end));
    }
    match spans.into_iter().find(|&(_, s, e)| !fits(s, e)) {
        Some((what, s, e)) => Err(format!(
            "{what} span {s}..{e} does not fit the text ({} bytes)",
            text.len()
        )),
        None => Ok(()),
    }
}

/// Counts of one load.
#[derive(Default)]
struct LoadReport {
    read: usize,
    failures: usize,
}

/// Reads one file of analyses into `writer`; bad lines are reported (and counted with
/// `keep_going`, else returned as the error).
fn load_file(
    path: &Path,
    keep_going: bool,
    writer: &mut StoreWriter<'_>,
    report: &mut LoadReport,
) -> anyhow::Result<()> {
    let file = path.display().to_string();
    let mut reader = open_input(path, Limits::default())?;
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        let got = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| read_error(&file, e))?;
        if got == 0 {
            return Ok(());
        }
        n += 1;
        let problem = if line.len() > MAX_LINE_BYTES {
            skip_line(&mut reader).map_err(|e| read_error(&file, e))?;
            Some(format!("line over {MAX_LINE_BYTES} bytes"))
        } else if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        } else {
            match serde_json::from_slice::<AnalyzedArticle>(&line) {
                Ok(a) => match check(&a) {
                    Ok(()) => {
                        report.read += 1;
                        writer.push(a)?;
                        None
                    }
                    Err(why) => Some(why),
                },
                Err(e) => Some(format!("not an analysis (analyze --json output): {e}")),
            }
        };
        if let Some(why) = problem {
            if !keep_going {
                bail!("{file}:{n}: {why} (use --keep-going to report bad lines and go on)");
            }
            eprintln!("newsgraph: {file}:{n}: {why}");
            report.failures += 1;
        }
    }
}

/// Reads past the rest of the current line without holding it.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// `newsgraph ingest --analyzed FILE…`.
pub(crate) fn ingest_analyzed(args: &IngestArgs) -> anyhow::Result<()> {
    if args.input.published.is_some() {
        bail!("--published does not apply to --analyzed input: each analysis carries its own date");
    }
    let location = args.db.location();
    let store = crate::cmd_store::open(&location, newsgraph_store::OpenMode::ReadWrite)?;
    let started = Instant::now();
    let files = analysis_files(&args.input.paths)?;
    let mut writer = StoreWriter::new(&store, args.batch_size);
    let mut report = LoadReport::default();
    let mut result = Ok(());
    for f in &files {
        let loaded = load_file(f, args.input.keep_going, &mut writer, &mut report);
        if let Err(e) = loaded {
            if !args.input.keep_going {
                result = Err(e);
                break;
            }
            eprintln!("newsgraph: {e:#}");
            report.failures += 1;
        }
    }
    // Whatever was read is written and indexed before reporting.
    let (added, skipped) = writer.finish()?;
    result?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "newsgraph: {added} new article(s), {skipped} already stored, from {} analyses in {} file(s), in {secs:.1}s ({:.1} docs/s) into {}",
        report.read,
        files.len(),
        report.read as f64 / secs.max(1e-9),
        location.describe()
    );
    if report.failures > 0 {
        bail!(
            "{} line(s) or file(s) could not be loaded (see above); the other {} analyses were loaded",
            report.failures,
            report.read
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{Article, Entity, Source};

    fn analysed(text: &str) -> AnalyzedArticle {
        AnalyzedArticle::from(Article::new(text.to_string(), Source::default()))
    }

    #[test]
    fn a_clean_analysis_passes() {
        let mut a = analysed("Tony Blair said so.");
        a.entities.push(Entity {
            start: 0,
            end: 10,
            text: "Tony Blair".into(),
            label: "PER".into(),
            ..Default::default()
        });
        assert_eq!(check(&a), Ok(()));
    }

    #[test]
    fn an_id_that_is_not_the_text_hash_is_refused() {
        let mut a = analysed("Tony Blair said so.");
        a.article.text.push('!');
        assert!(check(&a).unwrap_err().contains("content hash"));
    }

    #[test]
    fn a_span_off_the_text_or_inside_a_character_is_refused() {
        let mut a = analysed("Café owners said so.");
        a.entities.push(Entity {
            start: 0,
            end: 4, // inside "é"
            ..Default::default()
        });
        assert!(check(&a).unwrap_err().contains("entity span 0..4"));
        a.entities[0].end = 500;
        assert!(check(&a).is_err());
    }
}
