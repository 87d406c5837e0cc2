//! The article's name table, built by a pre-scan before any cue is read.
//!
//! Every run of capitalised words in a paragraph is a candidate. Sentence-initial function words
//! ("The", "But") are dropped from its front; a run that ends in an organisation word ("the
//! Countryside Alliance") is an organisation, remembered for "the alliance". Otherwise the name
//! proper is the tail after the last title, organisation, nationality or function word
//! ("Shadow Home Secretary | David Davis"): two to four words make a person; a single word does
//! when it is a surname already known or follows a title ("Mr Blair", "Lord Falconer"). The words
//! before the tail become the person's descriptor and title ("Chancellor" → Gordon Brown), and a
//! title or a known given name sets the gender. Names the entity model tags PER that no run
//! covered are added last, except in credit lines ("Additional reporting by …").

use std::collections::HashSet;

use newsgraph_model::Span;

use super::super::doc::{Doc, TokKind};
use super::super::lexicon::{self, Gender, NounClass};
use super::{is_acronym, is_peer_title, NameMention, OrgMention, Person, Resolver, TokRange};

/// A capitalised run split into its leading title part and its name tail.
struct NameRun<'t> {
    /// First token of the run, after sentence-initial function words.
    start: usize,
    /// The name proper: the words after the last title, organisation or function word.
    tail: TokRange,
    /// The word right before the tail ("" at the start of the text).
    title: &'t str,
    /// `title` is a title word inside the run ("Mr", "Chancellor").
    has_title: bool,
    /// The gender `title` tells, when it is inside the run.
    gender: Option<Gender>,
}

impl Resolver {
    /// Finds person names: runs of capitalised words whose tail, after titles and organisation
    /// words, has two or more name words (or one after an honorific), plus PER entities.
    pub(super) fn prescan(&mut self, doc: &Doc) {
        let sentence_starts: HashSet<usize> = doc.sentences.iter().map(|&(s, _)| s).collect();
        for run in capitalised_runs(doc) {
            self.add_run(doc, run, &sentence_starts);
        }
        self.add_per_entities(doc);
        self.mentions.sort_by_key(|m| m.tok);
        self.index_full_names();
    }

    /// Names are final after the pre-scan (later stages only add genders and descriptors), so the
    /// surname index is built once here.
    fn index_full_names(&mut self) {
        for m in &self.mentions {
            let Some(p) = self.persons.get(m.person) else {
                continue;
            };
            if p.name.contains(' ') {
                self.full_names_by_surname
                    .entry(p.last.clone())
                    .or_default()
                    .push((m.tok, m.person));
            }
        }
    }

