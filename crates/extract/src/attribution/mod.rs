//! Direct quotes, reported speech, speakers, source kinds and non-responses.
//!
//! A rule-based extractor built for news prose:
//! 1. [`doc`] tokenises the article, pairs quotation marks (curly or straight, across paragraphs,
//!    tolerating unbalanced marks) and splits quote-aware sentences;
//! 2. each sentence's reporting cues (a lexicon of reporting verbs, "according to", non-response
//!    phrases) are parsed into speaker and content: `X said (that) …`, `…, X said`, `…, said X, a …`,
//!    `X told Reuters …`, `X, a …, said …`, `…, adding that …`, `“…” Varki recalled the officers asking`;
//! 3. quotes no cue covers go to the speaker of the neighbouring quotes (cue-less follow-ups), or are
//!    marked as scare quotes when they are short terms inside a sentence;
//! 4. [`speaker`] classifies each speaker phrase (named person, anonymous person or group, named
//!    organisation, unnamed institution) and resolves pronouns, surnames and "the source" within the
//!    article.
//!
//! The sentence spans given by the caller are not used: the rules need sentences that never end
//! inside a quotation, which [`doc`] builds itself.

mod doc;
mod lexicon;
mod speaker;

use newsgraph_model::{
    Attribution, AttributionKind, Entity, ResponseKind, Span, Speaker, TextSpan,
};

use doc::{Doc, TokKind};
use speaker::{Resolver, SpeakerRef};

/// Every attribution in `text`, in text order.
pub fn extract_attributions(
    text: &str,
    paragraphs: &[Span],
    _sentences: &[Span],
    entities: &[Entity],
) -> Vec<Attribution> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, paragraphs);
    let mut resolver = Resolver::new(&doc, entities);
    let mut state = State {
        found: Vec::new(),
        quote_used: vec![false; doc.quotes.len()],
        quote_owner: vec![None; doc.quotes.len()],
    };
    for &(s, e) in &doc.sentences {
        analyze_sentence(&doc, &mut resolver, &mut state, s, e);
    }
    attach_leftover_quotes(&doc, &mut state);
    let mut out: Vec<Attribution> = state
        .found
        .into_iter()
        .map(|f| to_attribution(&doc, f))
        .collect();
    out.sort_by_key(|a| (a.content.start, a.content.end));
    out
}

#[derive(Debug, Clone)]
struct Found {
    kind: AttributionKind,
    content: Span,
    cue: Option<Span>,
    speaker: Option<SpeakerRef>,
    response: Option<ResponseKind>,
    para: usize,
    /// Token where the content starts (for ordering leftovers).
    first_tok: usize,
    /// The quote this attribution's content is, for direct quotes.
    quote: Option<usize>,
}

struct State {
    found: Vec<Found>,
    quote_used: Vec<bool>,
    /// Index into `found` of the attribution a quote belongs to.
    quote_owner: Vec<Option<usize>>,
}

