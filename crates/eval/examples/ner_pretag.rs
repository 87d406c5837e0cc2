//! Pre-tags BBC articles with the embedded NER model in the standoff gold format of
//! `tests/gold/ner-bbc/` (file, byte offsets into the text as `BbcArticle::to_article` builds it,
//! words, label), as the start of a hand-corrected gold:
//! `cargo run --release -p newsgraph-eval --example ner_pretag -- ../shared/data/news/bbc politics 81 170`.

use std::error::Error;
use std::path::Path;

use newsgraph_eval::corpus::bbc;
use newsgraph_nlp::NerModel;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, section, first, last] = &args[..] else {
        eprintln!("usage: ner_pretag BBC_DIR SECTION FIRST LAST");
        std::process::exit(2);
    };
    let (first, last): (usize, usize) = (first.parse()?, last.parse()?);
    let model = NerModel::embedded();
    for n in first..=last {
        let file = format!("{section}/{n:03}.txt");
        let article = bbc::read_file(&Path::new(dir).join(&file), section)?;
        let text = article.to_article().text;
        for e in model.tag(&text) {
            let words = text.get(e.start..e.end).unwrap_or_default();
            println!("{file}\t{}\t{}\t{words}\t{}", e.start, e.end, e.label);
        }
    }
    Ok(())
}
