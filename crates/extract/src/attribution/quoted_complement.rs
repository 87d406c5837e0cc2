//! Partial quotes inside a verb's complement.
//!
//! "Trump blasted the call for a “deportation force”", "she acknowledged that he had only “read
//! the passages real quickly”": a few quoted words inside a clause are the speaker's words, and
//! the statement is the whole complement of the verb before them, not a scare quote. A quote the
//! other rules left as a scare quote becomes such an attribution when, within
//! [`MAX_VERB_DISTANCE`] tokens on its left and in its sentence, a verb with a resolvable subject
//! heads the clause it sits in.

use newsgraph_model::AttributionKind;

use super::cues::SpeakerSide;
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;
use super::sentence::resolve;
use super::speaker::Resolver;
use super::subjects::subject_before;
use super::verb_cue::{names_a_work, programme_title_at};
use super::{Findings, Found};

/// How far left of a quote its verb is looked for, in tokens.
const MAX_VERB_DISTANCE: usize = 12;

/// Turns scare quotes inside a verb's complement into attributions of the verb's subject.
pub(super) fn attach_quoted_complements(doc: &Doc, res: &mut Resolver, found: &mut Findings) {
    // The cues of direct quotes: `“A,” an aide said late last month, “but B.”` goes on with the
    // same statement after the cue, which the split-quote merge joins to the first piece.
    let direct_cues: Vec<usize> = found
        .found
        .iter()
        .filter(|f| f.kind == AttributionKind::Direct)
        .filter_map(|f| f.cue.map(|c| c.start))
        .collect();
    for f in found.found.iter_mut() {
        if f.kind != AttributionKind::Scare {
            continue;
        }
        let Some(q) = f.quote.and_then(|qi| doc.quotes.get(qi)) else {
            continue;
        };
        let k = doc.sentences.partition_point(|&(_, end)| end <= q.open);
        let Some(&(start, end)) = doc.sentences.get(k).filter(|s| s.0 <= q.open) else {
            continue;
        };
        let sentence = TokenRange::new(start, end);
        // "said on the BBC's “Today” programme", "the reality show, “The Apprentice,”": a
        // title, not the speaker's words.
        if programme_title_at(doc, q.open, sentence.end) || names_a_work(doc, q.last) {
            continue;
        }
        let Some(verb) = verb_before(doc, sentence, q.open) else {
            continue;
        };
        let resumes = q
            .open
            .checked_sub(1)
            .is_some_and(|k| doc.is_punct_at(k, ","));
        if resumes
            && doc
                .tok(verb)
                .is_some_and(|t| direct_cues.contains(&t.start))
        {
            continue;
        }
        let Some(subject) = subject_before(doc, sentence.start, verb, None) else {
            continue;
        };
        let SpeakerSide::Phrase(phrase) = subject.side else {
            continue;
        };
        let Some(speaker) = resolve(doc, res, &phrase, true) else {
            continue;
        };
        let start = complement_start(doc, verb, q.open);
        let (Some(content), Some(cue)) =
            (doc.span_of(start, q.last + 1), doc.span_of(verb, verb + 1))
        else {
            continue;
        };
        *f = Found {
            kind: AttributionKind::Reported,
            content,
            cue: Some(cue),
            speaker: Some(speaker),
            first_tok: start,
            ..f.clone()
        };
    }
}

/// The verb heading the clause a quote opening at `open` sits in: the nearest lower-case word on
/// the left that the lexicons know as a cue verb (reporting, stance, belief or document), with no
/// clause break between. Any finite verb was tried: it cost the BBC gold 0.6 F1.
fn verb_before(doc: &Doc, sentence: TokenRange, open: usize) -> Option<usize> {
    let from = open.saturating_sub(MAX_VERB_DISTANCE).max(sentence.start);
    for k in (from..open).rev() {
        let t = doc.tok(k)?;
        if t.quote.is_some() || matches!(t.kind, TokKind::Punct('.' | ';' | ':' | '?' | '!')) {
            return None;
        }
        if !t.is_word() || t.cap {
            continue;
        }
        let w = t.lower.as_str();
        let verb_like = lexicon::is_reporting_verb(w)
            || lexicon::is_object_cue(w)
            || lexicon::is_that_clause_cue(w);
        if verb_like && !lexicon::is_auxiliary(w) {
            return Some(k);
        }
    }
    None
}

/// Where the complement of `verb` starts: at a "that" or "if" within a few tokens (past a hearer,
/// "told a crowd in Georgia that …"), else right after the verb.
fn complement_start(doc: &Doc, verb: usize, open: usize) -> usize {
    (verb + 1..open.min(verb + 8))
        .find(|&k| matches!(doc.lower(k), "that" | "if" | "whether"))
        .unwrap_or(verb + 1)
}
