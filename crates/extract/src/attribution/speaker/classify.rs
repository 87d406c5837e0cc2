//! What a speaker phrase is, before resolution.
//!
//! The rules run in order and the first that fits decides:
//!
//! 1. shapes: a subject pronoun; "one of them"; "Lord Nicholls of Birkenhead" (the peer without
//!    the place); a quantified plural ("Most Gibraltarians") or a share of a poll ("47%", "one in
//!    four") is an unnamed group;
//! 2. compounds: the first conjunct of "Lemon and two other experts" when it is a name; a name
//!    before where the person comes from ("Simon Hart of the Countryside Alliance"); a named
//!    person's document ("Mr Crosby's statement"); a speaker noun before its complement ("a
//!    spokesman for the Home Office");
//! 3. a capitalised head: the entity on the head word decides between organisation and person,
//!    then the capitalised tail is split into title words and the name ([`NpClass::Person`]), or is
//!    all title words ([`NpClass::Role`]), or ends in organisation words ([`NpClass::Org`]);
//! 4. a lower-case head: "the minister" is a role, a speaker noun gives a common class, and, where
//!    the cue allows weak heads, any determiner phrase is an unnamed person or group.

use newsgraph_model::Span;

use super::super::doc::{Doc, Tok, TokKind};
use super::super::lexicon::{self, Gender, NounClass};
use super::super::words;
use super::{is_acronym, is_peer_title, strip_det, Resolver, TokRange};

/// What a speaker phrase is, before resolution.
pub(super) enum NpClass {
    /// "he", "she", "they", "it" (lower case).
    Pronoun(String),
    /// "I" or "we" outside any quotation: the writer (a columnist, a letter writer, an
    /// interviewer), or the people the writer speaks for; `true` for "we".
    Writer(bool),
    /// "one of them": one member of what the pronoun (lower case) refers to.
    OneOf(String),
    /// A named person: the name's tokens, the words before it that describe the person, and the
    /// gender a title tells.
    Person {
        name: TokRange,
        descriptor: Option<Span>,
        gender: Option<Gender>,
    },
    /// A role with no name ("the Prime Minister"): a named person if the article named its holder.
    Role { role: String },
    /// A named organisation: the phrase is its name.
    Org,
    /// A common-noun phrase; `named` when a capitalised modifier names the body ("Paris police").
    Common { class: NounClass, named: bool },
    /// A statement or letter of a named person.
    DocumentOf {
        name: TokRange,
        gender: Option<Gender>,
    },
}

/// "I" or "we" at `k`, outside any quotation: the writer's own voice ("I think", "we asked our
/// readers"), which PolNeAR annotates as a source like any other.
pub(in super::super) fn is_writer_pronoun(doc: &Doc, k: usize) -> bool {
    doc.tok(k)
        .is_some_and(|t| t.quote.is_none() && matches!(t.lower.as_str(), "i" | "we"))
}

impl NpClass {
    fn common(class: NounClass) -> NpClass {
        NpClass::Common {
            class,
            named: false,
        }
    }
}

impl Resolver {
    /// What the phrase `np` is; `None` when it cannot be a source of speech.
    pub(super) fn classify(&self, doc: &Doc, np: TokRange, weak_heads_ok: bool) -> Option<NpClass> {
        if np.len() == 0 {
            return None;
        }
        let first = doc.lower(np.start);
        if np.len() == 1 && lexicon::is_speaker_pronoun(first) {
            return Some(NpClass::Pronoun(first.to_string()));
        }
        if np.len() == 1 && is_writer_pronoun(doc, np.start) {
            return Some(NpClass::Writer(first == "we"));
        }
        // Checked before the function words below, which "Many" and "Some" are.
        if is_bare_quantifier(doc, np) {
            return Some(NpClass::common(NounClass::Group));
        }
        if np.indices().all(|k| {
            lexicon::is_sentence_function_word(doc.word(k)) || lexicon::is_determiner(doc.lower(k))
        }) {
            return None;
        }
        if let Some(class) = one_of_them(doc, np) {
            return Some(class);
        }
        if let Some(of) = peer_of_place(doc, np) {
            return self.classify(doc, TokRange::new(np.start, of), weak_heads_ok);
        }
        if is_quantified_plural(doc, np) || is_poll_share(doc, np) {
            return Some(NpClass::common(NounClass::Group));
        }
        let compound = self
            .first_conjunct_person(doc, np, weak_heads_ok)
            .or_else(|| self.person_of_place(doc, np, weak_heads_ok))
            .or_else(|| self.document_of_person(doc, np, weak_heads_ok))
            .or_else(|| self.noun_before_complement(doc, np));
        if compound.is_some() {
            return compound;
        }
        let head_tok = doc.tok(np.end - 1)?;
        if np.len() == 1 && self.is_capitalised_opener(doc, np.start) {
            return None;
        }
        if np.len() == 1 && head_tok.cap {
            // "Reports have claimed …", "Officials said …": a common noun capitalised at the start.
            if let Some(class) = lexicon::speaker_noun(&head_tok.lower) {
                return Some(NpClass::common(class));
            }
        }
        if head_tok.cap && head_tok.is_word() {
            return self.classify_capitalised(doc, np, head_tok);
        }
        self.classify_lower_case(doc, np, &head_tok.lower, weak_heads_ok)
    }

