//! `newsgraph analyze` end to end: the JSON contract, bad input, --keep-going, exit codes, --out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .expect("run newsgraph")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const GOOD: &str = "LONDON, July 23 (Reuters) - British inflation fell to its lowest level in three years, official figures showed on Wednesday.\nThe figures surprised economists, who had expected a smaller fall.\n";

#[test]
fn json_output_has_every_contract_field() {
    let d = tmpdir("json");
    let f = d.join("a.txt");
    std::fs::write(&f, GOOD).unwrap();
    let o = newsgraph(&["analyze", "--json", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = String::from_utf8(o.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    for key in [
        "id",
        "source",
        "text",
        "title",
        "outlet",
        "url",
        "language",
        "cluster",
        "published",
        "truncated",
        "credits",
        "entities",
        "attributions",
        "sourcing",
        "dates",
        "figures",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["source"]["lines"], serde_json::json!([1, 2]));
    assert_eq!(v["source"]["bytes"][0], 0);
}

#[test]
fn published_flag_fills_undated_articles() {
    let d = tmpdir("published");
    let f = d.join("a.txt");
    std::fs::write(
        &f,
        "The committee met again and agreed nothing, members said afterwards.\n",
    )
    .unwrap();
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--published",
        "2024-07-23",
        f.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["published"],
        serde_json::json!({"value": "2024-07-23", "from": "cli"})
    );
}

#[test]
fn bad_inputs_are_named_with_their_position() {
    let d = tmpdir("bad");
    let bin = d.join("image.txt");
    std::fs::write(&bin, b"GIF89a\x00\x01\x02").unwrap();
    // Real UTF-8 ("é") with one broken byte: not a legacy encoding, an error with its position.
    let utf8 = d.join("broken-utf8.txt");
    std::fs::write(&utf8, b"First line \xc3\xa9.\nCaf\xe9 au lait.\n").unwrap();
    // Latin-1 throughout: detected and decoded (issue 13), its encoding recorded.
    let latin1 = d.join("latin1.txt");
    std::fs::write(&latin1, b"First line.\nCaf\xe9 au lait.\n").unwrap();
    let empty = d.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let huge = d.join("huge.txt");
    std::fs::write(&huge, "word ".repeat(1_000_000)).unwrap();

    let o = newsgraph(&["analyze", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("image.txt") && stderr(&o).contains("binary"),
        "{}",
        stderr(&o)
    );

    let o = newsgraph(&["analyze", utf8.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("broken-utf8.txt: invalid UTF-8 at byte 18 (line 2)"),
        "{}",
        stderr(&o)
    );
    let o = newsgraph(&["analyze", "--lossy", "--json", utf8.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Caf\u{FFFD} au lait"));
    let o = newsgraph(&["analyze", "--json", latin1.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Caf\u{e9} au lait"), "{out}");
    assert!(out.contains("windows-1252"), "{out}");

    let o = newsgraph(&["analyze", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("empty.txt: empty file"),
        "{}",
        stderr(&o)
    );

    let o = newsgraph(&["analyze", huge.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("huge.txt: line 1"), "{}", stderr(&o));

    let missing = d.join("missing.txt");
    let o = newsgraph(&["analyze", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
}

#[test]
fn keep_going_processes_the_rest_and_still_fails() {
    let d = tmpdir("keep");
    std::fs::write(d.join("a-bad.txt"), b"\xff\xfe\x00binary").unwrap();
    std::fs::write(d.join("b-good.txt"), GOOD).unwrap();
    std::fs::write(
        d.join("c-records.jsonl"),
        "{\"text\":\"One good record.\"}\n{not json\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    let dir = d.to_str().unwrap();

    let o = newsgraph(&["analyze", "--json", dir]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "without --keep-going the first bad input stops the run"
    );

    let o = newsgraph(&["analyze", "--json", "--keep-going", dir]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(
        out.lines().count(),
        2,
        "the good shard and the good record: {out}"
    );
    let err = stderr(&o);
    assert!(err.contains("a-bad.txt"), "{err}");
    assert!(err.contains("c-records.jsonl: line 2"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("loop"), "{err}");
}

#[test]
fn a_ner_model_that_cannot_be_loaded_is_named() {
    let d = tmpdir("model");
    let f = d.join("a.txt");
    std::fs::write(&f, GOOD).unwrap();
    let model = d.join("not-a-model.bin.gz");
    std::fs::write(&model, b"plain text, not a model").unwrap();
    let o = newsgraph(&[
        "analyze",
        "--ner-model",
        model.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not-a-model.bin.gz"), "{}", stderr(&o));
}

#[test]
fn bad_usage_exits_2() {
    let o = newsgraph(&["analyze", "--published", "yesterday", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = newsgraph(&["analyze", "--format", "pdf", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn out_file_is_written_whole_or_not_at_all() {
    let d = tmpdir("out");
    let good = d.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = d.join("result.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--out",
        out.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);

    let bad = d.join("bad.txt");
    std::fs::write(&bad, b"").unwrap();
    let out2 = d.join("never.jsonl");
    let o = newsgraph(&[
        "analyze",
        "--json",
        "--out",
        out2.to_str().unwrap(),
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !Path::new(&out2).exists(),
        "a failed run leaves no half-written output"
    );
}

#[test]
fn seed_shard_gives_five_articles() {
    let seed =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed-shard.txt");
    if !seed.exists() {
        eprintln!("skipped: ../shared/samples/seed-shard.txt is not present");
        return;
    }
    let o = newsgraph(&["analyze", "--json", seed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let arts: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lines: Vec<_> = arts.iter().map(|a| a["source"]["lines"].clone()).collect();
    assert_eq!(
        lines,
        vec![
            serde_json::json!([1, 38]),
            serde_json::json!([39, 39]),
            serde_json::json!([40, 40]),
            serde_json::json!([41, 41]),
            serde_json::json!([42, 42])
        ]
    );
    let truncated: Vec<bool> = arts
        .iter()
        .map(|a| a["truncated"].as_bool().unwrap())
        .collect();
    assert_eq!(truncated, [false, true, true, true, true]);
}

/// `analyze -` reads standard input (issue 18's stream contract) and writes JSON Lines.
#[test]
fn analyze_reads_standard_input() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["analyze", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("newsgraph runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"text\": \"Mr Smith said the plan was fine.\", \"id\": \"a\"}\n{\"text\": \"The mayor said no.\"}\n")
        .expect("written");
    let out = child.wait_with_output().expect("finished");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["file"], "<stdin>");
    assert_eq!(lines[0]["attributions"][0]["speaker"]["text"], "Mr Smith");
}
