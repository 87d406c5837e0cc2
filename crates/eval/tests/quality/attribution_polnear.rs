//! PolNeAR dev split (political news annotated by others, `../shared/data/attribution/polnear`):
//! the figures of the product owner's `polnear_eval.py`, with floors at today's measure so a
//! regression on news nobody here annotated shows. Skips when `../shared` is absent.

use newsgraph_eval::polnear::{evaluate, parse_ann};
use newsgraph_eval::DataDir;
use newsgraph_extract::Pipeline;

#[test]
fn polnear_dev_split() {
    let Some(data) = DataDir::for_tests("the PolNeAR attribution test") else {
        return;
    };
    let s = evaluate(&Pipeline::default(), &data.polnear(), "dev", false).unwrap();
    eprintln!(
        "PolNeAR dev: overlap F1 {:.2} (P {:.1} R {:.1}) exact {:.2} begin {:.2} direct {:.2} speaker {:.2}",
        s.all.f1, s.all.p, s.all.r, s.all_exact.f1, s.all_begin.f1, s.direct.f1, s.speaker_acc
    );
    assert_eq!(s.articles, 84);
    assert_eq!(
        s.all.gold, 2192,
        "the gold of the dev split as the shared scorer reads it"
    );
    // Measured 2026-12-01 with the trained cue model (rules alone: overlap 62.14, exact 48.09,
    // begin 58.00, direct 65.72, speaker 89.26): overlap 66.36, exact 49.14, begin 60.51,
    // direct 65.42, speaker 88.94. 2026-12-02, after the rule fixes found on train (split quotes,
    // cues after broken-off quotes, partial quotes in complements, relative-pronoun speakers,
    // bare beliefs, questions, evidentials): overlap 69.20, exact 53.78, begin 63.66, direct
    // 74.39, speaker 90.26. 2026-12-03, after the speaker fixes of issue 14 ("according to"
    // sources, quote-framing phrases, definite roles, statements' issuers): overlap 69.91, exact
    // 54.31, begin 64.21, direct 82.97, speaker 91.14. 2026-12-06, with the tagger's learned
    // gate (hand filter before: overlap 72.86, exact 56.25, begin 66.20, direct 85.35, speaker
    // 92.49): overlap 73.70, exact 56.57, begin 67.27, direct 85.35, speaker 92.88; with "and
    // vowed to …" split off (coordinated.rs): overlap 73.89, exact 56.89, begin 67.37, direct
    // 85.43, speaker 92.91. Floors half a
    // point under today's.
    assert!(s.all.f1 >= 73.2, "overlap F1 {}", s.all.f1);
    assert!(s.all_exact.f1 >= 56.0, "exact-span F1 {}", s.all_exact.f1);
    assert!(s.all_begin.f1 >= 66.8, "begin F1 {}", s.all_begin.f1);
    assert!(s.direct.f1 >= 84.8, "direct F1 {}", s.direct.f1);
    assert!(s.speaker_acc >= 92.3, "speaker accuracy {}", s.speaker_acc);
}

/// A real annotation's shape: a discontinuous content and an event without a source.
#[test]
fn annotation_without_source_is_kept() {
    let ann = "T1\tCue 10 14\tsaid\nT2\tContent 0 9;15 20\tIt is. Yes\nE1\tAttribution-no-source:T1 Cue:T1 Content:T2\n";
    let g = parse_ann(ann);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].content, (0, 20));
    assert!(g[0].source.is_none());
}
