//! Quotes no cue covered: cue-less follow-ups go to the speaker of the neighbouring quote
//! (previous one in the same or previous paragraph, else the very next quote of the paragraph),
//! and short terms inside a sentence, or labels ("branded them “…”"), become scare quotes.
//!
//! The neighbours are looked up in ordered indexes built once over the attributions the sentences
//! produced (keyed by their first token), so each leftover quote costs a logarithmic look-up
//! instead of a scan of every attribution.

use std::collections::BTreeMap;

use newsgraph_model::{AttributionKind, Span, SpeakerKind};

use super::doc::{Doc, Quote, TokKind};
use super::speaker::SpeakerRef;
use super::words;
use super::{Findings, Found};

/// Attributions by position, for the neighbour look-ups of leftover quotes.
struct Neighbours {
    /// Content spans sorted by start, with the largest end among each prefix: whether some content
    /// contains a span is one binary search.
    contents: Vec<(usize, usize)>,
    /// First token → the last-added attribution starting there that can lend its speaker
    /// (direct or reported, with a speaker).
    speakers_by_first_tok: BTreeMap<usize, usize>,
    /// First token → the first-added attribution starting there.
    any_by_first_tok: BTreeMap<usize, usize>,
}

impl Neighbours {
    fn new(found: &[Found]) -> Self {
        let mut contents: Vec<(usize, usize)> = found
            .iter()
            .map(|f| (f.content.start, f.content.end))
            .collect();
        contents.sort_unstable();
        let mut max_end = 0;
        for c in &mut contents {
            max_end = max_end.max(c.1);
            c.1 = max_end;
        }
        let mut n = Neighbours {
            contents,
            speakers_by_first_tok: BTreeMap::new(),
            any_by_first_tok: BTreeMap::new(),
        };
        for (i, f) in found.iter().enumerate() {
            n.add(i, f);
        }
        n
    }

    fn add(&mut self, index: usize, f: &Found) {
        let lends_speaker = matches!(f.kind, AttributionKind::Direct | AttributionKind::Reported)
            && f.speaker.is_some();
        if lends_speaker {
            self.speakers_by_first_tok.insert(f.first_tok, index);
        }
        self.any_by_first_tok.entry(f.first_tok).or_insert(index);
    }

    /// Some content holds `span` (a quote within a quote or within reported speech).
    fn contained(&self, span: Span) -> bool {
        let upto = self
            .contents
            .partition_point(|&(start, _)| start <= span.start);
        upto.checked_sub(1)
            .and_then(|i| self.contents.get(i))
            .is_some_and(|&(_, max_end)| max_end >= span.end)
    }

    /// The attribution that lends its speaker and starts last before token `tok`.
    fn previous_speaker(&self, tok: usize) -> Option<usize> {
        self.speakers_by_first_tok
            .range(..tok)
            .next_back()
            .map(|(_, &i)| i)
    }

    /// The attribution that starts first after token `tok`.
    fn next(&self, tok: usize) -> Option<usize> {
        self.any_by_first_tok
            .range(tok + 1..)
            .next()
            .map(|(_, &i)| i)
    }
}

/// Gives every quote no cue covered a speaker, or marks it as a scare quote.
pub(super) fn attach_leftover_quotes(doc: &Doc, found: &mut Findings) {
    // Quotes are disjoint, so a leftover added below never contains a later quote: the content
    // index over the sentences' attributions answers every containment test.
    let mut neighbours = Neighbours::new(&found.found);
    for (qi, q) in doc.quotes.iter().enumerate() {
        if !found.quote_is_free(qi) || neighbours.contained(q.inner) {
            continue;
        }
        let kind = if q.label.is_none() && is_scare_quote(doc, q) {
            AttributionKind::Scare
        } else {
            AttributionKind::Direct
        };
        let speaker = match (kind, q.label) {
            (AttributionKind::Direct, Some(label)) => {
                Some(SpeakerRef::transcript_label(label, label.slice(doc.text)))
            }
            (AttributionKind::Direct, None) => dash_signature(doc, q)
                .or_else(|| follow_up_speaker(&found.found, &neighbours, q, qi)),
            _ => None,
        };
        let f = Found {
            kind,
            content: q.inner,
            cue: None,
            speaker,
            response: None,
            para: q.para,
            first_tok: q.open,
            quote: Some(qi),
        };
        neighbours.add(found.found.len(), &f);
        found.found.push(f);
        found.claim_quote(qi);
    }
}

