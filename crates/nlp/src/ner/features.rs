//! Feature extraction, shared by training (CoNLL tokens) and tagging (tokenizer output).
//!
//! Features are 64-bit hashes of (template, value). Static features depend only on the sentence
//! and its document; dynamic ones on the tags already predicted (previous tags, and the types given
//! earlier in the document to the same word, which keeps names consistent across an article).

use rustc_hash::FxHashMap;

use super::gazetteer::{Gazetteer, CATEGORY_COUNT};

/// Entity types the tagger predicts.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Tags: O, then B, I, L, U for each type (BILOU).
pub const TAG_COUNT: usize = 1 + 4 * TYPES.len();
/// The outside tag: no entity.
pub const TAG_O: u8 = 0;

/// The tag for `position` (0 = B, 1 = I, 2 = L, 3 = U) of the type `TYPES[type_index]`.
pub fn tag_of(type_index: usize, position: usize) -> u8 {
    (1 + type_index * 4 + position) as u8
}
/// (type index, position 0=B 1=I 2=L 3=U) of a non-O tag.
pub fn split_tag(tag: u8) -> Option<(usize, usize)> {
    if tag == TAG_O || tag as usize >= TAG_COUNT {
        None
    } else {
        let t = tag as usize - 1;
        Some((t / 4, t % 4))
    }
}

/// Cluster ids per word: three levels (coarse to fine) of clusters learnt from unlabelled news,
/// then three of clusters of pretrained word vectors.
pub const CLUSTER_LEVELS: usize = 6;
/// A word's id at a level where it has no cluster.
pub const NO_CLUSTER: u16 = u16::MAX;

/// Word clusters, [`CLUSTER_LEVELS`] ids a word.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    /// Word → cluster ids at each level ([`NO_CLUSTER`] where it has none).
    pub map: FxHashMap<String, [u16; CLUSTER_LEVELS]>,
}

impl Clusters {
    /// Sets the vector-cluster levels (3..6) of `word` to `ids`, adding the word if it is new.
    pub fn set_vector_levels(&mut self, word: &str, ids: [u16; 3]) {
        let entry = self
            .map
            .entry(word.to_string())
            .or_insert([NO_CLUSTER; CLUSTER_LEVELS]);
        entry[3..].copy_from_slice(&ids);
    }

    fn get(&self, word: &str) -> Option<[u16; CLUSTER_LEVELS]> {
        if let Some(c) = self.map.get(word) {
            return Some(*c);
        }
        if !word.chars().any(char::is_uppercase) {
            return None;
        }
        // Headlines in capitals: try "FRANCE" as "France", then "france".
        let lower = word.to_lowercase();
        let mut title = String::with_capacity(word.len());
        let mut chars = lower.chars();
        if let Some(f) = chars.next() {
            title.extend(f.to_uppercase());
            title.push_str(chars.as_str());
        }
        self.map
            .get(&title)
            .or_else(|| self.map.get(&lower))
            .copied()
    }
}

/// What the features need besides the text.
#[derive(Debug, Default)]
pub struct Resources {
    /// Place names, demonyms and well-known organisations.
    pub gazetteer: Gazetteer,
    /// Word clusters from unlabelled news.
    pub clusters: Clusters,
}

/// Per-token values computed once per sentence.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    /// The token in lower case (the key of the document history).
    pub lower: String,
    form_h: u64,
    lower_h: u64,
    shape_h: u64,
    affix_h: [u64; 8],
    cluster_h: [u64; CLUSTER_LEVELS],
    gaz_h: Vec<u64>,
    gaz_cats: u8,
    /// The token starts with a capital letter.
    pub capitalised: bool,
    /// Every letter of the token is a capital.
    pub all_caps: bool,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Combines two feature hashes into one (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// A stable 64-bit hash of a string (FNV-1a with a final mix), the same on every platform.
pub fn hash_str(s: &str) -> u64 {
    // FNV-1a, then a final mix.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h, SEED)
}

/// Straight quotes for curly ones and "-" for dashes, so news text looks like CoNLL's.
pub fn normalize(token: &str) -> std::borrow::Cow<'_, str> {
    if token.is_ascii() {
        return std::borrow::Cow::Borrowed(token);
    }
    std::borrow::Cow::Owned(
        token
            .chars()
            .map(|c| match c {
                '“' | '”' | '„' | '«' | '»' => '"',
                '‘' | '’' | '`' => '\'',
                '—' | '–' | '―' | '−' => '-',
                _ => c,
            })
            .collect(),
    )
}

