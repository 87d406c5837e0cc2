//! Documents framed by a leading "In": "In an NBC News/Wall Street Journal poll released Monday,
//! 50 percent of respondents chose Clinton", "In a statement, the ministry …" is not one (a
//! statement's words have their own cue). PolNeAR annotates the poll, survey or report as the
//! source, "In" as the cue and the clause after the comma as the content.

use newsgraph_model::{AttributionKind, SpeakerKind};

use super::doc::{Doc, TokKind};
use super::lexicon::{self, NounClass};
use super::range::TokenRange;
use super::speaker::SpeakerRef;
use super::{Findings, Found};

/// At most this many tokens between "In" and its comma.
const MAX_FRAME_TOKENS: usize = 14;

/// Adds the content framed by each sentence-initial "In <poll …>," that no finding covers yet.
pub(super) fn attach_poll_frames(doc: &Doc, found: &mut Findings) {
    for sentence in doc.sentence_ranges() {
        let Some(f) = poll_frame(doc, sentence) else {
            continue;
        };
        let taken = found
            .found
            .iter()
            .any(|g| g.content.start < f.content.end && f.content.start < g.content.end);
        if !taken {
            found.found.push(f);
        }
    }
}

fn poll_frame(doc: &Doc, sentence: TokenRange) -> Option<Found> {
    let first = sentence.start;
    if doc.lower(first) != "in" || doc.tok(first).is_some_and(|t| t.quote.is_some()) {
        return None;
    }
    let limit = (first + MAX_FRAME_TOKENS + 1).min(sentence.end);
    let comma = (first + 2..limit).find(|&k| doc.is_punct_at(k, ","))?;
    // The frame is plain words (a poll's name may hold "/" or "-"), one of them a poll or survey.
    let plain = (first + 1..comma).all(|k| {
        doc.tok(k).is_some_and(|t| {
            t.quote.is_none()
                && matches!(
                    t.kind,
                    TokKind::Word | TokKind::Poss | TokKind::Punct('/' | '-')
                )
        })
    });
    let head = (first + 1..comma).find(|&k| is_poll_noun(doc.lower(k)))?;
    let last_word = (comma + 1..sentence.end)
        .rev()
        .find(|&k| doc.tok(k).is_some_and(|t| t.is_word()))?;
    // A clause follows: at least four words, no quotation opening it.
    let clause_ok = last_word >= comma + 4
        && doc
            .tok(comma + 1)
            .is_some_and(|t| t.is_word() && t.quote.is_none());
    if !plain || !clause_ok {
        return None;
    }
    let speaker_span = doc.span_of(first + 1, head + 1)?;
    let content = doc.span_of(comma + 1, last_word + 1)?;
    let name = speaker_span.slice(doc.text).to_string();
    Some(Found {
        kind: AttributionKind::Reported,
        content,
        cue: doc.span_of(first, first + 1),
        speaker: Some(SpeakerRef::new(
            speaker_span,
            SpeakerKind::Document,
            Some(name),
        )),
        response: None,
        para: doc.tok(first).map_or(0, |t| t.para),
        first_tok: comma + 1,
        quote: None,
    })
}

/// A poll, survey or study (a document noun that reports figures, not a speech or a letter).
fn is_poll_noun(lower: &str) -> bool {
    lexicon::speaker_noun(lower) == Some(NounClass::Document)
        && matches!(
            lower,
            "poll" | "polls" | "survey" | "surveys" | "study" | "studies"
        )
}
