//! The stored analysis of an article, deflated.
//!
//! Every article keeps its whole analysis (the `analyze --json` document less its text) so that
//! the article page, `export` and `reindex` see exactly what was analysed. That JSON was three
//! quarters of a store (8.5 KB of 11.6 KB an article on BBC News); it is read whole or not at
//! all, so schema version 2 keeps it deflated in `articles.doc_packed` (2.5 KB an article) and
//! leaves `articles.doc` empty. Rows written by version 1 keep their JSON in `doc` and are read
//! as they are.
//!
//! The article text follows the same pattern from schema version 3 on SQLite: `articles.text`
//! is left empty and `articles.text_packed` holds the deflated text (2.25 KB of plain text an
//! article on BBC News becomes about 1 KB). PostgreSQL keeps the plain text, since its search
//! column is generated from it and TOAST already compresses long values.
//!
//! Most of the analysis JSON was the article's own words again: every span (`{start, end,
//! text}`: mentions, quote contents, cues, speakers, dates, figures, event sentences) carries its
//! slice of the text, 57 % of the JSON of a BBC article. [`pack_document`] replaces each `text`
//! that equals its slice by `true` and [`restore_slices`] puts the slice back from the stored
//! text, so what is read is byte for byte what was analysed. A boolean never stands for a text
//! anywhere else, and rows written before (whole strings) read as they are.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

use crate::sql::{col, Row, Val};
use crate::StoreError;

/// Deflates a document's JSON for the `doc_packed` column.
pub(crate) fn pack(json: &str) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::with_capacity(json.len() / 3), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(json.as_bytes());
    enc.finish().unwrap_or_default()
}

/// Deflates an article's analysis (without its text) for `doc_packed`, each span's `text` that
/// repeats its slice of `text` replaced by `true`.
pub(crate) fn pack_document(doc: &mut serde_json::Value, text: &str) -> Vec<u8> {
    strip_slices(doc, text);
    pack(&doc.to_string())
}

/// Replaces by `true` every `text` of a `{start, end, text}` object equal to `text[start..end]`.
fn strip_slices(v: &mut serde_json::Value, text: &str) {
    match v {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|x| strip_slices(x, text)),
        serde_json::Value::Object(obj) => {
            let repeats = match (span_of(obj), obj.get("text")) {
                (Some((s, e)), Some(serde_json::Value::String(t))) => text.get(s..e) == Some(t),
                _ => false,
            };
            if repeats {
                obj.insert("text".into(), serde_json::Value::Bool(true));
            }
            obj.values_mut().for_each(|x| strip_slices(x, text));
        }
        _ => {}
    }
}

/// Puts back every span's `text` that [`pack_document`] replaced by `true`. A span whose offsets
/// do not fall on `text`'s character boundaries (a corrupt row) gets an empty text, not a panic.
pub(crate) fn restore_slices(v: &mut serde_json::Value, text: &str) {
    match v {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|x| restore_slices(x, text)),
        serde_json::Value::Object(obj) => {
            if let (Some((s, e)), Some(serde_json::Value::Bool(true))) =
                (span_of(obj), obj.get("text"))
            {
                let slice = text.get(s..e).unwrap_or_default().to_string();
                obj.insert("text".into(), serde_json::Value::String(slice));
            }
            obj.values_mut().for_each(|x| restore_slices(x, text));
        }
        _ => {}
    }
}

/// The `start` and `end` byte offsets of a span object.
fn span_of(obj: &serde_json::Map<String, serde_json::Value>) -> Option<(usize, usize)> {
    let at = |k: &str| obj.get(k).and_then(serde_json::Value::as_u64);
    Some((
        usize::try_from(at("start")?).ok()?,
        usize::try_from(at("end")?).ok()?,
    ))
}

/// A span row's text: as stored, or, when SQLite stored it empty (`ingest::span_col`), the
/// slice `[start, end)` of the article `text` (empty when the offsets do not fit).
pub(crate) fn span_text(stored: String, text: &str, start: i64, end: i64) -> String {
    if !stored.is_empty() {
        return stored;
    }
    match (usize::try_from(start), usize::try_from(end)) {
        (Ok(s), Ok(e)) => text.get(s..e).unwrap_or_default().to_string(),
        _ => String::new(),
    }
}

