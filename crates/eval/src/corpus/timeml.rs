//! TimeML documents (`.tml`, as in TBAQ-cleaned, the TempEval-3 training data): the plain text of
//! `<TEXT>` with its `TIMEX3` annotations, and the document creation time.
//!
//! The text is what an XML parser gives for the content of `<TEXT>` (tags removed, the five
//! predefined entities and character references decoded), the same text the shared scorer
//! `tools/tempeval_eval.py` hands to the engine; spans are byte offsets into it, trimmed of
//! whitespace as that scorer trims them.

use std::path::Path;

use chrono::NaiveDate;

/// One `TIMEX3` of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte span in [`TimemlDoc::text`].
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// DATE, TIME, DURATION or SET (upper case).
    pub kind: String,
    /// The ISO-TimeML value as annotated.
    pub value: String,
    /// The `mod` attribute (APPROX, START, …), when present.
    pub modifier: Option<String>,
}

/// A TimeML document.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    /// The file name without `.tml`.
    pub stem: String,
    /// The creation time (`functionInDocument="CREATION_TIME"`), day part.
    pub dct: Option<NaiveDate>,
    /// The document text, tags removed.
    pub text: String,
    /// Its TIMEX3s, in text order.
    pub timexes: Vec<Timex>,
}

/// The value of attribute `name` in the inside of a tag (`TIMEX3 tid="t1" type="DATE"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = rest[..i].ends_with(char::is_whitespace);
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let inner = &value[1..];
                return inner.find(quote).map(|e| &inner[..e]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Appends `raw` to `out` with entities decoded (unknown ones are kept as written).
fn push_decoded(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match &tail[1..e] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                num => {
                    let code = match num.strip_prefix("#x").or_else(|| num.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The creation time: the first `TIMEX3` with `functionInDocument="CREATION_TIME"`.
fn creation_time(xml: &str) -> Option<NaiveDate> {
    let mut rest = xml;
    while let Some(i) = rest.find("<TIMEX3") {
        let tag_end = rest[i..].find('>')? + i;
        let tag = &rest[i + 1..tag_end];
        if attribute(tag, "functionInDocument") == Some("CREATION_TIME") {
            let value = attribute(tag, "value")?;
            return NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok();
        }
        rest = &rest[tag_end..];
    }
    None
}

/// `[start, end)` of `text` without surrounding whitespace.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let s = start + (slice.len() - slice.trim_start().len());
    let e = end - (slice.len() - slice.trim_end().len());
    (s, e.max(s))
}

/// Parses one TimeML document; `None` when it has no `<TEXT>` element.
pub fn parse(stem: &str, xml: &str) -> Option<TimemlDoc> {
    let open = xml.find("<TEXT>")? + "<TEXT>".len();
    let close = xml[open..].find("</TEXT>")? + open;
    let body = &xml[open..close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&rest[..lt], &mut text);
        let Some(gt) = rest[lt..].find('>').map(|g| g + lt) else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            stack.push((text.len(), tag));
            if tag.ends_with('/') {
                stack.pop();
            }
        } else if tag.starts_with("/TIMEX3") {
            if let Some((start, open_tag)) = stack.pop() {
                let (start, end) = trimmed(&text, start, text.len());
                timexes.push(Timex {
                    start,
                    end,
                    kind: attribute(open_tag, "type")
                        .unwrap_or_default()
                        .to_ascii_uppercase(),
                    value: attribute(open_tag, "value").unwrap_or_default().to_string(),
                    modifier: attribute(open_tag, "mod").map(str::to_string),
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    push_decoded(rest, &mut text);
    timexes.sort_by_key(|t| (t.start, t.end));
    Some(TimemlDoc {
        stem: stem.to_string(),
        dct: creation_time(xml),
        text,
        timexes,
    })
}

/// Reads one `.tml` file.
pub fn read_file(path: &Path) -> std::io::Result<Option<TimemlDoc>> {
    let xml = std::fs::read_to_string(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    Ok(parse(stem, &xml))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">January 8, 1998</TIMEX3></DCT>
<TEXT>
AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF" temporalFunction="true">now</TIMEX3> that <EVENT eid="e1">sales</EVENT> rose for <TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years </TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn text_spans_and_creation_time() {
        let d = parse("X1", DOC).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert!(d.text.starts_with("\nAT&T said now that sales rose"));
        assert_eq!(d.timexes.len(), 2);
        let t = &d.timexes[1];
        assert_eq!(&d.text[t.start..t.end], "more than three years");
        assert_eq!((t.kind.as_str(), t.value.as_str()), ("DURATION", "P3Y"));
        assert_eq!(t.modifier.as_deref(), Some("MORE_THAN"));
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "now");
    }

    #[test]
    fn malformed_input_does_not_panic() {
        assert!(parse("x", "no text here").is_none());
        assert!(parse("x", "<TEXT>no end").is_none());
        let d = parse(
            "x",
            "<TEXT>a &bogus; <TIMEX3 type=\"DATE\">b &#233; <x</TEXT>",
        )
        .unwrap();
        assert!(d.timexes.is_empty());
        assert_eq!(d.text, "a &bogus; b \u{e9} ");
        assert_eq!(attribute("TIMEX3 type=\"DATE", "type"), None);
    }
}
