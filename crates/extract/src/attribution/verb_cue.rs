//! Reading a reporting verb: who speaks and where the words are.
//!
//! Three shapes, tried in order:
//! 1. a participle ("…, adding that …", "with the Countryside Alliance saying …", "Hazel Blears
//!    defended the move saying …"): the speaker is the previous cue's, the noun before it, or the
//!    sentence's subject; the content follows;
//! 2. an inverted cue after a comma or a closing quote ("…,” said Sebastien Peyrouse, a French
//!    academic"): the speaker follows the verb, the content precedes it;
//! 3. a subject before the verb ("X said …", "X told Reuters on Monday that …", "…, X said"): after
//!    the verb come an optional hearer and adverbial, then the content — or nothing, and the
//!    content is what precedes the subject.

use super::after_verb::{inverted_speaker, recalled_asking, skip_adverbial, skip_hearer};
use super::content::clause_follows;
use super::cues::{ContentSide, CueKind, CueParse, SpeakerPhrase, SpeakerSide};
use super::doc::{Doc, TokKind};
use super::lexicon;
use super::range::TokenRange;
use super::subjects::{
    phrase_start_before, pronoun_clause_subject, sentence_subject, subject_before,
    subject_before_aside, Subject,
};
use super::words;

/// Parses the reporting verb at `verb` of `sentence`; `prev` is the sentence's previous parse.
pub(super) fn parse_verb_cue(
    doc: &Doc,
    sentence: TokenRange,
    verb: usize,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    let lower = doc.lower(verb);
    if lower.ends_with("ing") {
        return parse_participle(doc, sentence, verb, prev);
    }
    // "Asked whether …," / "When asked about …,".
    let fronted = verb == sentence.start
        || (verb == sentence.start + 1 && doc.lower(sentence.start) == "when");
    if fronted && lower == "asked" {
        return parse_fronted_question(doc, sentence, verb, sentence.start);
    }
    // "…,” she told MSNBC when asked about concerns that …": the question inside the sentence.
    if lower == "asked" && verb > sentence.start + 1 && doc.lower(verb - 1) == "when" {
        return parse_fronted_question(doc, sentence, verb, verb - 1);
    }
    // Inverted: "…, said X" / "” said X".
    let left_is_break = verb == sentence.start
        || verb
            .checked_sub(1)
            .is_some_and(|x| doc.is_punct_at(x, ",") || doc.ends_quote_at(x));
    if left_is_break
        && words::INVERTING_REPORTING_VERBS.contains(lower)
        && !verbless_subject_before(doc, sentence, verb)
    {
        if let Some(parse) = parse_inverted(doc, sentence, verb) {
            return Some(parse);
        }
    }
    let subject = match subject_before(doc, sentence.start, verb, prev) {
        Some(subject) => subject,
        // The outer cue keeps the attribution: the inner cue's pronoun only repeats its subject.
        None if matches!(lower, "say" | "says" | "said") && pronoun_cue_opens(doc, verb + 1) => {
            pronoun_clause_subject(doc, sentence.start, verb)?
        }
        None if matches!(lower, "say" | "says" | "said") => {
            subject_before_aside(doc, sentence.start, verb)?
        }
        None => return None,
    };
    parse_after_subject(doc, sentence, verb, subject)
}

/// How far after a sentence-opening "Asked" its question word may stand ("Asked by reporters
/// whether …"), in tokens.
const MAX_ASKED_OBJECT: usize = 4;

/// The longest question a sentence-opening "Asked" reports, in tokens.
const MAX_FRONTED_QUESTION: usize = 48;

