//! Token ranges: the half-open `[start, end)` stretches of [`Doc`](super::doc::Doc) tokens that the
//! rules pass around (a sentence, a speaker phrase, a cue, a content).

use std::ops::Range;

/// Tokens `start..end` of the document (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TokenRange {
    pub start: usize,
    pub end: usize,
}

impl TokenRange {
    pub(super) fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The range holding token `i` alone.
    pub(super) fn single(i: usize) -> Self {
        Self::new(i, i + 1)
    }

    /// Number of tokens (0 when `end <= start`).
    pub(super) fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub(super) fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The token indices, in order.
    pub(super) fn indices(self) -> Range<usize> {
        self.start..self.end
    }

    /// The last token, when the range is not empty.
    pub(super) fn last(self) -> Option<usize> {
        (!self.is_empty()).then(|| self.end - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::TokenRange;

    #[test]
    fn empty_and_inverted_ranges_have_no_tokens() {
        assert_eq!(TokenRange::new(3, 3).len(), 0);
        assert_eq!(TokenRange::new(5, 2).len(), 0);
        assert!(TokenRange::new(5, 2).is_empty());
        assert_eq!(TokenRange::new(5, 2).last(), None);
        let r = TokenRange::new(2, 5);
        assert_eq!((r.len(), r.last()), (3, Some(4)));
        assert_eq!(r.indices().collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!(TokenRange::single(7), TokenRange::new(7, 8));
    }
}
