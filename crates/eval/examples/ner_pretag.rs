//! Pre-tags BBC articles with the embedded NER model in the standoff gold format of
//! `tests/gold/ner-bbc/` (file, byte offsets into the text as `BbcArticle::to_article` builds it,
//! words, label), as the start of a hand-corrected gold:
//! `cargo run --release -p newsgraph-eval --example ner_pretag -- ../shared/data/news/bbc politics 81 170`.

use std::path::Path;

use newsgraph_eval::corpus::bbc;
use newsgraph_nlp::NerModel;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, section, first, last] = &args[..] else {
        eprintln!("usage: ner_pretag BBC_DIR SECTION FIRST LAST");
        std::process::exit(2);
    };
    let (first, last): (usize, usize) = (first.parse().unwrap(), last.parse().unwrap());
    let model = NerModel::embedded();
    for n in first..=last {
        let file = format!("{section}/{n:03}.txt");
        let article = bbc::read_file(&Path::new(dir).join(&file), section).unwrap();
        let text = article.to_article().text;
        for e in model.tag(&text) {
            println!(
                "{file}\t{}\t{}\t{}\t{}",
                e.start,
                e.end,
                &text[e.start..e.end],
                e.label
            );
        }
    }
}
