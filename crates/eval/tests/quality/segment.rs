//! Article segmentation measured on synthetic shards built from real articles (needs ../shared/data).
//! The full figures come from `newsgraph eval segment`; this test pins a subset so a regression fails.

use newsgraph_eval::segment::{bbc_articles, reuters_articles, score_all, shard};
use newsgraph_eval::DataDir;

fn data() -> Option<DataDir> {
    DataDir::for_tests("the segmentation quality floors")
}

#[test]
fn bbc_title_less_shards_held_out_files() {
    let Some(d) = data() else { return };
    // Odd-numbered files: the weights were fitted on the even-numbered ones.
    let arts = bbc_articles(&d.bbc(), &|n| n % 2 == 1 && n % 5 == 0).unwrap();
    let shards: Vec<_> = (0..4).map(|k| shard(arts.clone(), 7 + k, 50)).collect();
    let s = score_all(&shards);
    eprintln!(
        "bbc P {:.3} R {:.3} F1 {:.3}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    assert!(s.f1() >= 0.90, "BBC boundary F1 fell to {:.3}", s.f1());
}

#[test]
fn reuters_shards_with_sign_offs() {
    let Some(d) = data() else { return };
    let arts = reuters_articles(&d.reuters(), true).unwrap();
    let arts: Vec<_> = arts.into_iter().step_by(20).collect();
    let s = score_all(&[shard(arts, 11, usize::MAX)]);
    eprintln!(
        "reuters P {:.3} R {:.3} F1 {:.3}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    assert!(s.f1() >= 0.95, "Reuters boundary F1 fell to {:.3}", s.f1());
}
