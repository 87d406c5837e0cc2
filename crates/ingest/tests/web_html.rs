//! HTML extraction against the article-extraction benchmark (skipped when `../shared` is absent).

use std::path::PathBuf;

use newsgraph_ingest::web::eval::{evaluate_html, load_benchmark};
use newsgraph_ingest::web::html::{read_html_file, Extractor};

fn benchmark_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/html/article-extraction-benchmark");
    if dir.join("ground-truth.json").exists() {
        Some(dir)
    } else {
        eprintln!("note: {} not found; skipping", dir.display());
        None
    }
}

#[test]
fn benchmark_f1_beats_every_single_extractor() {
    let Some(dir) = benchmark_dir() else { return };
    let pages = load_benchmark(&dir).unwrap();
    assert_eq!(pages.len(), 181);
    let combined = evaluate_html(&pages, Extractor::Agreement);
    let s = combined.scores;
    eprintln!(
        "agreement: P={:.4} R={:.4} F1={:.4} ({:.1} pages/s debug build)",
        s.precision,
        s.recall,
        s.f1,
        s.pages as f64 / combined.seconds
    );
    assert!(s.f1 >= 0.97, "F1 {:.4} below the 0.97 goal", s.f1);
    // Metadata from the pages' own signals: most pages declare these.
    assert!(combined.with_title >= 175, "titles {}", combined.with_title);
    assert!(
        combined.with_language >= 170,
        "languages {}",
        combined.with_language
    );
    assert!(combined.with_date >= 120, "dates {}", combined.with_date);
}

#[test]
fn reads_gzipped_page_files() {
    let Some(dir) = benchmark_dir() else { return };
    let path =
        dir.join("html/098bb3e96c0acdf36efdcde45fb9cca3f8c82c7cb2071b76097a1b96155f1eb2.html.gz");
    let a = read_html_file(&path).unwrap();
    assert!(
        a.text
            .starts_with("Walt Disney Co. executive Kevin Mayer said"),
        "{}",
        &a.text[..80]
    );
    assert!(a.paragraphs.len() > 5);
    assert!(a.title.as_deref().unwrap_or("").contains("Disney"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert!(a.published.is_some());
    assert!(a.source.file.ends_with(".html.gz"));
}

#[test]
fn truncated_gzip_page_is_an_error_not_a_panic() {
    let Some(dir) = benchmark_dir() else { return };
    let path =
        dir.join("html/098bb3e96c0acdf36efdcde45fb9cca3f8c82c7cb2071b76097a1b96155f1eb2.html.gz");
    let bytes = std::fs::read(&path).unwrap();
    let tmp =
        std::env::temp_dir().join(format!("newsgraph-web-cut-{}.html.gz", std::process::id()));
    std::fs::write(&tmp, &bytes[..bytes.len() / 2]).unwrap();
    let err = read_html_file(&tmp).unwrap_err();
    std::fs::remove_file(&tmp).ok();
    assert!(err.to_string().contains("gzip"), "{err}");
}
