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

use super::super::doc::Doc;
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
            if let Some(m) = self.subject_like_mention(doc, want, at, para, best_tok) {
                if best_tok.is_none_or(|t| m.tok > t) {
                    let person = self.persons.get(m.person)?;
                    best = Some(Candidate {
                        tok: m.tok,
                        speaker: SpeakerRef::named_person(Span::default(), m.person, person),
                    });
                }
            }
            if best.is_none() {
                best = self.passing_mention(want, at, para, doc);
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
    /// known to match beats it: places and bodies slip into the name table.
    fn subject_like_mention(
        &self,
        doc: &Doc,
        want: Gender,
        at: usize,
        para: usize,
        best_tok: Option<usize>,
    ) -> Option<NameMention> {
        let within = |m: &NameMention, paras: usize| {
            doc.tok(m.tok)
                .is_some_and(|t| para.saturating_sub(t.para) <= paras)
        };
        let mention = self.mentions.iter().rev().find(|m| {
            m.tok < at
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
                && k.tok > best_tok.unwrap_or(0)
                && !k.possessive
                && !k.in_quote
                && within(k, 1)
                && !self.in_content(doc, k.tok)
                && self.gender_known_as(k.person, want)
        });
        Some(better.unwrap_or(mention).clone())
    }

    /// Nothing fits among speakers and subject-like names: a name mentioned in passing whose
    /// gender is known to match ("… for Kimberly Quinn. She denies …").
    fn passing_mention(
        &self,
        want: Gender,
        at: usize,
        para: usize,
        doc: &Doc,
    ) -> Option<Candidate> {
        let m = self.mentions.iter().rev().find(|m| {
            m.tok < at
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
