//! From a classified speaker phrase to a [`SpeakerRef`] with its canonical name in the article.
//!
//! Named people go through the name table: a bare surname is the person last mentioned with it,
//! a new name is added, and the words before the name become the person's descriptor and title.
//! A role ("the chancellor") is the person introduced with that title, if any. Definite common
//! phrases repeat an earlier speaker when its name ends in the same head ("the federation" →
//! "Police Federation", "the report" → "A National Audit Office report", "the source" → "an
//! intelligence source"); "our correspondent" is the person introduced as a correspondent.

use newsgraph_model::{Span, SpeakerKind};

use super::super::doc::{Doc, TokKind};
use super::super::lexicon::{self, Gender, NounClass};
use super::classify::NpClass;
use super::names::name_words;
use super::{gender_of_descriptor, strip_det, Resolver, SpeakerRef, TokRange};

/// The parts of the speaker phrase every class resolves with.
struct Phrase<'d> {
    toks: TokRange,
    mention: Span,
    text: &'d str,
    /// The descriptor the cue parser found around the phrase ("…, a French academic").
    descriptor: Option<String>,
}

impl Resolver {
    /// Classifies and resolves the speaker phrase at tokens `[a, b)`; `None` when the phrase cannot
    /// be a source of speech (not a person, group, institution or organisation). `descriptor` and
    /// `reason` are the descriptor and anonymity reason the cue parser found next to the phrase;
    /// `weak_heads_ok` lets any determiner phrase be an unnamed person or group.
    pub(crate) fn resolve(
        &mut self,
        doc: &Doc,
        a: usize,
        b: usize,
        descriptor: Option<Span>,
        reason: Option<Span>,
        weak_heads_ok: bool,
    ) -> Option<SpeakerRef> {
        let toks = TokRange::new(a, b);
        let mention = doc.span_of(a, b)?;
        let class = self.classify(doc, toks, weak_heads_ok)?;
        let np = Phrase {
            toks,
            mention,
            text: mention.slice(doc.text),
            descriptor: descriptor.map(|d| d.slice(doc.text).trim().to_string()),
        };
        let mut out = match class {
            NpClass::Pronoun(p) => {
                let mut sp = self.resolve_pronoun(doc, &p, a)?;
                sp.mention = mention;
                sp
            }
            NpClass::Writer(plural) => SpeakerRef {
                plural,
                human: !plural,
                ..SpeakerRef::new(mention, SpeakerKind::Writer, None)
            },
            NpClass::OneOf(p) => self.resolve_one_of(doc, &np, &p),
            NpClass::Person {
                name,
                descriptor: pre,
                gender,
            } => self.resolve_person(doc, &np, name, pre, gender),
            NpClass::DocumentOf { name, gender } => {
                let p = self.person_for_words(&name_words(doc, name), gender);
                match p.and_then(|p| self.persons.get(p).map(|x| (p, x))) {
                    Some((p, x)) => SpeakerRef {
                        human: false,
                        ..SpeakerRef::named_person(mention, p, x)
                    },
                    None => SpeakerRef::new(mention, SpeakerKind::NamedPerson, None),
                }
            }
            NpClass::Role { role } => self.resolve_role(doc, &np, role),
            NpClass::Org => SpeakerRef {
                descriptor: np.descriptor.clone(),
                plural: true,
                ..SpeakerRef::new(
                    mention,
                    SpeakerKind::NamedOrg,
                    Some(strip_det(np.text).to_string()),
                )
            },
            NpClass::Common {
                class: NounClass::Person,
                named: false,
            } if matches!(doc.lower(a), "the" | "our" | "this")
                && (b - a <= 3 || (b - a == 4 && doc.lower(a + 2).ends_with('s'))) =>
            {
                self.resolve_definite_person(doc, &np)
            }
            NpClass::Common {
                class: NounClass::Institution,
                named: false,
            } if self.earlier_org_by_head(doc, toks).is_some() => SpeakerRef {
                descriptor: np.descriptor.clone(),
                plural: true,
                ..SpeakerRef::new(
                    mention,
                    SpeakerKind::NamedOrg,
                    self.earlier_org_by_head(doc, toks),
                )
            },
            NpClass::Common { class, named } => self.resolve_common(doc, &np, class, named),
        };
        if (a..b).any(|k| doc.lower(k) == "and") {
            // "Lord Justice Rix and Mr Justice Forbes": "they" may refer back to both.
            out.plural = true;
        }
        if out.descriptor.is_none() {
            out.descriptor = np.descriptor;
        }
        if let Some(r) = reason {
            out.anonymity_reason = Some(r.slice(doc.text).trim().to_string());
        }
        Some(out)
    }

