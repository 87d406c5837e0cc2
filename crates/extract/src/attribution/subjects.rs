//! Speaker phrases: the subject before a reporting verb ("Mark Serwotka, the leader of the union,
//! said"), the speaker after an inverted cue ("…, said Sebastien Peyrouse, a French academic"), the
//! sentence's own subject for participles ("North Wales Police reopened the case, saying …"), and
//! the descriptors and anonymity reasons around them.
//!
//! Every walk stops at a clause boundary (punctuation, a quotation, a clause word, a reporting verb)
//! and also after a fixed number of tokens ([`MAX_PHRASE_WALK`]), so a pathological run of words
//! without any boundary costs a bounded amount of work per cue; real subjects are far shorter than
//! the bound.

use newsgraph_model::Span;

use super::cues::{CueParse, SpeakerPhrase, SpeakerSide};
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;
use super::words;

/// The furthest a subject or antecedent walk goes back from its verb. A subject is at most 20
/// tokens ([`plausible_subject`]); the walk may go further only so that a leading preposition can
/// be trimmed ("In a statement issued on Monday by its press office the ministry said").
const MAX_PHRASE_WALK: usize = 64;
/// The most tokens of an aside set off by commas after "who" ("who, like several other former
/// members, recalled").
pub(super) const MAX_ASIDE: usize = 16;

/// A subject found before a verb: the speaker and the leftmost token it (and its appositives) use.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subject {
    pub side: SpeakerSide,
    pub leftmost: usize,
}

impl Subject {
    fn phrase(phrase: SpeakerPhrase, leftmost: usize) -> Self {
        Self {
            side: SpeakerSide::Phrase(phrase),
            leftmost,
        }
    }
}

/// Where a phrase walking left from a verb starts.
struct PhraseStart {
    start: usize,
    /// The verb directly follows "which" / "who" (a relative clause: "…, which declined").
    after_relative_pronoun: bool,
}

/// A phrase cut at its relative clause or participle: the head ends at `head_end`.
pub(super) struct HeadAndRelative {
    pub head_end: usize,
    /// The relative clause or participle phrase, `head_end` to the phrase end.
    pub relative: Option<Span>,
}

/// A standalone dash (spaces on both sides) at token `i`; hyphens inside words are not.
pub(super) fn is_standalone_dash(doc: &Doc, i: usize) -> bool {
    doc.tok(i).is_some_and(|t| {
        t.kind == TokKind::Punct('-')
            && doc
                .tok(i.saturating_sub(1))
                .is_some_and(|p| p.end < t.start)
            && doc.tok(i + 1).is_some_and(|n| n.start > t.end)
    })
}

/// The phrase ending right before token `end`, walking left to a clause boundary (at most
/// [`MAX_PHRASE_WALK`] tokens).
fn left_phrase(doc: &Doc, sentence_start: usize, end: usize) -> PhraseStart {
    let floor = sentence_start.max(end.saturating_sub(MAX_PHRASE_WALK));
    let mut a = end;
    while a > floor {
        let Some(t) = doc.tok(a - 1) else { break };
        if t.quote.is_some() || is_standalone_dash(doc, a - 1) {
            break;
        }
        match t.kind {
            // "Mr. Smith said": a title's or an initial's full stop stays inside the name.
            TokKind::Punct(c)
                if !matches!(c, '-' | '&' | '/' | '%') && !doc.is_name_internal_stop(a - 1) =>
            {
                break
            }
            TokKind::QuoteMark => break,
            _ => {}
        }
        if t.is_word() {
            let lower = t.lower.as_str();
            if (lower == "which" || lower == "who") && a == end {
                return PhraseStart {
                    start: a,
                    after_relative_pronoun: true,
                };
            }
            // "in Laredo, Texas and explained": a subject never ends in "and".
            if lower == "and" && (a == end || !and_joins_noun_phrase(doc, sentence_start, a)) {
                break;
            }
            if lexicon::is_clause_boundary_word(lower) {
                break;
            }
            // A subject never contains a reporting verb: "A spokesman said Downing Street had …".
            if !t.cap && lexicon::is_reporting_verb(lower) && a < end {
                break;
            }
        }
        a -= 1;
    }
    PhraseStart {
        start: a,
        after_relative_pronoun: false,
    }
}

/// Where the phrase ending right before `end` starts (see [`left_phrase`]).
pub(super) fn phrase_start_before(doc: &Doc, sentence_start: usize, end: usize) -> usize {
    left_phrase(doc, sentence_start, end).start
}

/// The "and" at token `a - 1` joins a noun phrase ("Lemon and two other experts", "the Commons
/// science and technology committee"), not two clauses ("… rose and officials said").
fn and_joins_noun_phrase(doc: &Doc, sentence_start: usize, a: usize) -> bool {
    let before_cap = a >= 2 && doc.tok(a - 2).is_some_and(|x| x.cap && x.is_word());
    if before_cap {
        return true;
    }
    // Walk back from the word before "and" to a "the" over plain words.
    let mut k = a - 1;
    while k > sentence_start && a - 1 - k < 4 {
        k -= 1;
        let Some(x) = doc.tok(k) else { break };
        if x.lower == "the" {
            return true;
        }
        if !x.is_word()
            || lexicon::is_finite_verb_word(&x.lower)
            || x.lower.ends_with("ed")
            || lexicon::is_clause_boundary_word(&x.lower)
        {
            break;
        }
    }
    false
}

/// Cuts a relative clause or participle off the phrase `[start, end)`: "the two police officers
/// who spoke to Varki" → head "the two police officers", relative "who spoke to Varki".
pub(super) fn cut_relative(doc: &Doc, start: usize, end: usize) -> HeadAndRelative {
    for k in start + 1..end {
        let l = doc.lower(k);
        let relative_pronoun = matches!(l, "who" | "whom" | "whose" | "which");
        // A participle after a speaker noun: "officials coordinating with …".
        let participle = l.ends_with("ing")
            && l.len() > 5
            && lexicon::speaker_noun(doc.lower(k - 1)).is_some()
            && !matches!(l, "during" | "including" | "according");
        if relative_pronoun || participle {
            return HeadAndRelative {
                head_end: k,
                relative: doc.span_of(k, end),
            };
        }
    }
    HeadAndRelative {
        head_end: end,
        relative: None,
    }
}