fn shape(token: &str) -> String {
    let mut s = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in token.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        s.push(k);
        last = k;
    }
    s
}

/// Lower case with digits as 0, so "1996" and "2024" share a feature.
fn lower_form(token: &str) -> String {
    token
        .chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Sentences whose letters are nearly all capitals (CoNLL headlines).
pub fn is_headline(tokens: &[&str]) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for t in tokens {
        if t.chars().any(char::is_alphabetic) {
            words += 1;
            if !t.chars().any(char::is_lowercase) {
                caps += 1;
            }
        }
    }
    words >= 2 && caps * 10 >= words * 8
}

/// The order in which a document's sentences are tagged: its headlines and its first sentence
/// (the title) after the rest, so that the types the body gives a name reach them through the
/// history features. A title says least about its names: capitals hide their case, and it
/// comes before every sentence that introduces them in full ("JAPAN" in a sports headline,
/// "Blair" in a title before "Prime Minister Tony Blair").
pub fn tagging_order(headlines: impl Iterator<Item = bool>) -> Vec<usize> {
    let mut body = Vec::new();
    let mut titles = Vec::new();
    for (i, headline) in headlines.enumerate() {
        if headline || i == 0 {
            titles.push(i);
        } else {
            body.push(i);
        }
    }
    body.extend(titles);
    body
}

/// How words are capitalised elsewhere in the document (for headlines and sentence starts).
#[derive(Debug, Default)]
pub struct DocCase {
    counts: FxHashMap<String, (u32, u32)>,
    /// Sentences added so far.
    sentences: usize,
    /// The hashed first word (lower case) of a document whose first sentence is a headline in
    /// capitals ("SOCCER - JAPAN GET LUCKY WIN"): the desk or topic the wire gives it; 0 for
    /// none.
    pub(crate) topic: u64,
}

