//! Who a speaker phrase names: classification of the noun phrase (person, group, institution,
//! organisation), its canonical name within the article, and resolution of pronouns, surnames and
//! definite re-mentions ("the source") to what came before.

use std::collections::HashMap;

use newsgraph_model::{Entity, Span, SpeakerKind};

use super::doc::{Doc, TokKind};
use super::lexicon::{self, Gender, NounClass};

/// A resolved speaker.
#[derive(Debug, Clone)]
pub struct SpeakerRef {
    pub mention: Span,
    pub name: Option<String>,
    pub kind: SpeakerKind,
    pub descriptor: Option<String>,
    pub anonymity_reason: Option<String>,
    /// The person in the article's name table, for gender and descriptor bookkeeping.
    pub person: Option<usize>,
    pub plural: bool,
    /// One human being (a named or unnamed person, a spokesperson): "he"/"she" may refer to it.
    pub human: bool,
    /// Known gender of a speaker outside the name table (roles, unnamed people).
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone)]
struct Person {
    name: String,
    last: String,
    gender: Option<Gender>,
    descriptor: Option<String>,
}

/// Someone a later pronoun may point back to.
#[derive(Debug, Clone)]
struct Antecedent {
    tok: usize,
    para: usize,
    speaker: SpeakerRef,
}

/// A capitalised name found by the pre-scan.
#[derive(Debug, Clone)]
struct NameMention {
    tok: usize,
    end_tok: usize,
    person: usize,
    possessive: bool,
    in_quote: bool,
}

pub struct Resolver {
    persons: Vec<Person>,
    mentions: Vec<NameMention>,
    antecedents: Vec<Antecedent>,
    /// "Chancellor" → the person first introduced with that title.
    titles: HashMap<String, usize>,
    /// Byte spans of attribution contents so far: names inside them are not antecedents.
    contents: Vec<Span>,
    entity_labels: Vec<(Span, String)>,
    /// Organisation names seen (token, name, head word lower case): "the federation" → "Police Federation".
    orgs: Vec<(usize, String, String)>,
}

/// What a speaker phrase is, before resolution.
enum NpClass {
    Pronoun(String),
    OneOf(String),
    Person {
        name_toks: (usize, usize),
        descriptor: Option<Span>,
        gender: Option<Gender>,
    },
    /// A role with no name ("the Prime Minister"): a named person if the article named its holder.
    Role {
        role: String,
    },
    Org,
    Common(NounClass, bool),
    /// A statement or letter of a named person.
    DocumentOf {
        name_toks: (usize, usize),
        gender: Option<Gender>,
    },
}

fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "van"
            | "von"
            | "bin"
            | "al"
            | "da"
            | "du"
            | "del"
            | "della"
            | "ibn"
            | "abu"
            | "der"
            | "di"
            | "le"
    )
}

fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && w.chars().any(|c| c.is_ascii_uppercase())
}

fn strip_det(s: &str) -> &str {
    for d in ["the ", "The "] {
        if let Some(r) = s.strip_prefix(d) {
            return r;
        }
    }
    s
}

impl Resolver {
    pub fn new(doc: &Doc, entities: &[Entity]) -> Resolver {
        let mut r = Resolver {
            persons: Vec::new(),
            mentions: Vec::new(),
            antecedents: Vec::new(),
            titles: HashMap::new(),
            contents: Vec::new(),
            orgs: Vec::new(),
            entity_labels: entities
                .iter()
                .map(|e| (Span::new(e.start, e.end.max(e.start)), e.label.clone()))
                .collect(),
        };
        r.prescan(doc);
        r
    }

    /// The entity covering `span`, with its extent and label.
    fn entity_at(&self, span: Span) -> Option<(Span, &str)> {
        self.entity_labels
            .iter()
            .find(|(s, _)| s.overlaps(&span))
            .map(|(s, l)| (*s, l.as_str()))
    }

    /// The phrase ends in a name the article knows as a person's.
    fn tail_is_person_name(&self, doc: &Doc, a: usize, b: usize) -> bool {
        let last = doc.word(b.saturating_sub(1));
        b > a && self.persons.iter().any(|p| p.last == last)
    }

    /// Finds person names: runs of capitalised words whose tail, after titles and organisation
    /// words, has two or more name words (or one after an honorific), plus PER entities.
    fn prescan(&mut self, doc: &Doc) {
        let n = doc.toks.len();
        let sentence_starts: std::collections::HashSet<usize> =
            doc.sentences.iter().map(|&(s, _)| s).collect();
        let mut i = 0;
        while i < n {
            let Some(t) = doc.tok(i) else { break };
            if !(t.is_word() && t.cap) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n {
                let Some(u) = doc.tok(j) else { break };
                if u.is_word()
                    && (u.cap || (is_connector(&u.lower) && doc.tok(j + 1).is_some_and(|x| x.cap)))
                    && u.para == t.para
                {
                    j += 1;
                } else {
                    break;
                }
            }
            self.add_run(doc, i, j, &sentence_starts);
            i = j.max(i + 1);
        }
        // Entities labelled PER that the pre-scan missed.
        let per: Vec<Span> = self
            .entity_labels
            .iter()
            .filter(|(_, l)| l == "PER")
            .map(|(s, _)| *s)
            .collect();
        for sp in per {
            let a = doc.toks.iter().position(|t| t.start >= sp.start);
            let b = doc.toks.iter().position(|t| t.end > sp.end);
            if let Some(a) = a {
                let b = b.unwrap_or(n);
                if b > a
                    && !self.mentions.iter().any(|m| m.tok <= a && a < m.end_tok)
                    && !is_credit_paragraph(doc, a)
                {
                    let words: Vec<&str> = (a..b)
                        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
                        .map(|k| doc.word(k))
                        .filter(|w| !lexicon::is_honorific(w))
                        .collect();
                    // A lone word tagged PER is too often an organisation or a credit: only a
                    // surname of someone already named counts.
                    let known = words.len() >= 2
                        || words.first().is_some_and(|w| {
                            self.persons
                                .iter()
                                .any(|p| p.last == *w && p.name.contains(' '))
                        });
                    let all_function = words.iter().all(|w| lexicon::is_sentence_function_word(w));
                    if known && !all_function {
                        if let Some(p) = self.person_for_words(&words, None) {
                            self.push_mention(doc, a, b, p);
                        }
                    }
                }
            }
        }
        self.mentions.sort_by_key(|m| m.tok);
    }