    /// A word capitalised only because it opens its sentence, and no name: a connective or
    /// sentence adverb ("Rather, he said, …", "Or, as Tom Ridge put it: …"), an -ly adverb or an
    /// -ing participle ("Continuing to explain his perspective, Carson …"). On PolNeAR train such
    /// openers were given as named speakers. A word the article uses as a name elsewhere, or one
    /// the entity model tags, stays a name ("Browning said").
    fn is_capitalised_opener(&self, doc: &Doc, k: usize) -> bool {
        let Some(t) = doc.tok(k).filter(|t| t.cap && t.is_word()) else {
            return false;
        };
        // The word lists first: most speakers are names and stop here.
        let lower = t.lower.as_str();
        let common_word = words::SENTENCE_ADVERBS.contains(lower)
            || words::SENTENCE_OPENING_CONJUNCTIONS.contains(lower)
            || words::SUBORDINATING_CONJUNCTIONS.contains(lower)
            || (lower.len() > 4 && lower.ends_with("ly"))
            || (lower.len() > 5 && lower.ends_with("ing"));
        let opens_sentence = || {
            doc.sentence_index(k)
                .and_then(|i| doc.sentences.get(i))
                .is_some_and(|&(start, _)| {
                    (start..k).all(|j| doc.tok(j).is_some_and(|t| !t.is_word()))
                })
        };
        common_word
            && opens_sentence()
            && !self.is_known_surname(doc.word(k))
            && self.entity_at(Span::new(t.start, t.end)).is_none()
    }

    /// Coordination: "Lemon and two other experts" → the first conjunct when it is a name.
    fn first_conjunct_person(
        &self,
        doc: &Doc,
        np: TokRange,
        weak_heads_ok: bool,
    ) -> Option<NpClass> {
        let and = np.indices().find(|&k| doc.lower(k) == "and")?;
        if and == np.start || !doc.tok(and - 1).is_some_and(|t| t.cap) {
            return None;
        }
        self.classify(doc, TokRange::new(np.start, and), weak_heads_ok)
            .filter(|c| matches!(c, NpClass::Person { .. }))
    }

    /// "Simon Hart of the Countryside Alliance": a person's name, then where they come from.
    fn person_of_place(&self, doc: &Doc, np: TokRange, weak_heads_ok: bool) -> Option<NpClass> {
        let of = (np.start + 2..np.end).find(|&k| matches!(doc.lower(k), "of" | "from" | "at"))?;
        let all_cap = (np.start..of).all(|k| doc.tok(k).is_some_and(|t| t.cap && t.is_word()));
        let last = doc.word(of - 1);
        if !all_cap
            || lexicon::is_title_word(last)
            || lexicon::is_org_word(last)
            || lexicon::is_demonym(last)
            || lexicon::is_sentence_function_word(doc.word(np.start))
        {
            return None;
        }
        let Some(NpClass::Person { name, gender, .. }) =
            self.classify(doc, TokRange::new(np.start, of), weak_heads_ok)
        else {
            return None;
        };
        (name.len() >= 2 || self.is_known_surname(last)).then(|| NpClass::Person {
            name,
            descriptor: doc.span_of(of, np.end),
            gender,
        })
    }