/// `“…” ― Jorge Falcon`: a quote signed with a dash and a name (vox pops, epigraphs, reader
/// comments). The name runs from the dash to the paragraph end or a full stop: one to five
/// capitalised words or initials.
fn dash_signature(doc: &Doc, q: &Quote) -> Option<SpeakerRef> {
    let dash = q.close? + 1;
    if !doc.is_punct_at(dash, "―—–") {
        return None;
    }
    let para = doc.tok(dash)?.para;
    let mut end = dash + 1;
    while let Some(t) = doc
        .tok(end)
        .filter(|t| t.para == para && t.is_word() && t.cap)
    {
        end += 1;
        // Initials keep their full stop ("Julie A. Diaz").
        if t.lower.chars().count() == 1 && doc.is_punct_at(end, ".") {
            end += 1;
        }
    }
    let words = (dash + 1..end)
        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .count();
    let signs_off = doc
        .tok(end)
        .is_none_or(|t| t.para != para || doc.is_punct_at(end, "."));
    if !(1..=5).contains(&words) || !signs_off {
        return None;
    }
    let span = doc.span_of(dash + 1, end)?;
    Some(SpeakerRef {
        human: true,
        ..SpeakerRef::new(
            span,
            SpeakerKind::NamedPerson,
            Some(span.slice(doc.text).to_string()),
        )
    })
}

/// A label ("described it as “…”") or a short term inside a sentence, not a sentence of speech.
fn is_scare_quote(doc: &Doc, q: &Quote) -> bool {
    let sentence_like = {
        let before = q.open.checked_sub(1);
        let starts = before.is_none_or(|b| {
            doc.para_start(q.para) == Some(q.open)
                || doc.is_punct_at(b, ".?!:")
                || doc.ends_quote_at(b)
                || doc.tok(b).is_some_and(|t| t.quote.is_some())
        });
        let inner_last = q.close.map(|c| c.saturating_sub(1)).unwrap_or(q.last);
        let ends_punct = doc.is_punct_at(inner_last, ".?!,");
        starts && (q.words >= 3 || ends_punct)
    };
    let long = q.words >= 10;
    // "described it as “…”", "branded them “…”": a characterisation, not speech.
    let labelled = q
        .open
        .checked_sub(1)
        .is_some_and(|b| words::CHARACTERISATION_WORDS.contains(doc.lower(b)));
    labelled || is_title_of_work(doc, q) || !(q.continues || sentence_like || long)
}

/// The most words a quoted title, slogan or nickname holds here.
const MAX_TITLE_WORDS: usize = 8;

/// `''Tales From the Crypt,'' an HBO series, …`: a cue-less quotation in title case is the name of
/// a work, a slogan or a nickname, not a sentence of speech, wherever it stands.
fn is_title_of_work(doc: &Doc, q: &Quote) -> bool {
    q.words <= MAX_TITLE_WORDS && is_title_cased(doc, q, false)
}

/// The words inside quotation `q` are in title case: every word capitalised but the short words
/// titles keep in lower case, two of them more than such a word ("In Fisher," opens a sentence),
/// and no sentence punctuation inside but a comma before the closing mark — or a full stop there
/// too with `final_stop` (`said on “Meet the Press.”`).
pub(super) fn is_title_cased(doc: &Doc, q: &Quote, final_stop: bool) -> bool {
    title_case_major_words(doc, q, final_stop).is_some_and(|n| n >= 2)
}

/// How many capitalised words of quotation `q` are not title-minor words, when `q` is in
/// title case as [`is_title_cased`] reads it but for that number ("The Apprentice" has one);
/// `None` when it is not in title case.
pub(super) fn title_case_major_words(doc: &Doc, q: &Quote, final_stop: bool) -> Option<usize> {
    let close = q.close?;
    if q.words < 2 {
        return None;
    }
    let first = q.open + 1;
    let mut capitalised = 0;
    for k in first..close {
        let t = doc.tok(k)?;
        let minor = words::TITLE_MINOR_WORDS.contains(t.lower.as_str());
        let last = k + 1 == close;
        let fits = match t.kind {
            // A capitalised short word counts for none.
            TokKind::Word if t.cap => {
                capitalised += usize::from(!minor);
                true
            }
            TokKind::Word => {
                t.lower.starts_with(|c: char| c.is_ascii_digit()) || (k > first && minor)
            }
            TokKind::Poss => true,
            TokKind::Punct(c) => {
                "-:&’'".contains(c) || (last && (c == ',' || (final_stop && c == '.')))
            }
            TokKind::QuoteMark => false,
        };
        if !fits {
            return None;
        }
    }
    Some(capitalised)
}

/// The speaker of a cue-less quote: the previous quote's (same or previous paragraph), or the next
/// quote's in the same paragraph.
fn follow_up_speaker(
    found: &[Found],
    neighbours: &Neighbours,
    q: &Quote,
    qi: usize,
) -> Option<SpeakerRef> {
    let prev = neighbours
        .previous_speaker(q.open)
        .and_then(|i| found.get(i));
    // The next attribution in text order, when it is the very next quote of the paragraph.
    let next = neighbours
        .next(q.open)
        .and_then(|i| found.get(i))
        .filter(|f| {
            f.para == q.para
                && f.kind == AttributionKind::Direct
                && f.speaker.is_some()
                && f.quote == Some(qi + 1)
        });
    match (prev, next) {
        (Some(p), _) if p.para == q.para => p.speaker.clone(),
        (_, Some(nx)) => nx.speaker.clone(),
        (Some(p), None) if p.para + 1 == q.para || (q.continues && p.para + 2 >= q.para) => {
            p.speaker.clone()
        }
        _ => None,
    }
}
