//! Content edges: whether a finite clause follows a verb (so it is reported speech, not an
//! object), and the trimming of a content range to its words.

use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;
use super::words;

/// A finite clause starts at `at` ("suggested the scheme could work"), not a noun phrase object
/// ("announced plans to merge"). Looks at most 26 tokens ahead.
pub(super) fn clause_follows(doc: &Doc, at: usize, sentence_end: usize) -> bool {
    if doc
        .tok(at)
        .is_some_and(|t| words::CLAUSE_OPENING_WORDS.contains(&t.lower))
    {
        return true;
    }
    let mut k = at;
    while k < sentence_end && k - at < 26 {
        let Some(t) = doc.tok(k) else { return false };
        let allowed = t.is_word()
            || t.kind == TokKind::Poss
            || matches!(t.kind, TokKind::Punct('%' | '-' | ',' | '(' | ')'));
        if t.quote.is_some() || !allowed {
            return false;
        }
        if k > at && words::CLAUSE_VERBS.contains(&t.lower) {
            return true;
        }
        if k == at && lexicon::is_preposition(&t.lower) {
            return false;
        }
        // "a report claiming …": a noun phrase with a participle, not a clause; right after a
        // determiner or a possessive the -ing word is a noun ("the ruling was unfair").
        let noun_after_determiner = doc
            .tok(k - 1)
            .is_some_and(|x| x.kind == TokKind::Poss || lexicon::is_determiner(&x.lower));
        if k > at
            && !t.cap
            && t.lower.ends_with("ing")
            && t.lower.len() > 5
            && !noun_after_determiner
        {
            return false;
        }
        if k > at && words::NOUN_PHRASE_PREPOSITIONS.contains(&t.lower) {
            return false;
        }
        if k > at && past_tense_after_subject(doc, at, k) {
            return true;
        }
        k += 1;
    }
    false
}

/// "Mr Blunkett chaired …": a capitalised (or determined) subject from `at` and a past-tense verb
/// at `k`.
fn past_tense_after_subject(doc: &Doc, at: usize, k: usize) -> bool {
    doc.tok(k)
        .is_some_and(|t| !t.cap && t.lower.ends_with("ed"))
        && doc
            .tok(at)
            .is_some_and(|x| x.cap || lexicon::is_determiner(&x.lower))
        && doc
            .tok(k - 1)
            .is_some_and(|x| x.cap || x.kind == TokKind::Poss || x.lower.ends_with('s'))
}

/// The content tokens without a leading ":" / "," and trailing punctuation or conjunctions;
/// `None` when no word is left. A leading complementizer "that" stays: annotated attribution
/// corpora (PARC, PolNeAR) count it as part of the content.
pub(super) fn trim_content(doc: &Doc, range: TokenRange) -> Option<TokenRange> {
    let (mut a, mut b) = (range.start, range.end);
    let outside_quote = |k: usize| doc.tok(k).is_some_and(|t| t.quote.is_none());
    while a < b && doc.is_punct_at(a, ",:;—–-") {
        a += 1;
    }
    while b > a {
        let k = b - 1;
        let drop = doc.is_punct_at(k, ",:;—–-")
            || (outside_quote(k) && words::DANGLING_CONJUNCTIONS.contains(doc.lower(k)));
        if !drop {
            break;
        }
        b -= 1;
    }
    // A lone full stop is not content.
    let has_word = (a..b).any(|k| doc.tok(k).is_some_and(|t| t.is_word()));
    has_word.then_some(TokenRange::new(a, b))
}
