//! Currencies around a number: signs and codes before it ("$", "US$", "NT$", "£", "Rs", "USD")
//! and currency words after it ("dlrs", "yen", "cts", "Australian dollars", "CFA francs").

use newsgraph_nlp::lexicon;
use once_cell::sync::Lazy;

use super::tokens::{at, is_at, prev, Toks};
use crate::temporal::words::{pairs, table, words, Table};

static CURRENCY_SIGNS: Lazy<Table<&'static str>> =
    Lazy::new(|| words(lexicon!("currency_signs.txt")));
static DOLLAR_PREFIXES: Lazy<Table<&'static str>> =
    Lazy::new(|| words(lexicon!("dollar_prefixes.txt")));
static CURRENCY_CODE_PREFIXES: Lazy<Table<&'static str>> =
    Lazy::new(|| words(lexicon!("currency_code_prefixes.txt")));
/// Two-word currencies by first word, then second word: "australian" → "dollars" → AUD.
static CURRENCY_PHRASES: Lazy<Table<Table<&'static str>>> = Lazy::new(|| {
    let mut phrases: Table<Table<&'static str>> = Table::default();
    for (phrase, code) in pairs(lexicon!("currency_phrases.txt")) {
        if let Some((first, second)) = phrase.split_once(' ') {
            phrases.entry(first).or_default().insert(second, code);
        }
    }
    phrases
});
static CURRENCY_WORDS: Lazy<Table<CurrencyWord>> =
    Lazy::new(|| table(lexicon!("currency_words.txt"), parse_currency_word));

/// A currency word after a number: its code and the factor to the main unit (0.01 for cents).
#[derive(Debug, Clone, Copy, PartialEq)]
struct CurrencyWord {
    code: &'static str,
    factor: f64,
}

/// A `currency_words.txt` value: "code [factor]".
fn parse_currency_word(value: &'static str) -> Option<CurrencyWord> {
    let mut parts = value.split_whitespace();
    let code = parts.next()?;
    let factor = match parts.next() {
        Some(f) => f.parse().ok()?,
        None => 1.0,
    };
    Some(CurrencyWord { code, factor })
}

/// A currency written before a number: its code and how many tokens it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CurrencyBefore {
    pub code: &'static str,
    pub tokens: usize,
}

/// Currency signs and prefixes written before the number at `i`.
pub(super) fn currency_before(toks: Toks, i: usize) -> Option<CurrencyBefore> {
    let p1 = prev(toks, i, 1)?;
    // A code word ("USD 5", "Rs 500") may stand apart from the number; a sign must be glued.
    if let Some(code) = CURRENCY_CODE_PREFIXES.get(p1.text) {
        at(toks, i)?;
        return Some(CurrencyBefore { code, tokens: 1 });
    }
    if !at(toks, i)?.glued() {
        return None;
    }
    let code = *CURRENCY_SIGNS.get(p1.text)?;
    if code == "USD" {
        // "US$", "NT$", "HK$", "A$", "C$", "S$", "NZ$", "R$"
        if let Some(p2) = prev(toks, i, 2).filter(|_| p1.glued()) {
            if let Some(code) = DOLLAR_PREFIXES.get(p2.text) {
                return Some(CurrencyBefore { code, tokens: 2 });
            }
        }
    }
    Some(CurrencyBefore { code, tokens: 1 })
}

/// A currency written after a number: code, tokens used (a leading adjective included) and the
/// factor to the main unit (cents).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CurrencyAfter {
    pub code: &'static str,
    pub tokens: usize,
    pub factor: f64,
}

/// Currency words at `i`, after a number ("dlrs", "yen", "Australian dollars", "CFA francs").
pub(super) fn currency_after(toks: Toks, i: usize) -> Option<CurrencyAfter> {
    let t = at(toks, i)?;
    let found = |code: &'static str, tokens: usize, factor: f64| CurrencyAfter {
        code,
        tokens,
        factor,
    };
    let phrase = CURRENCY_PHRASES.get(t.lower.as_ref()).and_then(|seconds| {
        let second = at(toks, i + 1)?;
        seconds.get(second.lower.as_ref())
    });
    if let Some(code) = phrase {
        return Some(found(code, 2, 1.0));
    }
    if t.is("hong")
        && is_at(toks, i + 1, "kong")
        && at(toks, i + 2).is_some_and(|n| n.lower.starts_with("dollar"))
    {
        return Some(found("HKD", 3, 1.0));
    }
    // "50p" is pence, "p" apart is not; "won" glued to digits is no currency.
    if t.is("p") && !t.glued() || t.is("won") && t.glued() {
        return None;
    }
    if t.is("pounds") && is_at(toks, i + 1, "sterling") {
        return Some(found("GBP", 2, 1.0));
    }
    let word = CURRENCY_WORDS.get(t.lower.as_ref())?;
    Some(found(word.code, 1, word.factor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::words::entry_count;

    #[test]
    fn every_table_line_parses() {
        for (len, file) in [
            (CURRENCY_SIGNS.len(), lexicon!("currency_signs.txt")),
            (DOLLAR_PREFIXES.len(), lexicon!("dollar_prefixes.txt")),
            (
                CURRENCY_CODE_PREFIXES.len(),
                lexicon!("currency_code_prefixes.txt"),
            ),
            (
                CURRENCY_PHRASES.values().map(|s| s.len()).sum(),
                lexicon!("currency_phrases.txt"),
            ),
            (CURRENCY_WORDS.len(), lexicon!("currency_words.txt")),
        ] {
            assert_eq!(len, entry_count(file));
        }
        assert_eq!(
            CURRENCY_WORDS.get("cts"),
            Some(&CurrencyWord {
                code: "USD",
                factor: 0.01
            })
        );
    }
}
