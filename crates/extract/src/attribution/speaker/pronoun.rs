//! Pronoun speakers: "he said", "they added".
//!
//! The antecedent is the latest candidate before the pronoun, within a few paragraphs:
//!
//! - an earlier speaker that fits: human and of a compatible gender for "he"/"she", plural for
//!   "they", a body or a non-human singular for "it";
//! - for "he"/"she", a nearer name mentioned as a subject (not inside a quote or a reported
//!   content, not a possessor, not after "in", "for" …) of a compatible gender, where a name
//!   whose gender is known to match beats one of unknown gender;
//! - failing both, any name mentioned in passing whose gender is known to match.
//!
//! An unresolved "he"/"she" is an anonymous person and "they" an anonymous group; an unresolved
//! "it" is no speaker. A resolved "he"/"she" fixes the person's gender for later pronouns.

use newsgraph_model::{Span, SpeakerKind};

use super::super::doc::{Doc, TokKind};
use super::super::lexicon::{self, Gender};
use super::{NameMention, Resolver, SpeakerRef};

/// An antecedent found so far: where it was mentioned and who it is.
struct Candidate {
    tok: usize,
    speaker: SpeakerRef,
}

/// The gender "he"/"him" or "she"/"her" asks for; `None` for "they" and "it".
fn pronoun_gender(pronoun: &str) -> Option<Gender> {
    match pronoun {
        "he" | "him" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        _ => None,
    }
}

impl Resolver {
    /// The speaker the pronoun at token `at` refers to; `None` for an unresolved "it".
    pub(super) fn resolve_pronoun(
        &mut self,
        doc: &Doc,
        pronoun: &str,
        at: usize,
    ) -> Option<SpeakerRef> {
        let para = doc.tok(at).map(|t| t.para).unwrap_or(0);
        let want = pronoun_gender(pronoun);
        let mut best = self.latest_fitting_speaker(pronoun, want, at, para);
        if let Some(want) = want {
            let best_tok = best.as_ref().map(|c| c.tok);
            let asked = fronted_question(doc, at);
            if let Some(m) = self.subject_like_mention(doc, want, at, para, best_tok, &asked) {
                if best_tok.is_none_or(|t| m.tok > t) {
                    let person = self.persons.get(m.person)?;
                    best = Some(Candidate {
                        tok: m.tok,
                        speaker: SpeakerRef::named_person(Span::default(), m.person, person),
                    });
                }
            }
            if best.is_none() {
                best = self.passing_mention(want, at, para, doc, &asked);
            }
            if let Some(c) = self.previous_role_subject(doc, want, at) {
                best = Some(c);
            }
        }
        match best {
            Some(Candidate { speaker, .. }) => {
                if let (Some(p), Some(g)) = (speaker.person, want) {
                    self.default_gender(p, g);
                }
                Some(speaker)
            }
            None if pronoun == "they" => Some(SpeakerRef {
                plural: true,
                ..SpeakerRef::new(Span::default(), SpeakerKind::AnonymousGroup, None)
            }),
            None if want.is_some() => Some(SpeakerRef {
                human: true,
                ..SpeakerRef::new(Span::default(), SpeakerKind::AnonymousPerson, None)
            }),
            None => None,
        }
    }

    /// The latest earlier speaker, at most three paragraphs back, that the pronoun can mean.
    fn latest_fitting_speaker(
        &self,
        pronoun: &str,
        want: Option<Gender>,
        at: usize,
        para: usize,
    ) -> Option<Candidate> {
        self.antecedents
            .iter()
            .rev()
            .filter(|ant| ant.tok < at && para.saturating_sub(ant.para) <= 3)
            .find(|ant| self.speaker_fits(&ant.speaker, pronoun, want))
            .map(|ant| Candidate {
                tok: ant.tok,
                speaker: ant.speaker.clone(),
            })
    }

    /// Whether `pronoun` (asking for gender `want`) can refer to the speaker `sp`.
    fn speaker_fits(&self, sp: &SpeakerRef, pronoun: &str, want: Option<Gender>) -> bool {
        // "he", "she", "it" or "they" never means the writer's own "I" or "we".
        if sp.kind == SpeakerKind::Writer {
            return false;
        }
        if want.is_some() {
            sp.human
                && match (sp.gender, want) {
                    (Some(g), Some(w)) => g == w,
                    _ => self.gender_ok(sp.person, want),
                }
        } else if pronoun == "it" {
            (!sp.human && !sp.plural)
                || matches!(
                    sp.kind,
                    SpeakerKind::NamedOrg | SpeakerKind::UnnamedInstitution | SpeakerKind::Document
                )
        } else {
            sp.plural
        }
    }