/// The document JSON of a row whose columns `i` and `i + 1` are `doc, doc_packed`.
pub(crate) fn doc_json(row: &Row, i: usize) -> Result<String, StoreError> {
    unpacked(row, i)
}

/// The article text of a row whose columns `i` and `i + 1` are `text, text_packed`.
pub(crate) fn article_text(row: &Row, i: usize) -> Result<String, StoreError> {
    unpacked(row, i)
}

/// Column `i + 1` inflated when it holds packed bytes, else column `i` as it is.
fn unpacked(row: &Row, i: usize) -> Result<String, StoreError> {
    match col(row, i + 1) {
        Val::Bytes(packed) => unpack(packed),
        _ => Ok(col(row, i).text()),
    }
}

fn unpack(packed: &[u8]) -> Result<String, StoreError> {
    let mut json = String::with_capacity(packed.len() * 4);
    DeflateDecoder::new(packed)
        .read_to_string(&mut json)
        .map_err(|e| StoreError::Schema(format!("a stored column does not inflate: {e}")))?;
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_document_reads_back_and_is_smaller() {
        let json = r#"{"entities":[{"text":"Tony Blair","label":"PER"}],"dates":[]}"#.repeat(20);
        let packed = pack(&json);
        assert!(packed.len() * 4 < json.len());
        let row = vec![Val::Text(String::new()), Val::Bytes(packed)];
        assert_eq!(doc_json(&row, 0).unwrap(), json);
    }

    #[test]
    fn a_version_one_row_reads_its_json_column() {
        let row = vec![Val::Text("{\"a\":1}".into()), Val::Null];
        assert_eq!(doc_json(&row, 0).unwrap(), "{\"a\":1}");
    }

    #[test]
    fn a_packed_text_reads_back_and_a_plain_one_as_it_is() {
        let text = "The minister said on Tuesday that talks would resume. ".repeat(30);
        let packed = vec![Val::Text(String::new()), Val::Bytes(pack(&text))];
        assert_eq!(article_text(&packed, 0).unwrap(), text);
        let plain = vec![Val::Text(text.clone()), Val::Null];
        assert_eq!(article_text(&plain, 0).unwrap(), text);
    }

    #[test]
    fn span_texts_are_stored_once_and_read_back_exactly() {
        let text = "Ms Hewitt told GMTV's Sunday programme that leave would rise.";
        let doc = serde_json::json!({
            "entities": [{"start": 0, "end": 9, "text": "Ms Hewitt", "label": "PER"}],
            "attributions": [{"content": {"start": 40, "end": 60, "text": "leave would rise."},
                              "speaker": {"start": 0, "end": 9, "text": "Ms Hewitt", "name": "Patricia Hewitt"}}],
            "dates": [{"start": 21, "end": 27, "text": "a normalised text", "value": "XXXX-WXX-7"}],
            "paragraphs": [{"start": 0, "end": 61}],
        });
        let mut stored = doc.clone();
        let packed = pack_document(&mut stored, text);
        assert_eq!(stored["entities"][0]["text"], serde_json::json!(true));
        // A text that is not its slice (the content's and the date's offsets are off) is kept.
        assert_eq!(
            stored["attributions"][0]["content"]["text"],
            "leave would rise."
        );
        assert_eq!(stored["dates"][0]["text"], "a normalised text");
        assert!(stored["paragraphs"][0].get("text").is_none());
        let row = vec![Val::Text(String::new()), Val::Bytes(packed)];
        let mut read: serde_json::Value =
            serde_json::from_str(&doc_json(&row, 0).unwrap()).unwrap();
        restore_slices(&mut read, text);
        assert_eq!(read, doc);
    }

    #[test]
    fn a_span_outside_the_text_restores_empty_not_a_panic() {
        let mut v = serde_json::json!([{"start": 3, "end": 99, "text": true}, {"start": 1, "end": 2, "text": true}]);
        restore_slices(&mut v, "é b");
        assert_eq!(
            v,
            serde_json::json!([{"start": 3, "end": 99, "text": ""}, {"start": 1, "end": 2, "text": ""}])
        );
    }

    #[test]
    fn a_corrupt_packed_document_is_an_error_not_a_panic() {
        let row = vec![Val::Text(String::new()), Val::Bytes(vec![0xff, 0x00, 0x13])];
        assert!(doc_json(&row, 0).is_err());
    }
}
