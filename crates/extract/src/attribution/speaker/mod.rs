//! Who a speaker phrase names.
//!
//! A [`Resolver`] is built once per article and keeps what the article has said so far:
//!
//! 1. [`names`]: before any cue is read, a pre-scan finds the people the article names (runs of
//!    capitalised words whose tail, after titles and organisation words, is a name; names the
//!    entity model tags PER) and builds the article's name table, with each person's surname,
//!    gender (from a title or a given name) and descriptor ("Chancellor", "our correspondent"),
//!    and the organisations named ("the Police Federation").
//! 2. [`classify`]: each speaker phrase the cue parser hands over is classified by its head and
//!    shape: a pronoun, a named person, a role ("the Prime Minister"), an organisation, a common
//!    noun (person, group, institution, spokesperson, document) or a named person's document.
//! 3. [`resolve`]: the class becomes a [`SpeakerRef`] with the canonical name within the article:
//!    surnames go to the full name mentioned last, roles to the person introduced with the title,
//!    definite re-mentions ("the source", "the report") to the earlier speaker they repeat.
//! 4. [`pronoun`]: "he", "she", "they", "it" go to the latest fitting antecedent: an earlier
//!    speaker, or a name mentioned outside quotes and reported contents, of a matching gender.
//!
//! Resolved speakers are noted as antecedents as the cue parser goes on ([`Resolver::note_speaker`]),
//! so resolution only ever looks back.

mod classify;
mod names;
mod pronoun;
mod resolve;

pub(super) use classify::is_writer_pronoun;

use std::collections::HashMap;

use newsgraph_model::{Entity, Span, SpeakerKind};

use super::doc::Doc;
use super::lexicon::Gender;

/// A resolved speaker.
#[derive(Debug, Clone)]
pub(crate) struct SpeakerRef {
    /// The speaker phrase in the text (empty for a pronoun's antecedent before it is placed).
    pub(crate) mention: Span,
    /// The canonical name within the article ("Tony Blair", "the Home Office", "a source").
    pub(crate) name: Option<String>,
    /// What kind of source speaks.
    pub(crate) kind: SpeakerKind,
    /// How the article describes the speaker ("Chancellor", "a French academic").
    pub(crate) descriptor: Option<String>,
    /// Why an unnamed source is not named ("not authorised to speak publicly").
    pub(crate) anonymity_reason: Option<String>,
    /// The person in the article's name table, for gender and descriptor bookkeeping.
    pub(crate) person: Option<usize>,
    /// "they" may refer to it.
    pub(crate) plural: bool,
    /// One human being (a named or unnamed person, a spokesperson): "he"/"she" may refer to it.
    pub(crate) human: bool,
    /// Known gender of a speaker outside the name table (roles, unnamed people).
    pub(crate) gender: Option<Gender>,
}

impl SpeakerRef {
    /// A speaker of `kind` named `name`, singular, not known to be human, with nothing else known.
    pub(crate) fn new(mention: Span, kind: SpeakerKind, name: Option<String>) -> SpeakerRef {
        SpeakerRef {
            mention,
            name,
            kind,
            descriptor: None,
            anonymity_reason: None,
            person: None,
            plural: false,
            human: false,
            gender: None,
        }
    }

    /// The speaker of a transcript turn, named by its label in capitals ("PENCE" → "Pence").
    pub(crate) fn transcript_label(mention: Span, label: &str) -> SpeakerRef {
        let name = label
            .split_whitespace()
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| {
                        c.to_uppercase()
                            .chain(cs.flat_map(char::to_lowercase))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
            .join(" ");
        SpeakerRef {
            human: true,
            ..SpeakerRef::new(mention, SpeakerKind::NamedPerson, Some(name))
        }
    }

    /// The person `index` of the name table, as a named human speaker with their descriptor.
    fn named_person(mention: Span, index: usize, person: &Person) -> SpeakerRef {
        SpeakerRef {
            descriptor: person.descriptor.clone(),
            person: Some(index),
            human: true,
            ..SpeakerRef::new(mention, SpeakerKind::NamedPerson, Some(person.name.clone()))
        }
    }
}

/// A half-open run of tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TokRange {
    start: usize,
    end: usize,
}

impl TokRange {
    fn new(start: usize, end: usize) -> TokRange {
        TokRange { start, end }
    }

