//! Headline statements: "Pat Caddell: Democrat Voters Worried About Clinton's Health", "Poll:
//! Wealthy Voters Abandon Republicans". A short first paragraph whose first one to five words (the first
//! capitalised) are followed by a colon quotes or sums up what that source says (PolNeAR annotates
//! them so); words like "Watch" or "Update" before the colon are labels, not sources.

use newsgraph_model::{AttributionKind, SpeakerKind};

use super::doc::{Doc, TokKind};
use super::lexicon::{self, NounClass};
use super::speaker::SpeakerRef;
use super::{Findings, Found};

/// At most this many words before a headline's colon ("McCain Challenger Kelli Ward:").
const MAX_SOURCE_WORDS: usize = 5;

/// At most this many tokens in a headline paragraph.
const MAX_HEADLINE_TOKENS: usize = 30;

/// Adds the headline statement of the article's first paragraph, if it has one.
pub(super) fn attach_headline_statement(doc: &Doc, found: &mut Findings) {
    let Some((start, colon, last)) = headline_colon(doc) else {
        return;
    };
    // "Clinton to Planned Parenthood:", "Gillibrand on Clinton:": the source is the words
    // before the lower-case "to" or "on".
    let source_end = (start + 1..colon)
        .find(|&k| matches!(doc.lower(k), "to" | "on") && doc.tok(k).is_some_and(|t| !t.cap))
        .unwrap_or(colon);
    let (Some(speaker), Some(content), Some(cue)) = (
        doc.span_of(start, source_end),
        doc.span_of(colon + 1, last + 1),
        doc.span_of(colon, colon + 1),
    ) else {
        return;
    };
    let overlaps = |f: &Found| f.content.start < content.end && content.start < f.content.end;
    // A quote nobody is said to have spoken ("Kasich: ‘We Are Going To Cleveland’", a scare
    // quote or a leftover without speaker) gives way to the headline's source.
    let unclaimed =
        |f: &Found| f.kind == AttributionKind::Scare || (f.cue.is_none() && f.speaker.is_none());
    let taken = found.found.iter().any(|f| overlaps(f) && !unclaimed(f));
    if taken {
        return;
    }
    // "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ …": a quoted term inside the headline
    // statement is part of what the source says, not a scare quote.
    found.found.retain(|f| !(unclaimed(f) && overlaps(f)));
    let name = speaker.slice(doc.text).to_string();
    let kind = match lexicon::speaker_noun(&name.to_lowercase()) {
        Some(NounClass::Document) => SpeakerKind::Document,
        _ => SpeakerKind::NamedPerson,
    };
    let quoted = doc
        .tok(colon + 1)
        .is_some_and(|t| t.kind == TokKind::QuoteMark);
    found.found.push(Found {
        kind: if quoted {
            AttributionKind::Direct
        } else {
            AttributionKind::Reported
        },
        content,
        cue: Some(cue),
        speaker: Some(SpeakerRef::new(speaker, kind, Some(name))),
        response: None,
        para: 0,
        first_tok: colon + 1,
        quote: None,
    });
}

/// The first paragraph as a headline statement: its first token, the colon after one to
/// [`MAX_SOURCE_WORDS`] source words (the first capitalised), and its last token (the paragraph holds at most
/// [`MAX_HEADLINE_TOKENS`] after the colon).
fn headline_colon(doc: &Doc) -> Option<(usize, usize, usize)> {
    let start = doc.para_start(0)?;
    let end = doc.para_start(1).unwrap_or(usize::MAX);
    let colon =
        (start + 1..(start + MAX_SOURCE_WORDS + 1).min(end)).find(|&k| doc.is_punct_at(k, ":"))?;
    // "Clinton camp:": the first word capitalised, the others words.
    let source_words = (start..colon).all(|k| {
        doc.tok(k).is_some_and(|t| {
            t.is_word() && (t.cap || k > start) && t.quote.is_none() && !is_label_word(&t.lower)
        })
    });
    let last = (colon + 1..end.min(start + MAX_HEADLINE_TOKENS + 1))
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.para == 0))
        .last()?;
    let short = doc.tok(last + 1).is_none_or(|t| t.para != 0);
    (source_words && short).then_some((start, colon, last))
}

fn is_label_word(lower: &str) -> bool {
    super::words::HEADLINE_LABEL_STOPS.contains(lower)
}
