//! Extraction stages over an article's text: attributions (quotes, speakers, sources, non-responses),
//! temporal expressions, figures and the timeline of dated statements.
//!
//! [`pipeline::analyze`] runs every analysis stage on one [`newsgraph_model::Article`].

pub mod attribution;
pub mod figures;
pub mod pipeline;
pub mod temporal;
pub mod timeline;
