//! Reporting cues and what they say about a sentence.
//!
//! [`find_cues`] walks a sentence once and collects its cues: reporting verbs used as verbs (not
//! nouns, passives or "agreed to pay"), the phrasal "point out" / "call on", "according to", and
//! the [`non_response`](super::non_response) phrases. [`parse_cue`] then reads each cue into a
//! [`CueParse`]: where its speaker is ([`SpeakerSide`]), where its content is ([`ContentSide`]) and
//! which tokens the cue and its speaker use, so the next cue starts after them.

use newsgraph_model::{ResponseKind, Span};

use super::after_verb::{skip_adverbial, skip_hearer};
use super::content::clause_follows;
use super::cue_model::{cue_mode, may_be_cue, CueMode, SentenceFeatures};
use super::doc::{Doc, TokKind};
use super::evidential::{is_evidential_use, parse_evidential};
use super::lexicon;
use super::non_response::match_non_response;
use super::range::TokenRange;
use super::subjects::{cut_relative, is_has_clitic, is_standalone_dash, subject_before};
use super::verb_cue::{parse_verb_cue, work_title_follows};
use super::words;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum CueKind {
    Verb,
    According,
    NonResponse(ResponseKind),
    /// "appears to", "is expected to": a judgement without a holder.
    Evidential,
}

/// A cue candidate: its tokens and what kind of cue it is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    pub tokens: TokenRange,
    pub kind: CueKind,
}

/// A speaker phrase: the tokens that name the speaker, and what the text says about them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SpeakerPhrase {
    pub tokens: TokenRange,
    /// An appositive or relative clause that describes the speaker ("a French academic").
    pub descriptor: Option<Span>,
    /// Why the source is anonymous ("who asked not to be named").
    pub reason: Option<Span>,
    /// The words the text names the speaker with, when they are not the phrase resolved: the
    /// relative pronoun of "X, who said …", whose antecedent is `tokens`.
    pub mention: Option<TokenRange>,
}

impl SpeakerPhrase {
    /// A phrase without descriptor or reason.
    pub(super) fn bare(tokens: TokenRange) -> Self {
        Self {
            tokens,
            descriptor: None,
            reason: None,
            mention: None,
        }
    }
}

/// Where a cue's speaker is.
#[derive(Debug, Clone, Copy)]
pub(super) enum SpeakerSide {
    Phrase(SpeakerPhrase),
    /// The subject of the previous cue in the sentence ("…, adding that …", "but told them: …").
    Previous,
}

/// Where a cue's content is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ContentSide {
    /// Before the speaker, back to the sentence start or the previous cue.
    Before { end: usize },
    /// From token `start` to the sentence end or the next cue.
    After { start: usize },
    /// The given tokens (the cue phrase itself for non-responses).
    Itself(TokenRange),
}

/// One parsed cue.
#[derive(Debug, Clone)]
pub(super) struct CueParse {
    pub kind: CueKind,
    pub cue: TokenRange,
    pub speaker: Option<SpeakerSide>,
    pub content: ContentSide,
    /// Leftmost token the cue, its speaker and hearer use.
    pub leftmost: usize,
    /// Rightmost token (inclusive) the cue, its speaker and hearer use.
    pub rightmost: usize,
    /// An unknown head noun ("the programme makers") may be the speaker.
    pub weak_heads_ok: bool,
    /// Sits at the start of the previous cue's content ("said Downing Street had no comment"):
    /// emitted, but it does not cut that content.
    pub nested: bool,
}

impl CueParse {
    /// The last token the parse uses: its cue's or its speaker's, whichever ends later.
    pub(super) fn right_edge(&self) -> usize {
        self.rightmost.max(self.cue.end.saturating_sub(1))
    }
}

/// The cue candidates of `sentence`, left to right, by the process's cue detector.
pub(super) fn find_cues(doc: &Doc, sentence: TokenRange) -> Vec<Cue> {
    find_cues_by(doc, sentence, cue_mode())
}

