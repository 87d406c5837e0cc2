//! One reader per corpus of `../shared/data`: the evaluations, benchmarks and training all read
//! through these, so a corpus is parsed one way everywhere.

pub mod bbc;
pub mod conll;
pub mod reuters;
pub mod standoff;
pub mod timeml;

use std::io;
use std::path::{Path, PathBuf};

/// Adds to `out` every file under `path` (or `path` itself when it is a file) whose extension is
/// one of `extensions`, walking folders recursively; the order is the file system's.
pub fn files_under(path: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            files_under(&entry?.path(), extensions, out)?;
        }
    } else if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e))
    {
        out.push(path.to_path_buf());
    }
    Ok(())
}
