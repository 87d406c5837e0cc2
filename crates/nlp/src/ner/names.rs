//! Names of events and laws found by their form, after the tagger: a run of capitalised words
//! ending in a head word ("Second World War", "Human Rights Act", "Prevention of Terrorism
//! Bill") or a head word opening a name before "of" / "on" ("Treaty of Rome"). The head words are data (`data/lexicon/event_name_heads.txt`,
//! `law_name_heads.txt`, `event_names.txt`). Labels: `EVENT` and `LAW`, both MISC under
//! CoNLL-2003 conventions.

use once_cell::sync::Lazy;

use super::Mention;
use crate::lexicon::WordSet;

static EVENT_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("event_name_heads.txt")));
static LAW_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("law_name_heads.txt")));
static EVENT_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("event_names.txt")));
/// Month names that are also given names or words ("May", "June"): never a surname found by
/// the document's full names alone.
static AMBIGUOUS_MONTHS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("ambiguous_month_names.txt")));
static HONORIFICS: Lazy<WordSet> = Lazy::new(|| WordSet::parse(crate::lexicon!("honorifics.txt")));
static POST_NOMINALS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("post_nominals.txt")));
static PEER_TITLES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("peer_titles.txt")));
static TITLES: Lazy<WordSet> = Lazy::new(|| WordSet::parse(crate::lexicon!("titles.txt")));
static STOPS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("event_law_name_stops.txt")));

/// Confidence given to a name found by form alone.
const FORM_CONFIDENCE: f32 = 0.7;

/// A word that can be part of a name: it starts with a capital letter and is no stop word.
fn name_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase) && !STOPS.contains(token)
}

/// An ordinal written as a Roman numeral or a word after "War" ("World War II", "World War One").
fn numeral(token: &str) -> bool {
    matches!(token, "I" | "II" | "III" | "One" | "Two")
}

/// The label of a head word, if it is one.
fn head_label(token: &str) -> Option<&'static str> {
    if EVENT_HEADS.contains(token) {
        Some("EVENT")
    } else if LAW_HEADS.contains(token) {
        Some("LAW")
    } else {
        None
    }
}

/// End (exclusive) of "of / on [the] Capitalised…" after the head at `j`, if that follows.
fn tail_end(tokens: &[&str], j: usize) -> Option<usize> {
    let mut k = j + 1;
    if !matches!(tokens.get(k), Some(&"of") | Some(&"on")) {
        return None;
    }
    k += 1;
    if tokens.get(k) == Some(&"the") {
        k += 1;
    }
    let first = k;
    while tokens.get(k).is_some_and(|t| name_word(t)) {
        k += 1;
    }
    (k > first).then_some(k)
}

/// Start of the name words before the head at `j`: capitalised words, joined by "of", "and",
/// "on", "for" or "of the" between two of them ("Representation of the People Act"). A
/// connector is not crossed to reach the sentence's first word, which is capitalised anyway.
fn head_start(tokens: &[&str], j: usize) -> usize {
    let mut start = j;
    let mut k = j;
    while k > 0 {
        let t = tokens[k - 1];
        if name_word(t) {
            start = k - 1;
            k -= 1;
            continue;
        }
        // "of the" between name words, or a single connector.
        let (gap, before) = if t == "the" && k >= 2 && tokens[k - 2] == "of" {
            (2, k.checked_sub(3))
        } else if matches!(t, "of" | "and" | "on" | "for") {
            (1, k.checked_sub(2))
        } else {
            break;
        };
        match before {
            Some(b) if b > 0 && name_word(tokens[b]) => {
                start = b;
                k -= gap + 1;
            }
            _ => break,
        }
    }
    start
}