/// The cue candidates of `sentence` as the detector `mode` finds them.
pub(super) fn find_cues_by(doc: &Doc, sentence: TokenRange, mode: CueMode) -> Vec<Cue> {
    let mut out = Vec::new();
    // Built on first use: per-sentence counts the model's features read in constant time.
    let mut model: Option<SentenceFeatures> = None;
    let mut model_says_cue = |i: usize| {
        may_be_cue(doc, i)
            && model
                .get_or_insert_with(|| SentenceFeatures::new(doc, sentence))
                .says_cue(doc, i)
    };
    let mut i = sentence.start;
    while i < sentence.end {
        let Some(t) = doc.tok(i) else { break };
        if t.quote.is_some() || !t.is_word() {
            i += 1;
            continue;
        }
        if let Some(nr) = match_non_response(doc, i, sentence.end) {
            let end = nr.end.max(i + 1);
            out.push(Cue {
                tokens: TokenRange::new(i, end),
                kind: CueKind::NonResponse(nr.kind),
            });
            i = end;
            continue;
        }
        let lower = t.lower.as_str();
        let next = doc.lower(i + 1);
        if lower == "according" && next == "to" {
            out.push(Cue {
                tokens: TokenRange::new(i, i + 2),
                kind: CueKind::According,
            });
            i += 2;
            continue;
        }
        // "the reality show, “The Apprentice,”": a noun before the title of its work ("show" is a
        // document cue and, to the cue model, a verb).
        let names_work = words::WORK_NOUNS.contains(lower) && work_title_follows(doc, i);
        if !names_work && is_evidential_use(doc, sentence.start, i) {
            out.push(Cue {
                tokens: TokenRange::single(i),
                kind: CueKind::Evidential,
            });
            i += 1;
            continue;
        }
        let phrasal = (matches!(lower, "point" | "points" | "pointing") && next == "out")
            || (matches!(lower, "called" | "calls" | "call") && matches!(next, "on" | "for"))
            || (words::is_phrasal_object_cue(lower, next) && is_verb_use(doc, sentence.start, i));
        let that_clause = lexicon::is_that_clause_cue(lower)
            && (next == "that"
                || document_subject_before(doc, sentence.start, i)
                || (lexicon::is_bare_belief_cue(lower)
                    && clause_follows(doc, i + 1, sentence.end)));
        let object = lexicon::is_object_cue(lower)
            && doc.tok(i + 1).is_some_and(|t| t.is_word())
            && is_object_cue_use(doc, sentence.start, i);
        let rule = !names_work
            && (object
                || (lexicon::is_reporting_verb(lower) || that_clause)
                    && is_verb_use(doc, sentence.start, i));
        let framed = names_work || in_adverbial_after_cue(doc, &out, i, sentence.end);
        let take = match mode {
            CueMode::Rules => rule,
            CueMode::Model => !framed && model_says_cue(i),
            CueMode::Both => rule || (!phrasal && !framed && model_says_cue(i)),
        };
        if take {
            out.push(Cue {
                tokens: TokenRange::single(i),
                kind: CueKind::Verb,
            });
        } else if phrasal {
            out.push(Cue {
                tokens: TokenRange::new(i, i + 2),
                kind: CueKind::Verb,
            });
        }
        i += 1;
    }
    out
}

/// "said in a statement that …", "told reporters in an interview that …": a word inside the
/// adverbial right after the sentence's previous reporting verb (past its hearer) belongs to that
/// verb's frame; the cue model's proposal there ("statement") is no cue of its own.
fn in_adverbial_after_cue(doc: &Doc, found: &[Cue], i: usize, sentence_end: usize) -> bool {
    let Some(prev) = found.last().filter(|c| c.kind == CueKind::Verb) else {
        return false;
    };
    let mut after = prev.tokens.end;
    if lexicon::takes_hearer(doc.lower(prev.tokens.start)) {
        after = skip_hearer(doc, after, sentence_end);
    }
    after <= i && skip_adverbial(doc, after, sentence_end) > i
}

