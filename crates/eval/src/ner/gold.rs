//! A typed NER gold on news text kept as standoff (`tests/gold/ner-bbc/`,
//! `tests/gold/ner-polnear/`, see their GUIDE.md): `file start end words label` lines with byte
//! offsets into the article text. The text itself stays in `../shared`: a BBC News file
//! (`politics/061.txt`) is read as [`BbcArticle::to_article`] builds it, a PolNeAR file
//! (`polnear/dev/<stem>.txt`) as the file's text, whole (title line, blank line, paragraphs).
//!
//! Scored with CoNLL conventions: exact span and type, labels folded into PER / ORG / LOC / MISC
//! by [`super::conll_label`] on both sides (GPE is LOC; NORP, EVENT and LAW are MISC).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use newsgraph_nlp::NerModel;

use super::conll_label;
use crate::corpus::bbc::{self, BbcArticle};
use crate::corpus::conll::{Chunk, Score};
use crate::corpus::standoff::{self, StandoffError};
use crate::data_dir::DataDir;

/// One gold mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerGold {
    /// `section/NNN.txt` (BBC News) or `polnear/<split>/<stem>.txt`.
    pub file: String,
    /// Byte offset of the mention in the article text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The words, as a check.
    pub text: String,
    /// PER, ORG, LOC, GPE, NORP, EVENT, LAW or MISC.
    pub label: String,
}

/// Errors reading the gold or the articles it points into.
pub type NerGoldError = StandoffError;

/// Reads a gold file: tab-separated `file start end words label`, `#` comments.
pub fn load(path: &Path) -> Result<Vec<NerGold>, NerGoldError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| NerGoldError::Io(name.clone(), e))?;
    parse(&text, &name)
}

/// Parses gold lines (see [`load`]); `name` is used in errors.
pub fn parse(text: &str, name: &str) -> Result<Vec<NerGold>, NerGoldError> {
    let mut out = Vec::new();
    for l in standoff::parse(text, name)? {
        if !matches!(
            l.tag.as_str(),
            "PER" | "ORG" | "LOC" | "GPE" | "NORP" | "EVENT" | "LAW" | "MISC"
        ) {
            return Err(standoff::format_error(name, l.line, "unknown label"));
        }
        out.push(NerGold {
            file: l.file,
            start: l.start,
            end: l.end,
            text: l.text,
            label: l.tag,
        });
    }
    Ok(out)
}

/// The text a gold file names and its name, as the gold's offsets count bytes in it.
#[derive(Debug, Clone)]
pub struct GoldText {
    /// The gold's file column.
    pub file: String,
    /// The article text the offsets point into.
    pub text: String,
}

impl GoldText {
    /// A BBC News article's text as [`BbcArticle::to_article`] builds it.
    pub fn from_bbc(article: &BbcArticle) -> Self {
        GoldText {
            file: format!("{}/{:03}.txt", article.section, article.number),
            text: article.to_article().text,
        }
    }
}

/// Reads the text `file` names: `polnear/<split>/<stem>.txt` from PolNeAR's text folder, any
/// other name (`section/NNN.txt`) from BBC News.
pub fn read_text(file: &str, data: &DataDir) -> Result<String, NerGoldError> {
    let io = |path: &Path, e| NerGoldError::Io(path.display().to_string(), e);
    if let Some(rest) = file.strip_prefix("polnear/") {
        let (split, stem) = rest
            .split_once('/')
            .filter(|(split, stem)| {
                matches!(*split, "train" | "dev")
                    && !stem.contains(['/', '\\'])
                    && !stem.starts_with('.')
            })
            .ok_or_else(|| standoff::format_error(file, 0, "not polnear/<train|dev>/<stem>.txt"))?;
        let path = data
            .polnear()
            .join("data")
            .join(split)
            .join("text")
            .join(stem);
        let raw = std::fs::read(&path).map_err(|e| io(&path, e))?;
        return Ok(String::from_utf8_lossy(&raw).into_owned());
    }
    let section = file.split('/').next().unwrap_or("");
    let path = data.bbc().join(file);
    let article = bbc::read_file(&path, section).map_err(|e| io(&path, e))?;
    Ok(article.to_article().text)
}

/// The gold's articles, read from the shared data folder, with their gold mentions; every
/// mention's words are checked against the article text.
pub fn articles(
    gold: &[NerGold],
    data: &DataDir,
) -> Result<Vec<(GoldText, Vec<NerGold>)>, NerGoldError> {
    let mut by_file: BTreeMap<&str, Vec<NerGold>> = BTreeMap::new();
    for g in gold {
        by_file.entry(g.file.as_str()).or_default().push(g.clone());
    }
    let mut out = Vec::new();
    for (file, mentions) in by_file {
        let text = read_text(file, data)?;
        for g in &mentions {
            if text.get(g.start..g.end) != Some(g.text.as_str()) {
                let why = format!("{:?} is not at {}..{}", g.text, g.start, g.end);
                return Err(standoff::format_error(file, 0, &why));
            }
        }
        out.push((
            GoldText {
                file: file.to_string(),
                text,
            },
            mentions,
        ));
    }
    Ok(out)
}

