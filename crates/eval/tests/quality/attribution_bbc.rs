//! The BBC politics dev/test gold (`tests/gold/attribution/bbc-politics.attribution.json` at the
//! repo root): prints precision, recall, F1 and speaker accuracy per split and pins a floor so that
//! regressions show. `ATTR_VERBOSE=dev|test` prints every miss and extra. Skips when `../shared` is
//! absent.

use std::path::PathBuf;

use newsgraph_eval::attribution::{evaluate, GoldSet};
use newsgraph_eval::corpus::bbc;
use newsgraph_eval::DataDir;
use newsgraph_extract::Pipeline;

#[test]
fn bbc_politics_gold() {
    let Some(data) = DataDir::for_tests("the BBC attribution gold test") else {
        return;
    };
    let root = data.bbc();
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pipeline = Pipeline::default();
    let gold =
        GoldSet::load(&manifest.join("../../tests/gold/attribution/bbc-politics.attribution.json"))
            .unwrap();
    let verbose = std::env::var("ATTR_VERBOSE").unwrap_or_default();
    for split in ["dev", "test"] {
        let sc = evaluate(&pipeline, &gold, None, Some(&root), Some(split)).unwrap();
        if verbose == split {
            for n in &sc.notes {
                eprintln!("{n}");
            }
        }
        eprintln!(
            "{split}: articles={} gold={} predicted={} P={:.1} R={:.1} F1={:.1} speaker_acc={:.1} kind_acc={:.1} source_kind_acc={:.1} scare={}/{}",
            sc.articles,
            sc.gold,
            sc.predicted,
            100.0 * sc.precision(),
            100.0 * sc.recall(),
            100.0 * sc.f1(),
            100.0 * sc.speaker_accuracy(),
            100.0 * sc.kind_accuracy(),
            100.0 * sc.speaker_kind_accuracy(),
            sc.scare_ok,
            sc.scare_total
        );
        assert!(sc.articles >= 10);
        // Floors well under the measured figures: they catch breakage, not noise.
        assert!(sc.f1() >= 0.75, "{split} F1 {:.3}", sc.f1());
        assert!(
            sc.speaker_accuracy() >= 0.75,
            "{split} speaker accuracy {:.3}",
            sc.speaker_accuracy()
        );
    }
}

/// Every BBC article through the stage with debug assertions on (overflow, slicing): no panic.
/// Ignored by default (about a minute); run with `cargo test -p newsgraph-eval --test
/// attribution_bbc -- --ignored`.
#[test]
#[ignore]
fn whole_bbc_corpus_never_panics() {
    let Some(data) = DataDir::for_tests("the whole-corpus attribution run") else {
        return;
    };
    let mut n = 0;
    for article in bbc::read_all(&data.bbc()).unwrap() {
        let text = article.after_title();
        let paragraphs = newsgraph_model::paragraph_spans(text);
        let atts =
            newsgraph_extract::attribution::extract_attributions(text, &paragraphs, &[], &[]);
        for a in &atts {
            assert!(text.is_char_boundary(a.content.start) && text.is_char_boundary(a.content.end));
            assert!(a.content.start <= a.content.end && a.content.end <= text.len());
        }
        n += 1;
    }
    assert!(n > 2000);
}
