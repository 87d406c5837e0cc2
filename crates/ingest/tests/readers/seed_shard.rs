//! The seed shard (../shared/samples/seed-shard.txt) must give exactly the articles of its gold file.

use std::path::PathBuf;

use newsgraph_ingest::{read_path, ReadOptions};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("samples/seed-shard.txt").exists() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared (the seed shard and its gold) is not present");
        None
    }
}

#[test]
fn seed_shard_gives_the_gold_articles_flags_and_credits() {
    let Some(shared) = shared() else { return };
    let gold: serde_json::Value = serde_json::from_slice(
        &std::fs::read(shared.join("gold/seed-shard.attribution.json")).unwrap(),
    )
    .unwrap();
    let mut articles = Vec::new();
    read_path(
        &shared.join("samples/seed-shard.txt"),
        &ReadOptions::default(),
        &mut |a| articles.push(a),
    )
    .unwrap();
    let gold_articles = gold["articles"].as_array().unwrap();
    let got: Vec<([usize; 2], bool)> = articles
        .iter()
        .map(|a| (a.source.lines, a.truncated))
        .collect();
    let want: Vec<([usize; 2], bool)> = gold_articles
        .iter()
        .map(|g| {
            let l = g["lines"].as_array().unwrap();
            (
                [
                    l[0].as_u64().unwrap() as usize,
                    l[1].as_u64().unwrap() as usize,
                ],
                g["truncated"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want);

    let reuters = &articles[0];
    let g = &gold_articles[0];
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        reuters.credits.additional_reporting,
        names(&g["additional_reporting"])
    );
    assert_eq!(reuters.credits.editing, names(&g["editing"]));
    assert_eq!(
        reuters.credits.illustration,
        vec![g["illustration_credit"].as_str().unwrap().to_string()]
    );
    // "Illustration: Yusha" and the credit line are credits, not body text.
    let body: Vec<&str> = reuters
        .body_paragraphs()
        .map(|p| p.slice(&reuters.text))
        .collect();
    assert!(!body
        .iter()
        .any(|p| p.starts_with("Illustration:") || p.starts_with("Additional reporting")));
    assert_eq!(body.len(), 36);
    // Offsets into the file: the article text is the file's bytes.
    let file = std::fs::read(shared.join("samples/seed-shard.txt")).unwrap();
    for a in &articles {
        assert_eq!(
            &file[a.source.bytes[0]..a.source.bytes[1]],
            a.text.as_bytes()
        );
    }
    for a in &articles[1..] {
        assert!(a
            .truncation_reason
            .as_deref()
            .unwrap()
            .contains("mid-sentence"));
    }
}

#[test]
fn chunked_reading_covers_every_byte_with_file_offsets() {
    let Some(shared) = shared() else { return };
    let path = shared.join("samples/seed-shard.txt");
    let file = std::fs::read(&path).unwrap();
    let opts = ReadOptions {
        text: newsgraph_ingest::TextOptions {
            chunk_bytes: 1500,
            max_line_bytes: 1400,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut articles = Vec::new();
    let report = read_path(&path, &opts, &mut |a| articles.push(a)).unwrap();
    let mut ranges: Vec<[usize; 2]> = articles.iter().map(|a| a.source.bytes).collect();
    ranges.extend(report.shard.unwrap().separators);
    ranges.sort();
    let mut pos = 0;
    for r in ranges {
        assert_eq!(r[0], pos);
        pos = r[1];
    }
    assert_eq!(pos, file.len());
    let text = String::from_utf8(file.clone()).unwrap();
    for a in &articles {
        assert_eq!(
            &file[a.source.bytes[0]..a.source.bytes[1]],
            a.text.as_bytes()
        );
        let first_line = text.lines().nth(a.source.lines[0] - 1).unwrap();
        assert!(a.text.starts_with(first_line));
    }
    assert!(articles.len() >= 5);
}