/// Leading adverbials and prepositional phrases are not part of a subject: "In a statement the
/// ministry" → "the ministry"; "Yet French intelligence" stays (a boundary word was consumed).
fn trim_subject_start(doc: &Doc, start: usize, end: usize) -> usize {
    if end <= start {
        return start;
    }
    let first = doc.lower(start);
    let title = doc
        .tok(start)
        .is_some_and(|t| t.cap && lexicon::is_title_word(doc.word(start)));
    // "About half of voters say": an approximation before a share is no preposition.
    let approximation =
        matches!(first, "about" | "around") && lexicon::is_share_noun(doc.lower(start + 1));
    if lexicon::is_preposition(first) && !title && !approximation {
        // Start at the last determiner or at the capitalised run before the head.
        if let Some(d) = (start + 1..end)
            .rev()
            .find(|&k| lexicon::is_determiner(doc.lower(k)))
        {
            return d;
        }
        let mut k = end;
        while k > start + 1 && doc.tok(k - 1).is_some_and(|t| t.cap) {
            k -= 1;
        }
        return k;
    }
    if words::SUBJECT_LEADING_ADVERBS.contains(first) && end > start + 1 {
        return start + 1;
    }
    start
}

/// A subject phrase must not contain a finite verb outside its relative clause.
fn plausible_subject(doc: &Doc, start: usize, end: usize) -> bool {
    if end <= start || end - start > 20 {
        return false;
    }
    let head_end = cut_relative(doc, start, end).head_end;
    if head_end - start > 14 {
        return false;
    }
    // The writer's "I" or "we" alone is a subject ("I think …", "We asked our followers …").
    if head_end == start + 1 && super::speaker::is_writer_pronoun(doc, start) {
        return true;
    }
    !(start..head_end).any(|k| {
        let l = doc.lower(k);
        // A capitalised word inside the phrase is a name's: "Theresa May", "Will Rogers".
        let in_name = k > start && doc.tok(k).is_some_and(|t| t.cap);
        (lexicon::is_finite_verb_word(l) && !in_name) || matches!(l, "i" | "we" | "you")
    })
}

/// Anonymity reason in `range`: "who requested anonymity to …", "speaking on condition of
/// anonymity …".
pub(super) fn find_reason(doc: &Doc, range: TokenRange) -> Option<Span> {
    let hit = range.indices().find(|&k| {
        let l = doc.lower(k);
        l == "anonymity"
            || l == "anonymously"
            || (matches!(l, "named" | "identified")
                && k > 0
                && doc.lower(k - 1) == "be"
                && matches!(doc.lower(k.saturating_sub(2)), "to" | "not"))
    })?;
    // Start at "who" / "speaking" / "on condition" before the hit.
    let mut start = hit;
    while start > range.start {
        let l = doc.lower(start - 1);
        if doc.is_punct_at(start - 1, ",;") {
            break;
        }
        start -= 1;
        if words::ANONYMITY_REASON_OPENERS.contains(l) {
            if l == "on" && start > 0 && matches!(doc.lower(start - 1), "speaking" | "spoke") {
                continue;
            }
            break;
        }
    }
    let mut end = hit + 1;
    while end < range.end
        && !doc.is_punct_at(end, ",;.")
        && doc.tok(end).is_some_and(|t| t.quote.is_none())
    {
        end += 1;
    }
    doc.span_of(start, end)
}

/// Steps left from `end` over lower-case verb-group fillers ("has repeatedly", "just"), not
/// below `floor`.
fn before_fillers(doc: &Doc, floor: usize, mut end: usize) -> usize {
    while end > floor
        && doc
            .tok(end - 1)
            .is_some_and(|t| t.is_word() && lexicon::is_verb_group_filler(&t.lower) && !t.cap)
    {
        end -= 1;
    }
    end
}

/// Steps left from the verb at `verb` over its verb group ("has repeatedly", "is alleged to have"),
/// a time adverbial ("on Monday") and fillers: where the subject must end.
fn subject_end(doc: &Doc, sentence_start: usize, verb: usize) -> usize {
    let mut end = before_fillers(doc, sentence_start, verb);
    // "Clinton initially said", "Norah Smith loudly asked": a manner or time adverb no list has.
    if end > sentence_start + 1 && is_unlisted_adverb(doc, end - 1) {
        end -= 1;
    }
    // "He's said", "She's repeatedly said": the clitic "'s" of "has" after a pronoun.
    if end > sentence_start + 1 && is_has_clitic(doc, end - 1) {
        end -= 1;
    }
    // "Some officials, however, said": a sentence adverb set off by commas is no appositive.
    if end >= sentence_start + 4
        && doc.is_punct_at(end - 1, ",")
        && doc.is_punct_at(end - 3, ",")
        && words::SENTENCE_ADVERBS.contains(doc.lower(end - 2))
    {
        end -= 3;
    }
    // "Some officials, for example, said": a two-word aside set off by commas.
    if end >= sentence_start + 5
        && doc.is_punct_at(end - 1, ",")
        && doc.is_punct_at(end - 4, ",")
        && is_two_word_aside(doc, end - 3)
    {
        end -= 4;
    }
    // "The Times on Monday said", "Feinstein (D-Calif.) last week said": a time
    // adverbial between subject and verb, before any party tag.
    if end >= sentence_start + 3
        && words::TIME_ADVERBIAL_OPENERS.contains(doc.lower(end - 2))
        && words::is_time_word(doc.word(end - 1))
    {
        // "The White House just this week said": a filler before the time adverbial too.
        end = before_fillers(doc, sentence_start + 1, end - 2);
    }
    // "A new poll out this week shows", "Polls there show": a document's "out" or a place
    // adverb after the subject's head is no part of it.
    if end >= sentence_start + 2
        && (matches!(doc.lower(end - 1), "there" | "here")
            || (doc.lower(end - 1) == "out"
                && lexicon::speaker_noun(doc.lower(end - 2)) == Some(lexicon::NounClass::Document)))
        && doc
            .tok(end - 2)
            .is_some_and(|t| t.is_word() && !lexicon::is_determiner(&t.lower))
    {
        end -= 1;
    }
    // "Sen. Elizabeth Warren (D-MA) said": a short parenthesis after a name is not the subject
    // (nor the comma some writers put after it: "Gov. John Kasich (R-OH), said").
    if doc.is_punct_at(end.saturating_sub(1), ",") && doc.is_punct_at(end.saturating_sub(2), ")") {
        end -= 1;
    }
    end = before_party_tag(doc, sentence_start, end);
    // "Mr Houston is alleged to have said": the subject of the raising verb.
    if end >= sentence_start + 3
        && doc.lower(end - 1) == "to"
        && words::RAISING_VERBS.contains(doc.lower(end - 2))
        && matches!(doc.lower(end - 3), "is" | "was" | "are" | "were")
    {
        end -= 3;
    }
    end
}

