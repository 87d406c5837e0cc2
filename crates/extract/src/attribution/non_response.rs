//! Non-responses: a source that "declined to comment", "did not respond to requests", "could not be
//! reached" or "referred questions to the ministry". The phrase itself is the attribution's content
//! (its kind says which non-response it is); its subject is found like any speaker.
//!
//! Each shape is matched word by word from the phrase's first token, and the phrase's tail runs to
//! the end of its clause within a small window, so matching costs a bounded number of look-ups per
//! token.

use newsgraph_model::ResponseKind;

use super::doc::{Doc, TokKind};
use super::words;

/// A non-response phrase: its kind and the token after its last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NonResponse {
    pub kind: ResponseKind,
    pub end: usize,
}

/// The words of a sentence from a candidate phrase start on, by offset (empty past the sentence).
struct Phrase<'d, 'a> {
    doc: &'d Doc<'a>,
    start: usize,
    sentence_end: usize,
}

impl Phrase<'_, '_> {
    fn word(&self, k: usize) -> &str {
        if self.start + k < self.sentence_end {
            self.doc.lower(self.start + k)
        } else {
            ""
        }
    }

    /// A result ending before offset `k`.
    fn ends(&self, kind: ResponseKind, k: usize) -> Option<NonResponse> {
        Some(NonResponse {
            kind,
            end: self.start + k,
        })
    }

    /// "did not" / "didn't" / "has not" … (+ "immediately" / "yet") at offset `k`: the offset
    /// after the negation.
    fn negation(&self, k: usize) -> Option<usize> {
        let w = self.word(k);
        let mut k = if words::NEGATABLE_AUXILIARIES.contains(w) && self.word(k + 1) == "not" {
            k + 2
        } else if words::NEGATIVE_CONTRACTIONS.contains(w) {
            k + 1
        } else {
            return None;
        };
        if matches!(self.word(k), "immediately" | "yet") {
            k += 1;
        }
        Some(k)
    }

    /// The offset where the clause that continues at `k` ends: a comma, full stop, colon,
    /// semicolon or a clause word, looking at most `max` words ahead.
    fn clause_end(&self, k: usize, max: usize) -> usize {
        let mut end = k;
        while self.start + end < self.sentence_end && end - k < max {
            let t = self.doc.tok(self.start + end);
            if t.is_none_or(|t| matches!(t.kind, TokKind::Punct(',' | '.' | ';' | ':')))
                || words::CLAUSE_END_WORDS.contains(self.word(end))
            {
                break;
            }
            end += 1;
        }
        end
    }
}

/// A non-response phrase starting at token `start` of a sentence ending before `sentence_end`.
pub(super) fn match_non_response(
    doc: &Doc,
    start: usize,
    sentence_end: usize,
) -> Option<NonResponse> {
    let p = Phrase {
        doc,
        start,
        sentence_end,
    };
    let first = p.word(0);
    if !words::NON_RESPONSE_OPENERS.contains(first) {
        return None;
    }
    if words::REFUSAL_VERBS.contains(first) {
        return refusal(&p);
    }
    if first == "referred" && words::REFERRED_OBJECTS.contains(p.word(1)) {
        // "referred questions … to X".
        let end = p.clause_end(2, 12);
        return (2..end).any(|x| p.word(x) == "to").then(|| NonResponse {
            kind: ResponseKind::Referred,
            end: start + end,
        });
    }
    if matches!(first, "could" | "couldn't" | "can") {
        return could_not_be_reached(&p);
    }
    if matches!(first, "was" | "were" | "is" | "are")
        && p.word(1) == "unavailable"
        && p.word(2) == "for"
    {
        return p.ends(ResponseKind::Unreachable, 4);
    }
    if let Some(found) = p.negation(0).and_then(|k| negated_response(&p, k)) {
        return Some(found);
    }
    if matches!(first, "had" | "has" | "have")
        && p.word(1) == "no"
        && (p.word(2) == "comment" || (p.word(2) == "immediate" && p.word(3) == "comment"))
    {
        return p.ends(ResponseKind::Declined, p.clause_end(2, 5));
    }
    None
}

/// "declined to comment", "refused to be interviewed", "declined requests for an interview".
fn refusal(p: &Phrase) -> Option<NonResponse> {
    let mut k = 1;
    if p.word(k) == "to" {
        k += 1;
        if matches!(
            p.word(k),
            "immediately" | "publicly" | "further" | "officially"
        ) {
            k += 1;
        }
        if words::DECLINED_SPEECH_ACTS.contains(p.word(k)) {
            return p.ends(ResponseKind::Declined, p.clause_end(k + 1, 6));
        }
        if p.word(k) == "be" && matches!(p.word(k + 1), "interviewed" | "drawn") {
            return p.ends(ResponseKind::Declined, k + 2);
        }
        return None;
    }
    if words::DECLINED_OBJECT_OPENERS.contains(p.word(k)) {
        let end = p.clause_end(k, 6);
        if (k..end).any(|x| matches!(p.word(x), "comment" | "interview")) {
            return p.ends(ResponseKind::Declined, end);
        }
    }
    None
}

/// "could not (immediately) be reached / contacted", "couldn't be reached".
fn could_not_be_reached(p: &Phrase) -> Option<NonResponse> {
    let mut k = if p.word(0) == "couldn't" {
        1
    } else if p.word(1) == "not" {
        2
    } else {
        return None;
    };
    if p.word(k) == "immediately" {
        k += 1;
    }
    if p.word(k) == "be" && matches!(p.word(k + 1), "reached" | "contacted") {
        return p.ends(ResponseKind::Unreachable, p.clause_end(k + 2, 4));
    }
    None
}

/// What follows a negation at offset `k`: "did not respond", "has not commented", "was not
/// available for", "would not be drawn".
fn negated_response(p: &Phrase, k: usize) -> Option<NonResponse> {
    let verb = p.word(k);
    if words::RESPONSE_VERBS.contains(verb) {
        return p.ends(ResponseKind::NoResponse, p.clause_end(k + 1, 8));
    }
    if matches!(verb, "comment" | "commented") {
        return p.ends(ResponseKind::Declined, p.clause_end(k + 1, 4));
    }
    if verb == "available" && p.word(k + 1) == "for" {
        return p.ends(ResponseKind::Unreachable, k + 3);
    }
    if verb == "be" && matches!(p.word(k + 1), "reached" | "contacted") {
        return p.ends(ResponseKind::Unreachable, p.clause_end(k + 2, 4));
    }
    if verb == "be" && p.word(k + 1) == "drawn" {
        return p.ends(ResponseKind::Declined, p.clause_end(k + 2, 6));
    }
    None
}