    /// A source phrase that fits no speaker class but that its frame marks as the source: what
    /// "according to" cites ("state law", "three television networks", "him"; `default` a
    /// document) or who speaks right next to a quotation ("…,” said the 46-year-old", `default` a
    /// person). An object pronoun goes to its antecedent; otherwise the phrase is the source, of
    /// the class its head or an earlier person or group noun tells, else `default` (a group for a
    /// plural head). `None` for a phrase of function words only.
    pub(crate) fn cited_source(
        &mut self,
        doc: &Doc,
        (a, b): (usize, usize),
        default: NounClass,
    ) -> Option<SpeakerRef> {
        let mention = doc.span_of(a, b)?;
        if b == a + 1 {
            let subject = match doc.lower(a) {
                "him" => Some("he"),
                "her" => Some("she"),
                "them" => Some("they"),
                _ => None,
            };
            if let Some(pronoun) = subject {
                let mut sp = self.resolve_pronoun(doc, pronoun, a)?;
                sp.mention = mention;
                return Some(sp);
            }
        }
        let has_content_word = (a..b).any(|k| {
            doc.tok(k).is_some_and(|t| t.is_word())
                && !lexicon::is_sentence_function_word(doc.word(k))
                && !lexicon::is_determiner(doc.lower(k))
        });
        if !has_content_word {
            return None;
        }
        // The head's class; else a human noun earlier ("two senators present"), not a modifier
        // such as "state" in "state law".
        let class = lexicon::speaker_noun(doc.lower(b - 1))
            .or_else(|| {
                (a..b - 1)
                    .filter_map(|k| lexicon::speaker_noun(doc.lower(k)))
                    .find(|c| matches!(c, NounClass::Person | NounClass::Group))
            })
            .unwrap_or_else(|| {
                let head = doc.lower(b - 1);
                let singular_det = matches!(doc.lower(a), "a" | "an" | "one" | "another");
                let plural = head.ends_with('s') && !head.ends_with("ss") && !singular_det;
                if default == NounClass::Person && plural {
                    NounClass::Group
                } else {
                    default
                }
            });
        let np = Phrase {
            toks: TokRange::new(a, b),
            mention,
            text: mention.slice(doc.text),
            descriptor: None,
        };
        Some(self.resolve_common(doc, &np, class, false))
    }

    /// "one of them": one unnamed member of the group "them" refers to.
    fn resolve_one_of(&mut self, doc: &Doc, np: &Phrase, pronoun: &str) -> SpeakerRef {
        let group = self.resolve_pronoun(doc, pronoun, np.toks.start);
        let name = group
            .as_ref()
            .and_then(|g| g.name.clone())
            .map(|n| format!("one of {}", lowercase_det(&n)));
        SpeakerRef {
            descriptor: group.and_then(|g| g.descriptor),
            human: true,
            ..SpeakerRef::new(
                np.mention,
                SpeakerKind::AnonymousPerson,
                name.or_else(|| Some(np.text.to_string())),
            )
        }
    }

    /// A named person: the person a surname refers to (or a new one), whose descriptor, title and
    /// gender the phrase tells.
    fn resolve_person(
        &mut self,
        doc: &Doc,
        np: &Phrase,
        name: TokRange,
        pre: Option<Span>,
        gender: Option<Gender>,
    ) -> SpeakerRef {
        let words = name_words(doc, name);
        let recent = match words.as_slice() {
            [surname] => self.last_full_name_with_surname(surname, np.toks.start),
            _ => None,
        };
        let p = recent.or_else(|| self.person_for_words(&words, gender));
        if let (Some(p), Some(g)) = (p, gender) {
            self.default_gender(p, g);
        }
        let pre_text = pre.map(|s| s.slice(doc.text).trim().to_string());
        let desc = np.descriptor.clone().or(pre_text.clone());
        if let (Some(p), Some(d)) = (p, desc.as_ref()) {
            if let Some(x) = self.persons.get_mut(p) {
                x.descriptor.get_or_insert_with(|| d.clone());
                if let Some(g) = gender_of_descriptor(d) {
                    x.gender = x.gender.or(Some(g));
                }
            }
        }
        if let (Some(p), Some(pre)) = (p, pre_text.as_ref()) {
            self.note_title(pre, p);
        }
        let person = p.and_then(|p| self.persons.get(p));
        SpeakerRef {
            descriptor: desc.or_else(|| person.and_then(|x| x.descriptor.clone())),
            person: p,
            human: true,
            ..SpeakerRef::new(
                np.mention,
                SpeakerKind::NamedPerson,
                person.map(|x| x.name.clone()),
            )
        }
    }

