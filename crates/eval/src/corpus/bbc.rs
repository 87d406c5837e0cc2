//! BBC News (Greene and Cunningham, 2006): 2,225 articles of 2004–05 in five sections,
//! `bbc/<section>/NNN.txt`, the title on line 1 and one paragraph a line.
//!
//! One reader for every evaluation and benchmark that uses the set. Most files are UTF-8; the few
//! that are not are Windows-1252 (the "£" of a Latin-1 file), decoded as such rather than lossily.

use std::io;
use std::path::{Path, PathBuf};

use newsgraph_model::{Article, Source};

/// The five sections of the set, in the order the evaluations read them.
pub const SECTIONS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

/// One BBC article file.
#[derive(Debug, Clone)]
pub struct BbcArticle {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its section folder (`politics`).
    pub section: String,
    /// The file number (`001.txt` → 1).
    pub number: usize,
    /// The whole file, decoded.
    pub raw: String,
}

impl BbcArticle {
    /// Line 1, trimmed.
    pub fn title(&self) -> &str {
        self.raw.lines().next().unwrap_or("").trim()
    }

    /// The lines after the title, trimmed, blank ones left out.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.raw
            .lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// Everything after the first line, as written.
    pub fn after_title(&self) -> &str {
        self.raw.split_once('\n').map_or("", |(_, rest)| rest)
    }

    /// The article as ingest would hand it on: paragraphs one a line, the title, outlet BBC.
    pub fn to_article(&self) -> Article {
        let mut a = Article::new(
            self.paragraphs().join("\n"),
            Source {
                file: self.path.display().to_string(),
                ..Default::default()
            },
        );
        a.title = Some(self.title().to_string()).filter(|t| !t.is_empty());
        a.outlet = Some("BBC".into());
        a.language = Some("en".into());
        a
    }
}

/// UTF-8 when the bytes are valid UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// One article file.
pub fn read_file(path: &Path, section: &str) -> io::Result<BbcArticle> {
    let bytes = std::fs::read(path)?;
    let number = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(BbcArticle {
        path: path.to_path_buf(),
        section: section.to_string(),
        number,
        raw: decode(&bytes).replace("\r\n", "\n"),
    })
}

/// The articles of the given sections, section by section, files sorted by name.
pub fn read_sections(dir: &Path, sections: &[&str]) -> io::Result<Vec<BbcArticle>> {
    let mut out = Vec::new();
    for section in sections {
        let folder = dir.join(section);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            out.push(read_file(&f, section)?);
        }
    }
    Ok(out)
}

/// Every article of the set.
pub fn read_all(dir: &Path) -> io::Result<Vec<BbcArticle>> {
    read_sections(dir, &SECTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_files_keep_their_pound_sign() {
        assert_eq!(decode(b"\xa3600m"), "£600m");
        assert_eq!(decode("£600m".as_bytes()), "£600m");
    }

    #[test]
    fn title_paragraphs_and_article() {
        let a = BbcArticle {
            path: PathBuf::from("politics/001.txt"),
            section: "politics".into(),
            number: 1,
            raw: "Labour plans\n\nFirst para.\n\n Second para. \n".into(),
        };
        assert_eq!(a.title(), "Labour plans");
        assert_eq!(a.paragraphs(), vec!["First para.", "Second para."]);
        let art = a.to_article();
        assert_eq!(art.text, "First para.\nSecond para.");
        assert_eq!(art.title.as_deref(), Some("Labour plans"));
    }
}
