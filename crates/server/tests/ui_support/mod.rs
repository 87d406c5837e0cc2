//! A store for the UI tests: the seed shard run through the real pipeline, plus a synthetic article
//! whose text and title carry markup that must never run.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsgraph_ingest::{read_path, ReadOptions};
use newsgraph_model::{AnalyzedArticle, Article, Source};
use newsgraph_store::{Location, OpenMode, Store};

/// A distinctive word of the hostile article, to find it by search.
pub(crate) const XSS_WORD: &str = "Quillbrook";
pub(crate) const XSS_SCRIPT: &str = "<script>window.__xss = 1; alert('xss')</script>";
pub(crate) const XSS_IMG: &str = "<img src=x onerror=\"window.__xss = 2; alert(1)\">";

/// The seed shard, or `None` (with a note) when `../shared` is absent.
pub(crate) fn seed_shard() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed-shard.txt");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "note: {} is absent: skipping the UI tests that need the seed shard",
            path.display()
        );
        None
    }
}

pub(crate) fn hostile_article() -> AnalyzedArticle {
    let text = format!(
        "{XSS_WORD} council minutes quoted a page that said {XSS_SCRIPT} and showed {XSS_IMG} to readers.\n\
         \"We never wrote <b>that</b>,\" the mayor, Anna Quill, said on Monday."
    );
    let mut article = Article::new(
        text,
        Source {
            file: "synthetic-hostile.txt".into(),
            lines: [1, 2],
            bytes: [0, 0],
        },
    );
    article.title = Some(format!("{XSS_WORD} <img src=x onerror=alert(1)> minutes"));
    article.outlet = Some("Test <Outlet>".into());
    article.url = Some("javascript:alert(1)".into());
    newsgraph_extract::pipeline::analyze(article)
}

/// Builds the test store in `dir`: the analysed seed shard plus [`hostile_article`].
pub(crate) fn build_store(dir: &Path, shard: &Path) -> Arc<Store> {
    let store = Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadWrite)
        .expect("open store");
    let mut articles = Vec::new();
    read_path(shard, &ReadOptions::default(), &mut |a| articles.push(a)).expect("read shard");
    assert!(
        articles.len() >= 2,
        "the seed shard split into {} articles",
        articles.len()
    );
    let mut analysed: Vec<AnalyzedArticle> = articles
        .into_iter()
        .map(newsgraph_extract::pipeline::analyze)
        .collect();
    analysed.push(hostile_article());
    store.ingest_batch(&analysed).expect("ingest");
    store.flush().expect("flush");
    Arc::new(store)
}