/// Scores `model` on the gold articles: each article's text tagged as the pipeline tags it,
/// exact byte spans and CoNLL types. `errors`, when given, receives one line per miss.
pub fn evaluate(
    model: &NerModel,
    articles: &[(GoldText, Vec<NerGold>)],
    mut errors: Option<&mut String>,
) -> Score {
    let mut score = Score::default();
    for (article, mentions) in articles {
        let text = &article.text;
        let gold: Vec<Chunk> = mentions
            .iter()
            .map(|g| Chunk {
                start: g.start,
                end: g.end,
                label: conll_label(&g.label).to_string(),
            })
            .collect();
        let predicted: Vec<Chunk> = model
            .tag(text)
            .iter()
            .map(|e| Chunk {
                start: e.start,
                end: e.end,
                label: conll_label(&e.label).to_string(),
            })
            .collect();
        if let Some(out) = errors.as_deref_mut() {
            let file = &article.file;
            for g in gold.iter().filter(|g| !predicted.contains(g)) {
                let words = text.get(g.start..g.end).unwrap_or("");
                let _ = writeln!(out, "{file}\tmissed\t{words}\t{}", g.label);
            }
            for p in predicted.iter().filter(|p| !gold.contains(p)) {
                let words = text.get(p.start..p.end).unwrap_or("");
                let _ = writeln!(out, "{file}\tspurious\t{words}\t{}", p.label);
            }
        }
        score.add(&gold, &predicted, text.split_whitespace().count());
    }
    score
}

/// The gold articles as a CoNLL file (tokens of the shipped tokenizer, one sentence a line,
/// IOB2 tags in CoNLL types, a `-DOCSTART-` per article), for `shared/tools/ner_eval.py` and
/// for training. A gold mention that ends before a possessive kept on its last token ("4's") takes
/// that token; any other whose edges are not token edges is left untagged and counted.
pub fn to_conll(articles: &[(GoldText, Vec<NerGold>)]) -> (String, usize) {
    let mut out = String::new();
    let mut unaligned = 0;
    for (article, mentions) in articles {
        let text = article.text.as_str();
        let tokens = newsgraph_nlp::tokenize(text);
        let sentences = newsgraph_nlp::split_sentences_with_tokens(text, &tokens);
        let mut tags = vec![String::from("O"); tokens.len()];
        for g in mentions {
            let first = tokens.iter().position(|t| t.span.start == g.start);
            // A possessive the tokenizer keeps on a name's last token ("BBC Radio 4's Today"):
            // the pipeline cuts "'s" from a mention, so the whole token is the name's.
            let last = tokens.iter().position(|t| t.span.end == g.end).or_else(|| {
                tokens.iter().position(|t| {
                    t.span.start < g.end
                        && g.end < t.span.end
                        && matches!(
                            text.get(g.end..t.span.end),
                            Some("'s" | "\u{2019}s" | "'" | "\u{2019}")
                        )
                })
            });
            let (Some(a), Some(b)) = (first, last) else {
                unaligned += 1;
                continue;
            };
            let label = conll_label(&g.label);
            for (k, tag) in tags.iter_mut().enumerate().take(b + 1).skip(a) {
                *tag = format!("{}-{label}", if k == a { "B" } else { "I" });
            }
        }
        out.push_str("-DOCSTART- O\n\n");
        let mut k = 0;
        for s in &sentences {
            let mut any = false;
            while k < tokens.len() && tokens[k].span.end <= s.end {
                let _ = writeln!(out, "{} {}", tokens[k].text(text), tags[k]);
                any = true;
                k += 1;
            }
            if any {
                out.push('\n');
            }
        }
        while k < tokens.len() {
            let _ = writeln!(out, "{} {}", tokens[k].text(text), tags[k]);
            k += 1;
        }
        out.push('\n');
    }
    (out, unaligned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_rejects_bad_ones() {
        let g = parse("# c\npolitics/061.txt\t0\t6\tLabour\tORG\n", "t").unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].label, "ORG");
        assert!(parse("politics/061.txt\t6\t0\tx\tORG\n", "t").is_err());
        assert!(parse("politics/061.txt\t0\t6\tLabour\tPARTY\n", "t").is_err());
        assert!(parse("politics/061.txt\t0\t6\tLabour\n", "t").is_err());
    }

    #[test]
    fn polnear_names_stay_inside_the_split_text_folders() {
        let data = DataDir::new("/nonexistent");
        for name in [
            "polnear/test/a.txt",
            "polnear/dev/../../etc/passwd",
            "polnear/dev/.hidden",
            "polnear/dev",
        ] {
            let err = read_text(name, &data).unwrap_err();
            assert!(matches!(err, NerGoldError::Format { .. }), "{name}: {err}");
        }
        // A well-formed name reaches the filesystem (and fails there, as nothing is at /nonexistent).
        let err = read_text("polnear/dev/a.txt", &data).unwrap_err();
        assert!(matches!(err, NerGoldError::Io(..)), "{err}");
    }

    #[test]
    fn a_name_before_a_possessive_takes_its_token_in_conll() {
        let article = BbcArticle {
            path: "politics/081.txt".into(),
            section: "politics".into(),
            number: 81,
            raw: "Title\nHe told BBC Radio 4's Today programme.\n".into(),
        };
        let text = article.to_article().text;
        let start = text.find("BBC").unwrap();
        let today = text.find("Today").unwrap();
        let gold = vec![
            NerGold {
                file: "politics/081.txt".into(),
                start,
                end: start + "BBC Radio 4".len(),
                text: "BBC Radio 4".into(),
                label: "ORG".into(),
            },
            NerGold {
                file: "politics/081.txt".into(),
                start: today,
                end: today + 5,
                text: "Today".into(),
                label: "MISC".into(),
            },
        ];
        let (conll, unaligned) = to_conll(&[(GoldText::from_bbc(&article), gold)]);
        assert_eq!(unaligned, 0);
        assert!(
            conll.contains("BBC B-ORG\nRadio I-ORG\n4's I-ORG\nToday B-MISC\n"),
            "{conll}"
        );
    }
}