/// The word at `k` is an adverb in "-ly" ("initially", "famously") after a word that can end a
/// subject: not a noun such as "family" or "ally" (a speaker noun), not after a determiner ("the
/// weekly said").
fn is_unlisted_adverb(doc: &Doc, k: usize) -> bool {
    let Some(t) = doc.tok(k) else { return false };
    // "Clinton, exasperated, famously responded": after a comma closing an aside, too.
    let prev_ok = doc.tok(k.wrapping_sub(1)).is_some_and(|p| {
        p.is_word() && !lexicon::is_determiner(&p.lower) || p.kind == TokKind::Punct(',')
    });
    t.is_word()
        && !t.cap
        && t.lower.len() >= 5
        && t.lower.ends_with("ly")
        && lexicon::speaker_noun(&t.lower).is_none()
        && prev_ok
}

/// The possessive-looking "'s" at token `k` is the clitic of "has" ("He's said", "who's
/// argued"): it follows a personal or relative pronoun, which owns nothing with "'s".
pub(super) fn is_has_clitic(doc: &Doc, k: usize) -> bool {
    k > 0
        && doc.tok(k).is_some_and(|t| t.kind == TokKind::Poss)
        && matches!(doc.lower(k - 1), "he" | "she" | "who")
}

/// The two words at `k` and `k + 1` are an aside ("for example", "of course") that writers set
/// off by commas between a subject and its verb.
fn is_two_word_aside(doc: &Doc, k: usize) -> bool {
    words::TWO_WORD_ASIDES.contains(doc.lower(k), doc.lower(k + 1))
}

/// The subject before the verb at `verb`: its side and the leftmost token used.
pub(super) fn subject_before(
    doc: &Doc,
    sentence_start: usize,
    verb: usize,
    prev: Option<&CueParse>,
) -> Option<Subject> {
    let end = subject_end(doc, sentence_start, verb);
    let phrase = left_phrase(doc, sentence_start, end);
    if phrase.after_relative_pronoun {
        return relative_antecedent(doc, sentence_start, phrase.start);
    }
    if phrase.start == end {
        return subject_across_boundary(doc, sentence_start, end, prev);
    }
    let start = match pronoun_after_adverbial(doc, phrase.start, end) {
        Some(pronoun) => pronoun,
        None => trim_subject_start(doc, phrase.start, end),
    };
    if !plausible_subject(doc, start, end) {
        return None;
    }
    if let Some(named) = name_before_descriptor(doc, sentence_start, TokenRange::new(start, end)) {
        return Some(named);
    }
    let head = cut_relative(doc, start, end);
    let reason = head
        .relative
        .and_then(|_| find_reason(doc, TokenRange::new(head.head_end, end)));
    Some(Subject::phrase(
        SpeakerPhrase {
            tokens: TokenRange::new(start, head.head_end),
            descriptor: if reason.is_some() {
                None
            } else {
                head.relative
            },
            reason,
            mention: None,
        },
        start,
    ))
}

/// "In September she said", "Last week he said": a subject pronoun ending the phrase
/// `[start, end)` after a fronted adverbial is the whole subject; the adverbial is no part of it.
fn pronoun_after_adverbial(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let pronoun = end > start + 1 && matches!(doc.lower(end - 1), "he" | "she" | "they");
    let owned = doc
        .tok(end.saturating_sub(2))
        .is_some_and(|t| t.kind == TokKind::Poss);
    (pronoun && !owned).then(|| end - 1)
}

/// "…, which declined to comment": the antecedent before "which" (the token before `after_pronoun`).
fn relative_antecedent(doc: &Doc, sentence_start: usize, after_pronoun: usize) -> Option<Subject> {
    let mut end = after_pronoun.saturating_sub(1);
    if doc.is_punct_at(end.saturating_sub(1), ",") && end > sentence_start {
        end -= 1;
    }
    let floor = sentence_start.max(end.saturating_sub(MAX_PHRASE_WALK));
    let mut k = end;
    while k > floor {
        let Some(t) = doc.tok(k - 1) else { break };
        let l = t.lower.as_str();
        let np_word = t.is_word()
            && (t.cap
                || lexicon::is_determiner(l)
                || l == "of"
                || lexicon::speaker_noun(l).is_some()
                // "23 percent who said": a poll's share speaks.
                || lexicon::is_share_noun(l)
                || l.chars().all(|c| c.is_ascii_digit()))
            && !matches!(l, "to" | "by" | "from" | "with");
        if !(np_word || t.kind == TokKind::Poss) {
            break;
        }
        k -= 1;
    }
    // The text names the speaker of "X, who said …" with the relative pronoun (as PolNeAR and
    // PARC annotate the source); the antecedent tells who it is.
    let pronoun = after_pronoun
        .checked_sub(1)
        .filter(|&p| matches!(doc.lower(p), "who" | "which" | "that"));
    (k < end).then(|| {
        let phrase = SpeakerPhrase {
            mention: pronoun.map(TokenRange::single),
            ..SpeakerPhrase::bare(TokenRange::new(k, end))
        };
        Subject::phrase(phrase, k)
    })
}

/// "X, who, after trading insults with Y, said …": the comma at `comma` closes an aside that
/// follows "who", whose antecedent is the speaker.
fn who_before_aside(doc: &Doc, sentence_start: usize, comma: usize) -> Option<Subject> {
    if !doc.is_punct_at(comma, ",") {
        return None;
    }
    let floor = sentence_start.max(comma.saturating_sub(MAX_ASIDE));
    for k in (floor..comma).rev() {
        let t = doc.tok(k)?;
        if t.quote.is_some() || t.kind == TokKind::QuoteMark {
            return None;
        }
        if doc.is_punct_at(k, ",") {
            let opens_aside = k > sentence_start && doc.lower(k - 1) == "who" && k + 1 < comma;
            return opens_aside
                .then(|| relative_antecedent(doc, sentence_start, k))
                .flatten();
        }
        if matches!(t.kind, TokKind::Punct(c) if !matches!(c, '-' | '&' | '/' | '%' | '\''))
            && !doc.is_name_internal_stop(k)
        {
            return None;
        }
    }
    None
}

