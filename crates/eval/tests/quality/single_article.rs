//! Knowing when not to split, on real files (needs ../shared/data; skipped without it): a file that
//! holds one article stays whole, while shards still split, and sign-offs glued to the last paragraph
//! still close an article. The full figures come from `newsgraph eval segment`.

use std::path::PathBuf;

use newsgraph_eval::segment::{reuters_articles_inline_sign_off, shard, whole_files};
use newsgraph_eval::DataDir;
use newsgraph_ingest::{read_shard, TextOptions};

fn data() -> Option<PathBuf> {
    DataDir::for_tests("the single-article checks").map(|d| d.root().to_path_buf())
}

#[test]
fn polnear_dev_files_stay_whole() {
    let Some(d) = data() else { return };
    // Dev, the split the prior was not tuned on.
    let r = whole_files(
        &d.join("attribution/polnear/data/dev/text"),
        &TextOptions::default(),
    )
    .unwrap();
    eprintln!("polnear dev whole {}/{}: {:?}", r.whole, r.files, r.split);
    assert_eq!(r.files, 84);
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    assert!(r.share() >= 0.98, "{}/{} whole", r.whole, r.files);
}

#[test]
fn bbc_files_stay_whole_and_keep_their_pound_signs() {
    let Some(d) = data() else { return };
    let r = whole_files(&d.join("news/bbc/sport"), &TextOptions::default()).unwrap();
    eprintln!("bbc sport whole {}/{}: {:?}", r.whole, r.files, r.split);
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    assert!(r.share() >= 0.99, "{}/{} whole", r.whole, r.files);

    // sport/199.txt is the one BBC file in Latin-1 ("a \xa315.8m signing").
    let path = d.join("news/bbc/sport/199.txt");
    let bytes = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let (articles, report) = read_shard("199.txt", &bytes, &TextOptions::default()).unwrap();
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    let at = a.text.find("15.8m").unwrap();
    assert!(
        a.text.contains("£15.8m"),
        "{} {:?}",
        &a.text[at.saturating_sub(10)..at + 5],
        a.meta
    );
    assert!(!a.text.contains('\u{FFFD}'));
    assert_eq!(a.meta["encoding"], "windows-1252");
    assert_eq!(report.encoding.map(|e| e.name()), Some("windows-1252"));
    assert_eq!(a.source.bytes[1], bytes.trim_ascii_end().len());
    assert!(a.title.is_some());
}

#[test]
fn reuters_shard_with_sign_offs_glued_to_the_last_paragraph() {
    let Some(d) = data() else { return };
    let arts = reuters_articles_inline_sign_off(&d.join("news/reuters21578")).unwrap();
    let arts: Vec<_> = arts.into_iter().step_by(20).collect();
    let s = shard(arts, 11, usize::MAX);
    // Read as a user would: the text file, through the reader, in `auto` mode.
    let (articles, _) = read_shard(
        "reuters.txt",
        s.to_text().as_bytes(),
        &TextOptions::default(),
    )
    .unwrap();
    let gold: Vec<usize> = (0..s.paragraphs.len() - 1)
        .filter(|&i| s.boundary_after[i])
        .map(|i| i + 2)
        .collect();
    let predicted: Vec<usize> = articles.iter().skip(1).map(|a| a.source.lines[0]).collect();
    let tp = predicted.iter().filter(|l| gold.contains(l)).count();
    let (p, r) = (
        tp as f64 / predicted.len().max(1) as f64,
        tp as f64 / gold.len() as f64,
    );
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    eprintln!("reuters inline sign-off P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= 0.95, "F1 {f1:.3}");
    let signed = articles
        .iter()
        .filter(|a| a.segment.as_ref().is_some_and(|s| s.reason == "sign_off"))
        .count();
    assert!(
        signed * 10 >= articles.len() * 8,
        "{signed} of {}",
        articles.len()
    );
}

/// The tuning view: every PolNeAR train file that is cut, and why (`--ignored --nocapture`).
#[test]
#[ignore]
fn polnear_train_report() {
    let Some(d) = data() else { return };
    let r = whole_files(
        &d.join("attribution/polnear/data/train/text"),
        &TextOptions::default(),
    )
    .unwrap();
    eprintln!("polnear train whole {}/{}", r.whole, r.files);
    for (f, reasons) in &r.split {
        eprintln!("SPLIT {} {:?}", f.display(), reasons);
    }
    for (f, e) in &r.failed {
        eprintln!("FAILED {} {e}", f.display());
    }
}

/// The other side of the prior: BBC files concatenated as they are (title line, blank line,
/// blank-line paragraphs) are one file of many articles, and `auto` should still find most starts.
#[test]
fn titled_bbc_articles_in_one_file_still_split() {
    let Some(d) = data() else { return };
    let dir = d.join("news/bbc/business");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut text = String::new();
    let mut gold = Vec::new();
    for f in files.iter().step_by(5).take(60) {
        let bytes = std::fs::read(f).unwrap();
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if !text.is_empty() {
            text.push_str("\n\n");
            gold.push(text.matches('\n').count() + 1);
        }
        text.push_str(s.trim());
    }
    let (articles, _) = read_shard("bbc.txt", text.as_bytes(), &TextOptions::default()).unwrap();
    let predicted: Vec<usize> = articles.iter().skip(1).map(|a| a.source.lines[0]).collect();
    let tp = predicted.iter().filter(|l| gold.contains(l)).count();
    let (p, r) = (
        tp as f64 / predicted.len().max(1) as f64,
        tp as f64 / gold.len() as f64,
    );
    eprintln!(
        "titled BBC file: P {p:.3} R {r:.3} ({} boundaries)",
        gold.len()
    );
    assert!(p >= 0.9 && r >= 0.5, "P {p:.3} R {r:.3}");
    assert!(articles.iter().all(|a| a.title.is_some()));
}
