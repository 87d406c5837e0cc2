//! The Spark job (`deploy/spark/newsgraph_spark.py`) in `local[2]` on the seed shard, the BBC
//! News business section (510 articles) and a JSON Lines file with one bad record, run through a
//! newsgraph wrapper whose first start crashes:
//!
//! - every article's JSON equals `newsgraph analyze --json` on the same inputs (the input path in
//!   `source.file` as the URI Spark read it; near-duplicate clusters are assigned within a
//!   partition, so an article may head its own cluster where one run saw an earlier duplicate);
//! - the crashed partition is retried and nothing is lost;
//! - the bad record is reported in OUT/errors with its file and line, and the run goes on;
//! - the aggregates equal `newsgraph export --what aggregates` of a store that ingested the same
//!   inputs.
//!
//! Skips with a note when pyspark (`spark-submit`) or `../shared` is absent (`.ci/python.sh`
//! installs pyspark).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsgraph_eval::DataDir;
use serde_json::Value;

const PUBLISHED: &str = "2024-07-23";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// `spark-submit` when it is on PATH, pyspark imports and Java runs.
fn spark_submit() -> Option<PathBuf> {
    let runs = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let imports = runs("python3", &["-c", "import pyspark"]) && runs("java", &["-version"]);
    let path = std::env::var_os("PATH")?;
    let submit = std::env::split_paths(&path)
        .map(|d| d.join("spark-submit"))
        .find(|p| p.is_file())?;
    imports.then_some(submit)
}

fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .expect("run newsgraph")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A JSON Lines input of three records, the second malformed.
fn records(dir: &Path) -> PathBuf {
    let good = |outlet: &str, date: &str, body: &str| {
        serde_json::json!({"outlet": outlet, "published": date, "title": "Talks", "text": body})
            .to_string()
    };
    let lines = [
        good(
            "Test Wire",
            "2024-05-02",
            "Ministers met in London on Tuesday.\n“We are worried,” said one official, who spoke on condition of anonymity because the talks were private.\nThe Treasury declined to comment.",
        ),
        "{\"text\": \"an unterminated record".to_string(),
        good(
            "Test Wire",
            "2024-06-11",
            "Prime Minister Keir Starmer said the talks with the European Union would go on, according to a government statement.",
        ),
    ];
    let path = dir.join("records.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write records");
    path
}

/// A newsgraph whose first start (of all tasks) crashes; every start is logged in `runs`.
fn flaky_binary(dir: &Path) -> (PathBuf, PathBuf) {
    let runs = dir.join("runs.log");
    let script = dir.join("flaky-newsgraph.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho start >> '{runs}'\nif mkdir '{lock}' 2>/dev/null; then echo 'simulated crash' >&2; exit 101; fi\nexec '{bin}' \"$@\"\n",
            runs = runs.display(),
            lock = dir.join("crashed-once").display(),
            bin = env!("CARGO_BIN_EXE_newsgraph"),
        ),
    )
    .expect("write wrapper");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("chmod wrapper");
    }
    (script, runs)
}

/// Every line of the part files under `dir`, parsed.
fn part_lines(dir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .expect("read part file")
                .lines()
                .map(|l| serde_json::from_str(l).expect("a JSON line"))
                .collect::<Vec<Value>>()
        })
        .collect()
}

/// Articles by (source file, first byte), the file given as a plain path.
fn by_source(articles: Vec<Value>) -> BTreeMap<(String, u64), Value> {
    articles
        .into_iter()
        .map(|mut a| {
            let file = a["source"]["file"].as_str().unwrap_or("").to_string();
            let file = file.strip_prefix("file:").unwrap_or(&file).to_string();
            a["source"]["file"] = Value::String(file.clone());
            let byte = a["source"]["bytes"][0].as_u64().unwrap_or(0);
            ((file, byte), a)
        })
        .collect()
}

/// Spark's articles equal one run's, but for clusters Spark could not see across partitions.
fn assert_same_articles(spark: Vec<Value>, single: Vec<Value>) {
    let (spark, single) = (by_source(spark), by_source(single));
    assert_eq!(
        spark.keys().collect::<Vec<_>>(),
        single.keys().collect::<Vec<_>>(),
        "the same articles from the same inputs"
    );
    let mut own_cluster = 0;
    for (key, s) in &spark {
        let mut s = s.clone();
        let mut one = single[key].clone();
        if s["cluster"] != one["cluster"] {
            // Heads its own cluster in its partition; one run had seen a near-duplicate before it.
            assert_eq!(s["cluster"]["id"], s["id"], "{key:?}");
            assert_ne!(one["cluster"]["id"], one["id"], "{key:?}");
            own_cluster += 1;
            s["cluster"] = Value::Null;
            one["cluster"] = Value::Null;
        }
        assert_eq!(s, one, "article {key:?} differs");
    }
    eprintln!(
        "spark: {} articles equal to analyze --json ({own_cluster} head their own cluster in their partition)",
        spark.len()
    );
}

