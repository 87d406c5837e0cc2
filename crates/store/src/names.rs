//! Name normalisation for entity resolution: keys, surnames, acronyms, titles.
//!
//! The word lists (honorifics, titles, name suffixes, acronym stop words) are files under the
//! workspace's `data/lexicon/`, shared with attribution where both need the same concept
//! (`honorifics.txt`, `titles.txt`); they are lower-cased here because names are compared in their
//! normalised form.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use newsgraph_nlp::lexicon::{entries, WordSet};
use unicode_normalization::UnicodeNormalization;

/// Entity classes that may refer to the same thing: GPE and LOC are one class.
pub fn class_of(label: &str) -> &'static str {
    match label {
        "PER" | "PERSON" => "PER",
        "ORG" => "ORG",
        "LOC" | "GPE" | "FAC" => "LOC",
        "NORP" => "NORP",
        _ => "MISC",
    }
}

/// Honorifics ("Mr", "Dr"), lower case: they introduce a person but are neither part of the name
/// nor a title worth keeping.
static HONORIFICS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_case_set(&[newsgraph_nlp::lexicon!("honorifics.txt")]));

/// Title words kept as the person's titles ("Prime Minister", "striker"), lower case: the titles
/// attribution also knows, the occupations written like titles and political stances
/// ("Eurosceptic").
static TITLE_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    lower_case_set(&[
        newsgraph_nlp::lexicon!("titles.txt"),
        newsgraph_nlp::lexicon!("occupation_titles.txt"),
        newsgraph_nlp::lexicon!("political_descriptors.txt"),
    ])
});

/// "jr", "iii": written after a name, before which the surname stands.
static NAME_SUFFIXES: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::parse(newsgraph_nlp::lexicon!("name_suffixes.txt")));

/// Function words an acronym skips ("of", "the", "&").
static ACRONYM_STOPWORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::parse(newsgraph_nlp::lexicon!("acronym_stopwords.txt")));

/// The entries of lexicon files, lower-cased to match normalised names (see [`normalize`]).
fn lower_case_set(files: &[&'static str]) -> HashSet<String> {
    files
        .iter()
        .flat_map(|&text| entries(text))
        .map(str::to_lowercase)
        .collect()
}

/// A normalised word is an honorific ("mr", "dr").
fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(word)
}

/// A normalised word is a title word kept with the person ("minister", "striker").
fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(word)
}

