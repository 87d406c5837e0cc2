//! Prints the entities of a text file: `cargo run --release -p newsgraph-nlp --example tag FILE [MODEL]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: tag FILE [MODEL]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let owned;
    let model = match args.get(2) {
        Some(m) => match std::fs::read(m)
            .map_err(newsgraph_nlp::ner::NerError::from)
            .and_then(|b| newsgraph_nlp::NerModel::from_bytes(&b))
        {
            Ok(model) => {
                owned = model;
                &owned
            }
            Err(e) => {
                eprintln!("{m}: {e}");
                std::process::exit(1);
            }
        },
        None => newsgraph_nlp::NerModel::embedded(),
    };
    for e in model.tag(&text) {
        println!(
            "{}\t{}\t{}\t{}\t{:.2}",
            e.start, e.end, e.label, e.text, e.confidence
        );
    }
}
