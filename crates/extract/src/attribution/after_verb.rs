//! What follows a reporting verb before its content: the hearer ("told Reuters"), an adverbial
//! ("said on Monday"), the speaker of an inverted cue ("…, said Sebastien Peyrouse, a French
//! academic …") and the speakers of "recalled the officers asking".
//!
//! Each walk is bounded by a small window or by the clause end, and the clause-end search of an
//! inverted speaker's appositive stops after [`MAX_APPOSITIVE`] tokens.

use newsgraph_model::Span;

use super::cues::SpeakerPhrase;
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;
use super::subjects::{find_reason, MAX_ASIDE};
use super::verb_cue::quote_ends_before;
use super::words;

/// The furthest an inverted speaker's appositive and anonymity reason are searched for after the
/// name ("…, said X, a spokesman for … who asked not to be named because …").
const MAX_APPOSITIVE: usize = 120;

/// Hearer after "told": "them", "Reuters", "the BBC", "GMTV's Sunday programme", "the police
/// callers". Returns the token after the hearer (`at` when there is none).
pub(super) fn skip_hearer(doc: &Doc, at: usize, sentence_end: usize) -> usize {
    if let Some(that) = hearer_before_that(doc, at, sentence_end) {
        return that;
    }
    let Some(t) = doc.tok(at) else { return at };
    if at >= sentence_end || !t.is_word() {
        return at;
    }
    if lexicon::is_bare_hearer(&t.lower) && !t.cap
        || matches!(t.lower.as_str(), "mps" | "reporters")
    {
        return at + 1;
    }
    if !(t.cap || matches!(t.lower.as_str(), "the" | "a" | "an")) {
        return at;
    }
    let mut k = at;
    let mut n = 0;
    while k < sentence_end && n < 7 {
        let Some(u) = doc.tok(k) else { break };
        if u.quote.is_some() {
            match title_after_possessive(doc, k) {
                Some(after) => return after,
                None => break,
            }
        }
        let l = u.lower.as_str();
        if u.kind == TokKind::Poss {
            k += 1;
            continue;
        }
        if !u.is_word() {
            break;
        }
        if k > at && (lexicon::starts_clause(l) || l == "that") && !u.cap {
            break;
        }
        if k > at && u.cap && words::SUBJECT_PRONOUNS.contains(l) {
            break;
        }
        if k > at && lexicon::is_finite_verb_word(l) {
            // "told the BBC Labour would …": the hearer ended before the subject.
            return k.saturating_sub(1).max(at + 1);
        }
        if k > at && !u.cap && lexicon::opens_adverbial(l) {
            break;
        }
        k += 1;
        n += 1;
    }
    k
}

/// "told members of the AFL-CIO executive council that …", "told a town hall in Salem, New
/// Hampshire on Monday that …": a hearer phrase of plain words up to a "that" within 14 tokens;
/// the "that".
fn hearer_before_that(doc: &Doc, at: usize, sentence_end: usize) -> Option<usize> {
    for k in at..sentence_end.min(at + 14) {
        let t = doc.tok(k)?;
        // "AFL-CIO": a hyphen inside a word.
        let hyphen = t.kind == TokKind::Punct('-')
            && doc.tok(k.wrapping_sub(1)).is_some_and(|p| p.end == t.start)
            && doc.tok(k + 1).is_some_and(|n| n.start == t.end);
        if t.quote.is_some()
            || !(hyphen || matches!(t.kind, TokKind::Word | TokKind::Poss | TokKind::Punct(',')))
        {
            return None;
        }
        // A comma only inside a place name ("Salem, New Hampshire"), not before a participle
        // ("told Reuters, adding that …").
        if t.kind == TokKind::Punct(',') && !doc.tok(k + 1).is_some_and(|n| n.cap && n.is_word()) {
            return None;
        }
        if t.lower == "that" {
            // "told the panel that oversees …": a relative "that" is part of the hearer.
            let relative = doc.tok(k + 1).is_some_and(|n| {
                lexicon::is_finite_verb_word(&n.lower) || !n.cap && words::is_past_form(&n.lower)
            });
            return (k > at && !relative).then_some(k);
        }
        // A determiner belongs to the hearer ("members of the council"); a clause that opens
        // before any "that" ("told reporters he would …") needs a verb, which ends the search.
        if lexicon::is_finite_verb_word(&t.lower)
            || (!t.cap && lexicon::starts_clause(&t.lower) && !lexicon::is_determiner(&t.lower))
        {
            return None;
        }
    }
    None
}

