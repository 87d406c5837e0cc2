//! Article segmentation of concatenated text: where does one article end and the next begin?
//!
//! Input is a list of paragraphs (one per line in the seed format). A careful reader uses, in order of
//! strength:
//! 1. credit and sign-off lines ("Additional reporting by …; editing by …", "Reuter") close an article,
//!    a byline ("By Jane Doe") or a dateline ("PARIS, July 23 (Reuters) -") opens one;
//! 2. teaser cuts: a paragraph that stops mid-sentence once the article has reached ~100 words;
//! 3. continuity: a paragraph that starts in lower case, or continues a sentence, never opens an article;
//! 4. topic shift: lexical cohesion between the article so far and the next paragraphs
//!    (TextTiling-style), proper names carried over, pronoun and connective openings — combined by a
//!    logistic model whose weights were fitted on synthetic shards (`newsgraph eval segment`, in the eval crate).
//!
//! Knowing when *not* to split comes first, though ([`SplitMode::Auto`]): a file laid out as one
//! article — a headline line and a blank line, then blank-line paragraphs — is one article unless it
//! carries hard evidence of another (a sign-off followed by more text, a second dateline or byline,
//! a second headline where the cast of names changes). Only the seed-style shard layout (one
//! paragraph a line, no headline) is cut by teaser cuts and topic shift; see [`ArticleShape`].
//!
//! Every article records why it starts where it does ([`BoundaryReason`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use newsgraph_model::{Article, SegmentInfo};
use newsgraph_nlp::lexicon::{entries, WordSet};
use once_cell::sync::Lazy;
use regex::Regex;

use crate::credits::{credit_role, inline_sign_off, CreditRole};

/// Keys are already FNV hashes: hashing them again (SipHash) is wasted work.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type TermMap<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;
type TermSet = HashSet<u64, BuildHasherDefault<PreHashed>>;

/// One article found by [`segment`]: a range of paragraph indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// First paragraph index of the article.
    pub start: usize,
    /// Exclusive.
    pub end: usize,
    /// Why the article is believed cut, if it is.
    pub truncated: Option<String>,
    /// Why an article starts here.
    pub reason: BoundaryReason,
}

/// Why the segmenter placed an article boundary before a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BoundaryReason {
    /// The first article of the input: no boundary was placed.
    Start,
    /// The previous paragraph closed an article: a credit line or a wire sign-off, on its own line or
    /// glued to the end of the paragraph.
    SignOff,
    /// A byline ("By Jane Doe") opens the article (with the headline above it, if any).
    Byline,
    /// A dateline ("WASHINGTON (Reuters) -") opens the article (with the headline above it, if any).
    Dateline,
    /// The previous article stopped mid-sentence after teaser length.
    TeaserCut,
    /// A headline line after a full article, where the cast of names changes.
    Headline,
    /// A blank line in a text whose paragraphs otherwise follow line after line: the writer's own
    /// article break.
    BlankLine,
    /// Lexical cohesion dropped: the topic-shift model's boundary probability.
    TopicShift {
        /// The boundary probability, in `[0, 1]`.
        probability: f32,
    },
}

impl BoundaryReason {
    /// The name written to `segment.reason` in the output.
    pub fn name(self) -> &'static str {
        match self {
            BoundaryReason::Start => "start",
            BoundaryReason::SignOff => "sign_off",
            BoundaryReason::Byline => "byline",
            BoundaryReason::Dateline => "dateline",
            BoundaryReason::TeaserCut => "teaser_cut",
            BoundaryReason::Headline => "headline",
            BoundaryReason::BlankLine => "blank_line",
            BoundaryReason::TopicShift { .. } => "topic_shift",
        }
    }

    /// The `segment` field of the output.
    pub fn info(self) -> SegmentInfo {
        SegmentInfo {
            reason: self.name().to_string(),
            // Three decimals: a probability, not a bit pattern.
            score: self
                .score()
                .map(|p| (f64::from(p) * 1000.0).round() / 1000.0),
        }
    }

    /// The model score behind the decision, where there is one.
    pub fn score(self) -> Option<f32> {
        match self {
            BoundaryReason::TopicShift { probability } => Some(probability),
            _ => None,
        }
    }
}

/// Whether text is split into articles: `--split auto|never|always`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitMode {
    /// Split shards; keep a file that is laid out as one article whole (see [`ArticleShape`]).
    #[default]
    Auto,
    /// Every input (chunk) is one article.
    Never,
    /// Split wherever the segmenter finds a boundary, whatever the layout.
    Always,
}

impl std::str::FromStr for SplitMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(SplitMode::Auto),
            "never" => Ok(SplitMode::Never),
            "always" => Ok(SplitMode::Always),
            other => Err(format!(
                "unknown split mode '{other}' (auto, never, always)"
            )),
        }
    }
}

/// Words an article must have reached for a mid-sentence stop to count as a teaser cut.
const TEASER_MIN_WORDS: usize = 50;
/// Beyond this a mid-sentence paragraph end is not taken as an article boundary by itself.
const TEASER_MAX_WORDS: usize = 200;

