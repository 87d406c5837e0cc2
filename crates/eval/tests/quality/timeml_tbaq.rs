//! TBAQ-cleaned (TimeBank + AQUAINT in TimeML, `../shared/data/temporal/tbaq-cleaned`): prints the
//! TempEval-3 scores of the train and dev splits and pins floors under the dev figures, so that
//! regressions show. Skips when `../shared` is absent.

use newsgraph_eval::timeml::{evaluate, load_dir, split_of};
use newsgraph_eval::DataDir;

#[test]
fn tbaq_dev_scores_hold() {
    let Some(data) = DataDir::for_tests("the TBAQ-cleaned TimeML test") else {
        return;
    };
    let docs = load_dir(&data.tbaq()).unwrap();
    assert_eq!(docs.len(), 256, "TBAQ-cleaned has 256 documents");
    let dev = docs.iter().filter(|d| split_of(&d.stem) == "dev").count();
    assert_eq!(dev, 48, "the split by file-name hash moved");
    for split in ["train", "dev"] {
        let report = evaluate(&docs, split);
        eprintln!("== {split}\n{}", report.summary(10));
    }
    // The rules are tuned on train: measured 80.7 value F1 there (issue 16, third round).
    let train = evaluate(&docs, "train").groups["all"];
    assert!(
        train.value_f1() >= 0.80,
        "train value F1 {:.3}",
        train.value_f1()
    );
    let report = evaluate(&docs, "dev");
    let all = report.groups["all"];
    // Measured 79.4 value F1, relaxed F1 93.9 (issue 16, third round); the floors leave room
    // for small trade-offs only.
    assert!(
        all.value_f1() >= 0.785,
        "dev value F1 {:.3}",
        all.value_f1()
    );
    assert!(
        all.relaxed().2 >= 0.92,
        "dev relaxed F1 {:.3}",
        all.relaxed().2
    );
    for kind in ["TIME", "SET"] {
        assert!(
            report.groups[kind].value_ok > 0,
            "no {kind} value right on dev"
        );
    }
}
