//! The mentions of one entity in one article, packed into `article_entities.spans`.
//!
//! Until schema version 4 every entity mention had a `mentions` row and an index entry (1,172
//! bytes an article on BBC News, 30 mentions). Every reader wants an entity's mentions per article
//! (the entity page, the type vote, the article page's links), so they are kept with the
//! (article, entity) row they belong to: per mention its index in the analysis, its byte span and
//! its NER label, as variable-length integers, about five bytes a mention.

use crate::sql::{Db, Val};
use crate::StoreError;

/// Stores an entity's mentions in an article into its existing `article_entities` row.
pub(crate) fn write(
    db: &mut dyn Db,
    article_seq: i64,
    entity_id: i64,
    mentions: &[PackedMention],
) -> Result<(), StoreError> {
    db.execute(
        "UPDATE article_entities SET spans = $1 WHERE article_seq = $2 AND entity_id = $3",
        &[
            Val::Bytes(encode(mentions)),
            Val::Int(article_seq),
            Val::Int(entity_id),
        ],
    )?;
    Ok(())
}

/// One entity mention as stored: its index in the article's `entities`, byte span and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackedMention {
    pub(crate) idx: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: String,
}

/// Labels stored as one byte (their index); any other is [`OTHER_LABEL`] and its bytes.
const LABELS: [&str; 8] = ["PER", "ORG", "LOC", "GPE", "MISC", "NORP", "EVENT", "LAW"];
const OTHER_LABEL: u8 = 0xff;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Signed deltas (mentions are written in index order, but a caller's order is not trusted).
fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Packs mentions: per mention the index and start as deltas from the previous mention's, the
/// length, and the label.
pub(crate) fn encode(mentions: &[PackedMention]) -> Vec<u8> {
    let mut out = Vec::with_capacity(mentions.len() * 5);
    let (mut idx, mut start) = (0i64, 0i64);
    for m in mentions {
        let (i, s) = (m.idx as i64, m.start as i64);
        put_varint(&mut out, zigzag(i - idx));
        put_varint(&mut out, zigzag(s - start));
        put_varint(&mut out, m.end.saturating_sub(m.start) as u64);
        match LABELS.iter().position(|l| *l == m.label) {
            Some(code) => out.push(code as u8),
            None => {
                out.push(OTHER_LABEL);
                put_varint(&mut out, m.label.len() as u64);
                out.extend_from_slice(m.label.as_bytes());
            }
        }
        (idx, start) = (i, s);
    }
    out
}

/// Reads bytes packed by [`encode`] one field at a time.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn corrupt() -> StoreError {
        StoreError::Schema("a stored mention list is corrupt".into())
    }

    fn byte(&mut self) -> Result<u8, StoreError> {
        let b = *self.bytes.get(self.at).ok_or_else(Self::corrupt)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, StoreError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(Self::corrupt())
    }

    fn offset(&mut self, previous: i64) -> Result<i64, StoreError> {
        let v = previous
            .checked_add(unzigzag(self.varint()?))
            .ok_or_else(Self::corrupt)?;
        if v < 0 {
            return Err(Self::corrupt());
        }
        Ok(v)
    }

    fn label(&mut self) -> Result<String, StoreError> {
        let code = self.byte()?;
        if let Some(l) = LABELS.get(usize::from(code)) {
            return Ok((*l).to_string());
        }
        if code != OTHER_LABEL {
            return Err(Self::corrupt());
        }
        let len = usize::try_from(self.varint()?).map_err(|_| Self::corrupt())?;
        let end = self.at.checked_add(len).ok_or_else(Self::corrupt)?;
        let bytes = self.bytes.get(self.at..end).ok_or_else(Self::corrupt)?;
        self.at = end;
        String::from_utf8(bytes.to_vec()).map_err(|_| Self::corrupt())
    }
}

/// The mentions packed in `bytes`; a corrupt list is an error, never a panic.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<PackedMention>, StoreError> {
    let mut r = Reader { bytes, at: 0 };
    let mut out = Vec::new();
    let (mut idx, mut start) = (0i64, 0i64);
    while r.at < bytes.len() {
        idx = r.offset(idx)?;
        start = r.offset(start)?;
        let len = r.varint()?;
        let label = r.label()?;
        let start_us = usize::try_from(start).map_err(|_| Reader::corrupt())?;
        let len = usize::try_from(len).map_err(|_| Reader::corrupt())?;
        out.push(PackedMention {
            idx: usize::try_from(idx).map_err(|_| Reader::corrupt())?,
            start: start_us,
            end: start_us.checked_add(len).ok_or_else(Reader::corrupt)?,
            label,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(idx: usize, start: usize, end: usize, label: &str) -> PackedMention {
        PackedMention {
            idx,
            start,
            end,
            label: label.into(),
        }
    }

    #[test]
    fn mentions_pack_small_and_read_back() {
        let ms = vec![
            m(0, 14, 24, "PER"),
            m(7, 310, 316, "PER"),
            m(12, 1_200, 1_215, "ORG"),
            m(13, 1_300, 1_304, "FAC"),
        ];
        let bytes = encode(&ms);
        assert!(bytes.len() <= 4 * 5 + 4, "{} bytes", bytes.len());
        assert_eq!(decode(&bytes).unwrap(), ms);
        assert_eq!(decode(&[]).unwrap(), vec![]);
    }

    #[test]
    fn a_truncated_or_corrupt_list_is_an_error() {
        let bytes = encode(&[m(3, 40, 50, "LOC"), m(4, 60, 70, "PERSONA")]);
        // A cut list never reads back whole: an error, or the mentions before the cut.
        for cut in 1..bytes.len() {
            assert!(
                decode(&bytes[..cut]).map_or(true, |d| d.len() < 2),
                "cut at {cut}"
            );
        }
        assert!(decode(&[0x00, 0x00, 0x01, 0x09]).is_err());
        assert!(decode(&[0xff; 12]).is_err());
    }

    proptest! {
        #[test]
        fn any_mentions_round_trip(
            raw in proptest::collection::vec(
                (0usize..100_000, 0usize..10_000_000, 0usize..500, "[A-Z]{0,9}"), 0..40)
        ) {
            let ms: Vec<PackedMention> =
                raw.into_iter().map(|(i, s, len, l)| m(i, s, s + len, &l)).collect();
            prop_assert_eq!(decode(&encode(&ms)).unwrap(), ms);
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&bytes);
        }
    }
}
