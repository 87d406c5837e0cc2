//! One sentence's attributions: its cues are parsed left to right, each content is cut where the
//! next cue begins (or starts where the previous one ended), the speaker is resolved, and the
//! content becomes a direct quote (when it opens with a quotation), reported speech or a
//! non-response.
//!
//! Work per sentence is linear in its length: cues are found in one pass, the next cue's edge is
//! precomputed, the sentence's anonymity reason is searched once, and the quotes inside a content
//! are found by binary search in the document's quote list. Contents of different cues do not
//! overlap, except that a parenthetical "according to" claims its whole sentence: at most
//! [`MAX_WHOLE_SENTENCE_CONTENTS`] of those per sentence, so the output stays linear too.

use newsgraph_model::{AttributionKind, Span, SpeakerKind};

use super::content::trim_content;
use super::cues::{
    find_cues, parse_cue, ContentSide, Cue, CueKind, CueParse, SpeakerPhrase, SpeakerSide,
};
use super::doc::{Doc, Tok};
use super::lexicon::{self, NounClass};
use super::range::TokenRange;
use super::speaker::{Resolver, SpeakerRef};
use super::subjects::{find_reason, sentence_subject};
use super::verb_cue::{pronoun_cue_opens, quote_ends_before};
use super::words;
use super::{Findings, Found};

/// How many cues of one sentence may take the whole sentence as their content.
const MAX_WHOLE_SENTENCE_CONTENTS: usize = 4;

/// Finds the attributions of `sentence` and adds them to `found`.
pub(super) fn analyze_sentence(
    doc: &Doc,
    res: &mut Resolver,
    found: &mut Findings,
    sentence: TokenRange,
) {
    let parses = parse_cues(doc, sentence);
    let next_lefts = next_cue_edges(doc, &parses, sentence.end);
    let mut ctx = SentenceContext {
        sentence,
        speaker: None,
        reason: None,
    };
    let mut prev_rightmost: Option<usize> = None;
    let mut whole_sentence_contents = 0;
    for (p, next_left) in parses.iter().zip(next_lefts) {
        let range = match p.content {
            ContentSide::After { start } => {
                let end = next_left.max(start);
                let end = relative_clause_end(doc, p, start, end);
                TokenRange::new(start, fronted_clause_end(doc, sentence, p, start, end))
            }
            ContentSide::Before { end } => {
                let start = prev_rightmost
                    .map(|r| r + 1)
                    .unwrap_or(sentence.start)
                    .max(sentence.start);
                let reach = Reach {
                    start,
                    next_left,
                    sentence_end: sentence.end,
                };
                TokenRange::new(start, parenthetical_end(doc, p, end, reach))
            }
            ContentSide::Itself(range) => range,
        };
        prev_rightmost = Some(p.right_edge());
        if p.content == ContentSide::Itself(sentence) {
            // Only a parenthetical "according to" claims the whole sentence; past a few of them
            // (never seen in news) each would copy the sentence again.
            whole_sentence_contents += 1;
            if whole_sentence_contents > MAX_WHOLE_SENTENCE_CONTENTS {
                continue;
            }
        }
        match trim_content(doc, range) {
            Some(content) => emit_parse(doc, res, found, &mut ctx, p, content),
            None => note_speaker_without_content(doc, res, found, &mut ctx, p),
        }
    }
}

/// "After Clinton said she would release them, the crowd cheered": a cue inside a fronted
/// adverbial clause (opened by a subordinating conjunction, no comma before the cue) reports up
/// to the comma that closes the clause, where the main clause begins. `end` otherwise.
fn fronted_clause_end(
    doc: &Doc,
    sentence: TokenRange,
    p: &CueParse,
    start: usize,
    end: usize,
) -> usize {
    let fronted = words::SUBORDINATING_CONJUNCTIONS.contains(doc.lower(sentence.start))
        && !(sentence.start..p.cue.start).any(|k| doc.is_punct_at(k, ",;:"));
    if !fronted {
        return end;
    }
    closing_comma(doc, start, end, |_| true).unwrap_or(end)
}

