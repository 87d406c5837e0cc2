//! Numbers with their hedges, units and what they count.

use newsgraph_model::Figure;

/// Every figure in `text`.
pub fn extract_figures(_text: &str) -> Vec<Figure> {
    Vec::new()
}