/// The most words a quoted programme or publication title may have.
const MAX_TITLE_WORDS: usize = 6;

/// "told ABC's “Good Morning America” that …": a short quoted title in capitals right after a
/// possessive names the hearer's programme; it is no content and does not end the hearer. The
/// token after its closing mark, when a complement ("that"), a comma or an adverbial follows.
fn title_after_possessive(doc: &Doc, open: usize) -> Option<usize> {
    let qi = doc.quote_opened_at(open)?;
    let q = doc.quotes.get(qi)?;
    let close = q.close?;
    let after_poss = open
        .checked_sub(1)
        .and_then(|k| doc.tok(k))
        .is_some_and(|t| t.kind == TokKind::Poss);
    let title_words = (open + 1..close).all(|k| {
        doc.tok(k).is_some_and(|t| {
            !t.is_word()
                || t.cap
                || lexicon::is_determiner(&t.lower)
                || lexicon::is_preposition(&t.lower)
                || t.lower == "and"
        })
    });
    let next = doc.lower(close + 1);
    let complement_follows =
        next == "that" || doc.is_punct_at(close + 1, ",") || lexicon::opens_adverbial(next);
    (after_poss
        && q.words <= MAX_TITLE_WORDS
        && close > open + 1
        && title_words
        && complement_follows)
        .then_some(close + 1)
}

/// Adverbial after the verb ("in an interview", "on Monday", "last week") when it runs to a comma,
/// the sentence end, "that" or a colon: the token after it (`at` when there is none).
pub(super) fn skip_adverbial(doc: &Doc, at: usize, sentence_end: usize) -> usize {
    if !doc
        .tok(at)
        .is_some_and(|t| t.is_word() && lexicon::opens_adverbial(&t.lower))
    {
        return at;
    }
    // "this week", "last month" — but "said this "…"" is a pronoun, not a time.
    if matches!(doc.lower(at), "this" | "last") && !words::is_time_word(doc.word(at + 1)) {
        return at;
    }
    let mut k = at;
    while k < sentence_end && k - at < 10 {
        let Some(u) = doc.tok(k) else { break };
        if u.quote.is_some() {
            // "said on NBC's “Meet the Press” that …": the programme is the adverbial's.
            if let Some(after) = title_after_possessive(doc, k) {
                k = after;
                continue;
            }
            return k;
        }
        if matches!(u.kind, TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!')) {
            return k;
        }
        if u.lower == "that" {
            return k;
        }
        if k > at && lexicon::is_finite_verb_word(&u.lower) {
            // "told MPs on Tuesday care was needed": the clause began inside the adverbial.
            return at;
        }
        k += 1;
    }
    if k >= sentence_end {
        return k;
    }
    at
}

