//! Quotations introduced by a colon with no reporting verb: "Hoff's letter makes a
//! libertarian-style case: “…”", "Kelly responded pointedly, with a smile: “…”", "Carl Bialik:
//! “…”". The clause before the colon frames the quotation, so its subject is the speaker and the
//! colon the cue (as PolNeAR annotates them), not the previous quote's speaker that the
//! follow-up rule would hand down.

use newsgraph_model::AttributionKind;

use super::cues::SpeakerPhrase;
use super::doc::Doc;
use super::sentence::resolve;
use super::speaker::Resolver;
use super::subjects::sentence_subject;
use super::Found;

/// Gives each cue-less direct quote that opens right after a colon the subject of the clause
/// before the colon as speaker, with the colon as cue, when that subject resolves.
pub(super) fn attach_colon_frames(doc: &Doc, res: &mut Resolver, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.kind != AttributionKind::Direct || f.cue.is_some() {
            continue;
        }
        let Some(q) = f.quote.and_then(|qi| doc.quotes.get(qi)) else {
            continue;
        };
        // A transcript label already names the speaker.
        if q.label.is_some() {
            continue;
        }
        let Some(colon) = q.open.checked_sub(1).filter(|&k| doc.is_punct_at(k, ":")) else {
            continue;
        };
        if doc.tok(colon).is_none_or(|t| t.para != q.para) {
            continue;
        }
        let sentence = doc.sentence_index(colon).and_then(|k| doc.sentences.get(k));
        let Some(&(start, _)) = sentence.filter(|s| s.0 < colon) else {
            continue;
        };
        let Some(subject) = sentence_subject(doc, start, colon) else {
            continue;
        };
        let Some(speaker) = resolve(doc, res, &SpeakerPhrase::bare(subject), false) else {
            continue;
        };
        let Some(cue) = doc.span_of(colon, colon + 1) else {
            continue;
        };
        f.speaker = Some(speaker);
        f.cue = Some(cue);
    }
}