/// Lower-cased, accent-folded, punctuation-free form of a name, without a leading "the" or a
/// trailing possessive: "the Islamic State's" and "Islamic State" both give "islamic state".
pub fn normalize(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}', '`'], "'");
    let mut s = folded.trim().to_string();
    for suffix in ["'s", "'"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
            break;
        }
    }
    // "U.S." → "us", "AT&T" keeps its "&", hyphens join words ("ISIS-K" → "isis-k").
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '.' {
            continue;
        }
        if c.is_alphanumeric() || c == '&' || c == '-' {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    let out = join_stray_hyphens(&out);
    let words: Vec<&str> = out.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// "kilroy -silk" → "kilroy-silk": a space astray before a hyphen between two words of a
/// double-barrelled name (BBC News wrote "Kilroy -Silk" once, which made an entity of its own).
fn join_stray_hyphens(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let stray = c == ' '
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1) == Some(&'-')
            && chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
        if !stray {
            out.push(c);
        }
    }
    out
}

/// A person's name split into the title words before it and the name proper.
pub struct PersonName {
    pub titles: Vec<String>,
    /// Normalised name without honorifics or titles.
    pub norm: String,
}

/// Splits "Prime Minister Tony Blair" into titles ["Prime Minister"] and "tony blair".
pub fn person_name(raw: &str) -> PersonName {
    let norm = normalize(raw);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut first_name_word = 0;
    while first_name_word + 1 < words.len() {
        let w = words[first_name_word];
        if is_honorific(w) || is_title_word(w) {
            first_name_word += 1;
        } else {
            break;
        }
    }
    let title_words: Vec<&str> = words[..first_name_word]
        .iter()
        .copied()
        .filter(|w| !is_honorific(w))
        .collect();
    let titles = if title_words.is_empty() {
        Vec::new()
    } else {
        // Keep the writer's capitalisation of the title from the raw text.
        let raw_words: Vec<&str> = raw.split_whitespace().collect();
        let skip = raw_words.len().saturating_sub(words.len());
        let raw_titles: Vec<&str> = raw_words
            .iter()
            .skip(skip)
            .take(first_name_word)
            .filter(|w| !is_honorific(&normalize(w)))
            .copied()
            .collect();
        vec![raw_titles.join(" ")]
    };
    PersonName {
        titles,
        norm: words[first_name_word..].join(" "),
    }
}

/// The surname of a normalised multi-word person name ("george w bush jr" → "bush").
pub fn surname(norm: &str) -> Option<&str> {
    let words: Vec<&str> = norm.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let mut last = words.len() - 1;
    if NAME_SUFFIXES.contains(words[last]) && last >= 2 {
        last -= 1;
    }
    words.get(last).copied().filter(|w| w.len() > 1)
}

/// The initials of a multi-word organisation name ("islamic state of iraq and syria" → "isis").
pub fn acronym(norm: &str) -> Option<String> {
    let words: Vec<&str> = norm
        .split(' ')
        .filter(|w| !ACRONYM_STOPWORDS.contains(w))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        // "Al-Qaeda" counts once; an embedded number breaks the acronym.
        let c = w.chars().next()?;
        if !c.is_alphabetic() {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// Each given name's variant groups ("vince" and "vincent" share one), from
/// `given_name_variants.txt`: a familiar form may be in several groups ("chris").
static GIVEN_NAME_GROUPS: LazyLock<HashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let text = newsgraph_nlp::lexicon!("given_name_variants.txt");
    for (g, line) in entries(text).enumerate() {
        for name in line.split('|').map(|n| n.trim().to_lowercase()) {
            if !name.is_empty() {
                groups.entry(name).or_default().push(g);
            }
        }
    }
    groups
});

/// Two given names that may name one person: the same, or formal and familiar forms of one name.
fn given_names_agree(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (GIVEN_NAME_GROUPS.get(a), GIVEN_NAME_GROUPS.get(b)) {
        (Some(ga), Some(gb)) => ga.iter().any(|g| gb.contains(g)),
        _ => false,
    }
}

/// Whether two different normalised full names may be one person written two ways: the same
/// surname, given names that agree ("vince cable" / "vincent cable"), and the same middle names
/// once middle initials are set aside ("george w bush" / "george bush"). An initial in place of
/// the given name ("j smith") is no evidence and never agrees.
pub fn person_name_variants(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (Some((fa, ra)), Some((fb, rb))) = (wa.split_first(), wb.split_first()) else {
        return false;
    };
    if a == b || ra.is_empty() || rb.is_empty() || fa.len() < 2 || fb.len() < 2 {
        return false;
    }
    // The words after the given name, initials left out: the surname is among them.
    let not_initial = |w: &&&str| w.chars().count() > 1;
    surname(a).is_some_and(|s| surname(b) == Some(s))
        && given_names_agree(fa, fb)
        && ra
            .iter()
            .filter(not_initial)
            .eq(rb.iter().filter(not_initial))
}

/// Whether the raw mention is written as an acronym: 2–6 capitals, dots allowed ("U.N.", "NATO").
pub fn looks_like_acronym(raw: &str) -> bool {
    let letters: Vec<char> = raw.trim().chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Title words written just before a mention ("... said Prime Minister Tony Blair"): the words
/// of `before` (text up to the mention) that are capitalised title words, nearest last.
pub fn preceding_title(before: &str) -> Option<String> {
    let mut taken: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev().take(4) {
        let n = normalize(w);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if capitalised && is_title_word(&n) {
            taken.push(w);
        } else {
            break;
        }
    }
    if taken.is_empty() {
        return None;
    }
    taken.reverse();
    Some(taken.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_article_possessive_and_dots() {
        assert_eq!(normalize("the Islamic State"), "islamic state");
        assert_eq!(normalize("Islamic State's"), "islamic state");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("ISIS-K"), "isis-k");
        assert_eq!(normalize("Société Générale"), "societe generale");
        assert_eq!(normalize("The"), "the");
        assert_eq!(normalize("Kilroy -Silk"), "kilroy-silk");
        assert_eq!(normalize("Blair - Brown"), "blair - brown");
    }

    #[test]
    fn person_names_lose_honorifics_and_keep_titles() {
        let p = person_name("Mr Blair");
        assert_eq!(p.norm, "blair");
        assert!(p.titles.is_empty());
        let p = person_name("Prime Minister Tony Blair");
        assert_eq!(p.norm, "tony blair");
        assert_eq!(p.titles, vec!["Prime Minister".to_string()]);
        // A name that is only a title word stays a name.
        assert_eq!(person_name("King").norm, "king");
    }

    #[test]
    fn surnames_and_acronyms() {
        assert_eq!(surname("tony blair"), Some("blair"));
        assert_eq!(surname("martin luther king jr"), Some("king"));
        assert_eq!(surname("blair"), None);
        assert_eq!(
            acronym("islamic state of iraq and syria").as_deref(),
            Some("isis")
        );
        assert_eq!(acronym("islamic state").as_deref(), Some("is"));
        assert_eq!(acronym("reuters"), None);
        assert!(looks_like_acronym("U.N."));
        assert!(looks_like_acronym("NATO"));
        assert!(!looks_like_acronym("Nato"));
    }

    #[test]
    fn one_person_written_two_ways() {
        assert!(person_name_variants("vincent cable", "vince cable"));
        assert!(person_name_variants("george w bush", "george bush"));
        assert!(person_name_variants("anthony blair", "tony blair"));
        assert!(!person_name_variants("tony blair", "tony blair"));
        assert!(!person_name_variants("cherie blair", "tony blair"));
        assert!(!person_name_variants(
            "christopher smith",
            "christine smith"
        ));
        assert!(person_name_variants("chris smith", "christine smith"));
        assert!(!person_name_variants("j smith", "john smith"));
        assert!(!person_name_variants("george bush", "george bush jr"));
        assert!(!person_name_variants(
            "menzies campbell",
            "alastair campbell"
        ));
        assert!(!person_name_variants("blair", "tony blair"));
    }

    #[test]
    fn titles_before_a_mention() {
        assert_eq!(
            preceding_title("said Prime Minister ").as_deref(),
            Some("Prime Minister")
        );
        assert_eq!(preceding_title("said the prime minister "), None);
    }

    #[test]
    fn title_lists_come_from_the_shared_lexicon() {
        // titles.txt (shared with attribution) and occupation_titles.txt (the store's own).
        let p = person_name("Dr Shadow Home Secretary David Davis");
        assert_eq!(p.norm, "david davis");
        assert_eq!(p.titles, vec!["Shadow Home Secretary".to_string()]);
        assert_eq!(
            preceding_title("said Manchester United Striker ").as_deref(),
            Some("Striker")
        );
        // Attribution's title-phrase words (parties, portfolios) are not store titles.
        assert_eq!(person_name("Labour Tony Blair").norm, "labour tony blair");
        assert_eq!(surname("john paul ii"), Some("paul"));
        assert_eq!(acronym("bank of england").as_deref(), Some("be"));
    }
}