/// "… told Annette Doe, who answered her door and said she …": the "and" at `and_at` joins a
/// second verb to a relative clause opened after the previous cue, so the speaker is the relative
/// pronoun's antecedent, not the previous cue's speaker. A comma or quote between them closes the
/// relative clause ("Doe, who runs a shop, and said" is the main clause again).
fn relative_clause_before(
    doc: &Doc,
    sentence_start: usize,
    and_at: usize,
    prev: Option<&CueParse>,
) -> Option<Subject> {
    let after_prev = prev.map_or(sentence_start, |p| p.right_edge() + 1);
    let floor = after_prev
        .max(sentence_start)
        .max(and_at.saturating_sub(MAX_PHRASE_WALK));
    for k in (floor..and_at).rev() {
        let t = doc.tok(k)?;
        if t.quote.is_some() || t.kind == TokKind::QuoteMark || is_standalone_dash(doc, k) {
            return None;
        }
        if matches!(t.kind, TokKind::Punct(c) if c != '-' && c != '&' && c != '/' && c != '%')
            && !doc.is_name_internal_stop(k)
        {
            return None;
        }
        if matches!(t.lower.as_str(), "who" | "which") {
            return (k + 1 < and_at)
                .then(|| relative_antecedent(doc, sentence_start, k + 1))
                .flatten();
        }
    }
    None
}

/// Nothing between the clause boundary and the verb: an appositive subject before a comma
/// ("X, a …, said"), or after "and" / "but" the previous cue's or the sentence's subject.
fn subject_across_boundary(
    doc: &Doc,
    sentence_start: usize,
    end: usize,
    prev: Option<&CueParse>,
) -> Option<Subject> {
    let x = end.checked_sub(1).filter(|&x| x >= sentence_start)?;
    if doc.is_punct_at(x, ",—–-") {
        if let Some(relative) = who_before_aside(doc, sentence_start, x) {
            return Some(relative);
        }
        return appositive_subject(doc, sentence_start, x);
    }
    if !matches!(doc.lower(x), "and" | "but" | "then" | "yet") {
        return None;
    }
    if let Some(relative) = relative_clause_before(doc, sentence_start, x, prev) {
        return Some(relative);
    }
    if let Some(side) = prev.and_then(|p| p.speaker) {
        return Some(Subject { side, leftmost: x });
    }
    // "He has apologised … and says he will write": the sentence's subject.
    let subject = sentence_subject(doc, sentence_start, x)?;
    Some(Subject::phrase(SpeakerPhrase::bare(subject), x))
}

/// "Mark Serwotka, the leader of the union said": a name before the comma, the segment (without a
/// closing comma) its descriptor. `segment` is the determiner-led phrase after the comma.
fn name_before_descriptor(
    doc: &Doc,
    sentence_start: usize,
    segment: TokenRange,
) -> Option<Subject> {
    let start = segment.start;
    if start <= sentence_start || !doc.is_punct_at(start - 1, ",") || is_name_phrase(doc, segment) {
        return None;
    }
    // "Rep. Jim Clyburn (D-S.C.), the assistant leader, said": the party tag is read past.
    let name_end = before_party_tag(doc, sentence_start, start - 1);
    let name_start = left_phrase(doc, sentence_start, name_end).start;
    let name_start = trim_subject_start(doc, name_start, name_end);
    let at_boundary = name_start == sentence_start
        || name_start.checked_sub(1).is_some_and(|k| {
            doc.is_punct_at(k, ",;:") || doc.tok(k).is_some_and(|t| t.quote.is_some())
        });
    let name = TokenRange::new(name_start, name_end);
    // "Significantly, the judge said": a sentence adverb is no one-word name.
    let adverb = name.len() == 1 && words::SENTENCE_ADVERBS.contains(doc.lower(name_start));
    // "During a stop in Ames, Iowa, the candidate said": the state of a setting names no one.
    let place = is_place_name(doc, name.start, name.end);
    // "Early Tuesday, the State Department said": a time ("Tuesday", "March") is no name's end,
    // alone or after a time word ("Early", "Last") — "Theresa May" and "Yin Myint May" are names.
    let time = name.last().is_some_and(|k| {
        words::is_time_word(doc.word(k))
            && (name.len() == 1 || words::TIME_ADVERBIAL_OPENERS.contains(doc.lower(name.start)))
    });
    let names =
        !name.is_empty() && !adverb && !place && !time && is_name_phrase(doc, name) && at_boundary;
    (names && (lexicon::is_determiner(doc.lower(start)) || is_affiliation(doc, segment))).then(
        || {
            Subject::phrase(
                SpeakerPhrase {
                    tokens: name,
                    descriptor: doc.span_of_range(segment),
                    reason: None,
                    mention: None,
                },
                name_start,
            )
        },
    )
}

/// Where a name ends that a short parenthesis closing right before `end` follows ("Clyburn
/// (D-S.C.)", "Levin (Mich.)"): the opening bracket, when a capitalised word after `floor`
/// precedes it; `end` otherwise.
fn before_party_tag(doc: &Doc, floor: usize, end: usize) -> usize {
    let Some(close) = end.checked_sub(1).filter(|&k| doc.is_punct_at(k, ")")) else {
        return end;
    };
    (close.saturating_sub(MAX_PARTY_TAG_TOKENS).max(floor)..close)
        .rev()
        .find(|&k| doc.is_punct_at(k, "("))
        .filter(|&open| open > floor && doc.tok(open - 1).is_some_and(|t| t.cap && t.is_word()))
        .unwrap_or(end)
}

/// The most tokens inside a party tag ("D - S.C ." and the like).
const MAX_PARTY_TAG_TOKENS: usize = 8;

/// "Colin Asplin, Blackpool Hotel Association said": a capitalised organisation name after a
/// person's name and a comma is where the person works, not the speaker.
fn is_affiliation(doc: &Doc, segment: TokenRange) -> bool {
    segment
        .last()
        .is_some_and(|k| lexicon::is_org_word(doc.word(k)))
        && segment
            .indices()
            .all(|k| doc.tok(k).is_some_and(|t| t.cap && t.is_word()))
}