/// The first comma outside quotation marks in `start + 1..end` that a word outside quotation
/// marks follows, neither a dangling conjunction ("and", "but") nor refused by `next_ok`: where a
/// clause set off by commas closes.
fn closing_comma(
    doc: &Doc,
    start: usize,
    end: usize,
    next_ok: impl Fn(&Tok) -> bool,
) -> Option<usize> {
    (start + 1..end).find(|&k| {
        doc.is_punct_at(k, ",")
            && doc.tok(k).is_some_and(|t| t.quote.is_none())
            && doc.tok(k + 1).is_some_and(|n| {
                n.is_word()
                    && n.quote.is_none()
                    && !words::DANGLING_CONJUNCTIONS.contains(&n.lower)
                    && next_ok(n)
            })
    })
}

/// The cue of `p` is a reporting verb ("said", "told") whose speaker is the relative pronoun of a
/// clause set off by a comma ("Barkley, who said …").
fn reports_in_relative_clause(doc: &Doc, p: &CueParse) -> bool {
    let Some(SpeakerSide::Phrase(phrase)) = &p.speaker else {
        return false;
    };
    lexicon::is_reporting_verb(doc.lower(p.cue.start))
        && phrase.mention.is_some_and(|m| {
            m.len() == 1
                && matches!(doc.lower(m.start), "who" | "which")
                && m.start
                    .checked_sub(1)
                    .is_some_and(|k| doc.is_punct_at(k, ","))
        })
}

/// "Barkley, who said he votes Democratic, likes one candidate": the content of a cue inside a
/// relative clause set off by commas ends at the comma that closes the clause, before the main
/// clause's verb goes on. `end` otherwise.
fn relative_clause_end(doc: &Doc, p: &CueParse, start: usize, end: usize) -> usize {
    if !reports_in_relative_clause(doc, p) {
        return end;
    }
    // The main clause's verb follows the comma: lower case, no clause opener ("he", "that").
    closing_comma(doc, start, end, |n| {
        !n.cap
            && !words::CLAUSE_OPENING_WORDS.contains(&n.lower)
            && !words::NON_CONTENT_AFTER_COMMA.contains(&n.lower)
    })
    .unwrap_or(end)
}

/// The most words of a sentence opener that a parenthetical cue follows ("Instead, she said, …",
/// "In fact, he said, …").
const MAX_OPENER_WORDS: usize = 2;

/// Where a content before its cue may reach: it starts at `start`; the next cue's parse starts
/// at `next_left`, the sentence ends at `sentence_end`.
struct Reach {
    start: usize,
    next_left: usize,
    sentence_end: usize,
}

/// "Acts of protest, Mr. Obama said, are acts of patriotism": a cue set off by commas inside
/// its clause. The statement runs on after the cue, so its content spans both sides, the cue
/// between (as annotated corpora merge a discontinuous content), up to the next cue; otherwise
/// the content ends at `end`, before the speaker. After a short opener ("Recently, he said, he
/// has realized …", "Instead, she said, her boss told her …") the clause after the cue is the
/// statement even when it holds a cue of its own, so the content runs to the sentence end: it
/// used to stop at that cue and leave the opener alone as the content (PolNeAR annotates the
/// whole sentence).
fn parenthetical_end(doc: &Doc, p: &CueParse, end: usize, reach: Reach) -> usize {
    let after = p.right_edge() + 1;
    let short_opener = end > reach.start
        && end - reach.start <= MAX_OPENER_WORDS + 1
        && doc.is_punct_at(end - 1, ",")
        && (reach.start..end - 1)
            .all(|k| doc.tok(k).is_some_and(|t| t.is_word() && t.quote.is_none()));
    let limit = if short_opener && reach.next_left <= after + 2 {
        reach.sentence_end
    } else {
        reach.next_left
    };
    let resumes = doc.is_punct_at(after, ",")
        && doc
            .tok(after + 1)
            .is_some_and(|t| t.is_word() && t.quote.is_none() && !t.lower.ends_with("ing"))
        && !matches!(doc.lower(after + 1), "who" | "which" | "whose")
        && doc
            .tok(end.saturating_sub(1))
            .is_some_and(|t| t.quote.is_none())
        && limit > after + 2;
    if resumes {
        limit
    } else {
        end
    }
}