/// "Asked whether he would run, Smith said …", "Asked about the plan, she replied: …": the
/// question up to the comma that closes it is reported by "Asked", with no source (PolNeAR
/// annotates it so) unless "by" names the asker; the clause after the comma has a cue of its own.
/// "about" is part of the cue. The same holds for "when asked …" inside a sentence ("…,” she said
/// when asked if …"), whose parse starts at `leftmost` ("when"), not at the sentence start.
fn parse_fronted_question(
    doc: &Doc,
    sentence: TokenRange,
    verb: usize,
    leftmost: usize,
) -> Option<CueParse> {
    let limit = sentence.end.min(verb + 1 + MAX_ASKED_OBJECT);
    let wh = (verb + 1..limit)
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.is_word() && t.quote.is_none()))
        .find(|&k| {
            let l = doc.lower(k);
            words::WH_COMPLEMENTIZERS.contains(l) || l == "about"
        })?;
    let about = doc.lower(wh) == "about";
    let start = if about { wh + 1 } else { wh };
    let inside = leftmost > sentence.start;
    let end = fronted_question_end(doc, start, sentence.end, inside)?;
    (end > start).then(|| CueParse {
        kind: CueKind::Verb,
        cue: TokenRange::new(verb, if about { wh + 1 } else { verb + 1 }),
        speaker: asking_agent(doc, verb, wh),
        content: ContentSide::Itself(TokenRange::new(start, end)),
        leftmost,
        rightmost: end - 1,
        weak_heads_ok: false,
        nested: false,
    })
}

/// "Asked by Starnes if …", "When asked by a reporter whether …": the agent after "by" asked the
/// question (PolNeAR annotates it as the source); the words between "by" and the question word
/// `wh`, when they are a name or a noun phrase.
fn asking_agent(doc: &Doc, verb: usize, wh: usize) -> Option<SpeakerSide> {
    if doc.lower(verb + 1) != "by" || wh <= verb + 2 {
        return None;
    }
    let agent = TokenRange::new(verb + 2, wh);
    let words = (agent.start..agent.end).all(|k| {
        doc.tok(k)
            .is_some_and(|t| (t.is_word() || t.kind == TokKind::Poss) && t.quote.is_none())
    });
    words.then(|| SpeakerSide::Phrase(SpeakerPhrase::bare(agent)))
}

/// Where the question of a sentence-opening "Asked" ends: before the first comma outside a
/// quotation, or after a quotation that closes on a comma (`Asked whether Clinton “has the
/// integrity …,” 75 percent said`); `None` when neither comes soon.
fn fronted_question_end(
    doc: &Doc,
    start: usize,
    sentence_end: usize,
    inside: bool,
) -> Option<usize> {
    // A question inside the sentence may also run to its final stop, with no comma or quotation
    // before it ("… when asked if it remains his view.").
    if inside && sentence_end <= start + MAX_FRONTED_QUESTION {
        let last = sentence_end.checked_sub(1)?;
        let plain = (start..last).all(|k| {
            doc.tok(k)
                .is_some_and(|t| t.quote.is_none() && !doc.is_punct_at(k, ","))
        });
        if plain && doc.is_punct_at(last, ".?!") {
            return Some(last);
        }
    }
    for k in start..sentence_end.min(start + MAX_FRONTED_QUESTION) {
        let t = doc.tok(k)?;
        if t.quote.is_none() && doc.is_punct_at(k, ",") {
            return Some(k);
        }
        if doc.ends_quote_at(k) && !t.is_word() && k > 0 && doc.is_punct_at(k - 1, ",") {
            return Some(k + 1);
        }
        // "Asked whether Mr. Clinton would …,": a title's full stop ends no question.
        if doc.is_punct_at(k, ".;:?!") && t.quote.is_none() && !doc.is_name_internal_stop(k) {
            return None;
        }
    }
    None
}

/// How many auxiliaries or negations may stand between the pronoun and the cue of
/// [`pronoun_cue_opens`] ("they would not support").
const MAX_WORDS_BEFORE_INNER_CUE: usize = 2;

/// A clause opening at `at` with a subject pronoun and a belief, intention or reporting verb
/// ("they believe", "he would support"): after a say verb the pronoun is that verb's subject again,
/// so the say verb is the attribution's cue and its subject the speaker.
pub(super) fn pronoun_cue_opens(doc: &Doc, at: usize) -> bool {
    if !matches!(doc.lower(at), "they" | "he" | "she" | "we") {
        return false;
    }
    (at + 1..=at + 1 + MAX_WORDS_BEFORE_INNER_CUE)
        .find(|&k| {
            let l = doc.lower(k);
            !(lexicon::is_auxiliary(l) || matches!(l, "not" | "also" | "still" | "n't"))
        })
        .is_some_and(|k| {
            let l = doc.lower(k);
            lexicon::is_that_clause_cue(l)
                || lexicon::is_bare_belief_cue(l)
                || lexicon::is_object_cue(l)
                || lexicon::is_reporting_verb(l)
        })
}

