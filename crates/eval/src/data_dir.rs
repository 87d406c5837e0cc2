//! Where the shared data sets live, resolved once.
//!
//! Every evaluation, benchmark and data-backed test reads the corpora described in
//! `../shared/DATA.md`. [`DataDir`] finds that folder one way for all of them: the `NEWSGRAPH_DATA`
//! environment variable when set, else `../shared/data` from the working directory, else
//! `../shared/data` beside the workspace (so `cargo test` finds it from any crate).

use std::path::{Path, PathBuf};

/// The environment variable that overrides where the shared data sets are.
pub const DATA_ENV: &str = "NEWSGRAPH_DATA";

/// The root of the shared data sets (`…/shared/data`), with a path for each corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory at `root` (not checked).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// The data directory from `NEWSGRAPH_DATA`, the working directory or the workspace, if any
    /// of them exists.
    pub fn discover() -> Option<Self> {
        Self::candidates()
            .into_iter()
            .find(|p| p.is_dir())
            .map(Self::new)
    }

    /// `explicit` when given, else [`DataDir::discover`], else the conventional `../shared/data`
    /// (so an error message names the path that was looked for).
    pub fn resolve(explicit: Option<&Path>) -> Self {
        match explicit {
            Some(p) => Self::new(p),
            None => Self::discover().unwrap_or_else(|| Self::new("../shared/data")),
        }
    }

    /// For tests that need the data: the directory, or `None` with a note on stderr that the
    /// test is skipped (a new user has no `../shared`; CI always has it).
    pub fn for_tests(what: &str) -> Option<Self> {
        let found = Self::discover();
        if found.is_none() {
            eprintln!("note: ../shared/data absent, {what} skipped");
        }
        found
    }

    fn candidates() -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(env) = std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()) {
            out.push(PathBuf::from(env));
        }
        out.push(PathBuf::from("../shared/data"));
        out.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
        out
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `news/`: the folder holding `bbc/` and `reuters21578/`.
    pub fn news(&self) -> PathBuf {
        self.root.join("news")
    }

    /// BBC News, `bbc/<section>/NNN.txt`.
    pub fn bbc(&self) -> PathBuf {
        self.news().join("bbc")
    }

    /// Reuters-21578, `reut2-*.sgm`.
    pub fn reuters(&self) -> PathBuf {
        self.news().join("reuters21578")
    }

    /// A CoNLL-2003 file (`eng.train`, `eng.testa`, `eng.testb`).
    pub fn conll2003(&self, file: &str) -> PathBuf {
        self.root.join("ner/conll2003").join(file)
    }

    /// The article-extraction benchmark (`ground-truth.json`, `html/*.html.gz`).
    pub fn html_benchmark(&self) -> PathBuf {
        self.root.join("html/article-extraction-benchmark")
    }

    /// The WCXB dev article pages (`html/<id>.html.gz`, `ground-truth/<id>.json`).
    pub fn html_wcxb(&self) -> PathBuf {
        self.root.join("html/wcxb-dev-articles")
    }

    /// PolNeAR (brat standoff, train and dev splits).
    pub fn polnear(&self) -> PathBuf {
        self.root.join("attribution/polnear")
    }

    /// TimeBank + AQUAINT in TimeML (TBAQ-cleaned).
    pub fn tbaq(&self) -> PathBuf {
        self.root.join("temporal/tbaq-cleaned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_paths_hang_off_the_root() {
        let d = DataDir::new("/data");
        assert_eq!(d.bbc(), PathBuf::from("/data/news/bbc"));
        assert_eq!(d.reuters(), PathBuf::from("/data/news/reuters21578"));
        assert_eq!(
            d.conll2003("eng.testb"),
            PathBuf::from("/data/ner/conll2003/eng.testb")
        );
    }

    #[test]
    fn an_explicit_path_wins() {
        let d = DataDir::resolve(Some(Path::new("/elsewhere")));
        assert_eq!(d.root(), Path::new("/elsewhere"));
    }
}
