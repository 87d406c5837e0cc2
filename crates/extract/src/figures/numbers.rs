//! Numbers as written: digits with separators, decimals and stock-price fractions ("1,274,000",
//! "2.5", "74-3/8"), number words and their compounds ("twenty-five", "a dozen", "half a
//! million"), scales ("15 mln"), vague amounts ("tens of thousands of") and fractions ("two-thirds"),
//! and the hedges written before them ("more than", "nearly").

use newsgraph_nlp::lexicon;
use once_cell::sync::Lazy;

use super::tokens::{at, glued_punct, is_at, Toks};
use crate::temporal::number_word;
use crate::temporal::words::{numbers, pairs, Table};

/// Hedges before a number, in file order (longest first where one ends with another): the words
/// and the canonical hedge.
static HEDGES: Lazy<Vec<(Vec<&'static str>, &'static str)>> = Lazy::new(|| {
    pairs(lexicon!("figure_hedges.txt"))
        .map(|(words, canonical)| (words.split_whitespace().collect(), canonical))
        .collect()
});
static SCALE_WORDS: Lazy<Table<f64>> = Lazy::new(|| numbers(lexicon!("scale_words.txt")));
static VAGUE_QUANTITIES: Lazy<Table<f64>> = Lazy::new(|| numbers(lexicon!("vague_quantities.txt")));
static FRACTION_WORDS: Lazy<Table<f64>> = Lazy::new(|| numbers(lexicon!("fraction_words.txt")));

/// Most thousands groups read in one number ("1,000,000,000,000,000,000" has six). A number is
/// re-read from each of its groups when it is rejected (an ordinal "1,000th"), so the bound keeps
/// that linear on a hostile run of groups; no real figure comes near it.
const MAX_DIGIT_GROUPS: usize = 6;

/// A hedge ending right before a token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hedge {
    /// Canonical form ("up to" for "no more than").
    pub canonical: &'static str,
    /// Its first token.
    pub start: usize,
}

/// The hedge ending right before token `i`, if any. At most one comparison per hedge of the
/// lexicon, each of at most a few tokens: constant work per token.
pub(super) fn hedge_before(toks: Toks, i: usize) -> Option<Hedge> {
    HEDGES.iter().find_map(|(words, canonical)| {
        let start = i.checked_sub(words.len())?;
        // "about" as in "talked about 30 ..." is still a hedge; "some of" is not before a number.
        words
            .iter()
            .enumerate()
            .all(|(k, w)| is_at(toks, start + k, w))
            .then_some(Hedge { canonical, start })
    })
}

/// The factor of a scale word ("mln" = 1e6), lowercase.
pub(super) fn scale_of(lower: &str) -> Option<f64> {
    SCALE_WORDS.get(lower).copied()
}

/// A number read at a token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Number {
    pub value: f64,
    /// The token after the number.
    pub end: usize,
    /// Written in words ("seven", "a dozen") rather than digits.
    pub in_words: bool,
}

/// Digits with thousands separators and a decimal part ("150,000", "1,274,000", "2.5") and a
/// stock-price fraction ("1-1/8", "74-3/8") at `i`, a digit token.
fn digits_here(toks: Toks, i: usize) -> Option<Number> {
    let t = at(toks, i)?;
    let mut text = t.text.to_string();
    let mut end = i + 1;
    let mut groups = 0;
    while groups < MAX_DIGIT_GROUPS
        && glued_punct(toks, end, ',')
        && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued() && n.text.len() == 3)
    {
        text.push_str(at(toks, end + 1)?.text);
        end += 2;
        groups += 1;
    }
    if glued_punct(toks, end, '.') && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued()) {
        text.push('.');
        text.push_str(at(toks, end + 1)?.text);
        end += 2;
    }
    let mut value: f64 = text.parse().ok()?;
    if glued_punct(toks, end, '-') {
        if let (Some(a), Some(b)) = (at(toks, end + 1), at(toks, end + 3)) {
            if a.glued() && a.is_num() && glued_punct(toks, end + 2, '/') && b.glued() && b.is_num()
            {
                let (a, b): (f64, f64) = (a.text.parse().ok()?, b.text.parse().ok()?);
                if b > 0.0 && a < b {
                    value += a / b;
                    end += 4;
                }
            }
        }
    }
    Some(Number {
        value,
        end,
        in_words: false,
    })
}