/// Per-paragraph facts the boundary decision looks at.
#[derive(Debug, Clone)]
struct Para {
    words: usize,
    role: Option<CreditRole>,
    /// The paragraph ends with a sign-off glued to its last sentence ("… said. REUTER").
    inline_sign_off: bool,
    /// Short, with no sentence punctuation at its end: a headline (or a subheading).
    headline: bool,
    /// Sentence ends (a word ending in . ! or ?).
    sentences: usize,
    ends_mid_sentence: bool,
    starts_lower: bool,
    starts_continuation: bool,
    starts_quote: bool,
    dateline: bool,
    /// Hashed content terms with counts, sorted by term.
    terms: Vec<(u64, f32)>,
    /// Hashed capitalised words that are not sentence-initial (names, mostly).
    names: Vec<u64>,
    /// Surnames after an honorific ("Mr Blair" → "blair"), which refer back to someone already named.
    honorific_names: Vec<u64>,
    /// Reads like running prose that could open a story: it starts with a letter or a quotation
    /// mark and at least 30 % of its words are lower case (not a line-up, a score or a list).
    prose: bool,
    /// "I", "my", "we", … outside quotation marks: a comment or a column, not a news lede.
    first_person: bool,
    /// Ends with "?" or "!": a reader's comment or a question, rarely a news lede.
    exclaims_or_asks: bool,
    /// Ends with a full stop (after any closing quotation mark or bracket).
    ends_period: bool,
    /// Ends with sentence punctuation: . ! ? or a closing quotation mark or bracket.
    ends_punctuated: bool,
}

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^((?P<place>\p{Lu}[\p{Lu}.'’ -]{2,})(,\s*\p{Lu}[\p{L} .]*)?(,\s*\p{Lu}[a-z]{2,8}\.?\s+\d{1,2})?\s*(\((Reuters|AP|AFP|UPI|Bloomberg|dpa|IANS|PTI|CNN)\)\s*)?[-–—]+\s)",
    )
    .expect("static regex")
});

/// The most words a dateline's place name has ("RANCHO PALOS VERDES", "PORT OF SPAIN").
const MAX_PLACE_WORDS: usize = 5;

static NON_PLACE_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(newsgraph_nlp::lexicon!("dateline_non_place_words.txt")));

/// Whether the paragraph opens with a dateline ("WASHINGTON (Reuters) -", "PARIS, July 23 -"):
/// a capitalised place of a few words, none of them a pronoun, auxiliary or contraction. An
/// all-capitals kicker before a dash ("HE'S BEEN CALLED OUT BY FELLOW DOCTORS — …", the section
/// heads of a list article) is no dateline: taking it for one cut a PolNeAR article in five.
fn opens_with_dateline(para: &str) -> bool {
    let Some(place) = DATELINE.captures(para).and_then(|c| c.name("place")) else {
        return false;
    };
    let words: Vec<String> = place
        .as_str()
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    words.len() <= MAX_PLACE_WORDS
        && !words.iter().any(|w| {
            NON_PLACE_WORDS.contains(w) || CLITIC_ENDINGS.iter().any(|end| w.ends_with(end))
        })
}

/// Possessive and contraction endings ("HE'S", "DON'T"): a place name in a dateline has none
/// ("COEUR D'ALENE" has an apostrophe, not an ending).
const CLITIC_ENDINGS: [&str; 7] = ["'s", "n't", "'re", "'ll", "'ve", "'m", "'d"];

/// FNV-1a of the ASCII-lower-cased word, exactly as written (no plural strip).
fn raw_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in word.as_bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

static STOPWORD_HASHES: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut v: Vec<u64> = entries(newsgraph_nlp::lexicon!("segment_stopwords.txt"))
        .map(raw_hash)
        .collect();
    v.sort_unstable();
    v
});
static OPENER_HASHES: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut v: Vec<u64> = entries(newsgraph_nlp::lexicon!("continuation_openers.txt"))
        .map(raw_hash)
        .collect();
    v.sort_unstable();
    v
});

fn stopword(w: &str) -> bool {
    w.len() <= 12 && STOPWORD_HASHES.binary_search(&raw_hash(w)).is_ok()
}

/// FNV-1a over the lower-cased bytes of a word, with a crude plural strip, so terms need no allocation.
fn term_hash(word: &str) -> u64 {
    let w = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    let bytes = w.as_bytes();
    let n = if bytes.len() > 4 && bytes.last().is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
        bytes.len() - 1
    } else {
        bytes.len()
    };
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in &bytes[..n] {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn ends_mid_sentence(p: &str) -> bool {
    let t = p.trim_end();
    match t.chars().last() {
        None => false,
        Some(c) => !matches!(
            c,
            '.' | '!'
                | '?'
                | '"'
                | '”'
                | '’'
                | '\''
                | ')'
                | ']'
                | '…'
                | ':'
                | '»'
                | '*'
                | '>'
                | '|'
        ),
    }
}

/// A headline: 1–20 words, opening with a capital or digit, ending without sentence punctuation
/// (quotation marks and brackets aside: `''… he said.''` is a sentence, not a headline).
fn looks_like_headline(p: &str, words: usize) -> bool {
    let end = p.trim_end_matches(['"', '”', '\'', '’', ')', ']']);
    (1..=20).contains(&words)
        && p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '\'' || c == '‘')
        && !end.ends_with(['.', ',', ';', ':', '?', '!', '…', '-', '–', '—'])
}

/// Whether a paragraph reads as a headline: short, not a credit line, no sentence punctuation at
/// its end.
pub fn is_headline(paragraph: &str) -> bool {
    let p = paragraph.trim();
    credit_role(p).is_none() && looks_like_headline(p, p.split_whitespace().count())
}

