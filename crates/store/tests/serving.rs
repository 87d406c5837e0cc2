//! What `serve` relies on: a read-only open repairs a lagging index, stats say whether an
//! ingest is running and count the index freshly, hostile search parameters are refused, and a
//! path that is not a store says so.

mod common;

use newsgraph_store::*;

fn location(dir: &std::path::Path) -> Location {
    Location::Embedded(dir.to_path_buf())
}

#[test]
fn a_read_only_open_repairs_an_index_a_crash_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    {
        let writer = Store::open(&location(dir.path()), OpenMode::ReadWrite).unwrap();
        writer.ingest_batch(&common::corpus(6)).unwrap();
        // No flush: like a kill after the database commit, the index commit never happens.
    }
    let reader = Store::open(&location(dir.path()), OpenMode::ReadOnly).unwrap();
    let status = reader.index_status().unwrap();
    assert_eq!(status.articles, 6);
    assert_eq!(status.index_docs, Some(6), "the index caught up at open");
    assert_eq!(status.lag(), 0);
    assert_eq!(reader.stats().unwrap().ingest_running, Some(false));
    // The repair released the index writer: an ingest can start while the reader serves.
    let writer = Store::open(&location(dir.path()), OpenMode::ReadWrite).unwrap();
    drop(writer);
}

#[test]
fn stats_say_when_an_ingest_runs_and_count_its_commits() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Store::open(&location(dir.path()), OpenMode::ReadWrite).unwrap();
    writer.ingest_batch(&common::corpus(2)).unwrap();
    writer.flush().unwrap();
    let reader = Store::open(&location(dir.path()), OpenMode::ReadOnly).unwrap();
    let st = reader.stats().unwrap();
    assert_eq!(st.ingest_running, Some(true));
    assert_eq!(st.index_docs, Some(2));
    writer.ingest_batch(&common::corpus(5)).unwrap();
    writer.flush().unwrap();
    // Not stale: the reader sees the writer's latest commit at once.
    assert_eq!(reader.stats().unwrap().index_docs, Some(5));
    drop(writer);
    assert_eq!(reader.stats().unwrap().ingest_running, Some(false));
}

#[test]
fn hostile_search_parameters_are_refused_not_500() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&location(dir.path()), OpenMode::ReadWrite).unwrap();
    store.ingest_batch(&common::corpus(3)).unwrap();
    store.flush().unwrap();
    for q in ["text:*", "title:*"] {
        let req = SearchRequest {
            q: q.into(),
            ..Default::default()
        };
        match store.search(&req) {
            Err(StoreError::Invalid(m)) => assert!(m.contains("field:*"), "{m}"),
            other => panic!("{q}: {:?}", other.map(|r| r.total)),
        }
    }
    let req = SearchRequest {
        offset: usize::MAX,
        ..Default::default()
    };
    assert!(matches!(store.search(&req), Err(StoreError::Invalid(_))));
}

#[test]
fn a_file_or_a_foreign_directory_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("passwd");
    std::fs::write(&file, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    for mode in [OpenMode::ReadWrite, OpenMode::ReadOnly] {
        let err = Store::open(&location(&file), mode).err().unwrap();
        assert!(matches!(err, StoreError::NotAStore(_)), "{err}");
        assert!(err.to_string().contains("not a newsgraph store"), "{err}");
    }
    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("cat.jpg"), b"\xff\xd8").unwrap();
    let err = Store::open(&location(&foreign), OpenMode::ReadWrite)
        .err()
        .unwrap();
    assert!(err.to_string().contains("not a newsgraph store"), "{err}");
    assert!(
        !foreign.join("newsgraph.sqlite").exists(),
        "nothing written into it"
    );
    // A new or empty directory becomes a store.
    let fresh = dir.path().join("fresh");
    Store::open(&location(&fresh), OpenMode::ReadWrite).unwrap();
}
