//! What a figure counts: the noun phrase after it ("30 Tajik families", "eight Ryan Jones" is
//! none) and whether it counts casualties ("killed about 100 people", "30 dead").

use newsgraph_nlp::lexicon;
use newsgraph_nlp::lexicon::WordSet;
use once_cell::sync::Lazy;

use super::tokens::{at, glued_punct, Toks};
use super::FigureKind;
use crate::temporal::lexer::Kind;

static COUNTED_NOUN_STOPS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(lexicon!("counted_noun_stops.txt")));
static CASUALTY_WORDS: Lazy<WordSet> = Lazy::new(|| WordSet::parse(lexicon!("casualty_words.txt")));

/// Most content words a counted noun phrase takes ("about 30 Tajik families living here").
const MAX_NOUN_WORDS: usize = 4;
/// How many tokens before and after a figure a casualty word may stand.
const CASUALTY_WINDOW: usize = 4;

/// Words that end a counted noun phrase.
pub(super) fn is_stop(lower: &str) -> bool {
    COUNTED_NOUN_STOPS.contains(lower)
}

/// The noun phrase a figure counts and the token after it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CountedNoun {
    pub words: String,
    pub end: usize,
}

/// The noun phrase a figure counts, starting at `i`: up to four content words.
pub(super) fn counted_noun(toks: Toks, i: usize) -> Option<CountedNoun> {
    let mut k = i;
    let mut words: Vec<String> = Vec::new();
    let mut lowercase_seen = false;
    while let Some(t) = at(toks, k) {
        if words.len() >= MAX_NOUN_WORDS {
            break;
        }
        if t.kind == Kind::Word {
            if ends_noun_phrase(&t.lower, t.text, words.is_empty()) {
                break;
            }
            // "film-maker Gary Winick": a name after a common noun is not what is counted.
            if lowercase_seen && t.is_capitalized() {
                break;
            }
            lowercase_seen |= !t.is_capitalized();
            let (word, next) = hyphenated_word(toks, k);
            words.push(word);
            k = next;
            continue;
        }
        if t.is_num() && !words.is_empty() && glued_punct(toks, k - 1, '-') {
            k += 1;
            continue;
        }
        break;
    }
    // "eight Ryan Jones": capitalised words not ending in a plural name a person or a title.
    let plural = words.last().is_some_and(|w| w.ends_with('s'));
    if words.is_empty() || !lowercase_seen && !plural {
        return None;
    }
    Some(CountedNoun {
        words: words.join(" "),
        end: k,
    })
}

/// Whether the word `lower` (written `text`) ends a counted noun phrase: a stop word, "us", a
/// verb form after the first word ("people *living*", "troops *stationed*"), or a first word
/// that is a participle or an adverb.
fn ends_noun_phrase(lower: &str, text: &str, first: bool) -> bool {
    let verb_form = (lower.ends_with("ing") || lower.ends_with("ed")) && lower.len() > 4;
    is_stop(lower)
        || text == "us"
        || (!first && verb_form)
        || (first && (lower.ends_with("ing") || lower.ends_with("ly")))
}

/// The word at `k` with the words hyphenated to it ("ISIS-K", "anti-war"), and the token after.
fn hyphenated_word(toks: Toks, k: usize) -> (String, usize) {
    let mut word = at(toks, k).map_or(String::new(), |t| t.text.to_string());
    let mut k = k + 1;
    while glued_punct(toks, k, '-')
        && at(toks, k + 1).is_some_and(|n| n.glued() && n.kind != Kind::Punct)
    {
        word.push('-');
        word.push_str(at(toks, k + 1).map_or("", |n| n.text));
        k += 2;
    }
    (word, k)
}

/// Casualties when a killing/arrest word is next to the figure (tokens `start..end`) or in what
/// it counts; otherwise what was `found`.
pub(super) fn type_of(
    toks: Toks,
    start: usize,
    end: usize,
    unit: Option<&str>,
    found: Option<FigureKind>,
) -> Option<FigureKind> {
    let window = |from: usize, to: usize| {
        (from..to).any(|k| at(toks, k).is_some_and(|t| CASUALTY_WORDS.contains(&t.lower)))
    };
    let before = window(start.saturating_sub(CASUALTY_WINDOW), start);
    let after = window(end, end + CASUALTY_WINDOW);
    let within = unit.is_some_and(|u| {
        u.split(' ')
            .any(|w| CASUALTY_WORDS.contains(&w.to_ascii_lowercase()))
    });
    if before || after || within {
        return Some(FigureKind::Casualties);
    }
    found
}