/// "Congressman Chris Collins, a Trump supporter, said …": everything before the verb is one
/// short phrase without a verb or a quotation, so it is the subject and its appositive, not a
/// content the verb follows.
fn verbless_subject_before(doc: &Doc, sentence: TokenRange, verb: usize) -> bool {
    let left = TokenRange::new(sentence.start, verb);
    left.len() <= 16
        && doc
            .tok(sentence.start)
            .is_some_and(|t| t.cap && t.is_word())
        && left.indices().all(|k| {
            doc.tok(k).is_some_and(|t| {
                t.quote.is_none()
                    && matches!(t.kind, TokKind::Word | TokKind::Poss | TokKind::Punct(','))
                    && !lexicon::is_finite_verb_word(&t.lower)
                    && (t.cap || !t.lower.ends_with("ed"))
            })
        })
}

/// A parse whose speaker is `speaker` and whose content follows from `start`.
fn content_after(
    verb: usize,
    speaker: Option<SpeakerSide>,
    start: usize,
    leftmost: usize,
    weak_heads_ok: bool,
) -> CueParse {
    CueParse {
        kind: CueKind::Verb,
        cue: TokenRange::single(verb),
        speaker,
        content: ContentSide::After { start },
        leftmost,
        rightmost: verb,
        weak_heads_ok,
        nested: false,
    }
}

/// The first content token after the participle at `verb`: past "that" or a colon (and the "out"
/// of "pointing out" when `skip_out`); `None` at the sentence end.
fn content_start_after_participle(
    doc: &Doc,
    verb: usize,
    sentence_end: usize,
    skip_out: bool,
) -> Option<usize> {
    let mut start = verb + 1;
    if skip_out && doc.lower(start) == "out" {
        start += 1;
    }
    // PARC/PolNeAR convention: the complementizer "that" belongs to the content.
    if doc.is_punct_at(start, ":") {
        start += 1;
    }
    (start < sentence_end).then_some(start)
}

/// "…, adding that …", "…, saying …", "and insisting …": the previous cue's speaker or the
/// sentence's subject; otherwise the noun phrase before the participle.
fn parse_participle(
    doc: &Doc,
    sentence: TokenRange,
    verb: usize,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    let before = verb.checked_sub(1).filter(|&x| x >= sentence.start)?;
    if !(doc.is_punct_at(before, ",") || words::PARTICIPLE_INTRODUCERS.contains(doc.lower(before)))
    {
        return parse_participle_after_noun(doc, sentence, verb, before, prev);
    }
    let speaker = match prev {
        // The earlier cue's resolved speaker, else the sentence's subject (see
        // `sentence::participle_subject`): "Mr. Cruz seemed to mock him, saying …".
        Some(_) => Some(SpeakerSide::Previous),
        None => {
            // "North Wales Police reopened the case, saying …": the sentence's subject.
            let subject = sentence_subject(doc, sentence.start, before)?;
            Some(SpeakerSide::Phrase(SpeakerPhrase::bare(subject)))
        }
    };
    let skip_out = doc.lower(verb) == "pointing";
    let start = if words::is_phrasal_object_cue(doc.lower(verb), doc.lower(verb + 1)) {
        verb + 2
    } else {
        content_start_after_participle(doc, verb, sentence.end, skip_out)?
    };
    Some(content_after(verb, speaker, start, before, true))
}

