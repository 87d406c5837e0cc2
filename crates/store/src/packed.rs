//! The stored analysis and text of an article, packed.
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
//! slice of the text, 57 % of the JSON of a BBC article. [`stored_analysis_json`] replaces each `text`
//! that equals its slice by `true` and [`restore_slices`] puts the slice back from the stored
//! text, so what is read is byte for byte what was analysed. A boolean never stands for a text
//! anywhere else, and rows written before (whole strings) read as they are.
//!
//! From schema version 4 the analysis is a zstd frame over a dictionary trained on analyses
//! (`crates/store/data/README.md` says how it is made): an analysis is a few kilobytes of the
//! same keys and values over and over, which deflate must spell out afresh in every row and a
//! dictionary spells once for all (1,657 → about 950 bytes an article on BBC News, and faster to
//! write than deflate). A zstd frame starts with its magic number, which a raw deflate stream as
//! our encoder writes it never does, so rows of every version read as they are.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

use newsgraph_model::AnalyzedArticle;

use crate::sql::{col, Row, Val};
use crate::StoreError;

/// The dictionary the analyses are packed with; its id is written in every frame.
static ANALYSIS_DICTIONARY: &[u8] = include_bytes!("../data/analysis-1.zdict");

/// The zstd level of stored analyses: 9 packs a BBC analysis in 950 bytes at 170 µs (19: 890 bytes at 4 ms).
pub const ANALYSIS_LEVEL: i32 = 9;

/// The first four bytes of every zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

fn encoder_dictionary() -> &'static zstd::dict::EncoderDictionary<'static> {
    static D: std::sync::OnceLock<zstd::dict::EncoderDictionary<'static>> =
        std::sync::OnceLock::new();
    D.get_or_init(|| zstd::dict::EncoderDictionary::copy(ANALYSIS_DICTIONARY, ANALYSIS_LEVEL))
}

fn decoder_dictionary() -> &'static zstd::dict::DecoderDictionary<'static> {
    static D: std::sync::OnceLock<zstd::dict::DecoderDictionary<'static>> =
        std::sync::OnceLock::new();
    D.get_or_init(|| zstd::dict::DecoderDictionary::copy(ANALYSIS_DICTIONARY))
}

/// The JSON an article's analysis is stored as: the `analyze --json` document without its text
/// (which has a column of its own), each span's `text` that repeats its slice replaced by `true`.
/// Public so that `newsgraph train store-dictionary` learns from exactly what is packed.
pub fn stored_analysis_json(a: &AnalyzedArticle) -> Result<String, StoreError> {
    // Through the JSON text, not `to_value`: an `f32` (mention confidence) keeps its shortest
    // form, as `analyze --json` prints it, instead of 18 digits that do not compress.
    let mut doc: serde_json::Value = serde_json::from_str(&serde_json::to_string(a)?)?;
    if let Some(obj) = doc.as_object_mut() {
        obj.remove("text");
    }
    strip_slices(&mut doc, &a.article.text);
    Ok(doc.to_string())
}

/// Packs an article's analysis for `doc_packed`: [`stored_analysis_json`] as a zstd frame over
/// the analysis dictionary.
pub(crate) fn pack_analysis(a: &AnalyzedArticle) -> Result<Vec<u8>, StoreError> {
    pack_json(&stored_analysis_json(a)?)
}

/// A JSON text as a zstd frame over the analysis dictionary.
fn pack_json(json: &str) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::with_capacity(json.len() / 4);
    let mut enc =
        zstd::stream::write::Encoder::with_prepared_dictionary(&mut out, encoder_dictionary())?;
    enc.write_all(json.as_bytes())?;
    enc.finish()?;
    Ok(out)
}

/// Inflates a zstd frame packed by [`pack_analysis`]. A frame made with another dictionary (a
/// newer build's) is an error that says so, not garbage.
fn unpack_zstd(packed: &[u8]) -> Result<String, StoreError> {
    let frame_dict = zstd::zstd_safe::get_dict_id_from_frame(packed);
    let ours = zstd::zstd_safe::get_dict_id_from_dict(ANALYSIS_DICTIONARY);
    if frame_dict.is_some() && frame_dict != ours {
        return Err(StoreError::Schema(format!(
            "a stored analysis was packed with dictionary {frame_dict:?}, this build has {ours:?}: upgrade newsgraph"
        )));
    }
    let mut json = String::with_capacity(packed.len() * 8);
    zstd::stream::read::Decoder::with_prepared_dictionary(packed, decoder_dictionary())?
        .read_to_string(&mut json)
        .map_err(|e| StoreError::Schema(format!("a stored analysis does not unpack: {e}")))?;
    Ok(json)
}

/// Deflates a text (the article text, a version 2 or 3 analysis) for a `*_packed` column.
pub(crate) fn pack(json: &str) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::with_capacity(json.len() / 3), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(json.as_bytes());
    enc.finish().unwrap_or_default()
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

/// Puts back every span's `text` that [`stored_analysis_json`] replaced by `true`. A span whose offsets
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

/// The SQL expression for an attribution's content: its `content` column, or the article's slice
/// when SQLite stored it empty. Needs the article row as `a` and the attribution as `t`. A macro
/// so that `concat!` can build column lists with it.
macro_rules! content_sql {
    () => {
        "ng_span(t.content, a.text, a.text_packed, t.content_start, t.content_end)"
    };
}
pub(crate) use content_sql;

/// Registers `ng_span(stored, text, text_packed, start, end)` on a SQLite connection: `stored`
/// when it is `NULL` or not empty, else the slice `[start, end)` of the article text (inflated
/// from `text_packed` when that holds bytes). SQL filters and reads span columns through it, so
/// SQLite need not store an attribution's words twice (863 bytes an article on BBC News). The
/// last article inflated is kept: rows come grouped by article, and inflating is the cost.
pub(crate) fn register_span_function(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    let last = std::sync::Mutex::new((Vec::<u8>::new(), String::new()));
    conn.create_scalar_function(
        "ng_span",
        5,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let stored: Option<String> = ctx.get(0)?;
            match stored {
                Some(s) if s.is_empty() => {}
                other => return Ok(other),
            }
            let (start, end): (i64, i64) = (ctx.get(3)?, ctx.get(4)?);
            let ValueRef::Blob(packed) = ctx.get_raw(2) else {
                let text: String = ctx.get::<Option<String>>(1)?.unwrap_or_default();
                return Ok(Some(span_text(String::new(), &text, start, end)));
            };
            let mut cache = last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if cache.0 != packed {
                let text =
                    unpack(packed).map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))?;
                *cache = (packed.to_vec(), text);
            }
            Ok(Some(span_text(String::new(), &cache.1, start, end)))
        },
    )
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
    if packed.starts_with(&ZSTD_MAGIC) {
        return unpack_zstd(packed);
    }
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
        strip_slices(&mut stored, text);
        let packed = pack_json(&stored.to_string()).unwrap();
        assert_eq!(&packed[..4], &ZSTD_MAGIC);
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