    fn add_run(
        &mut self,
        doc: &Doc,
        mut a: usize,
        b: usize,
        sentence_starts: &std::collections::HashSet<usize>,
    ) {
        // Sentence-initial function words are not names ("The", "But").
        while a < b && lexicon::is_sentence_function_word(doc.word(a)) {
            if !sentence_starts.contains(&a) && !matches!(doc.word(a), "May" | "March" | "Will") {
                break;
            }
            a += 1;
        }
        if a >= b {
            return;
        }
        // "Commission for Racial Equality", "Department of Health": the tail of an organisation name.
        if a >= 2
            && matches!(doc.lower(a - 1), "for" | "of" | "on")
            && (lexicon::is_org_word(doc.word(a - 2))
                || doc.lower(a - 2) == "the" && a >= 3 && lexicon::is_org_word(doc.word(a - 3)))
        {
            return;
        }
        let words: Vec<&str> = (a..b).map(|k| doc.word(k)).collect();
        if words.iter().any(|w| lexicon::is_org_word(w)) {
            // An organisation name, unless a person's name follows the organisation words.
            let last_org = words
                .iter()
                .rposition(|w| lexicon::is_org_word(w))
                .unwrap_or(0);
            if last_org + 1 >= words.len() {
                if let Some(head) = words.get(last_org) {
                    self.orgs.push((a, words.join(" "), head.to_lowercase()));
                }
                return;
            }
        }
        // Name tail: after the last title / demonym / organisation word.
        let mut tail_start = b;
        while tail_start > a {
            let w = doc.word(tail_start - 1);
            if lexicon::is_title_word(w)
                || lexicon::is_org_word(w)
                || lexicon::is_demonym(w)
                || lexicon::is_sentence_function_word(w)
                || is_acronym(w)
            {
                break;
            }
            tail_start -= 1;
        }
        if tail_start >= b {
            return;
        }
        // Place names: "Le Mans", "New York", "San Diego".
        if matches!(
            doc.word(tail_start),
            "Le" | "La"
                | "Los"
                | "Las"
                | "San"
                | "Santa"
                | "Saint"
                | "St"
                | "New"
                | "Fort"
                | "Port"
                | "Lake"
                | "Mount"
                | "El"
                | "Al"
        ) {
            return;
        }
        let tail: Vec<&str> = (tail_start..b).map(|k| doc.word(k)).collect();
        let before = tail_start.checked_sub(1).map(|k| doc.word(k)).unwrap_or("");
        let has_title = tail_start > a && lexicon::is_title_word(before);
        let gender = if tail_start > a {
            lexicon::title_gender(before)
        } else {
            None
        };
        if tail.len() >= 2 && tail.len() <= 4 {
            if let Some(p) = self.person_for_words(&tail, gender) {
                // "the BBC's defence correspondent Paul Adams": remember the role for "our correspondent".
                if tail_start == a {
                    if let Some(prev) = a.checked_sub(1) {
                        let l = doc.lower(prev);
                        if doc.tok(prev).is_some_and(|t| t.is_word() && !t.cap)
                            && matches!(
                                lexicon::speaker_noun(l),
                                Some(NounClass::Person | NounClass::Spokes)
                            )
                        {
                            let mut d0 = prev;
                            while d0 > 0
                                && prev - d0 < 3
                                && doc.tok(d0 - 1).is_some_and(|t| {
                                    t.is_word()
                                        && !lexicon::is_determiner(&t.lower)
                                        && !lexicon::is_preposition(&t.lower)
                                })
                            {
                                d0 -= 1;
                            }
                            if let Some(x) = self.persons.get_mut(p) {
                                if x.descriptor.is_none() {
                                    x.descriptor = Some(doc.slice(d0, prev + 1).to_string());
                                }
                            }
                        }
                    }
                }
                if has_title && self.persons.get(p).is_some_and(|x| x.descriptor.is_none()) {
                    let role = doc.slice(a, tail_start);
                    if !role.is_empty() && !lexicon::is_honorific(role) {
                        if let Some(x) = self.persons.get_mut(p) {
                            x.descriptor = Some(role.to_string());
                        }
                        self.note_title(role, p);
                    }
                }
                self.push_mention(doc, tail_start, b, p);
            }
        } else if tail.len() == 1
            && has_title
            && matches!(before, "Lord" | "Lady" | "Baroness" | "Baron")
        {
            // A peer's title is part of the name: "Lord Falconer".
            let w = tail.first().copied().unwrap_or("");
            if let Some(p) = self.person_for_words(&[before, w], gender) {
                self.push_mention(doc, tail_start - 1, b, p);
            }
        } else if tail.len() == 1 {
            // A single name word: a surname we already know, or one after an honorific / title.
            let w = tail.first().copied().unwrap_or("");
            let known = self.persons.iter().rposition(|p| p.last == w);
            let royal_or_place = matches!(
                before,
                "King" | "Queen" | "Prince" | "Princess" | "St" | "Saint"
            ) || tail_start
                .checked_sub(2)
                .is_some_and(|k| doc.tok(k + 1).is_some_and(|t| t.kind == TokKind::Poss));
            let p = match known {
                Some(p) => Some(p),
                None if has_title && !royal_or_place => self.person_for_words(&tail, gender),
                None => None,
            };
            if let Some(p) = p {
                if let (Some(g), Some(x)) = (gender, self.persons.get_mut(p)) {
                    x.gender.get_or_insert(g);
                }
                self.push_mention(doc, tail_start, b, p);
            }
        }
    }

