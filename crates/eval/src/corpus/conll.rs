//! CoNLL-2003 files (token first column, NER tag last) and conlleval-compatible scoring.
//!
//! The sentence and chunk types are the NER trainer's ([`newsgraph_nlp::ner::train`]), so a parsed
//! file trains and scores without conversion.

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use newsgraph_nlp::ner::train::{Chunk, Document, Sentence};

/// Parses CoNLL text (token first column, IOB1 or IOB2 tag last; `-DOCSTART-` starts a document;
/// files without `-DOCSTART-` become one document per `doc_sents` sentences).
pub fn parse(text: &str, doc_sents: usize) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    let mut doc = Document::default();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut marked = false;
    let flush_sentence = |tokens: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut Document| {
        if !tokens.is_empty() {
            let chunks = chunks_of(tags);
            doc.sentences.push(Sentence {
                tokens: std::mem::take(tokens),
                chunks,
            });
            tags.clear();
        }
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.first() {
            None => flush_sentence(&mut tokens, &mut tags, &mut doc),
            Some(&"-DOCSTART-") => {
                flush_sentence(&mut tokens, &mut tags, &mut doc);
                marked = true;
                if !doc.sentences.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
            }
            Some(tok) => {
                tokens.push((*tok).to_string());
                let tag = if cols.len() > 1 {
                    cols.last().copied().unwrap_or("O")
                } else {
                    "O"
                };
                tags.push(tag.to_string());
            }
        }
    }
    flush_sentence(&mut tokens, &mut tags, &mut doc);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    if !marked && doc_sents > 0 {
        let all: Vec<Sentence> = docs.into_iter().flat_map(|d| d.sentences).collect();
        return all
            .chunks(doc_sents)
            .map(|c| Document {
                sentences: c.to_vec(),
            })
            .collect();
    }
    docs
}

/// conlleval chunks of one sentence's tags (IOB1 and IOB2; a bare "X" reads as "I-X").
pub fn chunks_of(tags: &[String]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags
        .iter()
        .map(String::as_str)
        .chain(std::iter::once("O"))
        .enumerate()
    {
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, Some(l)),
            None if tag == "O" => ("O", None),
            None => ("I", Some(tag)),
        };
        if let Some((start, open_label)) = &open {
            if prefix == "O" || prefix == "B" || Some(open_label.as_str()) != label {
                out.push(Chunk {
                    start: *start,
                    end: i,
                    label: open_label.clone(),
                });
                open = None;
            }
        }
        if prefix != "O" && open.is_none() {
            if let Some(l) = label {
                open = Some((i, l.to_string()));
            }
        }
    }
    out
}

/// True/false positive counts per label.
#[derive(Debug, Clone, Default)]
pub struct Score {
    counts: BTreeMap<String, [usize; 3]>, // correct, predicted, gold
    /// Tokens scored.
    pub tokens: usize,
}

/// Precision, recall and F1 in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Correct mentions over predicted mentions, in percent.
    pub precision: f64,
    /// Correct mentions over gold mentions, in percent.
    pub recall: f64,
    /// Harmonic mean of precision and recall, in percent.
    pub f1: f64,
    /// Predicted mentions with the gold span and label.
    pub correct: usize,
    /// Predicted mentions.
    pub predicted: usize,
    /// Gold mentions.
    pub gold: usize,
}

fn prf(c: [usize; 3]) -> Prf {
    let p = if c[1] > 0 {
        100.0 * c[0] as f64 / c[1] as f64
    } else {
        0.0
    };
    let r = if c[2] > 0 {
        100.0 * c[0] as f64 / c[2] as f64
    } else {
        0.0
    };
    let f = crate::metrics::f1(p, r);
    Prf {
        precision: p,
        recall: r,
        f1: f,
        correct: c[0],
        predicted: c[1],
        gold: c[2],
    }
}

impl Score {
    /// Adds one sentence: exact-match chunks (same span, same label) count as correct.
    pub fn add(&mut self, gold: &[Chunk], predicted: &[Chunk], tokens: usize) {
        self.tokens += tokens;
        for g in gold {
            self.counts.entry(g.label.clone()).or_default()[2] += 1;
        }
        for p in predicted {
            let entry = self.counts.entry(p.label.clone()).or_default();
            entry[1] += 1;
            if gold.contains(p) {
                entry[0] += 1;
            }
        }
    }

    /// Scores over all labels together (micro-averaged).
    pub fn overall(&self) -> Prf {
        let mut total = [0usize; 3];
        for c in self.counts.values() {
            for k in 0..3 {
                total[k] += c[k];
            }
        }
        prf(total)
    }

    /// Scores per label, in label order.
    pub fn per_label(&self) -> Vec<(String, Prf)> {
        self.counts
            .iter()
            .map(|(l, c)| (l.clone(), prf(*c)))
            .collect()
    }

    /// A report in conlleval's layout.
    pub fn report(&self) -> String {
        let o = self.overall();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, o.gold, o.predicted, o.correct
        );
        let _ = writeln!(
            s,
            "accuracy:   n/a; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            o.precision, o.recall, o.f1
        );
        for (label, p) in self.per_label() {
            let _ = writeln!(
                s,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                label, p.precision, p.recall, p.f1, p.predicted
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_chunks() {
        let tags: Vec<String> = [
            "I-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-ORG", "I-ORG", "I-MISC",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = chunks_of(&tags);
        let spans: Vec<(usize, usize, &str)> = c
            .iter()
            .map(|c| (c.start, c.end, c.label.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 2, "PER"),
                (3, 4, "LOC"),
                (4, 5, "LOC"),
                (5, 7, "ORG"),
                (7, 8, "MISC")
            ]
        );
    }

    #[test]
    fn parse_and_score() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n";
        let docs = parse(text, 20);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].sentences.len(), 2);
        let mut score = Score::default();
        let s0 = &docs[0].sentences[0];
        score.add(&s0.chunks, &s0.chunks[..1], 3);
        let o = score.overall();
        assert_eq!((o.correct, o.predicted, o.gold), (1, 1, 2));
        assert!((o.f1 - 66.666).abs() < 0.01);
        assert!(score.report().contains("MISC"));
    }
}