/// Start of the comma-delimited segment ending before `end`: walks over quotes, parentheses and
/// clause words (appositives contain relative clauses); `None` when it runs too far.
fn appositive_start(doc: &Doc, sentence_start: usize, end: usize) -> Option<usize> {
    let mut a = end;
    while a > sentence_start {
        if end - a > 30 {
            return None;
        }
        let t = doc.tok(a - 1)?;
        if let Some(q) = t.quote.and_then(|q| doc.quotes.get(q)) {
            // `…," hunt master, X, said`: a quote that ends in a comma ends the clause before,
            // unless it is a title (`X, the co-author of "Going Viral," about …, said`).
            let title = super::leftovers::is_title_cased(doc, q, false)
                || super::verb_cue::names_a_work(doc, q.last);
            if q.open < sentence_start || (!title && doc.is_punct_at(a.saturating_sub(2), ",.?!")) {
                break;
            }
            a = q.open;
            continue;
        }
        if is_standalone_dash(doc, a - 1)
            || matches!(t.kind, TokKind::Punct(',' | ';' | ':' | '—' | '–'))
        {
            break;
        }
        a -= 1;
    }
    Some(a)
}

/// A segment that describes rather than names: "a French academic …", "60", "who is …",
/// "founder of …", "one of the organisations …".
fn descriptor_like(doc: &Doc, segment: TokenRange) -> bool {
    let Some(t) = doc.tok(segment.start) else {
        return true;
    };
    if segment.is_empty() {
        return true;
    }
    !t.cap
        || words::DESCRIPTOR_OPENERS.contains(&t.lower)
        || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The comma-delimited segments before the comma at `comma`, nearest first (at most five),
/// without one-word fillers ("Mr Smith, however, said").
fn appositive_segments(doc: &Doc, sentence_start: usize, comma: usize) -> Option<Vec<TokenRange>> {
    let mut segments: Vec<TokenRange> = Vec::new();
    let mut end = comma;
    loop {
        let start = appositive_start(doc, sentence_start, end)?;
        if start >= end {
            return None;
        }
        // "Rep. Jim Clyburn (D-S.C.), the assistant leader, said": the name without its party tag.
        let name_end = before_party_tag(doc, start, end).max(start + 1);
        segments.push(TokenRange::new(start, name_end));
        if segments.len() >= 5 {
            break;
        }
        match start.checked_sub(1) {
            Some(c) if c >= sentence_start && doc.is_punct_at(c, ",—–-") => end = c,
            _ => break,
        }
    }
    segments.retain(|seg| {
        !(seg.len() == 1 && words::PARENTHETICAL_FILLERS.contains(doc.lower(seg.start)))
    });
    Some(segments)
}

/// "X, a …, said" / "A descriptor, X, said" / "X, founder of Y, one of …, said": the speaker is the
/// segment that names someone (the nearest name), else the subject segment at the clause start.
fn appositive_subject(doc: &Doc, sentence_start: usize, comma: usize) -> Option<Subject> {
    let segments = appositive_segments(doc, sentence_start, comma)?;
    if segments.len() < 2 {
        // Only one segment: a subject followed by a comma and the verb is not a shape we trust.
        return None;
    }
    let pick = clause_initial_name(doc, sentence_start, &segments)
        .or_else(|| segments.iter().position(|&seg| is_name_phrase(doc, seg)))
        .or_else(|| clause_start_segment(doc, &segments))?;
    let seg = *segments.get(pick)?;
    let start = trim_subject_start(doc, seg.start, seg.end);
    if !plausible_subject(doc, start, seg.end) {
        return None;
    }
    // The descriptor: the segments between the speaker and the verb, or the one before the name.
    let descriptor = if pick > 0 {
        let first = segments.get(pick - 1).map(|s| s.start)?;
        let last = segments.first().map(|s| s.end)?;
        doc.span_of(first, last)
    } else {
        segments.get(1).and_then(|&d| doc.span_of_range(d))
    };
    let leftmost = segments.iter().map(|s| s.start).min().unwrap_or(start);
    let reason = find_reason(doc, TokenRange::new(start, comma));
    let descriptor = match (descriptor, reason) {
        (Some(d), Some(r)) if d.start >= r.start => None,
        (d, _) => d,
    };
    Some(Subject::phrase(
        SpeakerPhrase {
            tokens: TokenRange::new(start, seg.end),
            descriptor,
            reason,
            mention: None,
        },
        leftmost.min(start),
    ))
}

/// Without a name among the segments: the one that opens the main clause, the subject. That is the
/// furthest segment, unless it is a fronted adverbial clause ("Making her way around the diner,
/// the mayor and his wife, thanked …", "Even if she loses Ohio, insiders in two states — … —
/// said"): then the main clause, and so the subject, opens with the segment after it.
fn clause_start_segment(doc: &Doc, segments: &[TokenRange]) -> Option<usize> {
    let last = segments.len().checked_sub(1)?;
    let seg = *segments.get(last)?;
    if last > 0 && is_fronted_clause(doc, seg) {
        let subject = *segments.get(last - 1)?;
        let start = trim_subject_start(doc, subject.start, subject.end);
        return plausible_subject(doc, start, subject.end).then_some(last - 1);
    }
    let start = trim_subject_start(doc, seg.start, seg.end);
    let trimmed = TokenRange::new(start, seg.end);
    (!descriptor_like(doc, trimmed) || lexicon::is_determiner(doc.lower(start))).then_some(last)
}

/// The segment is an adverbial clause fronted before the subject: it opens with a subordinating
/// conjunction ("Even if …", "When …"), or with an "-ing" participle that takes a lowercase object
/// ("Making her way …", "Hastily politicizing the attack …"; not a name such as "King Abdullah",
/// nor a preposition: "During the primary Clinton, goaded by …, came out against …").
fn is_fronted_clause(doc: &Doc, seg: TokenRange) -> bool {
    let first = doc.lower(seg.start);
    // "Even if …" / "Even though …" open a clause; "Even the party's hawks" is a subject.
    let opener = if first == "even" {
        seg.start + 1
    } else {
        seg.start
    };
    if opener < seg.end && words::SUBORDINATING_CONJUNCTIONS.contains(doc.lower(opener)) {
        return true;
    }
    let verb = if first.ends_with("ly") && seg.len() > 2 {
        seg.start + 1
    } else {
        seg.start
    };
    let participle = doc.lower(verb);
    participle.len() > 5
        && participle.ends_with("ing")
        && !words::ING_PREPOSITIONS.contains(participle)
        && doc
            .tok(verb + 1)
            .is_some_and(|t| t.is_word() && !t.cap && verb + 1 < seg.end)
}

/// "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012, said", "Giovanni
/// Vian, the editor of the Vatican's newspaper, L'Osservatore Romano, said": a name opening the
/// clause, followed by a segment that describes, is the subject; the names inside the
/// description (a place, the organisation the person works for) are not. The index of that
/// segment in `segments` (nearest first), if so.
fn clause_initial_name(doc: &Doc, sentence_start: usize, segments: &[TokenRange]) -> Option<usize> {
    let last = segments.len().checked_sub(1).filter(|&l| l > 0)?;
    let name = *segments.get(last)?;
    let next = *segments.get(last - 1)?;
    let opens_clause = name.start == sentence_start
        || name
            .start
            .checked_sub(1)
            .is_some_and(|k| !doc.is_punct_at(k, ",—–-"));
    let first = doc.lower(name.start);
    let named = is_name_phrase(doc, name)
        && !lexicon::is_preposition(first)
        && !words::SENTENCE_ADVERBS.contains(first)
        && !words::SENTENCE_OPENING_CONJUNCTIONS.contains(first)
        && !is_place_name(doc, name.start, name.end)
        && !is_upper_case(doc, name);
    // "Mr Johnson, MP for Henley, Oxfordshire, said": what follows the name describes it unless
    // it is a name too ("Ann Lee, Tom Hart said" names the nearer one).
    let describes = descriptor_like(doc, next) || !is_name_phrase(doc, next);
    (opens_clause && named && describes).then_some(last)
}

/// "PARIS, Aug 31 (Reuters) - …": words in capitals, as a dateline's place is written.
fn is_upper_case(doc: &Doc, range: TokenRange) -> bool {
    doc.span_of_range(range).is_some_and(|span| {
        let text = span.slice(doc.text);
        text.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !text.chars().any(char::is_lowercase)
    })
}

/// The phrase is (or ends in) a person's name: capitalised, with a non-title last word.
pub(super) fn is_name_phrase(doc: &Doc, phrase: TokenRange) -> bool {
    let Some(last_tok) = phrase.last() else {
        return false;
    };
    let last = doc.word(last_tok);
    let cap = doc.tok(last_tok).is_some_and(|t| t.cap && t.is_word());
    cap && !lexicon::is_title_word(last)
        && !lexicon::is_org_word(last)
        && !lexicon::is_demonym(last)
        && phrase.indices().all(|k| {
            // "Sen. Ann Kelly", "Jeffrey D. Sachs": a title's or an initial's full stop.
            doc.tok(k)
                .is_some_and(|t| t.cap || words::NAME_PARTICLES.contains(&t.lower))
                || doc.is_name_internal_stop(k)
        })
}

/// A dash setting off an aside at token `i` ("--", "—", " - "): a dash punctuation token with a
/// space on one side at least (hyphens inside words have none). Wider than
/// [`is_standalone_dash`], which wants a lone "-" spaced on both sides: "--" is two tokens, each
/// spaced on one side, and "—" is a token of its own.
fn is_aside_dash(doc: &Doc, i: usize) -> bool {
    doc.tok(i).is_some_and(|t| {
        matches!(t.kind, TokKind::Punct('-' | '—' | '–'))
            && (doc.tok(i.wrapping_sub(1)).is_some_and(|p| p.end < t.start)
                || doc.tok(i + 1).is_some_and(|n| n.start > t.end))
    })
}

/// "The justice -- who has been in a scuffle with the nominee -- said she …", "Some voters who
/// have listened to his speeches, on television or at events, said he …": when the walk left from
/// the verb stops inside a long relative clause or aside, the sentence's subject is the speaker,
/// if a relative pronoun or a dash follows it and a comma or dash closes the aside right before
/// the verb, with no quotation between.
pub(super) fn subject_before_aside(
    doc: &Doc,
    sentence_start: usize,
    verb: usize,
) -> Option<Subject> {
    let before = verb.checked_sub(1).filter(|&b| b > sentence_start)?;
    if !(doc.is_punct_at(before, ",") || is_aside_dash(doc, before)) {
        return None;
    }
    let np = head_before_aside(doc, sentence_start, before)?;
    let mut next = np.end;
    if doc.is_punct_at(next, ",") {
        next += 1;
    }
    let opens = matches!(doc.lower(next), "who" | "which") || is_aside_dash(doc, next);
    let quoted = (np.end..before).any(|k| {
        doc.tok(k)
            .is_some_and(|t| t.quote.is_some() || t.kind == TokKind::QuoteMark)
    });
    (opens && next + 1 < before && !quoted)
        .then(|| Subject::phrase(SpeakerPhrase::bare(np), np.start))
}

/// The longest noun phrase an aside may follow: the sentence's first words (after a linking
/// "yet", "but", "and" or "so") up to a comma, dash or relative pronoun, at most eight words, none
/// a verb, opening with a capital or a determiner ("The Supreme Court justice", "some voters").
fn head_before_aside(doc: &Doc, sentence_start: usize, before: usize) -> Option<TokenRange> {
    let a = if matches!(doc.lower(sentence_start), "yet" | "but" | "and" | "so") {
        sentence_start + 1
    } else {
        sentence_start
    };
    let first = doc.tok(a).filter(|t| t.is_word())?;
    if !(first.cap || lexicon::is_determiner(&first.lower)) {
        return None;
    }
    let mut b = a;
    while b < before && b - a < 8 {
        let Some(t) = doc.tok(b) else { break };
        let l = t.lower.as_str();
        let word = t.is_word()
            && !matches!(l, "who" | "which" | "that")
            && !lexicon::is_finite_verb_word(l)
            && !lexicon::is_auxiliary(l);
        if !(word || t.kind == TokKind::Poss || (b > a && doc.is_name_internal_stop(b))) {
            break;
        }
        b += 1;
    }
    (b > a).then(|| TokenRange::new(a, b))
}

/// The subject at the start of the sentence, after an introductory phrase ("In March this year,
/// North Wales Police reopened …" → "North Wales Police"), before token `end`.
pub(super) fn sentence_subject(doc: &Doc, sentence_start: usize, end: usize) -> Option<TokenRange> {
    let a = subject_start(doc, sentence_start, end)?;
    // Capitalised words, determiners and "of"; a subject longer than eight tokens is rejected
    // below, so the walk stops once it is that long.
    let mut b = a;
    while b < end && b - a <= 8 {
        let Some(t) = doc.tok(b) else { break };
        // "Home Office minister Hazel Blears": a role noun between capitalised words.
        let role_between = t.is_word()
            && !t.cap
            && b > a
            && matches!(
                lexicon::speaker_noun(&t.lower),
                Some(lexicon::NounClass::Person | lexicon::NounClass::Spokes)
            )
            && doc.tok(b + 1).is_some_and(|n| n.cap && n.is_word());
        // "Mr. Putin": the full stop of a title abbreviation.
        let ok = (t.is_word() && (t.cap || lexicon::is_determiner(&t.lower) || t.lower == "of"))
            || t.kind == TokKind::Poss
            || role_between
            || (b > a && doc.is_name_internal_stop(b));
        if !ok {
            break;
        }
        b += 1;
    }
    // "The inquiry": a determiner takes its noun.
    let mut extra = 0;
    while b < end
        && extra < 3
        && b > a
        && doc.tok(b - 1).is_some_and(|t| {
            lexicon::is_determiner(&t.lower) || t.kind == TokKind::Poss || (extra > 0 && !t.cap)
        })
    {
        let Some(t) = doc.tok(b) else { break };
        let l = t.lower.as_str();
        if !t.is_word()
            || t.cap
            || l.ends_with("ly")
            || words::is_past_form(l)
            || lexicon::is_finite_verb_word(l)
            || lexicon::is_preposition(l)
        {
            break;
        }
        b += 1;
        extra += 1;
    }
    // A pronoun subject.
    if b == a
        && doc
            .tok(a)
            .is_some_and(|t| lexicon::is_speaker_pronoun(&t.lower))
    {
        return Some(TokenRange::single(a));
    }
    (b > a && b - a <= 8).then_some(TokenRange::new(a, b))
}

/// The longest fronted time phrase or participle phrase skipped before a subject, in tokens.
const MAX_FRONTED_PHRASE: usize = 12;

/// Where the subject of the sentence may start, past what opens the sentence before it: a
/// dateline, a conjunction, a sentence adverb ("Moreover,"), a fronted prepositional phrase ("In
/// March this year,", "During a stop in Onawa, Iowa, on Sunday,"), a time phrase ("Hours later,",
/// "This year,") or a participle phrase ("Walking to the next door,"). A place or a time at the
/// sentence start is the setting of what the subject did, never the speaker. `None` when a
/// fronted prepositional phrase has no comma to end it (the subject cannot be told).
fn subject_start(doc: &Doc, sentence_start: usize, end: usize) -> Option<usize> {
    let mut a = past_dateline(doc, sentence_start, end);
    if words::SENTENCE_OPENING_CONJUNCTIONS.contains(doc.lower(a)) {
        a += 1;
    }
    // "And then Trump went on the attack, saying …".
    if doc.lower(a) == "then" && doc.tok(a + 1).is_some_and(|t| t.cap && t.is_word()) {
        a += 1;
    }
    if words::SENTENCE_ADVERBS.contains(doc.lower(a)) && doc.is_punct_at(a + 1, ",") {
        a += 2;
    }
    if doc.tok(a).is_some_and(|t| {
        lexicon::is_preposition(&t.lower) || lexicon::is_clause_boundary_word(&t.lower)
    }) {
        let comma = (a..end.min(a + 8)).find(|&k| doc.is_punct_at(k, ","))?;
        return Some(past_setting_segments(doc, comma + 1, end));
    }
    if let Some(pronoun) = pronoun_after_time_phrase(doc, a, end) {
        return Some(pronoun);
    }
    if fronted_time_or_participle(doc, a) {
        let comma = (a + 1..end.min(a + MAX_FRONTED_PHRASE)).find(|&k| doc.is_punct_at(k, ","));
        if let Some(comma) = comma.filter(|&c| no_quote_between(doc, a, c)) {
            return Some(past_setting_segments(doc, comma + 1, end));
        }
    }
    Some(a)
}

/// "A few minutes later they rushed …", "Last week he said": a subject pronoun right after a
/// time phrase of at most five words that opens the sentence without a comma.
fn pronoun_after_time_phrase(doc: &Doc, a: usize, end: usize) -> Option<usize> {
    let pronoun = (a + 1..end.min(a + 6))
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .find(|&k| matches!(doc.lower(k), "he" | "she" | "they" | "we" | "i"))?;
    let before = doc.lower(pronoun - 1);
    let timed =
        matches!(before, "later" | "earlier" | "ago") || words::is_time_word(doc.word(pronoun - 1));
    timed.then_some(pronoun)
}

/// No token of `[a, b)` is inside a quotation.
fn no_quote_between(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).all(|k| doc.tok(k).is_some_and(|t| t.quote.is_none()))
}