    /// "Mr Crosby's statement": a document speaks for the person who issued it.
    fn document_of_person(&self, doc: &Doc, np: TokRange, weak_heads_ok: bool) -> Option<NpClass> {
        if lexicon::speaker_noun(doc.lower(np.end - 1)) != Some(NounClass::Document) {
            return None;
        }
        let poss = np
            .indices()
            .rev()
            .find(|&k| doc.tok(k).is_some_and(|t| t.kind == TokKind::Poss))?;
        let mut st = poss;
        while st > np.start && doc.tok(st - 1).is_some_and(|t| t.cap && t.is_word()) {
            st -= 1;
        }
        if st == poss {
            return None;
        }
        match self.classify(doc, TokRange::new(st, poss), weak_heads_ok)? {
            NpClass::Person { name, gender, .. } => Some(NpClass::DocumentOf { name, gender }),
            _ => None,
        }
    }

    /// A speaker noun before a prepositional phrase heads the phrase: "a spokesman for the Home
    /// Office", "sources close to …".
    fn noun_before_complement(&self, doc: &Doc, np: TokRange) -> Option<NpClass> {
        let (a, b) = (np.start, np.end);
        // "Shadow spokesman for sport Hugh Robertson": a name at the end is the speaker.
        let ends_in_name = b >= a + 2
            && (b - 2..b).all(|k| {
                doc.tok(k).is_some_and(|t| t.cap && t.is_word())
                    && !lexicon::is_org_word(doc.word(k))
                    && !lexicon::is_title_word(doc.word(k))
                    && !lexicon::is_demonym(doc.word(k))
            });
        if ends_in_name {
            return None;
        }
        let p = (a + 1..b).find(|&k| lexicon::opens_speaker_noun_complement(doc.lower(k)))?;
        let class = lexicon::speaker_noun(doc.lower(p - 1))?;
        let heads =
            !doc.tok(p - 1).is_some_and(|t| t.cap) || doc.lower(p - 1) == "mps" || p - 1 == a;
        heads.then(|| NpClass::Common {
            class,
            named: self.has_name_modifier(doc, np),
        })
    }

    /// A phrase with a capitalised head: an organisation, a role, or a person's name after its
    /// title words.
    fn classify_capitalised(&self, doc: &Doc, np: TokRange, head_tok: &Tok) -> Option<NpClass> {
        let (a, b) = (np.start, np.end);
        let head = b - 1;
        if self.head_entity_is_org(doc, np, head_tok)? {
            return Some(NpClass::Org);
        }
        let tail = capitalised_tail_start(doc, np);
        let words: Vec<&str> = (tail..b).map(|k| doc.word(k)).collect();
        let head_word = doc.word(head);
        if lexicon::speaker_noun(&head_tok.lower) == Some(NounClass::Group) && head_word == "MPs" {
            return Some(NpClass::common(NounClass::Group));
        }
        if ends_in_org_words(&words, head_word) {
            return Some(NpClass::Org);
        }
        let name_start = name_start(doc, tail, b);
        if name_start == b {
            if words.iter().all(|w| lexicon::is_demonym(w)) {
                return Some(NpClass::common(NounClass::Group));
            }
            let role = strip_det(doc.slice(a, b)).to_string();
            return Some(NpClass::Role { role });
        }
        let single_unknown = b - name_start == 1
            && !self.is_known_surname(doc.word(name_start))
            && name_start == tail;
        if single_unknown && single_word_is_org(doc, np, name_start, tail) {
            return Some(NpClass::Org);
        }
        Some(person_with_title(doc, np, name_start))
    }

    /// The entity on the head word decides between a person and an organisation; one on a
    /// modifier ("BBC correspondent X", "Paris police chief Y") does not. `None` when the phrase
    /// has no text extent.
    fn head_entity_is_org(&self, doc: &Doc, np: TokRange, head_tok: &Tok) -> Option<bool> {
        let head_span = Span::new(head_tok.start, head_tok.end);
        let whole = doc.span_of(np.start, np.end)?;
        let titled = lexicon::is_title_word(doc.word(np.end - 1))
            || (np.start..np.end - 1)
                .any(|k| lexicon::is_title_word(doc.word(k)) && doc.tok(k).is_some_and(|t| t.cap));
        let is_org = match self.entity_at(head_span) {
            Some((sp, "ORG")) => {
                !titled
                    && (sp.start <= whole.start + 4 || !self.is_known_surname(doc.word(np.end - 1)))
            }
            Some((sp, "GPE" | "LOC")) => !titled && sp.start <= whole.start + 4,
            _ => false,
        };
        Some(is_org)
    }