    /// Entities labelled PER that the pre-scan missed.
    fn add_per_entities(&mut self, doc: &Doc) {
        let n = doc.toks.len();
        let per: Vec<Span> = self
            .entity_labels
            .iter()
            .filter(|e| e.label == "PER")
            .map(|e| e.span)
            .collect();
        // Tokens and the pre-scan's mentions are in text order and disjoint, so each look-up is a
        // binary search (a scan per entity was quadratic on long documents).
        let mut known_runs: Vec<(usize, usize)> =
            self.mentions.iter().map(|m| (m.tok, m.end_tok)).collect();
        known_runs.sort_unstable();
        let inside_known = |a: usize| {
            let k = known_runs.partition_point(|&(tok, _)| tok <= a);
            k > 0 && known_runs.get(k - 1).is_some_and(|&(_, end)| a < end)
        };
        for sp in per {
            let a = doc.toks.partition_point(|t| t.start < sp.start);
            if a >= n {
                continue;
            }
            let b = doc.toks.partition_point(|t| t.end <= sp.end);
            if b <= a || inside_known(a) || is_credit_paragraph(doc, a) {
                continue;
            }
            let words = name_words(doc, TokRange::new(a, b));
            // A lone word tagged PER is too often an organisation or a credit: only a surname of
            // someone already named counts.
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

    /// Adds the person (or organisation) a capitalised run names, if any.
    fn add_run(&mut self, doc: &Doc, run: TokRange, sentence_starts: &HashSet<usize>) {
        let a = skip_initial_function_words(doc, run, sentence_starts);
        let b = run.end;
        if a >= b || continues_org_name(doc, a) || self.note_org_run(doc, TokRange::new(a, b)) {
            return;
        }
        let tail_start = name_tail_start(doc, a, b);
        if tail_start >= b || lexicon::opens_place_name(doc.word(tail_start)) {
            return;
        }
        let title = tail_start.checked_sub(1).map(|k| doc.word(k)).unwrap_or("");
        let inside = tail_start > a;
        let run = NameRun {
            start: a,
            tail: TokRange::new(tail_start, b),
            title,
            has_title: inside && lexicon::is_title_word(title),
            gender: if inside {
                lexicon::title_gender(title)
            } else {
                None
            },
        };
        match run.tail.len() {
            2..=4 => self.add_full_name(doc, &run),
            1 if run.has_title && is_peer_title(run.title) => self.add_peer(doc, &run),
            1 => self.add_single_name(doc, &run),
            _ => {}
        }
    }

    /// Notes a run that is an organisation's name ("the Countryside Alliance") and says so; false
    /// when it has no organisation word or a person's name follows them ("Labour MP John Smith").
    fn note_org_run(&mut self, doc: &Doc, run: TokRange) -> bool {
        let words: Vec<&str> = run.indices().map(|k| doc.word(k)).collect();
        let Some(last_org) = words.iter().rposition(|w| lexicon::is_org_word(w)) else {
            return false;
        };
        if last_org + 1 < words.len() {
            return false;
        }
        if let Some(head) = words.get(last_org) {
            self.orgs.push(OrgMention {
                tok: run.start,
                name: words.join(" "),
                head: head.to_lowercase(),
            });
        }
        true
    }

    /// "Chancellor Gordon Brown", "Tony Blair": a name of two to four words.
    fn add_full_name(&mut self, doc: &Doc, run: &NameRun) {
        let tail: Vec<&str> = run.tail.indices().map(|k| doc.word(k)).collect();
        let Some(p) = self.person_for_words(&tail, run.gender) else {
            return;
        };
        if run.tail.start == run.start {
            self.note_descriptor_before(doc, run.start, p);
        }
        if run.has_title && self.persons.get(p).is_some_and(|x| x.descriptor.is_none()) {
            let role = doc.slice(run.start, run.tail.start);
            if !role.is_empty() && !lexicon::is_honorific(role) {
                if let Some(x) = self.persons.get_mut(p) {
                    x.descriptor = Some(role.to_string());
                }
                self.note_title(role, p);
            }
        }
        self.push_mention(doc, run.tail.start, run.tail.end, p);
    }

    /// "the BBC's defence correspondent Paul Adams": remembers the lower-case role before a name,
    /// for a later "our correspondent".
    fn note_descriptor_before(&mut self, doc: &Doc, name_start: usize, person: usize) {
        let Some(prev) = name_start.checked_sub(1) else {
            return;
        };
        let role_noun = doc.tok(prev).is_some_and(|t| t.is_word() && !t.cap)
            && matches!(
                lexicon::speaker_noun(doc.lower(prev)),
                Some(NounClass::Person | NounClass::Spokes)
            );
        if !role_noun {
            return;
        }
        // Up to three modifiers, back to a determiner or preposition.
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
        if let Some(x) = self.persons.get_mut(person) {
            if x.descriptor.is_none() {
                x.descriptor = Some(doc.slice(d0, prev + 1).to_string());
            }
        }
    }

    /// A peer's title is part of the name: "Lord Falconer".
    fn add_peer(&mut self, doc: &Doc, run: &NameRun) {
        let w = doc.word(run.tail.start);
        if let Some(p) = self.person_for_words(&[run.title, w], run.gender) {
            self.push_mention(doc, run.tail.start - 1, run.tail.end, p);
        }
    }

    /// A single name word: a surname we already know, or one after an honorific or title.
    fn add_single_name(&mut self, doc: &Doc, run: &NameRun) {
        let w = doc.word(run.tail.start);
        let known = self.persons.iter().rposition(|p| p.last == w);
        // "King Charles", "St Albans", "Britain's Cameron" are not new people by surname.
        let royal_or_place = lexicon::is_royal_or_saint_title(run.title)
            || run
                .tail
                .start
                .checked_sub(2)
                .is_some_and(|k| doc.tok(k + 1).is_some_and(|t| t.kind == TokKind::Poss));
        let p = match known {
            Some(p) => Some(p),
            None if run.has_title && !royal_or_place => self.person_for_words(&[w], run.gender),
            None => None,
        };
        if let Some(p) = p {
            if let Some(g) = run.gender {
                self.default_gender(p, g);
            }
            self.push_mention(doc, run.tail.start, run.tail.end, p);
        }
    }

    /// Records that tokens `[a, b)` name `person`.
    pub(super) fn push_mention(&mut self, doc: &Doc, a: usize, b: usize, person: usize) {
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
    pub(super) fn person_for_words(
        &mut self,
        words: &[&str],
        gender: Option<Gender>,
    ) -> Option<usize> {
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
    pub(super) fn note_title(&mut self, role: &str, person: usize) {
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
        if let Some(title) = words.get(start..).filter(|t| !t.is_empty()) {
            self.titles.note(title, person);
        }
    }
}

/// Runs of capitalised words within one paragraph, lower-case name particles included when a
/// capitalised word follows ("Ursula von der Leyen").
fn capitalised_runs(doc: &Doc) -> Vec<TokRange> {
    let n = doc.toks.len();
    let mut runs = Vec::new();
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
            let joins = u.cap
                || (lexicon::is_name_connector(&u.lower) && doc.tok(j + 1).is_some_and(|x| x.cap));
            if u.is_word() && joins && u.para == t.para {
                j += 1;
            } else {
                break;
            }
        }
        runs.push(TokRange::new(i, j));
        i = j.max(i + 1);
    }
    runs
}

/// The first token of `run` after sentence-initial function words ("The", "But"), which are not
/// names.
fn skip_initial_function_words(
    doc: &Doc,
    run: TokRange,
    sentence_starts: &HashSet<usize>,
) -> usize {
    let mut a = run.start;
    while a < run.end && lexicon::is_sentence_function_word(doc.word(a)) {
        // Mid-sentence, a capitalised "May", "March" or "Will" before a name is still a month or
        // a modal ("in May Tony Blair …"); other function words there start a name ("The Who").
        if !sentence_starts.contains(&a) && !matches!(doc.word(a), "May" | "March" | "Will") {
            break;
        }
        a += 1;
    }
    a
}

/// "Commission for Racial Equality", "Department of Health": a run at `a` that is the tail of an
/// organisation name.
fn continues_org_name(doc: &Doc, a: usize) -> bool {
    a >= 2
        && matches!(doc.lower(a - 1), "for" | "of" | "on")
        && (lexicon::is_org_word(doc.word(a - 2))
            || doc.lower(a - 2) == "the" && a >= 3 && lexicon::is_org_word(doc.word(a - 3)))
}

/// Where the name tail of the run `[a, b)` starts: after the last title, organisation,
/// nationality, function word or acronym.
fn name_tail_start(doc: &Doc, a: usize, b: usize) -> usize {
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
    tail_start
}

/// The words of a name, without punctuation and honorifics ("Mr", "Dr").
pub(super) fn name_words<'d>(doc: &'d Doc, toks: TokRange) -> Vec<&'d str> {
    toks.indices()
        .filter(|&k| doc.tok(k).is_some_and(|t| t.is_word()))
        .map(|k| doc.word(k))
        .filter(|w| !lexicon::is_honorific(w))
        .collect()
}

/// "Illustration: Yusha", "Additional reporting by …": sign-off lines name no one in the story.
fn is_credit_paragraph(doc: &Doc, tok: usize) -> bool {
    let Some(para) = doc.tok(tok).map(|t| t.para) else {
        return false;
    };
    let first = doc.para_start(para).unwrap_or(tok);
    let w1 = doc.lower(first + 1);
    lexicon::opens_credit_line(doc.lower(first))
        && (w1 == ":" || w1 == "by" || w1 == "reporting" || w1 == "-")
}