fn analyse(p: &str) -> Para {
    let trimmed = p.trim();
    let role = credit_role(trimmed);
    let sign_off_at = if role.is_none() {
        inline_sign_off(trimmed)
    } else {
        None
    };
    // Sentence-level facts are about the story text, before any sign-off glued to it.
    let body = sign_off_at.map_or(trimmed, |at| trimmed[..at].trim_end());
    let first_alpha = trimmed.chars().find(|c| c.is_alphanumeric());
    let starts_quote = trimmed.starts_with(['"', '“', '‘', '\'', '«']);
    let mut words = 0usize;
    let mut hashes: Vec<u64> = Vec::new();
    let mut names = Vec::new();
    let mut honorific_names = Vec::new();
    let mut first_word: Option<&str> = None;
    let mut sentence_start = true;
    let mut sentences = 0usize;
    let mut prev_honorific = false;
    let mut lower_words = 0usize;
    let mut in_quote = false;
    let mut first_person = false;
    for raw in trimmed.split_whitespace() {
        words += 1;
        in_quote |= raw.starts_with(['"', '“']);
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        lower_words += w.starts_with(|c: char| c.is_lowercase()) as usize;
        first_person |= !in_quote && FIRST_PERSON.contains(&w);
        if raw
            .trim_end_matches(['.', ',', '!', '?', ';', ':'])
            .ends_with(['"', '”'])
        {
            in_quote = false;
        }
        let ends_sentence =
            raw.ends_with(['.', '!', '?']) || raw.ends_with(".”") || raw.ends_with(".\"");
        sentences += ends_sentence as usize;
        if w.is_empty() {
            sentence_start |= ends_sentence;
            continue;
        }
        if first_word.is_none() {
            first_word = Some(w);
        }
        let lower_is_stop = stopword(w);
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
        if capital && !sentence_start && !lower_is_stop {
            names.push(term_hash(w));
        }
        if capital && prev_honorific {
            honorific_names.push(term_hash(w));
        }
        prev_honorific = matches!(
            w,
            "Mr" | "Ms" | "Mrs" | "Dr" | "Miss" | "Sir" | "Lord" | "Prof"
        );
        if !lower_is_stop && w.len() > 2 && !w.bytes().all(|b| b.is_ascii_digit()) {
            hashes.push(term_hash(w));
        }
        sentence_start = ends_sentence;
    }
    hashes.sort_unstable();
    let mut terms: Vec<(u64, f32)> = Vec::with_capacity(hashes.len());
    for h in hashes {
        match terms.last_mut() {
            Some(last) if last.0 == h => last.1 += 1.0,
            _ => terms.push((h, 1.0)),
        }
    }
    let starts_continuation = first_word
        .map(|w| OPENER_HASHES.binary_search(&raw_hash(w)).is_ok() && w != "The")
        .unwrap_or(false);
    Para {
        words,
        role,
        inline_sign_off: sign_off_at.is_some(),
        headline: role.is_none() && looks_like_headline(trimmed, words),
        sentences,
        ends_mid_sentence: ends_mid_sentence(body),
        starts_lower: first_alpha.is_some_and(|c| c.is_lowercase()),
        starts_continuation,
        starts_quote,
        dateline: opens_with_dateline(trimmed),
        terms,
        names,
        honorific_names,
        prose: words >= 4
            && first_alpha.is_some_and(char::is_alphabetic)
            && trimmed.starts_with(|c: char| c.is_alphabetic() || starts_quote)
            && lower_words * 10 >= words * 3,
        first_person,
        exclaims_or_asks: trimmed.ends_with(['?', '!']),
        ends_period: trimmed
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with('.'),
        ends_punctuated: trimmed.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ':']),
    }
}

/// First-person words, as written (a closed set: the pronoun paradigm).
const FIRST_PERSON: [&str; 11] = [
    "I", "I'm", "I've", "I'd", "I'll", "me", "my", "we", "We", "our", "us",
];

/// Features of the gap after paragraph `i`, given that the current article started at `a`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GapFeatures {
    /// Cosine (tf-idf) between the article so far and the next two paragraphs.
    pub cos_article: f32,
    /// Cosine between the last two paragraphs and the next two.
    pub cos_local: f32,
    /// Share of the next paragraph's names already seen in the article so far.
    pub name_carry: f32,
    /// Whether the next paragraph has names at all.
    pub next_has_names: f32,
    /// The next paragraph opens with a pronoun or connective.
    pub continuation_opener: f32,
    /// The next paragraph opens with a quotation mark.
    pub quote_opener: f32,
    /// An honorific + a surname already seen ("Mr Blair").
    pub honorific_back_reference: f32,
    /// ln(1 + paragraphs in the article so far).
    pub article_paragraphs: f32,
    /// The next paragraph has the length of a lede (15–60 words).
    pub lede_length: f32,
    /// TextTiling depth of the local-similarity valley at this gap.
    pub depth: f32,
    /// The next paragraph is not running prose (a line-up, a score, a list): stories do not open so.
    pub not_prose: f32,
    /// The next paragraph speaks in the first person outside quotes.
    pub first_person: f32,
    /// The next paragraph ends with "?" or "!".
    pub exclaims_or_asks: f32,
    /// The next paragraph is one sentence of 8–45 words and the one after it has several: the shape
    /// of a lede and its story (wire copy, one sentence a paragraph throughout, never shows it).
    pub one_sentence_lede: f32,
    /// The paragraph before the gap has no sentence punctuation at its end: a closing info line
    /// ("Halo 2 is out on 9 November") or a subheading.
    pub prev_unpunctuated: f32,
}

impl GapFeatures {
    /// Number of features, the bias included.
    pub const COUNT: usize = 16;
    /// The features in the model's order, a constant 1.0 (the bias) first.
    pub fn to_vec(self) -> [f32; Self::COUNT] {
        [
            1.0,
            self.cos_article,
            self.cos_local,
            self.name_carry,
            self.next_has_names,
            self.continuation_opener,
            self.quote_opener,
            self.honorific_back_reference,
            self.article_paragraphs,
            self.lede_length,
            self.depth,
            self.not_prose,
            self.first_person,
            self.exclaims_or_asks,
            self.one_sentence_lede,
            self.prev_unpunctuated,
        ]
    }
}

/// Logistic weights over [`GapFeatures::to_vec`], fitted with `newsgraph eval segment --fit` on
/// synthetic shards of the even-numbered BBC files (the odd ones are held out for the report) and
/// of every 16th Reuters-21578 story with its sign-off removed (wire style: one sentence a paragraph).
pub const WEIGHTS: [f32; GapFeatures::COUNT] = [
    -2.95, -6.08, -3.96, -2.85, 1.05, -1.84, -1.45, -1.07, 0.59, 1.26, 4.68, -0.28, -0.53, 0.21,
    1.52, -0.01,
];