    /// A phrase with a lower-case head: "the minister" (a role), a speaker noun, or, where weak
    /// heads are allowed, any short determiner phrase ("the man", "some residents").
    fn classify_lower_case(
        &self,
        doc: &Doc,
        np: TokRange,
        lower: &str,
        weak_heads_ok: bool,
    ) -> Option<NpClass> {
        let first = doc.lower(np.start);
        if first == "the"
            && np.len() <= 4
            && (np.start + 1..np.end).all(|k| doc.tok(k).is_some_and(|t| t.is_word()))
        {
            let mut cap = lower.to_string();
            if let Some(c) = cap.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            if lexicon::is_title_word(&cap) && !lexicon::is_org_word(&cap) && lower != "party" {
                return Some(NpClass::Role {
                    role: strip_det(doc.slice(np.start, np.end)).to_string(),
                });
            }
        }
        if let Some(class) = lexicon::speaker_noun(lower) {
            return Some(NpClass::Common {
                class,
                named: self.has_name_modifier(doc, np),
            });
        }
        let weak_head = weak_heads_ok
            && doc.tok(np.end - 1).is_some_and(|t| t.is_word())
            && np.len() <= 5
            && (lexicon::is_determiner(first) || matches!(first, "one" | "another"))
            && !lexicon::is_finite_verb_word(lower)
            && lower.chars().all(|c| c.is_alphabetic() || c == '-');
        if !weak_head {
            return None;
        }
        let plural = lower.ends_with('s') && !lower.ends_with("ss");
        Some(NpClass::common(if plural {
            NounClass::Group
        } else {
            NounClass::Person
        }))
    }

    /// The phrase names its body: a capitalised word that is not a nationality ("Paris police").
    fn has_name_modifier(&self, doc: &Doc, np: TokRange) -> bool {
        np.indices().any(|k| {
            let w = doc.word(k);
            let cap_word = doc.tok(k).is_some_and(|t| t.cap && t.is_word());
            let excluded = lexicon::is_demonym(w)
                || matches!(w, "MPs" | "MEPs")
                || (k == np.start && lexicon::is_sentence_function_word(w));
            cap_word && !excluded
        })
    }
}

/// "one of them", "one of those": one member of what "they" refers to.
fn one_of_them(doc: &Doc, np: TokRange) -> Option<NpClass> {
    let a = np.start;
    (np.len() == 3
        && doc.lower(a) == "one"
        && doc.lower(a + 1) == "of"
        && matches!(doc.lower(a + 2), "them" | "those"))
    .then(|| NpClass::OneOf("they".into()))
}

/// "Lord Nicholls of Birkenhead": the "of" that ends a peer's name (the peer is "Lord Nicholls").
fn peer_of_place(doc: &Doc, np: TokRange) -> Option<usize> {
    if !is_peer_title(doc.word(np.start)) {
        return None;
    }
    (np.start + 2..np.end).find(|&k| doc.lower(k) == "of")
}

/// "Most Gibraltarians", "Many Britons": a quantifier and a capitalised plural.
fn is_quantified_plural(doc: &Doc, np: TokRange) -> bool {
    let a = np.start;
    np.len() == 2
        && lexicon::is_group_quantifier(doc.lower(a))
        && doc.word(a + 1).ends_with('s')
        && doc.tok(a + 1).is_some_and(|t| t.cap)
}

/// "Many said …", "Several of them said …": a quantifier standing for the people just
/// mentioned, alone or before "of them" / "of those"; "those" before "who".
fn is_bare_quantifier(doc: &Doc, np: TokRange) -> bool {
    let a = np.start;
    let of_them = np.len() == 3
        && doc.lower(a + 1) == "of"
        && matches!(doc.lower(a + 2), "them" | "those" | "us");
    // "Those who back her say …": the people the relative clause picks out.
    let those_who = np.len() == 1 && doc.lower(a) == "those" && doc.lower(np.end) == "who";
    ((np.len() == 1 || of_them) && lexicon::is_group_quantifier(doc.lower(a))) || those_who
}

/// Shares of a poll's respondents: "47%", "One in four", "around one quarter".
fn is_poll_share(doc: &Doc, np: TokRange) -> bool {
    let head = doc.lower(np.end - 1);
    // "72 percent of Democrats": a share of a group.
    let share_of = np
        .indices()
        .any(|k| k > np.start && lexicon::is_share_noun(doc.lower(k)) && doc.lower(k + 1) == "of");
    head == "%"
        || share_of
        || lexicon::is_share_noun(head)
        || (np.len() <= 5
            && np.indices().any(|k| doc.lower(k) == "in")
            && lexicon::is_share_denominator(head))
}

