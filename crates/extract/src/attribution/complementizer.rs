//! A reported content opens at its "that": "is telling a town hall in Salem that waterboarding is
//! 'peanuts'", "said Thursday during a taping of a town hall in Buffalo, New York, that states can
//! pass such laws". When the rules could not parse the hearer or the adverbials between a speech
//! verb and its complementizer, the content took them in; PolNeAR (and any reader) starts the
//! content at "that".

use newsgraph_model::AttributionKind;

use super::doc::{Doc, TokKind};
use super::lexicon;
use super::words;
use super::Found;

/// Takes into each cue the reporting verb right after it that its content does not hold: "he now
/// believes that …", where the cue detector marked "now" and the content starts at "that", has
/// the cue "now believes".
pub(super) fn extend_cues_to_their_verb(doc: &Doc, found: &mut [Found]) {
    for f in found.iter_mut() {
        let Some(cue) = f.cue else { continue };
        let Some(last) = doc.last_token_ending_by(cue.end) else {
            continue;
        };
        let Some(verb) = doc.tok(last + 1) else {
            continue;
        };
        let is_verb = verb.quote.is_none()
            && (lexicon::is_reporting_verb(&verb.lower)
                || lexicon::is_that_clause_cue(&verb.lower));
        if is_verb && verb.end <= f.content.start && cue.end <= f.content.start {
            f.cue = Some(newsgraph_model::Span::new(cue.start, verb.end));
        }
    }
}

/// At most this many tokens between the cue and its "that".
const MAX_GAP_TOKENS: usize = 16;

/// Moves the start of each reported content that opens right after a speech verb's cue to the
/// "that" within [`MAX_GAP_TOKENS`], when only a hearer, a time or a place stands between them.
pub(super) fn start_contents_at_that(doc: &Doc, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.kind != AttributionKind::Reported || f.response.is_some() {
            continue;
        }
        let Some(cue) = f.cue else { continue };
        let Some(cue_last) = doc.last_token_ending_by(cue.end) else {
            continue;
        };
        let first = f.first_tok;
        let speech = doc.tok(cue_last).is_some_and(|t| {
            lexicon::takes_hearer(&t.lower) || lexicon::is_reporting_verb(&t.lower)
        });
        if !speech || first != cue_last + 1 || doc.lower(first) == "that" {
            continue;
        }
        let Some(that) = complementizer_after(doc, first, f.content.end) else {
            continue;
        };
        if let Some(t) = doc.tok(that) {
            f.content.start = t.start;
            f.first_tok = that;
        }
    }
}

/// The "that" opening a clause within the content from `first` (before byte `end`), reached
/// over a hearer, a time or a place only: plain words and commas with no verb, quotation or other
/// "that" among them, the first no subject pronoun ("said he believed that …" is a clause), the
/// last before "that" a name, a number, a time or an object pronoun ("the idea that …" is a
/// noun's clause), and no verb right after it (a relative clause: "a bill that would end …").
fn complementizer_after(doc: &Doc, first: usize, end: usize) -> Option<usize> {
    if doc
        .tok(first)
        .is_some_and(|t| words::SUBJECT_PRONOUNS.contains(&t.lower))
    {
        return None;
    }
    for k in first..first + MAX_GAP_TOKENS {
        let t = doc.tok(k).filter(|t| t.end <= end)?;
        if t.lower == "that" {
            let next = doc.tok(k + 1)?;
            let clause_opens = next.quote.is_some()
                || (next.is_word()
                    && !words::CLAUSE_VERBS.contains(&next.lower)
                    && !lexicon::is_auxiliary(&next.lower));
            return (k > first && clause_opens && closes_gap(doc, k - 1)).then_some(k);
        }
        let plain = t.quote.is_none()
            && match t.kind {
                TokKind::Word => !is_verb_like(doc, k),
                TokKind::Poss | TokKind::Punct(',' | '.' | '-') => true,
                _ => false,
            };
        if !plain {
            return None;
        }
    }
    None
}

/// A word that may be a verb: finite verbs and auxiliaries, reporting verbs, negations, and a
/// lower-case past form not after a determiner.
fn is_verb_like(doc: &Doc, k: usize) -> bool {
    let Some(t) = doc.tok(k) else { return true };
    let w = t.lower.as_str();
    let after_determiner = doc
        .tok(k.wrapping_sub(1))
        .is_some_and(|p| lexicon::is_determiner(&p.lower));
    words::CLAUSE_VERBS.contains(w)
        || lexicon::is_finite_verb_word(w)
        || lexicon::is_reporting_verb(w)
        || w.ends_with("n't")
        || matches!(w, "which" | "who" | "whether" | "if" | "not")
        || (!t.cap && !after_determiner && words::is_past_form(w))
}

/// The token before "that" can end a hearer or an adverbial: a name, a number, a time word, an
/// object pronoun or a comma.
fn closes_gap(doc: &Doc, k: usize) -> bool {
    doc.tok(k).is_some_and(|t| {
        t.cap
            || doc.is_punct_at(k, ",")
            || t.lower.chars().all(|c| c.is_ascii_digit())
            || words::is_time_word(doc.word(k))
            || matches!(
                t.lower.as_str(),
                "him" | "her" | "them" | "me" | "us" | "you" | "reporters"
            )
    })
}