/// The sentence opens at `a` with a time phrase that a comma closes ("Hours later,", "This
/// year,", "Late last month,") or a participle phrase ("Walking to the next address,",
/// "Recognizing this,"). A name ending in "-ing" ("Manning said") is followed by its verb, not
/// by a determiner, preposition or pronoun object, so it is not taken for a participle.
fn fronted_time_or_participle(doc: &Doc, a: usize) -> bool {
    let Some(first) = doc.tok(a).filter(|t| t.is_word()) else {
        return false;
    };
    // A time phrase: at most four words before its comma, one of them a time word.
    let comma = (a + 1..a + 5).find(|&k| doc.is_punct_at(k, ","));
    if let Some(comma) = comma {
        let words_only = (a..comma).all(|k| doc.tok(k).is_some_and(|t| t.is_word()));
        let timed = (a..comma).any(|k| {
            words::is_time_word(doc.word(k)) || matches!(doc.lower(k), "later" | "earlier" | "ago")
        });
        if words_only && timed {
            return true;
        }
    }
    let l = first.lower.as_str();
    let participle = first.cap
        && l.len() > 5
        && l.ends_with("ing")
        && !matches!(l, "during" | "including" | "according" | "following");
    participle
        && doc.tok(a + 1).is_some_and(|n| {
            n.is_word()
                && !n.cap
                && (lexicon::is_determiner(&n.lower)
                    || lexicon::is_preposition(&n.lower)
                    || matches!(n.lower.as_str(), "this" | "that" | "it" | "them"))
        })
}

