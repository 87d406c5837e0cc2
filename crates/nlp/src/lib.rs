//! Linguistic core: tokenizer, sentence splitter and named-entity recogniser.
//!
//! All positions are byte offsets into the text given.

pub mod lexicon;
pub mod ner;
mod sentences;
mod tokenize;

pub use ner::NerModel;
pub use sentences::{split_sentences, split_sentences_with_tokens};
pub use tokenize::{tokenize, Token, TokenKind};
