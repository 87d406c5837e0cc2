//! Word tables of the temporal and figure grammars, read from `data/lexicon/` files.
//!
//! Plain word lists are [`WordSet`](newsgraph_nlp::lexicon::WordSet)s. Lists that give each word
//! a value (number words, currency words, calendar units) use `key: value` lines, parsed here
//! into hash maps once, on first use. Lookups are one hash of a short string, as fast as the
//! `match` on string literals they replace (measured with `newsgraph bench temporal`).

use newsgraph_nlp::lexicon::entries;
use rustc_hash::FxHashMap;

/// A lexicon table: key (as written in the file) to parsed value.
pub(crate) type Table<V> = FxHashMap<&'static str, V>;

/// The `key: value` entries of a lexicon file, both trimmed; lines without a colon are skipped
/// (the tests below check that every line of every table parses).
pub(crate) fn pairs(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(text)
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim(), value.trim()))
}

/// A table whose values are parsed with `parse`; entries it rejects are left out.
pub(crate) fn table<V>(text: &'static str, parse: impl Fn(&'static str) -> Option<V>) -> Table<V> {
    pairs(text)
        .filter_map(|(key, value)| Some((key, parse(value)?)))
        .collect()
}

/// A table of numbers (`"dozens: 24"`).
pub(crate) fn numbers<N: std::str::FromStr>(text: &'static str) -> Table<N> {
    table(text, |v| v.parse().ok())
}

/// A table of words (`"tonnes: tonnes"`).
pub(crate) fn words(text: &'static str) -> Table<&'static str> {
    table(text, Some)
}

/// Number of entries in a lexicon file, to check that a table parsed all of them.
#[cfg(test)]
pub(crate) fn entry_count(text: &'static str) -> usize {
    entries(text).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_at_the_first_colon() {
        let t: Vec<_> = pairs("# header\nno more than: up to\n$: USD\nbroken line\n").collect();
        assert_eq!(t, [("no more than", "up to"), ("$", "USD")]);
        let n: Table<f64> = numbers("dozens: 24\nscores: forty\n");
        assert_eq!(n.len(), 1);
        assert_eq!(n.get("dozens"), Some(&24.0));
    }
}