    fn push_mention(&mut self, doc: &Doc, a: usize, b: usize, person: usize) {
        let possessive = doc.tok(b).is_some_and(|t| t.kind == TokKind::Poss);
        let in_quote = doc.tok(a).is_some_and(|t| t.quote.is_some());
        self.mentions.push(NameMention {
            tok: a,
            end_tok: b,
            person,
            possessive,
            in_quote,
        });
    }

    /// The person a name (without honorifics) refers to, added to the table if new.
    fn person_for_words(&mut self, words: &[&str], gender: Option<Gender>) -> Option<usize> {
        let words: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !lexicon::is_honorific(w))
            .collect();
        let last = words.last()?.to_string();
        let full = words.join(" ");
        if words.len() >= 2 {
            if let Some(p) = self.persons.iter().position(|p| p.name == full) {
                return Some(p);
            }
            // A fuller form of a surname-only person seen earlier ("Blair" then "Tony Blair").
            if let Some(p) = self
                .persons
                .iter()
                .position(|p| p.name == last && !p.name.contains(' '))
            {
                if let Some(x) = self.persons.get_mut(p) {
                    x.name = full;
                }
                return Some(p);
            }
        } else if let Some(p) = self.persons.iter().rposition(|p| p.last == last) {
            return Some(p);
        } else if let Some(p) = self.persons.iter().rposition(|p| {
            p.name.contains(' ') && p.name.split_whitespace().next() == Some(last.as_str())
        }) {
            // "Sir John" after "Sir John Bourn".
            return Some(p);
        }
        let gender = gender.or_else(|| {
            (words.len() >= 2)
                .then(|| words.first().and_then(|f| lexicon::first_name_gender(f)))
                .flatten()
        });
        self.persons.push(Person {
            name: full,
            last,
            gender,
            descriptor: None,
        });
        Some(self.persons.len() - 1)
    }

    /// Remembers who holds a title ("Chancellor Gordon Brown"), so that "the chancellor" resolves.
    fn note_title(&mut self, role: &str, person: usize) {
        let words: Vec<&str> = role
            .split_whitespace()
            .filter(|w| !lexicon::is_honorific(w) && !matches!(*w, "the" | "The"))
            .collect();
        // The title proper: the trailing run of title words ("Home Secretary", "Chancellor").
        let mut start = words.len();
        while start > 0
            && words.get(start - 1).is_some_and(|w| {
                lexicon::is_title_word(w) || w.chars().next().is_some_and(char::is_lowercase)
            })
        {
            start -= 1;
        }
        let Some(title) = words.get(start..).filter(|t| !t.is_empty()) else {
            return;
        };
        let full = title.join(" ").to_lowercase();
        self.titles.entry(full).or_insert(person);
        if let Some(last) = title.last() {
            let key = format!("#{}", last.to_lowercase());
            // Ambiguous when two people share the last title word.
            match self.titles.get(&key) {
                Some(&p) if p != person => {
                    self.titles.insert(key, usize::MAX);
                }
                _ => {
                    self.titles.insert(key, person);
                }
            }
        }
    }

    /// "X said he …": the pronoun opening the reported clause usually is the speaker.
    pub fn note_gender(&mut self, sp: &mut SpeakerRef, g: Gender) {
        if !sp.human {
            return;
        }
        match sp.person.and_then(|p| self.persons.get_mut(p)) {
            Some(p) => {
                p.gender.get_or_insert(g);
            }
            None => {
                sp.gender.get_or_insert(g);
            }
        }
    }

    pub fn note_content(&mut self, span: Span) {
        self.contents.push(span);
    }

    /// Registers a resolved speaker as a possible antecedent of later pronouns.
    pub fn note_speaker(&mut self, doc: &Doc, tok: usize, speaker: &SpeakerRef) {
        let para = doc.tok(tok).map(|t| t.para).unwrap_or(0);
        self.antecedents.push(Antecedent {
            tok,
            para,
            speaker: speaker.clone(),
        });
    }

    /// Classifies and resolves the speaker phrase at tokens `[a, b)`; `None` when the phrase cannot
    /// be a source of speech (not a person, group, institution or organisation).
    pub fn resolve(
        &mut self,
        doc: &Doc,
        a: usize,
        b: usize,
        descriptor: Option<Span>,
        reason: Option<Span>,
        weak_heads_ok: bool,
    ) -> Option<SpeakerRef> {
        let mention = doc.span_of(a, b)?;
        let mention_text = mention.slice(doc.text);
        let class = self.classify(doc, a, b, weak_heads_ok)?;
        let descriptor_text = descriptor.map(|d| d.slice(doc.text).trim().to_string());
        let reason_text = reason.map(|r| r.slice(doc.text).trim().to_string());
        let mut out = match class {
            NpClass::Pronoun(p) => {
                let mut sp = self.resolve_pronoun(doc, &p, a)?;
                sp.mention = mention;
                sp
            }
            NpClass::OneOf(p) => {
                let group = self.resolve_pronoun(doc, &p, a);
                let name = group
                    .as_ref()
                    .and_then(|g| g.name.clone())
                    .map(|n| format!("one of {}", lowercase_det(&n)));
                SpeakerRef {
                    mention,
                    name: name.or_else(|| Some(mention_text.to_string())),
                    kind: SpeakerKind::AnonymousPerson,
                    descriptor: group.and_then(|g| g.descriptor),
                    anonymity_reason: None,
                    person: None,
                    plural: false,
                    human: true,
                    gender: None,
                }
            }
            NpClass::Person {
                name_toks,
                descriptor: pre,
                gender,
            } => {
                let words: Vec<&str> = (name_toks.0..name_toks.1)
                    .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
                    .map(|k| doc.word(k))
                    .filter(|w| !lexicon::is_honorific(w))
                    .collect();
                // A surname: the person last mentioned with it before this point.
                let recent = match words.as_slice() {
                    [w] => self
                        .mentions
                        .iter()
                        .rev()
                        .filter(|m| m.tok < a)
                        .find(|m| {
                            self.persons
                                .get(m.person)
                                .is_some_and(|p| p.last == *w && p.name.contains(' '))
                        })
                        .map(|m| m.person),
                    _ => None,
                };
                let p = recent.or_else(|| self.person_for_words(&words, gender));
                if let (Some(p), Some(g)) = (p, gender) {
                    if let Some(x) = self.persons.get_mut(p) {
                        x.gender.get_or_insert(g);
                    }
                }
                let pre_text = pre.map(|s| s.slice(doc.text).trim().to_string());
                let desc = descriptor_text.clone().or(pre_text.clone());
                if let (Some(p), Some(d)) = (p, desc.as_ref()) {
                    if let Some(x) = self.persons.get_mut(p) {
                        x.descriptor.get_or_insert_with(|| d.clone());
                    }
                    if gender_of_descriptor(d).is_some() {
                        if let Some(x) = self.persons.get_mut(p) {
                            x.gender = x.gender.or(gender_of_descriptor(d));
                        }
                    }
                }
                if let (Some(p), Some(pre)) = (p, pre_text.as_ref()) {
                    self.note_title(pre, p);
                }
                let person = p.and_then(|p| self.persons.get(p));
                SpeakerRef {
                    mention,
                    name: person.map(|x| x.name.clone()),
                    kind: SpeakerKind::NamedPerson,
                    descriptor: desc.or_else(|| person.and_then(|x| x.descriptor.clone())),
                    anonymity_reason: None,
                    person: p,
                    plural: false,
                    human: true,
                    gender: None,
                }
            }
            NpClass::DocumentOf { name_toks, gender } => {
                let words: Vec<&str> = (name_toks.0..name_toks.1)
                    .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
                    .map(|k| doc.word(k))
                    .collect();
                let p = self.person_for_words(&words, gender);
                let person = p.and_then(|p| self.persons.get(p));
                SpeakerRef {
                    mention,
                    name: person.map(|x| x.name.clone()),
                    kind: SpeakerKind::NamedPerson,
                    descriptor: person.and_then(|x| x.descriptor.clone()),
                    anonymity_reason: None,
                    person: p,
                    plural: false,
                    human: false,
                    gender: None,
                }
            }
            NpClass::Role { role } => {
                let key = role.to_lowercase();
                let holder = self.titles.get(&key).copied().or_else(|| {
                    // "the minister" → the one minister named so far.
                    (!key.contains(' '))
                        .then(|| self.titles.get(&format!("#{key}")).copied())
                        .flatten()
                });
                match holder.and_then(|p| self.persons.get(p).map(|x| (p, x))) {
                    Some((p, x)) => SpeakerRef {
                        mention,
                        name: Some(x.name.clone()),
                        kind: SpeakerKind::NamedPerson,
                        descriptor: Some(role.clone()),
                        anonymity_reason: None,
                        person: Some(p),
                        plural: false,
                        human: true,
                        gender: None,
                    },
                    None => SpeakerRef {
                        mention,
                        name: Some(role.clone()),
                        kind: SpeakerKind::NamedPerson,
                        descriptor: Some(role),
                        anonymity_reason: None,
                        person: None,
                        plural: false,
                        human: true,
                        gender: None,
                    },
                }
            }
            NpClass::Org => SpeakerRef {
                mention,
                name: Some(strip_det(mention_text).to_string()),
                kind: SpeakerKind::NamedOrg,
                descriptor: descriptor_text.clone(),
                anonymity_reason: None,
                person: None,
                plural: true,
                human: false,
                gender: None,
            },
            NpClass::Common(NounClass::Person, false)
                if matches!(doc.lower(a), "the" | "our" | "this") && b - a <= 3 =>
            {
                // "our correspondent" → the person introduced as "BBC … correspondent Stephen Cape".
                let head = doc.lower(b - 1).to_string();
                let holder = self.persons.iter().rposition(|p| {
                    p.descriptor
                        .as_deref()
                        .and_then(|d| d.split_whitespace().last())
                        .is_some_and(|l| l.eq_ignore_ascii_case(&head))
                });
                match holder.and_then(|p| self.persons.get(p).map(|x| (p, x))) {
                    Some((p, x)) => SpeakerRef {
                        mention,
                        name: Some(x.name.clone()),
                        kind: SpeakerKind::NamedPerson,
                        descriptor: x.descriptor.clone(),
                        anonymity_reason: None,
                        person: Some(p),
                        plural: false,
                        human: true,
                        gender: None,
                    },
                    None => {
                        let name = self.canonical_common(
                            doc,
                            a,
                            b,
                            SpeakerKind::AnonymousPerson,
                            mention_text,
                        );
                        SpeakerRef {
                            mention,
                            name: Some(name),
                            kind: SpeakerKind::AnonymousPerson,
                            descriptor: descriptor_text.clone(),
                            anonymity_reason: None,
                            person: None,
                            plural: false,
                            human: true,
                            gender: None,
                        }
                    }
                }
            }
            NpClass::Common(NounClass::Institution, false)
                if b == a + 2
                    && doc.lower(a) == "the"
                    && self
                        .orgs
                        .iter()
                        .any(|(t, _, h)| *t < a && *h == doc.lower(a + 1)) =>
            {
                // "the federation" after "the Police Federation".
                let head = doc.lower(a + 1);
                let name = self
                    .orgs
                    .iter()
                    .rev()
                    .find(|(t, _, h)| *t < a && h == head)
                    .map(|(_, n, _)| n.clone());
                SpeakerRef {
                    mention,
                    name,
                    kind: SpeakerKind::NamedOrg,
                    descriptor: descriptor_text.clone(),
                    anonymity_reason: None,
                    person: None,
                    plural: true,
                    human: false,
                    gender: None,
                }
            }
            NpClass::Common(class, named) => {
                let (kind, plural) = match class {
                    NounClass::Person => (SpeakerKind::AnonymousPerson, false),
                    NounClass::Group => (SpeakerKind::AnonymousGroup, true),
                    NounClass::Institution | NounClass::Document | NounClass::Spokes => {
                        if named {
                            (SpeakerKind::NamedOrg, true)
                        } else {
                            (SpeakerKind::UnnamedInstitution, true)
                        }
                    }
                };
                // "the report" after "A National Audit Office report said": the same document.
                let earlier_doc = (matches!(class, NounClass::Document | NounClass::Institution)
                    && b == a + 2
                    && doc.lower(a) == "the")
                    .then(|| {
                        let head = doc.lower(a + 1);
                        self.antecedents.iter().rev().find(|x| {
                            x.tok < a
                                && x.speaker.name.as_deref().is_some_and(|n| {
                                    n.split_whitespace()
                                        .last()
                                        .is_some_and(|l| l.eq_ignore_ascii_case(head))
                                })
                        })
                    })
                    .flatten()
                    .map(|x| (x.speaker.name.clone(), x.speaker.kind));
                let (kind, name) = match earlier_doc {
                    Some((n, k)) => (k, n.unwrap_or_else(|| mention_text.to_string())),
                    None if class == NounClass::Document => {
                        // "A National Audit Office report on the 20 biggest projects" → up to "report".
                        let head = (a..b)
                            .find(|&k| {
                                lexicon::speaker_noun(doc.lower(k)) == Some(NounClass::Document)
                            })
                            .unwrap_or(b - 1);
                        (kind, doc.slice(a, head + 1).to_string())
                    }
                    None => (kind, self.canonical_common(doc, a, b, kind, mention_text)),
                };
                let human = matches!(class, NounClass::Person | NounClass::Spokes);
                SpeakerRef {
                    mention,
                    name: Some(name),
                    kind,
                    descriptor: descriptor_text.clone(),
                    anonymity_reason: None,
                    person: None,
                    plural: plural && !human,
                    human,
                    gender: gender_of_descriptor(mention_text),
                }
            }
        };
        if (a..b).any(|k| doc.lower(k) == "and") {
            // "Lord Justice Rix and Mr Justice Forbes": "they" may refer back to both.
            out.plural = true;
        }
        if out.descriptor.is_none() {
            out.descriptor = descriptor_text;
        }
        if reason_text.is_some() {
            out.anonymity_reason = reason_text;
        }
        Some(out)
    }

    /// "the source" → the earlier "an intelligence source"; otherwise the phrase itself.
    fn canonical_common(
        &self,
        doc: &Doc,
        a: usize,
        b: usize,
        kind: SpeakerKind,
        text: &str,
    ) -> String {
        let first = doc.lower(a);
        let head = doc.lower(b.saturating_sub(1)).to_string();
        if first == "the" || first == "that" || first == "this" {
            let mods: Vec<&str> = (a + 1..b.saturating_sub(1)).map(|k| doc.lower(k)).collect();
            for ant in self.antecedents.iter().rev() {
                if ant.speaker.kind != kind {
                    continue;
                }
                let Some(name) = ant.speaker.name.as_deref() else {
                    continue;
                };
                let lower = name.to_lowercase();
                let words: Vec<&str> = lower.split_whitespace().collect();
                if words.last().copied() == Some(head.as_str())
                    && mods.iter().all(|m| words.contains(m))
                {
                    return name.to_string();
                }
            }
        }
        text.to_string()
    }

    fn resolve_pronoun(&mut self, doc: &Doc, pronoun: &str, at: usize) -> Option<SpeakerRef> {
        let para = doc.tok(at).map(|t| t.para).unwrap_or(0);
        let want_gender = match pronoun {
            "he" | "him" => Some(Gender::Male),
            "she" | "her" => Some(Gender::Female),
            _ => None,
        };
        let personal = want_gender.is_some();
        // The latest fitting antecedent: an earlier speaker, or a name mentioned outside quotes and
        // outside reported contents, not as a possessive.
        let mut best: Option<(usize, SpeakerRef)> = None;
        for ant in self.antecedents.iter().rev() {
            if ant.tok >= at || para.saturating_sub(ant.para) > 3 {
                continue;
            }
            let sp = &ant.speaker;
            let fits = if personal {
                sp.human
                    && match (sp.gender, want_gender) {
                        (Some(g), Some(w)) => g == w,
                        _ => self.gender_ok(sp.person, want_gender),
                    }
            } else if pronoun == "it" {
                (!sp.human && !sp.plural)
                    || matches!(
                        sp.kind,
                        SpeakerKind::NamedOrg | SpeakerKind::UnnamedInstitution
                    )
            } else {
                sp.plural
            };
            if fits {
                best = Some((ant.tok, sp.clone()));
                break;
            }
        }
        if personal {
            // A name whose gender is known to match beats a nearer candidate of unknown gender
            // that is only a mention (places and bodies slip into the name table).
            let _ = ();
            let mention = self.mentions.iter().rev().find(|m| {
                m.tok < at
                    && !m.possessive
                    && !m.tok.checked_sub(1).is_some_and(|k| {
                        matches!(
                            doc.lower(k),
                            "of" | "in"
                                | "at"
                                | "on"
                                | "near"
                                | "into"
                                | "across"
                                | "to"
                                | "outside"
                                | "for"
                        )
                    })
                    && !m.in_quote
                    && doc
                        .tok(m.tok)
                        .is_some_and(|t| para.saturating_sub(t.para) <= 2)
                    && !self.in_content(doc, m.tok)
                    && self.gender_ok(Some(m.person), want_gender)
            });
            let known_match = |m: &&NameMention| {
                self.persons
                    .get(m.person)
                    .is_some_and(|p| p.gender.is_some() && p.gender == want_gender)
            };
            let mention = match mention {
                Some(m) if !known_match(&m) => {
                    let better = self.mentions.iter().rev().find(|k| {
                        k.tok < at
                            && k.tok > best.as_ref().map(|(t, _)| *t).unwrap_or(0)
                            && !k.possessive
                            && !k.in_quote
                            && doc
                                .tok(k.tok)
                                .is_some_and(|t| para.saturating_sub(t.para) <= 1)
                            && !self.in_content(doc, k.tok)
                            && known_match(k)
                    });
                    better.or(Some(m))
                }
                other => other,
            };
            if let Some(m) = mention {
                if best.as_ref().is_none_or(|(t, _)| m.tok > *t) {
                    let person = self.persons.get(m.person)?;
                    best = Some((
                        m.tok,
                        SpeakerRef {
                            mention: Span::default(),
                            name: Some(person.name.clone()),
                            kind: SpeakerKind::NamedPerson,
                            descriptor: person.descriptor.clone(),
                            anonymity_reason: None,
                            person: Some(m.person),
                            plural: false,
                            human: true,
                            gender: None,
                        },
                    ));
                }
            }
        }
        if best.is_none() && personal {
            // Nothing fits among speakers and subject-like names: a name mentioned in passing
            // whose gender is known to match ("… for Kimberly Quinn. She denies …").
            let weak = self.mentions.iter().rev().find(|m| {
                m.tok < at
                    && !m.in_quote
                    && doc
                        .tok(m.tok)
                        .is_some_and(|t| para.saturating_sub(t.para) <= 2)
                    && self
                        .persons
                        .get(m.person)
                        .is_some_and(|p| p.gender.is_some() && p.gender == want_gender)
            });
            if let Some(m) = weak {
                if let Some(person) = self.persons.get(m.person) {
                    best = Some((
                        m.tok,
                        SpeakerRef {
                            mention: Span::default(),
                            name: Some(person.name.clone()),
                            kind: SpeakerKind::NamedPerson,
                            descriptor: person.descriptor.clone(),
                            anonymity_reason: None,
                            person: Some(m.person),
                            plural: false,
                            human: true,
                            gender: person.gender,
                        },
                    ));
                }
            }
        }
        match best {
            Some((_, sp)) => {
                if let (Some(p), Some(g)) = (sp.person, want_gender) {
                    if let Some(x) = self.persons.get_mut(p) {
                        x.gender.get_or_insert(g);
                    }
                }
                Some(sp)
            }
            None if pronoun == "they" => Some(SpeakerRef {
                mention: Span::default(),
                name: None,
                kind: SpeakerKind::AnonymousGroup,
                descriptor: None,
                anonymity_reason: None,
                person: None,
                plural: true,
                human: false,
                gender: None,
            }),
            None if personal => Some(SpeakerRef {
                mention: Span::default(),
                name: None,
                kind: SpeakerKind::AnonymousPerson,
                descriptor: None,
                anonymity_reason: None,
                person: None,
                plural: false,
                human: true,
                gender: None,
            }),
            None => None,
        }
    }

    fn in_content(&self, doc: &Doc, tok: usize) -> bool {
        let Some(t) = doc.tok(tok) else { return false };
        self.contents
            .iter()
            .any(|c| c.start <= t.start && t.end <= c.end)
    }

    fn gender_ok(&self, person: Option<usize>, want: Option<Gender>) -> bool {
        match (person.and_then(|p| self.persons.get(p)), want) {
            (Some(p), Some(w)) => p.gender.is_none_or(|g| g == w),
            _ => true,
        }
    }

    /// What the phrase `[a, b)` is.
    fn classify(&self, doc: &Doc, a: usize, b: usize, weak_heads_ok: bool) -> Option<NpClass> {
        if b <= a {
            return None;
        }
        let first = doc.lower(a);
        if b == a + 1 && lexicon::is_speaker_pronoun(first) {
            return Some(NpClass::Pronoun(first.to_string()));
        }
        if (a..b).all(|k| {
            lexicon::is_sentence_function_word(doc.word(k)) || lexicon::is_determiner(doc.lower(k))
        }) {
            return None;
        }
        if b == a + 1 && lexicon::is_speaker_pronoun(first) {
            return Some(NpClass::Pronoun(first.to_string()));
        }
        if b == a + 3 && first == "one" && doc.lower(a + 1) == "of" {
            let p = doc.lower(a + 2);
            if matches!(p, "them" | "those") {
                return Some(NpClass::OneOf("they".into()));
            }
        }
        // "Lord Nicholls of Birkenhead" → "Lord Nicholls".
        if matches!(doc.word(a), "Lord" | "Lady" | "Baroness" | "Baron") {
            if let Some(of) = (a + 2..b).find(|&k| doc.lower(k) == "of") {
                return self.classify(doc, a, of, weak_heads_ok);
            }
        }
        // "Most Gibraltarians", "Many Britons": a quantifier and a plural.
        if b == a + 2
            && matches!(
                first,
                "most" | "many" | "some" | "several" | "few" | "all" | "both"
            )
            && doc.word(a + 1).ends_with('s')
            && doc.tok(a + 1).is_some_and(|t| t.cap)
        {
            return Some(NpClass::Common(NounClass::Group, false));
        }
        // Shares of a poll's respondents: "47%", "One in four", "around one quarter".
        {
            let head = doc.lower(b - 1);
            let quantity = head == "%"
                || matches!(
                    head,
                    "cent"
                        | "quarter"
                        | "quarters"
                        | "third"
                        | "thirds"
                        | "half"
                        | "majority"
                        | "minority"
                        | "three-quarters"
                        | "two-thirds"
                )
                || (b - a <= 3
                    && (a..b).any(|k| doc.lower(k) == "in")
                    && head.chars().all(|c| c.is_alphabetic())
                    && matches!(head, "four" | "five" | "three" | "ten" | "two"));
            if quantity {
                return Some(NpClass::Common(NounClass::Group, false));
            }
        }
        // Coordination: "Lemon and two other experts" → the first conjunct when it is a name.
        if let Some(and) = (a..b).find(|&k| doc.lower(k) == "and") {
            if and > a && doc.tok(and - 1).is_some_and(|t| t.cap) {
                if let Some(c) = self.classify(doc, a, and, weak_heads_ok) {
                    if matches!(c, NpClass::Person { .. }) {
                        return Some(c);
                    }
                }
            }
        }
        // "Simon Hart of the Countryside Alliance": a person's name, then where they come from.
        if let Some(of) = (a + 2..b).find(|&k| matches!(doc.lower(k), "of" | "from" | "at")) {
            let all_cap = (a..of).all(|k| doc.tok(k).is_some_and(|t| t.cap && t.is_word()));
            let last = doc.word(of - 1);
            if all_cap
                && !lexicon::is_title_word(last)
                && !lexicon::is_org_word(last)
                && !lexicon::is_demonym(last)
                && !lexicon::is_sentence_function_word(doc.word(a))
            {
                if let Some(NpClass::Person {
                    name_toks, gender, ..
                }) = self.classify(doc, a, of, weak_heads_ok)
                {
                    if name_toks.1 - name_toks.0 >= 2 || self.persons.iter().any(|p| p.last == last)
                    {
                        return Some(NpClass::Person {
                            name_toks,
                            descriptor: doc.span_of(of, b),
                            gender,
                        });
                    }
                }
            }
        }
        // "Mr Crosby's statement": a document speaks for the person who issued it.
        if lexicon::speaker_noun(doc.lower(b - 1)) == Some(NounClass::Document) {
            if let Some(poss) = (a..b)
                .rev()
                .find(|&k| doc.tok(k).is_some_and(|t| t.kind == TokKind::Poss))
            {
                let mut st = poss;
                while st > a && doc.tok(st - 1).is_some_and(|t| t.cap && t.is_word()) {
                    st -= 1;
                }
                if st < poss {
                    if let Some(NpClass::Person {
                        name_toks, gender, ..
                    }) = self.classify(doc, st, poss, weak_heads_ok)
                    {
                        return Some(NpClass::DocumentOf { name_toks, gender });
                    }
                }
            }
        }
        // A speaker noun before a prepositional phrase heads the phrase: "a spokesman for the Home Office".
        let first_prep = (a + 1..b).find(|&k| {
            matches!(
                doc.lower(k),
                "for" | "of" | "at" | "with" | "from" | "in" | "close" | "familiar" | "on"
            )
        });
        // "Shadow spokesman for sport Hugh Robertson": a name at the end is the speaker.
        let ends_in_name = b >= a + 2
            && (b - 2..b).all(|k| {
                doc.tok(k).is_some_and(|t| t.cap && t.is_word())
                    && !lexicon::is_org_word(doc.word(k))
                    && !lexicon::is_title_word(doc.word(k))
                    && !lexicon::is_demonym(doc.word(k))
            });
        if let Some(p) = first_prep.filter(|_| !ends_in_name) {
            if let Some(class) = lexicon::speaker_noun(doc.lower(p - 1)) {
                if !doc.tok(p - 1).is_some_and(|t| t.cap) || doc.lower(p - 1) == "mps" || p - 1 == a
                {
                    let named = self.has_name_modifier(doc, a, b);
                    return Some(NpClass::Common(class, named));
                }
            }
        }
        let head = b - 1;
        let head_tok = doc.tok(head)?;
        if b == a + 1 && head_tok.cap {
            // "Reports have claimed …", "Officials said …": a common noun capitalised at the start.
            if let Some(class) = lexicon::speaker_noun(&head_tok.lower) {
                return Some(NpClass::Common(class, false));
            }
        }
        if head_tok.cap && head_tok.is_word() {
            // The entity on the head word decides between a person and an organisation; one on a
            // modifier ("BBC correspondent X", "Paris police chief Y") does not.
            let head_span = Span::new(head_tok.start, head_tok.end);
            let whole = doc.span_of(a, b)?;
            let titled = lexicon::is_title_word(doc.word(head))
                || (a..head).any(|k| {
                    lexicon::is_title_word(doc.word(k)) && doc.tok(k).is_some_and(|t| t.cap)
                });
            match self.entity_at(head_span) {
                Some((sp, "ORG"))
                    if !titled
                        && (sp.start <= whole.start + 4
                            || !self.tail_is_person_name(doc, a, b)) =>
                {
                    return Some(NpClass::Org)
                }
                Some((sp, "GPE" | "LOC")) if !titled && sp.start <= whole.start + 4 => {
                    return Some(NpClass::Org)
                }
                _ => {}
            }
            // Capitalised tail.
            let mut tail = b;
            while tail > a {
                let Some(t) = doc.tok(tail - 1) else { break };
                if t.is_word() && (t.cap || is_connector(&t.lower)) {
                    tail -= 1;
                } else {
                    break;
                }
            }
            let words: Vec<&str> = (tail..b).map(|k| doc.word(k)).collect();
            let head_word = doc.word(head);
            if lexicon::speaker_noun(&head_tok.lower) == Some(NounClass::Group)
                && head_word == "MPs"
            {
                return Some(NpClass::Common(NounClass::Group, false));
            }
            if words.iter().any(|w| lexicon::is_org_word(w))
                || (is_acronym(head_word) && !lexicon::is_title_word(head_word))
            {
                // A person after the organisation words: "Labour MP John Smith".
                let last_org = words
                    .iter()
                    .rposition(|w| lexicon::is_org_word(w) || is_acronym(w));
                let after = last_org.map(|x| x + 1).unwrap_or(0);
                if after >= words.len() {
                    return Some(NpClass::Org);
                }
            }
            let mut name_start = b;
            while name_start > tail {
                let w = doc.word(name_start - 1);
                if lexicon::is_title_word(w)
                    || lexicon::is_org_word(w)
                    || lexicon::is_demonym(w)
                    || is_acronym(w)
                {
                    break;
                }
                name_start -= 1;
            }
            let name_len = b - name_start;
            let known_single =
                name_len == 1 && self.persons.iter().any(|p| p.last == doc.word(name_start));
            if name_len == 0 {
                if words.iter().all(|w| lexicon::is_demonym(w)) {
                    return Some(NpClass::Common(NounClass::Group, false));
                }
                let role = strip_det(doc.slice(a, b)).to_string();
                return Some(NpClass::Role { role });
            }
            // A single unknown capitalised word after no title: a person's surname when it stands
            // alone as a subject; plural forms ("Conservatives") are organisations.
            if name_len == 1 && !known_single && name_start == tail {
                let w = doc.word(name_start);
                if w.ends_with('s') && !w.ends_with("ss") && w.len() > 4 && tail == a {
                    return Some(NpClass::Org);
                }
                // "Oxfam says" when the article also has "Oxfam's Barbara Stocking" or "Oxfam
                // director": a body that has people.
                let has_people = doc.toks.iter().enumerate().any(|(k, t)| {
                    t.is_word()
                        && doc.word(k) == w
                        && ((doc.tok(k + 1).is_some_and(|p| p.kind == TokKind::Poss)
                            && doc.tok(k + 2).is_some_and(|n| n.cap && n.is_word())
                            && doc.tok(k + 3).is_some_and(|n| n.cap && n.is_word()))
                            || doc.tok(k + 1).is_some_and(|n| {
                                n.is_word()
                                    && !n.cap
                                    && matches!(
                                        lexicon::speaker_noun(&n.lower),
                                        Some(
                                            NounClass::Spokes
                                                | NounClass::Person
                                                | NounClass::Group
                                        )
                                    )
                            }))
                });
                if has_people {
                    return Some(NpClass::Org);
                }
                if tail > a && !lexicon::is_determiner(doc.lower(tail - 1)) {
                    // "officials Smith" is not a shape we know.
                }
            }
            let gender = (a..name_start).find_map(|k| lexicon::title_gender(doc.word(k)));
            // A peer's title is part of the name: "Lord Roberts".
            let name_start = if name_start > a
                && matches!(
                    doc.word(name_start - 1),
                    "Lord" | "Lady" | "Baroness" | "Baron"
                )
                && b - name_start == 1
            {
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
            return Some(NpClass::Person {
                name_toks: (name_start, b),
                descriptor,
                gender,
            });
        }
        let lower = head_tok.lower.as_str();
        if first == "the"
            && b - a <= 4
            && (a + 1..b).all(|k| doc.tok(k).is_some_and(|t| t.is_word()))
        {
            let mut cap = lower.to_string();
            if let Some(c) = cap.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            if lexicon::is_title_word(&cap) && !lexicon::is_org_word(&cap) && lower != "party" {
                return Some(NpClass::Role {
                    role: strip_det(doc.slice(a, b)).to_string(),
                });
            }
        }
        if let Some(class) = lexicon::speaker_noun(lower) {
            let named = self.has_name_modifier(doc, a, b);
            return Some(NpClass::Common(class, named));
        }
        if weak_heads_ok
            && head_tok.is_word()
            && b - a <= 5
            && lexicon::is_determiner(first)
            && !lexicon::is_finite_verb_word(lower)
            && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            let plural = lower.ends_with('s') && !lower.ends_with("ss");
            let class = if plural {
                NounClass::Group
            } else {
                NounClass::Person
            };
            return Some(NpClass::Common(class, false));
        }
        None
    }

    /// The phrase names its body: a capitalised word that is not a nationality ("Paris police").
    fn has_name_modifier(&self, doc: &Doc, a: usize, b: usize) -> bool {
        (a..b).any(|k| {
            let w = doc.word(k);
            let cap_word = doc.tok(k).is_some_and(|t| t.cap && t.is_word());
            let excluded = lexicon::is_demonym(w)
                || matches!(w, "MPs" | "MEPs")
                || (k == a && lexicon::is_sentence_function_word(w));
            cap_word && !excluded
        })
    }
}

