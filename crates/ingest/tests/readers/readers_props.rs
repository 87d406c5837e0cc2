//! Property tests: the readers and the segmenter never panic, offsets are always valid, and every
//! input byte belongs to exactly one article or to the reported separators.

use newsgraph_ingest::segment::segment;
use newsgraph_ingest::{read_shard, IngestError, TextOptions};
use proptest::prelude::*;

fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{1,8}){3,40}[.!?]",
        "[A-Z][a-z]{2,9}( [a-z]{1,8}){40,120}",
        "“[A-Z][a-z ,]{5,60},” (he|she) said\\.",
        Just("Reporting by Jane Doe; editing by Tom Brown.".to_string()),
        Just("Illustration: Yusha".to_string()),
        Just("PARIS, July 23 (Reuters) - Officials said.".to_string()),
        "[ \t]{0,3}",
        "\\PC{0,80}",
    ]
}

fn check_coverage(bytes: &[u8]) {
    match read_shard("prop.txt", bytes, &TextOptions::default()) {
        Ok((articles, report)) => {
            let mut ranges: Vec<[usize; 2]> = articles.iter().map(|a| a.source.bytes).collect();
            ranges.extend(report.separators.iter().copied());
            ranges.sort();
            let mut pos = 0;
            for r in &ranges {
                assert_eq!(r[0], pos, "gap or overlap at byte {pos}: {ranges:?}");
                assert!(r[1] >= r[0]);
                pos = r[1];
            }
            assert_eq!(pos, bytes.len());
            for sep in &report.separators {
                let sep_text = String::from_utf8_lossy(&bytes[sep[0]..sep[1]]);
                assert!(
                    sep_text.trim().is_empty(),
                    "separator with text: {sep_text:?}"
                );
            }
            for a in &articles {
                for p in &a.paragraphs {
                    assert!(a.text.get(p.start..p.end).is_some());
                }
                for c in &a.credit_spans {
                    assert!(a.text.get(c.start..c.end).is_some());
                }
                assert!(a.source.lines[0] <= a.source.lines[1]);
            }
        }
        Err(IngestError::Empty { .. })
        | Err(IngestError::InvalidUtf8 { .. })
        | Err(IngestError::Binary { .. }) => {}
        Err(e) => panic!("unexpected error {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shards_of_paragraphs_are_covered_exactly(paras in prop::collection::vec(paragraph(), 0..30), crlf in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { "\n" };
        check_coverage(paras.join(sep).as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_coverage(&bytes);
        let _ = read_shard("prop.txt", &bytes, &TextOptions { lossy: true, ..Default::default() });
    }

    #[test]
    fn segmenter_partitions_its_input(paras in prop::collection::vec(paragraph(), 0..40)) {
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let segs = segment(&refs);
        let mut next = 0;
        for s in &segs {
            prop_assert_eq!(s.start, next);
            prop_assert!(s.end > s.start);
            next = s.end;
        }
        prop_assert_eq!(next, paras.len());
    }
}
