//! Extraction stages over an article's text: attributions (quotes, speakers, sources, non-responses),
//! temporal expressions, figures and the timeline of dated statements.
//!
//! A [`Pipeline`] runs every analysis stage on one [`newsgraph_model::Article`], a batch of them
//! in parallel, or a stream of input files ([`stream`]).

pub mod attribution;
pub mod figures;
pub mod pipeline;
pub mod stream;
pub mod temporal;
pub mod timeline;

pub use pipeline::{Budget, OverTime, Pipeline, PipelineError, PipelineOptions};
pub use stream::{StreamError, StreamObserver, StreamOptions, StreamReport};