/// The speaker phrase after an inverted cue at `verb` ("…, said Sebastien Peyrouse, a French
/// academic …"), with its appositive descriptor and anonymity reason.
pub(super) fn inverted_speaker(
    doc: &Doc,
    verb: usize,
    sentence_end: usize,
) -> Option<SpeakerPhrase> {
    let name = inverted_name(doc, verb, sentence_end)?;
    // "…, Benjamin Rhodes, the deputy adviser, said Sunday.": a day or month after the verb says
    // when; the speaker stands before the verb.
    if name.len() == 1 && words::is_time_word(doc.word(name.start)) {
        return None;
    }
    let a = name.start;
    // "said Rep. Jim Clyburn (D-S.C.), the assistant leader": the party tag after the name is
    // read past, as a comma would be.
    let b = past_party_tag(doc, name.end, sentence_end);
    // The name must end the clause: "…, said the source." / "…, said X, a …" / "…, said X on Monday."
    let ends = b >= sentence_end
        || doc.is_punct_at(b, ",.;:!?")
        || matches!(doc.lower(b), "who" | "speaking" | "adding" | "as")
        || {
            let k = skip_adverbial(doc, b, sentence_end);
            k != b && (k >= sentence_end || doc.is_punct_at(k, ",.;:!?"))
        };
    // The head must be able to speak: a name, a speaker noun or "one of them"; right after a
    // broken-off quotation any phrase is its speaker ("“…,” said the designer").
    let head_ok = quote_ends_before(doc, verb)
        || doc.tok(name.end - 1).is_some_and(|t| {
            (t.cap && t.is_word())
                || lexicon::speaker_noun(&t.lower).is_some()
                || matches!(t.lower.as_str(), "them" | "those")
        })
        || (a + 1..name.end).any(|k| {
            matches!(doc.lower(k), "for" | "of" | "at" | "from")
                && lexicon::speaker_noun(doc.lower(k - 1)).is_some()
        });
    if !ends || !head_ok {
        return None;
    }
    let appositive = inverted_appositive(doc, b, sentence_end);
    Some(SpeakerPhrase {
        tokens: name,
        descriptor: appositive.descriptor,
        reason: appositive.reason,
        mention: None,
    })
}