/// Decision threshold on the boundary probability, chosen for F1 on the same dev shards
/// (boundaries are rare, and the fit balances the classes, so the threshold sits above 0.5).
pub const THRESHOLD: f32 = 0.72;

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Probability that the gap with these features is an article boundary.
pub fn boundary_probability(f: &GapFeatures, weights: &[f32; GapFeatures::COUNT]) -> f32 {
    let x: f32 = f.to_vec().iter().zip(weights).map(|(a, b)| a * b).sum();
    sigmoid(x)
}

struct Idf {
    df: TermMap<u32>,
    n: f32,
}

impl Idf {
    fn new(paras: &[Para]) -> Self {
        let mut df: TermMap<u32> = TermMap::default();
        for p in paras {
            for &(t, _) in &p.terms {
                *df.entry(t).or_default() += 1;
            }
        }
        Idf {
            df,
            n: paras.len().max(1) as f32,
        }
    }
    fn weight(&self, t: u64) -> f32 {
        let df = self.df.get(&t).copied().unwrap_or(1) as f32;
        ((self.n + 1.0) / df).ln()
    }
}

/// Sub-linear term frequency: 1 + ln(count).
fn tf(count: f32) -> f32 {
    if count <= 1.0 {
        1.0
    } else {
        1.0 + count.ln()
    }
}

/// A tf-idf vector: sorted `(term, weight)` pairs and its norm.
struct Sparse {
    terms: Vec<(u64, f32)>,
    norm: f32,
}

/// The tf-idf vector of a few paragraphs (their sorted term lists merged).
fn window_vector(paras: &[Para], idf: &Idf) -> Sparse {
    let mut all: Vec<(u64, f32)> = paras.iter().flat_map(|p| p.terms.iter().copied()).collect();
    all.sort_unstable_by_key(|t| t.0);
    let mut terms: Vec<(u64, f32)> = Vec::with_capacity(all.len());
    for (t, c) in all {
        match terms.last_mut() {
            Some(last) if last.0 == t => last.1 += c,
            _ => terms.push((t, c)),
        }
    }
    for (t, c) in terms.iter_mut() {
        *c = tf(*c) * idf.weight(*t);
    }
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    Sparse { terms, norm }
}

fn cosine(a: &Sparse, b: &Sparse) -> f32 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.terms[i].1 * b.terms[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.norm * b.norm)
}

/// The article so far, kept incrementally so each gap costs the size of one paragraph, not of the
/// whole article.
#[derive(Default)]
struct ArticleState {
    counts: TermMap<(f32, f32)>,
    norm2: f32,
    names: TermSet,
    paragraphs: usize,
}

impl ArticleState {
    fn add(&mut self, p: &Para, idf: &Idf) {
        for &(t, c) in &p.terms {
            let e = self.counts.entry(t).or_insert_with(|| (0.0, idf.weight(t)));
            let old = if e.0 > 0.0 { tf(e.0) * e.1 } else { 0.0 };
            e.0 += c;
            let new = tf(e.0) * e.1;
            self.norm2 += new * new - old * old;
        }
        self.names.extend(p.names.iter().copied());
        self.paragraphs += 1;
    }
    fn cosine(&self, v: &Sparse) -> f32 {
        let norm = self.norm2.max(0.0).sqrt();
        if norm == 0.0 || v.norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = v
            .terms
            .iter()
            .filter_map(|(t, w)| self.counts.get(t).map(|&(c, idf)| tf(c) * idf * w))
            .sum();
        dot / (norm * v.norm)
    }
}

/// `pairs[i]`: the tf-idf vector of paragraphs `i` and `i + 1` (or `i` alone at the end).
fn pair_windows(paras: &[Para], idf: &Idf) -> Vec<Sparse> {
    (0..paras.len())
        .map(|i| window_vector(&paras[i..(i + 2).min(paras.len())], idf))
        .collect()
}

/// Local similarity across every gap (two paragraphs each side), ignoring article boundaries.
fn local_similarities(paras: &[Para], pairs: &[Sparse], idf: &Idf) -> Vec<f32> {
    (0..paras.len().saturating_sub(1))
        .map(|i| match i.checked_sub(1) {
            Some(l) => cosine(&pairs[l], &pairs[i + 1]),
            None => cosine(&window_vector(&paras[..1], idf), &pairs[1]),
        })
        .collect()
}

/// TextTiling depth: how far the similarity at gap `i` lies below the highest points within three
/// gaps on either side.
fn depth(sims: &[f32], i: usize) -> f32 {
    let s = sims[i];
    let left = sims[i.saturating_sub(3)..=i]
        .iter()
        .copied()
        .fold(s, f32::max);
    let right = sims[i..(i + 4).min(sims.len())]
        .iter()
        .copied()
        .fold(s, f32::max);
    (left - s) + (right - s)
}

