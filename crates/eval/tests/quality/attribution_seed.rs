//! Pins the attribution stage on the hand-made gold of the seed shard (43 items): ≥ 95 % found with
//! the right speaker, kind and source kind, and the scare quote never attributed.
//! Skips when `../shared` is absent.

use newsgraph_eval::attribution::{evaluate, GoldSet};
use newsgraph_eval::DataDir;
use newsgraph_extract::Pipeline;

#[test]
fn seed_shard_gold() {
    let Some(data) = DataDir::for_tests("the seed-shard attribution gold test") else {
        return;
    };
    // The gold and the sample sit beside the data folder, in ../shared.
    let shared = data.root().join("..");
    let gold = GoldSet::load(&shared.join("gold/seed-shard.attribution.json")).unwrap();
    let input = shared.join("samples/seed-shard.txt");
    let sc = evaluate(&Pipeline::default(), &gold, Some(&input), None, None).unwrap();
    for n in &sc.notes {
        eprintln!("{n}");
    }
    let pct = |x: usize| 100.0 * x as f64 / sc.gold as f64;
    eprintln!(
        "seed: n={} found={:.1}% speaker={:.1}% kind={:.1}% speaker_kind={:.1}% scare={}/{} predicted={} matching={}",
        sc.gold,
        pct(sc.found),
        pct(sc.speaker_right),
        pct(sc.kind_right),
        pct(sc.speaker_kind_right),
        sc.scare_ok,
        sc.scare_total,
        sc.predicted,
        sc.predicted_matching
    );
    assert_eq!(sc.gold, 42);
    assert!(pct(sc.found) >= 95.0, "found {:.1}%", pct(sc.found));
    assert!(
        pct(sc.speaker_right) >= 95.0,
        "speaker {:.1}%",
        pct(sc.speaker_right)
    );
    assert!(
        pct(sc.kind_right) >= 95.0,
        "kind {:.1}%",
        pct(sc.kind_right)
    );
    assert!(
        pct(sc.speaker_kind_right) >= 95.0,
        "speaker kind {:.1}%",
        pct(sc.speaker_kind_right)
    );
    assert_eq!(sc.scare_ok, sc.scare_total);
}
