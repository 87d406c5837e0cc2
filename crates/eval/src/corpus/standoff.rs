//! Our standoff gold files (`tests/gold/entities/`, `tests/gold/ner-bbc/`): one mention a line,
//! tab-separated `file start end words tag`, byte offsets into the article text, `#` comments.
//! The tag is the real-world entity for the entity gold and the NER label for the NER gold; each
//! caller checks its own.

use std::path::Path;

/// One line of a standoff gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandoffLine {
    /// 1-based line number in the file.
    pub line: usize,
    /// `section/NNN.txt`.
    pub file: String,
    /// Byte offset of the mention in the article text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The words, as a check.
    pub text: String,
    /// The last field, trimmed.
    pub tag: String,
}

/// Errors reading a standoff gold.
#[derive(Debug, thiserror::Error)]
pub enum StandoffError {
    /// A file could not be read.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    /// A line is malformed, or its words are not at its offsets in the article.
    #[error("{file} line {line}: {why}")]
    Format {
        /// The gold file.
        file: String,
        /// 1-based line number (0: the whole file).
        line: usize,
        /// What is wrong.
        why: String,
    },
}

/// Reads a standoff gold file.
pub fn read(path: &Path) -> Result<Vec<StandoffLine>, StandoffError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| StandoffError::Io(name.clone(), e))?;
    parse(&text, &name)
}

/// Parses standoff lines; `name` is used in errors. A span must be non-empty and the tag present.
pub fn parse(text: &str, name: &str) -> Result<Vec<StandoffLine>, StandoffError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format_error(name, n + 1, why);
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 {
            return Err(bad("expected 5 tab-separated fields"));
        }
        let start: usize = f[1].parse().map_err(|_| bad("bad start"))?;
        let end: usize = f[2].parse().map_err(|_| bad("bad end"))?;
        if end <= start || f[4].trim().is_empty() {
            return Err(bad("empty span or tag"));
        }
        out.push(StandoffLine {
            line: n + 1,
            file: f[0].to_string(),
            start,
            end,
            text: f[3].to_string(),
            tag: f[4].trim().to_string(),
        });
    }
    Ok(out)
}

/// A format error at `line` (0: the whole file) of `file`.
pub fn format_error(file: &str, line: usize, why: &str) -> StandoffError {
    StandoffError::Format {
        file: file.to_string(),
        line,
        why: why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_bad_ones_name_their_line() {
        let ok = "# comment\npolitics/001.txt\t0\t10\tTony Blair\tPER\n";
        let lines = parse(ok, "g.tsv").unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(
            (lines[0].line, lines[0].end, lines[0].tag.as_str()),
            (2, 10, "PER")
        );
        let err = parse("a\t5\t5\tx\tPER\n", "g.tsv").unwrap_err().to_string();
        assert!(err.contains("g.tsv line 1"), "{err}");
        assert!(parse("a\t1\t5\tx\n", "g.tsv").is_err());
    }
}
