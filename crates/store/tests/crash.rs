//! Crash safety: SIGKILL an ingest midway, then check the store opens consistent and a re-run
//! completes it with nothing lost and nothing doubled.
//!
//! The test binary re-runs itself as the ingesting child (`NEWSGRAPH_CRASH_CHILD` set).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use newsgraph_store::*;

const ARTICLES: usize = 600;
const BATCH: usize = 10;

fn ingest_all(dir: &std::path::Path, pause: Duration) {
    let store = Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadWrite).unwrap();
    let corpus = common::corpus(ARTICLES);
    for (n, batch) in corpus.chunks(BATCH).enumerate() {
        store.ingest_batch(batch).unwrap();
        // Commit the index only now and then, as a real ingest does, so the kill lands between
        // database and index commits too.
        if n % 7 == 6 {
            store.flush().unwrap();
        }
        std::thread::sleep(pause);
    }
    store.flush().unwrap();
}

#[test]
fn sigkill_midway_then_rerun_loses_and_doubles_nothing() {
    if let Ok(dir) = std::env::var("NEWSGRAPH_CRASH_CHILD") {
        ingest_all(std::path::Path::new(&dir), Duration::from_millis(20));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "sigkill_midway_then_rerun_loses_and_doubles_nothing",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("NEWSGRAPH_CRASH_CHILD", dir.path())
        .spawn()
        .unwrap();
    // Wait until some but not all batches are committed, then kill -9.
    let db = dir.path().join("newsgraph.sqlite");
    let started = Instant::now();
    let mut seen = 0i64;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
        if !db.exists() {
            continue;
        }
        if let Ok(conn) = rusqlite_count(&db) {
            seen = conn;
            if seen >= (ARTICLES / 4) as i64 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the child finished before it was killed");
    assert!(
        seen > 0 && seen < ARTICLES as i64,
        "killed at {seen} articles"
    );

    // The store opens, repairs its index, and is consistent.
    let store = Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadWrite,
    )
    .unwrap();
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert!(c.articles >= seen && c.articles < ARTICLES as i64);
    assert_eq!(c.articles % BATCH as i64, 0, "batches are atomic");
    assert_eq!(c.index_docs, Some(c.articles as u64));
    eprintln!(
        "killed after {} committed articles ({} seen by the watcher)",
        c.articles, seen
    );
    drop(store);

    // A re-run completes the ingest: every article once, in the database and the index.
    ingest_all(dir.path(), Duration::ZERO);
    let store = Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadWrite,
    )
    .unwrap();
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.articles, ARTICLES as i64);
    assert_eq!(c.distinct_ids, ARTICLES as i64);
    assert_eq!(c.index_docs, Some(ARTICLES as u64));
    let hits = store
        .search(&SearchRequest {
            q: "squad".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.total, ARTICLES / 2);
    // Entity counts are not doubled either: Craig Brown is in every odd article, twice.
    let craig = store
        .entities(&EntityListRequest {
            q: Some("craig brown".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(craig[0].articles, (ARTICLES / 2) as i64);
    assert_eq!(craig[0].mentions, ARTICLES as i64);
}

/// Counts committed articles the way any other reader would (WAL: never blocks the writer).
fn rusqlite_count(db: &std::path::Path) -> Result<i64, String> {
    let dir = db.parent().ok_or("no parent")?;
    let store = Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadOnly)
        .map_err(|e| e.to_string())?;
    store.stats().map(|s| s.articles).map_err(|e| e.to_string())
}
