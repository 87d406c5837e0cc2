//! Documents framed by a leading "In": "In an NBC News/Wall Street Journal poll released Monday,
//! 50 percent of respondents chose Clinton", "In a statement, the ministry …" is not one (a
//! statement's words have their own cue). PolNeAR annotates the poll, survey or report as the
//! source, "In" as the cue and the clause after the comma as the content. The frame may trail
//! its clause as well: "Clinton continues to lead in polls", "he fell to 10 percent in the latest
//! CNN/ORC poll" (a standing before "in <a poll>"; the clause is the content).

use newsgraph_model::{AttributionKind, SpeakerKind};

use super::content::trim_content;
use super::doc::{Doc, TokKind};
use super::lexicon::{self, NounClass};
use super::range::TokenRange;
use super::speaker::SpeakerRef;
use super::words;
use super::{Findings, Found};

/// At most this many tokens between "In" and its comma.
const MAX_FRAME_TOKENS: usize = 14;

/// At most this many tokens from a trailing "in" to its poll noun ("the RealClearPolitics
/// average of New Hampshire polls").
const MAX_TRAILING_FRAME_TOKENS: usize = 9;

/// Adds the content framed by each sentence-initial "In <poll …>," or trailing "in <poll>" that
/// no finding covers yet.
pub(super) fn attach_poll_frames(doc: &Doc, found: &mut Findings) {
    for sentence in doc.sentence_ranges() {
        let Some(f) = poll_frame(doc, sentence).or_else(|| trailing_poll_frame(doc, sentence))
        else {
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
    poll_finding(
        doc,
        first,
        TokenRange::new(first + 1, head + 1),
        TokenRange::new(comma + 1, last_word + 1),
    )
}

/// The attribution of a poll frame: "in" at `cue`, the poll phrase `poll` as its document
/// source, `content` what it reports.
fn poll_finding(doc: &Doc, cue: usize, poll: TokenRange, content: TokenRange) -> Option<Found> {
    let speaker_span = doc.span_of_range(poll)?;
    let name = speaker_span.slice(doc.text).to_string();
    Some(Found {
        kind: AttributionKind::Reported,
        content: doc.span_of_range(content)?,
        cue: doc.span_of(cue, cue + 1),
        speaker: Some(SpeakerRef::new(
            speaker_span,
            SpeakerKind::Document,
            Some(name),
        )),
        response: None,
        para: doc.tok(cue).map_or(0, |t| t.para),
        first_tok: content.start,
        quote: None,
    })
}

/// "… Rubio moved from third to second in a more-recent survey": the clause before the first
/// "in <poll>" of the sentence, when it tells a standing ([`words::POLL_STANDING_WORDS`]).
fn trailing_poll_frame(doc: &Doc, sentence: TokenRange) -> Option<Found> {
    let (cue, head) = (sentence.start + 2..sentence.end).find_map(|k| {
        let plain_in = doc.lower(k) == "in" && doc.tok(k).is_some_and(|t| t.quote.is_none());
        plain_in
            .then(|| trailing_poll_head(doc, k, sentence.end))
            .flatten()
            .map(|h| (k, h))
    })?;
    // "78 percent of voters in a recent CBS News poll said …": the poll is inside the subject
    // of a verb, whose own rule reports what it says.
    if poll_in_subject(doc, head + 1) {
        return None;
    }
    let start = clause_start(doc, sentence.start, cue)?;
    let words = (start..cue)
        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .count();
    let standing = (start..cue).any(|k| words::POLL_STANDING_WORDS.contains(doc.lower(k)));
    if words < 3 || !standing {
        return None;
    }
    let content = trim_content(doc, TokenRange::new(start, cue))?;
    poll_finding(doc, cue, TokenRange::new(cue + 1, head + 1), content)
}

/// The poll noun ending the plain noun phrase after the "in" at `at` ("the latest CNN/ORC poll").
fn trailing_poll_head(doc: &Doc, at: usize, end: usize) -> Option<usize> {
    (at + 1..(at + 1 + MAX_TRAILING_FRAME_TOKENS).min(end))
        .take_while(|&k| {
            doc.tok(k).is_some_and(|t| {
                t.quote.is_none()
                    && !words::CLAUSE_VERBS.contains(&t.lower)
                    && matches!(
                        t.kind,
                        TokKind::Word | TokKind::Poss | TokKind::Punct('/' | '-')
                    )
            })
        })
        .find(|&k| is_poll_noun(doc.lower(k)))
}

/// Where the clause ending at `end` starts: after a leading "But" / "And", after the last comma
/// of a fronted subordinate clause or phrase ("While Clinton leads in Iowa, she trails …", "By
/// Jan. 18, 10 days after the primary, Obama was winning …"), after "where" / "when" or the last
/// ", although" / ", but" joining it to the clause before. `None` for a relative clause ("Cruz,
/// who leads Trump in polls out of Iowa"), whose subject is outside it.
fn clause_start(doc: &Doc, sentence_start: usize, end: usize) -> Option<usize> {
    let joins = |w: &str| {
        matches!(
            w,
            "but" | "although" | "though" | "while" | "whereas" | "and"
        )
    };
    let first = doc.lower(sentence_start);
    // A fronted subordinate clause or phrase ("While …,", "By Jan. 18, …,", "Given …,") ends at
    // the last comma before the frame; a leading "But" / "And" is skipped below.
    let fronted = lexicon::is_preposition(first)
        || matches!(first, "given" | "still")
        || (lexicon::is_clause_boundary_word(first)
            && !matches!(first, "but" | "and" | "or" | "nor" | "so" | "yet"));
    let start = if fronted {
        (sentence_start..end)
            .rev()
            .find(|&k| doc.is_punct_at(k, ","))?
            + 1
    } else {
        sentence_start
    };
    let mut clause = start;
    for k in start..end {
        let w = doc.lower(k);
        if matches!(w, "who" | "which" | "whose" | "that") {
            return None;
        }
        let after_comma = k == clause || doc.is_punct_at(k - 1, ",;");
        if (after_comma && joins(w)) || matches!(w, "where" | "when" | "why") {
            clause = k + 1;
        }
    }
    Some(clause)
}

/// The word at `after` (right after a poll noun) is the verb of a clause the poll phrase is part
/// of the subject of.
fn poll_in_subject(doc: &Doc, after: usize) -> bool {
    doc.tok(after).is_some_and(|t| {
        t.is_word()
            && (words::CLAUSE_VERBS.contains(&t.lower)
                || lexicon::is_reporting_verb(&t.lower)
                || (t.lower.ends_with("ed")
                    && !matches!(t.lower.as_str(), "released" | "conducted")))
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