/// What the sentence's parses share: the last resolved speaker (for "…, adding that …") and the
/// sentence's anonymity reason, searched once.
struct SentenceContext {
    sentence: TokenRange,
    speaker: Option<SpeakerRef>,
    reason: Option<Option<Span>>,
}

impl SentenceContext {
    fn reason(&mut self, doc: &Doc) -> Option<Span> {
        let sentence = self.sentence;
        *self
            .reason
            .get_or_insert_with(|| find_reason(doc, sentence))
    }
}

/// The sentence's cue parses, without cues inside an earlier cue's speaker or hearer and without
/// cues nested at the start of the previous content ("Lemon said he estimated …").
fn parse_cues(doc: &Doc, sentence: TokenRange) -> Vec<CueParse> {
    let mut parses: Vec<CueParse> = Vec::new();
    let mut used_until = sentence.start; // tokens before this belong to an earlier cue's speaker/hearer
    for cue in find_cues(doc, sentence) {
        if cue.tokens.start < used_until || weak_cue_inside_content(doc, &cue, parses.last()) {
            continue;
        }
        let Some(mut p) = parse_cue(doc, sentence, cue, parses.last()) else {
            continue;
        };
        if let Some(last) = parses.last() {
            closing_relative_of_inverted(&mut p, last);
        }
        if let Some(ContentSide::After { start }) = parses.last().map(|last| last.content) {
            let nested_start = p.leftmost <= start + 1 && p.leftmost >= start;
            let non_response = matches!(p.kind, CueKind::NonResponse(_));
            if nested_start && !non_response && !matches!(p.speaker, Some(SpeakerSide::Previous)) {
                continue;
            }
            p.nested = nested_start && non_response;
        }
        used_until = p.rightmost + 1;
        parses.push(p);
    }
    parses
}

/// "“…,” said Scott Reed, the group's strategist, who added that …": the relative clause right
/// after an inverted speaker and its appositive is about that speaker, whom the antecedent walk
/// from "who" would cut to the appositive's last words ("strategist").
fn closing_relative_of_inverted(p: &mut CueParse, last: &CueParse) {
    let (Some(SpeakerSide::Phrase(phrase)), Some(SpeakerSide::Phrase(outer))) =
        (p.speaker.as_mut(), last.speaker)
    else {
        return;
    };
    let Some(mention) = phrase.mention else {
        return;
    };
    let right_after = mention.start > last.rightmost && mention.start <= last.rightmost + 2;
    if matches!(last.content, ContentSide::Before { .. })
        && right_after
        && outer.tokens.end <= mention.start
    {
        phrase.tokens = outer.tokens;
        phrase.descriptor = outer.descriptor;
    }
}

/// "research found 81% of voters feel strongly that …", "he said the plan appeared to work": a
/// belief verb without "that", or an evidential verb, inside the content of an earlier cue is
/// part of what that cue reports, not a cue of its own.
fn weak_cue_inside_content(doc: &Doc, cue: &Cue, prev: Option<&CueParse>) -> bool {
    let i = cue.tokens.start;
    let weak = match cue.kind {
        CueKind::Verb => lexicon::is_bare_belief_cue(doc.lower(i)) && doc.lower(i + 1) != "that",
        CueKind::Evidential => true,
        _ => false,
    };
    weak && matches!(prev.map(|p| p.content), Some(ContentSide::After { start }) if start <= i)
}