/// Event and law names in a sentence's (normalised) tokens, as (start, end, label).
pub(crate) fn find(tokens: &[&str]) -> Vec<(usize, usize, &'static str)> {
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        let t = tokens[j];
        if EVENT_NAMES.contains(t) {
            out.push((j, j + 1, "EVENT"));
            j += 1;
            continue;
        }
        let Some(label) = head_label(t) else {
            j += 1;
            continue;
        };
        let start = head_start(tokens, j);
        let mut end = match tail_end(tokens, j) {
            Some(e) => e,
            None => j + 1,
        };
        if end == j + 1 && label == "EVENT" && tokens.get(end).is_some_and(|n| numeral(n)) {
            end += 1;
        }
        // A capitalised word right after the head makes it part of another name ("Bill
        // Clinton", "Cup Winners' Cup"); a head alone is a common noun ("the Act").
        let glued = end == j + 1 && tokens.get(end).is_some_and(|n| name_word(n));
        if glued || (start == j && end == j + 1) {
            j += 1;
            continue;
        }
        out.push((start, end, label));
        j = end;
    }
    out
}

/// A currency written as a country code and a symbol ("US$", "HK$", "C$ 5"): money, not a place.
fn currency_symbol(token: &str) -> bool {
    matches!(token.chars().last(), Some('$' | '€' | '£' | '¥'))
}

/// "Lord Woolf", "Sir Menzies Campbell": a peer's or knight's title, then a name word (not
/// another title: "Lord Chancellor" is an office; not a possessive: "Lord's" is a ground).
fn peer_name(tokens: &[&str], m: &Mention) -> bool {
    let word = |k: usize| tokens.get(k).copied().unwrap_or("");
    let name = word(m.start + 1);
    (2..=4).contains(&(m.end - m.start))
        && PEER_TITLES.contains(word(m.start))
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).any(char::is_lowercase)
        && !TITLES.contains(name)
}

/// A person's mention without the office or honour letters at its edges ("[Frank Field] MP",
/// "MP [Oona King]"), never emptied.
fn strip_post_nominals(tokens: &[&str], m: &mut Mention) {
    let letters = |k: usize| tokens.get(k).is_some_and(|t| POST_NOMINALS.contains(t));
    while m.end - m.start >= 2 && letters(m.end - 1) {
        m.end -= 1;
    }
    while m.end - m.start >= 2 && letters(m.start) {
        m.start += 1;
    }
}

/// "Ontario-based", "U.S.-based": a place or organisation's name made an adjective, MISC by
/// CoNLL-2003 conventions.
fn based_adjective(token: &str) -> bool {
    token
        .strip_suffix("-based")
        .is_some_and(|name| name.chars().next().is_some_and(char::is_uppercase))
}

/// A "-based" adjective ([`based_adjective`]) is a name of its own: split from the front of a
/// mention of another type ("[Mo.-based] [Commerce Bancshares Inc.]"), and a mention where the
/// tagger left it untagged, unless a capitalised word before it may be the first part of the
/// place's name ("St. Louis-based"; "A London-based" is a sentence's first word).
fn based_adjectives(tokens: &[&str], mentions: &mut Vec<Mention>) {
    if !tokens.iter().any(|t| based_adjective(t)) {
        return;
    }
    let mut split = Vec::new();
    for m in mentions.iter_mut() {
        if m.end - m.start >= 2
            && !matches!(m.label, "MISC" | "NORP")
            && tokens.get(m.start).is_some_and(|t| based_adjective(t))
        {
            split.push(Mention {
                start: m.start,
                end: m.start + 1,
                label: "MISC",
                confidence: m.confidence,
            });
            m.start += 1;
        }
    }
    mentions.extend(split);
    for (k, token) in tokens.iter().enumerate() {
        if !based_adjective(token) || mentions.iter().any(|m| m.start <= k && k < m.end) {
            continue;
        }
        let name_before = k
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .is_some_and(|t| {
                t.chars().next().is_some_and(char::is_uppercase)
                    && !matches!(*t, "A" | "An" | "The")
            });
        if !name_before {
            mentions.push(Mention {
                start: k,
                end: k + 1,
                label: "MISC",
                confidence: FORM_CONFIDENCE,
            });
        }
    }
}