/// Past the rest of a fronted setting after its first comma: a state after its city ("in Ames,
/// Iowa,") and a time after the place ("…, on Sunday,"), each closed by a comma.
fn past_setting_segments(doc: &Doc, mut a: usize, end: usize) -> usize {
    for _ in 0..2 {
        let comma = (a + 1..end.min(a + 4)).find(|&k| doc.is_punct_at(k, ","));
        let Some(comma) = comma else { break };
        let place = doc
            .tok(a.saturating_sub(2))
            .is_some_and(|t| t.cap && t.is_word())
            && is_place_name(doc, a, comma);
        let time = words::TIME_ADVERBIAL_OPENERS.contains(doc.lower(a))
            && (a + 1..comma).any(|k| words::is_time_word(doc.word(k)));
        if !(place || time) {
            break;
        }
        a = comma + 1;
    }
    a
}

/// The words `[a, b)` are a US state or another place a dateline or a "City, State" pair names
/// (`data/lexicon/place_names.txt`).
fn is_place_name(doc: &Doc, a: usize, b: usize) -> bool {
    if b <= a || b - a > 3 || !(a..b).all(|k| doc.tok(k).is_some_and(|t| t.cap && t.is_word())) {
        return false;
    }
    let name = (a..b).map(|k| doc.lower(k)).collect::<Vec<_>>().join(" ");
    words::PLACE_NAMES.contains(name.trim_end_matches('.'))
}

