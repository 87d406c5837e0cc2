//! Percentages: "15%", "178 percent", "10.15 pct", "10 per cent", "2.5 percentage points".

use super::tokens::{at, is_at, Toks};

/// A percentage unit after a number: its name and how many tokens it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PercentUnit {
    pub unit: &'static str,
    pub tokens: usize,
}

/// The percentage unit at `i` (right after a number), if any.
pub(super) fn percent_after(toks: Toks, i: usize) -> Option<PercentUnit> {
    let found = |unit, tokens| Some(PercentUnit { unit, tokens });
    if at(toks, i).is_some_and(|n| n.is_punct('%') || n.is("pct") || n.is("percent")) {
        found("percent", 1)
    } else if is_at(toks, i, "per") && is_at(toks, i + 1, "cent") {
        found("percent", 2)
    } else if is_at(toks, i, "percentage") && is_at(toks, i + 1, "points") {
        found("percentage points", 2)
    } else {
        None
    }
}
