//! Reading corpora: unlabelled news (text files, Reuters-21578 SGML) and CoNLL evaluation through
//! the tokenizer.

use std::path::{Path, PathBuf};

use super::conll::{Chunk, Document, Score};
use super::train::conll_label;
use super::NerModel;

/// Tags each document as running text (tokens joined by spaces, one sentence a line) and maps the
/// entities back to gold tokens; an entity not on token edges counts as a false positive.
pub fn eval_via_text(model: &NerModel, docs: &[Document]) -> Score {
    let mut score = Score::default();
    for doc in docs {
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
            let gold: Vec<Chunk> = s
                .chunks
                .iter()
                .map(|c| Chunk {
                    label: if ["PER", "ORG", "LOC", "MISC"].contains(&c.label.as_str()) {
                        c.label.clone()
                    } else {
                        "MISC".into()
                    },
                    ..c.clone()
                })
                .collect();
            let mut pred = std::mem::take(&mut predicted[si]);
            for _ in 0..unaligned[si] {
                pred.push(Chunk {
                    start: usize::MAX,
                    end: usize::MAX,
                    label: "MISC".into(),
                });
            }
            score.add(&gold, &pred, s.tokens.len());
        }
    }
    score
}

/// Documents from text files and Reuters-21578 SGML under `paths` (files or directories).
pub fn read_news(paths: &[PathBuf], max_words: usize) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for p in paths {
        collect_files(p, &mut files)?;
    }
    files.sort();
    let mut docs = Vec::new();
    let mut words = 0;
    for f in files {
        let raw = std::fs::read(&f)?;
        let text = String::from_utf8_lossy(&raw);
        let is_sgml = f.extension().is_some_and(|e| e == "sgm");
        let new_docs: Vec<String> = if is_sgml {
            reuters_bodies(&text)
        } else {
            vec![text.into_owned()]
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

fn collect_files(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        for entry in std::fs::read_dir(p)? {
            collect_files(&entry?.path(), out)?;
        }
    } else if p.extension().is_some_and(|e| e == "txt" || e == "sgm") {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// The <BODY> texts of a Reuters-21578 SGML file, entities unescaped, lines re-joined into
/// paragraphs (the originals are hard-wrapped; paragraphs start with an indent).
pub fn reuters_bodies(sgml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sgml;
    while let Some(b) = rest.find("<BODY>") {
        let after = &rest[b + 6..];
        let Some(e) = after.find("</BODY>") else {
            break;
        };
        let body = after[..e]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&#3;", "");
        let mut text = String::new();
        for line in body.lines() {
            if line.starts_with("    ") && !text.is_empty() {
                text.push('\n');
            } else if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            text.push_str(line.trim());
        }
        let text = text
            .trim_end_matches(|c: char| c.is_whitespace())
            .trim_end_matches("Reuter")
            .trim()
            .to_string();
        if !text.is_empty() {
            out.push(text);
        }
        rest = &after[e..];
    }
    out
}
