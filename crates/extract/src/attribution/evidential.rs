//! Evidential cues: "Mr. Clinton's style appears to resonate with voters", "it seems that …",
//! "the central bank is expected to act in December".
//!
//! The sentence states a judgement and leaves its holder unsaid. Annotated corpora (PolNeAR)
//! take the whole clause, subject included, as the content of an attribution without a source;
//! so does this parse: no speaker, and the content runs from the clause start to the next cue or
//! the sentence end.

use super::cues::{ContentSide, Cue, CueKind, CueParse};
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;

/// Forms of "be" before "expected" ("is expected to").
const BE_FORMS: [&str; 7] = ["is", "are", "was", "were", "be", "been", "being"];

/// The evidential verb at `i` is used as one: before "to" or "that" (but not before a cue verb of
/// its own), and "expected" only in the passive ("is widely expected to").
pub(super) fn is_evidential_use(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    let lower = doc.lower(i);
    if !lexicon::is_evidential_cue(lower) {
        return false;
    }
    // "The FBI is reportedly making arrangements …": an evidential adverb inside its clause,
    // unless a cue verb of its own follows ("Trump reportedly told aides that …").
    if lower.ends_with("ly") {
        let next = doc.lower(i + 1);
        return i > sentence_start
            && doc.tok(i + 1).is_some_and(|t| t.is_word())
            && !(lexicon::is_reporting_verb(next)
                || lexicon::is_that_clause_cue(next)
                || lexicon::is_object_cue(next));
    }
    if !matches!(doc.lower(i + 1), "to" | "that") {
        return false;
    }
    // "She appeared to imply that …", "is expected to endorse …": the verb after "to" is the cue,
    // and the subject its speaker.
    let next_verb = doc.lower(i + 2);
    if doc.lower(i + 1) == "to"
        && (lexicon::is_reporting_verb(next_verb)
            || lexicon::is_that_clause_cue(next_verb)
            || lexicon::is_object_cue(next_verb))
    {
        return false;
    }
    if lower != "expected" {
        return true;
    }
    let mut k = i;
    // One adverb may stand between: "is widely expected".
    if k > sentence_start && doc.lower(k - 1).ends_with("ly") {
        k -= 1;
    }
    k > sentence_start && BE_FORMS.contains(&doc.lower(k - 1))
}

/// The parse of an evidential cue: no speaker, the content from the clause start on.
pub(super) fn parse_evidential(
    doc: &Doc,
    sentence: TokenRange,
    cue: Cue,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    let verb = cue.tokens.start;
    let floor = prev
        .map(|p| p.rightmost + 1)
        .unwrap_or(sentence.start)
        .max(sentence.start);
    let start = clause_start(doc, floor, verb);
    (start < verb).then_some(CueParse {
        kind: CueKind::Evidential,
        cue: cue.tokens,
        speaker: None,
        content: ContentSide::After { start },
        leftmost: start,
        rightmost: verb,
        weak_heads_ok: false,
        nested: false,
    })
}

/// Where the clause holding the verb at `verb` starts: after the nearest clause break on its left
/// (a comma, semicolon, colon or dash), or at a relative pronoun ("which is expected to …").
fn clause_start(doc: &Doc, floor: usize, verb: usize) -> usize {
    let mut k = verb;
    while k > floor {
        let Some(t) = doc.tok(k - 1) else { break };
        if t.quote.is_some() || matches!(t.kind, TokKind::Punct(',' | ';' | ':' | '—' | '–')) {
            return k;
        }
        if matches!(t.lower.as_str(), "which" | "who" | "that") {
            return k - 1;
        }
        k -= 1;
    }
    k
}
