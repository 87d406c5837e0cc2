//! The laboratory of newsgraph: evaluations, benchmarks, corpus readers and training, kept out of
//! the product crates so that they expose only the product.
//!
//! Every evaluation runs the product the way it ships (through
//! [`newsgraph_extract::Pipeline`] where a whole article is analysed) and scores it with the shared
//! [`metrics`]. The corpora of `../shared/data` are found once by [`DataDir`] and read by one
//! reader each in [`corpus`]; synthetic sets draw from the one seeded [`rng`].
//!
//! | module | measures |
//! |---|---|
//! | [`segment`] | article boundaries on synthetic BBC / Reuters-21578 shards |
//! | [`ner`] | named entities against CoNLL files (conlleval-compatible), NER training |
//! | [`attribution`] | quotes, speakers and kinds against gold JSON |
//! | [`temporal`] | dates and figures against the hand-made gold |
//! | [`timeml`] | dates against TimeML gold (TBAQ-cleaned), as TempEval-3 scores them |
//! | [`html`] | main-content extraction on the article-extraction benchmark |
//! | [`html_sets`] | HTML extraction on both development sets (WCXB too): word F1, snippets, metadata, tune/held-back split, selector training |
//! | [`meta_rank`] | training the title and publication-date rankers on the WCXB tune part |
//! | [`meta_ceiling`] | how far any title / date extractor could go on a set (truth among our candidates, or written in the page at all) |
//! | [`dedup`] | near-duplicate clusters on a synthetic set |
//! | [`search`] | store ingest and query latency |
//!
//! ```no_run
//! use newsgraph_eval::{segment, DataDir};
//! let data = DataDir::discover().expect("../shared/data");
//! let articles = segment::reuters_articles(&data.reuters(), true).unwrap();
//! let shards = segment::shards(articles, 2024, 50);
//! println!("{}", segment::SegmentRow::measure("reuters", &shards, &newsgraph_ingest::segment::WEIGHTS));
//! ```

pub mod attribution;
pub mod bench;
pub mod commands;
pub mod corpus;
mod data_dir;
pub mod dedup;
pub mod entities;
pub mod html;
pub mod html_sets;
pub mod meta_ceiling;
pub mod meta_rank;
pub mod metrics;
pub mod ner;
pub mod polnear;
pub mod polnear_boundary;
pub mod polnear_gate;
pub mod polnear_tagger;
pub mod polnear_train;
pub mod rng;
pub mod search;
pub mod segment;
pub mod temporal;
pub mod timeml;

pub use data_dir::{DataDir, DATA_ENV};

use std::path::{Path, PathBuf};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or folder could not be read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be parsed.
    #[error("cannot parse {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The gold data is inconsistent with the corpus it names.
    #[error("gold: {0}")]
    Gold(String),
}

impl EvalError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A parse error in `path`.
    pub fn parse(path: &Path, message: impl std::fmt::Display) -> Self {
        EvalError::Parse {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
}
