//! Development driver when the CLI cannot build: `ner_dev train TRAIN DEV OUT EPOCHS CLUSTERS_MODEL`,
//! `ner_dev eval GOLD MODEL`. The supported commands are `newsgraph train ner` / `eval ner`.

use newsgraph_nlp::ner::conll;
use newsgraph_nlp::ner::features::Resources;
use newsgraph_nlp::ner::gazetteer::Gazetteer;
use newsgraph_nlp::ner::train::{evaluate, train, TrainOptions};
use newsgraph_nlp::ner::{corpus, GAZETTEER_TSV};
use newsgraph_nlp::NerModel;

fn load(path: &str) -> NerModel {
    let bytes = std::fs::read(path).unwrap_or_default();
    NerModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let read = |p: &str| conll::parse(&std::fs::read_to_string(p).unwrap_or_default(), 20);
    match a.get(1).map(String::as_str) {
        Some("train") => {
            let clusters = load(&a[6]).clusters().clone();
            let res = Resources {
                gazetteer: Gazetteer::parse(GAZETTEER_TSV),
                clusters,
            };
            let opts = TrainOptions {
                epochs: a[5].parse().unwrap_or(10),
                seed: 1,
                min_count: a.get(7).and_then(|x| x.parse().ok()).unwrap_or(2),
            };
            let m = train(&read(&a[2]), &read(&a[3]), res, &opts, &mut |l| {
                eprintln!("{l}")
            });
            std::fs::write(&a[4], m.to_bytes().unwrap_or_default()).unwrap_or(());
            eprintln!("{} features; {}", m.feature_count(), m.meta);
        }
        Some("eval") => {
            let m = load(&a[3]);
            let docs = read(&a[2]);
            print!("{}", evaluate(&m, &docs).report());
            println!("via text:\n{}", corpus::eval_via_text(&m, &docs).report());
        }
        _ => {
            eprintln!("usage: ner_dev train TRAIN DEV OUT EPOCHS CLUSTERS_MODEL | eval GOLD MODEL")
        }
    }
}