/// For each parse, the leftmost token of the next parse that is not nested (the sentence end if
/// none): where an "after" content stops.
fn next_cue_edges(doc: &Doc, parses: &[CueParse], sentence_end: usize) -> Vec<usize> {
    let mut edges = vec![sentence_end; parses.len()];
    // The next cue's leftmost token and its cue's first token.
    let (mut next, mut next_cue) = (sentence_end, sentence_end);
    for (edge, p) in edges.iter_mut().zip(parses).rev() {
        // "Barkley, who said he votes Democratic, said …": when the next cue's speaker phrase
        // holds this reporting cue of a relative clause, this content runs up to that cue, not
        // to the phrase's start ("…, who released a statement, said" reports no statement).
        *edge = if next >= p.cue.end || !reports_in_relative_clause(doc, p) {
            next
        } else {
            next_cue
        };
        if !p.nested {
            next = p.leftmost;
            next_cue = p.cue.start;
        }
    }
    edges
}

/// A cue without content still names someone later pronouns may mean; "X said:" ending a
/// paragraph introduces the next quote.
fn note_speaker_without_content(
    doc: &Doc,
    res: &mut Resolver,
    found: &mut Findings,
    ctx: &mut SentenceContext,
    p: &CueParse,
) {
    if let Some(SpeakerSide::Phrase(phrase)) = p.speaker {
        if let Some(sp) = resolve(doc, res, &phrase, p.weak_heads_ok) {
            if matches!(sp.kind, SpeakerKind::NamedPerson) {
                res.note_speaker(doc, phrase.tokens.start, &sp);
            }
            ctx.speaker = Some(sp);
        }
    }
    if matches!(p.content, ContentSide::After { .. }) && doc.is_punct_at(p.cue.end, ":") {
        attach_next_quote(doc, found, p, ctx.speaker.clone(), ctx.sentence.end);
    }
}

/// The speaker a phrase names, cited by its `mention` when it has one.
pub(super) fn resolve(
    doc: &Doc,
    res: &mut Resolver,
    phrase: &SpeakerPhrase,
    weak_heads_ok: bool,
) -> Option<SpeakerRef> {
    let mut sp = res.resolve(
        doc,
        phrase.tokens.start,
        phrase.tokens.end,
        phrase.descriptor,
        phrase.reason,
        weak_heads_ok,
    )?;
    if let Some(m) = phrase.mention.and_then(|m| doc.span_of_range(m)) {
        sp.mention = m;
    }
    Some(sp)
}

/// Resolves the parse's speaker and emits its content.
fn emit_parse(
    doc: &Doc,
    res: &mut Resolver,
    found: &mut Findings,
    ctx: &mut SentenceContext,
    p: &CueParse,
    content: TokenRange,
) {
    let speaker = match p.speaker {
        Some(SpeakerSide::Phrase(phrase)) => {
            let Some(sp) = resolve_content_speaker(doc, res, p, &phrase, content) else {
                return;
            };
            sp
        }
        Some(SpeakerSide::Previous) => ctx
            .speaker
            .clone()
            .or_else(|| participle_subject(doc, res, ctx.sentence, p, content)),
        None => None,
    };
    // Anonymity reason anywhere in the sentence for anonymous sources.
    let speaker = speaker.map(|mut sp| {
        if sp.kind.is_anonymous() && sp.anonymity_reason.is_none() {
            sp.anonymity_reason = ctx.reason(doc).map(|r| r.slice(doc.text).to_string());
        }
        sp
    });
    if speaker.is_some() {
        ctx.speaker = speaker.clone();
    }
    let cue = doc.span_of_range(p.cue);
    // A programme title inside the cue ("told ABC's “Good Morning America” that") is no quote of
    // its own.
    for k in p.cue.indices() {
        if let Some(qi) = doc.quote_opened_at(k) {
            found.claim_quote(qi);
        }
    }
    let para = doc.tok(content.start).map(|t| t.para).unwrap_or(0);
    match p.kind {
        CueKind::NonResponse(kind) => {
            if let Some(span) = doc.span_of_range(content) {
                found.found.push(Found {
                    kind: AttributionKind::NonResponse,
                    content: span,
                    cue,
                    speaker,
                    response: Some(kind),
                    para,
                    first_tok: content.start,
                    quote: None,
                });
            }
        }
        _ => emit_content(doc, found, content, cue, speaker, para),
    }
}