    /// A surname: the person with a full name who was last mentioned with it before token `before`.
    fn last_full_name_with_surname(&self, surname: &str, before: usize) -> Option<usize> {
        let mentions = self.full_names_by_surname.get(surname)?;
        let earlier = mentions.partition_point(|&(tok, _)| tok < before);
        earlier
            .checked_sub(1)
            .and_then(|i| mentions.get(i))
            .map(|&(_, person)| person)
    }

    /// "the Prime Minister": the person introduced with that title; else, for a definite role
    /// ("the MEP", "the Ealing North MP"), the person the passage is about (see
    /// [`Resolver::definite_role_referent`]), who then holds the title; else the role as a name.
    fn resolve_role(&mut self, doc: &Doc, np: &Phrase, role: String) -> SpeakerRef {
        let mention = np.mention;
        let holder = self.titles.holder(&role.to_lowercase()).or_else(|| {
            let p = (doc.lower(np.toks.start) == "the")
                .then(|| self.definite_role_referent(doc, np.toks.start))
                .flatten()?;
            self.note_title(&role, p);
            Some(p)
        });
        match holder.and_then(|p| self.persons.get(p).map(|x| (p, x))) {
            Some((p, x)) => SpeakerRef {
                descriptor: Some(role),
                ..SpeakerRef::named_person(mention, p, x)
            },
            None => SpeakerRef {
                descriptor: Some(role.clone()),
                human: true,
                ..SpeakerRef::new(mention, SpeakerKind::NamedPerson, Some(role))
            },
        }
    }

    /// Who "the MEP" at token `at` most likely is when no one was introduced with the title: news
    /// prose re-mentions the person the passage is about by role. That is the later of the last
    /// named speaker and the last name opening a sentence as its subject (outside quotes and
    /// reported contents), in this paragraph or the one before.
    fn definite_role_referent(&self, doc: &Doc, at: usize) -> Option<usize> {
        let para = doc.tok(at)?.para;
        let near = |tok: usize| {
            doc.tok(tok)
                .is_some_and(|t| para.saturating_sub(t.para) <= 1)
        };
        let speaker = self
            .antecedents
            .iter()
            .rev()
            .find(|x| x.tok < at && near(x.tok) && x.speaker.human && x.speaker.person.is_some())
            .and_then(|x| Some((x.tok, x.speaker.person?)));
        let subject = self
            .mentions
            .iter()
            .rev()
            .find(|m| {
                m.tok < at
                    && near(m.tok)
                    && !m.possessive
                    && !m.in_quote
                    && !self.in_content(doc, m.tok)
                    && opens_sentence(doc, m.tok)
            })
            .map(|m| (m.tok, m.person));
        match (speaker, subject) {
            (Some(s), Some(m)) => Some(if m.0 > s.0 { m.1 } else { s.1 }),
            (s, m) => s.or(m).map(|x| x.1),
        }
    }

    /// "our correspondent" → the person introduced as "BBC … correspondent Stephen Cape";
    /// otherwise an unnamed person, "the source" named as the earlier "an intelligence source".
    fn resolve_definite_person(&self, doc: &Doc, np: &Phrase) -> SpeakerRef {
        let head = doc.lower(np.toks.end - 1);
        let holder = self.persons.iter().rposition(|p| {
            p.descriptor
                .as_deref()
                .and_then(|d| d.split_whitespace().last())
                .is_some_and(|l| l.eq_ignore_ascii_case(head))
        });
        // "the charity's director": a title held in a named body re-mentions the person the
        // passage is about, as "the MEP" does.
        let possessed_title = np.toks.len() == 4
            && doc
                .tok(np.toks.start + 2)
                .is_some_and(|t| t.kind == TokKind::Poss)
            && lexicon::is_title_word(&capitalised(head));
        let holder = holder.or_else(|| {
            possessed_title
                .then(|| self.definite_role_referent(doc, np.toks.start))
                .flatten()
        });
        match holder.and_then(|p| self.persons.get(p).map(|x| (p, x))) {
            Some((p, x)) => SpeakerRef::named_person(np.mention, p, x),
            None => {
                let kind = SpeakerKind::AnonymousPerson;
                let name = self.canonical_common(doc, np.toks, kind, np.text);
                SpeakerRef {
                    descriptor: np.descriptor.clone(),
                    human: true,
                    ..SpeakerRef::new(np.mention, kind, Some(name))
                }
            }
        }
    }

