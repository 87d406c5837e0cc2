//! The corpus-entity gold (tests/gold/entities, BBC News politics 001–060) scored on a fresh store
//! of its articles: B-cubed F1 and stored entities per real-world entity. Skips when the shared
//! corpora are absent.

use std::path::PathBuf;

use newsgraph_eval::corpus::bbc;
use newsgraph_eval::entities::{evaluate, fresh_store, gold_files, load_gold, system_from_store};
use newsgraph_eval::DataDir;

#[test]
fn one_real_world_entity_is_one_stored_entity() {
    let Some(data) = DataDir::for_tests("the corpus-entity gold evaluation") else {
        return;
    };
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&manifest.join("../../tests/gold/entities/bbc-politics.tsv")).unwrap();
    let files = gold_files(&gold);
    assert!(files.len() >= 60 && gold.len() >= 1000, "gold too small");
    let articles: Vec<_> = files
        .iter()
        .map(|f| bbc::read_file(&data.bbc().join(f), "politics").unwrap())
        .collect();
    let dir = std::env::temp_dir().join(format!("newsgraph-entities-gold-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = fresh_store(&articles, &dir, false).unwrap();
    let system = system_from_store(&store, &files).unwrap();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    let r = evaluate(&gold, &system);
    println!("{}", r.summary());
    // Every gold mention's span is the tagger's: a miss means the mention set drifted.
    assert!(
        r.matched as f64 >= 0.98 * r.mentions as f64,
        "{} of {} matched",
        r.matched,
        r.mentions
    );
    // Floors under the measured figures (F1 0.98, 1.03 stored entities per real-world entity).
    assert!(r.f1 >= 0.96, "B-cubed F1 {:.4}", r.f1);
    assert!(r.precision >= 0.98, "B-cubed precision {:.4}", r.precision);
    assert!(
        r.entities_per_cluster <= 1.05,
        "{:.3} stored entities per entity",
        r.entities_per_cluster
    );
}