/// A number written in words at `i`: "a dozen", "a million", "half a million", "twenty-five",
/// "two dozen", "three hundred".
fn words_here(toks: Toks, i: usize) -> Option<Number> {
    let t = at(toks, i)?;
    let words = |value: f64, end: usize| Number {
        value,
        end,
        in_words: true,
    };
    let (mut value, mut end) = match t.lower.as_ref() {
        "a" | "an" if is_at(toks, i + 1, "dozen") => (12.0, i + 2),
        "a" | "an" => {
            let s = scale_of(&at(toks, i + 1)?.lower).filter(|s| *s >= 100.0)?;
            if at(toks, i + 1)?.lower.ends_with('s') {
                return None;
            }
            return Some(words(s, i + 2));
        }
        "half" if is_at(toks, i + 1, "a") => {
            let s = at(toks, i + 2)?;
            let v = if s.is("dozen") {
                12.0
            } else {
                scale_of(&s.lower).filter(|s| *s >= 1e3)?
            };
            return Some(words(v / 2.0, i + 3));
        }
        "dozen" => (12.0, i + 1),
        w => compound_number_word(toks, i, number_word(w)?),
    };
    // "two dozen", "three hundred"
    if is_at(toks, end, "dozen") {
        value *= 12.0;
        end += 1;
    } else if is_at(toks, end, "hundred") {
        value *= 100.0;
        end += 1;
    }
    Some(words(value, end))
}

/// "twenty-five": a tens word `tens` at `i` glued by a hyphen to a units word.
fn compound_number_word(toks: Toks, i: usize, tens: f64) -> (f64, usize) {
    let end = i + 1;
    if tens >= 20.0 && glued_punct(toks, end, '-') {
        if let Some(u) = at(toks, end + 1)
            .filter(|u| u.glued())
            .and_then(|u| number_word(&u.lower))
        {
            if u < 10.0 {
                return (tens + u, end + 2);
            }
        }
    }
    (tens, end)
}

/// A number at `i`, in digits or words.
pub(super) fn number_here(toks: Toks, i: usize) -> Option<Number> {
    if at(toks, i)?.is_num() {
        digits_here(toks, i)
    } else {
        words_here(toks, i)
    }
}

/// An amount read at a token: its value and the token after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Amount {
    pub value: f64,
    pub end: usize,
}

/// Vague quantities: "dozens of", "hundreds of", "tens of thousands of", "millions of",
/// "a handful of": the lower bound and the end (before "of").
pub(super) fn vague_here(toks: Toks, i: usize) -> Option<Amount> {
    let t = at(toks, i)?;
    let base = |w: &str| VAGUE_QUANTITIES.get(w).copied();
    if t.is("a") && is_at(toks, i + 1, "handful") {
        return Some(Amount {
            value: 3.0,
            end: i + 2,
        });
    }
    if t.is("tens") && is_at(toks, i + 1, "of") {
        let value = match at(toks, i + 2)?.lower.as_ref() {
            "thousands" => 2e4,
            "millions" => 2e7,
            "billions" => 2e10,
            _ => return None,
        };
        return Some(Amount { value, end: i + 3 });
    }
    let v = base(&t.lower)?;
    // Only before "of": "thousands of people", not "the thousands".
    if !is_at(toks, i + 1, "of") {
        return None;
    }
    // "hundreds of thousands"
    if let Some(s) = at(toks, i + 2).and_then(|s| base(&s.lower)) {
        if s > v {
            return Some(Amount {
                value: v / 2.0 * s,
                end: i + 3,
            });
        }
    }
    Some(Amount {
        value: v,
        end: i + 1,
    })
}

/// Fractions: "half", "a third", "two-thirds", "three-quarters", "two-fifths".
pub(super) fn fraction_here(toks: Toks, i: usize) -> Option<Amount> {
    let t = at(toks, i)?;
    if t.is("half") {
        return Some(Amount {
            value: 0.5,
            end: i + 1,
        });
    }
    let numerator = if t.is("a") || t.is("one") {
        1.0
    } else {
        number_word(&t.lower)?
    };
    let mut k = i + 1;
    if glued_punct(toks, k, '-') {
        k += 1;
    }
    let denominator = *FRACTION_WORDS.get(at(toks, k)?.lower.as_ref())?;
    if denominator == 2.0 {
        return None;
    }
    Some(Amount {
        value: numerator / denominator,
        end: k + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::words::entry_count;

    #[test]
    fn every_table_line_parses() {
        assert_eq!(HEDGES.len(), entry_count(lexicon!("figure_hedges.txt")));
        assert_eq!(SCALE_WORDS.len(), entry_count(lexicon!("scale_words.txt")));
        assert_eq!(
            VAGUE_QUANTITIES.len(),
            entry_count(lexicon!("vague_quantities.txt"))
        );
        assert_eq!(
            FRACTION_WORDS.len(),
            entry_count(lexicon!("fraction_words.txt"))
        );
        assert_eq!(scale_of("mln"), Some(1e6));
        assert_eq!(scale_of("trillions"), Some(1e12));
    }
}
