//! A hearer glued to the clause it heard. "Told" without "that" puts the outlet or organisation
//! told right before the reported clause's subject, and the tagger reads both as one name:
//! "the Pentagon told [BBC News US] policy …", "Sources told the [BBC Michael Howard] has …".
//! After a hearer verb, a mention that opens with a well-known organisation (gazetteer) is cut
//! where a second name begins — a listed place or organisation ("US", "Labour"), or a given name
//! followed by a capitalised word ("Michael Howard") — and the second name becomes a mention
//! of its own. Only when a lower-case word that no hearer's name is followed by comes next:
//! "told BBC Radio Scotland that …" keeps its name.

use once_cell::sync::Lazy;

use super::gazetteer::{CONTINENT, DEMONYM, GPE, ORG, REGION};
use super::{longest_match, Mention};
use crate::lexicon::{is_given_name, WordSet};

static HEARER_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("hearer_verbs.txt")));
static NEXT_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("hearer_next_words.txt")));

fn capitalised(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the mention starting at `start` follows a hearer verb ("told", "told the").
fn after_hearer_verb(tokens: &[&str], start: usize) -> bool {
    let before = |k: usize| start.checked_sub(k).and_then(|i| tokens.get(i)).copied();
    match before(1) {
        Some("the") => before(2).is_some_and(|t| HEARER_VERBS.contains(t)),
        Some(t) => HEARER_VERBS.contains(t),
        None => false,
    }
}

/// Whether the token after a mention ending at `end` shows a clause glued into it: a lower-case
/// word that does not follow a hearer's name anyway ("policy", "has", "would").
fn clause_follows(tokens: &[&str], end: usize) -> bool {
    tokens.get(end).is_some_and(|t| {
        t.chars().all(char::is_alphabetic)
            && t.chars().next().is_some_and(char::is_lowercase)
            && !NEXT_WORDS.contains(t)
    })
}

/// Where the second name of a glued mention begins, with its end and label.
fn second_name(
    tokens: &[&str],
    matches: &[Vec<(u8, u8)>],
    m: &Mention,
    from: usize,
) -> Option<(usize, usize, &'static str)> {
    (from..m.end).find_map(|k| {
        if let Some(len) = longest_match(matches, k, GPE | CONTINENT | REGION) {
            return Some((k, (k + len).min(m.end), "GPE"));
        }
        if let Some(len) = longest_match(matches, k, ORG) {
            return Some((k, (k + len).min(m.end), "ORG"));
        }
        if longest_match(matches, k, DEMONYM).is_some() {
            return None;
        }
        let given = tokens.get(k).is_some_and(|t| is_given_name(t));
        let surname = tokens.get(k + 1).is_some_and(|t| capitalised(t));
        (given && surname && k + 1 < m.end).then_some((k, m.end, "PER"))
    })
}

/// Splits glued hearer mentions in place (see the module documentation); keeps `mentions`
/// sorted by start when it was.
pub(crate) fn split(tokens: &[&str], matches: &[Vec<(u8, u8)>], mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for m in mentions.iter_mut() {
        if m.end - m.start < 2
            || !after_hearer_verb(tokens, m.start)
            || !clause_follows(tokens, m.end)
        {
            continue;
        }
        let Some(org_len) = longest_match(matches, m.start, ORG) else {
            continue;
        };
        let Some((start, end, label)) = second_name(tokens, matches, m, m.start + org_len) else {
            continue;
        };
        added.push(Mention {
            start,
            end,
            label,
            confidence: m.confidence,
        });
        m.end = start;
        m.label = "ORG";
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::gazetteer::Gazetteer;

    fn split_of(sentence: &str, glued: (usize, usize)) -> Vec<(String, &'static str)> {
        let tokens: Vec<&str> = sentence.split(' ').collect();
        let gazetteer = Gazetteer::parse("BBC\torg\nUS\tcountry\nLabour\torg\nScotland\tcountry\n");
        let matches = gazetteer.matches(&tokens);
        let mut mentions = vec![Mention {
            start: glued.0,
            end: glued.1,
            label: "ORG",
            confidence: 0.9,
        }];
        split(&tokens, &matches, &mut mentions);
        mentions
            .iter()
            .map(|m| (tokens[m.start..m.end].join(" "), m.label))
            .collect()
    }

    #[test]
    fn a_clause_glued_after_a_hearer_becomes_a_name_of_its_own() {
        assert_eq!(
            split_of(
                "the Pentagon told BBC News US policy condemns torture",
                (3, 6)
            ),
            [("BBC News".into(), "ORG"), ("US".into(), "GPE")]
        );
        assert_eq!(
            split_of(
                "Sources told the BBC Michael Howard has always backed it",
                (3, 6)
            ),
            [("BBC".into(), "ORG"), ("Michael Howard".into(), "PER")]
        );
        assert_eq!(
            split_of(
                "Mr Lammy told BBC News Labour MPs would not get a vote",
                (3, 7)
            ),
            [("BBC News".into(), "ORG"), ("Labour".into(), "ORG")]
        );
    }

    #[test]
    fn an_outlet_named_after_a_hearer_keeps_its_name() {
        for sentence in [
            "she told BBC Radio Scotland that it failed",
            "she told BBC Radio Scotland on Monday",
        ] {
            assert_eq!(
                split_of(sentence, (2, 5)),
                [("BBC Radio Scotland".into(), "ORG")]
            );
        }
        // Not after a hearer verb: the name stands.
        assert_eq!(
            split_of("she heard BBC News US coverage", (2, 5)),
            [("BBC News US".into(), "ORG")]
        );
    }
}
