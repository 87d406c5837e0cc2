//! One reader per corpus of `../shared/data`: the evaluations, benchmarks and training all read
//! through these, so a corpus is parsed one way everywhere.

pub mod bbc;
pub mod conll;
pub mod reuters;