fn gap_features(
    paras: &[Para],
    pairs: &[Sparse],
    sims: &[f32],
    article: &ArticleState,
    i: usize,
) -> GapFeatures {
    let right = &pairs[i + 1];
    let next = &paras[i + 1];
    let carried = next
        .names
        .iter()
        .filter(|n| article.names.contains(n))
        .count();
    GapFeatures {
        cos_article: article.cosine(right),
        cos_local: sims[i],
        name_carry: if next.names.is_empty() {
            0.0
        } else {
            carried as f32 / next.names.len() as f32
        },
        next_has_names: if next.names.is_empty() { 0.0 } else { 1.0 },
        continuation_opener: next.starts_continuation as u8 as f32,
        quote_opener: next.starts_quote as u8 as f32,
        honorific_back_reference: next
            .honorific_names
            .iter()
            .any(|n| article.names.contains(n)) as u8 as f32,
        article_paragraphs: (article.paragraphs as f32).ln_1p(),
        lede_length: (15..=60).contains(&next.words) as u8 as f32,
        depth: depth(sims, i),
        not_prose: !next.prose as u8 as f32,
        first_person: next.first_person as u8 as f32,
        exclaims_or_asks: next.exclaims_or_asks as u8 as f32,
        one_sentence_lede: (next.sentences <= 1
            && (8..=45).contains(&next.words)
            && next.ends_period
            && paras.get(i + 2).is_some_and(|p| p.sentences >= 2)) as u8
            as f32,
        prev_unpunctuated: !paras[i].ends_punctuated as u8 as f32,
    }
}

/// What the hard rules say about a gap.
enum Rule {
    Boundary(BoundaryReason),
    NoBoundary,
    Undecided,
}

impl Para {
    /// Closes an article: a sign-off line, or a sign-off glued to the end of the paragraph.
    fn closes(&self) -> bool {
        self.role == Some(CreditRole::SignOff) || self.inline_sign_off
    }

    /// Opens an article: a byline or a dateline.
    fn opening(&self) -> Option<BoundaryReason> {
        if self.role == Some(CreditRole::Byline) {
            Some(BoundaryReason::Byline)
        } else if self.dateline {
            Some(BoundaryReason::Dateline)
        } else {
            None
        }
    }
}

fn hard_rule(paras: &[Para], a: usize, i: usize) -> Rule {
    let (cur, next) = (&paras[i], &paras[i + 1]);
    let next_signs_off = next.role == Some(CreditRole::SignOff);
    if cur.closes() && !next_signs_off {
        return Rule::Boundary(BoundaryReason::SignOff);
    }
    let cur_byline = cur.role == Some(CreditRole::Byline);
    // A headline belongs to the byline or dateline under it: the boundary goes above the headline.
    if next.headline && !cur_byline {
        if let Some(reason) = paras.get(i + 2).and_then(Para::opening) {
            return Rule::Boundary(reason);
        }
    }
    if cur.headline && next.opening().is_some() {
        return Rule::NoBoundary;
    }
    match next.opening() {
        Some(BoundaryReason::Byline) => return Rule::Boundary(BoundaryReason::Byline),
        Some(reason) if !cur_byline => return Rule::Boundary(reason),
        _ => {}
    }
    if next_signs_off
        || next.role == Some(CreditRole::Visual)
        || cur.role == Some(CreditRole::Visual)
    {
        return Rule::NoBoundary;
    }
    if cur_byline || next.starts_lower {
        return Rule::NoBoundary;
    }
    if cur.ends_mid_sentence && cur.role.is_none() {
        let words = body_words(&paras[a..=i]);
        // A short paragraph without a full stop is a heading or a list lead-in, not a cut.
        if cur.words >= 20 && (TEASER_MIN_WORDS..=TEASER_MAX_WORDS).contains(&words) {
            return Rule::Boundary(BoundaryReason::TeaserCut);
        }
        return Rule::NoBoundary;
    }
    Rule::Undecided
}

/// Longest run of paragraphs that a single sign-off is trusted to close.
const MAX_SIGNED_ARTICLE: usize = 60;

/// `signed[i]`: the gap after paragraph `i` lies inside a run that a sign-off closes (no hard
/// boundary between here and that sign-off, which is at most [`MAX_SIGNED_ARTICLE`] paragraphs away).
/// Inside such a run the sign-off, not topic shift, decides where the article ends.
fn signed_regions(paras: &[Para]) -> Vec<bool> {
    let n = paras.len();
    let mut signed = vec![false; n];
    for i in 0..n {
        if !paras[i].closes() {
            continue;
        }
        // Walk back to the previous hard opening or closing.
        let mut j = i;
        while j > 0 {
            let prev = &paras[j - 1];
            let opens = paras[j].role == Some(CreditRole::Byline) || paras[j].dateline;
            if opens
                || prev.closes()
                || (prev.ends_mid_sentence && prev.words >= 20 && prev.role.is_none())
            {
                break;
            }
            j -= 1;
        }
        if i - j <= MAX_SIGNED_ARTICLE {
            for s in signed.iter_mut().take(i).skip(j) {
                *s = true;
            }
        }
    }
    signed
}

/// What the layout of a text says about how many articles it holds. A shard in the seed format has
/// one paragraph a line and no headline; a file that holds one article opens with a headline line
/// and a blank line, or separates its paragraphs with blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArticleShape {
    /// The first paragraph is a headline with a blank line under it.
    pub headed: bool,
    /// Most paragraphs are separated by blank lines.
    pub blank_paragraphs: bool,
    /// Paragraphs follow line after line, and a few blank lines (at most half of the gaps) break
    /// the text into blocks: the writer's article breaks.
    pub blank_separated: bool,
}

impl ArticleShape {
    fn of(paras: &[Para], blank_after: &[bool]) -> Self {
        let gaps = paras.len().saturating_sub(1);
        let blank = blank_after.iter().take(gaps).filter(|&&b| b).count();
        ArticleShape {
            headed: gaps > 0
                && title_line(&paras[0])
                && blank_after.first().copied().unwrap_or(false),
            blank_paragraphs: gaps >= 2 && blank * 5 >= gaps * 4,
            blank_separated: gaps >= 2 && blank >= 1 && blank * 2 <= gaps,
        }
    }

    fn layout(self) -> Layout {
        if self.single_article() {
            Layout::OneArticle
        } else if self.blank_separated {
            Layout::Blocks
        } else {
            Layout::Shard
        }
    }