    /// The latest name mentioned as a subject before `at` (outside quotes and contents, not a
    /// possessor, not after a preposition, at most two paragraphs back) of a compatible gender.
    /// When its gender is only unknown, a name after `best_tok` within a paragraph whose gender is
    /// known to match beats it: places and bodies slip into the name table. Names inside the
    /// fronted question `asked` ([`fronted_question`]) are skipped.
    fn subject_like_mention(
        &self,
        doc: &Doc,
        want: Gender,
        at: usize,
        para: usize,
        best_tok: Option<usize>,
        asked: &std::ops::Range<usize>,
    ) -> Option<NameMention> {
        let within = |m: &NameMention, paras: usize| {
            doc.tok(m.tok)
                .is_some_and(|t| para.saturating_sub(t.para) <= paras)
        };
        let mention = self.mentions.iter().rev().find(|m| {
            m.tok < at
                && !asked.contains(&m.tok)
                && !m.possessive
                && !m
                    .tok
                    .checked_sub(1)
                    .is_some_and(|k| lexicon::blocks_antecedent(doc.lower(k)))
                && !m.in_quote
                && within(m, 2)
                && !self.in_content(doc, m.tok)
                && self.gender_ok(Some(m.person), Some(want))
        })?;
        if self.gender_known_as(mention.person, want) {
            return Some(mention.clone());
        }
        let better = self.mentions.iter().rev().find(|k| {
            k.tok < at
                && !asked.contains(&k.tok)
                && k.tok > best_tok.unwrap_or(0)
                && !k.possessive
                && !k.in_quote
                && within(k, 1)
                && !self.in_content(doc, k.tok)
                && self.gender_known_as(k.person, want)
        });
        Some(better.unwrap_or(mention).clone())
    }

    /// A pronoun opening its sentence ("He said …") goes on about the subject of the sentence
    /// before when that subject is a role whose holder the article named and who fits ("The prime
    /// minister shrugged off claims from Conservative leader Michael Howard that …. He said …"):
    /// the subject beats the names later in that sentence, which are objects or obliques.
    fn previous_role_subject(&self, doc: &Doc, want: Gender, at: usize) -> Option<Candidate> {
        let i = doc.sentence_index(at)?;
        let (start, _) = doc.sentences[i];
        let opens = (start..at).all(|k| matches!(doc.lower(k), "but" | "and"));
        if !opens || i == 0 {
            return None;
        }
        let (ps, pe) = doc.sentences[i - 1];
        let para = doc.tok(at)?.para;
        let first = doc.tok(ps)?;
        if first.quote.is_some() || para.saturating_sub(first.para) > 1 {
            return None;
        }
        if self.in_content(doc, ps) {
            return None;
        }
        // A name opening the sentence as its subject, of a gender known to match.
        if let Some(m) = self.mentions.iter().find(|m| {
            ps <= m.tok
                && m.tok < pe
                && !m.possessive
                && !m.in_quote
                && subject_at_start(doc, ps, m.tok)
        }) {
            if !self.gender_known_as(m.person, want) || self.later_speaker(m.tok, pe, m.person) {
                return None;
            }
            let person = self.persons.get(m.person)?;
            return Some(Candidate {
                tok: m.tok,
                speaker: SpeakerRef::named_person(Span::default(), m.person, person),
            });
        }
        if first.lower != "the" {
            return None;
        }
        (1..=3).find_map(|n| {
            let end = ps + 1 + n;
            if end >= pe || !(ps + 1..end).all(|k| doc.tok(k).is_some_and(|t| t.is_word())) {
                return None;
            }
            let next = doc.tok(end)?;
            if next.kind != TokKind::Word || next.cap || matches!(next.lower.as_str(), "of" | "and")
            {
                return None;
            }
            let role = doc.slice(ps + 1, end).to_lowercase();
            let p = self.titles.holder(&role)?;
            let person = self.persons.get(p)?;
            (self.gender_ok(Some(p), Some(want)) && !self.later_speaker(ps, pe, p)).then(|| {
                Candidate {
                    tok: ps,
                    speaker: SpeakerRef::named_person(Span::default(), p, person),
                }
            })
        })
    }

