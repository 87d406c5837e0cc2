//! The hand-made temporal/figure gold (tests/gold/temporal) scored against the extractors.
//! Skips when the shared corpora are absent.

use std::path::PathBuf;

use newsgraph_eval::temporal::{evaluate, load_gold};
use newsgraph_eval::DataDir;

fn paths() -> Option<(PathBuf, PathBuf)> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold = manifest.join("../../tests/gold/temporal/gold.json");
    let data = DataDir::for_tests("the temporal gold evaluation")?;
    Some((gold, data.news()))
}

#[test]
fn gold_meets_the_accuracy_floor() {
    let Some((gold, news)) = paths() else { return };
    let gold = load_gold(&gold).unwrap();
    for split in ["dev", "test"] {
        let r = evaluate(&gold, &news, split).unwrap();
        println!("== {split}\n{}", r.summary());
        if std::env::var_os("TEMPORAL_GOLD_VERBOSE").is_some() {
            for e in r.dates.errors.iter().chain(&r.figures.errors) {
                println!("  {e}");
            }
        }
        assert!(
            r.dates.gold >= 90 && r.figures.gold >= 50,
            "{split}: gold too small"
        );
        // Floors well under the measured figures: they catch regressions, not noise.
        assert!(
            r.dates.value_accuracy() >= 0.80,
            "{split} date value accuracy {:.3}",
            r.dates.value_accuracy()
        );
        assert!(
            r.dates.f1() >= 0.80,
            "{split} date detection F1 {:.3}",
            r.dates.f1()
        );
        assert!(
            r.figures.value_accuracy() >= 0.85,
            "{split} figure value accuracy {:.3}",
            r.figures.value_accuracy()
        );
        assert!(
            r.figures.f1() >= 0.80,
            "{split} figure detection F1 {:.3}",
            r.figures.f1()
        );
    }
}