/// "Illustration: Yusha", "Additional reporting by …": sign-off lines name no one in the story.
fn is_credit_paragraph(doc: &Doc, tok: usize) -> bool {
    let Some(para) = doc.tok(tok).map(|t| t.para) else {
        return false;
    };
    let first = doc.toks.iter().position(|t| t.para == para).unwrap_or(tok);
    let w0 = doc.lower(first);
    let w1 = doc.lower(first + 1);
    matches!(
        w0,
        "illustration"
            | "photo"
            | "photograph"
            | "graphic"
            | "graphics"
            | "editing"
            | "reporting"
            | "writing"
            | "additional"
            | "compiled"
            | "produced"
            | "video"
            | "pictures"
            | "picture"
    ) && (w1 == ":" || w1 == "by" || w1 == "reporting" || w1 == "-")
}

fn gender_of_descriptor(d: &str) -> Option<Gender> {
    let l = d.to_lowercase();
    if l.contains("woman") || l.contains("mother") || l.contains("wife") || l.contains("actress") {
        Some(Gender::Female)
    } else if l.contains("spokesman") || l.contains("father") || l.contains("husband") {
        Some(Gender::Male)
    } else {
        None
    }
}

fn lowercase_det(name: &str) -> String {
    let mut it = name.splitn(2, ' ');
    match (it.next(), it.next()) {
        (Some(first), Some(rest))
            if first.chars().next().is_some_and(|c| c.is_uppercase())
                && lexicon::is_sentence_function_word(first) =>
        {
            format!("{} {}", first.to_lowercase(), rest)
        }
        _ => name.to_string(),
    }
}
