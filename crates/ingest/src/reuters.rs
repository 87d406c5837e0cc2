//! Reuters-21578 (`reut2-*.sgm`): 21,578 Reuters newswire stories of 1987 in SGML.
//!
//! One reader for the demo's dated wire set and every evaluation and benchmark that uses the
//! corpus (`newsgraph_eval::corpus::reuters` re-exports it). A record is kept when it
//! has a `<BODY>`; its entities are unescaped (`&lt;`, `&gt;`, `&amp;`, `&quot;`; numeric entities
//! are SGML control codes such as the `&#3;` that closes every body, and are dropped). The files are
//! ASCII apart from a stray byte or two, read as Latin-1 so no byte is lost.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsgraph_model::{Article, Published, PublishedFrom, Source};

/// One story: its identifiers, date, title, topics and body text as written (hard-wrapped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReutersDoc {
    /// The `NEWID` attribute, the story's number in the collection.
    pub new_id: Option<u64>,
    /// The calendar date of `<DATE>` ("26-FEB-1987 15:01:01.79").
    pub date: Option<NaiveDate>,
    /// `<TITLE>`, unescaped.
    pub title: Option<String>,
    /// The `<D>` items of `<TOPICS>`, in order.
    pub topics: Vec<String>,
    /// `<BODY>`, unescaped, with its original line breaks and indentation.
    pub body: String,
}

/// The sign-off lines Reuters closes a story with.
pub fn is_sign_off(paragraph: &str) -> bool {
    matches!(paragraph, "Reuter" | "REUTER" | "Reuters")
}

impl ReutersDoc {
    /// The body as paragraphs: a paragraph starts at an indented line (the wire's layout); the
    /// hard-wrapped lines of a paragraph are joined by one space; blank lines are skipped.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut paragraphs: Vec<String> = Vec::new();
        for line in self.body.lines() {
            let indented = line.starts_with(' ') || line.starts_with('\t');
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            match paragraphs.last_mut() {
                Some(p) if !indented => {
                    p.push(' ');
                    p.push_str(trimmed);
                }
                _ => paragraphs.push(trimmed.to_string()),
            }
        }
        paragraphs
    }

    /// [`paragraphs`](Self::paragraphs) without the closing sign-off ("Reuter").
    pub fn paragraphs_without_sign_off(&self) -> Vec<String> {
        let mut paragraphs = self.paragraphs();
        while paragraphs.last().is_some_and(|p| is_sign_off(p)) {
            paragraphs.pop();
        }
        paragraphs
    }

    /// The story as ingest hands it on: paragraphs one a line without the sign-off, its title,
    /// and its `<DATE>` as the publication date (metadata); `file` names where it was read.
    pub fn to_article(&self, file: &str) -> Article {
        let mut a = Article::new(
            self.paragraphs_without_sign_off().join("\n"),
            Source {
                file: file.to_string(),
                ..Default::default()
            },
        );
        a.title = self.title.clone();
        a.outlet = Some("Reuters".into());
        a.language = Some("en".into());
        a.published = self.date.map(|d| Published {
            value: d.to_string(),
            from: PublishedFrom::Metadata,
        });
        a
    }

    /// The first topic, `none` when the story has none.
    pub fn first_topic(&self) -> &str {
        self.topics.first().map_or("none", String::as_str)
    }
}

/// Every story with a body in one SGML file's text.
pub fn parse(sgm: &str) -> Vec<ReutersDoc> {
    sgm.split("<REUTERS")
        .skip(1)
        .filter_map(parse_record)
        .collect()
}

fn parse_record(record: &str) -> Option<ReutersDoc> {
    let body = between(record, "<BODY>", "</BODY>")?;
    let new_id = record
        .split("NEWID=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|n| n.parse().ok());
    // " 5-MAR-1987 09:17:32.30": a day below 10 is one digit, after a space.
    let date = between(record, "<DATE>", "</DATE>")
        .and_then(|d| NaiveDate::parse_from_str(d.split_whitespace().next()?, "%d-%b-%Y").ok());
    let topics = between(record, "<TOPICS>", "</TOPICS>")
        .map(|t| {
            t.split("<D>")
                .skip(1)
                .filter_map(|d| d.split("</D>").next())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some(ReutersDoc {
        new_id,
        date,
        title: between(record, "<TITLE>", "</TITLE>").map(unescape_sgml),
        topics,
        body: unescape_sgml(body),
    })
}

/// The text between the first `open` and the next `close`.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = start + s.get(start..)?.find(close)?;
    s.get(start..end)
}

/// Resolves the SGML entities of the collection; numeric ones (control codes) are dropped.
pub fn unescape_sgml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let entity = rest
            .find(';')
            .filter(|&e| e <= 8)
            .map(|e| (&rest[1..e], e + 1));
        let (replacement, skip) = match entity {
            Some(("lt", n)) => (Some('<'), n),
            Some(("gt", n)) => (Some('>'), n),
            Some(("amp", n)) => (Some('&'), n),
            Some(("quot", n)) => (Some('"'), n),
            Some((name, n)) if name.starts_with('#') => (None, n),
            _ => (Some('&'), 1),
        };
        out.extend(replacement);
        rest = &rest[skip..];
    }
    out.push_str(rest);
    out
}

/// The stories of one `.sgm` file (read as Latin-1).
pub fn read_file(path: &Path) -> io::Result<Vec<ReutersDoc>> {
    let bytes = std::fs::read(path)?;
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    Ok(parse(&text))
}

/// The `reut2-*.sgm` files of `dir`, sorted.
pub fn files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every story of the collection in `dir`, in file order.
pub fn read_dir(dir: &Path) -> io::Result<Vec<ReutersDoc>> {
    let mut out = Vec::new();
    for f in files(dir)? {
        out.extend(read_file(&f)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<REUTERS TOPICS=\"YES\" NEWID=\"5\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>cocoa</D><D>grain</D></TOPICS>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA &amp; MORE</TITLE>\n<BODY>Showers continued throughout\nthe week.\n    Dry weather &lt;is&gt; forecast.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"6\"><TEXT>no body</TEXT></REUTERS>\n<REUTERS NEWID=\"7\">\n<DATE> 5-MAR-1987 09:17:32.30</DATE>\n<TEXT><BODY>One-digit day.</BODY></TEXT></REUTERS>";

    #[test]
    fn reads_fields_paragraphs_and_sign_off() {
        let docs = parse(SAMPLE);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].date, NaiveDate::from_ymd_opt(1987, 3, 5));
        let d = &docs[0];
        assert_eq!(d.new_id, Some(5));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(1987, 2, 26));
        assert_eq!(d.title.as_deref(), Some("BAHIA COCOA & MORE"));
        assert_eq!(d.topics, vec!["cocoa", "grain"]);
        assert_eq!(
            d.paragraphs(),
            vec![
                "Showers continued throughout the week.",
                "Dry weather <is> forecast.",
                "Reuter"
            ]
        );
        assert_eq!(d.paragraphs_without_sign_off().len(), 2);
        let a = d.to_article("reut2-000.sgm");
        assert_eq!(
            a.text,
            "Showers continued throughout the week.\nDry weather <is> forecast."
        );
        assert_eq!(a.published.map(|p| p.value).as_deref(), Some("1987-02-26"));
        assert_eq!(a.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn unescape_keeps_lone_ampersands_and_drops_control_codes() {
        assert_eq!(unescape_sgml("A & B &#127;&lt;C&gt;"), "A & B <C>");
        assert_eq!(unescape_sgml("&"), "&");
    }
}
