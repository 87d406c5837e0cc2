//! The arithmetic every evaluation shares, in one place (as spaCy's `Scorer` is for its
//! components): ratios that are 0 on an empty denominator, F1, and a precision/recall/F1 triple
//! built from counts.

use serde::Serialize;

/// `numerator / denominator`, 0 when the denominator is 0.
pub fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Harmonic mean of precision and recall, 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Counts of a detection task: true positives among `predicted` and `gold` items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predictions that match a gold item.
    pub true_positives: usize,
    /// All predictions.
    pub predicted: usize,
    /// All gold items.
    pub gold: usize,
}

impl Counts {
    /// `true_positives / predicted`.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.predicted)
    }

    /// `true_positives / gold`.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.gold)
    }

    /// F1 of [`precision`](Self::precision) and [`recall`](Self::recall).
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, other: Counts) -> Counts {
        Counts {
            true_positives: self.true_positives + other.true_positives,
            predicted: self.predicted + other.predicted,
            gold: self.gold + other.gold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases() {
        assert_eq!(ratio(1, 0), 0.0);
        assert_eq!(ratio(1, 4), 0.25);
        assert_eq!(f1(0.0, 0.0), 0.0);
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn counts_add_and_score() {
        let c = Counts {
            true_positives: 1,
            predicted: 2,
            gold: 4,
        } + Counts {
            true_positives: 1,
            predicted: 2,
            gold: 0,
        };
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.5);
        assert_eq!(c.f1(), 0.5);
    }
}
