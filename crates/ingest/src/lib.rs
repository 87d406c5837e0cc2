//! Ingest: readers for every input format, normalisation, article segmentation and near-duplicate
//! clustering. Produces [`newsgraph_model::Article`]s; never looks at later stages.
//!
//! ```no_run
//! use newsgraph_ingest::{read_path, ReadOptions};
//! let mut articles = Vec::new();
//! read_path("shard.txt".as_ref(), &ReadOptions::default(), &mut |a| articles.push(a)).unwrap();
//! ```

pub mod credits;
pub mod decompress;
pub mod dedup;
mod error;
mod input;
pub mod jsonl;
pub mod normalize;
pub mod reuters;
pub mod segment;
pub mod stdin;
pub mod text;
pub mod web;

pub use error::IngestError;
pub use input::{detect_format, expand_inputs, read_path, FileReport, InputFormat, ReadOptions};
pub use newsgraph_model::Article;
pub use text::{read_shard, ShardReport, TextOptions};
