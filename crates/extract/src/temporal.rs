//! Temporal expressions normalised against the publication date, and datelines.

use chrono::NaiveDate;
use newsgraph_model::{DateMention, Span};

/// A dateline at the start of an article ("PARIS, July 23 (Reuters) -"), if any, resolved with the help
/// of `hint` (a date near publication, for the year) when the dateline has no year.
pub fn find_dateline(_text: &str, _hint: Option<NaiveDate>) -> Option<(NaiveDate, Span)> {
    None
}

/// Every temporal expression in `text`, normalised against `published` when known.
pub fn extract_dates(_text: &str, _published: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}