/// "Sanders hit back, saying …" where no earlier cue of the sentence left a resolved speaker (its
/// speaker phrase was no source, or it had none): the participle's speaker is the sentence's
/// subject, as when it is the sentence's first cue.
fn participle_subject(
    doc: &Doc,
    res: &mut Resolver,
    sentence: TokenRange,
    p: &CueParse,
    content: TokenRange,
) -> Option<SpeakerRef> {
    if !doc.lower(p.cue.start).ends_with("ing") {
        return None;
    }
    let subject = sentence_subject(doc, sentence.start, p.cue.start)?;
    resolve_content_speaker(doc, res, p, &SpeakerPhrase::bare(subject), content).flatten()
}

/// Resolves the speaker phrase of a parse with content. The outer `None` drops the parse (a verb
/// cue whose speaker cannot be resolved); the inner one is an attribution without speaker.
fn resolve_content_speaker(
    doc: &Doc,
    res: &mut Resolver,
    p: &CueParse,
    phrase: &SpeakerPhrase,
    content: TokenRange,
) -> Option<Option<SpeakerRef>> {
    if let Some(cs) = doc.span_of_range(content) {
        res.note_content(cs);
    }
    // Names inside a descriptor ("an outspoken Rakhmon critic") are not antecedents.
    if let Some(d) = phrase.descriptor {
        res.note_content(d);
    }
    let phrase = &SpeakerPhrase {
        tokens: noun_phrase_part(doc, phrase.tokens),
        ..*phrase
    };
    let mut sp = resolve(doc, res, phrase, p.weak_heads_ok);
    let span = (phrase.tokens.start, phrase.tokens.end);
    if sp.is_none() && matches!(p.kind, CueKind::According) {
        sp = res.cited_source(doc, span, NounClass::Document);
    }
    if sp.is_none() && matches!(p.kind, CueKind::Verb) && frames_quote(doc, p, phrase) {
        sp = res.cited_source(doc, span, NounClass::Person);
    }
    // "About 4 in 10 say they want …": the pronoun repeating the phrase makes it the speaker.
    if sp.is_none()
        && matches!(p.kind, CueKind::Verb)
        && !doc.lower(p.cue.start).ends_with("ing")
        && matches!(p.content, ContentSide::After { start } if start == content.start)
        && pronoun_cue_opens(doc, content.start)
        && !holds_past_verb(doc, phrase.tokens)
    {
        sp = res.cited_source(doc, span, NounClass::Person);
    }
    // "The plaintiffs insisted the ruling was unfair", "Trump's team thinks she …", "Rubio's
    // campaign argued that …": before a strong reporting verb or a belief verb whose clause
    // follows it, or any reporting or belief verb followed by "that", a subject no speaker class
    // covers is still the speaker (PolNeAR train: overlap matches +42, exact +33, speaker +27
    // correct of 40 new, for 53 more predictions).
    let cue_word = doc.lower(p.cue.start);
    let before_that = doc.lower(content.start) == "that";
    if sp.is_none()
        && matches!(p.kind, CueKind::Verb)
        && (words::STRONG_REPORTING_VERBS.contains(cue_word)
            || lexicon::is_bare_belief_cue(cue_word)
            || before_that
                && (lexicon::is_that_clause_cue(cue_word) || lexicon::is_reporting_verb(cue_word)))
        && matches!(p.content, ContentSide::After { start } if start == content.start)
        && phrase.tokens.len() <= MAX_UNCLASSED_SUBJECT
        && !holds_past_verb(doc, phrase.tokens)
        && doc.tok(phrase.tokens.start).is_some_and(|t| t.is_word())
    {
        sp = res.cited_source(doc, span, NounClass::Person);
    }
    if sp.is_none() && matches!(p.kind, CueKind::Verb) {
        return None;
    }
    // "four in 10 who said they …": a speaker found by the fallbacks above is still named in the
    // text by the relative pronoun.
    if let (Some(spk), Some(m)) = (
        sp.as_mut(),
        phrase.mention.and_then(|m| doc.span_of_range(m)),
    ) {
        spk.mention = m;
    }
    if let (Some(spk), ContentSide::After { .. }) = (sp.as_mut(), p.content) {
        // "X said he …": the pronoun opening the content tells the speaker's gender.
        let gender = match doc.lower(content.start) {
            "he" => Some(lexicon::Gender::Male),
            "she" => Some(lexicon::Gender::Female),
            _ => None,
        };
        if let Some(g) = gender {
            res.note_gender(spk, g);
        }
    }
    if let Some(sp) = &sp {
        res.note_speaker(doc, phrase.tokens.start, sp);
    }
    Some(sp)
}

