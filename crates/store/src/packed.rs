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
    fn a_corrupt_packed_document_is_an_error_not_a_panic() {
        let row = vec![Val::Text(String::new()), Val::Bytes(vec![0xff, 0x00, 0x13])];
        assert!(doc_json(&row, 0).is_err());
    }
}