fn to_attribution(doc: &Doc, f: Found) -> Attribution {
    let speaker = f.speaker.map(|s| Speaker {
        start: s.mention.start,
        end: s.mention.end,
        text: s.mention.slice(doc.text).to_string(),
        name: s.name,
        kind: Some(s.kind),
        descriptor: s.descriptor,
        anonymity_reason: s.anonymity_reason,
    });
    Attribution {
        kind: f.kind,
        content: TextSpan::from_span(f.content, doc.text),
        cue: f.cue.map(|c| TextSpan::from_span(c, doc.text)),
        speaker,
        response: f.response,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CueKind {
    Verb,
    According,
    NonResponse(ResponseKind),
}

/// Where a cue's speaker is.
#[derive(Debug, Clone, Copy)]
enum SpeakerSide {
    /// Tokens `[a, b)` with an optional descriptor and anonymity reason.
    Phrase {
        a: usize,
        b: usize,
        descriptor: Option<Span>,
        reason: Option<Span>,
    },
    /// The subject of the previous cue in the sentence ("…, adding that …", "but told them: …").
    Previous,
}

/// Where a cue's content is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ContentSide {
    /// Before the speaker, back to the sentence start or the previous cue.
    Before { end: usize },
    /// From token `start` to the sentence end or the next cue.
    After { start: usize },
    /// The cue phrase itself (non-responses), tokens `[a, b)`.
    Itself { a: usize, b: usize },
}

#[derive(Debug, Clone)]
struct CueParse {
    kind: CueKind,
    cue: (usize, usize),
    speaker: Option<SpeakerSide>,
    content: ContentSide,
    /// Leftmost and rightmost tokens the cue, its speaker and hearer use.
    left: usize,
    right: usize,
    weak_heads_ok: bool,
    /// Sits at the start of the previous cue's content ("said Downing Street had no comment"):
    /// emitted, but it does not cut that content.
    nested: bool,
}

fn is_punct(doc: &Doc, i: usize, chars: &str) -> bool {
    doc.tok(i)
        .is_some_and(|t| matches!(t.kind, TokKind::Punct(c) if chars.contains(c)))
}

fn is_opening_mark(doc: &Doc, i: usize) -> Option<usize> {
    let t = doc.tok(i)?;
    let q = t.quote?;
    (doc.quotes.get(q)?.open == i).then_some(q)
}

fn is_closing_mark(doc: &Doc, i: usize) -> bool {
    doc.tok(i)
        .and_then(|t| t.quote)
        .and_then(|q| doc.quotes.get(q))
        .is_some_and(|q| q.last == i)
}

/// A non-response phrase starting at token `i`: its kind and end (exclusive).
fn match_non_response(doc: &Doc, i: usize, e: usize) -> Option<(ResponseKind, usize)> {
    let w = |k: usize| if k < e { doc.lower(i + k) } else { "" };
    let first = w(0);
    let negated = |k: usize| -> Option<usize> {
        // did not / didn't / has not … (+ immediately)
        let mut k = k;
        match w(k) {
            "did" | "does" | "has" | "have" | "had" | "would" | "will" | "could" | "was"
            | "were" | "is" | "are"
                if w(k + 1) == "not" =>
            {
                k += 2
            }
            "didn't" | "doesn't" | "hasn't" | "haven't" | "hadn't" | "wouldn't" | "won't"
            | "couldn't" | "wasn't" | "weren't" | "isn't" | "aren't" => k += 1,
            _ => return None,
        }
        if w(k) == "immediately" || w(k) == "yet" {
            k += 1;
        }
        Some(k)
    };
    let tail_to_clause_end = |mut k: usize, max: usize| -> usize {
        let start = k;
        while i + k < e && k - start < max {
            let t = doc.tok(i + k);
            if t.is_none_or(|t| matches!(t.kind, TokKind::Punct(',' | '.' | ';' | ':')))
                || matches!(w(k), "which" | "who" | "but" | "and" | "while")
            {
                break;
            }
            k += 1;
        }
        k
    };
    if matches!(
        first,
        "declined" | "declines" | "declining" | "refused" | "refuses" | "refusing"
    ) {
        let mut k = 1;
        if w(k) == "to" {
            k += 1;
            if matches!(w(k), "immediately" | "publicly" | "further" | "officially") {
                k += 1;
            }
            if matches!(
                w(k),
                "comment"
                    | "discuss"
                    | "elaborate"
                    | "respond"
                    | "say"
                    | "confirm"
                    | "speak"
                    | "answer"
                    | "reply"
                    | "give"
                    | "provide"
                    | "make"
                    | "specify"
                    | "detail"
            ) {
                return Some((ResponseKind::Declined, i + tail_to_clause_end(k + 1, 6)));
            }
            if w(k) == "be" && matches!(w(k + 1), "interviewed" | "drawn") {
                return Some((ResponseKind::Declined, i + k + 2));
            }
            return None;
        }
        if matches!(w(k), "comment" | "requests" | "a" | "interview" | "an") {
            let end = tail_to_clause_end(k, 6);
            let phrase: Vec<&str> = (k..end).map(w).collect();
            if phrase.iter().any(|p| matches!(*p, "comment" | "interview")) {
                return Some((ResponseKind::Declined, i + end));
            }
        }
        return None;
    }
    if first == "referred"
        && matches!(
            w(1),
            "questions"
                | "inquiries"
                | "enquiries"
                | "queries"
                | "requests"
                | "calls"
                | "reporters"
                | "all"
                | "comment"
        )
    {
        // through "to X"
        let end = tail_to_clause_end(2, 12);
        if (2..end).any(|x| w(x) == "to") {
            return Some((ResponseKind::Referred, i + end));
        }
        return None;
    }
    if first == "could" || first == "couldn't" || first == "can" {
        let k0 = if first == "couldn't" {
            1
        } else if w(1) == "not" {
            2
        } else {
            return None;
        };
        let mut k = k0;
        if w(k) == "immediately" {
            k += 1;
        }
        if w(k) == "be" && matches!(w(k + 1), "reached" | "contacted") {
            return Some((ResponseKind::Unreachable, i + tail_to_clause_end(k + 2, 4)));
        }
        return None;
    }
    if matches!(first, "was" | "were" | "is" | "are") && w(1) == "unavailable" && w(2) == "for" {
        return Some((ResponseKind::Unreachable, i + 4));
    }
    if let Some(k) = negated(0) {
        let v = w(k);
        if matches!(
            v,
            "respond"
                | "responded"
                | "reply"
                | "replied"
                | "return"
                | "returned"
                | "answer"
                | "answered"
        ) {
            return Some((ResponseKind::NoResponse, i + tail_to_clause_end(k + 1, 8)));
        }
        if matches!(v, "comment" | "commented") {
            return Some((ResponseKind::Declined, i + tail_to_clause_end(k + 1, 4)));
        }
        if v == "available" && w(k + 1) == "for" {
            return Some((ResponseKind::Unreachable, i + k + 3));
        }
        if v == "be" && matches!(w(k + 1), "reached" | "contacted") {
            return Some((ResponseKind::Unreachable, i + tail_to_clause_end(k + 2, 4)));
        }
        if v == "be" && w(k + 1) == "drawn" {
            return Some((ResponseKind::Declined, i + tail_to_clause_end(k + 2, 6)));
        }
    }
    if matches!(first, "had" | "has" | "have")
        && w(1) == "no"
        && (w(2) == "comment" || (w(2) == "immediate" && w(3) == "comment"))
    {
        return Some((ResponseKind::Declined, i + tail_to_clause_end(2, 5)));
    }
    if matches!(first, "refused" | "declined") && w(1) == "to" && w(2) == "be" && w(3) == "drawn" {
        return Some((ResponseKind::Declined, i + tail_to_clause_end(4, 6)));
    }
    None
}

/// Cue candidates of the sentence `[s, e)`.
fn find_cues(doc: &Doc, s: usize, e: usize) -> Vec<(usize, usize, CueKind)> {
    let mut out = Vec::new();
    let mut i = s;
    while i < e {
        let Some(t) = doc.tok(i) else { break };
        if t.quote.is_some() || !t.is_word() {
            i += 1;
            continue;
        }
        if let Some((rk, end)) = match_non_response(doc, i, e) {
            out.push((i, end.max(i + 1), CueKind::NonResponse(rk)));
            i = end.max(i + 1);
            continue;
        }
        let lower = t.lower.as_str();
        if lower == "according" && doc.lower(i + 1) == "to" {
            out.push((i, i + 2, CueKind::According));
            i += 2;
            continue;
        }
        if lexicon::is_reporting_verb(lower) && is_verb_use(doc, s, i) {
            out.push((i, i + 1, CueKind::Verb));
        } else if (matches!(lower, "point" | "points" | "pointing") && doc.lower(i + 1) == "out")
            || (matches!(lower, "called" | "calls" | "call") && doc.lower(i + 1) == "on")
        {
            out.push((i, i + 2, CueKind::Verb));
        }
        i += 1;
    }
    out
}

/// The reporting verb at `i` is used as a verb of speech (not a noun, not a passive).
fn is_verb_use(doc: &Doc, s: usize, i: usize) -> bool {
    let lower = doc.lower(i);
    let prev = if i > s { doc.lower(i - 1) } else { "" };
    if lexicon::is_determiner(prev) || prev == "’s" || prev == "'s" {
        return false;
    }
    if i > s && doc.tok(i - 1).is_some_and(|t| t.kind == TokKind::Poss) {
        return false;
    }
    let passive_form = matches!(
        lower,
        "said"
            | "told"
            | "asked"
            | "urged"
            | "advised"
            | "informed"
            | "warned"
            | "reported"
            | "accused"
            | "alleged"
            | "claimed"
            | "estimated"
            | "announced"
            | "confirmed"
            | "revealed"
            | "promised"
            | "assured"
            | "described"
            | "predicted"
            | "recalled"
            | "denied"
            | "argued"
            | "suggested"
            | "pledged"
            | "agreed"
    );
    if passive_form
        && matches!(
            prev,
            "was" | "were" | "been" | "being" | "is" | "are" | "be" | "get" | "got" | "having"
        )
    {
        return false;
    }
    if lower == "said" && doc.lower(i + 1) == "to" && doc.lower(i + 2) == "be" {
        return false;
    }
    if prev == "that" && lower == "said" && is_punct(doc, i + 1, ",") {
        return false;
    }
    if prev == "having" {
        return false;
    }
    // "agreed" / "promised" + to-infinitive are not speech ("agreed to pay").
    if matches!(
        lower,
        "agreed"
            | "agree"
            | "agrees"
            | "promised"
            | "pledged"
            | "vowed"
            | "threatened"
            | "asked"
            | "urged"
    ) && doc.lower(i + 1) == "to"
        && !matches!(lower, "asked" | "urged")
    {
        return false;
    }
    true
}

/// The speaker phrase ending right before token `b` (exclusive), walking left to a clause boundary.
/// Returns `(a, b, relative_which)`.
fn left_phrase(doc: &Doc, s: usize, b: usize) -> (usize, bool) {
    let mut a = b;
    while a > s {
        let Some(t) = doc.tok(a - 1) else { break };
        if t.quote.is_some() {
            break;
        }
        let standalone_dash = t.kind == TokKind::Punct('-')
            && doc
                .tok(a.saturating_sub(2))
                .is_some_and(|p| p.end < t.start)
            && doc.tok(a).is_some_and(|n| n.start > t.end);
        if standalone_dash {
            break;
        }
        match t.kind {
            TokKind::Punct(c) if c != '-' && c != '&' && c != '.' && c != '/' && c != '%' => break,
            TokKind::Punct('.') => break,
            TokKind::QuoteMark => break,
            _ => {}
        }
        let lower = t.lower.as_str();
        if t.is_word() {
            if (lower == "which" || lower == "who") && a == b {
                return (a, true);
            }
            if lower == "and" {
                // Keep "Lemon and two other experts" and "the Commons science and technology
                // committee"; stop at "… rose and officials said".
                let before_cap = a >= 2 && doc.tok(a - 2).is_some_and(|x| x.cap && x.is_word());
                // Walk back from the word before "and" to a "the" over plain words.
                let mut in_noun_phrase = false;
                let mut k = a - 1;
                while k > s && a - 1 - k < 4 {
                    k -= 1;
                    let Some(x) = doc.tok(k) else { break };
                    if x.lower == "the" {
                        in_noun_phrase = true;
                        break;
                    }
                    if !x.is_word()
                        || lexicon::is_finite_verb_word(&x.lower)
                        || x.lower.ends_with("ed")
                        || lexicon::is_clause_boundary_word(&x.lower)
                    {
                        break;
                    }
                }
                if !before_cap && !in_noun_phrase {
                    break;
                }
            }
            if lexicon::is_clause_boundary_word(lower) && !(t.cap && a - 1 == s && lower == "yet") {
                break;
            }
            if lexicon::is_clause_boundary_word(lower) {
                break;
            }
            // A subject never contains a reporting verb: "A spokesman said Downing Street had …".
            if !t.cap && lexicon::is_reporting_verb(lower) && a < b {
                break;
            }
        }
        a -= 1;
    }
    (a, false)
}

/// Cuts a relative clause or participle off a subject phrase: "the two police officers who spoke
/// to Varki" → head `[a, cut)` and descriptor `[cut, b)`.
fn cut_relative(doc: &Doc, a: usize, b: usize) -> (usize, Option<Span>) {
    for k in a + 1..b {
        let l = doc.lower(k);
        if matches!(l, "who" | "whom" | "whose" | "which") {
            return (k, doc.span_of(k, b));
        }
        // A participle after a speaker noun: "officials coordinating with …".
        if l.ends_with("ing")
            && l.len() > 5
            && lexicon::speaker_noun(doc.lower(k - 1)).is_some()
            && !matches!(l, "during" | "including" | "according")
        {
            return (k, doc.span_of(k, b));
        }
    }
    (b, None)
}

/// Leading adverbials and prepositional phrases are not part of a subject: "In a statement the
/// ministry" → "the ministry"; "Yet French intelligence" stays (a boundary word was consumed).
fn trim_subject_start(doc: &Doc, a: usize, b: usize) -> usize {
    if b <= a {
        return a;
    }
    let first = doc.lower(a);
    if lexicon::is_preposition(first)
        && !doc
            .tok(a)
            .is_some_and(|t| t.cap && lexicon::is_title_word(doc.word(a)))
    {
        // Start at the last determiner or at the capitalised run before the head.
        if let Some(d) = (a + 1..b)
            .rev()
            .find(|&k| lexicon::is_determiner(doc.lower(k)))
        {
            return d;
        }
        let mut k = b;
        while k > a + 1 && doc.tok(k - 1).is_some_and(|t| t.cap) {
            k -= 1;
        }
        return k;
    }
    if matches!(
        first,
        "yet" | "also" | "now" | "so" | "and" | "but" | "still" | "then" | "here" | "there"
    ) && b > a + 1
    {
        return a + 1;
    }
    a
}

/// A subject phrase must not contain a finite verb outside its relative clause.
fn plausible_subject(doc: &Doc, a: usize, b: usize) -> bool {
    if b <= a || b - a > 20 {
        return false;
    }
    let (cut, _) = cut_relative(doc, a, b);
    if cut - a > 14 {
        return false;
    }
    !(a..cut).any(|k| {
        let l = doc.lower(k);
        lexicon::is_finite_verb_word(l) || matches!(l, "i" | "we" | "you")
    })
}

/// Anonymity reason in `[a, e)`: "who requested anonymity to …", "speaking on condition of anonymity …".
fn find_reason(doc: &Doc, a: usize, e: usize) -> Option<Span> {
    let hit = (a..e).find(|&k| {
        let l = doc.lower(k);
        l == "anonymity"
            || l == "anonymously"
            || (matches!(l, "named" | "identified")
                && k > 0
                && matches!(doc.lower(k - 1), "be")
                && matches!(doc.lower(k.saturating_sub(2)), "to" | "not"))
    })?;
    // Start at "who" / "speaking" / "on condition" before the hit.
    let mut st = hit;
    while st > a {
        let l = doc.lower(st - 1);
        if is_punct(doc, st - 1, ",;") {
            break;
        }
        st -= 1;
        if matches!(
            l,
            "who" | "speaking" | "spoke" | "because" | "on" | "asking" | "requesting"
        ) {
            if l == "on" && st > 0 && matches!(doc.lower(st - 1), "speaking" | "spoke") {
                continue;
            }
            break;
        }
    }
    let mut en = hit + 1;
    while en < e && !is_punct(doc, en, ",;.") && doc.tok(en).is_some_and(|t| t.quote.is_none()) {
        en += 1;
    }
    doc.span_of(st, en)
}

/// Hearer after "told": "them", "Reuters", "the BBC", "GMTV's Sunday programme", "the police callers".
fn skip_hearer(doc: &Doc, r: usize, e: usize) -> usize {
    let Some(t) = doc.tok(r) else { return r };
    if r >= e || !t.is_word() {
        return r;
    }
    if lexicon::is_bare_hearer(&t.lower) && !t.cap
        || matches!(t.lower.as_str(), "mps" | "reporters")
    {
        return r + 1;
    }
    if !(t.cap || matches!(t.lower.as_str(), "the" | "a" | "an")) {
        return r;
    }
    let mut k = r;
    let mut n = 0;
    while k < e && n < 7 {
        let Some(u) = doc.tok(k) else { break };
        if u.quote.is_some() {
            break;
        }
        let l = u.lower.as_str();
        if u.kind == TokKind::Poss {
            k += 1;
            continue;
        }
        if !u.is_word() {
            break;
        }
        if k > r && (lexicon::starts_clause(l) || l == "that") && !u.cap {
            break;
        }
        if k > r
            && u.cap
            && matches!(
                l,
                "he" | "she" | "they" | "it" | "we" | "i" | "there" | "this"
            )
        {
            break;
        }
        if k > r && lexicon::is_finite_verb_word(l) {
            // "told the BBC Labour would …": the hearer ended before the subject.
            return k.saturating_sub(1).max(r + 1);
        }
        if k > r && !u.cap && lexicon::opens_adverbial(l) {
            break;
        }
        k += 1;
        n += 1;
    }
    k
}

/// Adverbial after the verb ("in an interview", "on Monday", "last week") when it runs to a comma,
/// the sentence end, "that" or a colon.
fn skip_adverbial(doc: &Doc, r: usize, e: usize) -> usize {
    if !doc
        .tok(r)
        .is_some_and(|t| t.is_word() && lexicon::opens_adverbial(&t.lower))
    {
        return r;
    }
    // "this week", "last month" — but "said this "…"" is a pronoun, not a time.
    if matches!(doc.lower(r), "this" | "last") && !is_time_word(doc.word(r + 1)) {
        return r;
    }
    let mut k = r;
    while k < e && k - r < 10 {
        let Some(u) = doc.tok(k) else { break };
        if u.quote.is_some() || matches!(u.kind, TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!'))
        {
            return k;
        }
        if u.lower == "that" {
            return k;
        }
        if k > r && lexicon::is_finite_verb_word(&u.lower) {
            // "told MPs on Tuesday care was needed": the clause began inside the adverbial.
            return r;
        }
        k += 1;
    }
    if k >= e {
        return k;
    }
    r
}

/// The speaker phrase after an inverted cue ("…, said Sebastien Peyrouse, a French academic …").
fn inverted_speaker(
    doc: &Doc,
    v: usize,
    e: usize,
) -> Option<(usize, usize, Option<Span>, Option<Span>)> {
    let a = v + 1;
    let first = doc.tok(a)?;
    if !first.is_word() {
        return None;
    }
    if matches!(
        first.lower.as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "there" | "this" | "that" | "you"
    ) && !(doc.lower(a) != "that" && (is_punct(doc, a + 1, ".") || a + 1 >= e))
    {
        return None;
    }
    let mut b = a;
    while b < e {
        let Some(t) = doc.tok(b) else { break };
        if t.quote.is_some()
            || matches!(
                t.kind,
                TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!' | '—' | '–' | '(')
            )
        {
            break;
        }
        if b > a
            && !t.cap
            && (lexicon::opens_adverbial(&t.lower) && t.lower != "of"
                || matches!(
                    t.lower.as_str(),
                    "who" | "which" | "speaking" | "adding" | "when" | "as"
                ))
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
    // The name must end the clause: "…, said the source." / "…, said X, a …" / "…, said X on Monday."
    let ends = b >= e
        || is_punct(doc, b, ",.;:!?")
        || matches!(doc.lower(b), "who" | "speaking" | "adding" | "as")
        || {
            let k = skip_adverbial(doc, b, e);
            k != b && (k >= e || is_punct(doc, k, ",.;:!?"))
        };
    // The head must be able to speak: a name, a speaker noun or "one of them".
    let head_ok = doc.tok(b - 1).is_some_and(|t| {
        (t.cap && t.is_word())
            || lexicon::speaker_noun(&t.lower).is_some()
            || matches!(t.lower.as_str(), "them" | "those")
    }) || (a + 1..b).any(|k| {
        matches!(doc.lower(k), "for" | "of" | "at" | "from")
            && lexicon::speaker_noun(doc.lower(k - 1)).is_some()
    });
    if !ends || !head_ok {
        return None;
    }
    // What follows the name: an appositive descriptor, a relative clause, or a participle.
    let mut descriptor = None;
    let mut reason = None;
    let mut k = b;
    if is_punct(doc, k, ",") {
        k += 1;
    }
    if k < e && k > b
        || doc
            .tok(k)
            .is_some_and(|t| matches!(t.lower.as_str(), "who" | "speaking"))
    {
        let mut end = k;
        while end < e
            && !is_punct(doc, end, ".;")
            && doc.tok(end).is_some_and(|t| t.quote.is_none())
        {
            end += 1;
        }
        reason = find_reason(doc, k, end);
        let first_after = doc.lower(k);
        if reason.is_none() || first_after != "speaking" {
            // Appositive up to the next comma that is followed by a participle, else to the end.
            let mut de = k;
            while de < end
                && !(is_punct(doc, de, ",")
                    && matches!(doc.lower(de + 1), "speaking" | "adding" | "saying"))
            {
                de += 1;
            }
            if first_after != "speaking" && first_after != "adding" && de > k {
                descriptor = doc.span_of(k, de);
            }
        }
    }
    Some((a, b, descriptor, reason))
}

/// Parses one cue.
fn parse_cue(
    doc: &Doc,
    s: usize,
    e: usize,
    (ci, cend, kind): (usize, usize, CueKind),
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    match kind {
        CueKind::According => {
            // "according to X" + content before or after.
            let a = cend;
            let mut b = a;
            while b < e {
                let Some(t) = doc.tok(b) else { break };
                if t.quote.is_some()
                    || matches!(
                        t.kind,
                        TokKind::Punct(',' | '.' | ';' | ':' | '?' | '!' | '—' | '–')
                    )
                {
                    break;
                }
                if b > a
                    && (matches!(t.lower.as_str(), "who" | "which")
                        || lexicon::is_finite_verb_word(&t.lower)
                        || (!t.cap
                            && lexicon::opens_adverbial(&t.lower)
                            && !matches!(t.lower.as_str(), "in" | "from")))
                {
                    break;
                }
                b += 1;
            }
            if b == a || b - a > 12 {
                return None;
            }
            let (head_end, descriptor) = cut_relative(doc, a, b);
            let parenthetical = ci > s
                && is_punct(doc, ci - 1, ",")
                && is_punct(doc, b, ",")
                && b + 2 < e
                && doc.tok(b + 1).is_some_and(|t| t.is_word());
            let content = if ci == s {
                ContentSide::After { start: b + 1 }
            } else if parenthetical {
                // "The findings, according to our correspondent, contain few surprises."
                ContentSide::Itself { a: s, b: e }
            } else if ci > s {
                ContentSide::Before { end: ci }
            } else {
                ContentSide::After { start: b + 1 }
            };
            Some(CueParse {
                kind,
                cue: (ci, cend),
                speaker: Some(SpeakerSide::Phrase {
                    a,
                    b: head_end,
                    descriptor,
                    reason: None,
                }),
                content,
                left: ci,
                right: b,
                weak_heads_ok: true,
                nested: false,
            })
        }
        CueKind::NonResponse(_) => {
            let (speaker, left) = subject_before(doc, s, ci, prev)
                .map(|(sp, l)| (Some(sp), l))
                .unwrap_or((None, ci));
            Some(CueParse {
                kind,
                cue: (ci, cend),
                speaker,
                content: ContentSide::Itself { a: ci, b: cend },
                left,
                right: cend,
                weak_heads_ok: true,
                nested: false,
            })
        }
        CueKind::Verb => parse_verb_cue(doc, s, e, ci, prev),
    }
}

/// The subject before the verb at `v`: its side and the leftmost token used.
fn subject_before(
    doc: &Doc,
    s: usize,
    v: usize,
    prev: Option<&CueParse>,
) -> Option<(SpeakerSide, usize)> {
    let mut b = v;
    while b > s
        && doc
            .tok(b - 1)
            .is_some_and(|t| t.is_word() && lexicon::is_verb_group_filler(&t.lower) && !t.cap)
    {
        b -= 1;
    }
    // "Mr Houston is alleged to have said": the subject of the raising verb.
    if b >= s + 3
        && doc.lower(b - 1) == "to"
        && matches!(
            doc.lower(b - 2),
            "alleged" | "reported" | "understood" | "thought" | "believed" | "said" | "claimed"
        )
        && matches!(doc.lower(b - 3), "is" | "was" | "are" | "were")
    {
        b -= 3;
    }
    // "The Times on Monday said": a time adverbial between subject and verb.
    if b >= s + 3
        && matches!(
            doc.lower(b - 2),
            "on" | "last" | "this" | "earlier" | "late" | "early" | "in"
        )
        && is_time_word(doc.word(b - 1))
    {
        b -= 2;
    }
    // "so far", "for now" between subject and verb are rare enough to ignore.
    let (a, relative) = left_phrase(doc, s, b);
    if relative {
        // "…, which declined to comment": the antecedent before "which".
        let mut end = a.saturating_sub(1);
        if is_punct(doc, end.saturating_sub(1), ",") && end > s {
            end -= 1;
        }
        let ant_end = end;
        let mut k = ant_end;
        while k > s {
            let Some(t) = doc.tok(k - 1) else { break };
            let l = t.lower.as_str();
            let np_word = t.is_word()
                && (t.cap
                    || lexicon::is_determiner(l)
                    || l == "of"
                    || lexicon::speaker_noun(l).is_some()
                    || l.chars().all(|c| c.is_ascii_digit()))
                && !matches!(l, "to" | "by" | "from" | "with");
            if !(np_word || t.kind == TokKind::Poss) {
                break;
            }
            k -= 1;
        }
        if k < ant_end {
            return Some((
                SpeakerSide::Phrase {
                    a: k,
                    b: ant_end,
                    descriptor: None,
                    reason: None,
                },
                k,
            ));
        }
        return None;
    }
    if a == b {
        // Nothing between the boundary and the verb.
        let before = b.checked_sub(1).filter(|&x| x >= s);
        match before {
            Some(x) if is_punct(doc, x, ",—–-") => appositive_subject(doc, s, x),
            Some(x) if matches!(doc.lower(x), "and" | "but" | "then" | "yet") => {
                match prev.and_then(|p| p.speaker) {
                    Some(sp) => Some((sp, x)),
                    None => {
                        // "He has apologised … and says he will write": the sentence's subject.
                        let (a, b) = sentence_subject(doc, s, x)?;
                        Some((
                            SpeakerSide::Phrase {
                                a,
                                b,
                                descriptor: None,
                                reason: None,
                            },
                            x,
                        ))
                    }
                }
            }
            _ => None,
        }
    } else {
        let a2 = trim_subject_start(doc, a, b);
        if !plausible_subject(doc, a2, b) {
            return None;
        }
        // "Mark Serwotka, the leader of the union said": a name before the comma, the segment
        // (without a closing comma) its descriptor.
        if a2 > s && is_punct(doc, a2 - 1, ",") && !is_name_phrase(doc, a2, b) {
            let (n_start, _) = left_phrase(doc, s, a2 - 1);
            let n_start = trim_subject_start(doc, n_start, a2 - 1);
            let at_boundary = n_start == s
                || n_start.checked_sub(1).is_some_and(|k| {
                    is_punct(doc, k, ",;:") || doc.tok(k).is_some_and(|t| t.quote.is_some())
                });
            if n_start < a2 - 1
                && is_name_phrase(doc, n_start, a2 - 1)
                && at_boundary
                && lexicon::is_determiner(doc.lower(a2))
            {
                return Some((
                    SpeakerSide::Phrase {
                        a: n_start,
                        b: a2 - 1,
                        descriptor: doc.span_of(a2, b),
                        reason: None,
                    },
                    n_start,
                ));
            }
        }
        let (head_end, rel) = cut_relative(doc, a2, b);
        let reason = rel.and_then(|r| {
            let ra = doc.toks.iter().position(|t| t.start >= r.start)?;
            find_reason(doc, ra, b)
        });
        Some((
            SpeakerSide::Phrase {
                a: a2,
                b: head_end,
                descriptor: if reason.is_some() { None } else { rel },
                reason,
            },
            a2,
        ))
    }
}

/// Start of the comma-delimited segment ending before `end`: walks over quotes, parentheses and
/// clause words (appositives contain relative clauses); `None` when it runs too far.
fn appositive_start(doc: &Doc, s: usize, end: usize) -> Option<usize> {
    let mut a = end;
    while a > s {
        if end - a > 30 {
            return None;
        }
        let t = doc.tok(a - 1)?;
        if let Some(q) = t.quote.and_then(|q| doc.quotes.get(q)) {
            // `…," hunt master, X, said`: a quote that ends in a comma ends the clause before.
            if q.open < s || is_punct(doc, a.saturating_sub(2), ",.?!") {
                break;
            }
            a = q.open;
            continue;
        }
        let standalone_dash = t.kind == TokKind::Punct('-')
            && doc
                .tok(a.saturating_sub(2))
                .is_some_and(|p| p.end < t.start)
            && doc.tok(a).is_some_and(|n| n.start > t.end);
        if standalone_dash || matches!(t.kind, TokKind::Punct(',' | ';' | ':' | '—' | '–')) {
            break;
        }
        a -= 1;
    }
    Some(a)
}

/// A segment that describes rather than names: "a French academic …", "60", "who is …",
/// "founder of …", "one of the organisations …".
fn descriptor_like(doc: &Doc, a: usize, b: usize) -> bool {
    let Some(t) = doc.tok(a) else { return true };
    if b <= a {
        return true;
    }
    !t.cap
        || matches!(
            t.lower.as_str(),
            "a" | "an" | "one" | "who" | "which" | "whose"
        )
        || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// "X, a …, said" / "A descriptor, X, said" / "X, founder of Y, one of …, said": the speaker is the
/// segment that names someone (the nearest name), else the subject segment at the clause start.
fn appositive_subject(doc: &Doc, s: usize, x: usize) -> Option<(SpeakerSide, usize)> {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut end = x;
    loop {
        let st = appositive_start(doc, s, end)?;
        if st >= end {
            return None;
        }
        segs.push((st, end));
        if segs.len() >= 5 {
            break;
        }
        match st.checked_sub(1) {
            Some(c) if c >= s && is_punct(doc, c, ",—–-") => end = c,
            _ => break,
        }
    }
    // "Mr Smith, however, said": the filler is no appositive.
    let is_filler = |a: usize, b: usize| {
        b == a + 1
            && matches!(
                doc.lower(a),
                "however" | "though" | "too" | "also" | "meanwhile" | "then" | "instead" | "indeed"
            )
    };
    segs.retain(|&(a, b)| !is_filler(a, b));
    if segs.len() < 2 {
        // Only one segment: a subject followed by a comma and the verb is not a shape we trust.
        return None;
    }
    let pick = segs
        .iter()
        .position(|&(a, b)| is_name_phrase(doc, a, b))
        .or_else(|| {
            let last = segs.len() - 1;
            let (a, b) = *segs.get(last)?;
            let a = trim_subject_start(doc, a, b);
            (!descriptor_like(doc, a, b) || lexicon::is_determiner(doc.lower(a))).then_some(last)
        })?;
    let (a, b) = *segs.get(pick)?;
    let a = trim_subject_start(doc, a, b);
    if !plausible_subject(doc, a, b) {
        return None;
    }
    // The descriptor: the segments between the speaker and the verb, or the one before the name.
    let desc = if pick > 0 {
        let first = segs.get(pick - 1).map(|s| s.0)?;
        let last = segs.first().map(|s| s.1)?;
        doc.span_of(first, last)
    } else {
        segs.get(1).and_then(|&(da, db)| doc.span_of(da, db))
    };
    let leftmost = segs.iter().map(|s| s.0).min().unwrap_or(a);
    let reason = find_reason(doc, a, x);
    let desc = match (desc, reason) {
        (Some(d), Some(r)) if d.start >= r.start => None,
        (d, _) => d,
    };
    Some((
        SpeakerSide::Phrase {
            a,
            b,
            descriptor: desc,
            reason,
        },
        leftmost.min(a),
    ))
}

fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "weekend"
            | "today"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// The phrase is (or ends in) a person's name: capitalised, with a non-title last word.
fn is_name_phrase(doc: &Doc, a: usize, b: usize) -> bool {
    if b <= a {
        return false;
    }
    let last = doc.word(b - 1);
    let cap = doc.tok(b - 1).is_some_and(|t| t.cap && t.is_word());
    cap && !lexicon::is_title_word(last)
        && !lexicon::is_org_word(last)
        && !lexicon::is_demonym(last)
        && (a..b).all(|k| {
            doc.tok(k).is_some_and(|t| {
                t.cap || matches!(t.lower.as_str(), "de" | "van" | "von" | "bin" | "al")
            })
        })
}

fn parse_verb_cue(
    doc: &Doc,
    s: usize,
    e: usize,
    v: usize,
    prev: Option<&CueParse>,
) -> Option<CueParse> {
    let lower = doc.lower(v);
    let ing = lower.ends_with("ing");
    // Participle after a comma or "and": "…, adding that …", "…, saying …".
    if ing {
        let before = v.checked_sub(1).filter(|&x| x >= s)?;
        if !(is_punct(doc, before, ",")
            || matches!(
                doc.lower(before),
                "and" | "by" | "before" | "after" | "while" | "for"
            ))
        {
            // "with the Countryside Alliance saying …", "a report claiming …".
            let (a, _) = left_phrase(doc, s, v);
            let with_at = (a.max(v.saturating_sub(7))..v)
                .rev()
                .find(|&k| doc.lower(k) == "with");
            let after_with = with_at.is_some();
            let a = with_at.map(|w| w + 1).unwrap_or(a);
            let noun_before =
                lexicon::speaker_noun(doc.lower(before)) == Some(lexicon::NounClass::Document);
            if !(after_with || noun_before) || a >= v {
                // "Hazel Blears defended the move saying …": the sentence's subject speaks.
                if prev.is_some() || !doc.tok(before).is_some_and(|t| t.is_word() && !t.cap) {
                    return None;
                }
                let (sa, sb) = sentence_subject(doc, s, before)?;
                let mut start = v + 1;
                if doc.lower(start) == "that" || is_punct(doc, start, ":") {
                    start += 1;
                }
                if start >= e {
                    return None;
                }
                return Some(CueParse {
                    kind: CueKind::Verb,
                    cue: (v, v + 1),
                    speaker: Some(SpeakerSide::Phrase {
                        a: sa,
                        b: sb,
                        descriptor: None,
                        reason: None,
                    }),
                    content: ContentSide::After { start },
                    left: v,
                    right: v,
                    weak_heads_ok: false,
                    nested: false,
                });
            }
            let a = if noun_before && !after_with {
                (a..v)
                    .rev()
                    .find(|&k| lexicon::is_determiner(doc.lower(k)))
                    .unwrap_or(a)
            } else {
                a
            };
            let mut start = v + 1;
            if doc.lower(start) == "that" || is_punct(doc, start, ":") {
                start += 1;
            }
            if start >= e {
                return None;
            }
            return Some(CueParse {
                kind: CueKind::Verb,
                cue: (v, v + 1),
                speaker: Some(SpeakerSide::Phrase {
                    a,
                    b: v,
                    descriptor: None,
                    reason: None,
                }),
                content: ContentSide::After { start },
                left: a,
                right: v,
                weak_heads_ok: true,
                nested: false,
            });
        }
        let speaker = match prev {
            Some(p) => p.speaker.map(|_| SpeakerSide::Previous),
            None => {
                // "North Wales Police reopened the case, saying …": the sentence's subject.
                let (a, b) = sentence_subject(doc, s, before)?;
                Some(SpeakerSide::Phrase {
                    a,
                    b,
                    descriptor: None,
                    reason: None,
                })
            }
        };
        let mut start = v + 1;
        if doc.lower(start) == "out" && lower == "pointing" {
            start += 1;
        }
        if doc.lower(start) == "that" || is_punct(doc, start, ":") {
            start += 1;
        }
        if start >= e {
            return None;
        }
        return Some(CueParse {
            kind: CueKind::Verb,
            cue: (v, v + 1),
            speaker,
            content: ContentSide::After { start },
            left: before,
            right: v,
            weak_heads_ok: true,
            nested: false,
        });
    }
    let strong = matches!(
        lower,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "explained"
            | "explains"
            | "stressed"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "stated"
            | "declared"
            | "noted"
    );
    // Inverted: "…, said X" / "” said X".
    let left_is_break = v == s
        || v.checked_sub(1)
            .is_some_and(|x| is_punct(doc, x, ",") || is_closing_mark(doc, x));
    let say_type = matches!(
        lower,
        "said"
            | "says"
            | "added"
            | "adds"
            | "asked"
            | "explained"
            | "insisted"
            | "argued"
            | "warned"
            | "wrote"
            | "writes"
            | "noted"
            | "stressed"
            | "claimed"
            | "claims"
            | "recalled"
            | "replied"
            | "conceded"
            | "admitted"
            | "acknowledged"
            | "continued"
            | "declared"
            | "cautioned"
            | "concluded"
            | "observed"
            | "remarked"
            | "countered"
            | "complained"
            | "predicted"
            | "suggested"
            | "maintained"
            | "reported"
            | "confirmed"
            | "announced"
            | "tweeted"
            | "urged"
    );
    if left_is_break && say_type {
        if let Some((a, b, descriptor, reason)) = inverted_speaker(doc, v, e) {
            let right = descriptor
                .or(reason)
                .and_then(|d| doc.toks.iter().rposition(|t| t.end <= d.end))
                .unwrap_or(b.saturating_sub(1));
            let end = v
                .checked_sub(1)
                .filter(|&x| is_punct(doc, x, ","))
                .unwrap_or(v);
            return Some(CueParse {
                kind: CueKind::Verb,
                cue: (v, v + 1),
                speaker: Some(SpeakerSide::Phrase {
                    a,
                    b,
                    descriptor,
                    reason,
                }),
                content: ContentSide::Before { end },
                left: v,
                right: right.max(b.saturating_sub(1)),
                weak_heads_ok: false,
                nested: false,
            });
        }
    }
    let (speaker, left) = subject_before(doc, s, v, prev)?;
    // After the verb: hearer, adverbial, then the content or the sentence end.
    let called_on = matches!(lower, "called" | "calls" | "call") && doc.lower(v + 1) == "on";
    let particle = usize::from(
        (matches!(lower, "point" | "points" | "pointing" | "pointed") && doc.lower(v + 1) == "out")
            || called_on,
    );
    let mut r = v + 1 + particle;
    let mut cue_end = v + 1 + particle;
    if lexicon::takes_hearer(lower) {
        r = skip_hearer(doc, r, e);
        cue_end = r;
    }
    // "Varki recalled the officers asking": the words are the officers'.
    if let Some(sp) = recalled_asking(doc, r, e) {
        let end = match speaker {
            SpeakerSide::Phrase { a, .. } => a,
            SpeakerSide::Previous => left,
        };
        let end = end
            .checked_sub(1)
            .filter(|&x| is_punct(doc, x, ","))
            .unwrap_or(end);
        return Some(CueParse {
            kind: CueKind::Verb,
            cue: (v, sp.2 + 1),
            speaker: Some(SpeakerSide::Phrase {
                a: sp.0,
                b: sp.1,
                descriptor: None,
                reason: None,
            }),
            content: ContentSide::Before { end },
            left,
            right: sp.2,
            weak_heads_ok: true,
            nested: false,
        });
    }
    let r2 = skip_adverbial(doc, r, e);
    if r2 == r
        && matches!(
            doc.lower(r),
            "of" | "about" | "for" | "against" | "with" | "to" | "off" | "up"
        )
    {
        // "told of his shock", "warned against": no reported clause.
        return None;
    }
    let content = if r2 >= e || is_punct(doc, r2, ".!?;") {
        ContentSide::Before { end: left }
    } else if is_punct(doc, r2, ",") {
        let after_comma = doc.lower(r2 + 1);
        if is_opening_mark(doc, r2 + 1).is_some() {
            ContentSide::After { start: r2 + 1 }
        } else if r2 != r
            && doc.tok(r2 + 1).is_some_and(|t| t.is_word())
            && !after_comma.ends_with("ing")
            && !matches!(
                after_comma,
                "who" | "which" | "according" | "although" | "though" | "but" | "a" | "an"
            )
            && clause_follows(doc, r2 + 1, e)
        {
            // "say in the northern cities, the race is …": the adverbial belongs to the content.
            ContentSide::After { start: r }
        } else {
            ContentSide::Before { end: left }
        }
    } else if doc.lower(r2) == "that" || is_punct(doc, r2, ":") {
        ContentSide::After { start: r2 + 1 }
    } else if is_opening_mark(doc, r2).is_some() {
        ContentSide::After { start: r2 }
    } else if r2 != r {
        // "said on Monday the plan …": the adverbial did not end; content starts after the verb.
        if strong {
            ContentSide::After { start: r }
        } else {
            return None;
        }
    } else if lexicon::takes_object_infinitive(lower) || called_on {
        let has_to = (r..e.min(r + 14)).any(|k| doc.lower(k) == "to");
        let wh = matches!(
            doc.lower(r),
            "whether" | "if" | "why" | "what" | "how" | "when"
        );
        if has_to || wh {
            ContentSide::After { start: r }
        } else {
            return None;
        }
    } else if lexicon::needs_clause_marker(lower) {
        if clause_follows(doc, r, e) {
            ContentSide::After { start: r }
        } else {
            return None;
        }
    } else {
        ContentSide::After { start: r }
    };
    // Unknown head nouns ("the programme makers") pass with strong verbs or an explicit clause.
    let weak_heads_ok = strong || matches!(content, ContentSide::After { .. });
    Some(CueParse {
        kind: CueKind::Verb,
        cue: (v, cue_end.max(v + 1)),
        speaker: Some(speaker),
        content,
        left,
        right: cue_end.max(v + 1) - 1,
        weak_heads_ok,
        nested: false,
    })
}

/// A finite clause starts at `r` ("suggested the scheme could work"), not a noun phrase object
/// ("announced plans to merge").
fn clause_follows(doc: &Doc, r: usize, e: usize) -> bool {
    if doc.tok(r).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "he" | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "there"
                | "this"
                | "these"
                | "those"
                | "why"
                | "whether"
                | "how"
                | "if"
                | "what"
                | "when"
        )
    }) {
        return true;
    }
    let mut k = r;
    while k < e && k - r < 26 {
        let Some(t) = doc.tok(k) else { return false };
        if t.quote.is_some()
            || !(t.is_word()
                || t.kind == TokKind::Poss
                || t.is_punct('%')
                || t.is_punct('-')
                || t.is_punct(',')
                || t.is_punct('(')
                || t.is_punct(')'))
        {
            return false;
        }
        if k > r
            && matches!(
                t.lower.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "did"
                    | "does"
                    | "do"
                    | "shall"
                    | "remained"
                    | "remains"
            )
        {
            return true;
        }
        if k == r && lexicon::is_preposition(&t.lower) {
            return false;
        }
        // "a report claiming …": a noun phrase with a participle, not a clause.
        if k > r && !t.cap && t.lower.ends_with("ing") && t.lower.len() > 5 {
            return false;
        }
        if k > r
            && matches!(
                t.lower.as_str(),
                "to" | "for" | "on" | "about" | "with" | "against"
            )
        {
            return false;
        }
        // "Mr Blunkett chaired …": a capitalised subject and a past-tense verb.
        if k > r
            && !t.cap
            && t.lower.ends_with("ed")
            && doc
                .tok(r)
                .is_some_and(|x| x.cap || lexicon::is_determiner(&x.lower))
            && doc
                .tok(k - 1)
                .is_some_and(|x| x.cap || x.kind == TokKind::Poss || x.lower.ends_with('s'))
        {
            return true;
        }
        k += 1;
    }
    false
}

/// The subject at the start of the sentence, after an introductory phrase ("In March this year,
/// North Wales Police reopened …" → "North Wales Police").
fn sentence_subject(doc: &Doc, s: usize, e: usize) -> Option<(usize, usize)> {
    let mut a = s;
    if matches!(doc.lower(a), "but" | "and" | "yet" | "so" | "still") {
        a += 1;
    }
    if doc.tok(a).is_some_and(|t| {
        lexicon::is_preposition(&t.lower) || lexicon::is_clause_boundary_word(&t.lower)
    }) {
        let comma = (a..e.min(a + 8)).find(|&k| is_punct(doc, k, ","))?;
        a = comma + 1;
    }
    let mut b = a;
    while b < e {
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
        let ok = (t.is_word() && (t.cap || lexicon::is_determiner(&t.lower) || t.lower == "of"))
            || t.kind == TokKind::Poss
            || role_between;
        if !ok {
            break;
        }
        b += 1;
    }
    // "The inquiry": a determiner takes its noun.
    let mut extra = 0;
    while b < e
        && extra < 3
        && b > a
        && doc
            .tok(b - 1)
            .is_some_and(|t| lexicon::is_determiner(&t.lower) || (extra > 0 && !t.cap))
    {
        let Some(t) = doc.tok(b) else { break };
        let l = t.lower.as_str();
        if !t.is_word()
            || t.cap
            || l.ends_with("ly")
            || l.ends_with("ed")
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
        return Some((a, a + 1));
    }
    (b > a && b - a <= 8).then_some((a, b))
}

/// "the officers asking" after "recalled": `(a, b, index of the -ing verb)`.
fn recalled_asking(doc: &Doc, r: usize, e: usize) -> Option<(usize, usize, usize)> {
    let mut k = r;
    while k < e && k - r < 7 {
        let t = doc.tok(k)?;
        if !t.is_word() && t.kind != TokKind::Poss {
            return None;
        }
        if k > r
            && matches!(
                t.lower.as_str(),
                "asking"
                    | "saying"
                    | "telling"
                    | "demanding"
                    | "shouting"
                    | "insisting"
                    | "warning"
            )
        {
            let end_ok = k + 1 >= e
                || is_punct(doc, k + 1, ",.;")
                || doc.lower(k + 1) == "him"
                || doc.lower(k + 1) == "her"
                || doc.lower(k + 1) == "them";
            return end_ok.then_some((r, k, k));
        }
        if lexicon::is_finite_verb_word(&t.lower) || t.lower == "that" {
            return None;
        }
        k += 1;
    }
    None
}

fn analyze_sentence(doc: &Doc, res: &mut Resolver, st: &mut State, s: usize, e: usize) {
    let cues = find_cues(doc, s, e);
    let mut parses: Vec<CueParse> = Vec::new();
    let mut used_until = s; // tokens before this belong to an earlier cue's speaker/hearer
    for c in cues {
        if c.0 < used_until {
            continue;
        }
        let prev = parses.last();
        if let Some(p) = parse_cue(doc, s, e, c, prev) {
            // A cue nested at the start of the previous cue's content ("Lemon said he estimated …")
            // is part of that content.
            if let Some(last) = parses.last() {
                if let ContentSide::After { start } = last.content {
                    let nested_start = p.left <= start + 1 && p.left >= start;
                    let non_response = matches!(p.kind, CueKind::NonResponse(_));
                    if nested_start
                        && !non_response
                        && !matches!(p.speaker, Some(SpeakerSide::Previous))
                    {
                        continue;
                    }
                    if nested_start && non_response {
                        let mut p = p;
                        p.nested = true;
                        used_until = p.right + 1;
                        parses.push(p);
                        continue;
                    }
                }
            }
            used_until = p.right + 1;
            parses.push(p);
        }
    }
    // Contents: "After" runs to the next cue's left edge; "Before" starts after the previous cue.
    let n = parses.len();
    let mut prev_right: Option<usize> = None;
    let mut sentence_speaker: Option<SpeakerRef> = None;
    for idx in 0..n {
        let Some(p) = parses.get(idx).cloned() else {
            continue;
        };
        let next_left = parses
            .iter()
            .skip(idx + 1)
            .find(|q| !q.nested)
            .map(|q| q.left)
            .unwrap_or(e);
        let (ca, cb) = match p.content {
            ContentSide::After { start } => (start, next_left.max(start)),
            ContentSide::Before { end } => (prev_right.map(|r| r + 1).unwrap_or(s).max(s), end),
            ContentSide::Itself { a, b } => (a, b),
        };
        prev_right = Some(p.right.max(p.cue.1.saturating_sub(1)));
        let Some((ca, cb)) = trim_content(doc, ca, cb) else {
            // No content, but the speaker still counts as someone later pronouns may mean.
            if let Some(SpeakerSide::Phrase {
                a,
                b,
                descriptor,
                reason,
            }) = p.speaker
            {
                if let Some(sp) = res.resolve(doc, a, b, descriptor, reason, p.weak_heads_ok) {
                    if matches!(sp.kind, newsgraph_model::SpeakerKind::NamedPerson) {
                        res.note_speaker(doc, a, &sp);
                    }
                    sentence_speaker = Some(sp);
                }
            } else if p.content == (ContentSide::Before { end: p.left }) {
                // ":" at the end of a paragraph introducing the next quote.
            }
            // "X said:" with the quote in the next paragraph.
            if matches!(p.content, ContentSide::After { .. }) && is_punct(doc, p.cue.1, ":") {
                attach_next_quote(doc, res, st, &p, &mut sentence_speaker, e);
            }
            continue;
        };
        let speaker = match p.speaker {
            Some(SpeakerSide::Phrase {
                a,
                b,
                descriptor,
                reason,
            }) => {
                if let Some(cs) = doc.span_of(ca, cb) {
                    res.note_content(cs);
                }
                // Names inside a descriptor ("an outspoken Rakhmon critic") are not antecedents.
                if let Some(d) = descriptor {
                    res.note_content(d);
                }
                let mut sp = res.resolve(doc, a, b, descriptor, reason, p.weak_heads_ok);
                if sp.is_none() && matches!(p.kind, CueKind::Verb) {
                    continue;
                }
                if let (Some(spk), ContentSide::After { .. }) = (sp.as_mut(), p.content) {
                    let g = match doc.lower(ca) {
                        "he" => Some(lexicon::Gender::Male),
                        "she" => Some(lexicon::Gender::Female),
                        _ => None,
                    };
                    if let Some(g) = g {
                        res.note_gender(spk, g);
                    }
                }
                if let Some(sp) = &sp {
                    res.note_speaker(doc, a, sp);
                }
                sp
            }
            Some(SpeakerSide::Previous) => sentence_speaker.clone(),
            None => None,
        };
        // Anonymity reason anywhere in the sentence for anonymous sources.
        let speaker = speaker.map(|mut sp| {
            if sp.kind.is_anonymous() && sp.anonymity_reason.is_none() {
                sp.anonymity_reason = find_reason(doc, s, e).map(|r| r.slice(doc.text).to_string());
            }
            sp
        });
        if speaker.is_some() {
            sentence_speaker = speaker.clone();
        }
        let cue_span = doc.span_of(p.cue.0, p.cue.1);
        let para = doc.tok(ca).map(|t| t.para).unwrap_or(0);
        match p.kind {
            CueKind::NonResponse(rk) => {
                if let Some(content) = doc.span_of(ca, cb) {
                    st.found.push(Found {
                        kind: AttributionKind::NonResponse,
                        content,
                        cue: cue_span,
                        speaker,
                        response: Some(rk),
                        para,
                        first_tok: ca,
                        quote: None,
                    });
                }
            }
            _ => {
                emit_content(doc, st, ca, cb, cue_span, speaker, para);
            }
        }
    }
}

/// "X said:" ending a paragraph: the next quote is X's.
fn attach_next_quote(
    doc: &Doc,
    _res: &mut Resolver,
    st: &mut State,
    p: &CueParse,
    sentence_speaker: &mut Option<SpeakerRef>,
    e: usize,
) {
    let para = doc.tok(p.cue.0).map(|t| t.para).unwrap_or(0);
    let Some(qi) = doc
        .quotes
        .iter()
        .position(|q| q.open >= e && q.para <= para + 1)
    else {
        return;
    };
    if st.quote_used.get(qi).copied().unwrap_or(true) {
        return;
    }
    let Some(q) = doc.quotes.get(qi) else { return };
    if let Some(u) = st.quote_used.get_mut(qi) {
        *u = true;
    }
    if let Some(o) = st.quote_owner.get_mut(qi) {
        *o = Some(st.found.len());
    }
    st.found.push(Found {
        kind: AttributionKind::Direct,
        content: q.inner,
        cue: doc.span_of(p.cue.0, p.cue.1),
        speaker: sentence_speaker.clone(),
        response: None,
        para: q.para,
        first_tok: q.open,
        quote: Some(qi),
    });
}

/// Content tokens without leading "that"/":"/"," and trailing punctuation; `None` if empty.
fn trim_content(doc: &Doc, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b
        && (is_punct(doc, a, ",:;—–-")
            || doc.lower(a) == "that" && doc.tok(a).is_some_and(|t| t.quote.is_none()))
    {
        a += 1;
    }
    while b > a {
        let k = b - 1;
        let drop = is_punct(doc, k, ",:;—–-")
            || (doc.tok(k).is_some_and(|t| t.quote.is_none())
                && matches!(
                    doc.lower(k),
                    "and"
                        | "but"
                        | "while"
                        | "whilst"
                        | "although"
                        | "though"
                        | "as"
                        | "or"
                        | "yet"
                ));
        if drop {
            b -= 1;
        } else {
            break;
        }
    }
    // A lone full stop is not content.
    let words = (a..b)
        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .count();
    (words > 0).then_some((a, b))
}

/// Emits a direct quote when the content begins with a quotation, otherwise reported speech whose
/// content may contain quoted fragments.
fn emit_content(
    doc: &Doc,
    st: &mut State,
    ca: usize,
    cb: usize,
    cue: Option<Span>,
    speaker: Option<SpeakerRef>,
    para: usize,
) {
    if let Some(qi) = is_opening_mark(doc, ca) {
        if let Some(q) = doc.quotes.get(qi) {
            // The quote itself; other quotes in the range are left for the follow-up pass.
            if !st.quote_used.get(qi).copied().unwrap_or(true) {
                if let Some(u) = st.quote_used.get_mut(qi) {
                    *u = true;
                }
                if let Some(o) = st.quote_owner.get_mut(qi) {
                    *o = Some(st.found.len());
                }
                st.found.push(Found {
                    kind: AttributionKind::Direct,
                    content: q.inner,
                    cue,
                    speaker: speaker.clone(),
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
    let Some(content) = doc.span_of(ca, cb) else {
        return;
    };
    // Quotes inside reported content are fragments of it.
    let idx = st.found.len();
    for (qi, q) in doc.quotes.iter().enumerate() {
        if q.open >= ca && q.last < cb {
            if let Some(u) = st.quote_used.get_mut(qi) {
                *u = true;
            }
            if let Some(o) = st.quote_owner.get_mut(qi) {
                *o = Some(idx);
            }
        }
    }
    st.found.push(Found {
        kind: AttributionKind::Reported,
        content,
        cue,
        speaker,
        response: None,
        para,
        first_tok: ca,
        quote: None,
    });
}

/// Quotes no cue covered: follow-ups of the neighbouring quote's speaker, or scare quotes.
fn attach_leftover_quotes(doc: &Doc, st: &mut State) {
    for qi in 0..doc.quotes.len() {
        if st.quote_used.get(qi).copied().unwrap_or(true) {
            continue;
        }
        let Some(q) = doc.quotes.get(qi) else {
            continue;
        };
        // Inside another attribution's content (a quote within a quote)?
        if st
            .found
            .iter()
            .any(|f| f.content.start <= q.inner.start && q.inner.end <= f.content.end)
        {
            continue;
        }
        let sentence_like = {
            let before = q.open.checked_sub(1);
            let starts = before.is_none_or(|b| {
                doc.tok(b).is_none_or(|t| t.para != q.para)
                    || is_punct(doc, b, ".?!:")
                    || is_closing_mark(doc, b)
                    || doc.tok(b).is_some_and(|t| t.quote.is_some())
            });
            let inner_last = q.close.map(|c| c.saturating_sub(1)).unwrap_or(q.last);
            let ends_punct = is_punct(doc, inner_last, ".?!,");
            starts && (q.words >= 3 || ends_punct)
        };
        let long = q.words >= 10;
        // "described it as “…”", "branded them “…”": a characterisation, not speech.
        let labelled = q.open.checked_sub(1).is_some_and(|b| {
            matches!(
                doc.lower(b),
                "as" | "labelled"
                    | "labeled"
                    | "branded"
                    | "dubbed"
                    | "called"
                    | "termed"
                    | "so-called"
            )
        });
        if labelled || !(q.continues || sentence_like || long) {
            st.found.push(Found {
                kind: AttributionKind::Scare,
                content: q.inner,
                cue: None,
                speaker: None,
                response: None,
                para: q.para,
                first_tok: q.open,
                quote: Some(qi),
            });
            if let Some(u) = st.quote_used.get_mut(qi) {
                *u = true;
            }
            continue;
        }
        // The speaker: the previous quote's (same or previous paragraph), or the next quote's in
        // the same paragraph.
        let prev = st
            .found
            .iter()
            .filter(|f| {
                f.first_tok < q.open
                    && matches!(f.kind, AttributionKind::Direct | AttributionKind::Reported)
                    && f.speaker.is_some()
            })
            .max_by_key(|f| f.first_tok);
        // The next attribution in text order, when it is the very next quote of the paragraph.
        let next = st
            .found
            .iter()
            .filter(|f| f.first_tok > q.open)
            .min_by_key(|f| f.first_tok)
            .filter(|f| {
                f.para == q.para
                    && f.kind == AttributionKind::Direct
                    && f.speaker.is_some()
                    && f.quote == Some(qi + 1)
            });
        let speaker = match (prev, next) {
            (Some(p), _) if p.para == q.para => p.speaker.clone(),
            (_, Some(nx)) => nx.speaker.clone(),
            (Some(p), None) if p.para + 1 == q.para || (q.continues && p.para + 2 >= q.para) => {
                p.speaker.clone()
            }
            _ => None,
        };
        st.found.push(Found {
            kind: AttributionKind::Direct,
            content: q.inner,
            cue: None,
            speaker,
            response: None,
            para: q.para,
            first_tok: q.open,
            quote: Some(qi),
        });
        if let Some(u) = st.quote_used.get_mut(qi) {
            *u = true;
        }
    }
}

#[cfg(test)]
mod tests;