/// Aggregate rows by table, each row a canonical string (shares to 12 decimals).
fn canonical(rows: Vec<Value>) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for mut r in rows {
        let table = r["table"].as_str().unwrap_or("").to_string();
        if let Some(obj) = r.as_object_mut() {
            obj.remove("table");
            if let Some(share) = obj.get("share").and_then(Value::as_f64) {
                obj.insert("share".into(), Value::String(format!("{share:.12}")));
            }
        }
        out.entry(table).or_default().push(r.to_string());
    }
    for rows in out.values_mut() {
        rows.sort();
    }
    out
}

fn assert_same_aggregates(spark_out: &Path, store_export: &str) {
    let mut spark_rows = Vec::new();
    for table in newsgraph_store::aggregates::AGGREGATE_TABLES {
        for mut r in part_lines(&spark_out.join("aggregates_json").join(table)) {
            r["table"] = Value::String((*table).into());
            spark_rows.push(r);
        }
    }
    let store_rows: Vec<Value> = store_export
        .lines()
        .map(|l| serde_json::from_str(l).expect("an aggregate row"))
        .collect();
    let (spark, store) = (canonical(spark_rows), canonical(store_rows));
    for table in newsgraph_store::aggregates::AGGREGATE_TABLES {
        let (a, b) = (&spark[*table], &store[*table]);
        let only_spark: Vec<&String> = a.iter().filter(|r| !b.contains(r)).take(5).collect();
        let only_store: Vec<&String> = b.iter().filter(|r| !a.contains(r)).take(5).collect();
        assert!(
            a == b,
            "{table}: {} rows from Spark, {} from the store; only in Spark: {only_spark:#?}; only in the store: {only_store:#?}",
            a.len(),
            b.len()
        );
        assert!(!a.is_empty(), "{table} is empty");
        eprintln!("spark: {table}: {} rows equal to the store's", a.len());
    }
}

#[test]
fn spark_job_equals_one_machine_and_the_store() {
    let Some(data) = DataDir::for_tests("the Spark job test") else {
        return;
    };
    let Some(submit) = spark_submit() else {
        eprintln!("note: pyspark (spark-submit) or Java not installed; skipping the Spark job test (see .ci/python.sh)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("newsgraph-spark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let seed = workspace().join("data/demo/seed-shard.txt");
    let bbc = data
        .bbc()
        .join("business")
        .canonicalize()
        .expect("BBC business");
    let bad = records(&dir);
    let inputs: Vec<String> = [&seed, &bbc, &bad]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let (flaky, runs) = flaky_binary(&dir);
    let out = dir.join("out");

    let job = workspace().join("deploy/spark/newsgraph_spark.py");
    let started = std::time::Instant::now();
    let spark = Command::new(&submit)
        // Two cores; a task may fail twice (local mode retries nothing by default).
        .args(["--master", "local[2,2]", "--conf", "spark.ui.enabled=false"])
        .arg(&job)
        .args(["--newsgraph", &flaky.display().to_string()])
        .args([
            "--published",
            PUBLISHED,
            "--aggregates-json",
            "--articles-parquet",
        ])
        .args(["--output", &out.display().to_string()])
        .args(&inputs)
        .output()
        .expect("run spark-submit");
    eprintln!(
        "spark: the job took {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        spark.status.success(),
        "spark-submit failed:\n{}",
        text(&spark)
    );

    // The crashed start was retried (had it not been, its partition's articles would be missing
    // below, or the job would have failed).
    let starts = std::fs::read_to_string(&runs)
        .expect("the wrapper ran")
        .lines()
        .count();
    assert!(starts >= 2, "newsgraph started {starts} time(s)");
    assert!(out.join("articles_parquet/_SUCCESS").is_file());

    // The bad record is reported with its file and line; its neighbours are analysed.
    let errors = part_lines(&out.join("errors"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let message = errors[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("records.jsonl") && message.contains("line 2"),
        "{message}"
    );

    let mut args = vec![
        "analyze",
        "--json",
        "--keep-going",
        "--published",
        PUBLISHED,
    ];
    args.extend(inputs.iter().map(String::as_str));
    let single = newsgraph(&args);
    assert_eq!(single.status.code(), Some(1), "{}", text(&single));
    let single: Vec<Value> = String::from_utf8_lossy(&single.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(single.len() > 500, "{} articles", single.len());
    assert_same_articles(part_lines(&out.join("articles")), single);

    let db = dir.join("store").display().to_string();
    let mut args = vec![
        "ingest",
        "--keep-going",
        "--published",
        PUBLISHED,
        "--db",
        &db,
    ];
    args.extend(inputs.iter().map(String::as_str));
    let ingest = newsgraph(&args);
    assert_eq!(ingest.status.code(), Some(1), "{}", text(&ingest));
    let export = newsgraph(&["export", "--db", &db, "--what", "aggregates"]);
    assert!(export.status.success(), "{}", text(&export));
    assert_same_aggregates(&out, &String::from_utf8_lossy(&export.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}