    /// "the federation" after "the Police Federation": the organisation's name as written.
    fn earlier_org_by_head(&self, doc: &Doc, np: TokRange) -> Option<String> {
        let a = np.start;
        if np.len() != 2 || doc.lower(a) != "the" {
            return None;
        }
        let head = doc.lower(a + 1);
        self.orgs
            .iter()
            .rev()
            .find(|o| o.tok < a && o.head == head)
            .map(|o| o.name.clone())
    }

    /// A common-noun phrase: an unnamed person, group or institution, a named body, or a document,
    /// named as the earlier speaker it repeats if any.
    fn resolve_common(&self, doc: &Doc, np: &Phrase, class: NounClass, named: bool) -> SpeakerRef {
        let (kind, plural) = match class {
            NounClass::Person => (SpeakerKind::AnonymousPerson, false),
            NounClass::Group => (SpeakerKind::AnonymousGroup, true),
            NounClass::Document => (SpeakerKind::Document, true),
            NounClass::Institution | NounClass::Spokes => {
                if named {
                    (SpeakerKind::NamedOrg, true)
                } else {
                    (SpeakerKind::UnnamedInstitution, true)
                }
            }
        };
        let (kind, name) = match self.earlier_document(doc, np.toks, class) {
            Some((n, k)) => (k, n.unwrap_or_else(|| np.text.to_string())),
            None if class == NounClass::Document => {
                // "A National Audit Office report on the 20 biggest projects" → up to "report".
                let head = np
                    .toks
                    .indices()
                    .find(|&k| lexicon::speaker_noun(doc.lower(k)) == Some(NounClass::Document))
                    .unwrap_or(np.toks.end - 1);
                (kind, doc.slice(np.toks.start, head + 1).to_string())
            }
            None => (kind, self.canonical_common(doc, np.toks, kind, np.text)),
        };
        let human = matches!(class, NounClass::Person | NounClass::Spokes);
        SpeakerRef {
            descriptor: np.descriptor.clone(),
            plural: plural && !human,
            human,
            gender: gender_of_descriptor(np.text),
            ..SpeakerRef::new(np.mention, kind, Some(name))
        }
    }

    /// "the report" after "A National Audit Office report said": the earlier speaker whose name
    /// ends in the head, with its name and kind.
    fn earlier_document(
        &self,
        doc: &Doc,
        np: TokRange,
        class: NounClass,
    ) -> Option<(Option<String>, SpeakerKind)> {
        let a = np.start;
        let applies = matches!(class, NounClass::Document | NounClass::Institution)
            && np.len() == 2
            && doc.lower(a) == "the";
        if !applies {
            return None;
        }
        let head = doc.lower(a + 1);
        self.antecedents
            .iter()
            .rev()
            .find(|x| {
                x.tok < a
                    && x.speaker.name.as_deref().is_some_and(|n| {
                        n.split_whitespace()
                            .last()
                            .is_some_and(|l| l.eq_ignore_ascii_case(head))
                    })
            })
            .map(|x| (x.speaker.name.clone(), x.speaker.kind))
    }

    /// "the source" → the earlier "an intelligence source"; otherwise the phrase itself.
    fn canonical_common(&self, doc: &Doc, np: TokRange, kind: SpeakerKind, text: &str) -> String {
        let (a, b) = (np.start, np.end);
        let first = doc.lower(a);
        let head = doc.lower(b.saturating_sub(1));
        if !matches!(first, "the" | "that" | "this") {
            return text.to_string();
        }
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
            if words.last().copied() == Some(head) && mods.iter().all(|m| words.contains(m)) {
                return name.to_string();
            }
        }
        text.to_string()
    }
}

/// The name at `tok` is its sentence's subject: only a few title or description words, none a
/// verb, come before it ("Ex-chat show host Robert Kilroy-Silk has quit …").
fn opens_sentence(doc: &Doc, tok: usize) -> bool {
    let Some(&(start, _)) = doc.sentences.iter().find(|&&(s, e)| s <= tok && tok < e) else {
        return false;
    };
    tok - start <= 6
        && (start..tok).all(|k| {
            doc.tok(k).is_some_and(|t| {
                matches!(t.kind, TokKind::Word | TokKind::Punct('-'))
                    && !lexicon::is_finite_verb_word(&t.lower)
            })
        })
}

/// "director" → "Director", as the title lists write titles.
fn capitalised(word: &str) -> String {
    let mut cs = word.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// "The officials" → "the officials", for "one of the officials".
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
