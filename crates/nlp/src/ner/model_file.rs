//! The model file: gzip of a little-endian binary layout.
//!
//! ```text
//! "NGNER02\n"  u32 meta_len, meta (UTF-8)
//! u32 clusters, then per word: u16 len, bytes, 6 × u16 cluster ids (3 in an "NGNER01\n" file)
//! u32 features, u32 tags, f32 scale, features × u64 hash, features × tags × i16 weight
//! ```
//! Weights are quantised to i16 with one scale; that keeps the file small at no measurable cost.

use std::io::{Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rustc_hash::FxHashMap;

use super::features::{Clusters, Resources, CLUSTER_LEVELS, NO_CLUSTER, TAG_COUNT};
use super::gazetteer::Gazetteer;
use super::{NerError, NerModel};

const MAGIC: &[u8; 8] = b"NGNER02\n";
/// The layout before vector clusters: three cluster ids a word.
const MAGIC_THREE_LEVELS: &[u8; 8] = b"NGNER01\n";

/// Serialises `model` (weights, clusters, notes; the gazetteer is committed separately).
pub fn write(model: &NerModel) -> Result<Vec<u8>, NerError> {
    let mut raw: Vec<u8> = Vec::new();
    raw.extend_from_slice(MAGIC);
    put_bytes32(&mut raw, model.meta.as_bytes());
    let mut words: Vec<(&String, &[u16; CLUSTER_LEVELS])> =
        model.resources.clusters.map.iter().collect();
    words.sort();
    raw.extend_from_slice(&(words.len() as u32).to_le_bytes());
    for (w, ids) in words {
        let b = w.as_bytes();
        let len = b.len().min(u16::MAX as usize);
        raw.extend_from_slice(&(len as u16).to_le_bytes());
        raw.extend_from_slice(&b[..len]);
        for id in ids {
            raw.extend_from_slice(&id.to_le_bytes());
        }
    }
    let mut rows: Vec<(u64, u32)> = model.index.iter().map(|(&h, &r)| (h, r)).collect();
    rows.sort();
    let max = model.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 {
        max / i16::MAX as f32
    } else {
        1.0
    };
    raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    raw.extend_from_slice(&(TAG_COUNT as u32).to_le_bytes());
    raw.extend_from_slice(&scale.to_le_bytes());
    for (h, _) in &rows {
        raw.extend_from_slice(&h.to_le_bytes());
    }
    for (_, r) in &rows {
        let base = *r as usize * TAG_COUNT;
        for t in 0..TAG_COUNT {
            let w = model.weights.get(base + t).copied().unwrap_or(0.0);
            let q = (w / scale).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
            raw.extend_from_slice(&q.to_le_bytes());
        }
    }
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(&raw)?;
    Ok(enc.finish()?)
}

fn put_bytes32(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    out.extend_from_slice(b);
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| NerError::Format("overflow".into()))?;
        let s = self
            .data
            .get(self.pos..end)
            .ok_or_else(|| NerError::Format("truncated".into()))?;
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u16(&mut self) -> Result<u16, NerError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

/// Reads a model written by [`write`], with `gazetteer` as its place list.
pub fn read(gz: &[u8], gazetteer: Gazetteer) -> Result<NerModel, NerError> {
    let mut raw = Vec::new();
    GzDecoder::new(gz).read_to_end(&mut raw)?;
    let mut r = Reader { data: &raw, pos: 0 };
    let levels = match r.take(MAGIC.len())? {
        m if m == MAGIC => CLUSTER_LEVELS,
        m if m == MAGIC_THREE_LEVELS => 3,
        _ => return Err(NerError::Format("not a newsgraph NER model".into())),
    };
    let meta_len = r.u32()? as usize;
    let meta = String::from_utf8_lossy(r.take(meta_len)?).into_owned();
    let n_words = r.u32()? as usize;
    let mut map = FxHashMap::default();
    map.reserve(n_words.min(1 << 22));
    for _ in 0..n_words {
        let len = r.u16()? as usize;
        let w = String::from_utf8_lossy(r.take(len)?).into_owned();
        let mut ids = [NO_CLUSTER; CLUSTER_LEVELS];
        for id in ids.iter_mut().take(levels) {
            *id = r.u16()?;
        }
        map.insert(w, ids);
    }
    let n = r.u32()? as usize;
    let tags = r.u32()? as usize;
    if tags != TAG_COUNT {
        return Err(NerError::Format(format!(
            "{tags} tags, expected {TAG_COUNT}"
        )));
    }
    let scale = f32::from_le_bytes(r.array()?);
    let hashes = r.take(
        n.checked_mul(8)
            .ok_or_else(|| NerError::Format("overflow".into()))?,
    )?;
    let mut index = FxHashMap::default();
    index.reserve(n);
    for (i, h) in hashes.chunks_exact(8).enumerate() {
        let mut a = [0u8; 8];
        a.copy_from_slice(h);
        index.insert(u64::from_le_bytes(a), i as u32);
    }
    let wbytes = r.take(n * TAG_COUNT * 2)?;
    let weights = wbytes
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 * scale)
        .collect();
    Ok(NerModel {
        index,
        weights,
        resources: Resources {
            gazetteer,
            clusters: Clusters { map },
        },
        meta,
        cache_key: super::next_cache_key(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_round_trip_with_vector_levels() {
        let mut model = NerModel::empty(Gazetteer::parse(""));
        model.resources.clusters.map.insert(
            "Paris".into(),
            [1, 2, 3, NO_CLUSTER, NO_CLUSTER, NO_CLUSTER],
        );
        model
            .resources
            .clusters
            .set_vector_levels("Paris", [7, 8, 9]);
        model
            .resources
            .clusters
            .set_vector_levels("Lyon", [7, 8, 10]);
        let bytes = write(&model).expect("writes");
        let back = read(&bytes, Gazetteer::parse("")).expect("reads");
        assert_eq!(
            back.resources.clusters.map.get("Paris"),
            Some(&[1, 2, 3, 7, 8, 9])
        );
        assert_eq!(
            back.resources.clusters.map.get("Lyon"),
            Some(&[NO_CLUSTER, NO_CLUSTER, NO_CLUSTER, 7, 8, 10])
        );
    }
}