    /// Laid out as one article: only hard evidence (a sign-off followed by more text, a dateline, a
    /// byline, a headline where the cast changes) splits it; teaser cuts and topic shift do not.
    pub fn single_article(self) -> bool {
        self.headed || self.blank_paragraphs
    }
}

/// How a text's layout lets the segmenter place boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// The seed shard layout: every kind of evidence, teaser cuts and topic shift included.
    Shard,
    /// One article: only hard evidence where the story changes (see [`starts_new_story`]).
    OneArticle,
    /// Blocks set off by blank lines: each blank line is a boundary unless the text runs on across
    /// it; inside a block, as for one article.
    Blocks,
}

/// Words a first line may have and still be a title.
const MAX_TITLE_WORDS: usize = 25;

/// A first line that reads as a title for the layout prior: short, two sentences at most ("Republicans
/// Finally Confirmed A Judge. Is This Obama's Last One?"). Looser than a headline (`title` in the
/// output): many corpora end their titles with a period.
fn title_line(p: &Para) -> bool {
    p.role.is_none() && (p.headline || (p.words <= MAX_TITLE_WORDS && p.sentences <= 2))
}

/// Segments paragraphs into articles with the built-in weights, whatever the layout (as
/// [`SplitMode::Always`]).
pub fn segment(paragraphs: &[&str]) -> Vec<Segment> {
    segment_with(paragraphs, &WEIGHTS, THRESHOLD)
}

/// Segments paragraphs laid out as in the input: `blank_after[i]` says a blank line follows
/// paragraph `i`. `mode` decides whether the layout may keep the text whole.
pub fn segment_layout(paragraphs: &[&str], blank_after: &[bool], mode: SplitMode) -> Vec<Segment> {
    let paras: Vec<Para> = paragraphs.iter().map(|p| analyse(p)).collect();
    match mode {
        SplitMode::Never => whole(&paras),
        SplitMode::Always => run(&paras, blank_after, &WEIGHTS, THRESHOLD, Layout::Shard),
        SplitMode::Auto => {
            let layout = ArticleShape::of(&paras, blank_after).layout();
            run(&paras, blank_after, &WEIGHTS, THRESHOLD, layout)
        }
    }
}

/// Splits one record (a JSON Lines record, a page, a feed entry) into articles: only on request
/// (`--split always`), since a record is one article by construction. Pieces keep the record's
/// source, URL, outlet, date and metadata; the title stays with the first.
pub fn split_record(article: Article) -> Vec<Article> {
    let texts: Vec<&str> = article
        .paragraphs
        .iter()
        .map(|p| p.slice(&article.text))
        .collect();
    let segs = segment_layout(&texts, &[], SplitMode::Always);
    if segs.len() <= 1 {
        return vec![article];
    }
    segs.iter()
        .enumerate()
        .map(|(k, seg)| {
            let (from, to) = (
                article.paragraphs[seg.start].start,
                article.paragraphs[seg.end - 1].end,
            );
            let mut piece =
                Article::new(article.text[from..to].to_string(), article.source.clone());
            piece.title = article.title.clone().filter(|_| k == 0);
            piece.outlet = article.outlet.clone();
            piece.url = article.url.clone();
            piece.language = article.language.clone();
            piece.published = article.published.clone();
            piece.meta = article.meta.clone();
            piece.meta.remove("offset_map");
            piece.truncated = seg.truncated.is_some();
            piece.truncation_reason = seg.truncated.clone();
            piece.segment = Some(seg.reason.info());
            crate::text::apply_credits(&mut piece);
            piece
        })
        .collect()
}

fn whole(paras: &[Para]) -> Vec<Segment> {
    if paras.is_empty() {
        return Vec::new();
    }
    vec![Segment {
        start: 0,
        end: paras.len(),
        truncated: truncation(paras),
        reason: BoundaryReason::Start,
    }]
}

/// Segments with explicit weights and decision threshold (used when fitting and evaluating).
pub fn segment_with(
    paragraphs: &[&str],
    weights: &[f32; GapFeatures::COUNT],
    threshold: f32,
) -> Vec<Segment> {
    let paras: Vec<Para> = paragraphs.iter().map(|p| analyse(p)).collect();
    run(&paras, &[], weights, threshold, Layout::Shard)
}

/// The segmenter proper. In the shard layout teaser cuts and topic shift may place boundaries;
/// otherwise only hard evidence does, a headline where the cast of names changes, and in blocks a
/// blank line.
fn run(
    paras: &[Para],
    blank_after: &[bool],
    weights: &[f32; GapFeatures::COUNT],
    threshold: f32,
    layout: Layout,
) -> Vec<Segment> {
    let soft = layout == Layout::Shard;
    let idf = Idf::new(paras);
    let pairs = pair_windows(paras, &idf);
    let sims = local_similarities(paras, &pairs, &idf);
    let signed = signed_regions(paras);
    let mut out = Vec::new();
    let mut a = 0;
    let mut reason = BoundaryReason::Start;
    let mut article = ArticleState::default();
    let mut cut_reason: Option<String> = None;
    for i in 0..paras.len().saturating_sub(1) {
        article.add(&paras[i], &idf);
        let blank_break = layout == Layout::Blocks && blank_after.get(i).copied().unwrap_or(false);
        let boundary = match hard_rule(paras, a, i) {
            // A block that runs on in lower case across the blank line is one text.
            _ if blank_break => blank_line_boundary(blank_after, paras, a, i),
            // A "headline" over a dateline across a blank line is the last line of the block.
            Rule::Boundary(_)
                if layout == Layout::Blocks && blank_after.get(i + 1) == Some(&true) =>
            {
                None
            }
            Rule::Boundary(BoundaryReason::TeaserCut) if !soft => None,
            Rule::Boundary(_) if !soft && !starts_new_story(paras, &article, &pairs, a, i) => None,
            Rule::Boundary(r) => {
                if r == BoundaryReason::TeaserCut {
                    cut_reason = Some(teaser_reason(&paras[a..=i]));
                }
                Some(r)
            }
            Rule::NoBoundary => None,
            Rule::Undecided if !soft => {
                headline_boundary(paras, blank_after, &article, &pairs, a, i)
            }
            Rule::Undecided if signed[i] => None,
            Rule::Undecided => {
                let p =
                    boundary_probability(&gap_features(paras, &pairs, &sims, &article, i), weights);
                (p > threshold).then_some(BoundaryReason::TopicShift { probability: p })
            }
        };
        if let Some(next_reason) = boundary {
            let truncated = cut_reason.take().or_else(|| truncation(&paras[a..=i]));
            out.push(Segment {
                start: a,
                end: i + 1,
                truncated,
                reason,
            });
            a = i + 1;
            reason = next_reason;
            article = ArticleState::default();
        }
    }
    if !paras.is_empty() {
        out.push(Segment {
            start: a,
            end: paras.len(),
            truncated: truncation(&paras[a..]),
            reason,
        });
    }
    out
}