/// The longest subject, in tokens, that [`resolve_content_speaker`] takes as the speaker of a
/// strong reporting verb without a speaker class ("Supporters of a federally mandated $15 minimum
/// wage"). PolNeAR train, against 5: at 8 overlap matches +8, exact +7, speaker +8 for 12 more
/// predictions; at 12 another +5, +3, +5 for 6 more.
const MAX_UNCLASSED_SUBJECT: usize = 12;

/// A phrase with a finite verb not read as a plural noun ("The bickering began", "pushed
/// Democrats to …") is a clause, no speaker; "six states" passes.
fn holds_past_verb(doc: &Doc, tokens: TokenRange) -> bool {
    tokens.indices().any(|k| {
        doc.tok(k).is_some_and(|t| {
            !t.cap && lexicon::is_finite_verb_word(&t.lower) && !t.lower.ends_with('s')
        })
    })
}

/// The verb and its speaker phrase frame a quotation, so the phrase can only be its speaker:
/// "“…,” said the designer", "“…,” one Democrat familiar with the talks said", "Another
/// commenter said, “…”".
fn frames_quote(doc: &Doc, p: &CueParse, phrase: &SpeakerPhrase) -> bool {
    match p.content {
        ContentSide::Before { .. } => {
            quote_ends_before(doc, p.cue.start) || quote_ends_before(doc, phrase.tokens.start)
        }
        ContentSide::After { start } => (start..start + 2).any(|k| {
            doc.tok(k)
                .is_some_and(|t| t.quote.is_some() && !t.is_word())
        }),
        ContentSide::Itself(_) => false,
    }
}

/// The noun phrase a speaker phrase opens with: up to its first finite verb ("The agency also
/// met" → "The agency") and without trailing function words ("the debate moderators of" → "the
/// debate moderators"). Phrases whose words are all kept, and one-word phrases, are unchanged.
fn noun_phrase_part(doc: &Doc, tokens: TokenRange) -> TokenRange {
    if tokens.len() < 2 {
        return tokens;
    }
    let mut end = (tokens.start + 1..tokens.end)
        .find(|&k| {
            doc.tok(k)
                .is_some_and(|t| !t.cap && lexicon::is_finite_verb_word(&t.lower))
        })
        .unwrap_or(tokens.end);
    while end > tokens.start + 1
        && doc.tok(end - 1).is_some_and(|t| {
            !t.cap
                && (lexicon::is_determiner(&t.lower)
                    || lexicon::is_preposition(&t.lower)
                    || matches!(t.lower.as_str(), "and" | "or" | "but" | "how" | "also"))
        })
    {
        end -= 1;
    }
    TokenRange::new(tokens.start, end)
}