/// A participle right after a word: "with the Countryside Alliance saying …", "a report
/// claiming …", or "Hazel Blears defended the move saying …" (the sentence's subject speaks).
fn parse_participle_after_noun(
    doc: &Doc,
    sentence: TokenRange,
    verb: usize,
    before: usize,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    let phrase_start = phrase_start_before(doc, sentence.start, verb);
    let with_at = (phrase_start.max(verb.saturating_sub(7))..verb)
        .rev()
        .find(|&k| doc.lower(k) == "with");
    let after_with = with_at.is_some();
    let a = with_at.map(|w| w + 1).unwrap_or(phrase_start);
    let noun_before =
        lexicon::speaker_noun(doc.lower(before)) == Some(lexicon::NounClass::Document);
    if !(after_with || noun_before) || a >= verb {
        if prev.is_some() || !doc.tok(before).is_some_and(|t| t.is_word() && !t.cap) {
            return None;
        }
        let subject = sentence_subject(doc, sentence.start, before)?;
        let start = content_start_after_participle(doc, verb, sentence.end, false)?;
        let speaker = SpeakerSide::Phrase(SpeakerPhrase::bare(subject));
        return Some(content_after(verb, Some(speaker), start, verb, false));
    }
    let a = if noun_before && !after_with {
        (a..verb)
            .rev()
            .find(|&k| lexicon::is_determiner(doc.lower(k)))
            .unwrap_or(a)
    } else {
        a
    };
    let start = content_start_after_participle(doc, verb, sentence.end, false)?;
    if let Some(issuer) = noun_before
        .then(|| document_issuer(doc, sentence.start, a))
        .flatten()
    {
        let speaker = SpeakerSide::Phrase(SpeakerPhrase::bare(issuer));
        return Some(content_after(verb, Some(speaker), start, a, true));
    }
    let speaker = SpeakerSide::Phrase(SpeakerPhrase::bare(TokenRange::new(a, verb)));
    Some(content_after(verb, Some(speaker), start, a, true))
}

/// "Black Lives Matter issued a statement saying …", "His office put out a statement saying …":
/// the document at token `det` was issued by the sentence's subject, who is the source.
fn document_issuer(doc: &Doc, sentence_start: usize, det: usize) -> Option<TokenRange> {
    let v = det.checked_sub(1).filter(|&v| v > sentence_start)?;
    let verb = if doc.lower(v) == "out" && v > sentence_start + 1 {
        matches!(doc.lower(v - 1), "put" | "puts").then_some(v - 1)?
    } else {
        v
    };
    if !words::STATEMENT_ISSUING_VERBS.contains(doc.lower(verb)) {
        return None;
    }
    sentence_subject(doc, sentence_start, verb).filter(|s| !s.is_empty() && s.end <= verb)
}

/// "…, said Sebastien Peyrouse, a French academic …": content before the verb.
fn parse_inverted(doc: &Doc, sentence: TokenRange, verb: usize) -> Option<CueParse> {
    let speaker = inverted_speaker(doc, verb, sentence.end)?;
    let name_end = speaker.tokens.end;
    let rightmost = speaker
        .descriptor
        .or(speaker.reason)
        .and_then(|d| doc.last_token_ending_by(d.end))
        .unwrap_or(name_end.saturating_sub(1));
    let end = verb
        .checked_sub(1)
        .filter(|&x| doc.is_punct_at(x, ","))
        .unwrap_or(verb);
    Some(CueParse {
        kind: CueKind::Verb,
        cue: TokenRange::single(verb),
        speaker: Some(SpeakerSide::Phrase(speaker)),
        content: ContentSide::Before { end },
        leftmost: verb,
        rightmost: rightmost.max(name_end.saturating_sub(1)),
        // Right after a broken-off quotation the phrase can only be its speaker.
        weak_heads_ok: quote_ends_before(doc, verb),
        nested: false,
    })
}