impl DocCase {
    /// Counts how each word is capitalised in a sentence (headlines are skipped, sentence starts
    /// too); the sentences come in document order.
    pub fn add_sentence(&mut self, tokens: &[&str]) {
        self.sentences += 1;
        if is_headline(tokens) {
            if self.sentences == 1 {
                if let Some(first) = tokens.iter().find(|t| t.chars().any(char::is_alphabetic)) {
                    self.topic = hash_str(&lower_form(first));
                }
            }
            return;
        }
        for t in tokens.iter().skip(1) {
            let Some(first) = t.chars().next() else {
                continue;
            };
            if !first.is_alphabetic() {
                continue;
            }
            let entry = self.counts.entry(t.to_lowercase()).or_default();
            if first.is_uppercase() {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }

    /// 1: the word is not seen elsewhere; 2: mostly capitalised there; 3: mostly not.
    pub(crate) fn code(&self, lower: &str) -> u64 {
        match self.counts.get(lower) {
            None => 1,
            Some((title, low)) if title > low => 2,
            Some(_) => 3,
        }
    }
}

/// Types given earlier in the document to each word (lower case).
#[derive(Debug, Default)]
pub struct History {
    types: FxHashMap<String, u8>,
}

impl History {
    /// Remembers the type given to each capitalised token of a tagged sentence.
    pub fn record(&mut self, infos: &[TokenInfo], tags: &[u8]) {
        for (info, &tag) in infos.iter().zip(tags) {
            self.remember(info.capitalised, &info.lower, tag);
        }
    }
    fn get(&self, info: &TokenInfo) -> u64 {
        self.type_of(info.capitalised, &info.lower)
    }

    /// The type (1..=4) given earlier to a word with this lower-case form, 0 for none or when the
    /// word is not capitalised.
    pub(crate) fn type_of(&self, capitalised: bool, lower: &str) -> u64 {
        if !capitalised {
            return 0;
        }
        self.types.get(lower).copied().unwrap_or(0) as u64
    }

    /// Remembers `tag`'s type for a capitalised word (what [`History::record`] does a token).
    pub(crate) fn remember(&mut self, capitalised: bool, lower: &str, tag: u8) {
        if let Some((ty, _)) = split_tag(tag) {
            if capitalised {
                self.types.insert(lower.to_string(), ty as u8 + 1);
            }
        }
    }
}

/// Computes each token's features once: normalised form, shape, affixes, clusters, gazetteer matches.
pub fn token_infos(tokens: &[&str], res: &Resources) -> Vec<TokenInfo> {
    let normalized: Vec<std::borrow::Cow<'_, str>> = tokens.iter().map(|t| normalize(t)).collect();
    let refs: Vec<&str> = normalized.iter().map(|c| c.as_ref()).collect();
    let gaz = res.gazetteer.matches(&refs);
    refs.iter()
        .zip(gaz)
        .map(|(t, matches)| {
            let mut info = word_info(t, &res.clusters);
            let mut gaz_cats = 0u8;
            info.gaz_h = matches
                .iter()
                .flat_map(|&(bits, pos)| {
                    gaz_cats |= bits;
                    (0..CATEGORY_COUNT)
                        .filter(move |b| bits & (1 << b) != 0)
                        .map(move |b| gazetteer_value(b, pos))
                })
                .collect();
            info.gaz_cats = gaz_cats;
            info
        })
        .collect()
}

/// The value a gazetteer feature hashes for category bit `bit` at position code `pos`.
#[inline]
pub(crate) fn gazetteer_value(bit: usize, pos: u8) -> u64 {
    (bit as u64) * 4 + pos as u64 + 1
}

/// The features of a normalised token that depend on it alone (no gazetteer matches: they
/// depend on the neighbours).
pub(crate) fn word_info(t: &str, clusters: &Clusters) -> TokenInfo {
    let lower = lower_form(t);
    // Prefixes and suffixes of 1 to 4 characters (only for words longer than the affix).
    let starts = || lower.char_indices().map(|(b, _)| b);
    let n_chars = lower.chars().count();
    let mut affix_h = [0u64; 8];
    for (k, prefix_end) in starts().skip(1).take(4).enumerate() {
        affix_h[k] = hash_str(&lower[..prefix_end]);
    }
    for (k, suffix_start) in starts().rev().take(4).enumerate() {
        if n_chars > k + 1 {
            affix_h[4 + k] = hash_str(&lower[suffix_start..]);
        }
    }
    let mut cluster_h = [0u64; CLUSTER_LEVELS];
    if let Some(ids) = clusters.get(t) {
        for (h, id) in cluster_h.iter_mut().zip(ids) {
            if id != NO_CLUSTER {
                *h = id as u64 + 1;
            }
        }
    }
    let first = t.chars().next().unwrap_or(' ');
    TokenInfo {
        form_h: hash_str(t),
        lower_h: hash_str(&lower),
        shape_h: hash_str(&shape(t)),
        affix_h,
        cluster_h,
        gaz_h: Vec::new(),
        gaz_cats: 0,
        capitalised: first.is_uppercase(),
        all_caps: t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase),
        lower,
    }
}

// Template ids.
const T_BIAS: u64 = 1;
const T_FORM: u64 = 2;
const T_LOWER: u64 = 3;
const T_LOWER_AT: u64 = 4; // + offset
const T_SHAPE: u64 = 10;
const T_SHAPE_AT: u64 = 11;
const T_SHAPE_PAIR_L: u64 = 17;
const T_SHAPE_PAIR_R: u64 = 18;
const T_AFFIX: u64 = 20; // + 8
const T_BIGRAM_L: u64 = 30;
const T_BIGRAM_R: u64 = 31;
const T_CLUSTER: u64 = 40; // + level + 3 * position
const T_GAZ: u64 = 60;
const T_GAZ_PREV: u64 = 61;
const T_GAZ_NEXT: u64 = 62;
const T_HEADLINE_SHAPE: u64 = 63;
const T_FIRST_SHAPE: u64 = 64;
const T_DOC_CASE: u64 = 65;
const T_LEN: u64 = 66;
const T_FORM_PREV: u64 = 67;
const T_FORM_NEXT: u64 = 68;
const T_VECTOR_CLUSTER: u64 = 90; // + level + 3 * position
const T_PREV_TAG: u64 = 80;
const T_PREV_TAG_WORD: u64 = 82;
const T_PREV_TAG_SHAPE: u64 = 83;
const T_HISTORY: u64 = 84;
const T_HISTORY_PREV: u64 = 85;
const T_HISTORY_NEXT: u64 = 86;
const T_HISTORY_SHAPE: u64 = 87;
const T_TOPIC: u64 = 100;
const T_TOPIC_GAZ: u64 = 101;

const BOUNDARY: u64 = 0xb0b0;

/// Features that depend only on the sentence and document, for token `i`.
pub fn static_features(
    infos: &[TokenInfo],
    i: usize,
    headline: bool,
    doc: &DocCase,
    out: &mut Vec<u64>,
) {
    let Some(t) = infos.get(i) else { return };
    let at = |k: isize| -> Option<&TokenInfo> {
        let j = i as isize + k;
        if j < 0 {
            None
        } else {
            infos.get(j as usize)
        }
    };
    out.push(mix(T_BIAS, 0));
    out.push(mix(T_FORM, t.form_h));
    out.push(mix(T_LOWER, t.lower_h));
    for (n, k) in [-2isize, -1, 1, 2].into_iter().enumerate() {
        let v = at(k).map_or(BOUNDARY + n as u64, |x| x.lower_h);
        out.push(mix(T_LOWER_AT + n as u64, v));
    }
    out.push(mix(T_FORM_PREV, at(-1).map_or(BOUNDARY, |x| x.form_h)));
    out.push(mix(T_FORM_NEXT, at(1).map_or(BOUNDARY, |x| x.form_h)));
    out.push(mix(T_SHAPE, t.shape_h));
    let sp = at(-1).map_or(BOUNDARY, |x| x.shape_h);
    let sn = at(1).map_or(BOUNDARY, |x| x.shape_h);
    out.push(mix(T_SHAPE_AT, sp));
    out.push(mix(T_SHAPE_AT + 1, sn));
    out.push(mix(T_SHAPE_PAIR_L, mix(sp, t.shape_h)));
    out.push(mix(T_SHAPE_PAIR_R, mix(t.shape_h, sn)));
    for (k, &a) in t.affix_h.iter().enumerate() {
        if a != 0 {
            out.push(mix(T_AFFIX + k as u64, a));
        }
    }
    out.push(mix(
        T_BIGRAM_L,
        mix(at(-1).map_or(BOUNDARY, |x| x.lower_h), t.lower_h),
    ));
    out.push(mix(
        T_BIGRAM_R,
        mix(t.lower_h, at(1).map_or(BOUNDARY, |x| x.lower_h)),
    ));
    for (p, k) in [0isize, -1, 1].into_iter().enumerate() {
        if let Some(x) = at(k) {
            for (level, &h) in x.cluster_h.iter().enumerate() {
                if h != 0 {
                    // The news-cluster templates keep their ids of before the vector levels.
                    let template = if level < 3 {
                        T_CLUSTER + level as u64
                    } else {
                        T_VECTOR_CLUSTER + level as u64 - 3
                    };
                    out.push(mix(template + 3 * p as u64, h));
                }
            }
        }
    }
    for &g in &t.gaz_h {
        out.push(mix(T_GAZ, g));
    }
    if let Some(x) = at(-1) {
        if x.gaz_cats != 0 {
            out.push(mix(T_GAZ_PREV, x.gaz_cats as u64));
        }
    }
    if let Some(x) = at(1) {
        if x.gaz_cats != 0 {
            out.push(mix(T_GAZ_NEXT, x.gaz_cats as u64));
        }
    }
    if headline {
        out.push(mix(T_HEADLINE_SHAPE, t.shape_h));
    }
    if i == 0 {
        out.push(mix(T_FIRST_SHAPE, t.shape_h));
    }
    if t.capitalised && (headline || i == 0 || t.all_caps) {
        out.push(mix(T_DOC_CASE, mix(doc.code(&t.lower), headline as u64)));
    }
    out.push(mix(T_LEN, t.lower.chars().count().min(12) as u64));
    if t.capitalised && doc.topic != 0 {
        out.push(context_feature::topic(doc.topic));
        out.push(context_feature::topic_gazetteer(doc.topic, t.gaz_cats));
    }
}

/// Features from the types given earlier in the document to this word and its neighbours.
pub fn history_features(infos: &[TokenInfo], i: usize, history: &History, out: &mut Vec<u64>) {
    let Some(t) = infos.get(i) else { return };
    let h = history.get(t);
    out.push(mix(T_HISTORY, h));
    if h != 0 {
        out.push(mix(T_HISTORY_SHAPE, mix(h, t.shape_h)));
    }
    if i > 0 {
        if let Some(p) = infos.get(i - 1) {
            out.push(mix(T_HISTORY_PREV, history.get(p)));
        }
    }
    if let Some(n) = infos.get(i + 1) {
        out.push(mix(T_HISTORY_NEXT, history.get(n)));
    }
}

/// Where [`word_feature_hashes`] puts each feature of a word: the features of
/// [`static_features`] and [`history_features`] that hash one token's own values, for each place
/// a token's features use a word (itself, or a neighbour at an offset).
pub(crate) mod word_slot {
    /// The form.
    pub(crate) const FORM: usize = 0;
    /// The lower-case form.
    pub(crate) const LOWER: usize = 1;
    /// The lower-case form as the word 2 before, 1 before, 1 after and 2 after (4 slots).
    pub(crate) const LOWER_AT: usize = 2;
    /// The form as the previous word.
    pub(crate) const FORM_PREV: usize = 6;
    /// The form as the next word.
    pub(crate) const FORM_NEXT: usize = 7;
    /// The shape.
    pub(crate) const SHAPE: usize = 8;
    /// The shape as the previous word.
    pub(crate) const SHAPE_PREV: usize = 9;
    /// The shape as the next word.
    pub(crate) const SHAPE_NEXT: usize = 10;
    /// Prefixes of 1..4 characters, then suffixes (8 slots).
    pub(crate) const AFFIX: usize = 11;
    /// Cluster ids: `CLUSTER_LEVELS` slots for the word itself, then as the previous word, then
    /// as the next one.
    pub(crate) const CLUSTER: usize = 19;
    /// The shape in a headline.
    pub(crate) const HEADLINE_SHAPE: usize = 37;
    /// The shape as the first word of a sentence.
    pub(crate) const FIRST_SHAPE: usize = 38;
    /// The length.
    pub(crate) const LEN: usize = 39;
    /// The shape with the type given earlier to the word, for types 1..=4 (4 slots).
    pub(crate) const HISTORY_SHAPE: usize = 40;
    /// Number of slots.
    pub(crate) const COUNT: usize = 44;
}

/// The template of cluster level `level` of the word at `position` (0 itself, 1 previous,
/// 2 next).
fn cluster_template(level: usize, position: usize) -> u64 {
    // The news-cluster templates keep their ids of before the vector levels.
    let template = if level < 3 {
        T_CLUSTER + level as u64
    } else {
        T_VECTOR_CLUSTER + level as u64 - 3
    };
    template + 3 * position as u64
}

/// The features of a word in [`word_slot`] order, hashed as [`static_features`] and
/// [`history_features`] hash them (`None` where the word has none: an affix as long as the word,
/// a level without a cluster).
pub(crate) fn word_feature_hashes(t: &TokenInfo) -> [Option<u64>; word_slot::COUNT] {
    use word_slot::*;
    let mut h = [None; COUNT];
    h[FORM] = Some(mix(T_FORM, t.form_h));
    h[LOWER] = Some(mix(T_LOWER, t.lower_h));
    for n in 0..4 {
        h[LOWER_AT + n] = Some(mix(T_LOWER_AT + n as u64, t.lower_h));
    }
    h[FORM_PREV] = Some(mix(T_FORM_PREV, t.form_h));
    h[FORM_NEXT] = Some(mix(T_FORM_NEXT, t.form_h));
    h[SHAPE] = Some(mix(T_SHAPE, t.shape_h));
    h[SHAPE_PREV] = Some(mix(T_SHAPE_AT, t.shape_h));
    h[SHAPE_NEXT] = Some(mix(T_SHAPE_AT + 1, t.shape_h));
    for (k, &a) in t.affix_h.iter().enumerate() {
        if a != 0 {
            h[AFFIX + k] = Some(mix(T_AFFIX + k as u64, a));
        }
    }
    for position in 0..3 {
        for (level, &c) in t.cluster_h.iter().enumerate() {
            if c != 0 {
                let slot = CLUSTER + position * CLUSTER_LEVELS + level;
                h[slot] = Some(mix(cluster_template(level, position), c));
            }
        }
    }
    h[HEADLINE_SHAPE] = Some(mix(T_HEADLINE_SHAPE, t.shape_h));
    h[FIRST_SHAPE] = Some(mix(T_FIRST_SHAPE, t.shape_h));
    h[LEN] = Some(mix(T_LEN, t.lower.chars().count().min(12) as u64));
    for ty in 1..=4u64 {
        h[HISTORY_SHAPE + ty as usize - 1] = Some(mix(T_HISTORY_SHAPE, mix(ty, t.shape_h)));
    }
    h
}

/// The feature [`static_features`] gives for `slot` (one of `LOWER_AT..LOWER_AT + 4`,
/// `FORM_PREV`, `FORM_NEXT`, `SHAPE_PREV`, `SHAPE_NEXT`) where the sentence has no word there.
pub(crate) fn boundary_feature(slot: usize) -> u64 {
    use word_slot::*;
    match slot {
        FORM_PREV => mix(T_FORM_PREV, BOUNDARY),
        FORM_NEXT => mix(T_FORM_NEXT, BOUNDARY),
        SHAPE_PREV => mix(T_SHAPE_AT, BOUNDARY),
        SHAPE_NEXT => mix(T_SHAPE_AT + 1, BOUNDARY),
        _ => {
            let n = slot.saturating_sub(LOWER_AT) as u64;
            mix(T_LOWER_AT + n, BOUNDARY + n)
        }
    }
}

/// The features of [`static_features`] and [`history_features`] that combine a token with its
/// context, given the hashed values they combine.
pub(crate) mod context_feature {
    use super::*;

