//! Pre-tags news articles with the embedded NER model in the standoff gold format of
//! `tests/gold/ner-bbc/` and `tests/gold/ner-polnear/` (file, byte offsets into the article text,
//! words, label), as the start of a hand-corrected gold:
//!
//! - BBC News: `cargo run --release -p newsgraph-eval --example ner_pretag -- ../shared/data/news/bbc politics 81 170`
//!   (offsets into the text as `BbcArticle::to_article` builds it);
//! - PolNeAR: `cargo run --release -p newsgraph-eval --example ner_pretag -- polnear dev STEM...`
//!   (offsets into the whole text file, as `eval ner --gold` reads it).

use std::error::Error;
use std::path::Path;

use newsgraph_eval::corpus::bbc;
use newsgraph_eval::ner::gold;
use newsgraph_eval::DataDir;
use newsgraph_nlp::NerModel;

fn print_tags(model: &NerModel, file: &str, text: &str) {
    for e in model.tag(text) {
        let words = text.get(e.start..e.end).unwrap_or_default();
        println!("{file}\t{}\t{}\t{words}\t{}", e.start, e.end, e.label);
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let model = NerModel::embedded();
    if let [_, corpus, split, stems @ ..] = &args[..] {
        if corpus == "polnear" {
            let data = DataDir::resolve(None);
            for stem in stems {
                let file = format!("polnear/{split}/{stem}");
                print_tags(model, &file, &gold::read_text(&file, &data)?);
            }
            return Ok(());
        }
    }
    let [_, dir, section, first, last] = &args[..] else {
        eprintln!(
            "usage: ner_pretag BBC_DIR SECTION FIRST LAST | ner_pretag polnear SPLIT STEM..."
        );
        std::process::exit(2);
    };
    let (first, last): (usize, usize) = (first.parse()?, last.parse()?);
    for n in first..=last {
        let file = format!("{section}/{n:03}.txt");
        let article = bbc::read_file(&Path::new(dir).join(&file), section)?;
        print_tags(model, &file, &article.to_article().text);
    }
    Ok(())
}