/// A mention holding a bracket it does not close ("Lindsay ) Davenport" from "( Olympic
/// champion Lindsay ) Davenport", "National League for Democracy ( NLD") is the names on either
/// side of its brackets, each with the mention's label.
fn split_at_open_brackets(tokens: &[&str], mentions: &mut Vec<Mention>) {
    let bracket = |k: usize| tokens.get(k).is_some_and(|t| matches!(*t, "(" | ")"));
    let balanced = |m: &Mention| {
        let mut depth = 0i32;
        for k in m.start..m.end {
            match tokens.get(k).copied() {
                Some("(") => depth += 1,
                Some(")") => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    };
    if mentions.iter().all(balanced) {
        return;
    }
    let mut out = Vec::with_capacity(mentions.len() + 1);
    for m in mentions.drain(..) {
        if balanced(&m) {
            out.push(m);
            continue;
        }
        let mut start = m.start;
        for k in m.start..=m.end {
            if k == m.end || bracket(k) {
                if k > start {
                    out.push(Mention {
                        start,
                        end: k,
                        label: m.label,
                        confidence: m.confidence,
                    });
                }
                start = k + 1;
            }
        }
    }
    *mentions = out;
}

/// Edges of the tagger's mentions by CoNLL-2003 conventions: an honorific or office letters are
/// not part of a person's name ("Mr [Blair]", "[Ruth Kelly] MP") nor a name alone ("MP"), a
/// peer's title and name are a
/// person whatever the tagger's label, a law's head word alone ("the Bill") is no name, and
/// neither is a currency ("US$").
pub(crate) fn trim(tokens: &[&str], mentions: &mut Vec<Mention>) {
    split_at_open_brackets(tokens, mentions);
    based_adjectives(tokens, mentions);
    // Only the glued form: CoNLL-2003 tags "U.S." in "U.S. $ 5 million" as a place.
    mentions.retain(|m| {
        let last = m.end.checked_sub(1).and_then(|k| tokens.get(k));
        !last.is_some_and(|t| currency_symbol(t))
    });
    // "MP" or "MPs" alone names no one.
    mentions.retain(|m| {
        !(m.start..m.end).all(|k| tokens.get(k).is_some_and(|t| POST_NOMINALS.contains(t)))
    });
    for m in mentions.iter_mut() {
        if m.label != "PER" && peer_name(tokens, m) {
            m.label = "PER";
        }
        let first = tokens.get(m.start).map_or("", |t| t.trim_end_matches('.'));
        if m.label == "PER" && m.end - m.start >= 2 && HONORIFICS.contains(first) {
            m.start += 1;
        }
        if m.label == "PER" {
            strip_post_nominals(tokens, m);
        }
    }
    mentions.retain(|m| {
        m.end - m.start != 1
            || m.label == "PER"
            || !tokens.get(m.start).is_some_and(|t| LAW_HEADS.contains(t))
    });
}

/// A document's names of people in full: the name words (capitalised, three letters or more,
/// no honorific, title or office letters) of each person's mention of two such words or more
/// ("Pierre Buyoya", "Neil Jordan"; not "Baroness Scotland").
fn full_name_words<'a>(
    sentences: &[Vec<&'a str>],
    mentions: &[Vec<Mention>],
) -> rustc_hash::FxHashSet<&'a str> {
    let mut words = rustc_hash::FxHashSet::default();
    for (tokens, found) in sentences.iter().zip(mentions) {
        for m in found.iter().filter(|m| m.label == "PER") {
            let name: Vec<&str> = tokens
                .get(m.start..m.end)
                .unwrap_or_default()
                .iter()
                .copied()
                .filter(|w| {
                    let bare = w.trim_end_matches('.');
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().count() >= 3
                        && !HONORIFICS.contains(bare)
                        && !PEER_TITLES.contains(bare)
                        && !TITLES.contains(bare)
                        && !POST_NOMINALS.contains(bare)
                })
                .collect();
            if name.len() >= 2 {
                words.extend(name);
            }
        }
    }
    words
}

/// A one-word mention of a word that a person's full name in the same document holds is that
/// person, whatever the tagger's label: "Washington" after "MaliVai Washington", "Jordan" after
/// "Neil Jordan", "Buyoya" after "Pierre Buyoya". The tagger's history features carry a type
/// forward only from the words tagged before, and a surname that is also a place keeps its
/// place label against them.
pub(crate) fn people_by_full_name(sentences: &[Vec<&str>], mentions: &mut [Vec<Mention>]) {
    let words = full_name_words(sentences, mentions);
    if words.is_empty() {
        return;
    }
    let surnames = full_name_surnames(sentences, mentions, &words);
    for (tokens, found) in sentences.iter().zip(mentions.iter_mut()) {
        split_coordinated_people(tokens, &words, found);
        for m in found.iter_mut() {
            if m.label != "PER"
                && m.end == m.start + 1
                && tokens.get(m.start).is_some_and(|w| words.contains(w))
            {
                m.label = "PER";
            }
        }
        add_untagged_surnames(tokens, &surnames, found);
    }
}

/// The last name word of each person's full name in the document ("Trump" of "Donald Trump").
fn full_name_surnames<'a>(
    sentences: &[Vec<&'a str>],
    mentions: &[Vec<Mention>],
    words: &rustc_hash::FxHashSet<&'a str>,
) -> rustc_hash::FxHashSet<&'a str> {
    let mut out = rustc_hash::FxHashSet::default();
    for (tokens, found) in sentences.iter().zip(mentions) {
        for m in found
            .iter()
            .filter(|m| m.label == "PER" && m.end >= m.start + 2)
        {
            let last = tokens
                .get(m.start..m.end)
                .and_then(|t| t.iter().rev().find(|w| words.contains(*w)));
            out.extend(last.copied());
        }
    }
    out
}

