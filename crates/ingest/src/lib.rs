//! Ingest: readers for every input format, normalisation, article segmentation and near-duplicate
//! clustering. Produces [`newsgraph_model::Article`]s; never looks at later stages.

pub mod dedup;
pub mod web;
