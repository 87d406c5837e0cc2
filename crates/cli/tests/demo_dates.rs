//! The demo store is dated out of the box: with ../shared present, `newsgraph demo` adds the
//! Reuters-21578 wire set with each story's `<DATE>` as its publication date, so date filters and
//! sorting by date have something to work on (the seed shard keeps its 2024-07-23).

use std::process::Command;

use newsgraph_eval::DataDir;
use newsgraph_store::{Location, OpenMode, SearchRequest, Store};

#[test]
fn the_demo_store_has_dated_wire_stories() {
    if DataDir::for_tests("the demo's dated wire set").is_none() {
        return;
    }
    let db = std::env::temp_dir().join(format!("newsgraph-demo-dates-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&db);
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(["demo", "--no-serve", "--bbc", "false", "--db"])
        .arg(&db)
        .output()
        .expect("run newsgraph demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&Location::Embedded(db.clone()), OpenMode::ReadOnly).unwrap();
    let search = |from: &str, to: &str, sort: &str| {
        store
            .search(&SearchRequest {
                from: Some(from.into()).filter(|f: &String| !f.is_empty()),
                to: Some(to.into()).filter(|t: &String| !t.is_empty()),
                sort: Some(sort.into()),
                limit: Some(5),
                ..Default::default()
            })
            .unwrap()
    };
    // The wire set: a few hundred stories of 1987, each with its date.
    let wire = search("1987-01-01", "1987-12-31", "oldest");
    assert!((200..=300).contains(&wire.total), "{}", wire.total);
    let dates: Vec<&str> = wire
        .hits
        .iter()
        .filter_map(|h| h.published.as_deref())
        .collect();
    assert_eq!(dates.len(), wire.hits.len(), "every wire story is dated");
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("1987-")), "{dates:?}");
    // Sorted by date, newest first: the seed shard of 2024 before the wire of 1987.
    let newest = search("", "", "newest");
    let first = newest.hits.first().and_then(|h| h.published.as_deref());
    assert!(
        first.is_some_and(|d| d.starts_with("2024-07-23")),
        "{first:?}"
    );
    let _ = std::fs::remove_dir_all(&db);
}
