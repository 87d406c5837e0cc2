//! Near-duplicate clustering on the synthetic Reuters-21578 + BBC set (skipped without `../shared`).

use newsgraph_eval::{dedup as synthetic, DataDir};
use newsgraph_ingest::dedup::DedupConfig;

#[test]
fn synthetic_pairs_reach_the_goal() {
    let Some(data) = DataDir::for_tests("the synthetic near-duplicate evaluation") else {
        return;
    };
    let corpus = synthetic::load_corpora(&data).unwrap();
    assert!(corpus.len() > 15_000, "{} stories", corpus.len());
    let set = synthetic::build_eval_set(&corpus, 3000, 8);
    let again = synthetic::build_eval_set(&corpus, 3000, 8);
    assert_eq!(set.docs.len(), again.docs.len(), "the set is reproducible");
    assert!(set
        .docs
        .iter()
        .zip(&again.docs)
        .all(|(a, b)| a.text == b.text));
    let e = synthetic::evaluate(&set, DedupConfig::default());
    eprintln!(
        "dedup: {} docs, P={:.4} R={:.4}, same-topic merged {}/{}; by edit {:?}",
        e.docs,
        e.scores.precision,
        e.scores.recall,
        e.same_topic_merged,
        e.same_topic_pairs,
        e.by_edit
    );
    assert!(
        e.scores.precision >= 0.95,
        "precision {:.4}",
        e.scores.precision
    );
    assert!(e.scores.recall >= 0.95, "recall {:.4}", e.scores.recall);
}