/// The start of the phrase's capitalised tail (name particles included).
fn capitalised_tail_start(doc: &Doc, np: TokRange) -> usize {
    let mut tail = np.end;
    while tail > np.start {
        let Some(t) = doc.tok(tail - 1) else { break };
        if t.is_word() && (t.cap || lexicon::is_name_connector(&t.lower)) {
            tail -= 1;
        } else {
            break;
        }
    }
    tail
}

/// The capitalised tail `words` ends in organisation words or an acronym ("the Home Office",
/// "the BBC"), with no person's name after them ("Labour MP John Smith" has one).
fn ends_in_org_words(words: &[&str], head_word: &str) -> bool {
    let has_org = words.iter().any(|w| lexicon::is_org_word(w))
        || (is_acronym(head_word) && !lexicon::is_title_word(head_word));
    if !has_org {
        return false;
    }
    let last_org = words
        .iter()
        .rposition(|w| lexicon::is_org_word(w) || is_acronym(w));
    last_org.map(|x| x + 1).unwrap_or(0) >= words.len()
}

/// Where the name starts in the capitalised tail `[tail, end)`: after the last title,
/// organisation or nationality word or acronym (`end` when there is no name).
fn name_start(doc: &Doc, tail: usize, end: usize) -> usize {
    let mut start = end;
    while start > tail {
        let w = doc.word(start - 1);
        if lexicon::is_title_word(w)
            || lexicon::is_org_word(w)
            || lexicon::is_demonym(w)
            || is_acronym(w)
        {
            break;
        }
        start -= 1;
    }
    start
}

/// A single unknown capitalised word after no title is a person's surname when it stands alone as
/// a subject, but an organisation when it is plural ("Conservatives") or when the article shows it
/// has people ("Oxfam's Barbara Stocking", "Oxfam director").
fn single_word_is_org(doc: &Doc, np: TokRange, name_start: usize, tail: usize) -> bool {
    let w = doc.word(name_start);
    if w.ends_with('s') && !w.ends_with("ss") && w.len() > 4 && tail == np.start {
        return true;
    }
    doc.toks.iter().enumerate().any(|(k, t)| {
        t.is_word() && doc.word(k) == w && (precedes_named_person(doc, k) || precedes_role(doc, k))
    })
}

/// "Oxfam's Barbara Stocking": token `k` is followed by a possessive and two capitalised words.
fn precedes_named_person(doc: &Doc, k: usize) -> bool {
    let cap_word = |i: usize| doc.tok(i).is_some_and(|n| n.cap && n.is_word());
    doc.tok(k + 1).is_some_and(|p| p.kind == TokKind::Poss) && cap_word(k + 2) && cap_word(k + 3)
}

/// "Oxfam director", "Oxfam staff": token `k` is followed by a lower-case noun for people.
fn precedes_role(doc: &Doc, k: usize) -> bool {
    doc.tok(k + 1).is_some_and(|n| {
        n.is_word()
            && !n.cap
            && matches!(
                lexicon::speaker_noun(&n.lower),
                Some(NounClass::Spokes | NounClass::Person | NounClass::Group)
            )
    })
}

/// A person named from `name_start` to the phrase end, described by the words before the name
/// (honorifics aside), with the gender its title tells.
fn person_with_title(doc: &Doc, np: TokRange, name_start: usize) -> NpClass {
    let (a, b) = (np.start, np.end);
    let gender = (a..name_start).find_map(|k| lexicon::title_gender(doc.word(k)));
    // A peer's title is part of the name: "Lord Roberts".
    let name_start =
        if name_start > a && is_peer_title(doc.word(name_start - 1)) && b - name_start == 1 {
            name_start - 1
        } else {
            name_start
        };
    let descriptor = if name_start > a {
        let mut d0 = a;
        // Leading honorifics are not descriptors.
        while d0 < name_start && lexicon::is_honorific(doc.word(d0)) {
            d0 += 1;
        }
        doc.span_of(d0, name_start)
    } else {
        None
    };
    NpClass::Person {
        name: TokRange::new(name_start, b),
        descriptor,
        gender,
    }
}