    /// The value a neighbour's shape or lower-case hash takes beyond the sentence.
    pub(crate) const OUTSIDE: u64 = BOUNDARY;
    /// The bias, on every token.
    pub(crate) fn bias() -> u64 {
        mix(T_BIAS, 0)
    }
    /// The previous word's shape with this one's.
    pub(crate) fn shape_pair_left(prev_shape: u64, shape: u64) -> u64 {
        mix(T_SHAPE_PAIR_L, mix(prev_shape, shape))
    }
    /// This word's shape with the next one's.
    pub(crate) fn shape_pair_right(shape: u64, next_shape: u64) -> u64 {
        mix(T_SHAPE_PAIR_R, mix(shape, next_shape))
    }
    /// The previous word (lower case) with this one.
    pub(crate) fn bigram_left(prev_lower: u64, lower: u64) -> u64 {
        mix(T_BIGRAM_L, mix(prev_lower, lower))
    }
    /// This word (lower case) with the next one.
    pub(crate) fn bigram_right(lower: u64, next_lower: u64) -> u64 {
        mix(T_BIGRAM_R, mix(lower, next_lower))
    }
    /// A gazetteer match covering the word ([`gazetteer_value`]).
    pub(crate) fn gazetteer(value: u64) -> u64 {
        mix(T_GAZ, value)
    }
    /// The categories of the gazetteer matches covering the previous word.
    pub(crate) fn gazetteer_prev(categories: u8) -> u64 {
        mix(T_GAZ_PREV, categories as u64)
    }
    /// The categories of the gazetteer matches covering the next word.
    pub(crate) fn gazetteer_next(categories: u8) -> u64 {
        mix(T_GAZ_NEXT, categories as u64)
    }
    /// How the document capitalises the word ([`DocCase`] code 1..=3), in a headline or not.
    pub(crate) fn doc_case(code: u64, headline: bool) -> u64 {
        mix(T_DOC_CASE, mix(code, headline as u64))
    }
    /// A capitalised word in a document with this topic ([`DocCase`]).
    pub(crate) fn topic(topic: u64) -> u64 {
        mix(T_TOPIC, topic)
    }
    /// A capitalised word with these gazetteer categories in a document with this topic.
    pub(crate) fn topic_gazetteer(topic: u64, categories: u8) -> u64 {
        mix(T_TOPIC_GAZ, mix(topic, categories as u64))
    }
    /// The type given earlier to the word (0 none, 1..=4).
    pub(crate) fn history(ty: u64) -> u64 {
        mix(T_HISTORY, ty)
    }
    /// The type given earlier to the previous word.
    pub(crate) fn history_prev(ty: u64) -> u64 {
        mix(T_HISTORY_PREV, ty)
    }
    /// The type given earlier to the next word.
    pub(crate) fn history_next(ty: u64) -> u64 {
        mix(T_HISTORY_NEXT, ty)
    }
}

/// Features of the previous tag (first-order transitions, decoded exactly by Viterbi).
pub fn transition_features(infos: &[TokenInfo], i: usize, prev: u8, out: &mut Vec<u64>) {
    out.push(transition_bias_feature(prev));
    transition_word_features(infos, i, prev, out);
}

/// The token-independent part of [`transition_features`].
pub fn transition_bias_feature(prev: u8) -> u64 {
    mix(T_PREV_TAG, prev as u64)
}

/// The token-dependent part of [`transition_features`].
pub fn transition_word_features(infos: &[TokenInfo], i: usize, prev: u8, out: &mut Vec<u64>) {
    let Some(t) = infos.get(i) else { return };
    out.push(prev_word_feature(prev, t.lower_h));
    out.push(prev_shape_feature(prev, t.shape_h));
}

/// The previous tag with the token's lower-case form (`lower_h` of [`TokenInfo::transition_keys`]).
#[inline]
pub fn prev_word_feature(prev: u8, lower_h: u64) -> u64 {
    mix(T_PREV_TAG_WORD, mix(prev as u64, lower_h))
}

/// The previous tag with the token's shape (`shape_h` of [`TokenInfo::transition_keys`]).
#[inline]
pub fn prev_shape_feature(prev: u8, shape_h: u64) -> u64 {
    mix(T_PREV_TAG_SHAPE, mix(prev as u64, shape_h))
}

impl TokenInfo {
    /// The two values the token-dependent transition features combine with the previous tag:
    /// the hashes of its lower-case form and of its shape.
    pub fn transition_keys(&self) -> (u64, u64) {
        (self.lower_h, self.shape_h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_tags() {
        assert_eq!(shape("Jean-Francois"), "Xxx-Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "dd-dd-dd");
        assert_eq!(split_tag(tag_of(2, 3)), Some((2, 3)));
        assert_eq!(split_tag(TAG_O), None);
        assert!(is_headline(&[
            "SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"
        ]));
        assert!(!is_headline(&["Japan", "won", "."]));
        assert_eq!(normalize("“France’s”"), "\"France's\"");
    }

    #[test]
    fn a_capitals_first_headline_gives_the_topic() {
        let mut doc = DocCase::default();
        doc.add_sentence(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]);
        doc.add_sentence(&["CRICKET", "-", "ENGLAND", "WIN"]);
        assert_eq!(doc.topic, hash_str("soccer"));
        let mut doc = DocCase::default();
        doc.add_sentence(&["Blair", "rejects", "claims"]);
        doc.add_sentence(&["SOCCER", "-", "JAPAN", "WIN"]);
        assert_eq!(doc.topic, 0);
    }

    #[test]
    fn titles_and_headlines_are_tagged_after_the_body() {
        let headlines = [true, false, false, true, false];
        assert_eq!(tagging_order(headlines.into_iter()), vec![1, 2, 4, 0, 3]);
        assert_eq!(tagging_order([false, false].into_iter()), vec![1, 0]);
        assert!(tagging_order(std::iter::empty()).is_empty());
    }
}
