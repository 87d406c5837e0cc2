//! The embedded NER model on CoNLL-2003 eng.testa (skipped when ../shared is absent).

use newsgraph_eval::corpus::conll;
use newsgraph_eval::ner::evaluate;
use newsgraph_eval::DataDir;
use newsgraph_nlp::NerModel;

/// Entity F1 the committed model reaches on eng.testa, minus a small margin: a regression fails.
const TESTA_F1_FLOOR: f64 = 92.2;

#[test]
fn testa_f1_stays_above_floor() {
    let Some(data) = DataDir::for_tests("the eng.testa floor") else {
        return;
    };
    let text = std::fs::read_to_string(data.conll2003("eng.testa")).unwrap();
    let docs = conll::parse(&text, 20);
    let score = evaluate(NerModel::embedded(), &docs);
    let f1 = score.overall().f1;
    eprintln!("{}", score.report());
    assert!(
        f1 >= TESTA_F1_FLOOR,
        "eng.testa F1 {f1:.2} < {TESTA_F1_FLOOR}"
    );
}