/// "X said …" / "X told Reuters on Monday that …" / "…, X said": what follows the verb decides
/// where the content is.
fn parse_after_subject(
    doc: &Doc,
    sentence: TokenRange,
    verb: usize,
    subject: Subject,
) -> Option<CueParse> {
    let lower = doc.lower(verb);
    let called_on = matches!(lower, "called" | "calls" | "call") && doc.lower(verb + 1) == "on";
    let pointed_out = matches!(lower, "point" | "points" | "pointing" | "pointed")
        && doc.lower(verb + 1) == "out";
    // "called for more school investment": a demand, whose object is the content.
    let called_for = (matches!(lower, "called" | "calls" | "call") && doc.lower(verb + 1) == "for")
        || words::is_phrasal_object_cue(lower, doc.lower(verb + 1));
    let particle = usize::from(pointed_out || called_on || called_for);
    let mut after = verb + 1 + particle;
    let mut cue_end = after;
    if lexicon::takes_hearer(lower) {
        after = skip_hearer(doc, after, sentence.end);
        cue_end = after;
    }
    // "Varki recalled the officers asking": the words are the officers'.
    if let Some(recalled) = recalled_asking(doc, after, sentence.end) {
        let end = match subject.side {
            SpeakerSide::Phrase(p) => p.tokens.start,
            SpeakerSide::Previous => subject.leftmost,
        };
        let end = end
            .checked_sub(1)
            .filter(|&x| doc.is_punct_at(x, ","))
            .unwrap_or(end);
        return Some(CueParse {
            kind: CueKind::Verb,
            cue: TokenRange::new(verb, recalled.verb + 1),
            speaker: Some(SpeakerSide::Phrase(SpeakerPhrase::bare(recalled.speakers))),
            content: ContentSide::Before { end },
            leftmost: subject.leftmost,
            rightmost: recalled.verb,
            weak_heads_ok: true,
            nested: false,
        });
    }
    let content = if called_for {
        ContentSide::After { start: after }
    } else {
        content_side_after_verb(doc, sentence.end, verb, after, subject.leftmost, called_on)?
    };
    // Unknown head nouns ("the programme makers") pass with strong verbs or an explicit clause.
    let strong = words::STRONG_REPORTING_VERBS.contains(lower);
    let weak_heads_ok = strong || matches!(content, ContentSide::After { .. });
    let cue_end = cue_end.max(verb + 1);
    // "said on NBC's ''Meet the Press'' on Sunday that …": an adverbial naming a programme is
    // part of the cue, as PolNeAR annotates it, and the programme is no content.
    let cue_end = match content {
        ContentSide::After { start }
            if start > cue_end && (cue_end..start).any(|k| doc.quote_opened_at(k).is_some()) =>
        {
            start
        }
        _ => cue_end,
    };
    Some(CueParse {
        kind: CueKind::Verb,
        cue: TokenRange::new(verb, cue_end),
        speaker: Some(subject.side),
        content,
        leftmost: subject.leftmost,
        rightmost: cue_end - 1,
        weak_heads_ok,
        nested: false,
    })
}