/// A person's surname the tagger left untagged ("Meanwhile Trump continues", "a Trump
/// presidency", "Trump’s view" in a story about Donald Trump) is that person: the tagger sees
/// one sentence's words and its history only, and a surname that is also a common word ("trump")
/// loses against them. Only a word standing alone: a capitalised neighbour (other than the
/// sentence's first word) may make it part of another name the tagger did not find ("Trump
/// Tower").
fn add_untagged_surnames(
    tokens: &[&str],
    surnames: &rustc_hash::FxHashSet<&str>,
    found: &mut Vec<Mention>,
) {
    if surnames.is_empty() {
        return;
    }
    let capitalised = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let mut added = false;
    for (k, w) in tokens.iter().enumerate() {
        // The sentence's first word is capitalised by its place ("Meanwhile Trump").
        let neighbour_capitalised = capitalised(k + 1) || (k > 1 && capitalised(k - 1));
        if surnames.contains(w)
            && !neighbour_capitalised
            && !AMBIGUOUS_MONTHS.contains(&w.to_lowercase())
            && !found.iter().any(|m| m.start <= k && k < m.end)
        {
            found.push(Mention {
                start: k,
                end: k + 1,
                label: "PER",
                confidence: FORM_CONFIDENCE,
            });
            added = true;
        }
    }
    if added {
        found.sort_by_key(|m| m.start);
    }
}

/// "Conlon and Maguire" tagged as one name where the document names Gerry Conlon and Anne
/// Maguire: two people, each a mention of their own. Both sides must end in a word of a
/// person's full name in the document, so "Securities and Exchange Commission" stays whole.
fn split_coordinated_people(
    tokens: &[&str],
    person_words: &rustc_hash::FxHashSet<&str>,
    found: &mut Vec<Mention>,
) {
    let mut split = Vec::new();
    for m in found.iter_mut() {
        let Some(and) = (m.start + 1..m.end.saturating_sub(1))
            .find(|&k| tokens.get(k).is_some_and(|t| matches!(*t, "and" | "&")))
        else {
            continue;
        };
        let names_person = |k: usize| tokens.get(k).is_some_and(|w| person_words.contains(w));
        if names_person(and - 1) && names_person(m.end - 1) {
            split.push(Mention {
                start: and + 1,
                end: m.end,
                label: "PER",
                confidence: m.confidence,
            });
            m.end = and;
            m.label = "PER";
        }
    }
    if !split.is_empty() {
        found.extend(split);
        found.sort_by_key(|m| m.start);
    }
}

