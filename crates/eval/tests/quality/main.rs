//! Quality floors of every evaluation, as one test binary (one link instead of one per file; each
//! module is one evaluation and says which data it needs).

mod attribution_bbc;
mod attribution_polnear;
mod attribution_seed;
mod dedup;
mod entities_gold;
mod html;
mod ner;
mod segment;
mod single_article;
mod temporal_gold;
mod timeml_tbaq;