    /// Someone other than `person` speaks between tokens `from` and `to` ("But Mr Howard said: …"
    /// after a sentence whose subject is Sir Ian Blair): a speaker is its own clause's subject,
    /// and the later one stays the antecedent.
    fn later_speaker(&self, from: usize, to: usize, person: usize) -> bool {
        self.antecedents.iter().any(|a| {
            from < a.tok && a.tok < to && a.speaker.human && a.speaker.person != Some(person)
        })
    }

    /// Nothing fits among speakers and subject-like names: a name mentioned in passing whose
    /// gender is known to match ("… for Kimberly Quinn. She denies …").
    fn passing_mention(
        &self,
        want: Gender,
        at: usize,
        para: usize,
        doc: &Doc,
        asked: &std::ops::Range<usize>,
    ) -> Option<Candidate> {
        let m = self.mentions.iter().rev().find(|m| {
            m.tok < at
                && !asked.contains(&m.tok)
                && !m.in_quote
                && doc
                    .tok(m.tok)
                    .is_some_and(|t| para.saturating_sub(t.para) <= 2)
                && self.gender_known_as(m.person, want)
        })?;
        let person = self.persons.get(m.person)?;
        Some(Candidate {
            tok: m.tok,
            speaker: SpeakerRef {
                gender: person.gender,
                ..SpeakerRef::named_person(Span::default(), m.person, person)
            },
        })
    }

    /// Whether the token lies inside an attribution content noted so far.
    pub(super) fn in_content(&self, doc: &Doc, tok: usize) -> bool {
        let Some(t) = doc.tok(tok) else { return false };
        self.contents
            .iter()
            .any(|c| c.start <= t.start && t.end <= c.end)
    }

    /// The person's gender is unknown or `want`.
    fn gender_ok(&self, person: Option<usize>, want: Option<Gender>) -> bool {
        match (person.and_then(|p| self.persons.get(p)), want) {
            (Some(p), Some(w)) => p.gender.is_none_or(|g| g == w),
            _ => true,
        }
    }

    /// The person's gender is known to be `want`.
    fn gender_known_as(&self, person: usize, want: Gender) -> bool {
        self.persons
            .get(person)
            .is_some_and(|p| p.gender == Some(want))
    }
}

/// The tokens of a fronted question clause that ends just before the pronoun at `at` ("Asked if
/// Mr Blunkett could return, he replied …", "When asked about Brown, she said …"): the person
/// asked is the pronoun, so the names asked about are not its antecedents. Empty otherwise.
fn fronted_question(doc: &Doc, at: usize) -> std::ops::Range<usize> {
    let Some(&(start, _)) = doc.sentence_index(at).and_then(|i| doc.sentences.get(i)) else {
        return 0..0;
    };
    let opener = match doc.lower(start) {
        "when" => start + 1,
        _ => start,
    };
    let fronted = opener < at
        && doc.lower(opener) == "asked"
        && at.checked_sub(1).is_some_and(|k| doc.is_punct_at(k, ","));
    if fronted {
        start..at
    } else {
        0..0
    }
}

/// The name at `tok` is the subject opening the sentence that starts at `start`: after an opening
/// "But"/"And", at most six words come before it, each a title or description word ("Retired
/// neurosurgeon Ben Carson"), none a verb, a preposition or another function word ("At a rally
/// for Ted Cruz", "But like Trump", "When Trump suggested", "The rise of Bannon").
fn subject_at_start(doc: &Doc, start: usize, tok: usize) -> bool {
    let mut s = start;
    while s < tok && matches!(doc.lower(s), "but" | "and") {
        s += 1;
    }
    tok - s <= 6
        && (s..tok).all(|k| {
            doc.tok(k).is_some_and(|t| match t.kind {
                TokKind::Punct('-') => true,
                TokKind::Word => {
                    let mut cap = t.lower.clone();
                    if let Some(c) = cap.get_mut(0..1) {
                        c.make_ascii_uppercase();
                    }
                    !lexicon::is_finite_verb_word(&t.lower)
                        && !lexicon::is_sentence_function_word(&cap)
                        && !lexicon::blocks_antecedent(&t.lower)
                }
                _ => false,
            })
        })
}
