//! `newsgraph ingest --analyzed`: loading `analyze --json` output gives the store exactly what
//! ingesting the input does (same ids, same entity resolution, same exports), loading it again
//! adds nothing, and bad lines are reported by file and line.

use std::path::{Path, PathBuf};
use std::process::Output;

use newsgraph_eval::DataDir;

fn newsgraph(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .expect("run newsgraph")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-bulk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn seed() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/demo/seed-shard.txt")
        .display()
        .to_string()
}

/// Every export of a store, concatenated.
fn exports(db: &str) -> String {
    let mut all = String::new();
    for what in ["articles", "entities", "attributions", "aggregates"] {
        let o = newsgraph(&["export", "--db", db, "--what", what]);
        assert!(o.status.success(), "{}", stderr(&o));
        all.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    all
}

/// Ingests `inputs` directly and through `analyze --json` + `ingest --analyzed`; the stores'
/// exports must be identical and a second load must add nothing.
fn same_store_both_ways(name: &str, inputs: &[&str]) {
    let d = temp(name);
    let (direct, loaded) = (d.join("direct"), d.join("loaded"));
    let (direct, loaded) = (direct.to_str().unwrap(), loaded.to_str().unwrap());
    let analyses = d.join("analyses.jsonl");
    let mut args = vec!["ingest", "--published", "2024-07-23", "--db", direct];
    args.extend_from_slice(inputs);
    let o = newsgraph(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut args = vec!["analyze", "--json", "--published", "2024-07-23"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", analyses.to_str().unwrap()]);
    let o = newsgraph(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = newsgraph(&[
        "ingest",
        "--analyzed",
        analyses.to_str().unwrap(),
        "--db",
        loaded,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (exports(direct), exports(loaded));
    assert!(a.lines().count() > 10, "{a}");
    assert!(a == b, "the exports differ after a bulk load");
    let again = newsgraph(&[
        "ingest",
        "--analyzed",
        analyses.to_str().unwrap(),
        "--db",
        loaded,
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 new article(s)"),
        "{}",
        stderr(&again)
    );
    assert!(exports(loaded) == b, "a second load changed the store");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_bulk_load_of_the_seed_analyses_equals_ingesting_the_seed() {
    same_store_both_ways("seed", &[&seed()]);
}

#[test]
fn a_bulk_load_of_bbc_politics_equals_ingesting_it() {
    let Some(data) = DataDir::for_tests("the BBC bulk-load test") else {
        return;
    };
    let seed = seed();
    let politics = data.bbc().join("politics");
    same_store_both_ways("bbc", &[&seed, politics.to_str().unwrap()]);
}

#[test]
fn bad_lines_are_reported_by_file_and_line_and_the_rest_is_loaded() {
    let d = temp("bad");
    let good = d.join("good.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        &seed(),
        "--out",
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = std::fs::read_to_string(&good)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 5);
    // Line 2: not JSON; line 4: text changed after analysis (id no longer its hash).
    let mut mixed = vec![lines[0].clone(), "{not json".to_string(), lines[1].clone()];
    mixed.push(lines[2].replacen("\"text\":\"", "\"text\":\"X", 1));
    mixed.extend(lines[3..].iter().cloned());
    let bad = d.join("mixed.jsonl");
    std::fs::write(&bad, mixed.join("\n") + "\n").unwrap();
    let db = d.join("db");
    let db = db.to_str().unwrap();

    let stop = newsgraph(&["ingest", "--analyzed", bad.to_str().unwrap(), "--db", db]);
    assert_eq!(stop.status.code(), Some(1));
    assert!(
        stderr(&stop).contains("mixed.jsonl:2:"),
        "{}",
        stderr(&stop)
    );

    let go_on = newsgraph(&[
        "ingest",
        "--analyzed",
        "--keep-going",
        bad.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(go_on.status.code(), Some(1), "{}", stderr(&go_on));
    let err = stderr(&go_on);
    assert!(err.contains("mixed.jsonl:2: not an analysis"), "{err}");
    assert!(err.contains("mixed.jsonl:4: id"), "{err}");
    assert!(err.contains("2 line(s)"), "{err}");
    let store = newsgraph_store::Store::open(
        &newsgraph_store::Location::Embedded(PathBuf::from(db)),
        newsgraph_store::OpenMode::ReadOnly,
    )
    .unwrap();
    // What was read before the bad line is stored, as an ingest does; with --keep-going the
    // other good lines follow: 4 in all.
    assert_eq!(store.stats().unwrap().articles, 4);
    let _ = std::fs::remove_dir_all(&d);
}