/// Where the content of the verb at `verb` is, given that its complement starts at `after` (past
/// any hearer); `leftmost` is the subject's first token. `None` when the verb reports nothing
/// ("told of his shock", "announced plans").
fn content_side_after_verb(
    doc: &Doc,
    sentence_end: usize,
    verb: usize,
    after: usize,
    leftmost: usize,
    called_on: bool,
) -> Option<ContentSide> {
    let lower = doc.lower(verb);
    // "“…,” he said to applause." / "“…,” Ms. Aubrey said of the title.": a quotation that ends
    // right before the subject is what the verb reports; the words after the verb are an
    // adverbial, unless a complement opens there ("that", a colon, a quotation).
    if quote_ends_before(doc, leftmost)
        && lexicon::is_reporting_verb(lower)
        && (!opens_complement(doc, after) || programme_title_at(doc, after, sentence_end))
    {
        return Some(ContentSide::Before { end: leftmost });
    }
    // "wants to sign up …", "attacked the deal": an intention or accusation verb's whole
    // complement is the content; so is the object of a speech act that also takes a clause
    // ("accused the governor of hiding …", "described the plan as …"), when no clause opens
    // after it.
    // "announced Friday.", "endorsed earlier this month": only a time after the verb, no
    // object.
    let only_adverbial = {
        let past = skip_adverbial(doc, after, sentence_end);
        past > after && (past >= sentence_end || doc.is_punct_at(past, ".!?;,"))
    };
    if lexicon::is_object_cue(lower)
        && !only_adverbial
        && (!lexicon::is_reporting_verb(lower) || object_follows(doc, after, sentence_end))
        && !matches!(
            doc.lower(after),
            "that" | "on" | "for" | "off" | "up" | "back" | "in"
        )
        && doc.tok(after).is_some_and(|t| t.is_word())
    {
        return Some(ContentSide::After { start: after });
    }
    let past_adverbial = skip_adverbial(doc, after, sentence_end);
    let had_adverbial = past_adverbial != after;
    if !had_adverbial && words::NON_CLAUSAL_VERB_PARTICLES.contains(doc.lower(after)) {
        // "told of his shock", "warned against": no reported clause.
        return None;
    }
    let r2 = past_adverbial;
    let content = if r2 >= sentence_end || doc.is_punct_at(r2, ".!?;") {
        ContentSide::Before { end: leftmost }
    } else if doc.is_punct_at(r2, ",") {
        let after_comma = doc.lower(r2 + 1);
        if doc.quote_opened_at(r2 + 1).is_some() {
            ContentSide::After { start: r2 + 1 }
        } else if had_adverbial
            && doc.tok(r2 + 1).is_some_and(|t| t.is_word())
            && !after_comma.ends_with("ing")
            && !words::NON_CONTENT_AFTER_COMMA.contains(after_comma)
            && clause_follows(doc, r2 + 1, sentence_end)
        {
            // "say in the northern cities, the race is …": the adverbial belongs to the content.
            ContentSide::After { start: after }
        } else {
            ContentSide::Before { end: leftmost }
        }
    } else if doc.lower(r2) == "that" {
        ContentSide::After { start: r2 }
    } else if doc.is_punct_at(r2, ":") {
        ContentSide::After { start: r2 + 1 }
    } else if programme_title_at(doc, r2, sentence_end) {
        // "said on the BBC's “Today” programme.": the title ends the adverbial, not a quote.
        ContentSide::Before { end: leftmost }
    } else if doc.quote_opened_at(r2).is_some() {
        ContentSide::After { start: r2 }
    } else if had_adverbial {
        // "said on Monday the plan …": the adverbial did not end; content starts after the verb.
        if !words::STRONG_REPORTING_VERBS.contains(lower) {
            return None;
        }
        ContentSide::After { start: after }
    } else if lexicon::takes_object_infinitive(lower) || called_on {
        // "asked whether …", "asked him how …", "asked the 2016 Democratic White House
        // contender if …": an indirect question after at most a noun phrase object (no verb).
        if let Some(wh) = (after..sentence_end.min(after + MAX_QUESTION_OBJECT + 1))
            .take_while(|&k| {
                doc.tok(k).is_some_and(|t| {
                    (t.is_word() || t.kind == TokKind::Poss)
                        && (k == after || !lexicon::is_finite_verb_word(&t.lower))
                })
            })
            .find(|&k| words::WH_COMPLEMENTIZERS.contains(doc.lower(k)))
        {
            return Some(ContentSide::After { start: wh });
        }
        // "asked about the plan", "asked him about it": what the question was about (PolNeAR
        // annotates the phrase with its "about").
        if lower.starts_with("ask") {
            if let Some(about) = (after..sentence_end.min(after + 4))
                .take_while(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
                .find(|&k| doc.lower(k) == "about")
            {
                return Some(ContentSide::After { start: about });
            }
        }
        let has_to = (after..sentence_end.min(after + 14)).any(|k| doc.lower(k) == "to");
        if !has_to {
            return None;
        }
        ContentSide::After { start: after }
    } else if lexicon::needs_clause_marker(lower) {
        if !clause_follows(doc, after, sentence_end) {
            return None;
        }
        ContentSide::After { start: after }
    } else {
        ContentSide::After { start: after }
    };
    Some(content)
}

/// The most words a programme or publication title in quotation marks has.
const MAX_TITLE_WORDS: usize = 6;

/// The most tokens of the object between "asked" and its question word ("asked the 2016
/// Democratic White House contender if …").
const MAX_QUESTION_OBJECT: usize = 7;

/// A quoted title after a possessive ends the sentence's adverbial at token `at`: "told BBC
/// Radio 4's “Today” programme.", "said on NBC's “Meet the Press.”" A possessive owner, a short
/// quotation and the sentence's end within two words of it (no "that" clause after it: "told
/// ABC's “Good Morning America” that …" reports that clause) make it a name, not words spoken.
/// So does a title-cased quotation right after a preposition: "said on “Meet the Press.”"
pub(super) fn programme_title_at(doc: &Doc, at: usize, sentence_end: usize) -> bool {
    let Some(q) = doc.quote_opened_at(at).and_then(|qi| doc.quotes.get(qi)) else {
        return false;
    };
    let Some(close) = q.close else { return false };
    let before = at.checked_sub(1).and_then(|k| doc.tok(k));
    let owned = before.is_some_and(|t| t.kind == TokKind::Poss);
    // "said on “Meet the Press.”": a title in title case right after a preposition.
    let after_preposition = before
        .is_some_and(|t| t.is_word() && !t.cap && lexicon::is_preposition(&t.lower))
        && super::leftovers::is_title_cased(doc, q, true);
    let tail_ends = (close + 1..sentence_end)
        .position(|k| doc.is_punct_at(k, ".!?;") || k + 1 == sentence_end)
        .is_some_and(|n| n <= 2)
        || close + 1 >= sentence_end;
    (owned || after_preposition) && q.words <= MAX_TITLE_WORDS && tail_ends
}

/// A noun phrase, not a clause, a colon or a quotation, opens at `at`: "accused *the governor*
/// of …", not "accused *that* …" or "announced *the plan would* …".
fn object_follows(doc: &Doc, at: usize, sentence_end: usize) -> bool {
    !opens_complement(doc, at)
        && !words::WH_COMPLEMENTIZERS.contains(doc.lower(at))
        && !clause_follows(doc, at, sentence_end)
}

/// A quotation broken off by a comma, "?" or "!" closes right before token `at` (`“…,” he
/// said`, `“…”, he said`, `“…?” he asked`): the cue that follows is that quotation's. A quotation
/// ending in a full stop (`“….” He said …`) ends the previous sentence instead.
/// A quoted title (see [`names_a_work`]) is no such quotation.
pub(super) fn quote_ends_before(doc: &Doc, at: usize) -> bool {
    let Some(prev) = at.checked_sub(1) else {
        return false;
    };
    let closes = |k: usize| {
        doc.ends_quote_at(k) && doc.tok(k).is_some_and(|t| !t.is_word()) && !names_a_work(doc, k)
    };
    if doc.is_punct_at(prev, ",") {
        return prev.checked_sub(1).is_some_and(closes);
    }
    closes(prev)
        && prev
            .checked_sub(1)
            .is_some_and(|k| doc.is_punct_at(k, ",?!"))
}

/// The quotation ending at token `last` is the name of a programme or work: title case, at most
/// [`MAX_TITLE_WORDS`] words, right after a possessive, a preposition or a noun naming a work
/// ("Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Issa said", "an appearance on
/// "Morning Joe," co-host …", "the reality show, “The Apprentice,” said"). The cue after it
/// reports something else, not the title.
pub(super) fn names_a_work(doc: &Doc, last: usize) -> bool {
    let Some(q) = doc
        .tok(last)
        .and_then(|t| t.quote)
        .and_then(|q| doc.quotes.get(q))
    else {
        return false;
    };
    // One major word is enough here ("the reality show “The Apprentice,”"): the word before
    // already says a title follows.
    if q.words > MAX_TITLE_WORDS
        || super::leftovers::title_case_major_words(doc, q, false).is_none_or(|n| n == 0)
    {
        return false;
    }
    let lower_word = |k: usize| doc.tok(k).filter(|t| t.is_word() && !t.cap);
    let Some(before) = q.open.checked_sub(1) else {
        return false;
    };
    if doc.is_punct_at(before, ",") {
        // "the reality show, “The Apprentice,”": an appositive title after its noun.
        return before
            .checked_sub(1)
            .and_then(lower_word)
            .is_some_and(|t| words::WORK_NOUNS.contains(t.lower.as_str()));
    }
    doc.tok(before).is_some_and(|t| t.kind == TokKind::Poss)
        || lower_word(before).is_some_and(|t| {
            lexicon::is_preposition(&t.lower) || words::WORK_NOUNS.contains(t.lower.as_str())
        })
}

/// A quotation naming a work (see [`names_a_work`]) opens right after token `i` or after a comma
/// there: "the reality show, “The Apprentice,”".
pub(super) fn work_title_follows(doc: &Doc, i: usize) -> bool {
    let open = if doc.is_punct_at(i + 1, ",") {
        i + 2
    } else {
        i + 1
    };
    doc.quote_opened_at(open)
        .and_then(|q| doc.quotes.get(q))
        .is_some_and(|q| names_a_work(doc, q.last))
}

/// A complement of a reporting verb opens at token `at`: "that", a colon, a quotation, or a
/// comma before a quotation (`“…,” he said, “…”`).
fn opens_complement(doc: &Doc, at: usize) -> bool {
    doc.lower(at) == "that"
        || doc.is_punct_at(at, ":")
        || doc.quote_opened_at(at).is_some()
        || (doc.is_punct_at(at, ",") && doc.quote_opened_at(at + 1).is_some())
}