/// In a file laid out as one article, a headline line set off by blank lines opens another article
/// when a full article precedes it and the story under it starts afresh (see [`starts_new_story`]);
/// a subheading continues the story, so it carries the cast and vocabulary over.
fn headline_boundary(
    paras: &[Para],
    blank_after: &[bool],
    article: &ArticleState,
    pairs: &[Sparse],
    a: usize,
    i: usize,
) -> Option<BoundaryReason> {
    let next = &paras[i + 1];
    let set_off = blank_after.get(i).copied().unwrap_or(false)
        && blank_after.get(i + 1).copied().unwrap_or(false);
    // One- and two-word lines are labels ("Jamaican", "Analysis"), often of stripped names.
    let body_follows = paras.get(i + 2).is_some_and(|p| !p.starts_lower);
    if !next.headline || next.words < 3 || !set_off || !body_follows {
        return None;
    }
    starts_new_story(paras, article, pairs, a, i).then_some(BoundaryReason::Headline)
}

/// Words a line set off by blank lines needs to be a story of its own rather than a caption.
const MIN_BRIEF_WORDS: usize = 30;

/// In a text of blank-line blocks, the blank line after paragraph `i` ends an article when the
/// blocks on both sides of it are more than a title, a caption or a subheading (one line set off by
/// blank lines), and the text does not run on in lower case. The cast is not
/// asked: consecutive wire stories on one subject share it (a cast test cut recall on
/// blank-separated Reuters-21578 shards from 0.947 to 0.930), and a headed one-article file never
/// comes here.
fn blank_line_boundary(
    blank_after: &[bool],
    paras: &[Para],
    a: usize,
    i: usize,
) -> Option<BoundaryReason> {
    // A line set off by blank lines on both sides is a caption or a subheading unless it is long
    // enough to be a one-paragraph story (wire briefs are; 9 % of Reuters-21578 boundaries).
    let lone_caption = |k: usize| {
        let above = k == 0 || blank_after.get(k - 1).copied().unwrap_or(true);
        let below = blank_after.get(k).copied().unwrap_or(true);
        above && below && paras[k].words < MIN_BRIEF_WORDS
    };
    let more_than_a_title = i > a || paras[i].words >= MIN_BRIEF_WORDS;
    let body_before = more_than_a_title && !lone_caption(i);
    let next_block_has_body = !lone_caption(i + 1);
    let runs_on = paras[i + 1].starts_lower;
    (body_before && next_block_has_body && !runs_on).then_some(BoundaryReason::BlankLine)
}

/// Words the text before a boundary must hold, in a file laid out as one article, for it to be a
/// whole article rather than a headline, a byline and a date.
const MIN_ARTICLE_WORDS: usize = 80;
/// Paragraphs after a boundary whose names are compared with the article so far.
const CAST_LOOKAHEAD: usize = 5;
/// Above this cosine between the article so far and the next paragraphs, the topic goes on.
const MAX_NEW_STORY_COHESION: f32 = 0.2;

/// The prior of one article, for a file laid out as one: a boundary after paragraph `i` is kept only
/// if a full article precedes it and the next paragraphs bring a new cast of names (at most a third
/// of their names seen before) and little of the vocabulary. A second dateline or a sign-off in the
/// middle of one story (a live blog's entries, a section header in capitals) fails this test.
fn starts_new_story(
    paras: &[Para],
    article: &ArticleState,
    pairs: &[Sparse],
    a: usize,
    i: usize,
) -> bool {
    body_words(&paras[a..=i]) >= MIN_ARTICLE_WORDS && new_cast(paras, article, pairs, i)
}

/// The paragraphs after `i` bring a new cast of names (at most a third seen in the article so far)
/// and little of its vocabulary.
fn new_cast(paras: &[Para], article: &ArticleState, pairs: &[Sparse], i: usize) -> bool {
    let window = &paras[i + 1..(i + 1 + CAST_LOOKAHEAD).min(paras.len())];
    let names: Vec<u64> = window
        .iter()
        .flat_map(|p| p.names.iter().copied())
        .collect();
    let carried = names.iter().filter(|n| article.names.contains(n)).count();
    let cast_changes = names.is_empty() || carried * 3 < names.len();
    let cohesion = pairs.get(i + 1).map_or(0.0, |v| article.cosine(v));
    cast_changes && cohesion < MAX_NEW_STORY_COHESION
}