/// Replaces the tagger's mentions inside each event or law name with the name, unless a
/// mention crosses the name's edge or the tagger took the head word for a person; then
/// [`trim`]s the edges of all mentions. Leaves `mentions` sorted by start.
pub(crate) fn apply(tokens: &[&str], mentions: &mut Vec<Mention>) {
    trim(tokens, mentions);
    for (mut start, end, label) in find(tokens) {
        // The sentence's first word is capitalised anyway: it opens the name only when it is
        // the head or the tagger put it in a mention ("Previous World Cup" is "World Cup").
        if start == 0
            && tokens.first().is_some_and(|t| head_label(t).is_none())
            && !mentions.iter().any(|m| m.start == 0)
        {
            start = 1;
            if end - start < 2 {
                continue;
            }
        }
        let overlapping: Vec<usize> = (0..mentions.len())
            .filter(|&k| mentions[k].start < end && start < mentions[k].end)
            .collect();
        let inside = overlapping
            .iter()
            .all(|&k| mentions[k].start >= start && mentions[k].end <= end);
        let person_head = overlapping
            .iter()
            .any(|&k| mentions[k].label == "PER" && mentions[k].end == end);
        if !inside || person_head {
            continue;
        }
        let confidence = overlapping
            .iter()
            .map(|&k| mentions[k].confidence)
            .fold(FORM_CONFIDENCE, f32::max);
        for &k in overlapping.iter().rev() {
            mentions.remove(k);
        }
        mentions.push(Mention {
            start,
            end,
            label,
            confidence,
        });
    }
    party_tag_states(tokens, mentions);
    mentions.sort_by_key(|m| m.start);
}

