//! Named-entity evaluation and training: the embedded model scored on CoNLL files on gold tokens
//! and through the tokenizer on reconstructed text (as `shared/tools/ner_eval.py` does), the
//! unlabelled news the word clusters learn from, and the training driver.

pub mod clusters;
pub mod gold;
mod training;

use std::path::PathBuf;

use newsgraph_nlp::ner::features::TYPES;
use newsgraph_nlp::NerModel;

pub use training::{train, TrainSettings};

use crate::corpus::conll::{Chunk, Document, Score};
use crate::corpus::reuters;

/// The CoNLL type of an output label (GPE counts as LOC; NORP, EVENT and LAW as MISC, as CoNLL
/// has them).
pub fn conll_label(label: &str) -> &str {
    match label {
        "GPE" => "LOC",
        "NORP" | "EVENT" | "LAW" => "MISC",
        other => other,
    }
}

/// A gold chunk with its label folded into the four CoNLL types (others count as MISC).
fn gold_chunk(c: &Chunk) -> Chunk {
    Chunk {
        label: if TYPES.contains(&c.label.as_str()) {
            c.label.clone()
        } else {
            "MISC".into()
        },
        ..c.clone()
    }
}

/// Scores a model on gold documents, tagging the gold tokens.
pub fn evaluate(model: &NerModel, docs: &[Document]) -> Score {
    evaluate_listing(model, docs, None)
}

/// Appends a line to `errors` for each mention of `gold` not in `predicted` ("missed") and of
/// `predicted` not in `gold` ("spurious"): document and sentence numbers, the mention's words
/// and label, then the sentence.
fn list_errors(
    errors: &mut String,
    (doc, sentence): (usize, usize),
    tokens: &[String],
    gold: &[Chunk],
    predicted: &[Chunk],
) {
    use std::fmt::Write as _;
    let words = |c: &Chunk| {
        tokens
            .get(c.start..c.end)
            .map_or_else(|| "(not on token edges)".to_string(), |w| w.join(" "))
    };
    for (kind, these, others) in [("missed", gold, predicted), ("spurious", predicted, gold)] {
        for c in these.iter().filter(|c| !others.contains(c)) {
            let _ = writeln!(
                errors,
                "{doc}:{sentence}\t{kind}\t{}\t{}\t| {}",
                c.label,
                words(c),
                tokens.join(" ")
            );
        }
    }
}

/// [`evaluate`], listing every missed and spurious mention in `errors` when given.
pub fn evaluate_listing(
    model: &NerModel,
    docs: &[Document],
    mut errors: Option<&mut String>,
) -> Score {
    let mut score = Score::default();
    for (di, doc) in docs.iter().enumerate() {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let predicted = model.tag_document(&sentences);
        for (si, (s, pred)) in doc.sentences.iter().zip(predicted).enumerate() {
            let pred: Vec<Chunk> = pred
                .iter()
                .map(|m| Chunk {
                    start: m.start,
                    end: m.end,
                    label: conll_label(m.label).to_string(),
                })
                .collect();
            let gold: Vec<Chunk> = s.chunks.iter().map(gold_chunk).collect();
            if let Some(errors) = errors.as_deref_mut() {
                list_errors(errors, (di, si), &s.tokens, &gold, &pred);
            }
            score.add(&gold, &pred, s.tokens.len());
        }
    }
    score
}

/// Tags each document as running text (tokens joined by spaces, one sentence a line) and maps the
/// entities back to gold tokens; an entity not on token edges counts as a false positive.
pub fn eval_via_text(model: &NerModel, docs: &[Document]) -> Score {
    eval_via_text_listing(model, docs, None)
}

/// [`eval_via_text`], listing every missed and spurious mention in `errors` when given.
pub fn eval_via_text_listing(
    model: &NerModel,
    docs: &[Document],
    mut errors: Option<&mut String>,
) -> Score {
    let mut score = Score::default();
    for (di, doc) in docs.iter().enumerate() {
        let mut text = String::new();
        let mut starts = std::collections::HashMap::new();
        let mut ends = std::collections::HashMap::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            for (ti, t) in s.tokens.iter().enumerate() {
                if ti > 0 {
                    text.push(' ');
                }
                starts.insert(text.len(), (si, ti));
                text.push_str(t);
                ends.insert(text.len(), (si, ti));
            }
            text.push('\n');
        }
        let mut predicted: Vec<Vec<Chunk>> = vec![Vec::new(); doc.sentences.len()];
        let mut unaligned: Vec<usize> = vec![0; doc.sentences.len()];
        for e in model.tag(&text) {
            match (starts.get(&e.start), ends.get(&e.end)) {
                (Some(&(s1, t1)), Some(&(s2, t2))) if s1 == s2 => predicted[s1].push(Chunk {
                    start: t1,
                    end: t2 + 1,
                    label: conll_label(&e.label).to_string(),
                }),
                (Some(&(s1, _)), _) => unaligned[s1] += 1,
                _ => unaligned[0] += 1,
            }
        }
        for (si, s) in doc.sentences.iter().enumerate() {
            let gold: Vec<Chunk> = s.chunks.iter().map(gold_chunk).collect();
            let mut pred = std::mem::take(&mut predicted[si]);
            for _ in 0..unaligned[si] {
                pred.push(Chunk {
                    start: usize::MAX,
                    end: usize::MAX,
                    label: "MISC".into(),
                });
            }
            if let Some(errors) = errors.as_deref_mut() {
                list_errors(errors, (di, si), &s.tokens, &gold, &pred);
            }
            score.add(&gold, &pred, s.tokens.len());
        }
    }
    score
}

/// Documents from text files and Reuters-21578 SGML under `paths` (files or directories), until
/// `max_words` words (0: all). A Reuters story is its paragraphs one a line, without the sign-off.
pub fn read_news(paths: &[PathBuf], max_words: usize) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for p in paths {
        crate::corpus::files_under(p, &["txt", "sgm"], &mut files)?;
    }
    files.sort();
    let mut docs = Vec::new();
    let mut words = 0;
    for f in files {
        let new_docs: Vec<String> = if f.extension().is_some_and(|e| e == "sgm") {
            reuters::read_file(&f)?
                .iter()
                .map(|d| d.paragraphs_without_sign_off().join("\n"))
                .filter(|t| !t.is_empty())
                .collect()
        } else {
            vec![crate::corpus::bbc::decode(&std::fs::read(&f)?)]
        };
        for d in new_docs {
            words += d.split_whitespace().count();
            docs.push(d);
            if max_words > 0 && words >= max_words {
                return Ok(docs);
            }
        }
    }
    Ok(docs)
}