/// How many words before a document verb ("shows", "found") its document subject's head may
/// stand: past a modifier ("a survey *by the group* found", "a poll *released on Tuesday*
/// showed", "an analysis *by Politifact of presidential elections going back to 1972* showed";
/// 10 rather than 8 words: PolNeAR train +1 overlap, exact and speaker, 12 no better). Other verbs
/// look three words back ("reports of his new party *plans*" is no cue).
const DOCUMENT_SUBJECT_WINDOW: usize = 10;
const OTHER_SUBJECT_WINDOW: usize = 3;
/// The longest participle appositive between a document and its verb, in tokens ("The poll,
/// released on Wednesday night by the Public Policy Institute of California, showed …"), which
/// may hold parentheses and "&" ("A Fox News poll, conducted jointly with Anderson Robbins Research
/// (D) and Shaw & Company Research (R), shows …"; 24 rather than 16 tokens: PolNeAR train +1).
const MAX_PARTICIPLE_APPOSITIVE: usize = 24;

/// "A USA TODAY analysis … shows Democratic groups outpacing …", "one study found Trump would …":
/// a document noun heads the words just before the verb, so a clause after it needs no "that".
fn document_subject_before(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    let window = if lexicon::is_document_cue(doc.lower(i)) {
        DOCUMENT_SUBJECT_WINDOW
    } else {
        OTHER_SUBJECT_WINDOW
    };
    let is_document =
        |k: usize| lexicon::speaker_noun(doc.lower(k)) == Some(lexicon::NounClass::Document);
    if (i.saturating_sub(window).max(sentence_start)..i)
        .rev()
        .take_while(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .any(is_document)
    {
        return true;
    }
    // "The poll, released Wednesday by the institute, showed …": a participle's appositive
    // between the document and its verb.
    let Some(open) = (i
        .saturating_sub(MAX_PARTICIPLE_APPOSITIVE)
        .max(sentence_start)..i.saturating_sub(1))
        .rev()
        .take_while(|&k| {
            doc.tok(k)
                .is_some_and(|t| t.is_word() || doc.is_punct_at(k, ",()&"))
        })
        .find(|&k| doc.is_punct_at(k, ","))
    else {
        return false;
    };
    let participle = doc
        .tok(open + 1)
        .is_some_and(|t| !t.cap && (t.lower.ends_with("ed") || t.lower == "which"));
    participle && doc.is_punct_at(i - 1, ",") && open > sentence_start && is_document(open - 1)
}

/// The intention or accusation verb at `i` has a subject of its own: not a noun ("the plans",
/// "Trump's support"), not a passive ("was attacked"), not an infinitive ("to support").
fn is_object_cue_use(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    if i == sentence_start {
        return false;
    }
    // Forms like "attacks", "plans", "support" are nouns as often as verbs: the word before must
    // end a subject (a name, a pronoun) or sit in a verb group ("has long opposed", "strongly backs").
    let Some(before) = doc.tok(i - 1) else {
        return false;
    };
    let prev = before.lower.as_str();
    if words::PASSIVE_AUXILIARIES.contains(prev) || lexicon::is_determiner(prev) {
        return false;
    }
    // "The McKinley plan is linear", "The Clean Power Plan was designed …": a verb does not take
    // an auxiliary after it, so the word is the head noun of the subject.
    if lexicon::is_auxiliary(doc.lower(i + 1)) {
        return false;
    }
    (before.cap && before.is_word())
        || words::OBJECT_CUE_SUBJECT_ENDS.contains(prev)
        || lexicon::is_verb_group_filler(prev)
        || (prev.ends_with("ly") && prev.len() > 4)
}

/// The reporting verb at `i` is used as a verb of speech (not a noun, not a passive).
fn is_verb_use(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    let lower = doc.lower(i);
    let prev = if i > sentence_start {
        doc.lower(i - 1)
    } else {
        ""
    };
    // "He's said" is "he has said"; after a noun, "'s" is a possessive ("Trump's claims").
    let has_clitic = i > sentence_start && is_has_clitic(doc, i - 1);
    // "Those who back her say the …": "her" is the object of a verb before it when a clause
    // follows, not the possessive of "her say".
    let object_her = prev == "her" && {
        let next = doc.lower(i + 1);
        next == "that" || lexicon::starts_clause(next) || lexicon::is_determiner(next)
    };
    if (lexicon::is_determiner(prev) && !object_her)
        || ((prev == "’s" || prev == "'s") && !has_clitic)
    {
        return false;
    }
    if i > sentence_start && doc.tok(i - 1).is_some_and(|t| t.kind == TokKind::Poss) && !has_clitic
    {
        return false;
    }
    if words::PASSIVE_REPORTING_PARTICIPLES.contains(lower)
        && words::PASSIVE_AUXILIARIES.contains(prev)
    {
        return false;
    }
    if lower == "said" && doc.lower(i + 1) == "to" && doc.lower(i + 2) == "be" {
        return false;
    }
    // "adding to her delegate lead", "added to the list": a sum, not a statement.
    if matches!(lower, "add" | "adds" | "added" | "adding") && doc.lower(i + 1) == "to" {
        return false;
    }
    if prev == "that" && lower == "said" && doc.is_punct_at(i + 1, ",") {
        return false;
    }
    if prev == "having" {
        return false;
    }
    // "agreed" / "promised" + to-infinitive are not speech ("agreed to pay"); "asked" / "urged"
    // + to-infinitive are ("urged him to resign" is reported).
    let commitment = words::COMMITMENT_VERBS.contains(lower) && !matches!(lower, "asked" | "urged");
    !(commitment && doc.lower(i + 1) == "to")
}

/// Parses one cue of `sentence`; `prev` is the sentence's previous parse.
pub(super) fn parse_cue(
    doc: &Doc,
    sentence: TokenRange,
    cue: Cue,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    match cue.kind {
        CueKind::According => parse_according(doc, sentence, cue),
        CueKind::NonResponse(_) => {
            let subject = subject_before(doc, sentence.start, cue.tokens.start, prev);
            let (speaker, leftmost) = match subject {
                Some(s) => (Some(s.side), s.leftmost),
                None => (None, cue.tokens.start),
            };
            Some(CueParse {
                kind: cue.kind,
                cue: cue.tokens,
                speaker,
                content: ContentSide::Itself(cue.tokens),
                leftmost,
                rightmost: cue.tokens.end,
                weak_heads_ok: true,
                nested: false,
            })
        }
        CueKind::Verb => parse_verb_cue(doc, sentence, cue.tokens.start, prev),
        CueKind::Evidential => parse_evidential(doc, sentence, cue, prev),
    }
}

/// The first comma at or after `from` within 24 tokens, with only words, hyphens, slashes and
/// possessives before it (no quotation, no sentence end).
fn closing_comma(doc: &Doc, from: usize, sentence_end: usize) -> Option<usize> {
    for k in from..sentence_end.min(from + 24) {
        let t = doc.tok(k)?;
        if t.quote.is_some() {
            return None;
        }
        match t.kind {
            TokKind::Punct(',') => return Some(k),
            TokKind::Word | TokKind::Poss | TokKind::Punct('-' | '/' | '&') => {}
            _ => return None,
        }
    }
    None
}

/// The longest aside "according to" may close, in tokens (a bound on the look-back).
const MAX_ASIDE_TOKENS: usize = 40;

/// The words of a parenthesis or a pair of dashes that "according to" (at `cue`, its source
/// ending before `source_end`) closes: "(93 percent were white, according to exit polls)",
/// "most Americans - 63 percent in 2014, according to the report - still believe".
fn parenthetical_aside(
    doc: &Doc,
    sentence: TokenRange,
    cue: usize,
    source_end: usize,
) -> Option<TokenRange> {
    let is_dash = |k: usize| is_standalone_dash(doc, k) || doc.is_punct_at(k, "—–");
    let open = (cue.saturating_sub(MAX_ASIDE_TOKENS).max(sentence.start)..cue)
        .rev()
        .take_while(|&k| !doc.is_punct_at(k, ")"))
        .find(|&k| doc.is_punct_at(k, "(") || is_dash(k))?;
    let dash = !doc.is_punct_at(open, "(");
    let closes = (source_end..sentence.end.min(source_end + 12)).find(|&k| {
        if dash {
            is_dash(k)
        } else {
            doc.is_punct_at(k, ")")
        }
    });
    let comma_before = cue > open + 2 && doc.is_punct_at(cue - 1, ",");
    (closes.is_some() && comma_before).then(|| TokenRange::new(open + 1, cue - 1))
}

/// "according to X" with its content before or after.
fn parse_according(doc: &Doc, sentence: TokenRange, cue: Cue) -> Option<CueParse> {
    let start = cue.tokens.end;
    let mut end = start;
    while end < sentence.end {
        let Some(t) = doc.tok(end) else { break };
        // "according to Dennis B. Ross": the full stop of an initial does not end the source.
        if end > start && doc.is_name_internal_stop(end) {
            end += 1;
            continue;
        }
        if t.quote.is_some()
            || matches!(
                t.kind,
                TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!' | '—' | '–' | ')')
            )
            || is_standalone_dash(doc, end)
        {
            break;
        }
        // "according to a poll out Thursday": the poll's "out" ends its name.
        let poll_out = t.lower == "out"
            && lexicon::speaker_noun(doc.lower(end - 1)) == Some(lexicon::NounClass::Document);
        if end > start
            && (matches!(t.lower.as_str(), "who" | "which")
                || poll_out
                || lexicon::is_finite_verb_word(&t.lower)
                || (!t.cap
                    && lexicon::opens_adverbial(&t.lower)
                    && !matches!(t.lower.as_str(), "in" | "from")))
        {
            break;
        }
        end += 1;
    }
    if end == start {
        return None;
    }
    let cue_start = cue.tokens.start;
    // The phrase opens its clause at the sentence start, after a colon or semicolon ("It has not
    // gone unnoticed: According to recent polls, Trump holds …") or after "And" / "But".
    let opens_clause = cue_start == sentence.start
        || (cue_start > sentence.start && doc.is_punct_at(cue_start - 1, ":;"))
        || (cue_start == sentence.start + 1
            && matches!(doc.lower(sentence.start), "and" | "but" | "so" | "yet"));
    // "According to early results of exit polls conducted for the AP by Edison Research, at
    // least 8 in 10 …": a long source phrase runs on to the comma that closes it.
    let comma = opens_clause
        .then(|| closing_comma(doc, end, sentence.end))
        .flatten();
    if end - start > 12 && comma.is_none() && opens_clause {
        return None;
    }
    let head = cut_relative(doc, start, end.min(start + 12));
    // The comma closing the source phrase, past a relative clause ("according to members who
    // spoke with reporters afterward, was …").
    let close = if doc.is_punct_at(end, ",") {
        Some(end)
    } else {
        closing_comma(doc, end, sentence.end)
    };
    let parenthetical = cue_start > sentence.start
        && doc.is_punct_at(cue_start - 1, ",")
        && close
            .is_some_and(|c| c + 2 < sentence.end && doc.tok(c + 1).is_some_and(|t| t.is_word()));
    let aside = parenthetical_aside(doc, sentence, cue_start, end);
    let content = if let Some(range) = aside.filter(|_| !opens_clause) {
        // "(93 percent of voters there were white, according to exit polls)": the aside's words.
        ContentSide::Itself(range)
    } else if opens_clause {
        ContentSide::After {
            start: comma.map_or(end + 1, |c| c + 1),
        }
    } else if end - start > 12 {
        ContentSide::Before { end: cue_start }
    } else if parenthetical {
        // "The findings, according to our correspondent, contain few surprises."
        ContentSide::Itself(sentence)
    } else {
        ContentSide::Before { end: cue_start }
    };
    Some(CueParse {
        kind: cue.kind,
        cue: cue.tokens,
        speaker: Some(SpeakerSide::Phrase(SpeakerPhrase {
            tokens: TokenRange::new(start, head.head_end),
            descriptor: head.relative,
            reason: None,
            mention: None,
        })),
        content,
        leftmost: cue_start,
        rightmost: end,
        weak_heads_ok: true,
        nested: false,
    })
}
