//! `newsgraph eval entities`: argument parsing and printing around [`crate::entities`].

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use newsgraph_store::{Location, OpenMode, Store};

use crate::corpus::bbc;
use crate::entities::{evaluate, fresh_store, gold_files, load_gold, system_from_store};
use crate::DataDir;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (format in tests/gold/entities/GUIDE.md).
    #[arg(long, default_value = "tests/gold/entities/bbc-politics.tsv")]
    pub gold: PathBuf,
    /// Score this existing store (e.g. the demo's) instead of a fresh store of the gold articles.
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// With a fresh store: run `reindex --entities` on it before scoring.
    #[arg(long)]
    pub reindex: bool,
    /// BBC News folder; default: the shared data's `news/bbc`.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Print the stored mentions of the first N politics articles as gold lines to correct
    /// (the pre-fill the guide describes), instead of scoring.
    #[arg(long, value_name = "N")]
    pub prefill: Option<usize>,
}

/// Runs `newsgraph eval entities`.
pub(super) fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    let bbc_dir = args
        .data
        .clone()
        .unwrap_or_else(|| DataDir::resolve(None).bbc());
    if let Some(n) = args.prefill {
        return prefill(&bbc_dir, n);
    }
    let gold = load_gold(&args.gold)?;
    let files = gold_files(&gold);
    let tmp = std::env::temp_dir().join(format!("newsgraph-eval-entities-{}", std::process::id()));
    let store = match &args.db {
        Some(db) => Store::open(&Location::Embedded(db.clone()), OpenMode::ReadOnly)
            .with_context(|| format!("opening {}", db.display()))?,
        None => {
            let articles = files
                .iter()
                .map(|f| {
                    let (section, _) = f.split_once('/').unwrap_or(("politics", f));
                    bbc::read_file(&bbc_dir.join(f), section)
                        .with_context(|| format!("reading {}", bbc_dir.join(f).display()))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            fresh_store(&articles, &tmp, args.reindex)?
        }
    };
    let system = system_from_store(&store, &files)?;
    drop(store);
    let _ = std::fs::remove_dir_all(&tmp);
    let report = evaluate(&gold, &system);
    println!(
        "== entities: {} articles, {}",
        files.len(),
        args.gold.display()
    );
    print!("{}", report.summary());
    Ok(())
}

/// Pre-fill lines for the first `n` politics articles: the current system's mentions with its
/// entity name as a provisional cluster, to be corrected by reading the articles.
fn prefill(bbc_dir: &std::path::Path, n: usize) -> anyhow::Result<()> {
    let articles: Vec<_> = bbc::read_sections(bbc_dir, &["politics"])?
        .into_iter()
        .take(n)
        .collect();
    let tmp = std::env::temp_dir().join(format!("newsgraph-prefill-{}", std::process::id()));
    let store = fresh_store(&articles, &tmp, false)?;
    let files: Vec<String> = articles
        .iter()
        .map(|a| format!("politics/{:03}.txt", a.number))
        .collect();
    let system = system_from_store(&store, &files)?;
    drop(store);
    let _ = std::fs::remove_dir_all(&tmp);
    for f in &files {
        for m in system.get(f).into_iter().flatten() {
            println!(
                "{f}\t{}\t{}\t{}\t{}",
                m.start,
                m.end,
                m.text.replace(['\t', '\n'], " "),
                m.entity_name
            );
        }
    }
    Ok(())
}