/// The features of every gap of a shard whose true boundaries are known, with the label of each,
/// computed as the segmenter would see them (the article so far starts at the true boundary).
pub fn labelled_gaps(paragraphs: &[&str], boundaries_after: &[bool]) -> Vec<(GapFeatures, bool)> {
    let paras: Vec<Para> = paragraphs.iter().map(|p| analyse(p)).collect();
    let idf = Idf::new(&paras);
    let pairs = pair_windows(&paras, &idf);
    let sims = local_similarities(&paras, &pairs, &idf);
    let signed = signed_regions(&paras);
    let mut out = Vec::new();
    let mut a = 0;
    let mut article = ArticleState::default();
    for i in 0..paras.len().saturating_sub(1) {
        article.add(&paras[i], &idf);
        let label = boundaries_after.get(i).copied().unwrap_or(false);
        if !signed[i] {
            if let Rule::Undecided = hard_rule(&paras, a, i) {
                out.push((gap_features(&paras, &pairs, &sims, &article, i), label));
            }
        }
        if label {
            a = i + 1;
            article = ArticleState::default();
        }
    }
    out
}

fn body_words(paras: &[Para]) -> usize {
    paras
        .iter()
        .filter(|p| p.role.is_none())
        .map(|p| p.words)
        .sum()
}

fn teaser_reason(paras: &[Para]) -> String {
    format!(
        "ends mid-sentence after {} words (teaser cut)",
        body_words(paras)
    )
}

/// An article is truncated when its last body paragraph stops mid-sentence.
fn truncation(paras: &[Para]) -> Option<String> {
    let last = paras.iter().rev().find(|p| p.role.is_none())?;
    if !last.ends_mid_sentence || last.words < 8 {
        return None;
    }
    let words = body_words(paras);
    if (TEASER_MIN_WORDS..=TEASER_MAX_WORDS).contains(&words) {
        Some(teaser_reason(paras))
    } else {
        Some(format!("ends mid-sentence after {words} words"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_off_and_teaser_cut_make_boundaries() {
        let body = "The minister said the plan would cost more than expected and would take years to finish.";
        let teaser = "Labubu, an elf-like plush toy with pointy ears and nine serrated teeth, has become a global sensation, worn by celebrities including Rihanna and Dua Lipa. These dolls are sold out in stores from Singapore to London; a human-sized version recently fetched a whopping sum at an auction in Beijing. Shares of the company that makes them, the toy maker behind this trendy toy, have rallied";
        let paras = [
            body,
            body,
            "Reporting by Jane Doe; editing by Tom Brown.",
            teaser,
            teaser,
        ];
        let segs = segment(&paras);
        let ranges: Vec<_> = segs
            .iter()
            .map(|s| (s.start, s.end, s.truncated.is_some()))
            .collect();
        assert_eq!(ranges, vec![(0, 3, false), (3, 4, true), (4, 5, true)]);
    }

    #[test]
    fn lower_case_opening_continues() {
        let paras = [
            "A long first paragraph about the economy of a small island nation.",
            "and this goes on.",
        ];
        assert_eq!(segment(&paras).len(), 1);
    }

    #[test]
    fn blank_lines_between_blocks_are_the_writers_article_breaks() {
        let paras = [
            "SOCCER - JAPAN GET LUCKY WIN .",
            "AL-AIN , United Arab Emirates 1996-12-06",
            "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria .",
            "CRICKET - LARA ENDURES ANOTHER MISERABLE DAY .",
            "MELBOURNE 1996-12-06",
            "West Indies batsman Brian Lara suffered another blow to his Australian tour .",
            "Lara was out for two .",
        ];
        let blank_after = [false, false, true, false, false, false];
        let segs = segment_layout(&paras, &blank_after, SplitMode::Auto);
        let starts: Vec<usize> = segs.iter().map(|s| s.start).collect();
        assert_eq!(starts, [0, 3]);
        assert_eq!(segs[1].reason, BoundaryReason::BlankLine);
    }

    #[test]
    fn a_caption_or_a_title_set_off_by_blank_lines_is_no_article_break() {
        let paras = [
            "Senators Finally Confirmed A Judge. Is This The Last One?",
            "Something rare happened Monday when the Senate let a judicial nominee get a vote.",
            "It has been two months since the Senate confirmed a judge.",
            "Getty Images photo of the Senate chamber.",
            "Maria Lopez, a lawyer from Texas, said the pace was the slowest in decades.",
            "The White House said it would keep sending nominees.",
        ];
        let blank_after = [true, false, true, true, false];
        assert_eq!(
            segment_layout(&paras, &blank_after, SplitMode::Auto).len(),
            1
        );
        // Without the title line: a one-line block between blank lines is a caption.
        let blank_after = [false, false, true, true, false];
        assert_eq!(
            segment_layout(&paras[1..], &blank_after[1..], SplitMode::Auto).len(),
            1
        );
    }

    #[test]
    fn dateline_opens_an_article() {
        let paras = [
            "Oil prices rose on Monday as traders weighed supply risks, analysts said.",
            "LONDON, July 23 (Reuters) - British inflation fell to its lowest level in three years.",
        ];
        assert_eq!(segment(&paras).len(), 2);
    }

    #[test]
    fn a_capitalised_kicker_is_no_dateline() {
        // The section heads of one list article (PolNeAR dev, Politico).
        let paras = [
            "Trump's favorite TV doctor has a basketful of critics, and they are not shy about it.",
            "HE'S BEEN CALLED OUT BY FELLOW DOCTORS — He has been dragged before a Senate panel.",
            "CONGRESS HAS INVESTIGATED HIM — His advice earned him the attention of senators.",
        ];
        assert_eq!(segment(&paras).len(), 1);
        for place in ["WASHINGTON —", "SALT LAKE CITY —", "COEUR D'ALENE, Idaho —"] {
            assert!(
                opens_with_dateline(&format!("{place} The vote was close.")),
                "{place}"
            );
        }
        assert!(!opens_with_dateline(
            "EVEN OZ’S BOSS THINKS SO — The head of the studio."
        ));
    }

    #[test]
    fn empty_input_gives_nothing() {
        assert!(segment(&[]).is_empty());
    }
}
