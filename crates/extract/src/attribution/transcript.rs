//! Transcript turns written without quotation marks: "TAPPER: Do you think Donald Trump has
//! campaigned as a racial healer?", "FALLIN: Well, I think …", "Alex Seitz-Wald: She is right on
//! all these things …". A paragraph that opens with a speaker's name and a colon is that
//! speaker's turn; PolNeAR annotates the name as source, the colon as cue and the rest of the
//! paragraph as content. (A quoted turn, "PENCE: …" inside quotation marks, is the quote's label;
//! the first paragraph is the headline rule's.)
//!
//! An interview printed as questions and answers labels its turns "Q:" and "A:" instead: a
//! question is the writer's (the interviewer's), an answer is the interview subject's, the
//! person the article has named most often before the first answer. PolNeAR marks the letter as
//! the source, so it stays the mention and the subject is its resolved name.

use newsgraph_model::{AttributionKind, SpeakerKind};

use super::cues::SpeakerPhrase;
use super::doc::Doc;
use super::lexicon;
use super::range::TokenRange;
use super::sentence::resolve;
use super::speaker::{Resolver, SpeakerRef};
use super::{Findings, Found};

/// At most this many words in a speaker label ("Rep. Trey Gowdy", "JAKE TAPPER").
const MAX_LABEL_WORDS: usize = 4;

/// At least this many words in a turn: shorter lines after a name and a colon are a tally or a
/// guide's verdict ("Clinton: 2,316.", "Sanders: Win in a walk."), not something said.
const MIN_TURN_WORDS: usize = 5;

/// Adds each paragraph after the first that is a transcript turn. What the rules found inside
/// the turn ("I think …", "a man who said …") gives way to it: PolNeAR annotates the turn as one
/// content, and a token belongs to one attribution. A finding reaching outside the turn keeps it.
pub(super) fn attach_transcript_turns(doc: &Doc, res: &mut Resolver, found: &mut Findings) {
    let mut para = 1;
    // The interview's subject, found once at the first answer (None before it).
    let mut subject: Option<Option<SpeakerRef>> = None;
    while let Some(start) = doc.para_start(para) {
        let end = next_para_start(doc, para);
        para += 1;
        let label = interview_label(doc, start);
        let turn = match label {
            Some(label) => interview_turn(doc, res, &mut subject, start, end, label),
            None => transcript_turn(doc, res, start, end),
        };
        let Some(turn) = turn else {
            continue;
        };
        let (a, b) = (turn.content.start, turn.content.end);
        if label.is_some()
            && found
                .found
                .iter()
                .any(|f| f.content.start < b && a < f.content.end)
        {
            continue;
        }
        let (a, b) = (turn.content.start, turn.content.end);
        let overlaps = |f: &Found| f.content.start < b && a < f.content.end;
        let within = |f: &Found| {
            a <= f.content.start
                && f.content.end <= b
                && f.speaker
                    .as_ref()
                    .is_none_or(|s| s.mention.is_empty() || a <= s.mention.start)
        };
        if found.found.iter().any(|f| overlaps(f) && !within(f)) {
            continue;
        }
        found.found.retain(|f| !overlaps(f));
        found.found.push(turn);
    }
}

/// Who speaks an interview turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InterviewLabel {
    Question,
    Answer,
}

/// "Q" or "A" and a colon opening the paragraph at token `start`.
fn interview_label(doc: &Doc, start: usize) -> Option<InterviewLabel> {
    if !doc.is_punct_at(start + 1, ":") {
        return None;
    }
    match doc.tok(start).map(|t| doc.text.get(t.start..t.end)) {
        Some(Some("Q")) => Some(InterviewLabel::Question),
        Some(Some("A")) => Some(InterviewLabel::Answer),
        _ => None,
    }
}