/// "(D-N.J.)", "(R-Ohio)" after a US legislator's name (the tokenizer splits the party letter
/// off): the state is a place, the party letter no name, whatever the tagger made of them.
fn party_tag_states(tokens: &[&str], mentions: &mut Vec<Mention>) {
    for k in 3..tokens.len() {
        let tag = tokens[k - 3] == "("
            && matches!(tokens[k - 2], "D" | "R" | "I")
            && tokens[k - 1] == "-"
            && matches!(tokens.get(k + 1), Some(&(")" | "," | ";")));
        if !tag || !tokens[k].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        mentions.retain(|m| m.end <= k - 2 || m.start > k);
        mentions.push(Mention {
            start: k,
            end: k + 1,
            label: "GPE",
            confidence: FORM_CONFIDENCE,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<(String, &'static str)> {
        let tokens: Vec<&str> = s.split(' ').collect();
        find(&tokens)
            .into_iter()
            .map(|(a, b, l)| (tokens[a..b].join(" "), l))
            .collect()
    }

    #[test]
    fn an_untagged_surname_of_a_person_named_in_full_is_that_person() {
        let per = |start, end| Mention {
            start,
            end,
            label: "PER",
            confidence: 1.0,
        };
        let sentences: Vec<Vec<&str>> = [
            "Donald Trump and Theresa May met .",
            "Meanwhile Trump continues , and a Trump presidency looms .",
            "In May , Trump Tower hosted them .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let mut mentions = vec![vec![per(0, 2), per(3, 5)], vec![], vec![]];
        people_by_full_name(&sentences, &mut mentions);
        let spans = |k: usize| -> Vec<usize> { mentions[k].iter().map(|m| m.start).collect() };
        assert_eq!(spans(1), vec![1, 6]);
        // A month that is also a surname, and a surname beside another capitalised word, stay.
        assert!(spans(2).is_empty());
    }

    #[test]
    fn the_state_of_a_party_tag_is_a_place() {
        let tokens: Vec<&str> = "Sen. Rand Paul ( R - Ky. ) said".split(' ').collect();
        let mut mentions = vec![
            Mention {
                start: 1,
                end: 3,
                label: "PER",
                confidence: 1.0,
            },
            Mention {
                start: 4,
                end: 5,
                label: "ORG",
                confidence: 1.0,
            },
        ];
        apply(&tokens, &mut mentions);
        let found: Vec<(usize, &str)> = mentions.iter().map(|m| (m.start, m.label)).collect();
        assert_eq!(found, vec![(1, "PER"), (6, "GPE")]);
    }

    #[test]
    fn finds_events_and_laws_by_form() {
        assert_eq!(
            names("Under the Prevention of Terrorism Act , suspects"),
            vec![("Prevention of Terrorism Act".to_string(), "LAW")]
        );
        assert_eq!(
            names("since the Second World War ended"),
            vec![("Second World War".to_string(), "EVENT")]
        );
        assert_eq!(
            names("in World War II ."),
            vec![("World War II".to_string(), "EVENT")]
        );
        assert_eq!(
            names("the Treaty of Rome was"),
            vec![("Treaty of Rome".to_string(), "LAW")]
        );
        assert_eq!(
            names("at the Olympics in Athens"),
            vec![("Olympics".to_string(), "EVENT")]
        );
        assert_eq!(
            names("the Representation of the People Act"),
            vec![("Representation of the People Act".to_string(), "LAW")]
        );
    }

    #[test]
    fn based_adjectives_are_misc_names() {
        let tokens = [
            "A",
            "London-based",
            "firm",
            ",",
            "Mo.-based",
            "Commerce",
            "Inc.",
            "and",
            "St.",
            "Louis-based",
            "Acme",
            ".",
        ];
        let mut found = vec![Mention {
            start: 4,
            end: 7,
            label: "ORG",
            confidence: 0.9,
        }];
        based_adjectives(&tokens, &mut found);
        found.sort_by_key(|m| m.start);
        let spans: Vec<(usize, usize, &str)> =
            found.iter().map(|m| (m.start, m.end, m.label)).collect();
        assert_eq!(spans, [(1, 2, "MISC"), (4, 5, "MISC"), (5, 7, "ORG")]);
    }

    #[test]
    fn mentions_are_split_at_brackets_they_do_not_close() {
        let tokens = [
            "(",
            "champion",
            "Lindsay",
            ")",
            "Davenport",
            "and",
            "Tom",
            "(",
            "Tommy",
            ")",
            "Smith",
            ".",
        ];
        let mention = |start, end| Mention {
            start,
            end,
            label: "PER",
            confidence: 0.9,
        };
        let mut found = vec![mention(2, 5), mention(6, 11)];
        split_at_open_brackets(&tokens, &mut found);
        let spans: Vec<(usize, usize)> = found.iter().map(|m| (m.start, m.end)).collect();
        // "Tom ( Tommy ) Smith" closes its bracket and stays whole.
        assert_eq!(spans, [(2, 3), (4, 5), (6, 11)]);
    }

    #[test]
    fn people_named_in_full_split_a_coordinated_mention_and_relabel_surnames() {
        let m = |start, end, label| Mention {
            start,
            end,
            label,
            confidence: 0.9,
        };
        let sentences = vec![
            vec!["Gerry", "Conlon", "and", "Anne", "Maguire", "spoke", "."],
            vec![
                "Conlon", "and", "Maguire", "were", "freed", "in", "Maguire", ".",
            ],
            vec![
                "The",
                "Securities",
                "and",
                "Exchange",
                "Commission",
                "agreed",
                ".",
            ],
        ];
        let mut mentions = vec![
            vec![m(0, 2, "PER"), m(3, 5, "PER")],
            vec![m(0, 3, "ORG"), m(6, 7, "LOC")],
            vec![m(1, 5, "ORG")],
        ];
        people_by_full_name(&sentences, &mut mentions);
        assert_eq!(
            mentions[1],
            vec![m(0, 1, "PER"), m(2, 3, "PER"), m(6, 7, "PER")]
        );
        assert_eq!(mentions[2], vec![m(1, 5, "ORG")]);
    }

    #[test]
    fn trims_honorifics_and_drops_lone_law_heads() {
        let tokens = ["Mr", "Blair", "and", "the", "Bill", "."];
        let m = |start, end, label| Mention {
            start,
            end,
            label,
            confidence: 0.9,
        };
        let mut ms = vec![m(0, 2, "PER"), m(4, 5, "MISC")];
        apply(&tokens, &mut ms);
        assert_eq!(ms, vec![m(1, 2, "PER")]);
        // A lone honorific stays (nothing else to keep), as does a person called Bill.
        let mut ms = vec![m(0, 1, "PER"), m(4, 5, "PER")];
        apply(&tokens, &mut ms);
        assert_eq!(ms.len(), 2);
    }

    #[test]
    fn office_letters_are_no_part_of_a_name_and_a_peer_is_a_person() {
        let m = |start, end, label| Mention {
            start,
            end,
            label,
            confidence: 0.9,
        };
        // BBC News politics, 2004-05: "Ruth Kelly MP" and "MP Oona King" were stored apart from
        // the women, and "Lord Woolf" as a place.
        let tokens = [
            "Ruth", "Kelly", "MP", "and", "MP", "Oona", "King", "met", "Lord", "Woolf",
        ];
        let mut ms = vec![m(0, 3, "PER"), m(4, 7, "PER"), m(8, 10, "LOC")];
        apply(&tokens, &mut ms);
        assert_eq!(ms, vec![m(0, 2, "PER"), m(5, 7, "PER"), m(8, 10, "PER")]);
        // An office after a peer's title, a possessive, another label: unchanged.
        let tokens = [
            "Lord",
            "Chancellor",
            "at",
            "Lord",
            "'s",
            ",",
            "MP",
            "for",
            "Ealing",
        ];
        let mut ms = vec![m(0, 2, "ORG"), m(3, 5, "LOC"), m(6, 9, "ORG")];
        let before = ms.clone();
        apply(&tokens, &mut ms);
        assert_eq!(ms, before);
        // Letters alone name no one.
        let mut ms = vec![m(0, 2, "ORG"), m(6, 7, "PER")];
        apply(&tokens, &mut ms);
        assert_eq!(ms, vec![m(0, 2, "ORG")]);
    }

    #[test]
    fn a_currency_is_no_name() {
        let m = |start, end, label| Mention {
            start,
            end,
            label,
            confidence: 0.9,
        };
        let tokens = ["fetched", "US$", "150,000", "in", "Beijing"];
        let mut ms = vec![m(1, 2, "MISC"), m(4, 5, "LOC")];
        apply(&tokens, &mut ms);
        assert_eq!(ms, vec![m(4, 5, "LOC")]);
    }

    #[test]
    fn a_sentence_opener_joins_a_name_only_through_the_tagger() {
        let tokens = ["Previous", "World", "Cup", "winners"];
        let mut ms = Vec::new();
        apply(&tokens, &mut ms);
        assert_eq!((ms[0].start, ms[0].end, ms[0].label), (1, 3, "EVENT"));
        let tokens = ["Human", "Rights", "Act", "critics"];
        let mut ms = vec![Mention {
            start: 0,
            end: 3,
            label: "MISC",
            confidence: 0.9,
        }];
        apply(&tokens, &mut ms);
        assert_eq!((ms[0].start, ms[0].end, ms[0].label), (0, 3, "LAW"));
    }

    #[test]
    fn leaves_people_common_nouns_and_openers_alone() {
        assert!(names("President Bill Clinton said").is_empty());
        assert!(names("the Act was passed").is_empty());
        assert!(names("the war in Iraq").is_empty());
        assert!(names("Critics of the Act said").is_empty());
        assert_eq!(
            names("the G8 Summit in Gleneagles"),
            vec![("G8 Summit".to_string(), "EVENT")]
        );
        assert_eq!(
            names("Critics of the Human Rights Act said"),
            vec![("Human Rights Act".to_string(), "LAW")]
        );
    }
}
