//! Word lists as data.
//!
//! Every closed class the pipeline consults (titles, reporting verbs, month names, stop words …) is
//! a UTF-8 text file under the workspace's `data/lexicon/` folder, one concept per file, so a list
//! lives in one place and every stage that needs it reads the same one. A file opens with a `#`
//! header that says where the list comes from (its provenance); blank lines and `#` lines are
//! ignored, and each remaining line is one entry (trimmed).
//!
//! Files are compiled into the binary with [`lexicon!`](crate::lexicon!), so nothing is read from
//! disk at run time:
//!
//! ```
//! use newsgraph_nlp::lexicon::WordSet;
//! let months = WordSet::parse("# months\nJanuary\nFebruary\n");
//! assert!(months.contains("January"));
//! assert!(!months.contains("# months"));
//! ```

use once_cell::sync::Lazy;
use rustc_hash::FxHashSet;

/// The text of a file in the workspace's `data/lexicon/` folder, embedded at compile time.
///
/// Every crate of the workspace sits at `crates/<name>/`, so the path resolves the same way from
/// each of them.
#[macro_export]
macro_rules! lexicon {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/lexicon/",
            $file
        ))
    };
}

/// The entries of a lexicon file: trimmed lines, without blanks and `#` comments.
pub fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A set of words read from a lexicon file, for membership tests on hot paths.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: FxHashSet<&'static str>,
}

impl WordSet {
    /// Reads the entries of a lexicon file (see [`entries`]).
    pub fn parse(text: &'static str) -> Self {
        Self {
            words: entries(text).collect(),
        }
    }

    /// Whether `word` is in the set (exact, case-sensitive match).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set has no entries.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().copied()
    }
}

/// Given names as written, from `first_names.txt` (lines `m|f Name Name …`).
static GIVEN_NAMES: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    entries(lexicon!("first_names.txt"))
        .flat_map(|line| line.split_whitespace().skip(1))
        .collect()
});

/// True when `word`, as written ("Keith"), is a common given name of `first_names.txt`.
pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let set = WordSet::parse("# provenance: test\n\n  alpha \n#beta\ngamma\n");
        assert_eq!(set.len(), 2);
        assert!(set.contains("alpha") && set.contains("gamma"));
        assert!(!set.contains("#beta"));
    }
}
