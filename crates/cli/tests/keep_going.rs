//! `--keep-going` loses nothing: one bad file among good ones, and every good article is still
//! written (`analyze --out`) or stored and searchable (`ingest`), with exit status 1 and the count.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsgraph_store::{Location, OpenMode, SearchRequest, Store};

const GOOD_FILES: usize = 30;

fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .expect("run newsgraph")
}

/// A folder of `GOOD_FILES` one-article shards with one binary file sorted among them.
fn corpus(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-keep-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..GOOD_FILES {
        let text = format!(
            "LONDON, July {day} (Reuters) - British inflation fell to {i}.{i} percent in report number {i}, official figures showed on Wednesday.\nThe figures for region {i} surprised economists, who had expected a smaller fall.\n",
            day = 1 + i % 28
        );
        std::fs::write(input.join(format!("{i:02}-good.txt")), text).unwrap();
    }
    std::fs::write(input.join("15-bad.txt"), b"\x00\x01binary\xff").unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn analyze_keep_going_writes_out_with_every_good_article() {
    let d = corpus("analyze");
    let out = d.join("out.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--keep-going",
        "--out",
        out.to_str().unwrap(),
        d.join("in").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("15-bad.txt"), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 input(s)"), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).expect("--out is written despite the bad file");
    assert_eq!(written.lines().count(), GOOD_FILES);
}

fn stored_and_searchable(db: &Path) -> (i64, usize) {
    let store = Store::open(&Location::Embedded(db.to_path_buf()), OpenMode::ReadOnly).unwrap();
    let articles = store.stats().unwrap().articles;
    let hits = store
        .search(&SearchRequest {
            q: "inflation".into(),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap()
        .total;
    (articles, hits)
}

#[test]
fn ingest_keep_going_stores_and_indexes_every_good_article() {
    let d = corpus("ingest");
    let db = d.join("db");
    let input = d.join("in");
    let args = [
        "ingest",
        "--keep-going",
        "--batch-size",
        "4",
        "--db",
        db.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    let o = newsgraph(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stored_and_searchable(&db), (GOOD_FILES as i64, GOOD_FILES));
    // Re-running is idempotent: nothing doubled, the bad file still reported.
    let o = newsgraph(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 new article(s)"), "{}", stderr(&o));
    assert_eq!(stored_and_searchable(&db), (GOOD_FILES as i64, GOOD_FILES));
}

/// An article over the per-article budget is reported by file and lines and skipped; the good
/// ones around it are written, and the exit status says one input failed.
#[test]
fn article_over_the_size_budget_is_reported_and_skipped() {
    let d = corpus("budget");
    std::fs::remove_file(d.join("in").join("15-bad.txt")).unwrap();
    // One story of ~20 KB: its cast never changes, so it stays one article.
    let long =
        "Mr Blair said the plan would work and that the party backed it fully.\n".repeat(300);
    std::fs::write(d.join("in").join("15-long.txt"), long).unwrap();
    let out = d.join("out.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--keep-going",
        "--max-article-bytes",
        "10000",
        "--out",
        out.to_str().unwrap(),
        d.join("in").to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("15-long.txt: the article at lines 1-300"),
        "{err}"
    );
    assert!(err.contains("over the 10000-byte budget"), "{err}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), GOOD_FILES);
}

/// The time budget is checked between stages: with no time at all, every article is stopped after
/// its first stage and reported, and none is written half-analysed.
#[test]
fn article_over_the_time_budget_is_reported_and_skipped() {
    let d = corpus("time");
    std::fs::remove_file(d.join("in").join("15-bad.txt")).unwrap();
    let out = d.join("out.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--keep-going",
        "--article-seconds",
        "0",
        "--out",
        out.to_str().unwrap(),
        d.join("in").to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("over the 0-second budget").count(),
        GOOD_FILES,
        "{err}"
    );
    assert!(err.contains("by the end of named entities"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .lines()
            .count(),
        0
    );
}