/// The words after an inverted verb up to the clause's next break: the candidate speaker (at most
/// ten tokens, without a finite verb).
fn inverted_name(doc: &Doc, verb: usize, sentence_end: usize) -> Option<TokenRange> {
    let a = verb + 1;
    let first = doc.tok(a)?;
    // "…, said of Mr. Rubio:", "…, said in a statement": a preposition opens no speaker.
    if !first.is_word() || (!first.cap && lexicon::is_preposition(&first.lower)) {
        return None;
    }
    let pronoun = words::SUBJECT_PRONOUNS.contains(&first.lower)
        || matches!(first.lower.as_str(), "that" | "you");
    // "…, said he." is inverted; "…, said he would …" is not.
    if pronoun
        && !(doc.lower(a) != "that" && (doc.is_punct_at(a + 1, ".") || a + 1 >= sentence_end))
    {
        return None;
    }
    let mut b = a;
    // A name longer than ten tokens is rejected below, so the walk stops there.
    while b < sentence_end && b - a <= 10 {
        let Some(t) = doc.tok(b) else { break };
        // "said Mr. Ekovich": the full stop of a title abbreviation does not end the name.
        if t.quote.is_some()
            || (!(b > a && doc.is_name_internal_stop(b))
                && matches!(
                    t.kind,
                    TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!' | '—' | '–' | '(')
                ))
        {
            break;
        }
        if b > a
            && !t.cap
            && (lexicon::opens_adverbial(&t.lower) && t.lower != "of"
                || words::INVERTED_SPEAKER_STOPS.contains(&t.lower))
        {
            break;
        }
        if lexicon::is_finite_verb_word(&t.lower) || lexicon::is_reporting_verb(&t.lower) && b > a {
            return None;
        }
        b += 1;
    }
    if b == a || b - a > 10 {
        return None;
    }
    Some(TokenRange::new(a, b))
}

/// What follows an inverted speaker ending before `name_end`: an appositive descriptor, a relative
/// clause or participle, and an anonymity reason.
fn inverted_appositive(doc: &Doc, name_end: usize, sentence_end: usize) -> Appositive {
    let mut k = name_end;
    if doc.is_punct_at(k, ",") {
        k += 1;
    }
    let follows = k < sentence_end && k > name_end
        || doc
            .tok(k)
            .is_some_and(|t| matches!(t.lower.as_str(), "who" | "speaking"));
    if !follows {
        return Appositive::default();
    }
    let limit = sentence_end.min(k + MAX_APPOSITIVE);
    let mut end = k;
    while end < limit
        && !doc.is_punct_at(end, ".;")
        && doc.tok(end).is_some_and(|t| t.quote.is_none())
    {
        end += 1;
    }
    let reason = find_reason(doc, TokenRange::new(k, end));
    // "said Lionel Sosa, a consultant, who said he would not vote …": a relative clause that is a
    // report of its own is no part of the appositive; it stays for its own cue to parse.
    if reason.is_none() {
        if let Some(who) = (k..end).find(|&w| reporting_relative_clause(doc, w, end)) {
            end = if doc.is_punct_at(who.saturating_sub(1), ",") && who > k {
                who - 1
            } else {
                who
            };
        }
    }
    let first_after = doc.lower(k);
    let mut descriptor = None;
    if reason.is_none() || first_after != "speaking" {
        // Appositive up to the next comma that is followed by a participle, else to the end.
        let mut de = k;
        while de < end
            && !(doc.is_punct_at(de, ",")
                && matches!(doc.lower(de + 1), "speaking" | "adding" | "saying"))
        {
            de += 1;
        }
        if first_after != "speaking" && first_after != "adding" && de > k {
            descriptor = doc.span_of(k, de);
        }
    }
    Appositive { descriptor, reason }
}

/// Token `w` is "who" opening a relative clause whose verb (after fillers such as "also", or an
/// aside set off by commas) is a reporting verb, before `end`.
fn reporting_relative_clause(doc: &Doc, w: usize, end: usize) -> bool {
    if doc.lower(w) != "who" {
        return false;
    }
    let mut v = w + 1;
    // "who, like several other members, recalled": past an aside set off by commas.
    if doc.is_punct_at(v, ",") {
        let close = (v + 1..end.min(v + 1 + MAX_ASIDE)).find(|&c| doc.is_punct_at(c, ",;."));
        match close {
            Some(c) if doc.is_punct_at(c, ",") => v = c + 1,
            _ => return false,
        }
    }
    while v < end && lexicon::is_verb_group_filler(doc.lower(v)) {
        v += 1;
    }
    v < end && lexicon::is_reporting_verb(doc.lower(v))
}

/// What follows an inverted speaker's name.
#[derive(Default)]
struct Appositive {
    descriptor: Option<Span>,
    reason: Option<Span>,
}

/// "the officers asking" after "recalled": the speakers and the index of the -ing verb.
pub(super) struct RecalledSpeakers {
    pub speakers: TokenRange,
    pub verb: usize,
}

/// "Varki recalled the officers asking": the words are the officers'.
pub(super) fn recalled_asking(
    doc: &Doc,
    at: usize,
    sentence_end: usize,
) -> Option<RecalledSpeakers> {
    let mut k = at;
    while k < sentence_end && k - at < 7 {
        let t = doc.tok(k)?;
        if !t.is_word() && t.kind != TokKind::Poss {
            return None;
        }
        if k > at && words::SPEECH_PARTICIPLES.contains(&t.lower) {
            let end_ok = k + 1 >= sentence_end
                || doc.is_punct_at(k + 1, ",.;")
                || matches!(doc.lower(k + 1), "him" | "her" | "them");
            return end_ok.then_some(RecalledSpeakers {
                speakers: TokenRange::new(at, k),
                verb: k,
            });
        }
        if lexicon::is_finite_verb_word(&t.lower) || t.lower == "that" {
            return None;
        }
        k += 1;
    }
    None
}

/// The token after a short parenthesis opening at `at` ("(D-S.C.)", "(R-Ohio)"); `at` when none
/// opens there.
fn past_party_tag(doc: &Doc, at: usize, sentence_end: usize) -> usize {
    if !doc.is_punct_at(at, "(") {
        return at;
    }
    (at + 1..sentence_end.min(at + 8))
        .find(|&k| doc.is_punct_at(k, ")"))
        .map_or(at, |close| close + 1)
}
