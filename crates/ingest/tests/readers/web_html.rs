//! Reading pages of the article-extraction benchmark (skipped when `../shared` is absent); its
//! F1 is pinned in the eval crate's tests.

use std::path::PathBuf;

use newsgraph_ingest::web::html::read_html_file;

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