/// "WASHINGTON — …", "DES MOINES (AP) — …": the first token after a dateline that opens the
/// sentence (upper-case words, an optional agency in parentheses, then a dash); `start` when
/// there is none. A place is never the speaker.
fn past_dateline(doc: &Doc, start: usize, end: usize) -> usize {
    let mut k = start;
    while k < end
        && doc.tok(k).is_some_and(|t| {
            let upper = doc.text.get(t.start..t.end).is_some_and(|w| {
                w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
            });
            // "NEW YORK, Nov. 19 (UPI) —": the dateline's date is part of it.
            let date = words::MONTHS.contains(doc.word(k))
                || (t.cap && words::MONTH_ABBREVIATIONS.contains(&t.lower))
                || t.lower.chars().all(|c| c.is_ascii_digit());
            (t.is_word() && (upper || date))
                || matches!(t.kind, TokKind::Punct(',' | '(' | ')' | '.'))
        })
        && k - start < 12
    {
        k += 1;
    }
    let upper_words = (start..k).any(|i| doc.tok(i).is_some_and(|t| t.is_word()));
    if upper_words && doc.is_punct_at(k, "—–-") {
        k + 1
    } else {
        past_agency_dateline(doc, start, end).unwrap_or(start)
    }
}

/// "Washington (AFP) – …", "New York (Reuters) – …": a dateline in title case is told by the
/// news agency in parentheses between the place (at most three capitalised words) and the dash.
fn past_agency_dateline(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let open = (start + 1..end.min(start + 7)).find(|&k| doc.is_punct_at(k, "("))?;
    // "ORLANDO, Fla. (Reuters) -": a state after the city, with its comma and full stop.
    let place = doc.tok(start).is_some_and(|t| t.cap && t.is_word())
        && (start..open)
            .all(|k| doc.tok(k).is_some_and(|t| t.cap && t.is_word()) || doc.is_punct_at(k, ",."));
    // "(AFP)", "(AP)", "(Reuters)": one capitalised word.
    let agency = doc.tok(open + 1).is_some_and(|t| t.is_word() && t.cap);
    (place && agency && doc.is_punct_at(open + 2, ")") && doc.is_punct_at(open + 3, "—–-"))
        .then_some(open + 4)
}

/// The longest head a [`pronoun_clause_subject`] may have, in tokens.
const MAX_PRONOUN_CLAUSE_HEAD: usize = 14;

/// "progressive organizations that have endorsed him say they believe …", "Large majorities of
/// voters in six states going to the polls said they support …": the subject of a say verb whose
/// content opens with a pronoun and a cue, when [`subject_before`] finds none (a relative clause
/// or a participle phrase stopped its walk, or a plural noun read as a verb: "six states"). The
/// pronoun repeats the subject, so the words from the clause start to the verb are the speaker: a
/// head of at most [`MAX_PRONOUN_CLAUSE_HEAD`] tokens without an auxiliary or a pronoun, its
/// relative clause or participle phrase a descriptor.
pub(super) fn pronoun_clause_subject(
    doc: &Doc,
    sentence_start: usize,
    verb: usize,
) -> Option<Subject> {
    let floor = sentence_start.max(verb.saturating_sub(MAX_PHRASE_WALK));
    let mut a = verb;
    while a > floor {
        let Some(t) = doc.tok(a - 1) else { break };
        let stop = t.quote.is_some()
            || matches!(t.kind, TokKind::QuoteMark)
            || (matches!(t.kind, TokKind::Punct(_)) && !doc.is_name_internal_stop(a - 1));
        if stop {
            break;
        }
        a -= 1;
    }
    // "About 4 in 10 say": a leading "about" is the quantity's, not a preposition to trim.
    let start = match trim_subject_start(doc, a, verb) {
        trimmed if trimmed + 1 >= verb || doc.lower(a) == "about" => a,
        trimmed => trimmed,
    };
    let start = if matches!(doc.lower(start), "but" | "and" | "yet" | "so") {
        start + 1
    } else {
        start
    };
    let head_end = (start + 1..verb)
        .find(|&k| {
            let l = doc.lower(k);
            matches!(l, "that" | "who" | "which") || (l.ends_with("ing") && l.len() >= 5)
        })
        .unwrap_or(verb);
    let head = TokenRange::new(start, head_end);
    let plausible = !head.is_empty()
        && head.len() <= MAX_PRONOUN_CLAUSE_HEAD
        && head.indices().all(|k| {
            let l = doc.lower(k);
            doc.tok(k)
                .is_some_and(|t| t.is_word() || t.kind == TokKind::Poss)
                && !lexicon::is_auxiliary(l)
                && !matches!(l, "i" | "we" | "you" | "it" | "he" | "she" | "they")
        });
    plausible.then(|| {
        Subject::phrase(
            SpeakerPhrase {
                tokens: head,
                descriptor: (head_end < verb)
                    .then(|| doc.span_of(head_end, verb))
                    .flatten(),
                reason: None,
                mention: None,
            },
            start,
        )
    })
}