/// "X said:" ending a paragraph: the next quote (in this or the next paragraph) is X's.
fn attach_next_quote(
    doc: &Doc,
    found: &mut Findings,
    p: &CueParse,
    speaker: Option<SpeakerRef>,
    sentence_end: usize,
) {
    let para = doc.tok(p.cue.start).map(|t| t.para).unwrap_or(0);
    // Quotes are in text order and their paragraphs never decrease, so the first quote after the
    // sentence is the only candidate.
    let qi = doc.first_quote_from(sentence_end);
    let Some(q) = doc.quotes.get(qi).filter(|q| q.para <= para + 1) else {
        return;
    };
    if !found.quote_is_free(qi) {
        return;
    }
    found.claim_quote(qi);
    found.found.push(Found {
        kind: AttributionKind::Direct,
        content: q.inner,
        cue: doc.span_of_range(p.cue),
        speaker,
        response: None,
        para: q.para,
        first_tok: q.open,
        quote: Some(qi),
    });
}

/// Emits a direct quote when the content begins with a quotation, otherwise reported speech whose
/// content may contain quoted fragments.
fn emit_content(
    doc: &Doc,
    found: &mut Findings,
    content: TokenRange,
    cue: Option<Span>,
    speaker: Option<SpeakerRef>,
    para: usize,
) {
    // `said that "…"` where the quotation is the whole clause: a direct quote all the same.
    let quote_start = if doc.lower(content.start) == "that" {
        content.start + 1
    } else {
        content.start
    };
    if let Some(qi) = doc.quote_opened_at(quote_start) {
        if let Some(q) = doc.quotes.get(qi) {
            // The quote itself; other quotes in the range are left for the follow-up pass.
            if found.quote_is_free(qi) {
                found.claim_quote(qi);
                // After "that" the clause is the content, quotation marks and all (PolNeAR keeps
                // the complementizer and any words after the quote); a bare quote is its words.
                let clause = (quote_start != content.start)
                    .then(|| doc.span_of_range(content))
                    .flatten()
                    .map(|c| Span::new(c.start, c.end.max(q.inner.end)));
                found.found.push(Found {
                    kind: AttributionKind::Direct,
                    content: clause.unwrap_or(q.inner),
                    cue,
                    speaker,
                    response: None,
                    para: q.para,
                    first_tok: q.open,
                    quote: Some(qi),
                });
            }
            // Text after the quote that is more than a tail ("… at the Olympics") stays unattributed.
            return;
        }
    }
    let Some(span) = doc.span_of_range(content) else {
        return;
    };
    // Quotes inside reported content are fragments of it.
    let first = doc.first_quote_from(content.start);
    let inside: Vec<usize> = doc
        .quotes
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|q| q.open < content.end)
        .enumerate()
        .filter(|(_, q)| q.last < content.end)
        .map(|(k, _)| first + k)
        .collect();
    for qi in inside {
        found.claim_quote(qi);
    }
    found.found.push(Found {
        kind: AttributionKind::Reported,
        content: span,
        cue,
        speaker,
        response: None,
        para,
        first_tok: content.start,
        quote: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str) -> String {
        let doc = Doc::new(text, &[]);
        let all = TokenRange::new(0, doc.toks.len());
        doc.slice(all.start, noun_phrase_part(&doc, all).end)
            .to_string()
    }

    #[test]
    fn a_speaker_phrase_is_cut_to_its_noun_phrase() {
        assert_eq!(part("the debate moderators of"), "the debate moderators");
        assert_eq!(part("the DNC has a"), "the DNC");
        assert_eq!(part("The deal and how"), "The deal");
        assert_eq!(part("Senator Jane Doe"), "Senator Jane Doe");
        assert_eq!(
            part("a spokesman for the Home Office"),
            "a spokesman for the Home Office"
        );
    }
}