    /// Number of tokens.
    fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// The token indices.
    fn indices(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A person of the article's name table.
#[derive(Debug, Clone)]
struct Person {
    /// The fullest form of the name seen ("Tony Blair"), without honorifics.
    name: String,
    /// The last word of the name: the surname later mentions use.
    last: String,
    gender: Option<Gender>,
    /// The role or description the article introduced the person with.
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
    /// Index into the name table.
    person: usize,
    /// Followed by "'s": a possessor, not a subject.
    possessive: bool,
    in_quote: bool,
}

/// An organisation name seen in the article, for definite re-mentions ("the federation").
#[derive(Debug, Clone)]
struct OrgMention {
    tok: usize,
    /// The name as written ("Police Federation").
    name: String,
    /// Its last word, lower case ("federation").
    head: String,
}

/// An entity of the NER pass: its byte extent and label.
#[derive(Debug, Clone)]
struct EntityLabel {
    span: Span,
    label: String,
}

/// Who holds a title ("Chancellor Gordon Brown"), so that "the chancellor" resolves.
#[derive(Debug, Clone, Default)]
struct TitleHolders {
    /// The full title, lower case ("home secretary") → the first person introduced with it.
    by_title: HashMap<String, usize>,
    /// The title's last word ("secretary") → its holder, `None` when two people share it.
    by_last_word: HashMap<String, Option<usize>>,
}

impl TitleHolders {
    /// Notes that `person` holds `title` (lower case, non-empty words).
    fn note(&mut self, title: &[&str], person: usize) {
        let full = title.join(" ").to_lowercase();
        self.by_title.entry(full).or_insert(person);
        if let Some(last) = title.last() {
            let holder = match self.by_last_word.get(&last.to_lowercase()) {
                Some(Some(p)) if *p != person => None,
                Some(None) => None,
                _ => Some(person),
            };
            self.by_last_word.insert(last.to_lowercase(), holder);
        }
    }

    /// The holder of a title written as `key` (lower case): the full title, or for a one-word title
    /// ("minister") the one person whose title ends with it.
    fn holder(&self, key: &str) -> Option<usize> {
        self.by_title.get(key).copied().or_else(|| {
            (!key.contains(' '))
                .then(|| self.by_last_word.get(key).copied().flatten())
                .flatten()
        })
    }
}

/// The article's speaker bookkeeping: name table, antecedents, titles and organisations.
pub(crate) struct Resolver {
    persons: Vec<Person>,
    mentions: Vec<NameMention>,
    /// Surname → (token, person) of every mention of a person with a full name, in token order:
    /// "Blair" finds the last "Tony Blair" before it without walking every earlier mention.
    full_names_by_surname: HashMap<String, Vec<(usize, usize)>>,
    antecedents: Vec<Antecedent>,
    titles: TitleHolders,
    /// Byte spans of attribution contents so far: names inside them are not antecedents.
    contents: Vec<Span>,
    entity_labels: Vec<EntityLabel>,
    orgs: Vec<OrgMention>,
}

impl Resolver {
    /// The resolver of one article: pre-scans `doc` for names, using the NER `entities` as hints.
    pub(crate) fn new(doc: &Doc, entities: &[Entity]) -> Resolver {
        let mut r = Resolver {
            persons: Vec::new(),
            mentions: Vec::new(),
            full_names_by_surname: HashMap::new(),
            antecedents: Vec::new(),
            titles: TitleHolders::default(),
            contents: Vec::new(),
            orgs: Vec::new(),
            entity_labels: entities
                .iter()
                .map(|e| EntityLabel {
                    span: Span::new(e.start, e.end.max(e.start)),
                    label: e.label.clone(),
                })
                .collect(),
        };
        r.prescan(doc);
        r
    }

    /// "X said he …": the pronoun opening the reported clause usually is the speaker.
    pub(crate) fn note_gender(&mut self, sp: &mut SpeakerRef, g: Gender) {
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

    /// The person named most often before token `before` (the earliest named of a tie), as the
    /// speaker at `mention`: the subject of an interview, who answers its "A:" turns.
    pub(crate) fn most_named_before(&self, mention: Span, before: usize) -> Option<SpeakerRef> {
        let mut counts = vec![0usize; self.persons.len()];
        for m in self.mentions.iter().filter(|m| m.tok < before) {
            if let Some(c) = counts.get_mut(m.person) {
                *c += 1;
            }
        }
        let (best, _) = counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            // max_by_key keeps the last maximum: reverse so the earliest-indexed person wins ties.
            .rev()
            .max_by_key(|(_, &c)| c)?;
        let person = self.persons.get(best)?;
        Some(SpeakerRef::named_person(mention, best, person))
    }

    /// Registers the byte span of an attribution's content: names inside it are not antecedents.
    pub(crate) fn note_content(&mut self, span: Span) {
        self.contents.push(span);
    }

    /// Registers a resolved speaker as a possible antecedent of later pronouns.
    pub(crate) fn note_speaker(&mut self, doc: &Doc, tok: usize, speaker: &SpeakerRef) {
        let para = doc.tok(tok).map(|t| t.para).unwrap_or(0);
        self.antecedents.push(Antecedent {
            tok,
            para,
            speaker: speaker.clone(),
        });
    }

    /// The entity covering `span`, with its extent and label.
    fn entity_at(&self, span: Span) -> Option<(Span, &str)> {
        self.entity_labels
            .iter()
            .find(|e| e.span.overlaps(&span))
            .map(|e| (e.span, e.label.as_str()))
    }

    /// Whether some person of the name table has the surname `word`.
    fn is_known_surname(&self, word: &str) -> bool {
        self.persons.iter().any(|p| p.last == word)
    }

    /// Sets a person's gender unless one is known already.
    fn default_gender(&mut self, person: usize, gender: Gender) {
        if let Some(x) = self.persons.get_mut(person) {
            x.gender.get_or_insert(gender);
        }
    }
}

/// Titles of peers, which are part of the name: "Lord Falconer", "Baroness Scotland".
const PEER_TITLES: [&str; 4] = ["Lord", "Lady", "Baroness", "Baron"];

fn is_peer_title(word: &str) -> bool {
    PEER_TITLES.contains(&word)
}

/// An all-capitals word of two or more characters ("BBC", "U.N.").
fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && w.chars().any(|c| c.is_ascii_uppercase())
}

/// The phrase without a leading "the".
fn strip_det(s: &str) -> &str {
    for d in ["the ", "The "] {
        if let Some(r) = s.strip_prefix(d) {
            return r;
        }
    }
    s
}

/// The gender a descriptor's wording tells ("a spokeswoman", "his wife").
fn gender_of_descriptor(d: &str) -> Option<Gender> {
    // Substring cues, few enough to keep in code: "spokeswoman", "businesswoman" … all end in
    // "woman"; "spokesman" is the one male role common in attributions.
    let l = d.to_lowercase();
    if l.contains("woman") || l.contains("mother") || l.contains("wife") || l.contains("actress") {
        Some(Gender::Female)
    } else if l.contains("spokesman") || l.contains("father") || l.contains("husband") {
        Some(Gender::Male)
    } else {
        None
    }
}