/// The turn after an interview label at `start`: the rest of the paragraph, spoken by the writer
/// (a question) or by the interview's subject (an answer; none when the article names nobody
/// before it).
fn interview_turn(
    doc: &Doc,
    res: &mut Resolver,
    subject: &mut Option<Option<SpeakerRef>>,
    start: usize,
    end: usize,
    label: InterviewLabel,
) -> Option<Found> {
    let colon = start + 1;
    let first = doc.tok(colon + 1)?;
    let para = first.para;
    let last = (colon + 1..end)
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.para == para))
        .last()?;
    let mention = doc.span_of(start, colon)?;
    let speaker = match label {
        InterviewLabel::Question => SpeakerRef::new(mention, SpeakerKind::Writer, None),
        InterviewLabel::Answer => {
            let found = subject.get_or_insert_with(|| res.most_named_before(mention, start));
            let mut sp = found.clone()?;
            sp.mention = mention;
            sp
        }
    };
    Some(Found {
        kind: AttributionKind::Reported,
        content: doc.span_of(colon + 1, last + 1)?,
        cue: doc.span_of(colon, colon + 1),
        speaker: Some(speaker),
        response: None,
        para,
        first_tok: colon + 1,
        quote: None,
    })
}

/// The first token of the paragraph after `para`, or the end of the tokens.
fn next_para_start(doc: &Doc, para: usize) -> usize {
    (para + 1..)
        .take_while(|&p| p <= para + 64)
        .find_map(|p| doc.para_start(p))
        .unwrap_or(usize::MAX)
}

/// The turn of paragraph `start..end`: a label of one to [`MAX_LABEL_WORDS`] capitalised words
/// (a person the article names, or a name in capitals) and a colon, then unquoted words.
fn transcript_turn(doc: &Doc, res: &mut Resolver, start: usize, end: usize) -> Option<Found> {
    let colon = (start + 1..start + MAX_LABEL_WORDS + 3)
        .take_while(|&k| {
            doc.tok(k)
                .is_some_and(|t| t.para == doc.tok(start).map_or(0, |s| s.para))
        })
        .find(|&k| doc.is_punct_at(k, ":"))?;
    let label_ok = (start..colon).all(|k| {
        doc.tok(k).is_some_and(|t| {
            t.quote.is_none()
                && ((t.is_word() && t.cap) || doc.is_name_internal_stop(k))
                && !super::words::HEADLINE_LABEL_STOPS.contains(&t.lower)
        })
    }) && (start..colon)
        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .count()
        <= MAX_LABEL_WORDS;
    let first = doc.tok(colon + 1)?;
    if !label_ok || first.quote.is_some() || !first.is_word() {
        return None;
    }
    let para = first.para;
    let last = (colon + 1..end)
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.para == para))
        .last()?;
    if heading_glued_on(doc, colon + 1, last) {
        return None;
    }
    let words = (colon + 1..=last).filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()));
    if words.count() < MIN_TURN_WORDS {
        return None;
    }
    let mut speaker = resolve(
        doc,
        res,
        &SpeakerPhrase::bare(TokenRange::new(start, colon)),
        false,
    )?;
    // A name in capitals ("TAPPER") is a transcript's speaker label, a person whatever its
    // spelling suggests to the classifier.
    let capitals = doc.slice(start, colon).chars().all(|c| !c.is_lowercase());
    match speaker.kind {
        SpeakerKind::NamedPerson => {}
        SpeakerKind::NamedOrg if capitals => {
            speaker.kind = SpeakerKind::NamedPerson;
            speaker.human = true;
        }
        _ => return None,
    }
    Some(Found {
        kind: AttributionKind::Reported,
        content: doc.span_of(colon + 1, last + 1)?,
        cue: doc.span_of(colon, colon + 1),
        speaker: Some(speaker),
        response: None,
        para,
        first_tok: colon + 1,
        quote: None,
    })
}

/// "Jeb Bush: Student loans Some big ideas do come to pass": a guide's section heading run into
/// its first sentence (a capitalised function word right after a lower-case word, within the
/// first few words), not a turn of speech.
fn heading_glued_on(doc: &Doc, first: usize, last: usize) -> bool {
    (first + 1..=last.min(first + 4)).any(|k| {
        let (Some(prev), Some(t)) = (doc.tok(k - 1), doc.tok(k)) else {
            return false;
        };
        prev.is_word()
            && !prev.cap
            && t.cap
            && (lexicon::is_determiner(&t.lower) || lexicon::is_preposition(&t.lower))
    })
}
